"""LINE importer: exact records for every variant (L1-L7) and special line kind, sniffing, the
lossless invariant, and random text. Fixtures in tests/fixtures/line are invented."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.i18n import tr
from evidence_kit.i18n.line_messages import WARNINGS
from evidence_kit.importers import line, text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "line"
NFKC_BAIT = "ＡＢＣ１２３ ｶﾀｶﾅ ① ㍻ ～"


def T(day: str, hm: str) -> str:
    return f"{day}T{hm}:00+09:00"


def assert_lossless(path: Path, result) -> None:
    """Every source line in exactly one record, in order, each record's span equal to its raw lines."""
    assert [raw for r in result.records for raw in r.raw] == text.read_text(path).lines
    expected_line = 1
    for r in result.records:
        assert r.line == expected_line and r.end_line == r.line + len(r.raw) - 1
        expected_line = r.end_line + 1


def parse(name: str, **options):
    path = FIXTURES / name
    result = line.parse(path, **options)
    assert_lossless(path, result)
    return result


def rows(result) -> list[tuple]:
    return [(r.type, r.line, r.end_line, r.time_raw, r.time, r.sender, r.text, r.attrs) for r in result.records]


def warnings(result) -> list[tuple[int, str]]:
    return [(w.line, w.code) for w in result.warnings]


def head(kind: str, **attrs) -> dict:
    return {"header": kind, **attrs}


JA_PRIVATE_HEADER = [
    ("header", 1, 1, None, None, None, None,
     head("title", title="佐藤 美咲とのトーク履歴", chat="佐藤 美咲", chat_kind="private")),
    ("header", 2, 2, "2024/02/01 21:15", T("2024-02-01", "21:15"), None, None, head("saved_at")),
    ("blank", 3, 3, None, None, None, None, {}),
]


def test_l1_japanese_private_chat_crlf():
    d1, d2 = "2024-01-15", "2024-01-16"
    result = parse("l1_ja_private_crlf.txt")
    assert (result.format, result.variant, result.encoding) == ("line", "line-mobile-ja", "utf-8")
    assert result.info == {"title": "佐藤 美咲とのトーク履歴", "chat": "佐藤 美咲", "chat_kind": "private", "lang": "ja",
                           "saved_at_raw": "2024/02/01 21:15", "saved_at": T("2024-02-01", "21:15"),
                           "zone": "Asia/Tokyo", "separator": "\t"}
    assert rows(result) == JA_PRIVATE_HEADER + [
        ("date", 4, 4, None, None, None, None, {"date": d1}),
        ("message", 5, 5, "09:02", T(d1, "09:02"), "佐藤 美咲", "おはよう", {}),
        ("message", 6, 7, "09:05", T(d1, "09:05"), "鈴木 健", "今日は\n遅れます", {}),
        ("media", 8, 8, "09:06", T(d1, "09:06"), "佐藤 美咲", "[スタンプ]", {"media": "sticker"}),
        # one-line messages are never quoted by LINE: these quotes were typed and stay
        ("message", 9, 9, "09:10", T(d1, "09:10"), "鈴木 健", '"了解"', {}),
        ("message", 10, 10, "09:11", T(d1, "09:11"), "佐藤 美咲", 'x"y"z', {}),
        ("message", 11, 13, "21:40", T(d1, "21:40"), "鈴木 健", '彼が言ったのは\n"明日払う"\nだけです', {}),
        ("message", 14, 15, "21:45", T(d1, "21:45"), "佐藤 美咲", "最後に改行\n", {}),
        ("message", 16, 21, "21:50", T(d1, "21:50"), "鈴木 健",
         "見せかけの行:\n10:00\t佐藤 美咲\tこれは本文\n2024/01/16(火)\n\n[LINE] これも本文\n終わり", {}),
        ("message", 22, 22, "22:00", T(d1, "22:00"), "佐藤 美咲", "列A\t列B\t\t列D", {}),
        ("message", 23, 23, "22:01", T(d1, "22:01"), "鈴木 健", NFKC_BAIT, {}),
        ("media", 24, 24, "22:02", T(d1, "22:02"), "佐藤 美咲", "[ファイル] 見積書.pdf",
         {"media": "file", "payload": "見積書.pdf"}),
        ("media", 25, 25, "22:03", T(d1, "22:03"), "佐藤 美咲", "[位置情報] 東京都千代田区丸の内1-1",
         {"media": "location", "payload": "東京都千代田区丸の内1-1"}),
        ("media", 26, 26, "22:04", T(d1, "22:04"), "鈴木 健", "[null] https://maps.google.com/?q=35.68,139.76",
         {"media": "location", "payload": "https://maps.google.com/?q=35.68,139.76"}),
        ("media", 27, 27, "22:05", T(d1, "22:05"), "鈴木 健", "[写真]", {"media": "photo"}),
        ("message", 28, 28, "22:06", T(d1, "22:06"), "鈴木 健", "[写真]の話", {}),
        ("call", 29, 29, "23:58", T(d1, "23:58"), "鈴木 健", "☎ 通話時間 12:04", {"call": "completed", "duration": "12:04"}),
        ("call", 30, 30, "23:59", T(d1, "23:59"), "佐藤 美咲", "☎ 通話時間 1:02:03",
         {"call": "completed", "duration": "1:02:03"}),
        ("blank", 31, 31, None, None, None, None, {}),
        ("date", 32, 32, None, None, None, None, {"date": d2}),
        ("call", 33, 33, "00:01", T(d2, "00:01"), "鈴木 健", "☎ 不在着信", {"call": "missed"}),
        ("call", 34, 34, "00:02", T(d2, "00:02"), "佐藤 美咲", "☎ 通話をキャンセルしました", {"call": "canceled"}),
        ("call", 35, 35, "00:03", T(d2, "00:03"), "鈴木 健", "☎ 通話に応答がありませんでした", {"call": "no_answer"}),
        ("unsent", 36, 36, "00:10", T(d2, "00:10"), "鈴木 健", "鈴木 健がメッセージの送信を取り消しました", {}),
        ("unsent", 37, 37, "00:11", T(d2, "00:11"), None, "メッセージの送信を取り消しました", {}),
        ("unsent", 38, 38, "00:12", T(d2, "00:12"), "佐藤 美咲", "佐藤 美咲がメッセージの送信を取り消しました", {}),
        ("message", 39, 39, "00:13", T(d2, "00:13"), "佐藤 美咲", "(emoji)(brown happy)", {}),
    ]
    assert result.warnings == []
    assert b"\r\n" in (FIXTURES / "l1_ja_private_crlf.txt").read_bytes()


