"""Shared test set-up: offscreen Qt, isolated config folders, content fixtures."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# setdefault, so a developer can watch the tests with another platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's mock speech engine: read-aloud is tested without a speech daemon.
os.environ.setdefault("KIOSK_TTS_ENGINE", "mock")
# No installed content pack of this machine's user: kiosk.resources reads the
# pack pointer once, at import, before any fixture runs.
os.environ["KIOSK_PACKS_DIR"] = os.path.join(os.path.dirname(__file__), "no-packs-here")

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack, load_content
from kiosk.session import Session
from kiosk.ui.context import ScreenContext
from kiosk.ui.main_window import MainWindow

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every config, data and cache folder at a fresh temp folder.

    Nothing a test does may touch the developer's real settings.
    """
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    # Nor the machine's system settings (/etc/twitch-kiosk/settings.json).
    monkeypatch.setenv("KIOSK_SYSTEM_DIR", str(home / "system"))
    return home


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    """Put back ``sys.excepthook`` after a test whose app installed its crash guard."""
    hook = sys.excepthook
    yield
    sys.excepthook = hook


@pytest.fixture(scope="session")
def content() -> ContentPack:
    """The real shipped content."""
    return load_content()


@pytest.fixture
def window(qtbot: QtBot, content: ContentPack) -> MainWindow:
    """The real main window at 1280x800, shown offscreen, with a fresh session."""
    win = MainWindow(ScreenContext(content=content, session=Session()))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


@pytest.fixture
def when_app_ready() -> Iterator[Callable[[Callable[[], None]], None]]:
    """Schedule a callback for once ``run_app``'s window is fully built.

    ``run_app`` paints the start screen first and builds the rest just
    after; scripts that drive the running app wait for that. If the window
    never gets built the app is quit, so a broken start fails rather than hangs.
    """

    def schedule(callback: Callable[[], None]) -> None:
        tries = [0]

        def poll() -> None:
            ready = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible() and w.built
            ]
            if ready:
                callback()
            elif tries[0] < 500:
                tries[0] += 1
                QTimer.singleShot(10, poll)
            else:
                QApplication.quit()

        QTimer.singleShot(0, poll)

    yield schedule
    # Quitting the app's loop leaves Qt's "quit now" flag set, which would end
    # every later event loop at once (and starve later tests' timers); a
    # short exec() clears it.
    app = QApplication.instance()
    if isinstance(app, QApplication):
        QTimer.singleShot(0, app.quit)
        app.exec()


@pytest.fixture(autouse=True)
def delete_closed_widgets() -> Iterator[None]:
    """After each test, delete the widgets it closed (pytest-qt's ``addWidget``
    closes them; ``deleteLater`` needs an event loop to run). Otherwise they
    pile up, and every later theme change re-styles all of them."""
    yield
    app = QApplication.instance()
    if app is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_display_if_folded(button: QWidget) -> None:
    """A display choice folded behind the top bar's "Display" button is reached
    as a visitor reaches it: Display first (kiosk.ui.widgets.top_bar)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kiosk.ui.widgets.top_bar import TopBar

    bar = button.parentWidget()
    while bar is not None and not isinstance(bar, TopBar):
        bar = bar.parentWidget()
    if bar is not None and not button.isVisible() and bar.menu.isVisible():
        QTest.mouseClick(bar.menu, Qt.MouseButton.LeftButton)
