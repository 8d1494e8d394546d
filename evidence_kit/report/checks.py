"""Checks run before an export (spec police-bundle.md section (d)): what an officer or a bank
would find missing or doubtful. Each has a severity: "error" blocks the export until the user
acknowledges it, "warning" and "info" are listed.

A check names the exhibits it concerns, so the user knows where to look. Texts are in
i18n/report_messages.py under "check.<code>".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..i18n import tr
from . import acts
from .model import JST, Bundle, moment

RECENT_DAYS = 14  # a transfer this recent: the destination bank may still be able to freeze it


@dataclass
class Check:
    code: str
    severity: str  # error | warning | info
    exhibits: list[str] = field(default_factory=list)  # labels of the exhibits it concerns
    params: dict = field(default_factory=dict)

    @property
    def blocks(self) -> bool:
        return self.severity == "error"


def run(case, bundle: Bundle, *, today: date, integrity_problems: int = 0) -> list[Check]:
    """Every check that finds something, errors first. `integrity_problems` is the number of
    problems `Case.verify(deep=True)` found just before."""
    found: list[Check] = []
    if integrity_problems:
        found.append(Check("integrity", "error", params={"count": integrity_problems}))
    accounts = [a for _, group in bundle.banks for a in group] if bundle.audience == "bank" else bundle.summary.accounts
    for a in accounts:  # a bank's bundle is held up by its own accounts only
        if not a.paid.rows:
            continue
        acc = a.account
        missing = [name for name, value in (("bank", acc.bank_name), ("branch", acc.branch_name), ("type", acc.type),
                                            ("number", acc.number), ("holder", acc.holder_kana)) if not value]
        if missing:
            found.append(Check("account_incomplete", "error", params={"account": acc.id, "missing": missing}))
    images = [e for e in bundle.exhibits if e.kind == "image"]
    _by_record(case, found, "image_no_time", "warning", [e for e in images if e.time is None])
    _by_record(case, found, "image_not_original", "warning",
               [e for e in images if _attrs(case, e).get("metadata_stripped") or _attrs(case, e).get("via_line")])
    _by_record(case, found, "image_edited", "warning", [e for e in images if _attrs(case, e).get("edited")])
    chats = [e for e in bundle.exhibits if e.kind == "chat"]
    for code, types in (("chat_unsent", ("unsent",)), ("chat_deleted", ("deleted",))):
        hits = [e for e in chats if any(r["type"] in types for r in case.records(e.item_id))]
        if hits:  # who did it, as the chat says: the victim may have unsent a message too
            who = sorted({r.get("sender") or "送信者不明" for e in hits for r in case.records(e.item_id) if r["type"] in types})
            found.append(Check(code, "warning", [e.label for e in hits], params={"who": "、".join(who)}))
    omitted = [e for e in chats if any(r["type"] == "media" and not r["attrs"].get("attachment_present")
                                       and r["attrs"].get("media") != "sticker" for r in case.records(e.item_id))]
    if omitted:
        found.append(Check("chat_media_missing", "warning", [e.label for e in omitted]))
    last = max((e.time for e in bundle.timeline if e.time and e.category != "対応"), default=None,
               key=moment)  # incidents only, by the instant (offsets differ)
    early = [e for e in chats if (saved := (e.item.get("parsed") or {}).get("saved_at")) and last
             and _day(saved) < _day(last)]
    if early:
        found.append(Check("chat_export_early", "warning", [e.label for e in early]))
    if not any(p.names for p in bundle.parties):
        found.append(Check("party_missing", "warning"))
    elif not any(p.identifiers for p in bundle.parties):
        found.append(Check("party_no_identifier", "warning"))
    if bundle.summary.paid.rows and not any(a.who == "police" and a.reference for a in bundle.actions):
        found.append(Check("no_receipt_number", "warning"))
    flagged = [r for r in bundle.summary.paid.rows + bundle.summary.received_back.rows if r.status != "confirmed"]
    if flagged:
        found.append(Check("rows_unconfirmed", "warning", params={"count": len(flagged)}))
    for send in bundle.summary.crypto:
        if any(not s["tx"].attrs.get("txid") or not s["tx"].attrs.get("address") for s in send["sends"]):
            found.append(Check("crypto_no_txid", "warning", params={"asset": send["asset"]}))
    if bundle.contacts is not None:
        _stalking(bundle, found)
    recent = [r for r in bundle.summary.paid.rows if r.tx.date and date.fromisoformat(r.tx.date) >= today - timedelta(RECENT_DAYS)]
    if recent:
        found.append(Check("recent_transfer", "info", params={"count": len(recent), "days": RECENT_DAYS}))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda c: order[c.severity])


def _stalking(bundle: Bundle, found: list[Check]) -> None:
    """Checks 19 and 20: a refusal on record (and shown), and the details of acts done in person."""
    recorded = acts.acts(bundle)
    if not bundle.records.refusals and (recorded or bundle.contacts.from_party):
        found.append(Check("no_refusal", "warning"))
    loose = [r.id for r in acts.refusals(bundle) if not (r.exhibit and bundle.exhibit_of(r.exhibit))]
    if loose:
        found.append(Check("refusal_no_exhibit", "warning", params={"ids": ", ".join(loose)}))
    gaps = [(a.id, [name for name, given in (("time", "T" in a.time), ("place", a.place), ("offender", a.offender),
                                             ("witnesses", a.witnesses)) if not given])
            for a in recorded if a.face_to_face]
    gaps = [(key, names) for key, names in gaps if names]
    if gaps:
        found.append(Check("act_in_person_missing", "warning", params={"acts": gaps}))


def _day(iso: str) -> date:
    """The day in Japan of a record's time."""
    return moment(iso).astimezone(JST).date()


def _attrs(case, ex) -> dict:
    records = case.records(ex.item_id)
    return (records[0].get("attrs") or {}) if records else {}


def _by_record(case, found: list[Check], code: str, severity: str, exhibits) -> None:
    if exhibits:
        found.append(Check(code, severity, [e.label for e in exhibits]))


FIELDS = {"bank": {"ja": "金融機関", "en": "bank"}, "branch": {"ja": "支店", "en": "branch"},
          "type": {"ja": "種別", "en": "type"}, "number": {"ja": "口座番号", "en": "number"},
          "holder": {"ja": "名義（カナ）", "en": "holder name"}}


def message(check: Check, lang: str = "ja") -> str:
    """The check as the user reads it: "[要対応] ..." with the exhibits it concerns."""
    params = dict(check.params)
    if "missing" in params:
        params["missing"] = ("・" if lang == "ja" else ", ").join(FIELDS[f][lang] for f in params["missing"])
    if "acts" in params:  # [(act id, [field, ...])] -> 1（場所・目撃者）、3（時刻）
        params["acts"] = ("、" if lang == "ja" else "; ").join(
            (f"{key}（{'・'.join(tr('act.field.' + f, lang) for f in names)}）" if lang == "ja"
             else f"act {key} ({', '.join(tr('act.field.' + f, lang) for f in names)})") for key, names in params["acts"])
    params["exhibits"] = ("、" if lang == "ja" else ", ").join(check.exhibits)
    return f"[{tr('check.severity.' + check.severity, lang)}] {tr('check.' + check.code, lang, **params)}"
