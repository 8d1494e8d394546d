"""OFX statements: 1.x (SGML, leaf tags without end tags) and 2.x (XML), stdlib only.

Each `<STMTTRN>` block becomes one `transaction` record over the lines it spans; the lines before the
first block are the `preamble`, structural lines after it are `skipped` (reason "markup"). A block that
starts on the line where the previous one ended (a file on one line) gets no raw lines of its own.
"""

from __future__ import annotations

import bisect
import html
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from ..core.errors import EvidenceKitError
from ..core.models import ParseResult, ParseWarning, Record
from . import bank, moneytext as mt, text

NAME = "ofx"
_LEAF = re.compile(r"<(\w+)>([^<\r\n]*)")
_AMOUNT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")  # thousands commas tolerated
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}")  # OFX allows a comma as the decimal point
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:\.\d+)?)?\s*(?:\[([+-]?\d+(?:\.\d+)?)(?::\w+)?\])?")


def sniff(path: Path, head: bytes) -> float:
    start = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"OFXHEADER:") or b"<OFX>" in head[:4096].upper():
        return 0.95
    return 0.0


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    """As every statement (moneytext.decode), except that an OFX 1.x file declaring `CHARSET:1252` that
    is not UTF-8 is read as Windows-1252 (Western bank exports), not as CP932."""
    declared_1252 = re.search(rb"^CHARSET:\s*1252\s*$", raw[:1024], re.M) is not None
    try:
        decoded, encoding = mt.decode(raw)
        if encoding != "cp932" or not declared_1252:
            return decoded, encoding
    except ValueError:
        if not declared_1252:
            raise EvidenceKitError("money_undecodable", path=path.name) from None
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise EvidenceKitError("money_undecodable", path=path.name) from None


def _tags(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag, value in _LEAF.findall(block):
        out.setdefault(tag.upper(), value.strip())
    return out


def _moment(raw: str) -> date | datetime:
    """An OFX date (`20240501`, `20240501143205.000[+9:JST]`); a time without a zone keeps only the day."""
    m = _DATE.fullmatch(raw.strip())
    if not m:
        raise ValueError(raw)
    day = date(int(m[1]), int(m[2]), int(m[3]))
    if m[4] is None or m[7] is None:
        return day
    offset = timezone(timedelta(hours=float(m[7])))
    return datetime(day.year, day.month, day.day, int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=offset)


def _amount(raw: str | None) -> Decimal | None:
    """TRNAMT as an exact decimal; None (to be warned) for anything that is not a plain number (NaN,
    Infinity and exponents included, which Decimal would otherwise accept)."""
    s = (raw or "").strip()
    if _DECIMAL_COMMA.fullmatch(s):
        return Decimal(s.replace(",", "."))
    if _AMOUNT.fullmatch(s):
        return Decimal(s.replace(",", ""))
    return None


def _accounts(body: str):
    """A function from an offset in the body to the account [BANKID, ACCTID] of the statement it lies in:
    the last ones written before it (a file may hold several statements)."""
    marks: dict[str, tuple[list[int], list[str]]] = {"BANKID": ([], []), "ACCTID": ([], [])}
    for m in re.finditer(r"<(BANKID|ACCTID)>([^<\r\n]*)", body, re.I):
        starts, values = marks[m.group(1).upper()]
        starts.append(m.start())
        values.append(m.group(2).strip())

    def at(offset: int) -> list[str]:
        out = []
        for starts, values in marks.values():
            n = bisect.bisect_right(starts, offset)
            out.append(values[n - 1] if n else "")
        return out
    return at


def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None,
          data: bytes | None = None) -> ParseResult:
    path = Path(path)
    decoded, encoding = _decode(path.read_bytes() if data is None else data, path)
    lines = text.split_lines(decoded)
    body = "\n".join(lines)
    starts = [m.start() for m in re.finditer(r"<STMTTRN>", body, re.I)]
    if "<OFX>" not in body.upper():
        raise EvidenceKitError("money_unknown_layout", path=path.name)
    line_of = _line_index(lines)
    currency = _tags(body[:starts[0]] if starts else body).get("CURDEF", "JPY")
    records: list[Record] = []
    warnings: list[ParseWarning] = []
    seen: dict[str, int] = {}
    covered = 0  # lines already in a record
    account_at = _accounts(body)
    for n, begin in enumerate(starts):
        end_match = re.compile(r"</STMTTRN>", re.I).search(body, begin)
        stop = end_match.end() if end_match else (starts[n + 1] if n + 1 < len(starts) else len(body))
        first, last = line_of(begin), line_of(max(begin, stop - 1))
        records += _plain(lines, covered + 1, first - 1, "preamble" if not records else "skipped")
        own_first = max(first, covered + 1)
        record = Record("transaction", own_first if own_first <= last else first, last,
                        lines[own_first - 1:last] if own_first <= last else [])
        _fill(record, _tags(body[begin:stop]), currency, zone, account_at(begin), seen, warnings)
        records.append(record)
        covered = max(covered, last)
    records += _plain(lines, covered + 1, len(lines), "preamble" if not records else "skipped")
    variant = "ofx.xml.v2" if body.lstrip().startswith("<?xml") else "ofx.sgml.v1"
    info_tags = _tags(body)
    account = {k: info_tags[t] for k, t in (("bank", "BANKID"), ("branch", "BRANCHID"), ("number", "ACCTID"),
                                             ("type", "ACCTTYPE")) if info_tags.get(t)}
    info = bank.summary(variant, info_tags.get("ORG"), "ofx", records, account)
    info["currency"] = currency
    return ParseResult(NAME, variant, encoding, records, warnings, info)


