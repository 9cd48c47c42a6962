"""The start-up copy of the content: plain data, sealed, used only while it matches the YAML."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.content import ContentError, ContentPack, load_content
from kiosk.content import cache as content_cache
from kiosk.content.cache import (
    CACHE_FILE,
    SECRET_FILE,
    CacheRefused,
    content_key,
    load_content_cached,
    open_content_cached,
    read_copy,
)
from kiosk.content.models import Tier
from kiosk.resources import CONTENT_DIR
from kiosk.settings import settings_path


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def read_stored(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The copy's seal, and its header and models as one object (as written before)."""
    seal, _, body = path.read_bytes().partition(b"\n")
    header, _, pack = body.partition(b"\n")
    stored: dict[str, Any] = json.loads(header)
    stored["pack"] = json.loads(pack)
    return seal, stored


def stored_body(stored: dict[str, Any]) -> bytes:
    """What the seal covers: the header's line and the models' line."""
    header = {k: v for k, v in stored.items() if k != "pack"}
    return json.dumps(header).encode() + b"\n" + json.dumps(stored["pack"]).encode()


def reseal(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the copy and seal it with the real secret (a bug, not an attack)."""
    _, stored = read_stored(path)
    change(stored)
    body = stored_body(stored)
    secret = bytes.fromhex((settings_path().parent / SECRET_FILE).read_text().strip())
    path.write_bytes(content_cache._seal(secret, body) + b"\n" + body)


def nonsense_tier(stored: dict[str, Any]) -> None:
    stored["pack"]["languages"][0][1]["checklist"]["questions"][0]["tier"] = "nonsense"


def count_yaml_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each time the cache falls back to the YAML loader."""
    calls: list[Path] = []
    real = content_cache._load_yaml

    def spy(root: Path) -> ContentPack:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(content_cache, "_load_yaml", spy)
    return calls


def test_first_start_parses_then_the_copy_is_used(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = count_yaml_loads(monkeypatch)
    first = load_content_cached(content_copy, cache_dir)
    assert (cache_dir / CACHE_FILE).is_file()
    second = load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1
    assert second == first == load_content(content_copy)


def test_the_copy_is_plain_json_and_private(content_copy: Path, cache_dir: Path) -> None:
    load_content_cached(content_copy, cache_dir)
    path = cache_dir / CACHE_FILE
    seal, stored = read_stored(path)
    assert len(seal) == 64
    assert stored["key"] == content_key(content_copy)
    assert stored["format"] == content_cache.FORMAT
    assert set(stored["start"][0][1]) == {"name", "title", "subtitle", "ui"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secret = settings_path().parent / SECRET_FILE
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.parent != cache_dir, "the secret is not kept beside the copy"
    assert [p.name for p in cache_dir.iterdir()] == [CACHE_FILE], "no temp file is left"


def test_an_edit_keeping_size_and_mtime_is_read_again(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_content_cached(content_copy, cache_dir)
    path = content_copy / "en" / "ui.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    old = load_content(content_copy).language("en").ui["start.learn"]
    new = "".join(reversed(old)) if old != old[::-1] else old.upper()
    assert len(new.encode()) == len(old.encode())
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    loads = count_yaml_loads(monkeypatch)
    pack = load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1
    assert pack.language("en").ui["start.learn"] == new
    load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1, "the new copy is used from then on"


def test_an_added_file_makes_the_copy_stale(content_copy: Path) -> None:
    before = content_key(content_copy)
    (content_copy / "en" / "notes.txt").write_text("x", encoding="utf-8")
    assert content_key(content_copy) != before


def test_broken_content_still_raises_and_is_never_cached(
    content_copy: Path, cache_dir: Path
) -> None:
    load_content_cached(content_copy, cache_dir)
    path = content_copy / "en" / "checklist.yaml"
    path.write_text("questions: [", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content_cached(content_copy, cache_dir)
    assert any("checklist.yaml" in problem for problem in info.value.problems)
    with pytest.raises(ContentError):  # the old copy is not used instead
        load_content_cached(content_copy, cache_dir)


def forge(cache_dir: Path, content_copy: Path, change: object, seal: bytes | None = None) -> None:
    """Rewrite the copy's content with the right key, as someone without the secret would."""
    path = cache_dir / CACHE_FILE
    old_seal, stored = read_stored(path)
    change(stored["pack"])  # type: ignore[operator]
    assert stored["key"] == content_key(content_copy)
    new_body = stored_body(stored)
    path.write_bytes((seal if seal is not None else old_seal) + b"\n" + new_body)


def breathing_to_routine(pack: object) -> None:
    text = json.dumps(pack)
    assert '"tier": "emergency"' in text
    languages = dict(pack["languages"])  # type: ignore[index]
    for question in languages["en"]["checklist"]["questions"]:
        if question["id"] == "breathing":
            question["tier"] = "routine"
            return
    raise AssertionError("no breathing question")


def breathing_tier(pack: ContentPack) -> Tier:
    [question] = [q for q in pack.language("en").checklist.questions if q.id == "breathing"]
    return question.tier


def test_a_forged_copy_with_the_right_key_is_not_used(
    content_copy: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real = load_content_cached(content_copy, cache_dir)
    assert breathing_tier(real) is Tier.EMERGENCY
    forge(cache_dir, content_copy, breathing_to_routine)
    loads = count_yaml_loads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="kiosk.content.cache"):
        pack = load_content_cached(content_copy, cache_dir)
    assert breathing_tier(pack) is Tier.EMERGENCY
    assert len(loads) == 1
    assert any("refused" in r.message and "seal" in r.message for r in caplog.records)
    # ...and rebuilt: the next start uses a good copy again.
    assert breathing_tier(read_copy(cache_dir / CACHE_FILE, content_key(content_copy))) is (
        Tier.EMERGENCY
    )


def test_a_forged_copy_resealed_with_a_guessed_key_is_not_used(
    content_copy: Path, cache_dir: Path
) -> None:
    load_content_cached(content_copy, cache_dir)
    guessed = hashlib.sha256(b"").hexdigest().encode()
    forge(cache_dir, content_copy, breathing_to_routine, seal=guessed)
    assert breathing_tier(load_content_cached(content_copy, cache_dir)) is Tier.EMERGENCY


def test_a_sealed_copy_with_wrong_types_is_refused(content_copy: Path, cache_dir: Path) -> None:
    # Sealed with the real secret (a bug, not an attack): the type checks still refuse it.
    load_content_cached(content_copy, cache_dir)
    path = cache_dir / CACHE_FILE
    reseal(path, nonsense_tier)
    with pytest.raises(CacheRefused, match="not valid"):
        read_copy(path, content_key(content_copy))
    assert load_content_cached(content_copy, cache_dir) == load_content(content_copy)


class Marker:
    """A pickle that writes a file when loaded."""

    path = ""

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (Path(self.path), "ran"))  # type: ignore[return-value]


def test_a_malicious_pickle_in_the_cache_runs_nothing(
    content_copy: Path, cache_dir: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    Marker.path = str(marker)
    cache_dir.mkdir()
    evil = pickle.dumps(Marker())
    for name in (CACHE_FILE, "content.pickle"):
        (cache_dir / name).write_bytes(evil)
    assert load_content_cached(content_copy, cache_dir) == load_content(content_copy)
    assert not marker.exists()


@pytest.mark.parametrize(
    "damage",
    [b"", b"not json at all", b"\xff" * 100, b"0" * 64 + b"\n{}", b"\n" * 10],
)
def test_a_damaged_copy_is_replaced(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    load_content_cached(content_copy, cache_dir)
    (cache_dir / CACHE_FILE).write_bytes(damage)
    loads = count_yaml_loads(monkeypatch)
    assert load_content_cached(content_copy, cache_dir) == load_content(content_copy)
    assert len(loads) == 1
    assert read_copy(cache_dir / CACHE_FILE, content_key(content_copy)) == load_content(
        content_copy
    )


def test_a_huge_copy_is_not_read(content_copy: Path, cache_dir: Path) -> None:
    cache_dir.mkdir()
    with (cache_dir / CACHE_FILE).open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    assert load_content_cached(content_copy, cache_dir) == load_content(content_copy)


def test_a_copy_of_other_content_is_not_used(content_copy: Path, cache_dir: Path) -> None:
    real = load_content_cached(None, cache_dir)
    assert real == load_content(CONTENT_DIR)
    other = content_copy / "en" / "twitching.yaml"
    text = other.read_text(encoding="utf-8")
    title = real.language("en").topic.title
    other.write_text(text.replace(title, "Twitches, explained"), encoding="utf-8")
    assert load_content_cached(content_copy, cache_dir).language("en").topic.title == (
        "Twitches, explained"
    )
    assert load_content_cached(None, cache_dir).language("en").topic.title == title


def test_a_copy_sealed_on_another_kiosk_is_not_used(
    content_copy: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_content_cached(content_copy, cache_dir, secret_dir=tmp_path / "other-kiosk")
    loads = count_yaml_loads(monkeypatch)
    load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1


def test_an_unwritable_cache_folder_only_costs_time(content_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    pack = load_content_cached(content_copy, blocker / "cache")
    assert pack == load_content(content_copy)
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_no_place_for_the_secret_only_costs_time(
    content_copy: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    loads = count_yaml_loads(monkeypatch)
    for _ in range(2):
        assert load_content_cached(content_copy, cache_dir, blocker / "cfg") == load_content(
            content_copy
        )
    assert len(loads) == 2
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_damaged_secret_is_replaced(content_copy: Path, cache_dir: Path) -> None:
    load_content_cached(content_copy, cache_dir)
    secret = settings_path().parent / SECRET_FILE
    secret.write_text("not hex", encoding="utf-8")
    assert load_content_cached(content_copy, cache_dir) == load_content(content_copy)
    assert len(bytes.fromhex(secret.read_text().strip())) == 32


def test_a_missing_content_folder_names_it(tmp_path: Path, cache_dir: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_content_cached(tmp_path / "nowhere", cache_dir)
    assert "content folder not found" in str(info.value)


def test_the_fast_digests_match_hashlib() -> None:
    from kiosk.content import cache as content_cache

    data = b"twitch" * 1000
    plain = hashlib.blake2b(data, digest_size=32).hexdigest()
    assert content_cache._blake2b(data).hexdigest() == plain
    key = b"k" * 32
    expected = hashlib.blake2b(data, key=key, digest_size=32).hexdigest().encode()
    assert content_cache._seal(key, data) == expected
    assert content_cache._same(b"abc", b"abc") and not content_cache._same(b"abc", b"abd")


def test_a_current_copy_gives_the_start_texts_before_any_model(
    content_copy: Path, cache_dir: Path
) -> None:
    # The kiosk paints its start screen from these, then reads the rest.
    load_content_cached(content_copy, cache_dir)
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from kiosk.content.cache import open_content_cached\n"
        f"copy = open_content_cached(Path({str(content_copy)!r}), Path({str(cache_dir)!r}))\n"
        "start = {c: [t.name, t.title, t.ui['start.learn']] for c, t in copy.start.items()}\n"
        "before = copy.read or 'kiosk.content.models' in sys.modules\n"
        "title = copy.pack.language('es').topic.title\n"
        "print(json.dumps([start, before, copy.read, title]))\n"
    )
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    start, models_before, read_after, title = json.loads(done.stdout)
    real = load_content(content_copy)
    assert start == {
        c: [lang.name, lang.topic.title, lang.ui["start.learn"]]
        for c, lang in real.languages.items()
    }
    assert models_before is False
    assert read_after is True
    assert title == real.language("es").topic.title


def test_a_copy_whose_models_cannot_be_read_falls_back_at_first_use(
    content_copy: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Sealed with the real secret, good start texts, a bad model: the kiosk
    # has painted its start screen; the rest comes from the YAML instead.
    load_content_cached(content_copy, cache_dir)
    path = cache_dir / CACHE_FILE
    reseal(path, nonsense_tier)
    loads = count_yaml_loads(monkeypatch)
    copy = open_content_cached(content_copy, cache_dir)
    assert not copy.read and loads == []
    assert copy.start["en"].title == load_content(content_copy).language("en").topic.title
    with caplog.at_level(logging.WARNING, logger="kiosk.content.cache"):
        pack = copy.pack
    assert pack == load_content(content_copy)
    assert len(loads) == 1
    assert any("refused" in r.message for r in caplog.records)
    assert read_copy(path, content_key(content_copy)) == pack  # rebuilt


def test_start_texts_that_are_not_valid_refuse_the_copy(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_content_cached(content_copy, cache_dir)
    path = cache_dir / CACHE_FILE
    reseal(path, lambda stored: stored["start"][0][1].update(title=42))
    loads = count_yaml_loads(monkeypatch)
    copy = open_content_cached(content_copy, cache_dir)
    assert copy.read and len(loads) == 1  # the YAML at once, before the first paint
    assert copy.start["en"].title == "Why do muscles twitch?"
