"""A triage audit anyone can rerun: vignettes with a reference tier vs the rule. Qt-free.

A case file is JSON: a list of cases, or ``{"cases": [...]}`` (other
top-level keys, such as ``"source"``, are notes). Each case::

    {"id": "thumb-3-weeks", "answers": {"persistent_or_spread": "yes"}, "tier": "routine",
     "story": "optional words for people"}

Answers not given count as ``no`` (CONTENT_BRIEF §4). The public example
cases of CONTENT_BRIEF §4 ship as ``content/triage_cases.json``.

Counts are per reference tier: exact agreement, over-triage (the rule gives
a more urgent tier than the reference) and under-triage (less urgent).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.models import Tier
from kiosk.safe_load import SafeLoadError, read_json_limited
from kiosk.triage import SIGN_TIERS, TriageError, parse_answers, triage

PUBLIC_CASES_FILE = "triage_cases.json"
CASES_MAX_BYTES = 4 * 1024 * 1024
MAX_CASES = 10_000
CASE_KEYS = frozenset({"id", "answers", "tier", "story"})

# What each sign asks about in time (CONTENT_BRIEF §4 v2 signs table), for the
# review sheet and ``kiosk triage table``: the question must say the same.
SIGN_TIME_FRAMES: Mapping[str, str] = {
    "breathing": "right now",
    "stroke_signs": "in the past 7 days, suddenly, even if it went away",
    "seizure_confusion": "today or yesterday (seizure, fainting); now (confusion, drowsiness)",
    "tetany": "now (no time frame in the rule)",
    "weakness_fast": "getting worse over hours or a few days",
    "med_change": "in the past 2 weeks",
    "drug_reaction": "right now (asked only after med_change is yes or unsure)",
    "fluids_kept_down": "today",
    "lithium": "takes lithium now",
    "weakness": "over weeks or months",
    "eyelid_signs": "now (no time frame in the rule)",
    "fluid_loss": "in the past week, on 2 or more days",
    "persistent_or_spread": "more than 2 weeks (14 days exactly is not more)",
    "medicine": "now (no time frame in the rule)",
}

# How soon each tier sends the visitor (CONTENT_BRIEF §4 tiers table).
TIER_TIME_FRAMES: Mapping[Tier, str] = {
    Tier.EMERGENCY: "now: tell the front desk; away from the clinic, call the emergency number",
    Tier.TODAY: "today",
    Tier.SOON: "within 1 to 3 days",
    Tier.ROUTINE: "within about 2 weeks",
    Tier.SELF_CARE: "self-care, and when to come back",
}

TIERS_MOST_URGENT_FIRST: tuple[Tier, ...] = tuple(
    sorted(Tier, key=lambda tier: tier.urgency, reverse=True)
)


class CaseFileError(ValueError):
    """A case file that cannot be audited; ``problems`` name the case and what is wrong."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Case:
    """One vignette: its answers and the tier a clinician expects."""

    id: str
    answers: Mapping[str, str]
    tier: Tier
    story: str = ""


@dataclass(frozen=True)
class Outcome:
    """One case run through the rule."""

    case: Case
    got: Tier
    triggered_by: tuple[str, ...]

    @property
    def verdict(self) -> str:
        """``agree``, ``over`` (more urgent than expected) or ``under``."""
        if self.got is self.case.tier:
            return "agree"
        return "over" if self.got.urgency > self.case.tier.urgency else "under"


@dataclass(frozen=True)
class TierCounts:
    """Counts for the cases whose reference tier is ``tier``."""

    tier: Tier
    cases: int = 0
    agree: int = 0
    over: int = 0
    under: int = 0


@dataclass(frozen=True)
class Audit:
    """The audit of one case file."""

    name: str
    outcomes: tuple[Outcome, ...]

    def per_tier(self) -> list[TierCounts]:
        """Counts per reference tier, most urgent first (tiers with no case included)."""
        out = []
        for tier in TIERS_MOST_URGENT_FIRST:
            mine = [o for o in self.outcomes if o.case.tier is tier]
            out.append(
                TierCounts(
                    tier,
                    len(mine),
                    sum(o.verdict == "agree" for o in mine),
                    sum(o.verdict == "over" for o in mine),
                    sum(o.verdict == "under" for o in mine),
                )
            )
        return out

    def total(self) -> TierCounts:
        """Counts over every case (``tier`` is meaningless here)."""
        rows = self.per_tier()
        return TierCounts(
            Tier.SELF_CARE,
            sum(r.cases for r in rows),
            sum(r.agree for r in rows),
            sum(r.over for r in rows),
            sum(r.under for r in rows),
        )

    def disagreements(self) -> list[Outcome]:
        """The cases where the rule and the reference differ, in file order."""
        return [o for o in self.outcomes if o.verdict != "agree"]

    def as_json(self) -> dict[str, Any]:
        total = self.total()
        return {
            "name": self.name,
            "cases": total.cases,
            "agree": total.agree,
            "over_triage": total.over,
            "under_triage": total.under,
            "per_tier": {
                row.tier.value: {
                    "cases": row.cases,
                    "agree": row.agree,
                    "over_triage": row.over,
                    "under_triage": row.under,
                }
                for row in self.per_tier()
            },
            "disagreements": [
                {
                    "id": o.case.id,
                    "expected": o.case.tier.value,
                    "got": o.got.value,
                    "verdict": o.verdict,
                    "triggered_by": list(o.triggered_by),
                }
                for o in self.disagreements()
            ],
        }


