"""The handout's own fixed wording, from ``content/<lang>/handout.yaml``.

The explainer's sections come from the topic pack; this file holds only what
the printed sheet adds around them (headings, main points, the diary, the
questions to ask). A new language drops in as ``content/<code>/handout.yaml``.

The content loader (``kiosk/content/loader.py``) reads ``handout.yaml`` with
every other content file, through :func:`read_handout_text`, so ``kiosk
content check`` and ``--self-test`` refuse what the handout would trip on,
and the checked wording travels in ``LanguagePack.handout``. The keys the
sheet needs are listed once, here: ``_STRINGS``, ``_PER_LEVEL`` and, for a
key the builder fills with ``str.format``, its ``{placeholders}`` in
``PLACEHOLDERS``.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.ids import ReadingLevel
from kiosk.resources import CONTENT_DIR
from kiosk.safe_load import SafeLoadError, read_yaml_limited

HANDOUT_FILE = "handout.yaml"


@functools.cache
def picture_ids() -> frozenset[str]:
    """The pictures a handout text may name (kiosk.pictures; read only when
    a handout.yaml is checked, not when the checked copy is read at start)."""
    from kiosk.pictures import Picture

    return frozenset(picture.value for picture in Picture)


_STRINGS = (
    "subject",
    "author",
    "purpose",
    "main_points_heading",
    "causes_heading",
    "triggers_line",
    "self_care_hint",
    "call_clinic",
    "asked_for_help",
    "call_clinic_no_name",
    "plan_heading",
    "plan_result",
    "plan_next_step_heading",
    "plan_next_step",
    "plan_write_phone",
    "plan_appointment",
    "known_unknown",
    "eyelid_warning",
    "body_map_caption",
    "twitch_cramp_caption",
    "review_pending",
    "diary_heading",
    "diary_intro",
    "questions_heading",
    "clinic_heading",
    "not_a_diagnosis",
    "sources_heading",
    "last_reviewed",
    "printed_on",
    "page",
    "date_format",
)
_PER_LEVEL = ("main_points", "questions")
# The {placeholders} each string may hold: the builder fills these with
# str.format. Any other string may hold only {emergency_number} (filled in by
# a plain replace); a placeholder nothing fills would print as it is.
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "call_clinic": frozenset({"clinic", "phone"}),
    "call_clinic_no_name": frozenset({"phone"}),
    "last_reviewed": frozenset({"date"}),
    "printed_on": frozenset({"date"}),
    "page": frozenset({"page"}),
    "date_format": frozenset({"day", "month", "year"}),
}
ANYWHERE = frozenset({"emergency_number"})
MAX_MAIN_POINTS = 3  # the CDC Clear Communication Index asks for three or fewer


class HandoutTextError(Exception):
    """``handout.yaml`` is missing, unreadable or lacks keys; the message says which."""


@dataclass(frozen=True)
class HandoutText:
    """The handout's fixed wording in one language."""

    strings: Mapping[str, str]
    main_points: Mapping[ReadingLevel, tuple[str, ...]]
    questions: Mapping[ReadingLevel, tuple[str, ...]]
    diary_columns: tuple[str, str, str, str]
    months: tuple[str, ...]
    # Self-care steps as (picture id, text): what to do and how.
    self_care_steps: tuple[tuple[str, str], ...] = ()

    def __getitem__(self, key: str) -> str:
        return self.strings[key]

    def date(self, day: dt.date) -> str:
        """``day`` written the way this language writes dates."""
        return self.strings["date_format"].format(
            day=day.day, month=self.months[day.month - 1], year=day.year
        )


@functools.cache
def load_handout_text(language: str, content_dir: Path | None = None) -> HandoutText:
    """Load and check ``<content_dir>/<language>/handout.yaml`` (cached).

    Raises HandoutTextError naming the file and every missing or wrong key.
    The kiosk and the handout command take the wording from the content
    loader (``LanguagePack.handout``); this is for callers without a pack.
    """
    path = (content_dir or CONTENT_DIR) / language / HANDOUT_FILE
    try:
        data = read_yaml_limited(path)  # size, depth, number and no-alias limits
    except FileNotFoundError:
        raise HandoutTextError(f"{path}: file is missing") from None
    except OSError as exc:
        raise HandoutTextError(f"{path}: cannot be read ({exc})") from None
    except SafeLoadError as exc:
        raise HandoutTextError(str(exc)) from None
    text, problems = read_handout_text(data)
    if text is None:
        raise HandoutTextError(f"{path}: " + "; ".join(problems))
    return text


