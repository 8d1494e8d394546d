"""Audio, video and PDF files: what they are, and what can be read without changing them.

Audio and video: the kind (by magic bytes, and for MP4-family files by their track handlers) and the
duration, read by mutagen where it can (MP3, AAC, WAV, Ogg, FLAC, MP4/M4A/MOV/3GP) and by counting the
20 ms frames of AMR recordings; WebM, Matroska and AVI get no duration. PDF: the page count, read from
the page tree without any PDF library (object streams are inflated with zlib), and the creation date
from the document information dictionary.
"""

from __future__ import annotations

import contextlib
import io
import re
import struct
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import mutagen
from mutagen.aac import AAC
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.wave import WAVE

from ..core.models import ParseResult, ParseWarning, Record
from . import text

NAME = "media"
_NOT_MINE = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis",  # images
             b"crx "}
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}
_EXTENSIONS = {  # used only to break ties, and to name the kind of a file that cannot be read
    "audio": {".mp3", ".m4a", ".aac", ".wav", ".ogg", ".oga", ".opus", ".flac", ".amr"},
    "video": {".mp4", ".mov", ".m4v", ".webm", ".mkv", ".3gp", ".3g2", ".avi"},
    "pdf": {".pdf"},
}
_READERS = {"mp3": MP3, "aac": AAC, "wav": WAVE, "flac": FLAC, "ogg": mutagen.File,
            "mp4": MP4, "m4a": MP4, "mov": MP4, "3gp": MP4}
_AMR_SIZES = {  # bytes per 20 ms frame by frame type (RFC 4867, section 5.3); missing types are invalid
    "amr": {0: 13, 1: 14, 2: 16, 3: 18, 4: 20, 5: 21, 6: 27, 7: 32, 8: 6, 15: 1},
    "amr-wb": {0: 18, 1: 24, 2: 33, 3: 37, 4: 41, 5: 47, 6: 51, 7: 59, 8: 61, 9: 6, 14: 1, 15: 1},
}
_AMR_MAGIC = {"amr": b"#!AMR\n", "amr-wb": b"#!AMR-WB\n"}


