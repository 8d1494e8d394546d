"""Money importers (bank.py, ofx.py): every bundled profile on an invented fixture written in the
bank's real encoding, the record contract, warnings, errors, the mapping path and sniffing."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.i18n import tr
from evidence_kit.i18n.money_messages import ERRORS, WARNINGS
from evidence_kit.importers import bank, detect, ofx, text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "money"


def assert_lossless(path: Path, result) -> None:
    """Every physical line in exactly one record, in order (a record may have no line of its own only
    when it shares its line with the previous one, as in a one-line OFX file)."""
    assert [raw for r in result.records for raw in r.raw] == text.read_text(path).lines
    expected = 1
    for r in result.records:
        if not r.raw:
            assert r.line == expected - 1
            continue
        assert r.line == expected and r.end_line == r.line + len(r.raw) - 1
        expected = r.end_line + 1


def parse(name: str, **options):
    path = FIXTURES / name
    result = (ofx if path.suffix == ".ofx" else bank).parse(path, **options)
    assert_lossless(path, result)
    return result


def txs(result):
    return [r for r in result.records if r.type == "transaction"]


# file: (profile, encoding, rows, skipped, total_in, total_out, [(line, warning)])
EXPECTED = {
    "yucho.csv": ("jp.yucho.v1", "cp932", 4, 0, 250000, 261540, []),
    "yucho_utf8.csv": ("jp.yucho.v1", "utf-8", 1, 0, 0, 5000, []),
    "mufg.csv": ("jp.mufg.v1", "cp932", 5, 0, 310000, 530220, [(6, "money_direction_mismatch")]),
    "mufg_unquoted.csv": ("jp.mufg.v1", "cp932", 1, 0, 0, 45252, []),
    "smbc.csv": ("jp.smbc.v1", "cp932", 3, 1, 49307, 301000, []),
    "smbc_wareki.csv": ("jp.smbc.wareki.v1", "cp932", 2, 1, 5000, 10000, [(4, "money_bad_date")]),
    "mizuho.csv": ("jp.mizuho.v1", "cp932", 2, 0, 20000, 100000, []),
    "resona.csv": ("jp.resona.anser.v1", "cp932", 2, 1, 50000, 70000, []),
    "zengin13.csv": ("jp.zengin13.v1", "cp932", 2, 0, 120000, 400000, []),
    "rakuten_bank.csv": ("jp.rakuten_bank.v1", "cp932", 3, 0, 3146, 5086, []),
    "paypay_bank.csv": ("jp.paypay_bank.v1", "cp932", 5, 0, 5000, 103000, []),
    "paypay_bank_old.csv": ("jp.paypay_bank.v0", "cp932", 1, 0, 1000, 0, []),
    "sumishin_sbi.csv": ("jp.sumishin_sbi.v1", "cp932", 3, 0, 300000, 335000, []),
    "sbi_shinsei.csv": ("jp.sbi_shinsei.v1", "utf-8-sig", 3, 0, 11, 50110, []),
    "sbi_shinsei_old.txt": ("jp.sbi_shinsei.v0", "utf-16", 2, 0, 100000, 20000, []),
    "ja_bank_2024.csv": ("jp.ja_bank.v1", "cp932", 2, 0, 7000, 4600, []),
    "ja_bank.csv": ("jp.ja_bank.v1", "cp932", 1, 0, 7000, 0, [(2, "money_year_unknown")]),
    "aujibun.csv": ("jp.aujibun.v1", "cp932", 2, 0, 100000, 90000, []),
    "aeon_bank.csv": ("jp.aeon_bank.v1", "cp932", 2, 0, 0, 30000, []),
    "suruga.csv": ("jp.suruga.v1", "cp932", 2, 1, 50000, 60000, []),
    "rakuten_card.csv": ("card.rakuten.v1", "utf-8-sig", 2, 0, 500, 1051, []),
    "vpass.csv": ("card.smbc_vpass.v1", "cp932", 2, 3, 0, 50300, []),
    "myjcb.csv": ("card.myjcb.v1", "cp932", 2, 0, 0, 11584, []),
    "life_card.csv": ("card.life.v1", "cp932", 2, 3, 0, 54877, []),
    "paypay_card.csv": ("card.paypay.v1", "utf-8", 2, 0, 0, 3292, []),
    "view_card.csv": ("card.view.v1", "cp932", 2, 1, 500, 3000, []),
    "aeon_card.csv": ("card.aeon.v1", "cp932", 2, 0, 0, 32980, []),
    "epos.csv": ("card.epos.v1", "cp932", 2, 0, 0, 62000, []),
    "paypay_app.csv": ("wallet.paypay.v1", "utf-8-sig", 5, 0, 5000, 31610, []),
    "paypay_app_sjis.csv": ("wallet.paypay.v1", "cp932", 2, 0, 10000, 9000, []),
    "paypal.csv": ("wallet.paypal_jp.v1", "utf-8-sig", 3, 0, 2246, 52246, []),
    "moneyforward.csv": ("agg.moneyforward_me.v1", "cp932", 2, 0, 250000, 200000, []),
    "bitflyer.csv": ("crypto.bitflyer.v1", "utf-8-sig", 3, 0, 3000000, 0, []),
    "coincheck.csv": ("crypto.coincheck.v1", "utf-8", 4, 0, 100000, 40000, []),
    "binance_withdrawals.csv": ("crypto.binance.withdrawals.v1", "utf-8", 2, 0, 0, 0, []),
    "bank.ofx": ("ofx.sgml.v1", "utf-8", 2, 5, 250000, 150000, []),
    "bank_v2.ofx": ("ofx.xml.v2", "utf-8", 2, 1, 0, 23000, []),
    "bad_amount.csv": ("jp.sumishin_sbi.v1", "cp932", 1, 2, 0, 1000, [(3, "money_bad_amount"), (4, "money_bad_date")]),
    "truncated.csv": ("jp.mufg.v1", "cp932", 1, 1, 300000, 0, [(3, "money_row_short")]),
    "duplicate.csv": ("jp.sumishin_sbi.v1", "cp932", 3, 0, 200000, 200000,
                      [(3, "money_duplicate_row"), (3, "money_balance_mismatch")]),
    "balance_gap.csv": ("jp.mufg.v1", "cp932", 3, 0, 300000, 150000, [(3, "money_balance_mismatch")]),
    "multiline.csv": ("jp.smbc.v1", "cp932", 2, 0, 400000, 300000, []),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_counts_totals_and_warnings(name):
    profile, encoding, rows, skipped, total_in, total_out, warnings = EXPECTED[name]
    result = parse(name)
    assert (result.format, result.variant, result.encoding) == ("ofx" if name.endswith(".ofx") else "money",
                                                                profile, encoding)
    info = result.info
    assert (info["profile"], info["rows"], info["skipped"], info["total_in"], info["total_out"]) == (
        profile, rows, skipped, total_in, total_out)
    assert [(w.line, w.code) for w in result.warnings] == warnings
    assert detect(FIXTURES / name).NAME == result.format


def test_every_bundled_profile_has_a_fixture():
    covered = {v[0] for v in EXPECTED.values()}
    assert {p["id"] for p in bank.bundled_profiles()} <= covered


def test_yucho_rows_account_and_record_types():
    result = parse("yucho.csv")
    assert [r.type for r in result.records] == ["preamble"] * 7 + ["header"] + ["transaction"] * 4
    assert result.info["institution"] == "ゆうちょ銀行" and result.info["kind"] == "bank"
    assert result.info["account"] == {"number": "10180-12345671"}
    assert result.info["period"] == ["2025-07-01", "2025-07-10"]
    first, send = txs(result)[:2]
    assert (first.time, first.time_raw, first.sender, first.text) == ("2025-07-01", "20250701", None, "振込 ｷﾕｳﾖ ｼﾖｳｼﾞ(ｶ")
    a = send.attrs
    assert (a["amount"], a["direction"], a["balance"], a["tx_type"], a["counterparty"]) == (
        -200000, "out", 150000, "送金", "ﾔﾏﾓﾄ ﾊﾅｺ")
    assert (a["counterparty_key"], a["corporate"], a["transfer"], a["row_id"], a["fee"]) == (
        "ヤマモトハナコ", False, True, "202507020000001", None)
    assert a["cells"]["払出金額（円）"] == '200,000' and a["description"] == "送金 ﾔﾏﾓﾄ ﾊﾅｺ"
    assert first.attrs["corporate"] is True and first.attrs["counterparty_key"] == "キユウヨシヨウジ"
    assert len(a["identity"]) == 64 and a["identity"] != first.attrs["identity"]
    assert send.raw == ['20250702,202507020000001,,"200,000",送金,ﾔﾏﾓﾄ ﾊﾅｺ,"150,000",']


def test_identity_is_stable_across_downloads_and_differs_between_accounts():
    data = (FIXTURES / "yucho.csv").read_bytes()
    other_account = data.replace("10180-12345671".encode("cp932"), "10180-99999991".encode("cp932"))
    ids = [[r.attrs["identity"] for r in txs(bank.parse(Path(n), data=d))]
           for n, d in (("a.csv", data), ("b.csv", data), ("c.csv", other_account))]
    assert ids[0] == ids[1] and not set(ids[0]) & set(ids[2])


def test_smbc_prefixes_corporate_and_balance_footer():
    result = parse("smbc.csv")
    rows = txs(result)
    assert [(r.attrs["tx_type"], r.attrs["counterparty"], r.attrs["corporate"], r.attrs["transfer"]) for r in rows] == [
        ("振込", "ｻｷﾞﾉ ﾀﾛｳ", False, True), ("カード振込", "ﾃｽﾄｼﾖｳｼﾞ(ｶ", True, False),
        ("V123456", "ｻﾝﾌﾟﾙ／ｉＤ", False, False)]
    footer = result.records[-1]
    assert (footer.type, footer.attrs["reason"], footer.raw) == ("skipped", "balance", [',,,,"149,307",,'])


def test_rakuten_detached_voiced_marks_key():
    row = txs(parse("rakuten_bank.csv"))[1]
    assert row.attrs["counterparty"] == "ラクテンカ－ト゛サ－ヒ゛ス"
    assert row.attrs["counterparty_key"] == "ラクテンカードサービス"


def test_paypay_bank_time_and_superseded_hold():
    rows = txs(parse("paypay_bank.csv"))
    assert rows[0].time == "2024-03-01T09:05:10+09:00" and rows[0].time_raw == "2024 03 01 09 05 10"
    assert [r.attrs.get("superseded_by") for r in rows] == [None, 5, 5, None, None]
    assert rows[-1].attrs["row_id"] == "1005" and rows[-1].attrs["transfer"] is True


def test_resona_direction_column_total_row_and_own_account():
    result = parse("resona.csv")
    assert [r.attrs["amount"] for r in txs(result)] == [50000, -70000]
    assert result.records[-1].attrs["reason"] == "total"
    assert result.info["account"] == {"bank": "りそな銀行", "branch": "テスト支店", "type": "普通", "number": "1234567"}


def test_ja_bank_year_from_file_name_or_none():
    assert [r.time for r in txs(parse("ja_bank_2024.csv"))] == ["2024-04-30", "2024-05-02"]
    undated = txs(parse("ja_bank.csv"))[0]
    assert (undated.time, undated.time_raw, undated.attrs["amount"]) == (None, "4月30日", 7000)
    assert txs(parse("ja_bank.csv", mapping=_with_year(2023)))[0].time == "2023-04-30"


def _with_year(year: int) -> dict:
    profile = next(p for p in bank.bundled_profiles() if p["id"] == "jp.ja_bank.v1")
    fields = {**profile["fields"], "date": {**profile["fields"]["date"], "year": year}}
    return {**profile, "fields": fields}


def test_cards_spending_is_money_out_and_refunds_in():
    rows = txs(parse("rakuten_card.csv"))
    assert [(r.attrs["amount"], r.attrs["direction"]) for r in rows] == [(-1051, "out"), (500, "in")]
    vpass = parse("vpass.csv")
    assert vpass.records[0].type == "preamble"
    assert vpass.info["account"] == {"holder": "見本\u3000花子\u3000様", "card": "4980-****-****-1***",
                                     "card_name": "ＶＩＳＡクラシックカード"}
    assert [r.attrs.get("reason") for r in vpass.records[3:]] == ["total", "footer", "total"]
    myjcb = parse("myjcb.csv")
    assert txs(myjcb)[0].time_raw == " 2024/01/16" and txs(myjcb)[0].time == "2024-01-16"
    assert myjcb.info["account"] == {"card": "****-****-****-1234　テストカード　見本　太郎　様"}


def test_paypay_app_transfer_and_split_payment_rows():
    rows = txs(parse("paypay_app.csv"))
    send = rows[2]
    assert (send.time, send.attrs["tx_type"], send.attrs["counterparty"], send.attrs["transfer"]) == (
        "2024-09-09T21:40:00+09:00", "送った金額", "サギ子", True)
    assert rows[1].attrs["amount"] == 5000 and rows[1].attrs["balance"] is None
    split = rows[3:]
    assert [r.attrs["row_id"] for r in split] == ["000000000000000000010"] * 2
    assert [r.attrs["amount"] for r in split] == [-93, -317]
    assert [r.attrs.get("part_of") for r in rows] == [None, None, None, None, 5]
    assert split[0].attrs["identity"] != split[1].attrs["identity"]


def test_crypto_rows_keep_exact_quantities_addresses_and_utc():
    flyer = txs(parse("bitflyer.csv"))
    assert [(r.attrs["asset"], r.attrs["quantity"], r.attrs["amount"], r.attrs["transfer"]) for r in flyer] == [
        ("BTC", "-0.234", None, True), ("BTC", "0.3", None, False), ("JPY", "3000000", 3000000, False)]
    assert flyer[1].attrs["fee"] == "-0.0003000" and flyer[0].attrs["row_id"] == "CWD20241230-123456-000001"
    sent = txs(parse("coincheck.csv"))[2]
    assert (sent.time, sent.attrs["direction"], sent.attrs["quantity"], sent.attrs["address"]) == (
        "2024-01-06T12:00:00+09:00", "out", "-0.0095", "bc1qexampleAddrMixedCase00")
    first = txs(parse("binance_withdrawals.csv"))[0]
    assert (first.time, first.attrs["time_utc"], first.time_raw) == (
        "2024-03-02T00:30:00+09:00", "2024-03-01T15:30:00+00:00", "2024-03-01 15:30:00")
    assert (first.attrs["txid"], first.attrs["address"], first.attrs["network"], first.attrs["quantity"]) == (
        "0xTestTxIdABCdef01", "TTestAddressMixedCase0001", "TRX", "-1500")
    assert first.attrs["counterparty"] == "TTestAddressMixedCase0001"


def test_ofx_transactions_and_account():
    result = parse("bank.ofx")
    rows = txs(result)
    assert [(r.line, r.end_line, r.time, r.attrs["amount"], r.attrs["counterparty"]) for r in rows] == [
        (24, 30, "2024-01-10", -150000, "ｻｷﾞﾉ ﾀﾛｳ"), (31, 38, "2024-01-25T09:30:00+09:00", 250000, "ｷﾕｳﾖ")]
    assert rows[0].attrs["transfer"] is True and rows[0].attrs["row_id"] == "2024011001"
    assert result.info["account"] == {"bank": "0001", "branch": "101", "number": "1234567", "type": "SAVINGS"}
    one_line = txs(parse("bank_v2.ofx"))
    assert [(r.line, len(r.raw), r.time) for r in one_line] == [(5, 1, "2024-03-01T09:00:00+09:00"),
                                                                (5, 0, "2024-03-02")]


def test_ofx_declaring_windows_1252_is_read_so():
    data = (FIXTURES / "bank.ofx").read_bytes().replace(b"CHARSET:NONE", b"CHARSET:1252")
    data = data.replace("<NAME>ｷﾕｳﾖ".encode(), "<NAME>Caf\u00e9 Müller".encode("cp1252"))
    result = ofx.parse(Path("west.ofx"), data=data)
    assert result.encoding == "cp1252" and txs(result)[1].attrs["counterparty"] == "Caf\u00e9 Müller"
    utf8 = ofx.parse(Path("west.ofx"), data=data.replace("Caf\u00e9 Müller".encode("cp1252"), "Café".encode()))
    assert utf8.encoding == "utf-8"


def test_multiline_quoted_cell_is_one_record():
    row = txs(parse("multiline.csv"))[0]
    assert (row.line, row.end_line) == (2, 3) and row.attrs["cells"]["メモ"] == "2行の\nメモ"
    assert row.text == "振込　ｻｷﾞﾉ ﾀﾛｳ 2行の\nメモ"


def test_json_output_flattens_the_contract_fields():
    out = txs(parse("mufg.csv"))[2].to_json()
    assert {k: out[k] for k in ("type", "time", "line", "amount", "direction", "counterparty", "balance",
                                "description", "tx_type")} == {
        "type": "transaction", "time": "2024-05-03", "line": 4, "amount": -500000, "direction": "out",
        "counterparty": "サギノ\u3000タロウ", "balance": 810000, "description": "振込１ サギノ\u3000タロウ",
        "tx_type": "振込１"}


# --- errors -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, code", [
    ("excel_renamed.csv", "money_not_csv"), ("excel97_renamed.csv", "money_not_csv"),
    ("undecodable.csv", "money_undecodable"), ("empty.csv", "money_unknown_layout"),
    ("unknown.csv", "money_unknown_layout"),
])
def test_errors(name, code):
    with pytest.raises(EvidenceKitError) as err:
        bank.parse(FIXTURES / name)
    assert err.value.code == code and name in err.value.message("ja") and name in err.value.message("en")


def test_forcing_another_banks_profile_names_profile_and_file():
    mufg = next(p for p in bank.bundled_profiles() if p["id"] == "jp.mufg.v1")
    with pytest.raises(EvidenceKitError) as err:
        bank.parse(FIXTURES / "yucho.csv", mapping=mufg)
    assert err.value.code == "money_profile_mismatch"
    assert err.value.message("en") == ('The header row of layout "jp.mufg.v1" is not in "yucho.csv". '
                                       "Please check that the file is from that bank and layout.")


def test_every_message_exists_in_both_languages():
    for code in WARNINGS:
        ja, en = tr("parse." + code, "ja", line=37), tr("parse." + code, "en", line=37)
        assert "37 行目" in ja and "line 37" in en.lower()
    for code in ERRORS:
        params = {"path": "a.csv", "profile": "p", "name": "n", "column": "c"}
        assert tr("error." + code, "en", **params) != tr("error." + code, "ja", **params)
    assert tr("parse.money_bad_amount", "en", line=7) == (
        "The amount on line 7 is not a number, so this row is not counted as a transaction. It is kept exactly as written.")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_evidence_kit_errors(data):
    for module in (bank, ofx):
        try:
            result = module.parse(Path("random.csv"), data=data)
        except EvidenceKitError:
            continue
        assert all(r.type in {"preamble", "header", "transaction", "skipped", "blank"} for r in result.records)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="0123456789/,-\"\n 振込ｱ円\\", max_size=20), max_size=8))
def test_random_rows_under_a_real_header_never_break(rows):
    data = ("日付,摘要,摘要内容,支払い金額,預かり金額,差引残高,メモ,未資金化区分,入払区分\n" + "\n".join(rows)).encode("cp932")
    result = bank.parse(Path("mufg.csv"), data=data)
    assert result.variant == "jp.mufg.v1"
    assert "\n".join(raw for r in result.records for raw in r.raw) == "\n".join(
        text.split_lines(data.decode("cp932")))


TOKENS = [*"0123456789/,-\"\n :.年月日振込ｱ\\△R", "2024/01/02", "20240102", "合計", "Sent", "入金", "支払"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(bank.bundled_profiles()),
       st.lists(st.lists(st.sampled_from(TOKENS), max_size=12).map("".join), max_size=5))
def test_random_rows_under_every_profile(profile, rows):
    detect_ = profile["detect"]
    header = ("見本 様,1234-****-****-1234,カード" if "first_row_regex" in detect_ else
              ",".join(detect_["header_required"] + detect_.get("header_optional", []) + ["10月支払金額"]))
    data = (header + "\n" + "\n".join(rows)).encode("utf-8")
    result = bank.parse(Path("f.csv"), data=data)
    assert [raw for r in result.records for raw in r.raw] == text.split_lines(data.decode("utf-8"))
    assert result.info["rows"] == sum(r.type == "transaction" for r in result.records)


def test_split_time_columns_must_be_a_time():
    header = "操作日(年),操作日(月),操作日(日),操作時刻(時),操作時刻(分),操作時刻(秒),取引順番号,摘要,お支払金額,お預り金額,残高\n"
    rows = "2024,1,1,99999999999999999999,1,1,1,x,1,,1\n2024,1,2,1:2:3,4,5,2,x,1,,0\n2024,1,3,,,,3,x,,5,5\n"
    result = bank.parse(Path("p.csv"), data=(header + rows).encode("cp932"))
    assert [(r.type, r.time) for r in result.records[1:]] == [("skipped", None), ("skipped", None),
                                                              ("transaction", "2024-01-03")]
    assert [(w.line, w.code) for w in result.warnings] == [(2, "money_bad_date"), (3, "money_bad_date")]


# --- the unknown-CSV path -----------------------------------------------------------------------------
UNKNOWN = "口座メモ\n日時,摘要,出金,入金,残高\n2024/1/2,振込　テスト,100,,900\n2024/1/3,利息,,1,901\n".encode("cp932")


def test_propose_mapping_guesses_header_and_roles():
    proposal = bank.propose_mapping(Path("my bank.csv"), data=UNKNOWN)
    assert proposal["id"] == "user.my-bank" and proposal["detect"]["header_row"] == 1
    assert proposal["fields"]["date"] == {"column": "日時", "format": ["ymd"]}
    assert proposal["fields"]["amount"] == {"kind": "debit_credit", "debit": "出金", "credit": "入金"}
    assert (proposal["fields"]["balance"], proposal["fields"]["description"]) == ("残高", ["摘要"])
    result = bank.parse(Path("my bank.csv"), data=UNKNOWN, profiles=[proposal])
    assert (result.variant, result.info["rows"], result.info["total_out"], result.info["total_in"]) == (
        "user.my-bank", 2, 100, 1)
    assert txs(result)[0].attrs["transfer"] is True and result.warnings == []


def test_propose_mapping_without_a_header():
    with pytest.raises(EvidenceKitError) as err:
        bank.propose_mapping(FIXTURES / "unknown.csv")
    assert err.value.code == "money_unknown_layout"


def test_mapping_profile_shapes_and_validation():
    signed = bank.mapping_profile("テスト銀行", date="取引日", date_format="compact", amount="金額", description=("内容",))
    assert signed["id"].startswith("user.") and signed["fields"]["amount"] == {"kind": "signed", "column": "金額"}
    assert signed["detect"]["header_required"] == ["取引日", "金額", "内容"]
    card = bank.mapping_profile("card", date="利用日", amount_out="利用金額")
    assert card["fields"]["amount"] == {"kind": "spend_only", "column": "利用金額"}
    for kwargs, column in [
        ({"date": "", "amount": "金額"}, "-"),
        ({"date": "日付", "amount": "日付"}, "日付"),
        ({"date": "日付", "amount": "金額", "amount_out": "出金"}, "金額"),
        ({"date": "日付", "amount_in": "入金"}, "入金"),
        ({"date": "日付", "date_format": "dd.mm", "amount": "金額"}, "日付"),
        ({"date": "日付", "amount": "金額", "balance": "金額"}, "金額"),
    ]:
        with pytest.raises(EvidenceKitError) as err:
            bank.mapping_profile("x", **kwargs)
        assert err.value.code == "money_mapping_invalid" and err.value.params["column"] == column


@pytest.mark.parametrize("profile", bank.bundled_profiles(), ids=lambda p: p["id"])
def test_bundled_profiles_are_valid_and_round_trip_through_toml(profile):
    bank.check_profile(profile)
    assert tomllib.loads(bank.profile_to_toml(profile)) == profile


@pytest.mark.parametrize("broken, entry", [
    ({"detect": {"header_required": ["日付"]}, "fields": {}}, "id"),
    ({"id": "user.x", "fields": {}}, "detect"),
    ({"id": "user.x", "detect": {"header_required": ["日付"]}, "fields": {"amount": {"kind": "signed"}}}, "date"),
    ({"id": "user.x", "detect": {"header_required": ["日付"]},
      "fields": {"date": {"column": "日付"}, "amount": {"kind": "signed"}}}, "amount"),
    ({"id": "user.x", "kind": "crypto", "detect": {"header_required": ["日付"]},
      "fields": {"date": {"column": "日付"}}}, "quantity"),
])
def test_broken_user_profiles_are_refused_before_reading(broken, entry):
    for options in ({"mapping": broken}, {"profiles": [broken]}):
        with pytest.raises(EvidenceKitError) as err:
            bank.parse(FIXTURES / "mufg.csv", **options)
        assert (err.value.code, err.value.params["column"]) == ("money_mapping_invalid", entry)


def test_profile_to_toml_escapes():
    profile = {"id": 'user."q"\\', "detect": {"header_required": ["a\tb", "\x7f"], "日本": {"k": True, "n": 3}}}
    assert tomllib.loads(bank.profile_to_toml(profile)) == profile


# --- sniffing -----------------------------------------------------------------------------------------
def test_chat_fixtures_are_never_claimed_by_money():
    chats = [p for d in ("line", "whatsapp") for p in (FIXTURES.parent / d).rglob("*") if p.is_file()]
    assert chats
    for path in chats:
        head = path.read_bytes()[:65536]
        assert bank.sniff(path, head) == 0.0 and ofx.sniff(path, head) == 0.0, path


def test_money_fixtures_go_to_money_importers():
    claimed = {p.name: getattr(detect(p), "NAME", None) for p in FIXTURES.iterdir()}
    assert claimed["excel_renamed.csv"] == "money"
    assert claimed["unknown.csv"] is None and claimed["empty.csv"] is None and claimed["undecodable.csv"] is None
    assert {claimed[name] for name in EXPECTED} == {"money", "ofx"}


# --- regressions found in review ------------------------------------------------------------------
def _ofx_ids(data: bytes) -> list[str]:
    return [r.attrs["identity"] for r in txs(ofx.parse(Path("s.ofx"), data=data))]


def test_ofx_identity_is_per_account_not_only_fitid():
    """FITIDs are unique per account only: the same FITID in another account's file is another row."""
    data = (FIXTURES / "bank.ofx").read_bytes()
    other = data.replace(b"<ACCTID>1234567", b"<ACCTID>7654321")
    assert _ofx_ids(data) == _ofx_ids(data)
    assert not set(_ofx_ids(data)) & set(_ofx_ids(other))


