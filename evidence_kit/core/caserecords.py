"""What the victim tells the case that no file holds: the other party, the destination accounts,
the actions taken, links of statement rows to accounts, marks on rows, saved CSV layouts, the
date the scam started, notes on the exhibits, and (stalking cases) the acts and the refusals.

Every edit is one custody event `case-record` with the fields {"kind", "id", "op": "put"|"delete",
"data"}: hashed, timestamped and encrypted like any entry. The current state is a fold over the
log, so the history of every edit stays in the log and nothing is kept anywhere else.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from . import bankcodes
from .custody import doc_of
from .errors import EvidenceKitError

EVENT = "case-record"
KINDS = ("party", "account", "action", "link", "mark", "profile", "scam_start", "report", "item", "act", "refusal")
# what the bundle prints that only the victim can say: kind "report", id "reporter" or "overview"
REPORT_FIELDS = {
    "reporter": ("name", "kana", "age", "job", "address", "phone", "email", "agent"),
    "overview": ("case_type", "submit_to", "how", "status", "wants", "statement"),
}
# the victim's notes on one exhibit (kind "item", id = the item's id): overrides of the 証拠説明書
# columns 標目, 立証趣旨 and 作成者, key evidence, left out of the bundles, a free note, tags
ITEM_FIELDS = {"title": str, "purpose": str, "author": str, "key": bool, "excluded": bool, "note": str, "tags": list}
# the kinds of act of the ストーカー規制法 (第2条第1項第1号〜第8号 つきまとい等, 第3項 位置情報無承諾取得等),
# then "other"; labels in i18n/acts_messages.py ("act.type.<code>")
ACT_TYPES = ("following", "watching", "demand", "violent", "calls", "filth", "honour", "sexual", "gps", "other")
IN_PERSON_TYPES = ("following",)  # an act of this kind happens in person unless the victim says otherwise
IDENTIFIER_KINDS = ("line_id", "whatsapp", "phone", "email", "url", "crypto_address", "other")
ACCOUNT_TYPES = ("普通", "当座", "貯蓄")
ACTION_WHO = ("police", "bank", "consumer_center_188", "lawyer", "platform", "other")
MARKS = ("scam", "not_scam", "returned")  # a row paid to the scam / not about the scam / money paid back
YUCHO_CODE, YUCHO_NAME = "9900", "ゆうちょ銀行"
# characters of a 全銀 holder name once NFKC-normalised: katakana, A-Z, digits, space and ( ) - . / ,
_HOLDER = re.compile(r"[\u30a0-\u30ff A-Z0-9().,/\-]+")
_KANJI_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


@dataclass
class Party:
    id: str
    names: list[str] = field(default_factory=list)
    claimed_nationality: str = ""  # as the other party claimed it: never a fact
    claimed_job: str = ""
    identifiers: list[dict] = field(default_factory=list)  # {"kind", "value", "note"}
    note: str = ""


@dataclass
class DestinationAccount:
    id: str
    bank_name: str = ""
    bank_code: str = ""
    branch_name: str = ""
    branch_code: str = ""
    type: str = "普通"
    number: str = ""
    holder_kana: str = ""
    yucho_symbol: str = ""  # ゆうちょ 記号-番号 as given, kept beside the 店番/口座番号 made from it
    note: str = ""
    # transfers to it known from other evidence (a 振込受付書, a bank's e-mail): {"date", "amount", "evidence"}
    transfers: list[dict] = field(default_factory=list)


@dataclass
class Action:
    id: str
    date: str  # YYYY-MM-DD
    who: str  # one of ACTION_WHO
    organisation: str = ""  # e.g. 〇〇警察署 生活安全課
    what: str = ""
    reference: str = ""  # 受理番号, a bank's case number ...


@dataclass
class Act:
    """One act of stalking or online harassment, as the victim recorded it (police-bundle.md (a) row 8)."""

    id: str
    time: str  # 2024-06-01T21:30:00+09:00 (entered as Japan time), or 2024-06-01 when the hour is not known
    act_type: str  # one of ACT_TYPES
    approx: bool = False  # the time is approximate: printed with 頃
    place: str = ""  # where, or on which service
    url: str = ""
    description: str = ""  # what was done, facts only
    offender: str = ""  # the other party's features, clothing, vehicle, account
    witnesses: str = ""
    police: str = ""  # a 110 call or a consultation about it
    exhibits: list[str] = field(default_factory=list)  # item ids
    in_person: bool | None = None  # None: as its kind usually is (IN_PERSON_TYPES)

    @property
    def face_to_face(self) -> bool:
        return self.act_type in IN_PERSON_TYPES if self.in_person is None else self.in_person


@dataclass
class Refusal:
    """A time the victim told the other party to stop (拒否の意思表示): repeated calls and messages
    count under the law only after one."""

    id: str
    time: str  # as Act.time
    approx: bool = False
    method: str = ""  # LINE, 口頭, 手紙 ...
    content: str = ""  # what was said, as it was said
    exhibit: str = ""  # the item id that shows it


@dataclass
class CaseRecords:
    """The state after folding the log: every kind keyed by id, in the order first written."""

    parties: dict[str, Party] = field(default_factory=dict)
    accounts: dict[str, DestinationAccount] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    links: dict[str, dict] = field(default_factory=dict)  # row identity -> {"account", "item", "line"}
    marks: dict[str, dict] = field(default_factory=dict)  # row identity -> {"as", "item", "line"}
    profiles: dict[str, dict] = field(default_factory=dict)  # name -> importer profile dict
    scam_start: str | None = None
    report: dict[str, dict] = field(default_factory=dict)  # "reporter" / "overview" -> {field: text}
    items: dict[str, dict] = field(default_factory=dict)  # item id -> its note {field: value} (ITEM_FIELDS)
    acts: dict[str, Act] = field(default_factory=dict)
    refusals: dict[str, Refusal] = field(default_factory=dict)
    highest: dict[str, int] = field(default_factory=dict)  # kind -> the highest numeric id ever put


def fold(docs) -> CaseRecords:
    """The case records from custody entries (as dicts), oldest first. Entries of other events and
    malformed ones are passed over (verify reports a damaged log)."""
    state = CaseRecords()
    for doc in docs:
        if doc.get("event") != EVENT or doc.get("kind") not in KINDS or not isinstance(doc.get("id"), str):
            continue
        kind, key, data = doc["kind"], doc["id"], doc.get("data")
        if doc.get("op") == "delete":
            if kind == "scam_start":
                state.scam_start = None
            else:
                _table(state, kind).pop(key, None)
        elif doc.get("op") == "put" and isinstance(data, dict):
            if kind == "scam_start":
                state.scam_start = data.get("date") if _is_date(data.get("date")) else None
            elif _usable(kind, data):
                _table(state, kind)[key] = _build(kind, key, data)
                if key.isdigit():
                    state.highest[kind] = max(state.highest.get(kind, 0), int(key))
    return state


def _table(state: CaseRecords, kind: str) -> dict:
    return {"party": state.parties, "account": state.accounts, "action": state.actions, "link": state.links,
            "mark": state.marks, "profile": state.profiles, "report": state.report, "item": state.items,
            "act": state.acts, "refusal": state.refusals}[kind]


def _is_date(value) -> bool:
    try:
        return check_date(value) == value
    except EvidenceKitError:
        return False


def _usable(kind: str, data: dict) -> bool:
    """Whether a link or mark can be used at all (a damaged entry must never count a row)."""
    if kind == "link":
        return isinstance(data.get("account"), str)
    if kind == "mark":
        return data.get("as") in MARKS
    if kind in ("act", "refusal"):  # an act without a time or a kind cannot be placed or counted
        return _is_time(data.get("time")) and (kind == "refusal" or data.get("act_type") in ACT_TYPES)
    return True


def _is_time(value) -> bool:
    try:
        return check_time(value) == value
    except EvidenceKitError:
        return False


def _fits(name: str, value) -> bool:
    """Whether a stored field has the shape the record's code expects."""
    if name == "transfers":
        return isinstance(value, dict) and _is_date(value.get("date")) and type(value.get("amount")) is int \
            and isinstance(value.get("evidence", ""), str)
    if name == "identifiers":
        return isinstance(value, dict) and isinstance(value.get("kind"), str) and isinstance(value.get("value"), str)
    if name in ("approx", "in_person"):
        return isinstance(value, bool)
    return isinstance(value, str)


