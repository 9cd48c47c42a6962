"""`kiosk content ...` and `kiosk --self-test`, run as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PySide6.QtWidgets import QLabel, QWidget
from yaml_writing import dump_yaml

from kiosk.cli import main
from kiosk.content import ContentPack, ReadingLevel
from kiosk.resources import CONTENT_DIR


def run_kiosk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def broken_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    path = target / "en" / "twitching.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["sections"][2]["levels"]["basic"]
    path.write_text(dump_yaml(data), encoding="utf-8")
    return target


def test_content_check_passes_on_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    assert "content check: ok" in out
    for level in ReadingLevel:
        assert f"en   {level.value}" in out


def test_content_check_fails_on_broken_content(
    broken_content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_content.parent)
    assert main(["content", "check", "--content", str(broken_content)]) == 1
    err = capsys.readouterr().err
    assert "content/en/twitching.yaml: sections[2].levels.basic: missing" in err


def test_content_text_prints_body_without_headings(
    content: ContentPack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "text", "--level", "standard"]) == 0
    lines = capsys.readouterr().out.splitlines()
    topic = content.language("en").topic
    assert lines == topic.body_text(ReadingLevel.STANDARD)
    assert not any(line == s.title for s in topic.sections for line in lines)


def test_content_text_unknown_language_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "text", "--level", "basic", "--lang", "fr"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown language 'fr'" in err[0]


def test_bad_level_exits_2_with_one_line() -> None:
    done = run_kiosk("content", "text", "--level", "expert")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'expert'" in done.stderr


def test_self_test_passes() -> None:
    done = run_kiosk("--self-test")
    assert done.returncode == 0, done.stderr
    [line] = [ln for ln in done.stdout.splitlines() if ln.startswith("self-test")]
    assert line.startswith("self-test ok:")


def test_self_test_with_broken_content_fails_with_loader_message(broken_content: Path) -> None:
    done = run_kiosk("--self-test", "--content", str(broken_content))
    assert done.returncode == 1
    assert "sections[2].levels.basic: missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_launch_with_broken_content_paints_plain_error_screen(broken_content: Path) -> None:
    """`kiosk` itself (not the self-test): an error screen is painted, no traceback."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_EXIT_AFTER_FIRST_PAINT="1")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--content", str(broken_content)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "first-paint" in done.stdout  # the error screen was drawn
    assert "the content cannot be loaded" in done.stderr
    assert "sections[2].levels.basic: missing" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_error_screen_speaks_plainly(qtbot: object) -> None:
    from kiosk.ui.screens.error import ErrorScreen
    from kiosk.ui.strings import fallback_strings

    strings = fallback_strings()
    screen = ErrorScreen(strings, ["content/en/twitching.yaml: sections[0].title: missing"])
    qtbot.addWidget(screen)  # type: ignore[attr-defined]
    texts = [w.text() for w in screen.findChildren(QLabel)]
    assert strings("error.title") in texts
    assert strings("error.title") != "error.title"  # the fallback file was found
    assert any("sections[0].title: missing" in t for t in texts)


def try_to_close(screen: QWidget) -> dict[str, bool]:
    """Try to close a full-screen ``screen`` as a patient might; then unlock and close it."""
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.lockdown import Lockdown

    event = QCloseEvent()
    QApplication.sendEvent(screen, event)
    seen = {
        "full_screen": screen.isFullScreen(),
        "close_refused": not event.isAccepted() and screen.isVisible(),
    }
    for lock in screen.findChildren(Lockdown):
        lock.release()
    screen.close()
    return seen


def test_broken_content_in_full_screen_is_locked_too(
    qtbot: object,
    broken_content: Path,
    when_app_ready: object,  # only for its clean-up of Qt's quit flag
) -> None:
    """A patient cannot close the error screen and reach the desktop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import run_app
    from kiosk.ui.screens.error import ErrorScreen

    seen: dict[str, bool] = {}

    def check() -> None:
        try:
            (screen,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorScreen)]
            seen.update(try_to_close(screen))
        finally:
            QApplication.exit(0)  # never hang, whatever was found

    QTimer.singleShot(300, check)
    assert run_app(content_dir=broken_content, fullscreen=True) == 0
    assert seen == {"full_screen": True, "close_refused": True}


@pytest.fixture
def models_break_after_the_first_paint(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy's start texts read, its models refused at first use, and the
    YAML read instead broken (edited in the moment since the start)."""
    from kiosk.content import ContentError, load_content
    from kiosk.content import cache as content_cache
    from kiosk.content.start_text import start_texts

    start = start_texts(load_content())

    def broken() -> ContentError:
        raise ContentError(["checklist.yaml: edited while the kiosk started"])

    monkeypatch.setattr(
        content_cache, "open_content_cached", lambda _dir: content_cache.ContentCopy(start, broken)
    )


def test_content_that_breaks_after_the_first_paint_gets_the_error_screen(
    qapp: object,
    models_break_after_the_first_paint: None,
    when_app_ready: object,  # only for its clean-up of Qt's quit flag
) -> None:
    """The models are read just after the first paint; if the copy is refused
    then and the YAML, read instead, was broken in the meantime, the visitor
    sees the plain error screen, not a half-built kiosk."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import run_app
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.error import ErrorScreen

    seen: dict[str, object] = {}

    def check() -> None:
        try:
            shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            seen["error"] = [type(w).__name__ for w in shown if isinstance(w, ErrorScreen)]
            seen["kiosk"] = [w for w in shown if isinstance(w, MainWindow)]
            for widget in shown:
                widget.close()
        finally:
            QApplication.exit(0)

    QTimer.singleShot(500, check)
    assert run_app(fullscreen=False) == 0
    assert seen == {"error": ["ErrorScreen"], "kiosk": []}


def test_content_that_breaks_after_the_first_paint_in_full_screen_stays_locked(
    qapp: object,
    models_break_after_the_first_paint: None,
    when_app_ready: object,  # only for its clean-up of Qt's quit flag
) -> None:
    """The same in the waiting room: the error screen takes the screen, locked
    like the kiosk it replaces (a patient cannot close it and reach the
    desktop), and the half-built kiosk is gone."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import run_app
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.error import ErrorScreen

    seen: dict[str, object] = {}

    def check() -> None:
        try:
            shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            seen["kiosk"] = [w for w in shown if isinstance(w, MainWindow)]
            (screen,) = [w for w in shown if isinstance(w, ErrorScreen)]
            seen.update(try_to_close(screen))
        finally:
            QApplication.exit(0)  # never hang, whatever was found

    QTimer.singleShot(500, check)
    assert run_app(fullscreen=True) == 0
    assert seen == {"kiosk": [], "full_screen": True, "close_refused": True}
