"""The bundle model of the demo case: exhibit numbers (order, parts, never renumbered), the
証拠説明書 columns, the timeline, the bank grouping. No ReportLab here."""

from __future__ import annotations

import pytest

from evidence_kit.core import custody
from evidence_kit.report import model
from tests.conftest import write
from tests.unit.test_images import image


@pytest.fixture
def demo(demo_case):
    return demo_case


NUMBERED = [
    ("1", "資料1", "smbc_meisai_202406.csv", "statement"),
    ("2", "資料2", "line_chat_ken.txt", "chat"),
    ("3", "資料3", "Screenshot_20240520-180512.png", "image"),
    ("4", "資料4", "furikomi_uketsuke_20240521.eml", "email"),
    ("5", "資料5", "Screenshot_20240528-211030.png", "image"),
    ("6", "資料6", "WhatsApp Chat - Ken.zip", "chat"),
    ("6-1", "資料6の1", "00000007-PHOTO-2024-06-14-08-13-30.jpg", "image"),
    ("7", "資料7", "bitflyer_torihiki_202406.csv", "statement"),
    ("8", "資料8", "memo_first_contact.txt", "other"),
]


def test_exhibits_are_numbered_by_time_with_chat_media_as_parts(demo):
    bundle = model.build(demo, "police")
    assert [(e.number, e.label, e.item["original_name"], e.kind) for e in bundle.exhibits] == NUMBERED
    assert bundle.new_numbers == {e.item_id: e.number for e in bundle.exhibits}
    lawyer = model.build(demo, "lawyer")
    assert [e.label for e in lawyer.exhibits][:7] == ["甲1", "甲2", "甲3", "甲4", "甲5", "甲6", "甲6の1"]


def test_the_exhibit_list_columns(demo):
    by_name = {e.item["original_name"]: e for e in model.build(demo, "police").exhibits}
    chat = by_name["line_chat_ken.txt"]
    assert (chat.title, chat.copy, chat.made, chat.author, chat.time, chat.time_source) == (
        "LINEトーク履歴（テキスト出力「ケン」）", "写し", "2024-05-01〜2024-06-12", "ケン、さくら",
        "2024-05-01T20:14:00+09:00", "chat-line")
    shot = by_name["Screenshot_20240520-180512.png"]
    assert (shot.title, shot.made, shot.time_source) == (
        "画像（Screenshot_20240520-180512.png）", "2024-05-20T18:05:12+09:00", "file-name")
    statement = by_name["smbc_meisai_202406.csv"]
    assert (statement.title, statement.made, statement.author) == (
        "三井住友銀行 取引明細（smbc_meisai_202406.csv）", "2024-05-01〜2024-06-25", "三井住友銀行")
    mail = by_name["furikomi_uketsuke_20240521.eml"]
    assert (mail.title, mail.author) == ("電子メール（件名「【デモ】お振込の受付について」）",
                                         "三井住友銀行（デモ・架空） <info@bank.example.jp>")


def test_numbers_once_exported_never_change(demo, tmp_path):
    first = model.build(demo, "police")
    model.record_export(demo, first, file="a.pdf", sha256="0" * 64, pages=21)
    assert model.build(demo, "police").new_numbers == {}
    # a screenshot from before every other item comes in later: it is appended, nothing moves
    demo.import_file(write(tmp_path / "Screenshot_20240101-090000.png", image("PNG")))
    again = model.build(demo, "police")
    assert [(e.number, e.item["original_name"]) for e in again.exhibits] == \
        [(n, name) for n, _, name, _ in NUMBERED] + [("9", "Screenshot_20240101-090000.png")]
    assert list(again.new_numbers.values()) == ["9"]
    exports = [custody.doc_of(e) for e in demo.entries() if custody.doc_of(e).get("event") == "export"]
    assert [(d["what"], d["audience"], d["file"], d["pages"], len(d["numbers"])) for d in exports] == [
        ("pdf", "police", "a.pdf", 21, 9)]


