"""Load the YAML content into frozen models, refusing anything broken.

Every problem names the file, the key path and what is wrong, for example
``content/en/twitching.yaml: sections[2].levels.basic: missing``. All the
problems found are reported at once, so an editor can fix them in one pass.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.errors import ContentError
from kiosk.content.models import (
    Checklist,
    ContentPack,
    LanguagePack,
    Question,
    ReadingLevel,
    Section,
    Source,
    Tier,
    TierText,
    Topic,
)
from kiosk.resources import CONTENT_DIR, ROOT
from kiosk.safe_load import SafeLoadError, read_yaml_limited

__all__ = ["ContentError", "load_content"]

TOPIC_FILE = "twitching.yaml"
CHECKLIST_FILE = "checklist.yaml"
UI_FILE = "ui.yaml"
SOURCES_FILE = "sources.yaml"
LANGUAGES_FILE = "languages.yaml"

# libyaml's safe loader when PyYAML has it: the same data ~8x faster than the
# pure-Python one, which was a third of the kiosk's start-up (docs/performance.md).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def display_path(path: Path) -> str:
    """A short path for messages: relative to the working folder or the repo."""
    resolved = path.resolve()
    for base in (Path.cwd().resolve(), ROOT):
        if resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return path.as_posix()


_UNREADABLE = object()


class _Doc:
    """Reads values out of one parsed file, recording problems by key path."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.name = display_path(path)
        self.problems = problems

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{self.name}: {where}: {what}" if where else f"{self.name}: {what}")

    def load(self) -> Any:
        """Parse the file; ``_UNREADABLE`` (with a problem recorded) if it cannot be."""
        try:
            # Size, depth, number and no-alias limits (kiosk/safe_load.py).
            return read_yaml_limited(self.path, name=self.name)
        except FileNotFoundError:
            self.problem("", "file is missing")
            return _UNREADABLE
        except OSError as exc:
            self.problem("", f"cannot be read ({exc})")
            return _UNREADABLE
        except SafeLoadError as exc:
            where = f"line {exc.line}" if exc.line else ""
            where += f" column {exc.column}" if exc.line and exc.column else ""
            self.problem(where, exc.reason)
            return _UNREADABLE

    def root(self) -> Mapping[str, Any] | None:
        """The file's top-level mapping, or None when it is unusable."""
        data = self.load()
        if data is _UNREADABLE:
            return None
        if data is None:
            self.problem("", "file is empty")
            return None
        return self.mapping(data, "(top level)")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any] | None:
        if value is None:
            self.problem(where, "missing")
            return None
        if not isinstance(value, dict):
            self.problem(where, f"expected a mapping, got {_kind(value)}")
            return None
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            self.problem(where, "missing")
            return []
        if not isinstance(value, list):
            self.problem(where, f"expected a list, got {_kind(value)}")
            return []
        if not value:
            self.problem(where, "empty")
        return value

    def text(self, parent: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
        path = f"{where}.{key}" if where else key
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(path, "missing")
            return ""
        if not isinstance(value, str):
            self.problem(path, f"expected text, got {_kind(value)}")
            return ""
        if not value.strip():
            self.problem(path, "empty text")
            return ""
        return value.strip()

    def levels(self, parent: Mapping[str, Any], key: str, where: str) -> dict[ReadingLevel, str]:
        path = f"{where}.{key}"
        raw = self.mapping(parent.get(key), path)
        if raw is None:
            return {}
        for extra in sorted(set(map(str, raw)) - {level.value for level in ReadingLevel}):
            self.problem(f"{path}.{extra}", "unknown reading level")
        return {level: self.text(raw, level.value, path) for level in ReadingLevel}

    def unique_id(self, entry: Mapping[str, Any], where: str, seen: set[str]) -> str:
        ident = self.text(entry, "id", where)
        if ident and ident in seen:
            self.problem(f"{where}.id", f"duplicate id {ident!r}")
        seen.add(ident)
        return ident


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def load_content(content_dir: Path | None = None) -> ContentPack:
    """Load and validate every language under ``content_dir``.

    Raises ContentError listing every problem found.
    """
    root = Path(content_dir) if content_dir is not None else CONTENT_DIR
    problems: list[str] = []
    if not root.is_dir():
        raise ContentError([f"{display_path(root)}: content folder not found"])
    sources = _load_sources(_Doc(root / SOURCES_FILE, problems))
    codes = _load_language_list(_Doc(root / LANGUAGES_FILE, problems))
    packs: dict[str, LanguagePack] = {}
    for code, name in codes.items():
        folder = root / code
        topic = _load_topic(_Doc(folder / TOPIC_FILE, problems), code, sources)
        checklist = _load_checklist(_Doc(folder / CHECKLIST_FILE, problems))
        ui = _load_ui(_Doc(folder / UI_FILE, problems))
        if topic is not None and checklist is not None:
            packs[code] = LanguagePack(code, name, topic, checklist, ui)
    if not problems:
        _check_languages_agree(packs, root, problems)
    if problems:
        raise ContentError(problems)
    return ContentPack(sources=sources, languages=packs)


def _load_language_list(doc: _Doc) -> dict[str, str]:
    data = doc.root()
    if data is None:
        return {}
    langs: dict[str, str] = {}
    entries = doc.items(data.get("languages"), "languages")
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        where = f"languages[{i}]"
        item = doc.mapping(entry, where)
        if item is None:
            continue
        code = doc.unique_id(item, where, seen)
        name = doc.text(item, "name", where)
        if code:
            langs[code] = name
    return langs


def _load_sources(doc: _Doc) -> dict[str, Source]:
    root = doc.root()
    if root is None:
        return {}
    sources: dict[str, Source] = {}
    seen: set[str] = set()
    for i, entry in enumerate(doc.items(root.get("sources"), "sources")):
        where = f"sources[{i}]"
        item = doc.mapping(entry, where)
        if item is None:
            continue
        ident = doc.unique_id(item, where, seen)
        source = Source(
            id=ident,
            title=doc.text(item, "title", where),
            publisher=doc.text(item, "publisher", where),
            url=doc.text(item, "url", where, required=False),
        )
        if ident:
            sources[ident] = source
    return sources


def _load_topic(doc: _Doc, code: str, sources: Mapping[str, Source]) -> Topic | None:
    root = doc.root()
    if root is None:
        return None
    language = doc.text(root, "language", "")
    if language and language != code:
        doc.problem("language", f"says {language!r} but the file is in the {code!r} folder")
    reviewed = root.get("reviewed")
    if isinstance(reviewed, str):
        with contextlib.suppress(ValueError):
            reviewed = dt.date.fromisoformat(reviewed)
    if not isinstance(reviewed, dt.date):
        doc.problem("reviewed", "missing" if reviewed is None else "expected a date (YYYY-MM-DD)")
        reviewed = dt.date.min
    version = root.get("version")
    if not isinstance(version, str | int | float) or isinstance(version, bool):
        doc.problem(
            "version", "missing" if version is None else f"expected text, got {_kind(version)}"
        )
    sections: list[Section] = []
    seen: set[str] = set()
    for i, entry in enumerate(doc.items(root.get("sections"), "sections")):
        where = f"sections[{i}]"
        item = doc.mapping(entry, where)
        if item is None:
            continue
        ident = doc.unique_id(item, where, seen)
        cited = _source_ids(doc, item, where, sources)
        sections.append(
            Section(
                id=ident,
                title=doc.text(item, "title", where),
                sources=cited,
                levels=doc.levels(item, "levels", where),
            )
        )
    return Topic(
        id=doc.text(root, "id", ""),
        language=code,
        title=doc.text(root, "title", ""),
        subtitle=doc.text(root, "subtitle", ""),
        version=str(version),
        reviewed=reviewed,
        sections=tuple(sections),
    )


def _source_ids(
    doc: _Doc, item: Mapping[str, Any], where: str, sources: Mapping[str, Source]
) -> tuple[str, ...]:
    ids: list[str] = []
    for j, ref in enumerate(doc.items(item.get("sources"), f"{where}.sources")):
        if not isinstance(ref, str):
            doc.problem(f"{where}.sources[{j}]", f"expected a source id, got {_kind(ref)}")
        elif sources and ref not in sources:
            doc.problem(f"{where}.sources[{j}]", f"unknown source id {ref!r}")
        else:
            ids.append(ref)
    return tuple(ids)


def _load_checklist(doc: _Doc) -> Checklist | None:
    root = doc.root()
    if root is None:
        return None
    questions: list[Question] = []
    seen: set[str] = set()
    for i, entry in enumerate(doc.items(root.get("questions"), "questions")):
        where = f"questions[{i}]"
        item = doc.mapping(entry, where)
        if item is None:
            continue
        ident = doc.unique_id(item, where, seen)
        tier = _tier(doc, item.get("tier"), f"{where}.tier")
        hint = doc.levels(item, "hint", where) if "hint" in item else {}
        questions.append(Question(ident, tier, doc.levels(item, "text", where), hint))
    results: dict[Tier, TierText] = {}
    raw_results = doc.mapping(root.get("results"), "results")
    if raw_results is not None:
        for key in raw_results:
            if key not in {t.value for t in Tier}:
                doc.problem(f"results.{key}", "unknown tier")
        for tier in Tier:
            where = f"results.{tier.value}"
            item = doc.mapping(raw_results.get(tier.value), where)
            if item is None:
                continue
            results[tier] = TierText(
                tier=tier,
                title=doc.text(item, "title", where),
                message=doc.text(item, "message", where),
                action=doc.text(item, "action", where),
                come_back=doc.text(item, "come_back", where, required=False),
            )
    return Checklist(questions=tuple(questions), results=results)


def _tier(doc: _Doc, value: Any, where: str) -> Tier:
    try:
        return Tier(value)
    except ValueError:
        valid = ", ".join(t.value for t in Tier)
        doc.problem(where, "missing" if value is None else f"unknown tier {value!r} (use {valid})")
        return Tier.SELF_CARE


def _load_ui(doc: _Doc) -> dict[str, str]:
    root = doc.root()
    if root is None:
        return {}
    strings: dict[str, str] = {}
    _flatten(doc, root, "", strings)
    return strings


def _flatten(doc: _Doc, node: Mapping[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            _flatten(doc, value, path, out)
        elif isinstance(value, str) and value.strip():
            out[path] = value.strip()
        elif isinstance(value, str):
            doc.problem(path, "empty text")
        else:
            doc.problem(path, f"expected text, got {_kind(value)}")


def _check_languages_agree(
    packs: Mapping[str, LanguagePack], root: Path, problems: list[str]
) -> None:
    """Every language must have the same sections, questions, tiers and UI keys."""
    if len(packs) < 2:
        return
    first_code, first = next(iter(packs.items()))
    for code, pack in packs.items():
        if code == first_code:
            continue
        where = display_path(root / code)
        mine = [s.id for s in pack.topic.sections]
        theirs = [s.id for s in first.topic.sections]
        if mine != theirs:
            problems.append(
                f"{where}/{TOPIC_FILE}: sections: ids {mine} differ from {first_code}'s {theirs}"
            )
        mine_q = [(q.id, q.tier) for q in pack.checklist.questions]
        theirs_q = [(q.id, q.tier) for q in first.checklist.questions]
        if mine_q != theirs_q:
            problems.append(
                f"{where}/{CHECKLIST_FILE}: questions: ids and tiers differ from {first_code}'s"
            )
        missing = sorted(set(first.ui) - set(pack.ui))
        extra = sorted(set(pack.ui) - set(first.ui))
        if missing:
            problems.append(
                f"{where}/{UI_FILE}: missing keys that {first_code} has: {', '.join(missing)}"
            )
        if extra:
            problems.append(f"{where}/{UI_FILE}: keys that {first_code} lacks: {', '.join(extra)}")