@pytest.mark.parametrize("amount", [b"NaN", b"sNaN", b"Infinity", b"-Inf", b"1E+999999999", b"1e3"])
def test_ofx_non_numeric_amounts_are_warned_not_crashed(amount):
    data = (FIXTURES / "bank.ofx").read_bytes().replace(b"<TRNAMT>-150000", b"<TRNAMT>" + amount)
    result = ofx.parse(Path("s.ofx"), data=data)
    first = txs(result)[0]
    assert (first.attrs["amount"], first.attrs["direction"]) == (None, None)
    assert [(w.line, w.code) for w in result.warnings] == [(24, "money_bad_amount")]
    assert result.info["total_out"] == 0 and result.info["total_in"] == 250000


def test_ofx_offset_out_of_range_is_a_bad_date_not_a_crash():
    data = (FIXTURES / "bank.ofx").read_bytes().replace(b"[+9:JST]", b"[+99999999999:X]")
    result = ofx.parse(Path("s.ofx"), data=data)
    assert [r.time for r in txs(result)] == ["2024-01-10", None]
    assert [(w.line, w.code) for w in result.warnings] == [(31, "money_bad_date")]


@pytest.mark.parametrize("last", ['20240102,"-3,0', "20240102,-3", '20240102,"-3,086",47,"ラクテン'])
def test_a_last_row_cut_short_is_not_counted(last):
    """A download cut off inside the last row: never a transaction with a made-up amount."""
    data = ("取引日,入出金(円),取引後残高(円),入出金内容\n20240101,3146,3146,給与\n" + last).encode("cp932")
    result = bank.parse(Path("rakuten.csv"), data=data)
    assert [(r.type, r.line) for r in result.records] == [("header", 1), ("transaction", 2), ("skipped", 3)]
    assert [(w.line, w.code) for w in result.warnings] == [(3, "money_row_short")]
    assert (result.info["total_in"], result.info["total_out"]) == (3146, 0)


