"""The item pane: one item of the case. Its content (an image, decrypted in memory only and scaled to
fit, with zoom; a chat's transcript; a statement's rows with their line numbers; an e-mail's headers
and body; a text file), its facts (size, times and where they came from, SHA-256 with a copy button),
its custody entries, and the victim's note and tags on it.

Nothing decrypted is ever written to disk: the item's age file is read through
`core.age.PlaintextReader` into memory, and the picture is made from those bytes (QImage in a
worker thread, Pillow for what Qt cannot read, such as HEIC)."""

from __future__ import annotations

import hashlib
import io
import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QSizePolicy, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ...core import age, caserecords, layout
from ...core import timeline as tl
from ...core.errors import EvidenceKitError
from ...i18n import MESSAGES
from ..lang import error_text, language, tr
from ..session import Session
from ..workers import Job
from .common import SOURCES, item_kind, kind_text, store_for, time_with_source

MNEMONIC = re.compile(r"\s*\(&\w\)|&(?=\w)")  # a field's name without its Alt key: "標目(&T)" -> "標目", "&Title" -> "Title"
TRANSCRIPT_STEP = 200  # chat lines shown at first, and added by "more"
MAX_PREVIEW = 64 * 1024 * 1024  # bytes: larger items are not decrypted for a preview
MAX_TEXT = 2 * 1024 * 1024
ZOOMS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)


def read_plaintext(case, item_id: str, limit: int = MAX_PREVIEW) -> bytes | None:
    """The item's bytes, decrypted in memory (None when larger than `limit`)."""
    with open(case.path / layout.item_blob(item_id), "rb") as f:
        reader = age.PlaintextReader(f, [case.identity()])
        if reader.size > limit:
            return None
        return reader.read()


