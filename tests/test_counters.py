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
    first = Counters(path, today=calendar)
    one_session(first)
    first.flush(final=True)
    reloaded = Counters(path, today=calendar)
    assert reloaded.today().sessions == 1
    one_session(reloaded)
    reloaded.flush(final=True)
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
    counters = Counters(path, today=calendar)
    one_session(counters)
    counters.flush(final=True)
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
        "teach_back",
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
    counters.flush(final=True)
    assert [d.date for d in Counters(path, today=calendar).days()] == [calendar.day.isoformat()]


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"format": 2, "days": {}}',
        '{"days": []}',
        '{"format": 1, "days": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"format": 1, "days": {"2026-03-14": {"sessions": ' + "9" * 5001 + "}}}",
        '{"format": 1, "days": {"2026-03-14": {"sessions": 1}}, "pad": "' + "x" * 70_000 + '"}',
        "\xff\xfe",
    ],
    ids=["not-json", "list", "format-2", "days-list", "deep", "huge-number", "too-big", "binary"],
)
def test_damaged_file_is_moved_aside_and_counting_starts_fresh(
    path: Path, calendar: FakeCalendar, caplog: pytest.LogCaptureFixture, text: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode())
    original = path.read_bytes()
    when = dt.datetime(2026, 3, 14, 10, 15, 0)
    with caplog.at_level(logging.WARNING, logger="kiosk.counters"):
        counters = Counters(path, today=calendar, now=lambda: when)
    assert counters.days() == []
    aside = path.with_name("counters.json.damaged-20260314T101500")
    assert aside.read_bytes() == original
    assert not path.exists()
    assert counters.problem is not None and aside.name in counters.problem
    assert any(aside.name in r.message for r in caplog.records)
    counters.session_started()
    counters.flush(final=True)
    assert Counters(path, today=calendar).today().sessions == 1
    assert aside.read_bytes() == original  # the damaged copy is never overwritten


def test_second_damaged_file_gets_its_own_name(path: Path, calendar: FakeCalendar) -> None:
    path.parent.mkdir(parents=True)
    when = dt.datetime(2026, 3, 14, 10, 15, 0)
    for text in ("{one", "{two"):
        path.write_text(text, encoding="utf-8")
        Counters(path, today=calendar, now=lambda: when)
    first = path.with_name("counters.json.damaged-20260314T101500")
    second = path.with_name("counters.json.damaged-20260314T101500-2")
    assert (first.read_text(), second.read_text()) == ("{one", "{two")


