"""Text helpers for money statements (spec: shared/spec/money-formats.md, sections 1, 9.2-9.5).

Pure functions: decoding, amounts, quantities, dates and the name key used for matching. Nothing here
rewrites evidence: callers keep the raw cell next to every value made from it."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from ..core import wareki
from . import text


# decode(data) -> (text, encoding): a BOM decides (UTF-8, UTF-16 LE/BE), else strict UTF-8, else strict
# CP932; ValueError when none of them decodes (never lossy, never shift_jis). One rule for all text imports.
decode = text.decode


# --- amounts ----------------------------------------------------------------------------------------
_AMOUNT_STRIP_KEEP_COMMAS = str.maketrans("", "", "\\￥¥円 \t\u3000")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_EMPTY = {"", "-", "－", "ー", "―"}


def _number(cell: str | None, pattern: str) -> tuple[str, bool] | None:
    """(digits, negative) of a number cell, or None for an empty cell; ValueError when the digits do not
    fit `pattern`."""
    if cell is None:
        return None
    s = unicodedata.normalize("NFKC", cell).strip()
    if s in _EMPTY:
        return None
    s = s.translate(_AMOUNT_STRIP_KEEP_COMMAS)
    negative = s.startswith(("-", "△", "▲", "−"))
    if negative or s.startswith("+"):
        s = s[1:]
    if s == "":
        return None
    if "," in s:  # thousands commas in groups of three only: `-3,0` is a cell cut short, not -30
        if not _GROUPED.fullmatch(s):
            raise ValueError(f"not a number: {cell!r}")
        s = s.replace(",", "")
    if not re.fullmatch(pattern, s):
        raise ValueError(f"not a number: {cell!r}")
    return s, negative


def parse_amount(cell: str | None) -> int | None:
    """Whole yen from a cell (`"230,090"`, `\\7,000`, `△500`, `-3086`); None for an empty cell or `-`.

    ValueError when the cell is not a whole number of yen."""
    parsed = _number(cell, r"\d+(\.0+)?")
    if parsed is None:
        return None
    value = int(parsed[0].split(".")[0])
    return -value if parsed[1] else value


def parse_quantity(cell: str | None) -> Decimal | None:
    """An exact decimal quantity (crypto: `-0.0005`, `1,595,143`); None for an empty cell or `-`."""
    parsed = _number(cell, r"\d+(\.\d+)?|\.\d+")
    if parsed is None:
        return None
    value = Decimal(parsed[0])
    return -value if parsed[1] else value


# --- dates ------------------------------------------------------------------------------------------
_TIME = r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?)?"
_ZONE = r"(?:\s*(?P<z>Z|UTC|[+-]\d{2}:?\d{2}))?"
_DATE_KINDS = {
    "ymd": rf"(?P<y>\d{{4}})\s*[/.\-年]\s*(?P<m>\d{{1,2}})\s*[/.\-月]\s*(?P<d>\d{{1,2}})\s*日?{_TIME}{_ZONE}",
    "compact": rf"(?P<y>\d{{4}})(?P<m>\d{{2}})(?P<d>\d{{2}}){_TIME}",
    "wareki": r"(?P<era>[SHR]|昭和|平成|令和)\s*(?P<y>\d{1,2}|元)\s*[/.\-年]\s*(?P<m>\d{1,2})\s*[/.\-月]"
              r"\s*(?P<d>\d{1,2})\s*日?",
    "yymmdd": r"(?P<y>\d{2})(?P<m>\d{2})(?P<d>\d{2})",
    "month_day": r"(?P<m>\d{1,2})\s*[/月]\s*(?P<d>\d{1,2})\s*日?",
}
_DATE_RES = {kind: re.compile(pattern) for kind, pattern in _DATE_KINDS.items()}
AUTO = ("ymd", "compact", "wareki")  # the kinds tried when a profile names none


class NeedsYear(ValueError):
    """A month-and-day date with no year to go with it."""


def parse_moment(cell: str, kinds: str | list[str] | tuple[str, ...] = AUTO,
                 year_hint: int | None = None) -> date | datetime:
    """A date, or a datetime when the cell has a time (aware when it names an offset or UTC).

    `kinds`: one or more of ymd, compact, wareki, yymmdd, month_day, or strftime formats (`%Y/%m/%d`).
    ValueError when the cell is no such date (NeedsYear for a month-day date without `year_hint`)."""
    s = unicodedata.normalize("NFKC", cell).strip()
    for kind in ([kinds] if isinstance(kinds, str) else kinds):
        if "%" in kind:
            try:
                moment = datetime.strptime(s, kind)
            except ValueError:
                continue
            return moment if ("%H" in kind or "%z" in kind) else moment.date()
        m = _DATE_RES[kind].fullmatch(s)
        if m:
            return _build(kind, m, year_hint)
    raise ValueError(f"not a date: {cell!r}")


def parse_date(cell: str, kinds: str | list[str] | tuple[str, ...] = AUTO, year_hint: int | None = None) -> date:
    """The calendar date a cell gives (see parse_moment); the date as written, before any zone change."""
    moment = parse_moment(cell, kinds, year_hint)
    return moment.date() if isinstance(moment, datetime) else moment


def _build(kind: str, m: re.Match, year_hint: int | None) -> date | datetime:
    g = m.groupdict()
    if kind == "month_day":
        if year_hint is None:
            raise NeedsYear(f"no year for {m.group(0)!r}")
        year = year_hint
    elif kind == "yymmdd":
        year = 2000 + int(g["y"])
    elif kind != "wareki":
        year = int(g["y"])
    if kind == "wareki":  # ValueError for a date outside its era (平成31年5月1日 is 令和元年)
        day = wareki.to_date(g["era"], 1 if g["y"] == "元" else int(g["y"]), int(g["m"]), int(g["d"]))
    else:
        day = date(year, int(g["m"]), int(g["d"]))  # ValueError for an impossible day
    if not g.get("H"):
        return day
    moment = datetime(day.year, day.month, day.day, int(g["H"]), int(g["M"]), int(g["S"] or 0))
    zone = g.get("z")
    if zone in ("Z", "UTC"):
        return moment.replace(tzinfo=timezone.utc)
    if zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        return moment.replace(tzinfo=timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))))
    return moment


# --- names --------------------------------------------------------------------------------------------
_MARKS = str.maketrans({"\u309b": "\u3099", "\u309c": "\u309a"})
_DASHES = re.compile("[\\-\u2010-\u2015\u2212\u30fc\uff70\u2500\u2501]")
_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_HIRAGANA = str.maketrans({c: c + 0x60 for c in range(0x3041, 0x3097)})  # ぁ..ゖ -> ァ..ヶ (names typed by the user)
_SEPARATORS = re.compile(r"[\s*＊・.()]")
# corporate-form markers after NFKC, as prefix `カ)`, suffix `(カ` (at the very end only) or mid-name `(カ)`
_CORPORATE = re.compile(r"\((?:カ|ユ|ド|シヤ|ザイ|ガク|イ|ゴ|メ|ソ|フク|ギヨ|ノウ|セイ)(?:\)|$)|"
                        r"^(?:カ|ユ|ド|シヤ|ザイ|ガク|イ|ゴ|メ|ソ|フク|ギヨ|ノウ|セイ)\)|\(株\)|\(有\)|株式会社|有限会社|合同会社")


def nfkc(s: str) -> str:
    """NFKC after turning detached voiced marks into combining ones (so `ト゛` becomes `ド`)."""
    return unicodedata.normalize("NFKC", s.translate(_MARKS))


@functools.lru_cache(maxsize=4096)  # payee names repeat through a statement
def name_key(raw: str) -> tuple[str, bool]:
    """(key, corporate) for matching a payee name (spec 9.5); the raw name is kept by the caller.

    The key folds width, voiced marks, hiragana to katakana, the dash family and small kana, and drops
    spaces, separators and corporate-form markers (`ｶ)`, `(ｶ` at the end, `(ｶ)`, `ﾕ)`, `ﾄﾞ)`, `(株)`...),
    whose presence is the second value."""
    s = nfkc(raw).strip()
    s = _DASHES.sub("ー", s)
    s = re.sub(r"\s+", "", s)
    s = s.translate(_HIRAGANA)
    corporate = bool(_CORPORATE.search(s))
    s = _CORPORATE.sub("", s)
    s = s.translate(_SMALL)
    s = _SEPARATORS.sub("", s)
    return s.upper(), corporate


def strip_type_prefix(desc: str, prefixes: list[str] | tuple[str, ...]) -> tuple[str | None, str]:
    """(type word, name) for a description such as `振込＊トクガワイエヤス`: the first prefix regex that
    matches at the start splits it off (its group 1, or the whole match stripped, is the type word).
    Without a match: (None, the description stripped of outer spaces)."""
    for pattern in prefixes:
        m = re.match(pattern, desc)
        if m and m.end() > 0:
            word = m.group(1) if m.re.groups else m.group(0)
            return word.strip(" \u3000*＊"), desc[m.end():].strip(" \u3000")
    return None, desc.strip(" \u3000")


_BRACKETS = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]", "「": "[", "」": "]", "【": "[", "】": "]"})


@functools.lru_cache(maxsize=1024)
def header_key(cell: str) -> str:
    """A header cell for comparison (spec 9.3): NFKC, no spaces, one bracket style, `ID` for `ＩＤ`."""
    s = unicodedata.normalize("NFKC", cell.translate(_BRACKETS)).lstrip("\ufeff")
    return re.sub(r"\s+", "", s)