def _build(kind: str, key: str, data: dict):
    """A record from its stored fields; a field of the wrong type is left at its default (a list
    keeps its well-formed entries), so that a damaged entry never stops the case from opening."""
    cls = {"party": Party, "account": DestinationAccount, "action": Action, "act": Act, "refusal": Refusal}.get(kind)
    if kind == "item":
        return {k: v for k, v in data.items() if k in ITEM_FIELDS and _item_value(k, v) == v}
    if cls is None:
        return {k: v for k, v in data.items() if kind != "report" or isinstance(v, str)}
    fields = {}
    for name, value in data.items():
        if name == "id" or name not in cls.__dataclass_fields__:
            continue
        if isinstance(value, list):
            fields[name] = [v for v in value if _fits(name, v)]
        elif _fits(name, value):
            fields[name] = value
    default = cls.__dataclass_fields__
    for name in list(fields):  # a list where the record has a text, or the other way round
        if isinstance(fields[name], list) != (default[name].default_factory is not dataclasses.MISSING):
            del fields[name]
    return cls(id=key, **fields)


def load(case) -> CaseRecords:
    return fold(doc_of(e) for e in case.entries())


def put(case, kind: str, key: str, data: dict) -> None:
    case.record(EVENT, {"kind": kind, "id": key, "op": "put", "data": data})


