"""Bank, card, payment-app and crypto statements (spec: shared/spec/money-formats.md).

A statement is read as CSV (or tab-separated) text over the decoded file, keeping physical line numbers.
The layout is recognised by a profile (profiles/*.toml, after spec section 9.3): its header cells are
found by content, never by position. Every physical line ends up in exactly one record: `preamble`,
`header`, `transaction`, `skipped` (footers, totals, rows without a date) or `blank`.

Profile entries (column names are compared as moneytext.header_key):
  id, institution, aliases, zengin_code, kind = bank | card | wallet | crypto
  [detect] header_required, header_optional, header_regex (for month-named columns), max_header_row,
           header_row (0-based, a user mapping's); headerless: first_row_regex (one per cell of line 1)
           and columns (the names given to the cells)
  [fields] date = { column | columns = [year, month, day], format = [kinds], year, zone = "UTC" }
           time = { columns = [...] } (one "HH:MM[:SS]" cell, or hour/minute[/second] cells)
           amount = { kind = debit_credit (debit, credit) | signed (column) | spend_only (column)
                      | unsigned_with_direction (column, direction, map) }
           crypto: quantity = { column, direction + map | always = "out" }, asset, txid, network,
                   address (a column, or { column, regex } with the address as group 1)
           balance, type, counterparty, description = [...], row_id = [...], fee,
           currency (a column: rows in another currency than JPY get no yen amount, only quantity),
           direction_check = { column, in = [...], out = [...] }
  [rows] skip_if = [{ column, equals, reason }], hold/settle (regexes whose group 1 pairs a card hold
         with its settlement), group_by (a column shared by the parts of one payment)
  [account] preamble = { key = regex }, columns = { key = column }, holder_cells = { key = index }
  [counterparty_rules] transfer_out (regexes on the NFKC type word + description of money-out rows),
         strip_prefixes (regexes splitting the type word, group 1, off the description)
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..core.errors import EvidenceKitError
from ..core.models import ParseResult, ParseWarning, Record
from . import moneytext as mt
from . import text

NAME = "money"
PROFILE_DIR = Path(__file__).with_name("profiles")
MAX_HEADER_ROW = 15
_EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@functools.lru_cache(maxsize=1)
def bundled_profiles() -> tuple[dict, ...]:
    """The profiles shipped with the program, in file-name order."""
    return tuple(tomllib.loads(p.read_text("utf-8")) for p in sorted(PROFILE_DIR.glob("*.toml")))


# --- reading the text into rows ---------------------------------------------------------------------
def _delimiter(lines: list[str]) -> str:
    sample = lines[:30]
    return "\t" if sum(s.count("\t") for s in sample) > sum(s.count(",") for s in sample) else ","


MAX_CELL_LINES = 10  # a memo cell may hold a few lines; a quoted cell running over more is a stray quote


def _rows(lines: list[str], path: Path) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, cells) for each CSV row; a quoted cell may span lines. A stray quote (a
    quoted cell running over more than MAX_CELL_LINES lines, or past csv's field size limit) would
    swallow the rows after it: the file is then read one line a row, so that only its row is wrong."""
    delimiter = _delimiter(lines)
    reader = csv.reader((line + "\n" for line in lines), delimiter=delimiter)
    out, previous = [], 0
    try:
        for cells in reader:
            if reader.line_num - previous > MAX_CELL_LINES:
                raise csv.Error("a quoted cell over too many lines")
            out.append((previous + 1, reader.line_num, cells))
            previous = reader.line_num
    except csv.Error:
        return [(n, n, _line_cells(line, delimiter)) for n, line in enumerate(lines, 1)]
    return out


def _line_cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # one line longer than the field size limit
        return [line]


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if raw.startswith(_EXCEL_MAGIC):
        raise EvidenceKitError("money_not_csv", path=Path(path).name)
    try:
        return mt.decode(raw)
    except ValueError as exc:
        raise EvidenceKitError("money_undecodable", path=Path(path).name) from exc


# --- recognising the layout ----------------------------------------------------------------------------
def _header_score(profile: dict, cells: list[str]) -> tuple | None:
    """How well a row fits the profile's header (None when a required name is missing)."""
    detect = profile.get("detect", {})
    keys = [mt.header_key(c) for c in cells]
    present = set(keys)
    required = [mt.header_key(n) for n in detect.get("header_required", [])]
    if not required or not set(required) <= present:
        return None
    patterns = detect.get("header_regex", [])
    if not all(any(re.search(p, k) for k in keys) for p in patterns):
        return None
    optional = [mt.header_key(n) for n in detect.get("header_optional", [])]
    expected = len(required) + len(optional) + len(patterns)
    named = sum(1 for k in keys if k)
    return len(required) + len(patterns), sum(k in present for k in optional), -abs(named - expected)


def _first_row_score(profile: dict, cells: list[str]) -> tuple | None:
    patterns = profile.get("detect", {}).get("first_row_regex", [])
    if len(cells) < len(patterns):
        return None
    if all(re.search(p, mt.nfkc(c)) for p, c in zip(patterns, cells)):
        return len(patterns), 0, 0
    return None


