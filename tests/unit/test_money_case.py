"""The case's money records: the fold over the log, validation, ゆうちょ 記号番号, bank codes,
transactions across overlapping statements, links, flags and the totals."""

import json

import pytest

from evidence_kit.core import bankcodes, caserecords as cr, money
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.importers.moneytext import name_key
from tests.conftest import PASSPHRASE

ITEM_A, ITEM_B, ITEM_C, ITEM_X = "aa" * 16, "bb" * 16, "cc" * 16, "dd" * 16


def put(kind, key, data, op="put"):
    return {"event": cr.EVENT, "kind": kind, "id": key, "op": op, "data": data}


def tx(identity, day, amount, payee="", key=None, line=1, transfer=None, corporate=False, fee=None, **extra):
    attrs = {"identity": identity, "amount": amount, "direction": "in" if (amount or 0) > 0 else "out",
             "counterparty": payee, "counterparty_key": payee.replace(" ", "") if key is None else key,
             "corporate": corporate, "transfer": amount < 0 if transfer is None and amount is not None else bool(transfer),
             "fee": fee, "balance": None, "description": payee, **extra}
    return {"type": "transaction", "line": line, "end_line": line, "time": day, "time_raw": day, "sender": None,
            "text": None, "raw": [payee], "attrs": attrs}


def item(item_id, name, kind="bank", institution="楽天銀行", **extra):
    return {"id": item_id, "original_name": name, "parsed": {"format": "money", "kind": kind, "institution": institution,
                                                              "account": {"number": "7654321"}}, **extra}


# -- the fold ------------------------------------------------------------------------------------

def test_fold_keeps_the_last_put_and_forgets_deleted_records():
    docs = [
        {"event": "import", "item": ITEM_A},
        put("account", "1", {"bank_name": "みずほ銀行", "holder_kana": "ヤマダ タロウ"}),
        put("account", "2", {"bank_name": "りそな銀行"}),
        put("account", "1", {"bank_name": "みずほ銀行", "holder_kana": "ヤマダ ハナコ", "unknown_field": 1}),
        put("account", "2", None, op="delete"),
        put("scam_start", "scam_start", {"date": "2024-05-01"}),
        put("profile", "my bank", {"id": "my bank", "columns": {}}),
        put("action", "1", {"date": "2024-06-01", "who": "police", "what": "相談"}),
        put("action", "1", None, op="delete"),
        {"event": cr.EVENT, "kind": "nonsense", "id": "1", "op": "put", "data": {}},
        {"event": cr.EVENT, "kind": "account", "id": 3, "op": "put", "data": {}},
    ]
    state = cr.fold(docs)
    assert state.accounts == {"1": cr.DestinationAccount(id="1", bank_name="みずほ銀行", holder_kana="ヤマダ ハナコ")}
    assert state.actions == {}
    assert state.scam_start == "2024-05-01"
    assert state.profiles == {"my bank": {"id": "my bank", "columns": {}}}
    assert cr.next_id(state, "account") == "3"  # "2" was used once: never again
    assert cr.next_id(state, "action") == "2"
    assert cr.next_id(state, "party") == "1"
    assert cr.fold(docs + [put("scam_start", "scam_start", None, op="delete")]).scam_start is None


def test_records_live_in_the_log_and_survive_lock_unlock_rebuild_and_verify(unlocked):
    account = cr.check_account(cr.DestinationAccount(id="1", bank_code="0001", branch_code="001", number="1234567",
                                                     holder_kana="ﾔﾏﾀﾞ ﾀﾛｳ"))
    cr.put(unlocked, "account", "1", cr.record_data(account))
    cr.put(unlocked, "party", "1", cr.record_data(cr.Party(id="1", names=["ケン"], identifiers=[
        {"kind": "line_id", "value": "ken_0501", "note": ""}])))
    cr.put(unlocked, "account", "1", {**cr.record_data(account), "note": "2回目の振込先"})
    unlocked.lock()
    case = Case.open(unlocked.path)
    case.unlock(PASSPHRASE)
    state = cr.load(case)
    assert state.accounts["1"].note == "2回目の振込先"
    assert state.parties["1"].identifiers == [{"kind": "line_id", "value": "ken_0501", "note": ""}]
    case.rebuild_index()
    assert cr.load(case).accounts["1"].holder_kana == "ﾔﾏﾀﾞ ﾀﾛｳ"
    report, not_logged = case.verify(deep=True)
    assert report.ok and not_logged is None
    events = [d for d in map(json.loads, case.entries()) if d["event"] == cr.EVENT]
    assert [(d["kind"], d["id"], d["op"]) for d in events] == [("account", "1", "put"), ("party", "1", "put"),
                                                               ("account", "1", "put")]
    case.lock()


# -- validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("account, code, ja", [
    (cr.DestinationAccount(id="1", bank_code="12", holder_kana="ア"), "money_bank_code_digits",
     "金融機関コード「12」は数字 4 桁で入力してください（例: ゆうちょ銀行は 9900）。"),
    (cr.DestinationAccount(id="1", branch_code="1234", holder_kana="ア"), "money_branch_code_digits",
     "支店番号「1234」は数字 3 桁で入力してください。"),
    (cr.DestinationAccount(id="1", type="定期", holder_kana="ア"), "money_account_type",
     "預金種別「定期」は使えません。普通・当座・貯蓄 のどれかを指定してください。"),
    (cr.DestinationAccount(id="1", number="12-34"), "money_account_number",
     "口座番号「12-34」は数字（8 桁まで）で入力してください。ゆうちょ銀行の記号番号は --yucho で入力できます。"),
    (cr.DestinationAccount(id="1", holder_kana="山田太郎"), "money_holder_kana",
     "口座名義「山田太郎」はカタカナで、振込画面や明細に出たとおりに入力してください（英大文字・数字・空白・（）．－／ も使えます）。"),
    (cr.DestinationAccount(id="1"), "money_account_empty",
     "口座の情報がありません。銀行名・口座番号・口座名義のどれかは入力してください。"),
])
def test_account_validation_messages(account, code, ja):
    with pytest.raises(EvidenceKitError) as err:
        cr.check_account(account)
    assert err.value.code == code
    assert err.value.message("ja") == ja


