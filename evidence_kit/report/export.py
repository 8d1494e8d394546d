"""Export a bundle the way an officer can trust it: check the case, sign a checkpoint over the
custody log, draw the PDF with that checkpoint in its appendix straight into a temp file beside the
target (never whole in memory), publish it atomically, and log the export (file name, SHA-256, pages,
the exhibit numbers it gave)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from ..core import layout
from ..core.errors import EvidenceKitError
from ..core.fsio import atomic_writer
from . import checks, jptime, model, pdf


@dataclass
class ExportResult:
    path: Path
    pages: int
    sha256: str
    checks: list[checks.Check]


def export(case, out: Path, *, audience: str = "police", bank: str | None = None, acknowledged: bool = False,
           today: date | None = None, created: datetime | None = None,
           progress: Callable[[int, int, str], None] | None = None, cancel: Callable[[], bool] | None = None
           ) -> ExportResult:
    """Write the bundle of an unlocked case to `out`. Raises EvidenceKitError("report_blocked") when a
    check must be fixed first: a damaged case always, an incomplete destination account unless
    `acknowledged` (the user read the list and exports anyway).

    `progress(done, total, stage)` reports the stages "verify" (items checked), "draw" and "write";
    `cancel()` returning True stops the export with EvidenceKitError("export_cancelled") before the
    file is written (a checkpoint signed by then stays in the log, as any checkpoint does)."""
    def step(done: int, total: int, stage: str) -> None:
        if cancel is not None and cancel():
            raise EvidenceKitError("export_cancelled")
        if progress is not None:
            progress(done, total, stage)

    created = created or datetime.now(timezone.utc).replace(microsecond=0)
    report, _ = case.verify(deep=True, progress=lambda done, total: step(done, total, "verify"))
    bundle = model.build(case, audience, bank)
    if audience == "bank" and not bundle.banks:  # no money went to that bank: a bundle of blank sheets
        raise EvidenceKitError("report_no_bank")
    found = checks.run(case, bundle, today=today or created.astimezone(jptime.JST).date(), integrity_problems=len(report.problems))
    blocking = [c for c in found if c.blocks and (c.code == "integrity" or not acknowledged)]
    if blocking:
        raise EvidenceKitError("report_blocked", count=len(blocking), checks=found)
    step(0, 1, "draw")
    statement = case.checkpoint("export")
    bundle = model.build(case, audience, bank)  # again, so that the log summary includes the checkpoint
    bundle.integrity["checkpoint"] = _checkpoint_facts(case, statement)
    out = Path(out)
    with atomic_writer(out) as f:  # drawn straight into the temp file beside `out`, published when whole
        written = _Hashing(f)
        pages = pdf.render(case, bundle, written, created=created)
        step(0, 1, "write")  # a cancel here leaves `out` as it was: the temp file is removed
    sha256 = written.sha256.hexdigest()
    model.record_export(case, bundle, file=out.name, sha256=sha256, pages=pages)
    return ExportResult(out, pages, sha256, found)


class _Hashing:
    """A file being written, with the SHA-256 of what it holds: starting again from its beginning
    (a render pass drawn once more) starts the hash again."""

    def __init__(self, f):
        self.f, self.sha256 = f, hashlib.sha256()

    def write(self, data) -> int:
        self.sha256.update(data)
        return self.f.write(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if (offset, whence) != (0, 0):
            raise ValueError("only a restart from the beginning keeps the hash right")
        self.sha256 = hashlib.sha256()
        return self.f.seek(0)

    def truncate(self, size: int | None = None) -> int:
        return self.f.truncate(size)


def _checkpoint_facts(case, statement: Path) -> dict:
    text = statement.read_bytes()
    folder = statement.relative_to(case.path).parent.as_posix()
    return {"statement": text.decode("ascii"), "sha256": hashlib.sha256(text).hexdigest(),
            "txt": f"{folder}/{statement.name}", "sig": f"{folder}/{statement.stem}.sig",
            "sshsig": f"{folder}/{statement.name}.sshsig", "tsq": f"{folder}/{statement.stem}.tsq",
            "pem": layout.SIGNING_PUB_PEM, "signers": layout.ALLOWED_SIGNERS, "principal": f"case-{case.case_id}"}
