"""Durable file writes: temp file, fsync, os.replace, fsync of the directory."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"


def fsync_file(f: BinaryIO) -> None:
    f.flush()
    if sys.platform == "darwin":  # plain fsync does not flush the drive cache on macOS
        import fcntl

        fcntl.fcntl(f.fileno(), fcntl.F_FULLFSYNC)
    else:
        os.fsync(f.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (POSIX only; NTFS journals its metadata)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: str, dst: Path) -> None:
    # On Windows an antivirus or sync client may hold the target open for a moment.
    for attempt in range(10):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a file in the target's folder; on success publish it at `path` durably.

    On any failure, KeyboardInterrupt included, the temp file is removed and `path` is untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            fsync_file(f)
        _replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path) as f:
        f.write(data)


def append_durably(path: Path, data: bytes) -> None:
    """Append `data` with one write call and fsync it."""
    with open(path, "ab") as f:
        f.write(data)
        fsync_file(f)


@contextlib.contextmanager
def new_folder(target: Path, kind: str) -> Iterator[Path]:
    """Make a whole folder at `target` (absent, or an empty folder) so that it never looks complete
    before it is: yield a hidden work folder beside it (`.<name>.<kind>-<random>`) to write into;
    when the block ends, every folder in it is made durable and it is renamed to `target`. On any
    failure (KeyboardInterrupt included) the work folder is removed and `target` is as it was."""
    target = Path(target)
    work = target.parent / f".{target.name}.{kind}-{secrets.token_hex(4)}"
    target.parent.mkdir(parents=True, exist_ok=True)
    work.mkdir()
    try:
        yield work
        for folder in [p for p in work.rglob("*") if p.is_dir() and not p.is_symlink()] + [work]:
            fsync_dir(folder)  # files are synced as they are written; their folder entries here
        if target.is_dir() and not target.is_symlink():
            target.rmdir()  # the empty folder the user chose (OSError if something appeared in it)
        _replace(str(work), target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def remove_temp_files(root: Path) -> list[Path]:
    """Delete leftover temp files of interrupted atomic writes in the folder `root`."""
    removed = []
    for p in root.glob(TEMP_PREFIX + "*" + TEMP_SUFFIX):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
            removed.append(p)
    return removed


_HELD = (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)  # what "another process holds it" looks like


class FileLock:
    """An exclusive advisory lock on a file, released by the OS if the process dies."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._f = None

    def acquire(self, timeout: float = 30.0) -> None:
        self._f = open(self.path, "a+b")
        deadline = time.monotonic() + timeout
        while True:
            try:
                _lock_fd(self._f.fileno())
                return
            except OSError as exc:
                if exc.errno not in _HELD:  # e.g. a file system without locks: say so, do not wait
                    self._f.close()
                    self._f = None
                    raise
                if time.monotonic() > deadline:
                    self._f.close()
                    self._f = None
                    raise TimeoutError(str(self.path)) from None
                time.sleep(0.05)

    def release(self) -> None:
        if self._f is not None:
            _unlock_fd(self._f.fileno())
            self._f.close()
            self._f = None

    def __enter__(self) -> "FileLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


if os.name == "nt":
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    import hashlib

    h = hashlib.sha256()
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    done = 0
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            h.update(view[:n])
            done += n
            if progress:
                progress(done)
    return h.hexdigest()
