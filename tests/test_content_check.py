"""`kiosk content check`: the §4 sign rules, and every checklist text measured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from app_helpers import run_self_test
from yaml_writing import dump_yaml

from kiosk.cli import main
from kiosk.content import Block, ContentPack, ReadingLevel
from kiosk.content.readability import (
    MAX_STEM_WORDS,
    join_lead_in,
    measurable_text,
    measure_checklist,
    measure_text,
    with_lead_ins,
)
from kiosk.resources import CONTENT_DIR
from kiosk.triage import SIGN_IDS

EMERGENCY_SIGNS = ("breathing", "stroke_signs", "seizure_confusion", "tetany", "weakness_fast")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit_checklists(folder: Path, change: object) -> None:
    for code in ("en", "es"):
        path = folder / code / "checklist.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)  # type: ignore[operator]
        path.write_text(dump_yaml(data), "utf-8")


def without(*signs: str) -> object:
    return lambda d: d.update(questions=[q for q in d["questions"] if q["id"] not in signs])


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["content", "check", "--content", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


# --- the sign rules (issue 13, item 8) ---------------------------------------------------


@pytest.mark.parametrize(
    ("change", "missing"),
    [(without("breathing"), ("breathing",)), (without(*EMERGENCY_SIGNS), EMERGENCY_SIGNS)],
    ids=["breathing removed", "all emergency signs removed"],
)
def test_check_fails_naming_file_and_sign(
    content_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    change: object,
    missing: tuple[str, ...],
) -> None:
    monkeypatch.chdir(content_copy.parent)
    edit_checklists(content_copy, change)
    code, _, err = check(content_copy, capsys)
    assert code == 1
    for lang in ("en", "es"):
        for sign in missing:
            assert f"content/{lang}/checklist.yaml: questions: sign {sign!r}" in err


def test_check_fails_on_a_downgraded_breathing_tier(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content_copy.parent)
    edit_checklists(content_copy, lambda d: d["questions"][0].update(tier="routine"))
    code, _, err = check(content_copy, capsys)
    assert code == 1
    assert "content/en/checklist.yaml: questions[0].tier: sign 'breathing'" in err


def test_self_test_fails_with_breathing_removed(content_copy: Path) -> None:
    edit_checklists(content_copy, without("breathing"))
    done = run_self_test(content_copy)
    assert done.returncode == 1
    assert "sign 'breathing' of CONTENT_BRIEF §4 is missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_self_test_fails_with_every_emergency_sign_removed(content_copy: Path) -> None:
    edit_checklists(content_copy, without(*EMERGENCY_SIGNS))
    done = run_self_test(content_copy)
    assert done.returncode == 1
    assert "sign 'weakness_fast' of CONTENT_BRIEF §4 is missing" in done.stderr


# --- every checklist text measured (issue 13, item 2) -------------------------------------


def test_check_prints_a_row_for_every_question_hint_and_result(
    content: ContentPack, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()]
    for code, language in content.languages.items():
        for question in language.checklist.questions:
            for level in ReadingLevel:
                assert [code, "question", question.id, level.value] in [r[:4] for r in rows]
                if question.hint:
                    assert [code, "hint", question.id, level.value] in [r[:4] for r in rows]
        for tier in language.checklist.results:
            assert [code, "result", tier.value] in [r[:3] for r in rows]
    assert "content check: ok" in out


def test_shipped_checklist_meets_the_basic_target(content: ContentPack) -> None:
    for code, language in content.languages.items():
        rows = measure_checklist(language.checklist, code)
        assert len([r for r in rows if r.item.startswith("question")]) == 3 * len(SIGN_IDS)
        assert [m for r in rows for m in r.misses()] == [], code


def test_a_hard_question_fails_the_check(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old 45-word drug_reaction sentence, at grade 17, must not pass."""
    old = (
        "In the last few days, did you start a medicine or take more of one, or suddenly stop "
        "alcohol or sleeping pills, and do you now have a fever, heavy sweating, feel very "
        "restless or confused, or see or hear things that are not there?"
    )
    path = content_copy / "en" / "checklist.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    index = [q["id"] for q in data["questions"]].index("drug_reaction")
    data["questions"][index]["text"]["basic"] = old
    path.write_text(dump_yaml(data), "utf-8")
    monkeypatch.chdir(content_copy.parent)
    code, out, err = check(content_copy, capsys)
    assert code == 1
    assert "en question drug_reaction basic: grade" in err
    assert f"stem has 45 words (at most {MAX_STEM_WORDS})" in err
    assert "MISSED" in out


def test_a_hard_spanish_result_fails_the_check(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = content_copy / "es" / "checklist.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["results"]["routine"]["message"] = (
        "Considerando exhaustivamente la sintomatología comunicada, recomendaríamos "
        "programar consecuentemente una evaluación neurológica ambulatoria especializada."
    )
    path.write_text(dump_yaml(data), "utf-8")
    monkeypatch.chdir(content_copy.parent)
    code, _, err = check(content_copy, capsys)
    assert code == 1
    assert "es result routine basic: Fernández-Huerta" in err


# --- a bullet is measured with its lead-in -------------------------------------------------


def test_join_lead_in_reads_as_one_sentence() -> None:
    assert join_lead_in("Get help now if:", "It is hard to breathe.") == (
        "Get help now if: it is hard to breathe."
    )
    assert join_lead_in("Right now, do you have any of these?", "You are choking.") == (
        "Right now, do you have any of these: you are choking."
    )
    assert join_lead_in("Triggers:", "ADHD medicines") == "Triggers: ADHD medicines"


def test_with_lead_ins_joins_each_bullet_to_its_paragraph() -> None:
    blocks = [
        Block("orphan bullet", bullet=True),
        Block("Intro paragraph."),
        Block("See a doctor if:"),
        Block("it lasts", bullet=True),
        Block("it spreads", bullet=True),
        Block("Closing."),
    ]
    assert with_lead_ins(blocks) == [
        "orphan bullet",
        "Intro paragraph.",
        "See a doctor if: it lasts",
        "See a doctor if: it spreads",
        "Closing.",
    ]


def test_bullets_alone_score_easier_than_with_their_lead_in() -> None:
    """Why the lead-in matters: short bullets counted as sentences lower the grade."""
    blocks = [
        Block("See a doctor sooner, within 1 to 3 days, if you notice:"),
        *(
            Block(text, bullet=True)
            for text in (
                "weakness, such as dropping things or tripping",
                "a muscle that looks smaller than before",
                "numbness or loss of feeling in part of your body",
            )
        ),
    ]
    alone = measure_text(measurable_text([b.text for b in blocks]), ReadingLevel.BASIC, "en")
    joined = measure_text(measurable_text(with_lead_ins(blocks)), ReadingLevel.BASIC, "en")
    assert alone.grade is not None and joined.grade is not None
    assert joined.grade > alone.grade
