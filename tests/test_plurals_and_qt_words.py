"""Real plural forms in both languages, and Qt's own words in the visitor's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from kiosk.content import ContentPack
from kiosk.ui.main_window import MainWindow
from kiosk.ui.strings import Strings


@pytest.mark.parametrize(
    ("language", "key", "values", "expected"),
    [
        ("en", "staff_pin.wrong", {"tries": 1}, "Wrong PIN, 1 try left."),
        ("en", "staff_pin.wrong", {"tries": 3}, "Wrong PIN, 3 tries left."),
        ("es", "staff_pin.wrong", {"tries": 1}, "PIN incorrecto. Queda 1 intento."),
        ("es", "staff_pin.wrong", {"tries": 2}, "PIN incorrecto. Quedan 2 intentos."),
        ("en", "staff.print_sent", {"copies": 1}, "Sending 1 copy to the printer…"),
        ("es", "staff.print_done", {"copies": 1, "printer": "A"}, "Se envió 1 copia a A."),
        ("en", "staff.print_done", {"copies": 4, "printer": "A"}, "Sent 4 copies to A."),
        ("es", "idle.message", {"seconds": 1}, None),
    ],
)
def test_counts_of_one_use_the_singular(
    content: ContentPack, language: str, key: str, values: dict[str, object], expected: str | None
) -> None:
    text = Strings(content.language(language).ui)(key, **values)
    if expected is None:
        assert "1 segundo " in text and "segundos" not in text
    else:
        assert text == expected


def test_every_singular_has_its_plural_in_both_languages(content: ContentPack) -> None:
    for language in content.languages:
        table = content.language(language).ui
        lonely = [k for k in table if k.endswith("_one") and k[: -len("_one")] not in table]
        assert lonely == [], language


def test_qt_words_follow_the_visitors_language(qtbot: QtBot, window: MainWindow) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Save"
    qtbot.mouseClick(window.top_bar.language, Qt.MouseButton.LeftButton)
    assert window.ctx.session.language == "es"
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Guardar"
    window.reset_session()  # the next visitor starts in the default language
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Save"
