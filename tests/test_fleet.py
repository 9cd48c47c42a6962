"""Counts export, kiosk id, start line and journal logging (issue 19, item 7)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import socket
import struct
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.cli import main
from kiosk.counters import Counters, DayCounts
from kiosk.fleet import Export, csv_columns, kiosk_id, select_days, start_line, to_csv, to_json
from kiosk.journal import JournalHandler, encode_fields, under_journal


def _days() -> tuple[DayCounts, ...]:
    return (
        DayCounts("2026-11-30", sessions=3, levels={"basic": 2}, languages={"en": 3}),
        DayCounts(
            "2026-12-01",
            sessions=1,
            levels={"detailed": 1},
            languages={"es": 1},
            tiers={"routine": 1},
            handouts_printed=2,
        ),
    )


def test_kiosk_id_comes_from_the_environment_or_the_host_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_ID", "  clinic7-room2 ")
    assert kiosk_id() == "clinic7-room2"
    monkeypatch.delenv("KIOSK_ID")
    assert kiosk_id() == socket.gethostname()


def test_since_keeps_the_day_itself_and_later() -> None:
    days = _days()
    assert select_days(days, dt.date(2026, 12, 1)) == days[1:]
    assert select_days(reversed(days), None) == days
    assert select_days(days, dt.date(2027, 1, 1)) == ()


def test_json_export_names_the_kiosk_and_clinic_and_holds_only_day_totals() -> None:
    data = json.loads(to_json(Export("k7", "Clínica Norte", _days())))
    assert data["kiosk_id"] == "k7" and data["clinic_name"] == "Clínica Norte"
    assert data["app_version"] == __version__
    assert [day["date"] for day in data["days"]] == ["2026-11-30", "2026-12-01"]
    assert data["days"][1]["handouts_printed"] == 2
    assert data["days"][1]["tiers"] == {"routine": 1}
    allowed = {"date", "sessions", "handouts_printed", "handouts_saved", "levels", "languages"}
    assert set(data["days"][0]) == allowed | {"tiers"}


def test_csv_export_has_one_row_a_day_with_every_column_filled() -> None:
    text = to_csv(Export("k7", "Clinic, North", _days()))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[0]["clinic_name"] == "Clinic, North"  # quoted, not split
    assert rows[0]["level_basic"] == "2" and rows[0]["level_detailed"] == "0"
    assert rows[1]["language_es"] == "1" and rows[0]["language_es"] == "0"
    assert rows[1]["tier_routine"] == "1" and rows[1]["tier_emergency"] == "0"
    assert all(value != "" for row in rows for value in row.values())
    assert "language_en" in csv_columns(_days())
    header_only = to_csv(Export("k7", "", ()))
    assert header_only.count("\n") == 1 and header_only.startswith("kiosk_id,")


def test_counts_command_exports_the_stored_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KIOSK_ID", "k9")
    days = iter([dt.date(2026, 11, 1), dt.date(2026, 11, 2)])
    current = next(days)
    counters = Counters(today=lambda: current)
    counters.session_started()
    current = next(days)
    counters.session_started()
    counters.handout_saved()
    counters.flush(final=True)  # counts reach the file at most once a minute, and at exit
    assert main(["counts", "--csv", "--since", "2026-11-02"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["kiosk_id"], r["date"], r["handouts_saved"]) for r in rows] == [
        ("k9", "2026-11-02", "1")
    ]
    assert main(["counts"]) == 0  # JSON by default
    assert len(json.loads(capsys.readouterr().out)["days"]) == 2
    with pytest.raises(SystemExit) as stop:
        main(["counts", "--since", "yesterday"])
    assert stop.value.code == 2


def test_start_line_names_app_and_content_versions_and_approval() -> None:
    line = start_line({"es": "1.0.1", "en": "1.0.0"})
    assert f"twitch-kiosk {__version__} starting" in line
    assert "content en 1.0.0, es 1.0.1" in line
    assert line.endswith("approval not recorded")
    assert start_line({}, approval="approved").endswith("approval approved")


def test_journal_fields_are_encoded_in_the_native_format() -> None:
    data = encode_fields({"MESSAGE": "one line", "KIOSK_LOGGER": "kiosk"})
    assert data == b"MESSAGE=one line\nKIOSK_LOGGER=kiosk\n"
    multi = encode_fields({"MESSAGE": "a\nb"})
    assert multi == b"MESSAGE\n" + struct.pack("<Q", 3) + b"a\nb\n"


def test_journal_handler_sends_structured_fields(tmp_path: Path) -> None:
    path = str(tmp_path / "journal.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(path)
    try:
        handler = JournalHandler(path)
        logger = logging.getLogger("kiosk.test_fleet")
        logger.addHandler(handler)
        logger.propagate = False
        try:
            logger.warning("printer %s is offline", "Front desk")
        finally:
            logger.removeHandler(handler)
            handler.close()
        datagram = server.recv(65536).decode()
    finally:
        server.close()
    fields = dict(line.split("=", 1) for line in datagram.splitlines())
    assert fields["MESSAGE"] == "printer Front desk is offline"
    assert fields["PRIORITY"] == "4"
    assert fields["SYSLOG_IDENTIFIER"] == "twitch-kiosk"
    assert fields["KIOSK_LOGGER"] == "kiosk.test_fleet"
    assert fields["KIOSK_APP_VERSION"] == __version__
    assert fields["CODE_FUNC"] == "test_journal_handler_sends_structured_fields"


def test_journal_is_used_only_under_systemd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kiosk.journal.os.path.exists", lambda path: True)
    assert not under_journal({})
    assert under_journal({"JOURNAL_STREAM": "8:12345"}) == __import__("sys").platform.startswith(
        "linux"
    )
