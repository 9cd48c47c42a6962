"""The handout screen, driven through the real widgets: preview, print, save, reset."""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk import printing
from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.models import Answer, Tier
from kiosk.printing import PrintError, PrintJob, PrintProblem, SaveError, SaveProblem
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.screens.handout import HandoutScreen, problem_text
from kiosk.ui.strings import Strings


def handout_screen(window: MainWindow) -> HandoutScreen:
    return window.handout.screen


@pytest.fixture
def screen(window: MainWindow) -> HandoutScreen:
    return handout_screen(window)


class FakePrinter:
    """Stands in for kiosk.printing.print_pdf: records the bytes it was given.

    The job it returns has no id, like an ``lp`` that does not say one, so
    the service does not follow it in a queue (tests/test_print_worker.py does).
    """

    def __init__(self, error: PrintError | None = None) -> None:
        self.jobs: list[bytes] = []
        self.two_sided: list[bool | None] = []
        self.error = error

    def __call__(
        self,
        data: bytes,
        printer: str | None = None,
        copies: int = 1,
        title: str = "",
        two_sided: bool | None = None,
        timeout_s: float | None = None,
    ) -> PrintJob:
        if self.error:
            raise self.error
        self.jobs.append(data)
        self.two_sided.append(two_sided)
        return PrintJob(printer=printer or "front-desk-laser", job_id="", copies=copies)


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def print_and_wait(qtbot: QtBot, screen: HandoutScreen) -> None:
    """Tap Print and wait for the worker thread's outcome."""
    tap(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: not screen.service.busy)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def open_handout(qtbot: QtBot, window: MainWindow) -> HandoutScreen:
    tap(qtbot, window.start.buttons["handout"])
    assert window.navigator.current_id is ScreenId.HANDOUT
    return handout_screen(window)


def wait_ready(qtbot: QtBot, screen: HandoutScreen) -> QPdfDocument:
    document = screen.preview.pdf()
    assert document is not None
    qtbot.waitUntil(lambda: document.status() is QPdfDocument.Status.Ready)
    return document


@pytest.mark.parametrize("level", list(ReadingLevel))
def test_preview_shows_the_real_pdf_at_each_level(
    qtbot: QtBot, window: MainWindow, level: ReadingLevel
) -> None:
    tap(qtbot, window.top_bar.levels.buttons[level])
    screen = open_handout(qtbot, window)
    document = wait_ready(qtbot, screen)
    assert document.pageCount() >= 1
    assert screen.preview.isVisible()
    assert screen.preview.document() is document
    assert screen.data is not None and screen.data.startswith(b"%PDF")
    # The preview is the sheet that would print: the same bytes, this level.
    assert screen.options().level is level
    assert document.pageCount() == len(PdfReader(io.BytesIO(screen.data)).pages)


def test_level_change_rebuilds_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    screen = open_handout(qtbot, window)
    basic = screen.data
    tap(qtbot, window.top_bar.levels.buttons[ReadingLevel.DETAILED])
    document = wait_ready(qtbot, screen)
    assert screen.data != basic
    assert document.pageCount() >= 2


def test_print_success_sends_the_pdf_and_says_where_to_collect_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakePrinter()
    monkeypatch.setattr(printing, "print_pdf", fake)
    counted: list[int] = []
    window.handout_printed.connect(counted.append)
    screen = open_handout(qtbot, window)
    print_and_wait(qtbot, screen)
    assert len(fake.jobs) == 1
    data = fake.jobs[0]
    assert data.startswith(b"%PDF")
    assert "Why do muscles twitch?" in pdf_text(data)
    assert screen.status.isVisible()
    # Never the raw queue name: the front desk, or the label staff gave it.
    assert screen.status.text() == "Your handout is printing. Collect it from the front desk."
    assert "front-desk-laser" not in screen.status.text()
    assert screen.status.property("status") == "success"
    assert counted == [1]
    window.ctx.printer_label = "the printer by the lifts"
    print_and_wait(qtbot, screen)
    assert screen.status.text() == (
        "Your handout is printing. Collect it from the printer by the lifts."
    )


