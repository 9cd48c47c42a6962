"""Read aloud: Qt's mock engine speaks the screen; speech stops on change and reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow


def make_window(qtbot: QtBot, content: ContentPack) -> MainWindow:
    win = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


def test_speak_button_reads_the_screen_and_stops_on_screen_change(
    qtbot: QtBot, content: ContentPack
) -> None:
    win = make_window(qtbot, content)
    assert win.speech.available and win.top_bar.speak.isVisible()
    qtbot.mouseClick(win.start.buttons["learn"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(win.top_bar.speak, Qt.MouseButton.LeftButton)
    engine = win.speech.engine
    assert engine is not None
    assert engine.state() == QTextToSpeech.State.Speaking
    assert engine.locale().name().startswith("en")
    assert win.explainer.speech_text().startswith(win.explainer.heading.text())
    qtbot.mouseClick(win.top_bar.home, Qt.MouseButton.LeftButton)
    assert engine.state() != QTextToSpeech.State.Speaking


def test_speech_stops_on_session_reset(qtbot: QtBot, content: ContentPack) -> None:
    win = make_window(qtbot, content)
    qtbot.mouseClick(win.top_bar.speak, Qt.MouseButton.LeftButton)
    assert win.speech.speaking
    win.reset_session()
    assert not win.speech.speaking


def test_button_hidden_without_a_speech_engine(
    qtbot: QtBot, content: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "none")
    win = make_window(qtbot, content)
    assert not win.speech.available
    assert not win.top_bar.speak.isVisible()
    win.read_aloud()  # harmless without an engine
