"""Moves the visitor through "Check your understanding" (issue 18).

Like ``ChecklistFlow``: it owns its screen, holds no state of its own (the
run is ``session.teach_back``, wiped by every reset), and is wired in one
place. It offers the step at the end of the explainer and on every result
below emergency, never on the emergency takeover.

``question_answered(question_id, right_first_time)`` is emitted once per
visitor and question, at their first answer, for the anonymous daily counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.teach_back import Step, answer, go_on, start_run
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.teach_back import TeachBackScreen, teach_back_of

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class TeachBackFlow(QObject):
    """Builds the teach-back screen into ``window`` and wires its taps and offers."""

    question_answered = Signal(str, bool)  # question id, right first time

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.session = window.ctx.session
        self.origin = ScreenId.START
        self.screen = TeachBackScreen(self.ctx)
        window.navigator.add(ScreenId.TEACH_BACK, self.screen)
        self.screen.choice_tapped.connect(self.choose)
        self.screen.go_on_requested.connect(self.go_on)
        self.screen.leave_requested.connect(self.leave)
        self.screen.done_requested.connect(self.done)
        self.screen.handout_requested.connect(self.open_handout)
        self.screen.help_requested.connect(self.get_help_now)
        window.explainer.teach_back_requested.connect(lambda: self.start(ScreenId.EXPLAINER))
        window.checklist.result.teach_back_requested.connect(lambda: self.start(ScreenId.RESULT))
        offered = any(pack.teach_back is not None for pack in self.ctx.content.languages.values())
        window.explainer.offer_teach_back(offered)
        window.checklist.result.offer_teach_back(offered)
        window.session_reset.connect(self.forget)

    def start(self, origin: ScreenId) -> None:
        """A new run from ``origin``; never while an emergency holds the screen."""
        content = teach_back_of(self.ctx)
        if content is None or self.window.holds_idle_reset():
            return
        self.origin = origin
        self.session.teach_back = start_run(content, self.session.outcome)
        self.window.show_screen(ScreenId.TEACH_BACK)

    def choose(self, choice_id: str) -> None:
        """A tile was tapped: right moves on, wrong shows the right answer."""
        run = self.session.teach_back
        content = teach_back_of(self.ctx)
        if run is None or content is None or run.step is not Step.ASK:
            return
        reply = answer(run, content, choice_id)
        counted = self.session.teach_back_counted
        if reply.first_answer and reply.question_id not in counted:
            counted.add(reply.question_id)
            self.question_answered.emit(reply.question_id, reply.right)
        self.window.show_screen(ScreenId.TEACH_BACK)

    def go_on(self) -> None:
        """ "Try again" or "Next question" after the right answer was shown."""
        run = self.session.teach_back
        if run is None:
            return
        go_on(run)
        self.window.show_screen(ScreenId.TEACH_BACK)

    def leave(self) -> None:
        """Back where the visitor came from; the run is forgotten."""
        self.session.teach_back = None
        origin, self.origin = self.origin, ScreenId.START
        if origin is ScreenId.START:
            self.window.go_home()
        else:
            self.window.show_screen(origin)

    def done(self) -> None:
        """From the summary: back to the result, or home after the explainer."""
        if self.origin is not ScreenId.RESULT:
            self.origin = ScreenId.START
        self.leave()

    def open_handout(self) -> None:
        """The handout, with the visitor's result offered when there is one."""
        if self.origin is ScreenId.RESULT and self.session.outcome is not None:
            self.session.include_result = True
        self.window.handout.open_from(ScreenId.TEACH_BACK)

    def get_help_now(self) -> None:
        """ "Get help now" on the teach-back screen: the emergency screen, as everywhere."""
        self.session.teach_back = None
        self.window.checklist.get_help_now()

    def forget(self) -> None:
        """After a session reset: nothing of that visitor's run stays on the screen."""
        self.origin = ScreenId.START
        self.screen.refresh()
