"""Clinical sign-off: review records bound to the files, approve, status, the review sheet."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from kiosk import review
from kiosk.cli import main
from kiosk.content import ReadingLevel, load_content
from kiosk.handout.builder import safety_lines
from kiosk.resources import SHIPPED_CONTENT_DIR
from kiosk.review import (
    ReviewState,
    content_digest,
    new_record,
    pack_status,
    read_pack_files,
    read_record,
    record_path,
    record_text,
)
from kiosk.review.texts import word_diff

REVIEWER, ROLE = "Dr Ana Ruiz", "Consultant neurologist"


@pytest.fixture(autouse=True)
def fresh_review_state() -> Iterator[None]:
    """Each test starts and ends reporting the kiosk's own content."""
    review.use_content_dir(None)
    yield
    review.use_content_dir(None)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the shipped content that a test may approve and edit."""
    target = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT_DIR, target)
    return target


def approve(root: Path, lang: str, *extra: str) -> int:
    args = ["content", "approve", "--lang", lang, "--reviewer", REVIEWER, "--role", ROLE]
    return main([*args, "--content", str(root), "--yes", *extra])


def status_code(root: Path) -> int:
    return main(["content", "status", "--content", str(root)])


def edit_one_character(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the shipped content ------------------------------------------------------


def test_shipped_content_is_a_draft_in_every_language() -> None:
    pack = load_content(SHIPPED_CONTENT_DIR)
    for code in pack.languages:
        data = json.loads(record_path(SHIPPED_CONTENT_DIR, code).read_text(encoding="utf-8"))
        assert data["status"] == "draft"
        assert pack_status(SHIPPED_CONTENT_DIR, code).state is ReviewState.DRAFT


def test_status_of_the_shipped_content_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "status"]) == 1
    out = capsys.readouterr().out
    assert "en    draft" in out and "es    draft" in out


# -- approve, then change one character ----------------------------------------


def test_approve_then_status_is_approved_for_two_years(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve(content_copy, "en") == 0
    assert approve(content_copy, "es") == 0
    capsys.readouterr()
    assert status_code(content_copy) == 0
    out = capsys.readouterr().out
    today = dt.date.today()
    assert f"en    approved  matches   {today.isoformat()}" in out
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.APPROVED
    assert status.approval is not None
    assert (status.approval.reviewer, status.approval.role) == (REVIEWER, ROLE)
    assert status.approval.next_review_due == review.default_next_review(today)
    assert status.approval.next_review_due.year == today.year + 2


def test_one_character_changed_after_approval_makes_a_draft_naming_the_file(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve(content_copy, "en") == 0
    assert approve(content_copy, "es") == 0
    edit_one_character(content_copy / "en" / "checklist.yaml", "choking", "chocking")
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.CHANGED
    assert not status.state.approved
    assert status.changed_files == ("en/checklist.yaml",)
    assert status.digest_matches is False
    assert pack_status(content_copy, "es").state is ReviewState.APPROVED
    capsys.readouterr()
    assert status_code(content_copy) == 1
    out = capsys.readouterr().out
    assert "en    changed   DIFFERS" in out
    assert "en/checklist.yaml" in out


def test_a_changed_source_makes_every_language_a_draft(content_copy: Path) -> None:
    assert approve(content_copy, "en") == 0
    assert approve(content_copy, "es") == 0
    edit_one_character(content_copy / "sources.yaml", "NHS", "NHS ")
    for code in ("en", "es"):
        status = pack_status(content_copy, code)
        assert status.state is ReviewState.CHANGED
        assert status.changed_files == ("sources.yaml",)


def test_languages_yaml_is_not_counted(content_copy: Path) -> None:
    assert approve(content_copy, "en") == 0
    with (content_copy / "languages.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# a note\n")
    assert pack_status(content_copy, "en").state is ReviewState.APPROVED


def test_content_check_says_which_files_changed(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("textstat")
    assert approve(content_copy, "en") == 0
    edit_one_character(content_copy / "en" / "twitching.yaml", "twitch", "twitсh")
    capsys.readouterr()
    main(["content", "check", "--content", str(content_copy)])
    out = capsys.readouterr().out
    assert "clinical review en: changed" in out
    assert "en/twitching.yaml" in out
    assert "clinical review es: draft" in out


# -- the record cannot be edited by hand ----------------------------------------


def _record(root: Path, lang: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(record_path(root, lang).read_text(encoding="utf-8"))
    return data


def _write_record(root: Path, lang: str, data: dict[str, object]) -> None:
    record_path(root, lang).write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_a_record_whose_digest_was_edited_is_detected(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve(content_copy, "en") == 0
    data = _record(content_copy, "en")
    data["content_digest"] = "0" * 64
    _write_record(content_copy, "en", data)
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.INVALID
    assert "edited by hand" in status.problem
    capsys.readouterr()
    assert status_code(content_copy) == 1
    assert "en    invalid" in capsys.readouterr().out


def test_a_record_claiming_the_digest_of_edited_files_is_detected(content_copy: Path) -> None:
    """Edit the content, then paste the new digest into the record: the seal shows it."""
    assert approve(content_copy, "en") == 0
    edit_one_character(content_copy / "en" / "checklist.yaml", "choking", "chocking")
    data = _record(content_copy, "en")
    data["content_digest"] = read_pack_files(content_copy, "en").digest
    _write_record(content_copy, "en", data)
    assert pack_status(content_copy, "en").state is ReviewState.INVALID


def test_a_resealed_record_claiming_a_digest_the_files_do_not_have(content_copy: Path) -> None:
    """Seal recomputed too: the digest no longer agrees with the files it lists."""
    assert approve(content_copy, "en") == 0
    data = _record(content_copy, "en")
    data["content_digest"] = "f" * 64
    data["seal"] = review.seal(data)
    _write_record(content_copy, "en", data)
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.INVALID
    assert "does not match the files" in status.problem


@pytest.mark.parametrize(
    ("key", "value"),
    [("reviewer", "Dr Someone Else"), ("approved_on", "2099-01-01"), ("status", "approved")],
)
def test_an_edited_reviewer_or_date_is_detected(content_copy: Path, key: str, value: str) -> None:
    assert approve(content_copy, "en") == 0
    data = _record(content_copy, "en")
    if key == "status":  # a draft record turned into an approval by hand
        data = {"format": 1, "language": "en", "status": "approved", "reviewer": "X"}
    else:
        data[key] = value
    _write_record(content_copy, "en", data)
    assert pack_status(content_copy, "en").state is ReviewState.INVALID


@pytest.mark.parametrize("text", ["", "{not json", "[]", '{"format": 1, "language": "es"}'])
def test_a_damaged_record_counts_as_not_approved(content_copy: Path, text: str) -> None:
    record_path(content_copy, "en").write_text(text, encoding="utf-8")
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.INVALID
    assert not status.state.approved


def test_no_record_is_a_draft(content_copy: Path) -> None:
    record_path(content_copy, "en").unlink()
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.DRAFT
    assert "no review record" in status.problem


def test_overdue_after_the_next_review_date(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = read_pack_files(content_copy, "en")
    long_ago = dt.date(2020, 1, 6)
    record = new_record(files, None, REVIEWER, ROLE, long_ago)
    assert record.approval is not None and record.approval.next_review_due == dt.date(2022, 1, 6)
    record_path(content_copy, "en").write_text(record_text(record), encoding="utf-8")
    status = pack_status(content_copy, "en")
    assert status.state is ReviewState.OVERDUE
    assert status.state.approved  # still the approved words, but due for review
    assert "overdue" in status.summary()
    assert pack_status(content_copy, "en", today=dt.date(2022, 1, 6)).state is ReviewState.APPROVED
    capsys.readouterr()
    assert status_code(content_copy) == 1
    assert "en    overdue" in capsys.readouterr().out


def test_approving_again_keeps_the_earlier_approval_in_history(content_copy: Path) -> None:
    files = read_pack_files(content_copy, "en")
    first = new_record(files, None, "Dr One", "GP", dt.date(2025, 1, 1))
    record_path(content_copy, "en").write_text(record_text(first), encoding="utf-8")
    assert approve(content_copy, "en") == 0
    record, problem = read_record(content_copy, "en")
    assert problem == "" and record is not None
    assert [old.reviewer for old in record.history] == ["Dr One"]


# -- the digest ----------------------------------------------------------------


def test_digest_reads_crlf_as_lf_and_ignores_the_order_given() -> None:
    files = [("en/a.yaml", b"a: 1\nb: 2\n"), ("sources.yaml", b"x\n")]
    crlf = [(name, data.replace(b"\n", b"\r\n")) for name, data in reversed(files)]
    assert content_digest(files) == content_digest(crlf)
    assert content_digest(files) != content_digest([("en/a.yaml", b"a: 1\nb: 3\n"), files[1]])
    # a byte moved from one file to the next is a different digest
    moved = [("en/a.yaml", b"a: 1\nb: 2"), ("sources.yaml", b"\nx\n")]
    assert content_digest(files) != content_digest(moved)


def test_the_digest_covers_the_pack_yaml_and_sources_only(content_copy: Path) -> None:
    files = read_pack_files(content_copy, "en")
    every_yaml = sorted(f"en/{p.name}" for p in (content_copy / "en").glob("*.yaml"))
    assert sorted(files.files) == [*every_yaml, "sources.yaml"]
    for name in ("checklist", "handout", "twitching", "ui"):
        assert f"en/{name}.yaml" in files.files
    (content_copy / "en" / "new-part.yaml").write_text("a: b\n", encoding="utf-8")
    assert "en/new-part.yaml" in read_pack_files(content_copy, "en").files
    assert "languages.yaml" not in files.files


# -- approve: the diff, the question, the refusal -----------------------------


def test_first_approval_shows_every_text(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve(content_copy, "en") == 0
    out = capsys.readouterr().out
    assert "No earlier approval of en: every text follows" in out
    assert "sections[what_is].levels.basic" in out
    assert "questions[breathing].text.basic" in out


def test_approve_shows_the_words_that_changed_per_section_and_level(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve(content_copy, "en") == 0
    edit_one_character(content_copy / "en" / "checklist.yaml", "You are choking.", "You choke.")
    capsys.readouterr()
    assert approve(content_copy, "en") == 0
    out = capsys.readouterr().out
    assert "Changes since the approval by Dr Ana Ruiz (Consultant neurologist)" in out
    assert "en/checklist.yaml" in out
    assert "questions[breathing].parts.basic" in out
    assert "[-are choking.-]{+choke.+}" in out
    assert "en/twitching.yaml" not in out  # only what changed


def test_word_diff_marks_only_the_changed_words() -> None:
    assert word_diff("Get help now.", "Get help right now.") == "Get help {+right+} now."
    assert word_diff("a b c", "a x c") == "a [-b-]{+x+} c"
    assert word_diff("same", "same") == "same"


def test_approve_refuses_without_a_terminal_and_without_yes(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = record_path(content_copy, "en").read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # not a terminal
    args = ["content", "approve", "--lang", "en", "--reviewer", REVIEWER, "--role", ROLE]
    assert main([*args, "--content", str(content_copy)]) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert record_path(content_copy, "en").read_bytes() == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("typed", "code"), [("yes\n", 0), ("no\n", 2), ("", 2)])
def test_approve_asks_on_a_terminal(
    content_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    code: int,
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal(typed))
    args = ["content", "approve", "--lang", "en", "--reviewer", REVIEWER, "--role", ROLE]
    assert main([*args, "--content", str(content_copy)]) == code
    state = pack_status(content_copy, "en").state
    assert state is (ReviewState.APPROVED if code == 0 else ReviewState.DRAFT)
    assert "Type yes to approve" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (["--lang", "xx"], "unknown language"),
        (["--reviewer", " "], "reviewer's name is empty"),
        (["--role", "two\nlines"], "one line"),
        (["--next-review", "2001-01-01"], "must be after the approval"),
    ],
)
def test_approve_bad_options_exit_2_and_write_nothing(
    content_copy: Path, capsys: pytest.CaptureFixture[str], extra: list[str], reason: str
) -> None:
    before = record_path(content_copy, "en").read_bytes()
    assert approve(content_copy, "en", *extra) == 2
    assert reason in capsys.readouterr().err
    assert record_path(content_copy, "en").read_bytes() == before


def test_approve_broken_content_exits_1(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_copy / "en" / "checklist.yaml").write_text("questions: [", encoding="utf-8")
    assert approve(content_copy, "en") == 1
    assert "does not load" in capsys.readouterr().err


# -- no partial file on a full disk ---------------------------------------------


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_approve_on_a_full_disk_leaves_the_old_files(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert approve(content_copy, "en") == 0
    edit_one_character(content_copy / "en" / "checklist.yaml", "choking", "chocking")
    before = _files(content_copy / "en")
    monkeypatch.setattr(os, "fsync", _disk_full)
    capsys.readouterr()
    assert approve(content_copy, "en") == 1
    assert "disk is full" in capsys.readouterr().err
    assert _files(content_copy / "en") == before  # no temp file, nothing half-written
    assert pack_status(content_copy, "en").state is ReviewState.CHANGED


def test_approve_puts_the_old_snapshot_back_when_the_record_cannot_be_written(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert approve(content_copy, "en") == 0
    edit_one_character(content_copy / "en" / "checklist.yaml", "choking", "chocking")
    before = _files(content_copy / "en")
    real_fsync = os.fsync
    calls = [0]

    def full_on_the_second_file(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 2:  # the snapshot is written, the record is not
            _disk_full(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_on_the_second_file)
    assert approve(content_copy, "en") == 1
    assert _files(content_copy / "en") == before


def test_review_sheet_on_a_full_disk_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", _disk_full)
    assert main(["content", "review-sheet", "--lang", "en", "-o", str(out / "review.pdf")]) == 1
    assert "disk is full" in capsys.readouterr().err
    assert list(out.iterdir()) == []


# -- the review sheet ------------------------------------------------------------


@pytest.fixture(scope="module")
def sheet_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The review sheet of every language, as text, page by page."""
    review.use_content_dir(None)
    path = tmp_path_factory.mktemp("sheet") / "review.pdf"
    assert main(["content", "review-sheet", "-o", str(path)]) == 0
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    by_lang: dict[str, list[str]] = {}
    for page in pages:
        code = "es" if "Español (es) · page" in page else "en"
        by_lang.setdefault(code, []).append(page)
    return by_lang


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("code", ["en", "es"])
def test_review_sheet_has_every_question_at_every_level(
    sheet_pages: dict[str, list[str]], code: str
) -> None:
    text = " ".join(sheet_pages[code])
    pack = load_content().language(code)
    missing = []
    for question in pack.checklist.questions:
        assert f"{question.id}: yes gives {question.tier.value}" in text
        for level in ReadingLevel:
            for piece in (question.text[level], *question.parts_at(level)):
                if _flat(piece) not in text:
                    missing.append((question.id, level.value, piece))
    assert missing == []


