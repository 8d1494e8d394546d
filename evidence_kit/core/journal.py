"""Appending to a case as one transaction, and rolling back one that a crash interrupted.

An append (an import, or any other custody event) writes, in order: the item files (if any), the
log entry, the BLOBSUMS lines, and last `custody/HEAD` — the commit point. `custody/PENDING`
names the transaction while it runs, so a crash leaves exactly one known transaction to undo.
The caller holds the case lock, so only one transaction runs at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import custody, layout
from .errors import EvidenceKitError
from .fsio import append_durably, atomic_write_bytes, fsync_dir, remove_temp_files


def blobsum_line(sha256: str, relpath: str) -> bytes:
    return f"{sha256}  {relpath}\n".encode("utf-8")


def read_blobsums(case_dir: Path) -> tuple[dict[str, str], list[int]]:
    """Return {relpath: sha256} and the 1-based numbers of lines that are not `<sha256>  <path>`
    with a path of the case's own layout."""
    return _parse_sums((case_dir / layout.BLOBSUMS).read_bytes())


def _parse_sums(data: bytes) -> tuple[dict[str, str], list[int]]:
    sums: dict[str, str] = {}
    bad: list[int] = []
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, 1):
        digest, _, path = line.decode("utf-8", "replace").partition("  ")
        if custody.is_hex64(digest) and layout.LISTED_PATH.fullmatch(path):
            sums[path] = digest
        else:
            bad.append(number)
    return sums, bad


@dataclass
class Transaction:
    case_dir: Path
    recipient: object
    item_id: str | None = None
    head: custody.Head | None = None
    files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def seq(self) -> int:
        return self.head.seq + 1

    def begin(self) -> "Transaction":
        self.head = custody.read_head(self.case_dir)
        if (self.case_dir / layout.log_entry(self.seq)).exists():
            raise EvidenceKitError("head_behind")  # never overwrite an entry: HEAD is damaged
        pending = {
            "seq": self.seq,
            "item": self.item_id,
            "blobsums_size": (self.case_dir / layout.BLOBSUMS).stat().st_size,
        }
        atomic_write_bytes(self.case_dir / layout.PENDING, json.dumps(pending).encode())
        return self

    def add_file(self, relpath: str, sha256: str) -> None:
        self.files.append((relpath, sha256))

    def commit(self, event: str, fields: dict, before_write: Callable[[bytes], None] | None = None) -> bytes:
        """Write the entry, list the files, move HEAD. Returns the entry's exact bytes.

        `before_write(entry)` runs once the entry's bytes are known (a checkpoint signs them)."""
        entry = custody.make_entry(self.seq, self.head.entry_sha256, event, fields)
        if before_write:
            before_write(entry)
        file_sha = custody.write_entry(self.case_dir, self.seq, entry, self.recipient)
        lines = b"".join(blobsum_line(sha, rel) for rel, sha in self.files)
        append_durably(self.case_dir / layout.BLOBSUMS, lines + blobsum_line(file_sha, layout.log_entry(self.seq)))
        custody.write_head(self.case_dir, custody.Head(self.seq, custody.sha256_hex(entry), file_sha))
        _remove(self.case_dir / layout.PENDING)
        return entry

    def rollback(self) -> None:
        recover(self.case_dir)


def recover(case_dir: Path) -> str | None:
    """Finish or undo the transaction named by PENDING (the caller holds the case lock).

    Returns 'committed', 'rolled-back', 'ignored' (PENDING does not describe an interrupted
    transaction of this case: nothing is touched) or None (no PENDING).
    """
    pending_path = case_dir / layout.PENDING
    for folder in (case_dir, case_dir / "custody"):  # e.g. an index or a PENDING cut short
        remove_temp_files(folder)
    try:
        pending = json.loads(pending_path.read_bytes())
        seq, item_id, size = pending["seq"], pending["item"], pending["blobsums_size"]
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        pending = seq = None
    head = custody.read_head(case_dir)
    blobsums = case_dir / layout.BLOBSUMS
    valid = (
        isinstance(pending, dict) and type(seq) is int and type(size) is int
        and (item_id is None or (isinstance(item_id, str) and layout.ITEM_ID.fullmatch(item_id)))
        and seq in (head.seq, head.seq + 1) and 0 <= size <= blobsums.stat().st_size
    )
    if not valid:
        _remove(pending_path)  # written atomically by us, so this is damage or tampering: touch nothing
        return "ignored"
    for folder in {layout.LOG_DIR, layout.CHECKPOINT_DIR, f"items/{(item_id or '')[:2]}"}:
        remove_temp_files(case_dir / folder)
    if head.seq >= seq:
        _remove(pending_path)
        return "committed"
    own = {layout.log_entry(seq)}
    checkpoint = {layout.checkpoint_base(seq) + suffix for suffix in (".txt", ".sig", ".txt.sshsig", ".tsq")}
    if item_id:
        own |= {layout.item_blob(item_id), layout.item_meta(item_id)}
    committed, _ = _parse_sums(blobsums.read_bytes()[:size])
    if own & committed.keys() or not _truncate_blobsums(blobsums, size, own):
        _remove(pending_path)
        return "ignored"
    for rel in own | checkpoint:  # a statement signed for an entry that never got committed goes too
        _remove(case_dir / rel)
    _remove(pending_path)
    return "rolled-back"


def _truncate_blobsums(path: Path, size: int, own: set[str]) -> bool:
    """Cut BLOBSUMS back to `size` if every complete line after it names a file of this
    transaction (a torn last line, from a full disk or a crash, is dropped). False: left alone."""
    tail = path.read_bytes()[size:]
    if not tail:
        return True
    complete = tail.split(b"\n")[:-1]
    if any(line.decode("utf-8", "replace").partition("  ")[2] not in own for line in complete):
        return False
    with open(path, "r+b") as f:
        f.truncate(size)
        f.flush()
        os.fsync(f.fileno())
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(path.parent)