def test_l1_group_and_system_lines_keep_u2068_u2069():
    d = "2024-03-01"
    result = parse("l1_ja_group_system.txt")
    assert result.info["chat_kind"] == "group" and result.info["chat"] == "旅行の計画"
    ti, tn, yr = "\u2068田中 翔太\u2069", "\u2068中村 葵\u2069", "\u2068山本 蓮\u2069"
    assert rows(result)[4:] == [
        ("system", 5, 5, "10:00", T(d, "10:00"), None, "高橋 陽菜がグループに参加しました", {"event": "joined", "actor": "高橋 陽菜"}),
        ("system", 6, 6, "10:01", T(d, "10:01"), None, f"{ti}が参加しました。", {"event": "joined", "actor": "田中 翔太"}),
        ("system", 7, 7, "10:02", T(d, "10:02"), None, f"高橋 陽菜が{ti}を招待しました。",
         {"event": "invited", "actor": "高橋 陽菜", "target": "田中 翔太"}),
        ("system", 8, 8, "10:03", T(d, "10:03"), None, f"高橋 陽菜が{yr}を追加しました。",
         {"event": "added", "actor": "高橋 陽菜", "target": "山本 蓮"}),
        ("system", 9, 9, "10:04", T(d, "10:04"), None, "田中 翔太がグループ名を「沖縄旅行」に変更しました。",
         {"event": "renamed", "actor": "田中 翔太", "target": "沖縄旅行"}),
        ("system", 10, 10, "10:05", T(d, "10:05"), None, "田中 翔太がトークルーム名を「旅行」に変更しました。",
         {"event": "renamed", "actor": "田中 翔太", "target": "旅行"}),
        ("system", 11, 11, "10:06", T(d, "10:06"), None, f"高橋 陽菜が{yr}をグループから退会させました。",
         {"event": "removed", "actor": "高橋 陽菜", "target": "山本 蓮"}),
        ("system", 12, 12, "10:07", T(d, "10:07"), None, "山本 蓮が退会しました。", {"event": "left", "actor": "山本 蓮"}),
        ("system", 13, 13, "10:08", T(d, "10:08"), None,
         "ポリシーに違反している可能性があるため、田中 翔太のメッセージが削除されました。", {"event": "removed_by_policy"}),
        ("system", 14, 14, "10:09", T(d, "10:09"), None, "設定が変更されました。", {}),  # empty sender: an event
        ("system", 15, 15, "10:10", T(d, "10:10"), None, f"{tn}が参加しました。", {"event": "joined", "actor": "中村 葵"}),
        # the event text in the sender column of a 3-column line
        ("system", 16, 16, "10:11", T(d, "10:11"), None, f"{tn}が参加しました。", {"event": "joined", "actor": "中村 葵"}),
        # a person typing an event-like text stays a message
        ("message", 17, 17, "10:12", T(d, "10:12"), "高橋 陽菜", "田中 翔太が参加しました。", {}),
        ("message", 18, 18, "10:13", T(d, "10:13"), "Auto-reply", "ようこそ", {}),
        ("system", 19, 20, "10:14", T(d, "10:14"), None, "複数行の\nお知らせ", {}),
        ("system", 21, 21, "10:15", T(d, "10:15"), None, f"高橋 陽菜が{ti}をこのオープンチャットから退会させました。",
         {"event": "removed", "actor": "高橋 陽菜", "target": "田中 翔太"}),
    ]
    assert result.records[5].raw == [f"10:01\t\t{ti}が参加しました。"]
    assert result.records[15].raw == [f"10:11\t{tn}が参加しました。\t"]
    assert result.warnings == []


