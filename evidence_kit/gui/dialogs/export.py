"""The export dialog (issue 6 item 5): who the bundle is for, the automatic checks with a button to
the dialog that fixes each, then the PDF made in a Job with progress and cancel, and at the end
「PDFを開く」/「フォルダを開く」.

The rule on serious checks is the core's (`report.export.export(acknowledged=...)`): a damaged case
never exports; missing account details export only after the user ticks 「確認しました」."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import platformdirs
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFileDialog, QFrame, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QMenu, QProgressBar, QPushButton, QRadioButton,
                               QScrollArea, QVBoxLayout, QWidget)

from ...core.errors import EvidenceKitError
from ...report import checks as report_checks
from ...report import export as report_export
from ...report import jptime, model
from ..lang import language, tr
from ..workers import Job
from .details_base import COLOURS, DetailsDialog, Note, ask, message_text

AUDIENCES = ("police", "lawyer", "bank")
SEVERITY_COLOURS = {"error": COLOURS["error"], "warning": COLOURS["warning"], "info": COLOURS["info"]}


def check_text(check: report_checks.Check) -> str:
    """A check's sentence without its "[severity]" (shown beside it); the GUI's words where the
    CLI's name a command."""
    if f"guidetails.check.{check.code}" in _messages():
        return tr(f"guidetails.check.{check.code}", **check.params)
    text = report_checks.message(check, language.code)
    return text.removeprefix(f"[{tr('check.severity.' + check.severity)}] ")


def _messages() -> dict:
    from ...i18n import MESSAGES

    return MESSAGES


def gather(case, audience: str, bank: str | None, integrity: int | None, progress, cancel) -> dict:
    """The checks for this audience, the exhibits by label, the destination banks and the number of
    items left out; `integrity` None verifies the case first (deep), as the export will."""
    def step(done: int, total: int) -> None:
        if cancel():
            raise EvidenceKitError("export_cancelled")
        progress(done, total, "verify")

    if integrity is None:
        report, _ = case.verify(deep=True, progress=step)
        integrity = len(report.problems)
    if cancel():
        raise EvidenceKitError("export_cancelled")
    progress(0, 0, "checks")
    police = model.build(case, "police")
    banks = [(name, group[0].account.bank_code or group[0].account.bank_name)
             for name, group in model.bank_groups(police.summary)]
    bundle = police
    if audience == "bank":  # the chosen bank, or the first (no bank: the export says so, and nothing is built)
        bank = bank if bank in [code for _, code in banks] else (banks[0][1] if banks else None)
        bundle = model.build(case, "bank", bank) if bank else police
    elif audience != "police":
        bundle = model.build(case, audience)
    today = datetime.now(jptime.JST).date()
    found = report_checks.run(case, bundle, today=today, integrity_problems=integrity)
    return {"checks": found, "integrity": integrity, "banks": banks, "bank": bank,
            "labels": {e.label: e.item_id for e in bundle.exhibits},
            "excluded": sum(1 for note in police.records.items.values() if note.get("excluded"))}


