"""Images (PNG, JPEG, WebP, HEIC/HEIF, GIF): size, format and the capture time, read without ever
changing or re-saving the original bytes. Width and height are as the image is shown, with its EXIF
orientation applied; `orientation` keeps that EXIF value when it is not 1.

The capture time comes from the first source that has one, and `time_source` says which:
EXIF DateTimeOriginal, then EXIF DateTime ("exif-offset" when the file's own OffsetTime* tag gives the
offset, else "exif" with the assumed zone), then a PNG text chunk ("png-text"), then the file name of
a phone or PC screenshot or photo ("file-name"). `time_raw` is the string exactly as read; `time_key`
names the tag, chunk or pattern it came from.
"""

from __future__ import annotations

import io
import re
import warnings as py_warnings
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

from ..core.models import ParseResult, ParseWarning, Record
from . import text

register_heif_opener()

NAME = "image"
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp", ".heic", ".heif", ".gif"}

# EXIF tags: in IFD0, and in the Exif sub-IFD (0x8769)
_DATETIME, _ORIENTATION, _EXIF_IFD, _SOFTWARE = 0x0132, 0x0112, 0x8769, 0x0131
_DATETIME_ORIGINAL, _OFFSET_TIME, _OFFSET_TIME_ORIGINAL = 0x9003, 0x9010, 0x9011

# photo editors that write their name into EXIF Software when they save (a camera or phone writes its
# firmware or OS version there, which is not a sign of editing)
_EDITORS = re.compile(r"photoshop|lightroom|gimp|snapseed|picsart|canva|meitu|photoscape|paint\.net|pixelmator|"
                      r"affinity|fotor|facetune|picasa|photo ?editor|photodirector|pixlr|luminar|capture one|"
                      r"darktable|acdsee|polarr|vsco|beautyplus|ibis ?paint", re.IGNORECASE)

_PNG_KEYS = ("Creation Time", "CreationTime", "XML:com.adobe.xmp", "date:create")
_XMP_DATE = re.compile(r"(xmp:CreateDate|photoshop:DateCreated|exif:DateTimeOriginal)(?:>|=\")([^<\"]+)")
_STAMP = re.compile(r"(?P<y>\d{4})[-:/](?P<mo>\d{2})[-:/](?P<d>\d{2})[T ](?P<h>\d{2}):(?P<mi>\d{2})"
                    r"(?::(?P<s>\d{2}))?(?:\.\d+)?\s*(?P<z>Z|[+-]\d{2}:?\d{2})?")
_OFFSET = re.compile(r"(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2})$")

# File names; each pattern gives y mo d h mi s (and a 12-hour marker for old macOS names)
_D8 = r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})"
_T6 = r"(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})"
_DASHED = r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
_SHOT = r"(?:スクリーンショット|Screenshot|Screen Shot)"
_NAME_PATTERNS = [(key, re.compile(p)) for key, p in [
    ("android-dashed", rf"Screenshot_{_DASHED}-(?P<h>\d{{2}})-(?P<mi>\d{{2}})-(?P<s>\d{{2}})"),
    ("apple", (rf"{_SHOT} {_DASHED}(?: at)? (?:(?P<pre>午前|午後) ?)?(?P<h>\d{{1,2}})\.(?P<mi>\d{{2}})\.(?P<s>\d{{2}})"
               r"(?: ?(?P<ap>[AaPp][Mm]))?")),
    ("windows", rf"{_SHOT} {_DASHED} {_T6}"),
    ("compact", rf"(?:Screenshot|IMG|PXL|LINE_P|VID|MVIMG|PANO)[_-]?{_D8}[-_]{_T6}"),
    ("camera", rf"^{_D8}_{_T6}"),
    # media of a WhatsApp iPhone export: when the message was sent (the photo's own EXIF is removed)
    ("whatsapp-ios", rf"^\d{{8}}-(?:PHOTO|VIDEO|GIF|STICKER)-{_DASHED}-(?P<h>\d{{2}})-(?P<mi>\d{{2}})-(?P<s>\d{{2}})"),
]]


