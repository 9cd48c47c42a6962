"""Idle reset: no input for a while -> "still there?" -> back to the start.

``IdleWatcher`` watches the window's input (its QWindow, and any other
window that takes the focus): any touch, mouse press or move, key or wheel
counts as activity. ``IdleReset`` turns its silence into
the waiting-room rule:

- after ``idle_seconds`` without input the overlay asks "Are you still
  there?" and counts down ``idle_warning_seconds``; a tap anywhere on it (or
  a key) cancels it, and that tap does nothing else; at zero the window
  resets the whole session;
- nothing happens when nobody has used the kiosk since the last reset (start
  screen, untouched session): there is nothing to clear;
- while ``window.holds_idle_reset()`` is True (an emergency result on show,
  not yet confirmed by staff) no overlay covers it; the session is reset
  only after ``emergency_hold_seconds`` without input.

``tick_ms`` is how long one "second" lasts; only tests change it, so the
production bounds of the settings (at least 5 s) stay as they are.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.settings import Settings
from kiosk.ui.input_watch import WindowsInput
from kiosk.ui.navigator import ScreenId
from kiosk.ui.widgets.idle_overlay import IdleOverlay

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``activity`` on any input.

    Given a window, it watches that window's QWindow, where the window
    system delivers input, and every other window that takes the focus (a
    file dialog on a laptop): an application-wide filter written in Python
    is called for every paint, layout and style event of every widget, about
    1.5 ms of each text-size or contrast tap (kiosk.ui.input_watch).
    Without a window it watches the whole application.
    """

    activity = Signal()

    def __init__(self, parent: QObject | None = None, window: QWidget | None = None) -> None:
        super().__init__(parent)
        self._windows: WindowsInput | None = None
        if window is not None:
            self._windows = WindowsInput(window, self)
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.activity.emit()
        return False

    def stop(self) -> None:
        """Stop watching (the filters also go when this object dies)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._windows is not None:
            self._windows.stop()


class IdleReset(QObject):
    """Runs the idle rule for one main window (see the module docstring)."""

    warning_shown = Signal()
    reset_done = Signal()

    def __init__(self, window: MainWindow, settings: Settings, tick_ms: int = 1000) -> None:
        super().__init__(window)
        self.window = window
        self.tick_ms = tick_ms
        self.overlay = IdleOverlay(window)
        window.styles.add(self.overlay)  # styled like a page (kiosk.ui.page_styles)
        self.overlay.still_here.connect(self.continue_visit)
        self.watcher = IdleWatcher(self, window)
        self.watcher.activity.connect(self.restart)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._went_idle)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._hold_expired)
        self._countdown = QTimer(self)
        self._countdown.setInterval(tick_ms)
        self._countdown.timeout.connect(self._tick)
        self.seconds_left = 0
        self.apply_settings(settings)

    def apply_settings(self, settings: Settings) -> None:
        """Use new timings (after staff saved settings) and start afresh."""
        self.idle_seconds = settings.idle_seconds
        self.warning_seconds = settings.idle_warning_seconds
        # The emergency hold is "at least as long as the ordinary wait".
        self.hold_seconds = max(settings.emergency_hold_seconds, settings.idle_seconds)
        self.restart()

    def set_tick_ms(self, tick_ms: int) -> None:
        """How long one "second" lasts (tests shorten it) and start afresh."""
        self.tick_ms = tick_ms
        self._countdown.setInterval(tick_ms)
        self.restart()

    def restart(self) -> None:
        """Someone is here: start the wait again.

        While the warning is up, input is the overlay's business: it is
        dismissed by its own tap (``continue_visit``), never by the press
        on its way to the screen beneath, which it then would reach.
        """
        if self.overlay.isVisible():
            return
        self._countdown.stop()
        self._idle.start(self.idle_seconds * self.tick_ms)
        self._hold.start(self.hold_seconds * self.tick_ms)

    def continue_visit(self) -> None:
        """The visitor tapped the warning: it goes, and the wait starts again."""
        self._countdown.stop()
        self.overlay.hide()
        guard = getattr(self.window, "tap_guard", None)
        if guard is not None:
            guard.arm()  # a second tap of a double tap must not reach the screen
        self.restart()

    def stop(self) -> None:
        """Stop all timers and watching (used when the app quits)."""
        for timer in (self._idle, self._hold, self._countdown):
            timer.stop()
        self.overlay.hide()
        self.watcher.stop()

    def warning_active(self) -> bool:
        """True while the "still there?" countdown runs."""
        return self._countdown.isActive()

    def _held(self) -> bool:
        holds = getattr(self.window, "holds_idle_reset", None)
        return bool(holds()) if callable(holds) else False

    def _untouched(self) -> bool:
        at_start = self.window.navigator.current_id is ScreenId.START
        return at_start and self.window.ctx.session.is_pristine()

    def _went_idle(self) -> None:
        if self._held() or self._untouched():
            return
        self.seconds_left = self.warning_seconds
        self.overlay.show_countdown(self.window.ctx.strings, self.seconds_left)
        self._countdown.start()
        self.warning_shown.emit()

    def _tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left > 0:
            self.overlay.set_seconds(self.seconds_left)
            return
        self._reset()

    def _hold_expired(self) -> None:
        if self._held():  # not logged: a timed line would date a visitor's emergency
            self._reset()

    def _reset(self) -> None:
        self._countdown.stop()
        self.overlay.hide()
        log.info("idle reset")
        self.window.reset_session()
        self.reset_done.emit()
        self.restart()
