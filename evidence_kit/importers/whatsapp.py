"""WhatsApp chat exports: a `.txt`, or the `.zip` iOS (and recent Android) write around it.

Every line of the chat text ends up in exactly one record, in order. Record types:

* message  - a person's words; a multi-line message is one record.
* media    - an attachment line in any form (attached, omitted, 2015-era); attrs "media" (kind),
             "attachment" (file name, when given), "attachment_present" (parsing a zip),
             "omitted" (the export left the file out).
* deleted  - WhatsApp's "This message was deleted" placeholder. Its own type, because its text is
             WhatsApp's, not the sender's. An *edited* message instead stays a message (or media)
             with attrs {"edited": True}: its text is still what the person wrote, marker included.
* call     - a missed voice/video call line.
* system   - encryption notice, group changes, and any dated line without "Name: ".
* blank    - empty lines before the first message and after the last one.
* unparsed - a line before the first message that is not empty (also a warning).

The day/month order is decided from the whole file, never guessed: see _decide_order.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from ..core.errors import EvidenceKitError
from ..core.models import ParseResult, ParseWarning, Record
from . import text
from .safezip import SafeZip

NAME = "whatsapp"
HEAD_SIZE = 64 * 1024

_MERIDIEM_WORDS = "午前|午後|上午|下午|오전|오후"
_PM_WORDS = {"pm", "午後", "下午", "오후"}

# One header, matched against text.for_matching(line) (direction marks and BOMs removed, U+202F and
# U+00A0 as spaces). DATE ","? TIME, in brackets (iOS) or followed by " - " (Android), ": " (legacy)
# or a plain space (hr). A meridiem may follow the time (AM, a.m., a. m.) or precede it (午後).
_HEADER = re.compile(
    r"(?P<open>\[\s?)?"
    r"(?P<stamp>(?P<d1>\d{1,4})(?P<dsep>[./-])\s?(?P<d2>\d{1,2})(?P=dsep)\s?(?P<d3>\d{1,4})\.?"
    r",?\s+(?:(?:à|klo|um)\s+)?"
    rf"(?:(?P<pre>{_MERIDIEM_WORDS})\s?)?"
    r"(?P<h>\d{1,2})(?P<tsep>[:.])(?P<mi>\d{2})(?:(?P=tsep)(?P<s>\d{2}))?"
    rf"(?:\s?(?P<suf>[AaPp]\.?\s?[Mm]\.?|{_MERIDIEM_WORDS}))?)"
    r"(?(open)\s?\](?:\s|$)|(?P<end>\s[-–](?:\s|$)|:\s|\s))"
)


def _fast_header(open_: str, close: str, marked: bool):
    """A stricter _HEADER for the two common shapes, with "Name: " and the text after it: ASCII digits,
    "/", one space after the comma, seconds and AM/PM optional. Where it matches, _HEADER matches the
    same header with the same groups (each of its choices is _HEADER's first one there; d1, d2 and d3
    are its date split at "/"), and "Name"
    runs up to the first ":" after the header, which a space follows: what _read's line loop finds.
    `marked`: for a line with characters for_matching drops, where they may only be the U+200E iOS
    writes before the header and before a placeholder's or system text's first character; it is
    left out of the text, as _Parser._header_slow leaves it out."""
    lrm, tail = ("\u200e?", f"[^{_DROPS}]*\\Z") if marked else ("", "(?s:.*)")
    return re.compile(
        lrm + open_ + r"(?P<stamp>(?P<date>[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}), "
        r"(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?(?:[ \u202f](?P<suf>[AP]M))?)"
        + close + f"(?P<sender>[^:{_DROPS if marked else ''}]*): " + lrm + f"(?P<text>{tail})").match


_DROPS = "".join(map(chr, text._INVISIBLE))  # the characters for_matching drops
# _HEADER's (open, dsep, d1 of 3+ digits, end) -> _fast_header for a line without and with marks
_FAST = {(None, "/", False, " - "): (_fast_header("", " - ", False), _fast_header("", " - ", True)),
         ("[", "/", False, None): (_fast_header(r"\[", r"\] ", False), _fast_header(r"\[", r"\] ", True))}

_LRM = "\u200e\u200f"

_ATTACHED = re.compile(r"<\s?(?:attached|Anhang):\s?(?P<file>[^<>]+?)\s?>")
_ATTACHED_2015 = re.compile(r"^(?P<file>\S+\.\w+) <attached>$")
_FILE_ATTACHED = re.compile(r"^(?P<file>.+?) \((?:file attached|Datei angehängt|archivo adjunto)\)$")
_OMITTED_ANDROID = {"<media omitted>", "<medien ausgeschlossen>", "<multimedia omitido>",
                    "<メディアは含まれていません>", "<メディアなし>"}
# iOS: "image omitted"; a document keeps its name in front: "Plan.pdf • 3 pages document omitted"
_OMITTED_IOS = re.compile(r"^(?:(?P<kind>image|video|audio|sticker|GIF|Contact card)|(?:.*\s)?(?P<doc>document)) "
                          r"omitted$|^(?P<de>Bild|Video|Audio|Sticker|GIF|Dokument) weggelassen$", re.IGNORECASE)
_KIND_WORDS = {"image": "image", "bild": "image", "video": "video", "audio": "audio", "sticker": "sticker",
               "gif": "gif", "document": "document", "dokument": "document", "contact card": "contact"}
_DELETED = {"This message was deleted", "This message was deleted.", "You deleted this message",
            "You deleted this message.", "Diese Nachricht wurde gelöscht.", "Du hast diese Nachricht gelöscht."}
_EDITED = "<This message was edited>"
_CALLS = {"Missed voice call": "voice", "Missed video call": "video",
          "Missed group voice call": "voice", "Missed group video call": "video"}
_ENCRYPTION = re.compile(r"^(?:Messages and calls are end-to-end encrypted|Messages (?:to|you send to) this "
                         r"(?:group|chat) are now secured with end-to-end encryption|Nachrichten und Anrufe "
                         r"sind Ende-zu-Ende-verschlüsselt|メッセージと通話はエンドツーエンドで暗号化)")
_LOCATION = re.compile(r"^(?:location|Standort): (?P<url>https?://\S+)$", re.IGNORECASE)
_LIVE_LOCATION = {"live location shared", "Live-Standort wird geteilt."}
_FILE_KIND = re.compile(r"^(?:\d+-|\d{4}-\d\d-\d\d-)(?P<ios>PHOTO|VIDEO|AUDIO|STICKER|GIF)-"
                        r"|^(?P<android>IMG|VID|AUD|PTT|STK|DOC)-", re.IGNORECASE)
_PREFIX_KIND = {"photo": "image", "img": "image", "video": "video", "vid": "video", "audio": "audio",
                "aud": "audio", "ptt": "voice", "sticker": "sticker", "stk": "sticker", "gif": "gif",
                "doc": "document"}
_EXT_KIND = {"vcf": "contact", "jpg": "image", "jpeg": "image", "png": "image", "heic": "image",
             "webp": "sticker", "gif": "gif", "mp4": "video", "mov": "video", "3gp": "video",
             "opus": "voice", "m4a": "audio", "aac": "audio", "mp3": "audio", "ogg": "audio"}


def sniff(path: Path, head: bytes) -> float:
    """How sure we are that this is a WhatsApp export (a zip: the chat text inside it)."""
    if _is_zip(path, head):
        try:
            with SafeZip(path) as z:
                member = _chat_member(z)
                if member is None:
                    return 0.0
                return _score(z.read(member, HEAD_SIZE), truncated=True)
        except (EvidenceKitError, OSError):
            return 0.0
    return _score(head, truncated=len(head) >= HEAD_SIZE)


def _is_zip(path: Path, head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or Path(path).suffix.lower() == ".zip"


def _head_lines(head: bytes, truncated: bool) -> list[str]:
    """The complete lines of a file's first bytes (which may end in the middle of a character)."""
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if truncated and utf16:
        even = len(head) // 2 * 2
        cuts = [head[:even], head[:even - 2]]  # the second in case half a surrogate pair is left
    elif truncated and b"\n" in head:
        cuts = [head[: head.rindex(b"\n")]]
    else:
        cuts = [head]
    for cut in cuts:
        try:
            lines = text.split_lines(text.decode(cut)[0])
        except ValueError:
            continue
        return lines[:-1] if truncated and utf16 else lines
    return []


