"""Waiting-room mode: everything that keeps a shared kiosk safe, in one call.

``kiosk.app`` calls :func:`install_waiting_room` after building the window:

1. the crash guard (always): an unexpected error is logged and the kiosk
   goes back to the start screen;
2. the staff screen gets the loaded settings, the damaged-file warning and
   today's counters;
3. usage counting (always; anonymous daily totals only);
4. the idle reset (always: also a laptop in a clinic must not keep one
   visitor's answers for the next);
5. the lockdown (full screen only): frameless, no close, no Escape.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from kiosk.counters import Counters
from kiosk.settings import LoadedSettings, Settings
from kiosk.ui.crash_guard import CrashGuard, install_crash_guard
from kiosk.ui.idle import IdleReset
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow
from kiosk.ui.usage import UsageRecorder

log = logging.getLogger(__name__)


@dataclass
class WaitingRoom:
    """The installed parts, kept so they live as long as the window."""

    crash_guard: CrashGuard
    idle: IdleReset
    usage: UsageRecorder
    lockdown: Lockdown | None


def install_waiting_room(
    window: MainWindow,
    loaded: LoadedSettings,
    fullscreen: bool,
    counters: Counters | None = None,
    tick_ms: int = 1000,
    lockdown: Lockdown | None = None,
) -> WaitingRoom:
    """Install the waiting-room parts on ``window`` (see the module docstring).

    ``lockdown`` is one already installed (``kiosk.app`` locks the window
    before it is shown, and builds the rest after the first paint).
    """
    settings = loaded.settings
    counters = Counters() if counters is None else counters
    guard = install_crash_guard(window.reset_session)
    window.staff.configure(settings, loaded.warning, counters)
    usage = UsageRecorder(window, counters)
    idle = IdleReset(window, settings, tick_ms=tick_ms)
    if lockdown is None and fullscreen:
        lockdown = Lockdown(window, hide_cursor=settings.hide_cursor)

    def saved(new: Settings) -> None:
        idle.apply_settings(new)

    def exit_kiosk() -> None:
        log.info("staff chose Exit kiosk")
        counters.flush(final=True)  # counts are written at most once a minute, and at exit
        if lockdown is not None:
            lockdown.allow_exit()
        idle.stop()
        window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    window.staff.settings_saved.connect(saved)
    window.staff.exit_requested.connect(exit_kiosk)
    return WaitingRoom(guard, idle, usage, lockdown)
