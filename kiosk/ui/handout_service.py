"""Builds the handout PDF, and prints or saves it off the GUI thread.

The one UI object that talks to ``kiosk.printing``; screens call it and show
what it says, they never print or write files themselves. Building takes
well under 50 ms and stays on the GUI thread. Printing asks CUPS (``lpstat``,
``lp``), which can take up to its time limit when a print server hangs, so it
runs on a worker thread: the screen keeps answering taps and shows
"Sending..." until ``print_done`` or ``print_failed`` arrives. The worker
follows the job in the queue and reports ``print_state`` ("waiting" for the
printer, "printing"); ``print_done`` comes when the job is done (or cannot
be followed, which is logged). One job at a time: a second request while one
is in flight is refused (``busy``), so ten quick taps on Print send one job.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk import printing
from kiosk.content.models import ReadingLevel, Tier
from kiosk.handout.paper import Paper  # the builder (reportlab) is imported on first build
from kiosk.printing import PrintError, PrintProblem, PrintState, SaveError
from kiosk.settings import Settings
from kiosk.ui.context import ScreenContext

if TYPE_CHECKING:
    from kiosk.handout import HandoutOptions

log = logging.getLogger(__name__)

StateSink = Callable[[PrintState], None]


@dataclass(frozen=True)
class PrintRequest:
    """One print job as the worker gets it (read on the GUI thread)."""

    data: bytes
    printer: str | None  # None: the system default
    copies: int
    title: str
    two_sided: bool | None = None  # None: the printer's own default
    follow_timeout_s: float = printing.FOLLOW_TIMEOUT_S


#: Prints ``request``, telling ``on_state`` where the job is; returns the
#: printer's name or raises PrintError. Runs on the worker thread.
PrintFunction = Callable[[PrintRequest, StateSink], str]


def print_with_cups(request: PrintRequest, on_state: StateSink) -> str:
    """Print through CUPS (Linux, macOS), or Qt on Windows; returns the printer's name.

    On CUPS the job is followed (``printing.follow_job``) until it leaves the
    queue: ``on_state`` hears "waiting" (queued behind another job, or the
    printer is holding it) and "printing". It returns when the job is done,
    is printing when the time limit comes, or cannot be followed (``lp``
    gave no job id, or CUPS stopped answering: logged as such, and taken as
    sent). A job still waiting at the time limit is cancelled, so it does
    not print later for a visitor who has gone, and raises PrintError.
    """
    if sys.platform == "win32":
        from kiosk.printing_windows import print_with_qt

        name = ""
        for _ in range(request.copies):
            name = print_with_qt(request.data, request.printer, request.title)
        return name
    job = printing.print_pdf(
        request.data,
        request.printer,
        copies=request.copies,
        title=request.title,
        two_sided=request.two_sided,
    )
    outcome = printing.follow_job(job, timeout_s=request.follow_timeout_s, on_change=on_state)
    if outcome.state is PrintState.WAITING:
        cancelled = printing.cancel_job(job)
        message = (
            f"the job {job.job_id} was still waiting on {job.printer!r} after "
            f"{request.follow_timeout_s:g} s; {'cancelled' if cancelled else 'could not cancel it'}"
        )
        raise PrintError(message, PrintProblem.NO_ANSWER, job.printer)
    if outcome.state is PrintState.UNKNOWN:
        log.info("the job on %s cannot be followed; taken as sent", job.printer)
    elif outcome.state is PrintState.PRINTING:
        log.info("the job on %s is still printing at the time limit", job.printer)
    return job.printer


class HandoutService(QObject):
    """Build, print and save the handout with the clinic's settings.

    ``settings`` is asked at every build, so staff changes apply at once.
    ``printed(copies)`` and ``saved()`` are emitted after each success (for
    the anonymous counters); ``print_done(printer)`` and
    ``print_failed(PrintError)`` end every ``start_print``; before that,
    ``print_state(str)`` says where the job is, "waiting" (queued: the
    printer is busy or holding it) or "printing", so the screen never
    announces a pending job as printing. All are emitted on the GUI thread.
    """

    printed = Signal(int)
    saved = Signal()
    print_done = Signal(str)
    print_failed = Signal(object)  # PrintError
    print_state = Signal(str)  # PrintState value: "waiting" or "printing"
    # From the worker thread; Qt queues it to this (GUI-thread) object.
    _state = Signal(str)
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
        #: How long a sent job is followed before giving up (tests shorten it).
        self.follow_timeout_s = printing.FOLLOW_TIMEOUT_S
        self._finished.connect(self._job_finished)
        self._state.connect(self._state_changed)

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
        settings = self.settings()
        request = PrintRequest(
            data=data,
            printer=settings.printer or None,
            copies=copies,
            title=self.ctx.pack.topic.title,
            two_sided=settings.two_sided,
            follow_timeout_s=self.follow_timeout_s,
        )
        worker = threading.Thread(
            target=self._print_in_worker,
            args=(request,),
            name="kiosk-print",
            daemon=True,  # a hung print server must not keep the kiosk from quitting
        )
        worker.start()
        return True

    def _print_in_worker(self, request: PrintRequest) -> None:
        outcome: str | PrintError
        copies = request.copies

        def on_state(state: PrintState) -> None:
            if state in (PrintState.WAITING, PrintState.PRINTING):
                self._state.emit(state.value)

        try:
            outcome = self.print_function(request, on_state)
        except PrintError as exc:
            outcome = exc
        except Exception as exc:  # never let a worker die silently
            log.exception("printing failed unexpectedly")
            outcome = PrintError(f"printing failed: {exc}", PrintProblem.OTHER)
        self._finished.emit(outcome, copies)

    def _state_changed(self, state: str) -> None:
        if self._busy:  # a late report after the outcome is not news
            self.print_state.emit(state)

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