def test_holder_kana_accepts_half_width_and_corporate_marks():
    for name in ("ﾔﾏﾀﾞ ﾀﾛｳ", "カ)ABCトレーディング", "ヤマダ　タロウ"):
        assert cr.check_account(cr.DestinationAccount(id="1", holder_kana=name)).holder_kana == name


def test_action_and_party_validation_in_english():
    with pytest.raises(EvidenceKitError) as err:
        cr.check_action(cr.Action("1", "2024/06/01", "police", what="相談"))
    assert err.value.message("en") == 'The date "2024/06/01" cannot be read. Write it as year-month-day, like 2024-05-01.'
    with pytest.raises(EvidenceKitError) as err:
        cr.check_action(cr.Action("1", "2024-02-30", "police", what="相談"))
    assert err.value.code == "money_bad_date"
    with pytest.raises(EvidenceKitError) as err:
        cr.check_action(cr.Action("1", "2024-06-01", "friend", what="相談"))
    assert err.value.message("en") == ('"friend" is not a kind of contact. Use one of: police, bank, '
                                       'consumer_center_188, lawyer, platform, other')
    with pytest.raises(EvidenceKitError) as err:
        cr.check_action(cr.Action("1", "2024-06-01", "police", what=" "))
    assert err.value.code == "money_action_what"
    with pytest.raises(EvidenceKitError) as err:
        cr.check_party(cr.Party("1", identifiers=[{"kind": "skype", "value": "x"}]))
    assert err.value.message("en") == ('"skype" is not a kind of identifier. Use one of: line_id, whatsapp, phone, '
                                       'email, url, crypto_address, other')
    with pytest.raises(EvidenceKitError) as err:
        cr.check_party(cr.Party("1", identifiers=[{"kind": "phone", "value": "  "}]))
    assert err.value.code == "money_identifier_empty"


def test_save_checks_completes_and_logs(unlocked):
    assert cr.save(unlocked, cr.DestinationAccount(id="1", bank_code="0001", branch_code="999")) == [
        ("warn_branch_unknown", {"code": "999", "bank": "みずほ", "date": bankcodes.data_date()})]
    assert cr.load(unlocked).accounts["1"].bank_name == "みずほ"
    with pytest.raises(EvidenceKitError):
        cr.save(unlocked, cr.Action("1", "2024-06-01", "police", what=""))
    cr.save(unlocked, cr.Action("1", "2024-06-01", "police", what="相談"))
    cr.remove(unlocked, cr.load(unlocked), "action", "1")
    with pytest.raises(EvidenceKitError) as err:
        cr.remove(unlocked, cr.load(unlocked), "action", "1")
    assert err.value.code == "money_action_unknown"
    cr.set_scam_start(unlocked, "2024-05-01")
    assert cr.load(unlocked).scam_start == "2024-05-01"
    cr.set_scam_start(unlocked, None)
    assert cr.load(unlocked).scam_start is None
    with pytest.raises(EvidenceKitError) as err:
        money.mark(unlocked, money.Tx("i", "2024-05-01", -1, "out", "bank", "", {}, [money.Source(ITEM_A, "a", 2)]), "maybe")
    assert err.value.message("en") == '"maybe" is not a kind of mark. Use one of: scam, not_scam, returned'
    with pytest.raises(EvidenceKitError) as err:
        money.mark(unlocked, money.Tx("i", "2024-05-01", -1, "out", "bank", "", {}, [money.Source(ITEM_A, "a", 2)]),
                   "returned")
    assert err.value.message("en") == ('aaaaaaaa:2 is money out. "returned" is for money in; for a payment to the scam, '
                                       'use "scam".')
    assert [d["kind"] for d in map(json.loads, unlocked.entries()) if d["event"] == cr.EVENT] == [
        "account", "action", "action", "scam_start", "scam_start"]


# -- ゆうちょ 記号番号 -----------------------------------------------------------------------------

@pytest.mark.parametrize("symbol, expected", [
    ("14020-57561701", ("408", "普通", "5756170")),
    ("１４０２０－５７５６１７０１", ("408", "普通", "5756170")),
    ("1402057561701", ("408", "普通", "5756170")),
    ("10100-00012341", ("018", "普通", "0001234")),
    ("00120-123456", ("019", "当座", "0123456")),
    ("00120-4-123456", ("019", "当座", "0123456")),
])
def test_yucho_symbol_to_branch(symbol, expected):
    assert cr.yucho_to_branch(symbol) == expected


@pytest.mark.parametrize("symbol", ["24020-57561701", "14020-5756170", "1402-57561701", "00120-12345678", "abc"])
def test_yucho_symbol_refused(symbol):
    with pytest.raises(EvidenceKitError) as err:
        cr.yucho_to_branch(symbol)
    assert err.value.code == "money_yucho_symbol"
    assert err.value.message("ja") == (f"ゆうちょ銀行の記号番号「{symbol}」が読めません。通帳にある 14020-57561701 のような形"
                                       "（記号 5 桁、番号 8 桁まで。記号が 1 で始まる口座の番号は最後が 1 です）で入力してください。")


def test_yucho_account_keeps_both_forms():
    account = cr.check_account(cr.DestinationAccount(id="1", yucho_symbol="14020-57561701", holder_kana="ﾔﾏﾀﾞ ﾀﾛｳ"))
    assert (account.bank_code, account.bank_name, account.branch_code, account.branch_name, account.type,
            account.number, account.yucho_symbol) == ("9900", "ゆうちょ銀行", "408", "四〇八", "普通", "5756170",
                                                      "14020-57561701")
    with pytest.raises(EvidenceKitError) as err:
        cr.check_account(cr.DestinationAccount(id="1", yucho_symbol="14020-57561701", number="5756171"))
    assert err.value.message("en") == ('The 記号-番号 14020-57561701 gives the account number "5756170", but "5756171" '
                                       'was entered. Please check which one is right.')


