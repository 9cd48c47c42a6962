"""A ready-made copy of the checked content, so the kiosk starts without YAML.

Importing PyYAML and parsing the YAML is about 18 ms of the kiosk's start-up
(docs/performance.md). This keeps a copy of the checked :class:`ContentPack`
as plain JSON in the user cache folder, and never runs code from it: no
pickle, only strings, numbers, lists and objects, turned back into the
frozen models field by field with every type checked.

- **Key**: a BLAKE2b digest of the bytes of every file in the content folder (and
  of the loader's code), so any edit is seen, even one that keeps a file's
  size and modification time.
- **Seal**: a keyed BLAKE2b (a MAC) of the copy with a random secret kept in the
  kiosk's config folder (``content-cache.key``, 0600), not beside the copy.
  A copy someone else wrote or edited (right key or not) fails the seal and
  is ignored, logged as a warning, and rebuilt from the YAML. The copy is
  checked before it is even parsed as JSON.
- **Writing**: 0600, to a temp file renamed into place.

A missing, stale, unreadable or damaged copy (or a secret that cannot be
kept) only means the YAML is loaded and checked as usual; broken content
still raises :class:`ContentError` and is never copied. The copy holds the
published content only, never anything a visitor did.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import logging
import os
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.content.start_text import StartText, start_texts
from kiosk.folders import cache_dir as user_cache_dir
from kiosk.resources import CONTENT_DIR
from kiosk.safe_load import SafeLoadError, read_bytes_limited

if TYPE_CHECKING:
    import datetime as dt

    from kiosk.content.models import ContentPack

log = logging.getLogger(__name__)

CACHE_FILE = "content.json"
SECRET_FILE = "content-cache.key"
# Bump when the copy's layout changes in a way the key cannot show.
FORMAT = 4
MAX_CACHE_BYTES = 8 * 1024 * 1024
# The code that turns YAML into models: a change to it also makes the copy stale.
_HERE = Path(__file__).parent
_CODE = (
    *(
        _HERE / name
        for name in (
            "models.py",
            "ids.py",
            "start_text.py",
            "loader.py",
            "errors.py",
            "ui_keys.py",
            "teach_back_loader.py",
        )
    ),
    _HERE.parent / "safe_load.py",
    _HERE.parent / "handout" / "text.py",
)
_SECRET_BYTES = 32


class CacheRefused(ValueError):
    """The copy cannot be used (stale, forged, damaged); the message says why."""


def content_key(root: Path) -> str:
    """The digest the copy must match: every content file's path and bytes, and the code's.

    BLAKE2b (256 bits), as strong as SHA-256 here and about four times faster
    in CPython's own C code: it reads some 300 KB at every start.

    Raises OSError if the folder or a file cannot be read.
    """
    digest = _blake2b(f"{FORMAT}\0{__version__}\0".encode())
    for folder, subfolders, names in os.walk(root, onerror=_raise):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            _add_file(digest, path.relative_to(root).as_posix(), path.read_bytes())
    for path in _CODE:
        try:
            data = path.read_bytes()
        except OSError:  # a frozen build keeps no .py files; its version says enough
            data = b""
        _add_file(digest, f"code/{path.name}", data)
    return digest.hexdigest()


class ContentCopy:
    """The checked content as the kiosk starts with it.

    ``start`` (each language's start text) is there at once; ``pack`` (all
    the content, as models) is read back from the copy on first use, which
    the kiosk leaves until just after its first paint.
    """

    def __init__(
        self, start: Mapping[str, StartText], reader: Callable[[], ContentPack] | None = None
    ) -> None:
        self.start = start
        self._reader = reader
        self._pack: ContentPack | None = None

    @classmethod
    def ready(cls, pack: ContentPack) -> ContentCopy:
        """A copy of content already in models (read from the YAML, or made by hand)."""
        copy = cls(start_texts(pack))
        copy._pack = pack
        return copy

    @property
    def read(self) -> bool:
        """True once the content is in models."""
        return self._pack is not None

    @property
    def pack(self) -> ContentPack:
        """All the content; the first use reads it back from the copy.

        Raises ContentError only if the copy had to be given up for the YAML
        and the YAML is broken (it was edited in the moment since the start).
        """
        if self._pack is None:
            assert self._reader is not None
            self._pack = self._reader()
            self._reader = None  # and the plain data it held
        return self._pack


def load_content_cached(
    content_dir: Path | None, cache_dir: Path | None = None, secret_dir: Path | None = None
) -> ContentPack:
    """The content under ``content_dir``, from the copy in ``cache_dir`` (default: the
    user cache folder) when it is current and sealed with the secret in
    ``secret_dir`` (default: the kiosk's config folder).

    Raises ContentError when the content itself is broken, like ``load_content``.
    """
    return open_content_cached(content_dir, cache_dir, secret_dir).pack


def open_content_cached(
    content_dir: Path | None, cache_dir: Path | None = None, secret_dir: Path | None = None
) -> ContentCopy:
    """As :func:`load_content_cached`, but a current copy's models are read on first use.

    Raises ContentError when the content itself is broken (only ever from
    the YAML: a copy is made of checked content only).
    """
    root = Path(content_dir) if content_dir is not None else CONTENT_DIR
    try:
        key = content_key(root)
    except OSError:
        return ContentCopy.ready(_load_yaml(root))  # the loader says what is wrong
    path = (user_cache_dir() if cache_dir is None else cache_dir) / CACHE_FILE
    secret = _secret(_secret_dir(secret_dir))
    if secret is None:
        return ContentCopy.ready(_load_yaml(root))
    stored = _read(path, key, secret)
    if stored is None:
        pack = _load_yaml(root)
        _write(path, key, pack, secret)
        return ContentCopy.ready(pack)
    start, data = stored

    def read_pack() -> ContentPack:
        try:
            return _decode_pack(data)
        except CacheRefused as exc:
            log.warning("content cache %s was refused (%s); ignored and rebuilt", path, exc)
        pack = _load_yaml(root)
        _write(path, key, pack, secret)
        return pack

    return ContentCopy(start, read_pack)


def read_copy(path: Path, key: str, secret_dir: Path | None = None) -> ContentPack:
    """The sealed copy at ``path`` if it matches ``key``; raises CacheRefused otherwise.

    For tests and staff tools: the kiosk itself uses :func:`load_content_cached`.
    """
    secret = _secret(_secret_dir(secret_dir), create=False)
    if secret is None:
        raise CacheRefused("there is no secret to check the copy with")
    try:
        _, data = _decode_file(read_bytes_limited(path, MAX_CACHE_BYTES, str(path)), key, secret)
        return _decode_pack(data)
    except (OSError, SafeLoadError) as exc:
        raise CacheRefused(str(exc)) from None


def _load_yaml(root: Path) -> ContentPack:
    from kiosk.content.loader import load_content  # PyYAML only when needed

    return load_content(root)


Stored = tuple[dict[str, StartText], bytes]  # the start texts, the models' JSON


def _read(path: Path, key: str, secret: bytes) -> Stored | None:
    try:
        data = read_bytes_limited(path, MAX_CACHE_BYTES, str(path))
    except FileNotFoundError:
        return None
    except (OSError, SafeLoadError) as exc:
        log.warning("content cache %s not used (%s); rebuilding it", path, exc)
        return None
    try:
        return _decode_file(data, key, secret)
    except _Stale as exc:
        log.info("content cache %s is out of date (%s); rebuilding it", path, exc)
    except CacheRefused as exc:
        log.warning("content cache %s was refused (%s); ignored and rebuilt", path, exc)
    return None


class _Stale(CacheRefused):
    """An honest copy of other content or code: not a warning."""


def _decode_file(data: bytes, key: str, secret: bytes) -> Stored:
    """The start texts, checked, and the models' JSON, not yet parsed (``_decode_pack``).

    The copy is three lines: the seal (of the other two), a header (format,
    key, start texts) and the models. Only the header is parsed before the
    first paint.
    """
    seal, _, body = data.partition(b"\n")
    if not _same(seal, _seal(secret, body)):
        raise CacheRefused("its seal does not match: it was changed or written elsewhere")
    header, _, pack = body.partition(b"\n")
    # Sealed by this kiosk, so plain json.loads (the limits' scan would cost
    # more than the copy saves); every value is still type-checked.
    try:
        stored = json.loads(header)
    except (ValueError, RecursionError) as exc:
        raise CacheRefused(f"it is not valid JSON: {exc}") from None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        raise _Stale("another format")
    if stored.get("key") != key:
        raise _Stale("the content or the code changed")
    try:
        start: dict[str, StartText] = _decode(Mapping[str, StartText], stored.get("start"))
    except (TypeError, ValueError, KeyError, RecursionError) as exc:
        raise CacheRefused(f"its start texts are not valid: {exc}") from None
    if not start:
        raise CacheRefused("its start texts are not valid: there are none")
    return start, pack


def _decode_pack(pack_json: bytes) -> ContentPack:
    from kiosk.content.models import ContentPack

    try:
        pack = _decode(ContentPack, json.loads(pack_json))
    except (TypeError, ValueError, KeyError, RecursionError) as exc:  # JSON's errors too
        raise CacheRefused(f"its content is not valid: {exc}") from None
    assert isinstance(pack, ContentPack)
    return pack


def _write(path: Path, key: str, pack: ContentPack, secret: bytes) -> None:
    try:
        header = {"format": FORMAT, "key": key, "start": _encode(start_texts(pack))}
        # Compact JSON holds no line break: one line each (``_decode_file``).
        body = b"\n".join(
            json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            for part in (header, _encode(pack))
        )
    except (TypeError, ValueError) as exc:
        log.info("content cache %s not written: %s", path, exc)
        return
    _write_private(path, _seal(secret, body) + b"\n" + body, "content cache")


def _write_private(path: Path, data: bytes, what: str) -> bool:
    # mkstemp makes the file 0600; the rename makes it appear all at once.
    import tempfile  # only when writing: not part of an ordinary start-up

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        log.info("%s %s not written: %s", what, path, exc)
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        log.info("%s %s not written: %s", what, path, exc)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True


# --- the secret that seals the copy ---


def _secret_dir(secret_dir: Path | None) -> Path:
    if secret_dir is not None:
        return secret_dir
    from kiosk.settings import settings_path

    return settings_path().parent


def _secret(folder: Path, create: bool = True) -> bytes | None:
    """The secret in ``folder``, made on first use; None if it cannot be kept."""
    path = folder / SECRET_FILE
    try:
        text = read_bytes_limited(path, 4 * _SECRET_BYTES, str(path)).decode("ascii").strip()
        secret = bytes.fromhex(text)
        if len(secret) == _SECRET_BYTES:
            return secret
        log.warning("content cache secret %s is damaged; making a new one", path)
    except FileNotFoundError:
        pass
    except (OSError, SafeLoadError, ValueError) as exc:
        log.warning("content cache secret %s cannot be read (%s); making a new one", path, exc)
    if not create:
        return None
    secret = os.urandom(_SECRET_BYTES)
    if not _write_private(path, secret.hex().encode("ascii") + b"\n", "content cache secret"):
        return None
    return secret


# --- digests without hashlib: importing it loads OpenSSL (~7 ms of start-up) ---


def _blake2b(data: bytes = b"", key: bytes = b"") -> Any:
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b
    return blake2b(data, key=key, digest_size=32)


def _seal(secret: bytes, body: bytes) -> bytes:
    """Keyed BLAKE2b of ``body``: a MAC by design (RFC 7693), as hex bytes."""
    return _blake2b(body, key=secret).hexdigest().encode("ascii")


def _same(left: bytes, right: bytes) -> bool:
    try:
        from _operator import _compare_digest
    except ImportError:
        from hmac import compare_digest as _compare_digest  # type: ignore[no-redef]
    return bool(_compare_digest(left, right))


# --- models <-> plain data, every type checked on the way back ---


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in _fields(type(value))}
    if isinstance(value, Enum):
        return value.value
    import datetime as dt  # not at the top: only writing and reading models need it

    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return [[_encode(k), _encode(v)] for k, v in value.items()]
    raise TypeError(f"cannot store a {type(value).__name__}")


def _decode(kind: Any, data: Any) -> Any:
    """``data`` read back as a ``kind``; raises TypeError, ValueError or KeyError."""
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """A function that reads plain data back as a ``kind``, every type checked.

    Made once per kind, so reading the copy walks the data only, not the
    type hints as well (about half of the copy's read time).
    """
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        options = [_decoder(arg) for arg in args if arg is not type(None)]
        return _union(kind, options, type(None) in args)
    if origin is typing.Literal:
        return functools.partial(_literal, args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return functools.partial(_tuple_of, _decoder(args[0]))
        return functools.partial(_fixed_tuple, tuple(_decoder(arg) for arg in args))
    if origin in (Mapping, dict, types.MappingProxyType) or kind is Mapping:
        key_kind, value_kind = args or (Any, Any)
        proxy = origin is types.MappingProxyType
        return functools.partial(_mapping, _decoder(key_kind), _decoder(value_kind), proxy)
    if origin in (frozenset, set, list):
        (item_kind,) = args or (Any,)
        return functools.partial(_collection, origin, _decoder(item_kind))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    return _SCALARS.get(kind) or _date_decoder(kind) or functools.partial(_refuse, kind)


def _union(kind: Any, options: list[Decoder], optional: bool) -> Decoder:
    def decode(data: Any) -> Any:
        if data is None and optional:
            return None
        for option in options:
            with contextlib.suppress(TypeError, ValueError, KeyError):
                return option(data)
        raise TypeError(f"{data!r:.40} fits none of {kind}")

    return decode


def _literal(allowed: tuple[Any, ...], data: Any) -> Any:
    if data in allowed:
        return data
    raise ValueError(f"{data!r:.40} is not one of {allowed}")


def _tuple_of(item: Decoder, data: Any) -> tuple[Any, ...]:
    return tuple([item(value) for value in _list(data)])


def _fixed_tuple(items: tuple[Decoder, ...], data: Any) -> tuple[Any, ...]:
    values = _list(data)
    if len(items) != len(values):
        raise ValueError(f"expected {len(items)} items")
    return tuple([item(value) for item, value in zip(items, values, strict=True)])


def _mapping(key: Decoder, value: Decoder, proxy: bool, data: Any) -> Any:
    pairs = _list(data)
    result = {}
    for pair in pairs:
        stored_key, stored_value = _list(pair)
        result[key(stored_key)] = value(stored_value)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice")
    return types.MappingProxyType(result) if proxy else result


def _collection(kind: type, item: Decoder, data: Any) -> Any:
    return kind([item(value) for value in _list(data)])


def _dataclass(kind: type) -> Decoder:
    names = frozenset(f.name for f in _fields(kind))
    hints = _hints(kind)
    fields: list[tuple[str, Decoder]] = []

    def decode(data: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"{kind.__name__} must be an object")
        if data.keys() != names:
            raise ValueError(f"{kind.__name__} has other fields")
        if not fields:  # filled on first use: a model may refer to itself
            fields.extend((f.name, _decoder(hints[f.name])) for f in _fields(kind))
        return kind(**{name: decode_field(data[name]) for name, decode_field in fields})

    return decode


def _date(data: Any) -> dt.date:
    if not isinstance(data, str):
        raise TypeError("a date must be text")
    import datetime

    return datetime.date.fromisoformat(data)


def _bool(data: Any) -> bool:
    if isinstance(data, bool):
        return data
    raise TypeError(f"expected true or false, not {data!r:.40}")


def _int(data: Any) -> int:
    if isinstance(data, int) and not isinstance(data, bool):
        return data
    raise TypeError(f"expected a whole number, not {data!r:.40}")


def _float(data: Any) -> float:
    if isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    raise TypeError(f"expected a number, not {data!r:.40}")


def _str(data: Any) -> str:
    if isinstance(data, str):
        return data
    raise TypeError(f"expected text, not {data!r:.40}")


def _none(data: Any) -> None:
    if data is not None:
        raise TypeError("expected nothing")


_SCALARS: dict[Any, Decoder] = {
    bool: _bool,
    int: _int,
    float: _float,
    str: _str,
    type(None): _none,
}


def _refuse(kind: Any, data: Any) -> Any:
    # Anything else (Any, a new kind of field) is refused: the YAML is read instead.
    raise TypeError(f"cannot read back a {kind}")


def _date_decoder(kind: Any) -> Decoder | None:
    # datetime is imported only when a date field asks (the start texts have none).
    if getattr(kind, "__module__", None) != "datetime":
        return None
    import datetime

    return _date if kind is datetime.date else None


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list, not {type(data).__name__}")
    return data


@functools.cache
def _fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(kind) if f.init)


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    if kind.__module__ != "kiosk.content.models":  # StartText: before the first paint
        return typing.get_type_hints(kind)  # its own module's names
    from kiosk.content import models
    from kiosk.handout.text import HandoutText  # LanguagePack.handout (no reportlab)

    return typing.get_type_hints(kind, {**vars(models), "HandoutText": HandoutText})


def _add_file(digest: Any, name: str, data: bytes) -> None:
    encoded = name.encode("utf-8")
    digest.update(len(encoded).to_bytes(8, "big") + encoded)
    digest.update(len(data).to_bytes(8, "big") + data)


def _raise(error: OSError) -> None:
    raise error
