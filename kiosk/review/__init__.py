"""Clinical sign-off of the content: review records bound to the files. Qt-free.

Each language pack has a review record, ``content/<lang>/review.json``, kept
with the content (docs/content-review.md)::

    {"format": 1, "language": "en", "status": "approved",
     "reviewer": "...", "role": "...",
     "approved_on": "2026-12-02", "next_review_due": "2028-12-02",
     "content_digest": "<sha256>", "files": {"en/checklist.yaml": "<sha256>", ...},
     "history": [earlier approvals], "seal": "<sha256 of the fields above>"}

**Which files count** (:func:`pack_files`): every ``*.yaml`` file in the
language's folder (``<lang>/checklist.yaml``, ``handout.yaml``,
``twitching.yaml``, ``ui.yaml``) and the shared ``sources.yaml`` (the
sources a handout prints: a changed title or address changes what a
patient reads, so it makes every language a draft again). The shared
``languages.yaml`` does not count: it lists the packs and their names and
says nothing clinical, and adding a language must not un-approve the others.

**The digest** (:func:`content_digest`): SHA-256 over the files in sorted
order of their path relative to the content folder, each as
``path`` NUL ``length`` NUL ``bytes`` (UTF-8 path, decimal length), with
CRLF line ends read as LF so a Windows checkout has the same digest.

**The state** (:func:`evaluate`): ``approved``; ``overdue`` (approved and
unchanged, but the next review date has passed); ``changed`` (approved once,
but a counted file changed since: a draft again, and the record says which
files); ``draft`` (never approved, or no record); ``invalid`` (the record
cannot be read, or was edited by hand: its ``seal``, a SHA-256 of its other
fields, no longer matches). The seal has no secret, so it catches a hand
edit or a damaged file, not a forger who recomputes it; what keeps a record
honest on a kiosk is the signed content pack it travels in
(kiosk/content_packs.py), whose signature covers ``review.json`` too.

Reading needs no PyYAML and imports :mod:`hashlib` only when a digest is
computed, so nothing here costs the kiosk's start-up.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.safe_load import SafeLoadError, read_json_limited

if TYPE_CHECKING:
    from kiosk.content.models import ContentPack, LanguagePack

FORMAT = 1
RECORD_FILE = "review.json"
SNAPSHOT_FILE = "review-snapshot.json"
SHARED_FILES = ("sources.yaml",)  # counted in every language's digest
NOT_COUNTED = ("languages.yaml",)  # shared, but not clinical (see the module docstring)
REVIEW_YEARS = 2  # next review due two years after approval, unless given
RECORD_MAX_BYTES = 512 * 1024
MAX_HISTORY = 100
MAX_NAME_CHARS = 100


class ReviewState(StrEnum):
    """Where a language pack stands in its clinical review."""

    APPROVED = "approved"
    OVERDUE = "overdue"
    CHANGED = "changed"
    DRAFT = "draft"
    INVALID = "invalid"

    @property
    def approved(self) -> bool:
        """True if a clinician approved exactly these files (perhaps overdue for review)."""
        return self in (ReviewState.APPROVED, ReviewState.OVERDUE)


class ReviewError(Exception):
    """A review record that cannot be made or written; the message is for people."""


@dataclass(frozen=True)
class Approval:
    """One sign-off: who, in what role, when, and what it covered."""

    reviewer: str
    role: str
    approved_on: dt.date
    next_review_due: dt.date
    content_digest: str
    files: Mapping[str, str] = field(default_factory=dict)

    def as_json(self, with_files: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "reviewer": self.reviewer,
            "role": self.role,
            "approved_on": self.approved_on.isoformat(),
            "next_review_due": self.next_review_due.isoformat(),
            "content_digest": self.content_digest,
        }
        if with_files:
            out["files"] = dict(sorted(self.files.items()))
        return out


@dataclass(frozen=True)
class ReviewRecord:
    """A parsed ``review.json``: ``approval`` is None for a draft."""

    language: str
    approval: Approval | None
    history: tuple[Approval, ...] = ()


@dataclass(frozen=True)
class PackFiles:
    """The counted files of one language pack as they are now."""

    language: str
    files: Mapping[str, str]  # path relative to the content folder -> sha256
    digest: str
    problem: str | None = None  # a counted file that could not be read


@dataclass(frozen=True)
class ReviewStatus:
    """A pack's state, with what it is based on."""

    language: str
    state: ReviewState
    current_digest: str
    record: ReviewRecord | None = None
    changed_files: tuple[str, ...] = ()
    problem: str = ""

    @property
    def approval(self) -> Approval | None:
        """The approval in force (None for a draft or an unreadable record)."""
        return self.record.approval if self.record is not None else None

    @property
    def digest_matches(self) -> bool | None:
        """Whether the files are still those approved; None when nothing was approved."""
        approval = self.approval
        return None if approval is None else approval.content_digest == self.current_digest

    def summary(self) -> str:
        """One plain English line for the command line (``kiosk content status``)."""
        approval = self.approval
        if self.state is ReviewState.DRAFT:
            return self.problem or "draft: no clinician has approved this content"
        if self.state is ReviewState.INVALID:
            return f"not approved: {self.problem}"
        assert approval is not None
        who = f"{approval.reviewer} ({approval.role}) on {approval.approved_on.isoformat()}"
        if self.state is ReviewState.CHANGED:
            files = ", ".join(self.changed_files) or self.problem
            return f"changed since approved by {who}: {files}; a draft again until approved"
        due = approval.next_review_due.isoformat()
        if self.state is ReviewState.OVERDUE:
            return f"approved by {who}; the next review was due {due} (overdue)"
        return f"approved by {who}; next review due {due}"


