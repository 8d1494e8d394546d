"""The USB backup (ファイル > USBにバックアップ…) and the restore from a backup (start window:
「バックアップから復元…」). Both are thin layers over `evidence_kit.backup.run` / `restore`, run in a Job:
a bar for the file being copied, one line per file copied and checked, 「止める」, then what was done.

The backup works while the case is locked (no passphrase: the copy stays encrypted), so this dialog does
not close when the case locks; Esc does not stop a running copy either, 「止める」 does. What the stick
does wrong (full, pulled out, read-only) comes from the core as its own message."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from ... import backup as backup_core
from ...core.case import Case
from ...core.errors import EvidenceKitError
from ...core.verify import verify_case
from ..lang import error_text, language, tr
from ..safety import window_title
from ..settings import default_cases_dir
from ..start import BAD_NAME
from ..workers import Job
from .details_base import COLOURS, Note
from .handover import free_folder
from .importing import size_text

LOOK_DELAY_MS = 300  # after the last key in a path field, look at the place (in a Job)


# -- what the Jobs do (no Qt) -------------------------------------------------------------------------

def read_manifest(folder: Path) -> dict | None:
    """The backup.json of a backup folder, or None (absent or unreadable: the core says why when it runs)."""
    try:
        manifest = json.loads((folder / backup_core.MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files"), dict) else None


def folder_size(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def look_at_destination(dest: Path, case_path: Path, case_id: str) -> dict:
    """What the backup dialog says about a place before copying: whether it is there and writable, its
    free space against the case's size, FAT32, and this case's earlier backup there."""
    if not dest.is_dir():
        return {"exists": False}
    previous = read_manifest(backup_core.backup_folder(dest, case_id))
    return {"exists": True, "free": shutil.disk_usage(dest).free, "size": folder_size(case_path),
            "fat": backup_core.fs_type(dest) in backup_core.FAT_TYPES, "writable": os.access(dest, os.W_OK),
            "previous": previous}


def look_at_backup(path: Path) -> dict:
    """The backup the restore dialog would use: its folder and manifest, or the core's reason why not."""
    try:
        folder = backup_core.find(path)
    except EvidenceKitError as exc:
        return {"error": exc}
    return {"folder": folder, "manifest": read_manifest(folder)}


def run_backup(case_path: Path, dest: Path, progress, cancel) -> tuple:
    """The backup, with how long it took and when it ended."""
    started = time.monotonic()
    report = backup_core.run(case_path, dest, progress=lambda rel, done, total: progress(done, total, rel),
                             cancel=cancel)
    return report, time.monotonic() - started, datetime.now()


def run_restore(backup_path: Path, case_path: Path, progress, cancel):
    """The restore, then the check the CLI makes (no passphrase: files, hash list, signatures)."""
    path = backup_core.restore(backup_path, case_path, progress=lambda rel, done, total: progress(done, total, rel),
                               cancel=cancel)
    progress(0, 0, "")
    case = Case.open(path)
    return path, verify_case(case.path, case.info)


