"""The red-flag checklist's intro page, and what every checklist screen shares.

The sign screens are in ``kiosk.ui.screens.signs``. Screens only show what
the session holds and emit what the visitor tapped;
``kiosk.ui.checklist_flow`` stores the answers and moves on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.models import Question
from kiosk.triage import ASKING_GROUPS, is_asked, ordered
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.buttons import big_button, label, set_button_text

ANSWER_BUTTON_PX = 88


def help_now_button(object_name: str) -> QPushButton:
    """The red "Get help now" button that sits top right on every checklist page."""
    button = big_button(role="danger", object_name=object_name)
    # As wide as its words at any text size and screen scale, no wider.
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


def set_help_now_text(button: QPushButton, ctx: ScreenContext) -> None:
    """Label the "Get help now" button in the visitor's language."""
    set_button_text(
        button, ctx.strings("checklist.help_now"), ctx.strings("checklist.help_now_accessible")
    )


def asking_order(ctx: ScreenContext) -> tuple[Question, ...]:
    """The checklist's questions in asking order (emergency questions first)."""
    return ordered(ctx.pack.checklist.questions)


def current_index(ctx: ScreenContext) -> int:
    """``session.question_index`` (an index into ``ASKING_GROUPS``), kept valid."""
    return min(max(ctx.session.question_index, 0), len(ASKING_GROUPS) - 1)


def current_group(ctx: ScreenContext) -> tuple[str, ...]:
    """The ids of the signs on the screen on show that the kiosk asks."""
    answers = ctx.session.answers
    return tuple(sid for sid in ASKING_GROUPS[current_index(ctx)] if is_asked(sid, answers))


class ChecklistIntroScreen(Screen):
    """Who the checklist is for and what it does; Start or Get help now."""

    start_requested = Signal()
    help_requested = Signal()

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(16)
        top = QHBoxLayout()
        top.addStretch(1)
        self.help_now = help_now_button("checklist_intro_help")
        top.addWidget(self.help_now)
        layout.addLayout(top)
        self.title = label("hero", object_name="checklist_intro_title")
        layout.addWidget(self.title)
        self.points = [
            label("subtitle", object_name=f"checklist_intro_{name}")
            for name in ("adults", "no_diagnosis", "time")
        ]
        for point in self.points:
            layout.addWidget(point)
        layout.addStretch(1)
        self.start = big_button(role="primary", object_name="checklist_start")
        self.start.setMinimumHeight(ANSWER_BUTTON_PX)
        layout.addWidget(self.start)
        self.start.clicked.connect(self.start_requested)
        self.help_now.clicked.connect(self.help_requested)

    def refresh(self) -> None:
        strings = self.ctx.strings
        self.title.setText(strings("checklist.intro_title"))
        for point, key in zip(self.points, ("adults", "no_diagnosis", "time"), strict=True):
            point.setText(strings(f"checklist.intro_{key}"))
        set_button_text(self.start, strings("checklist.start"))
        set_help_now_text(self.help_now, self.ctx)

    def speech_text(self) -> str:
        return " ".join([self.title.text(), *(p.text() for p in self.points), self.start.text()])
