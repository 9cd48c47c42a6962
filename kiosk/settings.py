"""Clinic settings: load, validate, save atomically. Qt-free.

One JSON file, ``settings.json``, in the user config folder (or in
``$KIOSK_CONFIG_DIR``). A missing file means defaults; a damaged file never
stops the kiosk: the bad parts fall back to defaults and a plain warning says
which.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from kiosk.content.ids import ReadingLevel
from kiosk.folders import config_dir
from kiosk.safe_load import SafeLoadError, read_json_limited, set_aside

log = logging.getLogger(__name__)

CONFIG_DIR_ENV = "KIOSK_CONFIG_DIR"
SETTINGS_FILE = "settings.json"


class SettingsError(Exception):
    """A setting that cannot be parsed or saved; the message is for people."""


def is_pin_hash(value: str) -> bool:
    """:func:`kiosk.staff_pin.is_pin_hash`, imported only when there is a hash
    to check (not at a start without one)."""
    from kiosk import staff_pin

    return staff_pin.is_pin_hash(value)


class Paper(StrEnum):
    """Handout paper size."""

    LETTER = "letter"
    A4 = "a4"


@dataclass(frozen=True)
class Settings:
    """Everything a clinic can set. Built only with valid values.

    - ``printer``: printer name; "" means the system default printer.
    - ``printer_label``: what staff call the printer, for messages such as
      "collect it from the printer at the front desk"; "" for none.
    - ``two_sided``: print on both sides of the paper when the printer can.
    - ``emergency_number``: digits only, 2 to 6 (911, 999, 112, ...).
    - ``idle_seconds``: no touch for this long shows the "still there?"
      warning, which counts down ``idle_warning_seconds`` before the kiosk
      resets to the start.
    - ``emergency_hold_seconds``: an emergency result stays on screen at least
      this long; an idle reset does not clear it sooner.
    - ``pin_hash``: the staff PIN's hash from :mod:`kiosk.staff_pin`, or ""
      for no PIN. Never the PIN itself.
    - ``require_approved_content``: a full-screen kiosk refuses content that
      no clinician approved, or that changed since (docs/content-review.md).
    """

    printer: str = ""
    printer_label: str = ""
    two_sided: bool = True
    paper: Paper = Paper.LETTER
    clinic_name: str = ""
    clinic_phone: str = ""
    emergency_number: str = "911"
    default_language: str = "en"
    default_level: ReadingLevel = ReadingLevel.BASIC
    idle_seconds: int = 90
    idle_warning_seconds: int = 30
    emergency_hold_seconds: int = 300
    fullscreen: bool = False
    hide_cursor: bool = False
    # Kept out of repr so the hash never lands in a log line by accident.
    pin_hash: str = field(default="", repr=False)
    require_approved_content: bool = False

    def __post_init__(self) -> None:
        # Normalise (e.g. "a4" -> Paper.A4) and refuse anything not allowed,
        # so a Settings object in hand is always valid.
        for name, rule in _RULES.items():
            object.__setattr__(self, name, rule.check(name, getattr(self, name)))


# --- one rule per field: what is allowed, from JSON, from text, to JSON ---


class _Rule:
    allowed: str = ""

    def check(self, name: str, value: object) -> Any:
        """Return the value in its field type or raise SettingsError."""
        raise NotImplementedError

    def parse(self, name: str, text: str) -> Any:
        """Parse text typed by a person (CLI, staff screen)."""
        return self.check(name, text.strip())

    def dump(self, value: Any) -> Any:
        """The JSON form."""
        return value

    def fail(self, name: str) -> SettingsError:
        return SettingsError(f"{name} must be {self.allowed}")


class _Choice(_Rule):
    def __init__(self, enum: type[Enum]) -> None:
        self.enum = enum
        self.allowed = "one of " + ", ".join(str(m.value) for m in enum)

    def check(self, name: str, value: object) -> Any:
        if isinstance(value, str):
            try:
                return self.enum(value.lower())
            except ValueError:
                pass
        raise self.fail(name)

    def dump(self, value: Any) -> Any:
        return value.value


class _Int(_Rule):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.allowed = f"a whole number of seconds from {low} to {high}"

    def check(self, name: str, value: object) -> Any:
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.low <= value <= self.high
        ):
            return value
        raise self.fail(name)

    def parse(self, name: str, text: str) -> Any:
        text = text.strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,9}", text):
            raise self.fail(name)
        return self.check(name, int(text))


class _Bool(_Rule):
    allowed = "true or false"
    _WORDS: ClassVar[dict[str, bool]] = {
        **dict.fromkeys(("true", "yes", "on", "1"), True),
        **dict.fromkeys(("false", "no", "off", "0"), False),
    }

    def check(self, name: str, value: object) -> Any:
        if isinstance(value, bool):
            return value
        raise self.fail(name)

    def parse(self, name: str, text: str) -> Any:
        word = text.strip().lower()
        if word not in self._WORDS:
            raise self.fail(name)
        return self._WORDS[word]


class _Text(_Rule):
    """Free text on one line, with an optional pattern it must match in full."""

    def __init__(self, max_len: int, allowed: str, pattern: str | None = None) -> None:
        self.max_len = max_len
        self.allowed = allowed
        self.pattern = pattern or None  # compiled when first needed, not at every start

    def check(self, name: str, value: object) -> Any:
        if not isinstance(value, str) or len(value) > self.max_len:
            raise self.fail(name)
        if any(not ch.isprintable() for ch in value):
            raise self.fail(name)
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise self.fail(name)
        return value


class _PinHash(_Rule):
    allowed = "a hash made by `kiosk settings set-pin`, or empty"

    def check(self, name: str, value: object) -> Any:
        if isinstance(value, str) and (value == "" or is_pin_hash(value)):
            return value
        raise self.fail(name)

    def parse(self, name: str, text: str) -> Any:
        raise SettingsError(
            f"{name} cannot be set directly; use `kiosk settings set-pin` "
            "or the staff screen to set the PIN"
        )


_RULES: dict[str, _Rule] = {
    "printer": _Text(200, "a printer name on one line (empty = system default)"),
    "printer_label": _Text(
        80,
        "at most 80 characters on one line, such as: the printer at the front desk (or empty)",
    ),
    "two_sided": _Bool(),
    "paper": _Choice(Paper),
    "clinic_name": _Text(80, "text on one line, at most 80 characters"),
    "clinic_phone": _Text(
        40,
        "a phone number of at most 40 characters (digits, spaces, + - ( ) . / and ext), or empty",
        r"|[0-9 +()./-]*[0-9][0-9 +()./-]*(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?",
    ),
    "emergency_number": _Text(6, "2 to 6 digits, such as 911, 999 or 112", r"[0-9]{2,6}"),
    "default_language": _Text(
        12, "a language code such as en or es", r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?"
    ),
    "default_level": _Choice(ReadingLevel),
    "idle_seconds": _Int(5, 3600),
    "idle_warning_seconds": _Int(5, 600),
    "emergency_hold_seconds": _Int(5, 3600),
    "fullscreen": _Bool(),
    "hide_cursor": _Bool(),
    "pin_hash": _PinHash(),
    "require_approved_content": _Bool(),
}

#: Every setting, in file order.
SETTING_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Settings))
#: Settings a person can type a value for (everything but the PIN hash).
EDITABLE_KEYS: tuple[str, ...] = tuple(k for k in SETTING_KEYS if k != "pin_hash")

assert set(SETTING_KEYS) == set(_RULES), "every Settings field needs a rule"


def allowed_values(key: str) -> str:
    """A plain description of what ``key`` accepts, e.g. "one of letter, a4"."""
    return _rule(key).allowed


def display_value(settings: Settings, key: str) -> str:
    """The value of ``key`` as text, as ``with_value`` would accept it.

    The PIN hash is never shown: it reads "set" or "not set".
    """
    _rule(key)
    value = getattr(settings, key)
    if key == "pin_hash":
        return "set" if value else "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def with_value(settings: Settings, key: str, text: str) -> Settings:
    """A copy of ``settings`` with ``key`` parsed from ``text``.

    Raises :class:`SettingsError` for an unknown key (the message lists the
    valid ones), for ``pin_hash`` (use :func:`with_pin`) or for a value that
    is not allowed (the message says what is).
    """
    value = _rule(key).parse(key, text)
    return dataclasses.replace(settings, **{key: value})


def with_pin(settings: Settings, pin: str | None) -> Settings:
    """A copy with a new staff PIN (stored only as a hash); None removes it.

    Raises :class:`kiosk.staff_pin.PinError` if the PIN is not 4 to 8 digits.
    """
    from kiosk.staff_pin import hash_pin

    return dataclasses.replace(settings, pin_hash="" if pin is None else hash_pin(pin))


def _rule(key: str) -> _Rule:
    try:
        return _RULES[key]
    except KeyError:
        valid = ", ".join(EDITABLE_KEYS)
        raise SettingsError(f"unknown setting {key!r} (valid settings: {valid})") from None


# --- files ---


def settings_path() -> Path:
    """Where the settings file lives: ``$KIOSK_CONFIG_DIR`` or the user config folder."""
    folder = os.environ.get(CONFIG_DIR_ENV) or config_dir()
    return Path(folder) / SETTINGS_FILE


class LoadedSettings(NamedTuple):
    """Settings as loaded, plus a warning for staff if the file was damaged.

    ``moved_to`` is where a file that could not be used at all was moved.
    (A named tuple: it is made before the first paint, where a dataclass's
    generated methods cost about half a millisecond to compile.)
    """

    settings: Settings
    warning: str | None = None
    moved_to: Path | None = None


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file; never raises.

    A missing file gives the defaults and no warning. A file that cannot be
    used at all (unreadable, not JSON, too big, nested too deep, not a set
    of named settings) gives all defaults and is moved aside as
    ``settings.json.damaged-YYYYMMDDTHHMMSS`` so nothing is lost and the
    next save starts clean. Wrong types, values that are not allowed (a
    5,001-digit number among them) and unknown keys give defaults for just
    those fields. Either way ``warning`` says what happened in plain words
    and the same line is logged.
    """
    path = settings_path() if path is None else path
    try:
        return _load(path)
    except Exception as exc:  # start-up must never stop on the settings file
        log.exception("Settings file %s could not be loaded", path)
        return _damaged(f"Settings file {path} could not be loaded ({exc}); using defaults")


