"""CPU use over time of one command and its processes (Linux /proc), to see where a run waits.

    .venv/bin/python bench/cpu_timeline.py [--step 0.1] -- kuanalys report --jobs 2 ...

Every `step` seconds it prints how many cores the machine used, and how many of them went to
the command's main process, its children (the notebook workers) and grandchildren (their
kernels). At the end: wall time, the core-seconds left idle, and how long the main process ran
alone. This is how issue 7's figure 3 was analysed (bench/RESULTS.md); it measures, it asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
ROLES = ("huvudprocess", "arbetsprocesser", "kärnor")


def machine_ticks() -> tuple[int, int]:
    """Return (all, idle) CPU ticks of the machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(values), values[3] + values[4]


def process_ticks() -> dict[int, tuple[int, int]]:
    """Return {pid: (parent pid, user + system ticks)} of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            rest = stat[stat.rindex(")") + 2 :].split()
            found[int(entry.name)] = (int(rest[1]), int(rest[11]) + int(rest[12]))
    return found


def role_of(pid: int, root: int, parents: dict[int, int]) -> int | None:
    """0 for the root, 1 for its children, 2 for deeper descendants, None for others."""
    depth = 0
    while pid != root:
        pid = parents.get(pid, 0)
        depth += 1
        if pid <= 1 or depth > 8:
            return None
    return min(depth, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=float, default=0.1, help="sekunder mellan mätningarna")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="kommandot, efter --")
    args = parser.parse_args(argv)
    command = [c for c in args.command if c != "--"] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("ange kommandot efter --")
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: dict[int, tuple[int, int]] = {}  # pid -> (parent, ticks at the last sample)
    last_machine, last_time = machine_ticks(), time.perf_counter()
    idle_core_seconds = alone = 0.0
    print(f"{'s':>6} {'kärnor':>6}  " + "  ".join(f"{r:>15}" for r in ROLES))
    while proc.poll() is None:
        time.sleep(args.step)
        machine, now_time = machine_ticks(), time.perf_counter()
        interval, last_time = now_time - last_time, now_time
        total, idle = machine[0] - last_machine[0], machine[1] - last_machine[1]
        last_machine = machine
        now = process_ticks()
        parents = {pid: parent for pid, (parent, _) in now.items()}
        used = [0, 0, 0]
        for pid, (parent, ticks) in now.items():
            role = role_of(pid, proc.pid, parents)
            if role is None:
                continue
            used[role] += ticks - seen.get(pid, (parent, 0))[1]  # a new process: all its ticks are new
            seen[pid] = (parent, ticks)
        busy = cores * (1 - idle / total) if total else 0.0
        shares = [u / TICKS / interval for u in used]
        idle_core_seconds += max(cores - busy, 0.0) * interval
        if shares[0] > 0.5 and shares[1] + shares[2] < 0.2:
            alone += interval
        print(f"{time.perf_counter() - started:6.2f} {busy:6.1f}  " + "  ".join(f"{s:15.1f}" for s in shares))
    wall = time.perf_counter() - started
    print(
        f"\nVäggtid {wall:.2f} s, outnyttjad kärntid {idle_core_seconds:.2f} kärnsekunder av {cores * wall:.1f}, "
        f"huvudprocessen ensam {alone:.1f} s. Slutkod {proc.returncode}."
    )
    return proc.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
