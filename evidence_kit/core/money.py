"""The case's money: the transactions of every imported statement (each once, with every file and
line it appears on), links and flags, and the totals per destination account, each figure with the
rows it sums (spec money-formats.md sections 9.6-9.9). Amounts are int yen, never floats.

The tool proposes, the victim decides: a row counts as "confirmed" when the user linked it to an
account or marked it; a row whose payee name matches a recorded account is counted as "flagged"
until then, and the summary says which is which.

Fees: a 振込手数料 row next to its transfer is that transfer's fee (attrs["fee"], Figure.fees), not a
payment of its own. Every total (paid, per account, net damage) is the principal only, as the
freeze request asks; the fees are shown beside it and summed apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .caserecords import MARKS, CaseRecords, DestinationAccount, delete, put
from ..importers.moneytext import name_key, nfkc
from .errors import EvidenceKitError

MONEY_FORMATS = ("money", "ofx")
EXCHANGE_DAYS = 7  # an external send on the exchange this many days after the bank transfer at most
ROUND_UNIT, ROUND_MIN = 10_000, 100_000
CHURN_PAYEES, CHURN_DAYS = 3, 28  # this many new personal payees within these days: rotating mule accounts
FEE_MAX = 1_100  # yen: a 振込手数料 row costs at most this much (the dearest counter transfer is 990 yen)
# a fee row's text once NFKC-normalised: 振込手数料, 他行振込手数料, ﾌﾘｺﾐﾃｽｳﾘﾖｳ ...
FEE_TEXT = re.compile(r"手数料|テスウリ[ョヨ]ウ")
MIN_PREFIX = 6  # statements cut long payee names short: a cut name this long that starts a holder's name matches
# the collection accounts of the crypto exchanges in Japan, as a payee reads on a statement
EXCHANGE_NAMES = ("ビットフライヤー", "コインチェック", "ジーエムオーコイン", "ビットバンク", "ビットポイント",
                  "ディーエムエムビットコイン", "エスビーアイブイシートレード", "オーケーコインジャパン", "ビットトレード",
                  "バイナンスジャパン", "ジェイビーオー")


@dataclass(frozen=True)
class Source:
    item: str
    file: str
    line: int

    @property
    def ref(self) -> str:
        """How the CLI names a row: the item id's first 8 characters and the line."""
        return f"{self.item[:8]}:{self.line}"


@dataclass
class Tx:
    identity: str
    time: str
    amount: int | None  # yen, negative = out; None for crypto
    direction: str
    kind: str  # bank | card | wallet | crypto | ofx
    own_account: str  # the victim's account the row belongs to
    attrs: dict
    sources: list[Source] = field(default_factory=list)
    date: str = field(init=False)  # YYYY-MM-DD
    key: str = field(init=False)  # the payee's name key ("" when none)
    # a transfer's fee rows (its attrs["fee"] is their sum, plus a fee column's); a fee row's transfer
    fee_rows: list[Tx] = field(default_factory=list, compare=False, repr=False)
    fee_of: Tx | None = field(default=None, compare=False, repr=False)
    # the parts of one split payment (PayPay: one 取引番号), this row among them; empty when not split
    group: list[Tx] = field(default_factory=list, compare=False, repr=False)
    aliases: list[str] = field(default_factory=list)  # identities of the same row read by another layout

    def __post_init__(self) -> None:
        self.date = self.time[:10]
        self.key = self.attrs.get("counterparty_key") or ""

    @property
    def ref(self) -> str:
        return self.sources[0].ref

    @property
    def counterparty(self) -> str:
        return self.attrs.get("counterparty") or ""


@dataclass
class Flag:
    code: str  # reason: marked_account, first_time_payee, new_payee, payee_churn, exchange_chain, to_exchange, round_amount,
    # paid_back
    strength: str  # strong | medium | weak | context
    txs: list[Tx]
    params: dict = field(default_factory=dict)  # for the reason's text "money.reason_<code>"


@dataclass
class Suggestion:
    tx: Tx
    account: str
    code: str  # transfer_record | name_equal | name_prefix
    params: dict = field(default_factory=dict)  # for the reason's text "money.reason_<code>"


@dataclass
class Row:
    tx: Tx
    status: str  # confirmed | flagged


