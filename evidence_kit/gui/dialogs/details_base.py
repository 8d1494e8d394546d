"""What the case-details dialogs share: a message shown next to a field, closing when the case locks,
switching language at run time, and a list of records beside the form that edits one of them.

Every save goes through core.caserecords (the same functions as the CLI's party / account / action
commands); after it the dialog emits `session.changed` so that the other views reload."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QLayout,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSizePolicy, QTableWidget,
                               QVBoxLayout, QWidget)

from ...core import caserecords as cr
from ...core.errors import EvidenceKitError
from ...i18n import MESSAGES
from ..lang import error_text, language, tr

COLOURS = {"error": "#a4001d", "warning": "#7a4b00", "ok": "#1d5e2a", "info": "#444444"}


class Note(QLabel):
    """A short message under a field: an error (the field must change), a warning, or a plain fact."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may repeat what the user typed
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_text(self, text: str, kind: str = "error") -> None:
        self.kind = kind if text else ""
        self.setText(text)
        self.setStyleSheet(f"color: {COLOURS[kind]};" + (" font-weight: bold;" if kind == "error" else ""))
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("", "info")


def with_note(widget: QWidget, grows: bool = False) -> tuple[QWidget, Note]:
    """The widget with a Note under it, for a form row (only a row that `grows` takes spare height)."""
    box = QWidget()
    if not grows:
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    note = Note(box)
    layout.addWidget(note)
    return box, note


def message_text(exc: BaseException) -> str:
    """An error as the GUI says it: where the CLI's text names a command-line option, a GUI wording
    ("guidetails.error.<code>") replaces it."""
    if isinstance(exc, EvidenceKitError) and f"guidetails.error.{exc.code}" in MESSAGES:
        return tr(f"guidetails.error.{exc.code}", **exc.params)
    return error_text(exc)


def warning_text(key: str, params: dict) -> str:
    """A warning of core.bankcodes (key under "money."), in the GUI's words when the CLI's name an option."""
    own = f"guidetails.money.{key}"
    return tr(own if own in MESSAGES else "money." + key, **params)


def ask(parent: QWidget, title: str, text: str, choices: list[tuple[str, str]], default: str) -> str:
    """A question with the given (answer, button text) choices; returns the answer (the last choice
    when the box is closed). One place for every question, so that tests can answer them."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    buttons = {key: box.addButton(label, QMessageBox.ButtonRole.ActionRole) for key, label in choices}
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[choices[-1][0]])
    box.exec()
    return next((key for key, button in buttons.items() if box.clickedButton() is button), choices[-1][0])


def tidy_table(table: QTableWidget) -> None:
    """A small editable table that Tab leaves (arrow keys move between its cells)."""
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setMinimumHeight(110)


def table_box(table: QTableWidget, *buttons: QPushButton) -> QWidget:
    """A form's table with its buttons (add a row, delete the selected one) under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item else ""


