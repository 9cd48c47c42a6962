"""Helpers for tests that drive the real app (``run_app``) or the kiosk command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import MainWindow


def running_window() -> MainWindow:
    """The window ``run_app`` just opened (older test windows are hidden)."""
    return next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    )


def tap(qtbot: QtBot, button: QPushButton) -> None:
    """A tap on a button a visitor can see and use (through Display when it is folded)."""
    from conftest import open_display_if_folded

    open_display_if_folded(button)
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run_self_test(folder: Path) -> subprocess.CompletedProcess[str]:
    """``kiosk --self-test --content FOLDER`` in its own process, offscreen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--self-test", "--content", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
