"""Moves the visitor through the red-flag checklist.

Holds no answers of its own: every answer lives in ``session.answers`` and the
position in ``session.question_index``, so a session reset forgets them all.
The rule (order, emergency stop, tier) comes from ``kiosk.triage``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.content.models import Answer, Tier
from kiosk.triage import is_emergency_stop
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.checklist import (
    ChecklistIntroScreen,
    QuestionScreen,
    asking_order,
    current_index,
)
from kiosk.ui.screens.result import ResultScreen

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class ChecklistFlow:
    """Builds the checklist screens into ``window`` and wires their taps."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        ctx = window.ctx
        self.session = ctx.session
        self.intro = ChecklistIntroScreen(ctx)
        self.question = QuestionScreen(ctx)
        self.result = ResultScreen(ctx)
        window.navigator.add(ScreenId.CHECKLIST_INTRO, self.intro)
        window.navigator.add(ScreenId.QUESTION, self.question)
        window.navigator.add(ScreenId.RESULT, self.result)

        self.intro.start_requested.connect(self.start)
        self.question.answered.connect(self.answer)
        self.question.back_requested.connect(self.back)
        for screen in (self.intro, self.question, self.result):
            screen.help_requested.connect(self.get_help_now)
        self.result.start_over_requested.connect(window.reset_session)
        self.result.staff_told.connect(window.reset_session)
        window.session_reset.connect(self.forget)
        window.register_action("checklist", ScreenId.CHECKLIST_INTRO)

    def start(self) -> None:
        """Begin at the first question with no answers."""
        self.session.answers.clear()
        self.session.question_index = 0
        self.result.forced_emergency = False
        self.window.show_screen(ScreenId.QUESTION)

    def answer(self, answer: Answer) -> None:
        """Store the answer to the question on show, then go on.

        An emergency answer ends the checklist at once; otherwise the next
        question follows, and the result after the last one.
        """
        questions = asking_order(self.window.ctx)
        index = current_index(self.window.ctx)
        question = questions[index]
        self.session.answers[question.id] = answer
        self.result.forced_emergency = False
        if is_emergency_stop(question, answer) or index + 1 >= len(questions):
            self.window.show_screen(ScreenId.RESULT)
            return
        self.session.question_index = index + 1
        self.window.show_screen(ScreenId.QUESTION)

    def back(self) -> None:
        """The previous question, or the intro from the first."""
        index = current_index(self.window.ctx)
        if index == 0:
            self.window.show_screen(ScreenId.CHECKLIST_INTRO)
            return
        self.session.question_index = index - 1
        self.window.show_screen(ScreenId.QUESTION)

    def get_help_now(self) -> None:
        """Straight to the emergency result, whatever was answered."""
        self.result.forced_emergency = True
        self.window.show_screen(ScreenId.RESULT)

    def holds_idle_reset(self) -> bool:
        """True while the emergency result is on show and staff are not yet told."""
        return (
            self.window.navigator.current_id is ScreenId.RESULT
            and self.result.tier is Tier.EMERGENCY
        )

    def forget(self) -> None:
        """After a session reset: no screen may still show this visitor's answers."""
        self.result.forced_emergency = False
        self.question.refresh()
        self.result.refresh()
