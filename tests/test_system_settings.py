"""The system settings file IT owns over the kiosk user's file (issue 19, item 5)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.settings import Paper, Settings, save_settings
from kiosk.staff_pin import verify_pin
from kiosk.system_settings import (
    load_effective_settings,
    read_system_settings,
    system_dir,
)


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "user" / "settings.json", tmp_path / "system" / "settings.json"


def test_the_system_file_wins_except_where_it_allows_the_user(files: tuple[Path, Path]) -> None:
    local, system = files
    save_settings(Settings(clinic_name="Set by staff", printer="Front desk", paper=Paper.A4), local)
    _write(
        system,
        {
            "clinic_name": "North Clinic",
            "emergency_number": "112",
            "printer": "IT default",
            "allow_local": ["printer"],
        },
    )
    loaded = load_effective_settings(local, system)
    assert loaded.warning is None
    assert loaded.settings.clinic_name == "North Clinic"  # locked by IT
    assert loaded.settings.emergency_number == "112"
    assert loaded.settings.printer == "Front desk"  # allowed: the user's file wins
    assert loaded.settings.paper is Paper.A4  # not in the system file: the user's


def test_an_allowed_setting_the_user_never_set_comes_from_the_system_file(
    files: tuple[Path, Path],
) -> None:
    local, system = files
    _write(system, {"printer": "IT default", "allow_local": ["printer"]})
    assert load_effective_settings(local, system).settings.printer == "IT default"


def test_no_system_file_changes_nothing(files: tuple[Path, Path]) -> None:
    local, system = files
    save_settings(Settings(clinic_name="Mine"), local)
    loaded = load_effective_settings(local, system)
    assert loaded.settings == Settings(clinic_name="Mine") and loaded.warning is None


def test_a_bad_system_file_is_reported_and_the_valid_rest_applies(
    files: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    local, system = files
    _write(
        system,
        {
            "clinic_name": "North Clinic",
            "emergency_number": "call us",
            "idle_seconds": "90",
            "fullscreen": "true",
            "colour": "blue",
            "allow_local": ["nonsense"],
        },
    )
    with caplog.at_level(logging.WARNING):
        loaded = load_effective_settings(local, system)
    assert loaded.settings.clinic_name == "North Clinic"
    assert loaded.settings.emergency_number == Settings().emergency_number
    assert loaded.settings.idle_seconds == Settings().idle_seconds  # a string is not a number
    assert loaded.settings.fullscreen is Settings().fullscreen  # nor "true" a switch
    assert loaded.warning is not None and str(system) in loaded.warning
    for word in ("emergency_number", "idle_seconds", "fullscreen", "'colour'", "'nonsense'"):
        assert word in loaded.warning
    assert str(system) in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[1, 2]",
        "\xff",
        "[" * 5000 + "]" * 5000,
        '{"idle_seconds": ' + "9" * 5001 + "}",
    ],
    ids=["broken", "list", "bytes", "deeply-nested", "huge-number"],
)
def test_an_unreadable_system_file_leaves_the_user_settings(
    files: tuple[Path, Path], text: str
) -> None:
    local, system = files
    save_settings(Settings(clinic_name="Mine"), local)
    _write(system, text)
    loaded = load_effective_settings(local, system)
    assert loaded.settings.clinic_name == "Mine"
    assert loaded.warning and "System settings file" in loaded.warning


def test_set_pin_hash_prints_a_hash_the_system_file_accepts(
    files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    local, system = files
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(local.parent))
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("4821\n"))
    assert main(["settings", "set-pin", "--pin-stdin", "--hash"]) == 0
    pin_hash = capsys.readouterr().out.strip()
    assert not local.exists()  # printed, not saved
    _write(system, {"pin_hash": pin_hash})
    settings = load_effective_settings(local, system).settings
    assert verify_pin("4821", settings.pin_hash) and not verify_pin("1111", settings.pin_hash)
    # The same file gives the same PIN every run: nothing is re-salted.
    assert load_effective_settings(local, system).settings.pin_hash == pin_hash


def test_a_forged_pin_hash_in_the_system_file_is_skipped(files: tuple[Path, Path]) -> None:
    _, path = files
    _write(path, {"pin_hash": "1234"})
    result = read_system_settings(path)
    assert "pin_hash" not in result.values and result.problems


def test_system_folder_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_SYSTEM_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert system_dir() == Path("/etc/twitch-kiosk")
    monkeypatch.setattr("sys.platform", "darwin")
    assert system_dir() == Path("/Library/Application Support/twitch-kiosk")
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "D:\\PD")
    assert system_dir() == Path("D:\\PD") / "twitch-kiosk"
    monkeypatch.setenv("KIOSK_SYSTEM_DIR", "/tmp/sys")
    assert system_dir() == Path("/tmp/sys")
