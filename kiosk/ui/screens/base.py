"""The base of every screen in the stack."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.ui.context import ScreenContext


class Screen(QWidget):
    """A page of the kiosk. ``refresh`` redraws it from the context.

    Screens hold layout and emit signals; they never call printing or read
    files themselves.
    """

    # True for a screen with its own scroll area: the navigator does not wrap
    # it in another one (two nested scroll bars confuse touch users).
    scrolls_itself = False

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Redraw texts for the current language, level and position."""

    def speech_text(self) -> str:
        """What the read-aloud button says for this screen."""
        return ""
