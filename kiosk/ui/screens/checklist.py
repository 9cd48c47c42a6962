"""The red-flag checklist: the intro page and one question per page.

Both screens only show what the session holds and emit what the visitor
tapped; ``kiosk.ui.checklist_flow`` stores the answers and moves on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Answer, Question
from kiosk.triage import ordered
from kiosk.ui.context import ScreenContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.buttons import big_button, label, set_button_text

ANSWER_BUTTON_PX = 88
ANSWER_GAP_PX = 16
# Answer buttons top to bottom; "Not sure" last so Yes and No sit together.
ANSWER_ORDER = (Answer.YES, Answer.NO, Answer.UNSURE)


def help_now_button(object_name: str) -> QPushButton:
    """The red "Get help now" button that sits top right on every checklist page."""
    button = big_button(role="danger", object_name=object_name)
    button.setMaximumWidth(360)
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
    """``session.question_index`` kept inside the question list."""
    count = len(ctx.pack.checklist.questions)
    return min(max(ctx.session.question_index, 0), count - 1)


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


class QuestionScreen(Screen):
    """Shows question ``session.question_index`` (in asking order) at the
    session's reading level, with any answer already given shown as checked.
    """

    answered = Signal(object)  # Answer
    back_requested = Signal()
    help_requested = Signal()

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 16, 48, 16)
        outer.setSpacing(12)
        # Back, progress and "Get help now" share the top row, so the answer
        # buttons keep their size at the largest text size.
        top = QHBoxLayout()
        top.setSpacing(24)
        self.back = big_button(object_name="question_back")
        self.back.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress = label("progress", object_name="question_progress")
        self.help_now = help_now_button("question_help")
        top.addWidget(self.back)
        top.addWidget(self.progress, 1)
        top.addWidget(self.help_now)
        outer.addLayout(top)

        # No scroll area of its own: at a large text size the whole page
        # scrolls (the navigator's), so the question is never cut short.
        self.text = label("question", object_name="question_text")
        self.hint = label("small", object_name="question_hint")
        outer.addWidget(self.text)
        outer.addWidget(self.hint)
        outer.addStretch(1)

        answers = QVBoxLayout()
        answers.setSpacing(ANSWER_GAP_PX)
        self.answer_buttons: dict[Answer, QPushButton] = {}
        for answer in ANSWER_ORDER:
            button = big_button(role="answer", object_name=f"answer_{answer.value}")
            button.setMinimumHeight(ANSWER_BUTTON_PX)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, a=answer: self.answered.emit(a))
            answers.addWidget(button)
            self.answer_buttons[answer] = button
        outer.addLayout(answers)
        self.back.clicked.connect(self.back_requested)
        self.help_now.clicked.connect(self.help_requested)

    @property
    def question(self) -> Question:
        """The question on show."""
        return asking_order(self.ctx)[current_index(self.ctx)]

    def refresh(self) -> None:
        strings = self.ctx.strings
        level = self.ctx.session.level
        questions = asking_order(self.ctx)
        index = current_index(self.ctx)
        question = questions[index]
        self.progress.setText(strings("checklist.progress", n=index + 1, total=len(questions)))
        self.text.setText(question.text[level])
        hint = question.hint.get(level, "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        given = self.ctx.session.answers.get(question.id)
        for answer, button in self.answer_buttons.items():
            name = strings(f"checklist.{answer.value}")
            chosen = answer is given
            set_button_text(
                button,
                name,
                strings("checklist.answer_chosen_accessible", answer=name) if chosen else name,
            )
            button.setChecked(chosen)
        set_button_text(
            self.back,
            strings("nav.back"),
            strings(
                "checklist.back_to_intro_accessible" if index == 0 else "checklist.back_accessible"
            ),
        )
        set_help_now_text(self.help_now, self.ctx)

    def speech_text(self) -> str:
        answers = [b.text() for b in self.answer_buttons.values()]
        return " ".join([self.text.text(), self.hint.text(), *answers])