@dataclass
class Figure:
    """A sum of yen with the rows it sums."""

    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(abs(r.tx.amount) for r in self.rows)

    @property
    def confirmed(self) -> int:
        return sum(abs(r.tx.amount) for r in self.rows if r.status == "confirmed")

    @property
    def flagged(self) -> int:
        return self.total - self.confirmed

    @property
    def fees(self) -> int:
        """The transfer fees of the rows (yen; a crypto fee, in its asset, is not one)."""
        return sum(f for f in (r.tx.attrs.get("fee") for r in self.rows) if isinstance(f, int))

    @property
    def first(self) -> str | None:
        return min((r.tx.time for r in self.rows), default=None)

    @property
    def last(self) -> str | None:
        return max((r.tx.time for r in self.rows), default=None)


@dataclass
class AccountSummary:
    account: DestinationAccount
    paid: Figure
    received: Figure


@dataclass
class Summary:
    accounts: list[AccountSummary]
    other_paid: Figure  # rows marked as paid to the scam with no account linked (an exchange, cash ...)
    received_back: Figure  # money paid back by the other party (fake "profits"), all accounts
    paid: Figure  # every row paid to the scam
    by_source: dict[str, Figure]  # paid, per the victim's own account
    crypto: list[dict]  # external crypto sends, by asset
    scam_start: str | None
    scam_start_suggested: bool

    @property
    def net_damage(self) -> int:
        return self.paid.total - self.received_back.total

    @property
    def net_damage_confirmed(self) -> int:
        return self.paid.confirmed - self.received_back.confirmed


# -- the transactions ----------------------------------------------------------------------------

def collect(items) -> list[Tx]:
    """Transactions from (item, records) pairs, in date order. The same transaction in two
    overlapping statements (same identity) is one, with both sources; an item that is a byte
    duplicate of another is passed over, and a row another row supersedes (a PayPay銀行 debit hold
    whose sale was settled, in its own statement or a later one of the same account) is not
    counted, in any statement."""
    found: dict[str, Tx] = {}
    statements: list[list[Tx]] = []  # each statement's rows in file order
    superseded: set[str] = set()  # rows a statement shows settled
    holds: dict[str, tuple[str, str]] = {}  # identity -> (own account, approval number)
    settled: set[tuple[str, str]] = set()
    for item, records in items:
        parsed = item.get("parsed") or {}
        if parsed.get("format") not in MONEY_FORMATS or item.get("duplicate_of"):
            continue
        own = own_account_label(parsed)
        rules = _hold_rules(parsed.get("profile"))
        rows: list[Tx] = []
        lines: dict[int, Tx] = {}
        for record in records:
            attrs = record.get("attrs") or {}
            if record.get("type") != "transaction" or not attrs.get("identity"):
                continue
            if attrs.get("superseded_by"):
                superseded.add(attrs["identity"])
                continue
            if rules:  # a hold in one download, its settlement in the next
                text = nfkc(attrs.get("description") or "")
                if m := re.search(rules[1], text):
                    settled.add((own, m.group(1)))
                elif m := re.search(rules[0], text):
                    holds[attrs["identity"]] = (own, m.group(1))
            source = Source(item["id"], item.get("original_name", ""), record["line"])
            tx = found.get(attrs["identity"])
            if tx is None:
                tx = found[attrs["identity"]] = Tx(attrs["identity"], record.get("time") or "", attrs.get("amount"),
                                                   attrs.get("direction", ""), parsed.get("kind", ""), own, attrs)
            tx.sources.append(source)
            rows.append(tx)
            lines[record["line"]] = tx
            head = lines.get(attrs.get("part_of"))
            if head is not None and head is not tx:
                _join(head, tx)
        statements.append(rows)
    dropped = superseded | {i for i, hold in holds.items() if hold in settled}
    for identity in dropped:
        found.pop(identity, None)
    same = _same_rows(found)
    for rows in statements:
        _attach_fees([same.get(t.identity, t) for t in rows if t.identity not in dropped])
    return sorted(found.values(), key=lambda t: (t.time, t.sources[0].file, t.sources[0].line))