def parse_cases(data: Any, name: str) -> list[Case]:
    """Cases from parsed JSON; CaseFileError naming every bad case and what is wrong."""
    raw = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(raw, list):
        raise CaseFileError(
            [f'{name}: expected a list of cases, or {{"cases": [...]}}, got {_kind(raw)}']
        )
    if not raw:
        raise CaseFileError([f"{name}: there are no cases"])
    if len(raw) > MAX_CASES:
        raise CaseFileError([f"{name}: more than {MAX_CASES} cases"])
    problems: list[str] = []
    cases: list[Case] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"{name}: case {index + 1}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object with id, answers and tier")
            continue
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip():
            where += f" ({ident!r})"
        else:
            problems.append(f"{where}: id is missing (give each case a short text id)")
            ident = ""
        if ident and ident in seen:
            problems.append(f"{where}: id {ident!r} is used by an earlier case")
        seen.add(ident)
        for key in sorted(set(map(str, item)) - CASE_KEYS):
            problems.append(f"{where}: unknown key {key!r} (use id, answers, tier, story)")
        tier_text = item.get("tier")
        tier = None
        with contextlib.suppress(ValueError):
            tier = Tier(tier_text) if isinstance(tier_text, str) else None
        if tier is None:
            valid = ", ".join(t.value for t in TIERS_MOST_URGENT_FIRST)
            problems.append(f"{where}: tier {tier_text!r} is not a tier (use {valid})")
        answers = item.get("answers")
        parsed: dict[str, str] = {}
        if not isinstance(answers, dict):
            problems.append(
                f"{where}: answers must be an object of sign: yes|no|unsure, got {_kind(answers)}"
            )
        else:
            try:
                parsed = {k: v.value for k, v in parse_answers(answers).items()}
            except TriageError as exc:
                problems.append(f"{where}: answers: {exc}")
        story = item.get("story", "")
        if not isinstance(story, str):
            problems.append(f"{where}: story must be text")
            story = ""
        if tier is not None and ident:
            cases.append(Case(ident, parsed, tier, story))
    if problems:
        raise CaseFileError(problems)
    return cases


def read_cases(path: Path, name: str | None = None) -> list[Case]:
    """The cases in ``path``; CaseFileError when it cannot be read or a case is bad."""
    label = name or str(path)
    try:
        data = read_json_limited(path, max_bytes=CASES_MAX_BYTES, name=label)
    except FileNotFoundError:
        raise CaseFileError([f"{label}: file not found"]) from None
    except OSError as exc:
        raise CaseFileError([f"{label}: cannot be read ({exc.strerror or exc})"]) from None
    except SafeLoadError as exc:
        raise CaseFileError([str(exc)]) from None
    return parse_cases(data, label)


def public_cases_path() -> Path:
    """The shipped CONTENT_BRIEF §4 example cases."""
    from kiosk.resources import SHIPPED_CONTENT_DIR

    return SHIPPED_CONTENT_DIR / PUBLIC_CASES_FILE


def run_audit(cases: Sequence[Case], name: str) -> Audit:
    """Every case through :func:`kiosk.triage.triage`."""
    outcomes = []
    for case in cases:
        result = triage(case.answers)
        outcomes.append(Outcome(case, result.tier, result.triggered_by))
    return Audit(name, tuple(outcomes))


def audit_lines(audit: Audit) -> list[str]:
    """The audit as a plain table and the disagreeing cases."""
    header = f"{'reference tier':<16}{'cases':>6}{'agree':>7}{'over':>6}{'under':>7}"
    lines = [audit.name, header, "-" * len(header)]
    for row in [*audit.per_tier(), None]:
        label = "all" if row is None else row.tier.value
        row = audit.total() if row is None else row
        lines.append(f"{label:<16}{row.cases:>6}{row.agree:>7}{row.over:>6}{row.under:>7}")
    wrong = audit.disagreements()
    if wrong:
        lines.append("Disagreeing cases:")
        for o in wrong:
            why = ", ".join(o.triggered_by) or "no red flag"
            lines.append(
                f"  {o.case.id}: expected {o.case.tier.value}, the rule gives {o.got.value} "
                f"({o.verdict}-triage; from {why})"
            )
    else:
        lines.append("Every case agrees with the rule.")
    return lines


def sign_rows() -> list[tuple[str, Tier, Tier, str]]:
    """``(sign, tier for yes, tier for unsure, time frame)`` in asking order."""
    from kiosk.content.models import Answer
    from kiosk.triage import answer_tier

    return [
        (sign, tier, answer_tier(tier, Answer.UNSURE), SIGN_TIME_FRAMES.get(sign, ""))
        for sign, tier in SIGN_TIERS.items()
    ]


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "nothing" if value is None else type(value).__name__
    )
