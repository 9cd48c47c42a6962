"""The clinical review on screen: the staff banner and ``require_approved_content``."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk import review
from kiosk.app import run_app
from kiosk.content import load_content
from kiosk.resources import SHIPPED_CONTENT_DIR
from kiosk.review import new_record, read_pack_files, record_path, record_text
from kiosk.session import Session
from kiosk.settings import Settings, save_settings
from kiosk.ui.context import ScreenContext
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.error import ErrorScreen

ROLE = "Consultant neurologist"


@pytest.fixture(autouse=True)
def fresh_review_state() -> Iterator[None]:
    review.use_content_dir(None)
    yield
    review.use_content_dir(None)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT_DIR, target)
    return target


def approve_all(root: Path, on: dt.date, due: dt.date) -> None:
    for code in ("en", "es"):
        record = new_record(read_pack_files(root, code), None, "Dr Ana Ruiz", ROLE, on, due)
        record_path(root, code).write_text(record_text(record), encoding="utf-8")


def staff_window(qtbot: QtBot, root: Path, language: str = "en") -> MainWindow:
    """The real window on ``root``'s content, showing the staff screen."""
    review.use_content_dir(root)
    window = MainWindow(
        ScreenContext(content=load_content(root), session=Session(default_language=language))
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.staff.configure(Settings(), None, None)
    window.staff.open_staff_screen()
    assert window.navigator.current_id is ScreenId.STAFF
    return window


def test_approved_content_shows_who_and_when_and_no_banner(
    qtbot: QtBot, content_copy: Path
) -> None:
    approve_all(content_copy, dt.date(2026, 3, 5), dt.date(2099, 3, 5))
    staff = staff_window(qtbot, content_copy).staff.screen
    assert not staff.review_banner.isVisible()
    lines = staff.review_text.text().splitlines()
    assert lines[0] == (
        f"English: Reviewed by {ROLE} (Dr Ana Ruiz) on March 5, 2026 · "
        "next review due March 5, 2099"
    )
    assert lines[1].startswith("Español: Reviewed by")


def test_dates_are_in_the_visitors_language(qtbot: QtBot, content_copy: Path) -> None:
    approve_all(content_copy, dt.date(2026, 3, 5), dt.date(2099, 3, 5))
    staff = staff_window(qtbot, content_copy, language="es").staff.screen
    text = staff.review_text.text()
    assert "Revisado por Consultant neurologist (Dr Ana Ruiz) el 5 de marzo de 2026" in text
    assert "próxima revisión: 5 de marzo de 2099" in text


def test_draft_content_shows_the_banner(qtbot: QtBot, content_copy: Path) -> None:
    staff = staff_window(qtbot, content_copy).staff.screen
    assert staff.review_banner.isVisible()
    assert "English: this content is a draft" in staff.review_warning.text()
    assert "Español: this content is a draft" in staff.review_warning.text()
    assert "English: Pending clinical review" in staff.review_text.text()
    assert not staff.banner.isVisible()  # the damaged-files banner is another one


def test_overdue_content_shows_the_banner(qtbot: QtBot, content_copy: Path) -> None:
    approve_all(content_copy, dt.date(2020, 1, 6), dt.date(2022, 1, 6))
    staff = staff_window(qtbot, content_copy).staff.screen
    assert staff.review_banner.isVisible()
    assert "English: the next clinical review was due on January 6, 2022" in (
        staff.review_warning.text()
    )
    # Still the approved words: the line says who reviewed them, and when it fell due.
    assert "next review due January 6, 2022" in staff.review_text.text()


@pytest.mark.usefixtures("restore_hooks")
def test_changed_content_shows_the_banner_through_the_app(
    qtbot: QtBot,
    content_copy: Path,
    when_app_ready: Callable[[Callable[[], None]], None],
) -> None:
    approve_all(content_copy, dt.date.today(), dt.date.today() + dt.timedelta(days=700))
    path = content_copy / "es" / "checklist.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ahogando", "ahogándo", 1), "utf-8")
    seen: dict[str, object] = {}

    def inspect() -> None:
        try:
            window = next(
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()
            )
            window.staff.open_staff_screen()
            staff = window.staff.screen
            seen["banner"] = staff.review_banner.isVisible()
            seen["warning"] = staff.review_warning.text()
            window.staff.screen.exit.click()
        finally:
            QApplication.exit(0)  # never hang, whatever was found

    when_app_ready(inspect)
    assert run_app(content_dir=content_copy, fullscreen=False) == 0
    assert seen["banner"] is True
    warning = str(seen["warning"])
    assert "Español: the content changed after it was approved" in warning
    assert "es/checklist.yaml" in warning
    assert "English" not in warning


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    """run_app installs the crash guard's hooks; put back what was there."""
    import sys
    import threading

    saved = (sys.excepthook, threading.excepthook)
    yield
    sys.excepthook, threading.excepthook = saved


