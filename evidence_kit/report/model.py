"""The bundle as plain data: what goes in each section, built from an unlocked case.

Nothing here draws: `report.pdf` renders a `Bundle`. Everything shown is taken from the case
(items, their parsed records, the case records the victim entered, the money summary, the custody
log), so the same case gives the same bundle. Exhibit numbers are kept in the custody log
(`exhibit-numbers` events): once exported, an item keeps its number, and new items come after.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from ..core import caserecords, custody, money, timestamps
from ..core.caserecords import Action, CaseRecords, DestinationAccount, Party
from ..i18n import MESSAGES, tr

AUDIENCES = ("police", "lawyer", "bank")
PREFIX = {"police": "資料", "lawyer": "甲", "bank": "資料"}
EXPORT_EVENT = "export"
CHAT_FORMATS = ("line", "whatsapp")
PLATFORM = {"line": "LINE", "whatsapp": "WhatsApp"}
JST = timezone(timedelta(hours=9))


@dataclass
class Exhibit:
    """One exhibit: an item of the case, with the columns of the 証拠説明書."""

    number: str  # "1", or "3-1" for the first part of exhibit 3 (a photo sent in a chat)
    label: str  # 資料1, 甲3の1
    item: dict  # the item's manifest, as Case.items() gives it
    kind: str  # image | chat | statement | email | media | other
    title: str  # 標目
    copy: str  # 原本・写しの別
    made: str  # 作成年月日 (ISO dates; the renderer writes them in 和暦)
    author: str  # 作成者
    purpose: str  # 立証趣旨
    time: str | None  # when it is from (the first time it shows), for ordering
    time_source: str  # where that time came from
    sent: tuple[str, str] | None = None  # (platform, sender) of a file that came in a chat
    key: bool = False  # the victim marked it as key evidence

    @property
    def item_id(self) -> str:
        return self.item["id"]


@dataclass
class Event:
    """One row of the 時系列表: facts only, each with the exhibit that shows it."""

    time: str | None
    category: str  # 接触 / 送金 / 受取 / 画像 / メール / 対応 ...
    text: str
    means: str  # LINE, WhatsApp, bank transfer, police station ...
    amount: int | None = None
    exhibit: str = ""
    anchor: str = ""  # where in the exhibits it is (the renderer turns it into a page number)
    approx: bool = False  # the victim gave the time as approximate: printed with 頃


@dataclass
class Bundle:
    audience: str
    prefix: str
    case_id: str
    records: CaseRecords
    exhibits: list[Exhibit]
    timeline: list[Event]
    summary: money.Summary
    transactions: list[money.Tx]
    integrity: dict
    banks: list[tuple[str, list[money.AccountSummary]]] = field(default_factory=list)  # bank audience
    new_numbers: dict = field(default_factory=dict)  # item id -> number given in this export
    # (number, label) of exhibits numbered at an earlier export that the victim has since left out:
    # the number stays theirs, and the 証拠目録 says it is withheld
    withheld: list[tuple[str, str]] = field(default_factory=list)
    contacts: object = None  # report.acts.Contacts of a stalking case, else None
    # bank audience: account id -> the items besides statements that show transfers to it (a slip, a
    # bank's e-mail)
    receipts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def parties(self) -> list[Party]:
        return list(self.records.parties.values())

    @property
    def accounts(self) -> list[DestinationAccount]:
        return list(self.records.accounts.values())

    @property
    def actions(self) -> list[Action]:
        return sorted(self.records.actions.values(), key=lambda a: a.date)

    def exhibit_of(self, item_id: str) -> Exhibit | None:
        return next((e for e in self.exhibits if e.item_id == item_id), None)


def build(case, audience: str = "police", bank: str | None = None) -> Bundle:
    """The bundle of an unlocked case for `audience` (police, lawyer, bank; `bank` names the bank
    code a bank bundle is for)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    docs = [custody.doc_of(e) for e in case.entries()]
    records = caserecords.fold(docs)
    items = [i for i in case.items() if not i.get("duplicate_of")]
    txs = money.case_transactions(case)
    summary = money.summarise(txs, records)
    prefix = PREFIX[audience]
    excluded = {i for i, note in records.items.items() if note.get("excluded")}
    exhibits = [_noted(_exhibit(case, item), records.items.get(item["id"], {}))
                for item in items if item["id"] not in excluded]
    numbers, new = _numbers(docs, exhibits)
    for ex in exhibits:
        ex.number = numbers[ex.item_id]
        ex.label = label(prefix, ex.number)
    exhibits.sort(key=lambda e: _order(e.number))
    withheld = sorted(((numbers[i["id"]], label(prefix, numbers[i["id"]])) for i in items
                       if i["id"] in excluded and i["id"] in numbers), key=lambda w: _order(w[0]))
    banks = bank_groups(summary, bank) if audience == "bank" else []
    receipts: dict[str, list[str]] = {}
    if audience == "bank":  # that bank's accounts, the exhibits that prove the transfers to them, actions for it
        mine = [a.account for _, group in banks for a in group]
        others = [a for a in records.accounts.values() if a.id not in {m.id for m in mine}]
        receipts = _receipts(case, exhibits, mine, others)
        shown = {row.tx.sources[0].item for _, group in banks for a in group for row in a.paid.rows + a.received.rows}
        shown |= {i for ids in receipts.values() for i in ids}
        exhibits = [e for e in exhibits if e.item_id in shown]
        withheld = []  # a bank is shown its own exhibits, not the gaps in the numbering of the others
        records = dataclasses.replace(records, actions={k: a for k, a in records.actions.items()
                                                        if _for_bank(a, mine, others)})
    bundle = Bundle(audience, prefix, case.case_id, records, exhibits, [], summary, txs,
                    _integrity(case, docs, items), banks=banks, new_numbers=new, withheld=withheld,
                    receipts=receipts)
    bundle.timeline = _timeline(case, bundle)
    if audience != "bank":
        from . import acts  # it reads the model's types

        bundle.contacts = acts.contacts(case, bundle) if acts.is_stalking(bundle) else None
    return bundle


