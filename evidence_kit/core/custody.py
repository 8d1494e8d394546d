"""The custody log: one JSON entry per event, each naming the SHA-256 of the previous entry's bytes.

Entries are stored one per file as age files (`custody/log/00000001.age`), so the log can grow while
the case is locked; `custody/HEAD` is plaintext: `seq entry-sha256 file-sha256`. Checkpoints are
plaintext statements over the log, signed with the case signing key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from . import age, signing
from .sealed import read_sealed, write_sealed
from .errors import EvidenceKitError
from . import layout
from .fsio import atomic_write_bytes

GENESIS_PREV = "0" * 64
EVENTS = (
    "case-created", "import", "annotate", "verify", "export", "checkpoint",
    "backup", "passphrase-changed", "timestamp-attached", "withdrawn", "case-record", "handover", "restore",
)
CHECKPOINT_MAGIC = "evidence-case-checkpoint v1"


@dataclass(frozen=True)
class Head:
    """`custody/HEAD`: `seq entry-sha256 file-sha256 check`, where check (16 hex) is a checksum
    of the first three fields, so that a flipped byte is caught without the key."""

    seq: int
    entry_sha256: str  # SHA-256 of the entry's plaintext bytes: the next entry's `prev`
    file_sha256: str   # SHA-256 of the entry's age file, checkable without the key

    def _fields(self) -> str:
        return f"{self.seq} {self.entry_sha256} {self.file_sha256}"

    def to_bytes(self) -> bytes:
        fields = self._fields()
        return f"{fields} {sha256_hex(fields.encode())[:16]}\n".encode()


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_head(case_dir: Path) -> Head:
    path = case_dir / layout.HEAD
    try:
        data = path.read_bytes()
        seq, entry_sha, file_sha, check = data.decode("ascii").rstrip("\n").split(" ")
        head = Head(int(seq), entry_sha, file_sha)
        if head.to_bytes() != data or head.seq < 1:
            raise ValueError
    except FileNotFoundError:
        raise EvidenceKitError("head_missing") from None
    except (ValueError, UnicodeDecodeError):
        raise EvidenceKitError("head_damaged") from None
    return head


def count_entries(case_dir: Path) -> int:
    """How many entries stand in a row from 1 (used only when HEAD cannot be read)."""
    seq = 0
    while (case_dir / layout.log_entry(seq + 1)).exists():
        seq += 1
    return seq


def write_head(case_dir: Path, head: Head) -> None:
    atomic_write_bytes(case_dir / layout.HEAD, head.to_bytes())


def make_entry(seq: int, prev: str, event: str, fields: dict) -> bytes:
    """The exact bytes of one entry: compact JSON, UTF-8, integers and strings only."""
    if event not in EVENTS:
        raise ValueError(f"unknown custody event {event!r}")
    body = {"v": 1, "seq": seq, "prev": prev, "time": utc_now(), "clock": "local", "event": event}
    body.update(fields)
    body["app"] = __version__
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_entry(case_dir: Path, seq: int, entry: bytes, recipient) -> str:
    """Encrypt and store entry `seq`; return the SHA-256 of the stored file."""
    return write_sealed(case_dir / layout.log_entry(seq), entry, [recipient]).cipher_sha256


def read_entry(case_dir: Path, seq: int, identity) -> bytes:
    return read_sealed(case_dir / layout.log_entry(seq), [identity])


@dataclass
class ChainProblem:
    seq: int
    code: str  # error code understood by i18n: chain_prev, chain_seq, chain_json, chain_head, entry_unreadable


def check_link(seq: int, entry: bytes, prev: str | None) -> str | None:
    """The problem code of entry `seq` given the previous entry's hash (None: unknown), or None."""
    try:
        doc = json.loads(entry)
    except ValueError:
        return "chain_json"
    if not isinstance(doc, dict) or not isinstance(doc.get("event"), str):
        return "chain_json"
    if doc.get("seq") != seq:
        return "chain_seq"
    if prev is not None and doc.get("prev") != prev:
        return "chain_prev"
    return None