def read_handout_text(data: Any) -> tuple[HandoutText | None, list[str]]:
    """The wording in one parsed ``handout.yaml``, or None and every problem.

    Each problem is ``key path: what is wrong`` (the caller adds the file).
    """
    if not isinstance(data, dict):
        return None, ["expected a mapping of keys"]
    problems: list[str] = []
    strings = {key: _text(data, key, problems) for key in _STRINGS}
    per_level = {key: _levels(data, key, problems) for key in _PER_LEVEL}
    columns = _list(data, "diary_columns", problems)
    if columns and len(columns) != 4:
        problems.append(f"diary_columns: expected 4 column names, got {len(columns)}")
    months = _list(data, "months", problems)
    if months and len(months) != 12:
        problems.append(f"months: expected 12 month names, got {len(months)}")
    for level, points in per_level["main_points"].items():
        if len(points) > MAX_MAIN_POINTS:
            problems.append(
                f"main_points.{level.value}: at most {MAX_MAIN_POINTS} points, got {len(points)}"
            )
    steps = _steps(data, problems)
    for key, value in strings.items():
        _placeholders(key, value, PLACEHOLDERS.get(key, ANYWHERE), problems)
    for key, by_level in per_level.items():
        for level, entries in by_level.items():
            for index, entry in enumerate(entries):
                _placeholders(f"{key}.{level.value}[{index}]", entry, ANYWHERE, problems)
    for index, (_picture, step) in enumerate(steps):
        _placeholders(f"self_care_steps[{index}].text", step, ANYWHERE, problems)
    if problems:
        return None, problems
    text = HandoutText(
        strings=strings,
        main_points=per_level["main_points"],
        questions=per_level["questions"],
        diary_columns=(columns[0], columns[1], columns[2], columns[3]),
        months=tuple(months),
        self_care_steps=steps,
    )
    return text, []


def _placeholders(where: str, text: str, allowed: frozenset[str], problems: list[str]) -> None:
    """A ``{name}`` nothing fills, or a stray brace, is a problem."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        problems.append(f"{where}: bad {{placeholder}} ({exc}; write a brace as {{{{ or }}}})")
        return
    for name in sorted(names - allowed):
        valid = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
        problems.append(f"{where}: unknown placeholder {{{name}}} (valid here: {valid})")


def _steps(data: Mapping[str, Any], problems: list[str]) -> tuple[tuple[str, str], ...]:
    """``self_care_steps``: a list of {picture: id, text: ...}."""
    raw = data.get("self_care_steps")
    if not isinstance(raw, list) or not raw:
        what = "missing" if raw is None else "expected a list of {picture, text}"
        problems.append(f"self_care_steps: {what}")
        return ()
    steps: list[tuple[str, str]] = []
    for index, item in enumerate(raw):
        where = f"self_care_steps[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping with picture and text")
            continue
        found: list[str] = []
        picture, text = _text(item, "picture", found), _text(item, "text", found)
        if picture and picture not in picture_ids():
            found.append(f"picture: unknown picture {picture!r}")
        problems += [f"{where}.{problem}" for problem in found]
        steps.append((picture, text))
    return tuple(steps)


def _text(data: Mapping[str, Any], key: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key}: missing" if value is None else f"{key}: expected text")
        return ""
    return value.strip()


def _list(data: Mapping[str, Any], key: str, problems: list[str]) -> list[str]:
    value = data.get(key)
    if value is None:
        problems.append(f"{key}: missing")
        return []
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(item, str) and item.strip() for item in value)
    ):
        problems.append(f"{key}: expected a non-empty list of text")
        return []
    return [item.strip() for item in value]


def _levels(
    data: Mapping[str, Any], key: str, problems: list[str]
) -> dict[ReadingLevel, tuple[str, ...]]:
    raw = data.get(key)
    if not isinstance(raw, dict):
        what = "missing" if raw is None else "expected basic/standard/detailed"
        problems.append(f"{key}: {what}")
        return {}
    found: list[str] = []
    levels = {level: tuple(_list(raw, level.value, found)) for level in ReadingLevel}
    problems += [f"{key}.{problem}" for problem in found]
    return levels
