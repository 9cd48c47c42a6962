"""The kiosk's own folders: user config, data, cache and log.

On Linux these are the XDG folders, worked out here with platformdirs'
rules (``$XDG_CONFIG_HOME`` or ``~/.config``, and so on): importing
platformdirs was ~5 ms of the kiosk's start-up (docs/performance.md).
Elsewhere (Windows, macOS) platformdirs decides. Qt-free.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk import APP_ID

# kind -> (XDG variable, default under the home folder, sub-folder)
_XDG = {
    "config": ("XDG_CONFIG_HOME", ".config", ""),
    "data": ("XDG_DATA_HOME", ".local/share", ""),
    "cache": ("XDG_CACHE_HOME", ".cache", ""),
    "log": ("XDG_STATE_HOME", ".local/state", "log"),
}


def config_dir() -> Path:
    """Settings (``~/.config/twitch-kiosk`` on Linux)."""
    return _folder("config")


def data_dir() -> Path:
    """Daily counts (``~/.local/share/twitch-kiosk`` on Linux)."""
    return _folder("data")


def cache_dir() -> Path:
    """The checked copy of the content (``~/.cache/twitch-kiosk`` on Linux)."""
    return _folder("cache")


def log_dir() -> Path:
    """The log file (``~/.local/state/twitch-kiosk/log`` on Linux)."""
    return _folder("log")


def _folder(kind: str) -> Path:
    variable, default, sub = _XDG[kind]
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "").strip() or os.path.expanduser(f"~/{default}")
        return Path(base, APP_ID, sub) if sub else Path(base, APP_ID)
    import platformdirs

    find = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "log": platformdirs.user_log_dir,
    }[kind]
    return Path(find(APP_ID, appauthor=False))