def _mentions(text: str, number: str) -> bool:
    """Whether a text (NFKC) holds an account number as a number of its own (leading zeros allowed)."""
    return bool(number) and re.search(rf"(?<!\d)0*{re.escape(number.lstrip('0'))}(?!\d)", text) is not None


def _receipts(case, exhibits: list[Exhibit], mine: list[DestinationAccount],
              others: list[DestinationAccount]) -> dict[str, list[str]]:
    """account id -> the items that show a transfer to it besides the statements: one a transfer
    record names as its evidence (by file name or the start of its id), and an e-mail that gives
    the account's number and no number of another recorded account (a bank's receipt)."""
    found: dict[str, list[str]] = {a.id: [] for a in mine}
    for a in mine:
        for transfer in a.transfers:
            named = unicodedata.normalize("NFKC", transfer.get("evidence", ""))
            found[a.id] += [e.item_id for e in exhibits if e.item["original_name"] in named
                            or re.search(rf"(?<![0-9a-f]){e.item_id[:8]}", named.lower())]
    for e in exhibits:
        if e.kind != "email":
            continue
        record = (case.records(e.item_id) or [{}])[0]
        text = unicodedata.normalize("NFKC", f"{(record.get('attrs') or {}).get('subject') or ''}\n{record.get('text') or ''}")
        if any(_mentions(text, o.number) for o in others):
            continue
        found.update({a.id: found[a.id] + [e.item_id] for a in mine if _mentions(text, a.number)})
    return {k: list(dict.fromkeys(v)) for k, v in found.items() if v}


def _for_bank(action: Action, mine: list[DestinationAccount], others: list[DestinationAccount]) -> bool:
    """Whether a bank's bundle shows an action: one addressed to that bank (named in it), or one
    not addressed to a bank at all; never one that gives another recorded account's number."""
    text = unicodedata.normalize("NFKC", f"{action.organisation} {action.what} {action.reference}")
    if any(_mentions(text, o.number) for o in others):
        return False
    names = {unicodedata.normalize("NFKC", n) for a in mine for n in (a.bank_name, a.bank_code) if n}
    return action.who != "bank" or any(n in text for n in names)


def _order(number: str) -> list[int]:
    """"6-1" -> [6, 1]: exhibits in the order of their numbers."""
    return [int(p) for p in number.split("-")]


def _noted(ex: Exhibit, note: dict) -> Exhibit:
    """The exhibit with the victim's own 標目, 立証趣旨 and 作成者 where they wrote one."""
    ex.title = note.get("title") or ex.title
    ex.purpose = note.get("purpose") or ex.purpose
    ex.author = note.get("author") or ex.author
    ex.key = bool(note.get("key"))
    return ex


def bank_groups(summary: money.Summary, bank: str | None = None) -> list[tuple[str, list[money.AccountSummary]]]:
    """The destination accounts that money was paid to, by bank (name, with its code when known);
    only the bank whose code or name is `bank` when it is given."""
    groups: dict[str, list[money.AccountSummary]] = {}
    for a in summary.accounts:
        if not a.paid.rows:
            continue
        if bank is not None and bank not in (a.account.bank_code, a.account.bank_name):
            continue
        name = a.account.bank_name or "（金融機関名なし）"
        groups.setdefault(f"{name}（{a.account.bank_code}）" if a.account.bank_code else name, []).append(a)
    return list(groups.items())


