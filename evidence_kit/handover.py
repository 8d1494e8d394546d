"""The hand-over package: a plain folder the police or a lawyer can take and check with standard tools
(DESIGN.md section 7, crypto-design.md section 9.4).

    OUT_DIR/
      証拠資料_20240622.pdf            the PDF bundle (report.export: the same checks, the same signed checkpoint)
      証拠ファイル/資料003_<name>.png   each exhibit's original bytes, named by its exhibit number
      custody/custody.jsonl            the custody log, entries 1..N as stored, N = the export checkpoint
      custody/checkpoints/<N>.txt .sig .txt.sshsig .tsq (.tsr)   that checkpoint and its signatures
      custody/case-signing-pub.pem, custody/allowed_signers      the public key
      VERIFY.txt                       how to check all this (Japanese, then English)
      SHA256SUMS                       `sha256sum -c` format, LF, UTF-8, relative paths: every file above

The custody files keep their paths in the case folder, so the commands the PDF appendix prints work
in this folder too. The package is written in a hidden folder next to OUT_DIR and renamed at the
end: a half-written package never looks complete. A `handover` custody event records it.
"""

from __future__ import annotations

import errno
import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from .core import age, custody, layout
from .core.errors import EvidenceKitError
from .core.fsio import atomic_write_bytes, atomic_writer, new_folder, sha256_file

AUDIENCES = ("police", "lawyer")
FILES_DIR = "証拠ファイル"
SUMS = "SHA256SUMS"
VERIFY = "VERIFY.txt"
LOG = "custody/custody.jsonl"
MAX_NAME = 50  # court e-filing (mints) takes file names of at most 50 characters
PDF_NAME = {"police": "証拠資料_{date}.pdf", "lawyer": "証拠説明書・書証_{date}.pdf"}
_ASCII_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.()")
Progress = Callable[[str, int, int], None]  # (file name in the package, bytes done, bytes in all)
Cancel = Callable[[], bool]


@dataclass
class Handover:
    path: Path
    pdf: str  # its name in the package
    pages: int
    checkpoint: int  # the seq of the export checkpoint the package carries
    files: dict[str, str] = field(default_factory=dict)  # relative path -> SHA-256, as in SHA256SUMS
    originals: list[tuple[str, str, str]] = field(default_factory=list)  # (label, package path, original name)
    sums_sha256: str = ""
    checks: list = field(default_factory=list)  # what the export's checks found (report.checks.Check)
    timestamps: list = field(default_factory=list)  # timestamps.TokenStatus of the earlier checkpoints it carries


def make(case, out_dir: Path, *, audience: str = "police", today: date | None = None, acknowledged: bool = False,
         progress: Progress | None = None, cancel: Cancel | None = None) -> Path:
    """Write the hand-over package of an unlocked case at `out_dir` (absent or empty); return it."""
    return create(case, out_dir, audience=audience, today=today, acknowledged=acknowledged,
                  progress=progress, cancel=cancel).path


