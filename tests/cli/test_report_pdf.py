"""The PDF bundles of the demo case, read back with pypdf, pdftotext and pdffonts: pages and their
numbers, the outline, every item's SHA-256, the totals, the embedded font, the exhibit labels, and
the same bytes for the same case."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from evidence_kit.core.case import Case
from evidence_kit.demo import build_demo
from evidence_kit.report import model, pdf

for _tool in ("pdftotext", "pdffonts"):
    if shutil.which(_tool) is None:
        pytest.skip(f"{_tool} not found (Debian: poppler-utils, openssl, openssh-client)", allow_module_level=True)

CREATED = datetime(2024, 6, 22, 10, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EVIDENCE_KIT_TEST_SCRYPT_LOG2N", "10")
        path, passphrase = build_demo(tmp_path_factory.mktemp("demo"))
    case = Case.open(path)
    case.unlock(passphrase)
    yield case
    case.lock()


@pytest.fixture(scope="module")
def police(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "police.pdf"
    pages = pdf.render(demo, model.build(demo, "police"), out, created=CREATED)
    return out, pages


def pages_text(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def outline(reader: PdfReader, items=None) -> list:
    out = []
    for entry in reader.outline if items is None else items:
        if isinstance(entry, list):
            out.append(outline(reader, entry))
        else:
            out.append(entry.title)
    return out


def test_pages_are_numbered_n_of_n(police):
    path, pages = police
    reader = PdfReader(path)
    assert len(reader.pages) == pages == 22
    texts = pages_text(path)
    assert [t.strip().splitlines()[-1].strip() for t in texts] == [f"{n} / {pages}" for n in range(1, pages + 1)]
    assert f"全 {pages} ページ" in texts[0]
    assert all(p.mediabox.width == pytest.approx(595.28, abs=0.01) and p.mediabox.height == pytest.approx(841.89, abs=0.01)
               for p in reader.pages)  # A4 portrait


def test_outline_has_every_section_and_exhibit(police):
    reader = PdfReader(police[0])
    assert outline(reader) == [
        "表紙", "目次", "被害の概要", "申告者（被害者）情報", "相手方情報・識別子一覧", "時系列表（被害経過一覧）", "被害金一覧表（送金一覧）",
        "暗号資産取引一覧", "これまでの対応状況", "証拠目録（証拠説明書）", "証拠本体",
        ["資料1　三井住友銀行 取引明細（smbc_meisai_202406.csv）", "資料2　LINEトーク履歴（テキスト出力「ケン」）",
         "資料3　画像（Screenshot_20240520-180512.png）", "資料4　電子メール（件名「【デモ】お振込の受付について」）",
         "資料5　画像（Screenshot_20240528-211030.png）", "資料6　WhatsAppトーク履歴（テキスト出力「WhatsApp Chat - Ken.zip」）",
         "資料6の1　画像（00000007-PHOTO-2024-06-14-08-13-30.jpg）",
         "資料7　bitFlyer 取引明細（bitflyer_torihiki_202406.csv）", "資料8　ファイル（memo_first_contact.txt）"],
        "付録　完全性・保全記録"]


def test_contents_page_numbers_match_the_outline(police):
    reader = PdfReader(police[0])
    where = {}

    def walk(items):
        for entry in items:
            if isinstance(entry, list):
                walk(entry)
            else:
                where[entry.title] = reader.get_destination_page_number(entry) + 1
    walk(reader.outline)
    contents = pages_text(police[0])[1]
    for title in ("被害の概要", "時系列表（被害経過一覧）", "証拠本体", "付録　完全性・保全記録"):
        line = next(line for line in contents.splitlines() if line.strip().startswith(title.replace("\u3000", " ")))
        assert line.split()[-1] == str(where[title])


def test_every_item_hash_the_totals_and_labels_are_in_the_text(demo, police):
    texts = pages_text(police[0])
    whole = "\n".join(texts)
    for item in demo.items():
        assert whole.count(item["sha256"]) == 2, item["original_name"]  # exhibit page and appendix
    money = next(t for t in texts if "被害金一覧表（送金一覧）" in t and "合計" in t)
    assert re.search(r"送金総額\s+600,000円", money)
    assert re.search(r"相手方から受け取った額\s+20,000円", money)
    assert re.search(r"差引被害額\s+580,000円", money)
    assert "580,000円" in texts[0]
    shot = next(t for t in texts if "Screenshot_20240520-180512.png" in t and "SHA-256" in t)
    assert "資料3" in "".join(shot.splitlines()[:3])  # the label, top right
    assert "令和6年5月20日 (2024-05-20) 18:05（出所: ファイル名）" in shot
    chat = next(t for t in texts if "line_chat_ken.txt" in t and "SHA-256" in t)
    assert "【送信取消】ケンがメッセージの送信を取り消しました" in whole
    assert "― 令和6年5月1日 (2024-05-01) ―" in chat


def test_only_the_shipped_font_is_used_and_embedded(police):
    listing = subprocess.run(["pdffonts", str(police[0])], capture_output=True, text=True, check=True).stdout
    fonts = {(line.split()[0].split("+")[-1], line.split()[-5]) for line in listing.splitlines()[2:]}
    assert fonts == {("BIZUDGothic-Regular", "yes"), ("BIZUDGothic-Bold", "yes")}


def test_the_same_case_gives_the_same_pdf(demo, police):
    again = io.BytesIO()
    pdf.render(demo, model.build(demo, "police"), again, created=CREATED)
    assert again.getvalue() == police[0].read_bytes()


def test_a_bank_bundle(demo, tmp_path):
    out = tmp_path / "bank.pdf"
    pages = pdf.render(demo, model.build(demo, "bank", bank="0036"), out, created=CREATED)
    texts = pages_text(out)
    assert len(texts) == pages == 10  # with the e-mail receipt of the transfer (2 pages)
    assert "口座凍結・被害申出資料" in texts[0]
    sheet = next(t for t in texts if "口座凍結・被害申出シート 楽天銀行（0036）" in t and "B. 振込先口座" in t)
    for expected in ("楽天銀行（0036）", "ワルツ支店（204）", "普通", "7012345", "ﾔﾏﾀﾞ ﾀﾛｳ", "計 500,000円",
                     "R6-0621-001（受理番号）", "ケン、Ken Tanaka"):
        assert expected in sheet, expected
    assert "この口座への振込を示すその他の証拠: 資料4 電子メール（件名「【デモ】お振込の受付について」）" in sheet
    assert outline(PdfReader(out))[2:4] == ["口座凍結・被害申出シート　楽天銀行（0036）", "被害金一覧表（送金一覧）"]


def test_each_banks_bundle_holds_that_banks_accounts_exhibits_and_actions_only(demo, tmp_path):
    numbers = {"0001": "7654321", "0036": "7012345"}
    for code, other in (("0001", "0036"), ("0036", "0001")):
        out = tmp_path / f"bank-{code}.pdf"
        pdf.render(demo, model.build(demo, "bank", bank=code), out, created=CREATED)
        whole = "\n".join(pages_text(out))
        assert numbers[code] in whole and numbers[other] not in whole, code
    texts = pages_text(tmp_path / "bank-0001.pdf")
    assert "【デモ】お振込の受付について" not in "\n".join(texts)  # 楽天銀行's receipt
    actions = next(t for t in texts if "これまでの対応状況" in t and "受理番号等" in t)
    assert "新宿警察署 生活安全課" in actions and "楽天銀行" not in actions
    money = next(t for t in texts if "被害金一覧表（送金一覧）" in t and "合計" in t)
    assert re.search(r"上記口座への送金額\s+100,000円", money)
    assert re.search(r"被害全体の送金総額（他の金融機関あてを含む）\s+600,000円", money)


# -- evidence the layout must survive ------------------------------------------------------------

def line_chat(messages: list[tuple[str, str, str]]) -> bytes:
    """A LINE text export of 2024/05/01 with (time, sender, text) lines."""
    lines = ["[LINE] ジョンとのトーク履歴", "保存日時：2024/06/05 10:00", "", "2024/05/01(水)"]
    lines += [f"{t}\t{s}\t{x}" for t, s, x in messages]
    return ("\n".join(lines) + "\n").encode()


def export_text(case, tmp_path, audience="police") -> list[str]:
    out = tmp_path / "edge.pdf"
    pdf.render(case, model.build(case, audience), out, created=CREATED)
    return pages_text(out)


def test_a_message_longer_than_a_page_is_printed_whole(unlocked, tmp_path):
    from tests.conftest import write

    long = "\\n".join(f"行{n:03d}の本文です。" for n in range(120))
    unlocked.import_file(write(tmp_path / "line.txt", line_chat([("10:00", "ジョン", '"' + long.replace("\\n", "\n") + '"'),
                                                                 ("10:01", "ジョン", "おわり")])))
    texts = export_text(unlocked, tmp_path)
    whole = "\n".join(texts)
    assert re.findall(r"行(\d{3})の本文", whole) == [f"{n:03d}" for n in range(120)]
    assert "おわり" in whole


def test_characters_the_font_lacks_and_control_characters_are_shown_by_code(unlocked, tmp_path):
    from tests.conftest import write

    chat = unlocked.import_file(write(tmp_path / "line.txt", line_chat([
        ("10:00", "ジョン", "絵文字😀と𠮷野家\x07<b>&amp;</b>"), ("10:01", "ジョン❤️", "😀")]))).item_id
    unlocked.import_file(write(tmp_path / "memo.txt", "ふつうのメモ\n".encode()))
    texts = export_text(unlocked, tmp_path)
    whole = "\n".join(texts)
    assert "絵文字〔U+1F600〕と〔U+20BB7〕野家〔U+0007〕<b>&amp;</b>" in whole
    assert "ジョン〔U+2764〕〔U+FE0F〕" in re.sub(r"\s+", "", whole)
    header = re.sub(r"\s+", "", next(t for t in texts if "line.txt" in t and "SHA-256" in t))
    assert ("文字の表示この資料のフォントにない文字と制御文字（5種類:〔U+0007〕〔U+2764〕〔U+FE0F〕〔U+1F600〕〔U+20BB7〕）は、"
            "文字の代わりに〔U+1F600〕のような文字コードで示しています。元のデータは変えていません。") in header
    memo = next(t for t in texts if "memo.txt" in t and "SHA-256" in t)
    assert "文字の表示" not in memo  # only where a code is printed
    assert [r["text"] for r in unlocked.records(chat) if r["type"] == "message"][1] == "😀"  # the case keeps the text


def test_an_exhibit_header_lists_twelve_codes_and_counts_the_rest(unlocked, tmp_path):
    from tests.conftest import write

    faces = "".join(chr(0x1F600 + n) for n in range(15))
    unlocked.import_file(write(tmp_path / "faces.txt", f"{faces}\n".encode()))
    header = re.sub(r"\s+", "", next(t for t in export_text(unlocked, tmp_path) if "faces.txt" in t and "取り込み日時" in t))
    listed = "".join(f"〔U+{0x1F600 + n:04X}〕" for n in range(12))
    assert f"（15種類:{listed}ほか3種類）" in header


def test_an_image_that_cannot_be_decoded_does_not_stop_the_bundle(unlocked, tmp_path):
    from PIL import Image

    from tests.conftest import write

    out = io.BytesIO()
    Image.new("RGB", (300, 120), (20, 30, 200)).save(out, "PNG")
    data = out.getvalue()
    unlocked.import_file(write(tmp_path / "cut.png", data[: len(data) - 40]))
    texts = export_text(unlocked, tmp_path)
    page = next(t for t in texts if "cut.png" in t and "取り込み日時" in t)
    assert "この画像は読み取れないため、印刷できません。元のファイルでご確認ください。" in page


def test_a_bank_bundle_is_addressed_to_the_bank_and_names_the_reporter(demo, tmp_path):
    out = tmp_path / "bank.pdf"
    pdf.render(demo, model.build(demo, "bank", bank="0036"), out, created=CREATED)
    texts = pages_text(out)
    assert re.search(r"提出先\s+楽天銀行（0036） 御中", texts[0])
    assert "新宿警察署 生活安全課 御中" not in texts[0]
    assert re.search(r"被害額（差引・事件全体）\s+580,000円", texts[0])  # not what went to this bank alone
    sheet = next(t for t in texts if "A. 申出人（被害者）" in t)
    assert re.search(r"氏名・フリガナ\s+佐藤 さくら（さとう さくら）", sheet)


def test_the_creation_date_is_the_day_in_japan(demo, tmp_path):
    out = tmp_path / "late.pdf"
    pdf.render(demo, model.build(demo, "police"), out, created=datetime(2024, 6, 22, 20, 30, tzinfo=timezone.utc))
    cover = pages_text(out)[0]
    assert re.search(r"作成日\s+令和6年6月23日 \(2024-06-23\)", cover)
    assert "作成日時: 令和6年6月23日 (2024-06-23) 05:30:00（日本時間）" in cover


def test_a_plain_text_file_is_printed_as_it_is(demo, police):
    page = next(t for t in pages_text(police[0]) if "memo_first_contact.txt" in t and "バイト" in t)
    assert "印刷できない形式" not in page
    assert "2024年5月1日の夜、マッチングアプリで「ケン」と名乗る人物から連絡があった。" in page.replace("\n", "")
    assert "（ファイルの文字をそのまま印刷しています。文字コード UTF-8、6 行）" in page.replace("\n", "")


def test_a_chat_says_in_which_time_zone_its_times_were_read(demo, police):
    page = re.sub(r"\s+", "", next(t for t in pages_text(police[0]) if "line_chat_ken.txt" in t and "バイト" in t))
    assert "時刻の基準Asia/Tokyo（UTC+09:00）。トーク履歴には時差の記載がないため、この時間帯の時刻として読み取っています。" in page


def test_a_transfer_in_a_long_statement_points_to_the_page_its_row_is_on(unlocked, tmp_path):
    from evidence_kit.core import caserecords as cr
    from evidence_kit.core import money
    from evidence_kit.demo import ACCOUNTS
    from tests.conftest import write

    rows = ["年月日,お引出し,お預入れ,お取り扱い内容,残高,メモ,ラベル", "2024/5/31,100000,,振込　ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ,900000,,"]
    rows += [f"2024/5/{30 - n // 10},100,,ﾃﾞﾝｷﾘﾖｳｷﾝ,{1000000 + n * 100},," for n in range(150)]
    rows.append("2024/5/1,100000,,振込　ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ,2000000,,")  # line 153, pages after the first
    unlocked.import_file(write(tmp_path / "smbc.csv", ("\r\n".join(rows) + "\r\n").encode("cp932")))
    cr.put(unlocked, "account", "1", cr.record_data(cr.check_account(cr.DestinationAccount("1", **ACCOUNTS["1"]))))
    records = cr.load(unlocked)
    for tx in money.case_transactions(unlocked):
        if tx.amount == -100_000:
            money.link(unlocked, records, tx, "1")
    out = tmp_path / "long.pdf"
    pdf.render(unlocked, model.build(unlocked, "police"), out, created=CREATED)
    texts = pages_text(out)
    timeline = next(t for t in texts if "時系列表（被害経過一覧）" in t and "No." in t)
    where = dict(zip(map(int, re.findall(r"資料1（(\d+)行", timeline)), map(int, re.findall(r"（(\d+)頁）", timeline))))
    on_page = {n: next(p for p, t in enumerate(texts, 1) if re.search(rf"^\s*{n}\s+2024/5/", t, re.M)) for n in (2, 153)}
    assert where == on_page
    assert on_page[153] > on_page[2]


def test_an_empty_case_claims_no_damage_and_no_exhibits(unlocked, tmp_path):
    texts = export_text(unlocked, tmp_path)
    assert len(texts) == 12
    assert re.search(r"被害額（差引）\s+記録された送金はありません", texts[0])
    assert re.search(r"証拠本体\s+11\n", texts[1])
    overview = next(t for t in texts if "被害の概要" in t and "いつ" in t)
    assert re.search(r"何を\s+記録された送金はありません", overview)
    money = next(t for t in texts if "被害金一覧表（送金一覧）" in t and "合計" in t)
    assert "送金は記録されていません。" in money
    assert "証拠はまだ取り込まれていません。" in texts[10]


def test_the_import_time_on_an_exhibit_is_in_japan_time_with_the_utc_beside_it(unlocked, tmp_path):
    from tests.conftest import write

    unlocked.import_file(write(tmp_path / "memo.txt", "メモ\n".encode()))
    item = unlocked.items()[0]
    moment = datetime.fromisoformat(item["imported_at"])
    jst = moment.astimezone(timezone(timedelta(hours=9)))
    page = re.sub(r"\s+", "", next(t for t in export_text(unlocked, tmp_path) if "memo.txt" in t and "取り込み日時" in t))
    assert (f"取り込み日時令和{jst.year - 2018}年{jst.month}月{jst.day}日({jst:%Y-%m-%d}){jst:%H:%M:%S}"
            f"（元の時刻{moment:%Y-%m-%d%H:%M:%S}UTC）") in page


def test_a_freeze_sheet_row_only_guessed_from_the_name_says_so(unlocked, tmp_path):
    from evidence_kit.core import caserecords as cr
    from evidence_kit.demo import ACCOUNTS
    from tests.conftest import write

    rows = ["年月日,お引出し,お預入れ,お取り扱い内容,残高,メモ,ラベル", "2024/5/13,100000,,振込　ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ,900000,,"]
    unlocked.import_file(write(tmp_path / "smbc.csv", ("\r\n".join(rows) + "\r\n").encode("cp932")))
    cr.put(unlocked, "account", "1", cr.record_data(cr.check_account(cr.DestinationAccount("1", **ACCOUNTS["1"]))))
    texts = export_text(unlocked, tmp_path, "bank")
    sheet = re.sub(r"\s+", "", next(t for t in texts if "C. 振込の明細" in t))
    assert re.search(r"資料1（2行目）\S{0,40}推定（申告者未確\S{0,5}認）", sheet)  # the two cells wrap side by side


def test_a_transparent_png_is_printed_on_white_not_on_black(unlocked, tmp_path):
    from PIL import Image, ImageDraw

    from tests.conftest import write

    shot = Image.new("RGBA", (300, 200), (0, 0, 0, 0))  # black drawing on a transparent background
    ImageDraw.Draw(shot).rectangle((20, 20, 120, 120), fill=(0, 0, 0, 255))
    data = io.BytesIO()
    shot.save(data, "PNG")
    unlocked.import_file(write(tmp_path / "sticker.png", data.getvalue()))
    out = tmp_path / "alpha.pdf"
    pdf.render(unlocked, model.build(unlocked, "police"), out, created=CREATED)
    page = next(p for p in PdfReader(out).pages if p.images)
    drawn = page.images[0].image.convert("RGB")
    assert drawn.size == (300, 200)
    assert (drawn.getpixel((200, 150)), drawn.getpixel((70, 70))) == ((255, 255, 255), (0, 0, 0))


def test_the_statement_rows_marked_are_those_the_bundle_lists(demo):
    police, bank = model.build(demo, "police"), model.build(demo, "bank", bank="0036")
    smbc, bitflyer = (next(e.item_id for e in police.exhibits if e.item["original_name"] == name)
                      for name in ("smbc_meisai_202406.csv", "bitflyer_torihiki_202406.csv"))
    assert (pdf.listed_lines(police, smbc), pdf.listed_lines(police, bitflyer)) == ({6, 9, 11}, {2})
    assert (pdf.listed_lines(bank, smbc), pdf.listed_lines(bank, bitflyer)) == ({9}, set())


def test_a_bank_bundle_lists_the_hashes_of_its_own_exhibits_only(demo, tmp_path):
    out = tmp_path / "bank.pdf"
    pdf.render(demo, model.build(demo, "bank", bank="0036"), out, created=CREATED)
    appendix = next(t for t in pages_text(out) if "保全記録（カストディ・ログ）" in t)
    smbc = next(i for i in demo.items() if i["original_name"] == "smbc_meisai_202406.csv")
    chat = next(i for i in demo.items() if i["original_name"] == "line_chat_ken.txt")
    assert smbc["sha256"] in appendix and chat["sha256"] not in appendix and "line_chat_ken.txt" not in appendix
    assert "ケースには、この資料に含めていないファイルがほかに 7 件あります。" in appendix


def test_a_long_scrolling_screenshot_is_printed_page_width_in_consecutive_slices(unlocked, tmp_path):
    from PIL import Image, ImageDraw

    from tests.conftest import write

    shot = Image.new("RGB", (400, 4000), (255, 255, 255))
    for y in range(0, 4000, 100):  # a band every 100 px, so that a slice boundary loses nothing
        ImageDraw.Draw(shot).rectangle((0, y, 399, y + 49), fill=(0, 0, 200))
    data = io.BytesIO()
    shot.save(data, "PNG")
    unlocked.import_file(write(tmp_path / "scroll.png", data.getvalue()))
    out = tmp_path / "scroll.pdf"
    pdf.render(unlocked, model.build(unlocked, "police"), out, created=CREATED)
    slices = [img.image for page in PdfReader(out).pages for img in page.images]
    assert len(slices) > 1
    assert {s.size[0] for s in slices} == {400} and sum(s.size[1] for s in slices) == 4000
    joined = Image.new("RGB", (400, 4000))
    y = 0
    for s in slices:
        joined.paste(s.convert("RGB"), (0, y))
        y += s.size[1]
    assert joined.tobytes() == shot.tobytes()  # the slices, top to bottom, are the image
    texts = pages_text(out)
    assert f"（画像の続き 2/{len(slices)}）" in "\n".join(texts)


def test_a_file_from_a_chat_zip_says_where_it_came_from(police):
    page = re.sub(r"\s+", "", next(t for t in pages_text(police[0]) if re.search(r"元のファイル名\s+00000007-PHOTO", t)))
    assert "入手元資料6（WhatsAppChat-Ken.zip）に含まれていたファイル" in page


def test_a_jpeg_goes_in_as_it_is_and_a_turned_one_is_printed_upright(unlocked, tmp_path):
    from PIL import Image

    from tests.conftest import write
    from tests.unit.test_images import exif, image

    photo = image("JPEG", size=(120, 80))
    unlocked.import_file(write(tmp_path / "photo.jpg", photo))
    unlocked.import_file(write(tmp_path / "turned.jpg", image("JPEG", size=(90, 60), exif=exif(orientation=6))))
    grey = io.BytesIO()
    Image.new("L", (50, 40), 77).save(grey, "PNG")
    unlocked.import_file(write(tmp_path / "grey.png", grey.getvalue()))
    out = tmp_path / "photos.pdf"
    pdf.render(unlocked, model.build(unlocked, "police"), out, created=CREATED)
    drawn = [img for page in PdfReader(out).pages for img in page.images]
    by_size = {img.image.size: img for img in drawn}
    assert sorted(by_size) == [(50, 40), (60, 90), (120, 80)]
    assert by_size[(120, 80)].data == photo  # the file's own bytes: not decoded and encoded again
    assert by_size[(60, 90)].image.mode == "RGB"  # turned upright: 90x60 stored, 60x90 shown
    assert (by_size[(50, 40)].image.mode, by_size[(50, 40)].image.getpixel((10, 10))) == ("L", 77)


def test_a_long_chat_is_laid_out_a_table_at_a_time(unlocked, tmp_path):
    """The story of a 3,000-message chat holds its rows as text, not as 3,000 paragraphs (about 2 KiB
    each): each table is made when the layout reaches it."""
    import tracemalloc

    from evidence_kit.report import fonts
    from tests.conftest import write

    unlocked.import_file(write(tmp_path / "line.txt", line_chat(
        [(f"{n // 60 % 24:02d}:{n % 60:02d}", "ジョン" if n % 2 else "さくら", f"メッセージ {n} の本文です。") for n in range(3000)])))
    bundle = model.build(unlocked, "police")
    styles = pdf._styles(*fonts.register())
    fonts.glyphs()
    tracemalloc.start()
    try:
        story = pdf._story(unlocked, bundle, styles, {}, 0, CREATED)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 2 * 2**20, held
    out = tmp_path / "long.pdf"
    pdf.render(unlocked, bundle, out, created=CREATED)
    whole = "\n".join(pages_text(out))
    assert all(f"メッセージ {n} の本文です。" in whole for n in (0, 1500, 2999)) and len(story) > 50


def test_a_16_bit_grey_png_keeps_its_greys(unlocked, tmp_path):
    from PIL import Image

    from tests.conftest import write

    data = io.BytesIO()
    Image.new("I;16", (200, 100), 30000).save(data, "PNG")  # 30000 of 65535: a mid grey
    unlocked.import_file(write(tmp_path / "grey16.png", data.getvalue()))
    out = tmp_path / "grey.pdf"
    pdf.render(unlocked, model.build(unlocked, "police"), out, created=CREATED)
    drawn = next(p for p in PdfReader(out).pages if p.images).images[0].image.convert("L")
    assert drawn.getpixel((100, 50)) == 30000 // 256
