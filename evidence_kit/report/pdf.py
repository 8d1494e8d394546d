"""Draw a `model.Bundle` as the PDF an officer reads: A4 portrait, a binding margin on the left,
the shipped Japanese font embedded, "n / N" on every page, the exhibit number top-right on every
exhibit page, and an outline entry for every section and exhibit.

The document is laid out twice: the first pass finds the page of every section, exhibit and chat
day, the second prints those page numbers in the contents and the timeline.
"""

from __future__ import annotations

import functools
import io
import threading
import zlib
from collections import Counter
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)

from .. import __version__
from ..core import age, layout
from ..i18n import tr
from . import acts, fonts, jptime
from .model import Bundle, Exhibit, account_text, code_text, moment

TITLES = {"police": "被害状況説明資料", "lawyer": "証拠資料一式", "bank": "口座凍結・被害申出資料"}
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 18 * mm
GREY = colors.Color(0.45, 0.45, 0.45)
LINE = colors.Color(0.7, 0.7, 0.7)
SHADE = colors.Color(0.93, 0.94, 0.96)
MARK = colors.Color(1.0, 0.93, 0.80)
CHAT_ROWS_PER_TABLE = 60
SENDER_WIDTH = 30 * mm - 6  # the sender column less its padding


def render(case, bundle: Bundle, out, *, created: datetime) -> int:
    """Write the bundle to `out` (a path, or a binary file that can seek and truncate: a pass whose
    page numbers move is written again from its start); return the number of pages.

    The file is written as ReportLab formats it, piece by piece (`_StreamingCanvas`): the PDF is never
    held whole in memory, nor a second time in a buffer."""
    regular, bold = fonts.register()
    styles = _styles(regular, bold)
    draft = _Doc(_Discard(), bundle, styles, {}, 0, created, draft=True)  # finds the pages, reads no image
    draft.build(_story(case, bundle, styles, {}, 0, created), canvasmaker=_StreamingCanvas)
    if hasattr(out, "write"):
        return _write(case, bundle, styles, out, dict(draft.anchors), draft.page, created)
    with open(out, "wb") as f:
        return _write(case, bundle, styles, f, dict(draft.anchors), draft.page, created)


def _write(case, bundle: Bundle, styles, out, pages: dict, total: int, created: datetime) -> int:
    for _ in range(3):  # the page numbers printed can move what follows them: then once more
        out.seek(0)
        out.truncate()
        doc = _Doc(out, bundle, styles, pages, total, created)
        doc.build(_story(case, bundle, styles, pages, total, created), canvasmaker=_StreamingCanvas)
        if doc.page == total and doc.anchors == pages:
            return total
        pages, total = dict(doc.anchors), doc.page
    raise RuntimeError("the page numbers did not settle")


class _Discard:
    """A file that keeps nothing: the layout pass's PDF is not wanted."""

    def write(self, data) -> int:
        return len(data)


class _StreamedFile(pdfdoc.PDFFile):
    """ReportLab's collector of the formatted PDF, passing each piece on to the file at once rather
    than keeping every piece and then joining them (which held the whole PDF twice)."""

    def __init__(self, target, *args):
        super().__init__(*args)  # collects the header
        for piece in self.strings:
            target.write(piece)
        self.strings = []
        self.write = target.write

    def format(self, document) -> bytes:
        return b""  # all of it is written already


_STREAMING = threading.Lock()


class _StreamingCanvas(Canvas):
    """A canvas whose save() streams the PDF into its file (see _StreamedFile). ReportLab makes its
    collector by the module name pdfdoc.PDFFile, swapped here for the time of one save (a lock keeps
    two saves in one process apart). Should a ReportLab version make it otherwise, the swap does
    nothing and the PDF is written whole, as ReportLab does by default."""

    def save(self) -> None:
        with _STREAMING:
            original = pdfdoc.PDFFile
            pdfdoc.PDFFile = functools.partial(_StreamedFile, self._filename)
            try:
                super().save()
            finally:
                pdfdoc.PDFFile = original


class _Doc(BaseDocTemplate):
    def __init__(self, out, bundle: Bundle, styles, pages, total, created, draft: bool = False):
        super().__init__(out, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                         bottomMargin=BOTTOM, title=TITLES[bundle.audience], author="evidence-kit",
                         creator=f"evidence-kit {__version__}", subject=bundle.case_id,
                         invariant=1, initialFontName=styles["body"].fontName)
        self.bundle, self.styles, self.total = bundle, styles, total
        self.anchors: dict[str, int] = {}
        self.exhibit_label = ""
        self.created = created
        self.draft = draft  # a layout pass: images take their place but are not read
        frame = Frame(LEFT, BOTTOM, self.width, self.height, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._furniture)])

    def _furniture(self, canv, doc) -> None:
        """What every page carries, drawn when the page is done (so an exhibit's label is known)."""
        regular, bold = self.styles["body"].fontName, self.styles["h1"].fontName
        width, height = A4
        canv.saveState()
        canv.setFont(regular, 9)
        canv.setFillColor(colors.black)
        page = canv.getPageNumber()
        canv.drawCentredString(LEFT + (width - LEFT - RIGHT) / 2, 9 * mm, f"{page} / {self.total or page}")
        canv.setFillColor(GREY)
        canv.setFont(regular, 7.5)
        canv.drawString(LEFT, height - 11 * mm, f"{TITLES[self.bundle.audience]}　ケース {self.bundle.case_id}")
        if self.exhibit_label:
            canv.setFillColor(colors.black)
            canv.setFont(bold, 14)
            text_width = canv.stringWidth(self.exhibit_label, bold, 14)
            x = width - RIGHT - text_width
            canv.rect(x - 3 * mm, height - 15 * mm, text_width + 6 * mm, 9 * mm, stroke=1, fill=0)
            canv.drawString(x, height - 12.5 * mm, self.exhibit_label)
        canv.restoreState()


class _Deferred(Flowable):
    """A flowable made only when the layout reaches it, and let go once drawn: the tables of a long
    chat or statement, and the exhibits' header strips. Made all at once, 20,000 messages as
    paragraphs held some 45 MiB, 500 header strips 27 MiB more, for the whole of each pass."""

    def __init__(self, make):
        super().__init__()
        self._make, self._made = make, None

    def _flowable(self) -> Flowable:
        if self._made is None:
            self._made = self._make()
        return self._made

    def wrapOn(self, canv, aW, aH):
        return self._flowable().wrapOn(canv, aW, aH)

    def wrap(self, aW, aH):  # a frame sets .canv and calls wrap itself
        made = self._flowable()
        made.canv = getattr(self, "canv", None)
        return made.wrap(aW, aH)

    def splitOn(self, canv, aW, aH):
        return self._flowable().splitOn(canv, aW, aH)

    def split(self, aW, aH):
        made = self._flowable()
        made.canv = getattr(self, "canv", None)
        return made.split(aW, aH)

    def drawOn(self, canvas, x, y, _sW=0):
        return self._flowable().drawOn(canvas, x, y, _sW)

    def getSpaceBefore(self):
        return self._flowable().getSpaceBefore()

    def getSpaceAfter(self):
        return self._flowable().getSpaceAfter()


class _Anchor(Flowable):
    """Marks a place: records its page, and adds an outline entry when it has a title."""

    def __init__(self, key: str, title: str | None = None, level: int = 0, exhibit: str | None = None):
        super().__init__()
        self.key, self.title, self.level, self.exhibit = key, title, level, exhibit
        self.width = self.height = 0

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        doc.anchors.setdefault(self.key, self.canv.getPageNumber())
        if self.exhibit is not None:
            doc.exhibit_label = self.exhibit
        if self.title:
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level > 0)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
        "mono": ParagraphStyle("mono", parent=base, fontSize=8, leading=11, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5),
        "cellr": ParagraphStyle("cellr", parent=base, fontSize=8.5, leading=11.5, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=bold, fontSize=8.5, leading=11.5),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=15, leading=22, spaceAfter=4 * mm),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=12, leading=17, spaceBefore=3 * mm,
                             spaceAfter=2 * mm),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=26, leading=36, alignment=TA_CENTER),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "day": ParagraphStyle("day", parent=base, fontName=bold, fontSize=9, leading=13, alignment=TA_CENTER,
                              textColor=GREY, spaceBefore=2 * mm, spaceAfter=1 * mm),
    }