def _same_rows(found: dict[str, Tx]) -> dict[str, Tx]:
    """One row read from two files by different layouts (a CSV and an OFX download, a file read
    through a column mapping and again by a profile) has two identities: it is one row when the
    day, amount and running balance agree (spec 9.6: rows of one file are never merged). The later
    row's sources and identity go to the first; returns {merged identity: the row kept}."""
    first: dict[tuple, Tx] = {}
    merged: dict[str, Tx] = {}
    for tx in list(found.values()):
        balance = tx.attrs.get("balance")
        if not isinstance(balance, int) or not isinstance(tx.amount, int) or not tx.date:
            continue
        key = (tx.date, tx.amount, tx.direction, balance)
        kept = first.setdefault(key, tx)
        if kept is tx or {s.item for s in kept.sources} & {s.item for s in tx.sources}:
            continue
        kept.sources.extend(tx.sources)
        kept.aliases.extend([tx.identity, *tx.aliases])
        merged[tx.identity] = kept
        del found[tx.identity]
    return merged


def _join(head: Tx, part: Tx) -> None:
    """Put a part of a split payment in its first part's group (once, whichever statement says so)."""
    if not head.group:
        head.group = [head]
    if not any(t is part for t in head.group):
        head.group.append(part)
    part.group = head.group


@functools.lru_cache(maxsize=64)
def _hold_rules(profile_id: str | None) -> tuple[str, str] | None:
    """(hold, settle) regexes of a bundled profile whose card holds are settled later (PayPay銀行)."""
    from ..importers.bank import bundled_profiles

    rules = next((p.get("rows", {}) for p in bundled_profiles() if p.get("id") == profile_id), {})
    return (rules["hold"], rules["settle"]) if "hold" in rules and "settle" in rules else None


def is_fee_row(tx: Tx) -> bool:
    """A bank's fee row (振込手数料 and the like): money out, small, saying 手数料. (A profile's
    transfer rule may take ﾌﾘｺﾐﾃｽｳﾘｮｳ for a transfer to a payee "ﾃｽｳﾘｮｳ": it is still a fee.)"""
    a = tx.attrs
    text = unicodedata.normalize("NFKC", " ".join(str(a.get(k) or "") for k in ("tx_type", "description")))
    return (tx.kind in ("bank", "ofx") and tx.direction == "out" and isinstance(tx.amount, int)
            and 0 < -tx.amount <= FEE_MAX and bool(FEE_TEXT.search(text)))


def _attach_fees(rows: list[Tx]) -> None:
    """Attach each fee row of one statement to the transfer it was charged for (spec 9.6): a
    transfer out on the same day, on the line next to it. Which neighbour: the one the running
    balance shows it came right after; else the one before it in time (the line above in a file
    listed oldest first, the line below in one listed newest first). The fee row is then not a
    payment of its own: the transfer carries it as attrs["fee"]."""
    days = [t.date for t in rows if t.date]
    newest_first = bool(days) and days[0] > days[-1]
    for i, fee in enumerate(rows):
        if fee.fee_of is not None or not is_fee_row(fee):
            continue
        near = [rows[j] for j in (i - 1, i + 1) if 0 <= j < len(rows)]
        near = [t for t in near if t.date == fee.date and t.direction == "out" and t.attrs.get("transfer")
                and t.fee_of is None and not is_fee_row(t)]
        by_balance = [t for t in near if isinstance(t.attrs.get("balance"), int)
                      and isinstance(fee.attrs.get("balance"), int)
                      and t.attrs["balance"] + fee.amount == fee.attrs["balance"]]
        earlier = rows[i + 1] if newest_first and i + 1 < len(rows) else rows[i - 1] if i > 0 else None
        transfer = by_balance[0] if len(by_balance) == 1 else earlier if any(t is earlier for t in near) else None
        if transfer is None or any(f is fee for f in transfer.fee_rows):
            continue
        if not transfer.fee_rows:  # the importer's attrs are shared: the transfer gets its own copy
            transfer.attrs = dict(transfer.attrs)
        own = transfer.attrs.get("fee") if isinstance(transfer.attrs.get("fee"), int) else 0
        transfer.fee_rows.append(fee)
        transfer.attrs["fee"] = own - fee.amount
        fee.fee_of = transfer


def own_account_label(parsed: dict) -> str:
    """The victim's account a statement belongs to, as the importer described it."""
    account = parsed.get("account") or {}
    parts = [parsed.get("institution") or ""]
    parts += [str(account[k]) for k in ("branch", "type", "number", "id", "address") if account.get(k)]
    return " ".join(p for p in parts if p) or "?"


def case_transactions(case) -> list[Tx]:
    return collect((item, case.records(item["id"])) for item in case.items())


