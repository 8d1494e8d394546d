"""The watched folder: files that arrive in a folder (a phone's screenshots, a download folder) are
imported into a case once they have stopped changing. No Qt here: the GUI runs a Watcher and turns
its events into notifications through its own bridge.

* A new or moved-in file is imported once its size and modification time have stayed the same for
  `settle_seconds` (a file still being copied is left alone until then). Files already in the
  folder when watching starts are imported too.
* The case may stay locked: no passphrase is needed. Content this watcher has stored is never stored
  again (the core recognises it by SHA-256 and reports a duplicate). An unlocked `Case` given
  instead of a path also recognises content stored before, in any session, at once.
* A file that has been handled is not read again while its size and time stay the same, in this
  session or a later one: the case keeps `watch/seen` (SeenFiles), so that a locked watch started
  again does not store the phone's old screenshots a second time. Content stored in another way
  and then seen here while locked is stored again and marked as a duplicate at the next unlock.
* Temporary names (`*.part`, `*.crdownload`, `~$*`, `.DS_Store`, `Thumbs.db` ...) are ignored;
  the file is taken when it is renamed to its final name.
* The folder may disappear and come back (a phone unplugged): the watcher reports it, waits, and
  starts watching again.

watchdog gives prompt notice of changes; a periodic scan (sizes and times only) catches what it
cannot see, e.g. a phone mounted through a file system without change notification.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import stat
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .core import layout
from .core.case import BatchResult, Case
from .core.errors import EvidenceKitError
from .core.fsio import append_durably, atomic_write_bytes
from .backup import ROOT as BACKUP_ROOT
from .handover import SUMS as HANDOVER_SUMS, VERIFY as HANDOVER_VERIFY
from .i18n import tr

log = logging.getLogger(__name__)

KINDS = ("imported", "duplicate", "failed", "folder_missing", "folder_back")
IGNORED_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"})
IGNORED_PREFIXES = ("~$", ".~lock.", "._", ".tmp-")  # Office owner files, LibreOffice locks, AppleDouble, ours
IGNORED_SUFFIXES = (".part", ".crdownload", ".partial", ".download", ".tmp", ".opdownload",
                    ".icloud")  # iCloud's stand-in for a file not downloaded yet
SOURCE = "watched folder"
UNREADABLE_TRIES = 3  # a file another program still holds (Windows) is tried again before it is reported


_WORK_FOLDER = re.compile(r"\..+\.(creating|writing|restoring)-[0-9a-f]{8}")  # fsio.new_folder's


def ours(folder: Path) -> bool:
    """A folder evidence-kit writes: a case (or a backup's copy of one), a backup, a hand-over package,
    or one of these being made. What is in it is already in a case, or encrypted: never imported again
    (e.g. a hand-over made to the watched Desktop would otherwise be stored a second time, item by item)."""
    name = folder.name
    if _WORK_FOLDER.fullmatch(name) or name == BACKUP_ROOT:
        return True
    return (folder / layout.CASE_JSON).is_file() or ((folder / HANDOVER_SUMS).is_file()
                                                     and (folder / HANDOVER_VERIFY).is_file())


def ignored(name: str) -> bool:
    """A temporary or system file that is not evidence (yet): skipped until renamed."""
    lower = name.lower()
    return lower in IGNORED_NAMES or lower.startswith(IGNORED_PREFIXES) or lower.endswith(IGNORED_SUFFIXES)


@dataclass(frozen=True)
class WatchEvent:
    """What happened: `kind` is one of KINDS; `message(lang)` is the sentence to show."""

    kind: str
    path: Path  # the file, or the watched folder for folder_missing / folder_back
    item_id: str = ""  # the stored item (imported), or the earlier item with the same content (duplicate)
    message_key: str = ""
    params: dict = field(default_factory=dict)
    error: EvidenceKitError | None = None
    time: str = field(default_factory=lambda: datetime.now().astimezone().isoformat(timespec="seconds"))

    def message(self, lang: str = "ja") -> str:
        params = {k: _visible(v) if isinstance(v, str) else v for k, v in self.params.items()}
        if self.error is not None:
            params["reason"] = self.error.message(lang)
        return tr(self.message_key, lang, **params)


def _visible(text: str) -> str:
    """Control characters in a file name (terminal escape sequences) shown, not obeyed."""
    return "".join(c if unicodedata.category(c) != "Cc" else f"\\x{ord(c):02x}" for c in text)


@dataclass
class _Pending:
    signature: tuple[int, int] | None  # (size, mtime_ns) when last looked at
    since: float  # monotonic time it was first seen with that signature (or when to try again)
    tries: int = 0


class SeenFiles:
    """The files watched folders have handed over to a case, kept in the case folder (`watch/seen`)
    so that a later session, with the case still locked, does not store them again.

    Each file is a salted SHA-256 of (its path inside the watched folder, its size, its mtime in ns),
    128 bits of it, one per line after a header holding the salt. What this choice weighs (DESIGN.md
    section 2, crypto-design.md sections 6.2 and 10 row 7; the threat is someone with the PC):
    * content hashes in plaintext are ruled out by the design: whoever holds the original screenshot
      could confirm it is in the case;
    * the watched folder's file names in plaintext would outlive the files: a screenshot the user
      deleted from the phone would still be named here, and names carry dates and words;
    * this digest names nothing and proves nothing about content: it can only confirm "this very
      file, with this size and nanosecond time, in this place" to someone who can already read the
      watched folder itself. The salt (random per case) keeps digests from matching across cases.
    Appended to under the case lock (two watchers on one case agree); a torn last line is ignored;
    a damaged file is started again (at worst, files are stored twice and marked as duplicates)."""

    HEADER = "evidence-kit watch-seen v1 "

    def __init__(self, case_dir: Path):
        self.path = Path(case_dir) / layout.WATCH_STATE
        self._salt: bytes | None = None
        self._known: set[str] = set()
        self._read_to = 0  # bytes of the file read into _known
        self._stamp: tuple[int, int] | None = None  # (inode, size) of the file when last read

    @staticmethod
    def _rel(rel: str) -> bytes:
        return unicodedata.normalize("NFC", rel).encode("utf-8")  # macOS gives names in NFD

    def _digest(self, rel: str, size: int, mtime_ns: int) -> str:
        data = self._salt + b"\0" + self._rel(rel) + b"\0" + f"{size}\0{mtime_ns}".encode()
        return hashlib.sha256(data).hexdigest()[:32]

    def _refresh(self) -> None:
        """Read what was appended since the last look (by this or another process)."""
        try:
            st = os.stat(self.path)
        except OSError:
            self._salt, self._known, self._read_to, self._stamp = None, set(), 0, None
            return
        if self._stamp == (st.st_ino, st.st_size):
            return
        if self._stamp is None or self._stamp[0] != st.st_ino or st.st_size < self._read_to:
            self._salt, self._known, self._read_to = None, set(), 0  # made again: read it whole
        try:
            with open(self.path, "rb") as f:
                f.seek(self._read_to)
                data = f.read()
        except OSError:
            return
        end = data.rfind(b"\n") + 1  # a line being written (or torn) is read next time
        lines = data[:end].decode("ascii", "replace").splitlines()
        if self._read_to == 0 and lines:
            header, lines = lines[0], lines[1:]
            salt = header[len(self.HEADER):]
            if not header.startswith(self.HEADER) or len(salt) != 32 or not _is_hex(salt):
                self._stamp = (st.st_ino, st.st_size)
                return  # not ours, or damaged: _salt stays None and `remember` starts it again
            self._salt = bytes.fromhex(salt)
        self._known.update(line for line in lines if len(line) == 32 and _is_hex(line))
        self._read_to += end
        self._stamp = (st.st_ino, st.st_size)

    def seen(self, rel: str, size: int, mtime_ns: int) -> bool:
        self._refresh()
        return self._salt is not None and self._digest(rel, size, mtime_ns) in self._known

    def remember(self, rel: str, size: int, mtime_ns: int) -> None:
        """Add a file (the caller holds the case lock). OSError if the case folder cannot be written."""
        self._refresh()
        if self._salt is None:
            self.path.parent.mkdir(exist_ok=True)
            atomic_write_bytes(self.path, (self.HEADER + secrets.token_hex(16) + "\n").encode("ascii"))
            self._refresh()
        digest = self._digest(rel, size, mtime_ns)
        if digest in self._known:
            return
        with open(self.path, "rb") as f:  # a torn last line (a crash) must not swallow this one
            f.seek(-1, os.SEEK_END)
            lead = b"" if f.read(1) == b"\n" else b"\n"
        append_durably(self.path, lead + digest.encode("ascii") + b"\n")
        self._known.add(digest)


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


class Watcher:
    """Watch `folder` and import what arrives into the case at `case_path` (a path, or an open Case).

    `on_event(WatchEvent)` is called from the watcher's own thread, one event at a time. start() and
    stop() may be called from any thread; stop() lets an import in progress end cleanly (cancelled
    and rolled back, so nothing half-stored is left)."""

    def __init__(self, case_path: Path | Case, folder: Path, *, on_event: Callable[[WatchEvent], None],
                 settle_seconds: float = 3.0, check_seconds: float = 1.0, rescan_seconds: float = 10.0,
                 retry_seconds: float = 30.0):
        if settle_seconds <= 0 or check_seconds <= 0 or rescan_seconds <= 0:
            raise ValueError("the waiting times must be positive")
        self.case_path = case_path.path if isinstance(case_path, Case) else Path(case_path).absolute()
        self._case = case_path if isinstance(case_path, Case) else None
        self.folder = Path(folder).absolute()
        self.on_event = on_event
        self.settle_seconds = settle_seconds
        self.check_seconds = check_seconds
        self.rescan_seconds = rescan_seconds
        self.retry_seconds = retry_seconds
        self.counts = {"imported": 0, "duplicate": 0, "failed": 0}
        self.existing = 0  # files already in the folder at start, to be imported
        self.known = 0  # files already in the folder at start that an earlier session handed over
        self._seen = SeenFiles(self.case_path)
        self._lock = threading.Lock()  # guards _pending and _dirty between watchdog's thread and ours
        self._pending: dict[Path, _Pending] = {}
        self._dirty: set[Path] = set()  # folders to scan (created or moved in)
        self._done: dict[Path, tuple[int, int]] = {}  # path -> signature when it was handled
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._observer = None
        self._present: bool | None = None
        self._folder_id: tuple[int, int] | None = None  # (device, inode): a folder made again is a new one
        self._scan_only = False  # watchdog could not watch it (e.g. no inotify watches left)
        self._next_scan = 0.0
        self._control = threading.Lock()

    # -- control -------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the case (EvidenceKitError if it is not one), scan the folder and start watching."""
        with self._control:
            if self._thread is not None:
                return
            if self._case is None:
                self._case = Case.open(self.case_path)
            if self.folder == self.case_path or self.case_path in self.folder.parents:
                raise EvidenceKitError("watch_inside_case", folder=self.folder)
            if self._case.is_backup_copy():  # nothing may be stored there: say so now, not at every file
                raise EvidenceKitError("backup_copy", path=self.case_path)
            self._stopping.clear()
            folder_id = _dir_id(self.folder)
            if folder_id is not None:
                self._present, self._folder_id = True, folder_id
                self._start_observer()
                self._scan(self.folder)
                self.known = self._drop_seen()
                self.existing = len(self._pending)
                self._next_scan = time.monotonic() + self.rescan_seconds
            self._thread = threading.Thread(target=self._run, name="evidence-kit-watch", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._control:
            thread, self._thread = self._thread, None
            if thread is None:
                return
            self._stopping.set()
            self._wake.set()
            if thread is not threading.current_thread():  # stop() from on_event: the thread ends by itself
                thread.join()
            self._stop_observer()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def __enter__(self) -> "Watcher":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- the watcher's thread ------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._step(time.monotonic())
            except Exception:  # noqa: BLE001 - a bug must not silently end the watching
                log.exception("watch step failed")
            with self._lock:
                busy = bool(self._pending)
            self._wake.wait(min(self.settle_seconds / 4, 0.25) if busy else self.check_seconds)
            self._wake.clear()

    def _step(self, now: float) -> None:
        folder_id = _dir_id(self.folder)
        if folder_id is None:
            if self._present is not False:
                self._present = False
                self._stop_observer()
                with self._lock:
                    self._pending.clear()
                    self._dirty.clear()
                self._emit(WatchEvent("folder_missing", self.folder, message_key="watch.folder_missing",
                                      params={"folder": str(self.folder)}))
            return
        if self._present is False:
            self._emit(WatchEvent("folder_back", self.folder, message_key="watch.folder_back",
                                  params={"folder": str(self.folder)}))
            self._scan_only = False
        if folder_id != self._folder_id:  # back, or removed and made again between two looks
            self._stop_observer()
            self._folder_id, self._next_scan = folder_id, 0.0
        self._present = True
        if self._observer is None and not self._scan_only:
            self._start_observer()
        with self._lock:
            dirty, self._dirty = self._dirty, set()
        if now >= self._next_scan:
            dirty = {self.folder}
            self._next_scan = now + (self.rescan_seconds if self._observer is not None else self.settle_seconds)
        for folder in dirty:
            self._scan(folder)
        self._settle()

    def _scan(self, top: Path) -> None:
        """Note every file under `top` that is new or changed since it was handled (sizes and times only)."""
        if self._in_ours(top / "x"):
            return
        for root, dirs, files in os.walk(top, onerror=lambda exc: None):
            base = Path(root)
            dirs[:] = [d for d in dirs if not self._inside_case(base / d) and not ours(base / d)]
            for name in files:
                self._note(base / name, checked=True)

    def _note(self, path: Path, checked: bool = False) -> None:
        if ignored(path.name) or self._inside_case(path) or (not checked and self._in_ours(path)):
            return
        try:
            st = os.stat(path)
        except OSError:
            return
        if not stat.S_ISREG(st.st_mode) or self._done.get(path) == (st.st_size, st.st_mtime_ns):
            return
        with self._lock:
            self._pending.setdefault(path, _Pending(None, 0.0))
        self._wake.set()

    def _drop_seen(self) -> int:
        """Leave out the files found at start that an earlier session handed over, unchanged since."""
        with self._lock:
            paths = list(self._pending)
        dropped = 0
        for path in paths:
            try:
                st = os.stat(path)
            except OSError:
                continue
            if self._seen.seen(self._name(path), st.st_size, st.st_mtime_ns):
                self._done[path] = (st.st_size, st.st_mtime_ns)
                self._forget(path)
                dropped += 1
        return dropped

    def _in_ours(self, path: Path) -> bool:
        """`path` is in a folder evidence-kit writes, below the watched folder."""
        return any(ours(folder) for folder in path.parents if self.folder in folder.parents)

    def _inside_case(self, path: Path) -> bool:
        return path == self.case_path or self.case_path in path.parents

    def _settle(self) -> None:
        with self._lock:
            candidates = list(self._pending.items())
        for path, pending in candidates:
            if self._stopping.is_set():
                return
            try:
                st = os.stat(path)
                signature = (st.st_size, st.st_mtime_ns)
            except OSError:  # gone (deleted, renamed, the folder unplugged)
                self._forget(path)
                continue
            now = time.monotonic()  # when it was seen so: an import just before may have taken a while
            if not stat.S_ISREG(st.st_mode) or self._done.get(path) == signature:
                self._forget(path)
            elif pending.signature != signature:
                pending.signature, pending.since = signature, max(now, pending.since)
            elif now - pending.since >= self.settle_seconds:
                self._import(path, pending, signature)

    def _forget(self, path: Path) -> None:
        with self._lock:
            self._pending.pop(path, None)

    def _import(self, path: Path, pending: _Pending, signature: tuple[int, int]) -> None:
        rel = self._name(path)
        if self._in_ours(path):  # its folder became a hand-over package (renamed into place) meanwhile
            self._forget(path)
            return
        try:
            with self._case.hold():  # another watcher of this case waits, then sees the file as handed over
                if self._seen.seen(rel, *signature):
                    self._done[path] = signature
                    self._forget(path)
                    return
                batch = self._case.import_paths([path], source=SOURCE, cancel=self._stopping.is_set)
                if batch.results:
                    self._remember(rel, signature)
        except EvidenceKitError as exc:  # about the case (busy, full, gone): try the file again later
            if exc.code != "cancelled":
                pending.since = time.monotonic() + self.retry_seconds
                self._failed(path, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a reader's bug on a strange file: report it, go on
            log.exception("importing %s", path)
            batch = BatchResult(failures=[(path, EvidenceKitError("parse_failed", path=path, reason=type(exc).__name__))])
        for _, exc in batch.failures:
            pending.tries += 1
            if exc.code == "source_missing" or (exc.code == "source_unreadable" and _dir_id(self.folder) is None):
                self._forget(path)  # deleted, or the folder unplugged while it was read: taken if it comes back
                return
            if exc.code == "source_unreadable" and pending.tries < UNREADABLE_TRIES:
                pending.since = time.monotonic()  # still held by the program writing it: wait again
                return
            self._failed(path, exc)
        for result in batch.results:
            self._report(path, result)
        self._done[path] = signature
        self._forget(path)

    def _remember(self, rel: str, signature: tuple[int, int]) -> None:
        try:
            self._seen.remember(rel, *signature)
        except OSError:  # e.g. a read-only case folder: the import stands, a later session reads the file again
            log.warning("could not note %s as handed over", rel, exc_info=True)

    def _report(self, path: Path, result) -> None:
        name = self._name(path)
        if result.status == "duplicate":
            self.counts["duplicate"] += 1
            self._emit(WatchEvent("duplicate", path, result.duplicate_of, "watch.duplicate",
                                  {"name": name, "item": result.duplicate_of}))
            return
        self.counts["imported"] += 1
        members = sum(m.status == "imported" for m in result.members)
        key = "watch.imported_members" if members else "watch.imported"
        self._emit(WatchEvent("imported", path, result.item_id, key,
                              {"name": name, "size": result.size, "sha256": result.sha256, "members": members}))
        for member, exc in result.member_failures:
            self._failed(path, exc, member=member)

    def _failed(self, path: Path, exc: EvidenceKitError, member: str = "") -> None:
        self.counts["failed"] += 1
        name = self._name(path) + (f" ({member})" if member else "")
        self._emit(WatchEvent("failed", path, message_key="watch.failed", params={"name": name}, error=exc))

    def _name(self, path: Path) -> str:
        try:
            return path.relative_to(self.folder).as_posix()
        except ValueError:
            return path.name

    def _emit(self, event: WatchEvent) -> None:
        try:
            self.on_event(event)
        except Exception:  # noqa: BLE001 - the listener's bug must not stop the imports
            log.exception("watch listener failed")

    # -- watchdog --------------------------------------------------------------------------------

    def _start_observer(self) -> None:
        observer = Observer()
        try:
            observer.schedule(_Handler(self), str(self.folder), recursive=True)
            observer.start()
        except OSError:  # e.g. no more inotify watches: the periodic scan still finds new files
            log.warning("watching %s by scanning only", self.folder, exc_info=True)
            self._scan_only = True
            return
        self._observer = observer

    def _stop_observer(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            try:
                observer.stop()
                observer.join(timeout=5)
            except Exception:  # noqa: BLE001 - its folder is gone; nothing is left to stop
                log.debug("stopping the observer", exc_info=True)

    def _changed(self, path: str, is_directory: bool) -> None:
        """Called from watchdog's thread."""
        target = Path(os.fsdecode(path))
        if self.folder not in target.parents:  # the folder itself, or moved out of it
            self._wake.set()
            return
        if is_directory:
            with self._lock:
                self._dirty.add(target)
            self._wake.set()
        else:
            self._note(target)


def _dir_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def on_created(self, event) -> None:
        self.watcher._changed(event.src_path, event.is_directory)

    def on_modified(self, event) -> None:
        if not event.is_directory:
            self.watcher._changed(event.src_path, False)

    def on_closed(self, event) -> None:
        self.watcher._changed(event.src_path, False)

    def on_moved(self, event) -> None:  # renamed from a temporary name, or moved in
        self.watcher._changed(event.dest_path, event.is_directory)

    def on_deleted(self, event) -> None:
        self.watcher._wake.set()  # perhaps the folder itself: look now