def _score(head: bytes, *, truncated: bool) -> float:
    lines = [ln for ln in _head_lines(head, truncated)[:400] if ln.strip()]
    hits = []
    for line in lines:
        mline = text.for_matching(line)
        m = _HEADER.match(mline)
        # a date, a time and a space is too weak alone: it must then be followed by "Name: "
        hits.append(bool(m) and (_shape(m)[3] != " " or ": " in mline[m.end():]))
    if not any(hits):
        return 0.0
    score = 0.2 + 0.75 * sum(hits) / len(hits)
    return round(max(score, 0.75) if hits[0] else score, 3)


def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None,
          data=None) -> ParseResult:
    """Parse a WhatsApp export (.txt or .zip); `data` (bytes or a seekable binary file), when
    given, is the file's content and `path` only names it."""
    if date_order not in (None, "dmy", "mdy"):
        raise ValueError(f"date_order must be 'dmy' or 'mdy', not {date_order!r}")
    path = Path(path)
    info: dict = {}
    present = None  # the file names beside the chat in a zip
    if data is None:
        with open(path, "rb") as f:
            head = f.read(8)
    elif isinstance(data, (bytes, bytearray)):
        head = bytes(data[:8])
    else:  # a seekable binary file, e.g. the plaintext of an encrypted item
        head = data.read(8)
        data.seek(0)
    if _is_zip(path, head):
        with SafeZip(path, data=data) as z:
            member = _chat_member(z)
            if member is None:
                raise EvidenceKitError("whatsapp_zip_no_chat", path=path, member="")
            data = z.read(member)
            others = [m for m in z.members if m.name != member]
        info["chat_member"] = member
        info["members"] = [{"name": m.name, "size": m.size} for m in others]
        present = {PurePosixPath(m.name).name for m in others}
    elif data is None:
        data = path.read_bytes()
    elif not isinstance(data, (bytes, bytearray)):
        data = data.read()
    try:
        content, encoding = text.decode(data)
    except ValueError:
        raise EvidenceKitError("whatsapp_not_text", path=path, member=info.get("chat_member", "")) from None
    del data
    lines = text.split_lines(content)
    changed = _changed().search(content) is not None  # one look at the whole text for the usual case: none
    parser = _Parser(lines, path, zone, date_order, present, _marked(content, lines) if changed else frozenset(),
                     changed and ("\u202f" in content or "\u00a0" in content))
    del content  # only the lines are needed from here on (peak memory)
    with text.cycle_collector_paused():
        records, warnings = parser.run()
    info.update(parser.info)
    return ParseResult(NAME, parser.variant, encoding, records, warnings, info)


