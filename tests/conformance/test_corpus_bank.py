"""The money importers over the shared sample corpus (third-party files, never committed; see
shared/corpus/bank/SOURCES.md). Skipped when the corpus is not beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_kit.importers import bank, detect, ofx, text

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bank"

if not CORPUS.is_dir():
    pytest.skip(f"the shared corpus is absent ({CORPUS})", allow_module_level=True)

# file: (profile, encoding, rows, skipped, total_in, total_out, warnings), checked by eye against the files:
# totals are the sums of the yen columns (cards: spending as money out; crypto: JPY rows only, whole
# yen); skipped rows are the card total/notice lines, the ビューカード card-number line and ライフカード's
# later tables; mufg201810's three balance warnings are real (its invented balances do not add up);
# the JA file has no year in its dates and its name gives none.
EXPECTED = {
    "card_gold_point/zaim-csv-converter_gpcp_202007.csv": ("card.smbc_vpass.v1", "cp932", 3, 1, 0, 14924, []),
    "card_life/meisaicsv_LifeCard.csv": ("card.life.v1", "cp932", 2, 11, 0, 7847, []),
    "card_paypay/zaim-csv-converter_pay_pay_card_202208.csv": ("card.paypay.v1", "utf-8", 2, 0, 0, 3292, []),
    "card_seven/meisaicsv_SevenCard.csv": ("card.myjcb.v1", "cp932", 1, 0, 0, 1584, []),
    "card_smbc_vpass/meisaicsv_MitsuiSumitomoCard.csv": ("card.smbc_vpass.v1", "cp932", 3, 3, 0, 5047, []),
    "card_view/zaim-csv-converter_view_card202005.csv": ("card.view.v1", "cp932", 2, 1, 0, 3524, []),
    "crypto_bitflyer/eupholio_TradeHistory.csv": ("crypto.bitflyer.v1", "utf-8", 7, 0, 1000000, 0, []),
    "crypto_bitflyer/eupholio_bitflyer_smoke.csv": ("crypto.bitflyer.v1", "utf-8", 3, 0, 100000, 0, []),
    "crypto_coincheck/eupholio_coincheck_2017.csv": ("crypto.coincheck.v1", "utf-8", 6, 0, 600000, 10000, []),
    "crypto_coincheck/eupholio_coincheck_smoke.csv": ("crypto.coincheck.v1", "utf-8", 4, 0, 800000, 1000, []),
    "intl_ofx/ofxparse_bank_small.ofx": ("ofx.sgml.v1", "utf-8", 0, 0, 0, 0, []),
    "intl_ofx/ofxparse_checking.ofx": ("ofx.sgml.v1", "utf-8", 3, 13, 0, 0, []),
    "ja_bank/beancount-multitool_test.csv": ("jp.ja_bank.v1", "cp932", 2, 0, 7000, 4600, [(2, "money_year_unknown")]),
    "mufg/meisaicsv_MitsubishiUfjBank.csv": ("jp.mufg.v1", "cp932", 2, 0, 230090, 45252, []),
    "mufg/zaim-csv-converter_mufg201808.csv": ("jp.mufg.v1", "cp932", 1, 0, 20, 0, []),
    "mufg/zaim-csv-converter_mufg201810.csv": ("jp.mufg.v1", "cp932", 4, 0, 30000, 59260, [
        (3, "money_balance_mismatch"), (4, "money_balance_mismatch"), (5, "money_balance_mismatch")]),
    "paypal/zaim-csv-converter_pay_pal201810.csv": ("wallet.paypal_jp.v1", "utf-8", 6, 0, 7085, 7085, []),
    "paypay_app/daily-reader_paypay_fixture.csv": ("wallet.paypay.v1", "utf-8", 6, 0, 5210, 3900, []),
    "rakuten_bank/beancount-multitool_test.csv": ("jp.rakuten_bank.v1", "cp932", 2, 0, 3146, 3086, []),
    "rakuten_card/beancount-multitool_test.csv": ("card.rakuten.v1", "utf-8-sig", 1, 0, 0, 1051, []),
    "sbi_shinsei_bank/beancount-multitool_test.csv": ("jp.sbi_shinsei.v1", "utf-8-sig", 2, 0, 110, 110, []),
    "sumishin_sbi/beancount-multitool_test.csv": ("jp.sumishin_sbi.v1", "cp932", 2, 0, 40000, 35000, []),
    "sumishin_sbi/meisaicsv_SbiNetBank.csv": ("jp.sumishin_sbi.v1", "cp932", 3, 0, 1, 12000, []),
    "yucho/meisaicsv_YuuchoBank.csv": ("jp.yucho.v1", "cp932", 2, 0, 3, 1000, []),
    "yucho/yuucho-to-freee_sample.csv": ("jp.yucho.v1", "utf-8", 4, 0, 114300, 70330, []),
}
# Not supported, on purpose:
UNSUPPORTED = {
    "emoney_suica/zaim-csv-converter_mobile_suica_202505.csv": "モバイルSuica: transit IC card, not a transfer record",
    "emoney_waon/zaim-csv-converter_waon201807.csv": "WAON: electronic money, not a transfer record",
    "intl_camt/ofxstatement-iso20022_camt053.xml": "CAMT.053: corporate/foreign banks only, not implemented",
    "intl_mt940/mt940_sepa_snippet.sta": "MT940: corporate/foreign banks only, not implemented",
}

FILES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*") if p.is_file())


def test_every_corpus_file_is_listed():
    assert set(FILES) == set(EXPECTED) | set(UNSUPPORTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name):
    path = CORPUS / name
    module = ofx if path.suffix == ".ofx" else bank
    assert detect(path) is module
    result = module.parse(path)
    profile, encoding, rows, skipped, total_in, total_out, warnings = EXPECTED[name]
    info = result.info
    assert (result.variant, result.encoding) == (profile, encoding)
    assert (info["rows"], info["skipped"], info["total_in"], info["total_out"]) == (rows, skipped, total_in, total_out)
    assert [(w.line, w.code) for w in result.warnings] == warnings
    assert [raw for r in result.records for raw in r.raw] == text.read_text(path).lines


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_unsupported_files_are_not_claimed(name):
    assert detect(CORPUS / name) is None
