"""Read aloud: Qt's mock engine speaks the screen; speech stops on change and reset."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.speech import ReadAloud


@pytest.fixture
def no_speech_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a computer with no working speech engine (asked before the window)."""
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "none")


def test_speak_button_reads_the_screen_and_stops_on_screen_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: window.speech.available)  # loads on its own thread
    assert window.top_bar.speak.isVisible()
    qtbot.mouseClick(window.start.buttons["learn"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.topics.read_all, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.top_bar.speak, Qt.MouseButton.LeftButton)
    engine = window.speech.engine
    assert engine is not None
    qtbot.waitUntil(lambda: engine.state() == QTextToSpeech.State.Speaking)
    assert engine.locale().name().startswith("en")
    assert window.explainer.speech_text().startswith(window.explainer.heading.text())
    qtbot.mouseClick(window.top_bar.home, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: engine.state() != QTextToSpeech.State.Speaking)


def test_speech_stops_on_session_reset(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.speech.available)
    qtbot.mouseClick(window.top_bar.speak, Qt.MouseButton.LeftButton)
    assert window.speech.speaking
    window.reset_session()
    assert not window.speech.speaking
    engine = window.speech.engine
    assert engine is not None
    qtbot.waitUntil(lambda: engine.state() != QTextToSpeech.State.Speaking)


def test_an_engine_that_never_answers_leaves_the_kiosk_working(
    qtbot: QtBot, content: ContentPack
) -> None:
    """As on a machine whose sound service hangs: the engine never loads."""
    hung = threading.Event()

    def never_answers(name: str, parent: QObject) -> QTextToSpeech:
        hung.set()
        threading.Event().wait()  # for ever (a daemon thread: the test run still ends)
        raise AssertionError("unreachable")

    window = MainWindow(ScreenContext(content=content, session=Session()), deferred=True)
    window.speech = ReadAloud(window, engine_factory=never_answers, load_timeout_ms=200)
    qtbot.addWidget(window)
    window.show()
    window.finish_building()  # would hang here when the engine loaded on this thread
    assert hung.wait(2)
    # Every screen is built and answers taps; Read aloud stays hidden.
    assert window.built
    qtbot.mouseClick(window.start.buttons["checklist"], Qt.MouseButton.LeftButton)
    assert window.navigator.current_id is ScreenId.CHECKLIST_INTRO
    qtbot.mouseClick(window.checklist.intro.start, Qt.MouseButton.LeftButton)
    assert window.navigator.current_id is ScreenId.QUESTION
    qtbot.wait(300)  # past the load time limit
    assert not window.speech.available
    assert not window.top_bar.speak.isVisible()
    window.read_aloud()  # harmless


def test_button_hidden_without_a_speech_engine(no_speech_engine: None, window: MainWindow) -> None:
    assert not window.speech.available
    assert not window.top_bar.speak.isVisible()
    window.read_aloud()  # harmless without an engine


def test_read_aloud_shows_stop_while_speaking_and_a_second_tap_stops(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.waitUntil(lambda: window.speech.available)
    speak = window.top_bar.speak
    assert not speak.icon().isNull()  # the speaker symbol
    idle_label = speak.text()
    qtbot.mouseClick(speak, Qt.MouseButton.LeftButton)
    assert window.speech.speaking
    qtbot.waitUntil(lambda: speak.text() != idle_label)
    assert "Stop" in speak.text() and "Stop" in speak.accessibleName()
    qtbot.mouseClick(speak, Qt.MouseButton.LeftButton)
    assert not window.speech.speaking
    qtbot.waitUntil(lambda: speak.text() == idle_label)


def _speech_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "kiosk-speech"]


def test_shutdown_waits_for_the_speech_thread(qtbot: QtBot) -> None:
    # A process that ended with the speech thread still in its loop crashed in
    # Qt's teardown now and then (the frozen self-test, one run in twenty).
    loaded = threading.Event()

    def engine(name: str, parent: QObject) -> QTextToSpeech:
        loaded.set()
        return QTextToSpeech("mock", parent)

    before = set(_speech_threads())
    speech = ReadAloud(engine_factory=engine)
    speech.load()
    assert loaded.wait(2)
    [thread] = [t for t in _speech_threads() if t not in before]
    speech.shutdown()
    assert not thread.is_alive()


def test_shutdown_gives_up_on_a_hung_engine(qtbot: QtBot) -> None:
    # An engine hung on a broken sound system keeps its thread; the kiosk still quits.
    hung = threading.Event()

    def never_answers(name: str, parent: QObject) -> QTextToSpeech:
        hung.set()
        threading.Event().wait()  # for ever (a daemon thread: the test run still ends)
        raise AssertionError("unreachable")

    speech = ReadAloud(engine_factory=never_answers)
    speech.load()
    assert hung.wait(2)
    speech.shutdown(wait_s=0.2)  # returns; the daemon thread is left behind


@pytest.mark.parametrize("failure", ["module", "engine"])
def test_a_speech_engine_that_cannot_load_turns_read_aloud_off_calmly(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: str,
) -> None:
    # Seen on a machine without libpulse: QtTextToSpeech failed to import on
    # the speech thread, the thread died with a traceback, and the kiosk
    # waited 5 s to log that the engine "did not answer".
    import sys

    crashes: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    if failure == "module":
        monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)  # import fails

    def broken(name: str, parent: QObject) -> QTextToSpeech:
        raise RuntimeError("no sound system")

    monkeypatch.setenv("KIOSK_TTS_ENGINE", "mock")
    before = set(_speech_threads())
    speech = ReadAloud(engine_factory=broken, load_timeout_ms=60_000)
    with qtbot.waitSignal(speech.availability_changed, timeout=2000) as answer:
        speech.load()
    assert answer.args == [False]
    assert not speech.available
    assert crashes == []
    assert "Read aloud is off" in caplog.text
    [thread] = [t for t in _speech_threads() if t not in before]
    speech.shutdown()  # its loop still ran, so it ends like any other
    assert not thread.is_alive()
