"""`kiosk settings ...` through the real CLI entry point."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.settings import EDITABLE_KEYS, load_settings
from kiosk.staff_pin import verify_pin

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "clinic-config"
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(folder))
    return folder


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_path(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(config_dir / "settings.json")


def test_show_defaults(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "show"]) == 0
    out = capsys.readouterr().out
    assert str(config_dir / "settings.json") in out
    assert "not created yet" in out
    for key in EDITABLE_KEYS:
        assert f"\n{key} = " in out
    assert "paper = letter" in out
    assert "emergency_number = 911" in out
    assert "pin = not set" in out
    assert not config_dir.exists()


def test_set_then_show(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "paper", "a4"]) == 0
    assert main(["settings", "set", "idle_seconds", "45"]) == 0
    assert main(["settings", "set", "clinic_name", "Riverside Clinic"]) == 0
    capsys.readouterr()
    assert main(["settings", "show"]) == 0
    out = capsys.readouterr().out
    assert "paper = a4" in out
    assert "idle_seconds = 45" in out
    assert "clinic_name = Riverside Clinic" in out
    assert load_settings(config_dir / "settings.json").settings.idle_seconds == 45


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("papr", "a4", "unknown setting 'papr'"),
        ("paper", "a5", "paper must be one of letter, a4"),
        ("idle_seconds", "2", "from 5 to 3600"),
        ("pin_hash", "x", "set-pin"),
    ],
)
def test_set_bad_key_or_value_exits_2(
    config_dir: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, message: str
) -> None:
    assert main(["settings", "set", key, value]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err
    assert not config_dir.exists()


def test_set_unwritable_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(blocker))
    assert main(["settings", "set", "paper", "a4"]) == 1
    err = capsys.readouterr().err
    assert "could not save settings" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text",
    [
        '{"idle_seconds": ' + "9" * 5001 + "}",
        '{"paper": ' + "[" * 3000 + "]" * 3000 + "}",
        "[" * 100_000,
        '{"paper": "a4",,}',
    ],
    ids=["5001-digits", "deep", "very-deep", "not-json"],
)
def test_set_repairs_a_damaged_file(
    config_dir: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    config_dir.mkdir()
    (config_dir / "settings.json").write_text(text, encoding="utf-8")
    assert main(["settings", "set", "idle_seconds", "45"]) == 0
    captured = capsys.readouterr()
    assert "warning: Settings file" in captured.err
    loaded = load_settings(config_dir / "settings.json")
    assert loaded.warning is None
    assert loaded.settings.idle_seconds == 45
    assert main(["settings", "show"]) == 0
    assert "idle_seconds = 45" in capsys.readouterr().out


def test_show_reports_damaged_file(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_dir.mkdir()
    (config_dir / "settings.json").write_text(json.dumps({"paper": "a5", "clinic_name": "Kept"}))
    assert main(["settings", "show"]) == 0
    captured = capsys.readouterr()
    assert "paper = letter" in captured.out
    assert "clinic_name = Kept" in captured.out
    assert "using defaults for: paper" in captured.err


def test_set_pin_from_stdin_stores_only_hash(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "80417\n")
    assert main(["settings", "set-pin", "--pin-stdin"]) == 0
    out = capsys.readouterr().out
    assert "80417" not in out
    text = (config_dir / "settings.json").read_text()
    assert "80417" not in text
    stored = load_settings(config_dir / "settings.json").settings.pin_hash
    assert verify_pin("80417", stored)
    assert main(["settings", "show"]) == 0
    shown = capsys.readouterr().out
    assert "pin = set" in shown
    assert stored not in shown


def test_set_pin_keeps_other_settings(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "set", "paper", "a4"]) == 0
    stdin(monkeypatch, "1234\n")
    assert main(["settings", "set-pin", "--pin-stdin"]) == 0
    assert load_settings(config_dir / "settings.json").settings.paper == "a4"


@pytest.mark.parametrize("typed", ["123\n", "12ab\n", "123456789\n", ""])
def test_set_pin_bad_pin_exits_2(
    config_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
) -> None:
    stdin(monkeypatch, typed)
    assert main(["settings", "set-pin", "--pin-stdin"]) == 2
    assert "4 to 8 digits" in capsys.readouterr().err
    assert not config_dir.exists()


def test_set_pin_without_tty_or_flag_exits_2(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "1234\n")  # a StringIO is not a terminal
    assert main(["settings", "set-pin"]) == 2
    assert "--pin-stdin" in capsys.readouterr().err
    assert not config_dir.exists()


def test_set_pin_on_a_terminal_asks_twice(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter(["2468", "2468"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main(["settings", "set-pin"]) == 0
    assert verify_pin("2468", load_settings(config_dir / "settings.json").settings.pin_hash)


def test_set_pin_on_a_terminal_mismatch_exits_2(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter(["2468", "2469"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main(["settings", "set-pin"]) == 2
    assert "did not match" in capsys.readouterr().err
    assert not config_dir.exists()


def test_subprocess_show(tmp_path: Path) -> None:
    folder = tmp_path / "it-config"
    folder.mkdir()
    (folder / "settings.json").write_text(json.dumps({"paper": "a4", "emergency_number": "112"}))
    env = {**os.environ, "KIOSK_CONFIG_DIR": str(folder)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "settings", "show"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert str(folder / "settings.json") in result.stdout
    assert "paper = a4" in result.stdout
    assert "emergency_number = 112" in result.stdout
    assert result.stderr == ""
