"""LINE chat exports (spec: shared/spec/chat-formats.md, section 2).

Two shapes: the phone's "export chat history" file (`TIME<TAB>SENDER<TAB>TEXT`, day lines, CSV-quoted
multi-line messages, variants L1-L6) and the desktop app's text save (`TIME SENDER TEXT`, dotted day lines,
raw continuation lines, L7). Every source line ends up in exactly one record, unchanged; patterns are
matched on `text.for_matching` copies or on the raw cells, never on rewritten text.

Parsing runs in two passes: `_Reader` cuts the lines into records (quotes decide where a message ends),
then `_resolve` decides the day/month order from all day lines and gives every record its time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..core.errors import EvidenceKitError
from ..core.models import ParseResult, ParseWarning, Record
from . import text

NAME = "line"

# --- line shapes (matched on for_matching copies) -------------------------------------------------
_TIME = r"(?:(?P<pre>午前|午後|上午|下午) ?)?(?P<h>\d{1,2}):(?P<m>\d{2})(?: ?(?P<ap>[AaPp])\.? ?[Mm]\.?)?"
_TIME_RE = re.compile(rf"{_TIME}$")
_WEEKDAY = r"(?:[(（][^()（）]{1,12}[)）]|(?:週|周|星期)[一二三四五六日天]|[A-Za-z]{2,10}\.?)"
_YMD_RE = re.compile(rf"(?P<y>\d{{4}})/(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}}) ?(?P<wd>{_WEEKDAY})?$")
_DOTTED_RE = re.compile(r"(?P<y>\d{4})\.(?P<mo>\d{1,2})\.(?P<d>\d{1,2})(?: (?P<wd>\S{1,12}))?$")
# `Mon, 01/15/2024` (US, M/D) or `Mon, 15/01/2567 BE` (Thai region, D/M, Buddhist era)
_AB_RE = re.compile(r"(?P<wd>[^\s\d,]{1,12}), (?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?P<be> ?B\.?E\.?)?$")
_SAVED_RE = re.compile(r"(?P<label>保存日時|Saved on|儲存日期|保存日期|บันทึกวันที่) ?[:：]? ?(?P<value>.+)$")
_SAVED_VALUE_RE = re.compile(r"(?:(?P<y>\d{4})[/.-](?P<mo>\d{1,2})[/.-](?P<d>\d{1,2})"
                             r"|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y2>\d{4})(?P<be> ?BE)?),? (?P<t>.+)$")
_TITLES = [  # (title without "[LINE] ", language, chat kind); first match wins
    (r"(?P<c>.+)とのトーク履歴", "ja", "private"), (r"(?P<c>.+)のトーク履歴", "ja", "group"),
    (r"(?P<c>.+)のトーク", "ja", "openchat"),
    (r"Chat history with (?P<c>.+)", "en", "private"), (r"Chat history in (?P<c>.+)", "en", "group"),
    (r"與(?P<c>.+)的聊天記錄", "zh-tw", "private"), (r"(?P<c>.+)的聊天記錄", "zh-tw", "group"),
    (r"与(?P<c>.+)的聊天记录", "zh-cn", "private"), (r"(?P<c>.+)的聊天记录", "zh-cn", "group"),
    (r"ประวัติการแชทกับ ?(?P<c>.+)", "th", "private"),
]
_TITLES = [(re.compile(p + "$"), lang, kind) for p, lang, kind in _TITLES]
_LEAD = "[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]*"  # invisible marks a raw line may start with
_DESKTOP_MSG_RE = re.compile(rf"(?P<t>{_LEAD}{_TIME}) (?P<rest>.*)$")
_LOOKS_TIMED = re.compile(rf"{_LEAD}\d{{1,2}}:\d{{2}}")

# --- message bodies (matched on the raw TEXT cell) ------------------------------------------------
_MEDIA_RE = re.compile(r"\[(?P<tag>[^\[\]]{1,20})\](?: (?P<payload>.*))?$")
_MEDIA = {  # JA/EN from the spec; zh-TW 貼圖/照片 reported, 影片/檔案 inferred
    "写真": "photo", "Photo": "photo", "照片": "photo", "動画": "video", "Video": "video", "影片": "video",
    "スタンプ": "sticker", "Sticker": "sticker", "貼圖": "sticker", "ファイル": "file", "File": "file",
    "檔案": "file", "ボイスメッセージ": "voice", "Voice message": "voice", "連絡先": "contact",
    "Contact": "contact", "位置情報": "location", "Location": "location", "アルバム": "album",
    "Album": "album", "ノート": "note", "Note": "note", "投票": "poll", "Poll": "poll", "GIF": "gif",
}
_CALLS = [(re.compile(p + "$"), kind) for p, kind in [
    (r"☎ ?(?:通話時間|Call time) (?P<d>\d{1,2}(?::\d{2}){1,2})", "completed"),
    (r"☎ ?(?:不在着信|Missed call)", "missed"),
    (r"☎ ?(?:通話をキャンセルしました|Canceled call|Cancelled call)", "canceled"),
    (r"☎ ?(?:通話に応答がありませんでした|No answer)", "no_answer"),
]]
_UNSENT = [re.compile(p + "$") for p in (
    r"(?P<n>.+)がメッセージの送信を取り消しました。?", r"メッセージの送信を取り消しました。?",
    r"(?P<you>You) unsent a message\.?", r"(?P<n>.+) unsent a message\.?")]
_EVENTS = [(re.compile(p + "$"), kind) for p, kind in [
    (r"(?P<a>.+?)が(?P<b>.+)を(?:このオープンチャット|グループ)から退会させました。?", "removed"),
    (r"(?P<a>.+?)が(?:グループに)?参加しました。?", "joined"),
    (r"(?P<a>.+?)が(?:グループを)?退会しました。?", "left"),
    (r"(?P<a>.+?)が(?:トークルーム名|グループ名)を「?(?P<b>.+?)」?に変更しました。?", "renamed"),
    (r"(?P<a>.+?)が(?P<b>.+)を招待しました。?", "invited"),
    (r"(?P<a>.+?)が(?P<b>.+)を追加しました。?", "added"),
    (r".+のメッセージが削除されました。?", "removed_by_policy"),
    (r"(?P<a>.+?) joined the group\.?", "joined"), (r"(?P<a>.+?) left the group\.?", "left"),
    (r"(?P<a>.+?) added (?P<b>.+) to the group\.?", "added"),
    (r"(?P<a>.+?) invited (?P<b>.+) to the group\.?", "invited"),
    (r"(?P<a>.+?) removed (?P<b>.+) from the group\.?", "removed"),
    (r"(?P<a>.+?) changed the group name to \"?(?P<b>.+?)\"?", "renamed"),
]]
# Desktop saves write media as bare words, indistinguishable from a typed word: "probable" only.
_BARE = {"スタンプ": ("media", "sticker"), "写真": ("media", "photo"), "動画": ("media", "video"),
         "アルバム": ("media", "album"), "Stickers": ("media", "sticker"), "Photos": ("media", "photo"),
         "Videos": ("media", "video"), "Album": ("media", "album"), "Canceled": ("call", "canceled")}


def _name(raw: str) -> str:
    """A name taken from a system line, for matching: U+2068/U+2069 and other invisible marks removed.
    (The record's `raw` and `text` keep them; only these derived `sender`/actor/target fields lose them.)"""
    return text.for_matching(raw)


def _clock(cell: str) -> tuple[int, int, bool] | None:
    """(hour, minute, was_24) from a time cell already known to match _TIME_RE; None when out of range."""
    m = _TIME_RE.match(text.for_matching(cell))
    h, mi, meridiem = int(m["h"]), int(m["m"]), m["pre"] or m["ap"]
    if mi > 59 or (m["pre"] and m["ap"]):
        return None
    if meridiem:
        if h > 12:
            return None
        return (h % 12 + 12 if meridiem in ("午後", "下午", "P", "p") else h % 12), mi, False
    if h == 24:  # 2017 Android English: `24:05` means 00:05 of that day block
        return 0, mi, True
    return (h, mi, False) if h < 24 else None


def _day_line(plain: str):
    """("ymd", y, m, d, weekday) or ("ab", a, b, y, be, weekday) for a day line, else None."""
    if m := _YMD_RE.match(plain) or _DOTTED_RE.match(plain):
        return "ymd", int(m["y"]), int(m["mo"]), int(m["d"]), m["wd"] or ""
    if m := _AB_RE.match(plain):
        return "ab", int(m["a"]), int(m["b"]), int(m["y"]), bool(m["be"]), m["wd"]
    return None


def _to_date(parts, order: str | None) -> date | None:
    if parts[0] == "ymd":
        y, mo, d = parts[1:4]
    else:
        a, b, y, be = parts[1:5]
        if order is None:
            return None
        mo, d = (a, b) if order == "mdy" else (b, a)
        y -= 543 if be else 0
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _quote_state(s: str) -> str:
    """"open": every run of `"` is even; "close": only the final run is odd and ends the line; else "bad"."""
    odd = [m for m in re.finditer(r'"+', s) if len(m[0]) % 2]
    if not odd:
        return "open"
    return "close" if len(odd) == 1 and odd[0].end() == len(s) else "bad"


def _quoted_end(lines: list[str], i: int, body: str) -> int | None:
    """Index of the line closing a CSV-quoted multi-line message opened by `body` on line i, or None
    when `body` is not such an opening (a one-line message whose quotes the person typed)."""
    if not body.startswith('"') or _quote_state(body[1:]) != "open":
        return None
    for j in range(i + 1, len(lines)):
        state = _quote_state(lines[j])
        if state == "close":
            return j
        if state == "bad":
            return None
    return None


@dataclass
class _Reader:
    """First pass: cut the lines into records (no dates or times yet)."""

    lines: list[str]
    sep: str  # "\t" (phone), "$" (phone file whose TABs someone replaced) or " " (desktop save)
    out: list[Record] = field(default_factory=list)  # a message's time cell is its time_raw, read later
    days: dict[int, tuple] = field(default_factory=dict)  # index in `out` of a day line -> _day_line parts
    saved: dict[int, str] = field(default_factory=dict)  # index in `out` of the 保存日時 line -> its value
    warnings: list[ParseWarning] = field(default_factory=list)
    info: dict = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)  # desktop: first word -> names, longest first
    times: dict[str, bool] = field(default_factory=dict)  # first cells seen -> whether each is a time

    def add(self, kind: str, i: int, count: int = 1, time_raw: str | None = None, sender: str | None = None,
            body: str | None = None, attrs: dict = text.NO_ATTRS) -> None:
        n = i + 1
        self.out.append(Record(kind, n, n if count == 1 else i + count, self.lines[i:i + count], time_raw, None,
                               sender, body, attrs or text.NO_ATTRS))

    def warn(self, i: int, code: str) -> None:
        self.warnings.append(ParseWarning(i + 1, code, self.lines[i]))

    def run(self) -> None:
        lines, i, started = self.lines, 0, False
        if self.sep == " ":
            self.names = _desktop_names(lines)
        while i < len(lines):
            raw = lines[i]
            if (used := self.message(i, raw)) is not None:  # no other kind of line can look like one
                started = True
                i += used
                continue
            plain = text.for_matching(raw)
            if not plain.strip():
                self.add("blank", i)
            elif not started and self.header(i, raw, plain):
                pass
            elif day := _day_line(plain):
                self.days[len(self.out)] = day
                self.add("date", i)
                started = True
            elif not self.continuation(i):
                self.add("unparsed", i)
                self.warn(i, "line_unparsed")
            i += 1

    def header(self, i: int, raw: str, plain: str) -> bool:
        if m := _SAVED_RE.match(raw) or _SAVED_RE.match(plain):
            self.saved[len(self.out)] = m["value"]
            self.add("header", i, attrs={"header": "saved_at"})
            return True
        prefixed = plain.startswith("[LINE]")
        title = plain[6:].lstrip() if prefixed else plain
        found = next(((m["c"], lang, kind) for rx, lang, kind in _TITLES if (m := rx.match(title))), None)
        # without the prefix only the 2017 Android English title counts (anything else may be a message)
        if not prefixed and not (found and found[1] == "en" and "\t" not in raw):
            return False
        # title and chat come from the matching copy (invisible marks removed); the record's raw keeps them
        facts = {"title": title, **({"chat": found[0], "chat_kind": found[2]} if found else {})}
        if "title" not in self.info:
            self.info.update(facts, lang=found and found[1], header_prefix=prefixed)
        self.add("header", i, attrs={"header": "title", **facts})
        return True

    def message(self, i: int, raw: str) -> int | None:
        """Records a message-like line (and its quoted continuation); returns the number of lines used."""
        if self.sep == " ":
            m = _DESKTOP_MSG_RE.match(raw)
            if not m:
                return None
            rest = m["rest"]
            candidates = self.names[rest.split(" ", 1)[0]]
            sender = next(n for n in candidates if rest == n or rest.startswith(n + " "))
            self.add("message", i, time_raw=m["t"], sender=sender, body=rest[len(sender) + 1:])
            if "desktop_names" not in self.info:
                self.info["desktop_names"] = True
                self.warn(i, "line_desktop_sender_names")
            return 1
        cells = raw.split(self.sep, 2)
        if len(cells) < 2 or not _is_time(cells[0], self.times):
            return None
        sender, body = (cells[1], cells[2]) if len(cells) == 3 else (None, cells[1])
        if len(cells) == 3 and body == "" and _event(sender):
            sender, body = None, cells[1]  # a system text that landed in the sender column
        end = _quoted_end(self.lines, i, body) if body[:1] == '"' else None
        if end is not None:
            joined = "\n".join([body, *self.lines[i + 1:end + 1]])
            body = joined[1:-1].replace('""', '"')
        kind, sender, attrs = _classify(sender, body, multiline=end is not None)
        if kind == "unparsed":
            return None
        self.add(kind, i, (end or i) - i + 1, time_raw=cells[0], sender=sender, body=body, attrs=attrs)
        return (end or i) - i + 1

    def continuation(self, i: int) -> bool:
        """Desktop saves continue a message on raw lines (blank lines inside it included)."""
        if self.sep != " ":
            return False
        k = len(self.out)
        while k and self.out[k - 1].type == "blank":
            k -= 1
        if not k or self.out[k - 1].type != "message":
            return False
        record, blanks = self.out[k - 1], self.out[k:]
        del self.out[k:]
        record.raw += [*(b.raw[0] for b in blanks), self.lines[i]]
        record.text += "".join("\n" + b.raw[0] for b in blanks) + "\n" + self.lines[i]
        record.end_line = i + 1
        if _LOOKS_TIMED.match(self.lines[i]):
            self.warn(i, "line_continuation_timed")
        return True


