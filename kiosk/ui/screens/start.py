"""The start screen: the question, and what the visitor can do."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.buttons import big_button, label, set_button_text
from kiosk.ui.widgets.properties import set_enum

# Actions in the order they appear; only those enabled by the app are shown,
# so the start screen never offers a button that leads nowhere.
ACTIONS = ("learn", "checklist", "handout")


class StartScreen(Screen):
    """Emits ``action_chosen`` with one of ``ACTIONS``."""

    action_chosen = Signal(str)
    fixed_widgets = True  # every action's button is built here, shown or not

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(16)
        layout.addStretch(1)
        self.title = label("hero", object_name="start_title")
        set_enum(self.title, "alignment", "AlignHCenter")
        self.subtitle = label("subtitle", object_name="start_subtitle")
        set_enum(self.subtitle, "alignment", "AlignHCenter")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(24)
        self.buttons: dict[str, QPushButton] = {}
        for action in ACTIONS:
            button = big_button(
                role="primary" if action == "learn" else "", object_name=f"start_{action}"
            )
            button.setMaximumWidth(720)
            button.clicked.connect(lambda _=False, a=action: self.action_chosen.emit(a))
            button.hide()
            layout.addLayout(_centred(button))
            self.buttons[action] = button
        layout.addStretch(2)
        self.enable("learn")

    def enable(self, action: str) -> None:
        """Show the button for ``action`` (its feature is wired)."""
        self.buttons[action].show()

    def refresh(self) -> None:
        strings = self.ctx.strings
        start = self.ctx.start_text  # all the content is not needed for the first frame
        self.title.setText(start.title)
        self.subtitle.setText(start.subtitle)
        for action, button in self.buttons.items():
            set_button_text(button, strings(f"start.{action}"))
            # 720 px at the design size; wider for larger type or longer words.
            button.setMaximumWidth(max(720, button.sizeHint().width() + 48))

    def speech_text(self) -> str:
        shown = [b.text() for b in self.buttons.values() if not b.isHidden()]
        return " ".join([self.title.text(), self.subtitle.text(), *shown])


def _centred(button: QPushButton) -> QHBoxLayout:
    """A row holding ``button`` in its middle, as wide as its maximum width allows.

    The same as adding it with ``Qt.AlignmentFlag.AlignHCenter`` (see
    kiosk.ui.widgets.properties on why not): the button's large stretch takes
    the room up to its maximum width, the two equal stretches share the rest.
    """
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    row.addStretch(1)
    row.addWidget(button, 1000)
    row.addStretch(1)
    return row