def _marked(content: str, lines: list[str]) -> frozenset:
    """Indices of the lines (text.split_lines(content)) with a character text.for_matching drops."""
    found = _dropped().finditer(content)
    if "\r" in content:  # line breaks of other lengths: look at each line
        return frozenset(i for i, line in enumerate(lines) if _dropped().search(line)) if next(found, None) else frozenset()
    marked, line, at = set(), 0, 0
    for m in found:
        line += content.count("\n", at, m.start())
        at = m.start()
        marked.add(line)
    return frozenset(marked)


def _chat_member(z: SafeZip) -> str | None:
    """The chat text in an export zip: `_chat.txt` (iOS), `WhatsApp Chat with X.txt` (Android, and
    its translations), else the .txt (of the 20 largest) that reads most like a WhatsApp chat."""
    texts = [m for m in z.members if m.name.lower().endswith(".txt")]
    for test in (lambda n: n == "_chat.txt", lambda n: "whatsapp" in n.lower()):
        found = [m.name for m in texts if test(PurePosixPath(m.name).name)]
        if found:
            return found[0]
    largest = sorted(texts, key=lambda m: m.size, reverse=True)[:20]  # a chat is not a tiny side file
    scored = [(_score(z.read(m.name, HEAD_SIZE), truncated=True), m.size, m.name) for m in largest]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= 0.5 else None


def _shape(m: re.Match) -> tuple:
    """What a header looks like, apart from its numbers: one export uses one shape throughout."""
    end = "]" if m["open"] else (m["end"].strip() or " ").replace("–", "-")
    return bool(m["open"]), m["dsep"], len(m["d1"]) >= 3, end


