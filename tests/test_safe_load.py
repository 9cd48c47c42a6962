"""Hostile JSON and YAML are refused quickly, in little memory, with one clear line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.resources import CONTENT_DIR
from kiosk.safe_load import (
    SafeLoadError,
    parse_json_limited,
    read_json_limited,
    read_yaml_limited,
)


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# --- JSON ---


def test_json_within_limits_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text('{"a": [1, 2.5, {"b": "x"}], "c": true}', encoding="utf-8")
    assert read_json_limited(path) == {"a": [1, 2.5, {"b": "x"}], "c": True}


def test_json_too_big_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"a": "' + "x" * 70_000 + '"}', encoding="utf-8")
    with pytest.raises(SafeLoadError) as info:
        read_json_limited(path)
    assert "larger than 64 KB" in str(info.value)
    assert str(path) in str(info.value)


def test_json_deep_nesting_is_refused_with_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{\n"a": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    with pytest.raises(SafeLoadError) as info:
        read_json_limited(path, max_bytes=1_000_000)
    assert "nested more than" in info.value.reason
    assert info.value.line == 2


def test_json_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"a": "[" * 100 + '\\"{' * 100})
    assert parse_json_limited(text) == {"a": "[" * 100 + '\\"{' * 100}


@pytest.mark.parametrize("number", ["1" * 5001, "-" + "9" * 40, "1." + "5" * 40, "1e" + "9" * 40])
def test_json_huge_numbers_are_refused(number: str) -> None:
    with pytest.raises(SafeLoadError) as info:
        parse_json_limited('{"a": ' + number + "}", "counters.json")
    assert "digits" in info.value.reason
    assert str(info.value).startswith("counters.json: ")


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": [1, 2', "\xff", ""])
def test_json_damage_is_one_safe_load_error(text: str) -> None:
    with pytest.raises(SafeLoadError):
        parse_json_limited(text)


def test_json_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"a": "\xff\xfe"}')
    with pytest.raises(SafeLoadError, match="not UTF-8"):
        read_json_limited(path)


def test_json_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_json_limited(tmp_path / "none.json")


def test_safe_load_error_is_a_value_error() -> None:
    assert issubclass(SafeLoadError, ValueError)


# --- YAML ---


def test_yaml_within_limits_reads() -> None:
    assert read_yaml_limited("a: 1\nb: [x, {c: 2.5}]\n") == {"a": 1, "b": ["x", {"c": 2.5}]}


def test_yaml_billion_laughs_fails_fast() -> None:
    started = time.perf_counter()
    with pytest.raises(SafeLoadError) as info:
        read_yaml_limited(billion_laughs(), name="ui.yaml")
    assert time.perf_counter() - started < 1.0
    assert info.value.line == 1
    assert "anchors are not allowed" in str(info.value)
    assert str(info.value).startswith("ui.yaml: line 1: ")


def test_yaml_recursive_alias_is_refused() -> None:
    with pytest.raises(SafeLoadError, match="anchors are not allowed"):
        read_yaml_limited("start:\n  over: &loop [*loop]\n")


def test_yaml_alias_without_anchor_is_refused_with_line() -> None:
    with pytest.raises(SafeLoadError) as info:
        read_yaml_limited("a: 1\nb: *nothing\n")
    # PyYAML may call an undefined alias a syntax error or an alias; either names line 2.
    assert info.value.line == 2


def test_yaml_alias_refused_even_without_anchor_event() -> None:
    with pytest.raises(SafeLoadError) as info:
        read_yaml_limited("a: &x 1\nb: *x\n")
    assert info.value.line == 1


def test_yaml_too_big_text_is_refused() -> None:
    with pytest.raises(SafeLoadError, match="larger than 2 MB"):
        read_yaml_limited("a: " + "x" * (2 * 1024 * 1024))


def test_yaml_deep_nesting_is_refused() -> None:
    with pytest.raises(SafeLoadError, match="nested more than 32 levels"):
        read_yaml_limited("a: " + "[" * 40 + "]" * 40)


def test_yaml_very_deep_nesting_is_one_error() -> None:
    with pytest.raises(SafeLoadError):
        read_yaml_limited("a: " + "[" * 200_000 + "]" * 200_000)


@pytest.mark.parametrize(
    "text",
    ["a: " + "1" * 5001, "a: -" + "7" * 40, "a: 1." + "2" * 40, "a: !!int '" + "3" * 40 + "'"],
)
def test_yaml_huge_numbers_are_refused(text: str) -> None:
    with pytest.raises(SafeLoadError, match="digits"):
        read_yaml_limited(text)


def test_yaml_long_quoted_digits_are_text() -> None:
    assert read_yaml_limited("a: '" + "1" * 5001 + "'") == {"a": "1" * 5001}


def test_yaml_syntax_error_names_line_and_column() -> None:
    with pytest.raises(SafeLoadError) as info:
        read_yaml_limited("a: [\n", name="x.yaml")
    assert info.value.line == 2
    assert info.value.column is not None
    assert "YAML syntax error" in info.value.reason


def test_yaml_file_too_big_is_refused_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "ui.yaml"
    path.write_text("a: '" + "x" * (3 * 1024 * 1024) + "'\n", encoding="utf-8")
    with pytest.raises(SafeLoadError, match="larger than 2 MB"):
        read_yaml_limited(path)


# --- through the content loader (check, self-test and app all use it) ---


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def problems(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(folder.parent)
    with pytest.raises(ContentError) as info:
        load_content(folder)
    return info.value.problems


def test_loader_refuses_billion_laughs_ui(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (content_copy / "en" / "ui.yaml").write_text(billion_laughs(), encoding="utf-8")
    assert problems(content_copy, monkeypatch) == [
        "content/en/ui.yaml: line 1 column 4: YAML anchors are not allowed (&a)"
    ]


def test_loader_refuses_recursive_alias(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui = content_copy / "en" / "ui.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + "loop: &loop [*loop]\n", encoding="utf-8")
    [problem] = problems(content_copy, monkeypatch)
    assert problem.startswith("content/en/ui.yaml: line ")
    assert "anchors are not allowed (&loop)" in problem


def test_loader_refuses_a_50_mb_value(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ui = content_copy / "en" / "ui.yaml"
    with ui.open("a", encoding="utf-8") as handle:
        handle.write("huge: '" + "x" * (50 * 1024 * 1024) + "'\n")
    started = time.perf_counter()
    assert problems(content_copy, monkeypatch) == ["content/en/ui.yaml: file is larger than 2 MB"]
    assert time.perf_counter() - started < 1.0


HOSTILE_CHECK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.content import ContentError, load_content
    started = time.perf_counter()
    try:
        load_content(Path(sys.argv[1]))
    except ContentError as exc:
        print("\\n".join(exc.problems))
    print("seconds", time.perf_counter() - started)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    status = Path("/proc/self/status").read_text()
    print([line for line in status.splitlines() if line.startswith("VmHWM")][0])
    """
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("hostile", ["laughs", "loop"])
def test_hostile_ui_yaml_under_a_second_and_100_mb(content_copy: Path, hostile: str) -> None:
    ui = content_copy / "en" / "ui.yaml"
    text = billion_laughs() if hostile == "laughs" else "a: &loop [*loop]\n"
    ui.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", HOSTILE_CHECK, str(content_copy)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines
    assert "ui.yaml: line 1 column 4: YAML anchors are not allowed" in lines[0]
    assert float(lines[1].split()[1]) < 1.0
    assert int(lines[2].split()[1]) < 100 * 1024
