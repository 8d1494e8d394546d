"""Chat exports in a case: their messages reach the index, read from the encrypted item in memory."""

import io
import zipfile

from evidence_kit.core.case import Case
from evidence_kit.importers import line, whatsapp
from tests.conftest import PASSPHRASE, write

LINE_EXPORT = (
    "[LINE] ケンとのトーク履歴\n保存日時：2024/06/02 21:15\n\n2024/05/01(水)\n"
    "20:14\tケン\tはじめまして。ＡＢＣ１２３\n"
    "20:16\tさくら\t\"本当に\n\"\"大丈夫\"\"ですか\"\n"
    "20:17\tケン\t[写真]\n"
).encode("utf-8")

WHATSAPP_CHAT = (
    "15/01/2024, 09:02 - Ken: Send the money today\n"
    "15/01/2024, 09:03 - Ken: IMG-20240115-WA0001.jpg (file attached)\n"
    "16/01/2024, 21:40 - Sakura: Why?\nI already paid\n"
)


def whatsapp_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("WhatsApp Chat with Ken.txt", WHATSAPP_CHAT)
        z.writestr("IMG-20240115-WA0001.jpg", b"\xff\xd8\xff" + bytes(70_000))
    return buf.getvalue()


def summary(records):
    return [(r["type"], r["time"], r["sender"], r["text"], r["line"]) for r in records
            if r["type"] not in ("blank", "header", "date")]


def expected(module, path):
    return [(r.type, r.time, r.sender, r.text, r.line) for r in module.parse(path).records
            if r.type not in ("blank", "header", "date")]


def test_locked_import_then_unlock_indexes_the_messages(case_dir, tmp_path):
    chat = write(tmp_path / "[LINE] ケンとのトーク.txt", LINE_EXPORT)
    wa = write(tmp_path / "WhatsApp Chat with Ken.zip", whatsapp_zip())
    batch = Case.open(case_dir).import_paths([chat, wa])
    ids = {r.path.name: r.item_id for r in batch.results}
    [photo] = batch.results[1].members
    assert (photo.status, photo.path.name, photo.size) == ("imported", "IMG-20240115-WA0001.jpg", 70_003)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    assert summary(case.records(ids[chat.name])) == expected(line, chat)
    assert summary(case.records(ids[chat.name]))[1] == (
        "message", "2024-05-01T20:16:00+09:00", "さくら", '本当に\n"大丈夫"ですか', 6)
    wa_records = case.records(ids[wa.name])
    assert summary(wa_records) == expected(whatsapp, wa)
    assert [r["attrs"].get("attachment_present") for r in wa_records if r["type"] == "media"] == [True]
    items = {i["id"]: i for i in case.items()}
    assert (items[photo.item_id]["container"], items[photo.item_id]["member"]) == (ids[wa.name], "IMG-20240115-WA0001.jpg")
    assert items[photo.item_id]["mime"] == "image/jpeg"
    [media] = [r for r in wa_records if r["type"] == "media"]
    assert media["attrs"]["attachment"] == items[photo.item_id]["original_name"]
    assert items[ids[wa.name]]["parsed"]["format"] == "whatsapp"
    assert items[ids[wa.name]]["parsed"]["chat_member"] == "WhatsApp Chat with Ken.txt"
    case.lock()
    # kept in the stored index, and made again when the index is rebuilt
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    stored = case.records(ids[chat.name])
    case.rebuild_index()
    assert case.records(ids[chat.name]) == stored
    case.lock()


def test_unlocked_import_indexes_at_once(unlocked, tmp_path):
    chat = write(tmp_path / "chat.txt", LINE_EXPORT)
    result = unlocked.import_file(chat)
    records = unlocked.records(result.item_id)
    assert [r["raw"] for r in records] == [[l] for l in LINE_EXPORT.decode().split("\n")[:5]] + [
        ['20:16\tさくら\t"本当に', '""大丈夫""ですか"'], ["20:17\tケン\t[写真]"]]


def test_other_files_have_no_records(unlocked, tmp_path):
    result = unlocked.import_file(write(tmp_path / "memo.bin", bytes(range(200))))
    assert unlocked.records(result.item_id) == []
    assert "parsed" not in unlocked.items()[0]


def test_email_attachments_become_items(case_dir, tmp_path):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "Ken <ken@example.com>"
    msg["To"] = "sakura@example.jp"
    msg["Subject"] = "振込先のご案内"
    msg["Date"] = "Mon, 20 May 2024 18:02:00 +0900"
    msg.set_content("こちらの口座にお振り込みください。")
    msg.add_attachment(b"%PDF-1.4 fake invoice", maintype="application", subtype="pdf", filename="請求書.pdf")
    eml = write(tmp_path / "mail.eml", msg.as_bytes())
    result = Case.open(case_dir).import_file(eml)
    [attachment] = result.members
    assert (attachment.status, attachment.path.name, attachment.size) == ("imported", "請求書.pdf", 21)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    items = {i["id"]: i for i in case.items()}
    assert (items[attachment.item_id]["container"], items[attachment.item_id]["member"]) == (result.item_id, "attachment 1")
    assert items[attachment.item_id]["mime"] == "application/pdf"
    [record] = case.records(result.item_id)
    assert record["attrs"]["attachments"] == [{"name": "請求書.pdf", "type": "application/pdf", "size": 21}]
    case.lock()


