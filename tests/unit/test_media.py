"""Media importer: the kind and duration of generated WAV, AMR, MP3 and MP4-family files, page
counts and creation dates of hand-written PDFs (plain and with a compressed object stream), damaged
files, sniffing and random bytes. Every file is made here."""

from __future__ import annotations

import io
import json
import re
import struct
import wave
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_kit.i18n.media_messages import WARNINGS
from evidence_kit.importers import media

CHAT_EXPORT = "[LINE] 佐藤 美咲とのトーク履歴\n保存日時：2024/02/01 21:15\n\n2024/01/15(月)\n12:01\t佐藤 美咲\tこんにちは\n"


def wav(frames: int, rate: int = 8000, channels: int = 1) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x01\x00" * frames * channels)
    return out.getvalue()


def amr(frames: int, wide: bool = False) -> bytes:
    """Mode 7 (12.2 kbit/s, 32 bytes) AMR-NB or mode 8 (23.85 kbit/s, 61 bytes) AMR-WB frames."""
    if wide:
        return b"#!AMR-WB\n" + (bytes([8 << 3 | 4]) + b"\0" * 60) * frames
    return b"#!AMR\n" + (bytes([7 << 3 | 4]) + b"\0" * 31) * frames


def mp3(frames: int) -> bytes:
    """MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames of 1152 samples."""
    return (b"\xff\xfb\x90\x00" + b"\0" * 413) * frames


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(handler: bytes, brand: bytes = b"isom", timescale: int = 1000, duration: int = 2500) -> bytes:
    times = b"\0\0\0\0" + struct.pack(">IIII", 0, 0, timescale, duration)
    hdlr = box(b"hdlr", b"\0" * 8 + handler + b"\0" * 13)
    trak = box(b"trak", box(b"mdia", box(b"mdhd", times + b"\0" * 4) + hdlr))
    return (box(b"ftyp", brand + b"\0\0\0\0" + brand + b"mp41") + box(b"moov", box(b"mvhd", times + b"\0" * 80) + trak)
            + box(b"mdat", b"\0" * 16))