def test_l1_japanese_12_hour_clock():
    d = "2024-01-15"
    result = parse("l1_ja_12h.txt")
    assert result.info["saved_at_raw"] == "2024/02/01 午後9:15"
    assert result.info["saved_at"] == T("2024-02-01", "21:15")
    assert [(r.time_raw, r.time) for r in result.records[4:]] == [
        ("午前0:05", T(d, "00:05")), ("午前9:05", T(d, "09:05")), ("午前12:10", T(d, "00:10")),
        ("午後0:30", T(d, "12:30")), ("午後12:45", T(d, "12:45")), ("午後3:05", T(d, "15:05")),
        ("午後11:59", T(d, "23:59")),
    ]
    assert result.warnings == []


def test_l2_english_asian_region():
    d1, d2 = "2024-01-15", "2024-01-16"
    result = parse("l2_en_asia.txt")
    assert result.variant == "line-mobile-en"
    assert (result.info["title"], result.info["chat"], result.info["chat_kind"]) == (
        "Chat history in Weekend club", "Weekend club", "group")
    assert (result.info["saved_at_raw"], result.info["saved_at"]) == ("2024/02/01, 21:15", T("2024-02-01", "21:15"))
    assert rows(result)[3:] == [
        ("date", 4, 4, None, None, None, None, {"date": d1}),
        ("message", 5, 5, "09:05 AM", T(d1, "09:05"), "Ken Ito", "Good morning", {}),
        ("message", 6, 6, "9:07AM", T(d1, "09:07"), "Aya Mori", "morning!", {}),
        ("message", 7, 7, "9:08\u202fAM", T(d1, "09:08"), "Aya Mori", "narrow space", {}),
        ("message", 8, 8, "12:10 AM", T(d1, "00:10"), "Ken Ito", "after midnight", {}),
        ("message", 9, 9, "12:30 pm", T(d1, "12:30"), "Aya Mori", "lunch", {}),
        ("message", 10, 10, "09:05pm", T(d1, "21:05"), "Ken Ito", '"Quoted" on one line', {}),
        ("message", 11, 12, "11:00 PM", T(d1, "23:00"), "Ken Ito", 'Two\nlines with "quotes"', {}),
        ("media", 13, 13, "11:01 PM", T(d1, "23:01"), "Aya Mori", "[Photo]", {"media": "photo"}),
        ("media", 14, 14, "11:02 PM", T(d1, "23:02"), "Aya Mori", "[File] invoice 2024.pdf",
         {"media": "file", "payload": "invoice 2024.pdf"}),
        ("media", 15, 15, "11:03 PM", T(d1, "23:03"), "Aya Mori", "[Voice message]", {"media": "voice"}),
        ("call", 16, 16, "11:04 PM", T(d1, "23:04"), "Ken Ito", "☎ Call time 0:33",
         {"call": "completed", "duration": "0:33"}),
        ("call", 17, 17, "11:05 PM", T(d1, "23:05"), "Ken Ito", "☎ Missed call", {"call": "missed"}),
        ("call", 18, 18, "11:06 PM", T(d1, "23:06"), "Aya Mori", "☎ Canceled call", {"call": "canceled"}),
        ("call", 19, 19, "11:07 PM", T(d1, "23:07"), "Aya Mori", "☎ No answer", {"call": "no_answer"}),
        ("blank", 20, 20, None, None, None, None, {}),
        ("date", 21, 21, None, None, None, None, {"date": d2}),
        ("unsent", 22, 22, "08:00 AM", T(d2, "08:00"), "Ken Ito", "Ken Ito unsent a message.", {}),
        ("unsent", 23, 23, "08:01 AM", T(d2, "08:01"), None, "You unsent a message.", {"self": True}),
        ("system", 24, 24, "08:02 AM", T(d2, "08:02"), None, "Aya Mori joined the group.",
         {"event": "joined", "actor": "Aya Mori"}),
        ("system", 25, 25, "08:03 AM", T(d2, "08:03"), None, "Aya Mori added Ken Ito to the group.",
         {"event": "added", "actor": "Aya Mori", "target": "Ken Ito"}),
        ("system", 26, 26, "08:04 AM", T(d2, "08:04"), None, 'Ken Ito changed the group name to "Weekend"',
         {"event": "renamed", "actor": "Ken Ito", "target": "Weekend"}),
        ("system", 27, 27, "08:05 AM", T(d2, "08:05"), None, "Ken Ito left the group.",
         {"event": "left", "actor": "Ken Ito"}),
    ]
    assert result.warnings == []


