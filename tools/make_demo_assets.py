"""Write the demo case's source files into assets/demo/files (run again after changing the story).

Everything here is invented: the people, the accounts, the company, the web site (example.com) and the
wallet address. The screenshots are drawn with Pillow and the shipped font, so the files are the
project's own. The output is deterministic: the same script gives the same bytes.

    python tools/make_demo_assets.py
"""

from __future__ import annotations

import io
import zipfile
from email.header import Header
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "demo" / "files"
FONT = ROOT / "assets" / "fonts" / "BIZUDGothic-Regular.ttf"
BOLD = ROOT / "assets" / "fonts" / "BIZUDGothic-Bold.ttf"
ZIP_TIME = (2024, 6, 20, 21, 0, 0)

LINE_CHAT = """\
[LINE] ケンとのトーク履歴
保存日時：2024/06/20 21:15

2024/05/01(水)
20:14\tケン\tはじめまして。マッチングアプリから来ました、ケンです。シンガポールで投資の仕事をしています。
20:16\tさくら\tはじめまして。さくらです。
20:17\tケン\t[スタンプ]
2024/05/03(金)
21:02\tケン\t☎ 通話時間 23:41
21:30\tケン\t"今日は話せて嬉しかったです。
さくらさんとは本当に気が合いますね。"
2024/05/12(日)
09:30\tケン\t絶対に損はしない投資があります。僕の会社「グローバルトレード」の口座に、まず10万円から始めましょう。
09:41\tさくら\t本当に大丈夫ですか？
09:45\tケン\t"大丈夫です。振込先はこちらです。
みずほ銀行 新宿中央支店 普通 7654321
カ）グローバルトレード"
2024/05/13(月)
10:05\tさくら\t振り込みました。
10:20\tケン\tありがとう！サイトで利益を確認してください。https://gtx-trade.example.com/mypage
2024/05/20(月)
18:02\tケン\t今日中に追加で50万円振り込めば、利益をすべて引き出せます。税金の手続きです。
18:03\tケン\t"振込先が変わりました。
楽天銀行 ワルツ支店 普通 7012345
ヤマダ タロウ
※振込人名は「サクラ トウシ」にしてください"
18:05\tケン\t[写真]
18:30\t\tケンがメッセージの送信を取り消しました
2024/05/21(火)
12:10\tさくら\t50万円、振り込みました。
2024/05/28(火)
19:40\tケン\t利益の一部として2万円を送りました。確認してね。
2024/06/12(水)
22:15\tケン\tLINEは監視されていて危ないので、これからはWhatsAppで話しましょう。+65 8123 4567
"""

WHATSAPP_CHAT = (
    "[6/13/24, 9:58:02\u202fPM] Ken: \u200eMessages and calls are end-to-end encrypted. No one outside of this "
    "chat, not even WhatsApp, can read or listen to them.\n"
    "[6/13/24, 10:01:15\u202fPM] Ken: Sakura, this is Ken. Let's continue here.\n"
    "[6/13/24, 10:03:40\u202fPM] Sakura: こんばんは。\n"
    "[6/14/24, 8:12:09\u202fAM] Ken: To withdraw your profit you must pay the fee in Bitcoin. "
    "Buy 0.03 BTC at bitFlyer and send it to this wallet:\n"
    "bc1qdemo0wa11et0addre55xxxxxxxxxxxxxxxxxx\n"
    "[6/14/24, 8:13:30\u202fAM] Ken: \u200e<attached: 00000007-PHOTO-2024-06-14-08-13-30.jpg>\n"
    "[6/15/24, 11:20:45\u202fAM] Sakura: 送りました。\n"
    "[6/15/24, 11:42:01\u202fAM] Ken: \u200eThis message was deleted.\n"
    "[6/18/24, 7:05:12\u202fPM] Sakura: ケンさん、返事をください。出金はいつできますか？\n"
)