# -- bank codes (zengin-code) --------------------------------------------------------------------

def test_zengin_table_lookups():
    assert len(bankcodes.data_date()) == 10 and bankcodes.data_date()[4] == "-"
    assert bankcodes.bank("0001")["name"] == "みずほ"
    assert bankcodes.branch("9900", "408")["name"] == "四〇八"
    assert bankcodes.bank("0000") is None
    assert bankcodes.bank_by_name("みずほ銀行")["code"] == "0001"


def test_complete_fills_names_and_warns_without_refusing():
    account = cr.DestinationAccount(id="1", bank_name="みずほ銀行", branch_code="001", number="1234567")
    assert bankcodes.complete(account) == []
    assert (account.bank_code, account.branch_name) == ("0001", "東京営業部")
    date = bankcodes.data_date()
    unknown = cr.DestinationAccount(id="1", bank_code="0999", branch_code="001")
    assert bankcodes.complete(unknown) == [("warn_bank_unknown", {"code": "0999", "date": date})]
    renamed = cr.DestinationAccount(id="1", bank_code="0001", bank_name="三井住友銀行", branch_code="999",
                                    branch_name="本店")
    assert bankcodes.complete(renamed) == [
        ("warn_bank_name", {"code": "0001", "name": "三井住友銀行", "table": "みずほ", "date": date}),
        ("warn_branch_unknown", {"code": "999", "bank": "みずほ", "date": date}),
    ]


def test_a_missing_table_is_a_warning(monkeypatch):
    monkeypatch.setattr(bankcodes, "_data", lambda: None)
    account = cr.DestinationAccount(id="1", bank_code="0001", branch_code="001")
    assert bankcodes.complete(account) == [("warn_no_table", {})]
    assert (account.bank_name, account.branch_name) == ("", "")


# -- transactions, links, flags, totals ----------------------------------------------------------

def statements():
    """Two overlapping statements of one account (rows 2-3 of A are rows 2-3 of B), a byte duplicate
    of A, a PayPay銀行 hold superseded by its settlement, a chat, and a crypto exchange's sends."""
    a = [tx("t-salary", "2024-04-25", 250_000, "カ)ヨコハマシヨウジ", key="ヨコハマシヨウジ", corporate=True, line=2),
         tx("t-1", "2024-05-01", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=3, fee=145),
         tx("t-2", "2024-05-08", -500_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=4, fee=145)]
    b = [tx("t-1", "2024-05-01", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=2, fee=145),
         tx("t-2", "2024-05-08", -500_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=3, fee=145),
         tx("t-back", "2024-05-10", 30_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=4),
         tx("t-3", "2024-05-12", -200_000, "ｽｽﾞｷ ｲﾁﾛｳ", key="スズキイチロウ", line=5),
         tx("t-hold", "2024-05-13", -5_000, "Visaデビット売上予約", key="", line=6, transfer=False, superseded_by="t-set"),
         tx("t-set", "2024-05-14", -5_000, "Visaデビット売上確定", key="", line=7, transfer=False),
         tx("t-ex", "2024-05-20", -1_000_000, "ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ", key="ビツトフライヤー", line=8, corporate=True)]
    crypto = [tx("c-1", "2024-05-22T10:00:00+09:00", None, "", key="", line=2, transfer=True, direction="out",
                 asset="BTC", quantity="-0.10000000", address="bc1qexample", txid="ab" * 32, network="bitcoin"),
              tx("c-2", "2024-06-20T10:00:00+09:00", None, "", key="", line=3, transfer=True, direction="out",
                 asset="BTC", quantity="0.05", address="bc1qother", txid="cd" * 32, network="bitcoin")]
    return [
        (item(ITEM_A, "rakuten_2024-05a.csv"), a),
        (item(ITEM_B, "rakuten_2024-05b.csv"), b),
        (item(ITEM_X, "copy.csv", duplicate_of=ITEM_A), a),
        ({"id": "ee" * 16, "original_name": "chat.txt", "parsed": {"format": "line"}},
         [{"type": "message", "line": 1, "attrs": {}}]),
        (item(ITEM_C, "bitflyer.csv", kind="crypto", institution="bitFlyer"), crypto),
    ]


def identities(rows):
    return [r.tx.identity for r in rows]


def test_collect_dedupes_overlapping_statements_and_keeps_every_source():
    txs = money.collect(statements())
    assert [t.identity for t in txs] == ["t-salary", "t-1", "t-2", "t-back", "t-3", "t-set", "t-ex", "c-1", "c-2"]
    t1 = txs[1]
    assert [(s.file, s.line) for s in t1.sources] == [("rakuten_2024-05a.csv", 3), ("rakuten_2024-05b.csv", 2)]
    assert t1.ref == "aaaaaaaa:3"
    assert t1.own_account == "楽天銀行 7654321"
    assert money.find_tx(txs, "bbbbbbbb:2") is t1
    assert money.find_tx(txs, "AAAAAAAA:3") is t1
    for ref, code in (("aaaaaaaa:99", "money_tx_unknown"), ("aa:3", "money_tx_ref"), ("aaaaaaaa", "money_tx_ref")):
        with pytest.raises(EvidenceKitError) as err:
            money.find_tx(txs, ref)
        assert err.value.code == code


def records_with_account(**extra):
    docs = [put("account", "1", {"bank_name": "みずほ銀行", "holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ"})]
    return cr.fold(docs + [put(*d) for d in extra.get("more", [])])


