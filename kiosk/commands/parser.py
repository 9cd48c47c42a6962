"""The full ``kiosk`` argument parser: UI options plus every sub-command."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from kiosk import APP_NAME, __version__
from kiosk.commands import command_modules


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser for every ``kiosk`` command line."""
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
    for module in command_modules():
        module.register(sub)
    return parser
