"""The case folder: create, open, unlock, lock, import, list, change the passphrase.

Layout and the reasons for it: spec/crypto-design.md section 9 and `layout.py`. Every item is an
age file encrypted to the case's public key, so importing needs no passphrase; the private key is
in `keys/identity.age`, an age passphrase file that the stock `age` CLI opens.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import io
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from .. import __version__
from . import age, custody, journal, layout, signing
from .errors import EvidenceKitError
from .filetype import guess_mime
from .fsio import FileLock, atomic_write_bytes, atomic_writer, fsync_dir, new_folder
from .index import Index
from .recovery_text import RECOVERY_README
from .. import importers
from ..importers import examine, images
from ..importers.safezip import SafeZip
from ..importers.text import DEFAULT_ZONE
from .sealed import read_sealed, write_sealed
from .verify import VerifyReport, verify_case

FORMAT = "evidence-case"
FORMAT_VERSION = 1
SCRYPT_FLOOR, SCRYPT_CEILING = 18, 20
MIN_PASSPHRASE = 8
STREAMING_IMPORTERS = ("media", "whatsapp")  # these read a seekable file: a video or a zip is never loaded whole
# errors about the case itself (not one source file) end a batch
BATCH_STOPPERS = ("cancelled", "disk_full", "read_only", "case_busy", "case_damaged", "head_behind",
                  "head_damaged", "head_missing", "io_error", "backup_copy")
Progress = Callable[[int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: str  # "imported" or "duplicate"
    item_id: str
    sha256: str
    size: int
    duplicate_of: str | None = None
    members: tuple["ImportResult", ...] = ()  # files inside it (zip media, attachments), stored as items of their own
    member_failures: tuple[tuple[str, EvidenceKitError], ...] = ()  # those that could not be stored

    @property
    def empty(self) -> bool:
        return self.size == 0


@dataclass
class BatchResult:
    results: list[ImportResult] = field(default_factory=list)
    failures: list[tuple[Path, EvidenceKitError]] = field(default_factory=list)


@dataclass(frozen=True)
class UnlockReport:
    unsigned_entries: int  # entries added since the last signed checkpoint (e.g. imports while locked)
    chain_problems: list[custody.ChainProblem]
    duplicates: list[tuple[str, str]]  # (item, earlier item with the same bytes) found while syncing
    signed: bool  # a checkpoint now covers them (never when the log is damaged, nor read-only)


def _ns_to_iso(ns: int) -> str:
    """A file system time (ns since the epoch) as UTC ISO 8601, to the microsecond."""
    seconds, rest = divmod(ns, 10**9)
    moment = datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=rest // 1000)
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def scrypt_work_factor() -> int:
    """log2 N for a new identity file: about one second here, never below 18 nor above 20."""
    override = os.environ.get("EVIDENCE_KIT_TEST_SCRYPT_LOG2N", "")
    if override.isdigit() and 1 <= int(override) <= SCRYPT_CEILING:
        return int(override)  # tests only: keeps a test suite that creates many cases fast
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    start = time.perf_counter()
    Scrypt(salt=b"0" * 16, length=32, n=2**14, r=8, p=1).derive(b"calibrate")
    per_14 = time.perf_counter() - start
    log2n = SCRYPT_FLOOR
    while log2n < SCRYPT_CEILING and per_14 * 2 ** (log2n + 1 - 14) <= 1.0:
        log2n += 1
    return log2n


def check_new_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise EvidenceKitError("passphrase_empty")
    if len(passphrase) < MIN_PASSPHRASE:
        raise EvidenceKitError("passphrase_too_short", minimum=MIN_PASSPHRASE)


def _identity_text(case_id: str, identity: age.X25519Identity) -> bytes:
    return (
        f"# evidence-kit case {case_id}; created {custody.utc_now()}\n"
        f"# public key: {identity.recipient().to_string()}\n"
        f"{identity.to_string()}\n"
    ).encode("ascii")


def _seal_identity(case_dir: Path, text: bytes, passphrase: str) -> None:
    write_sealed(case_dir / layout.IDENTITY, text, [age.ScryptRecipient(passphrase, scrypt_work_factor())])


def create_case(path: Path, passphrase: str) -> "Case":
    """Make a new case folder at `path` (absent or empty) and return it unlocked."""
    path = Path(path).absolute()
    check_new_passphrase(passphrase)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise EvidenceKitError("case_exists", path=path)
    try:
        with new_folder(path, "creating") as work:
            case_id = datetime.now(timezone.utc).strftime("%Y%m%d") + "-" + secrets.token_hex(6)
            identity = age.X25519Identity.generate()
            key = signing.derive_signing_key(identity.secret_bytes())
            recipient = identity.recipient()
            for d in layout.DIRS:
                (work / d).mkdir(parents=True)
            info = {
                "format": FORMAT, "version": FORMAT_VERSION, "case_id": case_id,
                "recipient": recipient.to_string(), "signing_pub": signing.public_key_b64(key),
                "signing_fingerprint": signing.fingerprint(key), "created": custody.utc_now(), "app": __version__,
            }
            atomic_write_bytes(work / layout.CASE_JSON, json.dumps(info, indent=2).encode() + b"\n")
            atomic_write_bytes(work / layout.RECOVERY_README, RECOVERY_README.encode("utf-8"))
            _seal_identity(work, _identity_text(case_id, identity), passphrase)
            atomic_write_bytes(work / layout.SIGNING_PUB_PEM, signing.public_key_pem(key))
            principal = f"case-{case_id}"
            atomic_write_bytes(work / layout.ALLOWED_SIGNERS, (signing.allowed_signers_line(key, principal) + "\n").encode())
            genesis = custody.make_entry(1, custody.GENESIS_PREV, "case-created", {
                "case": case_id, "recipient": info["recipient"], "signing_pub": info["signing_pub"],
            })
            file_sha = custody.write_entry(work, 1, genesis, recipient)
            atomic_write_bytes(work / layout.BLOBSUMS, journal.blobsum_line(file_sha, layout.log_entry(1)))
            custody.write_head(work, custody.Head(1, custody.sha256_hex(genesis), file_sha))
            custody.write_checkpoint(work, case_id, [genesis], key)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EvidenceKitError("disk_full", path=path) from None
        raise EvidenceKitError("cannot_create", path=path, reason=exc.strerror or str(exc)) from None
    case = Case.open(path)
    case._identity, case._key, case._entries = identity, key, [genesis]
    case._index = Index.empty()
    case._index.covered_seq = 1
    return case


class Case:
    """An open case folder. Locked until `unlock`; importing works either way."""

    lock_timeout = 30.0  # seconds to wait for another process's write to finish

    def __init__(self, path: Path, info: dict):
        self.path = path
        self.info = info
        self.case_id: str = info["case_id"]
        self.recipient = age.X25519Recipient.from_string(info["recipient"])
        self._identity: age.X25519Identity | None = None
        self._key = None
        self._index: Index | None = None
        self._entries: list[bytes] = []
        self._seen: dict[str, str] = {}  # sha256 -> item id, for imports made by this process
        self._chain_problems: list[custody.ChainProblem] = []  # found in the log while unlocked
        self._thread_lock = threading.RLock()
        self._lock_depth = 0

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> "Case":
        path = Path(path).absolute()
        try:
            info = json.loads((path / layout.CASE_JSON).read_bytes())
            if info.get("format") != FORMAT:
                raise ValueError
        except (OSError, ValueError, AttributeError):  # missing, unreadable, not JSON, not ours
            raise EvidenceKitError("not_a_case", path=path) from None
        version = info.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise EvidenceKitError("newer_format", path=path, version=version)
        try:
            case = cls(path, info)
            signing.public_key_from_b64(info["signing_pub"])
            if not isinstance(case.case_id, str):
                raise TypeError
        except (KeyError, TypeError, ValueError, AttributeError):
            raise EvidenceKitError("case_json_damaged", path=path / layout.CASE_JSON) from None
        if (path / layout.PENDING).exists() and case._writable():
            with case._write_lock():  # finishes or undoes what a crash interrupted
                pass
        return case

    @property
    def unlocked(self) -> bool:
        return self._identity is not None

    def unlock(self, passphrase: str) -> UnlockReport:
        identity = self._open_identity(passphrase)
        key = signing.derive_signing_key(identity.secret_bytes())
        if signing.public_key_b64(key) != self.info["signing_pub"]:
            raise EvidenceKitError("identity_mismatch")
        with self._write_lock(allow_read_only=True):
            try:
                head = custody.read_head(self.path)
                damaged_head = []
            except EvidenceKitError:  # still open the evidence: read the entries that are there
                head = custody.Head(custody.count_entries(self.path), "", "")
                damaged_head = [custody.ChainProblem(head.seq, "chain_head")]
            entries, problems = custody.read_chain(self.path, identity, head)
            problems = damaged_head + [p for p in problems if not (damaged_head and p.code == "chain_head")]
            self._identity, self._key, self._entries = identity, key, entries
            self._chain_problems = list(problems)
            unsigned = max(0, len(entries) - self._last_checkpoint_seq())
            self._index = self._load_index()
            duplicates = self._sync_index()
            signed = False
            if self._writable():
                signed = self._checkpoint_if_needed("unlock") is not None
                self._save_index()
        return UnlockReport(unsigned, problems, duplicates, signed)

    def lock(self) -> None:
        # held to the end: another thread of this object (a watcher) that imports meanwhile sees the
        # case either unlocked, with its keys and index, or locked, never in between
        with self._thread_lock:
            if not self.unlocked:
                return
            if self._writable():
                with self._write_lock():
                    self._checkpoint_if_needed("lock")
                    self._save_index()
            self._identity = self._key = self._index = None
            self._entries = []
            self._chain_problems = []

    def __enter__(self) -> "Case":
        return self

    def __exit__(self, *exc) -> None:
        self.lock()

    def _open_identity(self, passphrase: str) -> age.X25519Identity:
        try:
            text = read_sealed(self.path / layout.IDENTITY, [age.ScryptIdentity(passphrase)])
        except age.NoMatchError:
            raise EvidenceKitError("wrong_passphrase") from None
        except FileNotFoundError:
            raise EvidenceKitError("identity_missing", path=self.path / layout.IDENTITY) from None
        except age.AgeError:
            raise EvidenceKitError("identity_damaged", path=self.path / layout.IDENTITY) from None
        try:
            identities = age.parse_identity_file(text.decode("ascii"))
        except ValueError:  # UnicodeDecodeError included
            raise EvidenceKitError("identity_damaged", path=self.path / layout.IDENTITY) from None
        if len(identities) != 1 or identities[0].recipient().to_string() != self.info["recipient"]:
            raise EvidenceKitError("identity_mismatch")
        return identities[0]

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrite only keys/identity.age; every item stays as it is."""
        check_new_passphrase(new)
        identity = self._open_identity(old)
        path = self.path / layout.IDENTITY
        with self._write_lock():
            previous = path.read_bytes()
            try:
                self._append("passphrase-changed", {},
                             lambda _: _seal_identity(self.path, _identity_text(self.case_id, identity), new))
            except BaseException:
                atomic_write_bytes(path, previous)  # the log says nothing changed, so nothing did
                raise

    # -- the lock and transactions -----------------------------------------------------------

    def _writable(self) -> bool:
        return not self.is_backup_copy() and os.access(self.path / "custody", os.W_OK) and not _is_read_only_fs(self.path)

    def is_backup_copy(self) -> bool:
        """The copy in a backup folder: it must stay as backed up (its manifest checks every file), so
        nothing writes to it; it is verified (and unlocked) like a case on read-only media."""
        return any((self.path / name).exists() for name in layout.BACKUP_MARKS)

    @contextlib.contextmanager
    def hold(self, *, read_only_ok: bool = False):
        """Hold the case lock for a block (e.g. to read HEAD and BLOBSUMS as one consistent state):
        writes by other processes wait until it ends, and a transaction a crash interrupted is
        finished first. Re-entrant within a thread: this object may write (record, import) inside.
        EvidenceKitError case_busy after `lock_timeout`; read_only, unless `read_only_ok` (then, on
        read-only media, the block runs without the lock: nobody can write there anyway)."""
        with self._write_lock(allow_read_only=read_only_ok):
            yield self

    @contextlib.contextmanager
    def _write_lock(self, allow_read_only: bool = False):
        """Hold the case lock (other processes wait), finish a crashed transaction, and bring this
        object up to date with entries other processes appended. Re-entrant within a thread."""
        with self._thread_lock:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            if self.is_backup_copy():
                if not allow_read_only:
                    raise EvidenceKitError("backup_copy", path=self.path)
                yield
                return
            lock = FileLock(self.path / layout.LOCK)
            try:
                lock.acquire(self.lock_timeout)
            except TimeoutError:
                raise EvidenceKitError("case_busy", path=self.path) from None
            except FileNotFoundError:
                raise EvidenceKitError("case_damaged", path=self.path / "custody") from None
            except OSError as exc:
                if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                    raise EvidenceKitError("io_error", path=self.path, reason=exc.strerror or str(exc)) from None
                if not allow_read_only:
                    raise EvidenceKitError("read_only", path=self.path) from None
                yield
                return
            self._lock_depth = 1
            try:
                journal.recover(self.path)
                self._catch_up()
                yield
            finally:
                self._lock_depth = 0
                lock.release()

    def _catch_up(self) -> None:
        """Read entries that another process appended since this object last looked."""
        if not self.unlocked or self._index is None:
            return
        try:
            head = custody.read_head(self.path)
        except EvidenceKitError:
            return  # a damaged HEAD: nothing can be appended, and unlock already said so
        for seq in range(len(self._entries) + 1, head.seq + 1):
            entry = custody.read_entry_or_empty(self.path, seq, self._identity)
            prev = custody.sha256_hex(self._entries[-1]) if self._entries and self._entries[-1] else None
            code = "entry_unreadable" if not entry else custody.check_link(seq, entry, prev)
            if code:
                self._chain_problems.append(custody.ChainProblem(seq, code))
            self._entries.append(entry)
        self._sync_index()

    def _append(self, event: str, fields: dict, before_write: Callable[[bytes], None] | None = None) -> bytes:
        """One custody entry with no files; `before_write(entry)` runs inside the transaction."""
        assert self._lock_depth, "the caller holds the write lock"
        txn = _translate_os_errors(lambda: journal.Transaction(self.path, self.recipient).begin(), self.path)
        try:
            entry = _translate_os_errors(lambda: txn.commit(event, fields, before_write), self.path)
        except BaseException:
            txn.rollback()
            raise
        if self.unlocked:
            self._entries.append(entry)
            if self._index is not None and self._index.covered_seq == len(self._entries) - 1:
                self._index.covered_seq = len(self._entries)
        return entry

    def record(self, event: str, fields: dict) -> None:
        """Add a custody event (verify, export, backup, annotate ...)."""
        with self._write_lock():
            self._append(event, fields)

    # -- checkpoints -------------------------------------------------------------------------

    def _last_checkpoint_seq(self) -> int:
        """The last checkpoint entry in the log (1 for a new case: the genesis is signed at creation)."""
        seqs = [n for n, e in enumerate(self._entries, 1) if custody.doc_of(e).get("event") == "checkpoint"
                and (self.path / (layout.checkpoint_base(n) + ".txt")).exists()]
        return seqs[-1] if seqs else 1

    def _checkpoint_if_needed(self, reason: str) -> Path | None:
        if len(self._entries) <= self._last_checkpoint_seq() or self._chain_problems:
            return None  # nothing new, or a damaged log that must never be signed
        return self.checkpoint(reason)

    def checkpoint(self, reason: str) -> Path:
        """Log a checkpoint event and sign a statement over the whole log (needs unlock)."""
        self._require_unlocked()
        with self._write_lock():
            if self._chain_problems:
                raise EvidenceKitError("log_damaged")
            written: list[Path] = []
            self._append("checkpoint", {"reason": reason}, lambda entry: written.append(
                custody.write_checkpoint(self.path, self.case_id, self._entries + [entry], self._key)))
            return written[0]

    # -- import ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path], *, source: str = "import",
                     progress: Callable[[Path, int, int], None] | None = None,
                     cancel: Cancel | None = None, date_order: str | None = None, mapping: dict | None = None,
                     profiles: tuple[dict, ...] = ()) -> BatchResult:
        """Import files and folders (recursively). One bad file never stops the batch.
        `mapping` forces a statement layout; `profiles` are the statement layouts saved in the case."""
        batch = BatchResult()
        for path in _expand(paths, batch):
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            step = (lambda done, p=path, s=size: progress(p, done, s)) if progress else None
            try:
                batch.results.append(self.import_file(path, source=source, progress=step, cancel=cancel,
                                                      date_order=date_order, mapping=mapping, profiles=profiles))
            except EvidenceKitError as exc:
                if exc.code in BATCH_STOPPERS:
                    raise
                batch.failures.append((path, exc))
        if self.unlocked and self._writable():
            with self._write_lock():
                self._save_index()
        return batch

    def import_file(self, src: Path, *, source: str = "import", progress: Progress | None = None,
                    cancel: Cancel | None = None, date_order: str | None = None, mapping: dict | None = None,
                    profiles: tuple[dict, ...] = ()) -> ImportResult:
        """Store one file. A chat export is parsed first, so that a question (the day/month order)
        is asked before anything is stored; what the parser found goes into the manifest. The media
        in a WhatsApp zip become items of their own, linked to the zip and to their messages."""
        src = Path(src)
        try:
            st = src.stat()
        except FileNotFoundError:
            raise EvidenceKitError("source_missing", path=src) from None
        except OSError as exc:
            raise EvidenceKitError("source_unreadable", path=src, reason=exc.strerror or str(exc)) from None
        if src.is_dir():
            raise EvidenceKitError("source_is_folder", path=src)
        if mapping is not None:
            parsed = _examine_statement(src, mapping, ())
        else:
            parsed = examine(src, date_order=date_order)
            if parsed is None and profiles:
                parsed = _examine_statement(src, None, profiles)
        facts = {
            "original_name": src.name, "source_path": str(src.absolute()),
            "mtime": _ns_to_iso(st.st_mtime_ns), "mtime_ns": st.st_mtime_ns,
            "ctime": _ns_to_iso(st.st_ctime_ns), "ctime_ns": st.st_ctime_ns,
            "ctime_meaning": "created" if os.name == "nt" else "changed",
        }
        if parsed is not None:
            facts["parsed"] = parsed
        result = self._import(lambda: _open_source(src), src, facts, source, progress, cancel)
        if parsed:  # also for a duplicate container: a rerun completes members an earlier run missed
            result = self._import_members(src, parsed, result, cancel)
        return result

    def _import_members(self, src: Path, parsed: dict, container: ImportResult, cancel: Cancel | None) -> ImportResult:
        """Store each file inside the container as an item of its own; one that fails is reported
        with the container's result and does not stop the others."""
        done: list[ImportResult] = []
        failed: list[tuple[str, EvidenceKitError]] = []
        try:
            with _contained(src, parsed) as members:
                for name, member, opener, kind in members:
                    facts = {"original_name": PurePosixPath(name).name or member, "container": container.item_id,
                             "source_path": f"{src.absolute()}!{member}", "member": member}
                    try:
                        opener = _parse_member(name, opener, facts)
                        done.append(self._import(opener, Path(name), facts, kind, None, cancel))
                    except EvidenceKitError as exc:
                        if exc.code in BATCH_STOPPERS:
                            raise
                        failed.append((member, exc))
        except EvidenceKitError as exc:  # the container itself could not be opened again
            if exc.code in BATCH_STOPPERS:
                raise
            failed.append(("", exc))
        return dataclasses.replace(container, members=tuple(done), member_failures=tuple(failed))

    def _import(self, open_source, src: Path, facts: dict, source: str, progress: Progress | None,
                cancel: Cancel | None) -> ImportResult:
        with self._write_lock():
            item_id = secrets.token_hex(16)
            txn = _translate_os_errors(lambda: journal.Transaction(self.path, self.recipient, item_id).begin(), self.path)
            try:
                return _translate_os_errors(
                    lambda: self._store(txn, open_source, src, facts, source, progress, cancel), self.path)
            except _Duplicate as dup:
                txn.rollback()
                return ImportResult(src, "duplicate", dup.earlier, dup.sha256, dup.size, duplicate_of=dup.earlier)
            except BaseException:
                txn.rollback()
                raise

    def _store(self, txn: journal.Transaction, open_source, src: Path, facts: dict, source: str,
               progress: Progress | None, cancel: Cancel | None) -> ImportResult:
        item_id = txn.item_id
        blob_path = self.path / layout.item_blob(item_id)
        if not blob_path.parent.is_dir():
            blob_path.parent.mkdir(parents=True)
            fsync_dir(blob_path.parent.parent)  # the new folder survives a power cut

        def step(done: int) -> None:
            if cancel and cancel():
                raise EvidenceKitError("cancelled")
            if progress:
                progress(done)

        with open_source() as f_src:
            reader = _SourceReader(f_src, src)
            head = reader.read(64)
            with atomic_writer(blob_path) as out:
                blob = age.encrypt_stream(_Prefixed(head, reader), out, self._recipients(), progress=step)
                earlier = self._known(blob.plain_sha256)
                if earlier:
                    raise _Duplicate(earlier, blob.plain_sha256, blob.plain_size)
        meta = {
            "v": 1, "id": item_id, **facts,
            "size": blob.plain_size, "sha256": blob.plain_sha256, "blob_sha256": blob.cipher_sha256,
            "mime": guess_mime(facts["original_name"], head),
            "imported_at": custody.utc_now(), "import_clock": "local", "source": source, "app": __version__,
        }
        meta_res = write_sealed(self.path / layout.item_meta(item_id),
                                json.dumps(meta, ensure_ascii=False).encode("utf-8"), self._recipients())
        txn.add_file(layout.item_blob(item_id), blob.cipher_sha256)
        txn.add_file(layout.item_meta(item_id), meta_res.cipher_sha256)
        fields = {"item": item_id, "size": blob.plain_size, "sha256": blob.plain_sha256,
                  "blob_sha256": blob.cipher_sha256, "meta_sha256": meta_res.cipher_sha256}
        if blob.plain_size == 0:
            fields["empty"] = 1
        if "container" in facts:
            fields["container"] = facts["container"]
        entry = txn.commit("import", fields)
        self._seen[blob.plain_sha256] = item_id
        if self.unlocked:
            self._index_item(txn.seq, meta)
            self._entries.append(entry)
            if self._index.covered_seq == txn.seq - 1:
                self._index.covered_seq = txn.seq
            self._check_readback(blob_path, blob.plain_sha256)
        return ImportResult(src, "imported", item_id, blob.plain_sha256, blob.plain_size)

    def _recipients(self) -> list:
        return [self.recipient]

    def _known(self, sha256: str) -> str | None:
        if sha256 in self._seen:
            return self._seen[sha256]
        return self._index.find_sha256(sha256) if self._index else None

    def _check_readback(self, blob_path: Path, sha256: str) -> None:
        with open(blob_path, "rb") as f:
            got = age.decrypt_stream(f, None, [self._identity]).plain_sha256
        if got != sha256:
            raise EvidenceKitError("readback_mismatch", path=blob_path)

    # -- verification ------------------------------------------------------------------------

    def verify(self, deep: bool = False, progress=None) -> tuple[VerifyReport, EvidenceKitError | None]:
        """Check the case (deep: decrypt every item; needs unlock) and log a `verify` event.

        Returns the report and, if the event could not be logged, why."""
        report = verify_case(self.path, self.info, self.identity() if deep else None, progress,
                             hold=lambda: self.hold(read_only_ok=True))
        fields = {"result": "ok" if report.ok else "problems", "problems": len(report.problems),
                  "deep": int(report.deep)}
        try:
            self.record("verify", fields)
        except EvidenceKitError as exc:  # read-only, or a log too damaged to extend: the report stands
            return report, exc
        return report, None

    # -- listing and the index ---------------------------------------------------------------

    def items(self) -> list[dict]:
        self._require_unlocked()
        return self._index.items()

    def entries(self) -> list[bytes]:
        self._require_unlocked()
        return list(self._entries)

    def read_meta(self, item_id: str) -> dict:
        self._require_unlocked()
        return json.loads(read_sealed(self.path / layout.item_meta(item_id), [self._identity]))

    def identity(self) -> age.X25519Identity:
        self._require_unlocked()
        return self._identity

    def _require_unlocked(self) -> None:
        if not self.unlocked:
            raise EvidenceKitError("case_locked")

    def _load_index(self) -> Index:
        """The stored index if it is ours (its MAC checks: anyone with the public key could write
        one) and not ahead of the log; otherwise a new one rebuilt from the log and manifests."""
        try:
            index = Index.from_bytes(read_sealed(self.path / layout.INDEX, [self._identity]))
            if index.covered_seq <= len(self._entries) and index.mac_ok(self._index_key()):
                return index
        except (OSError, ValueError, age.AgeError):
            pass
        return self.rebuild_index()

    def _index_key(self) -> bytes:
        return signing.derive_key(self._identity.secret_bytes(), b"evidence-kit/index-mac/v1")

    def rebuild_index(self) -> Index:
        """Make the index again from the custody log and the item manifests."""
        self._require_unlocked()
        self._index = Index.empty()
        self._sync_index()
        return self._index

    def _sync_index(self) -> list[tuple[str, str]]:
        """Add the imports the index does not cover yet; return duplicates found among them."""
        duplicates = []
        for seq in range(self._index.covered_seq + 1, len(self._entries) + 1):
            doc = custody.doc_of(self._entries[seq - 1])  # {} when damaged: read_chain reports it
            item = doc.get("item")
            if not isinstance(item, str) or not layout.ITEM_ID.fullmatch(item):
                continue
            if doc.get("event") == "import":
                meta = self._logged_meta(item, doc)
                if meta is None:
                    continue  # a missing, damaged or swapped manifest: verify --deep names it
                earlier = self._index.find_sha256(meta["sha256"])
                self._index_item(seq, meta, duplicate_of=earlier)
                if earlier:
                    duplicates.append((meta["id"], earlier))
            elif doc.get("event") == "annotate" and isinstance(doc.get("duplicate_of"), str):
                self._index.set_duplicate(item, doc["duplicate_of"])
        self._index.covered_seq = len(self._entries)
        if duplicates and self._writable() and not self._chain_problems:
            for item, earlier in duplicates:
                self._append("annotate", {"item": item, "duplicate_of": earlier})
        return duplicates

    def _index_item(self, seq: int, meta: dict, duplicate_of: str | None = None) -> None:
        """Add an item to the index, with what its importer reads from it (a chat's messages)."""
        self._index.add_item(seq, meta, duplicate_of=duplicate_of)
        result, content = self._parse_item(meta)
        if result is None:
            return
        self._index.add_records(meta["id"], result.records)
        if result.format == "image" and content is not None:
            try:
                self._index.set_thumbnail(meta["id"], images.thumbnail(content))
            except ValueError:  # Pillow cannot draw it: the record already says so
                pass

    def _parse_item(self, meta: dict):
        """Parse the stored item again (in memory, never as a plaintext file) with the importer and
        options recorded at import: (ParseResult, the content when it was read whole), or
        (None, None) when there is nothing to read or it cannot be read."""
        parsed = meta.get("parsed") or {}
        importer = importers.by_name(parsed.get("format", ""))
        if importer is None or "refused" in parsed or "failed" in parsed:
            return None, None
        try:
            with open(self.path / layout.item_blob(meta["id"]), "rb") as f:
                reader = age.PlaintextReader(f, [self._identity])
                content = None
                if importer.NAME not in STREAMING_IMPORTERS and meta.get("mime") != "application/zip":
                    if reader.size > importers.MAX_IN_MEMORY:
                        return None, None
                    content = reader.read()
                order = parsed.get("date_order") if parsed.get("date_order") in ("dmy", "mdy") else None
                statement = {"mapping": parsed["mapping"]} if "mapping" in parsed else {}  # the layout it was read with
                result = importer.parse(Path(meta["original_name"]), zone=parsed.get("zone", DEFAULT_ZONE),
                                        date_order=order, data=content if content is not None else reader, **statement)
                return result, content
        except Exception:  # noqa: BLE001 - a damaged item (verify names it) or a parser's bug: never block unlock
            return None, None

    def thumbnail(self, item_id: str) -> bytes | None:
        """A small PNG of an image item (orientation applied), or None."""
        self._require_unlocked()
        return self._index.thumbnail(item_id)

    def records(self, item_id: str) -> list[dict]:
        """What was read from an item (for a chat: every message), in source order."""
        self._require_unlocked()
        return self._index.records(item_id)

    def _logged_meta(self, item: str, doc: dict) -> dict | None:
        """The item's manifest if it is the one the log recorded, else None."""
        try:
            data = (self.path / layout.item_meta(item)).read_bytes()
            if custody.sha256_hex(data) != doc.get("meta_sha256"):
                return None
            meta = json.loads(age.decrypt_bytes(data, [self._identity]))
        except (OSError, ValueError, age.AgeError):
            return None
        return meta if isinstance(meta, dict) and meta.get("id") == item and meta.get("sha256") == doc.get("sha256") else None

    def _save_index(self) -> None:
        if self._index is not None:
            self._index.seal_mac(self._index_key())
            write_sealed(self.path / layout.INDEX, self._index.to_bytes(), self._recipients())


