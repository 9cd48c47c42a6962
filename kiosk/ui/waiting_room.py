"""Waiting-room mode: everything that keeps a shared kiosk safe, in one call.

``kiosk.app`` calls :func:`install_waiting_room` after building the window.
The protections come first, before anything reads a file that could be
damaged, so no damaged file can switch them off (issue 16):

1. the crash guard (always): an unexpected error is logged, the counts are
   written, and the kiosk goes back to the start screen;
2. the idle reset (always: also a laptop in a clinic must not keep one
   visitor's answers for the next);
3. the lockdown (full screen only): frameless, no close, no Escape;

then the parts that read files:

4. the usage counters (``counters.json``; a damaged file is moved aside and
   the problem shown to staff), written at most once a minute by a timer
   (off the GUI thread), and at once at exit and after a crash;
5. the staff screen gets the loaded settings, the damaged-file warnings
   (settings and counters) and today's counters;
6. usage counting (anonymous daily totals only).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.counters import WRITE_INTERVAL_S, Counters
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
    counters: Counters
    flush_timer: QTimer
    _on_quit: Callable[[], None] | None = None

    def close(self) -> None:
        """After the event loop: write the counts now and let go of the app's signal."""
        self.flush_timer.stop()
        self.counters.flush(final=True)
        app = QApplication.instance()
        if app is not None and self._on_quit is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.aboutToQuit.disconnect(self._on_quit)
            self._on_quit = None


def install_waiting_room(
    window: MainWindow,
    loaded: LoadedSettings,
    fullscreen: bool,
    counters: Counters | Callable[[], Counters] | None = None,
    tick_ms: int = 1000,
    lockdown: Lockdown | None = None,
    build: Callable[[], None] | None = None,
) -> WaitingRoom:
    """Install the waiting-room parts on ``window`` (see the module docstring).

    ``counters`` is a Counters, a function that makes one (called after the
    protections are in place), or None for the user's ``counters.json``.
    ``lockdown`` is one already installed (``kiosk.app`` locks the window
    before it is shown, and builds the rest after the first paint).
    ``build`` (``window.finish_building``) is called once the protections
    are in place, before the counters are read.
    """
    settings = loaded.settings
    made: list[Counters] = []

    def recover() -> None:
        # After an unexpected error: keep the counts (the process may be
        # about to die), then a fresh start screen for the next visitor.
        for held in made:
            held.flush(final=True)
        window.reset_session()

    # 1-3. The protections, before any file is read.
    guard = install_crash_guard(recover)
    idle = IdleReset(window, settings, tick_ms=tick_ms)
    if lockdown is None and fullscreen:
        lockdown = Lockdown(window, hide_cursor=settings.hide_cursor)

    if build is not None:
        build()

    # 4. The counters (they read counters.json; never raise).
    if counters is None:
        counters = Counters()
    elif not isinstance(counters, Counters):
        counters = counters()
    made.append(counters)
    flush_timer = QTimer(window)
    flush_timer.setInterval(int(WRITE_INTERVAL_S * 1000))
    flush_timer.timeout.connect(lambda: flush_in_background(made[0]))
    flush_timer.start()

    def on_quit() -> None:
        made[0].flush(final=True)

    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(on_quit)

    # 5-6. Staff screen and usage counting.
    window.staff.configure(settings, loaded.warning, counters)
    usage = UsageRecorder(window, counters)

    def saved(new: Settings) -> None:
        idle.apply_settings(new)

    def exit_kiosk() -> None:
        log.info("staff chose Exit kiosk")
        made[0].flush(final=True)  # counts are written at most once a minute, and at exit
        if lockdown is not None:
            lockdown.allow_exit()
        idle.stop()
        flush_timer.stop()
        window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    window.staff.settings_saved.connect(saved)
    window.staff.exit_requested.connect(exit_kiosk)
    return WaitingRoom(guard, idle, usage, lockdown, counters, flush_timer, on_quit)


def flush_in_background(counters: Counters) -> threading.Thread | None:
    """Write due counts on a short-lived worker thread, so a slow disk never
    holds up a tap (issue 12 item 9); None when nothing is pending."""
    if not counters.pending:
        return None
    worker = threading.Thread(target=counters.flush, name="kiosk-counts", daemon=True)
    worker.start()
    return worker
