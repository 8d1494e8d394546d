"""Small age-encrypted files (metadata, log entries, the index, the identity), written atomically."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

from . import age
from .fsio import atomic_writer


def write_sealed(path: Path, data: bytes, recipients: Sequence) -> age.StreamResult:
    with atomic_writer(path) as f:
        return age.encrypt_stream(io.BytesIO(data), f, recipients)


def read_sealed(path: Path, identities: Sequence) -> bytes:
    return age.decrypt_bytes(Path(path).read_bytes(), identities)