class _Parser:
    """One pass over the lines: a header of the expected shape starts a record, any other line belongs
    to the record before it. The expected shape is the first one seen; when another turns out more
    common, the pass runs again expecting that one. The day/month order is known from the first date
    with a day or month above 12 (see _order_from); times read before such a date wait in
    `_Pass.waiting` with "HH:MM:SS" as their time until it comes, or until _decide_order has seen
    all the dates."""

    def __init__(self, lines: list[str], path: Path, zone: str, date_order: str | None, present: set | None,
                 marked: frozenset, spaced: bool):
        self.lines, self.path, self.zone, self.given, self.present = lines, path, zone, date_order, present
        self.marked = marked  # indices of the lines with a character text.for_matching drops
        self.spaced = spaced  # the file has a U+202F or U+00A0
        self.info: dict = {}
        self.variant = "whatsapp-unrecognised"

    def run(self) -> tuple[list[Record], list[ParseWarning]]:
        found = self._read(None)
        most = max(found.counts.items(), key=lambda kv: kv[1])[0] if found.counts else None
        if most != found.shape:  # the first shape seen is not the most common (the first among equals)
            found = self._read(most)
        shape = found.shape
        order = self._decide_order(found.dates, shape)  # the pass's own order, when it had one
        if found.order is None:
            found.order = order
            self._settle(found)
        self.info.update(platform="unknown", clock=None)
        if shape:
            clock = "12h" if 2 * found.meridiems > found.counts[shape] else "24h"
            self.variant = "whatsapp-" + {"]": "ios", "-": "android", ":": "legacy"}.get(shape[3], "other")
            self.info.update(platform={"]": "ios", "-": "android"}.get(shape[3], "unknown"), clock=clock)
        warnings = found.warnings
        warnings.extend(ParseWarning(i + 1, "whatsapp_header_like", self.lines[i]) for i in found.others)
        self.info["out_of_order"] = found.later
        _mark_events(found.records)
        return found.records, sorted(warnings, key=lambda w: w.line)

    def _read(self, shape: tuple | None) -> _Pass:
        """Records for every line, expecting headers of `shape` (None: the first shape seen)."""
        lines, match, first_chars, invisible = self.lines, _HEADER.match, _FIRST_CHARS, _dropped_chars()
        marked, spaced = self.marked, self.spaced
        special_first, special_last, classify = _SPECIAL_FIRST, _SPECIAL_LAST, self._classify
        order = None
        found = _Pass(shape, order, _Clock(self.zone))
        records, warnings, counts, dates, waiting = found.records, found.warnings, found.counts, found.dates, found.waiting
        append, hms_of, day_of, at = records.append, found.clock.hms, found.clock.day, found.clock.at
        sixty, pms, hours24, no_attrs = _SIXTY, found.clock.meridiems, _HOURS, text.NO_ATTRS
        shapes: dict[tuple, tuple] = {}  # (open, dsep, year first, end as written) -> shape
        usual = None  # the (open, dsep, year first, end as written) of the first header of `shape`
        senders: dict[str, str] = {}
        start, record, stamp, date_key, day, last, later, heads, meridiems = -1, None, None, None, None, None, 0, 0, 0
        fast = marked_fast = None  # _FAST.get(usual)
        fast_date = None  # the date as written of the last header, when _FAST matched it: date_key is its (d1, d2, d3)
        for i, line in enumerate(lines):
            if fast is not None and (m := (marked_fast if marked and i in marked else fast)(line)) is not None:
                # the usual header, then "Name: " (_HEADER would match it with these groups)
                this, date, h, mi, s, suf, sender, body = m.groups()
                if date == fast_date:
                    d1, d2, d3 = date_key
                else:
                    d1, d2, d3 = date.split("/")
                    fast_date = date
                pre, mline = None, line
            else:
                sender = fast_date = None
                c = line[:1]
                m = None
                if c in first_chars and (not marked or i not in marked):
                    mline = line  # U+202F and U+00A0 are matched by \s like the spaces for_matching makes of them
                    m = match(line)
                elif c in first_chars or c in invisible:
                    mline = text.for_matching(line)
                    if mline[:1] in first_chars:
                        m = match(mline)
                if m is not None:
                    open_, this, d1, dsep, d2, d3, pre, h, _, mi, s, suf, end = m.groups()
                    key = (open_, dsep, len(d1) >= 3, end)
                    if key != usual:
                        seen = shapes.get(key)
                        if seen is None:
                            seen = shapes[key] = (bool(open_), dsep, len(d1) >= 3,
                                                  "]" if open_ else (end.strip() or " ").replace("–", "-"))
                        if shape is None:
                            shape = found.shape = seen
                            counts[shape] = 0  # first: it wins a tie
                        if seen == shape:
                            usual = key
                            fast, marked_fast = _FAST.get(key, (None, None))
                        else:
                            counts[seen] = counts.get(seen, 0) + 1
                            if record is not None:  # a header-like line inside a message
                                found.others.append(i)
                            m = None
                if m is None:
                    if record is None:  # before the first message
                        n = i + 1
                        append(Record("blank" if line == "" else "unparsed", n, n, [line], attrs=no_attrs))
                        if line != "":
                            warnings.append(ParseWarning(n, "whatsapp_unparsed", line))
                    continue
            if record is not None:  # the message before is complete
                if start + 1 < i:
                    self._finish(record, start, i, records)
                elif record.type != "system":
                    t = record.text
                    a, z = t[:1], t[-1:]  # the text's first and last characters
                    if (a in special_first or z in special_last or "<" in t or ")" in t
                            or (a in _DELETED_FIRST and z in ".e") or (a in _LOCATION_FIRST and (z == "." or "/" in t))):
                        classify(record)
            heads += 1
            if pre or suf:
                meridiems += 1
            if this != stamp:  # a new date and time (else the last one's time and time_raw are kept)
                stamp, time_raw = this, None
                if date_key is None or d1 != date_key[0] or d2 != date_key[1] or d3 != date_key[2]:
                    date_key = (d1, d2, d3)
                    dates.append(date_key)
                    if order is None and (order := self._order_from(date_key, shape)):
                        found.order, found.last, found.later = order, last, later
                        self._settle(found)
                        last, later = found.last, found.later
                    day = day_of(date_key, order) if order else None
                meridiem = pre or suf
                if meridiem is None:
                    hours = hours24
                else:  # known to be AM or PM once hms_of has seen it
                    pm = pms.get(meridiem)
                    hours = _EMPTY if pm is None else _PM_HOURS if pm else _AM_HOURS
                hh = hours.get(h)
                if (hh is not None and day is not None and day[2] is None and mi in sixty
                        and (s is None or s in sixty)):  # the usual case, as _Clock.hms and at() would give it
                    time = f"{day[0]}{hh}:{mi}:{s or '00'}{day[1]}"
                else:
                    time = hms_of(h, mi, s, meridiem)
                    if time is not None and order is not None:
                        time = None if day is None else at(day, time)  # day None: 31/02
                if time is not None and order is not None:
                    if last is not None and time < last:
                        later += 1
                    last = time
            n = i + 1
            if time is None:
                warnings.append(ParseWarning(n, "whatsapp_time_invalid", line))
            start = i
            if sender is not None:  # from _FAST
                if time_raw is None:
                    time_raw = this
                record = Record("message", n, n, [line], time_raw, time, senders.setdefault(sender, sender),
                                body, no_attrs)
            elif mline is not line:  # for_matching dropped invisible characters
                record = self._header_slow(line, mline, m, n, time, senders)
            else:
                if time_raw is None:
                    time_raw = this
                mend = m.end()
                colon = line.find(":", mend)
                if colon < 0 or line[colon + 1:colon + 2] != " ":  # else that is the first ": " after the header
                    if spaced and (line.find("\u202f", mend) >= 0 or line.find("\u00a0", mend) >= 0):
                        mline = line.replace("\u202f", " ").replace("\u00a0", " ")
                    colon = mline.find(": ", mend)
                if colon >= 0:
                    sender = line[mend:colon]
                    record = Record("message", n, n, [line], time_raw, time, senders.setdefault(sender, sender),
                                    line[colon + 2:], no_attrs)
                else:
                    bare = len(mline) - (2 if mline.endswith(":.") else 1)
                    if mline[bare] == ":" and bare > mend:  # "Name:" / "Name:." (a view-once or self-deleting item)
                        sender = line[mend:bare]
                        record = Record("message", n, n, [line], time_raw, time, senders.setdefault(sender, sender),
                                        line[bare + 1:], no_attrs)
                    else:
                        record = Record("system", n, n, [line], time_raw, time, None, line[mend:], no_attrs)
            append(record)
            if order is None and time is not None:
                waiting.append((record, date_key))
        if record is not None:
            self._finish(record, start, len(lines), records)
        if shape is not None:
            counts[shape] = counts.get(shape, 0) + heads
        found.order, found.last, found.later, found.meridiems = order, last, later, meridiems
        return found

    def _order_from(self, date_key: tuple, shape: tuple) -> str | None:
        """The day/month order _decide_order will find, when one header's (d1, d2, d3) tells it: the
        shape's, the caller's, or the only reading under which a day or month above 12 is possible
        (a file with both kinds has no possible reading: _decide_order raises)."""
        if shape[2]:
            return "ymd"
        if self.given:
            return self.given
        day_first, month_first = int(date_key[0]) > 12, int(date_key[1]) > 12
        return None if day_first == month_first else "dmy" if day_first else "mdy"

    def _settle(self, found: _Pass) -> None:
        """Full times for the records read before the order was known."""
        for record, date_key in found.waiting:
            day = found.clock.day(date_key, found.order)
            if day is None:
                record.time = None
                found.warnings.append(ParseWarning(record.line, "whatsapp_time_invalid", record.raw[0]))
                continue
            record.time = found.clock.at(day, record.time)
            if found.last is not None and record.time < found.last:
                found.later += 1
            found.last = record.time
        found.waiting.clear()

    def _finish(self, record: Record, i: int, j: int, records: list[Record]) -> None:
        """The record a header on line i started, now that its lines end before line j."""
        tail = ()
        if j > i + 1:
            lines = self.lines
            raw = record.raw = lines[i:j]
            record.end_line = j
            if j == len(lines):  # empty lines after the last message belong to no message
                k = j
                while k - i > 1 and raw[-1] == "":
                    raw.pop()
                    k -= 1
                record.end_line = k
                tail = [Record("blank", n, n, [""], attrs=text.NO_ATTRS) for n in range(k + 1, j + 1)]
            if len(raw) > 1:
                record.text = record.text + "\n" + "\n".join(raw[1:])
        if record.type != "system":
            self._classify(record)
        records.extend(tail)

    def _decide_order(self, dates: list[tuple], shape: tuple | None) -> str | None:
        """ymd when the year comes first; else the caller's date_order when given; else a day or month
        value above 12 (on one side only) decides; else the one reading under which the dates never go
        backwards; else the user must be asked. `dates`: the headers' (d1, d2, d3), consecutive
        repeats left out."""
        if not dates:
            order, by = None, None
        elif shape[2]:
            order, by = "ymd", "values"
        elif self.given:
            order, by = self.given, "given"
        else:
            day_first = any(int(d[0]) > 12 for d in dates)
            month_first = any(int(d[1]) > 12 for d in dates)
            if day_first != month_first:
                order, by = ("dmy" if day_first else "mdy"), "values"
            else:
                steady = [o for o in ("dmy", "mdy") if _non_decreasing(dates, o)]
                if len(steady) != 1:
                    raise EvidenceKitError("date_order_ambiguous", path=self.path)
                order, by = steady[0], "order"
        self.info.update(date_order=order, date_order_by=by)
        return order

    def _header_slow(self, line, mline, m, n, time, senders) -> Record:
        """A header line with invisible characters for_matching dropped: positions are mapped back."""
        colon = mline.find(": ", m.end())
        bare = len(mline) - (2 if mline.endswith(":.") else 1)
        drops = [d.start() for d in _dropped().finditer(line)]

        def at(k: int) -> int:
            for d in drops:
                if d > k:
                    break
                k += 1
            return k

        start = at(m.end() - 1) + 1  # just after the header, in line
        time_raw = line[at(m.start("stamp")):at(m.end("stamp") - 1) + 1]
        # WhatsApp puts LRM/RLM around what follows the header; they stay in `raw`, and are only
        # left out of the derived sender and text.
        if colon >= 0:
            sender = line[start:at(colon)].strip(_LRM)
            return Record("message", n, n, [line], time_raw, time, senders.setdefault(sender, sender),
                          line[at(colon + 1) + 1:].lstrip(_LRM), text.NO_ATTRS)
        if mline[bare] == ":" and bare > m.end():  # "Name:" / "Name:." (a view-once or self-deleting item)
            sender = line[start:at(bare)].strip(_LRM)
            return Record("message", n, n, [line], time_raw, time, senders.setdefault(sender, sender),
                          line[at(bare) + 1:], text.NO_ATTRS)
        return Record("system", n, n, [line], time_raw, time, None, line[start:].lstrip(_LRM), text.NO_ATTRS)

    def _classify(self, r: Record) -> None:
        """Type and attrs of a message from its text's matching copy (cheap checks first)."""
        t = r.text
        mt = (text.for_matching(t) if _changed().search(t) else t).strip()
        if mt[:1] in _ENCRYPTION_FIRST and _ENCRYPTION.match(mt):
            r.type = "system"
            return
        if mt in _DELETED:
            r.type = "deleted"
            return
        if mt in _CALLS:
            r.type, r.attrs = "call", {"call": _CALLS[mt]}
            return
        found = None
        if "<" in mt or ")" in mt:
            first = mt.split("\n", 1)[0].strip()
            found = _ATTACHED.search(first) or _ATTACHED_2015.match(first) or _FILE_ATTACHED.match(first)
        attrs = {}
        if found:
            name = found["file"].strip()
            r.type = "media"
            attrs = {"media": _file_kind(name), "attachment": name}
            if self.present is not None:
                attrs["attachment_present"] = name in self.present
        elif mt[:1] == "<" and mt.lower() in _OMITTED_ANDROID:
            r.type = "media"
            attrs = {"media": "unknown", "omitted": True}
        elif mt[-1:] in "dDnN" and "\n" not in mt and (omitted := _OMITTED_IOS.match(mt)):
            r.type = "media"
            attrs = {"media": _KIND_WORDS[(omitted["kind"] or omitted["doc"] or omitted["de"]).lower()], "omitted": True}
        elif mt[:1] in "lLsS\u017f" and (loc := _LOCATION.match(mt)):
            attrs = {"location": loc["url"]}
        elif mt in _LIVE_LOCATION:
            attrs = {"location": "live"}
        if mt.endswith(_EDITED):
            attrs["edited"] = True
        if attrs:
            r.attrs = attrs


