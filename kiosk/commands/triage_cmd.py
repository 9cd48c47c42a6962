"""``kiosk triage``: run the red-flag checklist rule from the command line.

Example::

    kiosk triage --answer weakness=yes --answer fluid_loss=unsure
    kiosk triage --answer breathing=unsure --json
    kiosk triage audit [--cases FILE.json] [--json]   (kiosk/commands/triage_audit_cmd.py)
    kiosk triage table [--lang es]

Every sign id of CONTENT_BRIEF §4 v2 is accepted (``kiosk.triage.SIGN_IDS``),
asked or not: the rule reads every answer given (rule 1). Signs not given
count as ``no``. ``--json`` prints the tier, the signs that gave it and the
tier's title, message, action and how-to texts. Exit codes: 0 done, 1 broken
content, 2 a bad id, answer, language or option.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from kiosk.content import (
    Checklist,
    ContentError,
    ContentPack,
    ReadingLevel,
    Tier,
    TierText,
    load_content,
)
from kiosk.content.placeholders import fill_emergency_number
from kiosk.triage import (
    SIGN_IDS,
    VALID_ANSWERS,
    TriageError,
    TriageResult,
    parse_answers,
    triage,
)

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
        "--json",
        action="store_true",
        help="print one JSON object: tier, triggered_by, title, message, action, how",
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
    parser.add_argument(
        "--clinic-phone", default="", metavar="PHONE", help="clinic phone for the how-to text"
    )
    parser.add_argument(
        "--level",
        default=ReadingLevel.BASIC.value,
        choices=[level.value for level in ReadingLevel],
        help="reading level of the get-help-now list (default: basic)",
    )
    parser.set_defaults(func=run)

    from kiosk.commands import triage_audit_cmd  # audit, table (issue 17)

    triage_audit_cmd.register_actions(parser)


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
            valid_ids = ", ".join(SIGN_IDS)
            return _usage_error(
                f"--answer {item!r} is not ID=ANSWER (valid ids: {valid_ids}; "
                f"valid answers: {', '.join(VALID_ANSWERS)})"
            )
        if qid in raw and raw[qid].strip().lower() != value.strip().lower():
            return _usage_error(f"--answer gives {qid!r} two different answers")
        raw[qid] = value
    try:
        result = triage(parse_answers(raw))
    except TriageError as exc:
        return _usage_error(str(exc))

    text = checklist.results.get(result.tier)
    if args.json:
        print(json.dumps(_as_json(result, text, args.emergency_number, args.clinic_phone)))
    else:
        not_a_diagnosis = pack.language(args.lang).ui.get("result.no_diagnosis", NOT_A_DIAGNOSIS)
        _print_human(result, text, args, not_a_diagnosis)
        if result.tier is not Tier.EMERGENCY:
            _print_safety_net(checklist, ReadingLevel(args.level), args.emergency_number)
        # CONTENT_BRIEF §4 rule 5: every result says the checklist does not diagnose.
        print(not_a_diagnosis)
    return 0


def _as_json(
    result: TriageResult, text: TierText | None, emergency_number: str, clinic_phone: str
) -> dict[str, object]:
    """The result and the tier's wording, as the screen shows it."""
    out: dict[str, object] = {"tier": result.tier.value, "triggered_by": list(result.triggered_by)}
    if text is not None:
        out["title"] = text.title
        out["message"] = fill_emergency_number(text.message, emergency_number)
        out["action"] = fill_emergency_number(text.action, emergency_number)
        out["how"] = fill_emergency_number(text.how_text(clinic_phone), emergency_number)
    return out


# Used only if the content lacks ``result.no_diagnosis``.
NOT_A_DIAGNOSIS = "This checklist does not give a diagnosis."


def _print_human(
    result: TriageResult, text: TierText | None, args: argparse.Namespace, not_a_diagnosis: str
) -> None:
    print(f"tier: {result.tier.value}")
    print(f"triggered by: {', '.join(result.triggered_by) or 'none (no red flags)'}")
    if text is not None:
        how = text.how_text(args.clinic_phone)
        for line in (text.title, text.message, text.action, how, text.come_back):
            if line:
                print(fill_emergency_number(line, args.emergency_number))


def _print_safety_net(checklist: Checklist, level: ReadingLevel, emergency_number: str) -> None:
    """§4 rule 5: every result below emergency ends with the get-help-now list."""
    help_now = checklist.help_now
    if help_now is None:
        return
    print(help_now.lead_in[level])
    for sign in checklist.get_help_now(level):
        print(f"- {sign.text}")
    print(fill_emergency_number(help_now.closing[level], emergency_number))


def _usage_error(reason: str) -> int:
    print(f"{PROG}: {reason}", file=sys.stderr)
    return 2
