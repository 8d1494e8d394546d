"""Image importer: size, format, the capture-time chain (EXIF with and without offset, PNG text
chunks, screenshot and photo file names), the LINE and unreadable warnings, thumbnails, sniffing and
random bytes. Every image is made here with Pillow."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from evidence_kit.i18n.media_messages import WARNINGS
from evidence_kit.importers import images

DATETIME, ORIENTATION, EXIF_IFD, SOFTWARE = 0x0132, 0x0112, 0x8769, 0x0131
DATETIME_ORIGINAL, OFFSET_TIME, OFFSET_TIME_ORIGINAL = 0x9003, 0x9010, 0x9011
CHAT_EXPORT = "[LINE] 佐藤 美咲とのトーク履歴\n保存日時：2024/02/01 21:15\n\n2024/01/15(月)\n12:01\t佐藤 美咲\tこんにちは\n"


def exif(original=None, offset_original=None, plain=None, offset=None, orientation=None, software=None) -> bytes:
    ex = Image.Exif()
    sub = ex.get_ifd(EXIF_IFD)
    for ifd, tag, value in ((ex, DATETIME, plain), (ex, ORIENTATION, orientation), (ex, SOFTWARE, software),
                            (sub, DATETIME_ORIGINAL, original),
                            (sub, OFFSET_TIME_ORIGINAL, offset_original), (sub, OFFSET_TIME, offset)):
        if value is not None:
            ifd[tag] = value
    return ex.tobytes()


def image(fmt: str, size=(64, 48), mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 1).save(out, fmt, **save)
    return out.getvalue()


def png_text(chunks: dict) -> bytes:
    info = PngInfo()
    for key, value in chunks.items():
        info.add_itxt(key, value)
    return image("PNG", pnginfo=info)


def one(name: str, data: bytes, **options):
    result = images.parse(Path(name), data=data, **options)
    assert result.format == "image" and result.encoding == "binary" and len(result.records) == 1
    r = result.records[0]
    assert (r.type, r.line, r.end_line, r.raw, r.sender, r.text) == ("image", 0, 0, [], None, None)
    return r, [(w.code, w.raw) for w in result.warnings]


def test_jpeg_exif_original_with_its_own_offset():
    data = image("JPEG", exif=exif("2024:01:15 12:01:02", "-05:00", plain="2024:03:01 09:00:00"))
    r, warnings = one("IMG_0001.JPG", data)
    assert (r.time_raw, r.time) == ("2024:01:15 12:01:02", "2024-01-15T12:01:02-05:00")
    assert r.attrs == {"format": "JPEG", "width": 64, "height": 48, "time_source": "exif-offset",
                       "time_key": "DateTimeOriginal", "time_offset_raw": "-05:00"}
    assert warnings == []


def test_jpeg_exif_original_without_offset_takes_the_assumed_zone():
    data = image("JPEG", exif=exif("2024:01:15 12:01:02", orientation=6))
    r, warnings = one("photo.jpg", data)
    assert (r.time_raw, r.time) == ("2024:01:15 12:01:02", "2024-01-15T12:01:02+09:00")
    assert r.attrs == {"format": "JPEG", "width": 48, "height": 64, "orientation": 6, "time_source": "exif",
                       "time_key": "DateTimeOriginal", "zone": "Asia/Tokyo"}
    r, _ = one("photo.jpg", data, zone="Europe/London")
    assert (r.time, r.attrs["zone"]) == ("2024-01-15T12:01:02+00:00", "Europe/London")
    assert warnings == []


def test_exif_datetime_when_there_is_no_original():
    r, _ = one("photo.jpg", image("JPEG", exif=exif(plain="2024:02:03 04:05:06", offset="+09:00")))
    assert (r.time_raw, r.time, r.attrs["time_source"], r.attrs["time_key"]) == (
        "2024:02:03 04:05:06", "2024-02-03T04:05:06+09:00", "exif-offset", "DateTime")


def test_impossible_exif_time_is_reported_and_the_name_is_used():
    data = image("JPEG", exif=exif("0000:00:00 00:00:00"))
    r, warnings = one("IMG_20240115_120102.jpg", data)
    assert (r.time_raw, r.time, r.attrs["time_source"]) == ("IMG_20240115_120102", "2024-01-15T12:01:02+09:00",
                                                            "file-name")
    assert warnings == [("image_exif_time_invalid", "0000:00:00 00:00:00")]


@pytest.mark.parametrize("fmt,name", [("WEBP", "a.webp"), ("HEIF", "IMG_0001.HEIC"), ("PNG", "a.png")])
def test_exif_in_webp_heic_and_png(fmt, name):
    r, warnings = one(name, image(fmt, size=(40, 30), exif=exif("2024:01:15 12:01:02", "+09:00")))
    assert r.attrs == {"format": fmt, "width": 40, "height": 30, "time_source": "exif-offset",
                       "time_key": "DateTimeOriginal", "time_offset_raw": "+09:00"}
    assert (r.time_raw, r.time, warnings) == ("2024:01:15 12:01:02", "2024-01-15T12:01:02+09:00", [])


@pytest.mark.parametrize("chunks,time_raw,time,key,assumed", [
    ({"Creation Time": "Mon, 15 Jan 2024 12:01:02 +0900"}, "Mon, 15 Jan 2024 12:01:02 +0900",
     "2024-01-15T12:01:02+09:00", "Creation Time", False),
    ({"date:create": "2024-01-15T03:01:02+00:00"}, "2024-01-15T03:01:02+00:00",  # its own offset, not converted
     "2024-01-15T03:01:02+00:00", "date:create", False),
    ({"XML:com.adobe.xmp": "<x:xmpmeta><rdf:Description><photoshop:DateCreated>2024-01-15T12:01:02"
                           "</photoshop:DateCreated></rdf:Description></x:xmpmeta>"},
     "2024-01-15T12:01:02", "2024-01-15T12:01:02+09:00", "XMP photoshop:DateCreated", True),
    ({"Creation Time": "2024:01:15 12:01:02"}, "2024:01:15 12:01:02", "2024-01-15T12:01:02+09:00",
     "Creation Time", True),
])
def test_png_text_chunks(chunks, time_raw, time, key, assumed):
    r, warnings = one("image.png", png_text(chunks))
    expected = {"format": "PNG", "width": 64, "height": 48, "time_source": "png-text", "time_key": key}
    if assumed:
        expected["zone"] = "Asia/Tokyo"
    assert (r.time_raw, r.time, r.attrs, warnings) == (time_raw, time, expected, [])


def test_exif_wins_over_png_text():
    info = PngInfo()
    info.add_text("Creation Time", "2020-01-01T00:00:00+09:00")
    r, _ = one("a.png", image("PNG", pnginfo=info, exif=exif("2024:01:15 12:01:02")))
    assert (r.attrs["time_source"], r.time) == ("exif", "2024-01-15T12:01:02+09:00")


NAMES = [
    ("Screenshot_20240115-120102.png", "Screenshot_20240115-120102", "compact"),
    ("Screenshot_20240115-120102_LINE.jpg", "Screenshot_20240115-120102", "compact"),
    ("Screenshot_2024-01-15-12-01-02-123_com.example.app.png", "Screenshot_2024-01-15-12-01-02", "android-dashed"),
    ("スクリーンショット 2024-01-15 12.01.02.png", "スクリーンショット 2024-01-15 12.01.02", "apple"),
    ("Screenshot 2024-01-15 at 12.01.02.png", "Screenshot 2024-01-15 at 12.01.02", "apple"),
    ("Screen Shot 2024-01-15 at 12.01.02 PM.png", "Screen Shot 2024-01-15 at 12.01.02 PM", "apple"),
    ("Screenshot 2024-01-15 at 12.01.02\u202fPM.png", "Screenshot 2024-01-15 at 12.01.02\u202fPM", "apple"),
    ("スクリーンショット 2024-01-15 午後0.01.02.png", "スクリーンショット 2024-01-15 午後0.01.02", "apple"),
    ("スクリーンショット 2024-01-15 120102.png", "スクリーンショット 2024-01-15 120102", "windows"),
    ("Screenshot 2024-01-15 120102.png", "Screenshot 2024-01-15 120102", "windows"),
    ("IMG_20240115_120102.jpg", "IMG_20240115_120102", "compact"),
    ("PXL_20240115_120102123.jpg", "PXL_20240115_120102", "compact"),
    ("20240115_120102.jpg", "20240115_120102", "camera"),
]


@pytest.mark.parametrize("name,time_raw,key", NAMES)
def test_file_name_patterns(name, time_raw, key):
    r, warnings = one(name, image("PNG"))
    assert (r.time_raw, r.time) == (time_raw, "2024-01-15T12:01:02+09:00")
    assert r.attrs == {"format": "PNG", "width": 64, "height": 48, "time_source": "file-name", "time_key": key,
                       "zone": "Asia/Tokyo"}
    assert warnings == []


def test_afternoon_and_impossible_names():
    r, _ = one("スクリーンショット 2024-01-15 午後1.01.02.png", image("PNG"))
    assert r.time == "2024-01-15T13:01:02+09:00"
    r, _ = one("Screen Shot 2024-01-15 at 12.01.02 AM.png", image("PNG"))
    assert r.time == "2024-01-15T00:01:02+09:00"
    r, warnings = one("Screenshot_20240231-120102.png", image("PNG"))  # 31 February
    assert (r.time, warnings) == (None, [("image_no_capture_time", "")])


def test_whatsapp_iphone_media_names_give_the_time_sent():
    r, warnings = one("00000007-PHOTO-2024-06-14-08-13-30.jpg", image("JPEG"))
    assert (r.time_raw, r.time, r.attrs["time_key"]) == ("00000007-PHOTO-2024-06-14-08-13-30",
                                                         "2024-06-14T08:13:30+09:00", "whatsapp-ios")
    assert warnings == [("image_metadata_stripped", "")]
    r, _ = one("00000012-STICKER-2024-01-15-21-40-07.webp", image("WEBP"))
    assert r.time == "2024-01-15T21:40:07+09:00"


def test_line_names_are_flagged():
    r, warnings = one("LINE_P20240115_120102123.jpg", image("JPEG"))
    assert (r.time_raw, r.time, r.attrs["via_line"]) == ("LINE_P20240115_120102", "2024-01-15T12:01:02+09:00",
                                                         "file-name")
    assert warnings == [("image_via_line", "LINE_P20240115_120102123.jpg")]
    r, warnings = one("LINE_ALBUM_旅行_240115_1.jpg", image("JPEG"))
    assert r.time is None and "time_source" not in r.attrs
    assert warnings == [("image_no_capture_time", ""), ("image_via_line", "LINE_ALBUM_旅行_240115_1.jpg")]


def test_jpeg_without_any_exif_is_said_to_be_stripped_not_said_to_be_line():
    r, warnings = one("download.jpg", image("JPEG", size=(1280, 960)))
    assert r.attrs == {"format": "JPEG", "width": 1280, "height": 960, "metadata_stripped": True}
    assert warnings == [("image_no_capture_time", ""), ("image_metadata_stripped", "")]
    _, warnings = one("screen.png", image("PNG"))  # a PNG without metadata is ordinary
    assert warnings == [("image_no_capture_time", "")]


@pytest.mark.parametrize("software, edited", [
    ("Adobe Photoshop 25.0 (Windows)", True),
    ("Snapseed 2.0", True),
    ("GIMP 2.10.36", True),
    ("Picsart", True),
    ("17.4.1", False),  # what an iPhone writes: its iOS version
    ("G998BXXU5CWD1", False),  # an Android firmware
])
def test_a_photo_editor_in_exif_software_is_a_warning(software, edited):
    data = image("JPEG", exif=exif("2024:01:15 12:01:02", software=software))
    r, warnings = one("IMG_0001.JPG", data)
    assert r.attrs["software"] == software
    assert r.attrs.get("edited", False) is edited
    assert r.time == "2024-01-15T12:01:02+09:00"
    assert warnings == ([("image_edited", software)] if edited else [])


def test_size_is_as_shown_in_jpeg_and_heic():
    for fmt in ("JPEG", "HEIF"):  # 64 wide, 48 high as stored; orientation 6 turns it a quarter
        r, _ = one("a", image(fmt, exif=exif(orientation=6)))
        assert (r.attrs["width"], r.attrs["height"], r.attrs["orientation"]) == (48, 64, 6), fmt
    r, _ = one("a", image("JPEG", exif=exif(orientation=3)))  # upside down: same size
    assert (r.attrs["width"], r.attrs["height"], r.attrs["orientation"]) == (64, 48, 3)


def test_gif_and_animation_frames():
    frames = [Image.new("RGB", (20, 10), (80 * i, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    r, _ = one("anim.gif", out.getvalue())
    assert r.attrs == {"format": "GIF", "width": 20, "height": 10, "frames": 3}


def test_unreadable_image_is_still_a_result():
    damaged = image("PNG")[:40]
    r, warnings = one("Screenshot_20240115-120102.png", damaged)
    assert r.attrs == {"time_source": "file-name", "time_key": "compact", "zone": "Asia/Tokyo"}
    assert warnings == [("image_unreadable", "")]
    result = images.parse(Path("x.heic"), data=b"\0\0\0\x18ftypheic\0\0\0\0mif1heic")
    assert result.variant == "image-unreadable"
    assert [w.code for w in result.warnings] == ["image_unreadable", "image_no_capture_time"]


def test_data_gives_the_same_result_as_the_path_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "Screenshot_20240115-120102.jpg"
    path.write_bytes(image("JPEG", exif=exif("2024:01:15 12:01:02", "+09:00", orientation=6)))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert images.parse(path) == images.parse(Path(path.name), data=path.read_bytes())
    images.thumbnail(path.read_bytes())
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_thumbnail_applies_orientation_and_never_upscales():
    data = image("JPEG", size=(64, 48), exif=exif(orientation=6))  # rotated 90°: shown 48 wide, 64 high
    thumb = images.thumbnail(data)
    assert thumb.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(thumb)).size == (48, 64)
    assert Image.open(io.BytesIO(images.thumbnail(data, size=16))).size == (12, 16)
    assert Image.open(io.BytesIO(images.thumbnail(image("HEIF", size=(600, 300)), 256))).size == (256, 128)
    assert Image.open(io.BytesIO(images.thumbnail(image("TIFF", mode="CMYK"), 32))).mode == "RGB"
    with pytest.raises(ValueError, match="image_unreadable"):
        images.thumbnail(b"not an image")


def test_sniff():
    mine = [("a.png", image("PNG")), ("a.jpg", image("JPEG")), ("a.webp", image("WEBP")),
            ("a.heic", image("HEIF")), ("a.gif", image("GIF", mode="P"))]
    for name, data in mine:
        assert images.sniff(Path(name), data[:65536]) > 0.9
        assert images.sniff(Path(name), data) > images.sniff(Path("renamed.bin"), data) > 0.5
    others = [("chat.txt", CHAT_EXPORT.encode()), ("a.png", b"just text named .png"),
              ("a.csv", "日付,金額\n2024/01/15,10000\n".encode()), ("a.bin", bytes(range(7, 200))),
              ("a.mp4", b"\0\0\0\x18ftypisom\0\0\0\0isommp41"), ("a.wav", b"RIFF\x24\0\0\0WAVEfmt "),
              ("a.eml", b"From: a@example.jp\r\nTo: b@example.jp\r\n\r\nhi\r\n"), ("a.pdf", b"%PDF-1.4\n")]
    for name, data in others:
        assert images.sniff(Path(name), data) < 0.5, name


def test_every_warning_code_has_calm_japanese_and_english():
    emitted = set(re.findall(r'ParseWarning\(0, "(\w+)"', Path(images.__file__).read_text(encoding="utf-8")))
    assert emitted == {code for code in WARNINGS if code.startswith("image_")}
    for code in emitted:
        assert WARNINGS[code]["ja"] and WARNINGS[code]["en"] and "{" not in WARNINGS[code]["ja"]


PREFIXES = [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe1", b"GIF89a", b"RIFF\0\0\0\0WEBPVP8 ",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"]


@settings(max_examples=150, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400),
       name=st.sampled_from(["a.png", "Screenshot_20240115-120102.png", "LINE_P1.jpg", "x"]))
def test_random_bytes_never_crash(prefix, body, name):
    result = images.parse(Path(name), data=prefix + body)
    assert len(result.records) == 1 and result.records[0].type == "image"
    json.dumps([r.to_json() for r in result.records], ensure_ascii=False)  # the index stores it as JSON
