"""``kiosk settings show|set|set-pin|path``: clinic settings from a terminal."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.settings import (
    EDITABLE_KEYS,
    SettingsError,
    display_value,
    load_settings,
    save_settings,
    settings_path,
    with_pin,
    with_value,
)
from kiosk.staff_pin import PinError, hash_pin, validate_pin


def register(sub: Any) -> None:
    """Add the ``settings`` command and its actions."""
    parser = sub.add_parser("settings", help="show or change the clinic settings")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    show = actions.add_parser("show", help="print every setting and the file it comes from")
    show.set_defaults(func=run_show)

    set_ = actions.add_parser(
        "set",
        help="change one setting",
        description=f"Change one setting. Settings: {', '.join(EDITABLE_KEYS)}.",
    )
    set_.add_argument("key", metavar="KEY", help="setting name, e.g. paper")
    set_.add_argument("value", metavar="VALUE", help='new value, e.g. a4 (use "" for empty)')
    set_.set_defaults(func=run_set)

    pin = actions.add_parser("set-pin", help="set the staff PIN (4 to 8 digits)")
    pin.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the PIN from one line of standard input (for scripts)",
    )
    pin.add_argument(
        "--hash",
        action="store_true",
        help="print the PIN's hash for the system settings file instead of saving it",
    )
    pin.set_defaults(func=run_set_pin)

    path = actions.add_parser("path", help="print where the settings file lives")
    path.set_defaults(func=run_path)


def _error(action: str, message: str) -> None:
    print(f"kiosk settings {action}: {message}", file=sys.stderr)


def run_show(args: argparse.Namespace) -> int:
    """Print ``key = value`` lines; the PIN only as set / not set."""
    path = settings_path()
    loaded = load_settings(path)
    note = "" if path.exists() else " (not created yet: these are the defaults)"
    print(f"# settings file: {path}{note}")
    if loaded.warning:
        print(f"warning: {loaded.warning}", file=sys.stderr)
    for key in EDITABLE_KEYS:
        print(f"{key} = {display_value(loaded.settings, key)}")
    print(f"pin = {display_value(loaded.settings, 'pin_hash')}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    """Validate and save one setting; exit 2 if not allowed, 1 if not saved."""
    path = settings_path()
    loaded = load_settings(path)
    try:
        settings = with_value(loaded.settings, args.key, args.value)
    except SettingsError as exc:
        _error("set", str(exc))
        return 2
    if loaded.warning:
        print(f"warning: {loaded.warning}", file=sys.stderr)
    try:
        save_settings(settings, path)
    except SettingsError as exc:
        _error("set", str(exc))
        return 1
    print(f"{args.key} = {display_value(settings, args.key)} (saved to {path})")
    return 0


def _read_pin(from_stdin: bool) -> str:
    """The PIN typed twice on a terminal, or one line of stdin; raises PinError."""
    if from_stdin:
        return sys.stdin.readline().strip()
    if not sys.stdin.isatty():
        raise PinError("standard input is not a terminal; use --pin-stdin to pipe the PIN in")
    first = getpass.getpass("New staff PIN (4 to 8 digits): ")
    validate_pin(first)
    if getpass.getpass("Type it again: ") != first:
        raise PinError("the two PINs did not match; nothing was changed")
    return first


def run_set_pin(args: argparse.Namespace) -> int:
    """Ask for a PIN and store only its salted hash."""
    try:
        pin = validate_pin(_read_pin(args.pin_stdin))
    except PinError as exc:
        _error("set-pin", str(exc))
        return 2
    except EOFError:
        _error("set-pin", "no PIN was given; nothing was changed")
        return 2
    if args.hash:  # for "pin_hash" in the system file (kiosk/system_settings.py)
        print(hash_pin(pin))
        return 0
    path = settings_path()
    loaded = load_settings(path)
    if loaded.warning:
        print(f"warning: {loaded.warning}", file=sys.stderr)
    try:
        save_settings(with_pin(loaded.settings, pin), path)
    except SettingsError as exc:
        _error("set-pin", str(exc))
        return 1
    print(f"Staff PIN set (saved to {path}).")
    return 0


def run_path(args: argparse.Namespace) -> int:
    """Print the settings file's path."""
    print(settings_path())
    return 0
