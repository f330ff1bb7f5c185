"""Exploration kit for analysts: tidy histories across all years and the questions they answer.

`history` builds the tidy frames, `attendance` and `survey` answer the questions with tidy
frames, `figures` draws them with Swedish labels, `views` puts controls on them in JupyterLab.
"""

from kuanalys.explore.attendance import (
    ShiftShare,
    absences_in_row,
    below_target_in_row,
    compare_periods,
    kommun_network_matrix,
    network_targets_history,
    select,
    trend,
)
from kuanalys.explore.history import attendance_history, course_history, survey_history, tertials
from kuanalys.explore.survey import survey_shares
from kuanalys.explore.text import driver_sentence

__all__ = [
    "ShiftShare",
    "absences_in_row",
    "attendance_history",
    "below_target_in_row",
    "compare_periods",
    "course_history",
    "driver_sentence",
    "kommun_network_matrix",
    "network_targets_history",
    "select",
    "survey_history",
    "survey_shares",
    "tertials",
    "trend",
]
