"""The loader accepts good content and refuses broken content clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kiosk.content import ContentError, ReadingLevel, Tier, load_content
from kiosk.content.models import split_blocks
from kiosk.resources import CONTENT_DIR


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit_yaml(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems_of(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(folder.parent)
    with pytest.raises(ContentError) as info:
        load_content(folder)
    return info.value.problems


def test_copy_of_real_content_loads(content_copy: Path) -> None:
    pack = load_content(content_copy)
    topic = pack.language("en").topic
    assert topic.title
    assert all(set(s.levels) == set(ReadingLevel) for s in topic.sections)
    assert pack.language("en").checklist.results.keys() == set(Tier)


def test_missing_level_names_file_key_and_problem(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_yaml(
        content_copy / "en" / "twitching.yaml", lambda d: d["sections"][2]["levels"].pop("basic")
    )
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/twitching.yaml: sections[2].levels.basic: missing"
    ]


def test_unknown_source_id(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_yaml(
        content_copy / "en" / "twitching.yaml", lambda d: d["sections"][0]["sources"].append("WIKI")
    )
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith("content/en/twitching.yaml: sections[0].sources[")
    assert "unknown source id 'WIKI'" in problem


def test_duplicate_section_id(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def dup(d: dict) -> None:
        d["sections"][1]["id"] = d["sections"][0]["id"]

    edit_yaml(content_copy / "en" / "twitching.yaml", dup)
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith("content/en/twitching.yaml: sections[1].id: duplicate id")


def test_empty_text(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def empty(d: dict) -> None:
        d["sections"][3]["levels"]["detailed"] = "   "

    edit_yaml(content_copy / "en" / "twitching.yaml", empty)
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/twitching.yaml: sections[3].levels.detailed: empty text"
    ]


def test_wrong_type(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(d: dict) -> None:
        d["sections"][0]["title"] = ["a", "list"]

    edit_yaml(content_copy / "en" / "twitching.yaml", wrong)
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/twitching.yaml: sections[0].title: expected text, got a list"
    ]


def test_unknown_tier_in_checklist(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(d: dict) -> None:
        d["questions"][0]["tier"] = "urgent"

    edit_yaml(content_copy / "en" / "checklist.yaml", bad)
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith("content/en/checklist.yaml: questions[0].tier: unknown tier 'urgent'")


def test_missing_result_tier(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_yaml(content_copy / "en" / "checklist.yaml", lambda d: d["results"].pop("soon"))
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/checklist.yaml: results.soon: missing"
    ]


def test_yaml_syntax_error_gives_line(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = content_copy / "en" / "twitching.yaml"
    path.write_text("id: twitching\nsections: [\n  - broken: : :\n", encoding="utf-8")
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith("content/en/twitching.yaml: line ")
    assert "YAML syntax error" in problem


def test_missing_file(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (content_copy / "en" / "checklist.yaml").unlink()
    assert problems_of(content_copy, monkeypatch) == ["content/en/checklist.yaml: file is missing"]


def test_bad_reviewed_date(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_yaml(content_copy / "en" / "twitching.yaml", lambda d: d.update(reviewed="last week"))
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/twitching.yaml: reviewed: expected a date (YYYY-MM-DD)"
    ]


def test_several_problems_reported_together(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def many(d: dict) -> None:
        d["sections"][0]["levels"].pop("standard")
        d["sections"][1]["sources"] = ["NOPE"]

    edit_yaml(content_copy / "en" / "twitching.yaml", many)
    assert len(problems_of(content_copy, monkeypatch)) == 2


def test_missing_content_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="content folder not found"):
        load_content(tmp_path / "nowhere")


def test_languages_must_agree(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second language with a missing section is refused."""
    first = next(p for p in sorted(content_copy.iterdir()) if p.is_dir())
    clone = content_copy / "xx"
    shutil.copytree(first, clone)
    topic = clone / "twitching.yaml"
    edit_yaml(topic, lambda d: (d["sections"].pop(), d.update(language="xx")))
    edit_yaml(
        content_copy / "languages.yaml", lambda d: d["languages"].append({"id": "xx", "name": "X"})
    )
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith("content/xx/twitching.yaml: sections: ids")


def test_split_blocks_paragraphs_and_bullets() -> None:
    blocks = split_blocks("One line\nwraps here.\n\n- first\n- second\n  continues\n\nLast.")
    assert [(b.text, b.bullet) for b in blocks] == [
        ("One line wraps here.", False),
        ("first", True),
        ("second continues", True),
        ("Last.", False),
    ]