def test_link_suggestions_by_kana_key():
    txs = money.collect(statements())
    state = records_with_account()
    assert [(s.tx.identity, s.account, s.code) for s in money.suggest_links(txs, state)] == [
        ("t-1", "1", "name_equal"), ("t-2", "1", "name_equal"), ("t-back", "1", "name_equal")]
    linked = records_with_account(more=[("link", "t-1", {"account": "1"}), ("mark", "t-2", {"as": "not_scam"})])
    assert [s.tx.identity for s in money.suggest_links(txs, linked)] == ["t-back"]
    assert money.names_match("ABCトレーデ", "ABCトレーディング") == "name_prefix"  # cut short on the statement
    assert money.names_match("ヤマダタロ", "ヤマダタロウ") is None  # too short to tell
    assert money.names_match("ヤマダタロウイチ", "ヤマダタロウ") is None  # the holder's name is not cut


def test_a_cut_name_is_suggested_but_not_counted():
    rows = [(item(ITEM_A, "a.csv"), [tx("t-1", "2024-05-01", -90_000, "ｶ)ABCﾄﾚｰﾃﾞ", key="ABCトレーデ", line=2,
                                                 corporate=True)])]
    txs = money.collect(rows)
    state = cr.fold([put("account", "1", {"holder_kana": "カ)ABCトレーディング"})])
    assert [(s.code, s.params) for s in money.suggest_links(txs, state)] == [("name_prefix", {"account": "1"})]
    assert [f.code for f in money.flags(txs, state)] == ["marked_account"]
    summary = money.summarise(txs, state)
    assert (summary.paid.rows, summary.scam_start) == ([], None)


def test_link_suggestions_by_a_transfer_known_from_other_evidence():
    txs = money.collect(statements())
    slip = {"date": "2024-05-10", "amount": 200_000, "evidence": "振込受付書"}  # a Friday; the row is on Sunday 12th
    state = cr.fold([put("account", "1", {"bank_name": "みずほ銀行", "holder_kana": "ﾀﾅｶ", "transfers": [slip]})])
    assert [(s.tx.identity, s.account, s.code, s.params) for s in money.suggest_links(txs, state)] == [
        ("t-3", "1", "transfer_record", {**slip, "account": "1"})]
    far = {**slip, "date": "2024-05-08"}  # Wednesday to Sunday: two business days (Thursday, Friday)
    state = cr.fold([put("account", "1", {"bank_name": "みずほ銀行", "holder_kana": "ﾀﾅｶ", "transfers": [far]})])
    assert money.suggest_links(txs, state) == []
    assert [money.business_days_apart(a, b) for a, b in (
        ("2024-05-10", "2024-05-13"), ("2024-05-13", "2024-05-10"), ("2024-05-11", "2024-05-12"),
        ("2024-05-10", "2024-05-10"), ("2024-05-08", "2024-05-10T09:00:00+09:00"))] == [1, 1, 0, 0, 2]


def test_transfer_records_are_checked():
    for transfer, code in (({"date": "2024/05/10", "amount": 1, "evidence": "x"}, "money_bad_date"),
                           ({"date": "2024-05-10", "amount": 0, "evidence": "x"}, "money_transfer_amount"),
                           ({"date": "2024-05-10", "amount": 5, "evidence": " "}, "money_transfer_evidence")):
        with pytest.raises(EvidenceKitError) as err:
            cr.check_account(cr.DestinationAccount(id="1", holder_kana="ﾀﾅｶ", transfers=[transfer]))
        assert err.value.code == code


def test_flags_with_their_reasons():
    txs = money.collect(statements())
    found = [(f.code, f.strength, [t.identity for t in f.txs], f.params) for f in money.flags(txs, records_with_account())]
    assert found == [
        ("first_time_payee", "medium", ["t-1"], {"start": "2024-05-01"}),
        ("marked_account", "strong", ["t-1"], {"account": "1"}),
        ("round_amount", "weak", ["t-1"], {}),
        ("first_time_payee", "medium", ["t-2"], {"start": "2024-05-01"}),
        ("marked_account", "strong", ["t-2"], {"account": "1"}),
        ("round_amount", "weak", ["t-2"], {}),
        ("paid_back", "context", ["t-back"], {"account": "1"}),
        ("first_time_payee", "medium", ["t-3"], {"start": "2024-05-01"}),
        ("round_amount", "weak", ["t-3"], {}),
        ("exchange_chain", "medium", ["t-ex", "c-1"], {"days": 7}),
        ("round_amount", "weak", ["t-ex"], {}),
    ]


def test_first_time_payee_respects_the_scam_start_and_dismissed_rows():
    txs = money.collect(statements())
    state = cr.fold([put("scam_start", "scam_start", {"date": "2024-05-09"}), put("mark", "t-3", {"as": "not_scam"})])
    assert [(f.code, [t.identity for t in f.txs]) for f in money.flags(txs, state)] == [
        ("round_amount", ["t-1"]), ("round_amount", ["t-2"]),  # before the start: not first-time payees
        ("exchange_chain", ["t-ex", "c-1"]), ("round_amount", ["t-ex"])]


def test_crypto_rows_are_not_first_time_payees():
    rows = [(item(ITEM_C, "coincheck.csv", kind="crypto"), [
        tx("c-jpy", "2024-05-01", -200_000, "1ABC", key="1ABC", line=2, transfer=True)])]
    assert money.flags(money.collect(rows), cr.CaseRecords()) == []


def test_payee_churn():
    rows = [(item(ITEM_A, "a.csv"), [
        tx("p-1", "2024-05-01", -50_000, "ｱｵｷ ｲﾁﾛｳ", key="アオキイチロウ", line=2),
        tx("p-2", "2024-05-10", -60_000, "ｲﾄｳ ｼﾞﾛｳ", key="イトウジロウ", line=3),
        tx("p-2b", "2024-05-12", -60_000, "ｲﾄｳ ｼﾞﾛｳ", key="イトウジロウ", line=4),
        tx("p-3", "2024-05-29", -70_000, "ｳｴﾀﾞ ｻﾌﾞﾛｳ", key="ウエダサブロウ", line=5),
        tx("p-4", "2024-07-01", -80_000, "ｴﾉﾓﾄ ｼﾛｳ", key="エノモトシロウ", line=6)])]
    state = cr.fold([put("scam_start", "scam_start", {"date": "2024-05-01"})])
    churn = [f for f in money.flags(money.collect(rows), state) if f.code == "payee_churn"]
    assert [([t.identity for t in f.txs], f.params) for f in churn] == [(["p-1", "p-2", "p-3"], {"count": 3, "days": 28})]