def test_l3_us_region_month_first_settled_by_a_value_over_12():
    result = parse("l3_en_us.txt")
    assert result.variant == "line-mobile-en-us"
    assert (result.info["date_order"], result.info["date_order_by"]) == ("mdy", "values")
    assert (result.info["saved_at_raw"], result.info["saved_at"]) == ("02/01/2024, 9:15PM", T("2024-02-01", "21:15"))
    assert rows(result)[3:] == [
        ("date", 4, 4, None, None, None, None, {"date": "2024-01-15"}),
        ("message", 5, 5, "9:05 AM", T("2024-01-15", "09:05"), "Jamie Lee", "hi", {}),
        ("message", 6, 6, "12:00 AM", T("2024-01-15", "00:00"), "Jamie Lee", "midnight", {}),
        ("message", 7, 7, "12:00 PM", T("2024-01-15", "12:00"), "Sam Park", "noon", {}),
        ("blank", 8, 8, None, None, None, None, {}),
        ("date", 9, 9, None, None, None, None, {"date": "2024-01-16"}),
        ("message", 10, 10, "1:30 PM", T("2024-01-16", "13:30"), "Sam Park", "bye", {}),
    ]


def test_l3_month_first_settled_by_increasing_dates():
    result = parse("l3_en_us_increasing.txt")
    assert (result.info["date_order"], result.info["date_order_by"]) == ("mdy", "increasing_dates")
    assert [r.attrs["date"] for r in result.records if r.type == "date"] == ["2024-01-05", "2024-01-08", "2024-02-07"]
    assert [r.time for r in result.records if r.type == "message"] == [
        T("2024-01-05", "10:00"), T("2024-01-08", "10:00"), T("2024-02-07", "10:00")]


def test_ambiguous_day_month_order_stops_with_a_question():
    with pytest.raises(EvidenceKitError) as caught:
        line.parse(FIXTURES / "date_order_ambiguous.txt")
    assert caught.value.code == "date_order_ambiguous"
    assert "date_order_ambiguous.txt" in caught.value.message("ja")


@pytest.mark.parametrize("order, dates", [("dmy", ["2024-04-03", "2024-05-04"]), ("mdy", ["2024-03-04", "2024-04-05"])])
def test_forced_date_order(order, dates):
    result = parse("date_order_ambiguous.txt", date_order=order)
    assert (result.info["date_order"], result.info["date_order_by"]) == (order, "forced")
    assert [r.attrs["date"] for r in result.records if r.type == "date"] == dates
    assert [r.time for r in result.records if r.type == "message"] == [T(dates[0], "10:00"), T(dates[1], "11:00")]


def test_forced_order_does_not_apply_to_unambiguous_files():
    result = parse("l1_ja_12h.txt", date_order="mdy")
    assert "date_order" not in result.info


def test_bad_date_order_option_is_refused():
    with pytest.raises(ValueError):
        line.parse(FIXTURES / "l3_en_us.txt", date_order="ymd")


def test_l4_thai_region_buddhist_era_day_first():
    result = parse("l4_en_thai_be.txt")
    assert result.variant == "line-mobile-en-thai-be"
    assert (result.info["date_order"], result.info["date_order_by"]) == ("dmy", "values")
    d1, d2 = "2024-01-15", "2024-01-16"
    assert rows(result)[3:] == [
        ("date", 4, 4, None, None, None, None, {"date": d1}),
        ("message", 5, 5, "19:10", T(d1, "19:10"), "Somchai", "สวัสดีครับ", {}),
        ("media", 6, 6, "19:11", T(d1, "19:11"), "Nok", "[Sticker]", {"media": "sticker"}),
        ("call", 7, 7, "19:12", T(d1, "19:12"), "Somchai", "☎ Call time 0:33",
         {"call": "completed", "duration": "0:33"}),
        ("unsent", 8, 8, "19:13", T(d1, "19:13"), "Somchai", "Somchai unsent a message.", {}),
        ("blank", 9, 9, None, None, None, None, {}),
        ("date", 10, 10, None, None, None, None, {"date": d2}),
        ("call", 11, 11, "08:00", T(d2, "08:00"), "Nok", "☎ Missed call", {"call": "missed"}),
    ]


def test_buddhist_era_breaks_a_tie_as_day_first(tmp_path):
    path = tmp_path / "be.txt"
    path.write_text("Fri, 03/04/2567 BE\n10:00\tNok\thi\n\nSat, 04/05/2567 BE\n10:00\tNok\tbye\n", encoding="utf-8")
    result = line.parse(path)
    assert (result.info["date_order"], result.info["date_order_by"]) == ("dmy", "buddhist_era")
    assert [r.attrs["date"] for r in result.records if r.type == "date"] == ["2024-04-03", "2024-05-04"]


def test_same_date_either_way_needs_no_question(tmp_path):
    path = tmp_path / "same.txt"
    path.write_text("Thu, 03/03/2024\n10:00\tJamie\thi\n", encoding="utf-8")
    result = line.parse(path)
    assert result.info["date_order_by"] == "same_either_way"
    assert result.records[1].time == T("2024-03-03", "10:00")