def test_paypal_rows_in_another_currency_are_not_counted_as_yen():
    data = (FIXTURES / "paypal.csv").read_bytes().decode("utf-8-sig")
    data += ("2024/10/13,10:00:00,JST,US Shop,ウェブペイメント,完了,USD,-10.00,-0.50,-10.50,victim@example.com,"
             "us@example.com,0TEST000000000004,,,,,0\n"
             "2024/10/13,10:00:01,JST,US Shop,ウェブペイメント,完了,USD,-12.34,0.00,-12.34,victim@example.com,"
             "us@example.com,0TEST000000000005,,,,,0\n")
    result = bank.parse(Path("paypal.csv"), data=data.encode("utf-8"))
    usd = txs(result)[3:]
    assert [(r.attrs["amount"], r.attrs["direction"], r.attrs["currency"], r.attrs["quantity"], r.attrs["fee"])
            for r in usd] == [(None, "out", "USD", "-10.00", "-0.50"), (None, "out", "USD", "-12.34", "0.00")]
    assert txs(result)[0].attrs["currency"] == "JPY" and txs(result)[0].attrs["amount"] == -2246
    assert (result.info["rows"], result.info["total_in"], result.info["total_out"]) == (5, 2246, 52246)
    assert result.warnings == []


def test_year_less_dates_are_never_after_the_date_in_the_file_name():
    """A JA file downloaded on 2025-01-05 (named so) that lists December rows: those are 2024's."""
    data = ('"番号","明細区分","取扱日付","起算日","お支払金額","お預り金額","取引区分","残高","摘要"\n'
            '"001","","12月28日","","","\\7,000","振込入金","\\7,000","ｶﾌﾞﾃｽﾄ"\n'
            '"002","","1月5日","","\\4,600","","出金","\\2,400","ATM"\n').encode("cp932")
    assert [r.time for r in txs(bank.parse(Path("ja_20250105.csv"), data=data))] == ["2024-12-28", "2025-01-05"]
    assert [r.time for r in txs(bank.parse(Path("ja_202501.csv"), data=data))] == ["2024-12-28", "2025-01-05"]


