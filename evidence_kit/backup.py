"""A verified copy of an encrypted case folder on a USB stick, and a working case made from it again.

Layout on the stick (DESIGN.md section 7, crypto-design.md section 8.5)::

    DEST/evidence-kit-backup/<case id>/    a copy of the case folder: `evidence-kit verify`, the age
                                           CLI and `sha256sum -c BLOBSUMS` work on it as on the case
        backup.json                        the manifest of the last verified generation: every file's
                                           size and SHA-256 (and its parts, if it was split)
        README-BACKUP.txt                  what this folder is, how to check it without the app
        large-files/<path>.001 ...         parts of a file too large for the stick (FAT32: 4 GiB - 1)
        .backup-staging/<path>             new and changed files of the run in progress
        .backup-commit.json                only while a verified generation is moved into place

A run copies into `.backup-staging` only what the manifest does not already hold (items and log
entries are write-once, so this is an incremental copy by name), reads every copied file back and
checks its SHA-256, and only then moves the staged files into place, guided by `.backup-commit.json`
so that an interruption there is finished by the next run (or by a restore). Until that moment the
folder is the previous generation, untouched. Staged files survive a pulled stick: the next run
reads them back and keeps the ones that are whole. No passphrase is needed; the `backup` custody
event is appended while the case is locked, as an import is.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import __version__
from .core import custody, journal, layout
from .core.case import Case
from .core.errors import EvidenceKitError
from .core.fsio import TEMP_SUFFIX, FileLock, atomic_write_bytes, atomic_writer, fsync_dir, new_folder

ROOT = "evidence-kit-backup"
MANIFEST = "backup.json"
README = "README-BACKUP.txt"
PARTS = layout.SPLIT_DIR
STAGING = ".backup-staging"
COMMIT = ".backup-commit.json"
BUSY = ".backup-lock"  # held while a backup runs
OWN = (MANIFEST, README, PARTS, STAGING, COMMIT, BUSY)  # what is the backup's, not the case's
FORMAT = "evidence-kit-backup"
FAT32_MAX = 4 * 1024**3 - 1  # the largest file FAT32 can hold
FAT_TYPES = {"vfat", "msdos", "fat", "fat12", "fat16", "fat32", "umsdos"}
WRITE_ONCE = ("items/", layout.LOG_DIR + "/", layout.CHECKPOINT_DIR + "/")  # never removed from the stick
SKIPPED = {layout.LOCK, layout.PENDING}  # the lock file and a transaction marker are never copied
CHUNK = 1 << 20
Progress = Callable[[str, int, int], None]  # (path in the case folder, bytes done, bytes in all)
Cancel = Callable[[], bool]


@dataclass
class BackupReport:
    folder: Path  # DEST/evidence-kit-backup/<case id>
    generation: int
    head_seq: int  # the custody entries the copy holds
    files: int  # files in the case folder copy
    copied: list[str] = field(default_factory=list)  # copied (and read back) in this run
    resumed: list[str] = field(default_factory=list)  # copied by an interrupted run, read back now
    bytes_copied: int = 0
    split: list[str] = field(default_factory=list)  # stored in parts (too large for the stick)
    source_damaged: list[str] = field(default_factory=list)  # copied as they are, but they differ from BLOBSUMS
    # missing or unreadable in the case folder: the earlier copy on the stick is kept (never removed) ...
    kept_earlier: list[str] = field(default_factory=list)
    source_missing: list[str] = field(default_factory=list)  # ... or, with none there, they are not in the backup
    removed: list[str] = field(default_factory=list)  # files on the stick the case does not have (any more)
    not_logged: EvidenceKitError | None = None  # why the `backup` event could not be recorded


@dataclass
class _Source:
    rel: str
    size: int
    sha256: str | None  # known before copying: BLOBSUMS, or hashed from `data`
    data: bytes | None = None  # a file that may change (HEAD, BLOBSUMS, the index): read under the lock
    missing: bool = False  # BLOBSUMS names it (or it was seen) but it cannot be read from the case folder


# -- where the backup lives ------------------------------------------------------------------------

def backup_folder(dest: Path, case_id: str) -> Path:
    return Path(dest) / ROOT / case_id


def find(path: Path) -> Path:
    """The `<case id>` folder of a backup, given it, its `evidence-kit-backup` folder, or the stick."""
    path = Path(path)
    if _is_backup(path):
        return path
    if (path / ROOT).is_dir():
        path = path / ROOT
    try:
        found = sorted(d for d in path.iterdir() if d.is_dir() and _is_backup(d))
    except OSError:
        found = []
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise EvidenceKitError("restore_choose", path=path, cases=", ".join(d.name for d in found))
    for folder in [path] + sorted(path.iterdir() if path.is_dir() else []):
        if (folder / STAGING).is_dir():
            raise EvidenceKitError("restore_incomplete", path=folder)
    raise EvidenceKitError("restore_not_backup", path=path)


def _is_backup(path: Path) -> bool:
    return (path / MANIFEST).is_file() or (path / COMMIT).is_file()


# -- the file system of the stick ------------------------------------------------------------------

def fs_type(path: Path) -> str:
    """The file system type of the volume holding `path` ("vfat", "exfat", "ntfs" ...), or ""."""
    path = Path(path).resolve()
    if os.name == "nt":
        return _windows_fs_type(path)
    try:
        mounts = parse_mountinfo(Path("/proc/self/mountinfo").read_text("utf-8", "replace"))
    except OSError:  # not Linux: macOS lists its volumes with `mount`
        try:
            text = subprocess.run(["mount"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
        mounts = [(m.group(1), m.group(2)) for m in re.finditer(r"^.* on (.*) \((\w+)[,)]", text, re.M)]
    best = ("", "")
    for point, kind in mounts:
        inside = path == Path(point) or Path(point) in path.parents
        if inside and len(point) >= len(best[0]):
            best = (point, kind)
    return best[1].lower()


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) of each line of /proc/self/mountinfo."""
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        if " - " not in line or len(fields) < 5:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
        mounts.append((point, line.split(" - ", 1)[1].split(" ")[0]))
    return mounts


