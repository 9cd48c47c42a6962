"""On-screen keys for touch screens: a digit pad and a small keyboard.

Keys never take the keyboard focus, so the field being typed into keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.ui.widgets.buttons import MIN_TOUCH_PX, big_button

BACKSPACE = "\b"
CLEAR = "clear"
OK = "ok"
SPACE = " "
KEY_MIN_WIDTH = 52

DIGIT_ROWS = ("123", "456", "789")
KEYBOARD_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM.,'", "+()/&")


def _key(text: str, object_name: str, role: str = "segment") -> QPushButton:
    button = big_button(text, role=role, object_name=object_name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class DigitPad(QWidget):
    """Digits 0-9 with Clear and OK; emits ``key_pressed`` with the key."""

    key_pressed = Signal(str)

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for row, digits in enumerate(DIGIT_ROWS):
            for col, digit in enumerate(digits):
                self._add(grid, digit, f"{prefix}_{digit}", row, col)
        self._add(grid, CLEAR, f"{prefix}_clear", 3, 0)
        self._add(grid, "0", f"{prefix}_0", 3, 1)
        self._add(grid, OK, f"{prefix}_ok", 3, 2, role="primary")

    def _add(
        self, grid: QGridLayout, key: str, name: str, row: int, col: int, role: str = "segment"
    ) -> None:
        button = _key(key if key.isdigit() else "", name, role)
        button.setMinimumSize(96, 80)
        button.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
        grid.addWidget(button, row, col)
        self.keys[key] = button

    def set_labels(self, clear: str, ok: str) -> None:
        """Texts for the Clear and OK keys (digits label themselves)."""
        self.keys[CLEAR].setText(clear)
        self.keys[CLEAR].setAccessibleName(clear)
        self.keys[OK].setText(ok)
        self.keys[OK].setAccessibleName(ok)


class TextKeyboard(QWidget):
    """A small keyboard that types into ``target`` (a line edit) when set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.keys: dict[str, QPushButton] = {}
        for row, keys in enumerate(KEYBOARD_ROWS):
            for col, key in enumerate(keys):
                self._add(grid, key, key, row, col, 1)
        last = len(KEYBOARD_ROWS)
        self._add(grid, SPACE, "", last - 1, 5, 3, name="space")
        self._add(grid, BACKSPACE, "⌫", last - 1, 8, 2, name="backspace")

    def _add(
        self,
        grid: QGridLayout,
        key: str,
        text: str,
        row: int,
        col: int,
        span: int,
        name: str = "",
    ) -> None:
        button = _key(text, f"key_{name or key}")
        # Ten keys must fit half a 1280 px screen: narrower, but full height.
        button.setMinimumSize(KEY_MIN_WIDTH, MIN_TOUCH_PX)
        button.setStyleSheet("padding: 4px;")
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        grid.addWidget(button, row, col, 1, span)
        self.keys[key] = button

    def set_space_label(self, text: str) -> None:
        """The label of the space bar."""
        self.keys[SPACE].setText(text)
        self.keys[SPACE].setAccessibleName(text)

    def press(self, key: str) -> None:
        """Type ``key`` into the target field (backspace deletes)."""
        if self.target is None or not self.target.isEnabled():
            return
        if key == BACKSPACE:
            self.target.backspace()
        else:
            self.target.insert(key)
