"""``kiosk handout``: save or print the handout; every failure is one line."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from kiosk.cli import main
from kiosk.printing import printer_state

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["handout", *argv])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> str:
    return " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_saves_a_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    code, stdout, err = run(
        capsys, "--level", "standard", "--paper", "a4", "-o", str(out),
        "--clinic-name", "Riverside Clinic", "--clinic-phone", "555-0100",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert f"saved {out}" in stdout
    text = pdf_text(out)
    assert "Main points" in text and "Riverside Clinic" in text
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert round(float(box.width)) == 595  # A4


def test_reproducible_output_is_identical(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (a, b):
        code, _, _ = run(
            capsys, "--level", "basic", "--reproducible", "--date", "2026-02-03", "-o", str(path)
        )
        assert code == 0
    assert a.read_bytes() == b.read_bytes()
    assert "February 3, 2026" in pdf_text(a)


def test_answers_put_the_result_on_the_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"breathing": "unsure", "weakness": "no"}))
    out = tmp_path / "h.pdf"
    code, _, err = run(
        capsys, "--level", "basic", "--answers", str(answers),
        "--emergency-number", "999", "-o", str(out),
    )  # fmt: skip
    assert (code, err) == (0, "")
    text = " ".join(pdf_text(out).split())
    assert "My checklist result: Get help now" in text
    assert "999" in text


def test_no_answers_no_result(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    assert run(capsys, "--level", "detailed", "--large-print", "-o", str(out))[0] == 0
    assert "My checklist result" not in pdf_text(out)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("{not json", "is not valid JSON"),
        ('["yes"]', "must be a JSON object"),
        ('{"breathing": "maybe"}', "answer 'maybe' for 'breathing' is not valid"),
        ('{"nosuch": "yes"}', "nosuch"),
    ],
)
def test_bad_answers_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, message: str
) -> None:
    answers = tmp_path / "answers.json"
    if content is not None:
        answers.write_text(content)
    out = tmp_path / "h.pdf"
    code, _, err = run(capsys, "--level", "basic", "--answers", str(answers), "-o", str(out))
    assert code == 2
    assert message in one_line_error(err)
    assert not out.exists()


def test_unwritable_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--level", "basic", "-o", str(blocker / "h.pdf"))
    assert code == 1
    assert "is a file, not a folder" in one_line_error(err)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--level", "basic"], "one of the arguments -o/--output --print is required"),
        (["--level", "expert", "-o", "x.pdf"], "invalid choice: 'expert'"),
        (["--level", "basic", "--paper", "legal", "-o", "x.pdf"], "invalid choice: 'legal'"),
        (["--level", "basic", "-o", "x.pdf", "--print"], "not allowed with argument"),
        (
            ["--level", "basic", "-o", "x.pdf", "--printer", "p"],
            "--printer and --copies go with --print",
        ),
        (["--level", "basic", "--print", "--copies", "0"], "--copies must be 1 to 20"),
        (["--level", "basic", "--lang", "xx", "-o", "x.pdf"], "unknown language 'xx'"),
        (["--level", "basic", "--emergency-number", "9a", "-o", "x.pdf"], "2 to 6 digits"),
    ],
)
def test_bad_arguments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    argv: list[str], message: str,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in one_line_error(err)
    assert not (tmp_path / "x.pdf").exists()


def test_print_to_an_unknown_printer(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--level", "basic", "--print", "--printer", "no-such-printer-here")
    assert code == 1
    line = one_line_error(err)
    assert "no printer called 'no-such-printer-here'" in line or "not installed" in line


def test_print_to_the_test_queue(capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("lpstat") is None or printer_state("kiosk-test-pdf") == "unknown":
        pytest.skip("no CUPS queue kiosk-test-pdf (ci/setup-cups.sh makes it)")
    code, out, err = run(capsys, "--level", "basic", "--print", "--printer", "kiosk-test-pdf")
    assert (code, err) == (0, "")
    assert out.startswith("sent to kiosk-test-pdf as job kiosk-test-pdf-")


def test_real_process_fails_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no" / "h.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "handout", "--level", "basic", "-o", str(target)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert "the folder" in one_line_error(result.stderr)


def test_missing_handout_keys_fail_in_one_line_naming_file_and_keys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    handout = content / "en" / "handout.yaml"
    text = handout.read_text(encoding="utf-8")
    text = text.replace('plan_heading: "My plan"\n', "")
    text = text.replace("  - picture: alcohol\n    text:", "  - picture: alcohol\n    txt:")
    text = text.replace("  - picture: sleep\n", "  - picture: no_such_picture\n")
    handout.write_text(text, encoding="utf-8")
    target = tmp_path / "h.pdf"
    code, out, err = run(capsys, "--level", "basic", "--content", str(content), "-o", str(target))
    assert code == 1 and out == ""
    line = one_line_error(err)
    assert str(handout) in line
    assert "plan_heading: missing" in line
    assert "self_care_steps[3].text: missing" in line
    assert "self_care_steps[0].picture: unknown picture 'no_such_picture'" in line
    assert not target.exists()  # no partial file
