"""The other party: the names they used, what they claimed to be, and their identifiers (LINE ID,
phone, e-mail, URL ...). The same records as `evidence-kit party`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QStyledItemDelegate, QTableWidget, QTableWidgetItem, QWidget)

from ...core import caserecords as cr
from ...core.errors import EvidenceKitError
from ..lang import tr
from .details_base import RecordsDialog, cell_text, message_text, table_box, tidy_table, with_note


def word(prefix: str, value: str) -> str:
    """A stored kind's word, or the kind itself when this version has no word for it."""
    try:
        return tr(prefix + value)
    except KeyError:
        return value


def fill_kinds(combo: QComboBox, prefix: str, kinds, current: str | None = None) -> None:
    """A combo of fixed kinds shown in the language's words (a stored kind it does not know is kept)."""
    combo.blockSignals(True)
    chosen = current if current is not None else combo.currentData()
    combo.clear()
    for kind in (*kinds, *([chosen] if chosen and chosen not in kinds else [])):
        combo.addItem(word(prefix, kind), kind)
    if chosen is not None:
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


class KindDelegate(QStyledItemDelegate):
    """The kind column of the identifiers: a cell showing the kind's word, edited with a combo
    (F2 or a double click; arrows choose, Enter keeps), the kind itself in the cell's UserRole."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's names
        combo = QComboBox(parent)
        fill_kinds(combo, "money.idkind_", cr.IDENTIFIER_KINDS, index.data(Qt.ItemDataRole.UserRole))
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class PartyDialog(RecordsDialog):
    kind = "party"
    grows = True

    def build_form(self, form: QWidget) -> None:
        self.names = QPlainTextEdit()
        self.names.setTabChangesFocus(True)
        self.names.setFixedHeight(64)
        self.nationality = QLineEdit()
        self.job = QLineEdit()
        self.claimed_hint = QLabel()
        self.claimed_hint.setWordWrap(True)
        self.claimed_hint.setStyleSheet("color: #555555;")
        self.ids = QTableWidget(0, 3)
        tidy_table(self.ids)
        self.ids.setItemDelegateForColumn(0, KindDelegate(self.ids))
        self.add_id = QPushButton()
        self.remove_id = QPushButton()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(56)

        names_box, self.names_note = with_note(self.names)
        ids_box, self.ids_note = with_note(table_box(self.ids, self.add_id, self.remove_id), grows=True)
        layout = QFormLayout(form)
        self.labels = [QLabel() for _ in range(5)]
        for label, box, buddy in zip(self.labels, (names_box, self.nationality, self.job, ids_box, self.note),
                                     (self.names, self.nationality, self.job, self.ids, self.note)):
            label.setBuddy(buddy)
            layout.addRow(label, box)
            if buddy is self.job:
                layout.addRow("", self.claimed_hint)

        for widget in (self.nationality, self.job):
            widget.textEdited.connect(self.changed)
        self.names.textChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)
        self.ids.itemChanged.connect(self.changed)
        self.add_id.clicked.connect(self.add_identifier)
        self.remove_id.clicked.connect(lambda: self.remove_row(self.ids))

    def retranslate_form(self) -> None:
        for label, key in zip(self.labels, ("names", "nationality", "job", "identifiers", "note")):
            label.setText(tr(f"guidetails.party_{key}"))
        self.names.setPlaceholderText(tr("guidetails.party_names_hint"))
        self.claimed_hint.setText(tr("guidetails.party_claimed_hint"))
        self.ids.setHorizontalHeaderLabels([tr(f"guidetails.id_{name}") for name in ("kind", "value", "note")])
        self.add_id.setText(tr("guidetails.id_add"))
        self.remove_id.setText(tr("guidetails.id_remove"))
        for row in range(self.ids.rowCount()):
            cell = self.ids.item(row, 0)
            cell.setText(word("money.idkind_", cell.data(Qt.ItemDataRole.UserRole)))

    def records(self) -> dict:
        return self.state.parties

    def describe(self, party: cr.Party) -> str:
        names = " / ".join(party.names) or tr("guidetails.party_no_name")
        return tr("guidetails.party_line", id=party.id, names=names, count=len(party.identifiers))

    def fill(self, party: cr.Party | None) -> None:
        party = party or cr.Party(id="")
        self.names.setPlainText("\n".join(party.names))
        self.nationality.setText(party.claimed_nationality)
        self.job.setText(party.claimed_job)
        self.note.setPlainText(party.note)
        self.ids.setRowCount(0)
        for ident in party.identifiers:
            self.add_identifier(ident)
        self.ids.resizeColumnToContents(0)

    def add_identifier(self, ident: dict | None = None) -> None:
        ident = ident if isinstance(ident, dict) else {"kind": "line_id", "value": "", "note": ""}
        row = self.ids.rowCount()
        self.ids.insertRow(row)
        kind = QTableWidgetItem(word("money.idkind_", ident.get("kind", "line_id")))
        kind.setData(Qt.ItemDataRole.UserRole, ident.get("kind", "line_id"))
        self.ids.setItem(row, 0, kind)
        self.ids.setItem(row, 1, QTableWidgetItem(ident.get("value", "")))
        self.ids.setItem(row, 2, QTableWidgetItem(ident.get("note", "")))
        self.row_added(self.ids, 1)

    def collect(self, key: str) -> cr.Party | None:
        names = [line.strip() for line in self.names.toPlainText().splitlines() if line.strip()]
        identifiers, bad = [], False
        for row in range(self.ids.rowCount()):
            value, note = cell_text(self.ids, row, 1), cell_text(self.ids, row, 2)
            if not value and not note:
                continue  # an empty row the user added and left
            ident = {"kind": self.ids.item(row, 0).data(Qt.ItemDataRole.UserRole), "value": value, "note": note}
            try:
                cr.check_party(cr.Party(id=key, identifiers=[ident]))
            except EvidenceKitError as exc:
                self.ids_note.show_text(tr("guidetails.row_problem", row=row + 1, text=message_text(exc)))
                bad = True
                break
            identifiers.append(ident)
        if not names and not identifiers and not bad:
            self.names_note.show_text(tr("guidetails.party_needs_name"))
            bad = True
        if bad:
            return None
        return cr.Party(id=key, names=names, claimed_nationality=self.nationality.text().strip(),
                        claimed_job=self.job.text().strip(), identifiers=identifiers,
                        note=self.note.toPlainText().strip())

    def field_for(self, code: str):
        return self.ids_note if code.startswith("money_identifier") else self.general
