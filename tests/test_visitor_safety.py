"""Nothing of one visitor reaches the next, and nothing on screen misleads a patient.

Driven through the real main window with taps delivered where the window
system delivers them (the QWindow, so Qt routes each press to whatever is
drawn under the finger, overlays included), in the sequences visitors make.
"""

from __future__ import annotations

import io
import itertools
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import Answer, Tier
from kiosk.session import Session, TextSize
from kiosk.settings import Settings
from kiosk.ui import staff_mode
from kiosk.ui.context import ScreenContext
from kiosk.ui.idle import IdleReset
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.widgets import top_bar


def centre(window: MainWindow, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def scroll_into_view(widget: QWidget) -> None:
    """What a visitor does first when a control is below the fold: scroll to it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()
    QApplication.processEvents()


def tap(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """A real tap at the middle of ``widget``: whatever is drawn there gets it.

    A display choice folded behind "Display" is reached as a visitor does:
    Display first, then the choice.
    """
    bar = window.top_bar
    if not widget.isVisible() and bar.display.isAncestorOf(widget) and bar.menu.isVisible():
        tap(qtbot, window, bar.menu)
    assert widget.isVisible(), widget.objectName()
    scroll_into_view(widget)
    assert window.rect().contains(centre(window, widget)), widget.objectName()
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseClick(
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(window, widget)
    )
    QApplication.processEvents()


def double_tap(window: MainWindow, widget: QWidget, gap_ms: int = 40) -> None:
    """Two quick taps (about 80 ms apart, as a shaky finger makes them)."""
    handle = window.windowHandle()
    assert handle is not None
    point = centre(window, widget)
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for _ in range(2):
        QTest.mousePress(handle, button, none, point, gap_ms)
        QTest.mouseRelease(handle, button, none, point, gap_ms)
    # The finger then rests half a second: QTest's clock moves on with it
    # (a lone release, which no button acts on), so the next tap is a new one.
    QTest.mouseRelease(handle, button, none, QPoint(1, 1), 500)
    QApplication.processEvents()


def open_first_question(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window, window.start.buttons["checklist"])
    tap(qtbot, window, window.checklist.intro.start)
    assert window.navigator.current_id is ScreenId.QUESTION
    assert window.ctx.session.question_index == 0


def answer_everything(qtbot: QtBot, window: MainWindow, answers: dict[str, Answer]) -> None:
    screen = window.checklist.question
    for _ in range(40):  # far more than there are screens
        if window.navigator.current_id is not ScreenId.QUESTION:
            return
        for sign_id in screen.signs:
            wanted = answers.get(sign_id, Answer.NO)
            if wanted is not Answer.NO:
                tap(qtbot, window, screen.card(sign_id).buttons[wanted])
                if window.navigator.current_id is not ScreenId.QUESTION:
                    return
        tap(qtbot, window, screen.advance)
    raise AssertionError("the checklist never ended")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


@pytest.fixture
def idle(window: MainWindow) -> IdleReset:
    """The real idle rule on the window, one "second" = 20 ms."""
    return IdleReset(window, Settings(), tick_ms=20)


# 1. A tap on the idle warning only dismisses it --------------------------------


def test_a_tap_on_the_idle_warning_does_not_answer_the_question_beneath(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    open_first_question(qtbot, window)
    no = window.checklist.question.advance  # "No, none of these"
    with qtbot.waitSignal(idle.warning_shown, timeout=5000):
        pass
    assert idle.overlay.isVisible()
    tap(qtbot, window, no)  # where "No" is drawn, under the dimmed overlay
    assert not idle.overlay.isVisible()
    assert window.ctx.session.answers == {}
    assert window.navigator.current_id is ScreenId.QUESTION
    assert window.ctx.session.question_index == 0
    assert not idle.warning_active()


def test_a_double_tap_on_the_idle_warning_does_not_answer_either(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    open_first_question(qtbot, window)
    with qtbot.waitSignal(idle.warning_shown, timeout=5000):
        pass
    double_tap(window, window.checklist.question.advance)
    assert not idle.overlay.isVisible()
    assert window.ctx.session.answers == {}
    assert window.ctx.session.question_index == 0


def test_a_double_tap_on_an_answer_answers_one_question(qtbot: QtBot, window: MainWindow) -> None:
    open_first_question(qtbot, window)
    first = window.checklist.question.signs
    double_tap(window, window.checklist.question.advance)
    assert window.ctx.session.answers == dict.fromkeys(first, Answer.NO)
    assert window.ctx.session.question_index == 1
    # Two deliberate taps, half a second apart, answer two screens as before.
    tap(qtbot, window, window.checklist.question.advance)
    assert window.ctx.session.question_index == 2


# 2. The outcome belongs to the session -----------------------------------------


def test_one_visitors_result_never_reaches_the_next_visitors_handout(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    # Visitor A reaches "soon" and taps Home.
    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"weakness": Answer.YES})
    assert window.ctx.session.outcome is not None
    assert window.ctx.session.outcome.tier is Tier.SOON
    tap(qtbot, window, window.top_bar.home)
    assert window.ctx.session.outcome is None and window.ctx.session.answers == {}
    # Visitor B opens the handout: no result offered, none printed.
    tap(qtbot, window, window.start.buttons["handout"])
    screen = window.handout.screen
    assert window.navigator.current_id is ScreenId.HANDOUT
    assert not screen.include_result.isVisible()
    assert screen.options().tier is None
    assert screen.data is not None
    text = pdf_text(screen.data)
    assert "Your checklist result" not in text
    soon = content.language("en").checklist.results[Tier.SOON]
    assert " ".join(soon.message.split()[:6]) not in text


def test_a_visitors_handout_texts_leave_memory_with_them(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    """The handout builder keeps parsed texts between the sheets of a visit
    (preview, print, save); the reset drops them, the visitor's plan too."""
    import kiosk.handout.builder as builder

    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"weakness": Answer.YES})
    tap(qtbot, window, window.checklist.result.handout)
    assert window.handout.screen.data is not None
    kept = " ".join(str(entry.get("text", "")) for entry in builder._PARSED.values())
    soon = content.language("en").checklist.results[Tier.SOON]
    assert soon.title in kept  # the visit's own plan, kept for its print
    window.reset_session()  # the visitor walks away: the idle reset
    assert not builder._PARSED


