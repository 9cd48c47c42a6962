"""Builds the handout PDF and prints or saves it for the handout screen.

The one UI object that talks to ``kiosk.printing``; screens call it and show
what it says, they never print or write files themselves. A build takes well
under 50 ms and ``lp`` returns at once, so everything runs synchronously.

``install_handout(window)`` adds the handout screen to the main window and
wires it: the start screen's "handout" action, the result screens' "Get a
handout" button (with the result included), and the session reset.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk import printing
from kiosk.content.models import ReadingLevel, Tier
from kiosk.handout.paper import Paper  # the builder (reportlab) is imported on first build
from kiosk.printing import NO_PRINTER_MESSAGE, PrintError, PrintProblem, SaveError
from kiosk.settings import Settings
from kiosk.triage import TriageResult
from kiosk.ui.context import ScreenContext
from kiosk.ui.navigator import ScreenId

if TYPE_CHECKING:
    from kiosk.handout import HandoutOptions
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.handout import HandoutScreen

log = logging.getLogger(__name__)


class HandoutService(QObject):
    """Build, print and save the handout with the clinic's settings.

    ``settings`` is asked at every build, so staff changes apply at once.
    ``printed(copies)`` and ``saved()`` are emitted after each success (for
    the anonymous counters).
    """

    printed = Signal(int)
    saved = Signal()

    def __init__(
        self,
        ctx: ScreenContext,
        settings: Callable[[], Settings] = Settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings

    def options(self, level: ReadingLevel, large_print: bool, tier: Tier | None) -> HandoutOptions:
        """The handout options for this visitor and the clinic's settings."""
        from kiosk.handout import HandoutOptions

        s = self.settings()
        return HandoutOptions(
            level=level,
            paper=Paper(str(s.paper)),
            large_print=large_print,
            tier=tier,
            clinic_name=s.clinic_name,
            clinic_phone=s.clinic_phone,
            emergency_number=self.ctx.emergency_number,
        )

    def build(
        self, level: ReadingLevel, large_print: bool, tier: Tier | None, language: str = ""
    ) -> bytes:
        """The handout PDF (tier: the result, or None), in ``language`` or the visitor's."""
        from kiosk.handout import build_handout

        options = self.options(level, large_print, tier)
        pack = self.ctx.content.language(language) if language else self.ctx.pack
        return build_handout(pack, self.ctx.content.sources, options)

    def print(self, data: bytes, copies: int = 1) -> str:
        """Send ``data`` to the clinic's printer; returns the printer's name.

        Raises PrintError (no printer, printer stopped, job refused); its
        English sentence and reason code are logged here.
        """
        printer = self.settings().printer or None
        title = self.ctx.pack.topic.title
        try:
            if sys.platform == "win32":
                for _ in range(copies):
                    name = print_with_qt(data, printer, title)
            else:
                name = printing.print_pdf(data, printer, copies=copies, title=title).printer
        except PrintError as exc:
            log.warning("handout not printed (%s): %s", exc.reason, exc)
            raise
        log.info("handout sent to printer %s (%d copies)", name, copies)
        self.printed.emit(copies)
        return name

    def save(self, data: bytes, path: Path) -> None:
        """Write ``data`` to ``path`` all at once; raises SaveError, leaving no file."""
        try:
            printing.save_pdf_atomic(data, path)
        except SaveError as exc:
            log.warning("handout not saved (%s): %s", exc.reason, exc)
            raise
        self.saved.emit()


def connect_quick_print(window: MainWindow) -> None:
    """Staff quick print: build at the chosen level and language, print, report."""
    staff = window.staff

    def quick_print(level: ReadingLevel, language: str, copies: int) -> None:
        strings = window.ctx.strings
        try:
            data = window.handout.build(level, False, None, language)
            printer = window.handout.print(data, copies)
        except printing.PrintError as exc:
            staff.screen.show_print_status(strings("staff.print_error", reason=str(exc)))
            return
        staff.screen.show_print_status(strings("staff.print_done", copies=copies, printer=printer))

    staff.quick_print_requested.connect(quick_print)


def print_with_qt(data: bytes, printer: str | None, title: str) -> str:
    """Print the PDF on Windows, where there is no ``lp``; returns the printer's name.

    QtPdf renders each page (``QPdfDocument.render``) to an image at the
    printer's resolution, and a QPainter on a ``QPrinter`` for the chosen
    printer (None: the system default) draws it, one ``newPage()`` between
    pages. No print dialog is shown. Raises PrintError when there is no such
    printer, the PDF cannot be read, or the printer refuses to start.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.printerInfo(printer) if printer else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if printer:
            message = f"there is no printer called {printer!r}"
            raise PrintError(message, PrintProblem.UNKNOWN_PRINTER, printer)
        raise PrintError(NO_PRINTER_MESSAGE, PrintProblem.NO_PRINTER)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() is not QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError("the handout could not be prepared for printing", PrintProblem.UNREADABLE)
    qprinter = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    qprinter.setDocName(title)
    qprinter.setFullPage(True)
    painter = QPainter()
    if not painter.begin(qprinter):
        name = info.printerName()
        raise PrintError(f"the printer {name!r} refused the job", PrintProblem.REFUSED, name)
    try:
        dpi = qprinter.resolution()
        target = qprinter.pageRect(QPrinter.Unit.DevicePixel).toRect()
        for page in range(document.pageCount()):
            if page:
                qprinter.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return info.printerName()


def install_handout(window: MainWindow) -> HandoutService:
    """Add the handout screen to ``window`` and wire it; returns the service."""
    from kiosk.ui.screens.handout import HandoutScreen

    ctx = window.ctx
    service = HandoutService(ctx, lambda: window.staff.settings, window)
    result_screen = window.checklist.result

    def visitor_result() -> TriageResult | None:
        if ctx.session.answers or result_screen.forced_emergency:
            return result_screen.result()
        return None

    screen = HandoutScreen(ctx, service, visitor_result)
    window.navigator.add(ScreenId.HANDOUT, screen)
    window.register_action("handout", ScreenId.HANDOUT)
    origin: list[ScreenId] = [ScreenId.START]

    def from_result(_result: object) -> None:
        ctx.session.include_result = True
        origin[0] = ScreenId.RESULT
        window.show_screen(ScreenId.HANDOUT)

    def back() -> None:
        window.show_screen(origin[0])
        origin[0] = ScreenId.START

    def from_start(action: str) -> None:
        if action == "handout":
            origin[0] = ScreenId.START

    window.start.action_chosen.connect(from_start)
    result_screen.handout_requested.connect(from_result)
    result_screen.enable_handout()
    screen.back_requested.connect(back)
    service.printed.connect(window.handout_printed)
    window.session_reset.connect(screen.clear)

    def entered(screen_id: ScreenId) -> None:
        if screen_id is ScreenId.HANDOUT:
            screen.clear_status()  # an old "printing" line is not news

    window.navigator.screen_changed.connect(entered)
    return service


def handout_screen(window: MainWindow) -> HandoutScreen:
    """The handout screen in ``window`` (for tests and the screenshots)."""
    screen = window.navigator.screens[ScreenId.HANDOUT]
    from kiosk.ui.screens.handout import HandoutScreen

    assert isinstance(screen, HandoutScreen)
    return screen
