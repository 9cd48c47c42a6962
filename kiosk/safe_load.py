"""Read JSON and YAML files with limits, so a hostile file cannot hang or crash. Qt-free.

Plain ``json.loads`` and ``yaml.load`` trust their input: deep nesting gives a
RecursionError, a 5,001-digit number a ValueError from ``int``, a YAML alias
bomb ("billion laughs") takes all memory, and a recursive alias recurses
forever. These readers refuse such files *before* building anything, with
one :class:`SafeLoadError` that names the file, the line when known and the
reason.

- file size: checked on the bytes read (never more than the limit plus one
  byte is read);
- nesting depth: counted on the raw JSON text or the YAML event stream;
- number size: counted on the digits of every number before it is converted;
- YAML anchors and aliases: refused outright (content has no use for them,
  and they are what makes alias bombs and recursive documents possible).

Thread-safe: no shared state. PyYAML is imported only when YAML is read, so
reading settings and counters at start-up never imports it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

JSON_MAX_BYTES = 64 * 1024
YAML_MAX_BYTES = 2 * 1024 * 1024
JSON_MAX_DEPTH = 20
YAML_MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 30

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_DIGIT = re.compile(r"[0-9]")


class SafeLoadError(ValueError):
    """A file refused by a limit or unparseable; ``str()`` is one line for people.

    ``name`` is the file (or "text"), ``line`` and ``column`` are 1-based or
    None when unknown, ``reason`` says what is wrong in plain words.
    """

    def __init__(
        self, name: str, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        where = name if line is None else f"{name}: line {line}"
        super().__init__(f"{where}: {reason}")
        self.name = name
        self.reason = reason
        self.line = line
        self.column = column


def read_bytes_limited(path: Path, max_bytes: int, name: str | None = None) -> bytes:
    """The file's bytes; SafeLoadError if it holds more than ``max_bytes``.

    OSError (missing file, permission denied, ...) is raised as is, so callers
    can tell "not there" from "refused".
    """
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SafeLoadError(name or str(path), f"file is larger than {_size(max_bytes)}")
    return data


class LongNumber:
    """Stands in for a number with too many digits (``refuse_long_numbers=False``).

    Lets a caller refuse just that value (one bad setting) and keep the rest.
    A plain class: the settings are read before the first paint, where a
    dataclass costs about half a millisecond to make.
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"LongNumber(digits={self.digits})"

    def __str__(self) -> str:
        return f"a number with {self.digits} digits"


def read_json_limited(
    path: Path,
    max_bytes: int = JSON_MAX_BYTES,
    max_depth: int = JSON_MAX_DEPTH,
    max_number_digits: int = MAX_NUMBER_DIGITS,
    name: str | None = None,
    refuse_long_numbers: bool = True,
) -> Any:
    """Parse a JSON file within the limits; SafeLoadError if it breaks one or is not JSON.

    With ``refuse_long_numbers=False`` a number with too many digits becomes
    a :class:`LongNumber` instead of refusing the whole file. OSError from
    opening or reading the file is raised as is.
    """
    label = name or str(path)
    data = read_bytes_limited(Path(path), max_bytes, label)
    return parse_json_limited(data, label, max_depth, max_number_digits, refuse_long_numbers)


def parse_json_limited(
    data: bytes | str,
    name: str = "text",
    max_depth: int = JSON_MAX_DEPTH,
    max_number_digits: int = MAX_NUMBER_DIGITS,
    refuse_long_numbers: bool = True,
) -> Any:
    """Parse JSON text within the depth and number limits (size is the caller's)."""
    text = _decode(data, name) if isinstance(data, bytes) else data
    _check_json_depth(text, name, max_depth)

    def number(kind: type[int] | type[float]) -> Any:
        def convert(token: str) -> int | float | LongNumber:
            digits = len(_DIGIT.findall(token))
            if digits > max_number_digits:
                if not refuse_long_numbers:
                    return LongNumber(digits)
                raise _NumberTooLong(digits)
            return kind(token)

        return convert

    def constant(token: str) -> Any:
        raise json.JSONDecodeError(f"{token} is not allowed", text, 0)

    try:
        return json.loads(
            text, parse_int=number(int), parse_float=number(float), parse_constant=constant
        )
    except _NumberTooLong as exc:
        reason = f"a number has {exc.digits} digits (at most {max_number_digits} allowed)"
        raise SafeLoadError(name, reason) from None
    except json.JSONDecodeError as exc:
        raise SafeLoadError(name, f"not valid JSON ({exc.msg})", exc.lineno, exc.colno) from None
    except (ValueError, RecursionError) as exc:  # belt and braces: limits above come first
        raise SafeLoadError(name, f"not valid JSON ({exc})") from None