# 三井住友銀行 (current layout): newest first, cp932, CRLF; the victim's own account
SMBC_ROWS = [
    ("年月日", "お引出し", "お預入れ", "お取り扱い内容", "残高", "メモ", "ラベル"),
    ("2024/6/25", "", "220000", "振込　ｶﾌﾞｼｷｶﾞｲｼﾔ ﾆﾎﾝｼｮｳｼﾞ", "1185660", "", ""),
    ("2024/6/14", "440", "", "振込手数料", "965660", "", ""),
    ("2024/6/14", "300000", "", "振込　ﾋﾞﾂﾄﾌﾗｲﾔｰ", "966100", "", ""),
    ("2024/6/10", "8520", "", "ﾃﾞﾝｷﾘﾖｳｷﾝ", "1266100", "", ""),
    ("2024/5/28", "", "20000", "振込　ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ", "1274620", "", ""),
    ("2024/5/25", "", "220000", "振込　ｶﾌﾞｼｷｶﾞｲｼﾔ ﾆﾎﾝｼｮｳｼﾞ", "1254620", "", ""),
    ("2024/5/21", "440", "", "振込手数料", "1034620", "", ""),
    ("2024/5/21", "500000", "", "振込　ﾔﾏﾀﾞ ﾀﾛｳ", "1035060", "", ""),
    ("2024/5/13", "440", "", "振込手数料", "1535060", "", ""),
    ("2024/5/13", "100000", "", "振込　ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ", "1535500", "", ""),
    ("2024/5/10", "7980", "", "ﾃﾞﾝｷﾘﾖｳｷﾝ", "1635500", "", ""),
    ("2024/5/1", "20000", "", "ATM", "1643480", "", ""),
    ("", "", "", "", "1643480", "", ""),
]

BITFLYER_ROWS = [
    ("取引日時", "通貨", "取引種別", "取引価格", "通貨1", "通貨1数量", "手数料", "通貨1の対円レート", "通貨2",
     "通貨2数量", "自己・媒介", "注文 ID", "備考"),
    ("2024/06/15 11:18:02", "BTC", "外部送付", "0", "BTC", "-0.0300", "-0.0004", "10,012,345", "", "0", "",
     "CWD20240615-111802-DEMO01", ""),
    ("2024/06/14 16:05:40", "BTC/JPY", "買い", "10,000,000", "BTC", "0.0304", "0", "10,000,000", "JPY",
     "-304,000", "自己", "JOR20240614-160540-DEMO02", ""),
    ("2024/06/14 15:02:11", "JPY", "入金", "0", "JPY", "300,000", "0", "1", "", "0", "",
     "MDP20240614-150211-DEMO03", ""),
]

TRANSFER_MAIL = """\
Return-Path: <info@bank.example.jp>
Received: from mx.bank.example.jp (mx.bank.example.jp [192.0.2.10])
\tby mail.example.net with ESMTPS id DEMO0001
\tfor <sakura@example.net>; Tue, 21 May 2024 12:09:30 +0900
From: {sender} <info@bank.example.jp>
To: sakura@example.net
Subject: {subject}
Date: Tue, 21 May 2024 12:09:28 +0900
Message-ID: <20240521120928.DEMO0001@bank.example.jp>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

佐藤 さくら 様

（デモ用の架空のメールです。実在の銀行・人物とは関係ありません。）

以下のとおり、お振込を受け付けました。

受付日時　　：2024年05月21日 12:09
受付番号　　：DEMO-0521-0001
お振込先　　：楽天銀行　ワルツ支店（204）
預金種目　　：普通
口座番号　　：7012345
受取人名　　：ﾔﾏﾀﾞ ﾀﾛｳ
お振込金額　：500,000円
振込手数料　：440円
振込依頼人名：ｻｸﾗ ﾄｳｼ
"""