def sniff(path: Path, head: bytes) -> float:
    """By magic bytes; the file name only breaks ties."""
    bonus = 0.04 if Path(path).suffix.lower() in _EXTENSIONS else 0.0
    if (head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
            or (head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS)):
        return round(0.95 + bonus, 2)
    return 0.0


def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None,
          data: bytes | None = None) -> ParseResult:
    """One "image" record. `data`, when given, is the file's content and `path` only its name."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    warnings: list[ParseWarning] = []
    attrs: dict = {}
    found = None
    with py_warnings.catch_warnings(action="ignore"):  # Pillow's notes on odd files: our warnings say what counts
        try:
            with Image.open(io.BytesIO(data)) as img:
                exif = _exif_of(img)
                upright = "original_orientation" in img.info  # pillow-heif has turned a HEIF upright already
                turn = img.info["original_orientation"] if upright else exif.get(_ORIENTATION, 1)
                size = img.size if upright or turn not in (5, 6, 7, 8) else img.size[::-1]
                attrs.update(format=img.format, width=size[0], height=size[1])
                if isinstance(turn, int) and turn != 1:
                    attrs["orientation"] = turn
                if getattr(img, "n_frames", 1) > 1:
                    attrs["frames"] = img.n_frames
                software = exif.get(_SOFTWARE)
                if isinstance(software, str) and software.strip("\x00 "):
                    attrs["software"] = software
                    if _EDITORS.search(software):
                        attrs["edited"] = True
                        warnings.append(ParseWarning(0, "image_edited", software))
                found = _exif_time(exif, zone, warnings)
                if found is None and img.format == "PNG":
                    found = _png_time(img, zone)
                stripped = img.format == "JPEG" and not exif and b"Exif\x00\x00" not in data[:65536]
        except Exception:  # noqa: BLE001 - any damaged or unknown image: the item is stored all the same
            warnings.append(ParseWarning(0, "image_unreadable"))
            stripped = False
    if found is None:
        found = _name_time(path.name, zone)
    if found is None:
        warnings.append(ParseWarning(0, "image_no_capture_time"))
        time_raw = time = None
    else:
        time_raw, time, facts = found
        attrs.update(facts)
    if path.name.startswith("LINE_"):
        attrs["via_line"] = "file-name"
        warnings.append(ParseWarning(0, "image_via_line", path.name))
    elif stripped:
        attrs["metadata_stripped"] = True
        warnings.append(ParseWarning(0, "image_metadata_stripped"))
    record = Record("image", 0, 0, [], time_raw=time_raw, time=time, attrs=attrs)
    variant = "image-" + str(attrs.get("format", "unreadable")).lower()
    return ParseResult(NAME, variant, "binary", [record], warnings, {"zone": zone})


THUMBNAIL_MAX_PIXELS = 64_000_000  # more than any phone camera but the 108/200 MP modes


def thumbnail(data: bytes, size: int = 256) -> bytes:
    """PNG bytes of a copy at most `size` pixels on its longer side, EXIF orientation applied, never
    upscaled; the first frame of an animation. ValueError when the image cannot be read."""
    try:
        with py_warnings.catch_warnings(action="ignore"), Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > THUMBNAIL_MAX_PIXELS:
                raise ValueError("too many pixels to draw")  # before decoding: a small file can unpack to GBs
            img.draft("RGB", (size, size))  # JPEG: decode at a reduced scale; no effect on others
            small = ImageOps.exif_transpose(img)
            small.thumbnail((size, size))
            if small.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                small = small.convert("RGBA" if "A" in small.mode else "RGB")
            out = io.BytesIO()
            small.save(out, format="PNG")
            return out.getvalue()
    except Exception as exc:  # one message for every kind of unreadable image
        raise ValueError("image_unreadable") from exc


def _exif_of(img) -> Image.Exif:
    """The EXIF data; empty when it is damaged (the size and format are still worth having)."""
    try:
        exif = img.getexif()
        exif.get_ifd(_EXIF_IFD)
        return exif
    except Exception:  # noqa: BLE001 - a damaged EXIF block of any kind
        return Image.Exif()


def _as_str(value) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.rstrip("\x00") if isinstance(value, str) else None


def _exif_time(exif, zone: str, warnings: list[ParseWarning]):
    sub = exif.get_ifd(_EXIF_IFD)
    for key, value, offset in (("DateTimeOriginal", sub.get(_DATETIME_ORIGINAL), sub.get(_OFFSET_TIME_ORIGINAL)),
                               ("DateTime", exif.get(_DATETIME), sub.get(_OFFSET_TIME))):
        raw = _as_str(value)
        if not raw:
            continue
        m = re.match(r"(?P<y>\d{4}):(?P<mo>\d{2}):(?P<d>\d{2}) (?P<h>\d{2}):(?P<mi>\d{2}):(?P<s>\d{2})", raw)
        moment = _moment(m) if m else None
        if moment is None:  # e.g. "0000:00:00 00:00:00" from a camera whose clock was never set
            warnings.append(ParseWarning(0, "image_exif_time_invalid", raw))
            continue
        offset = _as_str(offset) or ""
        tz = _offset(offset)
        if tz is not None:
            return raw, _iso(moment, tz), {"time_source": "exif-offset", "time_key": key, "time_offset_raw": offset}
        return raw, text.local_iso(moment, zone), {"time_source": "exif", "time_key": key, "zone": zone}
    return None


def _png_time(img, zone: str):
    try:
        chunks = img.text  # every text chunk, also those after the image data
    except Exception:  # noqa: BLE001 - damaged data after the header: the chunks read so far
        chunks = img.info
    for key in _PNG_KEYS:
        value = chunks.get(key)
        if not isinstance(value, str):
            continue
        if key.startswith("XML:"):
            m = _XMP_DATE.search(value)
            key, value = (f"XMP {m[1]}", m[2]) if m else (key, "")
        parsed = _free_time(value)
        if parsed is not None:
            moment, tz = parsed
            facts = {"time_source": "png-text", "time_key": key}
            if tz is None:
                facts["zone"] = zone
            return value, _iso(moment, tz) if tz else text.local_iso(moment, zone), facts
    return None


def _free_time(value: str):
    """(naive datetime, tzinfo or None) from an ISO 8601-like or RFC 2822 stamp, else None."""
    if m := _STAMP.match(value.strip()):
        moment = _moment(m)
        if moment is not None:
            z = m["z"]
            return moment, (UTC if z == "Z" else _offset(z) if z else None)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(tzinfo=None), moment.tzinfo


def _name_time(name: str, zone: str):
    plain = name.replace("\u202f", " ").replace("\u00a0", " ")  # same length: spans fit `name`
    for key, pattern in _NAME_PATTERNS:
        if (m := pattern.search(plain)) and (moment := _moment(m)) is not None:
            facts = {"time_source": "file-name", "time_key": key, "zone": zone}
            return name[m.start():m.end()], text.local_iso(moment, zone), facts
    return None


def _moment(m) -> datetime | None:
    h = int(m["h"])
    marker = (m.groupdict().get("pre") or m.groupdict().get("ap") or "").upper()
    if marker:  # as in the LINE importer: 午後0時 (Japanese) and 12 PM (English) are both noon
        if h > 12:
            return None
        h = h % 12 + (12 if marker in ("PM", "午後") else 0)
    try:
        return datetime(int(m["y"]), int(m["mo"]), int(m["d"]), h, int(m["mi"]), int(m["s"] or 0))
    except ValueError:
        return None


def _iso(moment: datetime, tz) -> str:
    return moment.replace(tzinfo=tz).isoformat(timespec="seconds")


def _offset(value: str):
    m = _OFFSET.match(value.strip())
    if not m or int(m["h"]) > 23 or int(m["m"]) > 59:
        return None
    delta = timedelta(hours=int(m["h"]), minutes=int(m["m"]))
    return timezone(-delta if m["sign"] == "-" else delta)