def _identify(head: bytes) -> tuple[str, str, float] | None:
    """(record type, format, confidence) from the first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf", "pdf", 0.9
    if re.search(rb"%PDF-\d\.\d", head[:1024]):  # PDF readers accept junk before the signature
        return "pdf", "pdf", 0.55
    four, brand = head[4:8], head[8:12]
    table = [(b"ID3", "audio", "mp3"), (b"fLaC", "audio", "flac"), (b"OggS", "audio", "ogg"),
             (b"#!AMR-WB\n", "audio", "amr-wb"), (b"#!AMR\n", "audio", "amr"),
             (b"\x1aE\xdf\xa3", "video", "matroska" if b"matroska" in head[:64] else "webm")]
    for magic, kind, fmt in table:
        if head.startswith(magic):
            return kind, fmt, 0.9
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        return ("audio", "wav", 0.9) if head[8:12] == b"WAVE" else ("video", "avi", 0.9)
    if four == b"ftyp" and brand not in _NOT_MINE:
        if brand in _AUDIO_BRANDS:
            return "audio", "m4a", 0.9
        return "video", "3gp" if brand.startswith(b"3g") else "mov" if brand == b"qt  " else "mp4", 0.9
    if four in (b"moov", b"mdat", b"wide"):  # an old QuickTime file without ftyp
        return "video", "mov", 0.7
    if len(head) >= 3 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame header
        if head[1] & 0x06 == 0:
            return ("audio", "aac", 0.6) if head[1] & 0x10 else None  # ADTS: 12 sync bits, layer 0
        if head[1] & 0x18 != 0x08 and head[2] >> 4 != 0x0F and head[2] & 0x0C != 0x0C:
            return "audio", "mp3", 0.6
    return None


def sniff(path: Path, head: bytes) -> float:
    found = _identify(head)
    if found is None:
        return 0.0
    kind, _, score = found
    return round(score + (0.04 if Path(path).suffix.lower() in _EXTENSIONS[kind] else 0.0), 2)


def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None,
          data=None) -> ParseResult:
    """One "audio", "video" or "pdf" record. `data` (bytes or a seekable binary file), when given, is
    the file's content and `path` only its name. Audio and video are read through a file object: a
    large video is never loaded whole."""
    path = Path(path)
    if data is None:
        source = open(path, "rb")
    elif isinstance(data, (bytes, bytearray)):
        source = io.BytesIO(data)
    else:
        source = contextlib.nullcontext(data)
    with source as f:
        found = _identify(f.read(65536))
        kind = found[0] if found else next((k for k, e in _EXTENSIONS.items() if path.suffix.lower() in e), "media")
        fmt = found[1] if found else None
        attrs: dict = {"format": fmt}
        time_raw = time = None
        if kind == "pdf" and found:
            f.seek(0)
            pages, time_raw = _pdf(f.read())
            attrs["pages"] = pages
            time = _pdf_time(time_raw, zone, attrs) if time_raw else None
            ok = pages is not None
        elif found:
            if fmt in ("mp4", "mov", "3gp", "m4a"):
                handlers = _handlers(f, 0, f.seek(0, io.SEEK_END))
                kind = "video" if b"vide" in handlers else "audio" if b"soun" in handlers else kind
            attrs["duration_seconds"], ok = _duration(fmt, f)
        else:
            ok = False
    warnings = [] if ok else [ParseWarning(0, "media_unreadable")]
    record = Record(kind, 0, 0, [], time_raw=time_raw, time=time, attrs=attrs)
    return ParseResult(NAME, f"{kind}-{fmt}" if fmt and fmt != kind else kind, "binary", [record], warnings,
                       {"zone": zone})


def _duration(fmt: str, f) -> tuple[float | None, bool]:
    """(seconds rounded to the millisecond or None, whether the file could be read as its format)."""
    f.seek(0)
    if fmt in _AMR_SIZES:
        return _amr_seconds(fmt, f.read())
    if fmt == "wav" and _riff_data_cut(f):
        return None, False  # the header would give the length the recording was meant to have
    reader = _READERS.get(fmt)
    if reader is None:
        return None, True  # a format no reader here knows: no duration, and nothing wrong with the file
    try:
        f.seek(0)
        audio = reader(f)  # mutagen.File gives None for an Ogg codec it does not know
        length = audio.info.length if audio is not None else None
    except Exception:  # noqa: BLE001 - mutagen's errors for damaged files, and any other
        return None, False
    return (round(length, 3) if length is not None else None), True


def _riff_data_cut(f) -> bool:
    """Whether the WAV file ends before the end of the sample data its header announces."""
    end = f.seek(0, io.SEEK_END)
    pos = 12
    while pos + 8 <= end:
        f.seek(pos)
        head = f.read(8)
        size = int.from_bytes(head[4:], "little")
        if head[:4] == b"data":
            return pos + 8 + size > end
        pos += 8 + size + (size & 1)
    return True


def _boxes(f, start: int, end: int):
    """(type, content start, end) of the ISO base media boxes between two offsets."""
    pos = start
    while pos + 8 <= end:
        f.seek(pos)
        size, kind = struct.unpack(">I4s", f.read(8))
        header = 8
        if size == 1:
            large = f.read(8)
            size, header = (struct.unpack(">Q", large)[0], 16) if len(large) == 8 else (0, 16)
        elif size == 0:  # the last box, up to the end of the file
            size = end - pos
        if size < header:
            return
        yield kind, pos + header, min(pos + size, end)
        pos += size


def _handlers(f, start: int, end: int, path=(b"moov", b"trak", b"mdia", b"hdlr")) -> list[bytes]:
    """The handler types of the tracks ("vide", "soun", ...)."""
    found = []
    for kind, begin, stop in _boxes(f, start, end):
        if kind == path[0] and len(path) == 1:
            f.seek(begin + 8)  # version and flags, pre_defined
            found.append(f.read(4))
        elif kind == path[0]:
            found += _handlers(f, begin, stop, path[1:])
    return found


def _amr_seconds(fmt: str, data: bytes) -> tuple[float | None, bool]:
    sizes, pos, frames = _AMR_SIZES[fmt], len(_AMR_MAGIC[fmt]), 0
    while pos < len(data):
        size = sizes.get(data[pos] >> 3 & 0x0F)
        if size is None or pos + size > len(data):
            return None, False
        pos, frames = pos + size, frames + 1
    return round(frames * 0.02, 3), True


_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+\d+\s+obj\b(.*?)endobj", re.DOTALL)


def _pdf(data: bytes) -> tuple[int | None, str | None]:
    """(page count, CreationDate string) read from the PDF's objects; later definitions win."""
    objects: dict[int, bytes] = {}
    for m in _OBJECT.finditer(data):
        objects[int(m[1])] = m[2]
        if re.search(rb"/Type\s*/ObjStm\b", m[2]):
            objects.update(_object_stream(m[2]))
    pages = None
    root = _last_ref(b"Root", data)
    tree = _ref(b"Pages", objects.get(root, b""))
    if (m := re.search(rb"/Count\s+(\d+)\b(?!\s+\d+\s+R)", objects.get(tree, b""))) is not None:
        pages = int(m[1])
    else:  # no usable page tree root: count the page objects themselves
        count = sum(1 for body in objects.values() if re.search(rb"/Type\s*/Page(?![A-Za-z0-9])", body))
        pages = count or None
    info = objects.get(_last_ref(b"Info", data), b"")
    m = re.search(rb"/CreationDate\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", info, re.DOTALL)
    return pages, (_pdf_string(m[1]) if m else None)