def _p(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_xml(text or ""), style)


def _xml(text: str) -> str:
    """Evidence text as paragraph markup: escaped, line breaks kept. A control character, or one the
    embedded font has no glyph for (an emoji, a rare kanji, a zero-width space), is shown by its code,
    〔U+1F600〕, so that nothing in the evidence is silently printed as a blank box (the case keeps the
    text as it is: only the print shows the code). The codes shown are noted in `_shown_by_code.codes`
    while an exhibit is being laid out, for its header to say so."""
    glyphs = fonts.glyphs()
    text = text.replace("\r\n", "\n")  # a Windows line end is a line end
    shown = "".join(c if c in "\n\t" or (c >= " " and ord(c) in glyphs) else f"〔U+{ord(c):04X}〕" for c in text)
    if shown != text:
        _note_codes(text)
    return escape(shown).replace("\t", "    ").replace("\n", "<br/>")


def _note_codes(text: str) -> None:
    """Note the code points of `text` that print as codes, while an exhibit is being laid out."""
    codes = getattr(_shown_by_code, "codes", None)
    if codes is not None:
        glyphs = fonts.glyphs()
        codes.update(ord(c) for c in text if c not in "\r\n\t" and (c < " " or ord(c) not in glyphs))


_shown_by_code = threading.local()  # .codes: a set while an exhibit is laid out (an export may run off the GUI thread)


def _yen(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}円"


def _table(rows, widths, styles, header=True, marks=()) -> Table:
    # splitInRow: a row taller than a page (a long message, a long e-mail line) goes on over the page
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, LINE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    style.extend(("BACKGROUND", (0, r), (-1, r), MARK) for r in marks)
    table.setStyle(TableStyle(style))
    return table


def _section(key: str, title: str, styles) -> list:
    return [PageBreak(), _Anchor(key, title, 0, exhibit=""), _p(title, styles["h1"])]


# -- the story -----------------------------------------------------------------------------------

ACTS_TITLE = "つきまとい・ネット上の加害行為一覧"
SECTIONS = (("overview", "被害の概要"), ("reporter", "申告者（被害者）情報"), ("party", "相手方情報・識別子一覧"), ("timeline", "時系列表（被害経過一覧）"),
            ("money", "被害金一覧表（送金一覧）"), ("crypto", "暗号資産取引一覧"), ("acts", ACTS_TITLE), ("actions", "これまでの対応状況"),
            ("list", "証拠目録（証拠説明書）"), ("exhibits", "証拠本体"), ("statement", "陳述書"),
            ("integrity", "付録　完全性・保全記録"))


def sections(bundle: Bundle) -> list[tuple[str, str]]:
    """(key, title) of the sections of this bundle, in order."""
    if bundle.audience != "bank":
        return [s for s in SECTIONS if (s[0] != "statement" or _report(bundle, "overview").get("statement"))
                and (s[0] != "acts" or bundle.contacts is not None)]
    sheets = [(f"sheet:{n}", f"口座凍結・被害申出シート　{name}") for n, (name, _) in enumerate(bundle.banks, 1)]
    return sheets + [s for s in SECTIONS if s[0] in ("money", "actions", "list", "exhibits", "integrity")]


def _story(case, bundle: Bundle, styles, pages: dict, total: int, created: datetime) -> list:
    story = _cover(bundle, styles, total, created)
    story += _contents(bundle, styles, pages)
    if bundle.audience == "bank":
        for n, (name, group) in enumerate(bundle.banks, 1):
            story += _freeze_sheet(bundle, f"sheet:{n}", name, group, styles)
        story += _money(bundle, styles, [a for _, group in bundle.banks for a in group])
    else:
        story += _overview(bundle, styles)
        story += _reporter(bundle, styles)
        story += _party(bundle, styles)
        story += _timeline(bundle, styles, pages)
        story += _money(bundle, styles, bundle.summary.accounts)
        story += _crypto(bundle, styles)
        if bundle.contacts is not None:
            story += _acts(bundle, styles, pages)
    story += _actions(bundle, styles)
    story += _exhibit_list(bundle, styles)
    for n, ex in enumerate(bundle.exhibits):
        story += _exhibit(case, bundle, ex, styles, first=n == 0)
    if not bundle.exhibits:
        story += _section("exhibits", "証拠本体", styles) + [_p("証拠はまだ取り込まれていません。", styles["body"])]
    if bundle.audience != "bank" and _report(bundle, "overview").get("statement"):
        story += _section("statement", "陳述書", styles)
        story.append(_p(_report(bundle, "overview")["statement"], styles["body"]))
    story += _integrity(bundle, styles, created)
    return story


def _report(bundle: Bundle, part: str) -> dict:
    return bundle.records.report.get(part) or {}


NO_MONEY = "記録された送金はありません"


def _any_money(bundle: Bundle) -> bool:
    """Whether any money is recorded: without it the bundle says so, rather than a damage of 0円."""
    s = bundle.summary
    return bool(s.paid.rows or s.received_back.rows or s.crypto)


def _cover(bundle: Bundle, styles, total: int, created: datetime) -> list:
    receipts = [a.reference for a in bundle.actions if a.reference]
    reporter, overview = _report(bundle, "reporter"), _report(bundle, "overview")
    author = reporter.get("name", "＿＿＿＿＿＿＿＿＿＿＿＿") + (f"（{reporter['age']}歳）" if reporter.get("age") else "")
    made = created.astimezone(jptime.JST)  # the day in Japan, not in UTC
    if bundle.audience == "bank":  # a bank's bundle goes to that bank, whoever the police bundle is for
        submit_to = "、".join(name for name, _ in bundle.banks) or "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿"
    else:
        submit_to = overview.get("submit_to", "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿")
    rows = [
        ("提出先", f"{submit_to} 御中"),
        ("作成日", jptime.format_day(made.date())),
        ("作成者", f"{author}（申告者）"),
        ("事案の種別", overview.get("case_type", "")),
        ("受理番号等", "、".join(receipts) if receipts else "未取得"),
        ("ケース番号", bundle.case_id),
        ("ページ数", f"全 {total} ページ" if total else ""),
        ("証拠の数", f"{len(bundle.exhibits)} 点"),
        # a bank's bundle shows the case-wide figure too: said so, or the bank reads it as what went to its account
        ("被害額（差引・事件全体）" if bundle.audience == "bank" else "被害額（差引）",
         _yen(bundle.summary.net_damage) if _any_money(bundle) else NO_MONEY),
    ]
    table = _table([[_p(k, styles["head"]), _p(v, styles["body"])] for k, v in rows], [38 * mm, 120 * mm],
                   styles, header=False)
    return [
        _Anchor("cover", "表紙", 0), Spacer(1, 40 * mm), _p(TITLES[bundle.audience], styles["title"]),
        Spacer(1, 25 * mm), table, Spacer(1, 20 * mm),
        _p("本資料は、被害者（申告者）が evidence-kit を用いて作成した整理資料です。原本データ（電子ファイル）は、"
           "暗号化したケースフォルダに取り込んだ時点の状態のまま別途保存しています。各証拠の SHA-256 ハッシュ値は"
           "巻末の付録に記載しています。", styles["small"]),
        Spacer(1, 3 * mm),
        _p(f"作成: evidence-kit {__version__}　作成日時: {jptime.format_time(made.isoformat(), seconds=True)}（日本時間）",
           styles["small"]),
    ]


