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

from kiosk.ui.widgets.buttons import line_width_px

# Off until the first paint: reading a label's alignment builds Qt's enum
# namespace (20-30 ms, kiosk.ui.widgets.properties); the start screen's few
# lines are short, and ``kiosk.ui.main_window.finish_building`` turns it on.
_enabled = False


class TextLabel(QLabel):
    """A label whose wrapped lines stay short once ``short_lines`` is on."""

    short_lines = False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        if not self.short_lines or width <= 0:
            return super().heightForWidth(width)
        margins = self.contentsMargins()
        now = margins.left() + margins.right()
        left, right = margins_for(self, width)
        # QLabel takes its current margins off ``width``; ask for the width
        # whose text area is the one ``width`` will have.
        return super().heightForWidth(width - (left + right) + now)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # The margin is only what a wide label has left over: it must never
        # stop the label from being made narrower.
        hint = super().minimumSizeHint()
        if self.short_lines:
            margins = self.contentsMargins()
            hint.setWidth(max(0, hint.width() - margins.left() - margins.right()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.short_lines and event.size().width() != event.oldSize().width():
            fit_label(self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if self.short_lines and event.type() == QEvent.Type.FontChange:
            fit_label(self)


def enable(root: QWidget) -> None:
    """Keep lines short from now on, starting with everything under ``root``."""
    global _enabled
    _enabled = True
    keep_lines_short(root)


def margins_for(text: QLabel, width: int) -> tuple[int, int]:
    """The (left, right) margin that keeps ``text``'s lines short at ``width``."""
    spare = max(0, width - line_width_px(text)) if width > 0 else 0
    centred = int(text.alignment().value) & 0x0004  # AlignHCenter
    return (spare // 2, spare - spare // 2) if centred else (0, spare)


def fit_label(text: QLabel) -> None:
    """Give ``text`` the margin that keeps its lines short at its width."""
    left, right = margins_for(text, text.width())
    margins = text.contentsMargins()
    if (margins.left(), margins.right()) != (left, right):
        text.setContentsMargins(left, 0, right, 0)


def keep_lines_short(root: QWidget) -> None:
    """Keep the lines of every wrapped label under ``root`` short (once each)."""
    if not _enabled:
        return
    for text in root.findChildren(TextLabel):
        if text.short_lines or not text.wordWrap():
            continue
        text.short_lines = True
        fit_label(text)
        text.updateGeometry()  # its height for a width has changed
