"""The reading-level switch: three segments, one tap to change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.content.ids import ReadingLevel
from kiosk.ui.strings import Strings
from kiosk.ui.widgets.buttons import big_button, set_button_text


class LevelSwitch(QWidget):
    """Emits ``level_chosen`` when the visitor taps another reading level."""

    level_chosen = Signal(object)  # ReadingLevel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LevelSwitch")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.buttons: dict[ReadingLevel, QPushButton] = {}
        for level in ReadingLevel:
            button = big_button(role="segment", object_name=f"level_{level.value}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, lv=level: self._chosen(lv))
            layout.addWidget(button)
            self.buttons[level] = button

    def _chosen(self, level: ReadingLevel) -> None:
        # No exclusive QButtonGroup: it would hide the other levels from Tab.
        for lv, button in self.buttons.items():
            button.setChecked(lv is level)
        self.level_chosen.emit(level)

    def refresh(self, strings: Strings, level: ReadingLevel) -> None:
        """Show labels in the current language and check ``level``."""
        for lv, button in self.buttons.items():
            set_button_text(
                button,
                strings(f"level.{lv.value}"),
                strings("level.accessible", level=strings(f"level.{lv.value}")),
            )
            button.setChecked(lv is level)
