"""Smoke test for the performance harness: it runs and produces numbers.

No timing assertions (those belong to ``python -m bench`` on a quiet
machine); this only proves the soak driver and one start-up measurement work.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

# bench/ is a folder of the repository, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import rows, table
from bench.soak import SoakError, run_soak
from bench.startup import BARE_CMD, KIOSK_CMD, child_env, first_paint_once
from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigator import ScreenId


def test_soak_runs_sessions_and_resets_cleanly(window: MainWindow) -> None:
    # Six tour sessions visit every path in both languages before the counts start.
    result = run_soak(window, sessions=8, seed=3, warm_up=6)
    assert result.sessions == 8
    assert sum(result.paths.values()) == 8
    assert result.errors == []
    assert result.objects_stable, result.drift
    assert result.rss_end_mb > 0 and result.rss_after_warm_up_mb > 0
    assert not math.isnan(result.growth_mb)
    assert result.baseline["qt_children"] > 0
    # Every session ends with the idle reset: start screen, pristine session.
    assert window.navigator.current_id is ScreenId.START
    assert window.ctx.session.is_pristine()


def test_soak_reports_an_exception_in_the_app(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(window.explainer, "go_next", broken)
    window.explainer.next.clicked.disconnect()
    window.explainer.next.clicked.connect(window.explainer.go_next)
    with pytest.raises(SoakError, match="boom"):
        run_soak(window, sessions=40, seed=1, warm_up=1)


def test_one_startup_measurement_each(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    kiosk = first_paint_once(KIOSK_CMD, env)
    bare = first_paint_once(BARE_CMD, env)
    for figures in (kiosk, bare):
        assert figures["wall_ms"] > 0
        assert figures["peak_mb"] > 10
    text = table(
        rows({"startup": {"startup_ms": {"median": kiosk["wall_ms"], "min": 1, "max": 2}}})
    )
    assert "start-up to first paint" in text
