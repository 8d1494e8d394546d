"""E-mail importer: every header kept in order and verbatim, decoded copies, the Received chain,
the Date with its own offset, bodies in ISO-2022-JP (also with NEC characters), Shift_JIS and UTF-8
(quoted-printable, base64), HTML-only bodies, attachments, each warning, sniffing and random bytes.
Every message is written here byte by byte."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_kit.i18n.media_messages import WARNINGS
from evidence_kit.importers import email as eml

CHAT_EXPORT = "[LINE] 佐藤 美咲とのトーク履歴\n保存日時：2024/02/01 21:15\n\n2024/01/15(月)\n12:01\t佐藤 美咲\tこんにちは\n"


def word(text: str, charset: str = "ISO-2022-JP") -> str:
    """An RFC 2047 B encoded-word."""
    codec = {"ISO-2022-JP": "iso2022_jp", "UTF-8": "utf-8"}[charset]
    return f"=?{charset}?B?{base64.b64encode(text.encode(codec)).decode()}?="


def message(*lines: str, body: bytes = b"", eol: bytes = b"\r\n") -> bytes:
    return eol.join(line.encode("utf-8") for line in lines) + eol + eol + body


JIS_SUBJECT_1, JIS_SUBJECT_2 = word("【重要】お振込み"), word("のお願い")
JIS_FROM = word("山田 太郎")
JIS_MESSAGE = b"From scam@example.com Mon Jan 15 12:01:05 2024\n" + message(
    "Received: from mx.example.jp (mx.example.jp [192.0.2.1])",
    "\tby mail.example.net with ESMTP id 123; Mon, 15 Jan 2024 12:01:04 +0900",
    "Received: from sender.example.com (sender.example.com [198.51.100.7])  ",
    " by mx.example.jp; Mon, 15 Jan 2024 03:01:03 +0000",
    f"From: {JIS_FROM} <scam@example.com>",
    "To: victim@example.jp",
    f"Subject: {JIS_SUBJECT_1}",
    f" {JIS_SUBJECT_2}",
    "Date: Mon, 15 Jan 2024 12:01:02 +0900 (JST)",
    "Message-ID: <20240115120102.abc@example.com>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=ISO-2022-JP",
    "Content-Transfer-Encoding: 7bit",
    body="お世話になっております。\n下記口座へお振込みください。\n".encode("iso2022_jp"))


def one(name: str, data: bytes, **options):
    result = eml.parse(Path(name), data=data, **options)
    assert result.format == "email" and result.encoding == "binary" and len(result.records) == 1
    r = result.records[0]
    assert (r.type, r.line, r.end_line, r.raw) == ("email", 0, 0, [])
    return r, [(w.code, w.raw) for w in result.warnings]


def test_iso_2022_jp_message_in_mbox_form():
    result = eml.parse(Path("mail.eml"), data=JIS_MESSAGE)
    assert (result.variant, result.warnings) == ("email-mbox", [])
    r = result.records[0]
    received = [("from mx.example.jp (mx.example.jp [192.0.2.1])\tby mail.example.net with ESMTP id 123; "
                 "Mon, 15 Jan 2024 12:01:04 +0900"),
                ("from sender.example.com (sender.example.com [198.51.100.7])   by mx.example.jp; "
                 "Mon, 15 Jan 2024 03:01:03 +0000")]
    headers = [["Received", received[0]], ["Received", received[1]],
               ["From", f"{JIS_FROM} <scam@example.com>"], ["To", "victim@example.jp"],
               ["Subject", f"{JIS_SUBJECT_1} {JIS_SUBJECT_2}"],
               ["Date", "Mon, 15 Jan 2024 12:01:02 +0900 (JST)"],
               ["Message-ID", "<20240115120102.abc@example.com>"], ["MIME-Version", "1.0"],
               ["Content-Type", "text/plain; charset=ISO-2022-JP"], ["Content-Transfer-Encoding", "7bit"]]
    decoded = [list(h) for h in headers]
    decoded[2][1], decoded[4][1] = "山田 太郎 <scam@example.com>", "【重要】お振込みのお願い"
    assert r.attrs == {
        "headers": headers, "headers_decoded": decoded,
        "from": "山田 太郎 <scam@example.com>", "to": "victim@example.jp", "cc": None,
        "subject": "【重要】お振込みのお願い", "message_id": "<20240115120102.abc@example.com>",
        "received": received, "mbox_from": "From scam@example.com Mon Jan 15 12:01:05 2024",
        "time_source": "date-header", "body_from": "text/plain", "attachments": [],
    }
    assert (r.time_raw, r.time) == ("Mon, 15 Jan 2024 12:01:02 +0900 (JST)", "2024-01-15T12:01:02+09:00")
    assert r.sender == "山田 太郎 <scam@example.com>"
    assert r.text == "お世話になっております。\n下記口座へお振込みください。\n"


def test_date_keeps_its_own_offset():
    r, warnings = one("a.eml", message("From: a@example.com", "Date: Sun, 14 Jan 2024 22:01:02 -0500", body=b"x"))
    assert (r.time_raw, r.time, warnings) == ("Sun, 14 Jan 2024 22:01:02 -0500", "2024-01-14T22:01:02-05:00", [])
    assert r.attrs["headers"] == [["From", "a@example.com"], ["Date", "Sun, 14 Jan 2024 22:01:02 -0500"]]


def test_encoded_words_beside_raw_utf8_and_split_across_words():
    split = "=?UTF-8?B?" + base64.b64encode("太".encode() + b"\xe9").decode() + "?="
    split += "\r\n =?utf-8?b?" + base64.b64encode(b"\x83\x8e").decode() + "?="
    r, warnings = one("a.eml", message(f"Subject: 山田 {word('【至急】', 'UTF-8')} 様", f"From: {split} <t@example.jp>",
                                       "To: =?bogus?B?@@@?= <x@example.jp>", "Date: Mon, 15 Jan 2024 12:01:02 +0900"))
    assert r.attrs["subject"] == "山田 【至急】 様"
    assert r.attrs["from"] == "太郎 <t@example.jp>"
    assert r.attrs["to"] == "=?bogus?B?@@@?= <x@example.jp>"  # not decodable: kept as written
    assert r.attrs["headers"][0] == ["Subject", f"山田 {word('【至急】', 'UTF-8')} 様"]
    assert warnings == []


def test_nec_characters_in_iso_2022_jp():
    body = b"\x1b$B-!-j\x1b(B 100\x1b$B1_\x1b(B"  # ①㈱ 100円: NEC row 13 as CP50220 writes it
    r, warnings = one("a.eml", message("Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       "Content-Type: text/plain; charset=iso-2022-jp", body=body))
    assert (r.text, warnings) == ("①㈱ 100円", [])


def test_shift_jis_body_and_quoted_printable_utf8():
    sjis = "振込先：①みずほ銀行".encode("cp932")
    r, warnings = one("a.eml", message("Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       'Content-Type: text/plain; charset="Shift_JIS"', body=sjis))
    assert (r.text, warnings) == ("振込先：①みずほ銀行", [])
    qp = b"=E3=81=93=E3=82=93=E3=81=AB=E3=81=A1=E3=81=AF=\r\n=E3=80=82 ok\r\n"
    r, warnings = one("a.eml", message("Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       "Content-Type: text/plain; charset=utf-8",
                                       "Content-Transfer-Encoding: quoted-printable", body=qp))
    assert (r.text, warnings) == ("こんにちは。 ok\n", [])


BOUNDARY, ALT = "==outer==", "==alt=="
PDF_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 3
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\0" * 50
MULTIPART = message(
    "From: =?UTF-8?B?5L2Q6Jek?= <sato@example.com>",
    "To: victim@example.jp, =?UTF-8?Q?=E5=BC=9F?= <brother@example.jp>",
    "Cc: friend@example.jp",
    f"Subject: {word('請求書の送付', 'UTF-8')}",
    "Date: Tue, 16 Jan 2024 09:30:00 +0900",
    "MIME-Version: 1.0",
    f'Content-Type: multipart/mixed; boundary="{BOUNDARY}"',
    body=(f"preamble\r\n--{BOUNDARY}\r\n"
          f'Content-Type: multipart/alternative; boundary="{ALT}"\r\n\r\n'
          f"--{ALT}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
          f"{base64.b64encode('請求書を添付します。'.encode()).decode()}\r\n"
          f"--{ALT}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>請求書を<b>添付</b>します。</p>\r\n"
          f"--{ALT}--\r\n"
          f"--{BOUNDARY}\r\nContent-Type: application/pdf\r\n"
          f'Content-Disposition: attachment; filename="{word("請求書.pdf")}"\r\n'
          f"Content-Transfer-Encoding: base64\r\n\r\n{base64.b64encode(PDF_BYTES).decode()}\r\n"
          f"--{BOUNDARY}\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
          f"{base64.b64encode(PNG_BYTES).decode()}\r\n"
          f"--{BOUNDARY}\r\nContent-Type: application/octet-stream\r\n"
          f"Content-Disposition: attachment; filename*=UTF-8''%E5%8F%A3%E5%BA%A7.txt\r\n\r\nabc\r\n"
          f"--{BOUNDARY}--\r\n").encode())


def test_multipart_with_alternative_and_attachments():
    r, warnings = one("a.eml", MULTIPART)
    assert warnings == []
    assert (r.attrs["from"], r.attrs["to"], r.attrs["cc"], r.attrs["subject"]) == (
        "佐藤 <sato@example.com>", "victim@example.jp, 弟 <brother@example.jp>", "friend@example.jp", "請求書の送付")
    assert (r.text, r.attrs["body_from"]) == ("請求書を添付します。", "text/plain")
    assert r.attrs["attachments"] == [
        {"name": "請求書.pdf", "type": "application/pdf", "size": len(PDF_BYTES)},
        {"name": None, "type": "image/png", "size": len(PNG_BYTES)},
        {"name": "口座.txt", "type": "application/octet-stream", "size": 3},  # the CRLF before a boundary is not content
    ]
    assert r.time == "2024-01-16T09:30:00+09:00" and r.attrs["received"] == [] and r.attrs["message_id"] is None


def test_html_only_body_has_its_tags_removed():
    html = ("<html><head><style>p {color: red}</style><script>x()</script></head><body>"
            "<p>口座番号は&nbsp;1234567&#12290;</p><div>振込&amp;連絡<br>お願いします</div></body></html>")
    r, warnings = one("a.eml", message("Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       "Content-Type: text/html; charset=utf-8", body=html.encode(), eol=b"\n"))
    assert (r.attrs["body_from"], warnings) == ("text/html-tags-removed", [])
    assert r.text == "口座番号は\u00a01234567。\n\n振込&連絡\nお願いします"
    assert r.attrs["attachments"] == []


def test_attached_email_is_listed_not_read_as_the_body():
    inner = message("From: x@example.com", "Subject: inner", body=b"inner body\r\n")
    data = message("Date: Mon, 15 Jan 2024 12:01:02 +0900", 'Content-Type: multipart/mixed; boundary="b"',
                   body=b"--b\r\nContent-Type: text/plain\r\n\r\nouter body\r\n--b\r\n"
                        b"Content-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--b--\r\n")
    r, _ = one("a.eml", data)
    assert r.text == "outer body"
    assert [(a["name"], a["type"]) for a in r.attrs["attachments"]] == [(None, "message/rfc822")]
    assert r.attrs["attachments"][0]["size"] > 0


def test_warnings():
    r, warnings = one("a.eml", message("From: a@example.com", "Subject: hi", body=b"x"))
    assert (r.time_raw, r.time, warnings) == (None, None, [("email_no_date", "")])
    r, warnings = one("a.eml", message("From: a@example.com", "Date: someday soon", body=b"x"))
    assert (r.time_raw, r.time, warnings) == ("someday soon", None, [("email_bad_date", "someday soon")])
    assert "time_source" not in r.attrs
    r, warnings = one("a.eml", message("From: a@example.com", "Date: Mon, 15 Jan 2024 12:01:02 -0000", body=b"x"))
    assert (r.time, r.attrs["zone"], warnings) == (
        "2024-01-15T12:01:02+09:00", "Asia/Tokyo", [("email_date_no_offset", "Mon, 15 Jan 2024 12:01:02 -0000")])
    r, warnings = one("a.eml", message("Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       "Content-Type: text/plain; charset=x-klingon", body=b"ok \xff"))
    assert (r.text, warnings) == ("ok \ufffd", [("email_charset_unknown", "x-klingon")])
    r, warnings = one("a.eml", message("Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       "Content-Type: text/plain; charset=utf-8", body=b"ok \x82\xa0"))
    assert (r.text, warnings) == ("ok \ufffd\ufffd", [("email_charset_unknown", "utf-8")])
    r, warnings = one("a.eml", b"Subject: \x82\xa0\r\nDate: Mon, 15 Jan 2024 12:01:02 +0900\r\n\r\n")
    assert (r.attrs["subject"], warnings) == ("\ufffd\ufffd", [("email_charset_unknown", "header")])


def test_every_warning_code_has_calm_japanese_and_english():
    emitted = set(re.findall(r'ParseWarning\(0, "(\w+)"', Path(eml.__file__).read_text(encoding="utf-8")))
    assert emitted == {code for code in WARNINGS if code.startswith("email_")}
    for code in emitted:
        assert WARNINGS[code]["ja"] and WARNINGS[code]["en"] and "{" not in WARNINGS[code]["ja"]


def test_lf_only_file_and_data_equals_path(tmp_path):
    path = tmp_path / "mail.eml"
    path.write_bytes(JIS_MESSAGE.replace(b"\r\n", b"\n"))
    result = eml.parse(path)
    assert result == eml.parse(Path("mail.eml"), data=path.read_bytes())
    r = result.records[0]
    assert r.attrs["subject"] == "【重要】お振込みのお願い"
    assert r.text == "お世話になっております。\n下記口座へお振込みください。\n"
    assert r.attrs["headers"][0] == ["Received", ("from mx.example.jp (mx.example.jp [192.0.2.1])\tby mail.example.net "
                                                  "with ESMTP id 123; Mon, 15 Jan 2024 12:01:04 +0900")]


def test_sniff():
    for name, data in [("a.eml", JIS_MESSAGE), ("a.eml", MULTIPART), ("message", MULTIPART)]:
        assert eml.sniff(Path(name), data[:65536]) > 0.5
    assert eml.sniff(Path("a.eml"), MULTIPART) > eml.sniff(Path("a.txt"), MULTIPART)
    others = [("chat.txt", CHAT_EXPORT.encode()), ("chat.txt", b"15/01/2024, 12:01 - Ana: Hi: there\n"),
              ("a.eml", b"Subject: only one header\r\n\r\nbody"), ("a.csv", b"date,amount\n2024-01-15,100\n"),
              ("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), ("a.pdf", b"%PDF-1.4\n1 0 obj\n"),
              ("a.bin", bytes(range(256)))]
    for name, data in others:
        assert eml.sniff(Path(name), data) < 0.5, data


@settings(max_examples=200, deadline=None)
@given(body=st.binary(max_size=600), prefix=st.sampled_from([
    b"", b"From x\n", b"Date: Mon, 15 Jan 2024 12:01:02 +0900\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n",
    b"Subject: =?iso-2022-jp?B?", b"Content-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B"]))
def test_random_bytes_never_crash(prefix, body):
    result = eml.parse(Path("x.eml"), data=prefix + body)
    assert len(result.records) == 1 and result.records[0].type == "email"
    json.dumps([r.to_json() for r in result.records], ensure_ascii=False)  # the index stores it as JSON


@pytest.mark.parametrize("charset", ["undefined", "idna", "base64", "utf-16", "unicode_escape", "x-unknown", '"'])
def test_odd_charset_names_never_crash(charset):
    r, warnings = one("a.eml", message(f"Subject: =?{charset}?B?gqA=?=", "Date: Mon, 15 Jan 2024 12:01:02 +0900",
                                       f"Content-Type: text/plain; charset={charset}", body=b"\\ \x82\xa0"))
    assert isinstance(r.text, str) and isinstance(r.attrs["subject"], str)
    assert {code for code, _ in warnings} <= {"email_charset_unknown"}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Subject", "From", "To", "X-Note"]),
                          st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)), max_size=6))
def test_header_values_come_back_verbatim(fields):
    data = "".join(f"{name}: {value.strip(' ')}\r\n" for name, value in fields).encode() + b"\r\nbody"
    r, _ = one("x.eml", data)
    assert r.attrs["headers"] == [[n, v.strip(" ")] for n, v in fields]


def test_crlf_line_ends_of_the_body_read_as_line_breaks():
    data = (b"From: a@example.com\r\nDate: Tue, 21 May 2024 12:09:28 +0900\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            b"\r\n\xe4\xb8\x80\r\n\r\ntwo\rthree\r\n")
    record = eml.parse(Path("m.eml"), data=data).records[0]
    assert record.text == "一\n\ntwo\rthree\n"  # a lone CR is content, kept
