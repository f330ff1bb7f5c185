"""environment.yml (for conda users) must list the same dependencies as pyproject.toml."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;:]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(req: str) -> str:
    return req.strip().replace(" ", "")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r): _spec(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in env
    listed = env.split("dependencies:", 1)[1]
    deps = {}
    for line in listed.splitlines():
        m = re.match(r"^\s{2}-\s+([A-Za-z0-9_.\-]+.*)$", line)
        if m and _name(m.group(1)) not in ("python", "pip"):
            deps[_name(m.group(1))] = _spec(m.group(1))
    assert deps == wanted


def test_lock_file_pins_every_dependency():
    """requirements/lock.txt (what make and CI install) pins every dependency of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    pinned = {_name(line) for line in lock.splitlines() if re.match(r"^[A-Za-z0-9]", line) and "==" in line}
    assert wanted - pinned == set()