@contextlib.contextmanager
def _contained(src: Path, parsed: dict):
    """The files inside a container that become items of their own: the media of a WhatsApp zip,
    the attachments of an e-mail. Yields (name, member reference, opener, source) tuples."""
    if parsed.get("format") == "whatsapp" and parsed.get("members"):
        with SafeZip(src) as z:
            yield [(m["name"], m["name"], lambda n=m["name"]: z.open(n), "whatsapp zip") for m in parsed["members"]]
    elif parsed.get("format") == "email":
        from ..importers import email as email_importer

        found = email_importer.attachments(src.read_bytes())
        yield [(name or f"attachment-{n}", f"attachment {n}", lambda d=data: io.BytesIO(d), "email attachment")
               for n, (name, data) in enumerate(found, 1)]
    else:
        yield []


def _examine_statement(src: Path, mapping: dict | None, profiles: tuple[dict, ...]) -> dict | None:
    """A statement read with a layout the user gave (`mapping`: raises when it does not fit) or saved
    (`profiles`: None when none fits). The manifest keeps the layout itself, so that the item is read
    again the same way at unlock whatever happens to the saved layouts later."""
    from ..importers import bank

    if src.stat().st_size > importers.MAX_IN_MEMORY:
        return {"format": bank.NAME, "refused": "too_large"}
    try:
        result = bank.parse(src, mapping=mapping, profiles=profiles)
    except EvidenceKitError:
        if mapping is not None:
            raise
        return None
    summary = result.summary()
    summary["warnings"] = len(result.warnings)
    used = next((p for p in ([mapping] if mapping is not None else profiles) if p.get("id") == result.variant), None)
    if used is not None:
        summary["mapping"] = used
    return summary


