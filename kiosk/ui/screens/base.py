"""The base of every screen in the stack."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPaintEvent, QResizeEvent
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
    # True for a screen complete once built, that never gains or loses a
    # widget: it carries only the style rules its widgets can use
    # (kiosk.ui.sheet_subset).
    fixed_widgets = False

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.portrait = False
        self._reach_rows: list[tuple[QBoxLayout, QLayout]] = []
        self._side_margin: int | None = None  # the screen's own, before centring
        self._font_key = ""

    # A screen's content keeps to a centred column: about 75 characters of
    # body text plus room for a picture and padding. Within it, every wrapped
    # text keeps its own lines to about 75 characters of its own font.
    COLUMN_EXTRA_PX = 300

    def paintEvent(self, event: QPaintEvent) -> None:
        """The sheet's background across the whole screen, its margins too
        (a QWidget subclass paints no style-sheet background of its own)."""
        if not self.scrolls_itself:  # its scroll area paints behind it
            super().paintEvent(event)
            return
        # Imported here: QStyle's enums cost milliseconds, and the start
        # screen (painted first) never needs them.
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QStyle, QStyleOption

        option = QStyleOption()
        option.initFrom(self)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.centre_column()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a text-size change
            from kiosk.ui.widgets.buttons import font_key

            key = font_key(self)  # a restyle sends several, mostly for the same font
            if key != self._font_key:
                self._font_key = key
                self.centre_column()

    def centre_column(self) -> None:
        """Widen the side margins so the content is at most a column wide, and
        keep every wrapped text's lines short (``kiosk.ui.widgets.lines``)."""
        from kiosk.ui.widgets.buttons import line_width_px
        from kiosk.ui.widgets.lines import keep_lines_short

        keep_lines_short(self)
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        if self._side_margin is None:
            self._side_margin = margins.left()
        column = line_width_px(self) + self.COLUMN_EXTRA_PX
        side = max(self._side_margin, (self.width() - column) // 2)
        if side != margins.left():
            layout.setContentsMargins(side, margins.top(), side, margins.bottom())

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