_ENCRYPTION_FIRST = "MNメ"
_FIRST_CHARS = frozenset("0123456789[")  # a header starts with one (after the marks for_matching drops)
# "HH" of an hour as written (1 or 2 ASCII digits): 24h, and 12h before noon and after
_HOURS = {**{str(h): f"{h:02d}" for h in range(10)}, **{f"{h:02d}": f"{h:02d}" for h in range(24)}}
_AM_HOURS = {k: f"{int(k) % 12:02d}" for k in _HOURS if int(k) <= 12}
_PM_HOURS = {k: f"{int(k) % 12 + 12:02d}" for k in _HOURS if 0 < int(k) <= 12}
_SIXTY = frozenset(f"{n:02d}" for n in range(60))  # minutes and seconds as written
_EMPTY: dict = {}


@dataclass
class _Pass:
    """What one pass over the lines found, expecting headers of `shape`."""

    shape: tuple | None
    order: str | None  # the day/month order, once a date has told it
    clock: _Clock
    records: list[Record] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    counts: dict[tuple, int] = field(default_factory=dict)  # header-like lines per shape, first seen first
    dates: list[tuple] = field(default_factory=list)  # the headers' (d1, d2, d3), consecutive repeats left out
    others: list[int] = field(default_factory=list)  # indices of header-like lines of other shapes in messages
    waiting: list[tuple] = field(default_factory=list)  # (record, (d1, d2, d3)) read before the order was known
    meridiems: int = 0  # headers of `shape` with AM/PM (or a word for it)
    later: int = 0  # times earlier than the one before
    last: str | None = None  # the last full time