class _NumberTooLong(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _check_json_depth(text: str, name: str, max_depth: int) -> None:
    # A scan of brackets outside strings: linear, no recursion, done before
    # json.loads (whose C scanner recurses once per level).
    depth = 0
    line = 1
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                reason = f"nested more than {max_depth} levels deep"
                raise SafeLoadError(name, reason, line)
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line += 1


def set_aside(path: Path, now: Callable[[], dt.datetime] | None = None) -> Path:
    """Rename a damaged file to ``NAME.damaged-YYYYMMDDTHHMMSS`` beside it; return the new path.

    A second file set aside in the same second gets ``-2``, ``-3``, ... so
    nothing is overwritten. ``now`` is the clock (default: local time).
    Raises OSError if the rename fails.
    """
    if now is None:
        import datetime  # here: the settings are read before the first paint

        now = datetime.datetime.now
    stamp = now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 2
    while os.path.lexists(aside):
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
        number += 1
    os.replace(path, aside)
    return aside


def read_yaml_limited(
    source: Path | str,
    max_bytes: int = YAML_MAX_BYTES,
    max_depth: int = YAML_MAX_DEPTH,
    max_number_digits: int = MAX_NUMBER_DIGITS,
    name: str | None = None,
) -> Any:
    """Parse YAML from a file (a Path) or from text (a str) within the limits.

    Refuses, with SafeLoadError naming the file and line: more than
    ``max_bytes``, text that is not UTF-8, nesting deeper than ``max_depth``,
    a number with more than ``max_number_digits`` digits, any anchor or alias,
    and YAML syntax errors. Checks run on the event stream, before any object
    is built. OSError from reading a file is raised as is.
    """
    if isinstance(source, Path):
        label = name or str(source)
        text = _decode(read_bytes_limited(source, max_bytes, label), label)
    else:
        label = name or "text"
        if len(source) > max_bytes or len(source.encode("utf-8", "replace")) > max_bytes:
            raise SafeLoadError(label, f"text is larger than {_size(max_bytes)}")
        text = source

    import yaml  # only here: the kiosk's start-up path reads no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _check_yaml_events(
            yaml, yaml.parse(text, Loader=loader), label, max_depth, max_number_digits
        )
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise SafeLoadError(label, f"YAML syntax error: {reason}", line, column) from None
    except SafeLoadError:
        raise
    except (ValueError, RecursionError) as exc:  # belt and braces: limits above come first
        raise SafeLoadError(label, f"cannot be read as YAML ({exc})") from None


def _check_yaml_events(
    yaml: Any, events: Any, name: str, max_depth: int, max_number_digits: int
) -> None:
    resolver = yaml.resolver.Resolver()
    start = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    depth = 0
    for event in events:
        line, column = _mark(event)
        if isinstance(event, yaml.AliasEvent):
            raise SafeLoadError(
                name, f"YAML aliases are not allowed (*{event.anchor})", line, column
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise SafeLoadError(name, f"YAML anchors are not allowed (&{anchor})", line, column)
        if isinstance(event, start):
            depth += 1
            if depth > max_depth:
                reason = f"nested more than {max_depth} levels deep"
                raise SafeLoadError(name, reason, line, column)
        elif isinstance(event, end):
            depth -= 1
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > max_number_digits:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag in (_INT_TAG, _FLOAT_TAG):
                digits = len(_DIGIT.findall(event.value))
                if digits > max_number_digits:
                    reason = f"a number has {digits} digits (at most {max_number_digits} allowed)"
                    raise SafeLoadError(name, reason, line, column)


def _mark(event: Any) -> tuple[int | None, int | None]:
    mark = getattr(event, "start_mark", None)
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SafeLoadError(name, f"not UTF-8 text (byte {exc.start})") from None


def _size(limit: int) -> str:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"