def find_tx(txs: list[Tx], ref: str) -> Tx:
    """The transaction named ITEM:LINE, where ITEM is the start of an item id (8 characters as
    printed, or more); any of its sources names it."""
    item, _, line = ref.partition(":")
    if len(item) < 4 or not line.isdigit():
        raise EvidenceKitError("money_tx_ref", ref=ref)
    hits = [t for t in txs if any(s.item.startswith(item.lower()) and s.line == int(line) for s in t.sources)]
    if not hits:
        raise EvidenceKitError("money_tx_unknown", ref=ref)
    if len(hits) > 1:
        raise EvidenceKitError("money_tx_ambiguous", ref=ref)
    return hits[0]


def link(case, records: CaseRecords, tx: Tx, account_id: str) -> list[tuple[str, dict]]:
    """Tie a row (whichever statement names it) to a destination account: the user's decision.
    The latest decision wins: a "not about the scam" mark on the row is removed (logged too).
    Returns what else was undone, as (message key, parameters)."""
    if account_id not in records.accounts:
        raise EvidenceKitError("money_account_unknown", id=account_id)
    _not_a_fee(tx)
    put(case, "link", tx.identity, {"account": account_id, "item": tx.sources[0].item, "line": tx.sources[0].line})
    undone = []
    for identity in _decided_by(tx):
        if records.marks.get(identity, {}).get("as") == "not_scam":
            delete(case, "mark", identity)
            undone.append(("money.undone_not_scam", {"ref": tx.ref}))
    return undone[:1]


def mark(case, tx: Tx, as_: str, records: CaseRecords | None = None) -> list[tuple[str, dict]]:
    """Mark a row: scam (money out to the scam), not_scam (not about it), returned (money in from it).
    Marked not_scam, a row loses its links to accounts (logged too), the latest decision winning.
    Returns what else was undone, as (message key, parameters)."""
    if as_ not in MARKS:
        raise EvidenceKitError("money_mark", value=as_, choices=", ".join(MARKS))
    if (as_, tx.direction) in (("scam", "in"), ("returned", "out")):
        raise EvidenceKitError(f"money_mark_{as_}_direction", ref=tx.ref)
    _not_a_fee(tx)
    put(case, "mark", tx.identity, {"as": as_, "item": tx.sources[0].item, "line": tx.sources[0].line})
    undone = []
    for identity in _decided_by(tx) if as_ == "not_scam" and records is not None else ():
        account = records.links.get(identity, {}).get("account")
        if account is not None:
            delete(case, "link", identity)
            undone.append(("money.undone_link", {"ref": tx.ref, "account": account}))
    return undone[:1]


def _not_a_fee(tx: Tx) -> None:
    """A fee row goes with its transfer: the user decides about the transfer."""
    if tx.fee_of is not None:
        raise EvidenceKitError("money_tx_is_fee", ref=tx.ref, transfer=tx.fee_of.ref)


# -- links and flags -----------------------------------------------------------------------------

@functools.lru_cache(maxsize=256)
def holder_key(kana: str) -> str:
    return name_key(kana)[0] if kana else ""


def names_match(payee: str, holder: str) -> str | None:
    """name_equal; name_prefix when the statement's payee key is the start of the holder's key and
    long enough (a name cut short); else None."""
    if not payee or not holder:
        return None
    if payee == holder:
        return "name_equal"
    return "name_prefix" if len(payee) >= MIN_PREFIX and holder.startswith(payee) else None


class _Holders:
    """The recorded accounts by their holder's name key, with the answer for each payee key kept
    (a statement repeats its payees)."""

    def __init__(self, records: CaseRecords):
        self.keys = [(holder_key(a.holder_kana), a.id) for a in records.accounts.values() if a.holder_kana]
        self.seen: dict[str, tuple[tuple[str, str] | None, int]] = {}

    def match(self, tx: Tx, exact: bool = False) -> tuple[str, str] | None:
        """(account id, name_equal | name_prefix), or None; with `exact`, only an equal name."""
        hit = self._look(tx.key)[0]
        return None if hit is None or (exact and hit[1] != "name_equal") else hit

    def equal_count(self, tx: Tx) -> int:
        """How many recorded accounts have exactly this payee's name as holder."""
        return self._look(tx.key)[1]

    def _look(self, key: str) -> tuple[tuple[str, str] | None, int]:
        if key not in self.seen:
            hits = [(a, code) for k, a in self.keys if (code := names_match(key, k))]
            self.seen[key] = (min(hits, key=lambda h: h[1] != "name_equal", default=None),
                              sum(code == "name_equal" for _, code in hits))
        return self.seen[key]