def _windows_fs_type(path: Path) -> str:
    import ctypes

    volume = ctypes.create_unicode_buffer(261)
    name = ctypes.create_unicode_buffer(261)
    kernel32 = ctypes.windll.kernel32
    if not kernel32.GetVolumePathNameW(str(path), volume, 261):
        return ""
    if not kernel32.GetVolumeInformationW(volume, None, 0, None, None, None, name, 261):
        return ""
    return name.value.lower()


def size_limit(path: Path) -> int | None:
    """The largest file the volume can hold, when it is smaller than any evidence may be."""
    return FAT32_MAX if fs_type(path) in FAT_TYPES else None


# -- backup --------------------------------------------------------------------------------------

def run(case_path: Path, dest: Path, *, progress: Progress | None = None, cancel: Cancel | None = None,
        max_file_size: int | None = None, recheck: bool = False) -> BackupReport:
    """Copy the case folder (locked or not) into DEST/evidence-kit-backup/<case id>, only what is new
    or changed; read every copied file back; then make it the current generation and log `backup`.

    `max_file_size`: split larger files into parts (default: 4 GiB - 1 on FAT32, else no limit).
    `recheck`: also read back every file already on the stick and copy again any that changed."""
    dest = Path(dest)
    case = Case.open(Path(case_path))
    if not dest.is_dir():
        raise EvidenceKitError("backup_dest_missing", path=dest)
    if _inside(dest, case.path):
        raise EvidenceKitError("backup_inside_case", path=dest)
    folder = backup_folder(dest, case.case_id)
    with _dest_errors(dest):
        if _read_only(dest):
            raise EvidenceKitError("backup_read_only", path=dest)
        folder.mkdir(parents=True, exist_ok=True)
    with _only_run(folder):
        return _run(case, dest, folder, progress, cancel, max_file_size, recheck)


@contextlib.contextmanager
def _only_run(folder: Path) -> Iterator[None]:
    """Hold the backup folder's lock: a second backup to the same place (the app and the command at
    once) would stage and commit over this one."""
    lock = FileLock(folder / BUSY)
    try:
        lock.acquire(timeout=1.0)
    except TimeoutError:  # (an OSError too)
        raise EvidenceKitError("backup_busy", path=folder) from None
    except OSError:  # a stick without file locks, or one just pulled out (the copy then says so)
        lock = None
    try:
        yield
    finally:
        if lock is not None:
            with contextlib.suppress(OSError):
                lock.release()