@pytest.mark.parametrize("code", ["en", "es"])
def test_review_sheet_has_every_safety_line_and_every_text(
    sheet_pages: dict[str, list[str]], code: str
) -> None:
    text = " ".join(sheet_pages[code])
    pack = load_content().language(code)
    missing = [
        line
        for level in ReadingLevel
        for line in safety_lines(pack, level, "911")
        if _flat(line) not in text
    ]
    for section in pack.topic.sections:
        for level in ReadingLevel:
            missing += [
                b.text
                for b in section.blocks(level)
                if _flat(b.text.replace("{emergency_number}", "911")) not in text
            ]
    for tier, result in pack.checklist.results.items():
        assert _flat(result.title) in text, tier
        assert _flat(result.message.replace("{emergency_number}", "911")) in text, tier
    assert missing == []


@pytest.mark.parametrize("code", ["en", "es"])
def test_review_sheet_digest_on_every_page_and_sign_off(
    sheet_pages: dict[str, list[str]], code: str
) -> None:
    digest = read_pack_files(SHIPPED_CONTENT_DIR, code).digest
    pages = sheet_pages[code]
    assert len(pages) > 10
    assert all(digest in page for page in pages)
    text = " ".join(pages)
    for part in ("Part 5. Sources", "Part 6. Readability", "Part 7. Triage audit"):
        assert part in text
    assert "Part 8. Sign-off" in text and "Signature" in text
    bare = "".join(text.split())  # a long address may wrap
    for source in load_content().sources.values():
        assert source.url in bare, source.id
    assert "15 cases, 15 agree with the rule" in text
    assert "Current review state: draft" in text