def when_made(made: str) -> str:
    """A manifest's UTC time ("2026-11-22T09:30:00Z") in this computer's time."""
    try:
        return datetime.fromisoformat(made.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except (AttributeError, ValueError):
        return made or "?"


def elapsed_text(seconds: float) -> str:
    if seconds < 60:
        return tr("guitools.seconds", n=f"{seconds:.1f}" if seconds < 10 else int(seconds))
    return tr("guitools.minutes", m=int(seconds // 60), s=int(seconds % 60))


# -- the dialogs ------------------------------------------------------------------------------------------

class RunDialog(QDialog):
    """A dialog that runs one core call in a Job: the current file's bar, a line per file done, 「止める」,
    and then the result or the core's message. Subclasses fill `form`, and give `go()` and `succeeded()`."""


    def __init__(self, session=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.job: Job | None = None
        self.look_job: Job | None = None
        self._look_token = None
        self.lines: list[str] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.info = Note()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.progress_text.setTextFormat(Qt.TextFormat.PlainText)
        self.stop_button = QPushButton()
        self.stop_button.setAutoDefault(False)
        self.lines_label = QLabel()
        self.lines_view = QPlainTextEdit()
        self.lines_view.setReadOnly(True)
        self.lines_view.setTabChangesFocus(True)
        self.lines_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.lines_label.setBuddy(self.lines_view)
        self.spacer = QWidget()  # holds the room of the lines until a run shows them
        self.spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.outcome = Note()
        self.problem = Note()
        self.extra_button = QPushButton()  # 「フォルダを開く」 / 「このケースを開く」 once done
        self.go_button = QPushButton()
        self.go_button.setDefault(True)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)

        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.stop_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.extra_button)
        buttons.addStretch(1)
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.info)
        layout.addLayout(running)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.lines_label)
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.spacer, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        self._look_timer = QTimer(self)
        self._look_timer.setSingleShot(True)
        self._look_timer.setInterval(LOOK_DELAY_MS)
        self._look_timer.timeout.connect(self.look)
        self.stop_button.clicked.connect(self.stop)
        self.go_button.clicked.connect(self.go)
        self.close_button.clicked.connect(self.close)
        self.extra_button.hide()
        self.lines_label.hide()
        self.lines_view.hide()
        self.resize(760, 420)
        language.changed.connect(self._language_changed)

    # -- running ------------------------------------------------------------------------------------

    def start(self, fn, first_text: str) -> None:
        self.lines = []
        self.lines_view.clear()
        self.spacer.hide()
        self.lines_label.show()
        self.lines_view.show()
        if self.height() < 600:
            self.resize(self.width(), 600)
        self.outcome.clear_text()
        self.problem.clear_text()
        self.extra_button.hide()
        self.progress.setRange(0, 0)
        self.progress_text.setText(first_text)
        job = Job(fn)
        job.progress.connect(self._progress)
        job.finished.connect(self.succeeded)
        job.failed.connect(self._failed)
        job.done.connect(self._job_done)
        self.job = job
        self._running(True)
        if self.session is not None:
            self.session.start(job)  # the main window knows it runs (closing asks, idle lock waits)
        else:
            job.start()

    def _progress(self, done: int, total: int, path: str) -> None:
        if not path:
            return
        if done >= total:  # the core's last call for a file: copied and read back
            self.lines.append(self._line(path, total))
            self.lines_view.appendPlainText(self.lines[-1])
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.progress_text.setText(tr(f"guitools.{self.kind}.copying", path=path))

    def _line(self, path: str, size: int) -> str:
        return tr(f"guitools.{self.kind}.line", path=path, size=size_text(size))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, EvidenceKitError) and exc.code == "cancelled":
            self.problem.show_text(tr(f"guitools.{self.kind}.cancelled"), "warning")
        else:
            self.problem.show_text(error_text(exc), "error")

    def _job_done(self) -> None:
        self.job = None
        self._running(False)

    def _running(self, running: bool) -> None:
        for widget in (self.progress, self.stop_button, self.progress_text):
            widget.setVisible(running)
        self.stop_button.setEnabled(running)
        for widget in self.inputs():
            widget.setEnabled(not running)
        self.close_button.setEnabled(not running)
        self.update_go()

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.stop_button.setEnabled(False)
            self.progress_text.setText(tr("guitools.stopping"))

    def reject(self) -> None:  # Esc: 「止める」 stops a copy, a key press does not
        if self.job is None:
            super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.job is None:
            super().closeEvent(event)
        else:
            event.ignore()

    # -- looking at a place before running ------------------------------------------------------------

    def look_later(self, *_args) -> None:
        self._look_timer.start()
        self.update_go()

    def look(self) -> None:
        """Look at the place the user chose, off the GUI thread (a slow stick must not freeze the window)."""
        fn = self.look_fn()
        if fn is None:
            return
        token = object()  # only the latest look counts
        job = Job(lambda _progress, _cancel: (token, fn()))
        job.finished.connect(self._look_done)  # a bound slot: dropped if the dialog is gone by then
        self.look_job, self._look_token = job, token
        self.info.show_text(tr("guitools.backup.looking"), "info")
        job.start()

    def _look_done(self, result: tuple) -> None:
        token, found = result
        if token is self._look_token:
            self.looked(found)

    @staticmethod
    def folder_row(edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        browse.setAutoDefault(False)
        return row

    def choose_folder(self, edit: QLineEdit, title_key: str) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr(title_key), edit.text())
        if chosen:
            edit.setText(chosen)

    def _language_changed(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(window_title(tr(f"guitools.{self.kind}.title")))
        self.heading.setText(tr(f"guitools.{self.kind}.heading"))
        self.stop_button.setText(tr("guitools.stop"))
        self.lines_label.setText(tr(f"guitools.{self.kind}.lines"))
        self.extra_button.setText(tr(self.extra_key))
        self.go_button.setText(tr(f"guitools.{self.kind}.go"))
        self.close_button.setText(tr("guitools.close"))
        self.retranslate_form()

    # -- subclasses ---------------------------------------------------------------------------------

    kind = ""  # the texts are "guitools.<kind>.title", ".heading", ".lines", ".line", ".go", ".copying", ".cancelled"
    extra_key = ""  # the button shown once done

    def inputs(self) -> list[QWidget]:
        return []

    def look_fn(self):
        return None

    def looked(self, found: dict) -> None:
        pass

    def update_go(self) -> None:
        pass

    def go(self) -> None:
        raise NotImplementedError

    def succeeded(self, result) -> None:
        raise NotImplementedError

    def retranslate_form(self) -> None:
        raise NotImplementedError


class BackupDialog(RunDialog):
    """`BackupDialog(session)`: back the session's case folder up to a folder (a USB stick)."""

    kind, extra_key = "backup", "guitools.open_folder"

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.report: backup_core.BackupReport | None = None
        self.found: dict | None = None
        self.dest = QLineEdit()
        self.dest_label = QLabel()
        self.dest_label.setBuddy(self.dest)
        self.browse = QPushButton()
        self.form.addRow(self.dest_label, self.folder_row(self.dest, self.browse))
        self.dest.textChanged.connect(self.look_later)
        self.browse.clicked.connect(lambda: self.choose_folder(self.dest, "guitools.backup.choose"))
        self.extra_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.folder))))
        QWidget.setTabOrder(self.dest, self.browse)
        QWidget.setTabOrder(self.browse, self.go_button)
        QWidget.setTabOrder(self.go_button, self.close_button)
        self._running(False)
        self.retranslate()
        self.dest.setFocus()

    def inputs(self) -> list[QWidget]:
        return [self.dest, self.browse]

    def destination(self) -> Path | None:
        text = self.dest.text().strip()
        return Path(text).expanduser() if text else None

    def look_fn(self):
        dest, case = self.destination(), self.session.case
        if dest is None:
            self.found = None
            self.info.show_text(tr("guitools.backup.no_dest"), "info")
            return None
        return lambda: look_at_destination(dest, case.path, case.case_id)

    def looked(self, found: dict) -> None:
        self.found = found
        self._say_found()

    def _say_found(self) -> None:
        found = self.found
        if found is None:
            return
        if not found["exists"]:
            self.info.show_text(tr("guitools.backup.missing"), "warning")
            return
        lines = [tr("guitools.backup.space", free=size_text(found["free"]), size=size_text(found["size"]))]
        previous = found["previous"]
        if previous:
            lines.append(tr("guitools.backup.previous", generation=previous.get("generation", "?"),
                            made=when_made(previous.get("made", ""))))
        else:
            lines.append(tr("guitools.backup.first"))
        kind = "info"
        if not found["writable"]:
            lines.append(tr("guitools.backup.read_only"))
            kind = "warning"
        elif not previous and found["free"] < found["size"]:
            lines.append(tr("guitools.backup.short"))
            kind = "warning"
        if found["fat"]:
            lines.append(tr("guitools.backup.fat32"))
            kind = "warning"
        self.info.show_text("\n".join(lines), kind)

    def update_go(self) -> None:
        self.go_button.setEnabled(self.job is None and self.destination() is not None)

    def go(self) -> None:
        dest, case_path = self.destination(), self.session.case.path
        if dest is None:
            return
        self.report = None
        self.start(lambda progress, cancel: run_backup(case_path, dest, progress, cancel),
                   tr("guitools.backup.starting"))

    def succeeded(self, result) -> None:
        self.report, elapsed, ended = result
        self._elapsed, self._ended = elapsed, ended
        self._say_report()
        self.extra_button.show()
        self.extra_button.setFocus()
        self.session.changed.emit()  # the backup is in the custody log now
        self.look()  # the free space and the generation have changed

    def _say_report(self) -> None:
        report = self.report
        if report is None:
            return
        copied = len(report.copied) + len(report.resumed)
        key = "guitools.backup.done" if copied else "guitools.backup.nothing_new"
        text = [tr(key, folder=str(report.folder), generation=report.generation, files=report.files, copied=copied,
                   size=size_text(report.bytes_copied), time=self._ended.strftime("%H:%M:%S"),
                   elapsed=elapsed_text(self._elapsed))]
        if report.resumed:
            text.append(tr("guitools.backup.resumed", count=len(report.resumed)))
        text += [tr("guitools.backup.split", path=rel) for rel in report.split]
        self.outcome.show_text("\n".join(text), "ok")
        notes = [tr("guitools.backup.source_damaged", path=rel) for rel in report.source_damaged]
        if report.not_logged is not None:
            notes.append(tr("guitools.backup.not_logged", reason=report.not_logged.message(language.code)))
        self.problem.show_text("\n".join(notes), "warning")

    def retranslate_form(self) -> None:
        self.dest_label.setText(tr("guitools.backup.dest"))
        self.browse.setText(tr("guitools.browse"))
        self._say_found()
        self._say_report()
        if self.destination() is None:
            self.info.show_text(tr("guitools.backup.no_dest"), "info")


