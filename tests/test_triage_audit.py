"""``kiosk triage audit`` and ``kiosk triage table``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_triage import EXAMPLES

from kiosk.cli import main
from kiosk.content import load_content
from kiosk.triage import SIGN_IDS
from kiosk.triage_audit import public_cases_path, read_cases

FIXTURE = Path(__file__).parent / "fixtures" / "triage_audit" / "clinic_cases.json"


def audit_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["triage", "audit", "--json", *args])
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return code, data


def test_the_shipped_cases_are_the_brief_examples() -> None:
    """Compared with the hand-written copy in tests/test_triage.py, not with the rule."""
    shipped = Counter(
        (tuple(sorted(c.answers.items())), c.tier) for c in read_cases(public_cases_path())
    )
    brief = Counter(
        (tuple(sorted((k, v.value) for k, v in answers.items())), tier)
        for _, answers, tier in EXAMPLES
    )
    assert shipped == brief
    assert sum(shipped.values()) == 15


def test_public_cases_all_agree(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = audit_json(capsys)
    assert code == 0
    [public] = data["sets"]
    assert (public["cases"], public["agree"], public["over_triage"], public["under_triage"]) == (
        15,
        15,
        0,
        0,
    )
    assert {tier: row["cases"] for tier, row in public["per_tier"].items()} == {
        "emergency": 4,
        "today": 3,
        "soon": 2,
        "routine": 2,
        "self_care": 4,
    }
    assert public["disagreements"] == []


def test_fixture_counts_are_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = audit_json(capsys, "--no-public", "--cases", str(FIXTURE))
    assert code == 1  # some cases disagree
    [clinic] = data["sets"]
    assert clinic["name"] == str(FIXTURE)
    assert (clinic["cases"], clinic["agree"], clinic["over_triage"], clinic["under_triage"]) == (
        7,
        3,
        2,
        2,
    )
    assert clinic["per_tier"] == {
        "emergency": {"cases": 2, "agree": 2, "over_triage": 0, "under_triage": 0},
        "today": {"cases": 0, "agree": 0, "over_triage": 0, "under_triage": 0},
        "soon": {"cases": 2, "agree": 1, "over_triage": 0, "under_triage": 1},
        "routine": {"cases": 2, "agree": 0, "over_triage": 1, "under_triage": 1},
        "self_care": {"cases": 1, "agree": 0, "over_triage": 1, "under_triage": 0},
    }
    assert [(d["id"], d["expected"], d["got"], d["verdict"]) for d in clinic["disagreements"]] == [
        ("weakness-unsure", "soon", "routine", "under"),
        ("medicine-only", "self_care", "routine", "over"),
        ("lithium-unsure", "routine", "today", "over"),
        ("nothing", "routine", "self_care", "under"),
    ]
    assert data["disagreements"] == 4


def test_human_output_has_both_sets_and_names_the_disagreeing_cases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["triage", "audit", "--cases", str(FIXTURE)]) == 1
    out = capsys.readouterr().out
    assert "Public example cases (CONTENT_BRIEF §4)" in out
    assert "all                 15     15     0      0" in out
    assert "all                  7      3     2      2" in out
    assert "weakness-unsure: expected soon, the rule gives routine (under-triage" in out
    assert "lithium-unsure: expected routine, the rule gives today (over-triage" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('"cases"', "expected a list of cases"),
        ("[]", "there are no cases"),
        ('[{"answers": {}, "tier": "soon"}]', "case 1: id is missing"),
        (
            '[{"id": "a", "answers": {"breething": "yes"}, "tier": "soon"}]',
            "case 1 ('a'): answers: unknown sign id 'breething'",
        ),
        (
            '[{"id": "a", "answers": {"breathing": "maybe"}, "tier": "soon"}]',
            "case 1 ('a'): answers: answer 'maybe' for 'breathing' is not valid",
        ),
        ('[{"id": "a", "answers": {}, "tier": "urgent"}]', "case 1 ('a'): tier 'urgent'"),
        ('[{"id": "a", "answers": [], "tier": "soon"}]', "case 1 ('a'): answers must be"),
        ('[{"id": "a", "answers": {}}]', "case 1 ('a'): tier None is not a tier"),
        (
            '[{"id": "a", "answers": {}, "tier": "soon"}, {"id": "a", "answers": {},'
            ' "tier": "soon"}]',
            "case 2 ('a'): id 'a' is used by an earlier case",
        ),
        ('[{"id": "a", "answers": {}, "tier": "soon", "age": 3}]', "unknown key 'age'"),
        ('[{"id": "a", "answers": {}, "tier": "soon"}, 7]', "case 2: expected an object"),
    ],
)
def test_malformed_case_file_names_the_case_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "cases.json"
    path.write_text(content, encoding="utf-8")
    assert main(["triage", "audit", "--cases", str(path)]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert str(path) in captured.err
    assert captured.out == ""


def test_every_bad_case_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.json"
    path.write_text(
        json.dumps(
            [
                {"id": "one", "answers": {"nope": "yes"}, "tier": "soon"},
                {"id": "two", "answers": {}, "tier": "soon"},
                {"id": "three", "answers": {}, "tier": "later"},
            ]
        ),
        encoding="utf-8",
    )
    assert main(["triage", "audit", "--cases", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "case 1 ('one')" in err[0] and "case 3 ('three')" in err[1]


def test_missing_case_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "audit", "--cases", str(tmp_path / "none.json")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_no_public_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "audit", "--no-public"]) == 2
    assert "--no-public needs" in capsys.readouterr().err


def test_the_old_triage_command_still_works_beside_the_new_ones(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "triage", "--answer", "lithium=yes", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tier"] == "today"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "triage", "audit"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Every case agrees with the rule." in done.stdout


@pytest.mark.parametrize("code", ["en", "es"])
def test_table_lists_every_sign_with_its_question_and_tier(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    assert main(["triage", "table", "--lang", code]) == 0
    out = capsys.readouterr().out
    language = load_content().language(code)
    flat = " ".join(out.split())
    for sign in SIGN_IDS:
        question = language.checklist.question(sign)
        title = language.checklist.results[question.tier].title
        assert f"{sign} -> {question.tier.value} ({title})" in flat
        assert " ".join(question.text["basic"].split()) in flat
    assert "time frame: in the past 2 weeks" in out


def test_table_without_lang_prints_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "table"]) == 0
    out = capsys.readouterr().out
    assert "English (en)" in out and "Español (es)" in out


def test_table_unknown_language_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "table", "--lang", "xx"]) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err