def test_the_timeline_in_order(demo):
    bundle = model.build(demo, "police")
    rows = [(e.time, e.category, e.amount, e.exhibit) for e in bundle.timeline]
    assert [r for r in rows if r[1] in ("送金", "受取", "対応", "メール", "画像")] == [
        ("2024-05-13", "送金", 100000, "資料1（11行目）"),
        ("2024-05-20T18:05:12+09:00", "画像", None, "資料3"),
        ("2024-05-21", "送金", 500000, "資料1（9行目）"),
        ("2024-05-21T12:09:28+09:00", "メール", None, "資料4"),
        ("2024-05-28", "受取", 20000, "資料1（6行目）"),
        ("2024-05-28T21:10:30+09:00", "画像", None, "資料5"),
        ("2024-06-14T08:13:30+09:00", "画像", None, "資料6の1"),
        ("2024-06-20", "対応", None, ""),
        ("2024-06-21", "対応", None, ""),
        ("2024-06-21", "対応", None, ""),
    ]
    sent = [e.text for e in bundle.timeline if e.category == "送金"]
    assert sent == ["みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ へ送金",
                    "楽天銀行 ワルツ支店 普通 7012345 ﾔﾏﾀﾞ ﾀﾛｳ へ送金"]
    days = [e for e in bundle.timeline if e.category == "やり取り"]
    assert (len(days), days[0].text, days[0].exhibit, days[0].anchor.endswith(":2024-05-01")) == (
        12, "LINEでのやり取り（メッセージ 2 件、画像・スタンプ等 1 件）", "資料2", True)
    assert (bundle.summary.paid.total, bundle.summary.received_back.total, bundle.summary.net_damage) == (
        600000, 20000, 580000)


def test_a_bank_bundle_holds_that_bank_only(demo):
    assert [name for name, _ in model.bank_groups(model.build(demo, "police").summary)] == [
        "みずほ銀行（0001）", "楽天銀行（0036）"]
    bundle = model.build(demo, "bank", bank="0036")
    assert [(name, [a.account.id for a in group]) for name, group in bundle.banks] == [("楽天銀行（0036）", ["2"])]
    assert [e.label for e in bundle.exhibits] == ["資料1", "資料4"]  # the statement, and the bank's e-mail receipt
    assert bundle.receipts == {"2": [bundle.exhibits[1].item_id]}
    assert [a.id for a in bundle.actions] == ["1", "2", "3"]
    other = model.build(demo, "bank", bank="0001")
    assert ([e.label for e in other.exhibits], other.receipts) == (["資料1"], {})
    assert [a.id for a in other.actions] == ["1", "2"]  # not the freeze request made to 楽天銀行
    with pytest.raises(ValueError, match="unknown audience 'court'"):
        model.build(demo, "court")


def test_a_photo_that_came_in_a_chat_is_credited_to_its_sender_not_to_the_reporter(demo):
    part = next(e for e in model.build(demo, "police").exhibits if e.label == "資料6の1")
    assert (part.author, part.purpose, part.time_source) == (
        "Ken（WhatsAppのトーク履歴で送信）", "トーク履歴で送られた画像の内容と、その送信日時", "chat-line")
    assert part.time == "2024-06-14T08:13:30+09:00"


def test_the_timeline_is_in_order_of_the_moment_whatever_the_time_zone(demo, tmp_path):
    from tests.unit.test_images import exif

    # taken at 20:00 in New York on 12 May = 10:00 on 13 May in Japan
    demo.import_file(write(tmp_path / "IMG_0100.JPG", image("JPEG", exif=exif("2024:05:12 20:00:00", "-05:00"))))
    rows = [(e.time, e.category) for e in model.build(demo, "police").timeline][2:6]
    assert rows == [("2024-05-12T09:30:00+09:00", "やり取り"), ("2024-05-13", "送金"),
                    ("2024-05-12T20:00:00-05:00", "画像"), ("2024-05-13T10:05:00+09:00", "やり取り")]
    assert model.moment("2024-05-12T20:00:00-05:00") == model.moment("2024-05-13T10:00:00+09:00") == \
        model.moment("2024-05-13T10:00:00")


