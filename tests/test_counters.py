"""Anonymous daily counters: aggregate, persist, prune, never store details."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

import pytest

from kiosk.content import ContentPack, ReadingLevel, Tier
from kiosk.counters import KEEP_DAYS, Counters, counters_path


class FakeCalendar:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "counters.json"


@pytest.fixture
def calendar() -> FakeCalendar:
    return FakeCalendar(dt.date(2026, 3, 14))


def one_session(counters: Counters) -> None:
    counters.session_started()
    counters.language_used("en")
    counters.level_viewed(ReadingLevel.BASIC)
    counters.level_viewed(ReadingLevel.DETAILED)
    counters.tier_reached(Tier.ROUTINE)
    counters.handout_printed(2)
    counters.handout_saved()


def test_counters_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "d"))
    assert counters_path() == tmp_path / "d" / "counters.json"


def test_counters_path_default_is_user_data(
    monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path
) -> None:
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    assert isolated_dirs in counters_path().parents


def test_empty_day(path: Path, calendar: FakeCalendar) -> None:
    today = Counters(path, today=calendar).today()
    assert today.date == "2026-03-14"
    assert (today.sessions, today.handouts_printed, today.handouts_saved) == (0, 0, 0)
    assert dict(today.levels) == {}
    assert not path.exists()


def test_aggregates(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    one_session(counters)
    one_session(counters)
    counters.tier_reached("emergency")
    today = counters.today()
    assert today.sessions == 2
    assert dict(today.languages) == {"en": 2}
    assert dict(today.levels) == {"basic": 2, "detailed": 2}
    assert dict(today.tiers) == {"routine": 2, "emergency": 1}
    assert today.handouts_printed == 4
    assert today.handouts_saved == 2


def test_persists_and_reloads(path: Path, calendar: FakeCalendar) -> None:
    one_session(Counters(path, today=calendar))
    reloaded = Counters(path, today=calendar)
    assert reloaded.today().sessions == 1
    one_session(reloaded)
    assert Counters(path, today=calendar).today().handouts_printed == 4
    assert [p.name for p in path.parent.iterdir()] == ["counters.json"]


def test_days_are_separate(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    counters.session_started()
    calendar.day += dt.timedelta(days=1)
    counters.session_started()
    counters.session_started()
    assert [(d.date, d.sessions) for d in counters.days()] == [
        ("2026-03-14", 1),
        ("2026-03-15", 2),
    ]


def test_file_holds_no_details(path: Path, calendar: FakeCalendar, content: ContentPack) -> None:
    one_session(Counters(path, today=calendar))
    text = path.read_text(encoding="utf-8")
    questions = content.language("en").checklist.questions
    assert questions
    for question in questions:
        assert question.id not in text
    for answer in ("yes", "no", "unsure"):
        assert f'"{answer}"' not in text
    # No times, only dates.
    data = json.loads(text)
    assert set(data) == {"format", "days"}
    assert list(data["days"]) == ["2026-03-14"]
    assert "T" not in "".join(data["days"])
    assert set(data["days"]["2026-03-14"]) == {
        "sessions",
        "levels",
        "languages",
        "tiers",
        "handouts_printed",
        "handouts_saved",
    }


@pytest.mark.parametrize("bad", ["English text", "en; drop", "", "q_breathing"])
def test_language_must_be_a_code(path: Path, calendar: FakeCalendar, bad: str) -> None:
    counters = Counters(path, today=calendar)
    with pytest.raises(ValueError):
        counters.language_used(bad)
    assert not path.exists()


def test_unknown_level_or_tier_refused(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    with pytest.raises(ValueError):
        counters.level_viewed("expert")
    with pytest.raises(ValueError):
        counters.tier_reached("q_weakness")


@pytest.mark.parametrize("copies", [0, -1, True])
def test_copies_must_be_positive(path: Path, calendar: FakeCalendar, copies: int) -> None:
    with pytest.raises(ValueError):
        Counters(path, today=calendar).handout_printed(copies)


def test_prunes_to_ninety_days(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    for _ in range(100):
        counters.session_started()
        calendar.day += dt.timedelta(days=1)
    calendar.day -= dt.timedelta(days=1)  # back to the last day recorded
    counters.save()
    days = Counters(path, today=calendar).days()
    assert len(days) == KEEP_DAYS
    assert days[-1].date == calendar.day.isoformat()
    assert days[0].date == (calendar.day - dt.timedelta(days=KEEP_DAYS - 1)).isoformat()


def test_old_days_are_dropped_after_a_long_gap(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    counters.session_started()
    calendar.day += dt.timedelta(days=KEEP_DAYS)
    counters.session_started()
    assert [d.date for d in Counters(path, today=calendar).days()] == [calendar.day.isoformat()]


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"format": 1, "days": {"2026-03-14": {"sessions": -1}}}',
        '{"format": 2, "days": {}}',
        '{"format": 1, "days": {}, "answers": {"q1": "yes"}}',
        '{"format": 1, "days": {"2026-03-14T10:00": {}}}',
    ],
)
def test_corrupt_file_starts_fresh_with_log(
    path: Path, calendar: FakeCalendar, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.counters"):
        counters = Counters(path, today=calendar)
    assert counters.days() == []
    assert any("starting fresh" in r.message for r in caplog.records)
    counters.session_started()
    assert Counters(path, today=calendar).today().sessions == 1


def test_save_failure_is_logged_not_raised(
    path: Path,
    calendar: FakeCalendar,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    counters = Counters(path, today=calendar)
    counters.session_started()
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with caplog.at_level(logging.WARNING, logger="kiosk.counters"):
        counters.session_started()
    assert counters.today().sessions == 2
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["counters.json"]
    assert any("Could not save" in r.message for r in caplog.records)