def pdf(pages: int, info: bytes | None = b"<< /CreationDate (D:20240115120102+09'00') /Producer (hand) >>") -> bytes:
    """A small valid PDF with a page tree, an xref table and an optional information dictionary."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               info or b"<< >>"] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer_info = b" /Info 3 0 R" if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_info, xref)
    return bytes(out)


def pdf_object_stream(pages: int) -> bytes:
    """A PDF 1.5 whose page tree sits in a FlateDecode object stream (no /Type /Page in plain sight)."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages)).encode()
    inner = [(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))]
    inner += [(4 + i, b"<< /Type /Page /Parent 2 0 R >>") for i in range(pages)]
    offsets, position = [], 0
    for _, body in inner:
        offsets.append(position)
        position += len(body) + 1
    header = b" ".join(b"%d %d" % (n, o) for (n, _), o in zip(inner, offsets)) + b" "
    packed = zlib.compress(header + b" ".join(body for _, body in inner))
    return (b"%%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"3 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\n"
            b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n" % (len(inner), len(header), len(packed), packed))


def one(name: str, data: bytes, **options):
    result = media.parse(Path(name), data=data, **options)
    assert result.format == "media" and result.encoding == "binary" and len(result.records) == 1
    r = result.records[0]
    assert (r.line, r.end_line, r.raw, r.sender, r.text) == (0, 0, [], None, None)
    return r, [w.code for w in result.warnings], result.variant


@pytest.mark.parametrize("data,name,kind,fmt,seconds", [
    (wav(12000), "voice.wav", "audio", "wav", 1.5),
    (wav(44100 * 3 + 4410, rate=44100, channels=2), "rec.wav", "audio", "wav", 3.1),
    (amr(150), "voice.amr", "audio", "amr", 3.0),
    (amr(49, wide=True), "voice.amr", "audio", "amr-wb", 0.98),
    (mp4(b"vide"), "clip.mp4", "video", "mp4", 2.5),
    (mp4(b"vide", b"qt  "), "clip.mov", "video", "mov", 2.5),
    (mp4(b"vide", b"3gp4"), "clip.3gp", "video", "3gp", 2.5),
    (mp4(b"soun", b"M4A ", 8000, 12000), "memo.m4a", "audio", "m4a", 1.5),
    (mp4(b"soun", b"3gp4", 8000, 16000), "voice.3gp", "audio", "3gp", 2.0),  # a voice-only 3GP is audio
])
def test_durations(data, name, kind, fmt, seconds):
    r, warnings, variant = one(name, data)
    assert (r.type, r.attrs, r.time, r.time_raw, warnings) == (
        kind, {"format": fmt, "duration_seconds": seconds}, None, None, [])
    assert variant == f"{kind}-{fmt}"


def test_mp3_duration_is_estimated_by_mutagen():
    r, warnings, _ = one("call.mp3", mp3(100))
    assert (r.type, r.attrs["format"], warnings) == ("audio", "mp3", [])
    assert abs(r.attrs["duration_seconds"] - 100 * 1152 / 44100) < 0.01


def test_formats_without_a_reader_get_no_duration_and_no_warning():
    r, warnings, variant = one("rec.webm", b"\x1aE\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01B\x82\x84webm" + b"\0" * 40)
    assert (r.type, r.attrs, warnings, variant) == ("video", {"format": "webm", "duration_seconds": None}, [],
                                                    "video-webm")


@pytest.mark.parametrize("data,name,kind", [
    (wav(12000)[:60], "cut.wav", "audio"),  # the header still announces 1.5 s: not believed
    (amr(10)[:-5], "cut.amr", "audio"),
    (b"ID3\x03\0\0\0\0\0\0" + b"\0" * 40, "broken.mp3", "audio"),
    (mp4(b"vide")[:60], "cut.mp4", "video"),
    (b"not media at all", "noise.mp3", "audio"),
    (b"not media at all", "noise.bin", "media"),
])
def test_damaged_files(data, name, kind):
    r, warnings, _ = one(name, data)
    assert (r.type, r.attrs.get("duration_seconds"), warnings) == (kind, None, ["media_unreadable"])


def test_pdf_pages_and_creation_date():
    r, warnings, variant = one("report.pdf", pdf(3))
    assert (r.type, variant, warnings) == ("pdf", "pdf", [])
    assert r.attrs == {"format": "pdf", "pages": 3, "time_source": "pdf-info"}
    assert (r.time_raw, r.time) == ("D:20240115120102+09'00'", "2024-01-15T12:01:02+09:00")


@pytest.mark.parametrize("info,time_raw,time,zone", [
    (b"<< /CreationDate (D:20240115030102Z) >>", "D:20240115030102Z", "2024-01-15T03:01:02+00:00", False),
    (b"<< /CreationDate (D:20240115120102-05'30') >>", "D:20240115120102-05'30'", "2024-01-15T12:01:02-05:30", False),
    (b"<< /CreationDate (D:20240115120102) >>", "D:20240115120102", "2024-01-15T12:01:02+09:00", True),
    (b"<< /CreationDate <443A32303234303131353132303130322B303927303027> >>", "D:20240115120102+09'00'",
     "2024-01-15T12:01:02+09:00", False),
    (b"<< /CreationDate (D:2024011) >>", "D:2024011", None, False),
    (None, None, None, False),
])
def test_pdf_dates(info, time_raw, time, zone):
    r, warnings, _ = one("a.pdf", pdf(1, info))
    assert (r.time_raw, r.time, r.attrs["pages"], warnings) == (time_raw, time, 1, [])
    assert ("zone" in r.attrs, r.attrs.get("time_source")) == (zone, "pdf-info" if time else None)


def test_pdf_page_count_reads_the_page_tree_not_stale_objects():
    updated = pdf(2) + b"2 0 obj\n<< /Type /Pages /Kids [4 0 R] /Count 1 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
    assert one("a.pdf", updated)[0].attrs["pages"] == 1  # an incremental update removed a page
    assert one("a.pdf", pdf_object_stream(5))[0].attrs["pages"] == 5
    no_tree = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n<< /Type /Page >>\nendobj\n" % n for n in (1, 2, 2))
    assert one("a.pdf", no_tree)[0].attrs["pages"] == 2  # object 2 redefined: counted once
    r, warnings, _ = one("a.pdf", b"%PDF-1.4\n%% truncated")
    assert (r.attrs, warnings) == ({"format": "pdf", "pages": None}, ["media_unreadable"])


def test_data_gives_the_same_result_as_the_path(tmp_path):
    for name, data in [("a.wav", wav(8000)), ("a.pdf", pdf(2)), ("a.m4a", mp4(b"soun", b"M4A "))]:
        path = tmp_path / name
        path.write_bytes(data)
        assert media.parse(path) == media.parse(Path(name), data=data)


MINE = [("a.wav", wav(100)), ("a.amr", amr(2)), ("a.amr", amr(2, wide=True)), ("a.mp3", mp3(2)),
        ("a.mp3", b"ID3\x04\0\0\0\0\0\0"), ("a.mp4", mp4(b"vide")), ("a.m4a", mp4(b"soun", b"M4A ")),
        ("a.pdf", pdf(1)), ("a.pdf", b"HTTP/1.1 200 OK\r\n\r\n" + pdf(1)), ("a.ogg", b"OggS\0\x02" + b"\0" * 30), ("a.flac", b"fLaC\0\0\0\x22"),
        ("a.webm", b"\x1aE\xdf\xa3\x9fB\x86\x81\x01"), ("a.aac", b"\xff\xf1\x50\x80\x02\x1f\xfc"),
        ("a.mov", b"\0\0\0\x08wide\0\0\0\x10mdat")]


def test_sniff():
    for name, data in MINE:
        assert media.sniff(Path(name), data) > 0.5, name
        assert media.sniff(Path(name), data) > media.sniff(Path("x.bin"), data)
    others = [("chat.txt", CHAT_EXPORT.encode()), ("a.csv", "日付,金額\n2024/01/15,10000\n".encode()),
              ("a.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), ("a.webp", b"RIFF\0\0\0\0WEBPVP8 "),
              ("a.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF"), ("a.png", b"\x89PNG\r\n\x1a\n"),
              ("a.eml", b"From: a@example.jp\r\nTo: b@example.jp\r\n\r\n"), ("a.mp3", b"just text named mp3"),
              ("a.bin", bytes(range(256))), ("a.avif", b"\0\0\0\x1cftypavif\0\0\0\0avifmif1"),
              ("notes.txt", b"see the file %PDF- in the mail")]
    for name, data in others:
        assert media.sniff(Path(name), data) < 0.5, name


def test_every_warning_code_has_calm_japanese_and_english():
    emitted = set(re.findall(r'ParseWarning\(0, "(\w+)"', Path(media.__file__).read_text(encoding="utf-8")))
    assert emitted == {code for code in WARNINGS if code.startswith("media_")}
    for code in emitted:
        assert WARNINGS[code]["ja"] and WARNINGS[code]["en"] and "{" not in WARNINGS[code]["ja"]


@settings(max_examples=200, deadline=None)
@given(prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"ID3\x03", b"RIFF\0\0\0\0WAVE", b"#!AMR\n", b"fLaC", b"OggS",
                               b"\0\0\0\x18ftypisom\0\0\0\0isom", b"\xff\xfb\x90\x00", b"\xff\xf1\x50\x80",
                               b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 2 /First 4 /Filter /FlateDecode >>stream\n"]),
       body=st.binary(max_size=500), name=st.sampled_from(["a.mp3", "a.pdf", "a"]))
def test_random_bytes_never_crash(prefix, body, name):
    result = media.parse(Path(name), data=prefix + body)
    assert len(result.records) == 1
    json.dumps([r.to_json() for r in result.records], ensure_ascii=False)  # the index stores it as JSON
