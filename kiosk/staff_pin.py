"""The staff PIN: salted scrypt hashes and a lock after repeated wrong tries.

Only the hash is ever stored (in the settings file, key ``pin_hash``); the
PIN itself is never written anywhere. Qt-free.
"""

from __future__ import annotations

import base64
import binascii
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
MAX_TRIES = 5
LOCK_SECONDS = 300

_SCHEME = "scrypt"
_N = 2**14
_R = 8
_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32
# Upper bounds for parameters read back from a file, so a hand-edited hash
# cannot make one PIN check eat gigabytes of memory or minutes of CPU.
_MAX_N = 2**16
_MAX_R = 16
_MAX_P = 4
_MAXMEM = 2**28


class PinError(ValueError):
    """A PIN that is not 4 to 8 digits; the message can be shown as is."""


def validate_pin(pin: str) -> str:
    """Return ``pin`` if it is 4 to 8 ASCII digits, else raise :class:`PinError`."""
    if not (pin.isascii() and pin.isdigit()):
        raise PinError(f"A staff PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9).")
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        raise PinError(
            f"A staff PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits; "
            f"this one has {len(pin)}."
        )
    return pin


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    import hashlib  # on first use: OpenSSL's import is a few ms of the kiosk's start-up

    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_MAXMEM
    )


def hash_pin(pin: str) -> str:
    """Hash a valid PIN with scrypt and a fresh random 16-byte salt.

    Returns a self-describing string ``scrypt$16384$8$1$<salt b64>$<hash b64>``.
    Two calls with the same PIN give different strings. Raises
    :class:`PinError` if the PIN is not 4 to 8 digits.
    """
    validate_pin(pin)
    salt = os.urandom(_SALT_BYTES)
    digest = _scrypt(pin, salt, _N, _R, _P, _HASH_BYTES)
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class _ParsedHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def _parse(stored: str) -> _ParsedHash | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return None
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        return None
    if len(salt) < 8 or not 16 <= len(digest) <= 64:
        return None
    return _ParsedHash(n, r, p, salt, digest)


def is_pin_hash(stored: str) -> bool:
    """True if ``stored`` is a well-formed hash made by :func:`hash_pin`."""
    return _parse(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """True if ``pin`` matches the ``stored`` hash; False for anything else.

    Never raises: a malformed PIN or a malformed hash is simply not a match.
    The final comparison is constant-time.
    """
    parsed = _parse(stored)
    if parsed is None:
        return False
    try:
        validate_pin(pin)
    except PinError:
        return False
    digest = _scrypt(pin, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.digest))
    import hmac

    return hmac.compare_digest(digest, parsed.digest)


class PinOutcome(StrEnum):
    """What happened when someone typed a PIN."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinAttempt:
    """The result of :meth:`PinLock.attempt`.

    ``tries_left`` is set for WRONG (how many more tries before the lock);
    ``seconds_left`` is set for LOCKED (whole seconds, rounded up).
    """

    outcome: PinOutcome
    tries_left: int = 0
    seconds_left: int = 0


class PinLock:
    """Checks PINs and locks the staff screen after five wrong tries in a row.

    Five wrong PINs lock it for five minutes; while locked, no PIN is checked
    at all (not even the right one). A right PIN resets the count.

    The lock state lives in memory only: restarting the app resets it. That is
    a deliberate trade-off: restarting needs access to the machine, and
    someone with that access could also edit the settings file, so persisting
    the lock would add a file to get wrong without stopping anyone.
    """

    def __init__(
        self,
        pin_hash: str,
        clock: Callable[[], float] = time.monotonic,
        max_tries: int = MAX_TRIES,
        lock_seconds: float = LOCK_SECONDS,
    ) -> None:
        self._pin_hash = pin_hash
        self._clock = clock
        self._max_tries = max_tries
        self._lock_seconds = lock_seconds
        self._failures = 0
        self._locked_until: float | None = None

    @property
    def pin_set(self) -> bool:
        """True if there is a PIN to check against."""
        return bool(self._pin_hash)

    def set_pin_hash(self, pin_hash: str) -> None:
        """Use a new stored hash (after staff change the PIN); "" means no PIN."""
        self._pin_hash = pin_hash

    def seconds_locked(self) -> int:
        """Whole seconds (rounded up) until PINs are accepted again; 0 if open."""
        if self._locked_until is None:
            return 0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            return 0
        return math.ceil(left)

    def attempt(self, pin: str) -> PinAttempt:
        """Check one typed PIN and update the wrong-try count."""
        if not self._pin_hash:
            return PinAttempt(PinOutcome.NOT_SET)
        locked = self.seconds_locked()
        if locked:
            return PinAttempt(PinOutcome.LOCKED, seconds_left=locked)
        if verify_pin(pin, self._pin_hash):
            self._failures = 0
            return PinAttempt(PinOutcome.OK)
        self._failures += 1
        if self._failures >= self._max_tries:
            self._failures = 0
            self._locked_until = self._clock() + self._lock_seconds
            return PinAttempt(PinOutcome.LOCKED, seconds_left=math.ceil(self._lock_seconds))
        return PinAttempt(PinOutcome.WRONG, tries_left=self._max_tries - self._failures)