def test_to_exchange_without_a_send_after_it():
    rows = [(item(ITEM_A, "a.csv"), [tx("t-ex", "2024-05-20", -1_000, "ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ", key="ビツトフライヤー", line=2,
                                        corporate=True)])]
    assert [(f.code, f.strength) for f in money.flags(money.collect(rows), cr.CaseRecords())] == [("to_exchange", "weak")]


def test_summary_totals_and_rows():
    txs = money.collect(statements())
    state = records_with_account(more=[
        ("link", "t-1", {"account": "1"}),  # confirmed; t-2 only matches by name: flagged
        ("mark", "t-ex", {"as": "scam"}),  # paid to the scam through an exchange: no account
        ("mark", "c-2", {"as": "not_scam"}),
    ])
    summary = money.summarise(txs, state)
    (acc,) = summary.accounts
    assert [(r.tx.identity, r.status) for r in acc.paid.rows] == [("t-1", "confirmed"), ("t-2", "flagged")]
    assert (acc.paid.total, acc.paid.confirmed, acc.paid.flagged, acc.paid.fees) == (800_000, 300_000, 500_000, 290)
    assert (acc.paid.first, acc.paid.last) == ("2024-05-01", "2024-05-08")
    assert [(r.tx.identity, r.status) for r in acc.received.rows] == [("t-back", "flagged")]
    assert identities(summary.other_paid.rows) == ["t-ex"]
    assert identities(summary.paid.rows) == ["t-1", "t-2", "t-ex"]
    assert (summary.paid.total, summary.received_back.total) == (1_800_000, 30_000)
    assert (summary.net_damage, summary.net_damage_confirmed) == (1_770_000, 1_300_000)
    assert {k: f.total for k, f in summary.by_source.items()} == {"楽天銀行 7654321": 1_800_000}
    assert (summary.scam_start, summary.scam_start_suggested) == ("2024-05-01", True)
    (btc,) = summary.crypto
    assert (btc["asset"], btc["quantity"], [(s["tx"].identity, s["status"]) for s in btc["sends"]]) == (
        "BTC", "0.10000000", [("c-1", "listed")])
    data = money.summary_json(summary)
    assert data["net_damage"] == 1_770_000
    assert data["accounts"][0]["paid"]["rows"][0]["sources"] == [
        {"item": ITEM_A, "file": "rakuten_2024-05a.csv", "line": 3}, {"item": ITEM_B, "file": "rakuten_2024-05b.csv", "line": 2}]


def test_summary_marks_returned_and_not_scam():
    txs = money.collect(statements())
    state = records_with_account(more=[("mark", "t-2", {"as": "not_scam"}), ("mark", "t-salary", {"as": "returned"}),
                                       ("link", "t-back", {"account": "1"})])
    summary = money.summarise(txs, state)
    assert [(r.tx.identity, r.status) for r in summary.paid.rows] == [("t-1", "flagged")]
    assert [(r.tx.identity, r.status) for r in summary.received_back.rows] == [("t-salary", "confirmed"),
                                                                               ("t-back", "confirmed")]
    assert summary.net_damage == 300_000 - 280_000


# -- fee rows (spec 9.6) -------------------------------------------------------------------------

def fee_statement():
    """An SMBC-like statement listed newest first: each 振込 has its 振込手数料 on the line above it;
    an ATM withdrawal's fee is not a transfer's; a fee on another day stands alone."""
    return [
        tx("f-3", "2024-06-14", -440, "振込手数料", key="", line=2, transfer=False, balance=965_660),
        tx("t-3", "2024-06-14", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=3, balance=966_100),
        tx("f-atm", "2024-06-10", -220, "手数料", key="", line=4, transfer=False, balance=1_266_100),
        tx("atm", "2024-06-10", -20_000, "ATM", key="", line=5, transfer=False, balance=1_266_320),
        tx("f-2", "2024-05-21", -440, "振込手数料", key="", line=6, transfer=False, balance=1_286_320),
        tx("t-2", "2024-05-21", -500_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=7, balance=1_286_760),
        tx("f-lone", "2024-05-15", -440, "振込手数料", key="", line=8, transfer=False, balance=1_786_760),
        tx("t-1", "2024-05-13", -100_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=9, balance=1_787_200),
    ]


def test_a_fee_row_belongs_to_the_transfer_next_to_it():
    txs = money.collect([(item(ITEM_A, "smbc.csv"), fee_statement())])
    by_id = {t.identity: t for t in txs}
    assert [(t.identity, t.attrs["fee"], [f.identity for f in t.fee_rows]) for t in txs if t.fee_rows] == [
        ("t-2", 440, ["f-2"]), ("t-3", 440, ["f-3"])]
    assert by_id["f-3"].fee_of is by_id["t-3"] and by_id["f-atm"].fee_of is None and by_id["f-lone"].fee_of is None
    assert by_id["t-1"].attrs["fee"] is None
    state = cr.fold([put("account", "1", {"holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ"}), put("link", "t-2", {"account": "1"}),
                     put("link", "t-3", {"account": "1"}), put("mark", "f-lone", {"as": "scam"})])
    summary = money.summarise(txs, state)
    (acc,) = summary.accounts
    assert [(r.tx.identity, r.status) for r in acc.paid.rows] == [("t-1", "flagged"), ("t-2", "confirmed"),
                                                                 ("t-3", "confirmed")]
    assert (acc.paid.total, acc.paid.fees) == (900_000, 880)  # the fee is shown, never added to the principal
    assert identities(summary.other_paid.rows) == ["f-lone"]  # a fee no transfer explains stays a row
    assert summary.net_damage == 900_440
    assert money.tx_json(by_id["t-2"])["fee_rows"] == ["aaaaaaaa:6"]
    assert not [f for f in money.flags(txs, state) if f.txs[0].identity in ("f-2", "f-3")]
    with pytest.raises(EvidenceKitError) as err:
        money.mark(None, money.find_tx(txs, "aaaaaaaa:2"), "scam")  # refused before anything is written
    assert err.value.message("ja") == ("aaaaaaaa:2 は振込手数料の行で、振込 aaaaaaaa:3 の手数料としてまとめて表示しています。"
                                       "aaaaaaaa:3 の行を指定してください。")