def _parse_member(name: str, opener, facts: dict):
    """Read a contained file once (when small enough), note what its importer finds in `facts`, and
    return an opener for the same bytes."""
    with opener() as f:
        data = f.read(importers.MAX_IN_MEMORY + 1)
    if len(data) > importers.MAX_IN_MEMORY:
        return opener  # too large to hold: stored as it is, streamed again
    try:
        parsed = examine(Path(name), data=data)
    except EvidenceKitError:  # e.g. a chat inside whose day/month order is unclear: stored unread
        parsed = None
    if parsed is not None:
        facts["parsed"] = parsed
    return lambda: io.BytesIO(data)


def _open_source(src: Path):
    try:
        return open(src, "rb")
    except FileNotFoundError:
        raise EvidenceKitError("source_missing", path=src) from None
    except OSError as exc:
        raise EvidenceKitError("source_unreadable", path=src, reason=exc.strerror or str(exc)) from None


class _Prefixed:
    """The bytes already read (to tell the file type), then the rest of the stream."""

    def __init__(self, head: bytes, rest):
        self._head, self._rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size < 0:
            data, self._head = self._head + self._rest.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


class _SourceReader:
    """Reads the source file; a read error there is the source's fault, not the case's."""

    def __init__(self, f, path: Path):
        self._f, self._path = f, path

    def read(self, size: int = -1) -> bytes:
        try:
            return self._f.read(size)
        except OSError as exc:
            raise EvidenceKitError("source_unreadable", path=self._path, reason=exc.strerror or str(exc)) from None


class _Duplicate(Exception):
    """Raised inside the blob writer so that the temp file of a duplicate is thrown away."""

    def __init__(self, earlier: str, sha256: str, size: int):
        self.earlier, self.sha256, self.size = earlier, sha256, size


def _translate_os_errors(fn, case_path: Path):
    """Run fn; turn a full disk or a read-only folder into the user-facing errors."""
    try:
        return fn()
    except _Duplicate:
        raise
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EvidenceKitError("disk_full", path=case_path) from None
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise EvidenceKitError("read_only", path=case_path) from None
        if isinstance(exc, FileNotFoundError):  # part of the case folder is gone
            raise EvidenceKitError("case_damaged", path=exc.filename or case_path) from None
        raise EvidenceKitError("io_error", path=exc.filename or case_path, reason=exc.strerror or str(exc)) from None


def _is_read_only_fs(path: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    return bool(os.statvfs(path).f_flag & os.ST_RDONLY)


def _expand(paths: Iterable[Path], batch: BatchResult) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file()))
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            batch.failures.append((p, EvidenceKitError("source_missing", path=p)))
    return files