def suggest_links(txs: list[Tx], records: CaseRecords) -> list[Suggestion]:
    """Rows the user has not linked or marked that match a recorded account: paid out with the
    amount of a transfer known from other evidence within one business day of its date, or with a
    payee name matching the holder's."""
    holders = _Holders(records)
    out = []
    for tx in txs:
        if linked(records, tx) or mark_of(records, tx) or tx.amount is None or tx.fee_of is not None:
            continue
        known = _known_transfer(tx, records)
        hit = holders.match(tx)
        if known:
            out.append(Suggestion(tx, known[0], known[2], {**known[1], "account": known[0]}))
        elif hit:
            out.append(Suggestion(tx, *hit, {"account": hit[0]}))
    return out


def _known_transfer(tx: Tx, records: CaseRecords) -> tuple[str, dict, str] | None:
    """(account id, the transfer, reason code) of a transfer known from other evidence with this
    row's amount, or its amount and fee together (a slip's total), within one business day."""
    if tx.direction != "out" or not tx.date:
        return None
    fee = tx.attrs.get("fee") if tx.fee_rows and isinstance(tx.attrs.get("fee"), int) else None
    for account in records.accounts.values():
        for transfer in account.transfers:
            if business_days_apart(transfer["date"], tx.date) > 1:
                continue
            if transfer["amount"] == -tx.amount:
                return account.id, transfer, "transfer_record"
            if fee and transfer["amount"] == fee - tx.amount:
                return account.id, {**transfer, "fee": fee}, "transfer_record_with_fee"
    return None


def linked(records: CaseRecords, tx: Tx) -> str | None:
    """The recorded account a row is linked to; None when it is not, or the account was removed.
    A part of a split payment goes where the user linked any of its parts."""
    for identity in _decided_by(tx):
        account = records.links.get(identity, {}).get("account")
        if account in records.accounts:
            return account
    return None


def recorded_under(table: dict, tx: Tx) -> str | None:
    """The identity under which `table` (records.links or records.marks) holds the decision about
    this row, or None (what unlink and unmark remove)."""
    return next((i for i in _decided_by(tx) if i in table), None)


def _decided_by(tx: Tx) -> list[str]:
    """The identities a decision about this row may be recorded under: its own (and those of the
    same row in another layout) first, then those of the other parts of its split payment."""
    return [i for t in (tx, *tx.group) for i in (t.identity, *t.aliases)]


def mark_of(records: CaseRecords, tx: Tx) -> str | None:
    """How the user marked a row (scam, not_scam, returned), or None; a part of a split payment is
    marked as any of its parts is."""
    for identity in _decided_by(tx):
        mark = records.marks.get(identity, {}).get("as")
        if mark:
            return mark
    return None


def business_days_apart(a: str, b: str) -> int:
    """How many weekdays lie after the earlier day up to the later one (Friday to Monday: 1).
    Public holidays are not known here, so a transfer over one may be a day further."""
    start, end = sorted((date.fromisoformat(a[:10]), date.fromisoformat(b[:10])))
    return sum((start + timedelta(days=n)).weekday() < 5 for n in range(1, (end - start).days + 1))


def suggested_start(txs: list[Tx], records: CaseRecords) -> str | None:
    """The first day a row was paid to the scam: linked, marked as scam, or to the exact name of a
    recorded account's holder (and not marked as not about the scam)."""
    holders = _Holders(records)
    days = [t.date for t in txs if t.direction == "out" and mark_of(records, t) != "not_scam" and (
        linked(records, t) or mark_of(records, t) == "scam"
        or holders.match(t, exact=True))]
    return min(days, default=None)