def test_the_outcome_is_worked_out_once_per_checklist(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.ui import checklist_flow

    calls: list[int] = []
    real = checklist_flow.triage

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checklist_flow, "triage", counting)
    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"persistent_or_spread": Answer.YES})
    tap(qtbot, window, window.checklist.result.handout)
    tap(qtbot, window, window.handout.screen.back)
    tap(qtbot, window, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    assert len(calls) == 1
    assert window.checklist.result.tier is Tier.ROUTINE


def test_get_help_now_says_you_asked_on_screen_and_on_the_handout(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    tap(qtbot, window, window.start.buttons["checklist"])
    tap(qtbot, window, window.checklist.intro.help_now)
    result = window.checklist.result
    assert window.ctx.session.outcome is not None
    assert window.ctx.session.outcome.asked_for_help
    assert result.emergency_message.text().startswith("You asked for help now.")
    answers_say = content.language("en").checklist.results[Tier.EMERGENCY].message
    assert answers_say not in result.speech_text()
    tap(qtbot, window, result.handout)
    screen = window.handout.screen
    assert screen.include_result.isVisible() and screen.include_result.isChecked()
    assert screen.data is not None
    text = pdf_text(screen.data)
    assert "You asked for help now" in text
    assert " ".join(answers_say.split()[:4]) not in text


@pytest.mark.parametrize("way_out", ["home", "start_over", "finished", "idle"])
def test_every_way_out_clears_the_outcome(
    qtbot: QtBot, window: MainWindow, idle: IdleReset, way_out: str
) -> None:
    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"medicine": Answer.YES})
    assert window.ctx.session.outcome is not None
    result = window.checklist.result
    if way_out == "home":
        tap(qtbot, window, window.top_bar.home)
    elif way_out == "start_over":
        tap(qtbot, window, result.start_over)
    elif way_out == "finished":
        tap(qtbot, window, result.finished)
    else:
        with qtbot.waitSignal(idle.reset_done, timeout=5000):
            pass
    assert window.ctx.session.outcome is None
    assert window.ctx.session.answers == {}
    assert not window.ctx.session.include_result