def _event(body: str) -> bool:
    return any(rx.match(body) for rx in _UNSENT) or any(rx.match(body) for rx, _ in _EVENTS)


def _classify(sender: str | None, body: str, multiline: bool) -> tuple[str, str | None, dict]:
    """(record type, sender, attrs) of a phone-export message line from its sender cell and text."""
    if not sender:
        for rx in _UNSENT:
            if m := rx.match(body):
                found = m.groupdict()
                if found.get("you"):  # "You unsent a message.": the person who exported the chat
                    return "unsent", None, {"self": True}
                return "unsent", _name(found["n"]) if found.get("n") else None, {}
    if not multiline and body[:1] in ("[", "☎"):
        if (m := _MEDIA_RE.match(body)) and (m["tag"] in _MEDIA or (m["tag"] == "null" and m["payload"])):
            attrs = {"media": _MEDIA.get(m["tag"], "location")}
            if m["payload"] is not None:
                attrs["payload"] = m["payload"]
            return "media", sender, attrs
        for rx, kind in _CALLS:
            if m := rx.match(body):
                return "call", sender, {"call": kind, **({"duration": m["d"]} if m.groupdict().get("d") else {})}
    if sender:
        return "message", sender, {}
    for rx, kind in _EVENTS:
        if m := rx.match(body):
            found = m.groupdict()
            return "system", None, {"event": kind, **{k: _name(found[g]) for k, g in (("actor", "a"), ("target", "b"))
                                                      if found.get(g)}}
    return ("system", None, {}) if sender == "" else ("unparsed", None, {})


