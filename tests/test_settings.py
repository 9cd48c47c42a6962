"""Settings: defaults, round trip, tolerant loading, atomic saving, parsing typed values."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path

import pytest

from kiosk.content import ReadingLevel
from kiosk.settings import (
    EDITABLE_KEYS,
    SETTING_KEYS,
    Paper,
    Settings,
    SettingsError,
    display_value,
    load_settings,
    save_settings,
    settings_path,
    with_pin,
    with_value,
)
from kiosk.staff_pin import verify_pin


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "settings.json"


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_defaults() -> None:
    s = Settings()
    assert s.printer == ""
    assert s.paper is Paper.LETTER
    assert s.emergency_number == "911"
    assert s.default_language == "en"
    assert s.default_level is ReadingLevel.BASIC
    assert (s.idle_seconds, s.idle_warning_seconds, s.emergency_hold_seconds) == (90, 30, 300)
    assert (s.fullscreen, s.hide_cursor, s.pin_hash) == (False, False, "")


def test_settings_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "clinic"))
    assert settings_path() == tmp_path / "clinic" / "settings.json"


def test_settings_path_default_is_user_config(
    monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path
) -> None:
    monkeypatch.delenv("KIOSK_CONFIG_DIR", raising=False)
    path = settings_path()
    assert path.name == "settings.json"
    assert path.parent.name == "twitch-kiosk"
    assert isolated_dirs in path.parents


def test_missing_file_gives_defaults_without_warning(path: Path) -> None:
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning is None
    assert not path.exists()


def test_round_trip(path: Path) -> None:
    s = Settings(
        printer="Front desk HP",
        paper=Paper.A4,
        clinic_name="Riverside Clinic",
        clinic_phone="+44 20 7946 0000",
        emergency_number="999",
        default_language="es",
        default_level=ReadingLevel.DETAILED,
        idle_seconds=5,
        idle_warning_seconds=5,
        emergency_hold_seconds=600,
        fullscreen=True,
        hide_cursor=True,
    )
    s = with_pin(s, "2468")
    assert save_settings(s, path) == path
    loaded = load_settings(path)
    assert loaded.warning is None
    assert loaded.settings == s
    assert verify_pin("2468", loaded.settings.pin_hash)


def test_saved_file_is_plain_json_with_every_key(path: Path) -> None:
    save_settings(Settings(paper=Paper.A4), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == list(SETTING_KEYS)
    assert data["paper"] == "a4"
    assert data["idle_seconds"] == 90


def test_save_creates_folder_and_leaves_no_temp_file(path: Path) -> None:
    save_settings(Settings(), path)
    save_settings(Settings(clinic_name="Again"), path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def test_failed_replace_keeps_old_file_and_no_temp(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(clinic_name="Old"), path)
    before = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SettingsError, match=r"could not save settings.*Permission denied"):
        save_settings(Settings(clinic_name="New"), path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_unwritable_folder_is_a_settings_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(SettingsError, match="could not save settings"):
        save_settings(Settings(), blocker / "settings.json")


def test_corrupt_json_gives_defaults_warning_and_log(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{\n  "paper": "a4",\n  "idle_seconds": 90,,\n}', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.settings"):
        loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning is not None
    assert str(path) in loaded.warning
    assert "line 3" in loaded.warning
    assert "defaults for all settings" in loaded.warning
    assert any(r.levelno == logging.WARNING and "damaged" in r.message for r in caplog.records)


def test_not_an_object_gives_defaults_and_warning(path: Path) -> None:
    write_json(path, ["paper", "a4"])
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning and "defaults for all settings" in loaded.warning


def test_binary_garbage_gives_defaults_and_warning(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning


HOSTILE_FILES = {
    "deep": '{"paper": "a4", "x": ' + "[" * 5000 + "]" * 5000 + "}",
    "deeper-than-python": "[" * 60_000 + "]" * 60_000,
    "too-big": '{"paper": "a4", "clinic_name": "' + "x" * 70_000 + '"}',
    "not-json": '{"paper": "a4",,}',
    "list": '["paper", "a4"]',
    "nan": '{"idle_seconds": NaN}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_unusable_file_gives_defaults_and_is_moved_aside(
    path: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(HOSTILE_FILES[name], encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.settings"):
        loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning is not None and "defaults for all settings" in loaded.warning
    assert loaded.moved_to is not None
    assert loaded.moved_to.parent == path.parent
    assert loaded.moved_to.name.startswith("settings.json.damaged-2")
    assert loaded.moved_to.name in loaded.warning
    assert loaded.moved_to.read_text(encoding="utf-8") == HOSTILE_FILES[name]
    assert not path.exists()
    assert any(loaded.moved_to.name in r.message for r in caplog.records)
    save_settings(Settings(paper=Paper.A4), path)  # the next save starts a clean file
    assert load_settings(path).settings.paper is Paper.A4
    assert loaded.moved_to.exists()


def test_a_5001_digit_number_is_refused_for_that_field_only(path: Path) -> None:
    pin_hash = with_pin(Settings(), "4821").pin_hash
    path.parent.mkdir(parents=True)
    path.write_text(
        '{"idle_seconds": ' + "9" * 5001 + ', "paper": "a4", "pin_hash": "' + pin_hash + '"}',
        encoding="utf-8",
    )
    loaded = load_settings(path)
    assert loaded.settings.idle_seconds == Settings().idle_seconds
    assert loaded.settings.paper is Paper.A4
    assert verify_pin("4821", loaded.settings.pin_hash)  # the staff PIN is not lost
    assert loaded.warning is not None and "using defaults for: idle_seconds" in loaded.warning


@pytest.mark.parametrize("key", ["clinic_name", "printer", "two_sided", "paper"])
def test_huge_numbers_in_any_field_never_raise(path: Path, key: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(f'{{"{key}": -{"7" * 5001}.5e{"9" * 5001}}}', encoding="utf-8")
    loaded = load_settings(path)
    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    assert loaded.warning is not None


def test_loading_never_raises(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr("kiosk.settings.read_json_limited", explode)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning is not None


def test_a_file_that_cannot_be_moved_aside_still_loads(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("{broken", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.warning is not None and "could not be moved aside" in loaded.warning
    assert path.read_text(encoding="utf-8") == "{broken"


def test_old_file_without_new_keys_still_loads(path: Path) -> None:
    write_json(path, {"printer": "front", "paper": "a4"})
    loaded = load_settings(path)
    assert loaded.warning is None
    assert loaded.settings.printer_label == ""
    assert loaded.settings.two_sided is True


def test_printer_label_and_two_sided_round_trip(path: Path) -> None:
    settings = with_value(Settings(), "printer_label", "the printer at the front desk")
    settings = with_value(settings, "two_sided", "off")
    save_settings(settings, path)
    loaded = load_settings(path).settings
    assert loaded.printer_label == "the printer at the front desk"
    assert loaded.two_sided is False
    with pytest.raises(SettingsError, match="at most 80 characters"):
        with_value(Settings(), "printer_label", "x" * 81)


# One bad value per field, each of a kind that must be refused.
BAD_VALUES: dict[str, list[object]] = {
    "printer": [12, "two\nlines", "x" * 201],
    "printer_label": [3, "front\ndesk", "x" * 81, None],
    "two_sided": ["yes", 1, None],
    "paper": ["a5", 4, None],
    "clinic_name": [["list"], "tab\there", "x" * 81],
    "clinic_phone": ["call us", 5550100, "x" * 41],
    "emergency_number": ["9-1-1", "1", "1234567", 911, "٩١١"],
    "default_language": ["English", "", "e", 1],
    "default_level": ["expert", "", 2],
    "idle_seconds": [4, 3601, "90", 90.5, True],
    "idle_warning_seconds": [4, 601, "30", None],
    "emergency_hold_seconds": [4, 3601, "300", False],
    "fullscreen": ["yes", 1, None],
    "hide_cursor": ["true", 0],
    "require_approved_content": ["yes", 1, None],
    "pin_hash": ["1234", "scrypt$16384$8$1$bad", 1234, "scrypt$3$8$1$AAAAAAAAAAA=$" + "A" * 44],
}


def test_every_field_has_bad_value_cases() -> None:
    assert set(BAD_VALUES) == set(SETTING_KEYS)


@pytest.mark.parametrize(
    ("key", "bad"), [(key, bad) for key, values in BAD_VALUES.items() for bad in values]
)
def test_bad_value_falls_back_for_that_field_only(
    path: Path, key: str, bad: object, caplog: pytest.LogCaptureFixture
) -> None:
    other = "paper" if key != "paper" else "clinic_name"
    good = {"paper": "a4", "clinic_name": "Riverside"}[other]
    write_json(path, {key: bad, other: good})
    with caplog.at_level(logging.WARNING, logger="kiosk.settings"):
        loaded = load_settings(path)
    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    assert display_value(loaded.settings, other) == good
    assert loaded.warning is not None
    assert loaded.warning.endswith(f"using defaults for: {key}")
    assert caplog.records


def test_several_bad_fields_are_all_named(path: Path) -> None:
    write_json(path, {"paper": "a5", "idle_seconds": 2, "clinic_name": "Kept"})
    loaded = load_settings(path)
    assert loaded.settings.clinic_name == "Kept"
    assert loaded.warning is not None
    assert "using defaults for: paper, idle_seconds" in loaded.warning
    assert "paper must be one of letter, a4" in loaded.warning


def test_unknown_key_is_ignored_with_warning(path: Path) -> None:
    write_json(path, {"paper": "a4", "colour": "blue"})
    loaded = load_settings(path)
    assert loaded.settings == Settings(paper=Paper.A4)
    assert loaded.warning is not None
    assert "'colour'" in loaded.warning


def test_constructor_refuses_bad_values() -> None:
    with pytest.raises(SettingsError, match="idle_seconds"):
        Settings(idle_seconds=1)
    with pytest.raises(SettingsError, match="paper"):
        Settings(paper="a5")  # type: ignore[arg-type]


def test_constructor_normalises_enum_text() -> None:
    assert Settings(paper="a4").paper is Paper.A4  # type: ignore[arg-type]


def test_settings_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().paper = Paper.A4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("paper", "A4", Paper.A4),
        ("printer", "  Back office  ", "Back office"),
        ("printer", "", ""),
        ("clinic_phone", "(555) 010-0199 ext. 12", "(555) 010-0199 ext. 12"),
        ("emergency_number", "112", "112"),
        ("default_language", "es", "es"),
        ("default_level", "standard", ReadingLevel.STANDARD),
        ("idle_seconds", "120", 120),
        ("idle_warning_seconds", "5", 5),
        ("emergency_hold_seconds", "3600", 3600),
        ("fullscreen", "yes", True),
        ("hide_cursor", "off", False),
        ("fullscreen", "TRUE", True),
    ],
)
def test_with_value_parses_text(key: str, text: str, expected: object) -> None:
    updated = with_value(Settings(), key, text)
    assert getattr(updated, key) == expected
    # Nothing else changed.
    for other in SETTING_KEYS:
        if other != key:
            assert getattr(updated, other) == getattr(Settings(), other)


def test_with_value_unknown_key_lists_valid_keys() -> None:
    with pytest.raises(SettingsError) as err:
        with_value(Settings(), "papr", "a4")
    message = str(err.value)
    assert "unknown setting 'papr'" in message
    for key in EDITABLE_KEYS:
        assert key in message
    assert "pin_hash" not in message


@pytest.mark.parametrize(
    ("key", "text", "allowed"),
    [
        ("paper", "a5", "one of letter, a4"),
        ("idle_seconds", "4", "from 5 to 3600"),
        ("idle_seconds", "ninety", "from 5 to 3600"),
        ("idle_seconds", "1e3", "from 5 to 3600"),
        ("emergency_number", "9 1 1", "2 to 6 digits"),
        ("default_level", "expert", "one of basic, standard, detailed"),
        ("fullscreen", "maybe", "true or false"),
        ("clinic_phone", "ring us", "phone number"),
    ],
)
def test_with_value_bad_value_says_what_is_allowed(key: str, text: str, allowed: str) -> None:
    with pytest.raises(SettingsError, match=allowed):
        with_value(Settings(), key, text)


def test_pin_hash_cannot_be_set_directly() -> None:
    with pytest.raises(SettingsError, match="set-pin"):
        with_value(Settings(), "pin_hash", "scrypt$whatever")


def test_display_value_hides_the_pin_hash() -> None:
    s = with_pin(Settings(), "13579")
    assert display_value(s, "pin_hash") == "set"
    assert display_value(Settings(), "pin_hash") == "not set"
    assert s.pin_hash not in repr(s)


def test_display_value_round_trips_through_with_value() -> None:
    s = Settings(paper=Paper.A4, fullscreen=True, idle_seconds=45, clinic_name="Clinic")
    rebuilt = Settings()
    for key in EDITABLE_KEYS:
        rebuilt = with_value(rebuilt, key, display_value(s, key))
    assert rebuilt == s


def test_no_pin_digits_in_settings_file(path: Path) -> None:
    save_settings(with_pin(Settings(), "73915"), path)
    text = path.read_text(encoding="utf-8")
    assert "73915" not in text
    assert "scrypt$" in text


def test_with_pin_none_removes_the_pin() -> None:
    assert with_pin(with_pin(Settings(), "1234"), None).pin_hash == ""
