"""Stalking and online harassment in the bundle (police-bundle.md (a) row 8): whether the case is
one, and what the evidence counts after the victim's first refusal: the other party's messages,
calls and e-mails per day.

Under the ストーカー規制法 repeated calls and messages count only once the victim has refused them,
so the first refusal on record is where the counting starts. A message is the other party's when its
sender, as the chat or the e-mail gives it, is one of the names or identifiers recorded for the other
party (compared without regard to full-width/half-width forms, case and spaces; a phone number by
its digits). The bundle prints which senders were counted and which were not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from ..core.caserecords import Act, Party, Refusal
from .model import JST, Bundle, moment

STALKING_WORDS = ("ストーカー", "つきまとい", "付きまとい", "つけまわ", "付け回", "嫌がらせ", "ハラスメント", "stalk", "harass")
MESSAGE_TYPES = ("message", "media", "unsent", "deleted")  # what the other party sent (a call is counted apart)
ID_KINDS = ("line_id", "whatsapp", "phone", "email", "other")  # identifiers a sender can be written as


def is_stalking(bundle: Bundle) -> bool:
    """A stalking or harassment case: the overview says so, or an act is recorded."""
    case_type = ((bundle.records.report.get("overview") or {}).get("case_type") or "").casefold()
    return bool(bundle.records.acts) or any(w in case_type for w in STALKING_WORDS)


def acts(bundle: Bundle) -> list[Act]:
    """The acts in order of time (an approximate day before the acts timed within it)."""
    return sorted(bundle.records.acts.values(), key=lambda a: (moment(a.time), len(a.id), a.id))


def refusals(bundle: Bundle) -> list[Refusal]:
    return sorted(bundle.records.refusals.values(), key=lambda r: (moment(r.time), len(r.id), r.id))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _phone(text: str) -> str:
    """The digits of a phone number, a Japanese one with +81 written as the 0 it stands for."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
    return "0" + digits[2:] if digits.startswith("81") and len(digits) >= 11 else digits


class PartyMatcher:
    """Whether a chat or e-mail sender is the other party (see the module's docstring)."""

    def __init__(self, parties: list[Party]):
        self.shown = [n for p in parties for n in p.names if n.strip()]
        self.shown += [i["value"] for p in parties for i in p.identifiers
                       if i.get("kind") in ID_KINDS and i.get("value", "").strip()]
        self.keys = {_norm(v) for v in self.shown}
        self.phones = {d for v in self.shown if len(d := _phone(v)) >= 8}

    def __call__(self, sender: str | None) -> bool:
        if not sender or not sender.strip():
            return False
        name, _, address = sender.partition("<")  # "Name <address>" of an e-mail
        if {_norm(sender), _norm(name), _norm(address.rstrip(">"))} & self.keys:
            return True
        digits = _phone(sender)
        return len(digits) >= 8 and digits in self.phones


@dataclass
class Day:
    day: str  # YYYY-MM-DD in Japan
    messages: int = 0
    calls: int = 0
    mails: int = 0
    exhibits: list[str] = field(default_factory=list)  # labels of the exhibits they are in

    @property
    def total(self) -> int:
        return self.messages + self.calls + self.mails


@dataclass
class Contacts:
    """The other party's contacts after the first refusal."""

    refusal: Refusal | None  # the first refusal; None: none recorded, nothing is counted after
    days: list[Day]  # the days with at least one contact, in order
    counted: list[str]  # the senders counted as the other party (as the evidence writes them)
    not_counted: list[str]  # the other senders after the refusal (the victim, others)
    keys: list[str]  # the names and identifiers recorded for the other party
    from_party: int  # every contact of the other party in the evidence, before or after
    acts_after: int  # acts recorded after the refusal

    @property
    def total(self) -> int:
        return sum(d.total for d in self.days)


def after(refusal: Refusal | None, time: str) -> bool:
    """Whether `time` comes after the refusal: after its moment; for a refusal known by its day
    only, from the next day on (the hour of the refusal that day is not known)."""
    if refusal is None:
        return False
    if "T" not in refusal.time:
        return moment(time) >= moment(refusal.time) + timedelta(days=1)
    return moment(time) > moment(refusal.time)


def contacts(case, bundle: Bundle) -> Contacts:
    """Count the other party's messages, calls and e-mails in the chats and e-mails of the bundle."""
    match = PartyMatcher(bundle.parties)
    first = (refusals(bundle) or [None])[0]
    days: dict[str, Day] = {}
    counted: Counter = Counter()
    others: Counter = Counter()
    from_party = 0
    for ex in bundle.exhibits:
        if ex.kind == "chat":
            rows = [(r.get("time"), r.get("sender"), "calls" if r["type"] == "call" else "messages")
                    for r in case.records(ex.item_id) if r["type"] in MESSAGE_TYPES + ("call",)]
        elif ex.kind == "email":
            rows = [(r.get("time"), r.get("sender"), "mails") for r in case.records(ex.item_id)[:1]]
        else:
            continue
        for time, sender, what in rows:
            if not time:
                continue
            ours = match(sender)
            from_party += ours
            if not after(first, time):
                continue
            if not ours:
                others[sender or "（送信者不明）"] += 1
                continue
            counted[sender] += 1
            key = moment(time).astimezone(JST).date().isoformat()
            day = days.setdefault(key, Day(key))
            setattr(day, what, getattr(day, what) + 1)
            if ex.label not in day.exhibits:
                day.exhibits.append(ex.label)
    return Contacts(first, [days[d] for d in sorted(days)], [s for s, _ in counted.most_common()],
                    [s for s, _ in others.most_common()], match.shown, from_party,
                    sum(after(first, a.time) for a in bundle.records.acts.values()))