# --- the files and their digest ---------------------------------------------


def pack_files(content_dir: Path, language: str) -> list[tuple[str, Path]]:
    """``(relative path, path)`` of every counted file of ``language``, sorted by path."""
    found = [
        (f"{language}/{path.name}", path)
        for path in (content_dir / language).glob("*.yaml")
        if path.is_file()
    ]
    found += [(name, content_dir / name) for name in SHARED_FILES if (content_dir / name).is_file()]
    return sorted(found)


def _normalised(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def file_digest(data: bytes) -> str:
    """SHA-256 of one file's bytes (CRLF read as LF)."""
    import hashlib

    return hashlib.sha256(_normalised(data)).hexdigest()


def content_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over ``(relative path, bytes)`` pairs, in sorted path order."""
    import hashlib

    digest = hashlib.sha256()
    for name, data in sorted(files):
        data = _normalised(data)
        digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return digest.hexdigest()


def read_pack_files(content_dir: Path, language: str) -> PackFiles:
    """The counted files of ``language`` under ``content_dir`` and their digest."""
    contents: list[tuple[str, bytes]] = []
    problem = None
    for name, path in pack_files(content_dir, language):
        try:
            contents.append((name, path.read_bytes()))
        except OSError as exc:
            problem = f"{name} cannot be read ({exc.strerror or exc})"
    if not contents and problem is None:
        problem = f"no content files for {language!r} in {content_dir}"
    return PackFiles(
        language=language,
        files={name: file_digest(data) for name, data in contents},
        digest=content_digest(contents),
        problem=problem,
    )


# --- the record ---------------------------------------------------------------


def record_path(content_dir: Path, language: str) -> Path:
    """Where ``language``'s review record lives."""
    return content_dir / language / RECORD_FILE


def seal(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the record's fields other than ``seal``, as canonical JSON."""
    import hashlib

    body = {key: value for key, value in fields.items() if key != "seal"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_record_json(language: str) -> dict[str, Any]:
    """The record content is shipped with: a draft that nobody approved."""
    return {
        "format": FORMAT,
        "language": language,
        "status": "draft",
        "note": "No clinician has approved this content yet. See docs/content-review.md.",
    }


def record_json(record: ReviewRecord) -> dict[str, Any]:
    """The file form of ``record``, sealed."""
    if record.approval is None:
        out = draft_record_json(record.language)
    else:
        out = {"format": FORMAT, "language": record.language, "status": "approved"}
        out.update(record.approval.as_json())
    if record.history:
        out["history"] = [old.as_json(with_files=False) for old in record.history]
    out["seal"] = seal(out)
    return out


def record_text(record: ReviewRecord) -> str:
    """The file text of ``record``."""
    return json.dumps(record_json(record), indent=2, ensure_ascii=False) + "\n"


class _Bad(Exception):
    pass


def parse_record(data: Any, language: str) -> ReviewRecord:
    """A record from parsed JSON; ValueError (a plain reason) when it is not a valid one."""
    if not isinstance(data, dict):
        raise ValueError("it is not a JSON object")
    if data.get("format") != FORMAT:
        raise ValueError(f"format {data.get('format')!r} is not {FORMAT}")
    if data.get("language") != language:
        raise ValueError(f"it is the record of {data.get('language')!r}, not {language!r}")
    status = data.get("status")
    history = tuple(_approval(item, with_files=False) for item in _list(data.get("history")))
    if status == "draft":
        return ReviewRecord(language, None, history)
    if status != "approved":
        raise ValueError(f"status {status!r} is neither draft nor approved")
    if data.get("seal") != seal(data):
        raise ValueError("it was edited by hand after approval (its seal does not match)")
    return ReviewRecord(language, _approval(data, with_files=True), history)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("history is not a list")
    return value


def _approval(data: Any, with_files: bool) -> Approval:
    if not isinstance(data, dict):
        raise ValueError("an approval is not a JSON object")
    texts = {}
    for key in ("reviewer", "role", "content_digest"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{key} is missing")
        texts[key] = value
    dates = {}
    for key in ("approved_on", "next_review_due"):
        try:
            dates[key] = dt.date.fromisoformat(str(data.get(key)))
        except ValueError:
            raise ValueError(f"{key} is not a date (YYYY-MM-DD)") from None
    files: dict[str, str] = {}
    if with_files:
        raw = data.get("files")
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
        ):
            raise ValueError("files is not a mapping of path to digest")
        files = dict(raw)
    return Approval(
        reviewer=texts["reviewer"],
        role=texts["role"],
        approved_on=dates["approved_on"],
        next_review_due=dates["next_review_due"],
        content_digest=texts["content_digest"],
        files=files,
    )


def read_record(content_dir: Path, language: str) -> tuple[ReviewRecord | None, str]:
    """``(record, problem)``: the record, or None and why it is not usable."""
    path = record_path(content_dir, language)
    try:
        data = read_json_limited(path, max_bytes=RECORD_MAX_BYTES, name=f"{language}/{RECORD_FILE}")
    except FileNotFoundError:
        return None, f"no review record ({language}/{RECORD_FILE}): a draft"
    except OSError as exc:
        return None, f"the review record cannot be read ({exc.strerror or exc})"
    except SafeLoadError as exc:
        return None, f"the review record is damaged ({exc.reason})"
    try:
        return parse_record(data, language), ""
    except ValueError as exc:
        return None, f"the review record is not valid: {exc}"


# --- the state ----------------------------------------------------------------


def evaluate(
    files: PackFiles, record: ReviewRecord | None, problem: str, today: dt.date
) -> ReviewStatus:
    """The pack's state from its files now and its record."""
    code = files.language
    if record is None:
        missing = problem.startswith("no review record")
        state = ReviewState.DRAFT if missing else ReviewState.INVALID
        return ReviewStatus(code, state, files.digest, None, problem=problem)
    approval = record.approval
    if approval is None:
        return ReviewStatus(code, ReviewState.DRAFT, files.digest, record)
    if files.problem:
        return ReviewStatus(code, ReviewState.CHANGED, files.digest, record, problem=files.problem)
    if approval.content_digest != files.digest:
        changed = changed_files(approval.files, files.files)
        if not changed:  # the per-file list agrees but the digest does not: a hand edit
            return ReviewStatus(
                code,
                ReviewState.INVALID,
                files.digest,
                None,
                problem="the record's digest does not match the files it lists",
            )
        return ReviewStatus(code, ReviewState.CHANGED, files.digest, record, changed)
    if today > approval.next_review_due:
        return ReviewStatus(code, ReviewState.OVERDUE, files.digest, record)
    return ReviewStatus(code, ReviewState.APPROVED, files.digest, record)


def changed_files(approved: Mapping[str, str], now: Mapping[str, str]) -> tuple[str, ...]:
    names = sorted(set(approved) | set(now))
    out = []
    for name in names:
        if name not in now:
            out.append(f"{name} (removed)")
        elif name not in approved:
            out.append(f"{name} (new)")
        elif approved[name] != now[name]:
            out.append(name)
    return tuple(out)


def pack_status(content_dir: Path, language: str, today: dt.date | None = None) -> ReviewStatus:
    """``language``'s review state under ``content_dir`` (today by default)."""
    files = read_pack_files(content_dir, language)
    record, problem = read_record(content_dir, language)
    return evaluate(files, record, problem, today or dt.date.today())


def all_statuses(
    content_dir: Path, languages: Iterable[str], today: dt.date | None = None
) -> dict[str, ReviewStatus]:
    """Every listed language's state."""
    return {code: pack_status(content_dir, code, today) for code in languages}


# --- approving ----------------------------------------------------------------


def default_next_review(approved_on: dt.date) -> dt.date:
    """Two years after ``approved_on`` (29 February gives 28 February)."""
    try:
        return approved_on.replace(year=approved_on.year + REVIEW_YEARS)
    except ValueError:
        return approved_on.replace(year=approved_on.year + REVIEW_YEARS, day=28)


def check_name(what: str, value: str) -> str:
    """A reviewer's name or role: one printable line, 1 to 100 characters."""
    value = value.strip()
    if not value:
        raise ReviewError(f"{what} is empty")
    if len(value) > MAX_NAME_CHARS:
        raise ReviewError(f"{what} is longer than {MAX_NAME_CHARS} characters")
    if any(not ch.isprintable() for ch in value):
        raise ReviewError(f"{what} must be one line of printable text")
    return value


def new_record(
    files: PackFiles,
    previous: ReviewRecord | None,
    reviewer: str,
    role: str,
    approved_on: dt.date,
    next_review_due: dt.date | None = None,
) -> ReviewRecord:
    """The record of a new approval of exactly ``files``; earlier approvals go to history."""
    if files.problem:
        raise ReviewError(files.problem)
    due = next_review_due or default_next_review(approved_on)
    if due <= approved_on:
        raise ReviewError(f"the next review ({due}) must be after the approval ({approved_on})")
    history: list[Approval] = list(previous.history) if previous is not None else []
    if previous is not None and previous.approval is not None:
        history.append(previous.approval)
    approval = Approval(
        reviewer=check_name("the reviewer's name", reviewer),
        role=check_name("the reviewer's role", role),
        approved_on=approved_on,
        next_review_due=due,
        content_digest=files.digest,
        files=dict(files.files),
    )
    return ReviewRecord(files.language, approval, tuple(history[-MAX_HISTORY:]))


# --- the content this process shows -------------------------------------------

_lock = threading.Lock()
_active_dir: Path | None = None
_computed: dict[str, tuple[PackFiles, ReviewRecord | None, str]] = {}


def use_content_dir(content_dir: Path | None) -> None:
    """Report the review records of ``content_dir`` (None: the kiosk's content) from now on.

    The kiosk and ``kiosk handout --content DIR`` call this; the staff
    screen and the handout footer read :func:`active_status`.
    """
    global _active_dir
    with _lock:
        _active_dir = Path(content_dir) if content_dir is not None else None
        _computed.clear()


def active_content_dir() -> Path:
    """The content folder whose records count in this process."""
    if _active_dir is not None:
        return _active_dir
    from kiosk.resources import CONTENT_DIR

    return CONTENT_DIR


def active_status(language: str, today: dt.date | None = None) -> ReviewStatus:
    """``language``'s state in the content this process shows.

    The files are read and hashed once (the content was loaded once); the
    dates are checked on every call, so a kiosk left running becomes overdue.
    """
    with _lock:
        if language not in _computed:
            root = active_content_dir()
            record, problem = read_record(root, language)
            _computed[language] = (read_pack_files(root, language), record, problem)
        files, record, problem = _computed[language]
    return evaluate(files, record, problem, today or dt.date.today())


def check_at_start(
    content_dir: Path | None, content: ContentPack, require_approved: bool, refuse: bool
) -> None:
    """At start-up: use ``content_dir``'s records; refuse unapproved content if asked.

    ``require_approved`` is the ``require_approved_content`` setting;
    ``refuse`` is true for a full-screen (waiting-room) kiosk. Raises
    ContentError naming every pack that is a draft, changed or invalid.
    """
    use_content_dir(content_dir)
    if not (require_approved and refuse):
        return
    from kiosk.content.errors import ContentError

    problems = []
    for code in content.languages:
        try:
            status = active_status(code)
        except Exception as exc:  # refusing is the safe answer when approval is required
            problems.append(f"{code}: the review record could not be checked ({exc})")
            continue
        if not status.state.approved:
            problems.append(f"{code}: not approved for use ({status.summary()})")
    if problems:
        problems.append(
            "The setting require_approved_content is on: approve the content "
            "(kiosk content approve, docs/content-review.md) or turn the setting off."
        )
        raise ContentError(problems)


def approval_line(languages: Iterable[str]) -> str:
    """For the start log line (kiosk.fleet.start_line): ``en approved, es draft``."""
    states = []
    for code in languages:
        try:
            states.append(f"{code} {active_status(code).state.value}")
        except Exception:  # a log line must never stop the kiosk
            states.append(f"{code} unknown")
    return ", ".join(states)


# --- the honest lines on paper and on screen -----------------------------------

HANDOUT_LINE_KEY = "review.handout_line"
_HANDOUT_LINE_EN = "Reviewed by {role} on {date} · next review due {due}"


def review_line(
    pack: LanguagePack,
    date: Callable[[dt.date], str],
    pending: str,
    status: ReviewStatus | None = None,
) -> str:
    """ "Reviewed by ROLE on DATE · next review due DATE" for an approved pack, else ``pending``.

    ``date`` writes a date in the pack's language; ``status`` defaults to
    the pack's :func:`active_status`.
    """
    status = status or active_status(pack.language)
    approval = status.approval
    if not status.state.approved or approval is None:
        return pending
    template = pack.ui.get(HANDOUT_LINE_KEY, _HANDOUT_LINE_EN)
    return template.format(
        role=approval.role,
        date=date(approval.approved_on),
        due=date(approval.next_review_due),
    )
