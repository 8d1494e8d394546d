"""One chronological sequence of everything the case shows happened: every chat message, every
screenshot or photo, every e-mail, every statement row (a transfer's fee rows attached to it), every
crypto row, the actions the victim took and the acts and refusals they recorded.

Each event keeps the time exactly as recorded (ISO 8601 with its offset, or a day alone), where that
time came from, and the item and line it was read from. Events are ordered by the instant they mean
(a time without an offset, or a day alone, as Japan time: the report's rule, `report.model.moment`);
events with no time at all come last, each with the reason. The GUI's evidence list and timeline
read this; nothing here draws.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

from . import caserecords, custody, money
from ..report.jptime import offset_text
from ..report.model import CHAT_FORMATS, PLATFORM, account_text, moment

JST = timezone(timedelta(hours=9))
KINDS = ("message", "image", "email", "money", "crypto", "action", "act", "refusal", "file")
CHAT_TYPES = ("message", "media", "call", "unsent", "deleted", "system", "unparsed")
# why an item, or a line, has no time (message key "views.reason_<code>")
REASONS = ("no_time_in_file", "not_read", "read_failed", "empty", "no_time_on_line")
_WHATSAPP_TITLE = re.compile(r"^WhatsApp(?: Chat - |チャット - |\s*Chat with |\s*-\s*)(.+?)(?:\.zip|\.txt)?$", re.I)


@dataclass(slots=True)
class Event:
    time: str | None  # as recorded: "2024-05-01T20:14:00+09:00", or a day alone "2024-06-14"
    kind: str  # one of KINDS
    source: str  # where the time came from: chat-line, exif, exif-offset, png-text, file-name, date-header,
    # pdf-info, statement, entered (typed in by the victim); "" when there is no time
    item: str | None = None  # the item it was read from (None for what the victim entered)
    line: int | None = None  # the first source line (a chat message, a statement row)
    who: str = ""  # sender, payee or payer, e-mail sender, organisation
    text: str = ""  # the exact text: a message, a row's description, an e-mail's subject, an action
    sub: str = ""  # message: its record type (message, media, call, unsent, deleted, system, unparsed);
    # money: out / in; crypto: send / other; file: the item's format
    side: str = ""  # a chat message: "other" (the other party), "self" (the victim), "" when not known
    amount: int | None = None  # yen, always positive (sub says the direction)
    fee: int | None = None  # yen: the fee rows charged for this transfer
    reason: str = ""  # no time: why (REASONS)
    attrs: dict = field(default_factory=dict)  # what the view shows besides: platform, chat, account, status ...
    at: datetime | None = None  # the instant (JST) it is ordered by; None when there is no time
    _hay: str | None = None  # the text search looks in (normalised once, when first searched)

    @property
    def day(self) -> date | None:
        """The day in Japan time, or None."""
        return self.at.date() if self.at is not None else None


def events(case, *, kinds: Iterable[str] | None = None, since: date | str | None = None,
           until: date | str | None = None, party: str | None = None, text: str | None = None) -> list[Event]:
    """Every event of an unlocked case in time order, filtered (see `select`)."""
    return select(all_events(case), kinds=kinds, since=since, until=until, party=party, text=text,
                  records=caserecords.load(case) if party else None)


def all_events(case, cancel=None) -> list[Event]:
    """Every event of an unlocked case, in time order; those without a time last. `cancel()` (optional)
    is asked between items: EvidenceKitError("cancelled") when it says so."""
    records = caserecords.load(case)
    items = [i for i in case.items() if not i.get("duplicate_of")]  # the same bytes twice: shown once
    out: list[Event] = []
    party_names = {norm(n) for p in records.parties.values() for n in p.names if n.strip()}
    members = {(i.get("container"), i["original_name"]): i["id"] for i in items if i.get("container")}
    for item in items:
        _check(cancel)
        parsed = item.get("parsed") or {}
        fmt = parsed.get("format")
        if fmt in money.MONEY_FORMATS:
            continue  # its rows come from core.money below, each transaction once
        out.extend(_item_events(case, item, fmt, party_names, members))
    _check(cancel)
    # money.case_transactions, but reading only the statements' records (a chat's are not needed again)
    txs = money.collect((i, case.records(i["id"])) for i in items
                        if (i.get("parsed") or {}).get("format") in money.MONEY_FORMATS)
    out.extend(_money_events(txs, records))
    have = {e.item for e in out} | {s.item for tx in txs for s in tx.sources}
    out.extend(_untimed_item(i) for i in items if i["id"] not in have)  # a statement with no row, a file not read
    out.extend(_entered_events(records))
    return order(out, {i["id"]: i.get("seq", 0) for i in items})


def order(evs: list[Event], seq: dict[str, int] | None = None) -> list[Event]:
    """Set each event's instant and sort by it (stable: the same instant keeps the given order); those
    without a time after them, in the order of their items (`seq`: item id -> custody seq) and lines,
    what the victim entered last."""
    cache: dict[str, datetime] = {}
    for ev in evs:
        if ev.time:
            at = cache.get(ev.time)
            if at is None:
                at = cache[ev.time] = moment(ev.time).astimezone(JST)
            ev.at = at
        else:
            ev.at = None
    seq = seq or {}
    timed = sorted((e for e in evs if e.at is not None), key=lambda e: e.at)
    untimed = sorted((e for e in evs if e.at is None),
                     key=lambda e: (e.item is None, seq.get(e.item, 0), e.line or 0))
    return timed + untimed


def _check(cancel) -> None:
    if cancel is not None and cancel():
        from .errors import EvidenceKitError

        raise EvidenceKitError("cancelled")


# -- items ---------------------------------------------------------------------------------------

def _item_events(case, item: dict, fmt: str | None, party_names: set[str], members: dict) -> list[Event]:
    item_id = item["id"]
    if fmt in CHAT_FORMATS:
        return _chat_events(case, item, fmt, party_names, members)
    if fmt in ("image", "email", "media"):
        record = next(iter(case.records(item_id)), None)
        if record is None or not record.get("time"):
            return [_untimed_item(item)]
        attrs = record.get("attrs") or {}
        name = item["original_name"]
        if fmt == "image":
            return [Event(record["time"], "image", attrs.get("time_source", ""), item_id, who="", text=name,
                          sub="photo" if item.get("container") else "image",
                          attrs={"name": name, "time_raw": record.get("time_raw"), "container": item.get("container")})]
        if fmt == "email":
            return [Event(record["time"], "email", attrs.get("time_source", "date-header"), item_id,
                          who=record.get("sender") or "", text=attrs.get("subject") or "",
                          attrs={"name": name, "to": attrs.get("to") or "", "time_raw": record.get("time_raw")})]
        return [Event(record["time"], "file", attrs.get("time_source", ""), item_id, text=name, sub=fmt,
                      attrs={"name": name, "time_raw": record.get("time_raw")})]
    return []


def _chat_events(case, item: dict, fmt: str, party_names: set[str], members: dict) -> list[Event]:
    item_id = item["id"]
    parsed = item.get("parsed") or {}
    chat = parsed.get("chat") or _whatsapp_title(item["original_name"]) or ""
    platform = PLATFORM[fmt]
    rows = [r for r in case.records(item_id) if r["type"] in CHAT_TYPES]
    sides = _sides(rows, chat, parsed.get("chat_kind"), party_names)
    out = []
    for r in rows:
        attrs = r.get("attrs") or {}
        extra = {"platform": platform, "chat": chat, "end_line": r.get("end_line"), "time_raw": r.get("time_raw")}
        for key in ("media", "attachment", "call", "duration"):
            if attrs.get(key):
                extra[key] = attrs[key]
        if attrs.get("attachment"):
            extra["attachment_item"] = members.get((item_id, attrs["attachment"]))
        sender = r.get("sender") or ""
        ev = Event(r.get("time"), "message", "chat-line" if r.get("time") else "", item_id, r["line"], sender,
                   r.get("text") or "", r["type"], sides.get(sender, "") if r["type"] != "system" else "",
                   attrs=extra)
        if not ev.time:
            ev.reason = "no_time_on_line"
        out.append(ev)
    if not out:
        return [_untimed_item(item)]
    return out


def _whatsapp_title(name: str) -> str:
    m = _WHATSAPP_TITLE.match(name)
    return m.group(1).strip() if m else ""


def _sides(rows: list[dict], chat: str, chat_kind: str | None, party_names: set[str]) -> dict[str, str]:
    """Who is the other party and who the victim, for the bubbles. A sender is the other party when
    the victim recorded that name for a party, or when it is the name of a one-to-one chat (LINE's
    title, the WhatsApp export's file name); in a one-to-one chat with two senders, the other sender
    is then the victim. Otherwise it is not told."""
    senders = list(dict.fromkeys(r["sender"] for r in rows if r.get("sender") and r["type"] != "system"))
    other = {s for s in senders if norm(s) in party_names}
    private = chat_kind in (None, "private")
    if private and chat:
        other |= {s for s in senders if norm(s) == norm(chat)}
    sides = {s: "other" for s in other}
    if private and len(senders) == 2 and len(other) == 1:
        sides.update({s: "self" for s in senders if s not in other})
    return sides


def _untimed_item(item: dict) -> Event:
    parsed = item.get("parsed") or {}
    if item.get("size") == 0:
        reason = "empty"
    elif "refused" in parsed or "failed" in parsed:
        reason = "read_failed"
    elif not parsed:
        reason = "not_read"
    else:
        reason = "no_time_in_file"
    kind = "image" if parsed.get("format") == "image" else "email" if parsed.get("format") == "email" else "file"
    return Event(None, kind, "", item["id"], text=item["original_name"], sub=parsed.get("format") or "",
                 reason=reason, attrs={"name": item["original_name"]})


# -- money ---------------------------------------------------------------------------------------

def _money_events(txs: list[money.Tx], records: caserecords.CaseRecords) -> list[Event]:
    """Each statement row once (a fee row goes with its transfer), with what the case says of it: paid
    to the scam or paid back (confirmed by the victim, or flagged by the payee's name), the account it
    is linked to, the victim's mark."""
    summary = money.summarise(txs, records)
    role: dict[str, tuple[str, str]] = {}
    for name, figure in (("paid", summary.paid), ("back", summary.received_back)):
        for row in figure.rows:
            role[row.tx.identity] = (name, row.status)
    out = []
    for tx in txs:
        if tx.fee_of is not None:
            continue
        a = tx.attrs
        linked = money.linked(records, tx)
        account = records.accounts.get(linked) if linked else None
        what, status = role.get(tx.identity, ("", ""))
        attrs = {"role": what, "status": status, "mark": money.mark_of(records, tx) or "",
                 "account": account_text(account) if account else "", "own_account": tx.own_account,
                 "tx_type": a.get("tx_type") or "", "balance": a.get("balance"), "time_raw": None,
                 "sources": [(s.item, s.file, s.line) for s in tx.sources], "fee_lines": [f.ref for f in tx.fee_rows]}
        source = tx.sources[0]
        who = tx.counterparty
        text = a.get("description") or ""
        if tx.kind == "crypto":
            attrs.update({k: a.get(k) for k in ("asset", "quantity", "address", "txid", "network")})
            ev = Event(tx.time or None, "crypto", "statement" if tx.time else "", source.item, source.line, who or "",
                       text, "send" if money.is_crypto_send(tx) else "other", attrs=attrs)
        else:
            fee = a.get("fee") if isinstance(a.get("fee"), int) else None
            ev = Event(tx.time or None, "money", "statement" if tx.time else "", source.item, source.line, who, text,
                       "in" if tx.direction == "in" else "out",
                       amount=abs(tx.amount) if isinstance(tx.amount, int) else None, fee=fee, attrs=attrs)
        if not ev.time:
            ev.reason = "no_time_on_line"
        out.append(ev)
    return out


# -- what the victim entered ---------------------------------------------------------------------

def _entered_events(records: caserecords.CaseRecords) -> list[Event]:
    out = [Event(a.date, "action", "entered", who=a.organisation, text=a.what, sub=a.who,
                 attrs={"reference": a.reference, "id": a.id}) for a in records.actions.values()]
    # stalking records (caserecords.Act, Refusal), read field by field: a record of another shape
    # still shows what it has
    for kind, table in (("act", "acts"), ("refusal", "refusals")):
        found = getattr(records, table, None) or {}
        for key, value in (found.items() if isinstance(found, dict) else enumerate(found)):
            when = _field(value, "time", "date")
            if not isinstance(when, str) or not _is_iso(when):
                when = None
            exhibits = _field(value, "exhibits") or [_field(value, "exhibit")]
            item = next((e for e in exhibits if isinstance(e, str) and e), None) if isinstance(exhibits, list) else None
            attrs = {"id": str(_field(value, "id") or key), "exhibits": [e for e in exhibits if isinstance(e, str) and e]
                     if isinstance(exhibits, list) else []}
            for name in ("approx", "place", "url", "offender", "witnesses", "police", "method"):
                got = _field(value, name)
                if got not in (None, ""):
                    attrs[name] = got
            out.append(Event(when, kind, "entered" if when else "", item,
                             text=str(_field(value, "description", "content", "what", "text") or ""),
                             who=str(_field(value, "offender") or ""),
                             sub=str(_field(value, "act_type", "method") or ""),
                             reason="" if when else "no_time_on_line", attrs=attrs))
    return out


def _field(value, *names):
    for name in names:
        got = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
        if got not in (None, ""):
            return got
    return None


def _is_iso(text: str) -> bool:
    try:
        moment(text)
    except ValueError:
        return False
    return True


# -- filters -------------------------------------------------------------------------------------

def select(evs: list[Event], *, kinds: Iterable[str] | None = None, since: date | str | None = None,
           until: date | str | None = None, party: str | None = None, text: str | None = None,
           records: caserecords.CaseRecords | None = None) -> list[Event]:
    """The events that pass every filter given, in the same order:
    kinds: only these kinds (KINDS); since / until: only events on these days or between them
    (Japan time, both included; an event with no time is then left out); party: only what this
    person sent or received: a sender, payee or e-mail sender of that name, or, when it is a recorded
    party's id or one of its names, any of that party's names and identifiers; text: only events
    whose text, person, file or account holds it (width, case and invisible marks ignored)."""
    kinds = set(kinds) if kinds is not None else None
    first = date.fromisoformat(since) if isinstance(since, str) else since
    last = date.fromisoformat(until) if isinstance(until, str) else until
    names = party_names(party, records) if party else None
    needle = norm(text) if text and text.strip() else None
    out = []
    for ev in evs:
        if kinds is not None and ev.kind not in kinds:
            continue
        if first is not None or last is not None:
            day = ev.day
            if day is None or (first is not None and day < first) or (last is not None and day > last):
                continue
        if names is not None and not (_person_keys(ev.who) & names):
            continue
        if needle is not None and needle not in haystack(ev):
            continue
        out.append(ev)
    return out


def party_names(party: str, records: caserecords.CaseRecords | None) -> set[str]:
    """The normalised names a party filter matches."""
    names = {norm(party)}
    for p in (records.parties.values() if records else ()):
        own = {norm(n) for n in p.names if n.strip()} | {norm(i.get("value", "")) for i in p.identifiers}
        if party == p.id or norm(party) in own:
            names |= own
    names.discard("")
    return names


def _person_keys(who: str) -> set[str]:
    """"Ken", or for an e-mail sender "Name <a@b>": the whole, the name and the address."""
    if not who:
        return set()
    keys = {norm(who)}
    m = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", who)
    if m:
        keys |= {norm(m.group(1).strip('"')), norm(m.group(2))}
    return keys


def haystack(ev: Event) -> str:
    if ev._hay is None:
        a = ev.attrs
        parts = [ev.text, ev.who, a.get("name"), a.get("account"), a.get("attachment"), a.get("chat"),
                 a.get("reference"), a.get("asset"), a.get("address"), a.get("tx_type")]
        if ev.amount is not None:
            parts += [str(ev.amount), f"{ev.amount:,}"]
        ev._hay = norm("\n".join(str(p) for p in parts if p))
    return ev._hay


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def norm(text: str) -> str:
    """For matching only (never shown, never stored): NFKC, case folded, invisible marks dropped."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold().strip()


def people(evs: list[Event]) -> list[str]:
    """Who sent or wrote the messages and e-mails, most frequent first (the party filter's choices)."""
    counts = Counter(ev.who for ev in evs if ev.who and ev.kind in ("message", "email"))
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# -- per item ------------------------------------------------------------------------------------

def item_times(items: list[dict], evs: list[Event]) -> dict[str, tuple[str | None, str]]:
    """When each item is from and where that time came from, for the evidence list: its first event
    with a time (a photo's capture time, a chat's first message, a statement's first row, an e-mail's
    Date), else a statement's first day, else the file's modification time as it was found
    ("file-mtime"), else the import time ("import")."""
    found: dict[str, tuple[str | None, str]] = {}
    for ev in evs:  # in time order: the first seen is the earliest
        if ev.time is None:
            continue
        for item in [s[0] for s in ev.attrs.get("sources", ())] or [ev.item]:
            if item is not None and item not in found:
                found[item] = (ev.time, ev.source)
    for item in items:
        if item["id"] in found:
            continue
        period = (item.get("parsed") or {}).get("period") or [None]
        if period[0]:
            found[item["id"]] = (period[0], "statement")
        elif item.get("mtime"):
            found[item["id"]] = (jst(item["mtime"]), "file-mtime")
        else:
            found[item["id"]] = (jst(item.get("imported_at")), "import")
    return found


def jst(utc: str | None) -> str | None:
    """A file system or import time (UTC, "…Z") in Japan time, to the second: an instant, not a
    time recorded in some zone, so it is shown in the views' zone alone."""
    if not utc:
        return None
    try:
        return datetime.fromisoformat(utc).astimezone(JST).isoformat(timespec="seconds")
    except ValueError:
        return utc


def custody_of(docs: list[dict], item_id: str) -> list[dict]:
    """The custody entries about one item, oldest first: its import, duplicate notes, case records
    that name it (links, marks, notes), exports that numbered it."""
    out = []
    for doc in docs:
        data = doc.get("data") if isinstance(doc.get("data"), dict) else {}
        numbers = doc.get("numbers") if isinstance(doc.get("numbers"), dict) else {}
        if doc.get("item") == item_id or data.get("item") == item_id or item_id in numbers \
                or (doc.get("event") == caserecords.EVENT and doc.get("id") == item_id):
            out.append(doc)
    return out


def case_docs(case) -> list[dict]:
    return [custody.doc_of(e) for e in case.entries()]


def short_time(iso: str | None) -> str:
    """A recorded time as the views show it: "2024-05-01 20:14" in Japan time ("2024-06-14" for a day
    alone); a time from another zone also as it was recorded: "2024-05-01 07:14 (2024-04-30 18:14 UTC-04:00)".
    "" when there is none."""
    if not iso:
        return ""
    if "T" not in iso:
        return iso
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        return when.strftime("%Y-%m-%d %H:%M")
    text = when.astimezone(JST).strftime("%Y-%m-%d %H:%M")
    if when.utcoffset() != JST.utcoffset(None):
        text += f" ({when.strftime('%Y-%m-%d %H:%M')} {offset_text(iso)})"
    return text