def label(prefix: str, number: str) -> str:
    """資料3, 甲3の1"""
    main, _, part = number.partition("-")
    return f"{prefix}{main}の{part}" if part else f"{prefix}{main}"


# -- exhibit numbers -----------------------------------------------------------------------------

def _numbers(docs: list[dict], exhibits: list[Exhibit]) -> tuple[dict, dict]:
    """Every item's number: the one logged at an earlier export, else a new one after the highest
    (in order of the time the items are from, then of import; a file that came inside a chat's zip
    is a part of that chat's exhibit). Items left out of the bundle (not in `exhibits`) get no new
    number, but keep the one they had: nobody else ever gets it. Returns (all numbers, the new ones)."""
    known: dict[str, str] = {}
    for doc in docs:
        if doc.get("event") == EXPORT_EVENT and isinstance(doc.get("numbers"), dict):
            known.update({k: v for k, v in doc["numbers"].items() if isinstance(v, str)})
    top = max((int(n.split("-")[0]) for n in known.values()), default=0)
    new: dict[str, str] = {}
    main = [e for e in exhibits if not e.item.get("container")]
    for ex in sorted(main, key=lambda e: (moment(e.time), e.item["seq"])):
        if ex.item_id not in known:
            top += 1
            new[ex.item_id] = str(top)
    numbers = {**known, **new}
    items = [e.item for e in exhibits]
    shown = {e.item_id for e in exhibits}
    for item in items:
        parent = item.get("container")
        if parent and item["id"] not in numbers and parent in numbers and parent in shown:
            parts = [n for n in numbers.values() if n.startswith(numbers[parent] + "-")]
            new[item["id"]] = numbers[item["id"]] = f"{numbers[parent]}-{len(parts) + 1}"
    for item in items:  # a member whose container is not in the bundle stands alone
        if item["id"] not in numbers:
            top += 1
            new[item["id"]] = numbers[item["id"]] = str(top)
    return numbers, new


def record_export(case, bundle: Bundle, *, file: str, sha256: str, pages: int) -> None:
    """Log a finished export: what was written (name, SHA-256, pages, audience) and the exhibit
    numbers it gave for the first time, so that they never change."""
    case.record(EXPORT_EVENT, {"what": "pdf", "audience": bundle.audience, "file": file, "sha256": sha256,
                               "pages": pages, "numbers": bundle.new_numbers})


# -- exhibits ------------------------------------------------------------------------------------

def _exhibit(case, item: dict) -> Exhibit:
    """The exhibit of an item, without its number yet."""
    parsed = item.get("parsed") or {}
    fmt = parsed.get("format")
    name = item["original_name"]
    if fmt == "image":
        record = (case.records(item["id"]) or [{}])[0]
        shot = record.get("time")
        source = (record.get("attrs") or {}).get("time_source", "")
        kind, title = "image", f"画像（{name}）"
        made = shot or ""
        author = "申告者（撮影・保存）"
        attrs = record.get("attrs") or {}
        if attrs.get("metadata_stripped") or attrs.get("via_line"):  # passed through an app: who took it is unknown
            author = "撮影者不明（申告者が保存。撮影情報が残っていません）"
        purpose = "画像に写っている内容と、その撮影日時"
        time, time_source = shot, source or "none"
        sent = _sent_in_chat(case, item)
        if sent is not None:  # a photo that came in a chat's zip: someone sent it, the reporter did not take it
            chat_format, line = sent
            sender = line.get("sender") or "送信者不明"
            author = f"{sender}（{PLATFORM[chat_format]}のトーク履歴で送信）"
            purpose = "トーク履歴で送られた画像の内容と、その送信日時"
            if line.get("time"):
                made, time, time_source = line["time"], line["time"], "chat-line"
            return Exhibit("", "", item, kind, title, "写し", made, author, purpose, time, time_source,
                           sent=(PLATFORM[chat_format], sender))
    elif fmt in CHAT_FORMATS:
        messages = [r for r in case.records(item["id"]) if r["type"] != "header" and r.get("time")]
        senders = Counter(r["sender"] for r in messages if r.get("sender"))
        first = messages[0]["time"] if messages else None
        last = messages[-1]["time"] if messages else None
        chat = parsed.get("chat") or parsed.get("title") or name
        kind = "chat"
        title = f"{PLATFORM[fmt]}トーク履歴（テキスト出力「{chat}」）"
        made = f"{first[:10]}〜{last[:10]}" if first and last else ""
        author = "、".join(s for s, _ in senders.most_common())
        purpose = "相手方とのやり取りの内容と、その日時"
        time, time_source = first, "chat-line"
    elif fmt in money.MONEY_FORMATS:
        period = parsed.get("period") or [None, None]
        kind = "statement"
        title = f"{parsed.get('institution') or ''} 取引明細（{name}）".strip()
        made = f"{period[0]}〜{period[1]}" if period[0] else ""
        author = parsed.get("institution") or ""
        purpose = "送金・入金の事実と、その日付・金額"
        time, time_source = period[0], "statement"
    elif fmt == "email":
        record = (case.records(item["id"]) or [{}])[0]
        subject = (record.get("attrs") or {}).get("subject") or ""
        kind = "email"
        title = f"電子メール（件名「{subject}」）" if subject else f"電子メール（{name}）"
        made = record.get("time") or ""
        author = record.get("sender") or ""
        purpose = "メールの内容と、その送信日時"
        time, time_source = record.get("time"), "date-header"
    else:
        kind = "media" if fmt == "media" else "other"
        title = f"ファイル（{name}）"
        made, author, purpose = "", "", "ファイルの内容"
        time, time_source = None, "none"
    return Exhibit("", "", item, kind, title, "写し", made, author, purpose, time, time_source)