def _mark_events(records: list[Record]) -> None:
    """iOS writes group events under the chat's own name, their text after a U+200E mark
    (`[…] Trip: \u200eKen added Aiko`). The chat's name is the sender of the encryption notice;
    its marked lines are events, not messages."""
    titles = {r.sender for r in records if r.type == "system" and r.sender}
    if not titles:
        return
    for r in records:
        if r.type == "message" and r.sender in titles and r.raw[0].endswith("\u200e" + r.text.split("\n", 1)[0]):
            r.type = "system"


class _Clock:
    """Header date and time -> ISO 8601 in a zone, the day computed once: its date part and offset come
    from text.local_iso at the day's start, and are reused for every time of a day whose offset does
    not change; a day with a change (DST) asks text.local_iso for each time."""

    def __init__(self, zone: str):
        self.zone = zone
        self.days: dict[tuple, tuple | None] = {}
        self.meridiems: dict[str, bool] = {}

    def day(self, key: tuple, order: str) -> tuple | None:
        """(date part, offset, None), or (None, None, start of the day) when the offset changes during
        it, or None when there is no such day (31/02); `key` is a header's (d1, d2, d3)."""
        found = self.days.get(key, False)
        if found is False:
            found = self.days[key] = self._day(key, order)
        return found

    def _day(self, key: tuple, order: str) -> tuple | None:
        ymd = _ymd(key, order)
        if ymd is None:
            return None
        try:
            start = datetime(*ymd)
        except ValueError:
            return None
        iso = [text.local_iso(start.replace(hour=h, minute=mi, second=s), self.zone)
               for h, mi, s in ((0, 0, 0), (12, 0, 0), (23, 59, 59))]
        if iso[0][19:] == iso[1][19:] == iso[2][19:]:
            return iso[0][:11], iso[0][19:], None
        return None, None, start  # the offset changes during this day

    def hms(self, h: str, mi: str, s: str | None, meridiem: str | None) -> str | None:
        """"HH:MM:SS" of a header's time, or None when it is impossible (23:59 PM, 10:61). ASCII
        digits are looked up in tables; other digits (and impossible times) are computed."""
        if meridiem:
            pm = self.meridiems.get(meridiem)
            if pm is None:
                plain = text.for_matching(meridiem).lower().replace(".", "").replace(" ", "")
                pm = self.meridiems[meridiem] = plain in _PM_WORDS
            hh = (_PM_HOURS if pm else _AM_HOURS).get(h)
        else:
            hh = _HOURS.get(h)
        if hh is not None and mi in _SIXTY and (s is None or s in _SIXTY):
            return f"{hh}:{mi}:{s or '00'}"
        hour = int(h)
        if meridiem:
            if hour > 12 or (pm and hour == 0):
                return None
            hour = hour % 12 + (12 if pm else 0)  # 12 AM is midnight, 12 PM noon; "00:04 AM" is 00:04
        minute, second = int(mi), int(s or 0)
        if hour > 23 or minute > 59 or second > 59:
            return None
        return f"{hour:02d}:{minute:02d}:{second:02d}"

    def at(self, day: tuple, hms: str) -> str:
        """The ISO time of "HH:MM:SS" on a day from day()."""
        prefix, suffix, start = day
        if start is not None:
            moment = start.replace(hour=int(hms[:2]), minute=int(hms[3:5]), second=int(hms[6:]))
            return text.local_iso(moment, self.zone)
        return prefix + hms + suffix

    def moment(self, d1, d2, d3, h, mi, s, pre, suf, order) -> str | None:
        """The ISO time a header states, or None when it is impossible (31/02, 23:59 PM)."""
        hms = self.hms(h, mi, s, pre or suf)
        day = self.day((d1, d2, d3), order) if hms else None
        return self.at(day, hms) if day else None