def _load(path: Path) -> LoadedSettings:
    try:
        data = read_json_limited(path, name=str(path), refuse_long_numbers=False)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:
        return _unusable(path, f"it could not be read: {exc.strerror or exc}")
    except SafeLoadError as exc:
        where = f"line {exc.line}: " if exc.line else ""
        return _unusable(path, where + exc.reason)
    if not isinstance(data, dict):
        return _unusable(path, "it does not hold a set of named settings")
    values: dict[str, Any] = {}
    problems: list[str] = []
    bad_keys: list[str] = []
    for key, raw in data.items():
        rule = _RULES.get(key)
        if rule is None:
            problems.append(f"unknown setting {key[:40]!r} ignored")
            continue
        try:
            values[key] = rule.check(key, raw)
        except SettingsError as exc:
            problems.append(str(exc))
            bad_keys.append(key)
    settings = Settings(**values)
    if not problems:
        return LoadedSettings(settings)
    message = f"Settings file {path} was damaged ({'; '.join(problems)})"
    if bad_keys:
        message += f"; using defaults for: {', '.join(bad_keys)}"
    return _damaged(message, settings)


def _unusable(path: Path, reason: str) -> LoadedSettings:
    try:
        aside = set_aside(path)
    except OSError as exc:
        kept = f"it could not be moved aside ({exc.strerror or exc})"
        return _damaged(
            f"Settings file {path} was damaged ({reason}); {kept}; using defaults for all settings"
        )
    return _damaged(
        f"Settings file {path} was damaged ({reason}); it was kept as {aside.name}; "
        "using defaults for all settings",
        moved_to=aside,
    )


def _damaged(
    message: str, settings: Settings | None = None, moved_to: Path | None = None
) -> LoadedSettings:
    log.warning("%s", message)
    return LoadedSettings(settings or Settings(), message, moved_to)


def settings_to_json(settings: Settings) -> str:
    """The file text for ``settings`` (every key, in field order)."""
    data = {key: _RULES[key].dump(getattr(settings, key)) for key in SETTING_KEYS}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file atomically and return its path.

    Creates the folder if needed. On failure raises :class:`SettingsError`
    with a plain message; the old file is left as it was and no temporary file
    is left behind.
    """
    path = settings_path() if path is None else path
    try:
        write_text_atomically(path, settings_to_json(settings))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SettingsError(f"could not save settings to {path}: {reason}") from exc
    return path


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so readers see the old or the new file, never half.

    A temp file in the same folder is written, flushed to disk, then renamed
    over ``path``. Raises OSError; the temp file is removed on any failure.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when saving: not part of the kiosk's start-up

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible on Windows.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