def _run(case: Case, dest: Path, folder: Path, progress, cancel, max_file_size, recheck) -> BackupReport:
    with _dest_errors(dest):
        _finish_commit(folder)
        previous = _read_manifest(folder)
    if previous and previous.get("case_id") != case.case_id:
        raise EvidenceKitError("backup_other_case", path=folder)
    limit = max_file_size if max_file_size is not None else size_limit(dest)
    sources, head_seq = _snapshot(case)
    have = {src.rel for src in sources}  # write-once files the stick has and the case lost, even from BLOBSUMS
    sources += [_Source(rel, 0, None, missing=True) for rel in sorted((previous or {}).get("files", {}))
                if rel not in have and rel.startswith(WRITE_ONCE)]
    report = BackupReport(folder, (previous or {}).get("generation", 0) + 1, head_seq, len(sources))
    files: dict[str, dict] = {}
    todo: list[_Source] = []
    with _dest_errors(dest):
        for src in sources:
            kept = _kept(folder, src, (previous or {}).get("files", {}).get(src.rel), recheck, limit)
            staged = None if kept is not None or src.missing else _staged(folder, src, limit)
            if kept is not None or staged is not None:
                files[src.rel] = kept or staged
            if src.missing:  # evidence lost from the case is never lost from the stick as well
                (report.kept_earlier if kept is not None else report.source_missing).append(src.rel)
            elif staged is not None:
                report.resumed.append(src.rel)
            elif kept is None:
                todo.append(src)
        _check_space(folder, todo)
        for src in todo:
            if cancel and cancel():
                raise EvidenceKitError("cancelled", text="backup_cancelled")
            try:
                files[src.rel] = _copy(case.path, folder, src, limit, progress, cancel)
            except EvidenceKitError as exc:
                if exc.code != "io_error":  # the case folder's disk failed on this file: back up the others
                    raise
                report.source_missing.append(src.rel)
                continue
            report.copied.append(src.rel)
            report.bytes_copied += src.size
        report.files = len(files)
        report.split = sorted(rel for rel, e in files.items() if "parts" in e)
        report.source_damaged = sorted(s.rel for s in sources if s.data is None and s.rel in files
                                       and files[s.rel]["sha256"] != s.sha256)
        manifest = {"format": FORMAT, "version": 1, "case_id": case.case_id, "generation": report.generation,
                    "made": custody.utc_now(), "head_seq": head_seq, "app": __version__,
                    "files": dict(sorted(files.items()))}
        fresh = [name for rel in report.copied + report.resumed for name in _stored_names(rel, files[rel])]
        report.removed = _commit(folder, manifest, fresh)
        _write_readme(folder)
    manifest_sha = hashlib.sha256(_manifest_bytes(manifest)).hexdigest()
    try:
        case.record("backup", {"generation": report.generation, "head": head_seq, "files": len(files),
                               "copied": len(report.copied) + len(report.resumed), "bytes": report.bytes_copied,
                               "split": len(report.split), "manifest_sha256": manifest_sha,
                               **({"missing": len(report.kept_earlier) + len(report.source_missing)}
                                  if report.kept_earlier or report.source_missing else {})})
    except EvidenceKitError as exc:  # e.g. a read-only case folder: the backup itself stands
        report.not_logged = exc
    return report


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _read_only(path: Path) -> bool:
    if hasattr(os, "statvfs") and os.statvfs(path).f_flag & os.ST_RDONLY:
        return True
    return not os.access(path, os.W_OK)


