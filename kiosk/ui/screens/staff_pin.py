"""The staff PIN pad: digits, Clear, OK and Cancel, with the lock shown plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.staff_pin import PIN_MAX_DIGITS, PinLock, PinOutcome
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
from kiosk.ui.widgets.keypad import CLEAR, OK, DigitPad


class StaffPinScreen(Screen):
    """Emits ``unlocked`` after the right PIN and ``cancelled`` on Cancel.

    ``lock`` checks PINs and counts wrong tries. With no PIN set the pad is
    disabled and says staff mode is not set up.
    """

    unlocked = Signal()
    cancelled = Signal()

    def __init__(self, ctx: ScreenContext, lock: PinLock, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lock = lock
        self.pin = ""
        self._message_key = "staff_pin.prompt"
        self._message_values: dict[str, object] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 64, 24)
        layout.setSpacing(12)
        self.title = label("title", object_name="staff_pin_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message = label("subtitle", object_name="staff_pin_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.dots = label("title", object_name="staff_pin_dots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pad = DigitPad("pin")
        self.pad.setMaximumWidth(640)  # grows with the type up to this
        self.pad.key_pressed.connect(self.press)
        self.cancel = big_button(object_name="staff_pin_cancel")
        self.cancel.setMaximumWidth(640)
        self.cancel.clicked.connect(self._cancel)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.dots)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)

    # Input -------------------------------------------------------------

    def press(self, key: str) -> None:
        """One key of the pad."""
        if key == CLEAR:
            self.pin = ""
        elif key == OK:
            self.submit()
            return
        elif len(self.pin) < PIN_MAX_DIGITS:
            self.pin += key
        self.refresh()

    def submit(self) -> None:
        """Check the typed PIN; always clears it."""
        attempt = self.lock.attempt(self.pin)
        self.pin = ""
        if attempt.outcome is PinOutcome.OK:
            self._say("staff_pin.prompt")
            self.refresh()
            self.unlocked.emit()
            return
        if attempt.outcome is PinOutcome.WRONG:
            self._say("staff_pin.wrong", tries=attempt.tries_left)
        else:
            # Locked (the countdown shows instead) or not set: start clean after.
            self._say("staff_pin.prompt")
        self.refresh()

    def start(self) -> None:
        """Fresh pad each time it opens."""
        self.pin = ""
        self._say("staff_pin.prompt")

    def _cancel(self) -> None:
        self.start()
        self.cancelled.emit()

    def _say(self, key: str, **values: object) -> None:
        self._message_key = key
        self._message_values = values

    # Drawing -----------------------------------------------------------

    def refresh(self) -> None:
        strings = self.ctx.strings
        self.title.setText(strings("staff_pin.title"))
        set_button_text(self.cancel, strings("staff_pin.cancel"))
        self.pad.set_labels(strings("staff_pin.clear"), strings("staff_pin.ok"))
        locked = self.lock.seconds_locked()
        if not self.lock.pin_set:
            text = strings("staff_pin.not_set")
        elif locked:
            minutes, seconds = divmod(locked, 60)
            text = strings("staff_pin.locked", time=f"{minutes}:{seconds:02d}")
        else:
            text = strings(self._message_key, **self._message_values)
        self.message.setText(text)
        open_ = self.lock.pin_set and not locked
        self.pad.setEnabled(open_)
        self.dots.setText("●" * len(self.pin) if self.pin else "–")
        if locked and not self.timer.isActive():
            self.timer.start()
        elif not locked and self.timer.isActive():
            self.timer.stop()

    def speech_text(self) -> str:
        return " ".join([self.title.text(), self.message.text()])
