"""``kiosk counts --json|--csv [--since DATE]``: the daily totals for a fleet."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``counts`` command."""
    parser = sub.add_parser(
        "counts", help="export the anonymous daily counts (JSON or CSV) with the kiosk id"
    )
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--json", dest="format", action="store_const", const="json")
    kind.add_argument("--csv", dest="format", action="store_const", const="csv")
    parser.add_argument(
        "--since",
        type=_date,
        metavar="YYYY-MM-DD",
        help="only days on or after this date (default: every kept day, up to 90)",
    )
    parser.set_defaults(func=run_counts, format="json")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run_counts(args: argparse.Namespace) -> int:
    """Print the export to standard output (redirect it to a file to collect it)."""
    from kiosk.counters import Counters
    from kiosk.fleet import Export, kiosk_id, select_days, to_csv, to_json
    from kiosk.system_settings import load_effective_settings

    loaded = load_effective_settings()
    export = Export(
        kiosk_id=kiosk_id(),
        clinic_name=loaded.settings.clinic_name,
        days=select_days(Counters().days(), args.since),
    )
    sys.stdout.write(to_csv(export) if args.format == "csv" else to_json(export))
    return 0
