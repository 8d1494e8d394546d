"""core.timeline: one chronological sequence from every source of a case."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from types import SimpleNamespace

import pytest

from evidence_kit.core import caserecords
from evidence_kit.core import timeline as tl
from evidence_kit.core.errors import EvidenceKitError
from tests.conftest import write

DEMO_NAMES = {
    "Screenshot_20240520-180512.png", "Screenshot_20240528-211030.png", "WhatsApp Chat - Ken.zip",
    "00000007-PHOTO-2024-06-14-08-13-30.jpg", "bitflyer_torihiki_202406.csv", "furikomi_uketsuke_20240521.eml",
    "line_chat_ken.txt", "memo_first_contact.txt", "smbc_meisai_202406.csv",
}


def line_chat(messages: int, start: date = date(2023, 1, 1), per_day: int = 40) -> str:
    """A LINE export of `messages` messages, `per_day` a day, every 20 minutes from 08:00."""
    out = ["[LINE] ケンとのトーク履歴", "保存日時：2024/06/20 21:15", ""]
    day, n = start, 0
    while n < messages:
        out.append(f"{day:%Y/%m/%d}({'月火水木金土日'[day.weekday()]})")
        for j in range(min(per_day, messages - n)):
            hour, minute = divmod(j * 20, 60)
            out.append(f"{8 + hour:02d}:{minute:02d}\t{'ケン' if n % 2 else 'さくら'}\tメッセージ {n}")
            n += 1
        day = date.fromordinal(day.toordinal() + 1)
    return "\n".join(out) + "\n"


@pytest.fixture
def demo_events(demo_case):
    return tl.all_events(demo_case)


def by_name(case, name: str) -> dict:
    return next(i for i in case.items() if i["original_name"] == name)


def test_every_source_is_in_one_time_ordered_sequence(demo_case, demo_events):
    evs = demo_events
    assert len(evs) == 45
    assert Counter(e.kind for e in evs) == {"message": 25, "money": 9, "image": 3, "crypto": 3, "action": 3,
                                             "email": 1, "file": 1}
    timed = [e.at for e in evs if e.at is not None]
    assert timed == sorted(timed) and len(timed) == 44
    last = evs[-1]  # nothing dated it: last, with the reason
    assert (last.kind, last.time, last.reason, last.text) == ("file", None, "not_read", "memo_first_contact.txt")
    assert {e.day for e in evs if e.day} >= {date(2024, 5, 1), date(2024, 6, 25)}
    assert evs[0].time == "2024-05-01" and evs[0].text == "ATM"  # a day alone counts from midnight, Japan time


def test_chat_messages_keep_sender_text_line_and_flags(demo_case, demo_events):
    line = by_name(demo_case, "line_chat_ken.txt")["id"]
    first = next(e for e in demo_events if e.item == line)
    assert (first.time, first.who, first.line, first.source, first.side, first.sub) == (
        "2024-05-01T20:14:00+09:00", "ケン", 5, "chat-line", "other", "message")
    assert first.text == "はじめまして。マッチングアプリから来ました、ケンです。シンガポールで投資の仕事をしています。"
    unsent = next(e for e in demo_events if e.sub == "unsent")
    assert (unsent.line, unsent.text, unsent.who) == (28, "ケンがメッセージの送信を取り消しました", "ケン")
    deleted = next(e for e in demo_events if e.sub == "deleted")
    assert (deleted.who, deleted.attrs["platform"], deleted.time) == ("Ken", "WhatsApp", "2024-06-15T11:42:01+09:00")
    multi = next(e for e in demo_events if e.item == line and e.line == 23)
    assert multi.text.split("\n") == ["振込先が変わりました。", "楽天銀行 ワルツ支店 普通 7012345", "ヤマダ タロウ",
                                      "※振込人名は「サクラ トウシ」にしてください"]
    sides = {(e.attrs["platform"], e.who): e.side for e in demo_events if e.kind == "message" and e.sub != "system"}
    assert sides == {("LINE", "ケン"): "other", ("LINE", "さくら"): "self", ("WhatsApp", "Ken"): "other",
                     ("WhatsApp", "Sakura"): "self"}
    system = next(e for e in demo_events if e.sub == "system")
    assert system.side == ""
    photo = next(e for e in demo_events if e.attrs.get("attachment"))
    assert photo.attrs["attachment_item"] == by_name(demo_case, "00000007-PHOTO-2024-06-14-08-13-30.jpg")["id"]


def test_statement_rows_carry_their_fee_account_and_status(demo_case, demo_events):
    money = [e for e in demo_events if e.kind == "money"]
    assert len(money) == 9  # 12 rows, 3 of them fees attached to their transfers
    assert not any(e.amount == 440 for e in money)
    first = next(e for e in money if e.amount == 100_000)
    assert (first.time, first.sub, first.fee, first.line, first.source) == ("2024-05-13", "out", 440, 11, "statement")
    assert first.attrs["account"] == "みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ"
    assert (first.attrs["role"], first.attrs["status"]) == ("paid", "confirmed")
    back = next(e for e in money if e.time == "2024-05-28")
    assert (back.sub, back.amount, back.attrs["role"], back.attrs["mark"]) == ("in", 20_000, "back", "returned")
    salary = next(e for e in money if e.time == "2024-06-25")
    assert (salary.attrs["role"], salary.attrs["status"]) == ("", "")
    crypto = [e for e in demo_events if e.kind == "crypto"]
    send = next(e for e in crypto if e.sub == "send")
    assert (send.attrs["asset"], send.attrs["quantity"], send.time) == ("BTC", "-0.0300", "2024-06-15T11:18:02+09:00")
    assert sorted(e.sub for e in crypto) == ["other", "other", "send"]


def test_images_emails_and_actions(demo_case, demo_events):
    shot = next(e for e in demo_events if e.text == "Screenshot_20240520-180512.png")
    assert (shot.kind, shot.time, shot.source, shot.sub) == ("image", "2024-05-20T18:05:12+09:00", "file-name", "image")
    photo = next(e for e in demo_events if e.text == "00000007-PHOTO-2024-06-14-08-13-30.jpg")
    assert photo.sub == "photo" and photo.attrs["container"] == by_name(demo_case, "WhatsApp Chat - Ken.zip")["id"]
    mail = next(e for e in demo_events if e.kind == "email")
    assert (mail.who, mail.text, mail.source) == ("三井住友銀行（デモ・架空） <info@bank.example.jp>",
                                                  "【デモ】お振込の受付について", "date-header")
    actions = [(e.time, e.sub, e.who, e.text) for e in demo_events if e.kind == "action"]
    assert actions == [("2024-06-20", "police", "警察相談専用電話 #9110", "電話で相談"),
                       ("2024-06-21", "police", "新宿警察署 生活安全課", "被害届を提出"),
                       ("2024-06-21", "bank", "楽天銀行", "口座凍結を電話で依頼")]


@pytest.mark.parametrize(("filters", "count", "kinds"), [
    ({"kinds": ["message"]}, 25, {"message": 25}),
    ({"kinds": ["image"]}, 3, {"image": 3}),
    ({"since": "2024-05-20", "until": "2024-05-21"}, 8, {"message": 5, "image": 1, "money": 1, "email": 1}),
    ({"since": date(2024, 6, 20)}, 4, {"action": 3, "money": 1}),
    ({"text": "振込"}, 9, {"money": 6, "message": 2, "email": 1}),
    ({"text": "ｹﾝ"}, 18, {"message": 18}),  # half-width kana finds ケン
    ({"text": "7654321"}, 2, {"message": 1, "money": 1}),  # the account linked to the row
    ({"text": "100,000"}, 1, {"money": 1}),
    ({"party": "ケン"}, 13, {"message": 13}),
    ({"party": "1"}, 13, {"message": 13}),  # the recorded party: all its names
    ({"party": "Ken"}, 5, {"message": 5}),
    ({"party": "info@bank.example.jp"}, 1, {"email": 1}),
    ({"kinds": ["money"], "since": "2024-05-13", "until": "2024-05-21"}, 2, {"money": 2}),
])
def test_filters(demo_case, demo_events, filters, count, kinds):
    got = tl.select(demo_events, **filters, records=caserecords.load(demo_case))
    assert len(got) == count
    assert Counter(e.kind for e in got) == kinds
    assert got == [e for e in demo_events if e in got]  # the order stays


def test_events_filters_in_one_call(demo_case):
    assert [e.text for e in tl.events(demo_case, kinds=["email"])] == ["【デモ】お振込の受付について"]
    assert [e.line for e in tl.events(demo_case, party="ケン", text="振込")] == [15, 23]  # 振り込めば: another spelling


def test_item_times_say_where_the_time_came_from(demo_case, demo_events):
    items = demo_case.items()
    times = {i["original_name"]: t for i in items for k, t in tl.item_times(items, demo_events).items() if k == i["id"]}
    assert set(times) == DEMO_NAMES
    assert times["Screenshot_20240520-180512.png"] == ("2024-05-20T18:05:12+09:00", "file-name")
    assert times["line_chat_ken.txt"] == ("2024-05-01T20:14:00+09:00", "chat-line")
    assert times["WhatsApp Chat - Ken.zip"] == ("2024-06-13T21:58:02+09:00", "chat-line")
    assert times["smbc_meisai_202406.csv"] == ("2024-05-01", "statement")
    assert times["furikomi_uketsuke_20240521.eml"] == ("2024-05-21T12:09:28+09:00", "date-header")
    memo = by_name(demo_case, "memo_first_contact.txt")
    assert times["memo_first_contact.txt"] == (tl.jst(memo["mtime"]), "file-mtime")
    assert times["memo_first_contact.txt"][0].endswith("+09:00")


def test_short_time():
    assert tl.short_time("2024-05-01T20:14:00+09:00") == "2024-05-01 20:14"
    assert tl.short_time("2024-06-14") == "2024-06-14"
    assert tl.short_time("2024-05-01T07:14:00-04:00") == "2024-05-01 20:14 (2024-05-01 07:14 UTC-04:00)"
    assert tl.short_time("2024-05-01T11:14:00+00:00") == "2024-05-01 20:14 (2024-05-01 11:14 UTC)"
    assert tl.short_time("2024-05-01T20:14:00") == "2024-05-01 20:14"
    assert tl.short_time(None) == ""
    assert tl.jst("2024-05-01T11:14:00.123456Z") == "2024-05-01T20:14:00+09:00"


def test_custody_of_an_item(demo_case):
    docs = tl.case_docs(demo_case)
    statement = by_name(demo_case, "smbc_meisai_202406.csv")["id"]
    got = tl.custody_of(docs, statement)
    assert [d["event"] for d in got] == ["import", "case-record", "case-record", "case-record"]
    assert [d.get("kind") for d in got[1:]] == ["link", "link", "mark"]
    assert got[0]["sha256"] == by_name(demo_case, "smbc_meisai_202406.csv")["sha256"]
    shot = by_name(demo_case, "Screenshot_20240528-211030.png")["id"]
    assert [d["event"] for d in tl.custody_of(docs, shot)] == ["import"]
    noted = tl.custody_of(docs, by_name(demo_case, "Screenshot_20240520-180512.png")["id"])
    assert [(d["event"], d.get("kind")) for d in noted] == [("import", None), ("case-record", "item")]


def test_untimed_items_and_lines_come_last_with_their_reason(unlocked, tmp_path):
    src = tmp_path / "src"
    write(src / "empty.txt", b"")
    write(src / "notes.bin", b"\x00\x01 not a format we read")
    write(src / "photo.png", _png())  # a picture with no time in it or in its name
    unlocked.import_paths([src])
    evs = tl.all_events(unlocked)
    assert [(e.kind, e.text, e.reason) for e in evs] == [
        ("file", "empty.txt", "empty"), ("file", "notes.bin", "not_read"), ("image", "photo.png", "no_time_in_file")]
    assert all(e.time is None and e.at is None and e.source == "" for e in evs)
    assert tl.select(evs, since="2000-01-01") == []


def test_acts_and_refusals_are_read_field_by_field():
    records = SimpleNamespace(actions={}, acts={
        "1": {"id": "1", "time": "2024-07-01T21:30:00+09:00", "act_type": "following", "description": "家の前で待ち伏せされた",
              "offender": "黒い帽子", "place": "自宅前", "exhibits": ["a" * 32]},
        "2": SimpleNamespace(id="2", time="someday", act_type="calls", description="無言電話", exhibits=[]),
    }, refusals={"1": {"time": "2024-06-30", "method": "LINE", "content": "もう連絡しないでください", "exhibit": ""}})
    evs = tl.order(tl._entered_events(records))
    assert [(e.kind, e.time, e.sub, e.text, e.item) for e in evs] == [
        ("refusal", "2024-06-30", "LINE", "もう連絡しないでください", None),
        ("act", "2024-07-01T21:30:00+09:00", "following", "家の前で待ち伏せされた", "a" * 32),
        ("act", None, "calls", "無言電話", None),
    ]
    assert evs[1].who == "黒い帽子" and evs[1].attrs["place"] == "自宅前" and evs[2].reason == "no_time_on_line"


def test_a_large_chat_in_order_and_read_from_another_thread(unlocked, tmp_path):
    """The GUI reads the case in a worker thread while it was unlocked on its own thread."""
    chat = write(tmp_path / "chat.txt", line_chat(3000).encode("utf-8"))
    unlocked.import_paths([chat])
    result = {}
    worker = threading.Thread(target=lambda: result.update(evs=tl.all_events(unlocked)))
    worker.start()
    worker.join(60)
    evs = result["evs"]
    assert len(evs) == 3000
    assert [e.text for e in evs[:2]] == ["メッセージ 0", "メッセージ 1"]
    assert evs[-1].text == "メッセージ 2999" and evs[-1].time == "2023-03-16T21:00:00+09:00"
    assert Counter(e.side for e in evs) == {"self": 1500, "other": 1500}


def test_cancel_stops_a_load(demo_case):
    with pytest.raises(EvidenceKitError) as caught:
        tl.all_events(demo_case, cancel=lambda: True)
    assert caught.value.code == "cancelled"


def test_people_most_frequent_first(demo_events):
    assert tl.people(demo_events) == ["ケン", "Ken", "さくら", "Sakura", "三井住友銀行（デモ・架空） <info@bank.example.jp>"]


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()

