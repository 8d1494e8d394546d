"""Checking a case folder: every stored file against BLOBSUMS and HEAD without the key, and with
the key (`deep`) the custody chain, the checkpoints, and every item decrypted and hashed again."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import age, custody, journal, layout, signing
from .errors import EvidenceKitError
from .fsio import TEMP_SUFFIX, sha256_file
from .sealed import read_sealed


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


def verify_case(case_dir: Path, info: dict, identity: age.X25519Identity | None = None,
                progress: Callable[[int, int], None] | None = None) -> VerifyReport:
    report = VerifyReport(deep=identity is not None)
    problems = report.problems
    try:
        sums, bad_lines = journal.read_blobsums(case_dir)
    except FileNotFoundError:
        problems.append(Problem("blobsums_missing", layout.BLOBSUMS))
        sums, bad_lines = {}, []
    problems.extend(Problem("blobsums_line", layout.BLOBSUMS, line=n) for n in bad_lines)
    actual = _check_listed_files(case_dir, sums, report, progress)
    _check_unlisted(case_dir, sums, problems)
    head = _check_head(case_dir, sums, actual, problems)
    _check_checkpoints(case_dir, info, head, problems, report)
    if identity is not None and head is not None:
        _deep(case_dir, identity, head, sums, report, progress)
    return report


def _check_listed_files(case_dir, sums, report, progress) -> dict[str, str]:
    actual: dict[str, str] = {}
    total = len(sums)
    for n, (rel, expected) in enumerate(sorted(sums.items()), 1):
        path = case_dir / rel
        try:
            actual[rel] = sha256_file(path)
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


def _check_unlisted(case_dir: Path, sums: dict, problems: list[Problem]) -> None:
    for folder in ("items", layout.LOG_DIR):
        for path in sorted((case_dir / folder).rglob("*")):
            rel = path.relative_to(case_dir).as_posix()
            if path.is_file() and rel not in sums and not path.name.endswith(TEMP_SUFFIX):
                problems.append(Problem("unlisted", rel))


def _check_head(case_dir, sums, actual, problems) -> custody.Head | None:
    try:
        head = custody.read_head(case_dir)
    except EvidenceKitError as exc:
        problems.append(Problem(exc.code, layout.HEAD))
        return None
    for seq in range(1, head.seq + 1):
        rel = layout.log_entry(seq)
        if rel not in sums and not (case_dir / rel).exists():
            problems.append(Problem("missing", rel))
    last = layout.log_entry(head.seq)
    if actual.get(last) != head.file_sha256 or sums.get(last) != head.file_sha256:
        problems.append(Problem("head_mismatch", layout.HEAD))
    if (case_dir / layout.log_entry(head.seq + 1)).exists():
        problems.append(Problem("head_behind", layout.HEAD))
    return head


def _check_checkpoints(case_dir, info, head, problems, report) -> None:
    pub = signing.public_key_from_b64(info["signing_pub"])
    for txt in custody.checkpoint_files(case_dir):
        rel = txt.relative_to(case_dir).as_posix()
        report.checkpoints += 1
        statement = txt.read_bytes()
        sig_path = txt.with_suffix(".sig")
        if not sig_path.exists() or not signing.verify_raw(pub, statement, sig_path.read_bytes()):
            problems.append(Problem("checkpoint_signature", rel))
            continue
        try:
            fields = custody.parse_checkpoint(statement)
        except (ValueError, KeyError):
            problems.append(Problem("checkpoint_signature", rel))
            continue
        if head is None:
            continue
        if fields["seq"] > head.seq:
            problems.append(Problem("checkpoint_beyond_head", rel))
        elif fields["seq"] == head.seq and fields["head"] != head.entry_sha256:
            problems.append(Problem("head_mismatch", layout.HEAD))


def _deep(case_dir, identity, head, sums, report, progress) -> None:
    problems = report.problems
    entries, chain = custody.read_chain(case_dir, identity, head)
    report.entries = len(entries)
    for p in chain:
        problems.append(Problem(p.code, layout.log_entry(p.seq)))
    for txt in custody.checkpoint_files(case_dir):
        try:
            fields = custody.parse_checkpoint(txt.read_bytes())
        except (ValueError, KeyError):
            continue  # already reported
        seq = fields["seq"]
        if seq <= len(entries) and (
            fields["head"] != custody.sha256_hex(entries[seq - 1])
            or fields["log-sha256"] != custody.log_sha256(entries[:seq])
        ):
            problems.append(Problem("checkpoint_mismatch", txt.relative_to(case_dir).as_posix()))
    imports = [d for d in map(_load, entries) if d.get("event") == "import"]
    reported = {p.path for p in problems}
    logged = set()
    for n, doc in enumerate(imports, 1):
        item = doc.get("item", "")
        logged |= {layout.item_blob(item), layout.item_meta(item)}
        _deep_item(case_dir, identity, doc, sums, reported, report)
        if progress:
            progress(n, len(imports))
    for rel in sorted(sums):
        if rel.startswith("items/") and rel not in logged:
            problems.append(Problem("not_in_log", rel))


def _deep_item(case_dir, identity, doc, sums, reported, report) -> None:
    """Decrypt one logged item and its manifest and compare them with the log entry."""
    item = doc["item"]
    blob_rel, meta_rel = layout.item_blob(item), layout.item_meta(item)
    name = ""
    try:
        meta = json.loads(read_sealed(case_dir / meta_rel, [identity]))
        name = meta.get("original_name", "")
        if meta.get("sha256") != doc.get("sha256") or meta.get("size") != doc.get("size"):
            report.problems.append(Problem("meta_mismatch", meta_rel, name))
    except FileNotFoundError:
        if meta_rel not in reported:
            report.problems.append(Problem("missing", meta_rel))
    except (OSError, ValueError, age.AgeError):
        if meta_rel not in reported:
            report.problems.append(Problem("undecryptable", meta_rel))
    if sums.get(blob_rel) not in (None, doc.get("blob_sha256")):
        report.problems.append(Problem("blobsums_disagree", blob_rel, name))
    if blob_rel in reported:
        report.problems[:] = [_named(p, blob_rel, name) for p in report.problems]
        return
    try:
        with open(case_dir / blob_rel, "rb") as f:
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


def _named(problem: Problem, relpath: str, name: str) -> Problem:
    """Add the original name to a keyless finding about `relpath`."""
    if problem.path != relpath or problem.name:
        return problem
    return Problem(problem.code, problem.path, name, problem.line)


def _load(entry: bytes) -> dict:
    try:
        return json.loads(entry)
    except ValueError:
        return {}