def test_l5_traditional_chinese():
    d1, d2 = "2024-01-15", "2024-01-16"
    result = parse("l5_zh_tw.txt")
    assert result.variant == "line-mobile-zh-tw"
    assert (result.info["chat"], result.info["saved_at"]) == ("陳小明", T("2024-02-01", "21:15"))
    assert rows(result)[3:] == [
        ("date", 4, 4, None, None, None, None, {"date": d1}),
        ("message", 5, 5, "上午09:05", T(d1, "09:05"), "陳小明", "早安", {}),
        ("media", 6, 6, "下午03:05", T(d1, "15:05"), "林美玲", "[貼圖]", {"media": "sticker"}),
        ("message", 7, 7, "上午12:10", T(d1, "00:10"), "陳小明", "半夜", {}),
        ("media", 8, 8, "下午12:30", T(d1, "12:30"), "林美玲", "[照片]", {"media": "photo"}),
        ("blank", 9, 9, None, None, None, None, {}),
        ("date", 10, 10, None, None, None, None, {"date": d2}),
        ("message", 11, 11, "下午3:05", T(d2, "15:05"), "陳小明", "好", {}),
    ]


def test_l5_simplified_chinese():
    result = parse("l5_zh_cn.txt")
    assert result.variant == "line-mobile-zh-cn"
    assert (result.info["chat"], result.info["saved_at_raw"]) == ("王芳", "2024/02/01 21:15")
    assert rows(result)[3:] == [
        ("date", 4, 4, None, None, None, None, {"date": "2024-01-15"}),
        ("message", 5, 5, "上午9:05", T("2024-01-15", "09:05"), "王芳", "早上好", {}),
        ("message", 6, 6, "下午3:05", T("2024-01-15", "15:05"), "李伟", "好的", {}),
    ]


def test_l6_android_2017_no_prefix_and_24_oclock():
    d = "2017-03-04"
    result = parse("l6_en_android2017.txt")
    assert result.variant == "line-mobile-en-no-prefix"
    assert rows(result) == [
        ("header", 1, 1, None, None, None, None,
         head("title", title="Chat history with Ken Ito", chat="Ken Ito", chat_kind="private")),
        ("header", 2, 2, "2017/03/05 22:10", T("2017-03-05", "22:10"), None, None, head("saved_at")),
        ("blank", 3, 3, None, None, None, None, {}),
        ("date", 4, 4, None, None, None, None, {"date": d}),
        ("message", 5, 5, "23:50", T(d, "23:50"), "Ken Ito", "almost midnight", {}),
        ("message", 6, 6, "24:05", T(d, "00:05"), "Aya Mori", "just after", {"time_24": True}),
    ]
    assert warnings(result) == [(6, "line_time_24")]


def test_l7_desktop_japanese_names_with_spaces():
    d1, d2 = "2024-01-15", "2024-01-16"
    result = parse("l7_desktop_ja.txt")
    assert result.variant == "line-desktop"
    assert result.info == {"zone": "Asia/Tokyo", "separator": " ", "senders": ["佐藤 美咲", "鈴木 健"]}
    assert rows(result) == [
        ("date", 1, 1, None, None, None, None, {"date": d1}),
        ("message", 2, 2, "09:02", T(d1, "09:02"), "佐藤 美咲", "おはよう", {}),
        ("message", 3, 6, "09:05", T(d1, "09:05"), "鈴木 健", "今日は\n遅れます\n\nごめん", {}),
        ("media", 7, 7, "09:06", T(d1, "09:06"), "佐藤 美咲", "スタンプ", {"media": "sticker", "probable": True}),
        ("media", 8, 8, "09:07", T(d1, "09:07"), "鈴木 健", "写真", {"media": "photo", "probable": True}),
        ("message", 9, 9, "09:08", T(d1, "09:08"), "鈴木 健", "写真を送るね", {}),
        ("blank", 10, 10, None, None, None, None, {}),
        ("date", 11, 11, None, None, None, None, {"date": d2}),
        ("message", 12, 12, "10:00", T(d2, "10:00"), "佐藤 美咲", "了解", {}),
    ]
    assert warnings(result) == [(2, "line_desktop_sender_names")]


def test_l7_desktop_english_bare_words():
    d = "2024-01-15"
    result = parse("l7_desktop_en.txt")
    assert result.info["senders"] == ["Aya", "Ken"]
    assert rows(result) == [
        ("date", 1, 1, None, None, None, None, {"date": d}),
        ("media", 2, 2, "12:00", T(d, "12:00"), "Ken", "Photos", {"media": "photo", "probable": True}),
        # "Aya look" would explain this line, but not Aya's other lines: the name stays "Aya"
        ("message", 3, 3, "12:01", T(d, "12:01"), "Aya", "look Photos", {}),
        ("message", 4, 4, "12:02", T(d, "12:02"), "Aya", "hi", {}),
        ("media", 5, 5, "12:03", T(d, "12:03"), "Ken", "Stickers", {"media": "sticker", "probable": True}),
        ("media", 6, 6, "12:04", T(d, "12:04"), "Ken", "Videos", {"media": "video", "probable": True}),
        ("call", 7, 7, "12:05", T(d, "12:05"), "Aya", "Canceled", {"call": "canceled", "probable": True}),
        ("message", 8, 10, "12:06", T(d, "12:06"), "Ken",
         "Photos\nand a caption\n12:07Aya no space after the time", {}),
    ]
    assert warnings(result) == [(2, "line_desktop_sender_names"), (10, "line_continuation_timed")]