def test_loading_never_raises(
    path: Path, calendar: FakeCalendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("kiosk.counters.read_json_limited", explode)
    counters = Counters(path, today=calendar)
    assert counters.days() == []
    assert counters.problem is not None
    counters.session_started()
    assert counters.today().sessions == 1


def test_a_folder_in_the_way_is_moved_aside(path: Path, calendar: FakeCalendar) -> None:
    path.mkdir(parents=True)
    counters = Counters(path, today=calendar, now=lambda: dt.datetime(2026, 3, 14, 9, 0, 0))
    assert counters.problem is not None
    assert path.with_name("counters.json.damaged-20260314T090000").is_dir()
    counters.session_started()
    assert counters.flush(final=True)
    assert Counters(path, today=calendar).today().sessions == 1


def test_unknown_keys_keep_every_earlier_day(
    path: Path, calendar: FakeCalendar, caplog: pytest.LogCaptureFixture
) -> None:
    days = {
        (dt.date(2026, 1, 1) + dt.timedelta(days=n)).isoformat(): {
            "sessions": n + 1,
            "levels": {"basic": n},
            "languages": {"en": 1},
            "tiers": {"routine": 1},
            "handouts_printed": 0,
            "handouts_saved": 0,
            "new_field": 7,
        }
        for n in range(60)
    }
    path.parent.mkdir(parents=True)
    data = {"format": 1, "days": days, "answers": {"q1": "yes"}}
    path.write_text(json.dumps(data), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.counters"):
        counters = Counters(path, today=calendar)
    assert counters.problem is None
    assert [(d.date, d.sessions) for d in counters.days()] == [
        (key, day["sessions"]) for key, day in days.items()
    ]
    assert any("ignored unknown entries" in r.message for r in caplog.records)
    counters.session_started()
    counters.flush(final=True)
    reread = json.loads(path.read_text(encoding="utf-8"))
    assert set(reread) == {"format", "days"}  # the unknown "answers" is not kept
    assert len(reread["days"]) == 61
    assert "new_field" not in path.read_text(encoding="utf-8")
    assert list(path.parent.iterdir()) == [path]


def test_one_bad_day_keeps_the_others_and_the_original(path: Path, calendar: FakeCalendar) -> None:
    good = {"sessions": 3, "levels": {}, "languages": {}, "tiers": {}}
    data = {
        "format": 1,
        "days": {"2026-03-12": good, "2026-03-13": {"sessions": -1}, "2026-03-13T10:00": {}},
    }
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    counters = Counters(path, today=calendar, now=lambda: dt.datetime(2026, 3, 14, 8, 0, 0))
    assert [(d.date, d.sessions) for d in counters.days()] == [("2026-03-12", 3)]
    assert counters.problem is not None and "2 day(s)" in counters.problem
    aside = path.with_name("counters.json.damaged-20260314T080000")
    assert json.loads(aside.read_text(encoding="utf-8")) == data
    assert counters.flush(final=True)
    assert [d.date for d in Counters(path, today=calendar).days()] == ["2026-03-12"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_counts_are_written_at_most_once_a_minute(path: Path, calendar: FakeCalendar) -> None:
    clock = FakeClock()
    counters = Counters(path, today=calendar, clock=clock)
    counters.session_started()
    assert not path.exists(), "recording alone writes nothing"
    assert counters.flush()  # the first write is due
    assert Counters(path, today=calendar).today().sessions == 1
    writes = 1
    for _ in range(30):  # a busy minute: one event every 2 s
        clock.now += 2
        counters.session_started()
        before = path.read_bytes()
        counters.flush()  # e.g. from a timer, or after each event
        writes += path.read_bytes() != before
    assert writes == 2, "one write for the first event, one a minute later"
    clock.now += 30
    counters.session_started()
    assert not counters.flush()
    assert counters.pending
    assert counters.flush(final=True)  # at exit: now, whatever the clock says
    assert not counters.pending
    assert Counters(path, today=calendar).today().sessions == 32


def test_flush_with_nothing_pending_writes_nothing(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    assert counters.flush(final=True)
    assert not path.exists()


def test_counting_from_threads_loses_nothing(path: Path, calendar: FakeCalendar) -> None:
    import threading

    counters = Counters(path, today=calendar)

    def work() -> None:
        for _ in range(500):
            counters.session_started()
            counters.flush()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counters.flush(final=True)
    assert Counters(path, today=calendar).today().sessions == 2000


def test_save_failure_is_logged_not_raised(
    path: Path,
    calendar: FakeCalendar,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    counters = Counters(path, today=calendar)
    counters.session_started()
    counters.flush(final=True)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with caplog.at_level(logging.WARNING, logger="kiosk.counters"):
        counters.session_started()
        assert not counters.flush(final=True)
    assert counters.today().sessions == 2
    assert counters.pending
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["counters.json"]
    assert any("Could not save" in r.message for r in caplog.records)


# Teach-back (issue 18): per question, visitors and right first time; nothing else.


def test_teach_back_counts_are_two_numbers_per_question(path: Path, calendar: FakeCalendar) -> None:
    counters = Counters(path, today=calendar)
    counters.teach_back_answered("help_now", True)
    counters.teach_back_answered("help_now", False)
    counters.teach_back_answered("home_care", True)
    assert counters.today().teach_back == {
        "help_now": {"visitors": 2, "right_first_time": 1},
        "home_care": {"visitors": 1, "right_first_time": 1},
    }
    assert counters.flush(final=True)
    day = json.loads(path.read_text(encoding="utf-8"))["days"]["2026-03-14"]
    assert day["teach_back"] == {
        "help_now": {"right_first_time": 1, "visitors": 2},
        "home_care": {"right_first_time": 1, "visitors": 1},
    }
    assert Counters(path, today=calendar).today().teach_back == counters.today().teach_back


@pytest.mark.parametrize("bad", ["Help now", "", "help_now; drop", "x" * 41])
def test_teach_back_question_must_be_an_id(path: Path, calendar: FakeCalendar, bad: str) -> None:
    counters = Counters(path, today=calendar)
    with pytest.raises(ValueError):
        counters.teach_back_answered(bad, True)
    assert counters.today().teach_back == {}


@pytest.mark.parametrize(
    "tally",
    [
        {"help_now": {"visitors": 1, "right_first_time": 2}},
        {"help_now": {"visitors": 1, "right_first_time": 1, "chose": "calf"}},
        {"help_now": {"visitors": 1}},
        {"Help Now": {"visitors": 1, "right_first_time": 1}},
        ["help_now"],
    ],
)
def test_a_teach_back_tally_that_is_not_two_counts_is_damage(
    path: Path, calendar: FakeCalendar, tally: object
) -> None:
    path.parent.mkdir(parents=True)
    day = {"sessions": 1, "teach_back": tally}
    path.write_text(json.dumps({"format": 1, "days": {"2026-03-13": day}}), encoding="utf-8")
    counters = Counters(path, today=calendar, now=lambda: dt.datetime(2026, 3, 14, 8, 0, 0))
    assert counters.problem is not None
    assert counters.days() == []