def _match(profile: dict, rows: list) -> tuple[tuple, int] | None:
    """(score, index of the header row; -1 for a headerless layout) or None."""
    detect = profile.get("detect", {})
    if "first_row_regex" in detect:
        score = _first_row_score(profile, rows[0][2]) if rows else None
        return (score, -1) if score else None
    best = None
    for i, (_, _, cells) in enumerate(rows[:detect.get("max_header_row", MAX_HEADER_ROW) + 1]):
        if detect.get("header_row", i) != i:  # a mapping may name its header row (0-based)
            continue
        score = _header_score(profile, cells)
        if score and (best is None or score > best[0]):
            best = (score, i)
    return best


def _choose(rows: list, candidates) -> tuple[dict, int] | None:
    scored = [(m[0], -n, profile, m[1]) for n, profile in enumerate(candidates) if (m := _match(profile, rows))]
    if not scored:
        return None
    best = max(scored, key=lambda s: (s[0], s[1]))
    return best[2], best[3]


# --- one row -------------------------------------------------------------------------------------------
class _Layout:
    """A profile bound to the header row that was found."""

    def __init__(self, profile: dict, header: list[str]):
        self.fields = profile.get("fields", {})
        self.rows = profile.get("rows", {})
        self.header = header
        self.keys = [mt.header_key(c) for c in header]
        self.kind = profile.get("kind", "bank")
        self._indexes: dict[str, int | None] = {}
        self.needed = self._needed()

    def index(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._indexes:
            key = mt.header_key(name)
            self._indexes[name] = self.keys.index(key) if key in self.keys else None
        return self._indexes[name]

    def cell(self, cells: list[str], name: str | None) -> str | None:
        i = self.index(name)
        return cells[i] if i is not None and i < len(cells) else None

    def _needed(self) -> list[int]:
        """Columns a transaction cannot do without (a row shorter than these is truncated; a statement
        writes its balance on every row, so a row that stops before it was cut off too)."""
        f = self.fields
        names = list(_date_columns(f.get("date", {})))
        amount = f.get("amount", {})
        names += [amount.get(k) for k in ("column", "debit", "credit", "direction")]
        names += [f.get("quantity", {}).get("column"), f.get("balance")]
        return [i for i in map(self.index, names) if i is not None]


_YEARLESS = re.compile(r"\s*\d{1,2}\s*[/月]\s*\d{1,2}\s*日?\s*$")  # 4月30日, 4/30


def _date_columns(spec: dict) -> list[str]:
    return spec.get("columns") or ([spec["column"]] if "column" in spec else [])


class _Bad(Exception):
    def __init__(self, reason: str, warning: str | None = None):
        super().__init__(reason)
        self.reason, self.warning = reason, warning


def _moment(layout: _Layout, cells: list[str], year_hint: int | None,
            name_date: date | None = None) -> tuple[date | datetime, str]:
    """The row's date or datetime and the raw date/time cells joined by a space. A date without a year
    takes `year_hint` (from the file name), or the year before when that would put it after
    `name_date` (the file name's date)."""
    f = layout.fields
    spec = f["date"]
    raw_cells = [layout.cell(cells, c) or "" for c in _date_columns(spec)]
    tspec = f.get("time", {})
    time_cells = [layout.cell(cells, c) or "" for c in _date_columns(tspec)]
    time_raw = " ".join(c for c in raw_cells + time_cells if c.strip())
    if not "".join(raw_cells).strip():
        raise _Bad("no_date")
    if "columns" in spec:
        moment = date(*(int(mt.nfkc(c).strip()) for c in raw_cells))
    else:
        moment = mt.parse_moment(raw_cells[0], spec.get("format", mt.AUTO), spec.get("year", year_hint))
        if ("year" not in spec and name_date is not None and moment.year == year_hint
                and not re.search(r"\d{4}", mt.nfkc(raw_cells[0]))):
            day = date(moment.year, moment.month, moment.day)
            if day > name_date:
                moment = moment.replace(year=moment.year - 1)  # ValueError (a bad date) for 2月29日 then
    if time_cells and all(c.strip() for c in time_cells):
        parts = [mt.nfkc(c).strip() for c in time_cells]
        if len(parts) == 1:
            parts = parts[0].split(":")
        if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"\d{1,2}", p) for p in parts):
            raise ValueError(f"not a time: {time_raw!r}")
        moment = datetime(moment.year, moment.month, moment.day, *map(int, parts))
    if spec.get("zone") and isinstance(moment, datetime) and moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc if spec["zone"] == "UTC" else text.zone_of(spec["zone"]))
    return moment, time_raw


