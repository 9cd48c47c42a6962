"""Command-line entry point: argument parsing only.

``kiosk`` with no command opens the kiosk; the sub-commands (``content``,
``triage``, ``handout``, ``settings``) each live in ``kiosk/commands/``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kiosk import APP_NAME, __version__
from kiosk.commands import COMMAND_MODULES


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser: UI options plus every sub-command."""
    parser = OneLineParser(
        prog="kiosk",
        description=f"{APP_NAME}: an offline patient-education kiosk on muscle twitching.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--fullscreen",
        action="store_true",
        help="fill the screen and lock the kiosk down (waiting-room mode)",
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="open a normal window even if the settings ask for full screen",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="load the content, build every screen offscreen, report and exit",
    )
    parser.add_argument("--content", type=Path, metavar="DIR", help="content folder to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the kiosk or one of its commands; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from kiosk.app import run_app  # Qt is imported only when the UI runs.

        return run_app(
            content_dir=args.content,
            fullscreen=True if args.fullscreen else (False if args.windowed else None),
            self_test=args.self_test,
        )
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
