#!/usr/bin/env python3
"""Set-up in one command, with only Python 3.11+ installed.

    python3 dev.py run [kiosk options]   install into .venv and open the kiosk
    python3 dev.py test [pytest options] install into .venv, lint, type-check, test

Standard library only, so it runs before anything is installed. The
virtual environment lives in ``.venv`` beside this file. It gets exactly the
versions in the lock ``requirements/dev.txt`` (checked against its hashes;
``requirements/lock.sh`` remakes it), then the project itself, editable and
without dependencies. It is reinstalled only when ``pyproject.toml`` or the
lock changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
LOCK = ROOT / "requirements" / "dev.txt"


def ensure_venv() -> None:
    """Create .venv and install the locked dependencies and the project when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py must run on any python3
        sys.exit(f"dev.py: Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.read_bytes())
    stamp = VENV / f".installed-{digest.hexdigest()[:16]}"
    if stamp.exists():
        return
    if PYTHON.exists() and any(VENV.glob(".installed-*")):
        # Made fresh, not upgraded in place: upgrading PySide6 6.9 to 6.12 in
        # place lost QtPdf (it moved between PySide6 distributions).
        print(f"dev.py: the lock changed; making {VENV} anew", flush=True)
        shutil.rmtree(VENV)
    if not PYTHON.exists():
        print(f"dev.py: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    print(f"dev.py: installing {LOCK.relative_to(ROOT).as_posix()} into {VENV}", flush=True)
    run([*pip, "--require-hashes", "-r", str(LOCK)])
    # The lock already holds every dependency and the build backend, so the
    # project goes in without either being resolved or fetched again.
    print("dev.py: installing the project (editable)", flush=True)
    run([*pip, "--no-deps", "--no-build-isolation", "-e", "."])
    stamp.touch()


def run(command: list[str]) -> None:
    """Run a command from the repo root; stop with its exit code on failure."""
    done = subprocess.run(command, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(done.returncode)


def main(argv: list[str]) -> int:
    """Dispatch ``run`` or ``test``."""
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv()
    if command == "run":
        return subprocess.call([str(BIN / "kiosk"), *rest], cwd=ROOT)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print("dev.py: ruff", flush=True)
    run([str(PYTHON), "-m", "ruff", "check", "."])
    run([str(PYTHON), "-m", "ruff", "format", "--check", "."])
    print("dev.py: mypy", flush=True)
    run([str(PYTHON), "-m", "mypy"])
    print("dev.py: pytest", flush=True)
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