def _contents(bundle: Bundle, styles, pages: dict) -> list:
    rows = [[_p("項目", styles["head"]), _p("ページ", styles["head"])]]
    for key, title in sections(bundle):
        rows.append([_p(title, styles["body"]), _p(str(pages.get(key, "")), styles["cellr"])])
        if key == "exhibits":
            for ex in bundle.exhibits:
                rows.append([_p(f"　{ex.label}　{ex.title}", styles["cell"]),
                             _p(str(pages.get("ex:" + ex.item_id, "")), styles["cellr"])])
    return [PageBreak(), _Anchor("contents", "目次", 0), _p("目次", styles["h1"]),
            _table(rows, [140 * mm, 25 * mm], styles)]


def _overview(bundle: Bundle, styles) -> list:
    times = [e for e in bundle.timeline if e.time and e.category != "対応"]  # the incidents, not the reports
    names = [n for p in bundle.parties for n in p.names]
    platforms = sorted({e.means for e in bundle.timeline if e.category == "やり取り"})
    platforms += list(dict.fromkeys(a.place for a in acts.acts(bundle) if a.place and a.place not in platforms))
    rows = [
        ("いつ", " 〜 ".join(_when(e.time, e.approx) for e in (min(times, key=lambda e: moment(e.time)),
                                                              max(times, key=lambda e: moment(e.time))))
         if times else "不明"),
        ("誰が", "、".join(f"「{n}」" for n in names) + "と名乗る人物" if names else "（相手方の情報が未入力です）"),
        ("どこで", "、".join(platforms) if platforms else ""),
        ("何を", _what(bundle)),
        ("どのように", _report(bundle, "overview").get("how", "")),
        ("現在の状況", _report(bundle, "overview").get("status", "")),
        ("求める対応", _report(bundle, "overview").get("wants", "")),
    ]
    table = _table([[_p(k, styles["head"]), _p(v, styles["body"])] for k, v in rows], [30 * mm, 135 * mm],
                   styles, header=False)
    table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 0), (0, -1), [SHADE])]))
    return _section("overview", "被害の概要", styles) + [
        _p("空欄は、申告者が手書きで記入するか、アプリで入力してから出力し直してください。", styles["small"]),
        Spacer(1, 2 * mm), table]


def _what(bundle: Bundle) -> str:
    """The 何を line: the money paid and, in a stalking case, the number and kinds of acts first."""
    s = bundle.summary
    money = (f"送金 {len(s.paid.rows)} 回、合計 {_yen(s.paid.total)}（相手方から受け取った額 "
             f"{_yen(s.received_back.total)}、差引被害額 {_yen(s.net_damage)}）"
             + "".join(f"、暗号資産の送付 {len(c['sends'])} 回（{c['quantity'].lstrip('-')} {c['asset']}）"
                       for c in s.crypto)) if _any_money(bundle) else NO_MONEY
    if bundle.contacts is None:
        return money
    recorded = acts.acts(bundle)
    kinds = Counter(a.act_type for a in recorded)
    text = (f"つきまとい等の行為 {len(recorded)} 件（" + "、".join(f"{tr('act.type.' + k)} {n} 件" for k, n in kinds.most_common())
            + "）" if recorded else "つきまとい等の行為の記録はまだありません")
    if bundle.contacts.refusal is not None:
        text += f"。拒否の意思表示の後、相手方からの連絡 {bundle.contacts.total} 件"
    return text + ("。" + money if _any_money(bundle) else "")


def _reporter(bundle: Bundle, styles) -> list:
    r = _report(bundle, "reporter")
    rows = [("氏名（ふりがな）", r.get("name", "") + (f"（{r['kana']}）" if r.get("kana") else "")),
            ("年齢", r.get("age", "")), ("職業", r.get("job", "")), ("住所", r.get("address", "")),
            ("連絡先", r.get("phone", "")), ("メールアドレス", r.get("email", "")), ("代理人", r.get("agent", ""))]
    return _section("reporter", "申告者（被害者）情報", styles) + [
        _p("住所・連絡先は任意です。空欄は手書きで記入できます。", styles["small"]), Spacer(1, 2 * mm),
        _table([[_p(k, styles["head"]), _p(v, styles["body"])] for k, v in rows], [40 * mm, 125 * mm], styles,
               header=False)]


def _party(bundle: Bundle, styles) -> list:
    story = _section("party", "相手方情報・識別子一覧", styles)
    if not bundle.parties:
        story.append(_p("相手方の情報は、まだ入力されていません。", styles["body"]))
    for party in bundle.parties:
        rows = [("名乗った氏名・通称", "、".join(party.names)),
                ("国籍（自称）", party.claimed_nationality), ("職業（自称）", party.claimed_job)]
        rows += [(code_text("idkind", i.get("kind", "")), f"{i.get('value', '')}"
                  + (f"（{i['note']}）" if i.get("note") else "")) for i in party.identifiers]
        if party.note:
            rows.append(("備考", party.note))
        story += [_p(f"相手方 {party.id}", styles["h2"]),
                  _table([[_p(k, styles["head"]), _p(v, styles["body"])] for k, v in rows],
                         [45 * mm, 120 * mm], styles, header=False)]
    story.append(_p("送金先口座", styles["h2"]))
    rows = [[_p(h, styles["head"]) for h in ("No.", "金融機関", "支店", "種別", "口座番号", "名義（カナ）")]]
    for a in bundle.accounts:
        rows.append([_p(a.id, styles["cell"]), _p(f"{a.bank_name}（{a.bank_code}）" if a.bank_code else a.bank_name,
                                                   styles["cell"]),
                     _p(f"{a.branch_name}（{a.branch_code}）" if a.branch_code else a.branch_name, styles["cell"]),
                     _p(a.type, styles["cell"]), _p(a.number, styles["cell"]), _p(a.holder_kana, styles["cell"])])
    story.append(_table(rows, [10 * mm, 38 * mm, 38 * mm, 14 * mm, 24 * mm, 41 * mm], styles))
    return story




def _timeline(bundle: Bundle, styles, pages: dict) -> list:
    rows = [[_p(h, styles["head"]) for h in ("No.", "日時（日本時間）", "区分", "出来事", "手段", "金額", "証拠（頁）")]]
    for n, e in enumerate(bundle.timeline, 1):
        page = pages.get("ex:" + e.anchor) or pages.get("ex:" + e.anchor.split(":")[0]) if e.anchor else None
        rows.append([_p(str(n), styles["cell"]), _p(_two_lines(_when(e.time, e.approx)), styles["cell"]),
                     _p(e.category, styles["cell"]), _p(e.text, styles["cell"]), _p(e.means, styles["cell"]),
                     _p(_yen(e.amount), styles["cellr"]),
                     _p(f"{e.exhibit}（{page}頁）" if e.exhibit and page else e.exhibit, styles["cell"])])
    return _section("timeline", "時系列表（被害経過一覧）", styles) + [
        _p("各証拠から読み取れる事実を日時の順に並べたものです。日時は日本時間です。", styles["small"]), Spacer(1, 2 * mm),
        _table(rows, [8 * mm, 28 * mm, 15 * mm, 54 * mm, 20 * mm, 18 * mm, 22 * mm], styles)]


def _when(time: str | None, approx: bool = False) -> str:
    """A record's time as printed, with 頃 when the victim gave it as approximate."""
    return jptime.format_time(time) + ("頃" if approx and time else "")


def _two_lines(text: str) -> str:
    """令和6年5月1日 / (2024-05-01) 14:32: the era date above, the Western date and time below."""
    return text.replace(" (", "\n(", 1)