# 3. The emergency screen -------------------------------------------------------


def test_a_patient_cannot_dismiss_the_emergency_screen(qtbot: QtBot, window: MainWindow) -> None:
    open_first_question(qtbot, window)
    tap(qtbot, window, window.checklist.question.card("breathing").buttons[Answer.YES])
    result = window.checklist.result
    assert window.navigator.current_id is ScreenId.RESULT and result.tier is Tier.EMERGENCY
    assert result.emergency_action.text() == "Show this screen at the front desk now."
    # No Home, no Start again, no "I'm finished", no button that says staff know.
    assert not window.top_bar.home.isVisible()
    assert not result.start_over.isVisible() and not result.finished.isVisible()
    visible = [
        b.text() for b in window.findChildren(QPushButton) if b.isVisibleTo(window) and b.text()
    ]
    assert not any("told" in text.lower() for text in visible), visible
    # Taps anywhere a patient might try leave it on screen.
    for widget in (result.emergency, result.staff_clear, result.emergency_title):
        tap(qtbot, window, widget)
        assert window.navigator.current_id is ScreenId.RESULT
    window.go_home()  # even asked directly
    assert window.navigator.current_id is ScreenId.RESULT
    # A handout and back: still the emergency screen, still no Home.
    tap(qtbot, window, result.handout)
    assert not window.top_bar.home.isVisible()
    tap(qtbot, window, window.handout.screen.back)
    assert window.navigator.current_id is ScreenId.RESULT
    assert window.holds_idle_reset()


def test_staff_clear_it_with_a_three_second_hold(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window, window.start.buttons["checklist"])
    tap(qtbot, window, window.checklist.intro.help_now)
    hold = window.checklist.result.staff_clear
    assert hold.hold_ms == 3000
    assert hold.text() == "Staff only: press and hold for 3 seconds to clear"
    handle = window.windowHandle()
    assert handle is not None
    point = centre(window, hold)
    button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Let go after one second: nothing happens, and the fill showed progress.
    QTest.mousePress(handle, button, none, point)
    qtbot.wait(1000)
    assert 0.2 < hold.progress < 0.6
    QTest.mouseRelease(handle, button, none, point)
    qtbot.wait(2500)
    assert window.navigator.current_id is ScreenId.RESULT
    # Held for the whole three seconds: cleared, ready for the next person.
    QTest.mousePress(handle, button, none, point)
    qtbot.waitUntil(lambda: window.navigator.current_id is ScreenId.START, timeout=4500)
    QTest.mouseRelease(handle, button, none, point)
    assert window.ctx.session.is_pristine()


def test_the_emergency_screen_waits_for_its_hold_time_then_clears(
    qtbot: QtBot, window: MainWindow
) -> None:
    settings = Settings(idle_seconds=5, emergency_hold_seconds=20)
    idle = IdleReset(window, settings, tick_ms=20)  # 20 "seconds" = 400 ms
    warned: list[bool] = []
    idle.warning_shown.connect(lambda: warned.append(True))
    tap(qtbot, window, window.start.buttons["checklist"])
    tap(qtbot, window, window.checklist.intro.help_now)
    qtbot.wait(250)  # past the ordinary idle time: no warning covers the emergency
    assert window.navigator.current_id is ScreenId.RESULT and not warned
    with qtbot.waitSignal(idle.reset_done, timeout=3000):
        pass
    assert window.navigator.current_id is ScreenId.START
    assert window.ctx.session.outcome is None


