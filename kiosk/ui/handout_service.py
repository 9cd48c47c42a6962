"""Builds the handout PDF, and prints or saves it off the GUI thread.

The one UI object that talks to ``kiosk.printing``; screens call it and show
what it says, they never print or write files themselves. Building takes
well under 50 ms and stays on the GUI thread. Printing asks CUPS (``lpstat``,
``lp``), which can take up to its time limit when a print server hangs, so it
runs on a worker thread: the screen keeps answering taps and shows
"Sending..." until ``print_done`` or ``print_failed`` arrives. One job at a
time: a second request while one is in flight is refused (``busy``), so ten
quick taps on Print send one job.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk import printing
from kiosk.content.models import ReadingLevel, Tier
from kiosk.handout.paper import Paper  # the builder (reportlab) is imported on first build
from kiosk.printing import PrintError, PrintProblem, SaveError
from kiosk.settings import Settings
from kiosk.ui.context import ScreenContext

if TYPE_CHECKING:
    from kiosk.handout import HandoutOptions

log = logging.getLogger(__name__)

PrintFunction = Callable[[bytes, str | None, int, str], str]


def print_with_cups(data: bytes, printer: str | None, copies: int, title: str) -> str:
    """Print through CUPS (Linux, macOS), or Qt on Windows; returns the printer's name."""
    if sys.platform == "win32":
        from kiosk.printing_windows import print_with_qt

        name = ""
        for _ in range(copies):
            name = print_with_qt(data, printer, title)
        return name
    return printing.print_pdf(data, printer, copies=copies, title=title).printer


class HandoutService(QObject):
    """Build, print and save the handout with the clinic's settings.

    ``settings`` is asked at every build, so staff changes apply at once.
    ``printed(copies)`` and ``saved()`` are emitted after each success (for
    the anonymous counters); ``print_done(printer)`` and
    ``print_failed(PrintError)`` end every ``start_print``.
    """

    printed = Signal(int)
    saved = Signal()
    print_done = Signal(str)
    print_failed = Signal(object)  # PrintError
    # Emitted from the worker thread; Qt queues it to this (GUI-thread) object.
    _finished = Signal(object, int)  # str | PrintError, copies

    def __init__(
        self,
        ctx: ScreenContext,
        settings: Callable[[], Settings] = Settings,
        parent: QObject | None = None,
        print_function: PrintFunction = print_with_cups,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.print_function = print_function
        self._busy = False
        self._finished.connect(self._job_finished)

    @property
    def busy(self) -> bool:
        """True while a print job is being handed to the printer."""
        return self._busy

    def options(
        self,
        level: ReadingLevel,
        large_print: bool,
        tier: Tier | None,
        asked_for_help: bool = False,
    ) -> HandoutOptions:
        """The handout options for this visitor and the clinic's settings."""
        from kiosk.handout import HandoutOptions

        s = self.settings()
        return HandoutOptions(
            level=level,
            paper=Paper(str(s.paper)),
            large_print=large_print,
            tier=tier,
            asked_for_help=asked_for_help and tier is not None,
            clinic_name=s.clinic_name,
            clinic_phone=s.clinic_phone,
            emergency_number=self.ctx.emergency_number,
        )

    def build(self, options: HandoutOptions, language: str = "") -> bytes:
        """The handout PDF with ``options``, in ``language`` or the visitor's."""
        from kiosk.handout import build_handout

        pack = self.ctx.content.language(language) if language else self.ctx.pack
        return build_handout(pack, self.ctx.content.sources, options)

    def start_print(self, data: bytes, copies: int = 1) -> bool:
        """Hand ``data`` to the printer on a worker thread; False if one is in flight.

        The outcome arrives as ``print_done`` or ``print_failed``.
        """
        if self._busy:
            return False
        self._busy = True
        printer = self.settings().printer or None
        title = self.ctx.pack.topic.title
        worker = threading.Thread(
            target=self._print_in_worker,
            args=(data, printer, copies, title),
            name="kiosk-print",
            daemon=True,  # a hung print server must not keep the kiosk from quitting
        )
        worker.start()
        return True

    def _print_in_worker(self, data: bytes, printer: str | None, copies: int, title: str) -> None:
        outcome: str | PrintError
        try:
            outcome = self.print_function(data, printer, copies, title)
        except PrintError as exc:
            outcome = exc
        except Exception as exc:  # never let a worker die silently
            log.exception("printing failed unexpectedly")
            outcome = PrintError(f"printing failed: {exc}", PrintProblem.OTHER)
        self._finished.emit(outcome, copies)

    def _job_finished(self, outcome: str | PrintError, copies: int) -> None:
        self._busy = False
        if isinstance(outcome, PrintError):
            log.warning("handout not printed (%s): %s", outcome.reason, outcome)
            self.print_failed.emit(outcome)
            return
        log.info("handout sent to printer %s (%d copies)", outcome, copies)
        self.printed.emit(copies)
        self.print_done.emit(outcome)

    def save(self, data: bytes, path: Path) -> None:
        """Write ``data`` to ``path`` all at once; raises SaveError, leaving no file."""
        try:
            printing.save_pdf_atomic(data, path)
        except SaveError as exc:
            log.warning("handout not saved (%s): %s", exc.reason, exc)
            raise
        self.saved.emit()