def _money(bundle: Bundle, styles, accounts: list) -> list:
    s = bundle.summary
    story = _section("money", "被害金一覧表（送金一覧）", styles)
    if not any(a.paid.rows for a in accounts):
        story.append(_p("送金は記録されていません。", styles["body"]))
    for a in accounts:
        story.append(_p(f"送金先 {a.account.id}: {account_text(a.account)}", styles["h2"]))
        rows = [[_p(h, styles["head"]) for h in ("No.", "送金日", "金額", "手数料", "送金元", "明細（行）", "確認")]]
        for n, row in enumerate(a.paid.rows, 1):
            src = row.tx.sources[0]
            ex = bundle.exhibit_of(src.item)
            rows.append([_p(str(n), styles["cell"]), _p(_two_lines(jptime.format_time(row.tx.time)), styles["cell"]),
                         _p(_yen(abs(row.tx.amount)), styles["cellr"]), _p(_yen(row.tx.attrs.get("fee")), styles["cellr"]),
                         _p(row.tx.own_account, styles["cell"]),
                         _p(f"{ex.label if ex else src.file}（{src.line}行目）", styles["cell"]),
                         _p("確認済" if row.status == "confirmed" else "推定", styles["cell"])])
        rows.append(["", _p("小計", styles["head"]), _p(_yen(a.paid.total), styles["cellr"]),
                     _p(_yen(a.paid.fees), styles["cellr"]), "", "", ""])
        story.append(_table(rows, [9 * mm, 40 * mm, 24 * mm, 16 * mm, 32 * mm, 30 * mm, 14 * mm], styles))
    totals = [("送金総額", _yen(s.paid.total)), ("相手方から受け取った額", _yen(s.received_back.total)),
              ("差引被害額", _yen(s.net_damage)),
              ("うち申告者が確認した送金に基づく額", _yen(s.net_damage_confirmed))]
    if bundle.audience == "bank":  # the bank's own figure first; the case's totals said to be the whole case's
        totals = [("上記口座への送金額", _yen(sum(a.paid.total for a in accounts))),
                  ("被害全体の送金総額（他の金融機関あてを含む）", totals[0][1]),
                  ("被害全体で相手方から受け取った額", totals[1][1]), ("被害全体の差引被害額", totals[2][1])]
    story += [Spacer(1, 4 * mm), _p("合計", styles["h2"]),
              _table([[_p(k, styles["head"]), _p(v, styles["cellr"])] for k, v in totals], [80 * mm, 40 * mm],
                     styles, header=False),
              Spacer(1, 2 * mm),
              _p("「確認済」は申告者が送金先口座に結び付けた明細の行、「推定」は名義の一致などから本アプリが"
                 "推定した行です。各行は証拠番号と行番号で元の明細ファイルまでたどれます。", styles["small"])]
    return story


def _freeze_sheet(bundle: Bundle, key: str, name: str, group: list, styles) -> list:
    """One bank's sheet (police-bundle.md section (c)): the accounts, every transfer to them, the
    other party, what was reported to the police, and what to bring."""
    def block(title, rows, widths=(45 * mm, 120 * mm)):
        return [_p(title, styles["h2"]),
                _table([[_p(k, styles["head"]), _p(v, styles["cell"])] for k, v in rows], list(widths), styles,
                       header=False)]

    story = _section(key, f"口座凍結・被害申出シート　{name}", styles)
    story.append(_p("振り込め詐欺救済法に基づく口座凍結・被害申出のための整理票です。空欄は申告者が記入してください。",
                    styles["small"]))
    r = _report(bundle, "reporter")
    story += block("A. 申出人（被害者）", [
        ("氏名・フリガナ", r.get("name", "") + (f"（{r['kana']}）" if r.get("kana") else "")), ("生年月日", ""),
        ("住所", r.get("address", "")), ("日中の連絡先", r.get("phone", "")), ("メールアドレス", r.get("email", ""))])
    for a in group:
        acc = a.account
        missing = [label for label, value in (("金融機関", acc.bank_name), ("支店", acc.branch_name), ("種別", acc.type),
                                              ("口座番号", acc.number), ("名義（カナ）", acc.holder_kana)) if not value]
        rows = [("金融機関名（コード）", f"{acc.bank_name}（{acc.bank_code}）" if acc.bank_code else acc.bank_name),
                ("支店名（支店番号）", f"{acc.branch_name}（{acc.branch_code}）" if acc.branch_code else acc.branch_name),
                ("預金種別", acc.type), ("口座番号", acc.number), ("口座名義（カナ）", acc.holder_kana)]
        if acc.yucho_symbol:
            rows.append(("ゆうちょ 記号番号", acc.yucho_symbol))
        if missing:
            rows.append(("不足している項目", "、".join(missing) + "（振込受付書・ATM の控え・相手の指示から補ってください）"))
        story += block(f"B. 振込先口座 {acc.id}", rows)
        head = [_p(h, styles["head"]) for h in ("振込日", "金額", "手数料", "振込元", "振込方法", "証拠")]
        lines = [head]
        for row in a.paid.rows:
            src = row.tx.sources[0]
            ex = bundle.exhibit_of(src.item)
            lines.append([_p(_two_lines(jptime.format_time(row.tx.time)), styles["cell"]),
                          _p(_yen(abs(row.tx.amount)), styles["cellr"]), _p(_yen(row.tx.attrs.get("fee")), styles["cellr"]),
                          _p(row.tx.own_account, styles["cell"]), _p("□ネット □窓口 □ATM", styles["cell"]),
                          _p(f"{ex.label if ex else src.file}（{src.line}行目）"
                             + ("" if row.status == "confirmed" else "\n推定（申告者未確認）"), styles["cell"])])
        lines.append(["", _p(f"計 {_yen(a.paid.total)}", styles["head"]), "", "", "", ""])
        story += [_p(f"C. 振込の明細（口座 {acc.id} あて、{len(a.paid.rows)} 件）", styles["h2"]),
                  _table(lines, [32 * mm, 24 * mm, 16 * mm, 35 * mm, 30 * mm, 28 * mm], styles)]
        receipts = [ex for ex in map(bundle.exhibit_of, bundle.receipts.get(acc.id, [])) if ex]
        if receipts:
            shown = "、".join(f"{ex.label}　{ex.title}" for ex in receipts)
            story += [Spacer(1, 1 * mm), _p(f"この口座への振込を示すその他の証拠: {shown}", styles["cell"])]
        story.append(_p("振込依頼人名を相手の指示で変えた場合は、その名前を余白に記入してください。", styles["small"]))
    names = "、".join(n for p in bundle.parties for n in p.names)
    contacts = "、".join(f"{code_text('idkind', i.get('kind', ''))} {i.get('value', '')}" for p in bundle.parties
                         for i in p.identifiers if i.get("kind") in ("line_id", "whatsapp", "phone", "email"))
    story += block("D. 被害の状況", [("手口の要約", ""), ("相手方の名乗った氏名", names), ("連絡手段", contacts),
                                      ("送金の名目", ""), ("被害に気付いた日時", "")])
    police = [a for a in bundle.actions if a.who == "police"]
    story += block("E. 捜査機関への申告状況", [(jptime.format_time(a.date), f"{a.organisation}　{a.what}　"
                                                  + (a.reference or "相談のみ・受理番号未取得")) for a in police]
                   or [("警察への届出", "未記録（受理番号を取得してから申し出ると手続きが進みやすくなります）")])
    story += block("F. 同意", [("情報提供への同意", "□ 上記の情報を警察、金融庁・財務局、他の金融機関に提供することに同意します。")])
    story += block("G. 添付資料", [("□", "振込受付書または明細の写し（本資料の証拠）"), ("□", "通帳の該当ページの写し"),
                                   ("□", "相手方とのやり取りの写し（振込の指示）"), ("□", "本人確認書類の写し")])
    return story


def _crypto(bundle: Bundle, styles) -> list:
    story = _section("crypto", "暗号資産取引一覧", styles)
    rows = [[_p(h, styles["head"]) for h in ("日時（日本時間 / UTC）", "銘柄・数量", "送付先アドレス", "TxID", "証拠")]]
    for send in bundle.summary.crypto:
        for s in send["sends"]:
            tx = s["tx"]
            ex = bundle.exhibit_of(tx.sources[0].item)
            rows.append([_p(_two_lines(jptime.format_time(tx.time)) + jptime.utc_text(tx.time), styles["cell"]),
                         _p(f"{send['asset']} {str(tx.attrs.get('quantity', '')).lstrip('-')}", styles["cell"]),
                         _p(tx.attrs.get("address") or "（明細に記載なし）", styles["mono"]),
                         _p(tx.attrs.get("txid") or "（明細に記載なし）", styles["mono"]),
                         _p(f"{ex.label}（{tx.sources[0].line}行目）" if ex else "", styles["cell"])])
    if len(rows) == 1:
        return story + [_p("暗号資産の送付は記録されていません。", styles["body"])]
    return story + [_table(rows, [40 * mm, 25 * mm, 40 * mm, 40 * mm, 20 * mm], styles)]


