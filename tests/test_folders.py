"""The kiosk's folders match platformdirs' on Linux, with and without XDG variables."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from kiosk import APP_ID, folders

KINDS: list[tuple[Callable[[], Path], Callable[..., str], str]] = [
    (folders.config_dir, platformdirs.user_config_dir, "XDG_CONFIG_HOME"),
    (folders.data_dir, platformdirs.user_data_dir, "XDG_DATA_HOME"),
    (folders.cache_dir, platformdirs.user_cache_dir, "XDG_CACHE_HOME"),
    (folders.log_dir, platformdirs.user_log_dir, "XDG_STATE_HOME"),
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="platformdirs decides elsewhere")
@pytest.mark.parametrize(("ours", "theirs", "variable"), KINDS)
@pytest.mark.parametrize("setting", ["set", "unset", "blank"])
def test_same_folder_as_platformdirs(
    ours: Callable[[], Path],
    theirs: Callable[..., str],
    variable: str,
    setting: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if setting == "set":
        monkeypatch.setenv(variable, str(tmp_path / "xdg"))
    elif setting == "unset":
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, "   ")
    expected = Path(theirs(APP_ID, appauthor=False))
    assert ours() == expected
    assert str(tmp_path) in str(expected)  # the test really moved the folder


def test_the_folders_are_the_apps_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert folders.cache_dir().name == APP_ID
    assert folders.log_dir().parts[-2:] == (APP_ID, "log") or not sys.platform.startswith("linux")
