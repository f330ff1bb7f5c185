"""Loaders: read input workbooks into tidy, validated frames.

Each `load_*(path)` runs `safety.preflight`, collects every problem in the workbook and raises
`InputError` if any is an error; warnings are kept in `df.attrs["warnings"]`. `load_all(dir)`
reads a whole folder by the file-name convention and returns a `Dataset`.
"""

from kuanalys.loaders.attendance import load_attendance
from kuanalys.loaders.comments import load_comments
from kuanalys.loaders.grants import load_grants
from kuanalys.loaders.networks import load_networks

__all__ = ["load_attendance", "load_comments", "load_grants", "load_networks"]
