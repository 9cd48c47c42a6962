"""Load ``teach_back.yaml`` (the "Check your understanding" step) into frozen models.

Part of the loader (``kiosk.content.loader`` calls it for every language):
every problem names the file and the key path, for example
``content/en/teach_back.yaml: questions[0].choices: 2 right answers (exactly one must be right)``.

The file is optional: a language without it offers no teach-back step, but
when one language has it every language must, with the same questions,
choices, pictures and right answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.models import (
    LanguagePack,
    ReadingLevel,
    Source,
    TeachBack,
    TeachBackChoice,
    TeachBackQuestion,
    Tier,
)
from kiosk.pictures import Picture, svg_path

if TYPE_CHECKING:
    from kiosk.content.loader import _Doc

TEACH_BACK_FILE = "teach_back.yaml"
# The result question offers one tile per result below emergency (the
# emergency takeover never offers the step).
RESULT_TIERS = (Tier.TODAY, Tier.SOON, Tier.ROUTINE, Tier.SELF_CARE)
MIN_CHOICES = 2
MAX_CHOICES = 4
# Issue 18: three to four questions; the end screen sums up in three bullets.
MIN_QUESTIONS = 3
MAX_QUESTIONS = 4
SUMMARY_BULLETS = 3


def load_teach_back(doc: _Doc, sources: Mapping[str, Source]) -> TeachBack | None:
    """The teach-back step of one language, or None when the file is absent or broken."""
    if not doc.path.exists():
        return None
    root = doc.root()
    if root is None:
        return None
    from kiosk.content.loader import _source_ids  # one rule for source ids

    questions: list[TeachBackQuestion] = []
    for where, item, ident in doc.entries(root.get("questions"), "questions"):
        for_result = doc.flag(item, "for_result", where)
        choices = _choices(doc, item, where, for_result)
        questions.append(
            TeachBackQuestion(
                id=ident,
                sources=_source_ids(doc, item.get("sources"), f"{where}.sources", sources),
                prompt=doc.levels(item, "prompt", where),
                right_line=doc.levels(item, "right_line", where),
                explain=doc.levels(item, "explain", where) if not for_result else {},
                choices=tuple(choices),
                for_result=for_result,
            )
        )
    _check_count(doc, questions)
    return TeachBack(questions=tuple(questions), summary=_summary(doc, root))


def _check_count(doc: _Doc, questions: list[TeachBackQuestion]) -> None:
    ordinary = sum(1 for q in questions if not q.for_result)
    for_result = len(questions) - ordinary
    if for_result > 1:
        doc.problem("questions", f"{for_result} questions say for_result (at most one may)")
    if ordinary < MIN_QUESTIONS or len(questions) > MAX_QUESTIONS:
        doc.problem(
            "questions",
            f"{ordinary} question(s) for everyone and {for_result} for a result: ask "
            f"{MIN_QUESTIONS} to {MAX_QUESTIONS} in all, at least {MIN_QUESTIONS} for everyone",
        )


def _choices(
    doc: _Doc, item: Mapping[str, Any], where: str, for_result: bool
) -> list[TeachBackChoice]:
    path = f"{where}.choices"
    entries = doc.items(item.get("choices"), path)
    choices: list[TeachBackChoice] = []
    for at, raw, ident in doc.each(entries, path):
        picture = _picture(doc, raw, at)
        if "caption" not in raw:
            doc.problem(f"{at}.caption", "missing (every choice needs a caption)")
            caption: dict[ReadingLevel, str] = {}
        else:
            caption = doc.levels(raw, "caption", at)
        right = doc.flag(raw, "right", at)
        tier: Tier | None = None
        explain: dict[ReadingLevel, str] = {}
        if for_result:
            if "right" in raw:
                doc.problem(f"{at}.right", "the result question's right answer is the result")
            tier = _tier(doc, raw, at)
            explain = doc.levels(raw, "explain", at)
        elif "tier" in raw:
            doc.problem(f"{at}.tier", "only the for_result question's choices name a tier")
        choices.append(TeachBackChoice(ident, picture, caption, right, tier, explain))
    if entries and for_result:
        _check_result_tiers(doc, path, choices)
    elif entries:
        if not MIN_CHOICES <= len(entries) <= MAX_CHOICES:
            doc.problem(path, f"{len(entries)} choices (give {MIN_CHOICES} to {MAX_CHOICES})")
        rights = sum(1 for c in choices if c.right)
        if rights != 1:
            doc.problem(path, f"{rights} right answers (exactly one must be right)")
    return choices


def _picture(doc: _Doc, raw: Mapping[str, Any], at: str) -> str:
    picture = doc.text(raw, "picture", at)
    if not picture:
        return ""
    valid = {p.value for p in Picture}
    if picture not in valid:
        doc.problem(f"{at}.picture", f"unknown picture {picture!r} (see kiosk/pictures.py)")
        return ""
    if not svg_path(picture).is_file():
        doc.problem(f"{at}.picture", f"picture {picture!r} has no file ({svg_path(picture).name})")
        return ""
    return picture


def _tier(doc: _Doc, raw: Mapping[str, Any], at: str) -> Tier | None:
    written = raw.get("tier")
    allowed = [t.value for t in RESULT_TIERS]
    if written not in allowed:
        what = "missing" if written is None else f"{written!r} is not a result below emergency"
        doc.problem(f"{at}.tier", f"{what} (use one of {', '.join(allowed)})")
        return None
    return Tier(written)


def _check_result_tiers(doc: _Doc, path: str, choices: list[TeachBackChoice]) -> None:
    """One choice per result below emergency, so every result has exactly one right answer."""
    tiers = [c.tier for c in choices if c.tier is not None]
    for tier in RESULT_TIERS:
        count = tiers.count(tier)
        if count != 1:
            doc.problem(
                path,
                f"{count} choices for the {tier.value!r} result (exactly one must be right "
                "for every result: one choice per tier)",
            )


def _summary(doc: _Doc, root: Mapping[str, Any]) -> dict[ReadingLevel, tuple[str, ...]]:
    raw = doc.mapping(root.get("summary"), "summary")
    if raw is None:
        return {}
    for extra in sorted(set(map(str, raw)) - {level.value for level in ReadingLevel}):
        doc.problem(f"summary.{extra}", "unknown reading level")
    summary: dict[ReadingLevel, tuple[str, ...]] = {}
    for level in ReadingLevel:
        where = f"summary.{level.value}"
        bullets = []
        entries = doc.items(raw.get(level.value), where)
        for j, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                doc.problem(f"{where}[{j}]", "expected text")
                continue
            bullets.append(entry.strip())
        if entries and len(entries) != SUMMARY_BULLETS:
            doc.problem(where, f"{len(entries)} bullets (the summary has {SUMMARY_BULLETS})")
        summary[level] = tuple(bullets)
    return summary


def _shape(teach_back: TeachBack) -> list[tuple[object, ...]]:
    """What must be the same in every language: ids, pictures, right answers."""
    return [
        (q.id, q.for_result, tuple((c.id, c.picture, c.right, c.tier) for c in q.choices))
        for q in teach_back.questions
    ]


def check_teach_back_agrees(
    packs: Mapping[str, LanguagePack], root: Path, problems: list[str]
) -> None:
    """Every language has the step or none does, with the same questions and answers."""
    from kiosk.content.loader import against_the_first, display_path

    for code, pack, first_code, first in against_the_first(packs):
        where = f"{display_path(root / code)}/{TEACH_BACK_FILE}"
        if (pack.teach_back is None) != (first.teach_back is None):
            if pack.teach_back is None:
                problems.append(f"{where}: file is missing ({first_code} has one)")
            else:
                problems.append(f"{where}: {first_code} has no such file (give every language one)")
        elif (
            pack.teach_back is not None
            and first.teach_back is not None
            and _shape(pack.teach_back) != _shape(first.teach_back)
        ):
            problems.append(
                f"{where}: questions: ids, choices, pictures or right answers differ "
                f"from {first_code}'s"
            )