def _desktop_names(lines: list[str]) -> dict[str, list[str]]:
    """Sender names of a desktop save: every first word, plus longer names read off lines whose whole
    text is a bare media word (`12:00 佐藤 美咲 Stickers`). A longer name starting with word W is kept only
    when every line starting with W also starts with one of those longer names (else W alone is used)."""
    firsts: dict[str, list[str]] = {}
    long_names: set[str] = set()
    for line in lines:
        if m := _DESKTOP_MSG_RE.match(line):
            rest = m["rest"]
            firsts.setdefault(rest.split(" ", 1)[0], []).append(rest)
            name, _, word = rest.rpartition(" ")
            if word in _BARE and " " in name:
                long_names.add(name)
    names = {}
    for first, rests in firsts.items():
        mine = [n for n in long_names if n.split(" ", 1)[0] == first]
        if not all(any(r.startswith(n + " ") for n in mine) for r in rests):
            mine = []
        names[first] = sorted(mine, key=len, reverse=True) + [first]
    return names


def _is_time(cell: str, seen: dict[str, bool]) -> bool:
    """Whether a first cell is a time (matched on its for_matching copy); `seen` remembers the cells
    (they repeat a lot)."""
    found = seen.get(cell)
    if found is None:
        found = seen[cell] = _TIME_RE.match(text.for_matching(cell)) is not None
    return found


