"""Screen ids and the stacked widget that shows one screen at a time."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from kiosk.ui.page_styles import PageStyles
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.scrolling import scroll_area


class ScreenId(StrEnum):
    """Every screen of the kiosk."""

    START = "start"
    TOPICS = "topics"
    EXPLAINER = "explainer"
    CHECKLIST_INTRO = "checklist_intro"
    QUESTION = "question"
    RESULT = "result"
    HANDOUT = "handout"
    TEACH_BACK = "teach_back"
    STAFF_PIN = "staff_pin"
    STAFF = "staff"


class Navigator(QStackedWidget):
    """Holds the screens; ``show_screen`` refreshes and raises one."""

    screen_changed = Signal(object)  # ScreenId

    def __init__(self, styles: PageStyles | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.styles = styles
        # Once the first screen is painted (the main window turns it on):
        # layouts run before a new screen is painted (lay_out_now).
        self.lay_out_first = False
        self.screens: dict[ScreenId, Screen] = {}
        self._pages: dict[ScreenId, QWidget] = {}
        self.current_id: ScreenId | None = None
        self.portrait = False

    def set_portrait(self, portrait: bool) -> None:
        """Arrange every screen, and every screen added later, for the window's shape."""
        self.portrait = portrait
        for screen in self.screens.values():
            screen.set_portrait(portrait)

    def add(self, screen_id: ScreenId, screen: Screen, scroll_later: bool = False) -> None:
        """Register ``screen`` under ``screen_id``.

        Each screen sits in its own scroll area: with the largest text a
        screen that no longer fits scrolls instead of being cut off, and no
        screen's size forces the window larger than the display.

        ``scroll_later``: the screen sits in a plain page until
        ``put_in_scroll_area`` puts it in its scroll area (the start screen,
        painted first: a scroll area costs about 11 M instructions, 1.5 ms,
        before the first paint, and the first frame is always at normal text
        size, where the start screen fits any screen).
        """
        screen.setObjectName(f"screen_{screen_id.value}")
        self.screens[screen_id] = screen
        screen.set_portrait(self.portrait)
        if screen.scrolls_itself:
            page: QWidget = screen
        elif scroll_later:
            page = _plain_page(screen, f"page_{screen_id.value}")
        else:
            page = scroll_area(screen, f"page_{screen_id.value}")
        self._pages[screen_id] = page
        if self.styles is not None:
            self.styles.add(page, fixed=screen.fixed_widgets)
        self.addWidget(page)

    def put_in_scroll_area(self, screen_id: ScreenId) -> None:
        """Put a screen added with ``scroll_later`` in its scroll area (once)."""
        plain = self._pages[screen_id]
        screen = self.screens[screen_id]
        if plain is screen or isinstance(plain, QScrollArea):
            return
        shown = self.currentWidget() is plain
        area = scroll_area(screen, f"page_{screen_id.value}")  # takes the screen from ``plain``
        self.insertWidget(self.indexOf(plain), area)
        if shown:
            self.setCurrentWidget(area)
        self.removeWidget(plain)
        self._pages[screen_id] = area
        if self.styles is not None:
            self.styles.replace(plain, area, fixed=screen.fixed_widgets)
        plain.deleteLater()

    def show_screen(self, screen_id: ScreenId) -> Screen:
        """Refresh and show the screen; returns it."""
        screen = self.screens[screen_id]
        page = self._pages[screen_id]
        if self.styles is not None:
            self.styles.ensure(page)  # texts are measured in the current sheet's fonts
        screen.refresh()
        polish_now(screen)
        if isinstance(page, QScrollArea):  # a new screen (or question) starts at the top
            page.verticalScrollBar().setValue(0)
        self.setCurrentWidget(page)
        if self.lay_out_first:
            lay_out_now()
        changed = screen_id is not self.current_id
        self.current_id = screen_id
        if changed:
            self.screen_changed.emit(screen_id)
        return screen

    def page(self, screen_id: ScreenId) -> QWidget:
        """What the stack holds for ``screen_id``: the screen, or its scroll area."""
        return self._pages[screen_id]

    def current_screen(self) -> Screen | None:
        """The screen on show, if any."""
        return self.screens.get(self.current_id) if self.current_id else None


def polish_now(screen: QWidget) -> None:
    """Apply the current style sheet to every widget of ``screen`` before it is laid out.

    A screen built (or restyled) while hidden is polished only when first
    painted, after its layout has placed the widgets at their old sizes:
    at a larger text size, answer buttons that had grown overlapped.
    """
    for widget in (screen, *screen.findChildren(QWidget)):
        # Only what is on show: a hidden widget polished here would be
        # restyled at every later text-size or contrast change.
        if widget is screen or widget.isVisibleTo(screen):
            widget.ensurePolished()
    layout = screen.layout()
    if layout is not None:
        layout.invalidate()
        layout.activate()


def lay_out_now() -> None:
    """Run the layouts a change has asked for before anything is painted.

    A text that grows by a line, or a part shown again, is placed when its
    layout request is delivered; a paint in between showed the result
    card's action at one line's height, cut in half, for a frame of a
    language tap. Nested layouts (a card in a scroll area) take a pass each.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _plain_page(screen: Screen, object_name: str) -> QWidget:
    """``screen`` filling a plain widget, which paints the sheet's background
    (a QWidget subclass, such as a screen, paints none of its own)."""
    from PySide6.QtWidgets import QVBoxLayout

    page = QWidget()
    page.setObjectName(object_name)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(screen)
    return page