def test_review_sheet_unknown_language_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    assert main(["content", "review-sheet", "--lang", "xx", "-o", str(out)]) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err
    assert not out.exists()


# -- the handout footer ------------------------------------------------------------


def _handout_text(root: Path, lang: str, tmp_path: Path) -> str:
    out = tmp_path / f"handout-{lang}.pdf"
    args = ["handout", "--level", "basic", "--lang", lang, "--content", str(root), "-o", str(out)]
    assert main(args) == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_handout_says_pending_for_a_draft(content_copy: Path, tmp_path: Path) -> None:
    text = _handout_text(content_copy, "en", tmp_path)
    assert "Pending clinical review" in text
    assert "Reviewed by" not in text and "last reviewed" not in text.lower()


def test_handout_names_the_role_and_dates_of_an_approval(
    content_copy: Path, tmp_path: Path
) -> None:
    files = {code: read_pack_files(content_copy, code) for code in ("en", "es")}
    for code, pack_files in files.items():
        record = new_record(
            pack_files, None, REVIEWER, ROLE, dt.date(2026, 3, 5), dt.date(2099, 3, 5)
        )
        record_path(content_copy, code).write_text(record_text(record), encoding="utf-8")
    english = _handout_text(content_copy, "en", tmp_path)
    assert (
        "Reviewed by Consultant neurologist on March 5, 2026 · next review due March 5, 2099"
        in english
    )
    assert "Pending clinical review" not in english
    spanish = _handout_text(content_copy, "es", tmp_path)
    assert "Revisado por Consultant neurologist el 5 de marzo de 2026" in spanish
    assert "próxima revisión: 5 de marzo de 2099" in spanish
    # One character later the sheet goes back to "pending".
    edit_one_character(content_copy / "en" / "ui.yaml", "Back", "Bac k")
    assert "Pending clinical review" in _handout_text(content_copy, "en", tmp_path)