def test_balance_check_newest_first_with_same_day_rows_oldest_first():
    """Days newest first, the rows within a day oldest first (as a stable sort by date leaves them): the
    balances add up, so no row may be reported as a mismatch; a real gap still is."""
    header = '"日付","内容","出金金額(円)","入金金額(円)","残高(円)","メモ"\n'
    rows = ['"2024/01/03","振込＊A","10",,"90","-"', '"2024/01/03","振込＊B","20",,"70","-"',
            '"2024/01/02","利息",,"100","100","-"',
            '"2024/01/01","振込＊C","5",,"0","-"', '"2024/01/01","給与",,"5","5","-"']
    ok = bank.parse(Path("s.csv"), data=(header + "\n".join(rows)).encode("cp932"))
    assert ok.warnings == []
    gap = rows[:2] + rows[3:]  # the 利息 row left out
    result = bank.parse(Path("s.csv"), data=(header + "\n".join(gap)).encode("cp932"))
    assert [(w.line, w.code) for w in result.warnings] == [(2, "money_balance_mismatch")]  # the row after the gap


def test_propose_mapping_passes_over_rows_shorter_than_the_date_column():
    data = "摘要,出金,入金,日付\nメモ行\n振込,100,,2024/1/2\n".encode("cp932")
    proposal = bank.propose_mapping(Path("short.csv"), data=data)
    assert proposal["fields"]["date"] == {"column": "日付", "format": ["ymd"]}
    result = bank.parse(Path("short.csv"), data=data, profiles=[proposal])
    assert (result.info["rows"], result.info["total_out"]) == (1, 100)


