"""moneytext: decoding, amounts, quantities, dates and the payee name key (spec money-formats 9.2-9.5)."""

from __future__ import annotations

import codecs
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from evidence_kit.importers import moneytext as mt


# --- decode ---------------------------------------------------------------------------------------
def test_decode_boms_utf8_and_cp932():
    assert mt.decode(codecs.BOM_UTF8 + "日付".encode()) == ("日付", "utf-8-sig")
    assert mt.decode(codecs.BOM_UTF16_LE + "取引日\t摘要".encode("utf-16-le")) == ("取引日\t摘要", "utf-16")
    assert mt.decode(codecs.BOM_UTF16_BE + "残高".encode("utf-16-be")) == ("残高", "utf-16")
    assert mt.decode("日付,摘要".encode()) == ("日付,摘要", "utf-8")
    assert mt.decode("カ－ド,髙橋,①".encode("cp932")) == ("カ－ド,髙橋,①", "cp932")


def test_decode_cp932_dash_is_fullwidth_hyphen_not_minus():
    text, _ = mt.decode(b"\x83J\x81|\x83h")  # カ－ド as a bank writes it
    assert text == "カ\uff0dド"


def test_decode_refuses_what_no_codec_reads():
    with pytest.raises(ValueError):
        mt.decode(b"\x82\xa0\xff\xfe\x81\x00")


# --- amounts ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("230,090", 230090), ('\\7,000', 7000), ("￥1,200", 1200), ("¥500", 500), ("3,000円", 3000),
    ("-3086", -3086), ("△500", -500), ("１２，３４５", 12345), (" 1 000 ", 1000), ("100000.0", 100000),
    ("", None), ("-", None), ("－", None), ("  ", None), (None, None),
])
def test_parse_amount(cell, expected):
    assert mt.parse_amount(cell) == expected


@pytest.mark.parametrize("cell", ["千円", "12.5", "1,2a", "--5", "0x10"])
def test_parse_amount_refuses_non_numbers(cell):
    with pytest.raises(ValueError):
        mt.parse_amount(cell)


def test_parse_quantity_is_exact():
    assert mt.parse_quantity("-0.0005") == Decimal("-0.0005")
    assert str(mt.parse_quantity("-0.0003000")) == "-0.0003000"
    assert mt.parse_quantity("1,595,143") == Decimal("1595143")
    assert mt.parse_quantity("-") is None
    with pytest.raises(ValueError):
        mt.parse_quantity("1e5")


# --- dates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cell, kinds, expected", [
    ("2024/5/1", "ymd", date(2024, 5, 1)),
    ("2018/01/09", ["%Y/%m/%d"], date(2018, 1, 9)),
    ("20180720", "compact", date(2018, 7, 20)),
    ("2020.01.15", "ymd", date(2020, 1, 15)),
    ("2026年04月01日", "ymd", date(2026, 4, 1)),
    ("2024年1月5日", mt.AUTO, date(2024, 1, 5)),
    (" 2018/01/16", mt.AUTO, date(2018, 1, 16)),
    ("H30.01.15", "wareki", date(2018, 1, 15)),
    ("R7.8.5", "wareki", date(2025, 8, 5)),
    ("令和7年8月5日", "wareki", date(2025, 8, 5)),
    ("令和 07 年 08 月 05 日", "wareki", date(2025, 8, 5)),
    ("平成元年1月8日", "wareki", date(1989, 1, 8)),
    ("S64.01.07", "wareki", date(1989, 1, 7)),
    ("240105", "yymmdd", date(2024, 1, 5)),
])
def test_parse_date(cell, kinds, expected):
    assert mt.parse_date(cell, kinds) == expected


def test_wareki_outside_its_era_is_refused():
    for cell in ("R1.04.30", "H1.01.07", "H31.05.01", "S64.01.08", "平成32年1月1日"):
        with pytest.raises(ValueError, match="is not a date of the"):
            mt.parse_date(cell, "wareki")
    assert mt.parse_date("H31.04.30", "wareki") == date(2019, 4, 30)
    assert mt.parse_date("令和元年5月1日", "wareki") == date(2019, 5, 1)


def test_month_day_needs_a_year():
    assert mt.parse_date("4月30日", "month_day", year_hint=2024) == date(2024, 4, 30)
    with pytest.raises(mt.NeedsYear):
        mt.parse_date("4月30日", "month_day")


def test_impossible_and_foreign_dates_are_refused():
    for cell, kinds in [("2024/02/30", "ymd"), ("2024/13/01", "ymd"), ("20240230", "compact"),
                        ("合計", mt.AUTO), ("", mt.AUTO), ("2024/02/3O", mt.AUTO)]:
        with pytest.raises(ValueError):
            mt.parse_date(cell, kinds)


