"""``kiosk triage``: run the red-flag checklist rule from the command line.

Example::

    kiosk triage --answer weakness=yes --answer fluid_loss=unsure
    kiosk triage --answer breathing=unsure --json

Questions not given count as ``no``. Exit codes: 0 done, 1 broken content,
2 a bad id, answer, language or option.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from kiosk.content import ContentError, ContentPack, TierText, load_content
from kiosk.content.placeholders import fill_emergency_number
from kiosk.triage import VALID_ANSWERS, TriageError, TriageResult, parse_answers, triage

PROG = "kiosk triage"
DEFAULT_EMERGENCY_NUMBER = "911"
_EMERGENCY_NUMBER = re.compile(r"\d{2,6}")


def register(sub: Any) -> None:
    """Add the ``triage`` command."""
    parser = sub.add_parser(
        "triage",
        help="apply the red-flag checklist rule to some answers",
        description="Print the tier the checklist gives; questions not given count as no.",
    )
    parser.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="ID=ANSWER",
        help=f"one answer, ANSWER is {'|'.join(VALID_ANSWERS)}; repeat for more",
    )
    parser.add_argument(
        "--json", action="store_true", help='print {"tier": ..., "triggered_by": [...]} only'
    )
    # SUPPRESS keeps a top-level ``kiosk --content DIR triage`` from being reset to None.
    parser.add_argument(
        "--content", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="content folder"
    )
    parser.add_argument("--lang", default="en", help="language code (default: en)")
    parser.add_argument(
        "--emergency-number",
        default=DEFAULT_EMERGENCY_NUMBER,
        metavar="NUMBER",
        help=f"number shown on the emergency result (default: {DEFAULT_EMERGENCY_NUMBER})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the checklist, apply the rule, print the result."""
    if not _EMERGENCY_NUMBER.fullmatch(args.emergency_number):
        return _usage_error(
            f"--emergency-number must be 2 to 6 digits, got {args.emergency_number!r}"
        )
    try:
        pack: ContentPack = load_content(getattr(args, "content", None))
    except ContentError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    if args.lang not in pack.languages:
        valid = ", ".join(pack.languages)
        return _usage_error(f"unknown language {args.lang!r} (use {valid})")
    checklist = pack.language(args.lang).checklist

    raw: dict[str, str] = {}
    for item in args.answer:
        qid, sep, value = item.partition("=")
        qid = qid.strip()
        if not sep or not qid:
            valid_ids = ", ".join(q.id for q in checklist.questions)
            return _usage_error(
                f"--answer {item!r} is not ID=ANSWER (valid ids: {valid_ids}; "
                f"valid answers: {', '.join(VALID_ANSWERS)})"
            )
        if qid in raw and raw[qid].strip().lower() != value.strip().lower():
            return _usage_error(f"--answer gives {qid!r} two different answers")
        raw[qid] = value
    try:
        result = triage(checklist.questions, parse_answers(raw, checklist.questions))
    except TriageError as exc:
        return _usage_error(str(exc))

    if args.json:
        print(json.dumps({"tier": result.tier.value, "triggered_by": list(result.triggered_by)}))
    else:
        not_a_diagnosis = pack.language(args.lang).ui.get("result.no_diagnosis", NOT_A_DIAGNOSIS)
        _print_human(
            result, checklist.results.get(result.tier), args.emergency_number, not_a_diagnosis
        )
    return 0


# Used only if the content lacks ``result.no_diagnosis``.
NOT_A_DIAGNOSIS = "This checklist does not give a diagnosis."


def _print_human(
    result: TriageResult, text: TierText | None, emergency_number: str, not_a_diagnosis: str
) -> None:
    print(f"tier: {result.tier.value}")
    print(f"triggered by: {', '.join(result.triggered_by) or 'none (no red flags)'}")
    if text is not None:
        for line in (text.title, text.message, text.action, text.come_back):
            if line:
                print(fill_emergency_number(line, emergency_number))
    # CONTENT_BRIEF §4 rule 5: every result says the checklist does not diagnose.
    print(not_a_diagnosis)


def _usage_error(reason: str) -> int:
    print(f"{PROG}: {reason}", file=sys.stderr)
    return 2
