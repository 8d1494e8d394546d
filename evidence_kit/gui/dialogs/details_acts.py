"""Stalking and online harassment: the acts the other party did (time, kind under the ストーカー規制法,
place, what happened, their features, witnesses, the items that show it) and the times the victim
told them to stop (拒否の意思表示). The same records as `evidence-kit act` and `refusal`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget)

from ...core import caserecords as cr
from ...core.errors import EvidenceKitError
from ..lang import tr
from .details_base import COLOURS, RecordsDialog, message_text, with_note

IN_PERSON = (None, True, False)  # as its kind usually is / in person / not in person


def shown_time(stored: str) -> str:
    """A stored time as the user types it: Japan time without its offset, else as stored."""
    if stored.endswith("+09:00") and "T" in stored:
        return stored[:16].replace("T", " ")
    return stored


def describe_time(record) -> str:
    return shown_time(record.time) + (tr("cli.act_approx") if record.approx else "")


def time_row(dialog: RecordsDialog) -> QWidget:
    """The time field with its 頃 box, as `dialog.time` and `dialog.approx`."""
    dialog.time = QLineEdit()
    dialog.time.setPlaceholderText("2024-06-01 21:30")
    dialog.approx = QCheckBox()
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(dialog.time, 1)
    layout.addWidget(dialog.approx)
    dialog.time.textEdited.connect(dialog.changed)
    dialog.approx.toggled.connect(dialog.changed)
    return row


def parsed_time(dialog: RecordsDialog) -> str | None:
    """The time typed, as stored (Japan time), or None with the error under the field."""
    try:
        return cr.parse_time(dialog.time.text())
    except EvidenceKitError as exc:
        dialog.time_note.show_text(message_text(exc))
        return None


def case_items(session) -> list[dict]:
    return [i for i in session.case.items() if not i.get("duplicate_of")]


def item_text(item: dict) -> str:
    return f"{item['original_name']}  ({item['id'][:8]})"


class ActsDialog(RecordsDialog):
    kind = "act"
    grows = True

    def build_form(self, form: QWidget) -> None:
        self.type = QComboBox()
        self.type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type.setMinimumContentsLength(20)
        self.place, self.url = QLineEdit(), QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(64)
        self.offender, self.witnesses, self.police = QLineEdit(), QLineEdit(), QLineEdit()
        self.in_person = QComboBox()
        self.filter = QLineEdit()
        self.items = QListWidget()
        self.items.setMaximumHeight(120)
        exhibits = QWidget()
        box = QVBoxLayout(exhibits)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filter)
        box.addWidget(self.items)
        time_box, self.time_note = with_note(time_row(self))
        description_box, self.description_note = with_note(self.description)
        exhibits_box, self.items_note = with_note(exhibits, grows=True)
        self.labels = {}
        layout = QFormLayout(form)
        for name, widget, buddy in (("time", time_box, self.time), ("type", self.type, self.type),
                                    ("place", self.place, self.place), ("url", self.url, self.url),
                                    ("description", description_box, self.description),
                                    ("offender", self.offender, self.offender),
                                    ("witnesses", self.witnesses, self.witnesses), ("police", self.police, self.police),
                                    ("in_person", self.in_person, self.in_person),
                                    ("exhibits", exhibits_box, self.filter)):
            label = QLabel()
            label.setBuddy(buddy)
            self.labels[name] = label
            layout.addRow(label, widget)
        for edit in (self.place, self.url, self.offender, self.witnesses, self.police):
            edit.textEdited.connect(self.changed)
        self.description.textChanged.connect(self.changed)
        self.type.currentIndexChanged.connect(self.changed)
        self.in_person.currentIndexChanged.connect(self.changed)
        self.items.itemChanged.connect(self.changed)
        self.filter.textEdited.connect(self._filter)
        for item in case_items(self.session):
            entry = QListWidgetItem(item_text(item))
            entry.setData(Qt.ItemDataRole.UserRole, item["id"])
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.items.addItem(entry)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.items.count()):
            entry = self.items.item(row)
            entry.setHidden(bool(wanted) and wanted not in entry.text().casefold())

    def retranslate_form(self) -> None:
        for name, label in self.labels.items():
            label.setText(tr(f"guidetails.act_{name}"))
        self.approx.setText(tr("guidetails.act_approx"))
        self.filter.setPlaceholderText(tr("guidetails.act_filter"))
        self.witnesses.setPlaceholderText(tr("guidetails.act_witnesses_hint"))
        current = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        for code in cr.ACT_TYPES:
            law = tr("act.law." + code)
            self.type.addItem(tr("act.type." + code) + (f"（{law}）" if law else ""), code)
        self.type.setCurrentIndex(max(0, self.type.findData(current)))
        self.type.blockSignals(False)
        index = max(0, self.in_person.currentIndex())
        self.in_person.blockSignals(True)
        self.in_person.clear()
        for key in ("guidetails.act_in_person_kind", "guidetails.act_in_person_yes", "guidetails.act_in_person_no"):
            self.in_person.addItem(tr(key))
        self.in_person.setCurrentIndex(index)
        self.in_person.blockSignals(False)

    def records(self) -> dict:
        return dict(sorted(self.state.acts.items(), key=lambda kv: (kv[1].time, len(kv[0]), kv[0])))

    def describe(self, act: cr.Act) -> str:
        """Time, place and what happened (the kind's words are long: they are in the form)."""
        what = act.description.splitlines()[0] if act.description else ""
        return f"{describe_time(act)}  " + (f"{act.place}: {what}" if act.place else what)

    def fill(self, act: cr.Act | None) -> None:
        act = act or cr.Act(id="", time="", act_type="following")
        self.time.setText(shown_time(act.time))
        self.approx.setChecked(act.approx)
        self.type.setCurrentIndex(max(0, self.type.findData(act.act_type)))
        for edit, value in ((self.place, act.place), (self.url, act.url), (self.offender, act.offender),
                            (self.witnesses, act.witnesses), (self.police, act.police)):
            edit.setText(value)
        self.description.setPlainText(act.description)
        self.in_person.setCurrentIndex(IN_PERSON.index(act.in_person))
        for row in range(self.items.count()):
            entry = self.items.item(row)
            shown = entry.data(Qt.ItemDataRole.UserRole) in act.exhibits
            entry.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    def collect(self, key: str) -> cr.Act | None:
        time = parsed_time(self)
        if time is None:
            return None
        exhibits = [self.items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.items.count())
                    if self.items.item(r).checkState() == Qt.CheckState.Checked]
        act = cr.Act(id=key, time=time, act_type=self.type.currentData(), approx=self.approx.isChecked(),
                     place=self.place.text().strip(), url=self.url.text().strip(),
                     description=self.description.toPlainText().strip(), offender=self.offender.text().strip(),
                     witnesses=self.witnesses.text().strip(), police=self.police.text().strip(), exhibits=exhibits,
                     in_person=IN_PERSON[self.in_person.currentIndex()])
        return self.checked(lambda a: cr.check_act(a, {i["id"] for i in case_items(self.session)}), act)

    def field_for(self, code: str):
        return {"act_bad_time": self.time_note, "act_description": self.description_note,
                "report_item_unknown": self.items_note}.get(code, self.general)


