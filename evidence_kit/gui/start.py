"""The start window (create a case, open a recent one, open a folder), the create dialog, the unlock
dialog and the printed recovery sheet. Creating and unlocking run in a Job (scrypt takes about a
second), so the window keeps answering."""

from __future__ import annotations

import html
import re
import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from ..core.case import MIN_PASSPHRASE, Case, check_new_passphrase, create_case
from ..core.errors import EvidenceKitError
from .lang import error_text, language, tr
from .safety import Safety, SafetyDialog, window_title
from .session import Session
from .settings import default_cases_dir
from .workers import Job

BAD_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
ERROR_STYLE = "color: #9b2c2c;"
HINT_STYLES = ("color: #9b2c2c;", "color: #9a5b00;", "color: #5b6b00;", "color: #22663a;")


def strength(passphrase: str) -> int:
    """0 too short (the core refuses it), 1 weak, 2 fair, 3 strong: length first, then variety."""
    if len(passphrase) < MIN_PASSPHRASE:
        return 0
    kinds = sum((any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                 any(c.isdigit() for c in passphrase), any(not c.isalnum() for c in passphrase),
                 any(ord(c) > 127 for c in passphrase)))
    points = (len(passphrase) >= 12) + (len(passphrase) >= 16) + (len(passphrase) >= 24) + (kinds >= 2) + (kinds >= 3)
    if len(set(passphrase)) <= 3:  # "aaaaaaaa", "abababab"
        points = 0
    return 1 if points <= 1 else 2 if points == 2 else 3


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.hide()
    return label


def heading_label(scale: float) -> QLabel:
    """A bold title line, `scale` times the body text."""
    label = QLabel()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # no figure to show: scrypt gives no progress
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


