"""The approved texts, kept flat beside the record, and a readable diff against them.

``review-snapshot.json`` holds every text of the counted files as they were
approved, one entry per place, e.g. ``en/twitching.yaml`` →
``sections[what_is].levels.basic`` → the text. Lists of entries with an
``id`` are keyed by it, so a moved section reads as moved, not as every
section changed. The snapshot is only for showing what changed; the digest
in the record is what binds the approval to the files.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.review import FORMAT, SNAPSHOT_FILE, pack_files
from kiosk.safe_load import SafeLoadError, read_json_limited, read_yaml_limited

SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024
Texts = dict[str, dict[str, str]]  # file -> place -> text


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``(place, text)`` for every scalar in a parsed YAML document."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from flatten(child, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            ident = child.get("id") if isinstance(child, dict) else None
            label = str(ident) if isinstance(ident, str | int) else str(index)
            yield from flatten(child, f"{prefix}[{label}]")
    elif value is not None:
        yield prefix, value if isinstance(value, str) else json.dumps(value, default=str)


def pack_texts(content_dir: Path, language: str) -> Texts:
    """Every text of ``language``'s counted files; a file that will not parse is kept raw."""
    out: Texts = {}
    for name, path in pack_files(content_dir, language):
        try:
            data = read_yaml_limited(path, name=name)
            out[name] = dict(flatten(data))
        except (OSError, SafeLoadError):
            out[name] = {"(whole file)": path.read_text(encoding="utf-8", errors="replace")}
    return out


def snapshot_path(content_dir: Path, language: str) -> Path:
    """Where ``language``'s approved texts are kept."""
    return content_dir / language / SNAPSHOT_FILE


def snapshot_text(language: str, digest: str, texts: Texts) -> str:
    """The snapshot file's text."""
    data = {"format": FORMAT, "language": language, "content_digest": digest, "texts": texts}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def read_snapshot(content_dir: Path, language: str, digest: str) -> Texts | None:
    """The approved texts if the snapshot is there and belongs to the approval ``digest``."""
    try:
        data = read_json_limited(
            snapshot_path(content_dir, language),
            max_bytes=SNAPSHOT_MAX_BYTES,
            max_depth=6,
            name=SNAPSHOT_FILE,
        )
    except (OSError, SafeLoadError):
        return None
    if not isinstance(data, dict) or data.get("content_digest") != digest:
        return None
    texts = data.get("texts")
    if not isinstance(texts, dict):
        return None
    out: Texts = {}
    for name, places in texts.items():
        if not isinstance(places, dict):
            return None
        out[str(name)] = {str(k): str(v) for k, v in places.items()}
    return out


def diff_lines(
    old: Texts | None, new: Texts, changed_files: Sequence[str] = (), width: int = 100
) -> list[str]:
    """A readable diff, file by file and place by place (everything when ``old`` is None).

    ``changed_files`` are the files whose bytes changed: one whose texts are
    all the same is still named, so no change goes unshown.

    Changed words are marked ``[-old-]{+new+}`` within the sentence; an added
    text starts with ``+``, a removed one with ``-``.
    """
    lines: list[str] = []
    for name in sorted(set(new) | set(old or {})):
        before: Mapping[str, str] = (old or {}).get(name, {})
        after = new.get(name, {})
        entries: list[str] = []
        for place in _ordered(before, after):
            if place not in before:
                entries += _block("+", place, after[place], width)
            elif place not in after:
                entries += _block("-", place, before[place], width)
            elif before[place] != after[place]:
                entries += _block("~", place, word_diff(before[place], after[place]), width)
        if entries:
            lines.append(name)
            lines += entries
        elif old is not None and name in changed_files:
            lines += [name, "  (changed outside the texts: comments, spacing or layout only)"]
    return lines


def _ordered(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    places = list(after)
    places += [p for p in before if p not in after]
    return places


def _block(mark: str, place: str, text: str, width: int) -> list[str]:
    import textwrap

    out = [f"  {mark} {place}"]
    for paragraph in text.splitlines() or [""]:
        out += textwrap.wrap(paragraph, width, initial_indent="      ", subsequent_indent="      ")
    return out


_WORDS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> str:
    """``new`` with the words that changed from ``old`` marked ``[-old-]{+new+}``."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(a[i1:i2]))
            continue
        gone_raw, came_raw = "".join(a[i1:i2]), "".join(b[j1:j2])
        gone, came = gone_raw.strip(), came_raw.strip()
        if not gone and not came:  # only spacing changed
            out.append(came_raw)
            continue
        if gone_raw[:1].isspace() or came_raw[:1].isspace():
            out.append(" ")
        if gone:
            out.append(f"[-{gone}-]")
        if came:
            out.append(f"{{+{came}+}}")
        if gone_raw[-1:].isspace() or came_raw[-1:].isspace():
            out.append(" ")
    return "".join(out)


def count_texts(texts: Texts) -> int:
    """How many texts a snapshot holds."""
    return sum(len(places) for places in texts.values())