def test_an_e_mail_row_names_the_sender_in_the_event_and_the_means_is_e_mail(demo):
    mail = next(e for e in model.build(demo, "police").timeline if e.category == "メール")
    assert (mail.text, mail.means) == (
        "三井住友銀行（デモ・架空） <info@bank.example.jp> から電子メール（件名「【デモ】お振込の受付について」）", "電子メール")


def test_a_transfer_the_reporter_has_not_confirmed_is_marked_as_guessed_in_the_timeline(unlocked, tmp_path):
    from evidence_kit.core import caserecords as cr
    from evidence_kit.demo import ACCOUNTS

    rows = ["年月日,お引出し,お預入れ,お取り扱い内容,残高,メモ,ラベル", "2024/5/13,100000,,振込　ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ,900000,,"]
    unlocked.import_file(write(tmp_path / "smbc.csv", ("\r\n".join(rows) + "\r\n").encode("cp932")))
    cr.put(unlocked, "account", "1", cr.record_data(cr.check_account(cr.DestinationAccount("1", **ACCOUNTS["1"]))))
    bundle = model.build(unlocked, "police")
    assert [r.status for r in bundle.summary.paid.rows] == ["flagged"]
    assert [(e.category, e.text) for e in bundle.timeline] == [
        ("送金", "みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ へ送金（推定: 名義の一致から本アプリが推定。申告者は未確認）")]


def test_a_photo_sent_in_a_chat_reads_in_the_timeline_as_sent_by_its_sender(demo):
    rows = [(e.text, e.means) for e in model.build(demo, "police").timeline if e.exhibit == "資料6の1"]
    assert rows == [("Ken が WhatsApp で画像を送信（00000007-PHOTO-2024-06-14-08-13-30.jpg）", "WhatsApp")]


def test_a_photo_that_lost_its_camera_data_is_not_credited_to_the_reporter_as_photographer(unlocked, tmp_path):
    unlocked.import_file(write(tmp_path / "received.jpg", image("JPEG")))  # no Exif: sent through an app
    ex = model.build(unlocked, "police").exhibits[0]
    assert (unlocked.records(ex.item_id)[0]["attrs"].get("metadata_stripped"), ex.author) == (
        True, "撮影者不明（申告者が保存。撮影情報が残っていません）")


def test_a_bank_bundle_takes_a_slip_named_by_a_transfer_record_and_drops_what_names_another_account(demo, tmp_path):
    from datetime import date

    from evidence_kit.core import caserecords as cr
    from evidence_kit.report import checks

    slip = demo.import_file(write(tmp_path / "IMG_slip_0513.png", image("PNG"))).item_id
    records = cr.load(demo)
    mizuho = records.accounts["1"]
    mizuho.transfers.append({"date": "2024-05-13", "amount": 100_000, "evidence": "振込受付書の写真 IMG_slip_0513.png"})
    cr.save(demo, mizuho)
    cr.save(demo, cr.Action("4", "2024-06-22", "lawyer", "〇〇法律事務所", "相談（みずほ 7654321 への振込について）"))
    cr.put(demo, "account", "2", {**cr.record_data(records.accounts["2"]), "holder_kana": ""})  # 楽天銀行's is incomplete
    bundle = model.build(demo, "bank", bank="0001")
    assert bundle.receipts == {"1": [slip]}
    assert [e.item["original_name"] for e in bundle.exhibits] == ["smbc_meisai_202406.csv", "IMG_slip_0513.png"]
    assert [a.id for a in bundle.actions] == ["1", "2", "4"]
    assert [a.id for a in model.build(demo, "bank", bank="0036").actions] == ["1", "2", "3"]  # it names みずほ's number
    codes = [c.code for c in checks.run(demo, bundle, today=date(2024, 7, 1))]
    assert "account_incomplete" not in codes  # the other bank's account does not hold this bank's bundle up
    assert "account_incomplete" in [c.code for c in checks.run(demo, model.build(demo), today=date(2024, 7, 1))]