def _amount(layout: _Layout, cells: list[str], parse=mt.parse_amount):
    """(signed yen, direction); negative = money out. `parse`: mt.parse_quantity for another currency."""
    spec = layout.fields.get("amount")
    if spec is None:
        return None, None
    kind = spec["kind"]
    if kind == "debit_credit":
        out = parse(layout.cell(cells, spec["debit"]))
        into = parse(layout.cell(cells, spec["credit"]))
        if out and into:
            raise _Bad("bad_amount", "money_two_directions")
        value = -out if out else into
    elif kind == "signed":
        value = parse(layout.cell(cells, spec["column"]))
    elif kind == "spend_only":
        value = parse(layout.cell(cells, spec["column"]))
        value = None if value is None else -value
    else:  # unsigned_with_direction
        value = parse(layout.cell(cells, spec["column"]))
        word = (layout.cell(cells, spec["direction"]) or "").strip()
        direction = spec["map"].get(word)
        if value is not None and direction is None:
            raise _Bad("bad_amount", "money_bad_direction")
        if value is not None:
            value = -abs(value) if direction == "out" else abs(value)
    if value is None:
        return None, None
    return value, "out" if value < 0 else "in"


def _quantity(layout: _Layout, cells: list[str]):
    """(quantity Decimal signed, direction) for crypto rows."""
    spec = layout.fields["quantity"]
    value = mt.parse_quantity(layout.cell(cells, spec["column"]))
    if value is None:
        return None, None
    word = (layout.cell(cells, spec.get("direction")) or "").strip()
    direction = spec.get("map", {}).get(word) or spec.get("always")
    if direction:
        value = -abs(value) if direction == "out" else abs(value)
    return value, "out" if value < 0 else "in"


def _skip_reason(layout: _Layout, cells: list[str]) -> str | None:
    for rule in layout.rows.get("skip_if", []):
        cell = layout.cell(cells, rule["column"])
        if cell is not None and cell.strip() == rule["equals"]:
            return rule.get("reason", "total")
    return None


def _open_quote(row: str, delimiter: str) -> bool:
    """Whether a CSV row's text ends inside a quoted cell (as csv reads it: a quote opens a cell only
    at the cell's start, and a doubled quote inside is a literal one)."""
    inside, start = False, True
    i = 0
    while i < len(row):
        c = row[i]
        if inside:
            if c == '"':
                if row[i + 1:i + 2] == '"':
                    i += 1
                else:
                    inside = False
        elif c == '"' and start:
            inside = True
        start = not inside and c == delimiter
        i += 1
    return inside


def _is_total(cells: list[str]) -> bool:
    joined = "".join(cells)
    return "合計" in joined or "total" in joined.lower()


def _undated_reason(layout: _Layout, cells: list[str]) -> str:
    if _is_total(cells):
        return "total"
    balance = layout.cell(cells, layout.fields.get("balance"))
    numbers = [c for c in cells if c.strip() and re.fullmatch(r"[\d,\\￥¥円\-△ ]+", mt.nfkc(c).strip())]
    if balance and balance.strip() and numbers == [balance]:
        return "balance"
    return "total" if numbers else "footer"


# --- the file ------------------------------------------------------------------------------------------
def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None, data: bytes | None = None,
          mapping: dict | None = None, profiles=()) -> ParseResult:
    """Parse a statement; `mapping` forces a layout, `profiles` are extra (user) layouts to try."""
    path = Path(path)
    for profile in (*profiles, *([mapping] if mapping is not None else [])):
        check_profile(profile)
    decoded, encoding = _decode(path.read_bytes() if data is None else data, path)
    lines = text.split_lines(decoded)
    rows = _rows(lines, path)
    if mapping is not None:
        found = _choose(rows, [mapping])
        if found is None:
            raise EvidenceKitError("money_profile_mismatch", path=path.name, profile=mapping.get("id", "?"))
    else:
        found = _choose(rows, [*profiles, *bundled_profiles()])
        if found is None:
            raise EvidenceKitError("money_unknown_layout", path=path.name)
    profile, header_at = found
    reader = _Statement(profile, rows, lines, header_at, zone, path)
    reader.run()
    return ParseResult(format=NAME, variant=profile["id"], encoding=encoding, records=reader.records,
                       warnings=reader.warnings, info=reader.info())


# an id Excel rewrote when the file was saved again (202507010000001 -> 2.02507E+14): no longer an id
_EXCEL_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?[eE][+-]?\d+")
_USER_NOTES = {"メモ"}  # description columns the account holder writes, left out of a row's identity
_AMOUNT_KEYS = {"debit_credit": ("debit", "credit"), "signed": ("column",), "spend_only": ("column",),
                "unsigned_with_direction": ("column", "direction", "map")}


def check_profile(profile: dict) -> None:
    """Raises money_mapping_invalid (naming the first bad entry) for a profile this module cannot use."""
    def bad(entry: str):
        return EvidenceKitError("money_mapping_invalid", name=str(profile.get("id", "?")), column=entry)

    if not isinstance(profile.get("id"), str):
        raise bad("id")
    detect, fields = profile.get("detect"), profile.get("fields")
    if not isinstance(detect, dict) or not (detect.get("header_required") or
                                            (detect.get("first_row_regex") and detect.get("columns"))):
        raise bad("detect")
    if not isinstance(fields, dict) or not _date_columns(fields.get("date") or {}):
        raise bad("date")
    if profile.get("kind") == "crypto":
        if "column" not in (fields.get("quantity") or {}):
            raise bad("quantity")
        return
    amount = fields.get("amount") or {}
    if amount.get("kind") not in _AMOUNT_KEYS or not all(amount.get(k) for k in _AMOUNT_KEYS[amount["kind"]]):
        raise bad("amount")


