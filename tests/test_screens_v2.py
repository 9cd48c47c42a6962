"""Issue 14 through the real main window: the explainer's map, state you can
see, the display fold, restyling only what is shown, the type scale and
kinetic scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea, QScroller
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session, TextSize
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.page_styles import QUIET_MS, PageStyles
from kiosk.ui.theme import HIGH_CONTRAST, NORMAL, SIZES, screen_scale


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def big_window(qtbot: QtBot, content: ContentPack, width: int, height: int) -> MainWindow:
    win = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    QApplication.processEvents()
    return win


# The explainer's map ------------------------------------------------------------


def test_learn_opens_a_map_of_picture_tiles_one_per_page(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    assert window.navigator.current_id is ScreenId.TOPICS
    sections = content.language("en").topic.sections
    tiles = window.topics.tiles
    assert [t.objectName() for t in tiles] == [f"tile_{s.id}" for s in sections]
    for tile, section in zip(tiles, sections, strict=True):
        assert tile.isVisible()
        assert section.title in tile.accessibleName()
        assert not tile.picture.pixmap().isNull()
        assert tile.picture.accessibleName() == section.title
    # A tile opens its own page, wherever the page is in the line.
    tap(qtbot, tiles[9])
    assert window.navigator.current_id is ScreenId.EXPLAINER
    assert window.explainer.heading.text() == sections[9].title


def test_every_page_has_a_captioned_picture_and_ends_with_next_steps(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    explainer = window.explainer
    for section in content.language("en").topic.sections:
        assert explainer.heading.text() == section.title
        caption = explainer.caption.text()
        assert caption and "caption." not in caption  # a sentence, not a raw key
        assert explainer.picture.accessibleName() == caption
        assert not explainer.picture.pixmap().isNull()
        assert caption in explainer.speech_text()  # read aloud with the page
        for step in (*explainer.steps.values(), explainer.teach_back):
            assert step.isVisible() and step.text(), step.objectName()
        tap(qtbot, explainer.next)
    assert window.navigator.current_id is ScreenId.START  # "Done" after the last page


def test_no_dead_control_on_page_one_and_the_map_is_one_tap_away(
    qtbot: QtBot, window: MainWindow
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    tap(qtbot, window.explainer.back)  # page 1's Back leads somewhere
    assert window.navigator.current_id is ScreenId.TOPICS
    tap(qtbot, window.topics.tiles[3])
    tap(qtbot, window.explainer.topics)
    assert window.navigator.current_id is ScreenId.TOPICS


def test_next_steps_lead_to_the_checklist_and_the_handout(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.tiles[2])
    tap(qtbot, window.explainer.steps["checklist"])
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    tap(qtbot, window.top_bar.home)
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.tiles[2])
    tap(qtbot, window.explainer.steps["handout"])
    assert window.navigator.current_id is ScreenId.HANDOUT
    tap(qtbot, window.handout.screen.back)
    assert window.navigator.current_id is ScreenId.EXPLAINER  # back to the same page
    assert window.ctx.session.section_index == 2


# State you can see --------------------------------------------------------------


def test_contrast_looks_on_or_off_and_text_size_names_the_size(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.top_bar
    assert not bar.contrast.isChecked() and "off" in bar.contrast.accessibleName()
    assert "normal" in bar.text_size.text()
    tap(qtbot, bar.contrast)
    assert window.ctx.session.high_contrast
    assert bar.contrast.isChecked() and "on" in bar.contrast.accessibleName()
    assert bar.contrast.text() != bar.contrast.accessibleName()
    tap(qtbot, bar.text_size)
    assert "large" in bar.text_size.text()


def test_large_text_folds_the_display_choices_behind_one_button(
    qtbot: QtBot, window: MainWindow
) -> None:
    bar = window.top_bar
    assert not bar.menu.isVisible() and bar.text_size.isVisible()  # normal: one row
    tap(qtbot, bar.text_size)
    tap(qtbot, bar.text_size)  # extra large: the row no longer fits
    QApplication.processEvents()
    assert window.ctx.session.text_size is TextSize.EXTRA_LARGE
    assert bar.menu.isVisible()
    # Open at first, so the button just tapped stays in sight ...
    assert bar.menu.isChecked() and bar.text_size.isVisible()
    tap(qtbot, bar.menu)  # ... and folded away with one tap
    assert not bar.contrast.isVisible() and not bar.text_size.isVisible()
    tap(qtbot, bar.menu)
    assert bar.contrast.isVisible() and bar.text_size.isVisible()
    # A new visitor starts with the choices folded.
    window.reset_session()
    assert not bar.menu.isChecked()


def test_a_text_size_tap_restyles_the_screen_on_show_and_the_rest_before_they_show(
    qtbot: QtBot, window: MainWindow
) -> None:
    tap(qtbot, window.start.buttons["learn"])
    body_px = window.topics.heading.font().pixelSize()
    tap(qtbot, window.top_bar.text_size)
    styles = window.styles
    assert window.navigator.currentWidget() not in styles.stale()
    assert window.topics.heading.font().pixelSize() > body_px  # on show: at once
    stale = styles.stale()
    assert stale  # the others wait (restyled one at a time while nobody taps)
    assert window.navigator.page(ScreenId.RESULT) in stale or not stale
    tap(qtbot, window.topics.read_all)
    assert window.navigator.page(ScreenId.EXPLAINER) not in styles.stale()
    assert window.explainer.body.font().pixelSize() == SIZES[TextSize.LARGE].body
    qtbot.waitUntil(lambda: not styles.stale(), timeout=3000)


def test_hidden_pages_wait_until_the_visitor_stops_changing_the_display(
    qtbot: QtBot, window: MainWindow
) -> None:
    # Two quick text-size steps: no hidden page is restyled between them
    # (a tap never waits behind one), and all of them are once it is quiet.
    styles = window.styles
    tap(qtbot, window.top_bar.text_size)
    waiting = len(styles.stale())
    assert waiting
    qtbot.wait(QUIET_MS // 6)
    assert len(styles.stale()) == waiting
    tap(qtbot, window.top_bar.text_size)
    qtbot.wait(QUIET_MS // 6)
    assert len(styles.stale()) == waiting
    qtbot.waitUntil(lambda: not styles.stale(), timeout=5000)
    assert window.explainer.body.font().pixelSize() == SIZES[TextSize.EXTRA_LARGE].body


def test_the_top_bar_paints_its_themes_bar_colour(qtbot: QtBot, window: MainWindow) -> None:
    # It showed Qt's default grey in both themes (a plain QWidget subclass
    # paints no style-sheet background), black buttons on grey in high contrast.
    for high_contrast in (False, True):
        if window.ctx.session.high_contrast is not high_contrast:
            tap(qtbot, window.top_bar.contrast)
        image = window.grab().toImage()  # the window as a visitor sees it
        bar = window.top_bar
        expected = (HIGH_CONTRAST if high_contrast else NORMAL)["bar"].lower()
        # Its own margin, the gap between two display choices, the staff corner.
        gap = bar.contrast.geometry().left() - 4
        for part, point in (
            (bar, QPoint(4, 4)),
            (bar.display, QPoint(gap, 4)),
            (bar.staff_corner, QPoint(bar.staff_corner.width() // 2, 4)),
        ):
            where = part.mapTo(window, point)
            assert image.pixelColor(where).name() == expected, (high_contrast, part.objectName())


# Sizes from the screen ------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "scale"),
    [
        ((1366, 768), 1.0),
        ((1280, 800), 1.0),
        ((1920, 1080), 1.25),
        ((3840, 2160), 2.5),
        ((1080, 1920), 1.0),
    ],
)
def test_the_type_scale_follows_the_screen(
    qtbot: QtBot, content: ContentPack, size: tuple[int, int], scale: float
) -> None:
    assert screen_scale(*size) == scale
    win = big_window(qtbot, content, *size)
    tap(qtbot, win.start.buttons["learn"])
    assert win.topics.hint.font().pixelSize() == round(SIZES[TextSize.NORMAL].subtitle * scale)
    assert win.topics.tiles[0].picture.width() == round(64 * scale)


def test_a_window_built_for_its_screen_is_styled_once(
    qtbot: QtBot, content: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # kiosk.app builds the window for the size it opens at: a 1920 x 1080
    # kiosk is styled at 1.25 from the start, not at 1.0 and then again.
    sheets: list[str] = []
    original = PageStyles.set_sheet

    def counted(self: PageStyles, qss: str) -> None:
        if qss != self.qss:
            sheets.append(qss)
        original(self, qss)

    monkeypatch.setattr(PageStyles, "set_sheet", counted)
    win = MainWindow(
        ScreenContext(content=content, session=Session()), deferred=True, opens_at=(1920, 1080)
    )
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    QApplication.processEvents()
    assert win.scale == 1.25
    assert len(sheets) == 1
    title = win.start.findChild(QLabel, "start_title")
    assert title is not None
    # The title's size at 1.25 from the first sheet on.
    assert title.font().pixelSize() == round(SIZES[TextSize.NORMAL].hero * 1.25)


def test_a_portrait_screen_puts_the_answers_low_and_a_landscape_one_high(
    qtbot: QtBot, content: ContentPack
) -> None:
    tall = big_window(qtbot, content, 1080, 1920)
    tall.checklist.start()
    QApplication.processEvents()
    yes = tall.checklist.question.card("breathing").buttons
    first = next(iter(yes.values()))
    assert first.mapTo(tall, QPoint(0, 0)).y() > tall.height() / 3
    help_y = tall.checklist.question.help_now.mapTo(tall, QPoint(0, 0)).y()
    assert help_y > tall.height() / 3
    wide = big_window(qtbot, content, 1280, 800)
    wide.checklist.start()
    QApplication.processEvents()
    assert wide.checklist.question.help_now.mapTo(wide, QPoint(0, 0)).y() < wide.height() / 3


# Kinetic scrolling ------------------------------------------------------------------


def test_every_scrolling_area_scrolls_under_a_finger(qtbot: QtBot, window: MainWindow) -> None:
    areas = window.findChildren(QScrollArea)
    assert len(areas) >= 8
    for area in areas:
        assert QScroller.hasScroller(area.viewport()), area.objectName()


def test_a_finger_drag_scrolls_the_explainer(qtbot: QtBot, window: MainWindow) -> None:
    window.ctx.session.text_size = TextSize.EXTRA_LARGE
    window.apply_theme()
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.tiles[2])  # a long page
    bar = window.explainer.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    viewport = window.explainer.scroll_area.viewport()
    device = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
    handle = window.windowHandle()
    assert handle is not None
    start = viewport.mapTo(window, QPoint(viewport.width() // 2, viewport.height() - 20))
    QTest.touchEvent(handle, device).press(0, start)
    for step in range(1, 16):
        QTest.qWait(20)
        QTest.touchEvent(handle, device).move(0, start - QPoint(0, step * 20))
    QTest.qWait(20)
    QTest.touchEvent(handle, device).release(0, start - QPoint(0, 300))
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
