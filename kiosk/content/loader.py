"""Load the YAML content into frozen models, refusing anything broken.

Every problem names the file, the key path and what is wrong, for example
``content/en/twitching.yaml: sections[2].levels.basic: missing``. All the
problems found are reported at once, so an editor can fix them in one pass.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.errors import ContentError
from kiosk.content.models import (
    Checklist,
    ContentPack,
    GetHelpNow,
    LanguagePack,
    Question,
    ReadingLevel,
    SafetySign,
    Section,
    Source,
    Tier,
    TierText,
    Topic,
)
from kiosk.content.teach_back_loader import (
    TEACH_BACK_FILE,
    check_teach_back_agrees,
    load_teach_back,
)
from kiosk.content.ui_keys import check_ui_strings
from kiosk.resources import CONTENT_DIR, ROOT
from kiosk.safe_load import SafeLoadError, read_yaml_limited
from kiosk.triage import SIGN_IDS, SIGN_TIERS

if TYPE_CHECKING:
    from kiosk.handout.text import HandoutText

__all__ = ["ContentError", "load_content"]

TOPIC_FILE = "twitching.yaml"
CHECKLIST_FILE = "checklist.yaml"
UI_FILE = "ui.yaml"
SOURCES_FILE = "sources.yaml"
LANGUAGES_FILE = "languages.yaml"
HANDOUT_FILE = "handout.yaml"  # the handout's own wording (kiosk/handout/text.py)


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
        """Parse the file; ``_UNREADABLE`` (with a problem recorded) if it cannot be.

        Every text in it must be plain: markup is refused where it stands.
        """
        try:
            # Size, depth, number and no-alias limits (kiosk/safe_load.py).
            data = read_yaml_limited(self.path, name=self.name)
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
        for where, found in find_markup(data):
            self.problem(where, f"markup {found!r} is not allowed: {PLAIN_TEXT_RULE}")
        return data

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

    def entries(self, value: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any], str]]:
        """Each mapping in the list ``value``: its key path, it, and its unique ``id``."""
        return self.each(self.items(value, where), where)

    def each(self, items: list[Any], where: str) -> Iterator[tuple[str, Mapping[str, Any], str]]:
        """Each mapping in ``items`` (the list at ``where``), as ``entries``.

        An item that is not a mapping is a problem and skipped; a repeated id
        is a problem, and its item is still given.
        """
        seen: set[str] = set()
        for i, entry in enumerate(items):
            at = f"{where}[{i}]"
            item = self.mapping(entry, at)
            if item is not None:
                yield at, item, self.unique_id(item, at, seen)

    def flag(self, parent: Mapping[str, Any], key: str, where: str) -> bool:
        """``parent[key]``, true or false; false when it is absent or not a truth value."""
        value = parent.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{where}.{key}", "expected true or false")
            return False
        return value

    def unique_id(self, entry: Mapping[str, Any], where: str, seen: set[str]) -> str:
        ident = self.text(entry, "id", where)
        if ident and ident in seen:
            self.problem(f"{where}.id", f"duplicate id {ident!r}")
        seen.add(ident)
        return ident


# Content is plain text everywhere (screens, the read-aloud and the handout):
# the screens draw it as plain text and the handout escapes it, so a tag would
# show as typed. The check refuses it rather than let it show.
PLAIN_TEXT_RULE = "content is plain text (README: Editing the content)"
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>"  # <b>, </i>, <br/>, <a href=..>
    r"|<!--"  # a comment
    r"|&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]+);"  # &amp; &#8212;
)


def find_markup(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(key path, the markup) for each text in ``data`` holding a tag or an entity.

    Recursive: the reader's depth limit (32) bounds it.
    """
    if isinstance(data, str):
        match = _MARKUP.search(data)
        if match:
            yield where, match.group(0)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find_markup(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from find_markup(item, f"{where}[{index}]")


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
        checklist = _load_checklist(_Doc(folder / CHECKLIST_FILE, problems))
        help_now = checklist.help_now if checklist is not None else None
        topic = _load_topic(_Doc(folder / TOPIC_FILE, problems), code, sources, help_now)
        ui = _load_ui(_Doc(folder / UI_FILE, problems))
        teach_back = load_teach_back(_Doc(folder / TEACH_BACK_FILE, problems), sources)
        handout = _load_handout(_Doc(folder / HANDOUT_FILE, problems))
        if topic is not None and checklist is not None:
            packs[code] = LanguagePack(
                code, name, topic, checklist, ui, teach_back=teach_back, handout=handout
            )
    if not problems:
        _check_languages_agree(packs, root, problems)
        check_teach_back_agrees(packs, root, problems)
    if problems:
        raise ContentError(problems)
    return ContentPack(sources=sources, languages=packs)


def _load_language_list(doc: _Doc) -> dict[str, str]:
    data = doc.root()
    if data is None:
        return {}
    langs: dict[str, str] = {}
    for where, item, code in doc.entries(data.get("languages"), "languages"):
        name = doc.text(item, "name", where)
        if code:
            langs[code] = name
    return langs


def _load_sources(doc: _Doc) -> dict[str, Source]:
    root = doc.root()
    if root is None:
        return {}
    sources: dict[str, Source] = {}
    for where, item, ident in doc.entries(root.get("sources"), "sources"):
        source = Source(
            id=ident,
            title=doc.text(item, "title", where),
            publisher=doc.text(item, "publisher", where),
            url=doc.text(item, "url", where, required=False),
        )
        if ident:
            sources[ident] = source
    return sources


# A section whose body is the checklist's get-help-now list, so the explainer,
# the results and the handout can never drift apart.
FROM_HELP_NOW = "checklist.get_help_now"


def _load_topic(
    doc: _Doc, code: str, sources: Mapping[str, Source], help_now: GetHelpNow | None = None
) -> Topic | None:
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
    for where, item, ident in doc.entries(root.get("sections"), "sections"):
        cited, by_level = _section_sources(doc, item, where, sources)
        sections.append(
            Section(
                id=ident,
                title=doc.text(item, "title", where),
                sources=cited,
                levels=_section_levels(doc, item, where, help_now),
                level_sources=by_level,
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


def _section_levels(
    doc: _Doc, item: Mapping[str, Any], where: str, help_now: GetHelpNow | None
) -> dict[ReadingLevel, str]:
    source = item.get("levels_from")
    if source is None:
        return doc.levels(item, "levels", where)
    if source != FROM_HELP_NOW:
        doc.problem(f"{where}.levels_from", f"unknown {source!r} (use {FROM_HELP_NOW!r})")
        return {}
    if "levels" in item:
        doc.problem(f"{where}.levels", "give levels or levels_from, not both")
    if help_now is None:
        return {}  # the checklist's own problem is reported already
    return {level: help_now.text(level) for level in ReadingLevel if level in help_now.lead_in}


def _section_sources(
    doc: _Doc, item: Mapping[str, Any], where: str, sources: Mapping[str, Source]
) -> tuple[tuple[str, ...], dict[ReadingLevel, tuple[str, ...]]]:
    """``sources: [..]`` (every level) or ``sources: {basic: [..], ...}`` (per level).

    Returns every id cited (first use order) and, for the per-level form, each
    level's ids.
    """
    raw = item.get("sources")
    if not isinstance(raw, dict):
        return _source_ids(doc, raw, f"{where}.sources", sources), {}
    path = f"{where}.sources"
    for extra in sorted(set(map(str, raw)) - {level.value for level in ReadingLevel}):
        doc.problem(f"{path}.{extra}", "unknown reading level")
    by_level = {
        level: _source_ids(doc, raw.get(level.value), f"{path}.{level.value}", sources)
        for level in ReadingLevel
    }
    every = tuple(dict.fromkeys(ref for ids in by_level.values() for ref in ids))
    return every, by_level


def _source_ids(doc: _Doc, raw: Any, where: str, sources: Mapping[str, Source]) -> tuple[str, ...]:
    ids: list[str] = []
    for j, ref in enumerate(doc.items(raw, where)):
        if not isinstance(ref, str):
            doc.problem(f"{where}[{j}]", f"expected a source id, got {_kind(ref)}")
        elif sources and ref not in sources:
            doc.problem(f"{where}[{j}]", f"unknown source id {ref!r}")
        else:
            ids.append(ref)
    return tuple(ids)


def _load_checklist(doc: _Doc) -> Checklist | None:
    root = doc.root()
    if root is None:
        return None
    questions: list[Question] = []
    for where, item, ident in doc.entries(root.get("questions"), "questions"):
        tier = _sign_tier(doc, ident, item, where)
        hint = doc.levels(item, "hint", where) if "hint" in item else {}
        parts = _parts(doc, item, where) if "parts" in item else {}
        questions.append(Question(ident, tier, doc.levels(item, "text", where), hint, parts))
    _check_signs(doc, [q.id for q in questions if q.id])
    help_now = _load_help_now(doc, root.get("get_help_now"))
    results: dict[Tier, TierText] = {}
    raw_results = doc.mapping(root.get("results"), "results")
    if raw_results is not None:
        for key in raw_results:
            if key not in {t.value for t in Tier}:
                doc.problem(f"results.{key}", "unknown tier")
        for tier in Tier:
            where = f"results.{tier.value}"
            found = doc.mapping(raw_results.get(tier.value), where)
            if found is None:
                continue
            booking = tier in (Tier.TODAY, Tier.SOON, Tier.ROUTINE)
            results[tier] = TierText(
                tier=tier,
                title=doc.text(found, "title", where),
                message=doc.text(found, "message", where),
                action=doc.text(found, "action", where),
                come_back=doc.text(found, "come_back", where, required=False),
                how=doc.text(found, "how", where, required=booking),
                how_no_phone=doc.text(found, "how_no_phone", where, required=False),
                message_asked=doc.text(
                    found, "message_asked", where, required=tier is Tier.EMERGENCY
                ),
            )
    return Checklist(questions=tuple(questions), results=results, help_now=help_now)


def _sign_tier(doc: _Doc, ident: str, item: Mapping[str, Any], where: str) -> Tier:
    """The sign's tier from the code's §4 table; a ``tier:`` key must agree with it."""
    tier = SIGN_TIERS.get(ident, Tier.SELF_CARE)
    if "tier" in item:
        written = item.get("tier")
        if ident in SIGN_TIERS and written != tier.value:
            doc.problem(
                f"{where}.tier",
                f"sign {ident!r} says {written!r} but CONTENT_BRIEF §4 gives {tier.value!r} "
                "(the tier lives in kiosk/triage.py; leave tier out of the YAML)",
            )
    return tier


def _check_signs(doc: _Doc, ids: list[str]) -> None:
    """§4's signs, all of them, none other, in rule 3's asking order."""
    for index, ident in enumerate(ids):
        if ident not in SIGN_TIERS:
            doc.problem(
                f"questions[{index}].id",
                f"sign {ident!r} is not in CONTENT_BRIEF §4 (valid: {', '.join(SIGN_IDS)})",
            )
    for ident in SIGN_IDS:
        if ident not in ids:
            doc.problem("questions", f"sign {ident!r} of CONTENT_BRIEF §4 is missing")
    known = [ident for ident in ids if ident in SIGN_TIERS]
    expected = [ident for ident in SIGN_IDS if ident in known]
    if known != expected:
        for index, (mine, want) in enumerate(zip(known, expected, strict=True)):
            if mine != want:
                doc.problem(
                    "questions",
                    f"sign {mine!r} is asked where {want!r} belongs (question {index + 1}); "
                    f"rule 3's order is {', '.join(SIGN_IDS)}",
                )
                break


def _parts(doc: _Doc, item: Mapping[str, Any], where: str) -> dict[ReadingLevel, tuple[str, ...]]:
    path = f"{where}.parts"
    raw = doc.mapping(item.get("parts"), path)
    if raw is None:
        return {}
    for extra in sorted(set(map(str, raw)) - {level.value for level in ReadingLevel}):
        doc.problem(f"{path}.{extra}", "unknown reading level")
    parts: dict[ReadingLevel, tuple[str, ...]] = {}
    for level in ReadingLevel:
        entries = doc.items(raw.get(level.value), f"{path}.{level.value}")
        texts = []
        for j, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                doc.problem(f"{path}.{level.value}[{j}]", "expected text")
                continue
            texts.append(entry.strip())
        parts[level] = tuple(texts)
    return parts


def _load_help_now(doc: _Doc, value: Any) -> GetHelpNow | None:
    raw = doc.mapping(value, "get_help_now")
    if raw is None:
        return None
    where = "get_help_now"
    lead_in = doc.levels(raw, "lead_in", where)
    closing = doc.levels(raw, "closing", where)
    signs: dict[ReadingLevel, list[SafetySign]] = {level: [] for level in ReadingLevel}
    for at, item, ident in doc.entries(raw.get("signs"), f"{where}.signs"):
        picture = doc.text(item, "picture", at)
        for level, text in doc.levels(item, "text", at).items():
            signs[level].append(SafetySign(ident, picture, text))
    return GetHelpNow(
        lead_in=lead_in,
        signs={level: tuple(items) for level, items in signs.items()},
        closing=closing,
    )


def _load_handout(doc: _Doc) -> HandoutText | None:
    """``handout.yaml``: its keys and placeholders are the handout's (kiosk/handout/text.py)."""
    from kiosk.handout.text import read_handout_text

    root = doc.root()
    if root is None:
        return None
    text, found = read_handout_text(root)
    for problem in found:
        doc.problem("", problem)
    return text


def _load_ui(doc: _Doc) -> dict[str, str]:
    root = doc.root()
    if root is None:
        return {}
    strings: dict[str, str] = {}
    _flatten(doc, root, "", strings)
    check_ui_strings(strings, doc.problem)  # every key the screens ask for, placeholders
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


def against_the_first(
    packs: Mapping[str, LanguagePack],
) -> Iterator[tuple[str, LanguagePack, str, LanguagePack]]:
    """Each language but the first, with the first: (code, pack, first's code, first)."""
    if len(packs) < 2:
        return
    first_code, first = next(iter(packs.items()))
    for code, pack in packs.items():
        if code != first_code:
            yield code, pack, first_code, first


def _check_languages_agree(
    packs: Mapping[str, LanguagePack], root: Path, problems: list[str]
) -> None:
    """Every language must have the same sections, questions, tiers and UI keys."""
    for code, pack, first_code, first in against_the_first(packs):
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
        for level in ReadingLevel:
            mine_s = [(s.id, s.picture) for s in pack.checklist.get_help_now(level)]
            theirs_s = [(s.id, s.picture) for s in first.checklist.get_help_now(level)]
            if mine_s != theirs_s:
                problems.append(
                    f"{where}/{CHECKLIST_FILE}: get_help_now.signs: ids and pictures at "
                    f"{level.value} differ from {first_code}'s"
                )
                break
        missing = sorted(set(first.ui) - set(pack.ui))
        extra = sorted(set(pack.ui) - set(first.ui))
        if missing:
            problems.append(
                f"{where}/{UI_FILE}: missing keys that {first_code} has: {', '.join(missing)}"
            )
        if extra:
            problems.append(f"{where}/{UI_FILE}: keys that {first_code} lacks: {', '.join(extra)}")
