"""The timeline: every event of the case in one chronological view. Chat messages are bubbles (the
other party on the left, the victim on the right when the sender can be told), with the sender, the
time and the exact text; unsent and deleted messages say so. Transfers, crypto sends, screenshots,
e-mails, the victim's actions and files are cards. A line with the day separates the days; what has
no time comes last, with the reason.

A QListView over a flat model with a painting delegate: only the rows on screen are painted and row
heights are worked out in batches, so a chat of 20,000 messages scrolls smoothly. Double-click or
Enter on a row tells which item it came from (`item_selected`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QToolTip, QWidget

from ...core import timeline as tl
from ...core.timeline import Event
from ...i18n import MESSAGES
from ..lang import tr
from ..session import Session
from .common import source_text, yen
from .filters import FilteredView

ENTRY_ROLE = Qt.UserRole + 1
PAD, GAP, RADIUS = 10, 6, 10
BUBBLE_SHARE = 0.72  # a bubble is at most this part of the width
THUMB = 72
COLOURS = {  # background, accent
    "other": ("#f1f3f4", None), "self": ("#dcf3d8", None), "unknown": ("#eef1f6", None),
    # money: what is counted as lost (red) or paid back (green) stands out; other rows are quiet
    "money_paid": ("#fff4f2", "#c0392b"), "money_back": ("#f1f8f1", "#2e7d32"), "money": ("#f6f7f9", "#8a8f98"),
    "crypto": ("#fff8ec", "#d98b00"),
    "image": ("#f0f5fc", "#2f6fb3"), "email": ("#f6f1fb", "#7b4fa8"), "action": ("#eef7f7", "#2f6f73"),
    "act": ("#fbf0f0", "#8e2c2c"), "refusal": ("#f3f3f8", "#4a4a8a"), "file": ("#f5f5f5", "#888888"),
}


@dataclass
class Block:
    """What one row shows: lines of text in a style, where, in which colours, maybe a picture."""

    lines: list[tuple[str, str]]  # (text, style): head | title | body | muted | italic
    align: str = "full"  # left | right | center | full
    background: str = "#ffffff"
    accent: str | None = None
    pixmap: QPixmap | None = None


@dataclass
class Layout:
    height: int
    box: QRect
    lines: list[tuple[QRect, str, str]] = field(default_factory=list)
    picture: QRect | None = None


class TimelineModel(QAbstractListModel):
    """Rows: ("day", date), ("undated", None) or ("event", Event)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[tuple[str, object]] = []

    def set_events(self, evs: list[Event]) -> None:
        self.beginResetModel()
        self.entries = entries_of(evs)
        self.endResetModel()

    def events(self) -> list[Event]:
        return [value for kind, value in self.entries if kind == "event"]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        kind, value = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return self.entries[index.row()]
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            if kind == "day":
                return day_text(value)
            if kind == "undated":
                return tr("views.tl_undated")
            return "\n".join(text for text, _ in block_of(value, None).lines)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        if self.entries[index.row()][0] != "event":
            return Qt.ItemIsEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable


def entries_of(evs: list[Event]) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    day: date | None = None
    undated = False
    for ev in evs:
        if ev.at is None:
            if not undated:
                out.append(("undated", None))
                undated = True
        elif ev.at.date() != day:
            day = ev.at.date()
            out.append(("day", day))
        out.append(("event", ev))
    return out


def day_text(day: date) -> str:
    weekday = tr("views.weekdays").split(",")[day.weekday()]
    month = tr("views.months").split(",")[day.month - 1]
    return tr("views.day", year=day.year, month=day.month, day=day.day, weekday=weekday, month_name=month)


# -- what each event shows -----------------------------------------------------------------------

def block_of(ev: Event, store) -> Block:
    """The lines of one event (store: for thumbnails; None for text only)."""
    if ev.kind == "message":
        return _bubble(ev, store)
    colours = COLOURS.get(_colour_key(ev), COLOURS["file"])
    head = tl.short_time(ev.time) if ev.time else tr(f"views.reason_{ev.reason}") if ev.reason else tr("views.no_time")
    lines = [(head, "head")] + _card_lines(ev)
    if ev.kind not in ("action", "act", "refusal"):
        place = _place(ev)
        lines.append((f"{source_text(ev.source)} ・ {place}" if ev.source else place, "muted"))
    picture = store.thumbnail(ev.item, THUMB) if store is not None and ev.kind == "image" else None
    return Block(lines, "full", colours[0], colours[1], picture)


