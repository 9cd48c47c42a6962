"""Read aloud: Qt's mock engine speaks the screen; speech stops on change and reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow


@pytest.fixture
def no_speech_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a computer with no working speech engine (asked before the window)."""
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "none")


def test_speak_button_reads_the_screen_and_stops_on_screen_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.speech.available and window.top_bar.speak.isVisible()
    qtbot.mouseClick(window.start.buttons["learn"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.top_bar.speak, Qt.MouseButton.LeftButton)
    engine = window.speech.engine
    assert engine is not None
    assert engine.state() == QTextToSpeech.State.Speaking
    assert engine.locale().name().startswith("en")
    assert window.explainer.speech_text().startswith(window.explainer.heading.text())
    qtbot.mouseClick(window.top_bar.home, Qt.MouseButton.LeftButton)
    assert engine.state() != QTextToSpeech.State.Speaking


def test_speech_stops_on_session_reset(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.top_bar.speak, Qt.MouseButton.LeftButton)
    assert window.speech.speaking
    window.reset_session()
    assert not window.speech.speaking


def test_button_hidden_without_a_speech_engine(no_speech_engine: None, window: MainWindow) -> None:
    assert not window.speech.available
    assert not window.top_bar.speak.isVisible()
    window.read_aloud()  # harmless without an engine