def _sent_in_chat(case, item: dict) -> tuple[str, dict] | None:
    """(chat format, the chat line that attached it) for a file that came inside a chat export."""
    parent = item.get("container")
    if not parent:
        return None
    chat = next((i for i in case.items() if i["id"] == parent), None)
    fmt = ((chat or {}).get("parsed") or {}).get("format")
    if fmt not in CHAT_FORMATS:
        return None
    line = next((r for r in case.records(parent)
                 if (r.get("attrs") or {}).get("attachment") == item["original_name"]), {})
    return fmt, line


# -- timeline ------------------------------------------------------------------------------------

def moment(iso: str | None) -> datetime:
    """The instant a record's time means, for ordering: a time with an offset as it is, a time
    without one and a bare date as Japan time (the bundle's zone). No time sorts last."""
    if not iso:
        return datetime.max.replace(tzinfo=timezone.utc)
    when = datetime.fromisoformat(iso if "T" in iso else iso + "T00:00:00")
    return when if when.tzinfo else when.replace(tzinfo=JST)


def _timeline(case, bundle: Bundle) -> list[Event]:
    events: list[Event] = []
    for ex in bundle.exhibits:
        if ex.kind == "chat":
            events.extend(_chat_days(case, ex))
        elif ex.kind == "image" and ex.sent:
            platform, sender = ex.sent
            events.append(Event(ex.time, "画像", f"{sender} が {platform} で画像を送信（{ex.item['original_name']}）",
                                platform, exhibit=ex.label, anchor=ex.item_id))
        elif ex.kind == "image":
            events.append(Event(ex.time, "画像", f"画像「{ex.item['original_name']}」", "", exhibit=ex.label,
                                anchor=ex.item_id))
        elif ex.kind == "email":
            sender = f"{ex.author} から" if ex.author else ""
            events.append(Event(ex.time, "メール", f"{sender}{ex.title}", "電子メール", exhibit=ex.label,
                                anchor=ex.item_id))
    account_of = {row.tx.identity: a.account for a in bundle.summary.accounts for row in a.paid.rows}
    for row in bundle.summary.paid.rows:
        account = account_of.get(row.tx.identity)
        to = account_text(account) if account else row.tx.counterparty
        events.append(Event(row.tx.time, "送金", f"{to} へ送金{_guessed(row)}", _tx_means(row.tx), amount=abs(row.tx.amount),
                            exhibit=_tx_exhibit(bundle, row.tx), anchor=_tx_anchor(row.tx)))
    for row in bundle.summary.received_back.rows:
        events.append(Event(row.tx.time, "受取", f"{row.tx.counterparty} から入金（相手方からの支払い）{_guessed(row)}",
                            _tx_means(row.tx), amount=abs(row.tx.amount), exhibit=_tx_exhibit(bundle, row.tx),
                            anchor=_tx_anchor(row.tx)))
    for send in bundle.summary.crypto:
        for s in send["sends"]:
            tx = s["tx"]
            events.append(Event(tx.time, "暗号資産送付",
                                f"{tx.attrs.get('quantity', '').lstrip('-')} {send['asset']} を外部へ送付",
                                tx.attrs.get("institution", "") or "暗号資産交換業者",
                                exhibit=_tx_exhibit(bundle, tx), anchor=_tx_anchor(tx)))
    for action in bundle.actions:
        events.append(Event(action.date, "対応", f"{action.organisation} {action.what}".strip(),
                            code_text("who", action.who)))
    for act in bundle.records.acts.values():  # as the victim recorded them: the exhibits, where given, show them
        shown = [ex for ex in map(bundle.exhibit_of, act.exhibits) if ex]
        events.append(Event(act.time, "つきまとい等", f"相手方の行為（{tr('act.type.' + act.act_type)}）: {act.description}",
                            " ".join(p for p in (act.place, act.url) if p), exhibit="、".join(e.label for e in shown),
                            anchor=shown[0].item_id if shown else "", approx=act.approx))
    for refusal in bundle.records.refusals.values():
        ex = bundle.exhibit_of(refusal.exhibit) if refusal.exhibit else None
        events.append(Event(refusal.time, "拒否の意思表示", f"申告者が相手方に拒否を伝えた: {refusal.content}",
                            refusal.method, exhibit=ex.label if ex else "", anchor=ex.item_id if ex else "",
                            approx=refusal.approx))
    events.sort(key=lambda e: moment(e.time))  # the instant, not the text: offsets differ
    return events


