"""The hand-over dialog (ファイル > 警察・弁護士に渡す一式を作る…): who it is for, the folder to make, the
same automatic checks as the export dialog (this dialog is the export dialog with a folder in place of
the PDF file), the package made by `evidence_kit.handover.create` in a Job with progress and stop, then
「フォルダを開く」.

The package is plaintext: the dialog says so above everything else."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from ... import handover as handover_core
from ...core.errors import EvidenceKitError
from ...report import jptime
from ..lang import language, tr
from ..workers import Job
from .details_base import COLOURS
from .export import ExportDialog

PDF_STAGE = "handover-pdf"  # the progress "text" while the PDF is made (file names come after it)


def free_folder(folder: Path, name: str) -> Path:
    """`folder/name`, or `folder/name (2)` ... : the first that does not exist or is an empty folder."""
    path, n = folder / name, 1
    while path.exists() and (not path.is_dir() or any(path.iterdir())):
        n += 1
        path = folder / f"{name} ({n})"
    return path


class HandoverDialog(ExportDialog):
    """`HandoverDialog(session)`: the export dialog's audience (police or lawyer) and checks, a folder to
    make instead of a PDF file, and the package's files written one by one."""

    def __init__(self, session, parent: QWidget | None = None):
        self.plain_warning = None  # ExportDialog.__init__ calls retranslate() before this dialog's widgets exist
        self.written: list[str] = []  # package paths of the original files written so far
        super().__init__(session, parent)
        self.plain_warning = QLabel()
        self.plain_warning.setWordWrap(True)
        self.plain_warning.setObjectName("plain-warning")
        self.plain_warning.setStyleSheet(f"color: {COLOURS['error']}; font-weight: bold; border: 1px solid "
                                         f"{COLOURS['error']}; padding: 6px;")
        self.layout().insertWidget(1, self.plain_warning)
        for widget in (self.audience_buttons["bank"], self.bank, self.bank_label):
            widget.hide()  # a bank gets the PDF bundle, not the originals
        for button in (self.open_pdf, self.open_folder):
            button.clicked.disconnect()
        self.open_pdf.clicked.connect(lambda: self._open(self.result.path / self.result.pdf))
        self.open_folder.clicked.connect(lambda: self._open(self.result.path))
        self.retranslate()

    # -- the folder -----------------------------------------------------------------------------

    def _default_path(self) -> None:
        """The export dialog's place for the PDF (Documents), with a folder's name in it."""
        super()._default_path()
        if not self._path_edited:
            self.path.setText(str(free_folder(Path(self.path.text()).parent, self._folder_name())))

    def _folder_name(self) -> str:
        return tr(f"guitools.handover.name_{self.audience}", day=datetime.now(jptime.JST).date().isoformat())

    def choose_path(self) -> None:
        """The place to make the folder in; the folder gets the usual name there (an empty folder chosen
        is used as it is)."""
        start = str(Path(self.path.text()).parent) if self.path.text().strip() else ""
        chosen = QFileDialog.getExistingDirectory(self, tr("guitools.handover.choose"), start)
        if not chosen:
            return
        chosen_path = Path(chosen)
        if chosen_path.is_dir() and not any(chosen_path.iterdir()):
            target = chosen_path
        else:
            target = free_folder(chosen_path, self._folder_name())
        self.path.setText(str(target))
        self._path_edited = True
        self._update_buttons()

    # -- making the package ---------------------------------------------------------------------

    def start_export(self) -> None:
        out = Path(self.path.text().strip()).expanduser()
        case, audience, acknowledged = self.session.case, self.audience, self.acknowledge.isChecked()
        self.result = None
        self.written = []
        self._show_result()

        def make(progress, cancel):
            progress(0, 0, PDF_STAGE)
            return handover_core.create(case, out, audience=audience, acknowledged=acknowledged,
                                        progress=lambda rel, done, total: progress(done, total, rel), cancel=cancel)

        self._start(Job(make), self._exported, "export")

    def _progress(self, done: int, total: int, stage: str) -> None:
        if stage in ("verify", "checks"):  # the checks before the package, as in the export dialog
            super()._progress(done, total, stage)
            return
        if stage == PDF_STAGE:
            self.progress.setRange(0, 0)
            self.progress_text.setText(tr("guitools.handover.stage_pdf"))
            return
        if stage not in self.written:
            self.written.append(stage)
        count = max(len(self.labels), len(self.written))
        self.progress.setRange(0, count)
        self.progress.setValue(len(self.written) - (done < total))
        self.progress_text.setText(tr("guitools.handover.stage_file", done=len(self.written), total=count,
                                      name=stage))

    def _exported(self, package: handover_core.Handover) -> None:
        self.result = package
        self.found = package.checks
        self._show_checks()
        self._show_result()
        self.path.setText(str(free_folder(package.path.parent, package.path.name)))  # for another package
        self._update_buttons()
        self.session.changed.emit()  # the export and the hand-over are in the custody log now

    def _show_result(self) -> None:
        package = self.result
        for widget in (self.open_pdf, self.open_folder, self.result_text):
            widget.setVisible(package is not None)
        if package is not None:
            self.result_text.setText(tr("guitools.handover.done", path=str(package.path), pdf=package.pdf,
                                        pages=package.pages, count=len(package.originals),
                                        files=len(package.files) + 1, sums=package.sums_sha256))
            self.result_text.setStyleSheet(f"color: {COLOURS['ok']};")
            self.open_folder.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, EvidenceKitError) and exc.code == "cancelled":
            self.problem.show_text(tr("guitools.handover.cancelled"), "warning")
            return
        super()._failed(exc)

    def retranslate(self) -> None:
        super().retranslate()
        if self.plain_warning is None:
            return
        self.setWindowTitle(tr("guitools.handover.title"))
        self.heading.setText(tr("guitools.handover.heading"))
        self.plain_warning.setText(tr("guitools.handover.plain_warning"))
        self.path_label.setText(tr("guitools.handover.path"))
        self.browse.setText(tr("guitools.browse"))
        self.export_button.setText(tr("guitools.handover.go"))
        self.open_pdf.setText(tr("guitools.handover.open_pdf"))
        self.open_folder.setText(tr("guitools.open_folder"))
        self._show_result()


def add_to_export(dialog: ExportDialog) -> None:
    """The export dialog's way to the package with the originals and to the USB backup (its `extra_row`)."""
    _ExportEntries(dialog)


class _ExportEntries(QObject):
    """Two buttons in the export dialog's `extra_row`; a child of the dialog, so that they go with it."""

    def __init__(self, dialog: ExportDialog):
        super().__init__(dialog)
        from .backup import BackupDialog

        self.dialog = dialog
        self.buttons = {"handover": (QPushButton(), HandoverDialog), "backup": (QPushButton(), BackupDialog)}
        for name, (button, cls) in self.buttons.items():
            button.setObjectName(f"export-{name}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, cls=cls: self.run(cls))
            dialog.extra_row.addWidget(button)
        language.changed.connect(self.retranslate)
        self.retranslate()

    def run(self, cls) -> None:
        opened = cls(self.dialog.session, self.dialog)
        opened.exec()
        opened.deleteLater()

    def retranslate(self, _code: str = "") -> None:
        for name, (button, _cls) in self.buttons.items():
            button.setText(tr(f"guitools.export.{name}"))
