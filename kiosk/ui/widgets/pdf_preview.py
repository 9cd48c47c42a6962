"""Shows real PDF pages: QtPdf renders the bytes, QPdfView scrolls them by touch."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QScroller, QWidget


class PdfPreview(QPdfView):
    """All pages one under another, fitted to the width, dragged with a finger."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]  # None is fine at run time
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setPageSpacing(16)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # A finger (or a mouse) drags the pages; flicks keep scrolling.
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self._pdf: QPdfDocument | None = None
        # Shown when there is nothing to show (setDocument(None) warns).
        self._blank = QPdfDocument()

    def pdf(self) -> QPdfDocument | None:
        """The document on show, if any."""
        return self._pdf

    def show_pdf(self, data: bytes) -> QPdfDocument:
        """Load ``data`` (PDF bytes) from memory and show its pages from the top."""
        # Not a child of the view: QPdfView crashes (Qt 6.9) when its own
        # child document is destroyed after it. Python holds it instead.
        document = QPdfDocument()
        buffer = QBuffer(document)  # lives as long as the document
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        self._replace(document)
        self.verticalScrollBar().setValue(0)
        return document

    def clear(self) -> None:
        """Show nothing and free the document (after a session reset)."""
        self._replace(None)

    def _replace(self, document: QPdfDocument | None) -> None:
        old = self._pdf
        self._pdf = document
        self.setDocument(document if document is not None else self._blank)
        if old is not None:
            old.close()
            old.deleteLater()
