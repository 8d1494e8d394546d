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

from . import custody, layout
from .fsio import append_durably, atomic_write_bytes, fsync_dir, remove_temp_files


def blobsum_line(sha256: str, relpath: str) -> bytes:
    return f"{sha256}  {relpath}\n".encode("utf-8")


def read_blobsums(case_dir: Path) -> tuple[dict[str, str], list[int]]:
    """Return {relpath: sha256} and the 1-based numbers of lines that are not `<sha256>  <path>`."""
    sums: dict[str, str] = {}
    bad: list[int] = []
    data = (case_dir / layout.BLOBSUMS).read_bytes()
    for number, line in enumerate(data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"), 1):
        try:
            digest, path = line.decode("utf-8").split("  ", 1)
            if not custody.is_hex64(digest) or not path:
                raise ValueError
            sums[path] = digest
        except ValueError:
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
        pending = {
            "seq": self.seq,
            "item": self.item_id,
            "blobsums_size": (self.case_dir / layout.BLOBSUMS).stat().st_size,
        }
        atomic_write_bytes(self.case_dir / layout.PENDING, json.dumps(pending).encode())
        return self

    def add_file(self, relpath: str, sha256: str) -> None:
        self.files.append((relpath, sha256))

    def commit(self, event: str, fields: dict) -> bytes:
        """Write the entry, list the files, move HEAD. Returns the entry's exact bytes."""
        entry = custody.make_entry(self.seq, self.head.entry_sha256, event, fields)
        file_sha = custody.write_entry(self.case_dir, self.seq, entry, self.recipient)
        lines = b"".join(blobsum_line(sha, rel) for rel, sha in self.files)
        append_durably(self.case_dir / layout.BLOBSUMS, lines + blobsum_line(file_sha, layout.log_entry(self.seq)))
        custody.write_head(self.case_dir, custody.Head(self.seq, custody.sha256_hex(entry), file_sha))
        _remove(self.case_dir / layout.PENDING)
        return entry

    def rollback(self) -> None:
        recover(self.case_dir)


def recover(case_dir: Path) -> str | None:
    """Finish or undo the transaction named by PENDING. Returns 'committed', 'rolled-back' or None."""
    pending_path = case_dir / layout.PENDING
    try:
        pending = json.loads(pending_path.read_bytes())
        seq, item_id, size = int(pending["seq"]), pending["item"], int(pending["blobsums_size"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        _remove(pending_path)  # written atomically, so this is damage, not a crash: verify will say more
        return None
    for folder in {"custody", layout.LOG_DIR, f"items/{(item_id or '')[:2]}"}:
        remove_temp_files(case_dir / folder)
    if custody.read_head(case_dir).seq >= seq:
        _remove(pending_path)
        return "committed"
    own = {layout.log_entry(seq)}
    if item_id:
        own |= {layout.item_blob(item_id), layout.item_meta(item_id)}
    _truncate_blobsums(case_dir, size, own)
    for rel in own:
        _remove(case_dir / rel)
    _remove(pending_path)
    return "rolled-back"


def _truncate_blobsums(case_dir: Path, size: int, own: set[str]) -> None:
    """Cut BLOBSUMS back to `size`, but only if everything after it belongs to this transaction."""
    path = case_dir / layout.BLOBSUMS
    data = path.read_bytes()
    tail = data[size:]
    if not tail:
        return
    for line in tail.split(b"\n"):
        rel = line.decode("utf-8", "replace").partition("  ")[2]
        if line and rel and rel not in own:
            return  # not the crash pattern: leave it for verify to report
    with open(path, "r+b") as f:
        f.truncate(size)
        f.flush()
        os.fsync(f.fileno())


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(path.parent)