@pytest.mark.parametrize("name, encoding", [("bom_utf8.txt", "utf-8-sig"), ("cp932_crlf.txt", "cp932")])
def test_encodings_and_characters_nfkc_would_change(name, encoding):
    result = parse(name)
    assert result.encoding == encoding
    assert rows(result) == JA_PRIVATE_HEADER + [
        ("date", 4, 4, None, None, None, None, {"date": "2024-01-15"}),
        ("message", 5, 5, "09:02", T("2024-01-15", "09:02"), "佐藤 美咲", NFKC_BAIT, {}),
    ]
    raw = (FIXTURES / name).read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig")


def test_file_without_header_and_stray_invisible_marks():
    result = parse("no_header.txt")
    assert result.variant == "line-mobile-ja"
    assert result.info == {"zone": "Asia/Tokyo", "separator": "\t"}
    assert rows(result) == [
        ("date", 1, 1, None, None, None, None, {"date": "2024-01-15"}),
        ("message", 2, 2, "09:00", T("2024-01-15", "09:00"), "佐藤 美咲", "ヘッダーなし", {}),
        ("message", 3, 3, "\ufeff09:01", T("2024-01-15", "09:01"), "鈴木 健", "BOM付きの行", {}),
        ("blank", 4, 4, None, None, None, None, {}),
        ("date", 5, 5, None, None, None, None, {"date": "2024-01-16"}),
        ("message", 6, 6, "10:00", T("2024-01-16", "10:00"), "佐藤 美咲", "翌日", {}),
    ]
    assert result.records[4].raw == ["\u200e2024/01/16(火)"]
    assert result.warnings == []


def test_bad_lines_become_warnings_and_never_stop_the_file():
    result = parse("bad_lines.txt")
    assert rows(result) == [
        ("message", 1, 1, "09:00", None, "佐藤 美咲", "日付より前", {}),
        ("message", 2, 2, "09:01", None, "佐藤 美咲", "日付より前2", {}),
        ("date", 3, 3, None, None, None, None, {"date": "2024-01-15"}),
        ("message", 4, 4, "25:00", None, "佐藤 美咲", "ありえない時刻", {}),
        ("message", 5, 5, "10:61", None, "鈴木 健", "ありえない分", {}),
        ("message", 6, 6, "13:00 PM", None, "鈴木 健", "ありえない12時間", {}),
        ("unparsed", 7, 7, None, None, None, None, {}),
        ("unparsed", 8, 8, None, None, None, None, {}),  # a 2-column line that is no known event
        ("unparsed", 9, 9, None, None, None, None, {}),  # a header in the middle: files were joined
        ("date", 10, 10, None, None, None, None, {"date": None}),
        ("message", 11, 11, "11:00", None, "佐藤 美咲", "存在しない日付の後", {}),
        ("date", 12, 12, None, None, None, None, {"date": "2024-01-14"}),
        ("message", 13, 13, "12:00", T("2024-01-14", "12:00"), "鈴木 健", "日付が戻った", {}),
        # an opening quote never closed: a one-line message whose quote was typed
        ("message", 14, 14, "09:30", T("2024-01-14", "09:30"), "鈴木 健", '"閉じない引用', {}),
        ("unparsed", 15, 15, None, None, None, None, {}),
    ]
    assert warnings(result) == [
        (1, "line_no_date"), (4, "line_time_invalid"), (5, "line_time_invalid"), (6, "line_time_invalid"),
        (7, "line_unparsed"), (8, "line_unparsed"), (9, "line_unparsed"), (10, "line_date_invalid"),
        (11, "line_no_date"), (12, "line_date_not_increasing"), (15, "line_unparsed"),
    ]
    assert result.warnings[4].raw == "ただの文章"


def test_dollar_separated_file_is_read_and_flagged():
    result = parse("dollar_separated.txt")
    assert result.variant == "line-mobile-en-thai-be-dollar-separated"
    assert result.info["separator"] == "$"
    assert rows(result)[1:] == [
        ("message", 2, 2, "19:10", T("2024-01-15", "19:10"), "Somchai", "hello $5", {}),
        ("unsent", 3, 3, "19:11", T("2024-01-15", "19:11"), "Somchai", "Somchai unsent a message.", {}),
    ]
    assert warnings(result) == [(2, "line_separator_altered")]


@pytest.mark.parametrize("title, chat, kind, lang", [
    ("[LINE] 佐藤 美咲とのトーク履歴", "佐藤 美咲", "private", "ja"),
    ("[LINE] 旅行の計画のトーク履歴", "旅行の計画", "group", "ja"),
    ("[LINE] 投資の部屋のトーク", "投資の部屋", "openchat", "ja"),
    ("[LINE] Chat history with Ken Ito", "Ken Ito", "private", "en"),
    ("[LINE] Chat history in Weekend club", "Weekend club", "group", "en"),
    ("Chat history with Ken Ito", "Ken Ito", "private", "en"),
    ("[LINE] 與陳小明的聊天記錄", "陳小明", "private", "zh-tw"),
    ("[LINE] 讀書會的聊天記錄", "讀書會", "group", "zh-tw"),
    ("[LINE] 与王芳的聊天记录", "王芳", "private", "zh-cn"),
    ("[LINE] 读书会的聊天记录", "读书会", "group", "zh-cn"),
    ("[LINE] ประวัติการแชทกับ สมชาย", "สมชาย", "private", "th"),
])
def test_header_titles(tmp_path, title, chat, kind, lang):
    path = tmp_path / "h.txt"
    path.write_text(f"{title}\n\n2024/01/15(月)\n09:00\tA\tx\n", encoding="utf-8")
    result = line.parse(path)
    assert (result.info["chat"], result.info["chat_kind"], result.info["lang"]) == (chat, kind, lang)
    assert result.records[0].type == "header" and result.warnings == []


