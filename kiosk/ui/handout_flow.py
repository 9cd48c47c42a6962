"""Moves the visitor to the handout screen and back, and runs staff quick print.

Like ``ChecklistFlow``, a flow object with narrow dependencies: the screen
context (whose session holds the checklist outcome), the handout service,
the navigator to add its screen to, and the function that shows a screen.
It never asks another screen for anything: whether a result may be included
is ``session.outcome``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from kiosk.content.models import ReadingLevel
from kiosk.printing import PrintError
from kiosk.ui.context import ScreenContext
from kiosk.ui.handout_service import HandoutService
from kiosk.ui.navigator import Navigator, ScreenId
from kiosk.ui.screens.handout import HandoutScreen, problem_text

StatusSink = Callable[[str], None]


class HandoutFlow:
    """Owns the handout screen; ``open_from`` shows it, Back returns."""

    def __init__(
        self,
        ctx: ScreenContext,
        service: HandoutService,
        navigator: Navigator,
        show_screen: Callable[[ScreenId], None],
    ) -> None:
        self.ctx = ctx
        self.service = service
        self.show_screen = show_screen
        self.screen = HandoutScreen(ctx, service)
        navigator.add(ScreenId.HANDOUT, self.screen)
        self.origin = ScreenId.START
        self.screen.back_requested.connect(self.back)
        navigator.screen_changed.connect(self._entered)
        self._staff_status: StatusSink | None = None
        self._staff_copies = 0
        service.print_done.connect(self._staff_done)
        service.print_failed.connect(self._staff_failed)

    def open_from(self, origin: ScreenId) -> None:
        """Show the handout screen; Back returns to ``origin``.

        From the result screen the visitor's result is offered, switched on.
        """
        self.origin = origin
        if origin is ScreenId.RESULT and self.ctx.session.outcome is not None:
            self.ctx.session.include_result = True
        self.show_screen(ScreenId.HANDOUT)

    def back(self) -> None:
        """Back where the visitor came from."""
        origin, self.origin = self.origin, ScreenId.START
        self.show_screen(origin)

    def forget(self) -> None:
        """After a session reset: no sheet, preview or status of that visitor."""
        self.origin = ScreenId.START
        self.screen.clear()
        builder = sys.modules.get("kiosk.handout.builder")  # loaded once a sheet was built
        if builder is not None:
            builder.forget_texts()

    def _entered(self, screen_id: object) -> None:
        if screen_id is ScreenId.HANDOUT and not self.service.busy and self.screen.data:
            self.screen.clear_status()  # an old outcome line is not news (a failure is)

    # Staff quick print -------------------------------------------------------

    def quick_print(
        self, level: ReadingLevel, language: str, copies: int, status: StatusSink
    ) -> None:
        """Build at ``level`` in ``language`` and print ``copies``; report to ``status``."""
        strings = self.ctx.strings
        if self.service.busy:
            status(strings("staff.print_busy"))
            return
        data = self.service.build(self.service.options(level, False, None), language)
        if self.service.start_print(data, copies):
            self._staff_status = status
            self._staff_copies = copies
            status(strings("staff.printing"))

    def _staff_done(self, printer: str) -> None:
        status, self._staff_status = self._staff_status, None
        if status is not None:
            strings = self.ctx.strings
            status(strings("staff.print_done", copies=self._staff_copies, printer=printer))

    def _staff_failed(self, error: PrintError) -> None:
        status, self._staff_status = self._staff_status, None
        if status is not None:
            reason = problem_text(self.ctx.strings, error)
            status(self.ctx.strings("staff.print_error", reason=reason))
