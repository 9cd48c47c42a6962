"""The kiosk paints its start screen first and builds the other screens just after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.deferred import after_first_paint
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId


def deferred_window(qtbot: QtBot, content: ContentPack) -> MainWindow:
    win = MainWindow(ScreenContext(content=content, session=Session()), deferred=True)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    return win


class FirstPaintSpy(QObject):
    """Calls ``record`` once, during ``widget``'s first paint (the frame a visitor sees)."""

    def __init__(self, widget: QWidget, record: Callable[[], None]) -> None:
        super().__init__(widget)
        self.record: Callable[[], None] | None = record
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.record is not None:
            record, self.record = self.record, None
            record()
        return False


def test_only_start_screen_before_first_paint(qtbot: QtBot, content: ContentPack) -> None:
    win = deferred_window(qtbot, content)
    assert list(win.navigator.screens) == [ScreenId.START]
    assert not win.built and not win.holds_idle_reset()
    after_first_paint(win, win.finish_building)
    win.show()
    qtbot.waitUntil(lambda: win.built, timeout=3000)
    assert ScreenId.QUESTION in win.navigator.screens
    assert win.start.buttons["checklist"].isVisible()
    assert win.start.buttons["handout"].isVisible()


@pytest.mark.parametrize(
    ("action", "opens"), [("learn", ScreenId.TOPICS), ("checklist", ScreenId.CHECKLIST_INTRO)]
)
def test_a_tap_before_the_build_builds_first_and_opens_the_screen(
    qtbot: QtBot, content: ContentPack, action: str, opens: ScreenId
) -> None:
    win = deferred_window(qtbot, content)
    win.show()
    qtbot.mouseClick(win.start.buttons[action], Qt.MouseButton.LeftButton)
    assert win.built
    assert win.navigator.current_id is opens


def test_every_button_points_once_built(qtbot: QtBot, content: ContentPack) -> None:
    """The pointing-hand cursor is set after the first paint, on every button."""
    win = deferred_window(qtbot, content)
    shapes = {b.cursor().shape() for b in win.findChildren(QPushButton)}
    assert shapes == {Qt.CursorShape.ArrowCursor}  # not yet: it needs Qt's enums
    win.finish_building()
    buttons = win.findChildren(QPushButton)
    assert len(buttons) > 30
    assert {b.cursor().shape() for b in buttons} == {Qt.CursorShape.PointingHandCursor}


def test_the_start_screen_does_not_move_when_the_rest_is_built(
    qtbot: QtBot, content: ContentPack
) -> None:
    # The first frame showed "Learn" alone; the other two appeared once they
    # were wired, and the title jumped up under the visitor's eyes.
    win = deferred_window(qtbot, content)
    start = win.start
    watched = (start.title, *start.buttons.values())
    first_frame: dict[str, object] = {}

    def record() -> None:
        first_frame["shown"] = [a for a, b in start.buttons.items() if b.isVisible()]
        first_frame["places"] = [w.geometry() for w in watched]

    FirstPaintSpy(start, record)
    after_first_paint(win, win.finish_building)
    win.show()
    qtbot.waitUntil(lambda: win.built, timeout=3000)
    qtbot.wait(50)
    assert first_frame["shown"] == ["learn", "checklist", "handout"]
    assert first_frame["places"] == [w.geometry() for w in watched]


def test_the_first_frame_needs_only_the_start_texts(qtbot: QtBot, tmp_path: Path) -> None:
    # The kiosk paints from the copy's start texts and reads all the content
    # back into its models just after (docs/performance.md).
    from kiosk.content.cache import load_content_cached, open_content_cached

    load_content_cached(None, tmp_path)  # the first start writes the copy
    copy = open_content_cached(None, tmp_path)
    win = MainWindow(ScreenContext(content=copy, session=Session()), deferred=True)
    qtbot.addWidget(win)
    read_at_first_paint: list[bool] = []
    FirstPaintSpy(win.start, lambda: read_at_first_paint.append(copy.read))
    after_first_paint(win, win.finish_building)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.built, timeout=3000)
    assert read_at_first_paint == [False]
    assert win.start.title.text() == "Why do muscles twitch?"
    assert win.windowTitle() == "Why do muscles twitch?"
    assert copy.read  # the other screens needed it
    qtbot.mouseClick(win.top_bar.language, Qt.MouseButton.LeftButton)
    assert win.start.title.text() == copy.pack.language("es").topic.title


def test_the_start_screen_gets_its_scroll_area_once_built_and_looks_the_same(
    qtbot: QtBot, content: ContentPack
) -> None:
    """Before the first paint the start screen sits in a plain page (a scroll
    area costs about 1.5 ms there); the build puts it in its scroll area, with
    touch scrolling, and that move changes not one pixel of the window."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    win = deferred_window(qtbot, content)
    win.show()
    QApplication.processEvents()
    plain = win.navigator.page(ScreenId.START)
    assert not isinstance(plain, QScrollArea)
    assert win.start.parentWidget() is plain
    before = win.grab().toImage()
    win.navigator.put_in_scroll_area(ScreenId.START)  # what the build does, alone
    QApplication.processEvents()
    area = win.navigator.page(ScreenId.START)
    assert isinstance(area, QScrollArea) and area.widget() is win.start
    assert win.navigator.currentWidget() is area
    assert win.styles.chosen_with(area) is not None  # the page whose rules are chosen
    assert win.styles.chosen_with(plain) is None
    assert win.grab().toImage() == before
    win.finish_building()
    assert win.navigator.page(ScreenId.START) is area  # once only
