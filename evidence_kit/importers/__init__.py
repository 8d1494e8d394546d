"""Importers: one module per format, each with

    NAME: str
    sniff(path: Path, head: bytes) -> float      # 0 (not mine) .. 1 (certainly mine); head = first 64 KiB
    parse(path: Path, *, zone: str = "Asia/Tokyo", date_order: str | None = None, data=None) -> ParseResult
        # data (bytes, or a seekable binary file where the module says so), when given, is the
        # file's content and path only names it: the case parses decrypted items in memory

The best score above THRESHOLD wins; a file no importer claims is still stored, as an opaque item.
A parser never raises for a bad line: it becomes an `unparsed` record and a warning. It raises
EvidenceKitError("date_order_ambiguous") when day/month order cannot be decided from the file.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from ..core.errors import EvidenceKitError

THRESHOLD = 0.5
HEAD_SIZE = 64 * 1024
MAX_IN_MEMORY = 256 * 1024 * 1024  # larger files of the importers that read whole files are kept but not read
STREAMING = ("media",)  # reads what it needs through a file object, whatever the size


def _modules() -> list[ModuleType]:
    from . import bank, email, images, line, media, ofx, whatsapp

    return [line, whatsapp, images, email, media, bank, ofx]


def by_name(name: str) -> ModuleType | None:
    return next((m for m in _modules() if m.NAME == name), None)


def detect(path: Path, data: bytes | None = None) -> ModuleType | None:
    """The importer for this file (or for `data`, the content of a file so named), or None."""
    if data is None:
        with open(path, "rb") as f:
            head = f.read(HEAD_SIZE)
    else:
        head = data[:HEAD_SIZE]
    scored = [(m.sniff(Path(path), head), m.NAME, m) for m in _modules()]
    score, _, best = max(scored, key=lambda s: (s[0], s[1]))
    return best if score >= THRESHOLD else None


def examine(path: Path, *, data: bytes | None = None, **options) -> dict | None:
    """What the importers make of a file about to be stored (or of `data`, its content), for its
    manifest; None when no importer claims it. Raises only for a question the user must answer first
    (the day/month order): a parser's failure never stops the file itself from being kept as evidence."""
    try:
        importer = detect(path, data)
        size = len(data) if data is not None else Path(path).stat().st_size
    except Exception:  # a sniffer's bug: the file is still stored, as an opaque item
        return None
    if importer is None:
        return None
    if size > MAX_IN_MEMORY and importer.NAME not in STREAMING:
        return {"format": importer.NAME, "refused": "too_large"}
    try:
        result = importer.parse(Path(path), data=data, **options)
    except EvidenceKitError as exc:
        if exc.code == "date_order_ambiguous":
            raise
        return {"format": importer.NAME, "refused": exc.code}
    except Exception as exc:  # noqa: BLE001 - same reason as above
        return {"format": importer.NAME, "failed": type(exc).__name__}
    summary = result.summary()
    summary["warnings"] = len(result.warnings)
    return summary
