"""The demo case: a made-up romance and investment scam built from assets/demo/files (written by
tools/make_demo_assets.py), with what the victim would enter by hand: the other party, the two
destination accounts, the actions taken, the transfers confirmed and a note on the key screenshot.
Then its PDF bundles are exported: one for the police, one for each destination bank."""

from __future__ import annotations

from pathlib import Path

from .core import caserecords as cr
from .core import money
from .core.case import Case, create_case
from .resources import assets_dir

DEMO_PASSPHRASE = "demo-passphrase-2024"

PARTY = {"names": ["ケン", "Ken Tanaka"], "claimed_nationality": "日本（シンガポール在住）", "claimed_job": "投資会社の経営者",
         "identifiers": [
             {"kind": "line_id", "value": "ken_sg_invest", "note": "LINE の表示名「ケン」"},
             {"kind": "whatsapp", "value": "+65 8123 4567", "note": ""},
             {"kind": "url", "value": "https://gtx-trade.example.com/mypage", "note": "指示された投資サイト"},
             {"kind": "crypto_address", "value": "bc1qdemo0wa11et0addre55xxxxxxxxxxxxxxxxxx", "note": "BTC の送付先"},
         ], "note": "マッチングアプリで知り合い、LINE、その後 WhatsApp でやり取り"}
ACCOUNTS = {
    "1": {"bank_name": "みずほ銀行", "bank_code": "0001", "branch_name": "新宿中央支店", "branch_code": "066",
          "type": "普通", "number": "7654321", "holder_kana": "ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ", "note": "LINE で指示された口座"},
    "2": {"bank_name": "楽天銀行", "bank_code": "0036", "branch_name": "ワルツ支店", "branch_code": "204",
          "type": "普通", "number": "7012345", "holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ", "note": "振込受付メールで確認"},
}
ACTIONS = {
    "1": {"date": "2024-06-20", "who": "police", "organisation": "警察相談専用電話 #9110", "what": "電話で相談",
          "reference": ""},
    "2": {"date": "2024-06-21", "who": "police", "organisation": "新宿警察署 生活安全課", "what": "被害届を提出",
          "reference": "R6-0621-001（受理番号）"},
    "3": {"date": "2024-06-21", "who": "bank", "organisation": "楽天銀行", "what": "口座凍結を電話で依頼",
          "reference": ""},
}
REPORTER = {"name": "佐藤 さくら", "kana": "さとう さくら", "age": "52", "job": "会社員"}
OVERVIEW = {
    "case_type": "SNS型投資詐欺（ロマンス詐欺を伴うもの）",
    "submit_to": "新宿警察署 生活安全課",
    "how": "マッチングアプリで知り合った「ケン」と名乗る人物から LINE で投資を勧められ、指定された口座へ2回振り込んだ。"
           "その後「出金には手数料が必要」と言われ、WhatsApp でビットコインの送付を指示された。",
    "status": "2024年6月18日から連絡が取れない。楽天銀行へ口座凍結を依頼済み。",
    "wants": "被害届の受理、振込先口座の凍結",
}
LINKS = (("2024-05-13", -100_000, "1"), ("2024-05-21", -500_000, "2"))  # the transfers the victim confirmed
NOTES = {  # the victim's own 立証趣旨 for the screenshot that matters most, marked as key evidence
    "Screenshot_20240520-180512.png": {
        "purpose": "相手方が送金先を楽天銀行ワルツ支店の個人名義の口座に変え、振込人名を「サクラ トウシ」にするよう指示した事実",
        "key": True},
}
PAID_BACK = ("2024-05-28", 20_000)


def build_demo(out_dir: Path) -> tuple[Path, str]:
    """Create `out_dir/demo-case` (or demo-case-2 ...) from the demo sources with its case records;
    return its path and passphrase."""
    target = Path(out_dir) / "demo-case"
    n = 1
    while target.exists():  # running the demo again makes a new one next to the old
        n += 1
        target = Path(out_dir) / f"demo-case-{n}"
    case = create_case(target, DEMO_PASSPHRASE)
    try:
        sources = sorted(p for p in (assets_dir() / "demo" / "files").iterdir() if p.is_file())
        case.import_paths(sources, source="demo")
        add_records(case)
    finally:
        case.lock()
    return case.path, DEMO_PASSPHRASE


def add_records(case: Case) -> None:
    """What the victim of the demo story enters by hand."""
    cr.set_report(case, "reporter", REPORTER)
    cr.set_report(case, "overview", OVERVIEW)
    cr.put(case, "party", "1", PARTY)
    for key, data in ACCOUNTS.items():
        cr.put(case, "account", key, cr.record_data(cr.check_account(cr.DestinationAccount(key, **data))))
    for key, data in ACTIONS.items():
        cr.put(case, "action", key, data)
    cr.set_scam_start(case, "2024-05-01")
    txs, records = money.case_transactions(case), cr.load(case)
    for day, amount, account in LINKS:
        money.link(case, records, next(t for t in txs if t.date == day and t.amount == amount), account)
    day, amount = PAID_BACK
    money.mark(case, next(t for t in txs if t.date == day and t.amount == amount), "returned")
    for name, note in NOTES.items():
        cr.set_item_note(case, next(i["id"] for i in case.items() if i["original_name"] == name), **note)


def export_bundles(case: Case, out_dir: Path) -> list[tuple[Path, int]]:
    """The police bundle and one bundle per destination bank, as (path, pages)."""
    from .report import model
    from .report.export import export

    name = case.path.name  # demo-case, demo-case-2 ...: each demo's bundles beside it
    written = [export(case, Path(out_dir) / f"{name}-police.pdf")]
    for _, group in model.bank_groups(model.build(case, "police").summary):
        code = group[0].account.bank_code
        written.append(export(case, Path(out_dir) / f"{name}-bank-{code}.pdf", audience="bank", bank=code))
    return [(r.path, r.pages) for r in written]