class _Statement:
    def __init__(self, profile: dict, rows: list, lines: list[str], header_at: int, zone: str, path: Path):
        self.profile, self.rows, self.lines, self.header_at = profile, rows, lines, header_at
        self.zone = zone
        header = rows[header_at][2] if header_at >= 0 else profile["detect"]["columns"]
        self.layout = _Layout(profile, header)
        self.records: list[Record] = []
        self.warnings: list[ParseWarning] = []
        self.account: dict = {}  # from the preamble
        self.own_account: dict | None = None  # as of the first transaction
        self.year_hint, self.name_date = _year_in(path.name)
        self.seen: dict[str, int] = {}  # identity seed -> occurrences so far
        self.first_line: dict[tuple, int] = {}  # raw row -> first line (duplicates)
        self.yearless: list[tuple[int, tuple[int, int]]] = []  # (line, (month, day)) of dates given no year

    def warn(self, line: int, code: str, raw: str = "") -> None:
        self.warnings.append(ParseWarning(line, code, raw))

    def run(self) -> None:
        first_data = self.header_at + 1 if self.header_at >= 0 else 1
        for n, (start, end, cells) in enumerate(self.rows):
            raw = self.lines[start - 1:end]
            if not "".join(raw).strip():
                self.records.append(Record("blank", start, end, raw))
            elif n < first_data:
                kind = "header" if n == self.header_at else "preamble"
                self._account_from_preamble(raw)
                self.records.append(Record(kind, start, end, raw))
            else:
                cut = n == len(self.rows) - 1 and _open_quote("\n".join(raw), _delimiter(self.lines))
                self.records.append(self._row(start, end, raw, cells, cut))
        self._settlements()
        self._groups()
        self._check_balances()
        self._check_year_wrap()

    def _account_from_preamble(self, raw: list[str]) -> None:
        for key, pattern in self.profile.get("account", {}).get("preamble", {}).items():
            m = re.search(pattern, "\n".join(raw))
            if m:
                self.account[key] = m.group(1)

    def _row(self, start: int, end: int, raw: list[str], cells: list[str], cut: bool = False) -> Record:
        """`cut`: the file ends inside a quoted cell of this row (a download cut off)."""
        layout = self.layout
        reason = _skip_reason(layout, cells)
        if reason:
            return Record("skipped", start, end, raw, attrs={"reason": reason})
        short = cut or [i for i in layout.needed if i >= len(cells)]
        try:
            try:
                moment, time_raw = _moment(layout, cells, self.year_hint, self.name_date)
            except mt.NeedsYear:
                moment, time_raw = None, " ".join(layout.cell(cells, c) or "" for c in
                                                  _date_columns(layout.fields["date"]))
                if not any(w.code == "money_year_unknown" for w in self.warnings):
                    self.warn(start, "money_year_unknown", raw[0])
            except _Bad:
                raise _Bad(_undated_reason(layout, cells))
            except (ValueError, OverflowError):
                if _is_total(cells):
                    raise _Bad("total")
                raise _Bad("no_date", "money_bad_date" if self._has_amount(cells) else None)
            if short:
                raise _Bad("short", "money_row_short")
            attrs = self._values(cells)
        except _Bad as bad:
            if bad.warning:
                self.warn(start, bad.warning, "\n".join(raw))
            return Record("skipped", start, end, raw, attrs={"reason": bad.reason})
        check = layout.fields.get("direction_check")
        word = (layout.cell(cells, check["column"]) or "").strip() if check else ""
        if word and word not in check.get(attrs["direction"], []):
            self.warn(start, "money_direction_mismatch", "\n".join(raw))
        if moment is not None and self.name_date is None and _YEARLESS.match(mt.nfkc(time_raw)):
            self.yearless.append((start, (moment.month, moment.day)))
        record = Record("transaction", start, end, raw, time_raw=time_raw, text=attrs["description"])
        record.time, utc = self._time(moment)
        if utc:
            attrs["time_utc"] = utc
        record.attrs = attrs
        self._identity(record, cells, moment)
        return record

    def _has_amount(self, cells: list[str]) -> bool:
        try:
            return self._values(cells)["direction"] is not None
        except (_Bad, ValueError):
            return False

    def _time(self, moment) -> tuple[str | None, str | None]:
        if moment is None:
            return None, None
        if not isinstance(moment, datetime):
            return moment.isoformat(), None
        if moment.tzinfo is None:
            return text.local_iso(moment, self.zone), None
        local = moment.astimezone(text.zone_of(self.zone)).isoformat(timespec="seconds")
        utc = moment.astimezone(timezone.utc).isoformat(timespec="seconds") if moment.utcoffset().total_seconds() == 0 \
            else None
        return local, utc

    def _values(self, cells: list[str]) -> dict:
        layout, f = self.layout, self.layout.fields
        description = " ".join(c for c in (layout.cell(cells, n) for n in f.get("description", [])) if c)
        attrs: dict = {"amount": None, "direction": None}
        currency = (layout.cell(cells, f.get("currency")) or "").strip() if f.get("currency") else None
        foreign = bool(currency) and mt.nfkc(currency).upper() not in ("JPY", "円")
        if currency is not None:
            attrs["currency"] = currency or None
        try:
            if layout.kind == "crypto":
                quantity, attrs["direction"] = _quantity(layout, cells)
                asset = (layout.cell(cells, f.get("asset")) or "").strip()
                if quantity is not None and asset == "JPY" and quantity == quantity.to_integral_value():
                    attrs["amount"] = int(quantity)
                attrs.update(asset=asset or None, quantity=None if quantity is None else str(quantity))
                for key in ("txid", "address", "network"):
                    attrs[key] = self._crypto_text(cells, key)
            elif foreign:  # not yen: the exact quantity in its currency, and no yen amount
                quantity, attrs["direction"] = _amount(layout, cells, mt.parse_quantity)
                attrs["quantity"] = None if quantity is None else str(quantity)
            else:
                attrs["amount"], attrs["direction"] = _amount(layout, cells)
            balance = mt.parse_amount(layout.cell(cells, f.get("balance"))) if not foreign else None
            fee_cell = layout.cell(cells, f.get("fee"))
            fee = mt.parse_quantity(fee_cell) if layout.kind == "crypto" or foreign else mt.parse_amount(fee_cell)
        except ValueError:
            raise _Bad("bad_amount", "money_bad_amount") from None
        if attrs["direction"] is None:
            raise _Bad("no_amount")
        tx_type, counterparty = self._counterparty(cells, description)
        key, corporate = mt.name_key(counterparty) if counterparty else (None, False)
        matched = mt.nfkc(" ".join(x for x in (tx_type, description) if x))
        attrs.update(
            balance=balance, counterparty=counterparty, counterparty_key=key, corporate=corporate, tx_type=tx_type,
            description=description,
            row_id=" ".join(c.strip() for c in (layout.cell(cells, n) for n in f.get("row_id", []))
                            if c and c.strip() and not _EXCEL_NUMBER.fullmatch(c.strip())) or None,
            fee=fee if (layout.kind != "crypto" and not foreign) or fee is None else str(fee),
            cells={h: (cells[i] if i < len(cells) else None) for i, h in enumerate(layout.header) if h.strip()},
            transfer=attrs["direction"] == "out"
            and any(re.search(p, matched) for p in self.profile.get("counterparty_rules", {}).get("transfer_out", [])),
        )
        return attrs

    def _crypto_text(self, cells: list[str], key: str) -> str | None:
        """txid / address / network, verbatim (case-sensitive, never normalised); an address may sit in a
        comment cell as `Address: ...` (Coincheck)."""
        spec = self.layout.fields.get(key)
        if spec is None:
            return None
        if isinstance(spec, dict):
            m = re.search(spec["regex"], self.layout.cell(cells, spec["column"]) or "")
            return m.group(1) if m else None
        value = (self.layout.cell(cells, spec) or "").strip()
        return value or None

    def _counterparty(self, cells: list[str], description: str) -> tuple[str | None, str | None]:
        f = self.layout.fields
        prefixes = self.profile.get("counterparty_rules", {}).get("strip_prefixes", [])
        tx_type = (self.layout.cell(cells, f.get("type")) or "").strip() or None
        if f.get("counterparty"):
            name = (self.layout.cell(cells, f["counterparty"]) or "").strip()
            if tx_type is None:
                tx_type, name = mt.strip_type_prefix(name, prefixes)
        elif self.layout.kind == "crypto":
            name = self._crypto_text(cells, "address") or ""
        else:
            tx_type, name = mt.strip_type_prefix(description, prefixes)
        return tx_type, name or None

    def _identity(self, record: Record, cells: list[str], moment) -> None:
        a = record.attrs
        own = self._account_of(cells)
        if self.own_account is None:
            self.own_account = own
        account = sorted(own.items())  # a bank's row ids are unique per account only
        if a["row_id"]:
            seed = [self.profile["id"], account, "id", a["row_id"]]
        else:
            day = moment.isoformat() if moment is not None else record.time_raw
            # the bank's words only: the user's own note (メモ) may be written online between two downloads
            words = [n for n in self.layout.fields.get("description", []) if mt.header_key(n) not in _USER_NOTES]
            described = " ".join(c for c in (self.layout.cell(cells, n) for n in words) if c)
            seed = [self.profile["id"], account, day, a["amount"], a["direction"], described, a["balance"],
                    a.get("quantity")]
        a["identity"] = identity(seed, self.seen)
        row = tuple(cells)
        if row in self.first_line:
            self.warn(record.line, "money_duplicate_row", "\n".join(record.raw))
        else:
            self.first_line[row] = record.line

    def transactions(self) -> list[Record]:
        return [r for r in self.records if r.type == "transaction"]

    def _settlements(self) -> None:
        """A card hold (`売上予約`) whose settlement (`売上確定`, same approval number) is in the file is
        superseded by it and not counted."""
        rules = self.profile.get("rows", {})
        if "hold" not in rules:
            return
        settled = {}
        for r in self.transactions():
            m = re.search(rules["settle"], mt.nfkc(r.attrs["description"]))
            if m:
                settled.setdefault(m.group(1), r.line)
        for r in self.transactions():
            m = re.search(rules["hold"], mt.nfkc(r.attrs["description"]))
            if m and m.group(1) in settled:
                r.attrs["superseded_by"] = settled[m.group(1)]

    def _groups(self) -> None:
        """Rows of one split payment (PayPay: the same 取引番号) point at the group's first row with
        `part_of`; each keeps its own amount, so totals count every part once."""
        column = self.profile.get("rows", {}).get("group_by")
        if not column:
            return
        first: dict[str, int] = {}
        for r in self.transactions():
            key = (r.attrs["cells"].get(column) or "").strip()
            if key and key != "-":
                if key in first:
                    r.attrs["part_of"] = first[key]
                else:
                    first[key] = r.line

    def _check_balances(self) -> None:
        """The running balance in time order: the file read oldest-first or newest-first, whichever fits
        better (on a tie, the order its dates run in), and the rows of one day in the order (as written or
        reversed) that fits better, since a newest-first file may keep a day's rows oldest first. A
        mismatch is warned on the row that follows the gap in time."""
        rows = [r for r in self.transactions() if r.attrs["balance"] is not None and r.attrs["amount"] is not None]
        days: list[list[Record]] = []
        for r in rows:
            if days and r.time and days[-1][0].time and days[-1][0].time[:10] == r.time[:10]:
                days[-1].append(r)
            else:
                days.append([r])
        dated = [r.time[:10] for r in rows if r.time]
        newest_first = bool(dated) and dated[0] > dated[-1]
        readings = [(len(gaps), newest_first != descending, gaps) for descending, gaps in
                    ((False, _balance_gaps(days)), (True, _balance_gaps(days[::-1])))]
        for r in sorted(min(readings, key=lambda g: g[:2])[2], key=lambda r: r.line):
            self.warn(r.line, "money_balance_mismatch", "\n".join(r.raw))

    def _check_year_wrap(self) -> None:
        """Dates without a year all got one year (from the file name or the mapping). When, in file order,
        they run mostly one way but turn back somewhere (12月30日 then 1月5日 in an oldest-first file), the
        file spans a new year and some of them are a year off: warned on the first such turn."""
        steps = list(zip(self.yearless, self.yearless[1:]))
        up = [b[0] for a, b in steps if b[1] > a[1]]
        down = [b[0] for a, b in steps if b[1] < a[1]]
        if up and down:
            turns = down if len(down) <= len(up) else up
            self.warn(turns[0], "money_year_wrap", "\n".join(next(r.raw for r in self.records if r.line == turns[0])))

    def _account_of(self, cells: list[str]) -> dict:
        """The victim's own account as far as the file says: from the preamble, the first line of a
        headerless file, or columns repeated on every row (りそな)."""
        spec = self.profile.get("account", {})
        account = dict(self.account)
        first_row = self.rows[0][2] if self.header_at < 0 else []
        for key, i in spec.get("holder_cells", {}).items():
            if i < len(first_row):
                account[key] = first_row[i]
        for key, column in spec.get("columns", {}).items():
            value = (self.layout.cell(cells, column) or "").strip()
            if value:
                account[key] = value
        return account

    def info(self) -> dict:
        account = self._account_of([]) if self.own_account is None else self.own_account
        return summary(self.profile["id"], self.profile.get("institution"), self.layout.kind, self.records, account)