def _separator(lines: list[str], seen: dict[str, bool]) -> str:
    counts = {"\t": 0, "$": 0, " ": 0}
    for line in lines:
        for sep in counts:
            if sep in line and _is_time(line.split(sep, 1)[0], seen):
                counts[sep] += 1
                break
    if counts["\t"] or counts["$"]:
        return "$" if counts["$"] > counts["\t"] else "\t"
    return " " if counts[" "] else "\t"


def _decide_order(days: list[tuple], forced: str | None, path: Path) -> tuple[str | None, str | None]:
    """Day/month order of `Day, a/b/yyyy` lines: (order, how it was decided)."""
    if forced:
        return forced, "forced"
    if not days:
        return None, None
    read = {o: [_to_date(d, o) for d in days] for o in ("dmy", "mdy")}
    fits = [o for o in read if None not in read[o]]
    if len(fits) == 1:
        return fits[0], "values"
    if fits and read["dmy"] == read["mdy"]:
        return "dmy", "same_either_way"
    rising = [o for o in fits if all(a < b for a, b in zip(read[o], read[o][1:]))]
    if len(rising) == 1:
        return rising[0], "increasing_dates"
    if fits and any(d[4] for d in days):
        return "dmy", "buddhist_era"  # a Buddhist-era year means a Thai-region phone: day first
    # no reading fits, or both fit equally well: the user must say (never a silent guess)
    raise EvidenceKitError("date_order_ambiguous", path=path)


