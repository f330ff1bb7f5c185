"""Used by `bench/run.py --source DIR` only: drop the editable install's import finder, which
comes before PYTHONPATH, so that the measured processes (and their kernels) import kuanalys
from DIR."""

import sys

sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