def tooltip(ev: Event) -> str:
    """When, where the time came from, where it was read (made when the pointer rests on a row)."""
    return tr("views.tl_tip", time=tl.short_time(ev.time) or tr("views.no_time"),
              source=source_text(ev.source) if ev.source else "-", place=_place(ev))


def _colour_key(ev: Event) -> str:
    if ev.kind == "money":
        role = ev.attrs.get("role")
        return f"money_{role}" if role in ("paid", "back") and ev.attrs.get("mark") != "not_scam" else "money"
    return ev.kind


def _place(ev: Event) -> str:
    """Where it was read: 「line_chat_ken.txt 5行目」, or 「あなたが入力」."""
    name = ev.attrs.get("sources", [(None, "", None)])[0][1] if ev.attrs.get("sources") else ev.attrs.get("name", "")
    if ev.item is None or ev.kind in ("action", "act", "refusal"):
        return tr("views.tl_entered")
    if ev.kind == "message":
        name = ev.attrs.get("chat") or ""
        return tr("views.tl_place_line", name=f"{ev.attrs.get('platform', '')} {name}".strip(), line=ev.line)
    if ev.line:
        return tr("views.tl_place_line", name=name, line=ev.line)
    return name


def _bubble(ev: Event, store) -> Block:
    clock = ev.time[11:16] if ev.time and "T" in ev.time else tl.short_time(ev.time)
    if ev.sub == "system":
        return Block([(f"{clock}  {ev.text}", "muted")], "center", "#ffffff", None, None)
    side = ev.side or "unknown"
    head = f"{ev.who or tr('views.tl_sender_unknown')}  {clock}" if ev.time else \
        f"{ev.who or tr('views.tl_sender_unknown')}  {tr('views.reason_' + ev.reason)}"
    lines = [(head, "head")]
    if ev.sub in ("unsent", "deleted"):
        lines.append((tr(f"views.tl_{ev.sub}"), "title"))
        lines.append((ev.text, "italic"))
    elif ev.sub == "unparsed":
        lines.append((tr("views.tl_unparsed"), "title"))
        lines.append((ev.text, "italic"))
    else:
        lines.append((ev.text, "body"))
    picture = store.thumbnail(ev.attrs.get("attachment_item"), THUMB) if store is not None else None
    return Block(lines, "right" if side == "self" else "left", COLOURS[side][0], None, picture)


def _card_lines(ev: Event) -> list[tuple[str, str]]:
    a = ev.attrs
    if ev.kind == "money":
        word = tr("views.tl_money_in") if ev.sub == "in" else tr("views.tl_money_out")
        lines = [(f"{word}  {yen(ev.amount)}", "title")]
        other = a.get("account") or ev.who
        if other:
            lines.append((tr("views.tl_from" if ev.sub == "in" else "views.tl_to", who=other), "body"))
        if ev.fee:
            lines.append((tr("views.tl_fee", fee=yen(ev.fee)), "body"))
        status = _money_status(a)
        if status:
            lines.append((status, "italic"))
        if ev.text:
            lines.append((tr("views.tl_statement_text", text=ev.text), "muted"))
        return lines
    if ev.kind == "crypto":
        quantity = str(a.get("quantity") or "").lstrip("-")
        word = tr("views.tl_crypto_send") if ev.sub == "send" else a.get("tx_type") or tr("views.tl_crypto_other")
        lines = [(tr("views.tl_crypto", what=word, quantity=quantity, asset=a.get("asset") or ""), "title")]
        for key in ("address", "txid"):
            if a.get(key):
                lines.append((tr(f"views.tl_{key}", value=a[key]), "body"))
        if ev.text:
            lines.append((tr("views.tl_statement_text", text=ev.text), "muted"))
        return lines
    if ev.kind == "image":
        word = tr("views.tl_photo_in_chat") if a.get("container") else tr("views.tl_image")
        return [(f"{word}  {a.get('name', '')}", "title")]
    if ev.kind == "email":
        return [(tr("views.tl_email", subject=ev.text or "-"), "title"), (tr("views.tl_email_from", who=ev.who), "body")]
    if ev.kind == "action":
        key = f"money.who_{ev.sub}"
        who = tr(key) if key in MESSAGES else ev.sub
        lines = [(tr("views.tl_action", who=who), "title"), (f"{ev.who} {ev.text}".strip(), "body")]
        if a.get("reference"):
            lines.append((tr("views.tl_reference", reference=a["reference"]), "body"))
        return lines
    if ev.kind == "act":
        key = f"act.type.{ev.sub}"
        lines = [(tr("views.tl_act", what=tr(key) if key in MESSAGES else ev.sub), "title"), (ev.text, "body")]
        lines += [(tr(f"views.tl_act_{name}", value=a[name]), "muted") for name in ("place", "offender") if a.get(name)]
        return lines
    if ev.kind == "refusal":
        return [(tr("views.tl_refusal", how=a.get("method") or "-"), "title"), (ev.text, "body")]
    return [(tr("views.tl_file", name=a.get("name") or ev.text), "title")]


