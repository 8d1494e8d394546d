"""Reading a .zip someone handed us, without trusting it.

Nothing is ever extracted: members are read as streams. A zip is refused as a whole, before any
member is read, when one member name climbs out (`..`) or is absolute, when a member is a symbolic
link, when it has too many members, when the sizes it declares add up to too much, or when one
member inflates far more than real files do (a zip bomb). A member never yields more bytes than its
declared size: zipfile stops there and checks the CRC, so the declared sizes are a real bound.
Every refusal is EvidenceKitError(code, path=..., member=...).
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from ..core.errors import EvidenceKitError

MAX_MEMBERS = 10_000
MAX_TOTAL = 4 * 1024**3  # declared uncompressed bytes, all members together
MAX_RATIO = 100  # uncompressed / compressed, checked for members larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Member:
    name: str  # as written in the zip, "/" separated
    size: int  # declared uncompressed size
    compressed: int


class SafeZip:
    """A checked, read-only view of a zip file: `with SafeZip(path) as z: z.read(name)`."""

    def __init__(self, path: Path, *, max_members: int = MAX_MEMBERS, max_total: int = MAX_TOTAL,
                 max_ratio: float = MAX_RATIO, ratio_floor: int = RATIO_FLOOR, data=None):
        """`data` (bytes or a seekable binary file), when given, is the zip; `path` then only names it."""
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path if data is None else
                                        (io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data))
            infos = self._zip.infolist()
        except OSError as exc:
            raise EvidenceKitError("io_error", path=self.path, reason=exc.strerror or str(exc)) from None
        except Exception:  # noqa: BLE001 - any failure to read an untrusted zip is one refusal
            raise self._error("zip_invalid") from None
        try:
            self._infos = _checked(infos, self, max_members, max_total, max_ratio, ratio_floor)
        except BaseException:
            self._zip.close()
            raise
        self.members = [Member(i.filename, i.file_size, i.compress_size) for i in self._infos.values()
                        if not i.is_dir()]

    def _error(self, code: str, member: str = "") -> EvidenceKitError:
        return EvidenceKitError(code, path=self.path, member=member)

    def read(self, name: str, limit: int | None = None) -> bytes:
        """A member's bytes (at most `limit` of them when given)."""
        chunks, left = [], limit
        with self.open(name) as stream:
            while left is None or left > 0:
                chunk = stream.read(_CHUNK if left is None else min(_CHUNK, left))
                if not chunk:
                    break
                chunks.append(chunk)
                if left is not None:
                    left -= len(chunk)
        return b"".join(chunks)

    def open(self, name: str) -> _MemberStream:
        info = self._infos.get(name)
        if info is None or info.is_dir():
            raise self._error("zip_member_missing", name)
        if info.flag_bits & 0x1:
            raise self._error("zip_encrypted", name)
        try:
            return _MemberStream(self._zip.open(info), self, name)
        except Exception:  # noqa: BLE001 - see __init__
            raise self._error("zip_invalid", name) from None

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _MemberStream:
    """A member opened for reading; a damaged stream becomes EvidenceKitError("zip_invalid")."""

    def __init__(self, raw, owner: SafeZip, name: str):
        self._raw, self._owner, self._name = raw, owner, name

    def read(self, n: int = -1) -> bytes:
        try:
            return self._raw.read(n)
        except Exception:  # noqa: BLE001 - bad CRC, truncated or corrupt deflate data
            raise self._owner._error("zip_invalid", self._name) from None

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_DRIVE = re.compile(r"^[A-Za-z]:")


def _checked(infos, z: SafeZip, max_members, max_total, max_ratio, ratio_floor) -> dict:
    if len(infos) > max_members:
        raise z._error("zip_too_many_members")
    by_name, total = {}, 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or _DRIVE.match(name):
            raise z._error("zip_absolute_path", name)
        if ".." in re.split(r"[\\/]", name):
            raise z._error("zip_path_traversal", name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise z._error("zip_symlink", name)
        if name in by_name:
            raise z._error("zip_duplicate_member", name)
        total += info.file_size
        if total > max_total:
            raise z._error("zip_too_large", name)
        if info.file_size > ratio_floor and info.file_size > max_ratio * max(info.compress_size, 1):
            raise z._error("zip_ratio", name)
        by_name[name] = info
    return by_name
