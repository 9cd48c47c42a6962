"""Signed content packs: make, verify, install beside the current one, switch, roll back. Qt-free.

A pack is a zip file::

    pack.json    {"format": 1, "app": "twitch-kiosk", "version": "1.0.1",
                  "files": {"content/en/twitching.yaml": "<sha256>", ...}}
    pack.sig     the Ed25519 signature of pack.json's exact bytes, base64
    content/...  the content folder, every file listed in pack.json

``install`` checks the signature against the public keys IT placed in the
system folder (``keys/*.pub``: one base64 line, the raw 32-byte key; see
:func:`kiosk.system_settings.system_dir`), then every file's digest, refuses
extra or missing files and unsafe paths, loads the content to be sure it is
valid, and only then moves it into ``packs/`` beside the current pack and
switches the ``current`` pointer (one atomic rename). ``rollback`` switches
back to the previous pack. The installed packs live in ``$KIOSK_PACKS_DIR``
or ``packs/`` in the kiosk's data folder; :mod:`kiosk.resources` reads the
pointer at start-up. The cryptography package is imported only here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk import APP_ID
from kiosk.pack_pointer import CURRENT, PREVIOUS, packs_dir
from kiosk.pack_pointer import read_pointer as _pointer

MANIFEST = "pack.json"
SIGNATURE = "pack.sig"
FORMAT = 1
MAX_FILES = 500
MAX_BYTES = 50 * 1024 * 1024  # the content is ~100 KB; a pack 500 times that is not one


class PackError(Exception):
    """A pack that cannot be made, trusted or installed; the message is for people."""


# --- keys -----------------------------------------------------------------------


def generate_key(out: Path) -> tuple[Path, Path]:
    """Write a new signing key ``OUT.key`` (private, mode 600) and ``OUT.pub``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private = out.with_suffix(".key")
    public = out.with_suffix(".pub")
    if private.exists():
        raise PackError(f"{private} exists; not overwriting a signing key")
    private.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public.write_text(base64.b64encode(raw).decode("ascii") + "\n", encoding="ascii")
    return private, public


def _private_key(path: Path) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise PackError(f"cannot read the signing key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path} is not an Ed25519 key")
    return key


