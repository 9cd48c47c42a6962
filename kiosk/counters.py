"""Anonymous daily usage counts. Qt-free.

Only whole-day totals are kept: sessions, reading levels viewed, languages
used, result tiers reached, handouts printed and saved, and per
"Check your understanding" question how many visitors answered it and how
many were right first time. Never checklist answers or question ids, which
tile anyone chose, free text, the order of anything, or any time finer than
the date. At most 90 days
are kept, in ``counters.json`` in the user data folder (or
``$KIOSK_DATA_DIR``), written at most once a minute and at exit.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk.content.models import ReadingLevel, Tier
from kiosk.folders import data_dir
from kiosk.safe_load import SafeLoadError, read_json_limited, set_aside
from kiosk.settings import write_text_atomically

log = logging.getLogger(__name__)

DATA_DIR_ENV = "KIOSK_DATA_DIR"
COUNTERS_FILE = "counters.json"
KEEP_DAYS = 90
#: Counts are written at most this often (and at exit), so the file's time says little.
WRITE_INTERVAL_S = 60.0
_FORMAT = 1
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
_TOTALS = ("sessions", "handouts_printed", "handouts_saved")
# Teach-back: per question id, two whole numbers (issue 18).
TEACH_BACK = "teach_back"
TEACH_BACK_COUNTS = ("visitors", "right_first_time")
_QUESTION_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _check_language(code: str) -> str:
    if not isinstance(code, str) or not _LANGUAGE.fullmatch(code):
        raise ValueError(f"not a language code: {code!r}")
    return code


_TALLIES: dict[str, Callable[[str], object]] = {
    "levels": ReadingLevel,
    "tiers": Tier,
    "languages": _check_language,
}


def _check_question_id(question_id: str) -> str:
    if not isinstance(question_id, str) or not _QUESTION_ID.fullmatch(question_id):
        raise ValueError(f"not a teach-back question id: {question_id!r}")
    return question_id


def counters_path() -> Path:
    """Where the counts live: ``$KIOSK_DATA_DIR`` or the user data folder."""
    folder = os.environ.get(DATA_DIR_ENV) or data_dir()
    return Path(folder) / COUNTERS_FILE


@dataclass(frozen=True)
class DayCounts:
    """One day's totals. Tallies map a level, tier or language id to a count."""

    date: str
    sessions: int = 0
    levels: Mapping[str, int] = field(default_factory=dict)
    languages: Mapping[str, int] = field(default_factory=dict)
    tiers: Mapping[str, int] = field(default_factory=dict)
    handouts_printed: int = 0
    handouts_saved: int = 0
    #: Teach-back question id -> {"visitors": n, "right_first_time": n}.
    teach_back: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