def _line_index(lines: list[str]):
    """A function from an offset in "\\n".join(lines) to its 1-based line number."""
    ends, total = [], 0
    for line in lines:
        total += len(line) + 1
        ends.append(total)
    return lambda offset: bisect.bisect_right(ends, offset) + 1


def _plain(lines: list[str], first: int, last: int, kind: str) -> list[Record]:
    out = []
    for n in range(first, last + 1):
        raw = lines[n - 1]
        if not raw.strip():
            out.append(Record("blank", n, n, [raw]))
        else:
            out.append(Record(kind, n, n, [raw], attrs={"reason": "markup"} if kind == "skipped" else {}))
    return out


def _fill(record: Record, tags: dict, currency: str, zone: str, account: list[str], seen: dict, warnings: list) -> None:
    record.time_raw = tags.get("DTPOSTED")
    try:
        moment = _moment(record.time_raw or "")
        record.time = (moment.astimezone(text.zone_of(zone)).isoformat(timespec="seconds")
                       if isinstance(moment, datetime) else moment.isoformat())
    except (ValueError, OverflowError):
        warnings.append(ParseWarning(record.line, "money_bad_date", "\n".join(record.raw)))
    value = _amount(tags.get("TRNAMT"))
    if value is None:
        warnings.append(ParseWarning(record.line, "money_bad_amount", "\n".join(record.raw)))
    amount = int(value) if value is not None and currency == "JPY" and value == value.to_integral_value() else None
    # NAME and MEMO escape `&`, `<` and `>` as character references (the cells keep them as written)
    name = html.unescape(tags.get("NAME") or "") or None
    key, corporate = mt.name_key(name) if name else (None, False)
    description = " ".join(html.unescape(v) for v in (tags.get("NAME"), tags.get("MEMO")) if v)
    record.text = description
    record.attrs = {
        "amount": amount, "direction": None if value is None else ("out" if value < 0 else "in"),
        "balance": None, "counterparty": name, "counterparty_key": key, "corporate": corporate,
        "tx_type": tags.get("TRNTYPE"), "description": description, "row_id": tags.get("FITID"),
        "fee": None, "cells": tags, "currency": currency, "quantity": None if value is None else str(value),
        "transfer": value is not None and value < 0 and tags.get("TRNTYPE", "").upper() in ("XFER", "PAYMENT"),
    }
    # FITIDs are unique per account only (spec 9.6): the account is part of the identity
    seed = (["ofx", account, "id", tags["FITID"]] if tags.get("FITID")
            else ["ofx", account, record.time_raw, str(value), description])
    record.attrs["identity"] = bank.identity(seed, seen)