@pytest.mark.parametrize("saved, raw_value, iso", [
    ("保存日時：2024/02/01 21:15", "2024/02/01 21:15", "2024-02-01T21:15:00+09:00"),
    ("Saved on: 2024/02/01 21:15", "2024/02/01 21:15", "2024-02-01T21:15:00+09:00"),
    ("Saved on: 2024/02/01, 21:15", "2024/02/01, 21:15", "2024-02-01T21:15:00+09:00"),
    ("Saved on: 01/02/2024, 09:15PM", "01/02/2024, 09:15PM", None),  # no date line tells the order
    ("儲存日期：2024/02/01 21:15", "2024/02/01 21:15", "2024-02-01T21:15:00+09:00"),
    ("บันทึกวันที่ 2024/02/01 21:15", "2024/02/01 21:15", "2024-02-01T21:15:00+09:00"),
])
def test_saved_on_lines(tmp_path, saved, raw_value, iso):
    path = tmp_path / "s.txt"
    path.write_text(f"[LINE] Chat history with A\n{saved}\n\n2024/01/15(Mon)\n09:00\tA\tx\n", encoding="utf-8")
    result = line.parse(path)
    assert result.records[1].type == "header"
    assert (result.info["saved_at_raw"], result.info.get("saved_at")) == (raw_value, iso)


@pytest.mark.parametrize("body, kind", [
    ("[写真]", "photo"), ("[動画]", "video"), ("[スタンプ]", "sticker"), ("[ファイル]", "file"),
    ("[ボイスメッセージ]", "voice"), ("[連絡先]", "contact"), ("[位置情報]", "location"), ("[アルバム]", "album"),
    ("[ノート]", "note"), ("[投票]", "poll"), ("[GIF]", "gif"), ("[Photo]", "photo"), ("[Video]", "video"),
    ("[Sticker]", "sticker"), ("[File]", "file"), ("[Voice message]", "voice"), ("[Contact]", "contact"),
    ("[Location]", "location"), ("[Album]", "album"), ("[Note]", "note"), ("[Poll]", "poll"),
])
def test_every_media_placeholder(tmp_path, body, kind):
    path = tmp_path / "m.txt"
    path.write_text(f"2024/01/15(月)\n09:00\t佐藤 美咲\t{body}\n09:01\t佐藤 美咲\t{body} 会議.pdf\n", encoding="utf-8")
    bare, with_payload = line.parse(path).records[1:]
    assert (bare.type, bare.text, bare.attrs) == ("media", body, {"media": kind})
    assert (with_payload.type, with_payload.attrs) == ("media", {"media": kind, "payload": "会議.pdf"})


@pytest.mark.parametrize("body, attrs", [
    ("Ken invited Aya to the group.", {"event": "invited", "actor": "Ken", "target": "Aya"}),
    ("Ken removed Aya from the group.", {"event": "removed", "actor": "Ken", "target": "Aya"}),
    ("健がグループを退会しました。", {"event": "left", "actor": "健"}),
    ("[null]", {}),  # not a location without its link: an event-less system line (empty sender)
])
def test_more_system_lines(tmp_path, body, attrs):
    path = tmp_path / "s.txt"
    path.write_text(f"2024/01/15(月)\n09:00\t\t{body}\n", encoding="utf-8")
    record = line.parse(path).records[1]
    assert (record.type, record.sender, record.text, record.attrs) == ("system", None, body, attrs)