def _resolve(reader: _Reader, zone: str, order: str | None) -> None:
    """Second pass: dates on day lines, times on messages, warnings for what cannot be dated."""
    day, last_day, undated_warned = None, None, False
    clocks: dict[str, tuple | None] = {}  # time cell -> _clock (cells repeat a lot)
    days: dict[date, tuple] = {}  # day -> (date part, offset) when the offset is the same all day
    for k, r in enumerate(reader.out):
        if r.type == "date":
            day = _to_date(reader.days[k], order)
            undated_warned = False
            if day is None:
                reader.warn(r.line - 1, "line_date_invalid")
            elif last_day and day <= last_day:
                reader.warn(r.line - 1, "line_date_not_increasing")
            r.attrs = {"date": day.isoformat() if day else None}
            last_day = day or last_day
        elif k in reader.saved:
            r.time_raw = reader.saved[k]
            r.time = _saved_at(r.time_raw, zone, order)
            reader.info.setdefault("saved_at_raw", r.time_raw)
            reader.info.setdefault("saved_at", r.time)
        elif r.time_raw is not None:  # the time cell
            clock = clocks.get(r.time_raw, False)
            if clock is False:
                clock = clocks[r.time_raw] = _clock(r.time_raw)
            if clock is None:
                reader.warn(r.line - 1, "line_time_invalid")
                continue
            if clock[2]:
                r.attrs = {**r.attrs, "time_24": True}
                reader.warn(r.line - 1, "line_time_24")
            if day is None:
                if not undated_warned:
                    reader.warn(r.line - 1, "line_no_date")
                undated_warned = True
                continue
            fast = days.get(day)
            if fast is None:
                fast = days[day] = _day_iso(day, zone)
            if fast[0] is None:  # the offset changes during this day (DST)
                r.time = text.local_iso(datetime(day.year, day.month, day.day, clock[0], clock[1]), zone)
            else:
                r.time = f"{fast[0]}{clock[0]:02d}:{clock[1]:02d}:00{fast[1]}"


def _day_iso(day: date, zone: str) -> tuple[str | None, str | None]:
    """(date part, offset) of text.local_iso for every time of `day`, or (None, None) when the offset
    is not the same all day."""
    iso = [text.local_iso(datetime(day.year, day.month, day.day, h, mi, sec), zone)
           for h, mi, sec in ((0, 0, 0), (12, 0, 0), (23, 59, 59))]
    if iso[0][19:] == iso[1][19:] == iso[2][19:]:
        return iso[0][:11], iso[0][19:]
    return None, None


def _saved_at(value: str, zone: str, order: str | None) -> str | None:
    m = _SAVED_VALUE_RE.match(text.for_matching(value))
    if not m or not _TIME_RE.match(m["t"]) or not (clock := _clock(m["t"])):
        return None
    if m["y"]:
        day = _to_date(("ymd", int(m["y"]), int(m["mo"]), int(m["d"])), order)
    else:
        day = _to_date(("ab", int(m["a"]), int(m["b"]), int(m["y2"]), bool(m["be"])), order)
    return text.local_iso(datetime(day.year, day.month, day.day, clock[0], clock[1]), zone) if day else None