def test_a_fee_row_oldest_first_by_balance_and_in_two_statements_once():
    rows = [tx("t-1", "2024-05-13", -100_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=2, balance=900_000),
            tx("f-1", "2024-05-13", -330, "ﾌﾘｺﾐﾃｽｳﾘﾖｳ", key="", line=3, transfer=False, balance=899_670),
            tx("t-2", "2024-05-13", -200_000, "ｽｽﾞｷ ｲﾁﾛｳ", key="スズキイチロウ", line=4, balance=699_670)]
    txs = money.collect([(item(ITEM_A, "a.csv"), rows), (item(ITEM_B, "b.csv"), rows)])
    assert [(t.identity, t.attrs["fee"]) for t in txs if t.fee_rows] == [("t-1", 330)]
    assert [(s.file, s.line) for s in txs[1].sources] == [("a.csv", 3), ("b.csv", 3)]
    no_balance = [dict(r, attrs={**r["attrs"], "balance": None}) for r in rows]  # one day: the line above
    assert [(t.identity, t.attrs["fee"]) for t in money.collect([(item(ITEM_A, "a.csv"), no_balance)])
            if t.fee_rows] == [("t-1", 330)]


# -- flags' reasons, removed accounts, a damaged log, 記号番号 of 7 digits ---------------------------

def test_an_exchange_is_not_a_first_time_personal_payee_and_the_reason_names_the_start():
    rows = [(item(ITEM_A, "a.csv"), [
        tx("t-1", "2024-05-10", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=2),
        tx("t-ex", "2024-06-14", -300_000, "ﾋﾞﾂﾄﾌﾗｲﾔｰ", key="ビツトフライヤー", line=3)])]
    txs = money.collect(rows)
    state = cr.fold([put("scam_start", "scam_start", {"date": "2024-05-01"})])
    found = [(f.code, f.txs[0].identity) for f in money.flags(txs, state)]
    assert found == [("first_time_payee", "t-1"), ("round_amount", "t-1"), ("round_amount", "t-ex"),
                     ("to_exchange", "t-ex")]
    from evidence_kit.i18n import tr
    assert tr("money.reason_first_time_payee", "ja", start="2024-05-01") == (
        "被害が始まった日（2024-05-01）より前の明細には一度も出てこない個人名義への振込です")
    assert [(f.code, f.params) for f in money.flags(txs, cr.CaseRecords()) if f.code.endswith("payee")] == [
        ("new_payee", {})]
    assert tr("money.reason_new_payee", "en") == "the first transfer to a personal name that appears in no earlier row"


def test_a_link_to_a_removed_account_is_no_link():
    txs = money.collect(statements())
    state = cr.fold([put("account", "1", {"holder_kana": "ﾀﾅｶ"}), put("link", "t-3", {"account": "1"}),
                     put("account", "1", None, op="delete"),
                     put("account", "2", {"holder_kana": "ﾀﾅｶ", "transfers": [
                         {"date": "2024-05-12", "amount": 200_000, "evidence": "振込受付書"}]})])
    assert [(s.tx.identity, s.account) for s in money.suggest_links(txs, state)] == [("t-3", "2")]
    assert money.suggested_start(txs, state) is None
    assert money.summarise(txs, state).paid.rows == []


def test_the_fold_passes_over_malformed_entries():
    docs = [put("account", "1", {"holder_kana": 5, "bank_name": "みずほ銀行", "transfers": "x"}),
            put("account", "2", {"holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ", "transfers": [{"date": 5}, "x", {
                "date": "2024-05-01", "amount": 300_000, "evidence": "振込受付書"}]}),
            put("party", "1", {"names": "ケン", "identifiers": ["x", {"kind": "phone", "value": "090"}]}),
            put("scam_start", "scam_start", {"date": 20240501}),
            put("mark", "t-1", {"as": "maybe"}), put("mark", "t-2", {"as": "not_scam"}),
            put("link", "t-3", {"account": ["1"]}),
            put("report", "reporter", {"name": "山田", "age": 5})]
    state = cr.fold(docs)
    assert (state.accounts["1"].holder_kana, state.accounts["1"].transfers) == ("", [])
    assert state.accounts["2"].transfers == [{"date": "2024-05-01", "amount": 300_000, "evidence": "振込受付書"}]
    assert (state.parties["1"].names, state.parties["1"].identifiers) == ([], [{"kind": "phone", "value": "090"}])
    assert (state.scam_start, list(state.marks), list(state.links)) == (None, ["t-2"], [])
    assert state.report == {"reporter": {"name": "山田"}}
    txs = money.collect(statements())
    summary = money.summarise(txs, state)
    assert identities(summary.paid.rows) == ["t-1"]  # by the holder's name only: not confirmed by "maybe"
    assert [r.status for r in summary.paid.rows] == ["flagged"]
    money.flags(txs, state), money.suggest_links(txs, state)


@pytest.mark.parametrize("symbol, expected", [
    ("10100-1234561", ("018", "普通", "0123456")),
    ("10100-12341", ("018", "普通", "0001234")),
])
def test_yucho_number_of_fewer_than_8_digits(symbol, expected):
    assert cr.yucho_to_branch(symbol) == expected


