"""Nothing a visitor answered or chose is ever written to disk.

Scripted sessions run through the real app (``run_app``) with every config,
data, state, cache and temp folder pointed at fresh temp folders; afterwards
every file written there is read and searched for answer data.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import running_window, tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import run_app
from kiosk.content import ContentPack, ReadingLevel
from kiosk.content.cache import CACHE_FILE, content_key, read_copy
from kiosk.content.models import Answer, Tier
from kiosk.counters import counters_path
from kiosk.resources import CONTENT_DIR
from kiosk.settings import Settings, save_settings
from kiosk.staff_pin import hash_pin
from kiosk.triage import SIGN_IDS
from kiosk.ui.idle import IdleReset
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId
from kiosk.ui.staff_mode import CORNER_PX

PIN = "7391"
CLINIC_NAME = "OAK CLINIC"


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def read_explainer(qtbot: QtBot, window: MainWindow, level: ReadingLevel) -> None:
    tap(qtbot, window.top_bar.levels.buttons[level])
    tap(qtbot, window.start.buttons["learn"])
    tap(qtbot, window.topics.read_all)
    while window.navigator.current_id is ScreenId.EXPLAINER:
        tap(qtbot, window.explainer.next)


def checklist_run(qtbot: QtBot, window: MainWindow, yes_at: int | None) -> Tier:
    """Answer no to everything, except yes (or unsure) at sign number ``yes_at``."""
    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.start)
    chosen = SIGN_IDS[yes_at] if yes_at is not None else None
    screen = window.checklist.question
    for _ in range(20):
        if window.navigator.current_id is not ScreenId.QUESTION:
            break
        if chosen == "drug_reaction" and "med_change" in screen.signs:
            tap(qtbot, screen.card("med_change").buttons[Answer.YES])  # opens the gate
        if chosen in screen.signs:
            answer = Answer.YES if (yes_at or 0) % 2 == 0 else Answer.UNSURE
            tap(qtbot, screen.card(chosen).buttons[answer])
            if window.navigator.current_id is not ScreenId.QUESTION:
                break
        tap(qtbot, screen.advance)
    assert window.navigator.current_id is ScreenId.RESULT
    tier = window.checklist.result.tier
    result = window.checklist.result
    if tier is Tier.EMERGENCY:
        result.staff_cleared.emit()  # staff's 3-second hold
    else:
        tap(qtbot, result.finished)
    assert window.navigator.current_id is ScreenId.START
    return tier


def staff_visit(qtbot: QtBot, window: MainWindow) -> None:
    handle = window.windowHandle()
    assert handle is not None
    # Qt remembers pressed buttons across windows: one left down by an earlier
    # test (a press and hold) would turn these presses into moves.
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton)
    for n in range(5):  # as a finger taps: delivered to the window
        QTest.mouseClick(
            handle,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(window.width() - CORNER_PX // 2, 10),
            # Well after the last tap, by the events' own clock: the tap guard
            # would take a first tap within 300 ms of a screen change for the
            # second of a double tap (kiosk.ui.tap_guard).
            400 if n == 0 else -1,
        )
        QTest.qWait(5)
    pad = window.staff.pin_screen.pad
    for digit in "0000":  # one wrong try first
        tap(qtbot, pad.keys[digit])
    tap(qtbot, pad.keys["ok"])
    for digit in PIN:
        tap(qtbot, pad.keys[digit])
    tap(qtbot, pad.keys["ok"])
    staff = window.staff.screen
    assert window.navigator.current_id is ScreenId.STAFF
    staff.fields["clinic_name"].setText(CLINIC_NAME)
    tap(qtbot, staff.save)
    assert staff.status.text().startswith("Saved")
    tap(qtbot, staff.print_button)
    tap(qtbot, staff.leave)


def teach_back_run(qtbot: QtBot, window: MainWindow) -> None:
    """After a result: the first question wrong, then right; the rest right; the summary."""
    from kiosk.teach_back import Step, right_choice

    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.start)
    screen = window.checklist.question
    while window.navigator.current_id is ScreenId.QUESTION:
        if "weakness" in screen.signs:
            tap(qtbot, screen.card("weakness").buttons[Answer.YES])
        tap(qtbot, screen.advance)
    tap(qtbot, window.checklist.result.teach_back)
    teach_back = window.teach_back.screen
    content = window.ctx.pack.teach_back
    assert content is not None
    wrong_once = True
    while teach_back.step is not Step.SUMMARY:
        if teach_back.step is Step.SHOW_RIGHT:
            tap(qtbot, teach_back.go_on)
            continue
        run = window.ctx.session.teach_back
        assert run is not None
        right = right_choice(content.question(run.question_id), run.result_tier).id
        tiles = [t for t in teach_back.tiles if t.isVisible()]
        chosen = next(t for t in tiles if (t.choice_id == right) != wrong_once)
        wrong_once = False
        tap(qtbot, chosen)
    tap(qtbot, teach_back.done)
    tap(qtbot, window.checklist.result.finished)
    assert window.navigator.current_id is ScreenId.START


def idle_reset_mid_checklist(qtbot: QtBot, window: MainWindow) -> None:
    idle = window.findChildren(IdleReset)[0]
    idle.set_tick_ms(10)
    tap(qtbot, window.start.buttons["checklist"])
    tap(qtbot, window.checklist.intro.start)
    screen = window.checklist.question
    tap(qtbot, screen.advance)
    tap(qtbot, screen.advance)
    tap(qtbot, screen.card("med_change").buttons[Answer.UNSURE])  # mid-checklist
    qtbot.waitUntil(lambda: window.navigator.current_id is ScreenId.START, timeout=5000)
    assert window.ctx.session.is_pristine()


ANSWER_WORDS = re.compile(r"\b(yes|unsure|answers?|s[ií]|no\s+s[eé])\b", re.IGNORECASE)


def answer_data(text: str, ids: list[str]) -> list[str]:
    """Question ids, answer words and the PIN found in ``text``."""
    found = [qid for qid in ids if qid in text]
    found += [m.group(0) for m in ANSWER_WORDS.finditer(text)]
    return found + ([PIN] if PIN in text else [])


def test_the_scanner_is_not_blind() -> None:
    planted = '{"stroke_signs": "yes", "weakness": "unsure"} 7391'
    assert answer_data(planted, ["stroke_signs", "weakness"]) == [
        "stroke_signs",
        "weakness",
        "yes",
        "unsure",
        PIN,
    ]


def written_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


@pytest.mark.usefixtures("restore_hooks")
def test_no_answer_data_is_written_anywhere(
    qtbot: QtBot,
    content: ContentPack,
    isolated_dirs: Path,
    temp_dir: Path,
    when_app_ready: Callable[[Callable[[], None]], None],
) -> None:
    save_settings(Settings(pin_hash=hash_pin(PIN)))
    questions = content.language("en").checklist.questions
    tiers: set[Tier] = set()

    def script() -> None:
        window = running_window()
        try:
            for level in ReadingLevel:
                read_explainer(qtbot, window, level)
            for yes_at in [None, *range(len(questions))]:
                tiers.add(checklist_run(qtbot, window, yes_at))
            tap(qtbot, window.top_bar.language)  # Spanish for one run
            tiers.add(checklist_run(qtbot, window, 0))
            teach_back_run(qtbot, window)
            staff_visit(qtbot, window)
            idle_reset_mid_checklist(qtbot, window)
        finally:
            window.staff.exit_requested.emit()

    when_app_ready(script)
    assert run_app(fullscreen=False) == 0
    assert tiers == set(Tier), "every result tier was reached"

    files = written_files(isolated_dirs, temp_dir)
    names = {p.name for p in files}
    assert "settings.json" in names and "counters.json" in names and "kiosk.log" in names
    ids = [q.id for q in questions]
    for path in files:
        if path.name == CACHE_FILE:
            # The start-up copy of the content names every question, so the
            # scan below would flag it: instead, it must hold the shipped
            # content and nothing else.
            assert read_copy(path, content_key(CONTENT_DIR)) == content, path
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert answer_data(text, ids) == [], path
    assert CACHE_FILE in names
    # Nor a result with its time: the log names no tier (issue 16 item 7).
    [log_file] = [p for p in files if p.name == "kiosk.log"]
    log_text = log_file.read_text(encoding="utf-8")
    for tier in Tier:
        assert not re.search(rf"\b{tier.value}\b", log_text, re.IGNORECASE), (tier, log_text)

    # The counts are whole-day totals only.
    data = json.loads(counters_path().read_text(encoding="utf-8"))
    assert set(data) == {"format", "days"}
    (day,) = data["days"].values()
    assert set(day) == {
        "sessions",
        "levels",
        "languages",
        "tiers",
        "handouts_printed",
        "handouts_saved",
        "teach_back",
    }
    # "Check your understanding": per question, two whole numbers (issue 18).
    teach_back = content.language("en").teach_back
    assert teach_back is not None
    assert day["teach_back"] == {
        q.id: {"visitors": 1, "right_first_time": 0 if n == 0 else 1}
        for n, q in enumerate(teach_back.questions)
    }
    # Which tile anyone tapped is never kept (the result tiles are named after the
    # tiers, which the tier totals name anyway).
    choice_ids = {c.id for q in teach_back.questions for c in q.choices if c.tier is None}
    counts_text = counters_path().read_text(encoding="utf-8")
    assert not [c for c in choice_ids if f'"{c}"' in counts_text]
    # The explainer runs end on the start screen without a reset (one
    # session); each checklist run and the idle run start a new one.
    assert day["sessions"] == len(questions) + 4, (day, log_text)
    assert set(day["tiers"]) == {t.value for t in Tier}
    for name, value in day.items():
        counts = value.values() if isinstance(value, dict) else [value]
        if name == "teach_back":
            counts = [n for pair in value.values() for n in pair.values()]
        assert all(isinstance(n, int) for n in counts)