def create(case, out_dir: Path, *, audience: str = "police", today: date | None = None, acknowledged: bool = False,
           progress: Progress | None = None, cancel: Cancel | None = None) -> Handover:
    """`make`, returning what was written (the CLI prints the export's checks and the files)."""
    from .report import jptime, model
    from .report.export import export

    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    out_dir = Path(out_dir).absolute()
    case_dir = case.path.resolve()
    if out_dir.resolve() == case_dir or case_dir in out_dir.resolve().parents:
        raise EvidenceKitError("handover_inside_case", path=out_dir)  # plaintext evidence in the encrypted folder
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise EvidenceKitError("handover_exists", path=out_dir)
    created = datetime.now(timezone.utc).replace(microsecond=0)
    today = today or created.astimezone(jptime.JST).date()
    try:
        with new_folder(out_dir, "writing") as work:
            pdf_name = PDF_NAME[audience].format(date=today.strftime("%Y%m%d"))
            try:
                result = export(case, work / pdf_name, audience=audience, acknowledged=acknowledged, today=today,
                                created=created, cancel=cancel)
            except EvidenceKitError as exc:
                if exc.code == "export_cancelled":  # stopped while the PDF was being made: one code for callers
                    raise EvidenceKitError("cancelled", text="handover_cancelled") from None
                raise
            package = Handover(out_dir, pdf_name, result.pages, 0, checks=result.checks)
            package.checkpoint = _export_checkpoint(case, result.sha256)
            bundle = model.build(case, audience)  # the numbers this export logged
            for ex in bundle.exhibits:
                if cancel and cancel():
                    raise EvidenceKitError("cancelled", text="handover_cancelled")
                rel = f"{FILES_DIR}/{exhibit_file_name(bundle.prefix, ex.number, ex.item['original_name'])}"
                _write_original(case, ex.item, work / rel, rel, progress, cancel)
                package.originals.append((ex.label, rel, ex.item["original_name"]))
            _write_custody(case, work, package.checkpoint)
            package.timestamps = _write_timestamps(case, work, package.checkpoint)
            atomic_write_bytes(work / VERIFY, verify_text(case, package, today))
            for path in sorted(p for p in work.rglob("*") if p.is_file()):
                rel = path.relative_to(work).as_posix()
                package.files[rel] = sha256_file(path)  # read back from the disk, not taken from memory
            if package.files[pdf_name] != result.sha256:
                raise EvidenceKitError("readback_mismatch", path=work / pdf_name)
            sums = "".join(f"{sha}  {rel}\n" for rel, sha in sorted(package.files.items())).encode("utf-8")
            atomic_write_bytes(work / SUMS, sums)
            package.sums_sha256 = hashlib.sha256(sums).hexdigest()
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EvidenceKitError("disk_full", text="handover_disk_full", path=out_dir) from None
        if exc.errno == errno.EFBIG:  # e.g. a FAT32 stick and an original of 4 GiB or more
            raise EvidenceKitError("handover_write", text="handover_too_large", path=out_dir,
                                   reason=exc.strerror or str(exc)) from None
        raise EvidenceKitError("handover_write", path=exc.filename or out_dir, reason=exc.strerror or str(exc)) from None
    case.record("handover", {"audience": audience, "files": len(package.files), "originals": len(package.originals),
                             "checkpoint": package.checkpoint, "pdf_sha256": result.sha256,
                             "sums_sha256": package.sums_sha256})
    return package


def _export_checkpoint(case, pdf_sha256: str) -> int:
    """The seq of the checkpoint signed for the export that wrote the PDF with this SHA-256."""
    docs = [custody.doc_of(e) for e in case.entries()]
    at = max(n for n, d in enumerate(docs) if d.get("event") == "export" and d.get("sha256") == pdf_sha256)
    return max(n for n, d in enumerate(docs[:at], 1) if d.get("event") == "checkpoint")


def _write_original(case, item: dict, path: Path, rel: str, progress: Progress | None, cancel: Cancel | None) -> None:
    """Decrypt one item into the package and check its SHA-256 against the one taken at import."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = item["size"]

    def step(done: int) -> None:
        if cancel and cancel():
            raise EvidenceKitError("cancelled", text="handover_cancelled")
        if progress and done < size:  # the last call comes once the file is written and checked
            progress(rel, done, size)

    with open(case.path / layout.item_blob(item["id"]), "rb") as f, atomic_writer(path) as out:
        try:
            got = age.decrypt_stream(f, out, [case.identity()], progress=step)
        except age.AgeError:
            raise EvidenceKitError("handover_item_damaged", name=item["original_name"]) from None
        if got.plain_sha256 != item["sha256"]:
            raise EvidenceKitError("handover_item_damaged", name=item["original_name"])
    if progress:
        progress(rel, size, size)


def _write_custody(case, work: Path, seq: int) -> None:
    """The log as far as the export checkpoint, the checkpoint's files, and the public key."""
    entries = case.entries()[:seq]
    base = layout.checkpoint_base(seq)
    statement = (case.path / (base + ".txt")).read_bytes()
    if custody.parse_checkpoint(statement)["log-sha256"] != custody.log_sha256(entries):
        raise EvidenceKitError("log_damaged")
    (work / layout.CHECKPOINT_DIR).mkdir(parents=True)
    atomic_write_bytes(work / LOG, b"".join(e + b"\n" for e in entries))
    for rel in [base + s for s in (".txt", ".sig", ".txt.sshsig", ".tsq", ".tsr")] + [layout.SIGNING_PUB_PEM,
                                                                                       layout.ALLOWED_SIGNERS]:
        if (case.path / rel).is_file() or not rel.endswith(".tsr"):
            atomic_write_bytes(work / rel, (case.path / rel).read_bytes())


def _write_timestamps(case, work: Path, upto: int) -> list:
    """Every earlier checkpoint with a trusted timestamp that checks: its statement, signatures and
    token (crypto-design section 9.4: a token over checkpoint k shows entries 1..k existed by then)."""
    from .core import timestamps

    stamped = [t for t in timestamps.token_statuses(case.path) if t.seq <= upto and t.status == "ok"]
    for token in stamped:
        for suffix in (".txt", ".sig", ".txt.sshsig", ".tsr"):
            rel = layout.checkpoint_base(token.seq) + suffix
            atomic_write_bytes(work / rel, (case.path / rel).read_bytes())
    return stamped


