"""Anonymous daily usage counts. Qt-free.

Only whole-day totals are kept: sessions, reading levels viewed, languages
used, result tiers reached, handouts printed and saved. Never answers,
question ids, free text, or any time finer than the date. At most 90 days
are kept, in ``counters.json`` in the user data folder (or
``$KIOSK_DATA_DIR``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk.content.models import ReadingLevel, Tier
from kiosk.folders import data_dir
from kiosk.settings import write_text_atomically

log = logging.getLogger(__name__)

DATA_DIR_ENV = "KIOSK_DATA_DIR"
COUNTERS_FILE = "counters.json"
KEEP_DAYS = 90
_FORMAT = 1
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
_TOTALS = ("sessions", "handouts_printed", "handouts_saved")


def _check_language(code: str) -> str:
    if not isinstance(code, str) or not _LANGUAGE.fullmatch(code):
        raise ValueError(f"not a language code: {code!r}")
    return code


_TALLIES: dict[str, Callable[[str], object]] = {
    "levels": ReadingLevel,
    "tiers": Tier,
    "languages": _check_language,
}


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


class Counters:
    """Counts what happens on the kiosk, per day, and saves after each event.

    ``today`` is injectable so tests can move the calendar. Saving failures
    are logged, never raised: counting must not break the kiosk.
    """

    def __init__(
        self,
        path: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        autosave: bool = True,
    ) -> None:
        self.path = counters_path() if path is None else path
        self._today = today
        self._autosave = autosave
        self._days: dict[str, dict[str, Any]] = _read(self.path)

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

    # --- reading ---

    def today(self) -> DayCounts:
        """Today's totals (zeros if nothing happened yet)."""
        key = self._today().isoformat()
        return _freeze(key, self._days.get(key, _empty_day()))

    def days(self) -> list[DayCounts]:
        """Every kept day, oldest first."""
        return [_freeze(key, self._days[key]) for key in sorted(self._days)]

    # --- storage ---

    def save(self) -> bool:
        """Write the file atomically (after pruning); False if it failed."""
        self._prune()
        data = {"format": _FORMAT, "days": {key: self._days[key] for key in sorted(self._days)}}
        try:
            write_text_atomically(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        except OSError as exc:
            log.warning("Could not save usage counts to %s: %s", self.path, exc)
            return False
        return True

    def _day(self) -> dict[str, Any]:
        return self._days.setdefault(self._today().isoformat(), _empty_day())

    def _add_total(self, name: str, amount: int) -> None:
        day = self._day()
        day[name] += amount
        self._changed()

    def _add_tally(self, name: str, key: str) -> None:
        tally = self._day()[name]
        tally[key] = tally.get(key, 0) + 1
        self._changed()

    def _changed(self) -> None:
        if self._autosave:
            self.save()

    def _prune(self) -> None:
        oldest = (self._today() - dt.timedelta(days=KEEP_DAYS - 1)).isoformat()
        keep = sorted(key for key in self._days if key >= oldest)[-KEEP_DAYS:]
        self._days = {key: self._days[key] for key in keep}


def _empty_day() -> dict[str, Any]:
    day: dict[str, Any] = dict.fromkeys(_TOTALS, 0)
    day.update({name: {} for name in _TALLIES})
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
    )


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """The stored days, or nothing if the file is missing or damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("Could not read usage counts from %s (%s); starting fresh", path, exc)
        return {}
    try:
        return _parse(json.loads(text))
    except (ValueError, TypeError, KeyError) as exc:
        log.warning("Usage counts file %s was damaged (%s); starting fresh", path, exc)
        return {}


def _parse(data: Any) -> dict[str, dict[str, Any]]:
    # Strict on purpose: anything unexpected (an extra key could be data that
    # must not be stored) makes the whole file count as damaged.
    if not isinstance(data, dict) or set(data) != {"format", "days"}:
        raise ValueError("unknown layout")
    if data["format"] != _FORMAT:
        raise ValueError(f"unknown format {data['format']!r}")
    days = data["days"]
    if not isinstance(days, dict):
        raise ValueError("days is not a mapping")
    parsed: dict[str, dict[str, Any]] = {}
    for key, day in days.items():
        if dt.date.fromisoformat(key).isoformat() != key:
            raise ValueError(f"not a plain date: {key!r}")
        if not isinstance(day, dict) or set(day) != set(_TOTALS) | set(_TALLIES):
            raise ValueError(f"day {key} has unexpected fields")
        clean = _empty_day()
        for name in _TOTALS:
            clean[name] = _count(day[name])
        for name, check in _TALLIES.items():
            if not isinstance(day[name], dict):
                raise ValueError(f"day {key}: {name} is not a mapping")
            for item, count in day[name].items():
                check(item)
                clean[name][item] = _count(count)
        parsed[key] = clean
    return parsed


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value
