"""Read the current screen aloud (Section 508 §402) with QtTextToSpeech.

The engine is the first real one Qt offers; Qt's ``mock`` engine counts as
real only when ``KIOSK_TTS_ENGINE=mock`` asks for it (the tests do, so CI
never starts a speech daemon). With no engine, ``available`` is False and
the speaker button stays hidden.

The engine lives on a thread of its own, with its own event loop, and is
only ever touched there. Loading a speech engine talks to the sound system
(speech-dispatcher, PulseAudio), which on a broken machine can hang for
ever: on the GUI thread that froze the whole kiosk. Now a hanging or
failing engine only means Read aloud stays hidden; after ``load_timeout_ms``
without an answer the kiosk logs it and carries on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLocale, QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

ENGINE_ENV = "KIOSK_TTS_ENGINE"
LOAD_TIMEOUT_MS = 5000
SHUTDOWN_WAIT_S = 2.0
# Regional voices that suit a US clinic best, then any voice of the language.
PREFERRED_LOCALES = {"en": "en_US", "es": "es_US"}

EngineFactory = Callable[[str, QObject], "QTextToSpeech"]


def _engine_names() -> list[str]:
    from PySide6.QtTextToSpeech import QTextToSpeech

    wanted = os.environ.get(ENGINE_ENV, "").strip()
    if wanted:
        return [wanted] if wanted != "none" else []
    try:
        return [name for name in QTextToSpeech.availableEngines() if name != "mock"]
    except RuntimeError:
        return []


def _qt_engine(name: str, parent: QObject) -> QTextToSpeech:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech(name, parent)


class _SpeechWorker(QObject):
    """Owns the engine, on the speech thread; every slot runs there."""

    ready = Signal(bool)
    speaking_changed = Signal(bool)
    finish = Signal()  # ends the speech thread's event loop

    def __init__(self, factory: EngineFactory) -> None:
        super().__init__()
        self.factory = factory
        self.tts: QTextToSpeech | None = None

    @Slot()
    def load(self) -> None:
        try:
            self._load()
        except Exception as exc:  # a missing sound library, a failing plug-in
            # Read aloud stays hidden; the thread keeps its loop, so it still
            # ends at exit (shutdown) like a thread whose engine loaded.
            log.warning(
                "Read aloud is off: the speech engine cannot load (%s: %s)", type(exc).__name__, exc
            )
            self.tts = None
        self.ready.emit(self.tts is not None)

    def _load(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech  # fails without libpulse, say

        for name in _engine_names():
            tts = self.factory(name, self)
            if tts.state() != QTextToSpeech.State.Error:
                self.tts = tts
                tts.stateChanged.connect(self._state_changed)
                break
            log.info("speech engine %r is not usable: %s", name, tts.errorString())
            tts.deleteLater()

    @Slot(str, str)
    def speak(self, text: str, language: str) -> None:
        if self.tts is None:
            return
        self.tts.stop()
        self.tts.setLocale(self._locale(language))
        self.tts.say(text)
        self._state_changed(self.tts.state())

    @Slot()
    def stop(self) -> None:
        if self.tts is not None:
            self.tts.stop()

    def _state_changed(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking_changed.emit(state == QTextToSpeech.State.Speaking)

    def _locale(self, language: str) -> QLocale:
        assert self.tts is not None
        locales = self.tts.availableLocales()
        preferred = QLocale(PREFERRED_LOCALES.get(language, language))
        if preferred in locales:
            return preferred
        for locale in locales:
            if locale.name().split("_")[0] == language:
                return locale
        return preferred


class ReadAloud(QObject):
    """Speaks text in the visitor's language; stops on request.

    ``load`` starts the speech thread (the main window calls it once the
    first screen is up). ``availability_changed(bool)`` says when the
    speaker button may show.
    """

    availability_changed = Signal(bool)
    speaking_changed = Signal(bool)  # the speaker button shows Stop while True
    _speak = Signal(str, str)
    _stop = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        engine_factory: EngineFactory = _qt_engine,
        load_timeout_ms: int = LOAD_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self._factory = engine_factory
        self._available = False
        self._speaking = False
        self._loaded = False
        self._worker: _SpeechWorker | None = None
        self._loop: QEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(load_timeout_ms)
        self._timeout.timeout.connect(self._no_answer)

    def load(self) -> None:
        """Start looking for a working speech engine, off the GUI thread (once)."""
        if self._loaded:
            return
        self._loaded = True
        started = threading.Event()
        thread = threading.Thread(
            target=self._run, args=(started,), name="kiosk-speech", daemon=True
        )
        self._timeout.start()
        self._thread = thread
        thread.start()
        started.wait(1.0)  # only until the worker exists, never for the engine
        if self._worker is not None:  # the window going away ends the speech thread
            self.destroyed.connect(_quit_loop_later(self._worker))

    def _run(self, started: threading.Event) -> None:
        worker = _SpeechWorker(self._factory)
        loop = QEventLoop()
        self._worker, self._loop = worker, loop
        worker.ready.connect(self._ready)
        worker.speaking_changed.connect(self._speaking_changed)
        self._speak.connect(worker.speak)
        self._stop.connect(worker.stop)
        worker.finish.connect(loop.quit)
        started.set()
        worker.load()  # may hang on a broken sound system: only this thread waits
        loop.exec()

    def _ready(self, ok: bool) -> None:
        self._timeout.stop()
        self._available = ok
        self.availability_changed.emit(ok)

    def _no_answer(self) -> None:
        log.warning("the speech engine did not answer; Read aloud is off")

    def _speaking_changed(self, speaking: bool) -> None:
        self._set_speaking(speaking)

    def _set_speaking(self, speaking: bool) -> None:
        changed = speaking != self._speaking
        self._speaking = speaking
        if changed:
            self.speaking_changed.emit(speaking)

    def shutdown(self, wait_s: float = SHUTDOWN_WAIT_S) -> None:
        """Stop speaking, end the speech thread's loop and wait for it (at exit).

        A process that ended with the thread still in its loop crashed now and
        then in Qt's teardown (a segmentation fault in about one self-test in
        twenty). The wait is bounded: an engine hung on a broken sound system
        keeps its (daemon) thread, and the kiosk still quits.
        """
        self.stop()
        if self._worker is not None:
            _quit_loop_later(self._worker)()
        if self._thread is not None:
            self._thread.join(wait_s)

    @property
    def available(self) -> bool:
        """True when a working speech engine was found."""
        return self._available

    @property
    def speaking(self) -> bool:
        """True while speech is under way."""
        return self._speaking

    @property
    def engine(self) -> QTextToSpeech | None:
        """The engine in use (tests watch its state; it lives on the speech thread)."""
        return self._worker.tts if self._worker is not None else None

    def speak(self, text: str, language: str) -> None:
        """Stop anything under way and read ``text`` with a voice for ``language``."""
        if not self._available or not text.strip():
            return
        self._set_speaking(True)
        self._speak.emit(text, language)

    def stop(self) -> None:
        """Stop speaking at once."""
        self._set_speaking(False)
        if self._available:
            self._stop.emit()


def _quit_loop_later(worker: _SpeechWorker) -> Callable[[], None]:
    """A callback that ends ``worker``'s thread loop, holding nothing else."""

    def quit_loop() -> None:
        with contextlib.suppress(RuntimeError):  # the thread has already ended
            worker.finish.emit()  # queued to the speech thread's loop

    return quit_loop