# -- names ---------------------------------------------------------------------------------------

def exhibit_file_name(prefix: str, number: str, original: str, limit: int = MAX_NAME) -> str:
    """`資料003_LINE_トーク.txt`: the exhibit number (zero-padded, so that the files sort in order),
    then the original name made safe for Windows, macOS and court e-filing: at most `limit`
    characters, only JIS X 0208 characters and ASCII letters, digits and `-_.()`, no spaces, no
    characters Windows forbids. What cannot be written is turned into ASCII where a plain form
    exists (é -> e) and otherwise into `_`. The number makes every name unique."""
    main, _, part = number.partition("-")
    head = f"{prefix}{int(main):03d}" + (f"の{part}" if part else "") + "_"
    stem, dot, ext = original.rpartition(".")
    if not dot or not stem or len(ext) > 8 or not ext.isascii() or not ext.isalnum():
        stem, ext = original, ""
    ext = f".{ext.lower()}" if ext else ""
    room = limit - len(head) - len(ext)
    clean = _clean(stem)[:room].strip("._") or "file"
    return head + clean + ext


def _clean(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKC", text):  # half-width kana -> full-width, ① -> 1
        if not _allowed(ch):
            plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            ch = plain if plain and all(_allowed(c) for c in plain) else "_"
        if ch == "_" and out and out[-1] == "_":
            continue
        out.append(ch)
    return "".join(out)


def _allowed(ch: str) -> bool:
    if ch.isascii():
        return ch in _ASCII_OK
    if ch == "\u3000" or unicodedata.category(ch)[0] in "CZ":
        return False
    try:
        ch.encode("shift_jis")  # JIS X 0208 (and half-width kana, gone after NFKC): no vendor characters
    except UnicodeEncodeError:
        return False
    return True


# -- VERIFY.txt ----------------------------------------------------------------------------------

def verify_text(case, package: Handover, today: date) -> bytes:
    """VERIFY.txt: Japanese, then English; UTF-8 with a BOM and CRLF so that any Windows editor shows it."""
    from .i18n.handover_messages import VERIFY_EN, VERIFY_JA, VERIFY_LIST, VERIFY_TS_EN, VERIFY_TS_JA

    base = layout.checkpoint_base(package.checkpoint)
    params = {
        "case_id": case.case_id, "date": today.isoformat(), "pdf": package.pdf, "pages": package.pages,
        "files_dir": FILES_DIR, "count": len(package.originals), "log": LOG, "entries": package.checkpoint,
        "txt": base + ".txt", "sig": base + ".sig", "sshsig": base + ".txt.sshsig", "pem": layout.SIGNING_PUB_PEM,
        "signers": layout.ALLOWED_SIGNERS, "principal": f"case-{case.case_id}",
        "fingerprint": case.info.get("signing_fingerprint", ""),
        "example": package.originals[0][1].replace("/", "\\") if package.originals else f"{FILES_DIR}\\...",
    }
    listing = "\n".join(f"  {label}  {rel}\n        {_shown(name)}" for label, rel, name in package.originals)
    parts = [VERIFY_JA.format(**params), VERIFY_EN.format(**params), VERIFY_LIST.format(listing=listing)]
    if package.timestamps:
        first = package.timestamps[0]
        params.update(stamped=_token_lines(package.timestamps), seq=first.seq, first_txt=first.checkpoint,
                      first_tsr=first.token_file)
        parts[0] = parts[0].rstrip("\n") + "\n\n\n" + VERIFY_TS_JA.format(**params)
        parts[1] = parts[1].rstrip("\n") + "\n\n\n" + VERIFY_TS_EN.format(**params)
    text = "\n\n\n".join(part.strip("\n") for part in parts) + "\n"
    return text.replace("\n", "\r\n").encode("utf-8-sig")


def _token_lines(tokens: list) -> str:
    return "\n".join(f"  {t.token_file}  {t.gen_time_jst} / {t.gen_time_utc}\n        {_shown(t.tsa)}" for t in tokens)


def _shown(text: str) -> str:
    """An original name as text: control characters (a line break in a name) made visible."""
    return "".join(c if unicodedata.category(c) != "Cc" else f"\\x{ord(c):02x}" for c in text)