@contextlib.contextmanager
def _dest_errors(dest: Path) -> Iterator[None]:
    """Turn what the stick does wrong into the messages the user reads."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or dest
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise EvidenceKitError("backup_full", path=dest) from None
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise EvidenceKitError("backup_read_only", path=dest) from None
        raise EvidenceKitError("backup_interrupted", path=where, reason=exc.strerror or str(exc)) from None


def _snapshot(case: Case) -> tuple[list[_Source], int]:
    """Every file of the case folder, taken while the case lock is held so that an import running
    meanwhile is either wholly in the copy or not at all. Files that may change are read now;
    write-once files (items, log entries, checkpoints) are copied later and checked against
    BLOBSUMS or against the hash taken now."""
    with case.hold(read_only_ok=True):  # also finishes a transaction a crash interrupted
        try:
            head_seq = custody.read_head(case.path).seq
        except EvidenceKitError:  # a damaged case is backed up all the same, as it is (verify names it)
            head_seq = 0
        try:
            sums, _ = journal.read_blobsums(case.path)
        except OSError:
            sums = {}
        found, seen = [], set()
        for path in sorted(case.path.rglob("*")):
            rel = path.relative_to(case.path).as_posix()
            if not path.is_file() or rel in SKIPPED or path.name.endswith(TEMP_SUFFIX):
                continue
            seen.add(rel)
            found.append(_source(path, rel, sums.get(rel)))
        # listed, but not found above: in a folder reached through a symbolic link, or gone
        found += [_source(case.path / rel, rel, sums[rel]) for rel in sums.keys() - seen]
    return sorted(found, key=lambda src: src.rel), head_seq


def _source(path: Path, rel: str, listed: str | None) -> _Source:
    try:
        if listed is not None:
            return _Source(rel, path.stat().st_size, listed)
        if rel.startswith("items/"):  # write-once, though BLOBSUMS does not name it
            return _Source(rel, path.stat().st_size, _sha256_of(path))
        data = path.read_bytes()
        return _Source(rel, len(data), hashlib.sha256(data).hexdigest(), data)
    except OSError:
        return _Source(rel, 0, listed, missing=True)


def _kept(folder: Path, src: _Source, entry: dict | None, recheck: bool, limit: int | None) -> dict | None:
    """The manifest entry of a file the stick already holds as the case has it, or None. Files
    that may change (HEAD, BLOBSUMS ...) are read back every time: they are small, and they must be
    exactly the case's."""
    expected = src.sha256 if src.sha256 is not None else (entry or {}).get("sha256")  # unknown: gone from the case
    if not entry or entry.get("sha256") != expected:  # not the source's size: a damaged source may differ
        return None
    if "parts" not in entry and limit is not None and entry["size"] > limit:
        return None
    parts = entry["parts"] if "parts" in entry else [entry]
    for name, want in zip(_stored_names(src.rel, entry), parts):
        try:
            if (folder / name).stat().st_size != want["size"]:
                return None
            if (recheck or src.data is not None) and _sha256_of(folder / name) != want["sha256"]:
                return None
        except FileNotFoundError:
            return None
    return entry


def _stored_names(rel: str, entry: dict) -> list[str]:
    """Where a file is on the stick: at its own path, or in numbered parts."""
    return [layout.split_part(rel, n) for n in range(1, len(entry["parts"]) + 1)] if "parts" in entry else [rel]


def _staged(folder: Path, src: _Source, limit: int | None) -> dict | None:
    """A whole, verified copy an interrupted run left in the staging folder (read back now), or None."""
    staging = folder / STAGING
    if src.sha256 is None or (limit is not None and src.size > limit):
        return None  # parts are copied again: they cost no more than checking them
    path = staging / src.rel
    try:
        if path.stat().st_size != src.size or _sha256_of(path) != src.sha256:
            return None
    except FileNotFoundError:
        return None
    return {"size": src.size, "sha256": src.sha256}