def read_chain(case_dir: Path, identity, head: Head) -> tuple[list[bytes], list[ChainProblem]]:
    """Decrypt entries 1..head.seq and check every link; never raises for a damaged entry.

    An entry that cannot be read stands as b"" in the list."""
    entries: list[bytes] = []
    problems: list[ChainProblem] = []
    if head.seq > len(list((case_dir / layout.LOG_DIR).glob("*.age"))) + 1:
        return [], [ChainProblem(head.seq, "chain_head")]  # HEAD claims far more than there is
    prev: str | None = GENESIS_PREV
    for seq in range(1, head.seq + 1):
        entry = read_entry_or_empty(case_dir, seq, identity)
        code = "entry_unreadable" if not entry else check_link(seq, entry, prev)
        if code:
            problems.append(ChainProblem(seq, code))
        entries.append(entry)
        prev = sha256_hex(entry) if entry else None
    if entries and entries[-1] and sha256_hex(entries[-1]) != head.entry_sha256:
        problems.append(ChainProblem(head.seq, "chain_head"))
    return entries, problems


def read_entry_or_empty(case_dir: Path, seq: int, identity) -> bytes:
    """Entry `seq`, or b"" when it is missing or cannot be decrypted."""
    try:
        return read_entry(case_dir, seq, identity)
    except (OSError, age.AgeError):
        return b""


def doc_of(entry: bytes) -> dict:
    """The entry as a dict; {} for anything that is not a JSON object."""
    try:
        doc = json.loads(entry)
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def log_sha256(entries: list[bytes]) -> str:
    """SHA-256 of the log as exported: every entry followed by LF."""
    h = hashlib.sha256()
    for entry in entries:
        h.update(entry + b"\n")
    return h.hexdigest()


def checkpoint_statement(case_id: str, entries: list[bytes]) -> bytes:
    seq = len(entries)
    lines = [
        CHECKPOINT_MAGIC,
        f"case: {case_id}",
        f"seq: {seq}",
        f"head: {sha256_hex(entries[-1])}",
        f"log-sha256: {log_sha256(entries)}",
        f"time: {utc_now()} (local clock)",
    ]
    return ("\n".join(lines) + "\n").encode("ascii")


def parse_checkpoint(text: bytes) -> dict:
    """The fields of a checkpoint statement; ValueError unless it is complete and well formed."""
    try:
        lines = text.decode("ascii").splitlines()
        fields = dict(line.split(": ", 1) for line in lines[1:])
        fields["seq"] = int(fields["seq"])
    except (UnicodeDecodeError, ValueError, KeyError):
        raise ValueError("not a checkpoint") from None
    if lines[0] != CHECKPOINT_MAGIC or not all(is_hex64(fields.get(k, "")) for k in ("head", "log-sha256")):
        raise ValueError("not a checkpoint")
    return fields


def write_checkpoint(case_dir: Path, case_id: str, entries: list[bytes], key) -> Path:
    """Write `<seq>.txt` with its raw and SSH signatures and an RFC 3161 request; return the .txt path."""
    statement = checkpoint_statement(case_id, entries)
    base = case_dir / layout.checkpoint_base(len(entries))
    base.parent.mkdir(exist_ok=True)
    atomic_write_bytes(base.with_suffix(".sig"), signing.sign_raw(key, statement))
    atomic_write_bytes(base.with_suffix(".txt.sshsig"), signing.sign_sshsig(key, statement).encode())
    atomic_write_bytes(base.with_suffix(".tsq"), signing.timestamp_request(statement))
    atomic_write_bytes(base.with_suffix(".txt"), statement)  # last: a .txt is only there once it is signed
    return base.with_suffix(".txt")


def checkpoint_files(case_dir: Path) -> list[Path]:
    """The checkpoint statements (`<8 digits>.txt` files), oldest first."""
    folder = case_dir / layout.CHECKPOINT_DIR
    return sorted(p for p in folder.glob("*.txt") if p.stem.isdigit() and len(p.stem) == 8 and p.is_file())


def is_hex64(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)
