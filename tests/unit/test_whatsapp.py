"""WhatsApp importer: exact records for every variant of the spec (W1-W11), the special cases, zips,
and the raw-lines invariant on every fixture. All names and texts are invented."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.i18n import tr
from evidence_kit.i18n.whatsapp_messages import ERRORS, WARNINGS
from evidence_kit.importers import text, whatsapp

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
LRM, NNBSP, NBSP, BOM = "\u200e", "\u202f", "\u00a0", "\ufeff"
JST = "+09:00"
ENCRYPTED = ("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read "
             "or listen to them.")


def chat_lines(data: bytes) -> list[str]:
    return text.split_lines(text.decode(data)[0])


def assert_invariant(result, data: bytes) -> None:
    """Every line of the chat text is in exactly one record, in order, and line numbers match."""
    assert [line for r in result.records for line in r.raw] == chat_lines(data)
    expected = 1
    for r in result.records:
        assert (r.line, r.end_line) == (expected, expected + len(r.raw) - 1)
        expected = r.end_line + 1


def parse_text(tmp_path: Path, content: str | bytes, name: str = "chat.txt", **options):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path = tmp_path / name
    path.write_bytes(data)
    result = whatsapp.parse(path, **options)
    assert_invariant(result, data)
    return result


def rows(result) -> list[tuple]:
    """(type, time, time_raw, sender, text, line, attrs) for every record."""
    return [(r.type, r.time, r.time_raw, r.sender, r.text, r.line, r.attrs) for r in result.records]


def warned(result) -> list[tuple[int, str]]:
    return [(w.line, w.code) for w in result.warnings]


# ---- variants W1-W11 --------------------------------------------------------------------------


def test_w1_android_day_first_24h(tmp_path):
    result = parse_text(tmp_path, (
        "15/01/2024, 21:40 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
        "WhatsApp, can read or listen to them. Tap to learn more.\n"
        "15/01/2024, 21:40 - Ken Suzuki: see you tomorrow\n"
        "15/01/2024, 21:41 - Ken Suzuki: first line\n"
        "second line\n"
        "16/01/2024, 07:05 - Aiko Tanaka: <Media omitted>\n"
        "16/01/2024, 07:06 - Aiko Tanaka: IMG-20240116-WA0001.jpg (file attached)\n"
        "the receipt\n"
        "16/01/2024, 07:07 - Ken Suzuki added Mika\n"
    ))
    assert rows(result) == [
        ("system", "2024-01-15T21:40:00" + JST, "15/01/2024, 21:40", None,
         ENCRYPTED + " Tap to learn more.", 1, {}),
        ("message", "2024-01-15T21:40:00" + JST, "15/01/2024, 21:40", "Ken Suzuki", "see you tomorrow", 2, {}),
        ("message", "2024-01-15T21:41:00" + JST, "15/01/2024, 21:41", "Ken Suzuki", "first line\nsecond line", 3, {}),
        ("media", "2024-01-16T07:05:00" + JST, "16/01/2024, 07:05", "Aiko Tanaka", "<Media omitted>", 5,
         {"media": "unknown", "omitted": True}),
        ("media", "2024-01-16T07:06:00" + JST, "16/01/2024, 07:06", "Aiko Tanaka",
         "IMG-20240116-WA0001.jpg (file attached)\nthe receipt", 6,
         {"media": "image", "attachment": "IMG-20240116-WA0001.jpg"}),
        ("system", "2024-01-16T07:07:00" + JST, "16/01/2024, 07:07", None, "Ken Suzuki added Mika", 8, {}),
    ]
    assert result.warnings == []
    assert result.format == "whatsapp" and result.variant == "whatsapp-android" and result.encoding == "utf-8"
    assert result.info == {"date_order": "dmy", "date_order_by": "values", "platform": "android", "clock": "24h",
                           "out_of_order": 0}


def test_w2_android_month_first_12h_with_narrow_no_break_space(tmp_path):
    result = parse_text(tmp_path, (
        f"1/15/24, 9:40{NNBSP}PM - Ken: see you tomorrow\n"
        f"1/16/24, 12:05{NNBSP}AM - Ken: still up?\n"
        f"1/16/24, 12:30{NNBSP}PM - Aiko: {LRM}VID-20240116-WA0002.mp4 (file attached)\n"
        f"1/16/24, 1:02{NNBSP}PM - Aiko: {LRM}Missed video call\n"
    ))
    assert rows(result) == [
        ("message", "2024-01-15T21:40:00" + JST, f"1/15/24, 9:40{NNBSP}PM", "Ken", "see you tomorrow", 1, {}),
        ("message", "2024-01-16T00:05:00" + JST, f"1/16/24, 12:05{NNBSP}AM", "Ken", "still up?", 2, {}),
        ("media", "2024-01-16T12:30:00" + JST, f"1/16/24, 12:30{NNBSP}PM", "Aiko", "VID-20240116-WA0002.mp4 (file attached)",
         3, {"media": "video", "attachment": "VID-20240116-WA0002.mp4"}),
        ("call", "2024-01-16T13:02:00" + JST, f"1/16/24, 1:02{NNBSP}PM", "Aiko", "Missed video call", 4, {"call": "video"}),
    ]
    assert result.info["date_order"] == "mdy" and result.info["clock"] == "12h"


def test_w3_android_german_dotted_dates(tmp_path):
    result = parse_text(tmp_path, (
        "15.01.24, 21:40 - Ken: Hallo\n"
        "15.01.24, 21:41 - Ken: <Medien ausgeschlossen>\n"
        f"15.01.24, 21:42 - Aiko: {LRM}PTT-20240115-WA0003.opus (Datei angehängt)\n"
        "15.01.24, 21:43 - Du hast Mika hinzugefügt.\n"
    ))
    assert rows(result) == [
        ("message", "2024-01-15T21:40:00" + JST, "15.01.24, 21:40", "Ken", "Hallo", 1, {}),
        ("media", "2024-01-15T21:41:00" + JST, "15.01.24, 21:41", "Ken", "<Medien ausgeschlossen>", 2,
         {"media": "unknown", "omitted": True}),
        ("media", "2024-01-15T21:42:00" + JST, "15.01.24, 21:42", "Aiko", "PTT-20240115-WA0003.opus (Datei angehängt)",
         3, {"media": "voice", "attachment": "PTT-20240115-WA0003.opus"}),
        ("system", "2024-01-15T21:43:00" + JST, "15.01.24, 21:43", None, "Du hast Mika hinzugefügt.", 4, {}),
    ]


@pytest.mark.parametrize("header, time", [
    ("2024-01-15, 9:40 p.m. - ", "2024-01-15T21:40:00"),
    ("2024-01-15, 12:10 a.m. - ", "2024-01-15T00:10:00"),
    ("2024/01/15, 21:40 - ", "2024-01-15T21:40:00"),
    ("2024/01/15 21:40 - ", "2024-01-15T21:40:00"),  # the expected Japanese Android shape: no comma
    ("2024/01/15, 9:40 pm - ", "2024-01-15T21:40:00"),
])
def test_w4_android_year_first(tmp_path, header, time):
    result = parse_text(tmp_path, header + "Ken: hello\n")
    assert rows(result) == [("message", time + JST, header[:-3], "Ken", "hello", 1, {})]
    assert (result.info["date_order"], result.info["date_order_by"]) == ("ymd", "values")


def test_w5_android_spanish_12h_with_spaced_meridiem(tmp_path):
    result = parse_text(tmp_path, (
        f"15/1/2024, 9:40 p.{NBSP}m. - Ken: hola\n"
        f"16/1/2024, 12:10 a.{NNBSP}m. - Ken: <Multimedia omitido>\n"
        "16/1/2024, 12:15 p. m. - Aiko: IMG-20240116-WA0004.jpg (archivo adjunto)\n"
    ))
    assert rows(result) == [
        ("message", "2024-01-15T21:40:00" + JST, f"15/1/2024, 9:40 p.{NBSP}m.", "Ken", "hola", 1, {}),
        ("media", "2024-01-16T00:10:00" + JST, f"16/1/2024, 12:10 a.{NNBSP}m.", "Ken", "<Multimedia omitido>", 2,
         {"media": "unknown", "omitted": True}),
        ("media", "2024-01-16T12:15:00" + JST, "16/1/2024, 12:15 p. m.", "Aiko",
         "IMG-20240116-WA0004.jpg (archivo adjunto)", 3, {"media": "image", "attachment": "IMG-20240116-WA0004.jpg"}),
    ]


def test_w6_ios_day_first_24h_with_and_without_comma(tmp_path):
    result = parse_text(tmp_path, (
        f"{LRM}[15/01/2024, 21:40:07] Ken: {LRM}image omitted\n"
        "[15/01/2024 21:40:09] Ken: no comma here\n"
        f"[16/01/2024, 08:00:00] Aiko: {LRM}sticker omitted\n"
    ))
    assert rows(result) == [
        ("media", "2024-01-15T21:40:07" + JST, "15/01/2024, 21:40:07", "Ken", "image omitted", 1,
         {"media": "image", "omitted": True}),
        ("message", "2024-01-15T21:40:09" + JST, "15/01/2024 21:40:09", "Ken", "no comma here", 2, {}),
        ("media", "2024-01-16T08:00:00" + JST, "16/01/2024, 08:00:00", "Aiko", "sticker omitted", 3,
         {"media": "sticker", "omitted": True}),
    ]
    assert (result.variant, result.info["platform"], result.info["clock"]) == ("whatsapp-ios", "ios", "24h")


def test_w7_ios_month_first_12h_fixture():
    path = FIXTURES / "ios_en_us_12h_nnbsp.txt"
    result = whatsapp.parse(path)
    assert_invariant(result, path.read_bytes())
    def t(clock: str) -> str:  # the narrow no-break space before AM/PM
        return clock + NNBSP

    assert rows(result) == [
        ("system", "2024-01-15T21:40:07" + JST, f"1/15/24, {t('9:40:07')}PM", "Ken Suzuki",
         ENCRYPTED, 1, {}),
        ("media", "2024-01-15T21:41:00" + JST, f"1/15/24, {t('9:41:00')}PM", "Aiko Tanaka",
         f"Here is the receipt {LRM}<attached: 00000012-PHOTO-2024-01-15-21-41-00.jpg>", 2,
         {"media": "image", "attachment": "00000012-PHOTO-2024-01-15-21-41-00.jpg"}),
        ("media", "2024-01-15T21:41:30" + JST, f"1/15/24, {t('9:41:30')}PM", "Ken Suzuki", "image omitted", 3,
         {"media": "image", "omitted": True}),
        ("deleted", "2024-01-15T23:59:59" + JST, f"1/15/24, {t('11:59:59')}PM", "Ken Suzuki",
         "This message was deleted.", 4, {}),
        ("message", "2024-01-16T00:00:01" + JST, f"1/16/24, {t('12:00:01')}AM", "Aiko Tanaka",
         f"Send the money by noon {LRM}<This message was edited>", 5, {"edited": True}),
        ("message", "2024-01-16T12:30:00" + JST, f"1/16/24, {t('12:30:00')}PM", f"~{NNBSP}Mika",
         f"who is this?\nsecond line\n{LRM}third line with a mark", 6, {}),
        ("media", "2024-01-16T12:31:00" + JST, f"1/16/24, {t('12:31:00')}PM", "Ken Suzuki",
         "<attached: 00000013-Contract.pdf>", 9, {"media": "document", "attachment": "00000013-Contract.pdf"}),
        ("call", "2024-01-16T12:32:00" + JST, f"1/16/24, {t('12:32:00')}PM", "Aiko Tanaka", "Missed voice call", 10,
         {"call": "voice"}),
        ("deleted", "2024-01-16T12:33:00" + JST, f"1/16/24, {t('12:33:00')}PM", "Ken Suzuki",
         "You deleted this message.", 11, {}),
    ]
    assert result.records[0].raw[0].startswith("[1/15/24")  # the file's BOM is the encoding's, not a line's
    assert result.encoding == "utf-8-sig"
    assert result.records[7].raw == [f"{BOM}[1/16/24, 12:32:00{NNBSP}PM] Aiko Tanaka: {LRM}Missed voice call"]
    assert result.info == {"date_order": "mdy", "date_order_by": "values", "platform": "ios", "clock": "12h",
                           "out_of_order": 0}


def test_w8_ios_german(tmp_path):
    result = parse_text(tmp_path, (
        f"[15.01.24, 21:40:07] Ken: {LRM}<Anhang: 00000020-PHOTO-2024-01-15-21-40-07.jpg>\n"
        f"[15.01.24, 21:40:09] Aiko: {LRM}Bild weggelassen\n"
        "[15.01.24, 21:41:00] Aiko: Diese Nachricht wurde gelöscht.\n"
    ))
    assert rows(result) == [
        ("media", "2024-01-15T21:40:07" + JST, "15.01.24, 21:40:07", "Ken",
         "<Anhang: 00000020-PHOTO-2024-01-15-21-40-07.jpg>", 1,
         {"media": "image", "attachment": "00000020-PHOTO-2024-01-15-21-40-07.jpg"}),
        ("media", "2024-01-15T21:40:09" + JST, "15.01.24, 21:40:09", "Aiko", "Bild weggelassen", 2,
         {"media": "image", "omitted": True}),
        ("deleted", "2024-01-15T21:41:00" + JST, "15.01.24, 21:41:00", "Aiko", "Diese Nachricht wurde gelöscht.", 3, {}),
    ]


def test_w9_ios_year_first_and_japanese_text_kept_exactly(tmp_path):
    exact = "ＡＢＣ１２３　ｶﾀｶﾅ ① ㍻ ～ \"引用\" 'x'\tタブ"
    result = parse_text(tmp_path, f"[2024/1/15 21:40:07] 鈴木 健: {exact}\n[2024/1/15 21:41:00] 佐藤: 了解\n")
    assert rows(result) == [
        ("message", "2024-01-15T21:40:07" + JST, "2024/1/15 21:40:07", "鈴木 健", exact, 1, {}),
        ("message", "2024-01-15T21:41:00" + JST, "2024/1/15 21:41:00", "佐藤", "了解", 2, {}),
    ]


def test_w9_japanese_meridiem_before_the_time_fixture():
    path = FIXTURES / "ios_ja_12h_prefix.txt"
    result = whatsapp.parse(path)
    assert_invariant(result, path.read_bytes())
    assert rows(result) == [
        ("message", "2024-01-15T21:40:07" + JST, "2024/01/15 午後9:40:07", "佐藤 美咲", "こんばんは", 1, {}),
        ("message", "2024-01-16T00:05:00" + JST, "2024/01/16 午前12:05:00", "鈴木 健", "まだ起きてる？", 2, {}),
        ("message", "2024-01-16T09:00:00" + JST, "2024/01/16 午前9:00:00", "佐藤 美咲", "おはよう", 3, {}),
    ]
    assert result.info["clock"] == "12h"


@pytest.mark.parametrize("line, time, time_raw", [
    ("6/23/17, 12:29:34 PM: Ken: hi", "2017-06-23T12:29:34", "6/23/17, 12:29:34 PM"),
    ("2016-06-27, 8:04:08 AM: Ken: hi", "2016-06-27T08:04:08", "2016-06-27, 8:04:08 AM"),
    ("13.06.18 21.25.15: Ken: hi", "2018-06-13T21:25:15", "13.06.18 21.25.15"),
])
def test_w10_legacy_colon_after_the_time(tmp_path, line, time, time_raw):
    result = parse_text(tmp_path, line + "\n")
    assert rows(result) == [("message", time + JST, time_raw, "Ken", "hi", 1, {})]
    assert (result.variant, result.info["platform"]) == ("whatsapp-legacy", "unknown")


def test_w10_legacy_2014_with_bom_and_cr_cr_lf_fixture():
    path = FIXTURES / "legacy_2014_colon_bom_crcrlf.txt"
    with pytest.raises(EvidenceKitError) as err:
        whatsapp.parse(path)  # 02/09/14 and 03/09/14: both readings are possible
    assert (err.value.code, err.value.params) == ("date_order_ambiguous", {"path": path})
    result = whatsapp.parse(path, date_order="dmy")
    assert_invariant(result, path.read_bytes())
    assert rows(result) == [
        ("message", "2014-09-02T20:25:03" + JST, "02/09/14 8:25:03 pm", "Ken", "are you there?", 1, {}),
        ("message", "2014-09-02T20:26:10" + JST, "02/09/14 8:26:10 pm", "Aiko", "yes", 2, {}),
        ("message", "2014-09-03T00:05:00" + JST, "03/09/14 12:05:00 am", "Ken", "good night", 3, {}),
    ]
    assert (result.encoding, result.info["date_order"], result.info["date_order_by"]) == ("utf-8-sig", "dmy", "given")
    assert whatsapp.parse(path, date_order="mdy").records[0].time == "2014-02-09T20:25:03" + JST


@pytest.mark.parametrize("line, time, time_raw", [
    ("13.6.2018 klo 21.25.15 - Ken: moi", "2018-06-13T21:25:15", "13.6.2018 klo 21.25.15"),  # fi
    ("13. 6. 2018. 21:25:15 Ken: bok", "2018-06-13T21:25:15", "13. 6. 2018. 21:25:15"),  # hr
    ("30/08/25 18.00 - Ken: halo", "2025-08-30T18:00:00", "30/08/25 18.00"),  # id
    ("26/09/2019 à 22:39 - Ken: salut", "2019-09-26T22:39:00", "26/09/2019 à 22:39"),  # fr Android
    ("[15-01-24 21:40:07] Ken: hoi", "2024-01-15T21:40:07", "15-01-24 21:40:07"),  # nl iOS
])
def test_w11_locale_oddities(tmp_path, line, time, time_raw):
    result = parse_text(tmp_path, line + "\n")
    assert rows(result) == [("message", time + JST, time_raw, "Ken", line.rsplit(": ", 1)[1], 1, {})]


# ---- day/month order --------------------------------------------------------------------------


def test_order_decided_by_dates_that_never_go_backwards(tmp_path):
    content = "05/03/24, 10:00 - Ken: a\n06/03/24, 10:00 - Ken: b\n01/04/24, 10:00 - Ken: c\n"
    result = parse_text(tmp_path, content)  # day first: 5 Mar, 6 Mar, 1 Apr; month first: May, Jun, Jan
    assert (result.info["date_order"], result.info["date_order_by"]) == ("dmy", "order")
    assert [r.time for r in result.records] == ["2024-03-05T10:00:00+09:00", "2024-03-06T10:00:00+09:00",
                                                "2024-04-01T10:00:00+09:00"]


def test_ambiguous_order_is_asked_never_guessed(tmp_path):
    content = "01/02/24, 10:00 - Ken: a\n01/03/24, 10:00 - Ken: b\n"
    (tmp_path / "chat.txt").write_text(content, encoding="utf-8")
    with pytest.raises(EvidenceKitError) as err:
        whatsapp.parse(tmp_path / "chat.txt")
    assert err.value.code == "date_order_ambiguous"
    assert [r.time for r in parse_text(tmp_path, content, date_order="dmy").records] == [
        "2024-02-01T10:00:00+09:00", "2024-03-01T10:00:00+09:00"]
    mdy = parse_text(tmp_path, content, date_order="mdy")
    assert [r.time for r in mdy.records] == ["2024-01-02T10:00:00+09:00", "2024-01-03T10:00:00+09:00"]
    assert (mdy.info["date_order"], mdy.info["date_order_by"]) == ("mdy", "given")


def test_contradicting_values_are_ambiguous(tmp_path):
    content = "13/01/24, 10:00 - Ken: a\n01/14/24, 10:00 - Ken: b\n"
    with pytest.raises(EvidenceKitError) as err:
        parse_text(tmp_path, content)
    assert err.value.code == "date_order_ambiguous"
    forced = parse_text(tmp_path, content, date_order="dmy")  # the line that cannot be dmy is flagged
    assert [r.time for r in forced.records] == ["2024-01-13T10:00:00+09:00", None]
    assert warned(forced) == [(2, "whatsapp_time_invalid")]


def test_forced_order_wins_over_values(tmp_path):
    result = parse_text(tmp_path, "1/15/24, 10:00 - Ken: a\n", date_order="dmy")
    assert result.records[0].time is None and warned(result) == [(1, "whatsapp_time_invalid")]


def test_bad_date_order_argument(tmp_path):
    (tmp_path / "c.txt").write_text("1/15/24, 10:00 - Ken: a\n")
    with pytest.raises(ValueError):
        whatsapp.parse(tmp_path / "c.txt", date_order="ymd")


# ---- special cases ----------------------------------------------------------------------------


def test_impossible_times_are_kept_flagged_and_do_not_stop_the_file(tmp_path):
    result = parse_text(tmp_path, (
        "1/29/18, 11:59 PM - Bob: ok\n"
        "1/29/18, 23:59 PM - Bob: an impossible time\n"
        "1/30/18, 00:04 AM - Bob: zero hour with AM\n"
        "1/30/18, 0:10 PM - Bob: zero hour with PM\n"
        "2/30/18, 1:00 PM - Bob: no such day\n"
        "1/30/18, 12:00 PM - Bob: noon\n"
    ))
    assert [(r.time, r.time_raw, r.text) for r in result.records] == [
        ("2018-01-29T23:59:00+09:00", "1/29/18, 11:59 PM", "ok"),
        (None, "1/29/18, 23:59 PM", "an impossible time"),
        ("2018-01-30T00:04:00+09:00", "1/30/18, 00:04 AM", "zero hour with AM"),
        (None, "1/30/18, 0:10 PM", "zero hour with PM"),
        (None, "2/30/18, 1:00 PM", "no such day"),
        ("2018-01-30T12:00:00+09:00", "1/30/18, 12:00 PM", "noon"),
    ]
    assert warned(result) == [(2, "whatsapp_time_invalid"), (4, "whatsapp_time_invalid"), (5, "whatsapp_time_invalid")]


def test_lines_before_the_first_message_and_blank_lines_at_the_end(tmp_path):
    result = parse_text(tmp_path, "\nExported by my phone\n15/01/2024, 21:40 - Ken: hi\n\nthere\n\n\n")
    assert [(r.type, r.line, r.end_line, r.text) for r in result.records] == [
        ("blank", 1, 1, None), ("unparsed", 2, 2, None), ("message", 3, 5, "hi\n\nthere"),
        ("blank", 6, 6, None), ("blank", 7, 7, None)]
    assert warned(result) == [(2, "whatsapp_unparsed")]
    assert result.warnings[0].raw == "Exported by my phone"


def test_a_dated_line_of_another_shape_continues_the_message_with_a_warning(tmp_path):
    result = parse_text(tmp_path, (
        "15/01/2024, 21:40 - Ken: the log says\n"
        "[15/01/2024, 21:39:00] Aiko: pay now\n"
        "2024-01-15 21:38:00 server time\n"
        "15/01/2024, 21:41 - Aiko: ok\n"
    ))
    assert [(r.type, r.line, r.end_line, r.sender, r.text) for r in result.records] == [
        ("message", 1, 3, "Ken", "the log says\n[15/01/2024, 21:39:00] Aiko: pay now\n2024-01-15 21:38:00 server time"),
        ("message", 4, 4, "Aiko", "ok")]
    assert warned(result) == [(2, "whatsapp_header_like"), (3, "whatsapp_header_like")]


def test_stray_byte_order_marks_at_line_starts_and_inside_text(tmp_path):
    result = parse_text(tmp_path, (
        "15.01.24, 21:40 - Ken: one\n"
        f"{BOM}15.01.24, 21:41 - Ken: two{BOM}!\n"
        f"{BOM}{BOM}15.01.24, 21:42 - Ken: three\n"
    ))
    assert [(r.time, r.time_raw, r.sender, r.text, r.line) for r in result.records] == [
        ("2024-01-15T21:40:00+09:00", "15.01.24, 21:40", "Ken", "one", 1),
        ("2024-01-15T21:41:00+09:00", "15.01.24, 21:41", "Ken", f"two{BOM}!", 2),
        ("2024-01-15T21:42:00+09:00", "15.01.24, 21:42", "Ken", "three", 3),
    ]
    assert result.records[2].raw == [f"{BOM}{BOM}15.01.24, 21:42 - Ken: three"]


def test_bom_inside_ios_brackets(tmp_path):
    result = parse_text(tmp_path, f"[{BOM}29.01.18, 12:26:03] Dave: Test\n{BOM}{BOM}[29.01.18, 12:27:03] Du hast Bob hinzugefügt.\n")
    assert rows(result) == [
        ("message", "2018-01-29T12:26:03" + JST, "29.01.18, 12:26:03", "Dave", "Test", 1, {}),
        ("system", "2018-01-29T12:27:03" + JST, "29.01.18, 12:27:03", None, "Du hast Bob hinzugefügt.", 2, {}),
    ]


def test_line_breaks_cr_lf_and_cr_cr_lf(tmp_path):
    crlf = parse_text(tmp_path, b"15/01/2024, 21:40 - Ken: a\r\nb\r\n15/01/2024, 21:41 - Ken: c\r\n")
    assert [(r.text, r.raw) for r in crlf.records] == [("a\nb", ["15/01/2024, 21:40 - Ken: a", "b"]),
                                                       ("c", ["15/01/2024, 21:41 - Ken: c"])]
    crcrlf = parse_text(tmp_path, b"15/01/2024, 21:40 - Ken: a\r\r\nb\r\r\n")
    assert [(r.text, r.line, r.end_line) for r in crcrlf.records] == [("a\nb", 1, 2)]


def test_sender_names_with_colons_phone_numbers_and_view_once(tmp_path):
    phone = "\u202a+81 90-1234-5678\u202c"
    result = parse_text(tmp_path, (
        "15/01/2024, 21:40 - Dr. Who: Part 2: the plan\n"
        f"15/01/2024, 21:41 - {phone}: もしもし\n"
        "15/01/2024, 21:42 - Carol:\n"
        "15/01/2024, 21:43 - John Doe:.\n"
        "15/01/2024, 21:44 - John Doe: \n"
        "15/01/2024, 21:45 - Aiko: location: https://maps.google.com/?q=35.68,139.76\n"
        "15/01/2024, 21:46 - Aiko: live location shared\n"
    ))
    assert [(r.type, r.sender, r.text, r.attrs) for r in result.records] == [
        ("message", "Dr. Who", "Part 2: the plan", {}),
        ("message", phone, "もしもし", {}),  # the direction marks around a number stay in the sender
        ("message", "Carol", "", {}),
        ("message", "John Doe", ".", {}),
        ("message", "John Doe", "", {}),
        ("message", "Aiko", "location: https://maps.google.com/?q=35.68,139.76", {
            "location": "https://maps.google.com/?q=35.68,139.76"}),
        ("message", "Aiko", "live location shared", {"location": "live"}),
    ]


def test_media_forms_and_presence_outside_a_zip(tmp_path):
    result = parse_text(tmp_path, (
        f"[15/01/2015, 21:40:07] Ken: 2015-08-04-PHOTO-00004762.jpg <{LRM}attached>\n"
        f"[15/01/2015, 21:40:08] Ken: {LRM}<attached: 00000004-Ken.vcf>\n"
        f"[15/01/2015, 21:40:09] Ken: {LRM}Plan.pdf • {LRM}3 pages {LRM}document omitted\n"
        f"[15/01/2015, 21:40:10] Ken: {LRM}Contact card omitted\n"
        f"[15/01/2015, 21:40:11] Ken: {LRM}GIF omitted\n"
        "[15/01/2015, 21:40:12] Ken: < attached: 00000042-VIDEO-2020-06-07-15-13-20.mp4 >\n"
    ))
    assert [(r.type, r.attrs) for r in result.records] == [
        ("media", {"media": "image", "attachment": "2015-08-04-PHOTO-00004762.jpg"}),
        ("media", {"media": "contact", "attachment": "00000004-Ken.vcf"}),
        ("media", {"media": "document", "omitted": True}),
        ("media", {"media": "contact", "omitted": True}),
        ("media", {"media": "gif", "omitted": True}),
        ("media", {"media": "video", "attachment": "00000042-VIDEO-2020-06-07-15-13-20.mp4"}),
    ]


def test_android_japanese_fixture_keeps_every_character():
    path = FIXTURES / "android_ja_24h_crlf.txt"
    result = whatsapp.parse(path)
    assert_invariant(result, path.read_bytes())
    assert rows(result) == [
        ("system", "2024-01-15T21:40:00" + JST, "2024/01/15 21:40", None,
         ("メッセージと通話はエンドツーエンドで暗号化されています。このチャットの参加者以外は、WhatsApp であっても、"
          "メッセージを読んだり、通話を聞いたりすることはできません。"), 1, {}),
        ("message", "2024-01-15T21:40:00" + JST, "2024/01/15 21:40", "佐藤 美咲", "今日はありがとう！ＡＢＣ１２３\u3000ｶﾀｶﾅ ① ㍻ ～",
         2, {}),
        ("message", "2024-01-15T21:41:00" + JST, "2024/01/15 21:41", "鈴木 健",
         "振込先は\n三井住友銀行\t普通 1234567\n\n\"明日払う\" と言っていました", 3, {}),
        ("media", "2024-01-15T21:42:00" + JST, "2024/01/15 21:42", "佐藤 美咲", "<メディアは含まれていません>", 7,
         {"media": "unknown", "omitted": True}),
        ("message", "2024-01-16T08:05:00" + JST, "2024/01/16 08:05", "鈴木 健", "2024/01/16 08:00 に送ったはず", 8, {}),
        ("message", "2024-01-16T08:06:00" + JST, "2024/01/16 08:06", "佐藤 美咲", "URL: https://example.com/a?b=1", 9, {}),
    ]
    assert result.records[2].end_line == 6


def test_shift_jis_fixture():
    path = FIXTURES / "android_ja_cp932.txt"
    result = whatsapp.parse(path)
    assert_invariant(result, path.read_bytes())
    assert result.encoding == "cp932"
    assert [(r.sender, r.text) for r in result.records] == [("佐藤 美咲", "おはようございます"),
                                                           ("鈴木 健", "①番の件、承知しました～")]


def test_utf16_and_other_zones(tmp_path):
    data = "\ufeff15/01/2024, 21:40 - Ken: hi\n".encode("utf-16-le")
    result = parse_text(tmp_path, data)
    assert (result.encoding, result.records[0].time) == ("utf-16", "2024-01-15T21:40:00+09:00")
    utc = parse_text(tmp_path, "15/01/2024, 21:40 - Ken: hi\n", zone="UTC")
    assert utc.records[0].time == "2024-01-15T21:40:00+00:00"


def test_a_file_without_any_message(tmp_path):
    result = parse_text(tmp_path, "just some notes\n\nnothing else\n")
    assert [r.type for r in result.records] == ["unparsed", "blank", "unparsed"]
    assert warned(result) == [(1, "whatsapp_unparsed"), (3, "whatsapp_unparsed")]
    assert result.variant == "whatsapp-unrecognised"
    assert result.info == {"date_order": None, "date_order_by": None, "platform": "unknown", "clock": None,
                           "out_of_order": 0}
    assert parse_text(tmp_path, b"").records == []


def test_not_text(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x80\x81\xff\xfe\x00\x85")
    with pytest.raises(EvidenceKitError) as err:
        whatsapp.parse(tmp_path / "x.txt")
    assert err.value.code == "whatsapp_not_text"


# ---- zip exports ------------------------------------------------------------------------------


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_ios_zip_with_media_links_attachments(tmp_path):
    chat = (FIXTURES / "ios_en_us_12h_nnbsp.txt").read_bytes()
    z_path = write_zip(tmp_path / "WhatsApp Chat - Ken Suzuki.zip", {
        "_chat.txt": chat, "00000012-PHOTO-2024-01-15-21-41-00.jpg": b"\xff\xd8\xff" + bytes(100)})
    assert whatsapp.sniff(z_path, z_path.read_bytes()[:65536]) > 0.5
    result = whatsapp.parse(z_path)
    assert_invariant(result, chat)
    assert result.info["chat_member"] == "_chat.txt"
    assert result.info["members"] == [{"name": "00000012-PHOTO-2024-01-15-21-41-00.jpg", "size": 103}]
    media = [(r.line, r.attrs) for r in result.records if r.type == "media"]
    assert media == [
        (2, {"media": "image", "attachment": "00000012-PHOTO-2024-01-15-21-41-00.jpg", "attachment_present": True}),
        (3, {"media": "image", "omitted": True}),
        (9, {"media": "document", "attachment": "00000013-Contract.pdf", "attachment_present": False}),
    ]
    assert result.encoding == "utf-8-sig" and result.info["platform"] == "ios"


def test_android_zip_without_media(tmp_path):
    chat = (FIXTURES / "android_ja_24h_crlf.txt").read_bytes()
    z_path = write_zip(tmp_path / "export.zip", {"WhatsApp Chat with 佐藤 美咲.txt": chat})
    result = whatsapp.parse(z_path)
    assert_invariant(result, chat)
    assert (result.info["chat_member"], result.info["members"]) == ("WhatsApp Chat with 佐藤 美咲.txt", [])
    assert rows(result) == rows(whatsapp.parse(FIXTURES / "android_ja_24h_crlf.txt"))


def test_zip_chat_in_a_folder_and_found_by_content(tmp_path):
    chat = b"15/01/2024, 21:40 - Ken: IMG-20240115-WA0001.jpg (file attached)\n"
    nested = write_zip(tmp_path / "n.zip", {"WhatsApp Chat - Ken/_chat.txt": chat,
                                            "WhatsApp Chat - Ken/IMG-20240115-WA0001.jpg": b"x"})
    result = whatsapp.parse(nested)
    assert result.info["chat_member"] == "WhatsApp Chat - Ken/_chat.txt"
    assert result.records[0].attrs["attachment_present"] is True
    by_content = write_zip(tmp_path / "c.zip", {"notes.txt": b"shopping list\n", "Chat mit Ken.txt": chat})
    assert whatsapp.parse(by_content).info["chat_member"] == "Chat mit Ken.txt"


def test_zip_without_a_chat(tmp_path):
    z_path = write_zip(tmp_path / "photos.zip", {"a.jpg": b"x", "notes.txt": b"hello\n"})
    assert whatsapp.sniff(z_path, z_path.read_bytes()[:64]) == 0.0
    with pytest.raises(EvidenceKitError) as err:
        whatsapp.parse(z_path)
    assert err.value.code == "whatsapp_zip_no_chat"


def test_unsafe_zips_are_refused_before_reading(tmp_path):
    chat = b"15/01/2024, 21:40 - Ken: hi\n"
    cases = {
        "zip_path_traversal": {"_chat.txt": chat, "../evil.txt": b"x"},
        "zip_absolute_path": {"_chat.txt": chat, "/etc/evil": b"x"},
        "zip_ratio": {"_chat.txt": chat, "zeros.bin": bytes(8 * 1024 * 1024)},
    }
    for code, members in cases.items():
        z_path = tmp_path / f"{code}.zip"
        with zipfile.ZipFile(z_path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                info = zipfile.ZipInfo("x")
                info.filename = name  # keep a leading "/" that ZipInfo() would strip
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        assert whatsapp.sniff(z_path, z_path.read_bytes()[:65536]) == 0.0
        with pytest.raises(EvidenceKitError) as err:
            whatsapp.parse(z_path)
        assert err.value.code == code
    assert not (tmp_path.parent / "evil.txt").exists()


# ---- sniff ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_sniff_claims_every_fixture(name):
    path = FIXTURES / name
    assert whatsapp.sniff(path, path.read_bytes()[:65536]) > 0.5


@pytest.mark.parametrize("content", [
    "[LINE] 佐藤 美咲とのトーク履歴\n保存日時：2024/02/01 21:15\n\n2024/01/15(月)\n09:02\t佐藤 美咲\tおはよう\n",
    "[LINE] Chat history with Ken\nSaved on: 2024/02/01, 21:15\n\nMon, 01/15/2024\n9:02 AM\tKen\tHi\n",
    "2024.01.15 月曜日\n09:02 佐藤 美咲 おはよう\n09:05 鈴木 健 今日は\n",
    "date,time,amount\n2024-01-15,21:40,5000\n2024-01-16,09:00,1200\n",
    "Meeting notes\n2024/01/15 21:40 we talked about the rent\nnothing else\n",
    "",
])
def test_sniff_rejects_other_files(tmp_path, content):
    path = tmp_path / "other.txt"
    path.write_text(content, encoding="utf-8")
    assert whatsapp.sniff(path, path.read_bytes()) < 0.5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "cp932"])
def test_sniff_on_a_head_cut_in_the_middle_of_a_character(tmp_path, encoding):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    emoji = "" if encoding == "cp932" else "😀"  # a surrogate pair in UTF-16
    line = f"15/01/2024, 21:40 - 鈴木: こんにちは{emoji}\n".encode(encoding)
    path = tmp_path / "big.txt"
    for shift in range(40):  # the 64 KiB boundary falls on every byte of a line
        data = bom + f"15/01/2024, 21:39 - 鈴木: {'x' * shift}\n".encode(encoding) + line * (65536 // len(line) + 2)
        path.write_bytes(data)
        assert whatsapp.sniff(path, data[:65536]) > 0.9, shift


# ---- messages and robustness ------------------------------------------------------------------


def test_every_code_has_japanese_and_english_texts():
    for code in WARNINGS:
        assert "{line}" in WARNINGS[code]["ja"] and tr("parse." + code, "en", line=7)
    for code in ERRORS:
        for lang in ("ja", "en"):
            assert tr("error." + code, lang, path="x.zip", member="m")


_HEADERISH = st.builds(
    lambda d, sep, t, end, body: f"{d[0]}{sep}{d[1]}{sep}{d[2]}, {t}{end}{body}",
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["24", "2024", "0", "99999"])),
    st.sampled_from(["/", ".", "-"]),
    st.sampled_from(["21:40", "9:40 PM", "12:00\u202fa.m.", "23:59 PM", "午後9:40", "00:00:00", "9.40"]),
    st.sampled_from([" - ", "] ", ": ", " "]),
    st.text(max_size=30),
)
_NOISE = st.text(alphabet=st.sampled_from(list("0123456789/.-:, []APMapm午後\u200e\u202f\u00a0\ufeff\r\nxyz爆\t")),
                 max_size=60)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(_HEADERISH, _NOISE, st.text(max_size=40)), max_size=25),
       order=st.sampled_from([None, "dmy", "mdy"]))
def test_random_text_never_crashes(tmp_path, lines, order):
    data = "\n".join(lines).encode("utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    try:
        result = whatsapp.parse(path, date_order=order)
    except EvidenceKitError as exc:
        assert exc.code == "date_order_ambiguous" and order is None
        return
    assert_invariant(result, data)
    whatsapp.sniff(path, data[:65536])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b)))
def test_random_bytes_as_a_zip_only_give_evidence_kit_errors(tmp_path, data):
    path = tmp_path / "r.zip"
    path.write_bytes(data)
    assert whatsapp.sniff(path, data) == 0.0
    with pytest.raises(EvidenceKitError):
        whatsapp.parse(path)


def test_fast_character_sets_match_for_matching():
    # the parser's shortcuts must agree with text.for_matching over the whole BMP
    dropped = {chr(c) for c in range(0x10000) if not text.for_matching(chr(c))}
    changed = {chr(c) for c in range(0x10000) if text.for_matching(chr(c)) != chr(c)}
    assert whatsapp._dropped_chars() == dropped
    assert {c for c in map(chr, range(0x10000)) if whatsapp._dropped().search(c)} == dropped
    assert {c for c in map(chr, range(0x10000)) if whatsapp._changed().search(c)} == changed


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Tokyo", "America/New_York", "Australia/Lord_Howe"])
def test_fast_clock_equals_local_iso_across_dst(zone):
    from datetime import datetime, timedelta

    clock = whatsapp._Clock(zone)
    for day in (datetime(2024, 3, 31), datetime(2024, 10, 27), datetime(2024, 3, 10), datetime(2024, 11, 3),
                datetime(2024, 4, 7), datetime(2024, 10, 6), datetime(2024, 1, 15), datetime(1887, 12, 31)):
        for minutes in range(0, 24 * 60, 7):
            moment = day + timedelta(minutes=minutes, seconds=minutes % 60)
            key = (str(day.day), str(day.month), str(day.year))
            got = clock.moment(*key, str(moment.hour), f"{moment.minute:02d}", f"{moment.second:02d}", None, None,
                               order="dmy")
            assert got == text.local_iso(moment, zone)


def test_ios_group_events_under_the_chat_name_are_system_lines(tmp_path):
    path = tmp_path / "_chat.txt"
    path.write_text(
        "[15/01/2024, 09:00:00] 週末の旅行: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
        "[15/01/2024, 09:00:05] 週末の旅行: \u200eKen added Aiko\n"
        "[15/01/2024, 09:01:00] Ken: 週末の旅行: the name of the group\n"
        "[15/01/2024, 09:02:00] 週末の旅行: a message someone sent under that name\n",
        encoding="utf-8")
    records = whatsapp.parse(path).records
    assert [(r.type, r.sender, r.text) for r in records] == [
        ("system", "週末の旅行", "Messages and calls are end-to-end encrypted. No one outside of this chat can read them."),
        ("system", "週末の旅行", "Ken added Aiko"),
        ("message", "Ken", "週末の旅行: the name of the group"),
        ("message", "週末の旅行", "a message someone sent under that name"),
    ]


def test_a_less_common_first_shape_gives_way_to_the_most_common_one(tmp_path):
    # the pass expects the first shape it sees; the file's most common shape wins in the end
    path = tmp_path / "chat.txt"
    path.write_text("2024/01/14 10:00 - Ken: note\n"
                    "15/01/2024, 09:00 - Aiko: one\n"
                    "15/01/2024, 09:01 - Ken: two\n", encoding="utf-8")
    result = whatsapp.parse(path)
    assert [(r.type, r.line, r.sender, r.text) for r in result.records] == [
        ("unparsed", 1, None, None), ("message", 2, "Aiko", "one"), ("message", 3, "Ken", "two")]
    assert [(w.line, w.code) for w in result.warnings] == [(1, "whatsapp_unparsed")]
    assert result.variant == "whatsapp-android"


def test_times_before_the_first_telling_date_get_their_day_when_it_comes(tmp_path):
    # 03/01 and 04/01 could be either order until 13/01 says day first
    path = tmp_path / "chat.txt"
    path.write_text("03/01/2024, 09:00 - Ken: a\n04/01/2024, 09:00 - Ken: b\n13/01/2024, 08:00 - Ken: c\n"
                    "12/01/2024, 07:00 - Ken: d\n", encoding="utf-8")
    result = whatsapp.parse(path)
    assert [r.time for r in result.records] == [
        "2024-01-03T09:00:00+09:00", "2024-01-04T09:00:00+09:00", "2024-01-13T08:00:00+09:00",
        "2024-01-12T07:00:00+09:00"]
    assert result.info["date_order"] == "dmy" and result.info["out_of_order"] == 1


def test_times_of_a_file_whose_dates_never_tell_the_order(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("01/02/2024, 09:00 - Ken: a\n01/03/2024, 09:00 - Ken: b\n", encoding="utf-8")
    result = whatsapp.parse(path, date_order="mdy")
    assert [r.time for r in result.records] == ["2024-01-02T09:00:00+09:00", "2024-01-03T09:00:00+09:00"]
    with pytest.raises(EvidenceKitError):  # 1 Feb -> 1 Mar or 2 Jan -> 3 Jan: both never go backwards
        whatsapp.parse(path)


def test_an_impossible_day_read_before_the_order_is_known_is_flagged(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("31/02/2024, 09:00 - Ken: a\n13/01/2024, 09:00 - Ken: b\n", encoding="utf-8")
    result = whatsapp.parse(path)
    assert [r.time for r in result.records] == [None, "2024-01-13T09:00:00+09:00"]
    assert [(w.line, w.code) for w in result.warnings] == [(1, "whatsapp_time_invalid")]


def test_marked_lines_are_found_with_any_line_break(tmp_path):
    for brk in ("\n", "\r\n", "\r"):
        path = tmp_path / "chat.txt"
        path.write_bytes(brk.join(["15/01/2024, 09:00 - Ken: a", f"{LRM}15/01/2024, 09:01 - Ken: b",
                                   f"15/01/2024, 09:02 - {LRM}Ken: c", "15/01/2024, 09:03 - Ken: d"]).encode())
        records = whatsapp.parse(path).records
        assert [(r.line, r.sender, r.text) for r in records] == [(1, "Ken", "a"), (2, "Ken", "b"), (3, "Ken", "c"),
                                                                  (4, "Ken", "d")]


def test_hour_tables_equal_the_computed_clock():
    clock = whatsapp._Clock("Asia/Tokyo")
    for meridiem, table in ((None, whatsapp._HOURS), ("AM", whatsapp._AM_HOURS), ("PM", whatsapp._PM_HOURS)):
        for h in [str(n) for n in range(100)] + [f"{n:02d}" for n in range(10)]:
            hour = int(h)
            if meridiem:
                ok = hour <= 12 and not (meridiem == "PM" and hour == 0)
                expected = f"{hour % 12 + (12 if meridiem == 'PM' else 0):02d}" if ok else None
            else:
                expected = f"{hour:02d}" if hour <= 23 else None
            assert table.get(h) == expected
            assert clock.hms(h, "05", None, meridiem) == (None if expected is None else f"{expected}:05:00")
    assert clock.hms("０９", "０５", None, None) == "09:05:00"  # other digits are computed


def test_plain_text_shortcut_characters():
    # _classify is skipped for a text whose ends are none of these: they must include every
    # whitespace character (strip) and every character for_matching changes
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    changed = {chr(c) for c in range(0x10000) if text.for_matching(chr(c)) != chr(c)}
    assert spaces | changed <= whatsapp._SPECIAL_FIRST and spaces | changed <= whatsapp._SPECIAL_LAST


def test_split_lines_is_the_same_with_or_without_carriage_returns():
    assert text.split_lines("a\nb\n\nc\n") == ["a", "b", "", "c"]
    assert text.split_lines("a\r\nb\r\r\nc\rd\n") == ["a", "b", "c", "d"]
    assert text.split_lines("") == [] and text.split_lines("\n") == [""]


def test_cycle_collector_is_switched_back_on_only_if_it_was_on():
    import gc

    assert gc.isenabled()
    with text.cycle_collector_paused():
        assert not gc.isenabled()
        with text.cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), text.cycle_collector_paused():
        raise ValueError
    assert gc.isenabled()