class _JobDialog(QDialog):
    """A dialog whose OK runs one Job; while it runs, the inputs wait and closing is refused."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.job: Job | None = None
        self._guard, self._state, self._undo = threading.Lock(), {"dropped": False}, None  # see run_job
        self.error = _error_label()
        self.busy = _busy_bar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.Ok).setDefault(True)

    def lay_out(self, intro: QLabel, form: QFormLayout, width: int) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        for part in (intro, form, self.error, self.busy, self.buttons):
            (layout.addLayout if isinstance(part, QFormLayout) else layout.addWidget)(part)
        self.setMinimumWidth(width)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def run_job(self, fn, busy_text: str, undo=None) -> None:
        """Run fn in a Job; OK closes the dialog with its result. When the dialog is closed some other way
        while the Job runs (quick-hide closes every dialog), `undo(result)` is applied to what the Job made
        (the case it unlocked is locked again), on whichever thread sees it first."""
        self.show_error("")
        self._set_working(True, busy_text)
        guard, state = threading.Lock(), {"dropped": False, "returned": False, "result": None}
        self._guard, self._state, self._undo = guard, state, undo

        def work(progress, cancel):
            result = fn(progress, cancel)
            with guard:
                if state["dropped"]:
                    if undo is not None:
                        undo(result)
                    raise EvidenceKitError("cancelled")
                state["returned"], state["result"] = True, result
            return result

        self.job = Job(work)  # no parent: the dialog may be deleted while it runs (quick-hide closes it)
        self.job.finished.connect(self._job_finished)
        self.job.failed.connect(self._job_failed)
        self.job.start()

    def done(self, result: int) -> None:
        if self.job is not None and result != QDialog.DialogCode.Accepted:
            with self._guard:
                self._state["dropped"] = True
                returned = self._state["returned"]
            if returned and self._undo is not None:
                self._undo(self._state["result"])
            self.job = None
            self._set_working(False)
        super().done(result)

    def _set_working(self, working: bool, text: str = "") -> None:
        for widget in self.inputs():
            widget.setEnabled(not working)
        self.buttons.setEnabled(not working)
        if not working:  # disabling took the default away: Enter would do nothing on the next try
            self.buttons.button(QDialogButtonBox.Ok).setDefault(True)
        self.busy.setVisible(working)
        self.busy.setToolTip(text)
        self.busy.setAccessibleName(text)

    def _job_finished(self, result) -> None:
        if self._state["dropped"]:
            return
        self._set_working(False)
        self.job = None
        self.succeeded(result)
        super().accept()

    def _job_failed(self, exc) -> None:
        if self._state["dropped"]:
            return
        self._set_working(False)
        self.job = None
        self.show_error(error_text(exc))
        self.failed(exc)

    def reject(self) -> None:
        if self.job is None:
            super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.job is not None:
            event.ignore()
        else:
            super().closeEvent(event)

    # subclasses
    def inputs(self) -> list[QWidget]:
        return []

    def submit(self) -> None:
        raise NotImplementedError

    def succeeded(self, result) -> None:
        pass

    def failed(self, exc) -> None:
        pass


class UnlockDialog(_JobDialog):
    """Asks for the passphrase and unlocks `case`. A wrong one: the core's message, the field emptied
    and focused again. After `exec()` returns Accepted the case is unlocked and `report` is set."""

    def __init__(self, case: Case, parent: QWidget | None = None, before=None):
        super().__init__(parent)
        self.case = case
        self.before = before  # run in the Job first: waiting for a lock still finishing (Session.wait_locked)
        self.report = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.label = QLabel()
        self.label.setBuddy(self.passphrase)
        self.show_text = QCheckBox()
        self.show_text.toggled.connect(
            lambda on: self.passphrase.setEchoMode(QLineEdit.Normal if on else QLineEdit.Password))
        form = QFormLayout()
        form.addRow(self.label, self.passphrase)
        form.addRow("", self.show_text)
        self.lay_out(self.intro, form, 480)
        self.retranslate()
        language.changed.connect(self.retranslate)
        self.passphrase.setFocus()

    def retranslate(self) -> None:
        self.retitle()
        self.intro.setText(tr("gui.unlock.intro", name=self.case.path.name))
        self.label.setText(tr("gui.passphrase"))
        self.show_text.setText(tr("gui.show_passphrase"))
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("gui.unlock.ok"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("gui.cancel"))

    def retitle(self) -> None:
        self.setWindowTitle(window_title(tr("gui.unlock.title")))

    def inputs(self) -> list[QWidget]:
        return [self.passphrase, self.show_text]

    def submit(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.show_error(error_text(EvidenceKitError("passphrase_empty")))
            self.passphrase.setFocus()
            return
        case, before = self.case, self.before

        def unlock(progress, cancel):
            if before is not None:
                before()
            return case.unlock(text)

        self.run_job(unlock, tr("gui.unlock.busy"), undo=lambda _report: case.lock())

    def succeeded(self, report) -> None:
        self.report = report
        self.passphrase.clear()

    def failed(self, exc) -> None:
        self.passphrase.clear()
        self.passphrase.setFocus()


class CreateDialog(_JobDialog):
    """A new case: its name and place, the passphrase twice with a strength hint, and whether to
    print the recovery sheet. After `exec()` returns Accepted, `case` is the new case, unlocked."""

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.case: Case | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.location = QLineEdit(settings.last_location or str(default_cases_dir()))
        self.browse = QPushButton()
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_location)
        self.target = QLabel()
        self.target.setWordWrap(True)
        self.target.setStyleSheet("color: #555;")
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.Password)
            field.textChanged.connect(self.update_hints)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.match = QLabel()
        self.show_text = QCheckBox()
        self.show_text.toggled.connect(self._show_passphrase)
        self.sheet = QCheckBox()
        self.sheet_note = QLabel()
        self.sheet_note.setWordWrap(True)
        self.sheet_note.setStyleSheet("color: #555;")
        self.labels = {key: QLabel() for key in ("name", "location", "first", "second")}
        for key, field in (("name", self.name), ("location", self.location), ("first", self.first),
                           ("second", self.second)):
            self.labels[key].setBuddy(field)
        self.name.textChanged.connect(self.update_target)
        self.location.textChanged.connect(self.update_target)
        place = QHBoxLayout()
        place.addWidget(self.location, 1)
        place.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.labels["name"], self.name)
        form.addRow(self.labels["location"], place)
        form.addRow("", self.target)
        form.addRow(self.labels["first"], self.first)
        form.addRow("", self.hint)
        form.addRow(self.labels["second"], self.second)
        form.addRow("", self.match)
        form.addRow("", self.show_text)
        form.addRow("", self.sheet)
        form.addRow("", self.sheet_note)
        self.lay_out(self.intro, form, 600)
        self.setTabOrder(self.name, self.location)
        self.setTabOrder(self.location, self.browse)
        self.setTabOrder(self.browse, self.first)
        self.setTabOrder(self.first, self.second)
        self.setTabOrder(self.second, self.show_text)
        self.setTabOrder(self.show_text, self.sheet)
        self.retranslate()
        self.name.setText(self._free_name())
        language.changed.connect(self.retranslate)
        self.name.setFocus()
        self.name.selectAll()

    def _free_name(self) -> str:
        base = tr("gui.create.default_name", date=date.today().isoformat())
        name, n = base, 1
        while (Path(self.location.text()) / name).exists():
            n += 1
            name = f"{base} ({n})"
        return name

    def retranslate(self) -> None:
        self.retitle()
        self.intro.setText(tr("gui.create.intro"))
        for key, label in self.labels.items():
            label.setText(tr(f"gui.create.{key}"))
        self.browse.setText(tr("gui.create.browse"))
        self.show_text.setText(tr("gui.show_passphrase"))
        self.sheet.setText(tr("gui.create.sheet"))
        self.sheet_note.setText(tr("gui.create.sheet_note"))
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("gui.create.ok"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("gui.cancel"))
        self.update_target()
        self.update_hints()

    def retitle(self) -> None:
        self.setWindowTitle(window_title(tr("gui.create.title")))

    def inputs(self) -> list[QWidget]:
        return [self.name, self.location, self.browse, self.first, self.second, self.show_text, self.sheet]

    def _show_passphrase(self, on: bool) -> None:
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.Normal if on else QLineEdit.Password)

    def choose_location(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("gui.create.location"), self.location.text())
        if folder:
            self.location.setText(folder)

    def case_path(self) -> Path:
        return Path(self.location.text().strip()).expanduser() / self.name.text().strip()

    def update_target(self) -> None:
        self.target.setText(tr("gui.create.target", path=str(self.case_path())))

    def update_hints(self) -> None:
        first, second = self.first.text(), self.second.text()
        if first:
            level = strength(first)
            self.hint.setText(tr(f"gui.strength.{level}", minimum=MIN_PASSPHRASE))
            self.hint.setStyleSheet(HINT_STYLES[level])
        else:
            self.hint.setText(tr("gui.strength.empty", minimum=MIN_PASSPHRASE))
            self.hint.setStyleSheet("color: #555;")
        if second:
            same = first == second
            self.match.setText(tr("gui.create.match" if same else "gui.create.no_match"))
            self.match.setStyleSheet(HINT_STYLES[3] if same else HINT_STYLES[0])
        else:
            self.match.setText("")

    def submit(self) -> None:
        name = self.name.text().strip()
        if not name or BAD_NAME.search(name) or name in (".", ".."):
            self.show_error(tr("gui.create.bad_name"))
            self.name.setFocus()
            return
        if not self.location.text().strip():
            self.show_error(tr("gui.create.no_location"))
            self.location.setFocus()
            return
        passphrase = self.first.text()
        try:
            check_new_passphrase(passphrase)
            if passphrase != self.second.text():
                raise EvidenceKitError("passphrase_mismatch")
        except EvidenceKitError as exc:
            self.show_error(error_text(exc))
            field = self.second if exc.code == "passphrase_mismatch" else self.first
            field.clear()
            field.setFocus()
            return
        path = self.case_path()
        self.settings.last_location = str(path.parent)
        self.settings.save()
        self.run_job(lambda progress, cancel: create_case(path, passphrase), tr("gui.create.busy"),
                     undo=lambda case: case.lock())

    def succeeded(self, case) -> None:
        self.case = case
        self.first.clear()
        self.second.clear()

    def failed(self, exc) -> None:
        self.name.setFocus()


# -- the recovery sheet ------------------------------------------------------------------------


def recovery_sheet_html(case: Case) -> str:
    """The sheet in Japanese, then English: the secret key, what it is, and how to use it with age."""
    secret = case.identity().to_string()
    esc = html.escape
    parts = ['<html><body style="font-size: 10.5pt;">']
    for lang in ("ja", "en"):
        from ..i18n import tr as tr_in

        def t(key: str, **params) -> str:
            return esc(tr_in(key, lang, **params))

        parts += [
            f'<h2>{t("gui.sheet.title")}</h2>',
            f'<p>{t("gui.sheet.warning")}</p>',
            '<table cellspacing="0" cellpadding="3">',
            f'<tr><td>{t("gui.sheet.case_id")}</td><td>{esc(case.case_id)}</td></tr>',
            f'<tr><td>{t("gui.sheet.created")}</td><td>{esc(str(case.info.get("created", "")))}</td></tr>',
            f'<tr><td>{t("gui.sheet.folder")}</td><td>{esc(str(case.path))}</td></tr>',
            f'<tr><td>{t("gui.sheet.fingerprint")}</td><td>{esc(str(case.info.get("signing_fingerprint", "")))}</td></tr>',
            '</table>',
            f'<p>{t("gui.sheet.key")}</p>',
            f'<p style="font-family: monospace; font-size: 10pt; font-weight: bold;">{esc(secret)}</p>',
            f'<p>{t("gui.sheet.how")}</p>',
            '<pre style="font-size: 9pt;">age -d -i recovery.txt -o OUT items/ab/&lt;ID&gt;.age</pre>',
            f'<p>{t("gui.sheet.after")}</p>',
        ]
        if lang == "ja":
            parts.append("<hr/>")
    parts.append("</body></html>")
    return "\n".join(parts)


def print_recovery_sheet(case: Case, printer) -> None:
    from .app import app_font

    document = QTextDocument()
    document.setDefaultFont(app_font(10.5))
    document.setHtml(recovery_sheet_html(case))
    document.print_(printer)


def ask_and_print_recovery_sheet(case: Case, parent: QWidget | None = None) -> bool:
    """The system's print dialog (a printer, or a PDF file), then the sheet. True when printed."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(window_title(tr("gui.sheet.print_title")))
    if dialog.exec() != QDialog.Accepted:
        return False
    print_recovery_sheet(case, printer)
    return True


