"""Big touch buttons: at least 64 px high, named for screen readers.

What the start screen and the top bar call here is built before the first
paint, so enum properties are set by name (kiosk.ui.widgets.properties).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.ui.widgets.properties import set_enum

MIN_TOUCH_PX = 64


def point_at_buttons(root: QWidget) -> None:
    """Give every push button under ``root`` the pointing-hand mouse cursor.

    Called once the screens are built (after the first paint: a cursor shape
    is a ``Qt`` enum and cannot be set by name).
    """
    from PySide6.QtCore import Qt

    for button in root.findChildren(QPushButton):
        button.setCursor(Qt.CursorShape.PointingHandCursor)


def big_button(
    text: str = "", role: str = "", parent: QWidget | None = None, object_name: str = ""
) -> QPushButton:
    """A push button sized for shaky fingers; ``role`` picks its QSS style."""
    # Not QPushButton(text, parent): that call's overload check (icon and
    # text?) builds QIcon's type and enums, about 1 ms before the first paint.
    button = QPushButton(text)
    if parent is not None:
        button.setParent(parent)
    button.setMinimumHeight(MIN_TOUCH_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    set_enum(button, "focusPolicy", "StrongFocus")
    button.setAutoDefault(True)
    if role:
        button.setProperty("role", role)
    if object_name:
        button.setObjectName(object_name)
    return button


def set_button_text(button: QPushButton, text: str, accessible: str = "") -> None:
    """Set the label and the accessible name together, so they never drift."""
    button.setText(text)
    button.setAccessibleName(accessible or text)


def label(role: str, parent: QWidget | None = None, object_name: str = "") -> QLabel:
    """A word-wrapping label styled by ``role``; not selectable (kiosk).

    Plain text: content and UI strings are plain text everywhere (a ``<b>``
    shows as typed, never as bold), so the screen, the read-aloud and the
    handout agree. A label that draws markup it made itself (the explainer's
    body, from escaped text) sets rich text on its own.
    """
    from kiosk.ui.widgets.lines import TextLabel  # lines imports this module

    widget = TextLabel(parent)
    set_enum(widget, "textFormat", "PlainText")
    widget.setProperty("role", role)
    widget.setWordWrap(True)
    set_enum(widget, "textInteractionFlags", "NoTextInteraction")
    set_enum(widget, "contextMenuPolicy", "NoContextMenu")
    if object_name:
        widget.setObjectName(object_name)
    return widget


# Lines longer than this are hard to follow back to the next line's start
# (issue 14: explainer lines ran to 115 characters on a wide screen).
MAX_LINE_CHARS = 75
_SAMPLE = "Most twitches are harmless and go away on their own, with rest. "


_PER_CHAR: dict[str, float] = {}


def font_key(widget: QWidget) -> str:
    """Which font ``widget`` draws in: family, pixel size, weight and slant.

    From ``fontInfo``, not ``font().key()``: a QFont in Python builds QFont's
    type and its eight enums, about 1 ms before the first paint.
    """
    info = widget.fontInfo()
    return f"{info.family()}|{info.pixelSize()}|{info.weight()}|{info.italic()}"


def line_width_px(widget: QWidget, chars: int = MAX_LINE_CHARS) -> int:
    """How wide ``chars`` characters of ordinary text are in ``widget``'s font."""
    key = font_key(widget)
    per_char = _PER_CHAR.get(key)
    if per_char is None:  # measured once per font (a few fonts in all)
        per_char = widget.fontMetrics().horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        _PER_CHAR[key] = per_char
    return round(per_char * chars)