class RefusalsDialog(RecordsDialog):
    kind = "refusal"

    def build_form(self, form: QWidget) -> None:
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.method.addItems(("LINE", "電話", "口頭", "メール", "SMS", "手紙"))
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(80)
        self.exhibit = QComboBox()
        self.exhibit.addItem("", "")
        for item in case_items(self.session):
            self.exhibit.addItem(item_text(item), item["id"])
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {COLOURS['info']};")
        time_box, self.time_note = with_note(time_row(self))
        content_box, self.content_note = with_note(self.content)
        self.labels = {}
        layout = QFormLayout(form)
        layout.addRow(self.hint)
        for name, widget, buddy in (("time", time_box, self.time), ("method", self.method, self.method),
                                    ("content", content_box, self.content), ("exhibit", self.exhibit, self.exhibit)):
            label = QLabel()
            label.setBuddy(buddy)
            self.labels[name] = label
            layout.addRow(label, widget)
        self.method.editTextChanged.connect(self.changed)
        self.content.textChanged.connect(self.changed)
        self.exhibit.currentIndexChanged.connect(self.changed)

    def retranslate_form(self) -> None:
        for name, label in self.labels.items():
            label.setText(tr(f"guidetails.refusal_{name}"))
        self.approx.setText(tr("guidetails.act_approx"))
        self.hint.setText(tr("guidetails.refusal_hint"))
        self.exhibit.setItemText(0, tr("guidetails.refusal_no_exhibit"))

    def records(self) -> dict:
        return dict(sorted(self.state.refusals.items(), key=lambda kv: (kv[1].time, len(kv[0]), kv[0])))

    def describe(self, refusal: cr.Refusal) -> str:
        return f"{describe_time(refusal)}  {' '.join(p for p in (refusal.method, refusal.content) if p)}"

    def fill(self, refusal: cr.Refusal | None) -> None:
        refusal = refusal or cr.Refusal(id="", time="")
        self.time.setText(shown_time(refusal.time))
        self.approx.setChecked(refusal.approx)
        self.method.setEditText(refusal.method)
        self.content.setPlainText(refusal.content)
        self.exhibit.setCurrentIndex(max(0, self.exhibit.findData(refusal.exhibit)))

    def collect(self, key: str) -> cr.Refusal | None:
        time = parsed_time(self)
        if time is None:
            return None
        refusal = cr.Refusal(id=key, time=time, approx=self.approx.isChecked(),
                             method=self.method.currentText().strip(), content=self.content.toPlainText().strip(),
                             exhibit=self.exhibit.currentData() or "")
        return self.checked(lambda r: cr.check_act(r, {i["id"] for i in case_items(self.session)}), refusal)

    def field_for(self, code: str):
        return {"act_bad_time": self.time_note, "refusal_content": self.content_note}.get(code, self.general)
