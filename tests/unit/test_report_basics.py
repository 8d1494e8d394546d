"""The report's building blocks: Japan-time dates, and the shipped font embedded in a PDF."""

import shutil
import subprocess
from datetime import date

import pytest

from evidence_kit.report import fonts, jptime


@pytest.mark.parametrize("iso, text", [
    ("2024-05-01", "令和6年5月1日 (2024-05-01)"),
    ("2024-05-01T14:32:05+09:00", "令和6年5月1日 (2024-05-01) 14:32"),
    ("2019-04-30T23:59:59+09:00", "平成31年4月30日 (2019-04-30) 23:59"),
    ("2024-05-01T07:32:05+02:00", "令和6年5月1日 (2024-05-01) 14:32（元の時刻 2024-05-01 07:32 UTC+02:00）"),
    ("2024-04-30T23:10:00+00:00", "令和6年5月1日 (2024-05-01) 08:10（元の時刻 2024-04-30 23:10 UTC）"),
    ("2024-05-01T01:00:00-04:30", "令和6年5月1日 (2024-05-01) 14:30（元の時刻 2024-05-01 01:00 UTC-04:30）"),
    ("2024-05-01T14:32:05", "令和6年5月1日 (2024-05-01) 14:32"),
    (None, "不明"),
    ("", "不明"),
])
def test_format_time(iso, text):
    assert jptime.format_time(iso) == text


def test_utc_text():
    assert jptime.utc_text("2024-06-15T11:18:02+09:00") == "\nUTC 2024-06-15 02:18"
    assert jptime.utc_text("2024-06-15") == jptime.utc_text("2024-06-15T11:18:02") == jptime.utc_text(None) == ""


def test_format_time_with_seconds_and_own_unknown():
    assert jptime.format_time("2024-05-01T14:32:05+09:00", seconds=True) == "令和6年5月1日 (2024-05-01) 14:32:05"
    assert jptime.format_time(None, unknown="unknown") == "unknown"
    assert jptime.format_day(date(2019, 5, 1)) == "令和元年5月1日 (2019-05-01)"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not found")
def test_the_font_is_embedded_and_japanese_text_extracts(tmp_path):
    from reportlab.pdfgen import canvas

    regular, bold = fonts.register()
    assert fonts.register() == (regular, bold) == ("BIZUDGothic", "BIZUDGothic-Bold")
    out = tmp_path / "t.pdf"
    c = canvas.Canvas(str(out), initialFontName=regular)
    c.setFont(regular, 12)
    c.drawString(72, 700, "被害金一覧表 ｶﾌﾞｼｷｶﾞｲｼｬ ①～ 髙﨑")
    c.setFont(bold, 12)
    c.drawString(72, 680, "振込先口座")
    c.save()
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[0].split("+")[1] for line in listing.splitlines()[2:] if line.split()[4] == "yes"]
    assert sorted(embedded) == ["BIZUDGothic-Bold", "BIZUDGothic-Regular"]
    assert "Helvetica" not in listing
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert text.splitlines()[:2] == ["被害金一覧表 ｶﾌﾞｼｷｶﾞｲｼｬ ①～ 髙﨑", "振込先口座"]


def test_evidence_text_as_paragraph_markup():
    from evidence_kit.report import pdf

    assert pdf._xml("a\r\nb\nc") == "a<br/>b<br/>c"  # a Windows line end is a line end, not 〔U+000D〕
    assert pdf._xml("<b>&\x07\tx😀") == "&lt;b&gt;&amp;〔U+0007〕    x〔U+1F600〕"
