"""A MIME type for an imported file, from its first bytes, else from its name."""

from __future__ import annotations

import mimetypes

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"\x1aE\xdf\xa3", "video/webm"),
)
_FTYP = {b"heic": "image/heic", b"heix": "image/heic", b"mif1": "image/heif", b"M4A ": "audio/mp4",
         b"qt  ": "video/quicktime"}


def guess_mime(name: str, head: bytes) -> str:
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            if mime == "application/zip" and name.lower().endswith((".docx", ".xlsx", ".pptx")):
                break  # office files are zips; the name is more precise
            return mime
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}[head[8:12]]
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return _FTYP.get(brand, "audio/mp4" if name.lower().endswith(".m4a") else "video/mp4")
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"
