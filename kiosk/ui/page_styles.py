"""The kiosk's style sheet, set on each page instead of on the application.

Replacing the application's style sheet re-polishes every widget of every
screen, shown or not: about 250 ms for a text-size or contrast tap, against
the kiosk's 16 ms target for any tap. Here each page (the top bar, each
screen of the stack, the idle warning) carries its own copy of the sheet.
A change restyles what is on show at once; every other page is restyled
when it is next shown, or earlier, one page at a time while nobody taps:
the first once no change has come for ``QUIET_MS`` (a visitor stepping
the text size up twice, or tapping on, never waits behind a hidden page).
A page of fixed widgets (the top bar, the start screen) carries only the
rules that can style one of them (``kiosk.ui.sheet_subset``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.ui.sheet_subset import Vocabulary, sheet_for, vocabulary

# The pause after the last change before the hidden pages are restyled, and
# between two of them: long enough that a tap in between waits for one page
# at most.
QUIET_MS = 300
BACKGROUND_STEP_MS = 40


class PageStyles(QObject):
    """Holds the current sheet and which pages already carry it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qss = ""
        self._pages: list[QWidget] = []
        self._stale: list[QWidget] = []
        self._fixed: dict[QWidget, Vocabulary] = {}  # pages that never gain a widget
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._restyle_one)

    def add(self, page: QWidget, fixed: bool = False) -> None:
        """Style ``page`` with the sheet now, and with every later one.

        ``fixed``: the page is complete and never gains or loses a widget; it
        gets only the rules that can style one of its widgets.

        A page shown by other means than ``ensure`` (the idle warning) gets
        the current sheet from its Show event, before it is painted.
        """
        self._pages.append(page)
        if fixed:
            self._fixed[page] = vocabulary(page)
        page.installEventFilter(self)
        if self.qss:
            page.setStyleSheet(self.sheet_for(page))

    def replace(self, old: QWidget, new: QWidget, fixed: bool = False) -> None:
        """``new`` takes the place of the page ``old`` (which is forgotten)."""
        old.removeEventFilter(self)
        self._pages.remove(old)
        if old in self._stale:
            self._stale.remove(old)
        self._fixed.pop(old, None)
        self.add(new, fixed)

    def sheet_for(self, page: QWidget) -> str:
        """The sheet ``page`` carries for the current one: all of it, or a fixed page's part."""
        words = self._fixed.get(page)
        return self.qss if words is None else sheet_for(self.qss, words)

    def set_sheet(self, qss: str) -> None:
        """Use ``qss``: restyle the pages on show now, the rest later."""
        if qss == self.qss:
            return
        self.qss = qss
        self._stale = [page for page in self._pages if page.styleSheet() != self.sheet_for(page)]
        for page in [page for page in self._stale if page.isVisible()]:
            self.ensure(page)
        if self._stale:
            self._timer.start(QUIET_MS)  # again from now, at each change

    def ensure(self, page: QWidget) -> None:
        """Give ``page`` the current sheet if it does not carry it yet."""
        if page in self._stale:
            self._stale.remove(page)
            page.setStyleSheet(self.sheet_for(page))

    def chosen_with(self, page: QWidget) -> Vocabulary | None:
        """What a fixed page's rules were chosen for, when it was added (for tests)."""
        return self._fixed.get(page)

    def stale(self) -> list[QWidget]:
        """Pages still waiting for the current sheet (for tests)."""
        return list(self._stale)

    def _restyle_one(self) -> None:
        if self._stale:
            self.ensure(self._stale[0])
        if self._stale:
            self._timer.start(BACKGROUND_STEP_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            self.ensure(watched)
        return False
