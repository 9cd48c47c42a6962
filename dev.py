#!/usr/bin/env python3
"""Set-up in one command, with only Python 3.11+ installed.

    python3 dev.py run [kiosk options]   install into .venv and open the kiosk
    python3 dev.py test [pytest options] install the test needs, lint, type-check, test

Standard library only, so it runs before anything is installed. The
virtual environment lives in ``.venv`` beside this file; it is reinstalled
only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project (with ``extras``) when needed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py must run on any python3
        sys.exit(f"dev.py: Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not PYTHON.exists():
        print(f"dev.py: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extras or 'app'}-{digest}"
    if stamp.exists():
        return
    target = f".[{extras}]" if extras else "."
    print(f"dev.py: installing {target} into {VENV}", flush=True)
    run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target])
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
    if command == "run":
        ensure_venv("")
        return subprocess.call([str(BIN / "kiosk"), *rest], cwd=ROOT)
    ensure_venv("test")
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
