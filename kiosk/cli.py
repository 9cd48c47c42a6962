"""Command-line entry point: ``kiosk`` opens the kiosk, ``kiosk COMMAND`` runs a command.

The sub-commands (``content``, ``triage``, ``handout``, ``settings``) live in
``kiosk/commands/``, and the parser in ``kiosk/commands/parser.py``. The
kiosk's own launch lines (``kiosk``, ``kiosk --fullscreen``, ``kiosk
--windowed``) skip the parser and those imports: a patient waits for them
(docs/performance.md).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Launch line -> fullscreen (None: as the settings say).
PLAIN_LAUNCHES: dict[tuple[str, ...], bool | None] = {
    (): None,
    ("--fullscreen",): True,
    ("--windowed",): False,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the kiosk or one of its commands; returns the exit code."""
    words = tuple(sys.argv[1:] if argv is None else argv)
    if words in PLAIN_LAUNCHES:
        from kiosk.app import run_app  # Qt is imported only when the UI runs.

        return run_app(fullscreen=PLAIN_LAUNCHES[words])
    from kiosk.commands.parser import build_parser

    args = build_parser().parse_args(words)
    if args.command is None:
        from kiosk.app import run_app

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
