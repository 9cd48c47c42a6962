"""Lines of at most about 75 characters in every wrapped text.

A wrapped label wider than 75 characters of its own font gets a margin for
the rest of its width (on the right, or on both sides for centred text). A
margin, not a maximum width: Qt measures the height of a word-wrapped label
with a maximum width wrongly inside nested layouts (the result card's texts
were cut in half).

The margin is worked out again when the label is resized or its font
changes, and ``heightForWidth`` answers with the margin the asked-for width
would get, not the one the label has now. With the stale margin a scroll
area asking "how tall at 1256 px?" while the label was 1280 px wide got a
taller answer than the label had once it was 1256 px wide, put its scroll
bar on and off for ever and crashed the kiosk (stack overflow in
``QScrollArea``'s resize handling; Spanish, large text, high contrast, start
screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.widgets.buttons import font_key, line_width_px

# Off until the first paint: reading a label's alignment builds Qt's enum
# namespace (20-30 ms, kiosk.ui.widgets.properties); the start screen's few
# lines are short, and ``kiosk.ui.main_window.finish_building`` turns it on.
_enabled = False


class TextLabel(QLabel):
    """A label whose wrapped lines stay short once ``short_lines`` is on.

    Its sizes (the height for each width, the size hint and the minimum) are
    kept until its text or font changes: a text-size or contrast tap asks
    each label for them a dozen times or more, and every answer is a text
    layout. A colour change (contrast) keeps them all.
    """

    _centred = False
    _line_px = 0
    _heights: dict[int, int] | None = None
    _hint: QSize | None = None
    _minimum: QSize | None = None
    _font_key = ""

    @property
    def short_lines(self) -> bool:
        """True once ``start_short_lines`` ran (its sizes are kept from then on)."""
        return self._heights is not None

    def forget_sizes(self) -> None:
        """The text or font changed: sizes are measured again when asked."""
        if self._heights:
            self._heights.clear()
        self._hint = self._minimum = None

    def setText(self, text: str) -> None:
        if text != self.text():  # screens set every text again at each refresh
            self.forget_sizes()
            super().setText(text)

    def clear(self) -> None:
        self.forget_sizes()
        super().clear()

    def heightForWidth(self, width: int) -> int:
        heights = self._heights
        if heights is None or width <= 0:
            return super().heightForWidth(width)
        height = heights.get(width)
        if height is None:
            margins = self.contentsMargins()
            now = margins.left() + margins.right()
            # QLabel takes its current margins off ``width``; ask for the width
            # whose text area is the one ``width`` will have.
            height = super().heightForWidth(width - self.spare(width) + now)
            if len(heights) > 64:  # widths seen: a few per screen size
                heights.clear()
            heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        if not self.short_lines:
            return super().sizeHint()
        if self._hint is None:
            self._hint = super().sizeHint()
        return QSize(self._hint)

    def minimumSizeHint(self) -> QSize:
        if not self.short_lines:
            return super().minimumSizeHint()
        if self._minimum is None:
            # The margin is only what a wide label has left over: it must
            # never stop the label from being made narrower.
            hint = super().minimumSizeHint()
            margins = self.contentsMargins()
            hint.setWidth(max(0, hint.width() - margins.left() - margins.right()))
            self._minimum = hint
        return QSize(self._minimum)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.short_lines and event.size().width() != event.oldSize().width():
            fit_label(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self.short_lines and event.type() == QEvent.Type.FontChange:
            # A restyle sends several of these, most of them for the font the
            # label already had (a contrast tap ends with the same font).
            key = font_key(self)
            if key != self._font_key:
                self._font_key = key
                self.forget_sizes()
                self._line_px = line_width_px(self)
                fit_label(self)

    def spare(self, width: int) -> int:
        """How much of ``width`` is margin: all beyond one short line."""
        return max(0, width - self._line_px) if width > 0 else 0

    def start_short_lines(self) -> None:
        """From now on keep lines short (the alignment is read once, here)."""
        self._centred = bool(int(self.alignment().value) & 0x0004)  # AlignHCenter
        self._line_px = line_width_px(self)
        self._font_key = font_key(self)
        self._heights = {}
        fit_label(self)
        self.updateGeometry()  # its height for a width has changed


def enable(root: QWidget) -> None:
    """Keep lines short from now on, starting with everything under ``root``."""
    global _enabled
    _enabled = True
    keep_lines_short(root)


def margins_for(text: TextLabel, width: int) -> tuple[int, int]:
    """The (left, right) margin that keeps ``text``'s lines short at ``width``."""
    spare = text.spare(width)
    return (spare // 2, spare - spare // 2) if text._centred else (0, spare)


def fit_label(text: TextLabel) -> None:
    """Give ``text`` the margin that keeps its lines short at its width."""
    left, right = margins_for(text, text.width())
    margins = text.contentsMargins()
    if (margins.left(), margins.right()) != (left, right):
        text._hint = text._minimum = None  # both count the margin in
        text.setContentsMargins(left, 0, right, 0)


def keep_lines_short(root: QWidget) -> None:
    """Keep the lines of every wrapped label under ``root`` short (once each)."""
    if not _enabled:
        return
    for text in root.findChildren(TextLabel):
        if not text.short_lines and text.wordWrap():
            text.start_short_lines()