class RestoreDialog(RunDialog):
    """`RestoreDialog(settings)`: make a working case from a backup. After `exec()` returns Accepted,
    `restored` is the new case folder, to be opened (and unlocked) by the start window."""

    kind, extra_key = "restore", "guitools.restore.open"

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(None, parent)
        self.settings = settings
        self.restored: Path | None = None
        self.found: dict | None = None
        self.backup = QLineEdit()
        self.backup_browse = QPushButton()
        self.location = QLineEdit(settings.last_location or str(default_cases_dir()))
        self.location_browse = QPushButton()
        self.name = QLineEdit()
        self.target = QLabel()
        self.target.setWordWrap(True)
        self.target.setTextFormat(Qt.TextFormat.PlainText)
        self.target.setStyleSheet(f"color: {COLOURS['info']};")
        self.labels = {key: QLabel() for key in ("backup", "location", "name")}
        for key, edit in (("backup", self.backup), ("location", self.location), ("name", self.name)):
            self.labels[key].setBuddy(edit)
        self.form.addRow(self.labels["backup"], self.folder_row(self.backup, self.backup_browse))
        self.form.addRow(self.labels["location"], self.folder_row(self.location, self.location_browse))
        self.form.addRow(self.labels["name"], self.name)
        self.form.addRow("", self.target)
        self.backup.textChanged.connect(self.look_later)
        for edit in (self.location, self.name):
            edit.textChanged.connect(self._show_target)
        self.backup_browse.clicked.connect(lambda: self.choose_folder(self.backup, "guitools.restore.choose_backup"))
        self.location_browse.clicked.connect(lambda: self.choose_folder(self.location, "guitools.restore.choose_location"))
        self.extra_button.clicked.connect(self.accept)
        chain = [self.backup, self.backup_browse, self.location, self.location_browse, self.name, self.go_button,
                 self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._running(False)
        self.retranslate()
        self.name.setText(self._free_name())
        self.backup.setFocus()

    def inputs(self) -> list[QWidget]:
        return [self.backup, self.backup_browse, self.location, self.location_browse, self.name]

    def _free_name(self) -> str:
        base = tr("guitools.restore.default_name", date=date.today().isoformat())
        return free_folder(Path(self.location.text().strip() or "."), base).name

    def case_path(self) -> Path:
        return Path(self.location.text().strip()).expanduser() / self.name.text().strip()

    def _show_target(self, *_args) -> None:
        self.target.setText(tr("guitools.restore.target", path=str(self.case_path())))
        self.update_go()

    def look_fn(self):
        text = self.backup.text().strip()
        if not text:
            self.found = None
            self.info.clear_text()
            return None
        path = Path(text).expanduser()
        return lambda: look_at_backup(path)

    def looked(self, found: dict) -> None:
        self.found = found
        self._say_found()
        self.update_go()

    def _say_found(self) -> None:
        found = self.found
        if found is None:
            return
        if "error" in found:
            self.info.show_text(error_text(found["error"]), "warning")
            return
        manifest = found["manifest"] or {}
        self.info.show_text(tr("guitools.restore.found", case_id=manifest.get("case_id", found["folder"].name),
                               generation=manifest.get("generation", "?"), made=when_made(manifest.get("made", "")),
                               files=len(manifest.get("files", {}))), "info")

    def update_go(self) -> None:
        ready = self.found is not None and "folder" in self.found and bool(self.name.text().strip()) \
            and bool(self.location.text().strip())
        self.go_button.setEnabled(self.job is None and self.restored is None and ready)

    def go(self) -> None:
        name = self.name.text().strip()
        if not name or BAD_NAME.search(name) or name in (".", ".."):
            self.problem.show_text(tr("guitools.restore.bad_name"), "error")
            self.name.setFocus()
            return
        backup_path, target = self.found["folder"], self.case_path()
        self.settings.last_location = str(target.parent)
        self.settings.save()
        self.start(lambda progress, cancel: run_restore(backup_path, target, progress, cancel),
                   tr("guitools.backup.starting"))

    def _progress(self, done: int, total: int, path: str) -> None:
        if not path:  # the files are in: the check of the new case
            self.progress.setRange(0, 0)
            self.progress_text.setText(tr("guitools.restore.checking"))
            return
        super()._progress(done, total, path)

    def succeeded(self, result) -> None:
        self.restored, report = result
        if report.ok:
            self.outcome.show_text(tr("guitools.restore.done", path=str(self.restored), files=report.files_checked), "ok")
        else:
            self.outcome.show_text(tr("guitools.restore.problems", path=str(self.restored),
                                     count=len(report.problems)), "warning")
        self.extra_button.show()
        self.extra_button.setDefault(True)
        self.extra_button.setFocus()

    def retranslate_form(self) -> None:
        for key, label in self.labels.items():
            label.setText(tr(f"guitools.restore.{key}"))
        for button in (self.backup_browse, self.location_browse):
            button.setText(tr("guitools.browse"))
        self._show_target()
        self._say_found()
