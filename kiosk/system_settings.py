"""The system-wide settings file that IT owns, over the kiosk user's own file. Qt-free.

``settings.json`` in the system folder (Linux ``/etc/twitch-kiosk``, Windows
``%ProgramData%\\twitch-kiosk``, macOS ``/Library/Application
Support/twitch-kiosk``; ``$KIOSK_SYSTEM_DIR`` for tests) holds the same
settings as the user's file, plus ``allow_local``, the settings the user's
file (the staff screen, ``kiosk settings set``) may still change::

    {
      "clinic_name": "North Clinic",
      "emergency_number": "112",
      "pin_hash": "<printed by kiosk settings set-pin --hash>",
      "allow_local": ["printer", "paper"]
    }

A setting in the system file wins over the user's file unless it is listed in
``allow_local``; a setting the system file leaves out is the user's. The file
is written by configuration management (Ansible, Intune), so the same
playbook gives the same kiosk every run. A bad system file never stops the
kiosk: each bad entry is skipped, the rest applies, and the problem is logged
and shown on the staff screen (the warning of :class:`LoadedSettings`).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from kiosk import APP_ID
from kiosk.safe_load import parse_json_limited
from kiosk.settings import (
    SETTING_KEYS,
    LoadedSettings,
    Settings,
    SettingsError,
    is_pin_hash,
    load_settings,
    settings_path,
    with_value,
)

log = logging.getLogger(__name__)

SYSTEM_DIR_ENV = "KIOSK_SYSTEM_DIR"
SYSTEM_FILE = "settings.json"
ALLOW_LOCAL = "allow_local"
MAX_BYTES = 64 * 1024  # a settings file is a few hundred bytes; more is not one


def system_dir() -> Path:
    """The system-wide settings folder of this platform."""
    override = os.environ.get(SYSTEM_DIR_ENV, "").strip()
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData") / APP_ID
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_ID
    return Path("/etc") / APP_ID


def system_settings_path() -> Path:
    """The system settings file (it need not exist)."""
    return system_dir() / SYSTEM_FILE


class SystemSettings(NamedTuple):
    """The valid entries of the system file, what it lets the user change, its problems.

    (A named tuple: it is read before the first paint, where a dataclass's
    generated methods cost about half a millisecond to compile.)
    """

    values: dict[str, Any]
    allow_local: frozenset[str]
    problems: tuple[str, ...] = ()

    def locked(self) -> frozenset[str]:
        """Settings the user's file cannot change."""
        return frozenset(self.values) - self.allow_local


def read_system_settings(path: Path | None = None) -> SystemSettings:
    """Parse the system file; never raises. A missing file is an empty one."""
    path = system_settings_path() if path is None else path
    try:
        if path.stat().st_size > MAX_BYTES:
            return SystemSettings({}, frozenset(), (f"{path} is larger than {MAX_BYTES} bytes",))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SystemSettings({}, frozenset())
    except (OSError, UnicodeDecodeError) as exc:
        return SystemSettings({}, frozenset(), (f"{path} could not be read ({exc})",))
    try:
        data = parse_json_limited(text, name=str(path))  # depth and number limits
    except json.JSONDecodeError as exc:
        return SystemSettings({}, frozenset(), (f"{path}: line {exc.lineno}: {exc.msg}",))
    except (ValueError, RecursionError) as exc:  # SafeLoadError: too deep, huge number
        return SystemSettings({}, frozenset(), (f"{path} cannot be used ({exc})",))
    if not isinstance(data, dict):
        return SystemSettings({}, frozenset(), (f"{path} does not hold named settings",))
    problems: list[str] = []
    allow = data.pop(ALLOW_LOCAL, [])
    if not isinstance(allow, list) or not all(isinstance(key, str) for key in allow):
        problems.append(f"{ALLOW_LOCAL} must be a list of setting names; ignored")
        allow = []
    for key in allow:
        if key not in SETTING_KEYS:
            problems.append(f"{ALLOW_LOCAL}: unknown setting {key!r}")
    values: dict[str, Any] = {}
    for key, raw in data.items():
        try:
            values[key] = check_value(key, raw)
        except SettingsError as exc:
            problems.append(f"{exc}; skipped")
    return SystemSettings(values, frozenset(k for k in allow if k in SETTING_KEYS), tuple(problems))


def check_value(key: str, raw: object) -> Any:
    """``raw`` (from JSON) as the value of setting ``key``, by the user file's rules."""
    if key not in SETTING_KEYS:
        raise SettingsError(f"unknown setting {key!r}")
    default = getattr(Settings(), key)
    if key == "pin_hash":
        if isinstance(raw, str) and (raw == "" or is_pin_hash(raw)):
            return raw
        raise SettingsError("pin_hash must be a hash printed by `kiosk settings set-pin --hash`")
    # JSON types first, so "true" (a string) is not taken for a switch, nor 5 for a name.
    expected: type = bool if isinstance(default, bool) else type(default)
    if isinstance(default, (Enum, str)):
        expected = str
    if isinstance(raw, bool) != (expected is bool) or not isinstance(raw, expected):
        raise SettingsError(f"{key}: expected {expected.__name__}, not {type(raw).__name__}")
    text = ("true" if raw else "false") if isinstance(raw, bool) else str(raw)
    return getattr(with_value(Settings(), key, text), key)


def _local_keys(path: Path) -> set[str]:
    """The settings the user's file names (so a default is not taken for a choice)."""
    try:
        data = parse_json_limited(path.read_text(encoding="utf-8"), name=str(path))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return set()
    return set(data) if isinstance(data, dict) else set()


def merge(local: Settings, local_keys: set[str], system: SystemSettings) -> Settings:
    """The settings in force: the system file's, except where it allows the user's."""
    chosen = {
        key: value
        for key, value in system.values.items()
        if key not in system.allow_local or key not in local_keys
    }
    return dataclasses.replace(local, **chosen)


def load_effective_settings(
    local_path: Path | None = None, system_path: Path | None = None
) -> LoadedSettings:
    """The user's settings with the system file over them; never raises.

    The warning joins the user file's and the system file's problems, so the
    staff screen's banner shows both; the system file's are logged here.
    """
    local_path = settings_path() if local_path is None else local_path
    system_path = system_settings_path() if system_path is None else system_path
    loaded = load_settings(local_path)
    system = read_system_settings(system_path)
    warnings = [loaded.warning] if loaded.warning else []
    if system.problems:
        message = f"System settings file {system_path}: {'; '.join(system.problems)}"
        log.warning("%s", message)
        warnings.append(message + " (the other system settings apply)")
    settings = merge(loaded.settings, _local_keys(local_path), system)
    return LoadedSettings(settings, " | ".join(warnings) if warnings else None)
