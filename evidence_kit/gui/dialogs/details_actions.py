"""Actions taken: a police consultation and its 受理番号, a freeze request to a bank, a call to 188,
a lawyer ... each with its day. The same records as `evidence-kit action`."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from ...core import caserecords as cr
from ..lang import tr
from .details_base import COLOURS, RecordsDialog, with_note
from .details_party import fill_kinds, word

# what is usually done, in the bundle's language (Japanese), offered in the "what" field
SUGGESTIONS = ("電話で相談", "警察署で相談", "被害届を提出", "口座凍結を依頼", "振込の組戻しを依頼", "消費生活センターに相談",
               "弁護士に相談", "アカウントを通報")


class ActionsDialog(RecordsDialog):
    kind = "action"

    def build_form(self, form: QWidget) -> None:
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.who = QComboBox()
        self.organisation = QLineEdit()
        self.what = QComboBox()
        self.what.setEditable(True)
        self.what.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.what.addItems(SUGGESTIONS)
        self.reference = QLineEdit()
        self.hints = {name: QLabel() for name in ("what", "reference")}
        for hint in self.hints.values():
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {COLOURS['info']};")
        date_box, self.date_note = with_note(self.date)
        what_box, self.what_note = with_note(self.what)
        layout = QFormLayout(form)
        self.labels = {}
        for name, box, buddy in (("date", date_box, self.date), ("who", self.who, self.who),
                                 ("organisation", self.organisation, self.organisation),
                                 ("what", what_box, self.what), ("reference", self.reference, self.reference)):
            label = QLabel()
            label.setBuddy(buddy)
            self.labels[name] = label
            layout.addRow(label, box)
            if name in self.hints:
                layout.addRow("", self.hints[name])
        self.date.dateChanged.connect(self.changed)
        self.who.currentIndexChanged.connect(self.changed)
        self.organisation.textEdited.connect(self.changed)
        self.what.editTextChanged.connect(self.changed)
        self.reference.textEdited.connect(self.changed)

    def retranslate_form(self) -> None:
        for name, label in self.labels.items():
            label.setText(tr(f"guidetails.action_{name}"))
        for name, hint in self.hints.items():
            hint.setText(tr(f"guidetails.action_{name}_hint"))
        self.organisation.setPlaceholderText(tr("guidetails.action_organisation_example"))
        fill_kinds(self.who, "money.who_", cr.ACTION_WHO)

    def records(self) -> dict:
        return dict(sorted(self.state.actions.items(), key=lambda kv: (kv[1].date, len(kv[0]), kv[0])))

    def describe(self, action: cr.Action) -> str:
        text = f"{action.date}  {word('money.who_', action.who)}"
        text += f" {action.organisation}" if action.organisation else ""
        text += f": {action.what}"
        return text + (tr("guidetails.action_ref_shown", ref=action.reference) if action.reference else "")

    def fill(self, action: cr.Action | None) -> None:
        if action is None:
            self.date.setDate(QDate.currentDate())
            fill_kinds(self.who, "money.who_", cr.ACTION_WHO, "police")
            self.organisation.clear()
            self.what.setCurrentIndex(-1)
            self.what.setEditText("")
            self.reference.clear()
            return
        day = QDate.fromString(action.date, "yyyy-MM-dd")
        self.date.setDate(day if day.isValid() else QDate.currentDate())
        fill_kinds(self.who, "money.who_", cr.ACTION_WHO, action.who)
        self.organisation.setText(action.organisation)
        self.what.setEditText(action.what)
        self.reference.setText(action.reference)

    def collect(self, key: str) -> cr.Action | None:
        action = cr.Action(id=key, date=self.date.date().toString("yyyy-MM-dd"), who=self.who.currentData(),
                           organisation=self.organisation.text().strip(), what=self.what.currentText().strip(),
                           reference=self.reference.text().strip())
        return self.checked(cr.check_action, action)

    def field_for(self, code: str):
        return {"money_bad_date": self.date_note, "money_action_what": self.what_note}.get(code, self.general)
