"""Staff PIN: salted scrypt hashes, verification, and the five-tries lock."""

from __future__ import annotations

import base64

import pytest

from kiosk.staff_pin import (
    PinAttempt,
    PinError,
    PinLock,
    PinOutcome,
    hash_pin,
    is_pin_hash,
    validate_pin,
    verify_pin,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("4321")


def test_hash_format_is_self_describing(stored: str) -> None:
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert "4321" not in stored
    assert is_pin_hash(stored)


def test_hash_is_salted() -> None:
    first, second = hash_pin("123456"), hash_pin("123456")
    assert first != second
    assert verify_pin("123456", first)
    assert verify_pin("123456", second)


def test_verify_ok_and_wrong(stored: str) -> None:
    assert verify_pin("4321", stored)
    assert not verify_pin("4322", stored)
    assert not verify_pin("43210", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("abcd", stored)


@pytest.mark.parametrize(
    "stored",
    ["", "4321", "scrypt$16384$8$1$!!$??", "bcrypt$16384$8$1$AAAA$AAAA", "scrypt$x$8$1$AA$AA"],
)
def test_verify_never_raises_on_bad_hash(stored: str) -> None:
    assert not verify_pin("4321", stored)
    assert not is_pin_hash(stored)


def test_huge_parameters_in_a_hash_are_refused(stored: str) -> None:
    parts = stored.split("$")
    parts[1] = str(2**24)
    assert not is_pin_hash("$".join(parts))
    assert not verify_pin("4321", "$".join(parts))


@pytest.mark.parametrize("pin", ["0000", "12345678", "0123"])
def test_valid_pins(pin: str) -> None:
    assert validate_pin(pin) == pin


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", " 1234", "", "١٢٣٤", "12.4"])
def test_invalid_pins(pin: str) -> None:
    with pytest.raises(PinError, match="4 to 8 digits"):
        validate_pin(pin)
    with pytest.raises(PinError):
        hash_pin(pin)


def test_lock_ok_resets_count(stored: str) -> None:
    lock = PinLock(stored, clock=FakeClock())
    for _ in range(4):
        assert lock.attempt("0000").outcome is PinOutcome.WRONG
    assert lock.attempt("4321") == PinAttempt(PinOutcome.OK)
    # The count started again: four more wrong tries do not lock.
    results = [lock.attempt("0000") for _ in range(4)]
    assert [r.tries_left for r in results] == [4, 3, 2, 1]


def test_five_wrong_locks_for_five_minutes(stored: str) -> None:
    clock = FakeClock()
    lock = PinLock(stored, clock=clock)
    results = [lock.attempt("9999") for _ in range(5)]
    assert [r.outcome for r in results[:4]] == [PinOutcome.WRONG] * 4
    assert [r.tries_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[4] == PinAttempt(PinOutcome.LOCKED, seconds_left=300)

    clock.now += 299
    locked = lock.attempt("4321")  # even the right PIN is refused while locked
    assert locked == PinAttempt(PinOutcome.LOCKED, seconds_left=1)
    assert lock.seconds_locked() == 1

    clock.now += 1  # 300 s after the lock
    assert lock.seconds_locked() == 0
    assert lock.attempt("4321").outcome is PinOutcome.OK


def test_after_lock_expires_there_are_five_fresh_tries(stored: str) -> None:
    clock = FakeClock()
    lock = PinLock(stored, clock=clock)
    for _ in range(5):
        lock.attempt("1111")
    clock.now += 300
    assert lock.attempt("1111") == PinAttempt(PinOutcome.WRONG, tries_left=4)


def test_seconds_left_rounds_up(stored: str) -> None:
    clock = FakeClock()
    lock = PinLock(stored, clock=clock)
    for _ in range(5):
        lock.attempt("1111")
    clock.now += 0.5
    assert lock.attempt("1111").seconds_left == 300


def test_no_pin_set() -> None:
    lock = PinLock("", clock=FakeClock())
    assert not lock.pin_set
    assert lock.attempt("1234") == PinAttempt(PinOutcome.NOT_SET)


def test_new_pin_hash_is_used(stored: str) -> None:
    lock = PinLock("", clock=FakeClock())
    lock.set_pin_hash(stored)
    assert lock.pin_set
    assert lock.attempt("4321").outcome is PinOutcome.OK