def _saturation_and_lightness(colour: QColor) -> tuple[float, float]:
    return colour.hslSaturationF(), colour.lightnessF()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_emergency_panel_stays_the_loudest_thing_in_both_themes(
    qtbot: QtBot, window: MainWindow, high_contrast: bool
) -> None:
    if high_contrast:
        tap(qtbot, window, window.top_bar.contrast)
    tap(qtbot, window, window.start.buttons["checklist"])
    tap(qtbot, window, window.checklist.intro.help_now)
    result = window.checklist.result
    image = window.grab().toImage()
    panel = result.emergency
    at = panel.mapTo(window, QPoint(6, 6))
    background = image.pixelColor(at)
    saturation, lightness = _saturation_and_lightness(background)
    # A strong red, never white or black, in either theme.
    assert background.hslHue() in range(0, 15) or background.hslHue() > 345
    assert saturation > 0.6 and 0.2 < lightness < 0.6, background.name()
    # The handout button on this screen is not a bright primary button.
    handout = result.handout
    assert handout.property("role") == "on_emergency"
    # The panel covers most of the screen below the top bar.
    assert panel.height() * panel.width() > 0.4 * window.width() * window.height()


# 4. Start again keeps the visitor's choices ------------------------------------


def test_start_again_keeps_language_level_text_size_and_contrast(
    qtbot: QtBot, window: MainWindow
) -> None:
    tap(qtbot, window, window.top_bar.language)
    tap(qtbot, window, window.top_bar.levels.buttons[ReadingLevel.STANDARD])
    tap(qtbot, window, window.top_bar.text_size)
    tap(qtbot, window, window.top_bar.contrast)
    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"medicine": Answer.YES})
    result = window.checklist.result
    assert result.start_over.text() == "Volver a empezar (borra respuestas)"
    tap(qtbot, window, result.start_over)
    session = window.ctx.session
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    assert session.language == "es"
    assert session.level is ReadingLevel.STANDARD
    assert session.text_size is TextSize.LARGE
    assert session.high_contrast
    assert window.checklist.intro.start.text() == "Empezar"
    # "I'm finished" wipes everything.
    tap(qtbot, window, window.checklist.intro.start)
    answer_everything(qtbot, window, {})
    tap(qtbot, window, window.checklist.result.finished)
    assert session.is_pristine()
    assert window.start.buttons["learn"].text() != ""


# 6. The staff corner covers no patient control ---------------------------------


def test_staff_corner_width_matches_the_gesture_zone() -> None:
    assert top_bar.STAFF_CORNER_PX == staff_mode.CORNER_PX


@pytest.mark.parametrize("size", [(1366, 768), (1280, 800), (1920, 1080), (1080, 1920)])
def test_the_staff_corner_intersects_no_button(
    qtbot: QtBot, content: ContentPack, size: tuple[int, int]
) -> None:
    window = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    corner = QRect(
        window.width() - staff_mode.CORNER_PX, 0, staff_mode.CORNER_PX, staff_mode.CORNER_PX
    )
    problems: list[str] = []
    for language, text_size in itertools.product(["en", "es"], list(TextSize)):
        window.ctx.session.language = language
        window.ctx.session.text_size = text_size
        window.apply_theme()
        window.refresh_current()  # as the tap on the text-size button does
        for screen_id in (ScreenId.START, ScreenId.QUESTION, ScreenId.HANDOUT):
            window.show_screen(screen_id)
            QApplication.processEvents()
            for button in window.findChildren(QAbstractButton):
                if not button.isVisibleTo(window):
                    continue
                rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
                if rect.intersects(corner):
                    problems.append(
                        f"{language} {text_size} {screen_id}: {button.objectName()} {rect}"
                    )
    assert problems == []


