"""Read the current screen aloud (Section 508 §402) with QtTextToSpeech.

The engine is the first real one Qt offers; Qt's ``mock`` engine counts as
real only when ``KIOSK_TTS_ENGINE=mock`` asks for it (the tests do, so CI
never starts a speech daemon). With no engine, ``available`` is False and
the speaker button stays hidden.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

ENGINE_ENV = "KIOSK_TTS_ENGINE"
# Regional voices that suit a US clinic best, then any voice of the language.
PREFERRED_LOCALES = {"en": "en_US", "es": "es_US"}


def _engine_names() -> list[str]:
    from PySide6.QtTextToSpeech import QTextToSpeech

    wanted = os.environ.get(ENGINE_ENV, "").strip()
    if wanted:
        return [wanted] if wanted != "none" else []
    try:
        return [name for name in QTextToSpeech.availableEngines() if name != "mock"]
    except RuntimeError:
        return []


class ReadAloud(QObject):
    """Speaks text in the visitor's language; stops on request.

    The engine is looked for by ``load`` (the main window calls it once the
    first screen is up), not at construction: loading Qt's speech plug-ins
    would otherwise delay the first paint.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tts: QTextToSpeech | None = None
        self._loaded = False

    def load(self) -> None:
        """Find a working speech engine (once)."""
        if self._loaded:
            return
        self._loaded = True
        from PySide6.QtTextToSpeech import QTextToSpeech

        for name in _engine_names():
            tts = QTextToSpeech(name, self)
            if tts.state() != QTextToSpeech.State.Error:
                self._tts = tts
                break
            log.info("speech engine %r is not usable: %s", name, tts.errorString())
            tts.deleteLater()

    @property
    def available(self) -> bool:
        """True when a working speech engine was found."""
        return self._tts is not None

    @property
    def speaking(self) -> bool:
        """True while speech is under way."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        return self._tts is not None and self._tts.state() == QTextToSpeech.State.Speaking

    @property
    def engine(self) -> QTextToSpeech | None:
        """The engine in use (tests watch its state)."""
        return self._tts

    def speak(self, text: str, language: str) -> None:
        """Stop anything under way and read ``text`` with a voice for ``language``."""
        if self._tts is None or not text.strip():
            return
        self._tts.stop()
        self._tts.setLocale(self._locale(language))
        self._tts.say(text)

    def stop(self) -> None:
        """Stop speaking at once."""
        if self._tts is not None:
            self._tts.stop()

    def _locale(self, language: str) -> QLocale:
        assert self._tts is not None
        locales = self._tts.availableLocales()
        preferred = QLocale(PREFERRED_LOCALES.get(language, language))
        if preferred in locales:
            return preferred
        for locale in locales:
            if locale.name().split("_")[0] == language:
                return locale
        return preferred