def _shown_in(bundle: Bundle, item_ids: list[str], pages: dict) -> str:
    """資料3（12頁）、資料5: the exhibits that show a record, with their pages."""
    shown = [ex for ex in map(bundle.exhibit_of, item_ids) if ex]
    return "、".join(f"{ex.label}（{pages['ex:' + ex.item_id]}頁）" if pages.get("ex:" + ex.item_id) else ex.label
                     for ex in shown)


def _acts(bundle: Bundle, styles, pages: dict) -> list:
    """The acts, the refusals, and what came after the first refusal (police-bundle.md (a) row 8)."""
    c = bundle.contacts
    story = _section("acts", ACTS_TITLE, styles)
    story.append(_p("申告者が記録した行為を日時の順に並べています。「行為の種類」は申告者が選んだもので、法律上の判断では"
                    "ありません（括弧内はストーカー規制法の対応する条文）。日時の後の「頃」は、おおよその日時であることを示します。",
                    styles["small"]))
    rows = [[_p(h, styles["head"]) for h in ("No.", "日時（日本時間）", "行為の種類", "場所・媒体", "内容", "証拠（頁）")]]
    for n, a in enumerate(acts.acts(bundle), 1):
        law = tr("act.law." + a.act_type)
        details = [a.description]
        for label, value in (("相手の特徴・アカウント・車両", a.offender), ("目撃者", a.witnesses), ("110番・相談", a.police)):
            if value or a.face_to_face:
                details.append(f"{label}: {value or '（記録なし）'}")
        rows.append([_p(str(n), styles["cell"]), _p(_two_lines(_when(a.time, a.approx)), styles["cell"]),
                     _p(tr("act.type." + a.act_type) + (f"\n（{law}）" if law else ""), styles["cell"]),
                     _p("\n".join(v for v in (a.place or ("（記録なし）" if a.face_to_face else ""), a.url) if v),
                        styles["cell"]),
                     _p("\n".join(details), styles["cell"]), _p(_shown_in(bundle, a.exhibits, pages), styles["cell"])])
    if len(rows) == 1:
        story.append(_p("行為はまだ記録されていません。", styles["body"]))
    else:
        story.append(_table(rows, [8 * mm, 27 * mm, 30 * mm, 27 * mm, 52 * mm, 21 * mm], styles))
    story.append(_p("拒否の意思表示", styles["h2"]))
    rows = [[_p(h, styles["head"]) for h in ("No.", "日時（日本時間）", "方法", "伝えた内容", "証拠（頁）")]]
    for n, r in enumerate(acts.refusals(bundle), 1):
        rows.append([_p(str(n), styles["cell"]), _p(_two_lines(_when(r.time, r.approx)), styles["cell"]),
                     _p(r.method, styles["cell"]), _p(r.content, styles["cell"]),
                     _p(_shown_in(bundle, [r.exhibit] if r.exhibit else [], pages), styles["cell"])])
    if len(rows) == 1:
        story.append(_p("拒否の意思表示は記録されていません。続けて送られる電話・メッセージは、拒否した後のものが"
                        "規制の対象になるため、拒否した日時・方法・内容が分かれば記録してください。", styles["body"]))
        return story
    story.append(_table(rows, [8 * mm, 27 * mm, 25 * mm, 84 * mm, 21 * mm], styles))
    first = c.refusal
    since = _when(first.time, first.approx) + ("（この日の翌日から数えています）" if "T" not in first.time else "")
    totals = [("最初の拒否の意思表示", since), ("その後に記録した行為", f"{c.acts_after} 件"),
              ("その後の相手方からの連絡", f"合計 {c.total} 件（メッセージ等 {sum(d.messages for d in c.days)} 件、"
                                      f"通話 {sum(d.calls for d in c.days)} 件、メール {sum(d.mails for d in c.days)} 件、"
                                      f"{len(c.days)} 日間）")]
    story += [_p("拒否の意思表示の後の相手方からの連絡", styles["h2"]),
              _table([[_p(k, styles["head"]), _p(v, styles["cell"])] for k, v in totals], [50 * mm, 115 * mm], styles,
                     header=False), Spacer(1, 2 * mm)]
    if c.days:
        rows = [[_p(h, styles["head"]) for h in ("日付", "メッセージ等", "通話", "メール", "計", "証拠")]]
        for d in c.days:
            rows.append([_p(jptime.format_time(d.day), styles["cell"])]
                        + [_p(str(n), styles["cellr"]) for n in (d.messages, d.calls, d.mails, d.total)]
                        + [_p("、".join(d.exhibits), styles["cell"])])
        story += [_table(rows, [50 * mm, 22 * mm, 16 * mm, 16 * mm, 16 * mm, 45 * mm], styles), Spacer(1, 2 * mm)]
    keys = "、".join(f"「{k}」" for k in c.keys) or "（相手方の名前・識別子が未入力です）"
    story.append(_p(
        f"数え方: トーク履歴の送信者名とメールの差出人が、相手方の名前・識別子として入力された {keys} のどれかと一致したもの"
        "（全角・半角、大文字・小文字、空白の違いは区別せず、電話番号は数字で比較）を、相手方からの連絡として数えています。"
        "メッセージ等には画像・スタンプ、送信取消・削除の表示を含みます。"
        + (f"数えた送信者: {'、'.join(c.counted)}。" if c.counted else "")
        + (f"拒否の後に現れた送信者のうち数えなかったもの: {'、'.join(c.not_counted)}。" if c.not_counted else ""),
        styles["small"]))
    return story


def _actions(bundle: Bundle, styles) -> list:
    rows = [[_p(h, styles["head"]) for h in ("日付", "相手先", "内容", "受理番号等")]]
    for a in bundle.actions:
        rows.append([_p(_two_lines(jptime.format_time(a.date)), styles["cell"]),
                     _p(f"{code_text('who', a.who)}　{a.organisation}", styles["cell"]),
                     _p(a.what, styles["cell"]), _p(a.reference, styles["cell"])])
    story = _section("actions", "これまでの対応状況", styles)
    if len(rows) == 1:
        return story + [_p("まだ記録されていません。", styles["body"])]
    return story + [_table(rows, [38 * mm, 45 * mm, 55 * mm, 27 * mm], styles)]


def _exhibit_list(bundle: Bundle, styles) -> list:
    rows = [[_p(h, styles["head"]) for h in ("号証", "標目", "原本・写し", "作成年月日", "作成者", "立証趣旨",
                                             "取得・保全情報")]]
    listed = [(ex.number, ex) for ex in bundle.exhibits] + list(bundle.withheld)
    spans = []
    for number, ex in sorted(listed, key=lambda e: [int(p) for p in e[0].split("-")]):
        if isinstance(ex, str):  # a number given at an earlier export, to an item since left out
            spans.append(len(rows))
            rows.append([_p(ex, styles["cell"]), _p(WITHHELD, styles["cell"]), "", "", "", "", ""])
            continue
        rows.append([_p(ex.label + ("\n（重要）" if ex.key else ""), styles["cell"]), _p(ex.title, styles["cell"]),
                     _p(ex.copy, styles["cell"]), _p(_made(ex.made), styles["cell"]), _p(ex.author, styles["cell"]),
                     _p(ex.purpose, styles["cell"]), _p(_kept(ex), styles["cell"])])
    notes = []
    if any(ex.key for ex in bundle.exhibits):
        notes.append("号証の下の「（重要）」は、申告者が特に重要と考える証拠です。")
    if bundle.withheld:
        notes.append(f"「{WITHHELD}」の番号は、以前に出力した資料でその証拠に付けた番号です。申告者がこの資料から外したため"
                     "本体は載せていませんが、番号を付け直すことはしていません。")
    table = _table(rows, [13 * mm, 36 * mm, 11 * mm, 27 * mm, 23 * mm, 27 * mm, 28 * mm], styles)
    table.setStyle(TableStyle([("SPAN", (1, r), (-1, r)) for r in spans]))
    return _section("list", "証拠目録（証拠説明書）", styles) + [
        _p(f"証拠は {len(bundle.exhibits)} 点です。証拠本体では、各証拠の最初のページに元のファイル名、SHA-256 ハッシュ値、"
           "日時とその出所を記載しています。フォントにない文字（絵文字など）と制御文字は、〔U+1F600〕のように"
           "文字コードで示しています。" + "".join(notes), styles["small"]), Spacer(1, 2 * mm), table]


