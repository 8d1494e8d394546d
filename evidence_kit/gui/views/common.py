"""What the views share: one load of the case's events per session (in a Job, so that a case with
tens of thousands of messages never freezes the window), the words for kinds and time sources, and
the thumbnails (PNG bytes from the case index, turned into pixmaps in memory and kept while unlocked)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap

from ...core import caserecords
from ...core import timeline as tl
from ...core.caserecords import CaseRecords
from ...core.timeline import Event
from ..lang import tr
from ..session import Session
from ..workers import Job

LARGE = 5000  # events: filtering more than this many runs in a Job


@dataclass
class CaseData:
    """One snapshot of an unlocked case, made off the GUI thread."""

    items: list[dict]
    events: list[Event]
    records: CaseRecords
    times: dict[str, tuple[str | None, str]]  # item id -> (time, where it came from)
    people: list[str]
    by_id: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {i["id"]: i for i in self.items}

    def note(self, item_id: str) -> dict:
        """The victim's note on an item (title, purpose, author, key, excluded, note, tags), or {}."""
        note = self.records.items.get(item_id)
        return note if isinstance(note, dict) else {}

    def title(self, item_id: str) -> str:
        item = self.by_id.get(item_id) or {}
        title = self.note(item_id).get("title")
        return title if isinstance(title, str) and title else item.get("original_name", "")


def load(case, cancel=None) -> CaseData:
    """Everything the views show (runs in a worker thread)."""
    items = case.items()
    evs = tl.all_events(case, cancel)
    return CaseData(items, evs, caserecords.load(case), tl.item_times(items, evs), tl.people(evs))


class CaseStore(QObject):
    """The case's data for every view of one session: loaded again when the case changes, dropped
    (with the thumbnails) when it is locked."""

    loaded = Signal()  # `data` changed: a new snapshot, or None (locked, or loading failed)
    failed = Signal(object)  # the error of a load

    def __init__(self, session: Session):
        super().__init__(session)
        self.session = session
        self.data: CaseData | None = None
        self.loading = False
        self._job: Job | None = None
        self._generation = 0
        self._pixmaps: dict[tuple[str, int], QPixmap | None] = {}
        session.changed.connect(self.reload)
        session.lock_changed.connect(self._lock_changed)
        if not session.locked:
            self.reload()

    def reload(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._pixmaps.clear()
        if self.session.locked:
            self._set(None)
            return
        self._generation += 1
        generation = self._generation
        case = self.session.case
        job = Job(lambda progress, cancel: load(case, cancel))
        job.finished.connect(lambda data, g=generation: self._done(g, data))
        job.failed.connect(lambda exc, g=generation: self._failed(g, exc))
        self._job = job
        self.loading = True
        self.session.start(job)

    def _done(self, generation: int, data: CaseData) -> None:
        if generation == self._generation and not self.session.locked:
            self.loading = False
            self._job = None
            self._set(data)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            self._job = None
            if not self.session.locked and getattr(exc, "code", "") != "cancelled":
                self.failed.emit(exc)
            self._set(None)

    def _lock_changed(self, locked: bool) -> None:
        if locked:
            self._generation += 1  # a load still running is thrown away when it ends
            self.loading = False
            self._pixmaps.clear()
            self._set(None)

    def _set(self, data: CaseData | None) -> None:
        self.data = data
        self.loaded.emit()

    def thumbnail(self, item_id: str | None, size: int) -> QPixmap | None:
        """The item's thumbnail scaled to fit `size` pixels, or None (not an image, or locked)."""
        if not item_id or self.session.locked:
            return None
        key = (item_id, size)
        if key not in self._pixmaps:
            png = self.session.case.thumbnail(item_id)
            pixmap = QPixmap()
            if png and pixmap.loadFromData(png, "PNG"):
                pixmap = pixmap.scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
            self._pixmaps[key] = pixmap if not pixmap.isNull() else None
        return self._pixmaps[key]


def store_for(session: Session) -> CaseStore:
    """The one store of a session, made on first use (the list, the timeline and the item pane share it)."""
    store = getattr(session, "_views_store", None)
    if store is None:
        store = session._views_store = CaseStore(session)
    return store


# -- words ---------------------------------------------------------------------------------------

def item_kind(item: dict) -> str:
    """image, chat, statement, crypto, email, audio, video, pdf or file."""
    parsed = item.get("parsed") or {}
    fmt = parsed.get("format")
    mime = item.get("mime") or ""
    if fmt == "image":
        return "image"
    if fmt in ("line", "whatsapp"):
        return "chat"
    if fmt in ("money", "ofx"):
        return "crypto" if parsed.get("kind") == "crypto" else "statement"
    if fmt == "email":
        return "email"
    for kind in ("audio", "video"):
        if mime.startswith(kind + "/"):
            return kind
    return "pdf" if mime == "application/pdf" else "file"


def kind_text(kind: str) -> str:
    return tr(f"views.kind_{kind}")


SOURCES = ("chat-line", "exif", "exif-offset", "png-text", "file-name", "date-header", "pdf-info", "statement",
           "entered", "file-mtime", "import")


def source_text(source: str) -> str:
    """EXIF, ファイル名, トークの行 ...; a source this version does not know, as it is."""
    return tr(f"views.source_{source}") if source in SOURCES else source


def time_with_source(iso: str | None, source: str) -> str:
    """「2024-06-01 14:32（EXIF）」; the words for no time when there is none."""
    if not iso:
        return tr("views.no_time")
    return tr("views.time_source", time=tl.short_time(iso), source=source_text(source))


def yen(amount: int | None) -> str:
    return tr("views.yen", amount=f"{amount:,}") if amount is not None else ""
