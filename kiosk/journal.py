"""Logging to the systemd journal with structured fields, standard library only.

Under systemd (the cage-kiosk unit) ``$JOURNAL_STREAM`` is set and the
kiosk's console log would reach the journal as plain lines; instead each
record is sent over the journal's native socket with fields IT can filter on:
``journalctl -u cage-kiosk KIOSK_LOGGER=kiosk.ui.idle`` or
``journalctl SYSLOG_IDENTIFIER=twitch-kiosk PRIORITY=3``. Qt-free.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
from collections.abc import Mapping

from kiosk import APP_ID, __version__

JOURNAL_SOCKET = "/run/systemd/journal/socket"
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"

# logging level -> syslog priority (journal PRIORITY field)
_PRIORITY = {
    logging.CRITICAL: 2,
    logging.ERROR: 3,
    logging.WARNING: 4,
    logging.INFO: 6,
    logging.DEBUG: 7,
}


def encode_fields(fields: Mapping[str, str]) -> bytes:
    """The journal's native datagram: ``KEY=value`` lines; binary-safe for newlines."""
    out = bytearray()
    for key, value in fields.items():
        data = value.encode("utf-8", "replace")
        name = key.encode("ascii")
        if b"\n" in data:
            out += name + b"\n" + struct.pack("<Q", len(data)) + data + b"\n"
        else:
            out += name + b"=" + data + b"\n"
    return bytes(out)


def _priority(levelno: int) -> int:
    for level in sorted(_PRIORITY, reverse=True):
        if levelno >= level:
            return _PRIORITY[level]
    return 7


class JournalHandler(logging.Handler):
    """Sends each record to the journal with MESSAGE, PRIORITY and kiosk fields."""

    def __init__(self, path: str = JOURNAL_SOCKET) -> None:
        import socket  # here, not at the top: only a systemd start pays for it

        super().__init__()
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.setFormatter(logging.Formatter("%(message)s"))

    def fields(self, record: logging.LogRecord) -> dict[str, str]:
        """The journal fields of one record."""
        fields = {
            "MESSAGE": self.format(record),
            "PRIORITY": str(_priority(record.levelno)),
            "SYSLOG_IDENTIFIER": APP_ID,
            "KIOSK_LOGGER": record.name,
            "KIOSK_LEVEL": record.levelname,
            "KIOSK_APP_VERSION": __version__,
            "CODE_FILE": record.pathname,
            "CODE_LINE": str(record.lineno),
            "CODE_FUNC": record.funcName,
        }
        return fields

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.sock.sendto(encode_fields(self.fields(record)), self.path)
        except (OSError, ValueError):
            self.handleError(record)

    def close(self) -> None:
        self.sock.close()
        super().close()


def under_journal(environ: Mapping[str, str] | None = None) -> bool:
    """Whether stderr goes to the journal (systemd sets ``$JOURNAL_STREAM``)."""
    env = os.environ if environ is None else environ
    return (
        sys.platform.startswith("linux")
        and bool(env.get("JOURNAL_STREAM"))
        and os.path.exists(JOURNAL_SOCKET)
    )


def configure_logging(level: int = logging.INFO) -> logging.Handler | None:
    """The kiosk's console logging: the journal under systemd, else stderr.

    Returns the journal handler when one was installed.
    """
    if under_journal():
        try:
            handler = JournalHandler()
        except OSError:
            handler = None
        if handler is not None:
            root = logging.getLogger()
            root.addHandler(handler)
            root.setLevel(level)
            return handler
    logging.basicConfig(level=level, format=CONSOLE_FORMAT)
    return None