WITHHELD = "欠番（提出対象外）"


def _kept(ex: Exhibit) -> str:
    """The 備考 column: how the item was taken in and kept (spec (b))."""
    item = ex.item
    return f"電子データを取り込み保存（{item['imported_at'][:10]}）。SHA-256 {item['sha256'][:12]}…（付録）"


def _made(made: str) -> str:
    if not made:
        return "不明"
    first, _, last = made.partition("〜")
    text = jptime.format_time(first)
    return f"{text}〜{jptime.format_time(last)}" if last else text


# -- exhibits ------------------------------------------------------------------------------------

TIME_SOURCE_JA = {"exif": "画像の Exif（撮影日時）", "exif-offset": "画像の Exif（撮影日時と時差）",
                  "png-text": "PNG に記録された日時", "file-name": "ファイル名", "chat-line": "トーク履歴の各行",
                  "statement": "明細の日付", "date-header": "メールの Date 行", "none": "不明"}


def _exhibit(case, bundle: Bundle, ex: Exhibit, styles, first: bool = False) -> list:
    item = ex.item
    rows = [("証拠番号", ex.label), ("標目", ex.title), ("原本・写しの別", f"{ex.copy}（原本は電子データ）"),
            ("作成者", ex.author or "不明"), ("立証趣旨", ex.purpose),
            ("日時", f"{jptime.format_time(ex.time)}（出所: {TIME_SOURCE_JA.get(ex.time_source, ex.time_source)}）"),
            ("元のファイル名", item["original_name"]), ("大きさ", f"{item['size']:,} バイト"),
            ("SHA-256", item["sha256"]), ("取り込み日時", jptime.format_time(item["imported_at"], seconds=True))]
    container = bundle.exhibit_of(item["container"]) if item.get("container") else None
    if container is not None:  # a file that came inside a chat export: trace it to that exhibit
        rows.insert(7, ("入手元", f"{container.label}（{container.item['original_name']}）に含まれていたファイル"))
    zone = (item.get("parsed") or {}).get("zone")
    if ex.kind == "chat" and zone:  # chat exports carry no offset: say which clock the times are
        offset = jptime.offset_text(ex.time) if ex.time else ""
        rows.insert(6, ("時刻の基準", f"{zone}{f'（{offset}）' if offset else ''}。トーク履歴には時差の記載がないため、"
                                     "この時間帯の時刻として読み取っています。"))
    _shown_by_code.codes = set()
    try:
        body = [] if ex.kind == "image" else _body(case, bundle, ex, styles)  # first: what it prints by code
        for _, value in rows:
            _note_codes(value)
        codes = sorted(_shown_by_code.codes)
    finally:
        _shown_by_code.codes = None
    if codes:  # say so where the reader meets it: on the exhibit's first page
        listed = "".join(f"〔U+{c:04X}〕" for c in codes[:CODES_LISTED])
        more = f" ほか {len(codes) - CODES_LISTED} 種類" if len(codes) > CODES_LISTED else ""
        rows.append(("文字の表示", f"この資料のフォントにない文字と制御文字（{len(codes)} 種類: {listed}{more}）は、"
                                  "文字の代わりに〔U+1F600〕のような文字コードで示しています。元のデータは変えていません。"))
    strip = functools.partial(_strip, rows, styles)
    story = [PageBreak(), *([_Anchor("exhibits", "証拠本体", 0)] if first else []),
             _Anchor("ex:" + ex.item_id, f"{ex.label}　{ex.title}", 1, exhibit=ex.label), _Deferred(strip),
             Spacer(1, 4 * mm)]
    if ex.kind == "image":
        return story + _image(case, ex, styles, strip().wrap(A4[0] - LEFT - RIGHT, A4[1])[1] + 4 * mm)
    return story + body


def _strip(rows: list[tuple[str, str]], styles) -> Table:
    """An exhibit's header: what it is, where it came from, its hash."""
    return _table([[_p(k, styles["head"]), _p(v, styles["mono"] if k == "SHA-256" else styles["cell"])] for k, v in rows],
                  [32 * mm, 133 * mm], styles, header=False)


CODES_LISTED = 12  # the codes an exhibit's header lists; the rest are counted


def _body(case, bundle: Bundle, ex: Exhibit, styles) -> list:
    """What an exhibit that is not an image prints below its header."""
    if ex.kind == "chat":
        return _transcript(case, ex, styles)
    if ex.kind == "statement":
        return _statement(case, bundle, ex, styles)
    if ex.kind == "email":
        return _email(case, ex, styles)
    if (text := _plain_text(case, ex.item)) is not None:
        lines = text.splitlines()
        return [_p(f"（ファイルの文字をそのまま印刷しています。文字コード UTF-8、{len(lines)} 行）", styles["small"])] + [
            _p("\n".join(lines[n:n + 40]), styles["body"]) for n in range(0, len(lines), 40)]
    return [_p("このファイルは印刷できない形式のため、内容は元のファイルでご確認ください"
               "（ハッシュ値で同一性を確認できます）。", styles["body"])]


PLAIN_TEXT_LIMIT = 200_000  # bytes: a longer text file is left to the original