def _balance_gaps(days: list[list[Record]]) -> list[Record]:
    """The rows whose balance is not the previous row's plus their amount, the days taken in the given
    order and each day's rows as in the file or reversed, whichever gives fewer gaps over the whole file
    (as in the file on a tie)."""
    def fits(previous: Record, r: Record) -> bool:
        return previous.attrs["balance"] + r.attrs["amount"] == r.attrs["balance"]

    # steps[i][o] = (gaps up to day i, orientation of day i-1 it follows, gap rows of day i) for day i's
    # rows as in the file (o = 0) or reversed (o = 1)
    steps: list[list[tuple[int, int, list[Record]]]] = []
    for i, day in enumerate(days):
        options = []
        for seq in (day, day[::-1]):
            inner = [b for a, b in zip(seq, seq[1:]) if not fits(a, b)]
            if i == 0:
                options.append((len(inner), 0, inner))
                continue
            before = []
            for o, (count, _, _) in enumerate(steps[-1]):
                last = days[i - 1][-1] if o == 0 else days[i - 1][0]
                before.append((count + (not fits(last, seq[0])), o, [] if fits(last, seq[0]) else [seq[0]]))
            count, o, link = min(before, key=lambda b: b[0])
            options.append((count + len(inner), o, link + inner))
        steps.append(options)
    found: list[Record] = []
    o = min((0, 1), key=lambda k: steps[-1][k][0]) if steps else 0
    for options in reversed(steps):
        _, back, rows = options[o]
        found += rows
        o = back
    return found


