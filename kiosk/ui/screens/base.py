"""The base of every screen in the stack."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget

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
        self.portrait = False
        self._reach_rows: list[tuple[QBoxLayout, QLayout]] = []

    def keep_in_reach(self, outer: QBoxLayout, row: QLayout) -> None:
        """``row`` (Back, progress, "Get help now") sits at the top of ``outer``
        on a landscape screen and just above its last row on a portrait one,
        in the lower two thirds that a standing visitor reaches."""
        self._reach_rows.append((outer, row))

    def set_portrait(self, portrait: bool) -> None:
        """Arrange the screen for a portrait (taller than wide) or landscape window."""
        if portrait == self.portrait:
            return
        self.portrait = portrait
        for outer, row in self._reach_rows:
            outer.removeItem(row)
            outer.insertLayout(outer.count() - 1 if portrait else 0, row)
        self.portrait_changed(portrait)

    def portrait_changed(self, portrait: bool) -> None:
        """What else a screen moves for a portrait window (none by default)."""

    def refresh(self) -> None:
        """Redraw texts for the current language, level and position."""

    def speech_text(self) -> str:
        """What the read-aloud button says for this screen."""
        return ""