def test_datetimes_naive_with_offset_and_utc():
    assert mt.parse_moment("2024/09/08 10:15:03") == datetime(2024, 9, 8, 10, 15, 3)
    assert mt.parse_moment("2026/09/08 11:00") == datetime(2026, 9, 8, 11, 0)
    jst = timezone(timedelta(hours=9))
    assert mt.parse_moment("2017-01-02 09:00:00 +0900") == datetime(2017, 1, 2, 9, tzinfo=jst)
    assert mt.parse_moment("2024-03-01 15:30:00 UTC") == datetime(2024, 3, 1, 15, 30, tzinfo=timezone.utc)
    assert mt.parse_date("2024-03-01 23:30:00") == date(2024, 3, 1)


# --- names ------------------------------------------------------------------------------------------
def test_name_key_same_for_detached_marks_and_halfwidth():
    assert mt.name_key("ラクテンカ－ト゛サ－ヒ゛ス") == ("ラクテンカードサービス", False)
    assert mt.name_key("ﾗｸﾃﾝｶｰﾄﾞｻｰﾋﾞｽ") == ("ラクテンカードサービス", False)
    assert mt.name_key("カ−ド")[0] == mt.name_key("カ－ド")[0] == "カード"


def test_name_key_corporate_markers_and_separators():
    assert mt.name_key("ｶ)ﾃｽﾄｼﾖｳｼﾞ") == ("テストシヨウジ", True)
    assert mt.name_key("ﾃｽﾄｼﾖｳｼﾞ(ｶ") == ("テストシヨウジ", True)
    assert mt.name_key("ﾕ)ﾐﾎﾝ") == ("ミホン", True)
    assert mt.name_key("ﾄﾞ)ﾐﾎﾝ") == ("ミホン", True)
    assert mt.name_key("㈱見本") == ("見本", True)
    assert mt.name_key("ヤマダ　タロウ") == ("ヤマダタロウ", False)
    assert mt.name_key("ｻｷﾞﾉ･ﾀﾛｳ") == ("サギノタロウ", False)
    assert mt.name_key("シャッチョ") == ("シヤツチヨ", False)
    assert mt.name_key("test shop*1") == ("TESTSHOP1", False)


def test_strip_type_prefix():
    prefixes = [r"^(振込|カード振込|ﾌﾘｺﾐ)[\s\u3000*＊]*", r"^(V\d{6})[\s\u3000]*"]
    assert mt.strip_type_prefix("振込＊トクガワイエヤス", prefixes) == ("振込", "トクガワイエヤス")
    assert mt.strip_type_prefix("振込　ｹｲﾃﾞｲ(ｶ", prefixes) == ("振込", "ｹｲﾃﾞｲ(ｶ")
    assert mt.strip_type_prefix("V907163　券売機", prefixes) == ("V907163", "券売機")
    assert mt.strip_type_prefix(" 利息 ", prefixes) == (None, "利息")


def test_header_key_unifies_width_brackets_and_spaces():
    assert mt.header_key("受入金額（円）") == mt.header_key("受入金額(円)") == "受入金額(円)"
    assert mt.header_key("入出金明細ＩＤ") == "入出金明細ID"
    assert mt.header_key("取扱日付　年") == "取扱日付年"
    assert mt.header_key("\ufeff取引日") == "取引日"


@pytest.mark.parametrize("cell", ["1,0", "1,00", "-3,0", "12,34,567", ",100", "1,000,"])
def test_parse_amount_refuses_misplaced_thousands_commas(cell):
    """A cell cut short (`"-3,0` from `"-3,086"`) must not read as -30 yen."""
    with pytest.raises(ValueError):
        mt.parse_amount(cell)


def test_parse_amount_and_quantity_accept_proper_grouping():
    assert [mt.parse_amount(c) for c in ("1,000", "-1,000,000", "１２，３４５", "\\7,000", "1,000円")] == [
        1000, -1000000, 12345, 7000, 1000]
    assert mt.parse_quantity("1,595,143.5") == Decimal("1595143.5")
    with pytest.raises(ValueError):
        mt.parse_quantity("0,5")


def test_name_key_open_paren_marker_only_at_the_end():
    """`(ｶ` (株式会社 after the name) ends a name; a `(` inside one starts no marker: `ｻｷﾞﾉ(ｲﾁﾛｳ` keeps its イ."""
    assert mt.name_key("ｻｷﾞﾉ(ｲﾁﾛｳ") == ("サギノイチロウ", False)
    assert mt.name_key("ﾃｽﾄ(ｶ)ﾄｳｷﾖｳｼﾃﾝ") == ("テストトウキヨウシテン", True)
    assert mt.name_key("ﾃｽﾄ(ｶ ") == ("テスト", True)
    assert mt.name_key("ﾃｽﾄ(ｲ") == ("テスト", True)


def test_name_key_folds_hiragana_typed_by_the_user():
    """Holder names the victim types (often hiragana) must meet the statement's katakana."""
    assert mt.name_key("やまだ　たろう") == mt.name_key("ﾔﾏﾀﾞ ﾀﾛｳ") == ("ヤマダタロウ", False)
    assert mt.name_key("さぎの　しょうじ")[0] == mt.name_key("ｻｷﾞﾉ ｼﾖｳｼﾞ")[0] == "サギノシヨウジ"