def summary(profile_id: str, institution: str | None, kind: str, records: list[Record], account: dict) -> dict:
    """ParseResult.info of a money file: counts, totals (superseded holds left out) and period."""
    transactions = [r for r in records if r.type == "transaction"]
    counted = [r.attrs["amount"] for r in transactions
               if "superseded_by" not in r.attrs and r.attrs["amount"] is not None]
    days = sorted(r.time[:10] for r in transactions if r.time)
    return {
        "profile": profile_id, "institution": institution, "kind": kind, "rows": len(transactions),
        "skipped": sum(r.type == "skipped" for r in records),
        "total_in": sum(a for a in counted if a > 0), "total_out": -sum(a for a in counted if a < 0),
        "account": account, "period": [days[0], days[-1]] if days else None,
    }


def identity(seed: list, seen: dict[str, int]) -> str:
    """sha256 hex of a row's identity seed and how often the same seed came before in this file."""
    seed_text = json.dumps(seed, ensure_ascii=False)
    occurrence = seen.get(seed_text, 0)
    seen[seed_text] = occurrence + 1
    return hashlib.sha256(f"[{seed_text}, {occurrence}]".encode()).hexdigest()  # json.dumps([seed, occurrence])


def _year_in(name: str) -> tuple[int | None, date | None]:
    """The year a file name gives (`..._2024.csv`, `20250105.csv`) and, when it also gives the month
    (and day), the last day it can speak of: a statement lists no row after the day it was saved."""
    m = re.search(r"(?<!\d)(20\d{2})(\d{2})?(\d{2})?(?!\d)", name)
    if not m:
        return None, None
    year = int(m.group(1))
    try:
        if m.group(3):
            return year, date(year, int(m.group(2)), int(m.group(3)))
        if m.group(2) and 1 <= int(m.group(2)) <= 12:
            month = int(m.group(2))
            return year, date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        pass
    return year, None