def test_images_get_a_thumbnail_and_their_capture_time(case_dir, tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1200, 600), (200, 30, 30)).save(buf, "PNG")
    shot = write(tmp_path / "Screenshot_20240115-120102.png", buf.getvalue())
    result = Case.open(case_dir).import_file(shot)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    [record] = case.records(result.item_id)
    assert (record["type"], record["time"], record["attrs"]["time_source"]) == (
        "image", "2024-01-15T12:01:02+09:00", "file-name")
    thumb = Image.open(io.BytesIO(case.thumbnail(result.item_id)))
    assert thumb.format == "PNG" and max(thumb.size) == 256 and thumb.size == (256, 128)
    case.lock()
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)  # kept in the stored index
    assert case.thumbnail(result.item_id) is not None
    case.lock()


FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"


def test_year_first_exports_never_lock_the_case(case_dir, tmp_path):
    """A Japanese WhatsApp export (year first) is recorded with date_order "ymd"; reading it again
    must not fail, and nothing a parser does may keep the victim out of the case."""
    sources = [FIXTURES / n for n in ("android_ja_24h_crlf.txt", "android_ja_cp932.txt", "ios_ja_12h_prefix.txt")]
    Case.open(case_dir).import_paths(sources[:1])  # locked
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    case.import_paths(sources[1:])  # unlocked
    case.lock()
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    items = case.items()
    assert [i["parsed"]["date_order"] for i in items] == ["ymd", "ymd", "ymd"]
    assert all(len(case.records(i["id"])) > 0 for i in items)
    case.lock()


def test_a_parser_crash_at_unlock_is_contained(case_dir, tmp_path, monkeypatch):
    chat = write(tmp_path / "chat.txt", LINE_EXPORT)
    Case.open(case_dir).import_file(chat)

    def broken(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(line, "parse", broken)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    [item] = case.items()
    assert item["original_name"] == "chat.txt" and case.records(item["id"]) == []
    case.lock()


def zip_with(members: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("WhatsApp Chat with Ken.txt", WHATSAPP_CHAT)
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_bad_member_does_not_stop_the_others(case_dir, tmp_path):
    data = bytearray(zip_with({"IMG-1.jpg": b"\xff\xd8\xff" + b"1" * 5000, "IMG-2.jpg": b"\xff\xd8\xff" + b"2" * 5000,
                               "IMG-3.jpg": b"\xff\xd8\xff" + b"3" * 5000}))
    at = bytes(data).index(b"2" * 100)
    data[at + 10] ^= 0xFF  # IMG-2 fails its CRC check
    wa = write(tmp_path / "WhatsApp Chat with Ken.zip", bytes(data))
    result = Case.open(case_dir).import_file(wa)
    assert result.status == "imported"
    assert sorted(m.path.name for m in result.members) == ["IMG-1.jpg", "IMG-3.jpg"]
    assert [(member, exc.code) for member, exc in result.member_failures] == [("IMG-2.jpg", "zip_invalid")]
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    again = case.import_file(wa)  # a rerun: the zip is a duplicate, its members are tried again
    assert again.status == "duplicate" and [m.status for m in again.members] == ["duplicate", "duplicate"]
    assert [member for member, _ in again.member_failures] == ["IMG-2.jpg"]
    case.lock()


def test_members_are_read_like_any_file(case_dir, tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(buf, "PNG")
    wa = write(tmp_path / "WhatsApp Chat with Ken.zip", zip_with({"IMG-20240115-WA0001.png": buf.getvalue()}))
    [photo] = Case.open(case_dir).import_file(wa).members
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    [record] = case.records(photo.item_id)
    assert (record["type"], record["attrs"]["width"], record["attrs"]["height"]) == ("image", 640, 480)
    assert case.thumbnail(photo.item_id) is not None
    case.lock()


def test_large_files_are_stored_unread(case_dir, tmp_path, monkeypatch):
    from evidence_kit import importers

    monkeypatch.setattr(importers, "MAX_IN_MEMORY", 100)
    chat = write(tmp_path / "chat.txt", LINE_EXPORT)
    assert importers.examine(chat) == {"format": "line", "refused": "too_large"}
    result = Case.open(case_dir).import_file(chat)
    assert result.status == "imported"