def delete(case, kind: str, key: str) -> None:
    case.record(EVENT, {"kind": kind, "id": key, "op": "delete"})


def save(case, record: Party | DestinationAccount | Action | Act | Refusal) -> list[tuple[str, dict]]:
    """Check a record and write it to the log. Returns the warnings (message key under "money.",
    parameters): for an account, the codes the bundled table does not hold; never a refusal."""
    warnings: list[tuple[str, dict]] = []
    if isinstance(record, DestinationAccount):
        check_account(record)
        warnings = bankcodes.complete(record)
        kind = "account"
    elif isinstance(record, Party):
        check_party(record)
        kind = "party"
    elif isinstance(record, (Act, Refusal)):
        kind = check_act(record, {i["id"] for i in case.items()})
    else:
        check_action(record)
        kind = "action"
    put(case, kind, record.id, record_data(record))
    return warnings


def remove(case, state: CaseRecords, kind: str, key: str) -> None:
    """Delete a party, account, action, act or refusal (the log keeps what it was)."""
    if key not in _table(state, kind):
        raise EvidenceKitError(f"{kind}_unknown" if kind in ("act", "refusal") else f"money_{kind}_unknown", id=key)
    delete(case, kind, key)


def set_scam_start(case, day: str | None) -> None:
    """The day the scam started (YYYY-MM-DD), or None to forget it."""
    if day is None:
        delete(case, "scam_start", "scam_start")
    else:
        put(case, "scam_start", "scam_start", {"date": check_date(day)})


def set_report(case, part: str, data: dict) -> None:
    """The reporter's details or the overview the bundle prints (REPORT_FIELDS); empty texts are
    left out. ValueError for an unknown part or field (a programming error: the CLI and GUI offer
    only these)."""
    unknown = set(data) - set(REPORT_FIELDS[part])
    if unknown:
        raise ValueError(f"unknown {part} fields: {sorted(unknown)}")
    put(case, "report", part, {k: str(v) for k, v in data.items() if str(v).strip()})


