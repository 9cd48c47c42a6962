"""teach_back.yaml is data: the loader refuses a broken one naming file and key path,
and ``kiosk content check`` measures it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml_writing import dump_yaml

from kiosk.cli import main
from kiosk.content import ContentError, ContentPack, ReadingLevel, load_content
from kiosk.content.readability import measure_teach_back
from kiosk.resources import CONTENT_DIR

Change = Callable[[dict[str, Any]], object]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(folder: Path, change: Change, codes: tuple[str, ...] = ("en",)) -> None:
    for code in codes:
        path = folder / code / "teach_back.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(dump_yaml(data), encoding="utf-8")


def problems_of(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(folder.parent)
    with pytest.raises(ContentError) as info:
        load_content(folder)
    return info.value.problems


def choice(question: int, index: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda d: d["questions"][question]["choices"][index]


def test_the_shipped_step_loads_in_every_language(content: ContentPack) -> None:
    for pack in content.languages.values():
        assert pack.teach_back is not None
        sources = {s for q in pack.teach_back.questions for s in q.sources}
        assert sources and sources <= set(content.sources)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: choice(0, 1)(d).update(right=True),
            "content/en/teach_back.yaml: questions[0].choices: 2 right answers "
            "(exactly one must be right)",
        ),
        (
            lambda d: choice(1, 0)(d).pop("right"),
            "content/en/teach_back.yaml: questions[1].choices: 0 right answers "
            "(exactly one must be right)",
        ),
        (
            lambda d: choice(2, 1)(d).pop("picture"),
            "content/en/teach_back.yaml: questions[2].choices[1].picture: missing",
        ),
        (
            lambda d: choice(0, 2)(d).update(picture="unicorn"),
            "content/en/teach_back.yaml: questions[0].choices[2].picture: unknown picture "
            "'unicorn' (see kiosk/pictures.py)",
        ),
        (
            lambda d: choice(1, 2)(d).pop("caption"),
            "content/en/teach_back.yaml: questions[1].choices[2].caption: missing "
            "(every choice needs a caption)",
        ),
        (
            lambda d: choice(0, 0)(d)["caption"].pop("standard"),
            "content/en/teach_back.yaml: questions[0].choices[0].caption.standard: missing",
        ),
        (
            lambda d: d["questions"][0]["prompt"].update(detailed="  "),
            "content/en/teach_back.yaml: questions[0].prompt.detailed: empty text",
        ),
        (
            lambda d: d["questions"][3]["choices"].pop(),
            "content/en/teach_back.yaml: questions[3].choices: 0 choices for the 'self_care' "
            "result (exactly one must be right for every result: one choice per tier)",
        ),
        (
            lambda d: choice(3, 0)(d).update(tier="emergency"),
            [
                "content/en/teach_back.yaml: questions[3].choices[0].tier: 'emergency' is not "
                "a result below emergency (use one of today, soon, routine, self_care)",
                "content/en/teach_back.yaml: questions[3].choices: 0 choices for the 'today' "
                "result (exactly one must be right for every result: one choice per tier)",
            ],
        ),
        (
            lambda d: d["questions"][1].update(sources=["WIKI"]),
            "content/en/teach_back.yaml: questions[1].sources[0]: unknown source id 'WIKI'",
        ),
        (
            lambda d: d["summary"]["basic"].pop(),
            "content/en/teach_back.yaml: summary.basic: 2 bullets (the summary has 3)",
        ),
    ],
    ids=[
        "two right",
        "none right",
        "no picture",
        "unknown picture",
        "no caption",
        "caption missing at a level",
        "empty prompt",
        "result question lacks a tier",
        "result question names emergency",
        "unknown source",
        "summary of two",
    ],
)
def test_broken_teach_back_names_file_key_path_and_problem(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, change: Change, expected: str | list[str]
) -> None:
    edit(content_copy, change)
    wanted = [expected] if isinstance(expected, str) else expected
    assert problems_of(content_copy, monkeypatch) == wanted


def test_too_few_questions_is_refused(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(content_copy, lambda d: d["questions"].pop(0), codes=("en", "es"))
    assert problems_of(content_copy, monkeypatch) == [
        f"content/{code}/teach_back.yaml: questions: 2 question(s) for everyone and 1 for a "
        "result: ask 3 to 4 in all, at least 3 for everyone"
        for code in ("en", "es")
    ]


def test_every_language_has_the_same_questions_and_right_answers(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def swap_right(d: dict[str, Any]) -> None:
        choices = d["questions"][0]["choices"]
        choices[0]["right"], choices[1]["right"] = False, True

    edit(content_copy, swap_right, codes=("es",))
    assert problems_of(content_copy, monkeypatch) == [
        "content/es/teach_back.yaml: questions: ids, choices, pictures or right answers "
        "differ from en's"
    ]
    (content_copy / "es" / "teach_back.yaml").unlink()
    assert problems_of(content_copy, monkeypatch) == [
        "content/es/teach_back.yaml: file is missing (en has one)"
    ]


def test_a_language_without_the_file_offers_no_step(content_copy: Path) -> None:
    for code in ("en", "es"):
        (content_copy / code / "teach_back.yaml").unlink()
    pack = load_content(content_copy)
    assert all(p.teach_back is None for p in pack.languages.values())


def test_content_check_measures_every_question_at_every_level(
    content: ContentPack, content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teach_back = content.language("en").teach_back
    assert teach_back is not None
    rows = measure_teach_back(teach_back, "en")
    assert len(rows) == (len(teach_back.questions) + 1) * len(ReadingLevel)
    assert all(not row.misses() for row in rows)
    assert main(["content", "check", "--content", str(content_copy)]) == 0
    out = capsys.readouterr().out
    assert "teach_back help_now" in out and "teach_back summary" in out
    # A long-winded basic explanation misses the basic target, and the check says where.
    wordy = (
        "Unilateral facial paralysis, particularly accompanied by contralateral "
        "hemiparesis or dysarthria, necessitates immediate emergency evaluation "
        "irrespective of subsequent spontaneous resolution of symptomatology."
    )
    edit(content_copy, lambda d: d["questions"][0]["explain"].update(basic=wordy))
    assert main(["content", "check", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "readability target missed: en teach_back help_now basic: grade" in err