def test_utf16_file(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("[LINE] Aとのトーク履歴\r\n\r\n2024/01/15(月)\r\n09:00\tA\t～\r\n".encode("utf-16"))
    result = line.parse(path)
    assert result.encoding == "utf-16" and result.records[-1].text == "～"
    assert_lossless(path, result)


def test_zone_is_applied_and_reported(tmp_path):
    result = line.parse(FIXTURES / "l1_ja_12h.txt", zone="Europe/London")
    assert result.info["zone"] == "Europe/London"
    assert result.records[4].time == "2024-01-15T00:05:00+00:00"


# --- sniffing --------------------------------------------------------------------------------------

def sniff_text(data: bytes, name: str = "x.txt") -> float:
    return line.sniff(Path(name), data[:64 * 1024])


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_every_fixture_sniffs_as_line(name):
    assert sniff_text((FIXTURES / name).read_bytes()) > 0.5


def test_sniff_rejects_other_text():
    whatsapp = ("15/01/2024, 21:40 - Ken Suzuki: see you tomorrow\n"
                "15/01/2024, 21:41 - Aiko: ok\nand a second line\n"
                "[1/15/24, 9:40:07\u202fPM] Ken: hi\n2024/01/15 21:40 - 鈴木: こんにちは\n").encode()
    bank = ("日付,摘要,お支払金額,お預り金額,残高\n2024/01/15,ATM,10000,,50000\n"
            "2024/01/16,振込 ヤマダ,,20000,70000\n").encode("cp932")
    prose = ("Saved on: my laptop\n昨日は雨でした。\nThe meeting is at 10:00 tomorrow.\n\n"
             "2024/01/15 was a Monday, I think.\n").encode()
    for data in (whatsapp, bank, prose, b"", b"\x00\xff\xfe binary \x00"):
        assert sniff_text(data) < 0.5


def test_sniff_survives_a_multibyte_character_cut_at_64_kib():
    body = "[LINE] 佐藤 美咲とのトーク履歴\n保存日時：2024/02/01 21:15\n\n2024/01/15(月)\n"
    body += "09:02\t佐藤 美咲\tおはようございます\n" * 3000
    data = body.encode()[:64 * 1024]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert sniff_text(data) > 0.5


def test_sniff_survives_a_cp932_character_cut_at_64_kib():
    body = ("[LINE] 佐藤 美咲とのトーク履歴\r\n2024/01/15(月)\r\n" + "09:02\t佐藤 美咲\tおはよう\r\n" * 5000).encode("cp932")
    size = next(n for n in range(64 * 1024, 0, -1) if not _decodes(body[:n], "cp932"))
    assert sniff_text(body[:size]) > 0.5


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# --- messages of the warnings ----------------------------------------------------------------------

def test_every_warning_code_has_japanese_and_english_text():
    emitted = {"line_unparsed", "line_time_24", "line_time_invalid", "line_date_invalid", "line_no_date",
               "line_date_not_increasing", "line_separator_altered", "line_desktop_sender_names",
               "line_continuation_timed"}
    assert set(WARNINGS) == emitted
    for code in emitted:
        assert "12" in tr("parse." + code, "ja", line=12) and "12" in tr("parse." + code, "en", line=12)


# --- random text -----------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "", "\t", '"', '""', "\r", "\n", "\r\n", " ", "09:05", "24:05", "午後3:05", "上午9:05", "12:00 AM", "25:99",
    "2024/01/15(月)", "2024.01.15 Monday", "Mon, 01/15/2024", "Wed, 10/07/2562 BE", "Fri, 03/04/2024",
    "[LINE] ", "保存日時：", "Aとのトーク履歴", "[写真]", "[ファイル] a.pdf", "☎ 通話時間 1:02", "$",
    "がメッセージの送信を取り消しました", "\u2068名\u2069が参加しました。", " unsent a message.", "佐藤 美咲", "Stickers",
    "\ufeff", "\u200e", "ｶﾀｶﾅ", "①", "～", "x",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.one_of(_PIECES, st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)),
                      max_size=60))
def test_random_text_never_crashes_and_stays_lossless(tmp_path, pieces):
    path = tmp_path / "random.txt"
    path.write_bytes("".join(pieces).encode("utf-8"))
    try:
        source = text.read_text(path)
    except (ValueError, UnicodeDecodeError):
        return  # not text: no importer is asked
    for order in (None, "dmy"):
        try:
            result = line.parse(path, date_order=order)
        except EvidenceKitError as error:
            assert error.code == "date_order_ambiguous" and order is None
            continue
        assert [raw for r in result.records for raw in r.raw] == source.lines
        assert_lossless(path, result)
        assert all(w.code in WARNINGS for w in result.warnings)
    assert 0.0 <= line.sniff(path, path.read_bytes()) <= 1.0


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Tokyo", "America/New_York"])
def test_fast_day_times_equal_local_iso_across_dst(zone):
    from datetime import date, datetime, timedelta

    from evidence_kit.importers import text

    for day in (date(2024, 3, 31), date(2024, 10, 27), date(2024, 3, 10), date(2024, 11, 3), date(2024, 1, 15)):
        prefix, offset = line._day_iso(day, zone)
        for minutes in range(0, 24 * 60, 5):
            moment = datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)
            if prefix is not None:
                assert f"{prefix}{moment.hour:02d}:{moment.minute:02d}:00{offset}" == text.local_iso(moment, zone)
        assert (prefix is None) == (zone != "Asia/Tokyo" and day.month != 1 and
                                    (zone == "Europe/Berlin") == (day.day in (31, 27)))


def test_records_without_attrs_share_one_that_cannot_change(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("2024/01/15(月)\n10:00\tKen\thello\n10:01\tAiko\thi\n", encoding="utf-8")
    date, first, second = line.parse(path).records
    assert date.attrs == {"date": "2024-01-15"} and first.attrs == {} and first.attrs is second.attrs
    with pytest.raises(TypeError):
        first.attrs["x"] = 1
    assert first.to_json()["text"] == "hello" and second.attrs == {}
