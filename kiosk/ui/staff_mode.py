"""Staff mode: the hidden corner gesture, the PIN pad and the staff screen.

Five taps in the top-right corner (an invisible 80 x 80 px zone) within
3 seconds open the PIN pad. The right PIN opens the staff screen; leaving it
(by any way) resets the session, so nothing of staff mode stays on screen for
the next visitor. Saving goes through ``kiosk.settings`` validation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.content.models import ReadingLevel
from kiosk.counters import Counters, DayCounts
from kiosk.settings import Settings, SettingsError, save_settings, with_value
from kiosk.staff_pin import PinLock
from kiosk.ui.input_watch import watch_input
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.staff import StaffScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CORNER_PX = 80
TAPS = 5
TAP_WINDOW_S = 3.0
STAFF_SCREENS = frozenset({ScreenId.STAFF_PIN, ScreenId.STAFF})


class CornerTaps(QObject):
    """Emits ``triggered`` after five taps in ``window``'s top-right corner in 3 s.

    Watches the window's presses as they arrive, without consuming them; a
    press seen twice counts once.
    """

    triggered = Signal()

    def __init__(self, window: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.taps: list[float] = []
        self._last_event: tuple[int, int, int] | None = None
        watch_input(window, self)  # its QWindow's input only (kiosk.ui.input_watch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            point = event.globalPosition().toPoint()
        elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            points = event.points()
            if not points:
                return False
            point = points[0].globalPosition().toPoint()
        else:
            return False
        key = (int(event.timestamp()), point.x(), point.y())
        if key == self._last_event:
            return False
        self._last_event = key
        self.tap_at(self.window.mapFromGlobal(point))
        return False

    def in_zone(self, pos: QPoint) -> bool:
        """True if ``pos`` (window coordinates) is in the corner zone."""
        return (
            self.window.width() - CORNER_PX <= pos.x() < self.window.width()
            and 0 <= pos.y() < CORNER_PX
        )

    def tap_at(self, pos: QPoint) -> None:
        """Count one tap at ``pos``; a tap elsewhere starts the count again."""
        if not self.in_zone(pos):
            self.taps.clear()
            return
        now = self.clock()
        self.taps = [t for t in self.taps if now - t <= TAP_WINDOW_S] + [now]
        if len(self.taps) >= TAPS:
            self.taps.clear()
            self.triggered.emit()


class StaffMode(QObject):
    """Adds the PIN pad and the staff screen to ``window`` and runs them.

    Public hooks: ``settings_saved(Settings)`` after a successful save (the app
    applies the new idle timings), ``exit_requested`` for "Exit kiosk",
    ``quick_print_requested(level, language, copies)`` from the staff screen.
    """

    settings_saved = Signal(object)  # Settings
    exit_requested = Signal()
    quick_print_requested = Signal(object, str, int)  # ReadingLevel, language, copies

    def __init__(
        self,
        window: MainWindow,
        settings: Settings | None = None,
        warning: str | None = None,
        counters: Counters | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings or Settings()
        self.warning = warning
        self.counters = counters
        # Replaceable so tests can make saving fail.
        self.save: Callable[[Settings], object] = save_settings
        self.lock = PinLock(self.settings.pin_hash)
        self.pin_screen = StaffPinScreen(window.ctx, self.lock)
        self.screen = StaffScreen(window.ctx)
        window.navigator.add(ScreenId.STAFF_PIN, self.pin_screen)
        window.navigator.add(ScreenId.STAFF, self.screen)
        self.corner = CornerTaps(window)
        self.corner.triggered.connect(self.open_pin_pad)
        self.pin_screen.unlocked.connect(self.open_staff_screen)
        self.pin_screen.cancelled.connect(self.leave)
        self.screen.save_requested.connect(self.save_form)
        self.screen.leave_requested.connect(self.leave)
        self.screen.exit_requested.connect(self.exit_requested)
        self.screen.quick_print_requested.connect(self._quick_print)
        self._in_staff = False
        window.navigator.screen_changed.connect(self._screen_changed)
        self.configure(self.settings, warning, counters)

    def configure(
        self,
        settings: Settings,
        warning: str | None = None,
        counters: Counters | None = None,
    ) -> None:
        """Use these settings (from ``kiosk.app`` after loading the file).

        With no PIN set the pad stays closed, in full screen and in a window
        alike: staff mode is opened only by a PIN someone chose on purpose.
        """
        self.settings = settings
        self.warning = warning
        self.counters = counters
        self.apply(settings)

    # Opening and leaving ------------------------------------------------

    def open_pin_pad(self) -> None:
        """The corner gesture: show the PIN pad (it says if staff mode is closed)."""
        if self.window.navigator.current_id in STAFF_SCREENS:
            return
        log.info("staff PIN pad opened")
        self.pin_screen.start()
        self.window.show_screen(ScreenId.STAFF_PIN)

    def open_staff_screen(self) -> None:
        """Right PIN: show the staff screen with the current settings."""
        log.info("staff screen opened")
        self.screen.load(
            self.settings, self.warning, self._printers(), self._today(), self._counts_problem()
        )
        self.window.show_screen(ScreenId.STAFF)

    def leave(self) -> None:
        """Back to the start with a fresh session."""
        self.window.reset_session()

    def _screen_changed(self, screen_id: ScreenId) -> None:
        entering = screen_id in STAFF_SCREENS
        self.window.top_bar.setVisible(not entering)
        if entering:
            self._in_staff = True
        elif self._in_staff:
            # Left staff mode some other way (e.g. the idle reset): start clean.
            self._in_staff = False
            if not self.window.ctx.session.is_pristine():
                self.window.reset_session()

    # Staff actions -------------------------------------------------------

    def save_form(self) -> None:
        """Validate every field, save the file, apply; say plainly what failed."""
        strings = self.window.ctx.strings
        settings = self.settings
        try:
            for key, text in self.screen.form_values().items():
                settings = with_value(settings, key, text)
            self.save(settings)
        except SettingsError as exc:
            log.warning("staff settings not saved: %s", exc)
            self.screen.show_status(strings("staff.save_failed", reason=str(exc)))
            return
        self.settings = settings
        self.warning = None
        self.apply(settings)
        self.screen.load(
            settings, None, self.screen.printers, self._today(), self._counts_problem()
        )
        self.screen.show_status(strings("staff.saved"))
        log.info("staff settings saved")
        self.settings_saved.emit(settings)

    def apply(self, settings: Settings) -> None:
        """Make the running kiosk use ``settings`` (defaults, emergency number)."""
        session = self.window.ctx.session
        if settings.default_language in self.window.ctx.content.languages:
            session.default_language = settings.default_language
        session.default_level = settings.default_level
        ctx = self.window.ctx
        ctx.emergency_number = settings.emergency_number
        ctx.clinic_phone = settings.clinic_phone
        ctx.printer_label = settings.printer_label
        self.lock.set_pin_hash(settings.pin_hash)

    def _quick_print(self, level: ReadingLevel, language: str, copies: int) -> None:
        log.info("quick print requested: %s copies", copies)
        self.quick_print_requested.emit(level, language, copies)

    def _printers(self) -> list[str] | None:
        try:
            from kiosk import printing  # written separately; may not exist yet

            return list(printing.list_printers())
        except Exception:
            log.info("printer list not available", exc_info=True)
            return None

    def _counts_problem(self) -> str | None:
        return self.counters.problem if self.counters is not None else None

    def _today(self) -> DayCounts | None:
        return self.counters.today() if self.counters is not None else None
