"""``kiosk triage``: output, JSON, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "checklist_rules"
ROOT = Path(__file__).resolve().parent.parent
VALID_IDS = (
    "breathing, stroke_signs, seizure_confusion, tetany, weakness_fast, med_change, "
    "drug_reaction, fluids_kept_down, lithium, weakness, eyelid_signs, fluid_loss, "
    "persistent_or_spread, medicine"
)
# The fixture's result wording (tests/fixtures/checklist_rules/en/checklist.yaml).
FIXTURE_TEXT = {
    "self_care": ("Self-care", "Look after yourself.", "Read the tips", ""),
    "routine": (
        "Book a visit",
        "Book a visit within about 2 weeks.",
        "Book a visit",
        "Ask at the desk.",
    ),
    "soon": (
        "See a doctor soon",
        "See a doctor in 1 to 3 days.",
        "Book a visit",
        "Ask at the desk.",
    ),
    "today": (
        "Be seen today",
        "Be seen today.",
        "Tell the staff before you leave",
        "Call your doctor's office.",
    ),
    "emergency": (
        "Get help now",
        "Tell the staff now. Away from the clinic, call 911.",
        "Tell staff",
        "",
    ),
}


def run_triage(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["triage", "--content", str(FIXTURE_CONTENT), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_human_output_names_tier_triggers_and_result_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_triage(
        capsys, "--answer", "fluid_loss=yes", "--answer", "weakness=yes", "--answer", "medicine=yes"
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "tier: soon"
    assert lines[1] == "triggered by: weakness, fluid_loss"
    assert "See a doctor soon" in lines
    assert "See a doctor in 1 to 3 days." in lines


def test_emergency_text_gets_the_emergency_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_triage(capsys, "--answer", "breathing=unsure")
    assert code == 0
    assert "tier: emergency" in out
    assert "call 911." in out
    assert "{emergency_number}" not in out

    code, out, _ = run_triage(capsys, "--answer", "breathing=unsure", "--emergency-number", "112")
    assert code == 0
    assert "call 112." in out
    assert "911" not in out


def test_no_answers_is_self_care_with_come_back_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_triage(capsys)
    assert code == 0
    assert out.splitlines()[0] == "tier: self_care"
    assert "Come back if it lasts more than 2 weeks." in out


@pytest.mark.parametrize(
    ("answers", "tier", "triggered_by"),
    [
        ([], "self_care", []),
        (["weakness=unsure"], "routine", ["weakness"]),
        (
            ["medicine=yes", "persistent_or_spread=YES", "breathing=no"],
            "routine",
            ["persistent_or_spread", "medicine"],
        ),
        (["tetany=yes", "weakness=yes"], "emergency", ["tetany"]),
        (["lithium=unsure", "weakness=yes"], "today", ["lithium"]),
        (["fluids_kept_down=yes"], "today", ["fluids_kept_down"]),
        (["weakness_fast=yes"], "emergency", ["weakness_fast"]),
        (["med_change=yes"], "routine", ["med_change"]),
        # Rule 1: drug_reaction is read even where med_change was not given.
        (["drug_reaction=yes"], "emergency", ["drug_reaction"]),
        (["fluid_loss=yes"], "soon", ["fluid_loss"]),
    ],
)
def test_json_output_is_tier_triggers_and_the_tier_texts(
    capsys: pytest.CaptureFixture[str], answers: list[str], tier: str, triggered_by: list[str]
) -> None:
    args = [arg for answer in answers for arg in ("--answer", answer)]
    code, out, err = run_triage(capsys, *args, "--json")
    assert (code, err) == (0, "")
    title, message, action, how = FIXTURE_TEXT[tier]
    assert json.loads(out) == {
        "tier": tier,
        "triggered_by": triggered_by,
        "title": title,
        "message": message,
        "action": action,
        "how": how,
    }
    assert out.count("\n") == 1


def test_json_how_uses_the_clinic_phone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_triage(
        capsys, "--answer", "lithium=yes", "--clinic-phone", "555 0123", "--json"
    )
    assert code == 0
    assert json.loads(out)["how"] == "Call 555 0123."


@pytest.mark.parametrize("sign", VALID_IDS.split(", "))
def test_every_sign_id_is_accepted(capsys: pytest.CaptureFixture[str], sign: str) -> None:
    code, out, err = run_triage(capsys, "--answer", f"{sign}=yes", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["triggered_by"] == [sign]


def test_human_output_of_a_lower_tier_ends_with_the_get_help_now_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_triage(capsys, "--answer", "lithium=yes")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["tier: today", "triggered by: lithium"]
    assert lines[-4:] == [
        "Get help now if:",
        "- Fixture sign breathing.",
        "Call 911.",
        "This checklist does not give a diagnosis.",
    ]
    code, out, _ = run_triage(capsys, "--answer", "breathing=yes")
    assert "Fixture sign breathing." not in out


@pytest.mark.parametrize(
    ("answer", "needle"),
    [
        ("chest_pain=yes", "'chest_pain'"),
        ("breathing=maybe", "'maybe'"),
        ("breathing", "'breathing'"),
        ("=yes", "'=yes'"),
    ],
)
def test_bad_answer_exits_2_with_one_line_listing_valid_choices(
    capsys: pytest.CaptureFixture[str], answer: str, needle: str
) -> None:
    code, out, err = run_triage(capsys, "--answer", answer, "--json")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("kiosk triage: ")
    assert needle in err
    assert "yes, no, unsure" in err
    if "maybe" not in answer:
        assert VALID_IDS in err
    assert "Traceback" not in err


def test_conflicting_answers_for_one_question_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_triage(capsys, "--answer", "medicine=yes", "--answer", "medicine=no")
    assert code == 2
    assert "'medicine'" in err


def test_unknown_language_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_triage(capsys, "--lang", "xx")
    assert code == 2
    assert "'xx'" in err
    assert "en" in err


def test_bad_emergency_number_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_triage(capsys, "--emergency-number", "call me")
    assert code == 2
    assert err.count("\n") == 1


def test_broken_content_exits_1_with_loader_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["triage", "--content", str(tmp_path / "nowhere")])
    _, err = capsys.readouterr()
    assert code == 1
    assert "content folder not found" in err
    assert "Traceback" not in err


def test_real_subprocess_json_and_exit_codes(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "kiosk", "triage", "--content", str(FIXTURE_CONTENT)]
    ok = subprocess.run(
        [*base, "--answer", "fluid_loss=yes", "--answer", "medicine=yes", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    result = json.loads(ok.stdout)
    assert (result["tier"], result["triggered_by"]) == ("soon", ["fluid_loss"])
    assert result["title"] == "See a doctor soon"

    bad = subprocess.run(
        [*base, "--answer", "fluid_loss=perhaps", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert len(bad.stderr.splitlines()) == 1
    assert "yes, no, unsure" in bad.stderr


def test_top_level_content_option_is_honoured(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--content", str(FIXTURE_CONTENT), "triage", "--answer", "breathing=yes"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "Tell the staff now." in out  # the fixture's wording, not the shipped one


def test_human_output_says_it_does_not_diagnose(capsys: pytest.CaptureFixture[str]) -> None:
    """CONTENT_BRIEF §4 rule 5, in the command's output as on the screen."""
    assert main(["triage", "--answer", "medicine=yes"]) == 0
    assert capsys.readouterr().out.strip().endswith("This checklist does not give a diagnosis.")