MEMO = """\
2024年5月1日の夜、マッチングアプリで「ケン」と名乗る人物から連絡があった。
数日後にLINEへ移るよう言われ、投資の話をされるようになった。
5月13日と5月21日に、言われた口座へ振り込んだ。5月21日の振込では、振込人名を「サクラ トウシ」に変えるよう言われた。
6月12日からはWhatsAppでやり取りし、6月15日にビットコインを送った。
6月18日から連絡が取れない。6月21日に新宿警察署へ相談した。
（デモ用の架空のメモです。実在の人物・団体とは関係ありません。）
"""


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else FONT), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:  # a closing mark never starts a line (禁則), a number is never split
            if draw.textlength(line + ch, font=face) > width and ch not in "、。」）!?！？":
                keep = line.rstrip("0123456789") if ch.isascii() and ch.isdigit() else line
                lines.append(keep)
                line = line[len(keep):]
            line += ch
        lines.append(line)
    return lines


def chat_screenshot(title: str, clock: str, messages: list[tuple[str, str, str]]) -> bytes:
    """A phone screenshot of a LINE-style talk: (who: "them"|"me"|"day", text, time)."""
    w, h = 720, 1520
    img = Image.new("RGB", (w, h), (140, 171, 216))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 50), fill=(40, 40, 40))
    d.text((24, 12), clock, font=font(24), fill="white")
    d.text((w - 120, 12), "4G 82%", font=font(22), fill="white")
    d.rectangle((0, 50, w, 130), fill=(36, 47, 64))
    d.text((70, 72), "＜", font=font(32), fill="white")
    d.text((130, 72), title, font=font(34, True), fill="white")
    y = 160
    body = font(28)
    for who, text, time in messages:
        if who == "day":
            tw = d.textlength(text, font=font(22))
            d.rounded_rectangle(((w - tw) / 2 - 16, y, (w + tw) / 2 + 16, y + 38), 18, fill=(110, 135, 175))
            d.text(((w - tw) / 2, y + 6), text, font=font(22), fill="white")
            y += 64
            continue
        lines = wrap(d, text, body, 440)
        bh = 22 + 40 * len(lines)
        bw = max(d.textlength(line, font=body) for line in lines) + 40
        if who == "them":
            d.ellipse((20, y, 80, y + 60), fill=(230, 200, 160))
            d.text((96, y - 4), title, font=font(22), fill=(30, 40, 60))
            x0, y0 = 96, y + 28
            d.rounded_rectangle((x0, y0, x0 + bw, y0 + bh), 24, fill="white")
            d.text((x0 + bw + 10, y0 + bh - 26), time, font=font(20), fill=(40, 50, 70))
        else:
            x0, y0 = w - 24 - bw, y
            d.rounded_rectangle((x0, y0, x0 + bw, y0 + bh), 24, fill=(133, 226, 113))
            d.text((x0 - 70, y0 + bh - 26), time, font=font(20), fill=(40, 50, 70))
        for i, line in enumerate(lines):
            d.text((x0 + 20, y0 + 12 + 40 * i), line, font=body, fill="black")
        y = y0 + bh + 36
    d.rectangle((0, h - 110, w, h), fill="white")
    d.rounded_rectangle((90, h - 90, w - 90, h - 30), 30, fill=(240, 240, 240))
    d.text((120, h - 76), "メッセージを入力", font=font(26), fill=(150, 150, 150))
    return png(img)


