"""Reading a text export: the encoding is detected, never assumed, and lines keep every character."""

from __future__ import annotations

import codecs
import contextlib
import functools
import gc
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

DEFAULT_ZONE = "Asia/Tokyo"
_BREAK = re.compile(r"\r\r\n|\r\n|\r|\n")  # `\r\r\n` (an old WhatsApp export) is one break


@dataclass(frozen=True)
class TextSource:
    encoding: str
    lines: list[str]  # without line endings, every character kept (BOMs inside lines too)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else strict CP932.

    ValueError when none fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError("not UTF-8, UTF-16 or CP932 text")


def split_lines(text: str) -> list[str]:
    lines = _BREAK.split(text) if "\r" in text else text.split("\n")  # the same lines; split() is faster
    if lines and lines[-1] == "":
        lines.pop()  # the break after the last line
    return lines


def read_text(path: Path, data: bytes | None = None) -> TextSource:
    """The file's lines; `data`, when given, is the content and `path` only names it."""
    text, encoding = decode(Path(path).read_bytes() if data is None else data)
    return TextSource(encoding, split_lines(text))


_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"), None)


# removes the _INVISIBLE characters (4x faster than str.translate on non-ASCII text; a line without
# any comes back as it is)
_DROP_INVISIBLE = functools.partial(re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]").sub, "")


def for_matching(line: str) -> str:
    """A copy of a line for pattern matching only: direction marks and BOMs removed, U+202F and
    U+00A0 as plain spaces. Never stored: records keep the raw line."""
    return _DROP_INVISIBLE(line).replace("\u202f", " ").replace("\u00a0", " ")


_TOKYO = timezone(timedelta(hours=9), "JST")


@functools.lru_cache(maxsize=32)
def zone_of(name: str):
    """A tzinfo for an IANA zone name (Asia/Tokyo works even without the zone database)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # no tz database on this machine (Windows without tzdata)
        if name == DEFAULT_ZONE:
            return _TOKYO
        raise


def local_iso(moment: datetime, zone: str = DEFAULT_ZONE) -> str:
    """A naive local time read from a file, as ISO 8601 with the assumed zone's offset."""
    return moment.replace(tzinfo=zone_of(zone)).isoformat(timespec="seconds")


class _EmptyAttrs(dict):
    """A record's attrs when it has none: one shared empty dict that refuses to change (a parser
    assigns a new dict instead), so that 100,000 records do not carry 100,000 empty dicts."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("NO_ATTRS is shared by many records: assign a new dict instead")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse


NO_ATTRS = _EmptyAttrs()


@contextlib.contextmanager
def cycle_collector_paused():
    """For a parser building many records: Python's cycle collector would otherwise walk all of
    them again each time their number grows by a quarter (half the time of making them). Records
    form no reference cycles, so nothing is left for it to find afterwards. It is switched back on
    at the end only if it was on at the start."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
