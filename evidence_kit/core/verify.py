"""Checking a case folder: every stored file against BLOBSUMS and HEAD without the key, and with
the key (`deep`) the custody chain, the checkpoints, and every item decrypted and hashed again."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ContextManager

from . import age, custody, journal, layout, signing
from .errors import EvidenceKitError
from .fsio import TEMP_SUFFIX, sha256_file


@dataclass(frozen=True)
class Problem:
    code: str   # message key under "verify." in evidence_kit.i18n
    path: str   # relative to the case folder
    name: str = ""  # the item's original name, when the key is at hand
    line: int = 0


@dataclass
class VerifyReport:
    deep: bool
    files_checked: int = 0
    entries: int = 0
    checkpoints: int = 0
    items_rehashed: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def kind_of(relpath: str) -> str:
    """What a stored file is: blob, meta, log, or other."""
    if relpath.endswith(".meta.age"):
        return "meta"
    if relpath.startswith(layout.LOG_DIR + "/"):
        return "log"
    if relpath.startswith("items/"):
        return "blob"
    return "other"


@dataclass
class _Snapshot:
    head: custody.Head | None
    sums: dict[str, str]
    bad_lines: list[int]
    problems: list[Problem]


def _snapshot(case_dir: Path) -> _Snapshot:
    problems = []
    try:
        head = custody.read_head(case_dir)
    except EvidenceKitError as exc:
        head = None
        problems.append(Problem(exc.code, layout.HEAD))
    try:
        sums, bad = journal.read_blobsums(case_dir)
    except OSError:
        sums, bad = {}, []
        problems.append(Problem("blobsums_missing", layout.BLOBSUMS))
    return _Snapshot(head, sums, bad, problems)


def verify_case(case_dir: Path, info: dict, identity: age.X25519Identity | None = None,
                progress: Callable[[int, int], None] | None = None,
                hold: Callable[[], ContextManager] = contextlib.nullcontext) -> VerifyReport:
    """Check the case. `hold()` is held while HEAD and BLOBSUMS are read (pass the case lock so
    that an import running meanwhile is neither missed nor reported as a stranger)."""
    report = VerifyReport(deep=identity is not None)
    with hold():
        snap = _snapshot(case_dir)
    report.problems += snap.problems
    report.problems += [Problem("blobsums_line", layout.BLOBSUMS, line=n) for n in snap.bad_lines]
    actual = _check_listed_files(case_dir, snap.sums, report, progress)
    _check_identity(case_dir, report.problems)
    if snap.head is not None:
        _check_head(case_dir, snap.head, snap.sums, actual, report.problems)
    with hold():
        now = _snapshot(case_dir)
    _check_unlisted(case_dir, {**snap.sums, **now.sums}, report.problems)
    if now.head is not None and (case_dir / layout.log_entry(now.head.seq + 1)).exists():
        report.problems.append(Problem("head_behind", layout.HEAD))
    _check_checkpoints(case_dir, info, snap.head, now.head, report)
    tokens = _check_timestamps(case_dir, report.problems)
    if identity is not None and snap.head is not None:
        _deep(case_dir, identity, snap.head, snap.sums, actual, report, progress, tokens)
    return report


def stored_at(case_dir: Path, relpath: str) -> list[Path]:
    """Where a listed file is: its own path, or, in a backup on a stick too small for it, the
    numbered parts that hold it in order (layout.split_part)."""
    path = case_dir / relpath
    if path.exists() or path.is_symlink() or not (case_dir / layout.split_part(relpath, 1)).is_file():
        return [path]
    parts = []
    while (part := case_dir / layout.split_part(relpath, len(parts) + 1)).is_file():
        parts.append(part)
    return parts


class _Joined:
    """The parts of a split file read as one stream (for decrypting it)."""

    def __init__(self, paths: list[Path]):
        self._paths, self._f = list(paths), None

    def read(self, size: int = -1) -> bytes:
        out = b""
        while size < 0 or len(out) < size:
            if self._f is None:
                if not self._paths:
                    break
                self._f = open(self._paths.pop(0), "rb")
            data = self._f.read(-1 if size < 0 else size - len(out))
            if not data:
                self._f.close()
                self._f = None
            out += data
        return out

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
        self._f, self._paths = None, []

    def __enter__(self) -> "_Joined":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_stored(case_dir: Path, relpath: str):
    """A listed file opened for reading, whether whole or in parts (FileNotFoundError if neither)."""
    paths = stored_at(case_dir, relpath)
    return open(paths[0], "rb") if len(paths) == 1 else _Joined(paths)


def _sha256_stored(case_dir: Path, relpath: str) -> str:
    paths = stored_at(case_dir, relpath)
    if len(paths) == 1:
        return sha256_file(paths[0])
    h = hashlib.sha256()
    with _Joined(paths) as f:
        while data := f.read(1 << 20):
            h.update(data)
    return h.hexdigest()


def _check_listed_files(case_dir, sums, report, progress) -> dict[str, str]:
    actual: dict[str, str] = {}
    total = len(sums)
    for n, (rel, expected) in enumerate(sorted(sums.items()), 1):
        try:
            actual[rel] = _sha256_stored(case_dir, rel)
        except FileNotFoundError:
            report.problems.append(Problem("missing", rel))
            continue
        except OSError:
            report.problems.append(Problem("unreadable", rel))
            continue
        report.files_checked += 1
        if actual[rel] != expected:
            report.problems.append(Problem("damaged", rel))
        if progress:
            progress(n, total)
    return actual


def _check_identity(case_dir: Path, problems: list[Problem]) -> None:
    """Without the passphrase we can still see that the key file is there and is an age passphrase file."""
    try:
        with open(case_dir / layout.IDENTITY, "rb") as f:
            start = f.read(len(_IDENTITY_START))
    except FileNotFoundError:
        problems.append(Problem("identity_missing", layout.IDENTITY))
        return
    except OSError:
        start = b""
    if start != _IDENTITY_START:
        problems.append(Problem("identity_damaged", layout.IDENTITY))


_IDENTITY_START = b"age-encryption.org/v1\n-> scrypt "


def _check_unlisted(case_dir: Path, sums: dict, problems: list[Problem]) -> None:
    for folder in ("items", layout.LOG_DIR):
        for path in sorted((case_dir / folder).rglob("*")):
            rel = path.relative_to(case_dir).as_posix()
            if path.is_file() and rel not in sums and not path.name.endswith(TEMP_SUFFIX):
                problems.append(Problem("unlisted", rel))
    for path in sorted((case_dir / layout.CHECKPOINT_DIR).glob("*")):
        if not layout.CHECKPOINT_FILE.fullmatch(path.name) and not path.name.endswith(TEMP_SUFFIX):
            problems.append(Problem("unlisted", path.relative_to(case_dir).as_posix()))


def _check_head(case_dir, head, sums, actual, problems) -> None:
    logged = len(list((case_dir / layout.LOG_DIR).glob("*.age")))
    if head.seq > logged + 1:  # do not walk a HEAD that claims far more than there is
        problems.append(Problem("head_mismatch", layout.HEAD))
        return
    for seq in range(1, head.seq + 1):
        rel = layout.log_entry(seq)
        if rel not in sums and not stored_at(case_dir, rel)[0].exists():
            problems.append(Problem("missing", rel))
    last = layout.log_entry(head.seq)
    if actual.get(last) != head.file_sha256 or sums.get(last) != head.file_sha256:
        problems.append(Problem("head_mismatch", layout.HEAD))


def _check_checkpoints(case_dir, info, head, head_now, report) -> None:
    pub = signing.public_key_from_b64(info["signing_pub"])
    files = custody.checkpoint_files(case_dir)
    if not files:
        report.problems.append(Problem("no_checkpoint", layout.CHECKPOINT_DIR))
    for txt in files:
        rel = txt.relative_to(case_dir).as_posix()
        report.checkpoints += 1
        try:
            statement = txt.read_bytes()
            signature = txt.with_suffix(".sig").read_bytes()
            fields = custody.parse_checkpoint(statement)
        except (OSError, ValueError):
            fields = None
        if fields is None or not signing.verify_raw(pub, statement, signature) or fields["seq"] != int(txt.stem):
            report.problems.append(Problem("checkpoint_signature", rel))
            continue
        if head_now is not None and fields["seq"] > head_now.seq:
            report.problems.append(Problem("checkpoint_beyond_head", rel))
        elif head is not None and fields["seq"] == head.seq and fields["head"] != head.entry_sha256:
            report.problems.append(Problem("head_mismatch", layout.HEAD))


# what a stored token found wrong (timestamps.STATUSES) says in verify's words
_TOKEN_PROBLEMS = {"imprint_mismatch": "timestamp_mismatch", "checkpoint_missing": "timestamp_orphan"}


def _check_timestamps(case_dir: Path, problems: list[Problem]) -> dict[int, Path]:
    """Every attached RFC 3161 token still answers its checkpoint statement (the imprint is the
    statement's SHA-256) and its signature checks. Returns the tokens found, by checkpoint seq."""
    from . import timestamps  # cryptography's x509 is loaded only when a case has a token

    found = {}
    if not any((case_dir / layout.CHECKPOINT_DIR).glob("*.tsr")):
        return found
    for status in timestamps.token_statuses(case_dir):
        found[status.seq] = case_dir / status.token_file
        if status.status != "ok":
            problems.append(Problem(_TOKEN_PROBLEMS.get(status.status, "timestamp_invalid"), status.token_file))
    return found


def _deep_timestamps(case_dir: Path, docs: list[dict], tokens: dict[int, Path], problems: list[Problem]) -> None:
    """Each stored token is the one the log's `timestamp-attached` entry recorded, and each recorded
    token is there."""
    logged = {}
    for doc in docs:
        if doc.get("event") == "timestamp-attached" and isinstance(doc.get("checkpoint"), int):
            logged[doc["checkpoint"]] = doc.get("tsr_sha256")  # a later entry for the same checkpoint wins
    for seq, path in sorted(tokens.items()):
        rel = path.relative_to(case_dir).as_posix()
        try:
            same = sha256_file(path) == logged.get(seq)
        except OSError:
            continue  # already reported as unreadable
        if not same:
            problems.append(Problem("timestamp_not_logged", rel))
    for seq in sorted(logged.keys() - tokens.keys()):
        problems.append(Problem("timestamp_missing", layout.checkpoint_base(seq) + ".tsr"))


def _deep(case_dir, identity, head, sums, actual, report, progress, tokens) -> None:
    problems = report.problems
    entries, chain = custody.read_chain(case_dir, identity, head)
    report.entries = len(entries)
    problems += [Problem(p.code, layout.HEAD if p.code == "chain_head" else layout.log_entry(p.seq)) for p in chain]
    docs = [custody.doc_of(e) for e in entries]
    _deep_checkpoints(case_dir, entries, docs, problems)
    _deep_timestamps(case_dir, docs, tokens, problems)
    imports = [d for d in docs if d.get("event") == "import" and isinstance(d.get("item"), str)
               and layout.ITEM_ID.fullmatch(d["item"])]
    logged = set()
    for n, doc in enumerate(imports, 1):
        logged |= {layout.item_blob(doc["item"]), layout.item_meta(doc["item"])}
        _deep_item(case_dir, identity, doc, sums, actual, report)
        if progress:
            progress(n, len(imports))
    for rel in sorted(sums):
        if rel.startswith("items/") and rel not in logged:
            problems.append(Problem("not_in_log", rel))


def _deep_checkpoints(case_dir, entries, docs, problems) -> None:
    """Every statement matches the log, and every checkpoint the log records has its statement."""
    for txt in custody.checkpoint_files(case_dir):
        try:
            fields = custody.parse_checkpoint(txt.read_bytes())
        except (OSError, ValueError):
            continue  # already reported
        seq = fields["seq"]
        if seq <= len(entries) and (
            fields["head"] != custody.sha256_hex(entries[seq - 1])
            or fields["log-sha256"] != custody.log_sha256(entries[:seq])
        ):
            problems.append(Problem("checkpoint_mismatch", txt.relative_to(case_dir).as_posix()))
    for seq, doc in enumerate(docs, 1):
        statement = layout.checkpoint_base(seq) + ".txt"
        if doc.get("event") == "checkpoint" and not (case_dir / statement).is_file():
            problems.append(Problem("checkpoint_missing", statement))


def _deep_item(case_dir, identity, doc, sums, actual, report) -> None:
    """Decrypt one logged item and its manifest and compare both with the log entry."""
    item = doc["item"]
    blob_rel, meta_rel = layout.item_blob(item), layout.item_meta(item)
    name = _check_manifest(case_dir, identity, doc, meta_rel, actual, report)
    _blame_blobsums(report, blob_rel, doc.get("blob_sha256"), actual, name)
    if actual.get(blob_rel, doc.get("blob_sha256")) != doc.get("blob_sha256"):
        if not any(p.path == blob_rel for p in report.problems):
            report.problems.append(Problem("blobsums_disagree", blob_rel, name))
    report.problems[:] = [_named(p, blob_rel, name) for p in report.problems]
    if any(p.path == blob_rel and p.code in ("missing", "unreadable", "damaged") for p in report.problems):
        return  # already named: decrypting it would only say the same again
    try:
        with open_stored(case_dir, blob_rel) as f:
            result = age.decrypt_stream(f, None, [identity])
    except FileNotFoundError:
        report.problems.append(Problem("missing", blob_rel, name))
        return
    except (OSError, age.AgeError):
        report.problems.append(Problem("undecryptable", blob_rel, name))
        return
    report.items_rehashed += 1
    if result.plain_sha256 != doc.get("sha256") or result.plain_size != doc.get("size"):
        report.problems.append(Problem("content_mismatch", blob_rel, name))


def _check_manifest(case_dir, identity, doc, meta_rel, actual, report) -> str:
    """Check the manifest against the log; return the item's original name ('' if unknown)."""
    _blame_blobsums(report, meta_rel, doc.get("meta_sha256"), actual, "")
    try:
        with open_stored(case_dir, meta_rel) as f:
            data = f.read()
    except FileNotFoundError:
        if not any(p.path == meta_rel for p in report.problems):
            report.problems.append(Problem("missing", meta_rel))
        return ""
    except OSError:
        return ""
    try:
        meta = custody.doc_of(age.decrypt_bytes(data, [identity]))
    except age.AgeError:
        if not any(p.path == meta_rel for p in report.problems):
            report.problems.append(Problem("undecryptable", meta_rel))
        return ""
    name = meta.get("original_name", "") if isinstance(meta.get("original_name"), str) else ""
    swapped = custody.sha256_hex(data) != doc.get("meta_sha256")
    if swapped or meta.get("sha256") != doc.get("sha256") or meta.get("size") != doc.get("size"):
        if not any(p.path == meta_rel for p in report.problems):
            report.problems.append(Problem("meta_mismatch", meta_rel, name))
    return name


def _blame_blobsums(report, rel: str, logged_sha: str | None, actual: dict, name: str) -> None:
    """A file that matches the log but not BLOBSUMS: the hash list is what is wrong."""
    if logged_sha is not None and actual.get(rel) == logged_sha:
        report.problems[:] = [Problem("blobsums_wrong", rel, name) if p.path == rel and p.code == "damaged" else p
                              for p in report.problems]


def _named(problem: Problem, relpath: str, name: str) -> Problem:
    """Add the original name to a finding about `relpath`."""
    if problem.path != relpath or problem.name or not name:
        return problem
    return Problem(problem.code, problem.path, name, problem.line)
