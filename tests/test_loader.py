"""The loader accepts good content and refuses broken content clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from yaml_writing import dump_yaml

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
    path.write_text(dump_yaml(data), encoding="utf-8")


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


def _questions(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


EMERGENCY_SIGNS = ("breathing", "stroke_signs", "seizure_confusion", "tetany", "weakness_fast")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_missing_sign_names_the_file_and_the_sign(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    for code in ("en", "es"):  # both languages agree, as the reviewers found
        edit_yaml(
            content_copy / code / "checklist.yaml",
            lambda d: d.update(questions=[q for q in d["questions"] if q["id"] != "breathing"]),
        )
    problems = problems_of(content_copy, monkeypatch)
    assert (
        f"content/{language}/checklist.yaml: questions: sign 'breathing' of CONTENT_BRIEF §4 "
        "is missing"
    ) in problems


def test_all_emergency_signs_removed_is_refused(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for code in ("en", "es"):
        edit_yaml(
            content_copy / code / "checklist.yaml",
            lambda d: d.update(
                questions=[q for q in d["questions"] if q["id"] not in EMERGENCY_SIGNS]
            ),
        )
    problems = problems_of(content_copy, monkeypatch)
    for code in ("en", "es"):
        for sign in EMERGENCY_SIGNS:
            assert (
                f"content/{code}/checklist.yaml: questions: sign {sign!r} of CONTENT_BRIEF §4 "
                "is missing"
            ) in problems


def test_an_unknown_sign_is_refused(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def add(d: dict) -> None:
        d["questions"].append({**d["questions"][-1], "id": "chest_pain"})

    edit_yaml(content_copy / "en" / "checklist.yaml", add)
    problems = problems_of(content_copy, monkeypatch)
    assert problems[0].startswith(
        "content/en/checklist.yaml: questions[14].id: sign 'chest_pain' is not in CONTENT_BRIEF §4"
    )


def test_signs_out_of_rule_3_order_are_refused(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def swap(d: dict) -> None:
        q = d["questions"]
        q[0], q[9] = q[9], q[0]  # weakness asked first, breathing tenth

    edit_yaml(content_copy / "es" / "checklist.yaml", swap)
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith(
        "content/es/checklist.yaml: questions: sign 'weakness' is asked where 'breathing' belongs"
    )


def test_a_tier_in_the_yaml_must_match_the_brief(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def downgrade(d: dict) -> None:
        d["questions"][0]["tier"] = "routine"

    edit_yaml(content_copy / "en" / "checklist.yaml", downgrade)
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith(
        "content/en/checklist.yaml: questions[0].tier: sign 'breathing' says 'routine' but "
        "CONTENT_BRIEF §4 gives 'emergency'"
    )


def test_a_matching_tier_in_the_yaml_is_accepted(content_copy: Path) -> None:
    def agree(d: dict) -> None:
        d["questions"][0]["tier"] = "emergency"
        d["questions"][7]["tier"] = "today"

    edit_yaml(content_copy / "en" / "checklist.yaml", agree)
    questions = load_content(content_copy).language("en").checklist.questions
    assert (questions[0].tier, questions[7].tier) == (Tier.EMERGENCY, Tier.TODAY)


def test_tiers_come_from_the_code_table(content_copy: Path) -> None:
    from kiosk.triage import SIGN_TIERS

    for code in ("en", "es"):
        questions = load_content(content_copy).language(code).checklist.questions
        assert {q.id: q.tier for q in questions} == dict(SIGN_TIERS)


def test_a_broken_part_names_file_key_and_problem(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bad(d: dict) -> None:
        d["questions"][0]["parts"]["standard"][1] = ["nested"]

    edit_yaml(content_copy / "en" / "checklist.yaml", bad)
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/checklist.yaml: questions[0].parts.standard[1]: expected text"
    ]


def test_missing_get_help_now_is_refused(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_yaml(content_copy / "en" / "checklist.yaml", lambda d: d.pop("get_help_now"))
    problems = problems_of(content_copy, monkeypatch)
    assert "content/en/checklist.yaml: get_help_now: missing" in problems


def test_get_help_now_pictures_must_agree_across_languages(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename(d: dict) -> None:
        d["get_help_now"]["signs"][0]["picture"] = "lungs"

    edit_yaml(content_copy / "es" / "checklist.yaml", rename)
    [problem] = problems_of(content_copy, monkeypatch)
    assert problem.startswith("content/es/checklist.yaml: get_help_now.signs: ids and pictures")


def test_the_explainer_get_help_now_page_is_the_checklist_list(content_copy: Path) -> None:
    pack = load_content(content_copy)
    for language in pack.languages.values():
        section = language.topic.section("get_help_now")
        for level in ReadingLevel:
            bullets = [b.text for b in section.blocks(level) if b.bullet]
            assert bullets == [s.text for s in language.checklist.get_help_now(level)]
            assert len(bullets) == 6


def test_a_results_emergency_needs_the_asked_message(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_yaml(
        content_copy / "en" / "checklist.yaml",
        lambda d: d["results"]["emergency"].pop("message_asked"),
    )
    assert problems_of(content_copy, monkeypatch) == [
        "content/en/checklist.yaml: results.emergency.message_asked: missing"
    ]


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