def _check_space(folder: Path, todo: list[_Source]) -> None:
    """Refuse before copying anything when the stick cannot hold what is to be copied."""
    try:
        block = os.statvfs(folder).f_frsize or 4096
    except (AttributeError, OSError):
        block = 4096
    need = sum(-(-s.size // block) * block for s in todo) + (64 * block if todo else 0)
    free = shutil.disk_usage(folder).free
    if need > free:
        raise EvidenceKitError("backup_no_space", path=folder, need=_mb(need), free=_mb(free))


def _mb(size: int) -> str:
    return f"{size / 1024**2:,.1f}"


def _copy(case_dir: Path, folder: Path, src: _Source, limit: int | None, progress: Progress | None,
          cancel: Cancel | None) -> dict:
    """Copy one file into the staging folder (in parts when larger than `limit`), read it back from
    the stick, and return its manifest entry. The copy is hashed once, as read back: it must match
    the hash known before copying (BLOBSUMS, or the snapshot); when it does not, the source is read
    again to tell a damaged case file (copied as it is, and reported) from a stick that does not
    give back what it was given."""
    staging = folder / STAGING
    count = 1 if limit is None or src.size <= limit else -(-src.size // limit)
    names = [src.rel] if count == 1 else [layout.split_part(src.rel, n) for n in range(1, count + 1)]
    sizes = [src.size] if count == 1 else [min(limit, src.size - n * limit) for n in range(count)]
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancel and cancel():
            raise EvidenceKitError("cancelled", text="backup_cancelled")
        if progress and done < src.size:  # the last call comes once the copy has been read back
            progress(src.rel, done, src.size)

    with _open_source(case_dir, src) as f:
        for name, size in zip(names, sizes):
            _write_part(folder, staging / name, f, size, step)
    whole = hashlib.sha256()
    parts = [{"size": size, "sha256": _sha256_of(staging / name, drop_cache=True, whole=whole if count > 1 else None)}
             for name, size in zip(names, sizes)]
    actual = whole.hexdigest() if count > 1 else parts[0]["sha256"]
    if actual != src.sha256 and (src.data is not None or _source_sha256(case_dir, src) != actual):
        for name in names:
            (staging / name).unlink()
        raise EvidenceKitError("backup_readback", path=folder / names[0])
    if progress:
        progress(src.rel, src.size, src.size)
    return {"size": src.size, "sha256": actual, **({"parts": parts} if count > 1 else {})}


def _source_sha256(case_dir: Path, src: _Source) -> str:
    try:
        return _sha256_of(case_dir / src.rel)
    except OSError as exc:
        raise EvidenceKitError("io_error", path=case_dir / src.rel, reason=exc.strerror or str(exc)) from None


@contextlib.contextmanager
def _open_source(case_dir: Path, src: _Source):
    """The source's bytes; a read error there is the case folder's, not the stick's."""
    if src.data is not None:
        yield io.BytesIO(src.data)
        return
    try:
        f = open(case_dir / src.rel, "rb")
    except OSError as exc:
        raise EvidenceKitError("io_error", path=case_dir / src.rel, reason=exc.strerror or str(exc)) from None
    with f:
        yield _SourceReader(f, case_dir / src.rel)


class _SourceReader:
    def __init__(self, f, path: Path):
        self._f, self._path = f, path

    def read(self, size: int) -> bytes:
        try:
            return self._f.read(size)
        except OSError as exc:
            raise EvidenceKitError("io_error", path=self._path, reason=exc.strerror or str(exc)) from None


def _write_part(folder: Path, path: Path, f, size: int, step: Callable[[int], None]) -> None:
    """Write the next `size` bytes of `f` to `path` durably (temp name, fsync, rename)."""
    _make_parent(folder, path)
    left = size
    with atomic_writer(path) as out:
        while left:
            data = f.read(min(CHUNK, left))
            if not data:  # the source is shorter than it was a moment ago
                raise EvidenceKitError("io_error", path=path, reason="short read")
            out.write(data)
            left -= len(data)
            step(len(data))


def _make_parent(folder: Path, path: Path) -> None:
    """Make the folders for `path` below the backup folder, never the backup folder itself: when it
    is gone, the stick was pulled out (its mount point is empty), and nothing is made in its place."""
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(folder))
    path.parent.mkdir(parents=True, exist_ok=True)


def _sha256_of(path: Path, drop_cache: bool = False, whole=None) -> str:
    """SHA-256 of a file; with `drop_cache`, of what the device holds rather than the page cache;
    `whole` (a hash) is fed the same bytes (the parts of a split file, in order)."""
    h = hashlib.sha256()
    with open(path, "rb", buffering=0) as f:
        if drop_cache and hasattr(os, "posix_fadvise"):
            os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)  # the written pages are clean after fsync
        while data := f.read(CHUNK):
            h.update(data)
            if whole is not None:
                whole.update(data)
    return h.hexdigest()


# -- making a verified generation current ----------------------------------------------------------

def _commit(folder: Path, manifest: dict, staged: list[str]) -> list[str]:
    """Move the staged (verified) files into place, remove what the case does not have, and write
    the manifest: a journal first, so that an interruption is finished later. Returns what was removed."""
    wanted = {name for rel, entry in manifest["files"].items() for name in _stored_names(rel, entry)}
    removals = sorted(rel for rel in _case_files(folder) if rel not in wanted)
    atomic_write_bytes(folder / COMMIT, json.dumps({"moves": sorted(staged), "removals": removals,
                                                    "manifest": manifest}, ensure_ascii=False).encode("utf-8"))
    fsync_dir(folder)
    _finish_commit(folder)
    return removals


def _case_files(folder: Path) -> list[str]:
    """Every file in the backup folder that is not the backup's own (nor a lock file an older version
    made there: a `custody/PENDING` is listed, as it would undo entries that the copy has now). The
    case core never writes to the copy (Case.is_backup_copy)."""
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != layout.LOCK and (rel.split("/")[0] not in OWN or rel.startswith(PARTS + "/")):
            found.append(rel)
    return found


def _finish_commit(folder: Path) -> None:
    """Complete the commit a journal describes (all its files were verified before it was written)."""
    journal_path = folder / COMMIT
    try:
        plan = json.loads(journal_path.read_bytes())
    except FileNotFoundError:
        return
    except ValueError:  # cut short before it was complete: nothing was moved yet
        journal_path.unlink()
        return
    if not _valid_plan(plan):  # not written by a backup (it is written whole): never follow it
        journal_path.unlink()
        return
    staging = folder / STAGING
    for rel in plan["moves"]:
        target = folder / rel
        if (staging / rel).exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
    for rel in plan["removals"]:
        with contextlib.suppress(FileNotFoundError):
            (folder / rel).unlink()
    for parent in {(folder / rel).parent for rel in plan["moves"]}:
        fsync_dir(parent)
    atomic_write_bytes(folder / MANIFEST, _manifest_bytes(plan["manifest"]))
    journal_path.unlink()
    fsync_dir(folder)
    shutil.rmtree(staging, ignore_errors=True)


def _valid_plan(plan) -> bool:
    """A commit journal whose moves and removals all stay inside the backup folder (a stick someone
    prepared must not make a backup delete or replace files elsewhere on the computer)."""
    def inside(rel) -> bool:
        return isinstance(rel, str) and "\\" not in rel and ":" not in rel and all(
            p not in ("", ".", "..") for p in rel.split("/")) and rel.split("/")[0] not in (
            STAGING, COMMIT, MANIFEST, README, BUSY)

    return (isinstance(plan, dict) and _valid_manifest(plan.get("manifest"))
            and all(isinstance(plan.get(key), list) and all(inside(rel) for rel in plan[key])
                    for key in ("moves", "removals")))


def _manifest_bytes(manifest: dict) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
    except FileNotFoundError:
        return None
    except ValueError:
        raise EvidenceKitError("backup_manifest_damaged", path=folder / MANIFEST) from None
    if not _valid_manifest(manifest):
        raise EvidenceKitError("backup_manifest_damaged", path=folder / MANIFEST)
    return manifest


def _valid_manifest(manifest) -> bool:
    """Ours, and every entry the shape backup and restore read (a damaged one is refused, not crashed on)."""
    def file_ok(entry) -> bool:
        return (isinstance(entry, dict) and type(entry.get("size")) is int and entry["size"] >= 0
                and isinstance(entry.get("sha256"), str) and custody.is_hex64(entry["sha256"]))

    return (isinstance(manifest, dict) and manifest.get("format") == FORMAT and isinstance(manifest.get("files"), dict)
            and all(isinstance(rel, str) and file_ok(entry) and (
                "parts" not in entry or (isinstance(entry["parts"], list) and entry["parts"]
                                         and all(file_ok(part) for part in entry["parts"])))
                for rel, entry in manifest["files"].items()))


def _write_readme(folder: Path) -> None:
    from .i18n.backup_messages import README_TEXT

    data = README_TEXT.replace("\n", "\r\n").encode("utf-8-sig")  # readable in any Windows editor too
    path = folder / README
    if not path.is_file() or path.read_bytes() != data:
        atomic_write_bytes(path, data)


# -- restore ---------------------------------------------------------------------------------------

def restore(backup_path: Path, case_path: Path, *, progress: Progress | None = None,
            cancel: Cancel | None = None) -> Path:
    """Make a working case at `case_path` (absent or an empty folder) from a backup: every file is
    checked against the manifest as it is copied, split files are joined, and the new case logs a
    `restore` event. The backup is only read. Nothing is left at `case_path` unless all went well."""
    folder = find(Path(backup_path))
    target = Path(case_path).absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise EvidenceKitError("restore_exists", path=target)
    manifest, staged = _effective_manifest(folder)
    with _restore_errors(target), new_folder(target, "restoring") as work:
        for rel, entry in manifest["files"].items():
            if cancel and cancel():
                raise EvidenceKitError("cancelled", text="restore_cancelled")
            _restore_file(folder, staged, rel, entry, work, progress, cancel)
        case = Case.open(work)
        case.record("restore", {"generation": manifest.get("generation", 0), "backup_made": manifest.get("made", ""),
                                "head": manifest.get("head_seq", 0),
                                "manifest_sha256": hashlib.sha256(_manifest_bytes(manifest)).hexdigest()})
    return target


def _effective_manifest(folder: Path) -> tuple[dict, set[str]]:
    """The manifest to restore from, and the files still in the staging folder that belong to it
    (a commit interrupted after its files were verified: the backup is read, never finished here)."""
    try:
        plan = json.loads((folder / COMMIT).read_bytes())
        if not _valid_plan(plan):
            raise ValueError
        return plan["manifest"], {rel for rel in plan["moves"] if (folder / STAGING / rel).is_file()}
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        manifest = _read_manifest(folder)
        if manifest is None:
            raise EvidenceKitError("restore_incomplete", path=folder) from None
        return manifest, set()


def _restore_file(folder: Path, staged: set[str], rel: str, entry: dict, work: Path, progress, cancel) -> None:
    if not layout_safe(rel):
        raise EvidenceKitError("backup_manifest_damaged", path=folder / MANIFEST)
    names = _stored_names(rel, entry)
    out_path = work / rel
    out_path.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    done = 0
    with atomic_writer(out_path) as out:
        for name in names:
            src = folder / STAGING / name if name in staged else folder / name
            try:
                f = open(src, "rb")
            except FileNotFoundError:
                raise EvidenceKitError("restore_missing", path=src) from None
            with f:
                while data := _read_backup(f, src):
                    out.write(data)
                    h.update(data)
                    done += len(data)
                    if cancel and cancel():
                        raise EvidenceKitError("cancelled", text="restore_cancelled")
                    if progress and done < entry["size"]:
                        progress(rel, done, entry["size"])
        if done != entry["size"] or h.hexdigest() != entry["sha256"]:
            raise EvidenceKitError("restore_damaged", path=folder / names[0] if len(names) == 1 else folder / rel)
    if progress:
        progress(rel, done, done)


def layout_safe(rel: str) -> bool:
    """A manifest path that stays inside the case folder."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and all(p not in ("", ".", "..") for p in parts) \
        and parts[0] not in OWN


def _read_backup(f, src: Path) -> bytes:
    try:
        return f.read(CHUNK)
    except OSError as exc:
        raise EvidenceKitError("restore_unreadable", path=src, reason=exc.strerror or str(exc)) from None


@contextlib.contextmanager
def _restore_errors(target: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EvidenceKitError("disk_full", text="restore_disk_full", path=target) from None
        if exc.errno == errno.EFBIG:  # e.g. a FAT32 stick and a file of 4 GiB or more
            raise EvidenceKitError("io_error", text="restore_too_large", path=target,
                                   reason=exc.strerror or str(exc)) from None
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise EvidenceKitError("cannot_create", path=target, reason=exc.strerror or str(exc)) from None
        raise EvidenceKitError("io_error", path=exc.filename or target, reason=exc.strerror or str(exc)) from None

