"""Destination accounts: where the money went, as a freeze request needs it (bank, branch, type,
number, holder in kana), with the transfers known from other evidence. The same records as
`evidence-kit account`; codes are looked up in the bundled zengin-code table as the user leaves a
field, and a ゆうちょ 記号-番号 shows the 店番 and 口座番号 it stands for."""

from __future__ import annotations

import copy
import unicodedata

from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from ...core import bankcodes, caserecords as cr
from ...core.errors import EvidenceKitError
from ...report.model import account_text
from ..lang import tr
from .details_base import (COLOURS, Note, RecordsDialog, cell_text, message_text, table_box, tidy_table, warning_text,
                           with_note)
from .details_party import fill_kinds, word

# where a core error about an account is shown
ERROR_FIELDS = {"money_bank_code_digits": "bank", "money_yucho_bank_conflict": "yucho",
                "money_branch_code_digits": "branch", "money_yucho_branch_conflict": "yucho",
                "money_yucho_number_conflict": "yucho", "money_yucho_symbol": "yucho", "money_account_type": "number",
                "money_account_number": "number", "money_holder_kana": "holder", "money_bad_date": "transfers",
                "money_transfer_amount": "transfers", "money_transfer_evidence": "transfers"}
WARNING_FIELDS = {"warn_bank_unknown": "bank", "warn_bank_name": "bank", "warn_bank_name_unknown": "bank",
                  "warn_branch_unknown": "branch", "warn_branch_name": "branch", "warn_no_table": "general"}


def yen(text: str) -> int:
    """An amount as typed: digits (full-width too), with or without separators or 円."""
    digits = unicodedata.normalize("NFKC", text).replace(",", "").replace("円", "").replace("¥", "").strip()
    if not digits.isdigit() or int(digits) <= 0:
        raise EvidenceKitError("money_transfer_amount", value=text)
    return int(digits)


def check_transfer(date: str, amount: str, evidence: str) -> dict:
    """A transfer row as stored, or the core's error about it."""
    cr.check_date(date)
    transfer = {"date": date, "amount": yen(amount), "evidence": evidence}
    if not evidence:
        raise EvidenceKitError("money_transfer_evidence")
    return transfer


