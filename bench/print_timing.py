"""Taps while the printer hangs (issue 12 item 9): ``python -m bench.worker print``.

A fake ``lp`` that hangs for 30 s comes first on PATH (with a fake
``lpstat`` that answers at once), so the real ``kiosk.printing`` code and the
real handout screen meet a print server that never answers. Print is tapped
once; then 20 further taps (reading level, text size) are timed tap to
painted, each of which must be painted within 100 ms. The same 20 taps
with nothing printing, in the same process just before, are the baseline.
The status line must say at once that the handout is on its way, and at the
end show the calm failure sentence (the time limit, ``no_answer``).
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.qt_helpers import PaintProbe, application, settle, tap, tap_until_painted
from bench.stats import summary
from kiosk.content import ContentPack
from kiosk.content.models import ReadingLevel
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId

HANG_S = 30
TAPS = 20
#: The time limit of the CUPS tools plus room for the worker to report.
OUTCOME_WAIT_S = 45.0

LPSTAT = """#!/bin/sh
case "$1" in
  -d) echo "system default destination: bench-lobby" ;;
  -p) echo "printer bench-lobby is idle.  enabled since Mon 01 Jan 2024" ;;
esac
"""
LP = f"""#!/bin/sh
cat > /dev/null
sleep {HANG_S}
echo "request id is bench-lobby-1 (1 file(s))"
"""


def hanging_cups(folder: Path) -> str:
    """Write the fake tools; returns the PATH that puts them first."""
    for name, body in (("lpstat", LPSTAT), ("lp", LP)):
        script = folder / name
        script.write_text(body)
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"


def _taps(window: MainWindow, probe: PaintProbe) -> list[float]:
    """Twenty taps alternating the reading level and the text size, each timed
    (even places: level switch, odd: text size)."""
    screen = window.handout.screen
    levels = list(ReadingLevel)
    samples: list[float] = []
    for i in range(TAPS):
        if i % 2 == 0:
            level = levels[(levels.index(window.ctx.session.level) + 1) % len(levels)]
            button = window.top_bar.levels.buttons[level]
        else:
            button = window.top_bar.text_size
        samples.append(tap_until_painted(probe, button, screen))
        settle()
    return samples


def measure_print_hang(content: ContentPack, window: MainWindow) -> dict[str, Any]:
    """The figures: baseline and while-printing taps, and what the status said."""
    app = application()
    strings = window.ctx.strings
    probe = PaintProbe()
    old_path = os.environ.get("PATH", "")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-cups-") as folder:
        os.environ["PATH"] = hanging_cups(Path(folder))
        try:
            window.reset_session()
            settle()
            tap(window.start.buttons["handout"])
            settle()
            assert window.navigator.current_id is ScreenId.HANDOUT
            screen = window.handout.screen
            baseline = _taps(window, probe)

            service = window.handout.service
            outcome: list[object] = []
            service.print_failed.connect(outcome.append)
            service.print_done.connect(outcome.append)
            started = time.perf_counter()
            tap(screen.print_button)
            at_once = screen.status.text() if screen.status.isVisible() else ""
            tap_to_status_ms = (time.perf_counter() - started) * 1000.0
            busy_during = service.busy
            during = _taps(window, probe)
            still_busy = service.busy
            deadline = time.perf_counter() + OUTCOME_WAIT_S
            while not outcome and time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.01)
            outcome_s = time.perf_counter() - started
            settle()
            final = screen.status.text()
        finally:
            os.environ["PATH"] = old_path
            probe.remove()
    sending = strings("handout_screen.sending")
    in_flight = {sending, strings("handout_screen.printing")}
    no_answer = strings("handout_screen.print_problems.no_answer")
    return {
        "baseline_ms": summary(baseline),
        "while_printing_ms": summary(during),
        "over_100_ms": sum(1 for x in during if x > 100.0),
        "baseline_over_100_ms": sum(1 for x in baseline if x > 100.0),
        # Each kind apart: a level switch rebuilds the sheet and its preview.
        "level_switch_baseline_ms": summary(baseline[0::2]),
        "level_switch_while_printing_ms": summary(during[0::2]),
        "text_size_baseline_ms": summary(baseline[1::2]),
        "text_size_while_printing_ms": summary(during[1::2]),
        "printing_all_along": busy_during and still_busy,
        "status_at_once": at_once,
        "status_at_once_ms": tap_to_status_ms,
        "status_says_sending": at_once == sending,
        "status_in_flight": at_once in in_flight,
        "outcome_after_s": round(outcome_s, 1),
        "status_at_end": final,
        "calm_failure": bool(outcome) and no_answer in final,
    }
