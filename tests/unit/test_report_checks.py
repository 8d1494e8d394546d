"""The checks before an export, on the demo case and on a case with gaps."""

from __future__ import annotations

from datetime import date

import pytest

from evidence_kit.core import caserecords as cr
from evidence_kit.i18n import MESSAGES
from evidence_kit.report import checks, model


@pytest.fixture
def demo(demo_case):
    return demo_case


def found(case, today=date(2024, 7, 1), **kw):
    return [(c.code, c.severity, c.exhibits) for c in checks.run(case, model.build(case), today=today, **kw)]


def test_the_demo_case(demo):
    assert found(demo) == [
        ("image_not_original", "warning", ["資料6の1"]),
        ("chat_unsent", "warning", ["資料2"]),
        ("chat_deleted", "warning", ["資料6"]),
        ("chat_media_missing", "warning", ["資料2"]),
        ("crypto_no_txid", "warning", []),
    ]


def test_errors_come_first_and_block(demo):
    cr.put(demo, "account", "2", {"bank_name": "楽天銀行", "bank_code": "0036", "branch_name": "", "type": "普通",
                                  "number": "7012345", "holder_kana": ""})
    result = checks.run(demo, model.build(demo), today=date(2024, 5, 30), integrity_problems=2)
    assert [(c.code, c.blocks) for c in result][:2] == [("integrity", True), ("account_incomplete", True)]
    assert checks.message(result[1]) == (
        "[要対応] 振込先口座 2 の 支店・名義（カナ） が入力されていません。口座凍結の申出には、金融機関・支店・種別・口座番号・"
        "名義（カナ）の5つが必要です。振込受付書、ATM の控え、相手の指示の画面から補ってください。")
    assert checks.message(result[1], "en").startswith("[Must fix] Destination account 2 is missing: branch, holder name.")
    assert [c.code for c in result][-1] == "recent_transfer"
    assert checks.message(result[-1]) == ("[お知らせ] 14 日以内の送金が 1 件あります。すぐに振込先の銀行へ連絡して口座の凍結を依頼し、"
                                          "警察に届け出てください。")


def test_missing_party_and_receipt(demo):
    cr.delete(demo, "party", "1")
    cr.delete(demo, "action", "2")
    codes = [c for c, _, _ in found(demo)]
    assert "party_missing" in codes and "no_receipt_number" in codes


def test_every_check_has_both_languages():
    codes = ["integrity", "account_incomplete", "image_no_time", "image_not_original", "image_edited", "chat_unsent",
             "chat_deleted", "chat_media_missing", "chat_export_early", "party_missing", "party_no_identifier",
             "no_receipt_number", "rows_unconfirmed", "crypto_no_txid", "recent_transfer", "no_refusal",
             "refusal_no_exhibit", "act_in_person_missing"]
    for code in codes:
        assert set(MESSAGES["check." + code]) == {"ja", "en"}
    assert sorted(k[6:] for k in MESSAGES if k.startswith("check.") and not k.startswith("check.severity")) == sorted(codes)


def test_an_unsent_message_names_who_unsent_it_rather_than_assuming_the_other_party(demo):
    bundle = model.build(demo)
    unsent = next(c for c in checks.run(demo, bundle, today=date(2024, 7, 1)) if c.code == "chat_unsent")
    assert checks.message(unsent) == ("[注意] ケン が送信を取り消したメッセージがあります（資料2）。"
                                      "取り消す前の画面を撮っていれば、それも取り込んでください。")
    assert checks.message(unsent, "en") == ("[Warning] ケン unsent messages (資料2). "
                                            "If you took screenshots before they were unsent, import them too.")