def sniff(path: Path, head: bytes) -> float:
    """0.9 when a bundled profile recognises the first 64 KiB; 0.6 for an Excel file named .csv (so that
    parsing it says to save it as CSV); otherwise 0."""
    if head.startswith(_EXCEL_MAGIC):
        return 0.6 if Path(path).suffix.lower() in (".csv", ".tsv") else 0.0
    decoded = _decode_head(head)
    if decoded is None:
        return 0.0
    lines = text.split_lines(decoded)[:80]  # past the longest preamble a profile allows
    try:
        rows = list(csv.reader((line + "\n" for line in lines), delimiter=_delimiter(lines)))
    except csv.Error:
        return 0.0
    return 0.9 if _choose([(0, 0, cells) for cells in rows], bundled_profiles()) else 0.0


def _decode_head(head: bytes) -> str | None:
    """The first 64 KiB as text. The cut may have split a character, so up to 3 bytes may go; UTF-8 is
    tried on every cut before CP932, which would read a split UTF-8 file as mojibake."""
    for allow_cp932 in (False, True):
        for cut in range(4):
            try:
                decoded, encoding = mt.decode(head[:len(head) - cut])
            except ValueError:
                continue
            if allow_cp932 or encoding != "cp932":
                return decoded
    return None


# --- the unknown-CSV path: a column mapping saved as a user profile ------------------------------------
SYNONYMS = {  # spec 9.4, compared as header keys
    "date": ["日付", "取引日", "お取引日", "年月日", "取扱日", "取扱日付", "勘定日", "利用日", "ご利用日", "ご利用年月日",
             "利用日/キャンセル日", "取引日時", "日時", "Date", "Value Date"],
    "out": ["出金", "出金金額", "お引出し", "お引出金額", "お支払金額", "支払い金額", "払出金額", "お支払い", "引出額",
            "Debit", "Withdrawal"],
    "in": ["入金", "入金金額", "お預入れ", "お預入金額", "お預り金額", "預かり金額", "受入金額", "お預り", "Credit",
           "Deposit"],
    "signed": ["入出金", "入出金(円)", "金額", "取引金額", "金額（円）", "Amount"],
    "balance": ["残高", "差引残高", "取引後残高", "現在（貸付）高", "Balance"],
    "description": ["摘要", "摘要内容", "内容", "お取引内容", "お取り扱い内容", "取引内容", "入出金内容", "入出金先内容",
                    "詳細１", "詳細２", "利用店名・商品名", "ご利用先", "ご利用先など", "取引先", "メモ", "Description"],
}
_ROLE_OF = {mt.header_key(name): role for role, names in reversed(SYNONYMS.items()) for name in reversed(names)}