class ExportDialog(DetailsDialog):
    """`ExportDialog(session)`. `extra_row` is where the hand-over and backup entries go once they exist."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.resize(820, 680)
        self.job: Job | None = None
        self.found: list[report_checks.Check] = []
        self.integrity: int | None = None  # problems found by the last deep check (None: not yet)
        self.banks: list[tuple[str, str]] = []
        self.labels: dict[str, str] = {}
        self.result: report_export.ExportResult | None = None
        self.fix_dialog = None
        self.excluded = 0
        self._again = False  # the checks are to run again once the running job is over
        self.fix_buttons: list[QPushButton] = []
        self._path_edited = False

        # who it is for
        self.audience_box = QGroupBox()
        self.audience_buttons = {a: QRadioButton() for a in AUDIENCES}
        self.audience_group = QButtonGroup(self)
        self.bank = QComboBox()
        self.bank_label = QLabel()
        self.bank_label.setBuddy(self.bank)
        row = QHBoxLayout(self.audience_box)
        for n, audience in enumerate(AUDIENCES):
            self.audience_group.addButton(self.audience_buttons[audience], n)
            row.addWidget(self.audience_buttons[audience])
        row.addSpacing(12)
        row.addWidget(self.bank_label)
        row.addWidget(self.bank, 1)
        self.audience_buttons["police"].setChecked(True)
        self.excluded_note = QLabel()
        self.excluded_note.setWordWrap(True)
        self.excluded_note.setStyleSheet(f"color: {COLOURS['info']};")
        # the checks
        self.checks_box = QGroupBox()
        self.checks_list = QWidget()
        self.checks_layout = QVBoxLayout(self.checks_list)
        self.checks_layout.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.checks_list)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.recheck = QPushButton()
        self.acknowledge = QCheckBox()
        self.acknowledge_note = QLabel()
        self.acknowledge_note.setWordWrap(True)
        box = QVBoxLayout(self.checks_box)
        box.addWidget(scroll, 1)
        box.addWidget(self.acknowledge_note)
        row = QHBoxLayout()
        row.addWidget(self.acknowledge)
        row.addStretch(1)
        row.addWidget(self.recheck)
        box.addLayout(row)
        # where, progress, result
        self.path = QLineEdit()
        self.path_label = QLabel()
        self.path_label.setBuddy(self.path)
        self.browse = QPushButton()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.cancel_button = QPushButton()
        self.problem = Note()
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_pdf = QPushButton()
        self.open_folder = QPushButton()
        self.extra_row = QHBoxLayout()  # hand-over and backup entries are added here by their dialogs
        self.export_button = self.save_button  # the default button: it starts the export (`save`)

        where = QHBoxLayout()
        where.addWidget(self.path_label)
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        done = QHBoxLayout()
        done.addWidget(self.open_pdf)
        done.addWidget(self.open_folder)
        done.addLayout(self.extra_row)
        done.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.audience_box)
        layout.addWidget(self.excluded_note)
        layout.addWidget(self.checks_box, 1)
        layout.addLayout(where)
        layout.addLayout(running)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.problem)
        layout.addWidget(self.result_text)
        layout.addLayout(done)
        layout.addLayout(buttons)

        self.audience_group.idToggled.connect(self._audience_toggled)
        self.bank.currentIndexChanged.connect(self._bank_changed)
        self.recheck.clicked.connect(lambda: self.run_checks(verify=True))
        self.acknowledge.toggled.connect(self._update_buttons)
        self.path.textEdited.connect(self._path_typed)
        self.browse.clicked.connect(self.choose_path)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_pdf.clicked.connect(lambda: self._open(self.result.path))
        self.open_folder.clicked.connect(lambda: self._open(self.result.path.parent))
        for widget in (self.open_pdf, self.open_folder, self.result_text):
            widget.hide()
        self._running(False)
        self.retranslate()
        self.run_checks(verify=True)

    # -- state ----------------------------------------------------------------------------------

    @property
    def audience(self) -> str:
        return AUDIENCES[self.audience_group.checkedId()]

    @property
    def bank_code(self) -> str | None:
        return self.bank.currentData() if self.audience == "bank" else None

    def blocking(self) -> list[report_checks.Check]:
        return [c for c in self.found if c.blocks]

    def _update_buttons(self) -> None:
        blocking = self.blocking()
        damaged = any(c.code == "integrity" for c in blocking)
        self.acknowledge.setVisible(bool(blocking) and not damaged)
        self.acknowledge_note.setVisible(bool(blocking))
        if blocking:
            self.acknowledge_note.setText(tr("guidetails.export_damaged" if damaged else "guidetails.export_must_fix"))
            self.acknowledge_note.setStyleSheet(f"color: {COLOURS['error']};")
        busy = self.job is not None
        ready = self.integrity is not None and not damaged and (not blocking or self.acknowledge.isChecked())
        no_bank = self.audience == "bank" and self.bank.currentData() is None
        self.export_button.setEnabled(ready and not busy and not no_bank and bool(self.path.text().strip()))
        for widget in (*self.audience_buttons.values(), self.recheck, self.browse, self.path):
            widget.setEnabled(not busy)
        self.bank.setEnabled(not busy and self.audience == "bank" and self.bank.count() > 0)

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.progress_text.setVisible(running)
        self._update_buttons()

    # -- the checks -----------------------------------------------------------------------------

    def run_checks(self, verify: bool = False) -> None:
        """Check the case for the chosen audience, off the GUI thread (a deep check the first time)."""
        if verify:
            self.integrity = None
        if self.job is not None:  # once the running job is over
            self._again = True
            return
        self._again = False
        case, audience, bank, integrity = self.session.case, self.audience, self.bank_code, self.integrity
        self._start(Job(lambda progress, cancel: gather(case, audience, bank, integrity, progress, cancel)),
                    self._checked, "checks")

    def _checked(self, found: dict) -> None:
        self.found, self.integrity, self.labels = found["checks"], found["integrity"], found["labels"]
        if found["banks"] != self.banks:
            self.banks = found["banks"]
            self.bank.blockSignals(True)
            self.bank.clear()
            for name, code in self.banks:
                self.bank.addItem(name, code)
            self.bank.blockSignals(False)
        if found["bank"] is not None:
            self.bank.setCurrentIndex(max(0, self.bank.findData(found["bank"])))
        self.excluded = found["excluded"]
        self.acknowledge.setChecked(False)
        self._show_checks()
        self._default_path()

    def _show_checks(self) -> None:
        while self.checks_layout.count():
            item = self.checks_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.fix_buttons: list[QPushButton] = []
        if self.integrity is None:
            return
        shown = list(self.found)
        if self.audience == "bank" and not self.banks:
            shown.insert(0, report_checks.Check("no_bank", "error"))
        if not shown:
            label = QLabel(tr("guidetails.export_no_findings"))
            label.setStyleSheet(f"color: {COLOURS['ok']};")
            self.checks_layout.addWidget(label)
        for check in shown:
            self.checks_layout.addWidget(self._check_row(check))
        self.checks_layout.addStretch(1)
        self.excluded_note.setText(tr("guidetails.export_excluded", count=self.excluded))
        self.excluded_note.setVisible(bool(self.excluded))
        self._update_buttons()
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab goes through the fix buttons where they are shown, between the bank and 「確認しました」."""
        chain = [*self.audience_buttons.values(), self.bank, *self.fix_buttons,
                 self.acknowledge, self.recheck, self.path, self.browse, self.export_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _check_row(self, check: report_checks.Check) -> QWidget:
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 2, 0, 2)
        tag = QLabel(tr("check.severity." + check.severity))
        tag.setStyleSheet(f"color: white; background: {SEVERITY_COLOURS[check.severity]}; padding: 2px 6px;"
                          " border-radius: 3px; font-weight: bold;")
        text = QLabel(tr("guidetails.error.report_no_bank") if check.code == "no_bank" else check_text(check))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(tag, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(text, 0, 1)
        grid.setColumnStretch(1, 1)
        fix = self._fix_button(check)
        if fix is not None:
            grid.addWidget(fix, 0, 2)
            self.fix_buttons.append(fix)
        row.setObjectName(f"check-{check.code}")
        return row

    def _fix_button(self, check: report_checks.Check) -> QPushButton | None:
        """The button that opens the dialog where this check is dealt with, when there is one."""
        from . import details

        account = check.params.get("account")
        openers = {"account_incomplete": lambda: self._fix(details.AccountsDialog, select=account),
                   "no_bank": lambda: self._fix(details.AccountsDialog),
                   "party_missing": lambda: self._fix(details.PartyDialog),
                   "party_no_identifier": lambda: self._fix(details.PartyDialog),
                   "no_receipt_number": lambda: self._fix(details.ActionsDialog),
                   "recent_transfer": lambda: self._fix(details.ActionsDialog),
                   "no_refusal": lambda: self._fix(details.RefusalsDialog),
                   "refusal_no_exhibit": lambda: self._fix(details.RefusalsDialog),
                   "act_in_person_missing": lambda: self._fix(details.ActsDialog)}
        note = getattr(details, "ItemNoteDialog", None)
        items = [self.labels[label] for label in check.exhibits if label in self.labels]
        button = QPushButton()
        button.setObjectName(f"fix-{check.code}")
        if check.code in openers:
            button.setText(tr(f"guidetails.fix_{check.code}"))
            button.clicked.connect(openers[check.code])
        elif note is not None and check.code == "image_no_time" and items:
            button.setText(tr("guidetails.fix_image_no_time"))
            menu = QMenu(button)
            for label in check.exhibits:
                if label in self.labels:
                    menu.addAction(label, lambda item=self.labels[label]: self._fix(note, item=item))
            button.setMenu(menu)
        else:
            return None
        return button

    def _fix(self, cls, select: str | None = None, item: str | None = None) -> None:
        """Open the dialog that fixes a check (on the record or item concerned); check again after it."""
        dialog = cls(self.session, item, self) if item is not None else cls(self.session, self)
        if select is not None:
            dialog.reload(select=select)
        dialog.finished.connect(lambda _result: self.run_checks())
        self.fix_dialog = dialog
        dialog.open()

    # -- audience and file ----------------------------------------------------------------------

    def _audience_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.result = None
            self._show_result()
            self.run_checks()

    def _bank_changed(self, _index: int) -> None:
        if self.audience == "bank" and self.job is None:
            self.run_checks()

    def _default_path(self) -> None:
        if self._path_edited:
            self._update_buttons()
            return
        folder = Path(platformdirs.user_documents_dir())
        folder = folder if folder.is_dir() else Path.home()
        day = datetime.now(jptime.JST).date().isoformat()
        code = f"-{self.bank_code}" if self.bank_code else ""
        self.path.setText(str(folder / tr(f"guidetails.export_file_{self.audience}", day=day, bank=code)))
        self._update_buttons()

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True
        self._update_buttons()

    def choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, tr("guidetails.export_choose"), self.path.text(), "PDF (*.pdf)")
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self._path_edited = True
            self._update_buttons()

    # -- the export -----------------------------------------------------------------------------

    def start_export(self) -> None:
        out = Path(self.path.text().strip()).expanduser()
        if out.exists() and ask(self, self.windowTitle(), tr("guidetails.export_overwrite", path=str(out)),
                                [("yes", tr("guidetails.export_overwrite_yes")),
                                 ("no", tr("guidetails.export_overwrite_no"))], "no") != "yes":
            return
        case, audience, bank = self.session.case, self.audience, self.bank_code
        acknowledged = self.acknowledge.isChecked()
        self.result = None
        self._show_result()
        self._start(Job(lambda progress, cancel: report_export.export(
            case, out, audience=audience, bank=bank, acknowledged=acknowledged, progress=progress, cancel=cancel)),
            self._exported, "export")

    def _exported(self, result: report_export.ExportResult) -> None:
        self.result = result
        self.found = result.checks
        self._show_checks()
        self._show_result()
        self.session.changed.emit()  # the export is in the custody log now

    def _show_result(self) -> None:
        result = self.result
        for widget in (self.open_pdf, self.open_folder, self.result_text):
            widget.setVisible(result is not None)
        if result is not None:
            self.result_text.setText(tr("guidetails.export_done", path=str(result.path), pages=result.pages,
                                        sha256=result.sha256))
            self.result_text.setStyleSheet(f"color: {COLOURS['ok']};")
            self.open_pdf.setFocus()

    def _open(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- jobs -----------------------------------------------------------------------------------

    def _start(self, job: Job, on_finished, what: str) -> None:
        self.job = job
        self.problem.clear_text()
        self.progress.setRange(0, 0)
        self.progress_text.setText(tr(f"guidetails.export_stage_{'checks' if what == 'checks' else 'start'}"))
        job.progress.connect(self._progress)
        job.finished.connect(on_finished)
        job.failed.connect(self._failed)
        job.done.connect(self._job_done)
        self._running(True)
        self.session.start(job)

    def _progress(self, done: int, total: int, stage: str) -> None:
        if stage == "verify" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress_text.setText(tr("guidetails.export_stage_verify", done=done, total=total))
        else:
            self.progress.setRange(0, 0)
            self.progress_text.setText(tr(f"guidetails.export_stage_{stage}"))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, EvidenceKitError) and exc.code == "report_blocked":
            self.found = exc.params.get("checks", self.found)
            self._show_checks()
        self.problem.show_text(message_text(exc), "warning" if getattr(exc, "code", "") == "export_cancelled"
                               else "error")

    def _job_done(self) -> None:
        self.job = None
        self._running(False)
        if self._again and not self.session.locked and self.isVisible():
            self.run_checks()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.progress_text.setText(tr("guidetails.export_stopping"))

    def save(self) -> bool:
        """The default button: make the PDF (the dialog holds no edits to lose)."""
        self.start_export()
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.cancel()
        super().closeEvent(event)

    def reject(self) -> None:
        self.cancel()
        super().reject()

    def _lock_changed(self, locked: bool) -> None:
        if locked:
            self.cancel()
        super()._lock_changed(locked)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("guidetails.export_title"))
        self.heading.setText(tr("guidetails.export_heading"))
        self.audience_box.setTitle(tr("guidetails.export_audience"))
        for audience, button in self.audience_buttons.items():
            button.setText(tr(f"guidetails.export_audience_{audience}"))
        self.bank_label.setText(tr("guidetails.export_bank"))
        self.checks_box.setTitle(tr("guidetails.export_checks"))
        self.recheck.setText(tr("guidetails.export_recheck"))
        self.acknowledge.setText(tr("guidetails.export_acknowledge"))
        self.path_label.setText(tr("guidetails.export_path"))
        self.browse.setText(tr("guidetails.export_browse"))
        self.cancel_button.setText(tr("guidetails.export_cancel"))
        self.open_pdf.setText(tr("guidetails.export_open_pdf"))
        self.open_folder.setText(tr("guidetails.export_open_folder"))
        self.export_button.setText(tr("guidetails.export_go"))
        self.close_button.setText(tr("guidetails.close"))
        self._show_checks()
        self._show_result()
        self._update_buttons()
