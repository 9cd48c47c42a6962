"""Moves the visitor through the red-flag checklist.

Holds no answers of its own: every answer lives in ``session.answers``, the
position in ``session.question_index`` and the outcome in
``session.outcome``, computed once when the result is reached, so a reset
forgets them all and every screen (and the handout) reads the same value.
The rule (order, emergency stop, tier) comes from ``kiosk.triage``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.content.models import Answer, Tier
from kiosk.outcome import Outcome
from kiosk.triage import ASKING_GROUPS, is_emergency_stop, triage, visible_groups
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.checklist import ChecklistIntroScreen, current_group, current_index
from kiosk.ui.screens.result import ResultScreen
from kiosk.ui.screens.signs import QuestionScreen

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class ChecklistFlow(QObject):
    """Builds the checklist screens into ``window`` and wires their taps.

    ``outcome_reached(Tier)`` is emitted once per finished checklist (for the
    anonymous daily counts), not each time the result screen is shown.
    """

    outcome_reached = Signal(object)  # Tier

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
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
        self.question.sign_answered.connect(self.answer)
        self.question.advance_requested.connect(self.advance)
        self.question.back_requested.connect(self.back)
        for screen in (self.intro, self.question, self.result):
            screen.help_requested.connect(self.get_help_now)
        self.result.start_over_requested.connect(self.start_over)
        self.result.finished_requested.connect(window.reset_session)
        self.result.staff_cleared.connect(self.staff_cleared)
        window.session_reset.connect(self.forget)
        window.register_action("checklist", ScreenId.CHECKLIST_INTRO)

    def start(self) -> None:
        """Begin at the first question with no answers."""
        self.session.clear_checklist()
        self.window.show_screen(ScreenId.QUESTION)

    def start_over(self) -> None:
        """ "Start again": the answers go, the visitor's language and display stay."""
        self.session.clear_checklist()
        self.forget()
        self.window.show_screen(ScreenId.CHECKLIST_INTRO)

    def staff_cleared(self) -> None:
        """Staff held "clear" on the emergency screen: ready for the next person.

        Not logged: a timed line per emergency would tell who had one when.
        """
        self.window.reset_session()

    def answer(self, sign_id: str, answer: Answer | None) -> None:
        """Store (or, with None, take back) the answer to one sign on show.

        A "Yes" or "Not sure" on an emergency sign ends the checklist at once
        on the emergency screen (§4 rule 3); any other answer stays on the
        screen until the visitor goes on.
        """
        if answer is None:
            self.session.answers.pop(sign_id, None)
        else:
            self.session.answers[sign_id] = answer
            if is_emergency_stop(sign_id, answer):
                self.finish()
                return
        self.window.show_screen(ScreenId.QUESTION)

    def advance(self) -> None:
        """ "No, none of these" / "Next": every untouched sign on show is "No"; go on."""
        for sign_id in current_group(self.window.ctx):
            self.session.answers.setdefault(sign_id, Answer.NO)
        following = self._following_group(+1)
        if following is None:
            self.finish()
            return
        self._show_group(following)

    def back(self) -> None:
        """The previous screen of signs, or the intro from the first."""
        previous = self._following_group(-1)
        if previous is None:
            self.window.show_screen(ScreenId.CHECKLIST_INTRO)
            return
        self._show_group(previous)

    def _following_group(self, step: int) -> int | None:
        """The index in ASKING_GROUPS of the next (+1) or previous (-1) shown group."""
        shown = visible_groups(self.session.answers)
        here = ASKING_GROUPS[current_index(self.window.ctx)]
        position = shown.index(here) if here in shown else -1
        target = position + step
        if not 0 <= target < len(shown):
            return None
        return ASKING_GROUPS.index(shown[target])

    def _show_group(self, index: int) -> None:
        self.session.question_index = index
        self.window.show_screen(ScreenId.QUESTION)
        self.question.scroll_area.verticalScrollBar().setValue(0)

    def finish(self) -> None:
        """Work out the outcome once, store it in the session, show it."""
        result = triage(self.session.answers)
        self.session.outcome = Outcome(result.tier, result.triggered_by)
        self.outcome_reached.emit(result.tier)
        self.window.show_screen(ScreenId.RESULT)

    def get_help_now(self) -> None:
        """Straight to the emergency result, whatever was answered."""
        already = self.session.outcome is not None and self.session.outcome.is_emergency
        self.session.outcome = Outcome(Tier.EMERGENCY, asked_for_help=True)
        if not already:
            self.outcome_reached.emit(Tier.EMERGENCY)
        self.window.show_screen(ScreenId.RESULT)

    def holds_idle_reset(self) -> bool:
        """True while the visitor's outcome is an emergency (on any screen)."""
        outcome = self.session.outcome
        return outcome is not None and outcome.is_emergency

    def forget(self) -> None:
        """After a session reset: no screen may still show this visitor's answers."""
        self.question.refresh()
        self.result.refresh()
