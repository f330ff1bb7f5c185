"""Loaders: read input workbooks into tidy, validated frames.

Each `load_*(path)` runs `safety.preflight`, collects every problem in the workbook and raises
`InputError` if any is an error; warnings are kept in `df.attrs["warnings"]`. `load_all(dir)`
reads a whole folder by the file-name convention and returns a `Dataset`; `read_all(dir)`
does the same without raising and returns the problems too.
"""

from kuanalys.loaders.activities import load_activities
from kuanalys.loaders.attendance import load_attendance
from kuanalys.loaders.comments import load_comments
from kuanalys.loaders.courses import load_courses
from kuanalys.loaders.folder import load_all, read_all
from kuanalys.loaders.funds import load_funds
from kuanalys.loaders.grants import load_grants
from kuanalys.loaders.indicators import load_indicators
from kuanalys.loaders.networks import load_networks, load_networks_with_history
from kuanalys.loaders.projects import load_projects
from kuanalys.loaders.settings import load_settings
from kuanalys.loaders.staff import load_staff
from kuanalys.loaders.survey import load_survey

__all__ = [
    "load_activities",
    "load_settings",
    "load_staff",
    "load_all",
    "load_attendance",
    "load_comments",
    "load_courses",
    "load_funds",
    "load_grants",
    "load_indicators",
    "load_networks",
    "load_networks_with_history",
    "load_projects",
    "load_survey",
    "read_all",
]
