"""``kiosk handout``: build the printed handout, save it or print it.

Examples::

    kiosk handout --level basic -o handout.pdf
    kiosk handout --level detailed --paper a4 --large-print -o big.pdf
    kiosk handout --level standard --answers answers.json --print --printer front-desk

``--answers`` takes a JSON object of checklist answers,
``{"question_id": "yes|no|unsure"}``; questions not given count as ``no``.
Exit codes: 0 done, 1 broken content or a failed save or print, 2 a bad
option or answers file. Every failure is one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from kiosk.content import ContentError, ReadingLevel, load_content
from kiosk.handout.paper import Paper  # reportlab is imported only when a handout is built

PROG = "kiosk handout"
_EMERGENCY_NUMBER = re.compile(r"\d{2,6}")


def _settings_defaults() -> dict[str, str]:
    """Clinic name/phone, paper, printer and emergency number from the settings.

    The one place the command reads settings; options on the command line win.
    """
    try:
        from kiosk.settings import load_settings
    except ImportError:  # settings not available: plain defaults
        return {"clinic_name": "", "clinic_phone": "", "paper": "letter", "printer": ""}
    loaded = load_settings()
    if loaded.warning:
        print(f"{PROG}: warning: {loaded.warning}", file=sys.stderr)
    s = loaded.settings
    return {
        "clinic_name": s.clinic_name,
        "clinic_phone": s.clinic_phone,
        "paper": str(s.paper),
        "printer": s.printer,
        "emergency_number": s.emergency_number,
    }


def register(sub: Any) -> None:
    """Add the ``handout`` command."""
    parser = sub.add_parser(
        "handout",
        help="build the printed handout (save it as a PDF or print it)",
        description="Build the handout PDF at one reading level; save it or print it.",
    )
    parser.add_argument("--level", required=True, choices=[lv.value for lv in ReadingLevel])
    parser.add_argument("--lang", default="en", help="language code (default: en)")
    parser.add_argument("--large-print", action="store_true", help="16 pt body text")
    parser.add_argument(
        "--paper", choices=[p.value for p in Paper], help="paper size (default: from settings)"
    )
    parser.add_argument(
        "--answers",
        type=Path,
        metavar="FILE.json",
        help='checklist answers, {"question_id": "yes|no|unsure"}; prints the result',
    )
    parser.add_argument(
        "--reproducible", action="store_true", help="byte-identical output for the same input"
    )
    parser.add_argument(
        "--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help=argparse.SUPPRESS
    )
    parser.add_argument("--clinic-name", help=argparse.SUPPRESS)
    parser.add_argument("--clinic-phone", help=argparse.SUPPRESS)
    parser.add_argument("--emergency-number", help=argparse.SUPPRESS)
    parser.add_argument(
        "--content", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="content folder"
    )
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("-o", "--output", type=Path, metavar="OUT.pdf", help="save the PDF here")
    out.add_argument("--print", dest="print_it", action="store_true", help="send it to a printer")
    parser.add_argument("--printer", help="printer name (default: settings, then system default)")
    parser.add_argument("--copies", type=int, default=1, metavar="N", help="copies to print")
    parser.set_defaults(func=run)


def _fail(message: str, code: int = 2) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Build the handout, then save or print it."""
    from kiosk.handout import HandoutOptions, HandoutTextError, build_handout, load_handout_text

    if not args.print_it and (args.printer or args.copies != 1):
        return _fail("--printer and --copies go with --print")
    if args.copies < 1 or args.copies > 20:
        return _fail(f"--copies must be 1 to 20, got {args.copies}")
    defaults = _settings_defaults()
    emergency = args.emergency_number or defaults.get("emergency_number") or "911"
    if not _EMERGENCY_NUMBER.fullmatch(emergency):
        return _fail(f"--emergency-number must be 2 to 6 digits, got {emergency!r}")
    content_dir = getattr(args, "content", None)
    try:
        pack = load_content(content_dir)
    except ContentError as exc:
        first = "; ".join(exc.problems[:5]) or "content is broken"
        more = f" (and {len(exc.problems) - 5} more; run kiosk content check)"
        return _fail(first + (more if len(exc.problems) > 5 else ""), 1)
    if args.lang not in pack.languages:
        return _fail(f"unknown language {args.lang!r} (use {', '.join(pack.languages)})")
    language = pack.language(args.lang)
    from kiosk.review import use_content_dir  # the footer's review line: this folder's record

    use_content_dir(content_dir)
    try:
        text = load_handout_text(args.lang, content_dir)
    except HandoutTextError as exc:
        return _fail(str(exc), 1)

    tier, triggered = None, ()
    if args.answers is not None:
        outcome = _read_answers(args.answers, language.checklist.questions)
        if isinstance(outcome, str):
            return _fail(outcome)
        tier, triggered = outcome.tier, outcome.triggered_by

    options = HandoutOptions(
        level=ReadingLevel(args.level),
        paper=Paper(args.paper or defaults.get("paper") or "letter"),
        large_print=args.large_print,
        tier=tier,
        triggered_by=triggered,
        clinic_name=args.clinic_name if args.clinic_name is not None else defaults["clinic_name"],
        clinic_phone=(
            args.clinic_phone if args.clinic_phone is not None else defaults["clinic_phone"]
        ),
        emergency_number=emergency,
        printed_on=args.date or dt.date.today(),
        reproducible=args.reproducible,
    )
    data = build_handout(language, pack.sources, options, text)
    return _deliver(args, data, defaults.get("printer") or None, language.topic.title)


def _read_answers(path: Path, questions: Any) -> Any:
    """The TriageResult for the answers file, or a one-line problem."""
    from kiosk.triage import TriageError, parse_answers, triage

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"answers file {path} does not exist"
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"answers file {path} cannot be read ({reason})"
    except json.JSONDecodeError as exc:
        return f"answers file {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
    if not isinstance(raw, dict):
        return f'answers file {path} must be a JSON object like {{"breathing": "no"}}'
    try:
        return triage(questions, parse_answers(raw, questions))
    except TriageError as exc:
        return f"answers file {path}: {exc}"


def _deliver(args: argparse.Namespace, data: bytes, printer: str | None, title: str) -> int:
    from kiosk.printing import PrintError, SaveError, print_pdf, save_pdf_atomic

    if args.print_it:
        try:
            job = print_pdf(data, args.printer or printer, copies=args.copies, title=title)
        except PrintError as exc:
            return _fail(str(exc), 1)
        print(f"sent to {job.printer}" + (f" as job {job.job_id}" if job.job_id else ""))
        return 0
    try:
        save_pdf_atomic(data, args.output)
    except SaveError as exc:
        return _fail(str(exc), 1)
    print(f"saved {args.output}")
    return 0