def _money_status(a: dict) -> str:
    if a.get("mark") == "not_scam":
        return tr("views.tl_not_scam")
    if a.get("role") and a.get("status"):
        return tr(f"views.tl_{a['role']}_{a['status']}")
    return ""


# -- painting ------------------------------------------------------------------------------------

def _make_fonts(base: QFont) -> dict[str, QFont]:
    fonts = {}
    for style in ("head", "title", "body", "muted", "italic", "day"):
        f = QFont(base)
        if style in ("head", "muted"):
            f.setPointSizeF(max(base.pointSizeF() * 0.85, 7))
        if style in ("title", "day"):
            f.setBold(True)
        if style == "italic":
            f.setItalic(True)
        fonts[style] = f
    return fonts


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self._cache: dict[tuple[int, int], tuple[Block | None, Layout]] = {}
        self._font_sets: dict[str, tuple[dict[str, QFont], dict[str, QFontMetrics]]] = {}

    def clear(self) -> None:
        self._cache.clear()

    def _fonts(self, base: QFont) -> dict[str, QFont]:
        return self._font_set(base)[0]

    def _font_set(self, base: QFont) -> tuple[dict[str, QFont], dict[str, QFontMetrics]]:
        key = base.key()
        if key not in self._font_sets:
            fonts = _make_fonts(base)
            self._font_sets[key] = (fonts, {style: QFontMetrics(f) for style, f in fonts.items()})
        return self._font_sets[key]

    def _get(self, index, option) -> tuple[Block | None, Layout]:
        view = self.parent()
        width = max(view.viewport().width() if isinstance(view, QListView) else option.rect.width(), 200)
        key = (index.row(), width)
        if key not in self._cache:
            kind, value = index.data(ENTRY_ROLE)
            fonts, metrics = self._font_set(option.font)
            if kind == "event":
                block = block_of(value, self.store)
                self._cache[key] = (block, _layout(block, width, metrics))
            else:
                text = day_text(value) if kind == "day" else tr("views.tl_undated")
                height = metrics["day"].height() + 2 * GAP + 8
                box = QRect(0, GAP + 4, width, height - 2 * GAP - 8)
                self._cache[key] = (None, Layout(height, box, [(box, text, "day")]))
        return self._cache[key]

    def sizeHint(self, option, index) -> QSize:
        return QSize(option.rect.width(), self._get(index, option)[1].height)

    def paint(self, painter: QPainter, option, index) -> None:
        block, layout = self._get(index, option)
        fonts = self._fonts(option.font)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.translate(option.rect.topLeft())
        palette = option.palette
        if block is None:  # a day, or the start of what has no time
            rect = layout.lines[0][0]
            painter.setPen(QPen(QColor("#c9ced6")))
            mid = rect.center().y()
            text_width = QFontMetrics(fonts["day"]).horizontalAdvance(layout.lines[0][1]) + 24
            painter.drawLine(PAD, mid, (rect.width() - text_width) // 2, mid)
            painter.drawLine((rect.width() + text_width) // 2, mid, rect.width() - PAD, mid)
            painter.setFont(fonts["day"])
            painter.setPen(palette.color(QPalette.Text))
            painter.drawText(rect, Qt.AlignCenter, layout.lines[0][1])
            painter.restore()
            return
        box = layout.box
        selected = bool(option.state & QStyle.State_Selected)
        painter.setPen(QPen(palette.color(QPalette.Highlight), 2) if selected else Qt.NoPen)
        painter.setBrush(QColor(block.background))
        if block.align != "center":
            painter.drawRoundedRect(box, RADIUS, RADIUS)
        elif selected:
            painter.drawRect(box)
        if block.accent:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(block.accent))
            painter.drawRoundedRect(QRect(box.left(), box.top(), 5, box.height()), 2, 2)
        if layout.picture is not None and block.pixmap is not None:
            painter.drawPixmap(layout.picture.topLeft(), block.pixmap)
        for rect, text, style in layout.lines:
            painter.setFont(fonts[style])
            colour = QColor("#5f6368") if style in ("head", "muted", "italic") else palette.color(QPalette.Text)
            painter.setPen(colour)
            align = Qt.AlignHCenter if block.align == "center" else Qt.AlignLeft
            painter.drawText(rect, align | Qt.AlignTop | Qt.TextWordWrap, text)
        painter.restore()

    def helpEvent(self, event, view, option, index) -> bool:
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        if event.type() == event.Type.ToolTip and entry and entry[0] == "event":
            QToolTip.showText(event.globalPos(), tooltip(entry[1]), view)
            return True
        return super().helpEvent(event, view, option, index)


_WRAP = Qt.AlignLeft | Qt.TextWordWrap


def _layout(block: Block, width: int, metrics: dict[str, QFontMetrics]) -> Layout:
    inner_max = int(width * BUBBLE_SHARE) if block.align in ("left", "right") else width - 2 * PAD
    text_left = PAD + 12 if block.accent else PAD
    picture_w = (block.pixmap.width() + PAD) if block.pixmap is not None else 0
    text_width = max(inner_max - text_left - PAD - picture_w, 80)
    measured = []
    widest = 0
    for text, style in block.lines:
        rect = metrics[style].boundingRect(QRect(0, 0, text_width, 1_000_000), _WRAP, text or " ")
        measured.append((rect.width(), rect.height(), text, style))
        widest = max(widest, rect.width())
    text_height = sum(h for _, h, _, _ in measured) + 2 * (len(measured) - 1)
    picture_h = block.pixmap.height() if block.pixmap is not None else 0
    if block.align in ("left", "right"):
        box_w = min(inner_max, text_left + widest + PAD + picture_w + 2)
    elif block.align == "center":
        box_w = width - 2 * PAD
    else:
        box_w = width - 2 * PAD
    box_h = max(text_height, picture_h) + 2 * 8
    x = width - PAD - box_w if block.align == "right" else PAD
    box = QRect(x, GAP // 2, box_w, box_h)
    lines = []
    y = box.top() + 8
    left = box.left() + text_left - PAD + 8 if block.accent else box.left() + 10
    picture = None
    if block.pixmap is not None:
        picture = QRect(left, y, block.pixmap.width(), block.pixmap.height())
        left += picture_w
    for w, h, text, style in measured:
        lines.append((QRect(left, y, box.right() - left - 6, h), text, style))
        y += h + 2
    return Layout(box_h + GAP, box, lines, picture)


# -- the widget ----------------------------------------------------------------------------------

class TimelineView(FilteredView):
    """Every event of the case, in time order. `item_selected(item_id)` on double-click or Enter."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        self.list = QListView()
        super().__init__(session, self.list, parent)
        self.model = TimelineModel(self)
        self.delegate = TimelineDelegate(self.store, self.list)
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.list.verticalScrollBar().setSingleStep(24)
        self.list.setUniformItemSizes(False)
        self.list.setLayoutMode(QListView.Batched)  # row heights are worked out a batch at a time
        self.list.setBatchSize(100)
        self.list.setResizeMode(QListView.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.setMouseTracking(True)
        self.list.activated.connect(self._activated)
        self._loaded()

    def show_result(self, evs: list[Event] | None) -> None:
        self.delegate.clear()
        self.model.set_events(evs or [])
        self.update_status()

    def update_status(self) -> None:
        base = self.base_status()
        if base is not None:
            self.status.setText(base)
            return
        shown = self.model.events()
        if not shown:
            self.status.setText(tr("views.tl_none") if self._filters.active else tr("views.list_empty"))
            return
        text = tr("views.tl_count", shown=len(shown), total=len(self.store.data.events))
        undated = sum(1 for e in shown if e.at is None)
        self.status.setText(text + (tr("views.tl_count_undated", count=undated) if undated else ""))

    def events(self) -> list[Event]:
        """The events shown, in order."""
        return self.model.events()

    def _activated(self, index) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry and entry[0] == "event":
            ev: Event = entry[1]
            target = ev.attrs.get("attachment_item") or ev.item
            if target:
                self.item_selected.emit(target)

    def scroll_to_item(self, item_id: str) -> bool:
        """Show the first event read from this item."""
        for row, (kind, value) in enumerate(self.model.entries):
            if kind == "event" and (value.item == item_id or any(s[0] == item_id for s in value.attrs.get("sources", ()))):
                index = self.model.index(row)
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index, QAbstractItemView.PositionAtCenter)
                return True
        return False

    def retranslate(self) -> None:
        self.delegate.clear()
        self.model.layoutChanged.emit()  # every row's height may change with its words
        self.update_status()