def test_identity_ignores_the_users_own_memo():
    """A victim who writes a note (メモ) on a row online between two downloads: still the same row."""
    data = (FIXTURES / "sumishin_sbi.csv").read_bytes()
    noted = data.replace('"300,000",,"5,000","-"'.encode("cp932"), '"300,000",,"5,000","詐欺"'.encode("cp932"))
    assert noted != data
    first, later = (txs(bank.parse(Path("s.csv"), data=d)) for d in (data, noted))
    assert [r.attrs["identity"] for r in first] == [r.attrs["identity"] for r in later]
    assert later[0].attrs["description"] == "振込＊サギノハナコ 詐欺"


def test_year_less_dates_running_over_new_year_are_warned():
    """Only a year in the file name (no month): rows from December and January cannot both be right with
    one year, so the user is told where the dates run over the year's end."""
    data = ('"番号","明細区分","取扱日付","起算日","お支払金額","お預り金額","取引区分","残高","摘要"\n'
            '"001","","12月28日","","","\\7,000","振込入金","\\7,000","ｶﾌﾞﾃｽﾄ"\n'
            '"002","","12月30日","","\\4,600","","出金","\\2,400","ATM"\n'
            '"003","","1月5日","","\\400","","出金","\\2,000","ATM"\n').encode("cp932")
    result = bank.parse(Path("ja_2025.csv"), data=data)
    assert [(w.line, w.code) for w in result.warnings] == [(4, "money_year_wrap")]
    assert "4 行目" in tr("parse.money_year_wrap", "ja", line=4) and "line 4" in tr("parse.money_year_wrap", "en", line=4)
    in_order = data.replace("12月28日".encode("cp932"), "1月2日".encode("cp932")).replace(
        "12月30日".encode("cp932"), "1月3日".encode("cp932"))
    assert bank.parse(Path("ja_2025.csv"), data=in_order).warnings == []