def _plain_text(case, item: dict) -> str | None:
    """The text of a file that no importer read but that is plain UTF-8 text (a memo), else None."""
    if item["size"] > PLAIN_TEXT_LIMIT or not (item.get("mime") or "").startswith("text/"):
        return None
    try:
        text = read_item(case, item["id"]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text.removeprefix("\ufeff")


def _image(case, ex: Exhibit, styles, above: float) -> list:
    """The whole image, uncropped, as large as the page allows (never enlarged beyond 2x). An image so
    tall that it would print narrower than 40% of the page (a scrolling screenshot of a chat) is printed
    page-wide in consecutive slices instead, one page each, numbered, nothing left out."""
    attrs = (case.records(ex.item_id) or [{}])[0].get("attrs") or {}
    width, height = attrs.get("width"), attrs.get("height")  # as shown: EXIF orientation applied
    if not width or not height:
        return [_p(UNREADABLE_IMAGE, styles["body"])]
    frame_w, page_h = A4[0] - LEFT - RIGHT, A4[1] - TOP - BOTTOM
    frame_h = page_h - above - 2 * mm  # below the exhibit's strip (`above`: its height and the space after it)
    scale = min(frame_w / width, frame_h / height, 2.0)
    wide = min(frame_w / width, 2.0)
    if width * scale >= frame_w * 0.4 or height * wide <= frame_h:  # 0.4: about a phone's own width, up to 3:1
        return [_Picture(case, ex.item_id, width * scale, height * scale)]
    caption = styles["small"].leading + 2
    cuts, top, room = [], 0, frame_h - caption
    while top < height:
        rows = max(int(room // wide), 1)
        cuts.append((top, min(top + rows, height)))
        top, room = top + rows, page_h - caption - 2
    story = []
    for n, (a, b) in enumerate(cuts, 1):
        story.append(_Picture(case, ex.item_id, width * wide, (b - a) * wide, crop=(a, b)))
        note = f"（画像 1/{len(cuts)}。次のページに続きます）" if n == 1 else f"（画像の続き {n}/{len(cuts)}）"
        story.append(_p(note, styles["small"]))
    return story


class _Picture(Flowable):
    """An exhibit image (or the rows `crop` of it), read from the case only when the page is really drawn,
    and its pixels only when the PDF is written (`_ImageXObject`): the PDF being made never holds more
    than one image's pixels at a time."""

    def __init__(self, case, item_id: str, width: float, height: float, crop: tuple[int, int] | None = None):
        super().__init__()
        self.case, self.item_id, self.width, self.height, self.crop = case, item_id, width, height, crop
        self.hAlign = "CENTER"

    def wrap(self, *_):
        return self.width, self.height

    def draw(self):
        if self.canv._doctemplate.draft:
            return
        doc = self.canv._doc
        name = f"evidence-{self.item_id}" + (f"-{self.crop[0]}-{self.crop[1]}" if self.crop else "")
        if not doc.hasForm(name):
            try:
                image = _ImageXObject(name, self.case, self.item_id, self.crop)
            except (OSError, SyntaxError, ValueError):  # what Pillow raises for a file it cannot decode
                self._unreadable()
                return
            doc.addForm(name, image)
        self.canv.saveState()
        self.canv.scale(self.width, self.height)  # an image XObject fills the unit square
        self.canv.doForm(name)
        self.canv.restoreState()

    def _unreadable(self) -> None:
        """The place the image would take, framed, with the reason it is not there."""
        canv, style = self.canv, self.canv._doctemplate.styles["body"]
        canv.saveState()
        canv.setStrokeColor(LINE)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        text = Paragraph(UNREADABLE_IMAGE, style)
        _, h = text.wrap(max(self.width - 6 * mm, 40 * mm), self.height)
        text.drawOn(canv, 3 * mm, max(self.height - h - 3 * mm, 0))
        canv.restoreState()


UNREADABLE_IMAGE = "この画像は読み取れないため、印刷できません。元のファイルでご確認ください。"


class _ImageXObject(pdfdoc.PDFImageXObject):
    """An exhibit image in the PDF. Made when its page is drawn, from the image read whole (so that a
    damaged file is found then, and printed as unreadable), but keeping only its size; its pixels are
    read again and written when ReportLab writes this object, then let go.

    A JPEG that needs no change goes in as it is (DCTDecode); anything else (PNG, HEIC, WebP, a turned
    photo, a transparent image, a slice, 16-bit grey) as its upright RGB or grey pixels, compressed
    (FlateDecode), on white paper: drawn as it is, a transparent background prints black and hides
    black text."""

    def __init__(self, name: str, case, item_id: str, crop: tuple[int, int] | None):
        self.name, self.case, self.item_id, self.crop = name, case, item_id, crop
        self.mask, self.bitsPerComponent, self._content = None, 8, None
        jpeg, shown = self._shown()
        self.width, self.height = shown.size
        self.colorSpace = "DeviceGray" if shown.mode == "L" else "DeviceRGB"
        self._filters = ("DCTDecode",) if jpeg else ("FlateDecode",)
        del shown

    @property
    def streamContent(self) -> bytes:  # what PDFImageXObject.format writes
        return self._content

    def format(self, document):
        jpeg, shown = self._shown()
        self._content = jpeg or zlib.compress(shown.tobytes())
        try:
            return super().format(document)
        finally:
            self._content = None

    def _shown(self):
        """(the JPEG's bytes when they go in as they are, else None; the image as printed)."""
        from PIL import Image as PILImage
        from PIL import ImageOps

        data = read_item(self.case, self.item_id)
        with PILImage.open(io.BytesIO(data)) as img:
            img.load()  # a file cut short or damaged fails here
            if (img.format == "JPEG" and img.mode in ("L", "RGB") and img.getexif().get(0x0112, 1) == 1
                    and not self.crop):
                return data, img
            see_through = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
            shown = ImageOps.exif_transpose(img)
            if shown.mode.startswith("I"):  # 16/32-bit grey: Pillow's own conversion clips it to white
                shown = shown.convert("I").point(lambda v: v / 256).convert("L")
            if see_through:
                rgba = shown.convert("RGBA")
                shown = PILImage.new("RGB", rgba.size, (255, 255, 255))
                shown.paste(rgba, mask=rgba.getchannel("A"))
            if self.crop:
                shown = shown.crop((0, self.crop[0], shown.width, self.crop[1]))
            return None, shown if shown.mode == "L" else shown.convert("RGB")


def _transcript(case, ex: Exhibit, styles) -> list:
    """The chat as it reads: a line per day, then each message with its time and sender, exact text."""
    story: list = []
    rows: list = []
    marks: list[int] = []

    def flush():
        if rows:
            story.append(_Deferred(functools.partial(_chat_table, list(rows), list(marks), styles)))
            rows.clear()
            marks.clear()

    day = None
    for r in case.records(ex.item_id):
        if r["type"] in ("header", "blank", "date"):
            continue
        when = r.get("time") or ""
        if when[:10] != day and when:
            flush()
            day = when[:10]
            story += [CondPageBreak(20 * mm), _Anchor(f"ex:{ex.item_id}:{day}"),
                      _p(f"― {jptime.format_time(day)} ―", styles["day"])]
        text = r.get("text") if r.get("text") is not None else "\n".join(r.get("raw") or [])
        kind = {"unsent": "【送信取消】", "deleted": "【削除】", "system": "【表示】", "call": "【通話】",
                "media": "【添付】", "unparsed": "【読み取れない行】"}.get(r["type"], "")
        if r["type"] in ("unsent", "deleted", "unparsed"):
            marks.append(len(rows))
        sender = r.get("sender") or ""
        _note_codes(sender + text)  # for the exhibit's header, made before the table is
        rows.append((when[11:16], sender, kind + text if kind else text))
        if len(rows) >= CHAT_ROWS_PER_TABLE:
            flush()
    flush()
    return story


def _chat_table(rows: list[tuple[str, str, str]], marks: list[int], styles) -> Table:
    """(time, sender, text) rows of a chat as a table."""
    cells = []
    for when, sender, text in rows:
        if stringWidth(sender, styles["cell"].fontName, styles["cell"].fontSize) > SENDER_WIDTH or _xml(sender) != sender:
            sender = _p(sender, styles["cell"])  # a long or unusual name wraps; the common short one is a plain cell
        cells.append([when, sender, _p(text, styles["cell"])])
    table = _table(cells, [16 * mm, 30 * mm, 119 * mm], styles, header=False, marks=marks)
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (1, -1), styles["cell"].fontSize)]))
    return table


def listed_lines(bundle: Bundle, item_id: str) -> set[int]:
    """The lines of a statement that this bundle lists (money list, crypto list): the ones marked.
    A bank's bundle lists the transfers to that bank only, so only those are marked."""
    if bundle.audience == "bank":
        txs = [r.tx for _, group in bundle.banks for a in group for r in a.paid.rows + a.received.rows]
    else:
        txs = [r.tx for r in bundle.summary.paid.rows + bundle.summary.received_back.rows]
        txs += [s["tx"] for send in bundle.summary.crypto for s in send["sends"]]
    return {tx.sources[0].line for tx in txs if tx.sources[0].item == item_id}


def _statement(case, bundle: Bundle, ex: Exhibit, styles) -> list:
    records = [r for r in case.records(ex.item_id) if r["type"] == "transaction"]
    for r in records:
        _note_codes(f"{r.get('time_raw') or ''}{r['attrs'].get('description') or r.get('text') or ''}")
    return [_Deferred(functools.partial(_statement_table, records, listed_lines(bundle, ex.item_id), ex, styles)),
            _p("色付きの行は、被害金一覧表または暗号資産取引一覧に載せた行です。", styles["small"])]