class Counters:
    """Counts what happens on the kiosk, per day; writes at most once a minute.

    Recording only changes memory: writing at every event would let the
    file's modification time give away each visitor. :meth:`flush` writes
    pending counts when at least ``write_interval_s`` has passed since the
    last write (call it from a timer), ``flush(final=True)`` writes them now
    (call it at exit). ``today``, ``clock`` and ``now`` are injectable so
    tests can move the calendar and the clock.

    Never raises on load: a file that cannot be read is moved aside with a
    timestamped name (``counters.json.damaged-20261201T101500``), the reason
    is logged and kept in :attr:`problem` for the staff screen, and counting
    starts afresh (keeping every day that could be read). Unknown keys are
    ignored (dropped at the next write: they could hold something that must
    not be stored), never a reason to start fresh. Writing failures are
    logged, never raised. Safe to use from several threads.
    """

    def __init__(
        self,
        path: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        write_interval_s: float = WRITE_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.path = counters_path() if path is None else path
        self._today = today
        self._interval = write_interval_s
        self._clock = clock
        self._lock = threading.RLock()
        self._dirty = False
        self._last_write: float | None = None
        self._can_write = True
        #: One plain sentence for staff when the file was damaged, else None.
        self.problem: str | None = None
        self._days: dict[str, dict[str, Any]] = {}
        try:
            self._load(now)
        except Exception as exc:  # loading must never stop the kiosk
            log.exception("Could not load usage counts from %s", self.path)
            self._days = {}
            self.problem = f"The usage counts could not be loaded ({exc}); counting started afresh."

    # --- recording ---

    def session_started(self) -> None:
        """Someone tapped Start."""
        self._add_total("sessions", 1)

    def level_viewed(self, level: ReadingLevel | str) -> None:
        """A reading level was shown (the start level or a switch)."""
        self._add_tally("levels", ReadingLevel(level).value)

    def language_used(self, language: str) -> None:
        """A language was chosen; ``language`` must be a code like "en"."""
        self._add_tally("languages", _check_language(language))

    def tier_reached(self, tier: Tier | str) -> None:
        """A checklist ended with this result tier."""
        self._add_tally("tiers", Tier(tier).value)

    def handout_printed(self, copies: int = 1) -> None:
        """A handout was sent to the printer (``copies`` >= 1)."""
        if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
            raise ValueError(f"copies must be a whole number of at least 1, not {copies!r}")
        self._add_total("handouts_printed", copies)

    def handout_saved(self) -> None:
        """A handout was saved as a PDF file."""
        self._add_total("handouts_saved", 1)

    def teach_back_answered(self, question_id: str, right_first_time: bool) -> None:
        """A visitor answered teach-back question ``question_id`` (their first answer).

        Two whole numbers per question and day: which tile, when, in what
        order or by whom is never kept.
        """
        _check_question_id(question_id)
        with self._lock:
            tally = self._day()[TEACH_BACK]
            counts = tally.setdefault(question_id, dict.fromkeys(TEACH_BACK_COUNTS, 0))
            counts["visitors"] += 1
            counts["right_first_time"] += 1 if right_first_time else 0
            self._changed()

    # --- reading ---

    def today(self) -> DayCounts:
        """Today's totals (zeros if nothing happened yet)."""
        key = self._today().isoformat()
        with self._lock:
            return _freeze(key, self._days.get(key, _empty_day()))

    def days(self) -> list[DayCounts]:
        """Every kept day, oldest first."""
        with self._lock:
            return [_freeze(key, self._days[key]) for key in sorted(self._days)]

    # --- storage ---

    @property
    def pending(self) -> bool:
        """True when there are counts not yet written."""
        return self._dirty

    def flush(self, final: bool = False) -> bool:
        """Write pending counts if a write is due (``final``: now, e.g. at exit).

        Returns True when the file on disk holds every count (written now or
        nothing pending), False when a write is not due yet or failed.
        """
        with self._lock:
            if not self._dirty:
                return True
            last = self._last_write
            if not final and last is not None and self._clock() - last < self._interval:
                return False
            return self.save()

    def save(self) -> bool:
        """Write the file atomically now (after pruning); False if it failed."""
        with self._lock:
            self._prune()
            data = {"format": _FORMAT, "days": {key: self._days[key] for key in sorted(self._days)}}
            text = json.dumps(data, indent=1, sort_keys=True) + "\n"
            self._last_write = self._clock()
            if not self._can_write:
                log.warning(
                    "Usage counts not saved: the damaged %s could not be moved aside", self.path
                )
                return False
            try:
                write_text_atomically(self.path, text)
            except OSError as exc:
                log.warning("Could not save usage counts to %s: %s", self.path, exc)
                return False
            self._dirty = False
            return True

    def _load(self, now: Callable[[], dt.datetime]) -> None:
        try:
            data = read_json_limited(self.path, name=self.path.name)
        except FileNotFoundError:
            self._last_write = None
            return
        except (OSError, SafeLoadError) as exc:
            reason = exc.reason if isinstance(exc, SafeLoadError) else (exc.strerror or str(exc))
            self._set_aside(reason, now)
            return
        try:
            days, bad_days, ignored = _parse(data)
        except ValueError as exc:
            self._set_aside(str(exc), now)
            return
        self._days = days
        if ignored:
            log.warning(
                "Usage counts file %s: ignored unknown entries (%s); they will not be kept",
                self.path,
                ", ".join(sorted(ignored)),
            )
            self._dirty = True
        if bad_days:
            self._set_aside(f"{len(bad_days)} day(s) could not be read: {bad_days[0]}", now)

    def _set_aside(self, reason: str, now: Callable[[], dt.datetime]) -> None:
        # Keep the damaged file for staff to look at instead of overwriting it.
        try:
            aside = set_aside(self.path, now)
        except OSError as exc:
            self._can_write = False
            self.problem = (
                f"The usage counts file {self.path} could not be read ({reason}) nor moved "
                f"aside ({exc.strerror or exc}); new counts are not being saved."
            )
        else:
            kept = "; the days that could be read are kept" if self._days else ""
            self.problem = (
                f"The usage counts file could not be read ({reason}); it was kept as "
                f"{aside.name} and new counts started{kept}."
            )
            self._dirty = bool(self._days)
        log.warning("%s", self.problem)

    def _day(self) -> dict[str, Any]:
        return self._days.setdefault(self._today().isoformat(), _empty_day())

    def _add_total(self, name: str, amount: int) -> None:
        with self._lock:
            day = self._day()
            day[name] += amount
            self._changed()

    def _add_tally(self, name: str, key: str) -> None:
        with self._lock:
            tally = self._day()[name]
            tally[key] = tally.get(key, 0) + 1
            self._changed()

    def _changed(self) -> None:
        self._dirty = True

    def _prune(self) -> None:
        oldest = (self._today() - dt.timedelta(days=KEEP_DAYS - 1)).isoformat()
        keep = sorted(key for key in self._days if key >= oldest)[-KEEP_DAYS:]
        self._days = {key: self._days[key] for key in keep}


def _empty_day() -> dict[str, Any]:
    day: dict[str, Any] = dict.fromkeys(_TOTALS, 0)
    day.update({name: {} for name in _TALLIES})
    day[TEACH_BACK] = {}
    return day


def _freeze(key: str, day: Mapping[str, Any]) -> DayCounts:
    return DayCounts(
        date=key,
        sessions=day["sessions"],
        levels=MappingProxyType(dict(day["levels"])),
        languages=MappingProxyType(dict(day["languages"])),
        tiers=MappingProxyType(dict(day["tiers"])),
        handouts_printed=day["handouts_printed"],
        handouts_saved=day["handouts_saved"],
        teach_back=MappingProxyType(
            {qid: MappingProxyType(dict(c)) for qid, c in day[TEACH_BACK].items()}
        ),
    )


def _parse(data: Any) -> tuple[dict[str, dict[str, Any]], list[str], set[str]]:
    """The days that can be read, why others could not, and the ignored key names.

    Raises ValueError when the file as a whole is not a counts file.
    """
    if not isinstance(data, dict) or "days" not in data:
        raise ValueError("it does not hold usage counts")
    if data.get("format") != _FORMAT:
        raise ValueError(f"unknown format {data.get('format')!r}")
    days = data["days"]
    if not isinstance(days, dict):
        raise ValueError("days is not a set of dates")
    ignored = {str(key) for key in data if key not in ("format", "days")}
    parsed: dict[str, dict[str, Any]] = {}
    bad: list[str] = []
    for key, day in days.items():
        try:
            parsed[key] = _parse_day(key, day, ignored)
        except (ValueError, TypeError) as exc:
            bad.append(f"{str(key)[:40]!r}: {exc}")
    return parsed, bad, ignored


def _parse_day(key: Any, day: Any, ignored: set[str]) -> dict[str, Any]:
    if not isinstance(key, str) or dt.date.fromisoformat(key).isoformat() != key:
        raise ValueError("not a plain date")
    if not isinstance(day, dict):
        raise ValueError("not a set of counts")
    clean = _empty_day()
    for name in _TOTALS:
        clean[name] = _count(day.get(name, 0))
    for name, check in _TALLIES.items():
        tally = day.get(name, {})
        if not isinstance(tally, dict):
            raise ValueError(f"{name} is not a set of counts")
        for item, count in tally.items():
            check(item)
            clean[name][item] = _count(count)
    clean[TEACH_BACK] = _parse_teach_back(day.get(TEACH_BACK, {}))
    ignored.update(f"{key}.{name}" for name in day if name not in clean)
    return clean


def _parse_teach_back(tally: Any) -> dict[str, dict[str, int]]:
    if not isinstance(tally, dict):
        raise ValueError(f"{TEACH_BACK} is not a set of counts")
    clean: dict[str, dict[str, int]] = {}
    for question_id, counts in tally.items():
        _check_question_id(question_id)
        if not isinstance(counts, dict) or set(counts) != set(TEACH_BACK_COUNTS):
            raise ValueError(f"{TEACH_BACK}.{question_id} is not {' and '.join(TEACH_BACK_COUNTS)}")
        parsed = {name: _count(counts[name]) for name in TEACH_BACK_COUNTS}
        if parsed["right_first_time"] > parsed["visitors"]:
            raise ValueError(f"{TEACH_BACK}.{question_id}: more right than visitors")
        clean[question_id] = parsed
    return clean


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value
