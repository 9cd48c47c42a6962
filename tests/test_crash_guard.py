"""An unexpected error in a slot is logged and the kiosk returns to the start."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.content import ReadingLevel
from kiosk.ui.crash_guard import CrashGuard, install_crash_guard, qt_message_to_log
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId


@pytest.fixture
def guard(window: MainWindow) -> Iterator[CrashGuard]:
    previous = sys.excepthook
    installed = install_crash_guard(window.reset_session)
    yield installed
    installed.uninstall()
    assert sys.excepthook is previous


def test_error_in_a_slot_returns_to_start_and_is_logged(
    qtbot: QtBot,
    window: MainWindow,
    guard: CrashGuard,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    qtbot.mouseClick(window.start.buttons["learn"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.topics.read_all, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        window.top_bar.levels.buttons[ReadingLevel.DETAILED], Qt.MouseButton.LeftButton
    )
    assert window.navigator.current_id is ScreenId.EXPLAINER
    real_refresh = window.explainer.refresh
    calls = {"n": 0}

    def broken_once() -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("injected failure")
        real_refresh()

    monkeypatch.setattr(window.explainer, "refresh", broken_once)
    caplog.set_level(logging.ERROR, logger="kiosk.crash")
    with qtbot.waitSignal(window.session_reset, timeout=1000):
        qtbot.mouseClick(window.explainer.next, Qt.MouseButton.LeftButton)
    assert window.navigator.current_id is ScreenId.START
    assert window.ctx.session.is_pristine()
    assert guard.errors == 1
    record = next(r for r in caplog.records if r.name == "kiosk.crash")
    assert record.exc_info is not None and "injected failure" in str(record.exc_info[1])
    # The kiosk goes on working.
    qtbot.mouseClick(window.start.buttons["learn"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.topics.read_all, Qt.MouseButton.LeftButton)
    assert window.navigator.current_id is ScreenId.EXPLAINER


def test_failing_recovery_does_not_loop(
    window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    def recover() -> None:
        raise ValueError("recovery broke too")

    guard = CrashGuard(recover).install()
    try:
        caplog.set_level(logging.ERROR, logger="kiosk.crash")
        try:
            raise RuntimeError("first")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        guard.uninstall()
    messages = [r.getMessage() for r in caplog.records if r.name == "kiosk.crash"]
    assert messages == [
        "unexpected error; returning to the start screen",
        "could not return to the start screen after an error",
    ]


def test_qt_messages_go_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    caplog.set_level(logging.WARNING, logger="kiosk.qt")
    qt_message_to_log(QtMsgType.QtCriticalMsg, QMessageLogContext(), "something broke")
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.ERROR, "something broke")
    ]