# -- the start window --------------------------------------------------------------------------


class StartWindow(QWidget):
    """What the app shows first. `opened(Session, UnlockReport | None)` once a case is created or unlocked."""

    opened = Signal(object, object)

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.safety = Safety(None, parent=self)
        self.heading = heading_label(1.6)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.create_button = QPushButton()
        self.open_button = QPushButton()
        for button in (self.create_button, self.open_button):
            button.setMinimumHeight(44)
            button.setAutoDefault(True)
        self.create_button.clicked.connect(self.create_case)
        self.open_button.clicked.connect(self.open_folder)
        self.recent_label = QLabel()
        self.recent = QListWidget()
        self.recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(lambda item: self.open_case(Path(item.data(Qt.UserRole))))
        self.recent_open = QPushButton()
        self.recent_open.setAutoDefault(True)
        self.recent_open.clicked.connect(self.open_selected)
        self.recent_forget = QPushButton()
        self.recent_forget.clicked.connect(self.forget_selected)
        self.error = _error_label()
        self.lang_label = QLabel()
        self.lang = QComboBox()
        self.lang.addItem("日本語", "ja")
        self.lang.addItem("English", "en")
        self.lang_label.setBuddy(self.lang)
        self.lang.setCurrentIndex(0 if language.code == "ja" else 1)
        self.lang.currentIndexChanged.connect(self._language_chosen)
        self.safety_button = QPushButton()
        self.safety_button.clicked.connect(self.edit_safety)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_backup)
        self.guide_button = QPushButton()  # before any case: what to do now, whom to call
        self.guide_button.setMinimumHeight(44)
        self.guide_button.clicked.connect(self.open_guide)
        self.guide = None

        actions = QHBoxLayout()
        actions.addWidget(self.create_button, 1)
        actions.addWidget(self.open_button, 1)
        actions.addWidget(self.guide_button)
        recent_buttons = QHBoxLayout()
        recent_buttons.addStretch(1)
        recent_buttons.addWidget(self.recent_forget)
        recent_buttons.addWidget(self.recent_open)
        bottom = QHBoxLayout()
        bottom.addWidget(self.lang_label)
        bottom.addWidget(self.lang)
        bottom.addStretch(1)
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.safety_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(actions)
        layout.addSpacing(8)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        layout.addLayout(recent_buttons)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(640, 520)
        self.retranslate()
        language.changed.connect(self.retranslate)
        (self.recent if self.settings.recent else self.create_button).setFocus()

    def retranslate(self) -> None:
        self.retitle()
        self.heading.setText(tr("gui.start.heading"))
        self.intro.setText(tr("gui.start.intro"))
        self.create_button.setText(tr("gui.start.create"))
        self.open_button.setText(tr("gui.start.open_folder"))
        self.recent_label.setText(tr("gui.start.recent"))
        self.recent_open.setText(tr("gui.start.open"))
        self.recent_forget.setText(tr("gui.start.forget"))
        self.lang_label.setText(tr("gui.start.language"))
        self.safety_button.setText(tr("gui.start.safety"))
        self.restore_button.setText(tr("guitools.start.restore"))
        self.guide_button.setText(tr("gui.action.guide"))
        self.lang.blockSignals(True)
        self.lang.setCurrentIndex(0 if language.code == "ja" else 1)
        self.lang.blockSignals(False)
        self.fill_recent()

    def retitle(self) -> None:
        self.setWindowTitle(window_title())

    def fill_recent(self) -> None:
        selected = self.recent.currentRow()
        self.recent.clear()
        for text in self.settings.recent:
            path = Path(text)
            label = f"{path.name}　—　{path.parent}"
            if not (path / "case.json").exists():
                label += "　" + tr("gui.start.missing")
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, text)
            self.recent.addItem(item)
        if self.recent.count():
            self.recent.setCurrentRow(max(0, min(selected, self.recent.count() - 1)))
        has = self.recent.count() > 0
        for widget in (self.recent, self.recent_open, self.recent_forget):
            widget.setEnabled(has)
        if not has:
            self.recent.addItem(tr("gui.start.no_recent"))

    def _language_chosen(self, index: int) -> None:
        code = self.lang.itemData(index)
        self.settings.language = code
        self.settings.save()
        language.set(code)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- actions -----------------------------------------------------------------------------

    def create_case(self) -> None:
        self.show_error("")
        dialog = CreateDialog(self.settings, self)
        accepted = dialog.exec() == QDialog.Accepted
        case, sheet = dialog.case, dialog.sheet.isChecked()
        dialog.deleteLater()
        if not accepted or case is None:
            return
        self.settings.add_recent(case.path)
        self.fill_recent()
        if sheet:
            ask_and_print_recovery_sheet(case, self)
        self.opened.emit(Session(case), None)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("gui.start.open_folder_title"),
                                                  self.settings.last_location or str(default_cases_dir()))
        if folder:
            self.open_case(Path(folder))

    def open_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None and item.data(Qt.UserRole):
            self.open_case(Path(item.data(Qt.UserRole)))

    def forget_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None and item.data(Qt.UserRole):
            self.settings.forget_recent(item.data(Qt.UserRole))
            self.fill_recent()

    def open_case(self, path: Path) -> bool:
        """Open the case folder at `path` and ask for its passphrase; True once it is unlocked."""
        self.show_error("")
        try:
            case = Case.open(path)
        except EvidenceKitError as exc:
            self.show_error(error_text(exc))
            return False
        dialog = UnlockDialog(case, self)
        accepted, report = dialog.exec() == QDialog.Accepted, dialog.report
        dialog.deleteLater()
        if not accepted:
            return False
        self.settings.add_recent(case.path)
        self.fill_recent()
        self.opened.emit(Session(case), report)
        return True

    def restore_backup(self) -> None:
        """A case made again from a USB backup (RestoreDialog), then opened as any other."""
        from .dialogs.backup import RestoreDialog

        self.show_error("")
        dialog = RestoreDialog(self.settings, self)
        accepted, path = dialog.exec() == QDialog.Accepted, dialog.restored
        dialog.deleteLater()
        if path is None:
            return
        self.settings.add_recent(path)
        self.fill_recent()
        if accepted:
            self.open_case(path)

    def open_guide(self) -> None:
        """The guide needs no case: a frightened person may open the app before having one."""
        from .dialogs.guide import open_guide

        self.guide = open_guide()

    def edit_safety(self) -> None:
        dialog = SafetyDialog(self.settings, self)
        dialog.exec()
        dialog.deleteLater()
