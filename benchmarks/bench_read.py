"""Read-speed benchmark: a large attendance workbook read with calamine and with openpyxl.

Run: .venv/bin/python benchmarks/bench_read.py [ROWS]   (default 100 000 rows)
Builds the workbook in a temporary folder (openpyxl write-only mode), reads its sheet with
`pd.read_excel(engine=...)` for both engines, prints both times and their ratio, and then times
the whole `load_attendance` (which uses calamine). Not run by the tests.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from kuanalys import load_attendance
from kuanalys.organisations import ORGANISATIONS
from kuanalys.spec import ATTENDANCE_LONG


def build_workbook(path: Path, rows: int, seed: int = 2019) -> Path:
    """Write a long-layout attendance workbook with `rows` data rows (unique meetings) and return its path."""
    rng = random.Random(seed)
    orgs = list(ORGANISATIONS.values())
    networks = [f"Nätverk {i:02d}" for i in range(1, 41)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Närvaro")
    ws.append([c.header for c in ATTENDANCE_LONG.columns])
    start = dt.datetime(2015, 1, 1)
    written = 0
    day = 0
    while written < rows:
        date = start + dt.timedelta(days=day % 3000)
        for network in networks:
            fmt = rng.choice(("fysiskt", "digitalt", "hybrid"))
            for org in orgs:
                if written >= rows:
                    break
                ws.append([date, network, org, "Ja" if rng.random() < 0.8 else "Nej", 1 + day // 3000, fmt, None])
                written += 1
        day += 1
    wb.save(path)
    return path


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main(rows: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_workbook(Path(tmp) / "narvaro_bench.xlsx", rows)
        print(f"{rows} rader, {path.stat().st_size / 1e6:.1f} MB")
        t_cal, df_cal = timed(lambda: pd.read_excel(path, engine="calamine", header=None, dtype=object))
        t_opx, df_opx = timed(lambda: pd.read_excel(path, engine="openpyxl", header=None, dtype=object))
        print(f"calamine: {t_cal:.2f} s  openpyxl: {t_opx:.2f} s  kvot: {t_opx / t_cal:.1f}×  (samma form: {df_cal.shape == df_opx.shape})")
        t_load, frame = timed(lambda: load_attendance(path))
        print(f"load_attendance (calamine, tolkning och validering): {t_load:.2f} s, {len(frame)} rader")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