def set_item_note(case, item_id: str, **fields) -> dict:
    """Change the victim's note on one item (ITEM_FIELDS): `title` (標目), `purpose` (立証趣旨) and
    `author` (作成者) replace what the bundle would print; `key` marks key evidence; `excluded` leaves
    the item out of the bundles; `note` and `tags` are the victim's own. A field given as None (or an
    empty text, False, an empty list) removes it; fields not given stay. Returns the note as it now
    is. EvidenceKitError for an item the case does not hold; ValueError for an unknown field or a
    value of the wrong type (a programming error: the CLI and GUI offer only these)."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"unknown item note fields: {sorted(unknown)}")
    if not any(i["id"] == item_id for i in case.items()):
        raise EvidenceKitError("report_item_unknown", item=item_id)
    note = dict(load(case).items.get(item_id, {}))
    for name, given in fields.items():
        value = None if given is None else _item_value(name, given)
        if given is not None and value is None:
            raise ValueError(f"item note field {name!r} takes {ITEM_FIELDS[name].__name__}, not {given!r}")
        if value is None or value in ("", False, []):
            note.pop(name, None)
        else:
            note[name] = value
    if note:
        put(case, "item", item_id, note)
    else:
        delete(case, "item", item_id)
    return note


def resolve_item(items: list[dict], ref: str) -> dict:
    """The item `ref` names: its id, the start of its id (4 characters or more, as `list --json`
    and the money commands print it), or its original file name. EvidenceKitError when no item or
    more than one fits."""
    text = ref.strip()
    exact = [i for i in items if i["id"] == text.lower()]
    hits = exact or ([i for i in items if i["id"].startswith(text.lower())] if len(text) >= 4 else [])
    hits = hits or [i for i in items if i["original_name"] == text]
    if not hits:
        raise EvidenceKitError("report_item_unknown", item=ref)
    if len(hits) > 1:
        raise EvidenceKitError("report_item_ambiguous", item=ref, count=len(hits))
    return hits[0]


def _item_value(name: str, value):
    """A note field's value as stored (texts stripped, tags stripped and without blanks or repeats),
    or None when it has the wrong type."""
    kind = ITEM_FIELDS[name]
    if kind is bool:
        return value if isinstance(value, bool) else None
    if kind is str:
        return value.strip() if isinstance(value, str) else None
    if not isinstance(value, (list, tuple)) or not all(isinstance(t, str) for t in value):
        return None
    return list(dict.fromkeys(t.strip() for t in value if t.strip()))


def next_id(state: CaseRecords, kind: str) -> str:
    """A new short id ("1", "2" ...) for a party, account or action: never one used before, even
    by a record since deleted, so that the log's history of an id is one record's history."""
    return str(state.highest.get(kind, 0) + 1)


def record_data(record) -> dict:
    """What is stored in the log for a dataclass record (everything but its id)."""
    data = asdict(record)
    data.pop("id")
    return data


# -- validation ----------------------------------------------------------------------------------

def check_party(party: Party) -> Party:
    for ident in party.identifiers:
        if ident.get("kind") not in IDENTIFIER_KINDS:
            raise EvidenceKitError("money_identifier_kind", kind=ident.get("kind"), choices=", ".join(IDENTIFIER_KINDS))
        if not str(ident.get("value", "")).strip():
            raise EvidenceKitError("money_identifier_empty")
    return party


def check_action(action: Action) -> Action:
    check_date(action.date)
    if action.who not in ACTION_WHO:
        raise EvidenceKitError("money_action_who", who=action.who, choices=", ".join(ACTION_WHO))
    if not action.what.strip():
        raise EvidenceKitError("money_action_what")
    return action


def check_act(record: Act | Refusal, item_ids: set[str]) -> str:
    """Check an act or a refusal (its kind, its time, what happened, the items it points to);
    returns its kind of record, "act" or "refusal"."""
    check_time(record.time)
    if isinstance(record, Act):
        if record.act_type not in ACT_TYPES:
            raise EvidenceKitError("act_type", value=record.act_type, choices=", ".join(ACT_TYPES))
        if not record.description.strip():
            raise EvidenceKitError("act_description")
        shown = record.exhibits
    else:
        if not record.content.strip():
            raise EvidenceKitError("refusal_content")
        shown = [record.exhibit] if record.exhibit else []
    for item in shown:
        if item not in item_ids:
            raise EvidenceKitError("report_item_unknown", item=item)
    return "act" if isinstance(record, Act) else "refusal"


def parse_time(text: str) -> str:
    """A time the victim types, as stored: "2024-06-01 21:30" (or 2024/6/1 21:30, T between, with
    seconds) is Japan time -> 2024-06-01T21:30:00+09:00; a day alone -> 2024-06-01; a time with its
    offset stays as it is. EvidenceKitError("act_bad_time") for anything else."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    try:
        if match:
            y, mo, d, h, mi, sec = match.groups()
            day = date(int(y), int(mo), int(d)).isoformat()
            if h is None:
                return day
            return check_time(f"{day}T{int(h):02d}:{mi}:{sec or '00'}+09:00")
        return check_time(value)
    except (ValueError, EvidenceKitError):
        raise EvidenceKitError("act_bad_time", value=text) from None