class AccountsDialog(RecordsDialog):
    kind = "account"
    grows = True

    def build_form(self, form: QWidget) -> None:
        self.bank_name, self.bank_code = QLineEdit(), QLineEdit()
        self.branch_name, self.branch_code = QLineEdit(), QLineEdit()
        self.bank_code.setMaxLength(4)
        self.branch_code.setMaxLength(3)
        for code in (self.bank_code, self.branch_code):
            code.setMaximumWidth(90)
        self.yucho = QLineEdit()
        self.type = QComboBox()
        self.number = QLineEdit()
        self.holder = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(48)
        self.transfers = QTableWidget(0, 3)
        tidy_table(self.transfers)
        self.transfers.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_transfer = QPushButton()
        self.remove_transfer = QPushButton()
        self.table_date = QLabel()
        self.table_date.setStyleSheet(f"color: {COLOURS['info']};")
        self.table_date.setWordWrap(True)

        self.code_labels = [QLabel(), QLabel()]
        bank_row = self._pair(self.bank_name, self.code_labels[0], self.bank_code)
        branch_row = self._pair(self.branch_name, self.code_labels[1], self.branch_code)
        transfers = table_box(self.transfers, self.add_transfer, self.remove_transfer)
        self.notes_by_field: dict[str, Note] = {}
        layout = QFormLayout(form)
        self.labels = {}
        for name, widget, buddy in (("bank", bank_row, self.bank_name), ("branch", branch_row, self.branch_name),
                                    ("yucho", self.yucho, self.yucho), ("type", self.type, self.type),
                                    ("number", self.number, self.number), ("holder", self.holder, self.holder),
                                    ("note", self.note, self.note), ("transfers", transfers, self.transfers)):
            shown, note = with_note(widget, grows=name == "transfers")
            self.notes_by_field[name] = note
            label = QLabel()
            label.setBuddy(buddy)
            self.labels[name] = label
            layout.addRow(label, shown)
        layout.addRow("", self.table_date)
        self.notes_by_field["general"] = self.general

        for edit in (self.bank_name, self.bank_code, self.branch_name, self.branch_code, self.yucho, self.number,
                     self.holder):
            edit.textEdited.connect(self.changed)
            edit.editingFinished.connect(self.look_up)
        self.type.currentIndexChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)
        self.transfers.itemChanged.connect(self.changed)
        self.add_transfer.clicked.connect(self.add_transfer_row)
        self.remove_transfer.clicked.connect(lambda: self.remove_row(self.transfers))
        fill_kinds(self.type, "guidetails.acctype.", cr.ACCOUNT_TYPES, "普通")

    @staticmethod
    def _pair(name: QLineEdit, label: QLabel, code: QLineEdit) -> QWidget:
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(name, 1)
        row.addWidget(label)
        label.setBuddy(code)
        row.addWidget(code)
        return pair

    def retranslate_form(self) -> None:
        for name, label in self.labels.items():
            label.setText(tr(f"guidetails.account_{name}"))
        for label in self.code_labels:
            label.setText(tr("guidetails.account_code"))
        self.bank_name.setPlaceholderText(tr("guidetails.account_bank_hint"))
        self.yucho.setPlaceholderText(tr("guidetails.account_yucho_hint"))
        self.holder.setPlaceholderText(tr("guidetails.account_holder_hint"))
        self.transfers.setHorizontalHeaderLabels([tr("guidetails.transfer_date"), tr("guidetails.transfer_amount"),
                                                  tr("guidetails.transfer_evidence")])
        self.add_transfer.setText(tr("guidetails.transfer_add"))
        self.remove_transfer.setText(tr("guidetails.transfer_remove"))
        fill_kinds(self.type, "guidetails.acctype.", cr.ACCOUNT_TYPES)
        self.table_date.setText(tr("money.table_date", date=bankcodes.data_date()) if bankcodes.available()
                                else warning_text("warn_no_table", {}))
        self.look_up()

    def records(self) -> dict:
        return self.state.accounts

    def describe(self, account: cr.DestinationAccount) -> str:
        return f"{account.id}. {account_text(account) or tr('guidetails.account_empty')}"

    def remove_question(self, account) -> str:
        linked = sum(1 for link in self.state.links.values() if link.get("account") == account.id)
        text = tr("guidetails.remove_question", what=self.describe(account))
        return text + ("\n\n" + tr("money.account_removed_links", count=linked) if linked else "")

    def fill(self, account: cr.DestinationAccount | None) -> None:
        account = account or cr.DestinationAccount(id="")
        for edit, value in ((self.bank_name, account.bank_name), (self.bank_code, account.bank_code),
                            (self.branch_name, account.branch_name), (self.branch_code, account.branch_code),
                            (self.yucho, account.yucho_symbol), (self.number, account.number),
                            (self.holder, account.holder_kana)):
            edit.setText(value)
        fill_kinds(self.type, "guidetails.acctype.", cr.ACCOUNT_TYPES, account.type)
        self.note.setPlainText(account.note)
        self.transfers.setRowCount(0)
        for transfer in account.transfers:
            self.add_transfer_row(transfer)
        self.look_up()

    def add_transfer_row(self, transfer: dict | None = None) -> None:
        transfer = transfer if isinstance(transfer, dict) else {}
        row = self.transfers.rowCount()
        self.transfers.insertRow(row)
        amount = transfer.get("amount")
        for column, text in enumerate((transfer.get("date", ""), f"{amount:,}" if isinstance(amount, int) else "",
                                       transfer.get("evidence", ""))):
            self.transfers.setItem(row, column, QTableWidgetItem(text))
        self.row_added(self.transfers, 0)

    # -- checks ---------------------------------------------------------------------------------

    def _typed(self, key: str = "") -> cr.DestinationAccount:
        return cr.DestinationAccount(
            id=key, bank_name=self.bank_name.text().strip(), bank_code=self.bank_code.text().strip(),
            branch_name=self.branch_name.text().strip(), branch_code=self.branch_code.text().strip(),
            type=self.type.currentData() or "普通", number=self.number.text().strip(),
            holder_kana=self.holder.text().strip(), yucho_symbol=self.yucho.text().strip(),
            note=self.note.toPlainText().strip())

    def _shape(self, field: str, codes: tuple[str, ...], **values) -> bool:
        """Check one field alone with the core's rules; show its error next to it. True when fine."""
        try:
            cr.check_account(cr.DestinationAccount(id="", **values))
        except EvidenceKitError as exc:
            if exc.code in codes:
                self.notes_by_field[field].show_text(message_text(exc))
                return False
        return True

    def look_up(self) -> None:
        """What the form's fields say, next to each: shape errors, the ゆうちょ conversion, the bank
        and branch as the code table has them (or a warning)."""
        for name, note in self.notes_by_field.items():
            if name != "general":
                note.clear_text()
        typed = self._typed()
        self._yucho(typed)
        typed = self._typed()
        fine = all([
            self._shape("bank", ("money_bank_code_digits",), bank_code=typed.bank_code),
            self._shape("branch", ("money_branch_code_digits",), branch_code=typed.branch_code),
            self._shape("number", ("money_account_number",), number=typed.number),
            self._shape("holder", ("money_holder_kana",), holder_kana=typed.holder_kana),
        ])
        if fine and (typed.bank_name or typed.bank_code):
            self._table(typed)

    def _yucho(self, typed: cr.DestinationAccount) -> None:
        """A ゆうちょ 記号-番号 fills the 店番, type and number it stands for (read-only while it is there)."""
        derived = bool(typed.yucho_symbol)
        if derived:
            made = cr.DestinationAccount(id="", yucho_symbol=typed.yucho_symbol, bank_code=typed.bank_code)
            try:
                cr.check_account(made)
            except EvidenceKitError as exc:
                self.notes_by_field["yucho"].show_text(message_text(exc))
                derived = False
            else:
                self._filling, was = True, self._filling
                for edit, value in ((self.branch_code, made.branch_code), (self.number, made.number),
                                    (self.branch_name, made.branch_name)):
                    edit.setText(value)
                fill_kinds(self.type, "guidetails.acctype.", cr.ACCOUNT_TYPES, made.type)
                if not typed.bank_code:
                    self.bank_code.setText(made.bank_code)
                    self.bank_name.setText(typed.bank_name or made.bank_name)
                self._filling = was
                self.notes_by_field["yucho"].show_text(tr(
                    "guidetails.account_yucho_made", branch=made.branch_code,
                    type=word("guidetails.acctype.", made.type), number=made.number), "ok")
        for edit in (self.branch_code, self.number, self.branch_name):
            edit.setReadOnly(derived)
        self.type.setEnabled(not derived)

    def _table(self, typed: cr.DestinationAccount) -> None:
        filled = copy.deepcopy(typed)
        warnings = bankcodes.complete(filled)
        for key, params in warnings:
            self.notes_by_field[WARNING_FIELDS.get(key, "general")].show_text(warning_text(key, params), "warning")
        if not bankcodes.available():
            return
        known = bankcodes.bank(filled.bank_code) if filled.bank_code else None
        if known and not self.notes_by_field["bank"].text():
            self.notes_by_field["bank"].show_text(tr("guidetails.account_bank_found", name=known["name"],
                                                     code=known["code"], date=bankcodes.data_date()), "ok")
        branch = bankcodes.branch(filled.bank_code, filled.branch_code) if known and filled.branch_code else None
        if branch and not self.notes_by_field["branch"].text():
            self.notes_by_field["branch"].show_text(tr("guidetails.account_branch_found", name=branch["name"],
                                                       code=branch["code"]), "ok")

    def collect(self, key: str) -> cr.DestinationAccount | None:
        self.look_up()
        if any(note.kind == "error" for note in self.notes_by_field.values()):
            return None
        account = self._typed(key)
        for row in range(self.transfers.rowCount()):
            date, amount, evidence = (cell_text(self.transfers, row, c) for c in range(3))
            if not (date or amount or evidence):
                continue
            try:
                account.transfers.append(check_transfer(date, amount, evidence))
            except EvidenceKitError as exc:
                self.notes_by_field["transfers"].show_text(tr("guidetails.row_problem", row=row + 1,
                                                              text=message_text(exc)))
                return None
        return self.checked(lambda a: cr.check_account(copy.deepcopy(a)), account)  # save() fills it in

    def field_for(self, code: str) -> Note:
        return self.notes_by_field[ERROR_FIELDS.get(code, "general")]