def test_a_debit_hold_settled_in_another_statement_is_not_counted():
    def paypay(item_id, name, rows, number="7654321"):
        found = item(item_id, name, institution="PayPay銀行")
        found["parsed"].update(profile="jp.paypay_bank.v1", account={"number": number})
        return found, rows

    hold_1 = tx("h-1", "2024-05-13T10:00:00+09:00", -5_000, "Visaデビット売上予約 123456", key="", line=2, transfer=False)
    hold_2 = tx("h-2", "2024-05-30T10:00:00+09:00", -8_000, "Visaデビット売上予約 777777", key="", line=3, transfer=False)
    settle_1 = tx("s-1", "2024-05-15", -5_000, "Visaデビット売上確定 123456", key="", line=3, transfer=False)
    settle_2 = tx("s-2", "2024-06-01", -8_000, "Visaデビット売上確定 777777", key="", line=2, transfer=False)
    seen_settled = dict(hold_1, attrs={**hold_1["attrs"], "superseded_by": 3})
    items = [paypay(ITEM_A, "may.csv", [hold_1, hold_2]), paypay(ITEM_B, "may-june.csv", [seen_settled, settle_1]),
             paypay(ITEM_C, "june.csv", [settle_2])]
    for order in (items, items[::-1]):
        assert [t.identity for t in money.collect(order)] == ["s-1", "s-2"]
    other = paypay(ITEM_X, "other.csv", [hold_2], number="1")  # another own account: its hold is its own
    assert [t.identity for t in money.collect([items[2], other])] == ["h-2", "s-2"]


def test_a_decision_on_one_part_of_a_split_payment_is_the_whole_payments():
    parts = [tx("p-1", "2024-05-20T10:00:00+09:00", -7_000, "ｹﾝ", key="ケン", line=2),
             tx("p-2", "2024-05-20T10:00:00+09:00", -3_000, "ｹﾝ", key="ケン", line=3, part_of=2),
             tx("p-3", "2024-05-21T10:00:00+09:00", -1_000, "ｹﾝ", key="ケン", line=4)]
    paypay = item(ITEM_A, "paypay.csv", kind="wallet", institution="PayPay")
    txs = money.collect([(paypay, parts), (item(ITEM_B, "paypay2.csv", kind="wallet", institution="PayPay"), parts)])
    assert [[t.identity for t in tx.group] for tx in txs] == [["p-1", "p-2"], ["p-1", "p-2"], []]
    state = cr.fold([put("account", "1", {"holder_kana": "ﾀﾅｶ"}), put("link", "p-2", {"account": "1"})])
    summary = money.summarise(txs, state)
    assert [(r.tx.identity, r.status) for r in summary.accounts[0].paid.rows] == [("p-1", "confirmed"),
                                                                                 ("p-2", "confirmed")]
    assert summary.paid.total == 10_000
    assert [s.tx.identity for s in money.suggest_links(txs, state)] == []
    state = cr.fold([put("mark", "p-1", {"as": "scam"}), put("mark", "p-3", {"as": "scam"})])
    assert (money.summarise(txs, state).other_paid.total, money.suggested_start(txs, state)) == (11_000, "2024-05-20")
    assert [(f.code, f.txs[0].identity) for f in money.flags(txs, cr.CaseRecords())] == [("new_payee", "p-1")]
    state = cr.fold([put("mark", "p-2", {"as": "not_scam"})])  # the part the user saw: the payment is dismissed
    assert money.flags(txs, state) == [] and money.summarise(txs, state).paid.rows == []


def test_the_same_row_read_by_two_layouts_is_one_when_the_balances_match():
    csv_rows = [tx("a-1", "2024-05-01", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=2, balance=950_000),
                tx("a-2", "2024-05-02", -1_000, "ATM", key="", line=3, transfer=False),
                tx("a-3", "2024-05-02", -1_000, "ATM", key="", line=4, transfer=False)]  # two equal rows, one file
    ofx_rows = [tx("o-1", "2024-05-01T00:00:00+09:00", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=20,
                   balance=950_000),
                tx("o-2", "2024-05-02", -1_000, "ATM", key="", line=21, transfer=False),
                tx("o-3", "2024-05-09", -300_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=22, balance=650_000)]
    ofx = item(ITEM_B, "smbc.ofx", kind="ofx")
    ofx["parsed"]["format"] = "ofx"
    txs = money.collect([(item(ITEM_A, "smbc.csv"), csv_rows), (ofx, ofx_rows)])
    assert [(t.identity, [(s.file, s.line) for s in t.sources]) for t in txs] == [
        ("a-1", [("smbc.csv", 2), ("smbc.ofx", 20)]), ("a-2", [("smbc.csv", 3)]), ("a-3", [("smbc.csv", 4)]),
        ("o-2", [("smbc.ofx", 21)]), ("o-3", [("smbc.ofx", 22)])]  # no balance: not known to be the same
    state = cr.fold([put("mark", "o-1", {"as": "scam"}), put("mark", "o-3", {"as": "scam"})])  # decided on the OFX
    summary = money.summarise(txs, state)
    assert ([(r.tx.identity, r.status) for r in summary.paid.rows], summary.paid.total) == (
        [("a-1", "confirmed"), ("o-3", "confirmed")], 600_000)
    assert money.find_tx(txs, "bbbbbbbb:20").identity == "a-1"
    assert money.recorded_under(state.marks, txs[0]) == "o-1"  # what unmark removes
    assert money.recorded_under(state.links, txs[0]) is None


def test_a_bank_name_written_out_in_full_is_found_and_an_unknown_one_is_said():
    assert [bankcodes.bank_by_name(n)["code"] for n in ("城南信用金庫", "中央労働金庫", "北央信用組合")] == [
        "1344", "2963", "2011"]
    account = cr.DestinationAccount(id="1", bank_name="城南信用金庫", holder_kana="ﾀﾅｶ")
    assert (bankcodes.complete(account), account.bank_code) == ([], "1344")
    assert [bankcodes.bank_by_name(n)["code"] for n in ("ミズホ", "ﾗｸﾃﾝ銀行", "らくてん")] == ["0001", "0036", "0036"]
    kana = cr.DestinationAccount(id="1", bank_name="ミズホ", holder_kana="ﾀﾅｶ")
    assert (bankcodes.complete(kana), kana.bank_code) == ([], "0001")
    unknown = cr.DestinationAccount(id="1", bank_name="ミズボ", holder_kana="ﾀﾅｶ")
    assert bankcodes.complete(unknown) == [("warn_bank_name_unknown", {"name": "ミズボ", "date": bankcodes.data_date()})]
    from evidence_kit.i18n import tr
    assert tr("money.warn_bank_name_unknown", "ja", name="ミズホ", date="2024-01-01") == (
        "注意: 「ミズホ」という金融機関は収録の一覧（2024-01-01 時点）に見つかりませんでした。"
        "金融機関コード（4 桁）がわかれば --bank-code で入力してください（振込の控えや明細に載っています）。")