def dashboard_screenshot() -> bytes:
    """The fake trading site's 'my page', showing invented profits."""
    w, h = 720, 1520
    img = Image.new("RGB", (w, h), (12, 22, 40))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 50), fill="black")
    d.text((24, 12), "21:10", font=font(24), fill="white")
    d.rectangle((0, 50, w, 120), fill=(230, 230, 230))
    d.text((30, 70), "gtx-trade.example.com/mypage", font=font(26), fill=(40, 40, 40))
    d.text((40, 170), "GTX TRADE マイページ", font=font(40, True), fill=(240, 200, 80))
    rows = [("会員名", "サトウ サクラ 様"), ("投資元本", "¥600,000"), ("運用利益", "+¥1,280,000"),
            ("出金可能額", "¥1,880,000"), ("出金手数料（税）", "¥300,000")]
    y = 280
    for label, value in rows:
        d.text((40, y), label, font=font(30), fill=(180, 190, 210))
        d.text((380, y), value, font=font(34, True), fill=(120, 230, 140) if "+" in value else "white")
        d.line((40, y + 60, w - 40, y + 60), fill=(50, 60, 80), width=2)
        y += 100
    d.rounded_rectangle((60, 860, w - 60, 960), 20, fill=(220, 60, 60))
    d.text((150, 888), "手数料のお支払い後に出金できます", font=font(28, True), fill="white")
    points = [(60 + i * 25, 1350 - i * 14 - (18 if i % 3 == 1 else 0)) for i in range(25)]
    d.line(points, fill=(120, 230, 140), width=5, joint="curve")  # a chart that only goes up
    return png(img)


def wallet_photo() -> bytes:
    """The 'send the fee here' picture Ken sent on WhatsApp (a JPEG as WhatsApp sends it: no EXIF)."""
    img = Image.new("RGB", (800, 600), (245, 245, 245))
    d = ImageDraw.Draw(img)
    d.text((40, 40), "Withdrawal fee / 出金手数料", font=font(36, True), fill=(20, 20, 20))
    d.text((40, 120), "Amount: 0.03 BTC", font=font(32), fill=(20, 20, 20))
    d.text((40, 180), "Wallet:", font=font(32), fill=(20, 20, 20))
    d.text((40, 230), "bc1qdemo0wa11et0addre55xxxxxxxxxxxxxxxxxx", font=font(26), fill=(20, 20, 120))
    for i in range(8):
        for j in range(8):
            if (i * 3 + j * 5) % 7 < 3:
                d.rectangle((520 + i * 30, 330 + j * 30, 548 + i * 30, 358 + j * 30), fill="black")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def csv_bytes(rows, encoding: str, quote: bool) -> bytes:
    def cell(value: str) -> str:
        return f'"{value}"' if quote else value
    return "".join(",".join(cell(v) for v in row) + "\r\n" for row in rows).encode(encoding)


def transfer_mail() -> bytes:
    text = TRANSFER_MAIL.format(sender=Header("三井住友銀行（デモ・架空）", "utf-8").encode(),
                                subject=Header("【デモ】お振込の受付について", "utf-8").encode())
    return text.replace("\n", "\r\n").encode("utf-8")


def whatsapp_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("_chat.txt", WHATSAPP_CHAT.encode("utf-8")),
                           ("00000007-PHOTO-2024-06-14-08-13-30.jpg", wallet_photo())):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "line_chat_ken.txt": LINE_CHAT.encode("utf-8"),
        "WhatsApp Chat - Ken.zip": whatsapp_zip(),
        "Screenshot_20240520-180512.png": chat_screenshot("ケン", "18:05", [
            ("day", "5月20日(月)", ""),
            ("them", "今日中に追加で50万円振り込めば、利益をすべて引き出せます。税金の手続きです。", "18:02"),
            ("them", "振込先が変わりました。\n楽天銀行 ワルツ支店 普通 7012345\nヤマダ タロウ\n"
                     "※振込人名は「サクラ トウシ」にしてください", "18:03"),
            ("me", "わかりました。明日振り込みます。", "18:04"),
        ]),
        "Screenshot_20240528-211030.png": dashboard_screenshot(),
        "smbc_meisai_202406.csv": csv_bytes(SMBC_ROWS, "cp932", quote=False),
        "bitflyer_torihiki_202406.csv": csv_bytes(BITFLYER_ROWS, "utf-8", quote=True),
        "furikomi_uketsuke_20240521.eml": transfer_mail(),
        "memo_first_contact.txt": MEMO.encode("utf-8"),
    }
    for old in OUT.iterdir():
        if old.name not in files:
            old.unlink()
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"{len(data):>8}  {name}")


if __name__ == "__main__":
    main()
