"""``kiosk triage audit`` and ``kiosk triage table``: the rule, checked and shown for clinicians.

Examples::

    kiosk triage audit                       # the CONTENT_BRIEF §4 example cases
    kiosk triage audit --cases clinic.json   # and the clinic's own vignettes
    kiosk triage audit --json
    kiosk triage table --lang es

Exit codes: 0 every case agrees (audit) or the table was printed; 1 some case
disagrees, or the content is broken (table); 2 a malformed case file (each
bad case is named with what is wrong), or a bad option.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from kiosk.content import ContentError, ReadingLevel, load_content

PROG = "kiosk triage"
PUBLIC_NAME = "Public example cases (CONTENT_BRIEF §4)"


def register_actions(parser: argparse.ArgumentParser) -> None:
    """Add ``audit`` and ``table`` under the ``triage`` parser (whose own options stay)."""
    actions = parser.add_subparsers(dest="triage_action", metavar="[audit|table]")
    audit = actions.add_parser(
        "audit",
        help="run the example cases (and a clinic's vignettes) through the rule",
        description="Exact agreement, over-triage and under-triage per reference tier.",
    )
    audit.add_argument(
        "--cases",
        type=Path,
        action="append",
        default=[],
        metavar="FILE.json",
        help='a vignette file: [{"id", "answers": {sign: value}, "tier"}, ...]; repeat for more',
    )
    audit.add_argument(
        "--no-public",
        action="store_true",
        help="leave out the shipped CONTENT_BRIEF §4 example cases",
    )
    audit.add_argument("--json", action="store_true", help="print one JSON object")
    audit.set_defaults(func=run_audit)

    table = actions.add_parser(
        "table",
        help="print the rule as a plain-language table (sign, question, tier) per language",
    )
    table.add_argument("--lang", help="one language (default: every language)")
    table.add_argument(
        "--level",
        default=ReadingLevel.BASIC.value,
        choices=[level.value for level in ReadingLevel],
        help="reading level of the question text (default: basic)",
    )
    table.add_argument(
        "--content", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="content folder"
    )
    table.set_defaults(func=run_table)


def audits(files: list[Path], public: bool) -> list[Any]:
    """The audits of the public cases (if asked) and of each file; CaseFileError if any is bad."""
    from kiosk.triage_audit import CaseFileError, public_cases_path, read_cases, run_audit

    sets = []
    problems: list[str] = []
    sources = [(public_cases_path(), PUBLIC_NAME)] if public else []
    sources += [(path, str(path)) for path in files]
    for path, name in sources:
        try:
            sets.append(run_audit(read_cases(path, name), name))
        except CaseFileError as exc:
            problems += exc.problems
    if problems:
        raise CaseFileError(problems)
    return sets


def run_audit(args: argparse.Namespace) -> int:
    """Print the audit; exit 1 when a case disagrees, 2 on a bad file."""
    from kiosk.triage_audit import CaseFileError, audit_lines

    if args.no_public and not args.cases:
        return _usage("--no-public needs at least one --cases FILE")
    try:
        sets = audits(args.cases, public=not args.no_public)
    except CaseFileError as exc:
        for line in exc.problems:
            print(f"{PROG} audit: {line}", file=sys.stderr)
        return 2
    disagree = sum(len(s.disagreements()) for s in sets)
    if args.json:
        print(json.dumps({"sets": [s.as_json() for s in sets], "disagreements": disagree}))
    else:
        for index, audit in enumerate(sets):
            if index:
                print()
            print("\n".join(audit_lines(audit)))
        print()
        print(
            "over = the rule is more urgent than the reference tier; "
            "under = less urgent. Answers not given count as no."
        )
    return 1 if disagree else 0


def run_table(args: argparse.Namespace) -> int:
    """The rule, sign by sign, with each language's question text."""
    try:
        pack = load_content(getattr(args, "content", None))
    except ContentError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    if args.lang is not None and args.lang not in pack.languages:
        return _usage(f"unknown language {args.lang!r} (use {', '.join(pack.languages)})")
    codes = [args.lang] if args.lang else list(pack.languages)
    level = ReadingLevel(args.level)
    for index, code in enumerate(codes):
        if index:
            print()
        print("\n".join(table_lines(pack.language(code), level)))
    return 0


def table_lines(language: Any, level: ReadingLevel, width: int = 100) -> list[str]:
    """One language's rule table as plain text."""
    from kiosk.triage_audit import TIER_TIME_FRAMES, sign_rows

    results = language.checklist.results
    lines = [
        f"{language.name} ({language.language}), {level.value} level: "
        "sign -> question -> tier (CONTENT_BRIEF §4 v2)",
        "",
    ]
    for sign, tier, unsure, frame in sign_rows():
        question = language.checklist.question(sign)
        title = results[tier].title if tier in results else tier.value
        lines.append(f"{sign}  ->  {tier.value} ({title}); not sure -> {unsure.value}")
        lines.append(f"    time frame: {frame}")
        for text in (question.text[level], *(f"- {p}" for p in question.parts_at(level))):
            lines += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="      ")
    lines.append("")
    lines.append("Tiers, most urgent first:")
    for tier, frame in TIER_TIME_FRAMES.items():
        title = results[tier].title if tier in results else ""
        lines.append(f"  {tier.value}: {title} ({frame})")
    lines += [
        "",
        "Rules: the result is the most urgent tier any answer gives; all no gives self_care.",
        "Not sure counts as yes on an emergency or today sign, and gives routine on a",
        "soon or routine sign. drug_reaction is asked only after med_change is yes or",
        "not sure, but the rule reads it whenever it is given.",
    ]
    return lines


def _usage(reason: str) -> int:
    print(f"{PROG}: {reason}", file=sys.stderr)
    return 2