def code_text(kind: str, code: str) -> str:
    """The Japanese word for a stored code ("who" of an action, "idkind" of an identifier), as the CLI
    shows it; an unknown code as it is."""
    key = f"money.{kind}_{code}"
    return tr(key) if key in MESSAGES else code


def _chat_days(case, ex: Exhibit) -> list[Event]:
    """One event a day: who wrote how many messages, and what stands out (unsent, calls, media)."""
    days: dict[str, Counter] = {}
    first: dict[str, str] = {}
    for r in case.records(ex.item_id):
        if not r.get("time") or r["type"] in ("header", "date", "blank"):
            continue
        day = r["time"][:10]
        first.setdefault(day, r["time"])
        days.setdefault(day, Counter())[r["type"]] += 1
    platform = PLATFORM[ex.item["parsed"]["format"]]
    events = []
    for day, counts in days.items():
        parts = [f"メッセージ {counts['message']} 件"] if counts["message"] else []
        for kind, word in (("media", "画像・スタンプ等"), ("call", "通話"), ("unsent", "送信取消"),
                           ("deleted", "削除されたメッセージ"), ("system", "システム表示")):
            if counts[kind]:
                parts.append(f"{word} {counts[kind]} 件")
        events.append(Event(first[day], "やり取り", f"{platform}でのやり取り（{'、'.join(parts)}）", platform,
                            exhibit=ex.label, anchor=f"{ex.item_id}:{day}"))
    return events


def _tx_exhibit(bundle: Bundle, tx: money.Tx) -> str:
    ex = bundle.exhibit_of(tx.sources[0].item)
    return f"{ex.label}（{tx.sources[0].line}行目）" if ex else ""


GUESSED = "（推定: 名義の一致から本アプリが推定。申告者は未確認）"


def _guessed(row: money.Row) -> str:
    """A row only matched by the payee's name is said to be a guess: the timeline holds facts."""
    return "" if row.status == "confirmed" else GUESSED


def _tx_anchor(tx: money.Tx) -> str:
    """Where the statement row of a transaction is printed (its exhibit's page when it is not marked)."""
    return f"{tx.sources[0].item}:line:{tx.sources[0].line}"


def _tx_means(tx: money.Tx) -> str:
    word = tx.attrs.get("tx_type") or ""
    means = {"bank": "銀行", "card": "カード", "wallet": "電子マネー", "crypto": "暗号資産"}.get(tx.kind, "")
    return f"{means}（{word}）" if word and means else means or word


def account_text(account: DestinationAccount) -> str:
    """みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ"""
    return " ".join(p for p in (account.bank_name, account.branch_name, account.type, account.number,
                                account.holder_kana) if p)


# -- integrity -----------------------------------------------------------------------------------

def _integrity(case, docs: list[dict], items: list[dict]) -> dict:
    head = custody.read_head(case.path)
    return {
        "entries": len(docs),
        "head_seq": head.seq,
        "head_sha256": head.entry_sha256,
        "first_time": docs[0].get("time") if docs else None,
        "last_time": docs[-1].get("time") if docs else None,
        "items": [{"id": i["id"], "name": i["original_name"], "size": i["size"], "sha256": i["sha256"],
                   "imported_at": i["imported_at"], "seq": i["seq"]} for i in items],
        "timestamps": timestamps.summary(case, "ja"),  # RFC 3161 tokens attached to earlier checkpoints
    }
