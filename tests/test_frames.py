"""No frame shows a text cut off: layouts run before the screen is painted.

A text set or shown by a tap (a new question, the result card after a
language tap, the handout's message) used to be painted once at its old
height, cut in half, before its layout caught up a frame later.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QPushButton

from bench.soak import Visitor, run_soak
from kiosk.ui.main_window import MainWindow


class CutOffFrames(QObject):
    """At every paint of the window: wrapped texts shorter than their lines."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.last_tap = ""
        self.seen: Counter[tuple[str, str]] = Counter()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            screen = self.window.navigator.current_screen()
            screen_id = self.window.navigator.current_id
            for text in screen.findChildren(QLabel) if screen is not None else ():
                if not (text.isVisible() and text.wordWrap() and text.width() > 0):
                    continue
                if text.heightForWidth(text.width()) > text.height() + 2:
                    where = screen_id.value if screen_id else "?"
                    self.seen[(where, self.last_tap)] += 1
        return False


def test_no_frame_paints_a_text_cut_off(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forty scripted visitors (the soak's), every frame checked."""
    probe = CutOffFrames(window)
    tap = Visitor.tap

    def noting(visitor: Visitor, button: QPushButton | None) -> bool:
        probe.last_tap = button.objectName() if button is not None else ""
        return tap(visitor, button)

    monkeypatch.setattr(Visitor, "tap", noting)
    result = run_soak(window, sessions=40, seed=4)
    assert result.errors == []
    assert sum(result.paths.values()) == 40
    assert not probe.seen, f"frames with a text cut off (screen, last tap): {probe.seen}"