def trusted_keys(folder: Path) -> list[tuple[str, Any]]:
    """``(file name, public key)`` for every readable ``*.pub`` in ``folder``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    keys = []
    for path in sorted(folder.glob("*.pub")):
        try:
            raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
            keys.append((path.name, Ed25519PublicKey.from_public_bytes(raw)))
        except (OSError, ValueError, UnicodeDecodeError):
            continue  # a damaged key file trusts nothing
    return keys


def keys_dir() -> Path:
    """The public keys IT trusts: ``keys/`` in the system settings folder."""
    from kiosk.system_settings import system_dir

    return system_dir() / "keys"


# --- making ---------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_pack(content_dir: Path, key_path: Path, out: Path, version: str) -> Path:
    """Sign the content folder into a pack at ``out``; the content must load first."""
    from kiosk.content import ContentError, load_content

    try:
        load_content(content_dir)
    except ContentError as exc:
        raise PackError(f"the content in {content_dir} does not load:\n{exc}") from exc
    key = _private_key(key_path)
    files = {
        f"content/{path.relative_to(content_dir).as_posix()}": path
        for path in sorted(content_dir.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    manifest = {
        "format": FORMAT,
        "app": APP_ID,
        "version": version,
        "files": {name: _digest(path.read_bytes()) for name, path in files.items()},
    }
    manifest_bytes = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8")
    signature = base64.b64encode(key.sign(manifest_bytes)) + b"\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, signature)
        for name, path in files.items():
            archive.write(path, name)
    os.replace(partial, out)
    return out


# --- checking -------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedPack:
    """A pack whose signature and files checked out."""

    version: str
    key_name: str
    digest: str  # sha256 of pack.json: names the installed folder
    files: dict[str, bytes]


def verify_pack(path: Path, keys: Iterable[tuple[str, Any]]) -> VerifiedPack:
    """Check a pack's signature and every file; raises PackError saying what is wrong."""
    from cryptography.exceptions import InvalidSignature

    keys = list(keys)
    if not keys:
        raise PackError(
            "no trusted public keys: place the signer's .pub file in the system folder's keys/"
        )
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackError(f"{path} is not a content pack ({exc})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_FILES + 2 or sum(i.file_size for i in infos) > MAX_BYTES:
            raise PackError(f"{path} is too large to be a content pack")
        names = {info.filename for info in infos}
        if MANIFEST not in names or SIGNATURE not in names:
            raise PackError(f"{path} is not signed (no {MANIFEST} and {SIGNATURE})")
        manifest_bytes = archive.read(MANIFEST)
        try:
            signature = base64.b64decode(archive.read(SIGNATURE).strip(), validate=True)
        except ValueError as exc:
            raise PackError(f"{path}: the signature is damaged") from exc
        signer = None
        for name, key in keys:
            try:
                key.verify(signature, manifest_bytes)
            except InvalidSignature:
                continue
            signer = name
            break
        if signer is None:
            raise PackError(f"{path} is not signed by a trusted key; nothing was installed")
        manifest = json.loads(manifest_bytes)
        if manifest.get("format") != FORMAT or manifest.get("app") != APP_ID:
            raise PackError(f"{path}: not a {APP_ID} content pack of format {FORMAT}")
        listed: dict[str, str] = manifest["files"]
        for name in listed:
            pure = PurePosixPath(name)
            if pure.is_absolute() or ".." in pure.parts or pure.parts[0] != "content":
                raise PackError(f"{path}: unsafe file name {name!r}")
        present = names - {MANIFEST, SIGNATURE}
        present = {n for n in present if not n.endswith("/")}
        if present != set(listed):
            extra = sorted(present - set(listed))
            missing = sorted(set(listed) - present)
            raise PackError(f"{path} was changed after signing (extra {extra}, missing {missing})")
        files = {}
        for name, digest in listed.items():
            data = archive.read(name)
            if _digest(data) != digest:
                raise PackError(f"{path} was changed after signing: {name}")
            files[name] = data
    return VerifiedPack(str(manifest["version"]), signer, _digest(manifest_bytes), files)


# --- installing -----------------------------------------------------------------


def _write_pointer(path: Path, name: str) -> None:
    from kiosk.settings import write_text_atomically

    write_text_atomically(path, name + "\n")


def install_pack(path: Path, keys: Iterable[tuple[str, Any]], root: Path | None = None) -> str:
    """Verify, unpack beside the current pack, check it loads, switch; returns its folder name.

    Until the final switch nothing the kiosk reads has changed, so any refusal
    leaves the current content as it was.
    """
    from kiosk.content import ContentError, load_content

    root = packs_dir() if root is None else root
    pack = verify_pack(path, keys)
    name = f"{_safe(pack.version)}-{pack.digest[:12]}"
    root.mkdir(parents=True, exist_ok=True)
    target = root / name
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
        try:
            for member, data in pack.files.items():
                dest = staging.joinpath(*PurePosixPath(member).parts)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
            try:
                load_content(staging / "content")
            except ContentError as exc:
                raise PackError(f"{path}: the content does not load:\n{exc}") from exc
            os.replace(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    current = _pointer(root / CURRENT)
    if current and current != name:
        _write_pointer(root / PREVIOUS, current)
    _write_pointer(root / CURRENT, name)
    return name


def rollback(root: Path | None = None) -> str:
    """Switch back to the previous pack (and remember the one left); returns its name."""
    root = packs_dir() if root is None else root
    previous = _pointer(root / PREVIOUS)
    if previous is None or not (root / previous / "content").is_dir():
        raise PackError("there is no previous content pack to go back to")
    current = _pointer(root / CURRENT)
    _write_pointer(root / CURRENT, previous)
    if current:
        _write_pointer(root / PREVIOUS, current)
    return previous


def _safe(version: str) -> str:
    return "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in version)[:40] or "pack"