def flags(txs: list[Tx], records: CaseRecords) -> list[Flag]:
    """Rows that look like payments to the scam (or money it paid back), each with its reason."""
    start = records.scam_start or suggested_start(txs, records)
    live = [t for t in txs if mark_of(records, t) != "not_scam" and t.fee_of is None]
    found: list[Flag] = []
    holders = _Holders(records)
    for tx in live:
        hit = holders.match(tx)
        if hit and tx.direction == "out":
            found.append(Flag("marked_account", "strong", [tx], {"account": hit[0]}))
        elif hit and tx.direction == "in":
            found.append(Flag("paid_back", "context", [tx], {"account": hit[0]}))
    first_time = _first_time_payees(live, txs, start)
    found += first_time + _payee_churn(first_time)
    found += _exchange_chains(live)
    for tx in live:
        if tx.direction == "out" and tx.kind != "crypto" and tx.attrs.get("transfer") and tx.amount is not None \
                and -tx.amount >= ROUND_MIN and tx.amount % ROUND_UNIT == 0:
            found.append(Flag("round_amount", "weak", [tx]))
    order = {t.identity: n for n, t in enumerate(txs)}
    return sorted(found, key=lambda f: (order[f.txs[0].identity], f.code))


def _first_time_payees(live: list[Tx], txs: list[Tx], start: str | None) -> list[Flag]:
    """Outgoing bank or wallet transfers to a personal payee never seen before the scam start
    (first_time_payee; every such transfer after the start), or with no start known, the first
    transfer to a payee not seen in an earlier row (new_payee). An exchange's collection account is
    not a personal payee (its own flags say what it is); sends on an exchange go to addresses."""
    before = {t.key for t in txs if start and t.date < start and t.key}
    counted = {t.identity for t in live}
    seen: set[str] = set()
    out = []
    for tx in txs:
        if tx.identity in counted and tx.kind != "crypto" and tx.direction == "out" and tx.attrs.get("transfer") \
                and not is_fee_row(tx) \
                and not tx.attrs.get("corporate") and tx.key and not is_exchange(tx.key) \
                and (start is None or tx.date >= start):
            if start and tx.key not in before:
                out.append(Flag("first_time_payee", "medium", [tx], {"start": start}))
            elif not start and tx.key not in seen:
                out.append(Flag("new_payee", "medium", [tx]))
        if not start:
            seen.add(tx.key)
    return out


def _payee_churn(first_time: list[Flag]) -> list[Flag]:
    """CHURN_PAYEES or more different first-time personal payees within CHURN_DAYS days: scammers
    rotate the accounts they have victims pay into. One flag per run, on each payee's first row."""
    firsts: dict[str, Tx] = {}
    for flag in first_time:
        firsts.setdefault(flag.txs[0].key, flag.txs[0])
    rows = [t for t in firsts.values() if t.date]  # a row without a date (a year-less statement) is in no run
    out, i = [], 0
    while i < len(rows):
        until = (date.fromisoformat(rows[i].date) + timedelta(days=CHURN_DAYS)).isoformat()
        j = i
        while j < len(rows) and rows[j].date <= until:
            j += 1
        if j - i >= CHURN_PAYEES:
            out.append(Flag("payee_churn", "medium", rows[i:j], {"count": j - i, "days": CHURN_DAYS}))
            i = j
        else:
            i += 1
    return out


@functools.lru_cache(maxsize=4096)
def is_exchange(key: str) -> bool:
    """Whether a payee key is a crypto exchange's collection account (the name, maybe cut short,
    maybe followed by more words)."""
    return any(key.startswith(k) or names_match(key, k) for k in map(holder_key, EXCHANGE_NAMES))


def _exchange_chains(live: list[Tx]) -> list[Flag]:
    """A bank transfer to an exchange's collection account, then external sends on an exchange
    within EXCHANGE_DAYS days."""
    sends = [t for t in live if is_crypto_send(t)]
    out = []
    for tx in live:
        if tx.direction != "out" or tx.kind == "crypto" or not is_exchange(tx.key):
            continue
        after = []
        if tx.date:  # without a date (a year-less statement) no send can be said to follow it
            until = (date.fromisoformat(tx.date) + timedelta(days=EXCHANGE_DAYS)).isoformat()
            after = [s for s in sends if tx.date <= s.date <= until]
        if after:
            out.append(Flag("exchange_chain", "medium", [tx, *after], {"days": EXCHANGE_DAYS}))
        else:
            out.append(Flag("to_exchange", "weak", [tx]))
    return out


# -- the summary ---------------------------------------------------------------------------------