def _object_stream(body: bytes) -> dict[int, bytes]:
    """The objects inside an object stream (FlateDecode or unfiltered); {} when it cannot be read."""
    head, _, rest = body.partition(b"stream")
    n, first = re.search(rb"/N\s+(\d+)", head), re.search(rb"/First\s+(\d+)", head)
    m = re.search(rb"/Filter\s*(?:\[((?:\s*/\w+)*)\s*\]|(/\w+))", head)
    filters = (m[1] or m[2]).split() if m else []
    payload = re.sub(rb"^\r?\n", b"", rest).rsplit(b"endstream", 1)[0]
    try:
        if filters not in ([], [b"/FlateDecode"]):
            return {}
        if filters:
            payload = zlib.decompressobj().decompress(payload)
        numbers = [int(x) for x in payload[:int(first[1])].split()][:2 * int(n[1])]
    except (zlib.error, ValueError, TypeError):
        return {}
    starts = [int(first[1]) + off for off in numbers[1::2]] + [len(payload)]
    return {num: payload[starts[i]:starts[i + 1]] for i, num in enumerate(numbers[0::2])}


def _ref(key: bytes, body: bytes) -> int | None:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+\d+\s+R", body)
    return int(m[1]) if m else None


def _last_ref(key: bytes, data: bytes) -> int | None:
    refs = re.findall(rb"/" + key + rb"\s+(\d+)\s+\d+\s+R", data)
    return int(refs[-1]) if refs else None


def _pdf_string(token: bytes) -> str:
    if token.startswith(b"<"):
        raw = bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode("ascii").ljust(2, "0"))
    else:
        raw = re.sub(rb"\\([\\()])", rb"\1", token[1:-1])
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


_PDF_DATE = re.compile(r"D:(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?P<h>\d{2})?(?P<mi>\d{2})?(?P<s>\d{2})?"
                       r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2})(?:'(?P<om>\d{2}))?'?)?")


def _pdf_time(raw: str, zone: str, attrs: dict) -> str | None:
    """ISO 8601 for a PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`): its own offset when it states one."""
    m = _PDF_DATE.match(raw.strip())
    if not m:
        return None
    try:
        moment = datetime(*(int(m[k] or 0) for k in ("y", "mo", "d", "h", "mi", "s")))
        if m["z"] or m["sign"]:
            delta = timedelta(hours=int(m["oh"] or 0), minutes=int(m["om"] or 0))
            tz = timezone(-delta if m["sign"] == "-" else delta)
            time = moment.replace(tzinfo=tz).isoformat(timespec="seconds")
        else:
            attrs["zone"] = zone
            time = text.local_iso(moment, zone)
    except (ValueError, OverflowError):
        return None
    attrs["time_source"] = "pdf-info"
    return time
