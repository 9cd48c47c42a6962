"""``kiosk content keygen|pack|install|rollback``: signed content packs (kiosk/content_packs.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register_actions(actions: Any) -> None:
    """Add the pack actions to the ``content`` command's sub-parsers."""
    keygen = actions.add_parser(
        "keygen", help="make an Ed25519 signing key pair (NAME.key, NAME.pub)"
    )
    keygen.add_argument("-o", "--out", type=Path, required=True, metavar="NAME")
    keygen.set_defaults(func=run_keygen)

    pack = actions.add_parser("pack", help="sign the content folder into a versioned pack")
    pack.add_argument("-o", "--out", type=Path, required=True, metavar="FILE")
    pack.add_argument("--key", type=Path, required=True, metavar="NAME.key", help="signing key")
    pack.add_argument("--version", help="pack version (default: the content's version)")
    pack.add_argument(
        "--content", type=Path, metavar="DIR", help="content folder (default: the shipped one)"
    )
    pack.set_defaults(func=run_pack)

    install = actions.add_parser(
        "install", help="verify a signed pack against the trusted keys and switch to it"
    )
    install.add_argument("file", type=Path, metavar="FILE")
    install.set_defaults(func=run_install)

    back = actions.add_parser("rollback", help="switch back to the previous content pack")
    back.set_defaults(func=run_rollback)


def _fail(action: str, message: str, code: int = 1) -> int:
    print(f"kiosk content {action}: {message}", file=sys.stderr)
    return code


def run_keygen(args: argparse.Namespace) -> int:
    """Write a new key pair; the .pub goes to the kiosks, the .key stays with the authors."""
    from kiosk.content_packs import PackError, generate_key

    try:
        private, public = generate_key(args.out)
    except PackError as exc:
        return _fail("keygen", str(exc))
    print(f"signing key: {private} (keep it secret)\npublic key: {public} (copy to the kiosks)")
    return 0


def run_pack(args: argparse.Namespace) -> int:
    """Sign the content into a pack file."""
    from kiosk.content import ContentError, load_content
    from kiosk.content_packs import PackError, make_pack
    from kiosk.resources import SHIPPED_CONTENT_DIR

    content = args.content or SHIPPED_CONTENT_DIR
    version = args.version
    if version is None:
        try:
            pack = load_content(content)
        except ContentError as exc:
            return _fail("pack", f"the content does not load:\n{exc}")
        version = max(language.topic.version for language in pack.languages.values())
    try:
        out = make_pack(content, args.key, args.out, version)
    except PackError as exc:
        return _fail("pack", str(exc))
    print(f"content pack {version} written to {out}")
    return 0


def run_install(args: argparse.Namespace) -> int:
    """Install a pack; on any doubt refuse and keep the current content."""
    from kiosk.content_packs import PackError, install_pack, keys_dir, trusted_keys

    folder = keys_dir()
    try:
        name = install_pack(args.file, trusted_keys(folder) if folder.is_dir() else [])
    except PackError as exc:
        return _fail("install", f"{exc}\nThe current content is unchanged.")
    print(f"content pack {name} installed and switched to; restart the kiosk to show it")
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    """Go back to the pack before the current one."""
    from kiosk.content_packs import PackError, rollback

    try:
        name = rollback()
    except PackError as exc:
        return _fail("rollback", str(exc))
    print(f"content pack {name} is current again; restart the kiosk to show it")
    return 0
