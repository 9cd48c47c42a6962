"""Benchmark hook: report the first paint of a window, then quit.

Enabled only by the environment variable ``KIOSK_EXIT_AFTER_FIRST_PAINT=1``
(see docs/performance.md); ``kiosk.app`` installs it on the main window. On
the first ``QEvent.Paint`` it prints one line to stdout::

    first-paint ms=<ms since process start> vmhwm_kb=<peak RSS> vmrss_kb=<RSS>

and quits the event loop. ``bench/bare_window.py`` uses the same filter, so
the kiosk and the bare baseline are measured the same way.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_VAR = "KIOSK_EXIT_AFTER_FIRST_PAINT"


def enabled() -> bool:
    """True when the environment asks for the first-paint exit."""
    return os.environ.get(ENV_VAR, "") not in ("", "0")


def ms_since_process_start() -> float:
    """Milliseconds since this process started (10 ms resolution, Linux only)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), after pid and comm
        ticks = os.sysconf("SC_CLK_TCK")
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / ticks) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return -1.0


def memory_kb() -> dict[str, int]:
    """VmHWM (peak RSS) and VmRSS of this process in kB, from /proc."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                name, _, value = line.partition(":")
                if name in ("VmHWM", "VmRSS"):
                    found[name.lower()] = int(value.split()[0])
    except OSError:
        pass
    return found


class FirstPaintExit(QObject):
    """Event filter: on the watched widget's first paint, report and quit."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            # Report after this paint has been drawn, not before it.
            QTimer.singleShot(0, self._report_and_quit)
        return False

    def _report_and_quit(self) -> None:
        mem = memory_kb()
        print(
            f"first-paint ms={ms_since_process_start():.0f} "
            f"vmhwm_kb={mem.get('vmhwm', -1)} vmrss_kb={mem.get('vmrss', -1)}",
            flush=True,
        )
        sys.stdout.flush()
        QApplication.exit(0)  # not quit(): a locked-down window refuses the close quit() asks for


def install(widget: QWidget) -> FirstPaintExit:
    """Watch ``widget`` for its first paint (call before showing it)."""
    return FirstPaintExit(widget)