def test_five_taps_in_the_corner_never_change_the_language(
    qtbot: QtBot, window: MainWindow
) -> None:
    handle = window.windowHandle()
    assert handle is not None
    opened: list[bool] = []
    window.staff.corner.triggered.connect(lambda: opened.append(True))
    point = QPoint(window.width() - staff_mode.CORNER_PX // 2, staff_mode.CORNER_PX // 2)
    for _ in range(5):
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert opened == [True]
    assert window.ctx.session.language == "en"


# 7. No two controls ever overlap, whatever the order of taps --------------------


def overlapping(window: MainWindow) -> list[str]:
    buttons = [
        b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window) and b.width()
    ]
    # Only the part a finger can reach: a button scrolled under the edge of
    # its scroll area is clipped there, not overlapping what is drawn beyond.
    rects = {
        b: b.visibleRegion().boundingRect().translated(b.mapTo(window, QPoint(0, 0)))
        for b in buttons
    }
    problems = []
    for a, b in itertools.combinations(buttons, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        ra, rb = rects[a], rects[b]
        if ra.isEmpty() or rb.isEmpty():
            continue
        grown = ra.adjusted(-7, -7, 7, 7)  # closer than 8 px counts too
        if grown.intersects(rb):
            problems.append(f"{a.objectName()} / {b.objectName()}: {ra} {rb}")
    return problems


@pytest.mark.parametrize("size_taps", [0, 1, 2])
def test_text_size_before_building_a_screen_keeps_the_gaps(
    qtbot: QtBot, content: ContentPack, size_taps: int
) -> None:
    window = MainWindow(ScreenContext(content=content, session=Session()), deferred=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    for _ in range(size_taps):  # before the other screens exist
        tap(qtbot, window, window.top_bar.text_size)
    window.finish_building()
    open_first_question(qtbot, window)
    assert overlapping(window) == []
    for _ in range(3):  # and after, on the screen on show
        tap(qtbot, window, window.top_bar.text_size)
        assert overlapping(window) == [], window.ctx.session.text_size
        tap(qtbot, window, window.checklist.question.advance)
        assert overlapping(window) == [], window.ctx.session.text_size


def test_a_walk_through_every_screen_with_size_changes_keeps_the_gaps(
    qtbot: QtBot, window: MainWindow
) -> None:
    problems: list[str] = []

    def check(where: str) -> None:
        problems.extend(f"{where}: {p}" for p in overlapping(window))

    for round_ in range(3):
        tap(qtbot, window, window.top_bar.text_size)
        tap(qtbot, window, window.start.buttons["learn"])
        tap(qtbot, window, window.topics.read_all)
        check(f"explainer {round_}")
        tap(qtbot, window, window.top_bar.home)
        tap(qtbot, window, window.start.buttons["checklist"])
        check(f"intro {round_}")
        tap(qtbot, window, window.checklist.intro.start)
        check(f"question {round_}")
        answer_everything(qtbot, window, {"medicine": Answer.YES})
        check(f"result {round_}")
        tap(qtbot, window, window.checklist.result.handout)
        check(f"handout {round_}")
        tap(qtbot, window, window.handout.screen.back)
        tap(qtbot, window, window.checklist.result.start_over)
        tap(qtbot, window, window.top_bar.home)
    assert problems == []


# A handout that cannot be built keeps the visitor's place (issue 16 item 5) -----


def test_a_handout_that_cannot_be_built_keeps_the_visitor_and_their_result(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise KeyError("handout.yaml: main_points_heading")

    open_first_question(qtbot, window)
    answer_everything(qtbot, window, {"weakness": Answer.YES})
    monkeypatch.setattr(window.handout.service, "build", broken)
    tap(qtbot, window, window.checklist.result.handout)
    screen = window.handout.screen
    assert window.navigator.current_id is ScreenId.HANDOUT  # not thrown to the start
    assert screen.status.isVisible() and screen.status.property("status") == "failure"
    assert "ask at the front desk" in screen.status.text()
    assert "main_points" not in screen.status.text()
    assert not screen.print_button.isEnabled()
    assert window.ctx.session.outcome is not None  # the result is still theirs
    assert window.ctx.session.outcome.tier is Tier.SOON
    tap(qtbot, window, screen.back)
    assert window.navigator.current_id is ScreenId.RESULT


# The explainer's map (issue 14) in sequences ------------------------------------


def test_a_double_tap_on_a_topic_tile_opens_that_page_only(
    qtbot: QtBot, window: MainWindow
) -> None:
    tap(qtbot, window, window.start.buttons["learn"])
    # The second tap lands on the page's text (no control lies under a tile
    # at this size): this checks the page opened is the tile's, once. The
    # guard itself is shown by the double tap on an answer above.
    tile = window.topics.tiles[-1]
    scroll_into_view(tile)
    double_tap(window, tile)
    assert window.navigator.current_id is ScreenId.EXPLAINER
    last = len(window.topics.tiles) - 1
    assert window.ctx.session.section_index == last  # no second tap on the page beneath


def test_the_idle_warning_over_the_topics_only_goes_away_when_tapped(
    qtbot: QtBot, window: MainWindow, idle: IdleReset
) -> None:
    tap(qtbot, window, window.start.buttons["learn"])
    with qtbot.waitSignal(idle.warning_shown, timeout=5000):
        pass
    tap(qtbot, window, window.topics.tiles[0])  # under the dimmed warning
    assert not idle.overlay.isVisible()
    assert window.navigator.current_id is ScreenId.TOPICS


def test_the_next_visitor_starts_on_a_fresh_map(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window, window.start.buttons["learn"])
    tap(qtbot, window, window.topics.tiles[7])
    tap(qtbot, window, window.top_bar.text_size)
    window.reset_session()  # "I'm finished" or the idle reset
    tap(qtbot, window, window.start.buttons["learn"])
    tap(qtbot, window, window.topics.read_all)
    assert window.ctx.session.section_index == 0
    assert window.explainer.heading.text() == window.ctx.pack.topic.sections[0].title
    assert "normal" in window.top_bar.text_size.text()


def test_two_visitors_on_a_kiosk_built_after_its_first_paint(
    qtbot: QtBot, content: ContentPack
) -> None:
    """As the kiosk starts for real: the start screen painted first, the rest
    (and the start screen's scroll area) built just after. The first visitor
    takes extra-large text into the checklist, meets the idle warning half-way
    and walks away; the next one starts on a plain start screen that still
    scrolls, and a double tap on "Check my symptoms" opens it once."""
    from kiosk.ui.deferred import after_first_paint

    window = MainWindow(ScreenContext(content=content, session=Session()), deferred=True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    after_first_paint(window, window.finish_building)
    window.show()
    qtbot.waitUntil(lambda: window.built, timeout=3000)
    idle = IdleReset(window, Settings(), tick_ms=20)
    start_page = window.navigator.page(ScreenId.START)
    assert isinstance(start_page, QScrollArea) and start_page.widget() is window.start

    for _ in range(2):  # visitor 1: normal -> large -> extra large
        tap(qtbot, window, window.top_bar.text_size)
    assert window.ctx.session.text_size is TextSize.EXTRA_LARGE
    open_first_question(qtbot, window)
    with qtbot.waitSignal(idle.warning_shown, timeout=5000):
        pass
    tap(qtbot, window, window.checklist.question.advance)  # only dismisses the warning
    assert window.ctx.session.answers == {}
    with qtbot.waitSignal(idle.reset_done, timeout=5000):
        pass  # visitor 1 walks away

    assert window.ctx.session.is_pristine()
    assert window.navigator.current_id is ScreenId.START
    assert window.navigator.currentWidget() is start_page  # the same scroll area
    assert window.start.buttons["checklist"].isVisible()
    idle.stop()
    double_tap(window, window.start.buttons["checklist"])  # visitor 2
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