def test_ofx_names_have_their_character_references_read():
    data = (FIXTURES / "bank.ofx").read_bytes().replace("<NAME>ｷﾕｳﾖ".encode(), "<NAME>ﾐﾎﾝ &amp; ｻﾝ &lt;1&gt;".encode())
    row = txs(ofx.parse(Path("s.ofx"), data=data))[1]
    assert (row.attrs["counterparty"], row.text) == ("ﾐﾎﾝ & ｻﾝ <1>", "ﾐﾎﾝ & ｻﾝ <1> 給与")
    assert row.attrs["cells"]["NAME"] == "ﾐﾎﾝ &amp; ｻﾝ &lt;1&gt;" and "&amp;" in row.raw[5]


@pytest.mark.parametrize("after", [12, 4000])
def test_a_stray_quote_does_not_swallow_the_rest_of_the_file(after):
    """An unquoted file with a cell starting with `"`: that row alone is warned; the rows after it (a few,
    or more than csv's 128 KiB field limit) are still read, each on its line."""
    header = "日付,摘要,摘要内容,支払い金額,預かり金額,差引残高,メモ,未資金化区分,入払区分\n"
    rows = ['2024/5/1,振込１,"ｻｷﾞﾉ,1000,,5000,,,支払い'] + [
        f"2024/5/{1 + i // 1000},カ－ド,ﾃｽﾄ{i},1,,{4999 - i},,,支払い" for i in range(after)]
    data = (header + "\n".join(rows) + "\n").encode("cp932")
    result = bank.parse(Path("m.csv"), data=data)
    assert [(w.line, w.code) for w in result.warnings] == [(2, "money_row_short")]
    assert (result.info["rows"], result.info["total_out"]) == (after, after)
    assert [raw for r in result.records for raw in r.raw] == text.split_lines(data.decode("cp932"))