def test_a_name_match_before_the_scam_start_the_user_set_is_not_counted():
    txs = money.collect(statements())
    state = records_with_account(more=[("scam_start", "scam_start", {"date": "2024-05-05"}),
                                       ("link", "t-salary", {"account": "1"})])
    summary = money.summarise(txs, state)
    assert [(r.tx.identity, r.status) for r in summary.paid.rows] == [("t-2", "flagged")]  # t-1 is before the start
    assert [(r.tx.identity, r.status) for r in summary.received_back.rows] == [("t-salary", "confirmed"),
                                                                               ("t-back", "flagged")]


def test_a_fee_row_the_importer_took_for_a_transfer_is_still_a_fee():
    rows = [tx("t-1", "2024-05-13", -100_000, "ﾔﾏﾀﾞ ﾀﾛｳ", key="ヤマダタロウ", line=2, balance=900_000),
            tx("f-1", "2024-05-13", -330, "ﾌﾘｺﾐﾃｽｳﾘｮｳ", key="テスウリヨウ", line=3, balance=899_670),
            tx("f-2", "2024-06-01", -330, "ﾌﾘｺﾐﾃｽｳﾘｮｳ", key="テスウリヨウ", line=4, balance=899_340)]
    txs = money.collect([(item(ITEM_A, "a.csv"), rows)])
    assert [(t.identity, t.attrs["fee"]) for t in txs if t.fee_rows] == [("t-1", 330)]
    assert [(f.code, f.txs[0].identity) for f in money.flags(txs, cr.CaseRecords())] == [("new_payee", "t-1"),
                                                                                     ("round_amount", "t-1")]


def test_a_yucho_symbol_on_another_banks_code_is_refused():
    with pytest.raises(EvidenceKitError) as err:
        cr.check_account(cr.DestinationAccount(id="1", bank_code="0001", yucho_symbol="14020-57561701"))
    assert err.value.message("ja") == ("記号番号 14020-57561701 はゆうちょ銀行の口座の番号ですが、金融機関コードが「0001」になっています。"
                                       "ゆうちょ銀行の口座なら金融機関コードを 9900 にしてください。")
    assert cr.check_account(cr.DestinationAccount(id="1", bank_code="9900", yucho_symbol="14020-57561701")).number == "5756170"


def test_a_name_two_recorded_accounts_share_is_not_put_on_either_banks_sheet():
    txs = money.collect(statements())
    state = cr.fold([put("account", "1", {"bank_code": "0001", "holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ"}),
                     put("account", "2", {"bank_code": "0036", "holder_kana": "ﾔﾏﾀﾞ ﾀﾛｳ"}),
                     put("link", "t-2", {"account": "2"})])
    summary = money.summarise(txs, state)
    assert [identities(a.paid.rows) for a in summary.accounts] == [[], ["t-2"]]
    assert [(r.tx.identity, r.status) for r in summary.other_paid.rows] == [("t-1", "flagged")]
    assert [(r.tx.identity, r.status) for r in summary.received_back.rows] == [("t-back", "flagged")]
    assert [identities(a.received.rows) for a in summary.accounts] == [[], []]
    assert summary.paid.total == 800_000


def test_a_slip_total_with_the_fee_finds_the_transfer():
    txs = money.collect([(item(ITEM_A, "smbc.csv"), fee_statement())])
    slip = {"date": "2024-05-21", "amount": 500_440, "evidence": "振込受付書（合計）"}
    state = cr.fold([put("account", "1", {"holder_kana": "ﾀﾅｶ", "transfers": [slip]})])
    assert [(s.tx.identity, s.code, s.params) for s in money.suggest_links(txs, state)] == [
        ("t-2", "transfer_record_with_fee", {**slip, "account": "1", "fee": 440})]
    from evidence_kit.i18n import tr
    assert tr("money.reason_transfer_record_with_fee", "ja", **{**slip, "account": "1", "fee": 440}) == (
        "口座 1 への振込の記録（2024-05-21、500,440 円。振込受付書（合計））が、この振込と手数料 440 円の合計と同じで、"
        "日付の差が 1 営業日以内です")


def test_flags_on_rows_without_a_date_do_not_crash():
    """A JA Bank statement whose year is unknown gives rows with no date: no run, no chain, no crash."""
    def row(i, time, amount, name):
        key = name_key(name)[0]
        return money.Tx(f"id{i}", time, amount, "out", "bank", "own",
                        {"counterparty": key, "counterparty_key": key, "corporate": False, "tx_type": "振込",
                         "transfer": True, "amount": amount}, [money.Source("item", "ja.csv", i)])
    txs = [row(1, "", -50000, "ﾔﾏﾀﾞ ﾀﾛｳ"), row(2, "", -20000, "ﾋﾞﾂﾄﾌﾗｲﾔｰ"), row(3, "", -30000, "ｻﾄｳ ﾊﾅｺ"),
           row(4, "", -30000, "ｽｽﾞｷ ｼﾞﾛｳ")]
    assert [(f.code, [t.identity for t in f.txs]) for f in money.flags(txs, cr.CaseRecords())] == [
        ("new_payee", ["id1"]), ("to_exchange", ["id2"]), ("new_payee", ["id3"]), ("new_payee", ["id4"])]