@functools.cache
def _dropped_chars() -> frozenset:
    """The characters text.for_matching removes (it keeps every other one, one for one)."""
    return frozenset(map(chr, text._INVISIBLE))


@functools.cache
def _dropped() -> re.Pattern:
    return re.compile("[" + "".join(sorted(_dropped_chars())) + "]")


@functools.cache
def _changed() -> re.Pattern:
    """The characters text.for_matching removes or replaces: a line without any is its own copy."""
    return re.compile("[" + "".join(sorted(_dropped_chars() | {"\u202f", "\u00a0"})) + "]")


_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())  # str.strip() removes these
# _classify finds nothing in a text (a plain message) unless its first or last character is one of
# these, or it has a "<" or ")": the characters its checks start or end with, and those for_matching
# or strip() would remove or change at either end. Or unless it starts with T, Y or D and ends with
# "." or "e" (_DELETED: those ending in "d" are in _SPECIAL_LAST), or starts like _LOCATION
# and has a "/" or ends with "." (_LIVE_LOCATION: the other one ends in "d"): see _Parser._read.
_SPECIAL_FIRST = frozenset("MNメ<" + _WHITESPACE) | _dropped_chars() | {"\u202f", "\u00a0"}
_DELETED_FIRST = frozenset("TYD")
_LOCATION_FIRST = frozenset("lLsS\u017f")
_SPECIAL_LAST = frozenset("dDnN" + _WHITESPACE) | _dropped_chars() | {"\u202f", "\u00a0"}


def _file_kind(name: str) -> str:
    m = _FILE_KIND.match(name)
    if m:
        return _PREFIX_KIND[(m["ios"] or m["android"]).lower()]
    return _EXT_KIND.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "document")


def _ymd(d: tuple, order: str) -> tuple[int, int, int] | None:
    """(year, month, day) from a header's (d1, d2, d3) strings."""
    y, mo, dd = (d[0], d[1], d[2]) if order == "ymd" else (d[2], d[1], d[0]) if order == "dmy" else (d[2], d[0], d[1])
    if len(y) not in (2, 4):
        return None
    return (int(y) + 2000 if len(y) == 2 else int(y)), int(mo), int(dd)


def _non_decreasing(dates: list[tuple], order: str) -> bool:
    last = date.min
    for d in dates:
        try:
            day = date(*_ymd(d, order))
        except (TypeError, ValueError):
            return False
        if day < last:
            return False
        last = day
    return True