class DetailsDialog(QDialog):
    """A dialog on the open case: it closes when the case locks (nothing decrypted stays on screen),
    retranslates itself when the language changes, and asks before unsaved edits are let go.
    Subclasses connect their fields' change signals to `changed` and implement `save` and `retranslate`."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.dirty = False
        self._filling = False
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {COLOURS['ok']};")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.general = Note()  # a message about the whole record
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.close_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.resize(860, 600)
        session.lock_changed.connect(self._lock_changed)
        language.changed.connect(self._language_changed)

    def lay_out(self, *parts) -> None:
        """The heading, the parts (widgets, layouts, or (part, stretch) pairs), then the status line
        with Save and Close."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for part in parts:
            part, stretch = part if isinstance(part, tuple) else (part, 0)
            (layout.addLayout if isinstance(part, QLayout) else layout.addWidget)(part, stretch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def name_buttons(self) -> None:
        self.save_button.setText(tr("guidetails.save"))
        self.close_button.setText(tr("guidetails.close"))

    def changed(self, *_args) -> None:
        if not self._filling:
            self.dirty = True
            self.status.clear()

    def save(self) -> bool:  # pragma: no cover - every dialog has its own
        raise NotImplementedError

    def retranslate(self) -> None:  # pragma: no cover - every dialog has its own
        raise NotImplementedError

    def _leave_ok(self) -> bool:
        """Whether the edits may be left: saved, nothing changed, or the user lets the changes go."""
        if not self.dirty or self.session.locked:
            return True
        answer = ask(self, self.windowTitle(), tr("guidetails.unsaved_question"),
                     [("save", tr("guidetails.unsaved_save")), ("discard", tr("guidetails.unsaved_discard")),
                      ("cancel", tr("guidetails.unsaved_cancel"))], "save")
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.dirty = False
            return True
        return False

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._leave_ok():
            super().closeEvent(event)
        else:
            event.ignore()

    def reject(self) -> None:  # Esc
        if self._leave_ok():
            super().reject()

    def _lock_changed(self, locked: bool) -> None:
        if locked:  # nothing can be saved now, and nothing decrypted stays on screen
            self.dirty = False
            self.done(QDialog.DialogCode.Rejected)

    def _language_changed(self, _code: str) -> None:
        self.retranslate()


class RecordsDialog(DetailsDialog):
    """A list of the case's parties, accounts or actions beside a form for one of them, with
    New / Save / Remove. Subclasses give `kind`, build the form in `build_form`, and implement
    `records`, `describe`, `fill` and `collect`."""

    kind = ""
    grows = False  # whether the form takes the height left (it holds a table or a list)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.current_id: str | None = None  # the record in the form; None for a new one
        self._saving = False
        self.state = cr.CaseRecords()

        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form = QWidget()
        self.build_form(self.form)
        self.new_button = QPushButton()
        self.remove_button = QPushButton()
        self.form_title = QLabel()
        self.form_title.setStyleSheet("font-weight: bold;")

        left = QVBoxLayout()
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        right = QVBoxLayout()
        right.addWidget(self.form_title)
        right.addWidget(self.form, 1 if self.grows else 0)
        right.addWidget(self.general)
        right.addStretch(0 if self.grows else 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        self.lay_out((body, 1))
        self.list.currentItemChanged.connect(self._picked)
        self.new_button.clicked.connect(self.new_record)
        self.remove_button.clicked.connect(self.remove_record)
        session.changed.connect(self._case_changed)
        self._tab_order()
        self.retranslate()
        self.reload()

    def _tab_order(self) -> None:
        """Tab goes from the list through the form's fields (in the order they were made) to the buttons."""
        fields = [w for w in self.form.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                  and w.window() is self  # not a combo's popup list
                  and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]
        self.fields = fields
        chain = [self.list, *fields, self.new_button, self.remove_button, self.save_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- what subclasses give -------------------------------------------------------------------

    def build_form(self, form: QWidget) -> None:
        raise NotImplementedError

    def records(self) -> dict:
        raise NotImplementedError

    def describe(self, record) -> str:
        raise NotImplementedError

    def fill(self, record) -> None:
        """Show a record in the form (None: an empty form for a new one)."""
        raise NotImplementedError

    def collect(self, key: str):
        """The record the form holds, or None after showing what must change next to each field."""
        raise NotImplementedError

    def notes(self) -> list[Note]:
        return [n for n in self.form.findChildren(Note)] + [self.general]

    def field_for(self, code: str) -> Note:
        """Where a core error about this record is shown (the general note unless a field has it)."""
        return self.general

    def checked(self, check, record):
        """The record when the core's `check` passes it; else None, with the error next to its field."""
        try:
            check(record)
        except EvidenceKitError as exc:
            self.field_for(exc.code).show_text(message_text(exc))
            return None
        return record

    def row_added(self, table: QTableWidget, column: int) -> None:
        """After a row is added to one of the form's tables: the user types in it next."""
        if not self._filling:
            self.changed()
            table.setCurrentCell(table.rowCount() - 1, column)
            table.setFocus()

    def remove_row(self, table: QTableWidget) -> None:
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self.changed()

    def remove_question(self, record) -> str:
        return tr("guidetails.remove_question", what=self.describe(record))

    # -- the list -------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        self.state = cr.load(self.session.case)
        keep = select if select is not None else self.current_id
        self.list.blockSignals(True)
        self.list.clear()
        for key, record in self.records().items():
            item = QListWidgetItem(self.describe(record))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(item.text())
            self.list.addItem(item)
            if key == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count() and keep is None:
            self.list.setCurrentRow(0)
        self._show(self._selected_id())

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show(self, key: str | None) -> None:
        self.current_id = key
        record = self.records().get(key) if key is not None else None
        self._filling = True
        for note in self.notes():
            note.clear_text()
        self.fill(record)
        self._filling = False
        self.dirty = False
        self.remove_button.setEnabled(record is not None)
        self._title()

    def _title(self) -> None:
        if self.current_id is None:
            self.form_title.setText(tr(f"guidetails.{self.kind}_new"))
        else:
            self.form_title.setText(tr(f"guidetails.{self.kind}_editing", id=self.current_id))

    def _picked(self, current, previous) -> None:
        key = current.data(Qt.ItemDataRole.UserRole) if current else None
        if key == self.current_id:
            return
        if not self._leave_ok():
            self.list.blockSignals(True)
            self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self.status.clear()
        self._show(key)

    def _case_changed(self) -> None:
        if not self._saving and not self.dirty and not self.session.locked:
            self.reload()

    # -- the buttons ----------------------------------------------------------------------------

    def new_record(self) -> None:
        if not self._leave_ok():
            return
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.status.clear()
        self._show(None)
        if self.fields:  # the form's first field (the chain's next widget may be a label: typing went nowhere)
            self.fields[0].setFocus()

    def save(self) -> bool:
        for note in self.notes():
            note.clear_text()
        key = self.current_id or cr.next_id(self.state, self.kind)
        record = self.collect(key)
        if record is None:
            self.status.clear()
            return False
        self._saving = True  # the session's `changed` below reloads the other views; this one reloads itself
        try:
            cr.save(self.session.case, record)  # its warnings (bank codes) show in the form reloaded below
            self.dirty = False
            self.reload(select=key)
            self.status.setText(tr("guidetails.saved"))
            self.session.changed.emit()
        except EvidenceKitError as exc:
            self.field_for(exc.code).show_text(message_text(exc))
            return False
        except OSError as exc:
            self.general.show_text(message_text(exc))
            return False
        finally:
            self._saving = False
        return True

    def remove_record(self) -> None:
        record = self.records().get(self.current_id) if self.current_id is not None else None
        if record is None:
            return
        answer = ask(self, self.windowTitle(), self.remove_question(record),
                     [("remove", tr("guidetails.remove_yes")), ("keep", tr("guidetails.remove_no"))], "keep")
        if answer != "remove":
            return
        self._saving = True
        try:
            cr.remove(self.session.case, self.state, self.kind, record.id)
            self.dirty = False
            self.current_id = None
            self.reload()
            self.status.setText(tr("guidetails.removed"))
            self.session.changed.emit()
        except (EvidenceKitError, OSError) as exc:
            self.general.show_text(message_text(exc))
        finally:
            self._saving = False

    def retranslate(self) -> None:
        self.setWindowTitle(tr(f"guidetails.{self.kind}_title"))
        self.heading.setText(tr(f"guidetails.{self.kind}_heading"))
        self.list_label.setText(tr(f"guidetails.{self.kind}_list"))
        self.new_button.setText(tr("guidetails.new"))
        self.remove_button.setText(tr("guidetails.remove"))
        self.name_buttons()
        if self.form.layout() is not None:
            self.retranslate_form()
        self._title()
        for row in range(self.list.count()):  # the descriptions use the language's words too
            item = self.list.item(row)
            record = self.records().get(item.data(Qt.ItemDataRole.UserRole))
            if record is not None:
                item.setText(self.describe(record))

    def retranslate_form(self) -> None:
        raise NotImplementedError