def decode_image(data: bytes) -> QImage:
    """A picture from bytes, with its EXIF orientation applied; a null QImage when nothing can read it.
    Everything stays in memory (safe in a worker thread: QImage, not QPixmap)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    if not image.isNull():
        return image
    try:  # HEIC and anything else Pillow (with pillow-heif, registered by the importer) reads
        from PIL import Image, ImageOps

        from ...importers import images  # noqa: F401 - registers the HEIF opener

        with Image.open(io.BytesIO(data)) as im:
            shown = ImageOps.exif_transpose(im).convert("RGBA")
            out = io.BytesIO()
            shown.save(out, "PNG")
        return QImage.fromData(out.getvalue(), "PNG")
    except Exception:  # noqa: BLE001 - a picture nothing can draw: the pane says so
        return QImage()


def load_content(case, item: dict, cancel) -> dict:
    """What the pane shows of an item, read in a worker: its custody entries ("custody"), and for the
    content tab {"records": [...]} for what the index holds (a chat, a statement, an e-mail);
    {"image": QImage} or {"text": str} for a picture or a text file, with "verified" (the decrypted
    bytes' SHA-256 is the one recorded at import); {"too_large": True}; nothing more for the rest."""
    out = {"custody": tl.custody_of(tl.case_docs(case), item["id"])}
    out.update(_content(case, item, cancel))
    return out


def _content(case, item: dict, cancel) -> dict:
    kind = item_kind(item)
    if kind in ("chat", "statement", "crypto", "email"):
        return {"records": case.records(item["id"])}
    if kind != "image" and not (kind == "file" and (item.get("mime") or "").startswith("text/")):
        return {}
    data = read_plaintext(case, item["id"], MAX_PREVIEW if kind == "image" else MAX_TEXT)
    if data is None:
        return {"too_large": True}
    if cancel():
        raise EvidenceKitError("cancelled")
    out = {"verified": hashlib.sha256(data).hexdigest() == item["sha256"]}
    if kind == "image":
        out["image"] = decode_image(data)
    else:
        from ...importers.text import decode

        try:
            out["text"] = decode(data)[0]
        except ValueError:
            out["text"] = None
    return out


class ImageViewer(QWidget):
    """A picture scaled to fit, with zoom (buttons, Ctrl + / Ctrl - / Ctrl 0)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(alignment=Qt.AlignCenter)
        self.label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.label)
        self.scroll.setAlignment(Qt.AlignCenter)
        self.scroll.setWidgetResizable(False)
        self.fit_button, self.smaller, self.larger, self.actual = (QToolButton() for _ in range(4))
        for button in (self.fit_button, self.smaller, self.larger, self.actual):
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.zoom_label = QLabel()
        bar = QHBoxLayout()
        for w in (self.fit_button, self.smaller, self.larger, self.actual, self.zoom_label):
            bar.addWidget(w)
        bar.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.scroll, 1)
        self.image = QImage()
        self.zoom: float | None = None  # None: fit
        self.fit_button.clicked.connect(lambda: self.set_zoom(None))
        self.smaller.clicked.connect(lambda: self.step(-1))
        self.larger.clicked.connect(lambda: self.step(1))
        self.actual.clicked.connect(lambda: self.set_zoom(1.0))
        for keys, fn in ((QKeySequence.ZoomIn, lambda: self.step(1)), (QKeySequence.ZoomOut, lambda: self.step(-1)),
                         (QKeySequence("Ctrl+0"), lambda: self.set_zoom(None))):
            QShortcut(keys, self, fn, context=Qt.WidgetWithChildrenShortcut)
        self.retranslate()

    def retranslate(self) -> None:
        self.fit_button.setText(tr("views.zoom_fit"))
        self.smaller.setText("－")
        self.smaller.setToolTip(tr("views.zoom_out"))
        self.larger.setText("＋")
        self.larger.setToolTip(tr("views.zoom_in"))
        self.actual.setText("100%")
        self.actual.setToolTip(tr("views.zoom_actual"))
        self._render()

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.zoom = None
        self._render()

    def clear(self) -> None:
        self.image = QImage()
        self.label.clear()

    def current_scale(self) -> float:
        if self.image.isNull():
            return 1.0
        if self.zoom is not None:
            return self.zoom
        area = self.scroll.viewport().size()
        return min(1.0, (area.width() - 4) / max(self.image.width(), 1), (area.height() - 4) / max(self.image.height(), 1))

    def set_zoom(self, zoom: float | None) -> None:
        self.zoom = zoom
        self._render()

    def step(self, direction: int) -> None:
        scale = self.current_scale()
        choices = [z for z in ZOOMS if (z > scale + 1e-6 if direction > 0 else z < scale - 1e-6)]
        if choices:
            self.set_zoom(min(choices) if direction > 0 else max(choices))

    def _render(self) -> None:
        if self.image.isNull():
            self.zoom_label.setText("")
            return
        scale = max(self.current_scale(), 0.01)
        size = self.image.size() * scale
        pixmap = QPixmap.fromImage(self.image.scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self.label.setPixmap(pixmap)
        self.label.resize(pixmap.size())
        self.zoom_label.setText(tr("views.zoom_now", percent=round(scale * 100)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.zoom is None:
            self._render()


class ItemPane(QWidget):
    """One item: content, facts, custody, notes. `show_item(item_id)`."""

    note_saved = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.store = store_for(session)
        self.item_id: str | None = None
        self._job: Job | None = None
        self._records: list[dict] = []
        self._shown_lines = 0
        self.verified: bool | None = None
        self._generation = 0  # which show_item a Job's result belongs to

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.tabs = QTabWidget()

        # content
        self.content = QStackedWidget()
        self.message = QLabel(alignment=Qt.AlignCenter)
        self.message.setWordWrap(True)
        self.viewer = ImageViewer()
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.table = _table()
        self.transcript = _table()
        self.transcript.setWordWrap(True)
        self.more = QPushButton()
        self.more.clicked.connect(self._more)
        chat_page = QWidget()
        chat_box = QVBoxLayout(chat_page)
        chat_box.setContentsMargins(0, 0, 0, 0)
        chat_box.addWidget(self.transcript, 1)
        chat_box.addWidget(self.more, 0, Qt.AlignLeft)
        self.chat_page = chat_page
        for page in (self.message, self.viewer, self.text, self.table, chat_page):
            self.content.addWidget(page)
        self.check = QLabel()
        self.check.setWordWrap(True)
        content_page = QWidget()
        content_box = QVBoxLayout(content_page)
        content_box.addWidget(self.content, 1)
        content_box.addWidget(self.check)

        # facts and custody
        facts_page = QWidget()
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.sha = QLineEdit(readOnly=True)
        self.sha.setFont(_mono(self.sha.font()))
        self.copy = QPushButton()
        self.copy.clicked.connect(self.copy_sha256)
        self._sha_label = QLabel()
        self._sha_label.setBuddy(self.sha)
        sha_row = QHBoxLayout()
        sha_row.addWidget(self._sha_label)
        sha_row.addWidget(self.sha, 1)
        sha_row.addWidget(self.copy)
        self._custody_label = QLabel()
        self.custody = _table()
        self.custody.setColumnCount(4)
        self.custody.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        facts_box = QVBoxLayout(facts_page)
        facts_box.addLayout(self.facts)
        facts_box.addLayout(sha_row)
        facts_box.addWidget(self._custody_label)
        facts_box.addWidget(self.custody, 1)

        # note and tags
        notes_page = QWidget()
        self.note_fields = {name: QLineEdit() for name in ("title", "purpose", "author", "tags")}
        self.note_key = QCheckBox()
        self.note_excluded = QCheckBox()
        self.note_text = QPlainTextEdit()
        self.note_text.setTabChangesFocus(True)
        self.save_note = QPushButton()
        self.save_note.clicked.connect(self._save_note)
        self.note_status = QLabel()
        self.note_status.setWordWrap(True)
        self._note_labels = {name: QLabel() for name in ("title", "purpose", "author", "tags", "note")}
        notes_form = QFormLayout()
        for name in ("title", "purpose", "author"):
            self._note_labels[name].setBuddy(self.note_fields[name])
            notes_form.addRow(self._note_labels[name], self.note_fields[name])
        notes_form.addRow("", self.note_key)
        notes_form.addRow("", self.note_excluded)
        self._note_labels["note"].setBuddy(self.note_text)
        notes_form.addRow(self._note_labels["note"], self.note_text)
        self._note_labels["tags"].setBuddy(self.note_fields["tags"])
        notes_form.addRow(self._note_labels["tags"], self.note_fields["tags"])
        notes_box = QVBoxLayout(notes_page)
        notes_box.addLayout(notes_form)
        notes_box.addWidget(self.save_note, 0, Qt.AlignRight)
        notes_box.addWidget(self.note_status)
        notes_box.addStretch(1)

        self.tabs.addTab(content_page, "")
        self.tabs.addTab(facts_page, "")
        self.tabs.addTab(notes_page, "")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        box.addWidget(self.tabs, 1)

        self.store.loaded.connect(self._reloaded)
        session.lock_changed.connect(self._lock_changed)
        language.changed.connect(self.retranslate)
        self.retranslate()
        self.clear()

    # -- showing -------------------------------------------------------------------------------

    def clear(self) -> None:
        """Show nothing (no item, or the case was locked): every decrypted picture and text dropped."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.item_id = None
        self._generation += 1
        self.verified = None
        self._records = []
        self.viewer.clear()
        self.text.clear()
        self.table.clear()
        self.table.setRowCount(0)
        self.transcript.setRowCount(0)
        self.custody.setRowCount(0)
        self.sha.clear()
        self.check.clear()
        self._note_status: str | BaseException = ""
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.title.setText(tr("views.item_none") if not self.session.locked else tr("views.locked"))
        self.subtitle.clear()
        self.message.setText("")
        self.content.setCurrentWidget(self.message)
        self._fill_note({}, editable=False)
        self.setEnabled(not self.session.locked)

    def show_item(self, item_id: str) -> None:
        data = self.store.data
        item = data.by_id.get(item_id) if data is not None else None
        if item is None:
            self.clear()
            return
        previous = self.item_id
        self.clear()
        self.item_id = item_id
        self.setEnabled(True)
        kind = item_kind(item)
        time, source = data.times.get(item_id, (None, ""))
        self.title.setText(data.title(item_id))
        self.subtitle.setText(f"{kind_text(kind)} ・ {time_with_source(time, source)}")
        self._fill_facts(item, data)
        self._fill_note(data.note(item_id), editable=True)
        self._show_content(item, kind)
        if previous != item_id:
            self.tabs.setCurrentIndex(0)

    def _show_content(self, item: dict, kind: str) -> None:
        case = self.session.case
        self.message.setText(tr("views.preview_loading"))
        job = Job(lambda progress, cancel, c=case, i=item: load_content(c, i, cancel))
        generation = self._generation
        job.finished.connect(lambda result, g=generation, k=kind: self._content(g, k, result))
        job.failed.connect(lambda exc, g=generation: self._content_failed(g, exc))
        self._job = job
        self.session.start(job)

    def _content(self, generation: int, kind: str, result: dict) -> None:
        if generation != self._generation or self.session.locked:
            return
        self._job = None
        self._fill_custody(result.get("custody", []))
        self.verified = result.get("verified")
        if self.verified is not None:
            self._show_check()
        if "records" in result:
            self._records = result["records"]
            if kind == "chat":
                self._shown_lines = 0
                self._more()
                self.content.setCurrentWidget(self.chat_page)
            elif kind == "email":
                self._fill_email()
                self.content.setCurrentWidget(self.text)
            else:
                self._fill_statement()
                self.content.setCurrentWidget(self.table)
        elif result.get("too_large"):
            self.message.setText(tr("views.preview_too_large"))
        elif "image" in result:
            if result["image"].isNull():
                self.message.setText(tr("views.preview_unreadable"))
            else:
                self.viewer.set_image(result["image"])
                self.content.setCurrentWidget(self.viewer)
        elif "text" in result:
            if result["text"] is None:
                self.message.setText(tr("views.preview_not_text"))
            else:
                self.text.setPlainText(result["text"])
                self.content.setCurrentWidget(self.text)
        else:
            self.message.setText(tr("views.preview_none", kind=kind_text(kind)))

    def _content_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._job = None
            self.message.setText(tr("views.preview_failed", reason=error_text(exc)))

    def _more(self) -> None:
        """The next TRANSCRIPT_STEP lines of the chat, each with its line number, time and sender."""
        lines = [r for r in self._records if r["type"] in tl.CHAT_TYPES]
        upto = min(len(lines), self._shown_lines + TRANSCRIPT_STEP)
        if not self._shown_lines:
            self.transcript.setColumnCount(4)
            self.transcript.setHorizontalHeaderLabels([tr(f"views.chat_{c}") for c in ("line", "time", "sender", "text")])
            self.transcript.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        first = self.transcript.rowCount()
        self.transcript.setRowCount(first + upto - self._shown_lines)
        for n, r in enumerate(lines[self._shown_lines:upto], first):
            mark = f"【{tr('views.tl_' + r['type'])}】" if r["type"] in ("unsent", "deleted", "unparsed") else ""
            cells = (str(r["line"]), tl.short_time(r.get("time")) or tr("views.no_time"), r.get("sender") or "",
                     mark + (r.get("text") or ""))
            for c, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setTextAlignment((Qt.AlignRight if c == 0 else Qt.AlignLeft) | Qt.AlignTop)
                self.transcript.setItem(n, c, cell)
        if not self._shown_lines:
            for c in range(3):
                self.transcript.resizeColumnToContents(c)
        self.transcript.resizeRowsToContents()
        self._shown_lines = upto
        rest = len(lines) - upto
        self.more.setVisible(rest > 0)
        self.more.setText(tr("views.more", count=min(rest, TRANSCRIPT_STEP), rest=rest))

    def _fill_statement(self) -> None:
        rows = [r for r in self._records if r["type"] not in ("header", "blank")]
        headers = [tr(f"views.st_{c}") for c in ("line", "date", "amount", "balance", "text")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            a = r.get("attrs") or {}
            if r["type"] == "transaction":
                amount = a.get("amount")
                amount_text = f"{amount:+,}" if isinstance(amount, int) else str(a.get("quantity") or "")
                if a.get("asset") and amount is None:
                    amount_text = f"{amount_text} {a['asset']}"
                balance = f"{a['balance']:,}" if isinstance(a.get("balance"), int) else ""
                text = r.get("text") or a.get("description") or ""
            else:
                amount_text, balance = "", ""
                text = tr("views.st_skipped", raw=" ".join(r.get("raw") or []))
            cells = (str(r["line"]), tl.short_time(r.get("time")), amount_text, balance, text)
            for c, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                if c in (0, 2, 3):
                    cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(n, c, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _fill_email(self) -> None:
        record = next(iter(self._records), {})
        a = record.get("attrs") or {}
        lines = [tr("views.mail_header", name=name, value=value) for name, value in (
            (tr("views.mail_from"), a.get("from")), (tr("views.mail_to"), a.get("to")), ("Cc", a.get("cc")),
            (tr("views.mail_subject"), a.get("subject")), (tr("views.mail_date"), record.get("time_raw")),
            ("Message-ID", a.get("message_id"))) if value]
        attachments = a.get("attachments") or []
        if attachments:
            names = ", ".join(str(x.get("name") if isinstance(x, dict) else x) for x in attachments)
            lines.append(tr("views.mail_attachments", names=names))
        self.text.setPlainText("\n".join(lines) + "\n\n" + (record.get("text") or ""))

    def _fill_facts(self, item: dict, data) -> None:
        time, source = data.times.get(item["id"], (None, ""))
        when = time_with_source(time, source)
        if source in ("statement", "chat-line"):  # for the whole item: its first row or message
            when += "\n" + tr(f"views.item_time_tip_{source}")
        elif source in SOURCES:
            when += "\n" + tr(f"views.source_tip_{source}")
        rows = [
            ("views.fact_name", item.get("original_name")),
            ("views.fact_kind", f"{kind_text(item_kind(item))}（{item.get('mime', '')}）"),
            ("views.fact_size", tr("views.bytes", size=f"{item.get('size', 0):,}")),
            ("views.fact_time", when),
            ("views.fact_mtime", tl.short_time(tl.jst(item.get("mtime"))) if item.get("mtime") else None),
            ("views.fact_imported", tl.short_time(tl.jst(item.get("imported_at")))),
            ("views.fact_source", item.get("source_path")),
            ("views.fact_container", data.title(item["container"]) if item.get("container") else None),
            ("views.fact_duplicate", data.title(item["duplicate_of"]) if item.get("duplicate_of") else None),
            ("views.fact_id", item["id"]),
        ]
        for key, value in rows:
            if value:
                label = QLabel(str(value))
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextSelectableByMouse)
                self.facts.addRow(tr(key), label)
        self.sha.setText(item["sha256"])
        self.sha.setCursorPosition(0)
        self.copy.setText(tr("views.copy"))

    def _fill_custody(self, docs: list[dict]) -> None:
        records = self.store.data.records if self.store.data is not None else None
        self.custody.setRowCount(len(docs))
        for n, doc in enumerate(docs):
            cells = (str(doc.get("seq", "")), tl.short_time(tl.jst(doc.get("time"))), _event_text(doc),
                     _event_detail(doc, records))
            for c, value in enumerate(cells):
                self.custody.setItem(n, c, QTableWidgetItem(value))
        self.custody.resizeColumnsToContents()

    def _fill_note(self, note: dict, editable: bool) -> None:
        for name in ("title", "purpose", "author"):
            self.note_fields[name].setText(str(note.get(name) or ""))
            self.note_fields[name].setCursorPosition(0)  # a long text shows its start
            self.note_fields[name].setReadOnly(not editable)
        self.note_fields["tags"].setText("、".join(note.get("tags") or []))
        self.note_fields["tags"].setReadOnly(not editable)
        self.note_key.setChecked(note.get("key") is True)
        self.note_excluded.setChecked(note.get("excluded") is True)
        self.note_key.setEnabled(editable)
        self.note_excluded.setEnabled(editable)
        self.note_text.setPlainText(str(note.get("note") or ""))
        self.note_text.setReadOnly(not editable)
        self.save_note.setVisible(editable)
        self._set_note_status("")

    def _show_check(self) -> None:
        """What the SHA-256 of the decrypted content says (in the language now chosen)."""
        self.check.setText("" if self.verified is None else tr("views.check_ok") if self.verified
                           else tr("views.check_bad"))

    def _set_note_status(self, status: str | BaseException) -> None:
        """A message key, an error, or "": kept so that a language switch says it again in the new language."""
        self._note_status = status
        self.note_status.setText(error_text(status) if isinstance(status, BaseException) else tr(status) if status else "")

    # -- actions -------------------------------------------------------------------------------

    def copy_sha256(self) -> None:
        if self.sha.text():
            QGuiApplication.clipboard().setText(self.sha.text())
            self.copy.setText(tr("views.copied"))

    def note_values(self) -> dict:
        tags = [t.strip() for t in self.note_fields["tags"].text().replace("、", ",").split(",") if t.strip()]
        return {"title": self.note_fields["title"].text(), "purpose": self.note_fields["purpose"].text(),
                "author": self.note_fields["author"].text(), "key": self.note_key.isChecked(),
                "excluded": self.note_excluded.isChecked(), "note": self.note_text.toPlainText(), "tags": tags}

    def _save_note(self) -> None:
        if self.item_id is None:
            return
        case, item_id, values = self.session.case, self.item_id, self.note_values()
        job = Job(lambda progress, cancel: caserecords.set_item_note(case, item_id, **values))
        job.finished.connect(lambda _note, i=item_id: self._note_done(i))
        job.failed.connect(lambda exc: self._set_note_status(exc))
        self.save_note.setEnabled(False)
        job.done.connect(lambda: self.save_note.setEnabled(True))
        self._set_note_status("views.note_saving")
        self.session.start(job)

    def _note_done(self, item_id: str) -> None:
        self._set_note_status("views.note_saved")
        self.note_saved.emit(item_id)
        self.session.changed.emit()

    def _reloaded(self) -> None:
        """The case changed (or was locked): show the same item again with what is now recorded."""
        if self.item_id is None or self.store.data is None:
            if self.store.data is None and self.session.locked:
                self.clear()
            return
        item_id, tab, status = self.item_id, self.tabs.currentIndex(), self._note_status
        if self._job is None and self.viewer.image is not None and not self.viewer.image.isNull():
            # the picture is the same bytes: keep it rather than decrypting again
            image, verified = self.viewer.image, self.verified
            self.show_item(item_id)
            if self._job is not None:
                self._job.cancel()
                self._job = None
            self.viewer.set_image(image)
            self.content.setCurrentWidget(self.viewer)
            self.verified = verified
            self._show_check()
        else:
            self.show_item(item_id)
        self.tabs.setCurrentIndex(tab)
        self._set_note_status(status)

    def _lock_changed(self, locked: bool) -> None:
        if locked:
            self.clear()

    def retranslate(self) -> None:
        for n, key in enumerate(("views.tab_content", "views.tab_facts", "views.tab_notes")):
            self.tabs.setTabText(n, tr(key))
        self._sha_label.setText(tr("views.fact_sha256"))
        self.copy.setText(tr("views.copy"))
        self._show_check()
        self.copy.setToolTip(tr("views.copy_tip"))
        self._custody_label.setText(tr("views.custody"))
        self.custody.setHorizontalHeaderLabels([tr(f"views.custody_{c}") for c in ("seq", "time", "event", "detail")])
        for name, label in self._note_labels.items():
            label.setText(tr(f"views.note_{name}"))
        self.note_key.setText(tr("views.note_key"))
        self.note_excluded.setText(tr("views.note_excluded"))
        self.note_fields["tags"].setPlaceholderText(tr("views.note_tags_hint"))
        for name in ("title", "purpose", "author"):
            self.note_fields[name].setPlaceholderText(tr("views.note_auto_hint"))
            self.note_fields[name].setToolTip(tr(f"views.note_{name}_tip"))
        self.save_note.setText(tr("views.note_save"))
        self.viewer.retranslate()
        if self.item_id is not None and self.store.data is not None:
            self._reloaded()
        elif self.item_id is None:
            self.title.setText(tr("views.item_none") if not self.session.locked else tr("views.locked"))


def _mono(font):
    from PySide6.QtGui import QFont

    mono = QFont(font)
    mono.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
    mono.setStyleHint(QFont.Monospace)
    return mono


def _table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.setTabKeyNavigation(False)  # arrows move between cells; Tab goes on to the next control
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    return table


def _event_text(doc: dict) -> str:
    event = doc.get("event", "")
    if event == caserecords.EVENT:
        event = f"record_{doc.get('kind', '')}"
    key = f"views.custody_event_{event}"
    return tr(key) if key in MESSAGES else str(doc.get("event", ""))


def _event_detail(doc: dict, records) -> str:
    """The entry in words: what was recorded about the item."""
    from ...report.model import account_text

    event = doc.get("event")
    if event == "import":
        return f"SHA-256 {doc.get('sha256', '')}"
    if event == "annotate" and doc.get("duplicate_of"):
        return tr("views.custody_same_as", item=doc["duplicate_of"][:8])
    if event == "export" and isinstance(doc.get("numbers"), dict):
        return tr("views.custody_numbers", numbers=" ".join(str(v) for v in doc["numbers"].values()))
    if event != caserecords.EVENT:
        return ""
    if doc.get("op") == "delete":
        return tr("views.custody_deleted")
    data = doc.get("data") if isinstance(doc.get("data"), dict) else {}
    kind = doc.get("kind")
    if kind == "link":
        account = records.accounts.get(data.get("account")) if records is not None else None
        return tr("views.custody_link", line=data.get("line"), account=account_text(account) if account
                  else data.get("account"))
    if kind == "mark":
        return tr("views.custody_mark", line=data.get("line"), mark=tr(f"money.mark_{data.get('as')}")
                  if data.get("as") in caserecords.MARKS else data.get("as"))
    if kind == "item":
        return ("、" if language.code == "ja" else ", ").join(
            MNEMONIC.sub("", tr(f"views.note_{name}")).strip() for name in data if f"views.note_{name}" in MESSAGES)
    return str(data.get("description") or data.get("content") or "")[:80]
