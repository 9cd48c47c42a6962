"""Lines of at most about 75 characters in every wrapped text.

A wrapped QLabel wider than 75 characters of its own font gets a right
margin for the rest of its width. A margin, not a maximum width: Qt measures
the height of a word-wrapped label with a maximum width wrongly inside
nested layouts (the result card's texts were cut in half). The margin is
worked out again whenever the label is resized or its font changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.widgets.buttons import line_width_px

_WATCHED = "kiosk_lines_watched"


class _LineKeeper(QObject):
    """Resizes and font changes of the watched labels re-set their margin."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FontChange and isinstance(watched, QLabel):
            fit_label(watched)
        elif kind == QEvent.Type.Resize and isinstance(watched, QLabel):
            assert isinstance(event, QResizeEvent)
            if event.size().width() != event.oldSize().width():
                fit_label(watched)
        return False


_keeper: _LineKeeper | None = None
# Off until the first paint: reading a label's alignment builds Qt's enum
# namespace (20-30 ms, kiosk.ui.widgets.properties); the start screen's few
# lines are short, and ``kiosk.ui.main_window.finish_building`` turns it on.
_enabled = False


def enable(root: QWidget) -> None:
    """Keep lines short from now on, starting with everything under ``root``."""
    global _enabled
    _enabled = True
    keep_lines_short(root)


def fit_label(text: QLabel) -> None:
    """Give ``text`` the margin that keeps its lines short: on the right, or
    on both sides for centred text."""
    spare = max(0, text.width() - line_width_px(text)) if text.width() > 0 else 0
    centred = int(text.alignment().value) & 0x0004  # AlignHCenter
    left, right = (spare // 2, spare - spare // 2) if centred else (0, spare)
    margins = text.contentsMargins()
    if (margins.left(), margins.right()) != (left, right):
        text.setContentsMargins(left, 0, right, 0)


def keep_lines_short(root: QWidget) -> None:
    """Watch every wrapped label under ``root`` (once each)."""
    global _keeper
    if not _enabled:
        return
    if _keeper is None:
        _keeper = _LineKeeper()
    for text in root.findChildren(QLabel):
        if text.property(_WATCHED) or not text.wordWrap():
            continue
        text.setProperty(_WATCHED, True)
        text.installEventFilter(_keeper)
        fit_label(text)
