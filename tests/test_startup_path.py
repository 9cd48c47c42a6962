"""What the kiosk does before its first paint stays small (issue 8, docs/performance.md).

Each launch runs in a fresh interpreter, as a patient's would, and reports
which costly parts were loaded by the time the start screen was painted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Loaded after the first paint, or only for a command: each cost start-up time.
NOT_BEFORE_FIRST_PAINT = (
    "kiosk.commands",  # the parser and the sub-commands: launch lines skip them
    "yaml",  # the content comes from the checked copy
    "kiosk.content.loader",
    "kiosk.content.models",  # read from the copy just after: the start texts come first
    "kiosk.ui.speech",
    "reportlab",
    "kiosk.ui.screens.explainer",  # only the start screen is built first
    "kiosk.ui.checklist_flow",
    "kiosk.ui.staff_mode",
    "logging.handlers",  # the log file starts after the paint
    "hashlib",  # the staff PIN's scrypt
    "PySide6.QtTextToSpeech",
) + (("platformdirs",) if sys.platform.startswith("linux") else ())  # kiosk.folders: XDG

REPORTER = """
import json, sys
import PySide6.QtCore as QtCore
from kiosk.ui import first_paint

report_and_quit = first_paint.FirstPaintExit._report_and_quit

def report(self):
    loaded = sorted(name for name in {watch!r} if name in sys.modules)
    qt_namespace = "Qt" in QtCore.__dict__
    print("loaded=" + json.dumps({{"modules": loaded, "qt_namespace": qt_namespace}}))
    report_and_quit(self)

first_paint.FirstPaintExit._report_and_quit = report
from kiosk.cli import main
sys.exit(main({argv!r}))
"""


def launch(*argv: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_FIRST_PAINT="1")
    code = REPORTER.format(watch=NOT_BEFORE_FIRST_PAINT, argv=list(argv))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "first-paint ms=" in done.stdout, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("loaded="))
    report: dict[str, object] = json.loads(line.removeprefix("loaded="))
    return report


@pytest.mark.parametrize("argv", [["--windowed"], [], ["--fullscreen"]])
def test_start_screen_paints_before_the_costly_parts_load(argv: list[str]) -> None:
    launch(*argv)  # the first start writes the content's checked copy
    report = launch(*argv)
    assert report["modules"] == []
    # PySide builds the ~150 enum classes of Qt's namespace on first use
    # (20-30 ms); the start screen and the lockdown set enum properties by
    # name instead (kiosk.ui.widgets.properties).
    assert report["qt_namespace"] is False