def test_print_failure_shows_the_reason_and_offers_save_in_a_window(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stopped = PrintError("the printer 'lobby' is stopped", PrintProblem.STOPPED, "lobby")
    monkeypatch.setattr(printing, "print_pdf", FakePrinter(stopped))
    screen = open_handout(qtbot, window)
    print_and_wait(qtbot, screen)
    assert screen.status.text() == (
        "The handout could not be printed. The printer is paused or switched off. "
        "You can save it as a PDF instead."
    )
    assert "lobby" not in screen.status.text()  # the English message is for the log
    assert screen.save_button.isVisible() and screen.save_button.hasFocus()
    target = tmp_path / "instead.pdf"
    monkeypatch.setattr(screen, "ask_save_path", lambda: target)
    tap(qtbot, screen.save_button)
    assert target.read_bytes() == screen.data


def test_print_failure_in_full_screen_offers_no_save(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = PrintError(printing.NO_PRINTER_MESSAGE, PrintProblem.NO_PRINTER)
    monkeypatch.setattr(printing, "print_pdf", FakePrinter(error))
    window.ctx.waiting_room = True  # started with --fullscreen
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen)
    screen = open_handout(qtbot, window)
    assert not screen.save_button.isVisible()
    asked: list[bool] = []
    monkeypatch.setattr(screen, "ask_save_path", lambda: asked.append(True))
    print_and_wait(qtbot, screen)
    assert screen.status.text() == (
        "The handout could not be printed. No printer has been chosen for this kiosk. "
        "Please ask at the front desk."
    )
    assert not screen.save_button.isVisible()
    screen.save_handout()  # even if called, no dialog in full screen
    assert asked == []


def test_save_writes_the_pdf(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    screen = open_handout(qtbot, window)
    target = tmp_path / "my-handout.pdf"
    monkeypatch.setattr(screen, "ask_save_path", lambda: target)
    tap(qtbot, screen.save_button)
    assert target.read_bytes() == screen.data
    assert "Why do muscles twitch?" in pdf_text(target.read_bytes())
    assert screen.status.text() == f"Saved: {target}"


def test_save_adds_pdf_suffix_and_cancel_does_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    screen = open_handout(qtbot, window)
    monkeypatch.setattr(screen, "ask_save_path", lambda: None)
    tap(qtbot, screen.save_button)
    assert not screen.status.isVisible()
    monkeypatch.setattr(screen, "ask_save_path", lambda: tmp_path / "sheet")
    tap(qtbot, screen.save_button)
    assert (tmp_path / "sheet.pdf").is_file()


def test_save_into_a_missing_folder_fails_plainly_and_leaves_no_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "handout.pdf"  # its folder is a file: it cannot exist
    screen = open_handout(qtbot, window)
    monkeypatch.setattr(screen, "ask_save_path", lambda: target)
    tap(qtbot, screen.save_button)
    text = screen.status.text()
    assert text == (
        "The handout was not saved. That folder does not exist. Please choose another folder."
    )
    assert str(blocker) not in text
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_save_error_from_disk_is_shown(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def full_disk(data: bytes, path: Path) -> None:
        raise SaveError(f"cannot save {path}: the disk is full", SaveProblem.DISK_FULL, path)

    monkeypatch.setattr(printing, "save_pdf_atomic", full_disk)
    screen = open_handout(qtbot, window)
    target = tmp_path / "h.pdf"
    monkeypatch.setattr(screen, "ask_save_path", lambda: target)
    tap(qtbot, screen.save_button)
    assert "The disk is full. Please choose another place." in screen.status.text()
    assert list(tmp_path.iterdir()) == []


def test_include_toggle_hidden_without_a_checklist(qtbot: QtBot, window: MainWindow) -> None:
    screen = open_handout(qtbot, window)
    assert not screen.include_result.isVisible()
    assert screen.options().tier is None


def test_include_result_puts_the_tier_text_in_the_pdf_only_when_on(
    qtbot: QtBot, window: MainWindow, content: ContentPack
) -> None:
    window.ctx.session.answers["medicine"] = Answer.YES  # routine
    result_screen = window.checklist.result
    window.checklist.finish()
    tap(qtbot, result_screen.handout)
    screen = handout_screen(window)
    assert window.navigator.current_id is ScreenId.HANDOUT
    assert screen.include_result.isVisible() and screen.include_result.isChecked()
    # The Simple sheet's "My plan" prints the tier's title and action (issue 15).
    action = content.language("en").checklist.results[Tier.ROUTINE].action
    marker = " ".join(action.split()[:6])
    assert screen.data is not None
    assert marker in pdf_text(screen.data)
    # The answers themselves are never printed.
    question = next(q for q in content.language("en").checklist.questions if q.id == "medicine")
    assert question.text[ReadingLevel.BASIC] not in pdf_text(screen.data)

    tap(qtbot, screen.include_result)
    assert not window.ctx.session.include_result
    assert marker not in pdf_text(screen.data)
    assert screen.options().tier is None

    tap(qtbot, screen.back)
    assert window.navigator.current_id is ScreenId.RESULT


def test_large_print_toggle_rebuilds_larger(qtbot: QtBot, window: MainWindow) -> None:
    screen = open_handout(qtbot, window)
    normal = screen.data
    tap(qtbot, screen.large_print)
    assert screen.options().large_print
    assert screen.data != normal
    assert wait_ready(qtbot, screen).pageCount() >= 1


def test_reset_clears_the_preview_and_status(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "print_pdf", FakePrinter())
    screen = open_handout(qtbot, window)
    tap(qtbot, screen.large_print)
    print_and_wait(qtbot, screen)
    assert screen.status.isVisible()
    window.reset_session()
    assert screen.preview.pdf() is None
    assert screen.preview.document().pageCount() == 0
    assert screen.data is None
    assert screen.status.text() == ""
    assert not screen.large_print.isChecked()
    assert window.navigator.current_id is ScreenId.START


def test_spanish_screen_and_sheet(qtbot: QtBot, window: MainWindow) -> None:
    tap(qtbot, window.top_bar.language)
    screen = open_handout(qtbot, window)
    assert screen.print_button.text() == "Imprimir"
    assert screen.data is not None
    assert "¿Por qué" in pdf_text(screen.data)


def test_coming_back_shows_no_old_status(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "print_pdf", FakePrinter())
    screen = open_handout(qtbot, window)
    print_and_wait(qtbot, screen)
    assert screen.status.isVisible()
    tap(qtbot, window.top_bar.home)
    screen = open_handout(qtbot, window)
    assert not screen.status.isVisible()


# -- failures in the visitor's language -----------------------------------------


def fake_cups(folder: Path, lpstat: str) -> str:
    """A fake ``lpstat`` (and an ``lp`` that must not be reached); returns a PATH."""
    folder.mkdir()
    for name, body in (("lpstat", lpstat), ("lp", "exit 99")):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin"


def test_stopped_printer_is_explained_in_spanish(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The real kiosk.printing code against a CUPS whose default printer is stopped.
    lpstat = """case "$1" in
  -d) echo "system default destination: lobby" ;;
  -p) echo "printer lobby disabled since Mon 01 Jan 2024 -"; echo "    Paused by staff" ;;
esac"""
    monkeypatch.setenv("PATH", fake_cups(tmp_path / "bin", lpstat))
    window.ctx.waiting_room = True
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen)
    tap(qtbot, window.top_bar.language)
    screen = open_handout(qtbot, window)
    with pytest.raises(PrintError) as err:  # what the screen is about to meet
        printing.print_pdf(b"%PDF", None)
    assert err.value.reason is PrintProblem.STOPPED and err.value.printer == "lobby"
    assert str(err.value) == "the printer 'lobby' is stopped; ask staff to restart it"

    print_and_wait(qtbot, screen)
    assert screen.status.isVisible()
    assert screen.status.text() == (
        "No se pudo imprimir la hoja. La impresora está en pausa o apagada. "
        "Pregunte en la recepción, por favor."
    )
    assert "stopped" not in screen.status.text()
    assert screen.status.text() in screen.speech_text()


def test_save_failure_in_spanish_never_shows_os_text(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken_disk(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_disk)
    tap(qtbot, window.top_bar.language)
    screen = open_handout(qtbot, window)
    target = tmp_path / "hoja.pdf"
    monkeypatch.setattr(screen, "ask_save_path", lambda: target)
    tap(qtbot, screen.save_button)
    text = screen.status.text()
    assert (
        text
        == "La hoja no se guardó. Algo salió mal al guardar. Pruebe con otra carpeta, por favor."
    )
    assert "Input/output" not in text and str(tmp_path) not in text
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_reason_code_gets_the_generic_sentence(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = PrintError("the printer 'lobby' caught fire")
    error.reason = "on_fire"  # type: ignore[assignment]  # a code added without strings
    monkeypatch.setattr(printing, "print_pdf", FakePrinter(error))
    tap(qtbot, window.top_bar.language)
    screen = open_handout(qtbot, window)
    print_and_wait(qtbot, screen)
    assert "Algo salió mal con la impresora." in screen.status.text()
    assert "on_fire" not in screen.status.text() and "fire" not in screen.status.text()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_reason_code_has_a_sentence(content: ContentPack, language: str) -> None:
    table = content.language(language).ui
    missing = [
        f"handout_screen.{group}.{code}"
        for group, codes in (("print_problems", PrintProblem), ("save_problems", SaveProblem))
        for code in codes
        if not table.get(f"handout_screen.{group}.{code}", "").strip()
    ]
    assert missing == []
    strings = Strings(table)
    errors: list[PrintError | SaveError] = [PrintError("english", p) for p in PrintProblem]
    errors += [SaveError("english", s) for s in SaveProblem]
    sentences = [problem_text(strings, error) for error in errors]
    for sentence in sentences:
        assert sentence.endswith(".") and "{" not in sentence and "handout_screen" not in sentence
    assert len(set(sentences)) == len(sentences)  # each code says something of its own


def test_the_file_dialog_keeps_no_history(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    def dialog(*args: object) -> tuple[str, str]:
        # What Qt's own dialog does when a visitor saves into a folder.
        remembered = QSettings(QSettings.Scope.UserScope, "QtProject")
        remembered.setValue("FileDialog/lastVisited", f"file://{tmp_path}/Jane_Doe_visit")
        remembered.sync()
        return str(tmp_path / "sheet.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    screen = open_handout(qtbot, window)
    tap(qtbot, screen.save_button)
    assert (tmp_path / "sheet.pdf").is_file()
    after = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert after.value("FileDialog/lastVisited") is None
    assert "Jane_Doe" not in " ".join(str(after.value(k)) for k in after.allKeys())
