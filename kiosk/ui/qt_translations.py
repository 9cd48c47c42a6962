"""Qt's own words (file dialogs, standard buttons) in the visitor's language.

Qt ships ``qtbase_LANG.qm``; the kiosk installs the one for the session's
language and removes it again for English (Qt's own language).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: dict[str, QTranslator] = {}


def use_qt_translation(language: str) -> bool:
    """Install Qt's translation for ``language`` (replacing any other); True if one loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed.values():
        app.removeTranslator(translator)
    if language == "en":
        return False
    if language not in _installed:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not translator.load(QLocale(language), "qtbase", "_", folder):
            return False
        _installed[language] = translator
    return app.installTranslator(_installed[language])
