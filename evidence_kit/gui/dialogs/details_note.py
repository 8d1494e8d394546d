"""The user's note on one exhibit: the 証拠説明書 columns the bundle would otherwise fill itself (標目,
立証趣旨, 作成者), key evidence, left out of the bundles, a free note and tags. The same record as
`evidence-kit exhibit` (core.caserecords.set_item_note); the evidence itself never changes."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...core import caserecords as cr
from ...core.errors import EvidenceKitError
from ..lang import tr
from .details_base import COLOURS, DetailsDialog, message_text

TEXT_FIELDS = ("title", "purpose", "author", "note")


class ItemNoteDialog(DetailsDialog):
    def __init__(self, session, item_id: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.resize(640, 460)
        self.item_id = item_id
        self.item = next((i for i in session.case.items() if i["id"] == item_id), None)
        if self.item is None:
            raise EvidenceKitError("report_item_unknown", item=item_id)
        self.file = QLabel()
        self.file.setWordWrap(True)
        self.file.setStyleSheet(f"color: {COLOURS['info']};")
        self.fields = {name: QLineEdit() for name in ("title", "purpose", "author")}
        self.fields["note"] = QPlainTextEdit()
        self.fields["note"].setTabChangesFocus(True)
        self.tags = QLineEdit()
        self.key = QCheckBox()
        self.excluded = QCheckBox()
        self.excluded_hint = QLabel()
        self.excluded_hint.setWordWrap(True)
        self.excluded_hint.setStyleSheet(f"color: {COLOURS['info']};")
        self.labels = {name: QLabel() for name in (*TEXT_FIELDS, "tags")}
        form = QFormLayout()
        for name in (*TEXT_FIELDS, "tags"):
            widget = self.fields.get(name, self.tags)
            self.labels[name].setBuddy(widget)
            form.addRow(self.labels[name], widget)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self.changed)
            else:
                widget.textChanged.connect(self.changed)
        form.addRow("", self.key)
        form.addRow("", self.excluded)
        form.addRow("", self.excluded_hint)
        self.lay_out(self.file, (form, 1), self.general)
        self.key.toggled.connect(self.changed)
        self.excluded.toggled.connect(self.changed)
        session.changed.connect(self._case_changed)
        self.retranslate()
        self.load()

    def current(self) -> dict:
        return cr.load(self.session.case).items.get(self.item_id, {})

    def load(self) -> None:
        note = self.current()
        self._filling = True
        for name in ("title", "purpose", "author"):
            self.fields[name].setText(note.get(name, ""))
        self.fields["note"].setPlainText(note.get("note", ""))
        self.tags.setText("、".join(note.get("tags", [])))
        self.key.setChecked(bool(note.get("key")))
        self.excluded.setChecked(bool(note.get("excluded")))
        self._filling = False
        self.dirty = False

    def _case_changed(self) -> None:
        if not self.dirty and not self.session.locked:
            self.load()

    def collect(self) -> dict:
        fields = {name: self.fields[name].text() for name in ("title", "purpose", "author")}
        fields["note"] = self.fields["note"].toPlainText()
        tags = self.tags.text().replace("、", ",").replace("，", ",")
        fields["tags"] = [t.strip() for t in tags.split(",") if t.strip()]
        fields["key"], fields["excluded"] = self.key.isChecked(), self.excluded.isChecked()
        return fields

    def save(self) -> bool:
        self.general.clear_text()
        fields = self.collect()
        wanted = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
        if {k: v for k, v in wanted.items() if v not in ("", False, [])} == self.current():
            self.dirty = False
            self.status.setText(tr("guidetails.nothing_changed"))
            return True
        try:
            cr.set_item_note(self.session.case, self.item_id, **fields)
        except (EvidenceKitError, OSError) as exc:
            self.general.show_text(message_text(exc))
            return False
        self.dirty = False
        self.load()
        self.status.setText(tr("guidetails.saved"))
        self.session.changed.emit()
        return True

    def retranslate(self) -> None:
        self.setWindowTitle(tr("guidetails.note_window"))
        self.heading.setText(tr("guidetails.note_heading"))
        self.file.setText(tr("guidetails.note_file", name=self.item["original_name"], sha256=self.item["sha256"]))
        for name, label in self.labels.items():
            label.setText(tr(f"guidetails.note_{name}"))
        for name in ("title", "purpose", "author"):
            self.fields[name].setPlaceholderText(tr("guidetails.note_automatic"))
        self.tags.setPlaceholderText(tr("guidetails.note_tags_hint"))
        self.key.setText(tr("guidetails.note_key"))
        self.excluded.setText(tr("guidetails.note_excluded"))
        self.excluded_hint.setText(tr("guidetails.note_excluded_hint"))
        self.name_buttons()
