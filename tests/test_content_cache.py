"""The start-up copy of the content: used only while it matches the YAML."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from kiosk.content import ContentError, ContentPack, load_content
from kiosk.content import cache as content_cache
from kiosk.content.cache import CACHE_FILE, fingerprint, load_content_cached
from kiosk.resources import CONTENT_DIR


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def count_yaml_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each time the cache falls back to the YAML loader."""
    calls: list[Path] = []
    real = content_cache._load_yaml

    def spy(root: Path) -> ContentPack:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(content_cache, "_load_yaml", spy)
    return calls


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_first_start_parses_then_the_copy_is_used(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = count_yaml_loads(monkeypatch)
    first = load_content_cached(content_copy, cache_dir)
    assert (cache_dir / CACHE_FILE).is_file()
    second = load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1
    assert second == first == load_content(content_copy)


def test_an_edited_file_is_read_again(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_content_cached(content_copy, cache_dir)
    path = content_copy / "en" / "ui.yaml"
    text = path.read_text(encoding="utf-8")
    old = load_content(content_copy).language("en").ui["start.learn"]
    path.write_text(text.replace(old, "Read about twitches"), encoding="utf-8")
    touch_later(path)
    loads = count_yaml_loads(monkeypatch)
    pack = load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1
    assert pack.language("en").ui["start.learn"] == "Read about twitches"
    load_content_cached(content_copy, cache_dir)
    assert len(loads) == 1, "the new copy is used from then on"


def test_an_added_file_makes_the_copy_stale(content_copy: Path) -> None:
    before = fingerprint(content_copy)
    (content_copy / "en" / "notes.txt").write_text("x", encoding="utf-8")
    assert fingerprint(content_copy) != before


def test_broken_content_still_raises_and_is_never_cached(
    content_copy: Path, cache_dir: Path
) -> None:
    load_content_cached(content_copy, cache_dir)
    path = content_copy / "en" / "checklist.yaml"
    path.write_text("questions: [", encoding="utf-8")
    touch_later(path)
    with pytest.raises(ContentError) as info:
        load_content_cached(content_copy, cache_dir)
    assert any("checklist.yaml" in problem for problem in info.value.problems)
    with pytest.raises(ContentError):  # the old copy is not used instead
        load_content_cached(content_copy, cache_dir)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", pickle.dumps(("wrong", "shape", "tuple")), pickle.dumps(42)],
)
def test_a_damaged_copy_is_replaced(
    content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    load_content_cached(content_copy, cache_dir)
    (cache_dir / CACHE_FILE).write_bytes(damage)
    loads = count_yaml_loads(monkeypatch)
    assert load_content_cached(content_copy, cache_dir) == load_content(content_copy)
    assert len(loads) == 1
    key, pack = pickle.loads((cache_dir / CACHE_FILE).read_bytes())
    assert key == fingerprint(content_copy) and isinstance(pack, ContentPack)


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


def test_an_unwritable_cache_folder_only_costs_time(content_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    pack = load_content_cached(content_copy, blocker / "cache")
    assert pack == load_content(content_copy)
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_missing_content_folder_names_it(tmp_path: Path, cache_dir: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_content_cached(tmp_path / "nowhere", cache_dir)
    assert "content folder not found" in str(info.value)
