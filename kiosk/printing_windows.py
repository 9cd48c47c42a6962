"""Printing on Windows, where there is no CUPS ``lp``.

Beside ``kiosk.printing`` (the Qt-free path through CUPS): QtPdf renders each
page and a QPainter draws it onto a ``QPrinter``. Qt is imported inside the
function, so importing this module needs no Qt (the core stays Qt-free).
"""

from __future__ import annotations

from kiosk.printing import NO_PRINTER_MESSAGE, PrintError, PrintProblem


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
