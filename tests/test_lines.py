"""Short lines (kiosk.ui.widgets.lines) and the scroll areas they sit in.

A label's margin keeps its lines short; its height for a width must be the
height it will have at that width, or a scroll area flips its scroll bar on
and off until the stack overflows (it did: Spanish, large text, high
contrast, the start screen, a language tap).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import lines
from kiosk.ui.widgets.buttons import label, line_width_px

LONG = " ".join(["Most twitches are harmless and go away on their own, with rest."] * 12)
ROOT = Path(__file__).resolve().parents[1]


def _short_label(qtbot: QtBot, width: int) -> tuple[QWidget, lines.TextLabel]:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    text = label("body", holder)
    text.setText(LONG)
    layout.addWidget(text)
    assert isinstance(text, lines.TextLabel)
    holder.resize(width, 600)
    holder.show()
    lines.enable(holder)
    return holder, text


def test_height_for_a_width_is_the_height_at_that_width(qtbot: QtBot) -> None:
    holder, text = _short_label(qtbot, 1400)
    assert text.width() > line_width_px(text), "the label must be wider than a short line"
    assert text.contentsMargins().right() > 0, "a wide label gets a margin"
    for width in (1300, 1000, 700, 400):
        asked = text.heightForWidth(width)  # asked at the old width, with the old margin
        holder.resize(width, 600)
        qtbot.wait(1)
        assert text.width() == width
        assert text.heightForWidth(width) == asked, f"at {width} px"


def test_a_margin_is_only_what_is_left_after_a_short_line(qtbot: QtBot) -> None:
    holder, text = _short_label(qtbot, 1400)
    margins = text.contentsMargins()
    assert text.width() - margins.left() - margins.right() == line_width_px(text)
    holder.resize(300, 600)
    qtbot.wait(1)
    assert text.contentsMargins().right() == 0, "a narrow label keeps its whole width"


def test_new_text_or_font_gets_new_heights(qtbot: QtBot) -> None:
    holder, text = _short_label(qtbot, 600)
    holder.setStyleSheet("QLabel { font-size: 22px; }")  # as a text-size tap does
    long_height = text.heightForWidth(600)
    text.setText("Rest.")
    short_height = text.heightForWidth(600)
    assert short_height < long_height
    text.setText(LONG)
    assert text.heightForWidth(600) == long_height
    holder.setStyleSheet("QLabel { font-size: 34px; }")
    assert text.heightForWidth(600) > long_height
    holder.setStyleSheet("QLabel { font-size: 22px; color: white; }")  # contrast: same font
    assert text.heightForWidth(600) == long_height


SEQUENCE = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["KIOSK_TTS_ENGINE"] = "mock"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QScrollArea
    from kiosk.content import load_content
    from kiosk.session import Session
    from kiosk.ui.context import ScreenContext
    from kiosk.ui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(ScreenContext(content=load_content(), session=Session()))
    window.resize(1280, 800)
    window.show()
    QTest.qWait(50)
    bar = window.top_bar
    for button, taps in ((bar.text_size, 13), (bar.contrast, 13), (bar.language, 13)):
        for _ in range(taps):
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            QTest.qWait(5)
    area = window.navigator.page(window.navigator.current_id)
    assert isinstance(area, QScrollArea)
    # Settled: the page fits the viewport it has, scroll bar or not.
    assert area.widget().width() == area.viewport().width(), (
        area.widget().width(), area.viewport().width())
    print("ok", window.ctx.session.language, window.ctx.session.text_size.value)
    """
)


def test_display_taps_on_the_start_screen_settle(tmp_path: Path) -> None:
    """Thirteen text-size, contrast and language taps in a row, in a process of
    their own (a crash fails this test instead of ending the test run)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SEQUENCE],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ok es large" in done.stdout
