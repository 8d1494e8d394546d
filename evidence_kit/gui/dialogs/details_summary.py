"""The overview the bundle opens with (5W1H), the reporter, the written statement (陳述書), the case
type and the day the scam started. The same records as `evidence-kit about` and `scam-start`:
when, who, where and what the bundle works out from the evidence; the user writes the rest."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QVBoxLayout,
                               QWidget)

from ...core import caserecords as cr
from ...core.errors import EvidenceKitError
from ..lang import tr
from .details_base import COLOURS, DetailsDialog, Note, message_text, with_note

# the case types offered: (key of the label, the words the bundle prints)
CASE_TYPES = (("romance", "ロマンス詐欺"), ("investment", "投資詐欺"), ("crypto", "暗号資産（仮想通貨）をめぐる詐欺"),
              ("stalking", "ストーカー・つきまとい"), ("other", "その他"))
LONG_FIELDS = {"how": 80, "status": 60, "wants": 44, "address": 44}  # several lines: their heights


def tidy(data: dict) -> dict:
    """A part as it is compared and stored: texts without surrounding blanks, empty ones left out."""
    return {k: str(v).strip() for k, v in data.items() if str(v).strip()}


class SummaryDialog(DetailsDialog):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.fields: dict[tuple[str, str], QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.labels: dict[tuple[str, str], QLabel] = {}
        self.notes: dict[str, Note] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._overview_tab(), "")
        self.tabs.addTab(self._part_tab("reporter"), "")
        self.tabs.addTab(self._statement_tab(), "")
        self.lay_out((self.tabs, 1), self.general)
        session.changed.connect(self._case_changed)
        self.retranslate()
        self.load()

    # -- the tabs -------------------------------------------------------------------------------

    def _field(self, part: str, name: str, layout: QFormLayout, widget=None) -> None:
        widget = widget or (QPlainTextEdit() if name in LONG_FIELDS else QLineEdit())
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(LONG_FIELDS[name])
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.editTextChanged.connect(self.changed)
        else:
            widget.textEdited.connect(self.changed)
        box, self.notes[name] = with_note(widget)
        label = QLabel()
        label.setBuddy(widget)
        self.fields[(part, name)], self.labels[(part, name)] = widget, label
        layout.addRow(label, box)

    def _overview_tab(self) -> QWidget:
        tab = QWidget()
        layout = QFormLayout(tab)
        self.auto_hint = QLabel()
        self.auto_hint.setWordWrap(True)
        self.auto_hint.setStyleSheet(f"color: {COLOURS['info']};")
        layout.addRow(self.auto_hint)
        self.case_type = QComboBox()
        self.case_type.setEditable(True)
        self.case_type.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for _, words in CASE_TYPES:
            self.case_type.addItem(words, words)
        self._field("overview", "case_type", layout, self.case_type)
        for name in ("submit_to", "how", "status", "wants"):
            self._field("overview", name, layout)
        self.start = QLineEdit()
        self.start.setMaximumWidth(140)
        self.start.setPlaceholderText("2024-05-01")
        self._field("scam_start", "start", layout, self.start)
        self.start_hint = QLabel()
        self.start_hint.setWordWrap(True)
        self.start_hint.setStyleSheet(f"color: {COLOURS['info']};")
        layout.addRow("", self.start_hint)
        return tab

    def _part_tab(self, part: str) -> QWidget:
        tab = QWidget()
        layout = QFormLayout(tab)
        self.reporter_hint = QLabel()
        self.reporter_hint.setWordWrap(True)
        self.reporter_hint.setStyleSheet(f"color: {COLOURS['info']};")
        layout.addRow(self.reporter_hint)
        for name in cr.REPORT_FIELDS[part]:
            self._field(part, name, layout)
        return tab

    def _statement_tab(self) -> QWidget:
        tab = QWidget()
        self.statement = QPlainTextEdit()
        self.statement.setTabChangesFocus(True)
        self.statement_hint = QLabel()
        self.statement_hint.setWordWrap(True)
        self.statement_hint.setStyleSheet(f"color: {COLOURS['info']};")
        self.statement_count = QLabel()
        self.statement.textChanged.connect(self.changed)
        self.statement.textChanged.connect(self._count)
        self.fields[("overview", "statement")] = self.statement
        layout = QVBoxLayout(tab)
        layout.addWidget(self.statement_hint)
        layout.addWidget(self.statement, 1)
        layout.addWidget(self.statement_count)
        return tab

    def _count(self) -> None:
        self.statement_count.setText(tr("cli.about_statement_chars", count=len(self.statement.toPlainText().strip())))

    def retranslate(self) -> None:
        self.setWindowTitle(tr("guidetails.summary_title"))
        self.heading.setText(tr("guidetails.summary_heading"))
        for index, key in enumerate(("summary_tab_overview", "summary_tab_reporter", "summary_tab_statement")):
            self.tabs.setTabText(index, tr("guidetails." + key))
        for (part, name), label in self.labels.items():
            label.setText(tr("guidetails.summary_start") if part == "scam_start" else tr("cli.about_" + name))
        self.auto_hint.setText(tr("guidetails.summary_auto_hint"))
        self.start_hint.setText(tr("guidetails.summary_start_hint"))
        self.reporter_hint.setText(tr("guidetails.summary_reporter_hint"))
        self.statement_hint.setText(tr("guidetails.summary_statement_hint"))
        self.fields[("overview", "submit_to")].setPlaceholderText(tr("guidetails.summary_submit_to_example"))
        for index, (key, _) in enumerate(CASE_TYPES):
            self.case_type.setItemText(index, tr("guidetails.case_type_" + key))
        self.name_buttons()
        self._count()

    # -- load and save --------------------------------------------------------------------------

    def load(self) -> None:
        self.state = cr.load(self.session.case)
        self._filling = True
        for (part, name), widget in self.fields.items():
            value = (self.state.scam_start or "") if part == "scam_start" else \
                (self.state.report.get(part) or {}).get(name, "")
            if widget is self.case_type:
                index = self.case_type.findData(value) if value else -1
                self.case_type.setCurrentIndex(index)
                if index < 0:
                    self.case_type.setEditText(value)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)
        self._filling = False
        self.dirty = False
        for note in self.notes.values():
            note.clear_text()

    def _case_changed(self) -> None:
        if not self.dirty and not self.session.locked:
            self.load()

    def _text(self, part: str, name: str) -> str:
        widget = self.fields[(part, name)]
        if widget is self.case_type:
            index = self.case_type.currentIndex()
            shown = self.case_type.currentText()
            return self.case_type.itemData(index) if index >= 0 and shown == self.case_type.itemText(index) else shown
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def collect(self) -> tuple[dict, str | None] | None:
        """The two parts and the start day from the form, or None after showing what must change."""
        parts = {part: tidy({name: self._text(part, name) for name in cr.REPORT_FIELDS[part]})
                 for part in ("reporter", "overview")}
        bad = False
        age = parts["reporter"].get("age")
        if age is not None:
            digits = unicodedata.normalize("NFKC", age).removesuffix("歳").strip()
            if not digits.isdigit() or not 0 < int(digits) < 130:
                self.notes["age"].show_text(tr("guidetails.summary_bad_age", value=age))
                bad = True
            else:
                parts["reporter"]["age"] = str(int(digits))
        email = parts["reporter"].get("email")
        if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            self.notes["email"].show_text(tr("guidetails.summary_bad_email", value=email))
            bad = True
        start = self.start.text().strip() or None
        if start is not None:
            try:
                cr.check_date(unicodedata.normalize("NFKC", start))
                start = unicodedata.normalize("NFKC", start)
            except EvidenceKitError as exc:
                self.notes["start"].show_text(message_text(exc))
                bad = True
        return None if bad else (parts, start)

    def save(self) -> bool:
        for note in (*self.notes.values(), self.general):
            note.clear_text()
        collected = self.collect()
        if collected is None:
            return False
        parts, start = collected
        try:
            wrote = False
            for part, data in parts.items():
                if data != tidy(self.state.report.get(part) or {}):
                    cr.set_report(self.session.case, part, data)
                    wrote = True
            if start != self.state.scam_start:
                cr.set_scam_start(self.session.case, start)
                wrote = True
        except (EvidenceKitError, OSError) as exc:
            self.general.show_text(message_text(exc))
            return False
        self.dirty = False
        self.load()
        self.status.setText(tr("guidetails.saved" if wrote else "guidetails.nothing_changed"))
        if wrote:
            self.session.changed.emit()
        return True