def summarise(txs: list[Tx], records: CaseRecords) -> Summary:
    """Totals per destination account, paid back, net damage, per own account, crypto sends."""
    per_account = {a: AccountSummary(acc, Figure(), Figure()) for a, acc in records.accounts.items()}
    other, paid, back = Figure(), Figure(), Figure()
    by_source: dict[str, Figure] = {}
    holders = _Holders(records)
    for tx in txs:
        if tx.amount is None or tx.fee_of is not None:  # a fee row: its transfer carries it
            continue
        mark, account = mark_of(records, tx), linked(records, tx)
        if mark == "not_scam":
            continue
        status = "confirmed"
        if account is None and mark is None:  # counted as flagged only on the holder's exact name,
            hit = holders.match(tx, exact=True)  # and not before the day the user says the scam began
            if hit is None or (records.scam_start and tx.date < records.scam_start):
                continue
            # a name two recorded accounts share says nothing of which bank: on neither bank's sheet
            status, account = "flagged", hit[0] if holders.equal_count(tx) == 1 else None
        row = Row(tx, status)
        if tx.direction == "in":
            back.rows.append(row)
            if account:
                per_account[account].received.rows.append(row)
            continue
        paid.rows.append(row)
        by_source.setdefault(tx.own_account, Figure()).rows.append(row)
        (per_account[account].paid if account else other).rows.append(row)
    start = records.scam_start or suggested_start(txs, records)
    return Summary(list(per_account.values()), other, back, paid, dict(sorted(by_source.items())),
                   crypto_sends(txs, records), start, records.scam_start is None and start is not None)


def is_crypto_send(tx: Tx) -> bool:
    """A send of crypto out of an exchange or wallet (外部送付, withdrawal): not a sale or a yen withdrawal."""
    a = tx.attrs
    return tx.kind == "crypto" and tx.direction == "out" and tx.amount is None and bool(
        a.get("transfer") or a.get("address") or a.get("txid"))


def crypto_sends(txs: list[Tx], records: CaseRecords) -> list[dict]:
    """External crypto sends by asset: the quantity sent (exact decimals) and every send with its
    address and txid where the statement has them. Sends marked "not about the scam" are left out."""
    assets: dict[str, dict] = {}
    for tx in txs:
        a = tx.attrs
        if not is_crypto_send(tx) or mark_of(records, tx) == "not_scam":
            continue
        group = assets.setdefault(a.get("asset") or "?", {"asset": a.get("asset") or "?", "quantity": Decimal(0),
                                                          "sends": []})
        group["quantity"] += abs(Decimal(a.get("quantity") or 0))
        status = "confirmed" if mark_of(records, tx) == "scam" else "listed"
        group["sends"].append({"tx": tx, "status": status})
    return [{**g, "quantity": str(g["quantity"])} for _, g in sorted(assets.items())]


# -- as JSON (the CLI's --json; the report reads the same) ---------------------------------------

def tx_json(tx: Tx) -> dict:
    a = tx.attrs
    out = {"ref": tx.ref, "identity": tx.identity, "time": tx.time, "amount": tx.amount, "direction": tx.direction,
           "counterparty": tx.counterparty, "description": a.get("description"), "fee": a.get("fee"),
           "own_account": tx.own_account, "fee_rows": [f.ref for f in tx.fee_rows],
           "sources": [{"item": s.item, "file": s.file, "line": s.line} for s in tx.sources]}
    if tx.kind == "crypto":
        out.update({k: a.get(k) for k in ("asset", "quantity", "address", "txid", "network")})
    return out


def figure_json(figure: Figure) -> dict:
    return {"total": figure.total, "confirmed": figure.confirmed, "flagged": figure.flagged, "fees": figure.fees,
            "count": len(figure.rows), "first": figure.first, "last": figure.last,
            "rows": [{**tx_json(r.tx), "status": r.status} for r in figure.rows]}


def summary_json(summary: Summary) -> dict:
    return {
        "scam_start": summary.scam_start, "scam_start_suggested": summary.scam_start_suggested,
        "accounts": [{"account": asdict(a.account), "paid": figure_json(a.paid),
                      "received": figure_json(a.received)} for a in summary.accounts],
        "other_paid": figure_json(summary.other_paid), "paid": figure_json(summary.paid),
        "received_back": figure_json(summary.received_back),
        "net_damage": summary.net_damage, "net_damage_confirmed": summary.net_damage_confirmed,
        "by_source": {label: figure_json(f) for label, f in summary.by_source.items()},
        "crypto": [{"asset": c["asset"], "quantity": c["quantity"],
                    "sends": [{**tx_json(s["tx"]), "status": s["status"]} for s in c["sends"]]}
                   for c in summary.crypto],
    }