def _variant(reader: _Reader, order: str | None) -> str:
    if reader.sep == " ":
        return "line-desktop"
    days = list(reader.days.values())
    weekday = days[0][-1] if days else ""  # no header: the first day line's weekday tells the language
    lang = reader.info.get("lang") or next(
        (name for script, name in (("[月火水木金土日]", "ja"), ("[一二三四五六天]", "zh"), ("[A-Za-z]", "en"))
         if re.search(script, weekday)), "unknown")
    parts = ["line-mobile", lang]
    if any(d[0] == "ab" for d in days):
        parts.append("thai-be" if any(d[0] == "ab" and d[4] for d in days) else "us" if order == "mdy" else "dmy")
    if reader.info.get("header_prefix") is False:
        parts.append("no-prefix")
    if reader.sep == "$":
        parts.append("dollar-separated")
    return "-".join(parts)


def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None,
          data: bytes | None = None) -> ParseResult:
    """Parse a LINE export; `data`, when given, is the file's content and `path` only names it."""
    if date_order not in (None, "dmy", "mdy"):
        raise ValueError(f"date_order must be 'dmy' or 'mdy', not {date_order!r}")
    source = text.read_text(path, data)
    times: dict[str, bool] = {}
    reader = _Reader(source.lines, _separator(source.lines, times), times=times)
    with text.cycle_collector_paused():
        reader.run()
        ab_days = [d for d in reader.days.values() if d[0] == "ab"]
        order, how = _decide_order(ab_days, date_order if ab_days else None, Path(path))
        _resolve(reader, zone, order or date_order)
    if reader.sep == "$":
        first = next((r.line for k, r in enumerate(reader.out) if r.time_raw and k not in reader.saved), 1)
        reader.warn(first - 1, "line_separator_altered")
    reader.warnings.sort(key=lambda w: w.line)
    info = {k: v for k, v in reader.info.items() if k not in ("header_prefix", "desktop_names") and v is not None}
    info.update(zone=zone, separator=reader.sep)
    if order:
        info.update(date_order=order, date_order_by=how)
    if reader.sep == " ":
        info["senders"] = sorted({r.sender for r in reader.out if r.sender})
        _desktop_kinds(reader)
    return ParseResult(NAME, _variant(reader, order), source.encoding, reader.out,
                       reader.warnings, info)


def _desktop_kinds(reader: _Reader) -> None:
    """A desktop message whose whole text is a bare media word is probably that media (or call)."""
    for r in reader.out:
        if r.type == "message" and r.text in _BARE:
            r.type, kind = _BARE[r.text]
            r.attrs = {**r.attrs, "media" if r.type == "media" else "call": kind, "probable": True}


def sniff(path: Path, head: bytes) -> float:
    """How much the first 64 KiB look like a LINE export (0..1), from the shape of its first lines."""
    decoded = _decode_head(head)
    if decoded is None:
        return 0.0
    lines = [text.for_matching(line) for line in text.split_lines(decoded)[:400]]
    header = any(line.startswith("[LINE]") or ((m := _SAVED_RE.match(line)) and _SAVED_VALUE_RE.match(m["value"]))
                 for line in lines[:5])
    days = sum(_day_line(line) is not None for line in lines)
    phone = sum(_TIME_RE.match(line.split(sep, 1)[0]) is not None and line.count(sep) >= 1
                for line in lines for sep in ("\t", "$"))
    desktop = sum(_DESKTOP_MSG_RE.match(line) is not None for line in lines) if days else 0
    filled = [line for line in lines if line.strip()]
    if not filled:
        return 0.0
    ratio = min(1.0, (days + phone + desktop + 2 * header) / len(filled))
    if header:
        return 0.7 + 0.3 * ratio
    if days and (phone or desktop):
        return 0.3 + 0.65 * ratio
    return 0.4 * ratio


def _decode_head(head: bytes) -> str | None:
    """The first 64 KiB as text; the cut may have split a character, so up to 3 bytes may go. UTF-8 (or
    UTF-16) is preferred over CP932, which would read a split UTF-8 character as mojibake."""
    attempts = [head[:len(head) - cut] for cut in range(4)]
    for allow_cp932 in (False, True):
        for data in attempts:
            try:
                decoded, encoding = text.decode(data)
            except ValueError:
                continue
            if allow_cp932 or encoding != "cp932":
                return decoded
    return None
