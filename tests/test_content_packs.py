"""Signed content packs: make, verify, install, switch, roll back (issue 19, item 6)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content_packs import (
    PackError,
    generate_key,
    install_pack,
    make_pack,
    rollback,
    trusted_keys,
    verify_pack,
)
from kiosk.pack_pointer import active_content_dir
from kiosk.resources import SHIPPED_CONTENT_DIR


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """A signing key, and the folder of trusted public keys holding its .pub."""
    private, public = generate_key(tmp_path / "authors" / "signing")
    trusted = tmp_path / "system" / "keys"
    trusted.mkdir(parents=True)
    shutil.copy(public, trusted)
    return private, trusted


def _content(tmp_path: Path, version: str) -> Path:
    folder = tmp_path / f"content-{version}"
    shutil.copytree(SHIPPED_CONTENT_DIR, folder)
    english = folder / "en" / "twitching.yaml"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace('version: "1.0.0"', f'version: "{version}"'), "utf-8")
    return folder


def _rewrite(pack: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a pack, replacing (bytes) or dropping (None) some members."""
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in change:
                data = change.pop(info.filename)
                if data is not None:
                    target.writestr(info.filename, data)
            else:
                target.writestr(info.filename, source.read(info.filename))
        for name, data in change.items():
            if data is not None:
                target.writestr(name, data)
    return out


def test_a_signed_pack_installs_beside_the_current_one_and_rolls_back(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    private, trusted = keys
    root = tmp_path / "packs"
    first = make_pack(_content(tmp_path, "1.0.1"), private, tmp_path / "p1.zip", "1.0.1")
    second = make_pack(_content(tmp_path, "1.0.2"), private, tmp_path / "p2.zip", "1.0.2")
    assert active_content_dir(root) is None
    one = install_pack(first, trusted_keys(trusted), root)
    assert active_content_dir(root) == root / one / "content"
    two = install_pack(second, trusted_keys(trusted), root)
    assert one.startswith("1.0.1-") and two.startswith("1.0.2-")
    assert 'version: "1.0.2"' in (root / two / "content/en/twitching.yaml").read_text("utf-8")
    assert (root / one).is_dir()  # the previous pack stays beside it
    assert rollback(root) == one
    assert active_content_dir(root) == root / one / "content"
    assert rollback(root) == two  # and forward again
    assert not list(root.glob(".installing-*"))


def test_a_tampered_pack_is_refused_and_the_current_content_stays(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    private, trusted = keys
    root = tmp_path / "packs"
    good = make_pack(_content(tmp_path, "1.0.1"), private, tmp_path / "good.zip", "1.0.1")
    current = install_pack(good, trusted_keys(trusted), root)
    name = "content/en/twitching.yaml"
    with zipfile.ZipFile(good) as archive:
        edited = archive.read(name).replace(b"twitch", b"twatch", 1)
    cases = {
        "edited file": {name: edited},
        "extra file": {"content/en/extra.yaml": b"x: 1\n"},
        "missing file": {name: None},
        "unsigned": {"pack.sig": None},
        "edited manifest": {"pack.json": b'{"format": 1}'},
    }
    for label, change in cases.items():
        bad = _rewrite(good, tmp_path / f"{label}.zip", dict(change))
        with pytest.raises(PackError):
            install_pack(bad, trusted_keys(trusted), root)
        assert active_content_dir(root) == root / current / "content", label


def test_a_pack_signed_by_an_unknown_key_or_with_no_keys_is_refused(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    _private, trusted = keys
    other, _ = generate_key(tmp_path / "someone-else")
    pack = make_pack(_content(tmp_path, "1.0.1"), other, tmp_path / "p.zip", "1.0.1")
    with pytest.raises(PackError, match="not signed by a trusted key"):
        verify_pack(pack, trusted_keys(trusted))
    with pytest.raises(PackError, match="no trusted public keys"):
        verify_pack(pack, [])


def test_unsafe_names_and_content_that_does_not_load_are_refused(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    private, trusted = keys
    broken = _content(tmp_path, "1.0.1")
    (broken / "en" / "twitching.yaml").write_text("title: [\n", encoding="utf-8")
    with pytest.raises(PackError, match="does not load"):
        make_pack(broken, private, tmp_path / "broken.zip", "1.0.1")
    assert not (tmp_path / "broken.zip").exists()
    # A pack whose manifest (signed) names a path outside content/.
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    manifest = json.dumps(
        {"format": 1, "app": "twitch-kiosk", "version": "x", "files": {"../evil": "0" * 64}}
    ).encode()
    import base64

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("pack.json", manifest)
        archive.writestr("pack.sig", base64.b64encode(key.sign(manifest)))
        archive.writestr("../evil", b"x")
    with pytest.raises(PackError, match="unsafe file name"):
        install_pack(evil, trusted_keys(trusted), tmp_path / "packs")
    assert not (tmp_path / "evil").exists()


def test_rollback_without_a_previous_pack_says_so(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no previous"):
        rollback(tmp_path / "packs")


def test_the_cli_installs_and_refuses_with_a_clear_message(
    tmp_path: Path,
    keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    private, trusted = keys
    monkeypatch.setenv("KIOSK_SYSTEM_DIR", str(trusted.parent))
    monkeypatch.setenv("KIOSK_PACKS_DIR", str(tmp_path / "packs"))
    pack = tmp_path / "pack.zip"
    assert main(["content", "pack", "--key", str(private), "-o", str(pack)]) == 0
    assert main(["content", "install", str(pack)]) == 0
    assert "installed" in capsys.readouterr().out
    unsigned = _rewrite(pack, tmp_path / "unsigned.zip", {"pack.sig": None})
    assert main(["content", "install", str(unsigned)]) == 1
    err = capsys.readouterr().err
    assert "is not signed" in err and "current content is unchanged" in err
    assert main(["content", "rollback"]) == 1
    assert "no previous" in capsys.readouterr().err
