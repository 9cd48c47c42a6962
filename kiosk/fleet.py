"""What a fleet collects from one kiosk: its id, the counts export, the start line.

Qt-free. Nothing here is about a visitor: the counts are whole-day totals
(``kiosk/counters.py``), the start line names versions only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk import APP_ID, __version__
from kiosk.content.models import ReadingLevel, Tier
from kiosk.counters import DayCounts

KIOSK_ID_ENV = "KIOSK_ID"
EXPORT_FORMAT = 1


def kiosk_id() -> str:
    """This kiosk's name in a fleet: ``$KIOSK_ID``, else the host name.

    The host name is what IT's inventory (Ansible, Intune) already knows the
    machine by, so exports from 200 kiosks can be told apart without a setup step.
    """
    return os.environ.get(KIOSK_ID_ENV, "").strip() or socket.gethostname() or "unknown"


@dataclass(frozen=True)
class Export:
    """The aggregate counts of one kiosk, ready to be written as JSON or CSV."""

    kiosk_id: str
    clinic_name: str
    days: tuple[DayCounts, ...]


def select_days(days: Iterable[DayCounts], since: dt.date | None) -> tuple[DayCounts, ...]:
    """The days on or after ``since`` (all when None), oldest first."""
    chosen = [day for day in days if since is None or day.date >= since.isoformat()]
    return tuple(sorted(chosen, key=lambda day: day.date))


def _day_dict(day: DayCounts) -> dict[str, Any]:
    return {
        "date": day.date,
        "sessions": day.sessions,
        "handouts_printed": day.handouts_printed,
        "handouts_saved": day.handouts_saved,
        "levels": dict(sorted(day.levels.items())),
        "languages": dict(sorted(day.languages.items())),
        "tiers": dict(sorted(day.tiers.items())),
    }


def to_json(export: Export) -> str:
    """One JSON document: the kiosk, the clinic, and one object per day."""
    data = {
        "format": EXPORT_FORMAT,
        "app": APP_ID,
        "app_version": __version__,
        "kiosk_id": export.kiosk_id,
        "clinic_name": export.clinic_name,
        "days": [_day_dict(day) for day in export.days],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def csv_columns(days: Iterable[DayCounts]) -> list[str]:
    """Fixed columns, then one per language seen (languages vary by content)."""
    languages = sorted({code for day in days for code in day.languages})
    return [
        "kiosk_id",
        "clinic_name",
        "date",
        "sessions",
        "handouts_printed",
        "handouts_saved",
        *(f"level_{level.value}" for level in ReadingLevel),
        *(f"tier_{tier.value}" for tier in Tier),
        *(f"language_{code}" for code in languages),
    ]


def to_csv(export: Export) -> str:
    """One row per day; a header row first, even when there are no days."""
    columns = csv_columns(export.days)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for day in export.days:
        row: dict[str, Any] = {
            "kiosk_id": export.kiosk_id,
            "clinic_name": export.clinic_name,
            "date": day.date,
            "sessions": day.sessions,
            "handouts_printed": day.handouts_printed,
            "handouts_saved": day.handouts_saved,
        }
        row.update(_tally("level", ReadingLevel, day.levels))
        row.update(_tally("tier", Tier, day.tiers))
        for column in columns:
            if column.startswith("language_"):
                row[column] = day.languages.get(column.removeprefix("language_"), 0)
        writer.writerow(row)
    return out.getvalue()


def _tally(prefix: str, kinds: Iterable[Any], tally: Mapping[str, int]) -> dict[str, int]:
    return {f"{prefix}_{kind.value}": tally.get(kind.value, 0) for kind in kinds}


def start_line(versions: Mapping[str, str], approval: str | None = None) -> str:
    """The first log line of a start: app version, content versions, approval state.

    ``versions`` maps a language code to its content version. ``approval`` is
    the content's review state when the content records one; None says so.
    """
    content = ", ".join(f"{code} {version}" for code, version in sorted(versions.items()))
    state = approval if approval else "not recorded"
    return (
        f"{APP_ID} {__version__} starting on {kiosk_id()}: "
        f"content {content or 'none'}; approval {state}"
    )