def check_time(text) -> str:
    """A stored time: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with its offset."""
    try:
        if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?", text):
            raise ValueError
        datetime.fromisoformat(text if "T" in text else text + "T00:00:00")
    except ValueError:
        raise EvidenceKitError("act_bad_time", value=text) from None
    return text


def check_date(text: str) -> str:
    """A day as YYYY-MM-DD, or a clear error."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        date.fromisoformat(text)
    except (ValueError, TypeError):
        raise EvidenceKitError("money_bad_date", value=text) from None
    return text


def check_account(account: DestinationAccount) -> DestinationAccount:
    """Check the fields' shapes (the codes against the bundled table: `bankcodes.complete`).
    A ゆうちょ 記号-番号 fills the 店番, type and 口座番号 it stands for."""
    if account.yucho_symbol:
        branch, kind, number = yucho_to_branch(account.yucho_symbol)
        if account.bank_code and account.bank_code != YUCHO_CODE:
            raise EvidenceKitError("money_yucho_bank_conflict", given=account.bank_code, symbol=account.yucho_symbol)
        for name, got, made in (("branch", account.branch_code, branch), ("number", account.number, number)):
            if got and got != made:
                raise EvidenceKitError(f"money_yucho_{name}_conflict", given=got, made=made, symbol=account.yucho_symbol)
        account.bank_code = account.bank_code or YUCHO_CODE
        account.bank_name = account.bank_name or YUCHO_NAME
        account.branch_code, account.number, account.type = branch, number, kind
        account.branch_name = account.branch_name or branch.translate(_KANJI_DIGITS)
    for name, value, digits in (("bank", account.bank_code, 4), ("branch", account.branch_code, 3)):
        if value and not re.fullmatch(rf"\d{{{digits}}}", value):
            raise EvidenceKitError(f"money_{name}_code_digits", value=value)
    if account.type not in ACCOUNT_TYPES:
        raise EvidenceKitError("money_account_type", value=account.type, choices="・".join(ACCOUNT_TYPES))
    if account.number and not re.fullmatch(r"\d{1,8}", account.number):
        raise EvidenceKitError("money_account_number", value=account.number)
    if account.holder_kana and not _HOLDER.fullmatch(unicodedata.normalize("NFKC", account.holder_kana)):
        raise EvidenceKitError("money_holder_kana", value=account.holder_kana)
    if not (account.bank_name or account.bank_code or account.holder_kana or account.number):
        raise EvidenceKitError("money_account_empty")
    for transfer in account.transfers:
        check_date(transfer.get("date"))
        if not isinstance(transfer.get("amount"), int) or transfer["amount"] <= 0:
            raise EvidenceKitError("money_transfer_amount", value=transfer.get("amount"))
        if not str(transfer.get("evidence", "")).strip():
            raise EvidenceKitError("money_transfer_evidence")
    return account


def yucho_to_branch(symbol: str) -> tuple[str, str, str]:
    """ゆうちょ 記号-番号 -> (店番, type, 口座番号), per money-formats.md section 2.1: a 記号 starting
    with 1 (通常貯金) gives 店番 = its 2nd-3rd digits + 8, 普通, and the 番号 without its last digit
    (always a 1) in 7 digits (a passbook may print 7 digits or fewer: 1234561 gives 0123456);
    one starting with 0 (振替口座) gives 店番 = 2nd-3rd digits + 9, 当座, and the 番号 in 7 digits
    (a 振替口座 is often written with its check digit between: 00120-4-123456)."""
    text = unicodedata.normalize("NFKC", symbol).strip()
    match = re.fullmatch(r"([01]\d{4})\s*[-ー−]?\s*(?:\d\s*[-ー−]\s*)?(\d{1,8})", text)
    if not match:
        raise EvidenceKitError("money_yucho_symbol", value=symbol)
    kigou, bangou = match.groups()
    if kigou[0] == "1":  # the 番号 of a 通常貯金 always ends in 1; shorter ones are padded with 0
        if len(bangou) < 2 or not bangou.endswith("1"):
            raise EvidenceKitError("money_yucho_symbol", value=symbol)
        return kigou[1:3] + "8", "普通", bangou[:-1].zfill(7)
    if len(bangou) > 7:
        raise EvidenceKitError("money_yucho_symbol", value=symbol)
    return kigou[1:3] + "9", "当座", bangou.zfill(7)