def _run_full_screen(content_dir: Path) -> dict[str, object]:
    """Start the kiosk full screen on ``content_dir``; report what it showed.

    Polls until the error screen or the built kiosk window is up (a loaded
    machine may take a while), then closes it and ends the event loop.
    """
    seen: dict[str, object] = {}
    tries = [0]

    def shown() -> tuple[list[ErrorScreen], list[MainWindow]]:
        widgets = QApplication.topLevelWidgets()
        errors = [w for w in widgets if isinstance(w, ErrorScreen) and w.isVisible()]
        kiosks = [w for w in widgets if isinstance(w, MainWindow) and w.isVisible() and w.built]
        return errors, kiosks

    def check() -> None:
        errors, kiosks = shown()
        if not errors and not kiosks and tries[0] < 600:
            tries[0] += 1
            QTimer.singleShot(50, check)
            return
        try:
            seen["error_screen"] = bool(errors)
            for screen in errors:
                event = QCloseEvent()
                QApplication.sendEvent(screen, event)
                seen["locked"] = screen.isFullScreen() and not event.isAccepted()
                seen["details"] = "\n".join(w.text() for w in screen.findChildren(QLabel))
                for lock in screen.findChildren(Lockdown):
                    lock.release()
                screen.close()
            for window in kiosks:
                seen["kiosk"] = True
                for lock in window.findChildren(Lockdown):
                    lock.release()
                window.close()
        finally:
            QApplication.exit(0)

    QTimer.singleShot(0, check)
    assert run_app(content_dir=content_dir, fullscreen=True) == 0
    return seen


@pytest.mark.usefixtures("restore_hooks")
def test_require_approved_content_refuses_a_draft_with_the_locked_screen(
    content_copy: Path,
    when_app_ready: Callable[[Callable[[], None]], None],  # for its clean-up of Qt's quit flag
) -> None:
    save_settings(Settings(require_approved_content=True))
    seen = _run_full_screen(content_copy)
    assert seen.get("error_screen") is True
    assert seen.get("locked") is True
    assert "en: not approved for use" in str(seen["details"])
    assert "require_approved_content" in str(seen["details"])
    assert "kiosk" not in seen


@pytest.mark.usefixtures("restore_hooks")
def test_require_approved_content_refuses_changed_content(
    content_copy: Path, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    approve_all(content_copy, dt.date.today(), dt.date.today() + dt.timedelta(days=700))
    path = content_copy / "en" / "twitching.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("twitch", "twitсh", 1), "utf-8")
    save_settings(Settings(require_approved_content=True))
    seen = _run_full_screen(content_copy)
    assert seen.get("error_screen") is True
    assert "en: not approved for use (changed since approved" in str(seen["details"])
    assert "es: not approved" not in str(seen["details"])


@pytest.mark.usefixtures("restore_hooks")
def test_require_approved_content_lets_approved_content_run(
    content_copy: Path, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    approve_all(content_copy, dt.date.today(), dt.date.today() + dt.timedelta(days=700))
    save_settings(Settings(require_approved_content=True))
    seen = _run_full_screen(content_copy)
    assert seen.get("kiosk") is True
    assert not seen.get("error_screen")


@pytest.mark.usefixtures("restore_hooks")
def test_without_the_setting_a_draft_runs(
    content_copy: Path, when_app_ready: Callable[[Callable[[], None]], None]
) -> None:
    seen = _run_full_screen(content_copy)
    assert seen.get("kiosk") is True
    assert not seen.get("error_screen")


def test_only_a_full_screen_kiosk_refuses() -> None:
    content = load_content()
    review.check_at_start(None, content, require_approved=True, refuse=False)  # no error
    from kiosk.content import ContentError

    with pytest.raises(ContentError, match="not approved for use"):
        review.check_at_start(None, content, require_approved=True, refuse=True)
    review.check_at_start(None, content, require_approved=False, refuse=True)