def _statement_table(records: list[dict], linked: set[int], ex: Exhibit, styles) -> Table:
    head = [_p(h, styles["head"]) for h in ("行", "日付", "内容", "出金", "入金", "残高")]
    rows, marks = [head], []
    for r in records:
        a = r["attrs"]
        amount = a.get("amount")
        out = _yen(-amount) if amount is not None and amount < 0 else ""
        inn = _yen(amount) if amount is not None and amount >= 0 else ""
        if amount is None and a.get("quantity"):
            qty = str(a["quantity"])
            out, inn = (qty.lstrip("-") + " " + a.get("asset", ""), "") if qty.startswith("-") else \
                ("", qty + " " + a.get("asset", ""))
        line = _p(str(r["line"]), styles["cell"])
        if r["line"] in linked:  # the timeline and the money list point to the page this row is on
            marks.append(len(rows))
            line = [_Anchor(f"ex:{ex.item_id}:line:{r['line']}"), line]
        rows.append([line, _p(r.get("time_raw") or "", styles["cell"]),
                     _p(a.get("description") or r.get("text") or "", styles["cell"]), _p(out, styles["cellr"]),
                     _p(inn, styles["cellr"]), _p(_yen(a.get("balance")), styles["cellr"])])
    return _table(rows, [10 * mm, 26 * mm, 61 * mm, 23 * mm, 23 * mm, 22 * mm], styles, marks=marks)


def _email(case, ex: Exhibit, styles) -> list:
    r = (case.records(ex.item_id) or [{}])[0]
    attrs = r.get("attrs") or {}
    rows = [("差出人", r.get("sender") or ""), ("宛先", attrs.get("to") or ""), ("日時", attrs.get("date_raw") or r.get("time_raw") or ""),
            ("件名", attrs.get("subject") or ""), ("Message-ID", attrs.get("message_id") or "")]
    for hop in attrs.get("received") or []:
        rows.append(("Received", hop))
    return [KeepTogether(_table([[_p(k, styles["head"]), _p(v, styles["cell"])] for k, v in rows],
                                [32 * mm, 133 * mm], styles, header=False)),
            Spacer(1, 4 * mm), _p(r.get("text") or "", styles["body"])]


def read_item(case, item_id: str) -> bytes:
    """An item's original bytes, decrypted in memory."""
    with open(case.path / layout.item_blob(item_id), "rb") as f:
        return age.PlaintextReader(f, [case.identity()]).read()


# -- integrity -----------------------------------------------------------------------------------

def _integrity(bundle: Bundle, styles, created: datetime) -> list:
    info = bundle.integrity
    rows = [[_p(h, styles["head"]) for h in ("号証", "ファイル名・取り込み日時（UTC）", "SHA-256")]]
    numbers = {ex.item_id: ex.label for ex in bundle.exhibits}
    order = {ex.item_id: n for n, ex in enumerate(bundle.exhibits)}
    # the exhibits of this bundle: a bank is not shown the names of every file in the case, and an
    # item the victim left out is not named either (it may be private)
    items = [i for i in info["items"] if i["id"] in numbers]
    for i in sorted(items, key=lambda i: (order.get(i["id"], len(order)), i["seq"])):
        rows.append([_p(numbers.get(i["id"], ""), styles["cell"]), _p(f"{i['name']}\n{i['imported_at']}", styles["cell"]),
                     _p(i["sha256"], styles["mono"])])
    log = [("記録の件数", f"{info['entries']} 件"), ("最初の記録", info["first_time"] or ""),
           ("最後の記録", info["last_time"] or ""), ("最新の記録の SHA-256", info["head_sha256"])]
    return _section("integrity", "付録　完全性・保全記録", styles) + [
        _p("各証拠の SHA-256 ハッシュ値", styles["h2"]),
        _table(rows, [14 * mm, 56 * mm, 95 * mm], styles),
        *([_p(f"ケースには、この資料に含めていないファイルがほかに {len(info['items']) - len(items)} 件あります。",
              styles["small"])] if len(items) < len(info["items"]) else []),
        _p("保全記録（カストディ・ログ）", styles["h2"]),
        _table([[_p(k, styles["head"]), _p(v, styles["mono"])] for k, v in log], [45 * mm, 120 * mm], styles,
               header=False),
        *_checkpoint(info.get("checkpoint"), styles),
        *_timestamps(info.get("timestamps", []), styles),
        Spacer(1, 3 * mm),
        _p("確認のしかた", styles["h2"]),
        _p("元のファイルの SHA-256 を計算し（Windows: PowerShell の Get-FileHash、macOS: shasum -a 256、"
           "Linux: sha256sum）、上の表の値と一致すれば、そのファイルは取り込んだ時から変わっていません。"
           "ケースフォルダ全体は「evidence-kit verify --deep ケースフォルダ」で検査できます。"
           "ハッシュ値が示すのは取り込み以降に変更がないことであり、取り込み前の来歴を示すものではありません。",
           styles["body"])]


def _timestamps(tokens: list[dict], styles) -> list:
    """RFC 3161 tokens a timestamp authority gave earlier checkpoints: they show the log existed by then,
    on a clock other than this computer's."""
    head = _p("第三者による時刻認証（RFC 3161 タイムスタンプ）", styles["h2"])
    if not tokens:
        return [head, _p("時刻認証局のタイムスタンプが付いたチェックポイントはまだありません。記録の日時は、このパソコンの"
                         "時計によるものです（依頼ファイルは「evidence-kit timestamp requests」で書き出せます）。", styles["small"])]
    rows = [[_p(h, styles["head"]) for h in ("チェックポイント", "認証された時刻", "時刻認証局", "確認結果")]]
    for t in tokens:
        rows.append([_p(t["checkpoint"], styles["mono"]),
                     _p(f"{t['gen_time_jst']}\n{t['gen_time_utc']}", styles["cell"]), _p(t["tsa"], styles["cell"]),
                     _p(t["status_text"], styles["cell"])])
    return [head, _p("次のチェックポイントは、時刻認証局が示す時刻にすでに存在していました。トークンはケースフォルダの "
                     "custody/checkpoints にあり、「openssl ts -verify -data チェックポイント -in トークン -CAfile 認証局の証明書」"
                     "で確かめられます。", styles["small"]),
            _table(rows, [55 * mm, 40 * mm, 40 * mm, 30 * mm], styles),
            *[_p(f"SHA-256 {t['sha256']}  {t['checkpoint']}", styles["mono"]) for t in tokens]]


def _checkpoint(facts: dict | None, styles) -> list:
    """The checkpoint signed for this export: its statement, and the commands that check it."""
    if not facts:
        return []
    commands = [
        "openssl pkeyutl -verify -pubin -inkey {pem} -rawin -in {txt} -sigfile {sig}",
        "ssh-keygen -Y verify -f {signers} -I {principal} -n evidence-case-checkpoint -s {sshsig} < {txt}",
    ]
    return [
        _p("出力時のチェックポイント（電子署名）", styles["h2"]),
        _p("この資料を出力する直前に、保全記録全体に対する署名を作成しました。ケースフォルダの中の次の文書と署名で、"
           "記録がその後変えられていないことを確かめられます（コマンドはケースフォルダで実行します）。", styles["small"]),
        Spacer(1, 1 * mm),
        _table([[_p(facts["statement"].strip(), styles["mono"])]], [165 * mm], styles, header=False),
        _table([[_p(k, styles["head"]), _p(v, styles["mono"])] for k, v in (
            ("文書", facts["txt"]), ("文書の SHA-256", facts["sha256"]), ("Ed25519 署名", facts["sig"]),
            ("SSH 形式の署名", facts["sshsig"]), ("公開鍵", f"{facts['pem']}、{facts['signers']}"),
            ("タイムスタンプ要求", f"{facts['tsq']}（RFC 3161。時刻認証局で押印を受けると、この時刻に存在したことを示せます）"))],
            [45 * mm, 120 * mm], styles, header=False),
        Spacer(1, 1 * mm),
        *[_p(c.format(**facts), styles["mono"]) for c in commands],
    ]