def _role(cell: str) -> str | None:
    key = mt.header_key(cell)
    return _ROLE_OF.get(key) or _ROLE_OF.get(re.sub(r"\(円\)$", "", key))


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", mt.nfkc(name).lower()).strip("-")
    return slug or hashlib.sha256(name.encode()).hexdigest()[:8]


def propose_mapping(path: Path, data: bytes | None = None) -> dict:
    """A guessed profile for a CSV no profile knows: the first of its first 30 rows whose cells mostly
    match the synonym lists is the header, and each column gets the role its name suggests. For the
    user to confirm (or change) before parsing with it; raises money_unknown_layout without a header."""
    path = Path(path)
    decoded, _ = _decode(path.read_bytes() if data is None else data, path)
    rows = _rows(text.split_lines(decoded), path)
    for n, (_, _, cells) in enumerate(rows[:30]):
        named = [c for c in cells if c.strip()]
        roles = [_role(c) for c in cells]
        if "date" in roles and sum(r is not None for r in roles) * 2 >= len(named) >= 2:
            break
    else:
        raise EvidenceKitError("money_unknown_layout", path=path.name)
    by_role: dict[str, list[str]] = {}
    for cell, role in zip(cells, roles):
        if role:
            by_role.setdefault(role, []).append(cell)
    at = roles.index("date")
    sample = next((c for _, _, c in rows[n + 1:] if len(c) > at and c[at].strip()), None)
    date_cell = sample[at] if sample else ""
    date_format = next((k for k in ("compact", "ymd", "wareki", "yymmdd", "month_day") if _parses(date_cell, k)), None)
    return mapping_profile(
        path.stem, date=by_role["date"][0], date_format=date_format,
        amount=None if "out" in by_role else (by_role.get("signed") or [None])[0],
        amount_out=(by_role.get("out") or [None])[0], amount_in=(by_role.get("in") or [None])[0],
        description=tuple(by_role.get("description", ())), balance=(by_role.get("balance") or [None])[0],
        header_row=n)


def _parses(cell: str, kind: str) -> bool:
    try:
        mt.parse_moment(cell, kind, year_hint=2000)
        return True
    except ValueError:
        return False


_DATE_KINDS = ("ymd", "compact", "wareki", "yymmdd", "month_day")


def mapping_profile(name: str, *, date: str, date_format: str | None = None, amount: str | None = None,
                    amount_out: str | None = None, amount_in: str | None = None, description=(),
                    balance: str | None = None, counterparty: str | None = None,
                    header_row: int | None = None) -> dict:
    """A user profile from a column mapping: `amount` (one signed column), or `amount_out` and
    `amount_in` (two columns), or `amount_out` alone (card spending). Raises money_mapping_invalid
    naming the first column that cannot be used."""
    def bad(column):
        return EvidenceKitError("money_mapping_invalid", name=name, column=column or "-")

    if not date or not date.strip():
        raise bad(date)
    if date_format is not None and date_format not in _DATE_KINDS and "%" not in date_format:
        raise bad(date)
    if amount and (amount_out or amount_in):
        raise bad(amount)
    if amount:
        amount_spec = {"kind": "signed", "column": amount}
    elif amount_out and amount_in:
        amount_spec = {"kind": "debit_credit", "debit": amount_out, "credit": amount_in}
    elif amount_out:
        amount_spec = {"kind": "spend_only", "column": amount_out}
    else:
        raise bad(amount_in)
    used = [date] + [c for k, c in amount_spec.items() if k != "kind"]
    for i, column in enumerate(used):
        if not column.strip() or column in used[:i]:
            raise bad(column)
    if balance is not None and balance in used:
        raise bad(balance)
    columns = used + [c for c in (balance, *description, counterparty) if c]
    fields: dict = {"date": {"column": date, "format": [date_format] if date_format else list(mt.AUTO)},
                    "amount": amount_spec, "description": list(description)}
    if balance:
        fields["balance"] = balance
    if counterparty:
        fields["counterparty"] = counterparty
    detect: dict = {"header_required": list(dict.fromkeys(columns))}
    if header_row is not None:
        detect.update(header_row=header_row, max_header_row=max(header_row, MAX_HEADER_ROW))
    return {"id": f"user.{_slug(name)}", "institution": name, "kind": "bank", "detect": detect, "fields": fields,
            "counterparty_rules": _generic_rules()}


def _generic_rules() -> dict:
    """The generic transfer and type-word rules (those of the MUFG profile) for user profiles."""
    return next(p["counterparty_rules"] for p in bundled_profiles() if p["id"] == "jp.mufg.v1")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def profile_to_toml(profile: dict) -> str:
    """A profile as TOML text (top-level values, then one table per section); tomllib reads it back."""
    out = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in profile.items() if not isinstance(v, dict)]
    for section, table in profile.items():
        if isinstance(table, dict):
            out += ["", f"[{_toml_key(section)}]"]
            out += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(out) + "\n"