def _excel_resaved_yucho(rows: slice) -> bytes:
    """ゆうちょ rows as Excel saves them again: dates 2025/7/1, the 15-digit ids as 2.02507E+14."""
    lines = (FIXTURES / "yucho.csv").read_bytes().decode("cp932").splitlines()
    out = lines[:8]
    for line in lines[8:][rows]:
        cells = line.split(",")
        day = cells[0]
        cells[0] = f"{day[:4]}/{int(day[4:6])}/{int(day[6:])}"
        cells[1] = "2.02507E+14"
        out.append(",".join(cells))
    return ("\n".join(out) + "\n").encode("cp932")


def test_yucho_file_saved_again_by_excel():
    """Excel rewrites the dates (2025/7/1) and the ids (2.02507E+14, the same for every row): the dates are
    still read, and such an id is not one, so two overlapping copies never merge different rows."""
    whole = txs(bank.parse(Path("y.csv"), data=_excel_resaved_yucho(slice(0, 4))))
    later = txs(bank.parse(Path("y.csv"), data=_excel_resaved_yucho(slice(1, 4))))
    assert [r.time for r in whole] == ["2025-07-01", "2025-07-02", "2025-07-10", "2025-07-10"]
    assert [r.attrs["row_id"] for r in whole] == [None] * 4
    assert [r.attrs["identity"] for r in later] == [r.attrs["identity"] for r in whole[1:]]


def test_file_name_dates_that_are_no_dates_bound_nothing():
    assert [bank._year_in(n) for n in ("ja_202513.csv", "ja_202500.csv", "ja_20250231.csv", "ja_2025.csv")] == [
        (2025, None)] * 4
    assert bank._year_in("ja_202502.csv") == (2025, date(2025, 2, 28))