# -- status as JSON, file modes, no Qt ------------------------------------------------


def test_status_json_names_state_digest_and_changed_files(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve(content_copy, "en") == 0
    edit_one_character(content_copy / "en" / "handout.yaml", "Main points", "Main  points")
    capsys.readouterr()
    assert main(["content", "status", "--json", "--content", str(content_copy)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["en"]["state"] == "changed"
    assert data["en"]["digest_matches"] is False
    assert data["en"]["changed_files"] == ["en/handout.yaml"]
    assert data["en"]["approval"]["reviewer"] == REVIEWER
    assert data["en"]["digest"] == read_pack_files(content_copy, "en").digest
    assert data["es"]["state"] == "draft" and data["es"]["approval"] is None


def test_status_of_broken_content_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "status", "--content", str(tmp_path / "nowhere")]) == 1
    assert "content folder not found" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_record_is_readable_by_the_kiosk_user(content_copy: Path) -> None:
    assert approve(content_copy, "en") == 0
    for name in ("review.json", "review-snapshot.json"):
        assert (content_copy / "en" / name).stat().st_mode & 0o777 == 0o644


def test_the_review_core_imports_no_qt() -> None:
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is blocked: " + name)
        sys.meta_path.insert(0, Block())
        import kiosk.review, kiosk.review.texts, kiosk.review.sheet, kiosk.triage_audit
        import kiosk.commands.review_cmd, kiosk.commands.triage_audit_cmd
        from kiosk.resources import SHIPPED_CONTENT_DIR
        print(kiosk.review.pack_status(SHIPPED_CONTENT_DIR, "en").state)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "draft"


def test_review_sheet_pictures_every_page_of_every_printed_handout(
    sheet_pages: dict[str, list[str]],
) -> None:
    from kiosk.handout import HandoutOptions, build_handout

    pack = load_content()
    for code in ("en", "es"):
        pictures = [p for p in sheet_pages[code] if "as a picture" in p]
        for level in ReadingLevel:
            pdf = build_handout(pack.language(code), pack.sources, HandoutOptions(level=level))
            pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
            name = {"basic": "Basic (Simple)", "standard": "Standard", "detailed": "Detailed"}
            shown = [p for p in pictures if f"handout, {name[level.value]}, page" in p]
            assert len(shown) == pages, (code, level)
            assert f"page {pages} of {pages} (Letter)" in shown[-1]


def test_review_sheet_text_only_has_no_pictures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    assert main(["content", "review-sheet", "--lang", "en", "--text-only", "-o", str(out)]) == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert "as a picture" not in text
    assert "Part 4. The handout" in text


def test_review_sheet_in_a_fresh_process_makes_no_qt_application(tmp_path: Path) -> None:
    """The pictures need no QCoreApplication (one would block a later QApplication)."""
    import subprocess
    import sys

    out = tmp_path / "r.pdf"
    script = (
        "import sys\n"
        "from kiosk.cli import main\n"
        f"code = main(['content', 'review-sheet', '--lang', 'en', '-o', {str(out)!r}])\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "assert QCoreApplication.instance() is None\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(out).pages)
    assert "as a picture" in text


def test_the_start_log_line_says_each_packs_review_state(content_copy: Path) -> None:
    from kiosk.fleet import start_line

    assert approve(content_copy, "en") == 0
    review.use_content_dir(content_copy)
    line = start_line({"en": "1", "es": "1"}, review.approval_line(["en", "es"]))
    assert line.endswith("approval en approved, es draft")
