"""Importing in the app: the panel (drop or choose files, progress, cancel, one line per file with what was
read and the parser's notes) and the two questions an import may need answered first: the day/month order
of an ambiguous chat export, and the columns of a statement layout nobody knows yet.

The import itself is `Case.import_paths`, run in a Job one file at a time, so that a cancel (the core raises
EvidenceKitError("cancelled") at the next chunk and throws the unfinished item away) still tells which files
went in and which did not. Everything here that reads files runs in the Job, never on the GUI thread; the
questions are asked once the Job has ended, and each answer imports its file in a Job of its own."""

from __future__ import annotations

import time
from html import escape
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QRadioButton, QSpinBox, QStyle, QTableWidget, QTableWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from ... import importers
from ...cli_money import MAPPING_ROLES, amount_text
from ...core import caserecords
from ...core.errors import EvidenceKitError
from ...importers import bank, text as chat_text
from ..lang import error_text, language, tr
from ..workers import Job

SOURCE = "gui import"  # the custody log's "source" of an import made here (the CLI writes "cli import")
PREVIEW_LINES = 200  # the column question reads (and tries its mapping on) this many lines of the file
WARNINGS_SHOWN = 20  # notes listed per file; the rest are counted
PROGRESS_EVERY = 0.1  # seconds between progress reports from the Job
STATEMENT_SUFFIXES = (".csv", ".tsv")
CHAT_FORMATS = ("line", "whatsapp")
ROLES = ("date", "out", "in", "amount", "desc", "balance", "counterparty")  # cli_money.MAPPING_ROLES but header
DATE_FORMATS = (None, "ymd", "compact", "wareki", "yymmdd", "month_day")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
AS_IS = 2  # MappingDialog's result code for "store it as it is"


# -- what the Job does (no Qt) ----------------------------------------------------------------------------

@dataclass
class Task:
    """Files to import, with the answers given for them."""
    paths: list[Path]
    date_order: str | None = None
    mapping: dict | None = None
    save_as: str = ""  # save `mapping` under this name in the case (the CLI's --save-profile)
    ask: bool = True  # False: an unknown CSV is stored as it is without asking
    replaces: int | None = None  # the waiting line in the results this task answers


@dataclass
class Outcome:
    """One file: what happened, in codes; the panel turns it into text in the current language."""
    path: Path
    status: str  # imported, duplicate, failed, cancelled, not_started, ask_date, ask_mapping, declined
    result: object = None  # core ImportResult
    error: EvidenceKitError | None = None
    kind: tuple[str, dict] = ("guiimport.kind_other", {})
    warnings: list = field(default_factory=list)  # importers' ParseWarning
    notes: list[tuple[str, dict]] = field(default_factory=list)  # more lines: (message key, parameters)
    question: object = None  # date examples, or a CsvSample


@dataclass
class CsvSample:
    """The start of a CSV no layout knows: what the column question shows and tries its mapping on."""
    path: Path
    data: bytes  # the first PREVIEW_LINES lines
    cut: bool  # the file goes on after them
    rows: list[list[str]]
    proposal: dict | None  # bank.propose_mapping's guess, when it found a header


@dataclass(frozen=True)
class Snapshot:
    index: int  # 1-based
    count: int
    name: str
    file_done: int
    file_size: int
    all_done: int
    all_size: int


def expand(paths) -> list[Path]:
    """The files to import: folders recursively, in name order (as the core does); a path that does not
    exist is kept, so that the core reports it."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file()))
        else:
            files.append(p)
    return files


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def saved_profiles(case) -> dict[str, dict]:
    """The statement layouts saved in the case (readable only while it is unlocked)."""
    return caserecords.load(case).profiles if case.unlocked else {}


def unknown_statement(path: Path, profiles: tuple[dict, ...]) -> CsvSample | None:
    """A CSV that no importer and no saved layout reads: the start of it, for the column question."""
    if path.suffix.lower() not in STATEMENT_SUFFIXES:
        return None
    try:
        if not 0 < path.stat().st_size <= importers.MAX_IN_MEMORY or importers.detect(path) is not None:
            return None
        data = path.read_bytes()
    except OSError:
        return None  # the import reports it
    if profiles:
        try:
            bank.parse(path, data=data, profiles=profiles)
            return None
        except Exception:  # noqa: BLE001 - none of them fits: ask
            pass
    head, cut = _first_lines(data, PREVIEW_LINES)
    try:
        decoded, _ = bank._decode(head, path)  # the importer's own reading, so that row numbers agree
    except EvidenceKitError:
        return None  # not text: stored as it is, the import says so
    rows = [cells for _, _, cells in bank._rows(chat_text.split_lines(decoded), path)]
    try:
        proposal = bank.propose_mapping(path, data=head)
    except Exception:  # noqa: BLE001 - no header the guesser knows: the user chooses every column
        proposal = None
    return CsvSample(path, head, cut, rows, proposal)


def _first_lines(data: bytes, count: int) -> tuple[bytes, bool]:
    at = -1
    for _ in range(count):
        at = data.find(b"\n", at + 1)
        if at < 0:
            return data, False
    return data[:at + 1], at + 1 < len(data)


def _day(record) -> str | None:
    return record.attrs.get("date") if record.type == "date" else (record.time or "")[:10] or None


def date_examples(path: Path, limit: int = 3) -> list[tuple[str, str | None, str | None]]:
    """Lines of an ambiguous chat export whose date differs between the two readings: (line as written,
    date read day/month, date read month/day); None where a reading gives no real date."""
    importer = importers.detect(path)
    if importer is None or importer.NAME not in CHAT_FORMATS or _size(path) > importers.MAX_IN_MEMORY:
        return []
    try:
        dmy, mdy = (importer.parse(path, date_order=order).records for order in ("dmy", "mdy"))
    except Exception:  # noqa: BLE001 - no examples, the question is still asked
        return []
    pairs = [(a, b) for a, b in zip(dmy, mdy) if a.line == b.line and _day(a) != _day(b)]
    dated = [p for p in pairs if p[0].type == "date"] or pairs  # LINE: the date lines themselves
    out, seen = [], set()
    for a, b in dated:
        if (_day(a), _day(b)) not in seen:
            seen.add((_day(a), _day(b)))
            out.append(((a.raw or [""])[0], _day(a), _day(b)))
            if len(out) == limit:
                break
    return out


def describe(path: Path, task: Task, profiles: tuple[dict, ...]) -> tuple[tuple[str, dict], list]:
    """What was read from a file just imported, and the parser's notes, by reading it again as the case
    did (the manifest keeps only how many notes there were)."""
    other = ("guiimport.kind_other", {}), []
    try:
        importer = importers.detect(path)
        if task.mapping is None and importer is not None:
            options = {"date_order": task.date_order}
        elif task.mapping is not None or profiles:  # a layout given now, or perhaps one saved in the case
            importer, options = bank, {"mapping": task.mapping, "profiles": () if task.mapping else profiles}
        else:
            return other
        if _size(path) > importers.MAX_IN_MEMORY and importer.NAME not in importers.STREAMING:
            return other
    except OSError:
        return other
    try:
        result = importer.parse(path, **options)
    except Exception:  # noqa: BLE001 - the case kept it as it is (examine() said the same)
        return other if options.get("profiles") else (("guiimport.kind_unread", {}), [])
    fmt = result.format
    if fmt in CHAT_FORMATS:
        count = sum(r.type not in ("blank", "header", "date") for r in result.records)
        kind = ("guiimport.kind_" + fmt, {"count": count})
    elif fmt in ("money", "ofx"):
        rows = sum(r.type == "transaction" for r in result.records)
        kind = ("guiimport.kind_" + fmt, {"rows": rows, "institution": result.info.get("institution") or result.variant})
    else:
        kind = ("guiimport.kind_" + fmt, {}) if fmt in ("image", "email", "media") else ("guiimport.kind_other", {})
    return kind, result.warnings


def run_task(case, task: Task, report: Callable[[Snapshot], None], cancel: Callable[[], bool],
             finished: Callable[[list[Outcome]], None] = lambda _outcomes: None) -> list[Outcome]:
    """Import the task's files one by one (see the module's docstring); `report` gets the progress and
    `finished` each file's outcomes as it is done. Never raises for one file."""
    profiles = tuple(saved_profiles(case).values())
    files = expand(task.paths)
    sizes = [_size(f) for f in files]
    total, base, outcomes = sum(sizes), 0, []
    last = [0.0]

    def step(i: int, done: int) -> None:
        now = time.monotonic()
        if done in (0, sizes[i]) or now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            report(Snapshot(i + 1, len(files), files[i].name, done, sizes[i], base + done, total))

    for i, path in enumerate(files):
        if cancel():
            outcomes += [Outcome(f, "not_started") for f in files[i:]]
            break
        step(i, 0)
        try:
            found = _import_one(case, task, path, profiles, lambda done, i=i: step(i, done), cancel)
        except EvidenceKitError as exc:  # cancelled, or the case itself cannot take more (disk full...)
            stopped = Outcome(path, "cancelled") if exc.code == "cancelled" else Outcome(path, "failed", error=exc)
            outcomes += [stopped] + [Outcome(f, "not_started") for f in files[i + 1:]]
            break
        step(i, sizes[i])
        base += sizes[i]
        outcomes += found
        finished(found)
    if task.save_as and any(o.status in ("imported", "duplicate") for o in outcomes):
        try:
            caserecords.put(case, "profile", task.save_as, task.mapping)
            outcomes[-1].notes.append(("guiimport.detail_profile_saved", {"name": task.save_as}))
        except EvidenceKitError as exc:
            outcomes[-1].notes.append(("guiimport.detail_profile_failed", {"message": exc}))
    return outcomes


def _import_one(case, task: Task, path: Path, profiles: tuple[dict, ...], progress: Callable[[int], None],
                cancel: Callable[[], bool]) -> list[Outcome]:
    """One file: a question to ask first, or what the core did with it. Raises the errors that end a batch."""
    sample = unknown_statement(path, profiles) if task.ask and task.mapping is None else None
    if sample is not None:
        return [Outcome(path, "ask_mapping", question=sample)]
    batch = case.import_paths([path], source=SOURCE, progress=lambda _path, done, _size: progress(done),
                              cancel=cancel, date_order=task.date_order, mapping=task.mapping, profiles=profiles)
    outcomes = []
    for result in batch.results:
        outcome = Outcome(path, result.status, result=result)
        if result.status == "imported":
            outcome.kind, outcome.warnings = describe(path, task, profiles)
        if task.date_order:
            outcome.notes.append(("guiimport.detail_date_order", {"order": task.date_order}))
        outcomes.append(outcome)
    for failed_path, exc in batch.failures:
        if exc.code == "date_order_ambiguous":
            outcomes.append(Outcome(failed_path, "ask_date", question=date_examples(failed_path)))
        else:
            outcomes.append(Outcome(failed_path, "failed", error=exc))
    return outcomes


def size_text(n: int) -> str:
    if n < 1000:
        return tr("guiimport.bytes", n=n)
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"


def date_text(iso: str | None) -> str:
    if not iso:
        return tr("guiimport.date_impossible")
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return tr("guiimport.date", y=y, m=m, d=d, mon=MONTHS[m - 1])


def _name(path: Path) -> str:
    """A file name as shown: control characters made visible (names come from evidence)."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in path.name or str(path))


def outcome_lines(outcome: Outcome) -> tuple[str, list[tuple[str, bool]]]:
    """The headline and the detail lines of one file in the current language; a detail is (text, is a
    parser's note)."""
    name, r = _name(outcome.path), outcome.result
    params = {"name": name}
    if outcome.status == "imported":
        kind_key, kind_params = outcome.kind
        key = "guiimport.imported_empty" if r.size == 0 else "guiimport.imported"
        params["kind"] = tr(kind_key, **kind_params)
    elif outcome.status == "failed":
        key, params["message"] = "guiimport.failed", error_text(outcome.error)
    else:
        key = "guiimport." + outcome.status
    details = []
    if r is not None:
        details.append(tr("guiimport.detail_hash", size=size_text(r.size), sha256=r.sha256))
        if r.members:
            details.append(tr("guiimport.detail_members", count=sum(m.status == "imported" for m in r.members)))
        for member, exc in r.member_failures:
            details.append(tr("guiimport.detail_member_failed", name=name, member=member, message=error_text(exc)))
    for note, p in outcome.notes:
        if note == "guiimport.detail_date_order":
            p = {"order": tr("guiimport.order_" + p["order"])}
        elif note == "guiimport.detail_profile_failed":
            p = {"message": error_text(p["message"])}
        details.append(tr(note, **p))
    notes = [tr("guiimport.detail_warning", message=tr("parse." + w.code, line=w.line))
             for w in outcome.warnings[:WARNINGS_SHOWN]]
    if len(outcome.warnings) > WARNINGS_SHOWN:
        notes.append(tr("guiimport.detail_more_warnings", count=len(outcome.warnings) - WARNINGS_SHOWN))
    return tr(key, **params), [(d, False) for d in details] + [(n, True) for n in notes]


# -- the panel -----------------------------------------------------------------------------------------------

class _Relay(QObject):
    """Carries progress and each file's outcome from the Job's thread to the panel (queued connections)."""
    progressed = Signal(object)
    file_done = Signal(object)


class ImportPanel(QWidget):
    """Import files and folders into the session's case; the main window puts it in a dock and calls `start` on a
    drop."""

    finished = Signal()  # everything asked for has been imported, answered or cancelled

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setAcceptDrops(True)
        self.job: Job | None = None
        self.dialog: QDialog | None = None  # the question or file dialog open now
        self.outcomes: list[Outcome] = []
        self._tasks: list[Task] = []
        self._task: Task | None = None
        self._questions: list[int] = []  # indexes in outcomes
        self._cancelled = False
        self._active = False  # work was asked for since `finished` was last emitted
        self._status: tuple[str, dict] = ("guiimport.idle", {})
        self._snapshot: Snapshot | None = None
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progressed)
        self._relay.file_done.connect(self._file_done)
        self._live: list[Outcome] = []  # the running job's files done so far

        self.files_button = QPushButton()
        self.folder_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.hint = QLabel()
        self.locked_label = QLabel()
        self.status_label = QLabel()
        self.overall_label = QLabel()
        self.file_label = QLabel()
        for label in (self.hint, self.locked_label, self.status_label, self.file_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # file names come from evidence
        self.locked_label.setStyleSheet("QLabel { background: #eef3f8; border: 1px solid #c9d6e3; padding: 6px; }")
        self.overall_bar = QProgressBar()
        self.file_bar = QProgressBar()
        for bar in (self.overall_bar, self.file_bar):
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
        self.results_label = QLabel()
        self.results = _Results()  # wraps long Japanese lines; can be selected and copied
        self.results.setTabChangesFocus(True)
        self.results_label.setBuddy(self.results)

        buttons = QHBoxLayout()
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        progress = QGridLayout(self.progress_box)
        progress.setContentsMargins(0, 0, 0, 0)
        progress.addWidget(self.overall_label, 0, 0)
        progress.addWidget(self.overall_bar, 0, 1)
        progress.addWidget(self.file_label, 1, 0, 1, 2)
        progress.addWidget(self.file_bar, 2, 1)
        progress.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.locked_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results, 1)
        self.setTabOrder(self.files_button, self.folder_button)
        self.setTabOrder(self.folder_button, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.results)

        session.lock_changed.connect(self._show_lock)
        language.changed.connect(self.retranslate)
        self._show_progress(False)
        self.retranslate()

    # -- what the main window and the tests call ----------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None or self.dialog is not None or bool(self._tasks or self._questions)

    def start(self, paths) -> None:
        """Import these files and folders (after whatever is running now)."""
        paths = [Path(p) for p in paths]
        if not paths:
            return
        if not self.busy:
            self.outcomes, self._cancelled = [], False
            self._render()
        self._tasks.append(Task(paths))
        self._active = True
        self._next()

    def cancel(self) -> None:
        """Stop the running import at its next chunk; what is queued is not started."""
        if self.job is None:
            return
        self._cancelled = True
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self._set_status("guiimport.cancelling")

    def result_lines(self) -> list[str]:
        """Every line of the results as shown (details indented), for reading aloud and for the tests."""
        lines = []
        for outcome in self.outcomes:
            head, details = outcome_lines(outcome)
            lines += [head] + ["  " + text for text, _note in details]
        return lines

    def choose_files(self) -> None:
        self._file_dialog(QFileDialog.FileMode.ExistingFiles, "guiimport.files_dialog")

    def choose_folder(self) -> None:
        self._file_dialog(QFileDialog.FileMode.Directory, "guiimport.folder_dialog")

    def retranslate(self, *_args) -> None:
        self.files_button.setText(tr("guiimport.choose_files"))
        self.folder_button.setText(tr("guiimport.choose_folder"))
        self.cancel_button.setText(tr("guiimport.cancel"))
        self.hint.setText(tr("guiimport.drop_hint"))
        self.locked_label.setText(tr("guiimport.locked_note"))
        self.overall_label.setText(tr("guiimport.overall"))
        self.results_label.setText(tr("guiimport.results"))
        self._set_status(self._status[0], **self._status[1])
        if self._snapshot is not None:
            self._progressed(self._snapshot)
        self._show_lock()
        self._render()

    # -- drag and drop on the panel itself (useful when the dock floats) --------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.start([Path(u.toLocalFile()) for u in event.mimeData().urls()])
        event.acceptProposedAction()

    # -- running ---------------------------------------------------------------------------------------------
    def _next(self) -> None:
        if self.job is not None or self.dialog is not None:
            return
        if self._questions:
            self._ask(self._questions.pop(0))
        elif self._tasks:
            self._run(self._tasks.pop(0))
        elif self._active:
            self._active = False
            self._show_progress(False)
            self._summary()
            self.finished.emit()

    def _run(self, task: Task) -> None:
        case, relay = self.session.case, self._relay
        self._task, self._snapshot = task, None
        self.job = Job(lambda _progress, cancel: run_task(case, task, relay.progressed.emit, cancel,
                                                          relay.file_done.emit))
        self.job.finished.connect(self._job_finished)
        self.job.failed.connect(self._job_failed)
        self.cancel_button.setEnabled(True)
        self._set_status("guiimport.preparing")
        self._show_progress(True)
        self.overall_bar.setValue(0)
        self.file_bar.setValue(0)
        self.file_label.setText("")
        self.session.start(self.job)

    def _progressed(self, snap: Snapshot) -> None:
        if self.job is None:
            return
        self._snapshot = snap
        if self._status[0] == "guiimport.preparing":
            self._set_status("guiimport.running")
        self.overall_bar.setValue(int(1000 * snap.all_done / snap.all_size) if snap.all_size else 0)
        self.overall_bar.setFormat(tr("guiimport.overall_bar", index=snap.index, count=snap.count,
                                      done=size_text(snap.all_done), total=size_text(snap.all_size)))
        self.file_label.setText(tr("guiimport.current", index=snap.index, count=snap.count, name=_name(Path(snap.name))))
        self.file_bar.setValue(int(1000 * snap.file_done / snap.file_size) if snap.file_size else 1000)
        self.file_bar.setFormat(tr("guiimport.file_bar", done=size_text(snap.file_done), total=size_text(snap.file_size)))

    def _file_done(self, outcomes: list[Outcome]) -> None:
        if self.job is not None and self._task.replaces is None:  # an answer replaces its line at the end
            self._live += outcomes
            self._render()

    def _job_finished(self, outcomes: list[Outcome]) -> None:
        job, task = self.job, self._task
        self.job, self._task, self._live = None, None, []
        self.cancel_button.setEnabled(False)
        self._cancelled = self._cancelled or job.cancelled  # also session.stop_all() when the window closes
        if self._cancelled:  # nothing more is asked or started
            outcomes = [Outcome(o.path, "not_started") if o.status.startswith("ask_") else o for o in outcomes]
            outcomes += [Outcome(p, "not_started") for t in self._tasks for p in t.paths]
            self._tasks.clear()
            self._questions.clear()
        if task.replaces is not None:
            self.outcomes[task.replaces:task.replaces + 1] = outcomes
            at = task.replaces
        else:
            at = len(self.outcomes)
            self.outcomes += outcomes
        self._questions += [at + n for n, o in enumerate(outcomes) if o.status.startswith("ask_")]
        self._render()
        self.session.changed.emit()
        self._next()

    def _job_failed(self, exc: BaseException) -> None:  # a bug in run_task: say so, keep what is known
        self.job = self._task = None
        self.outcomes += self._live
        self._live = []
        self._render()
        self.cancel_button.setEnabled(False)
        self._tasks.clear()
        self._show_progress(False)
        self._set_status("guiimport.unexpected", message=error_text(exc))
        self._active = False
        self.session.changed.emit()
        self.finished.emit()

    # -- questions --------------------------------------------------------------------------------------------
    def _ask(self, index: int) -> None:
        outcome = self.outcomes[index]
        if outcome.status == "ask_date":
            self.dialog = DateOrderDialog(outcome.path, outcome.question, self)
        else:
            self.dialog = MappingDialog(self.session, outcome.question, self)
        self._set_status("guiimport.asking")
        self.dialog.finished.connect(lambda code, i=index, d=self.dialog: self._answered(i, d, code))
        self.dialog.open()

    def _answered(self, index: int, dialog: QDialog, code: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        path = self.outcomes[index].path
        if code == QDialog.DialogCode.Accepted and isinstance(dialog, DateOrderDialog):
            self._tasks.insert(0, Task([path], date_order=dialog.order(), replaces=index))
        elif code == QDialog.DialogCode.Accepted:
            self._tasks.insert(0, Task([path], mapping=dialog.mapping(), save_as=dialog.save_name(), replaces=index))
        elif code == AS_IS:
            self._tasks.insert(0, Task([path], ask=False, replaces=index))
        else:
            self.outcomes[index] = Outcome(path, "declined")
            self._render()
        self._next()

    def _file_dialog(self, mode, title_key: str) -> None:
        if self.dialog is not None:
            return
        dialog = self.dialog = QFileDialog(self, tr(title_key))
        dialog.setFileMode(mode)
        if mode == QFileDialog.FileMode.Directory:
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)

        def closed(code: int) -> None:
            self.dialog = None
            paths = dialog.selectedFiles() if code == QDialog.DialogCode.Accepted else []
            dialog.deleteLater()
            if mode == QFileDialog.FileMode.Directory:
                paths = paths[:1]
            if paths:
                self.start(paths)
            else:
                self._next()

        dialog.finished.connect(closed)
        dialog.open()

    # -- showing --------------------------------------------------------------------------------------------
    def _set_status(self, key: str, **params) -> None:
        self._status = (key, params)
        self.status_label.setText(tr(key, **params))

    def _summary(self) -> None:
        if not self.outcomes:
            self._set_status("guiimport.idle")
            return
        count = {s: sum(o.status == s for o in self.outcomes) for s in ("imported", "duplicate", "failed")}
        left = sum(o.status in ("cancelled", "not_started") for o in self.outcomes)
        if self._cancelled:
            self._set_status("guiimport.done_cancelled", imported=count["imported"], duplicates=count["duplicate"],
                             left=left)
        else:
            self._set_status("guiimport.done", imported=count["imported"], duplicates=count["duplicate"],
                             failed=count["failed"])

    def _show_progress(self, shown: bool) -> None:
        self.progress_box.setVisible(shown)

    def _show_lock(self, *_args) -> None:
        self.locked_label.setVisible(self.session.locked)

    def _render(self) -> None:
        parts = []
        for outcome in self.outcomes + self._live:
            head, details = outcome_lines(outcome)
            parts.append(f'<p style="margin: 8px 0 0 0"><img src="icon:{outcome.status}" width="16" height="16">'
                         f' <b>{escape(head)}</b></p>')
            parts += [f'<p style="margin: 0 0 0 24px">{_NOTE_ICON if note else ""}{escape(text)}</p>'
                      for text, note in details]
        self.results.setHtml("".join(parts))


class _Results(QTextBrowser):
    """The results as text, with the status icons (`icon:<status>` images) drawn from the style."""

    def __init__(self):
        super().__init__()
        self.setOpenLinks(False)

    def loadResource(self, kind: int, url: QUrl):
        if url.scheme() == "icon" and url.path() in _ICONS:
            return self.style().standardIcon(_ICONS[url.path()]).pixmap(16, 16)
        return super().loadResource(kind, url)


_NOTE_ICON = '<img src="icon:note" width="16" height="16"> '
_ICONS = {"imported": QStyle.StandardPixmap.SP_DialogApplyButton,
          "duplicate": QStyle.StandardPixmap.SP_FileDialogInfoView,
          "failed": QStyle.StandardPixmap.SP_MessageBoxCritical,
          "cancelled": QStyle.StandardPixmap.SP_BrowserStop,
          "not_started": QStyle.StandardPixmap.SP_BrowserStop,
          "ask_date": QStyle.StandardPixmap.SP_MessageBoxQuestion,
          "ask_mapping": QStyle.StandardPixmap.SP_MessageBoxQuestion,
          "declined": QStyle.StandardPixmap.SP_DialogCancelButton,
          "note": QStyle.StandardPixmap.SP_MessageBoxWarning}


# -- the day/month question ----------------------------------------------------------------------------------

class DateOrderDialog(QDialog):
    """Asks whether an ambiguous chat export writes its dates day/month or month/day, showing lines of the
    file read both ways. `order()`: "dmy" or "mdy" once accepted."""

    def __init__(self, path: Path, examples: list | None = None, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.examples = date_examples(self.path) if examples is None else list(examples)
        self.intro = QLabel()
        self.hint = QLabel()
        self.examples_label = QLabel()
        for label in (self.intro, self.hint, self.examples_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(self.examples), 3)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVisible(bool(self.examples))
        self.dmy = QRadioButton()
        self.mdy = QRadioButton()
        self.group = QButtonGroup(self)
        self.group.addButton(self.dmy)
        self.group.addButton(self.mdy)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.not_now = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.ok.setEnabled(False)
        self.group.buttonToggled.connect(lambda *_: self.ok.setEnabled(self.order() is not None))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.examples_label, self.table, self.hint, self.dmy, self.mdy, self.buttons):
            layout.addWidget(widget)
        language.changed.connect(self.retranslate)
        self.retranslate()
        self.resize(680, self.sizeHint().height())
        self.dmy.setFocus()

    def order(self) -> str | None:
        return "dmy" if self.dmy.isChecked() else "mdy" if self.mdy.isChecked() else None

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(tr("guiimport.date_title"))
        self.intro.setText(tr("guiimport.date_intro", name=_name(self.path)))
        self.hint.setText(tr("guiimport.date_hint"))
        self.examples_label.setText(tr("guiimport.date_examples") if self.examples else tr("guiimport.date_no_examples"))
        self.table.setHorizontalHeaderLabels([tr("guiimport.date_col_line"), tr("guiimport.date_col_dmy"),
                                              tr("guiimport.date_col_mdy")])
        for row, (line, dmy, mdy) in enumerate(self.examples):
            for col, value in enumerate((_shown_line(line), date_text(dmy), date_text(mdy))):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                  + 2 * self.table.frameWidth() + 2)
        for button, order, at in ((self.dmy, "dmy", 1), (self.mdy, "mdy", 2)):
            example = tr("guiimport.date_choice_example", date=date_text(self.examples[0][at])) if self.examples else ""
            button.setText(tr("guiimport.date_choice_" + order, example=example))
        self.ok.setText(tr("guiimport.date_ok"))
        self.not_now.setText(tr("guiimport.not_now"))


def _shown_line(line: str, limit: int = 70) -> str:
    line = "".join(c if c.isprintable() else " " for c in line)
    return line if len(line) <= limit else line[:limit - 1] + "…"


# -- the column question -------------------------------------------------------------------------------------

def proposed_roles(profile: dict | None) -> tuple[dict[str, str], str | None]:
    """Column name -> role (a key of cli_money.MAPPING_ROLES), and the date format, of a statement layout."""
    if not profile:
        return {}, None
    fields = profile["fields"]
    roles = {fields["date"]["column"]: "date"}
    amount = fields["amount"]
    if amount["kind"] == "debit_credit":
        roles.update({amount["debit"]: "out", amount["credit"]: "in"})
    else:
        roles[amount["column"]] = "amount" if amount["kind"] == "signed" else "out"
    for column in fields.get("description", ()):
        roles.setdefault(column, "desc")
    for role in ("balance", "counterparty"):
        if fields.get(role):
            roles[fields[role]] = role
    formats = fields["date"]["format"]
    return roles, formats[0] if len(formats) == 1 else None


class MappingDialog(QDialog):
    """Asks which column of an unknown CSV is the date, the amounts, the description...: the first rows with a
    role chooser on each column, the date format, a preview of the rows read that way, and an optional name
    to save the layout under. Accepted: `mapping()` and `save_name()`; done(AS_IS): store it unread."""

    def __init__(self, session, sample: CsvSample, parent=None):
        super().__init__(parent)
        self.session, self.sample = session, sample
        self._mapping: dict | None = None
        roles, fmt = proposed_roles(sample.proposal)
        self._wanted = roles  # column name -> role, kept when the header row changes
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.header_label = QLabel()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, max(1, min(len(sample.rows), bank.MAX_HEADER_ROW + 1)))
        self.header_row.setValue((sample.proposal or {}).get("detect", {}).get("header_row", 0) + 1)
        self.header_label.setBuddy(self.header_row)
        self.format_label = QLabel()
        self.date_format = QComboBox()
        for kind in DATE_FORMATS:
            self.date_format.addItem("", kind)
        self.date_format.setCurrentIndex(DATE_FORMATS.index(fmt) if fmt in DATE_FORMATS else 0)
        self.format_label.setBuddy(self.date_format)
        self.columns_label = QLabel()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.columns_label.setBuddy(self.table)
        self.boxes: list[QComboBox] = []
        self.preview_title = QLabel()
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QTableWidget(0, 4)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setTabKeyNavigation(False)
        self.save_label = QLabel()
        self.save_label.setWordWrap(True)
        self.save_edit = QLineEdit()
        self.save_label.setBuddy(self.save_edit)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.as_is_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.not_now = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.as_is_button.clicked.connect(lambda: self.done(AS_IS))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.header_label, self.header_row)
        form.addRow(self.format_label, self.date_format)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.save_label)
        layout.addWidget(self.save_edit)
        layout.addWidget(self.buttons)
        self.resize(820, 640)

        self._timer = QTimer(self, singleShot=True, interval=150)  # one preview after a burst of changes
        self._timer.timeout.connect(self.refresh)
        self.header_row.valueChanged.connect(self._fill_table)
        self.date_format.currentIndexChanged.connect(self._changed)
        self.save_edit.textChanged.connect(self._changed)  # the name goes into the layout
        language.changed.connect(self.retranslate)
        self._fill_table()
        self.retranslate()
        self.refresh()
        (self.boxes[0] if self.boxes else self.header_row).setFocus()

    # -- what the panel and the tests use ----------------------------------------------------------------------
    def mapping(self) -> dict | None:
        """The statement layout chosen (None while the choice cannot be read)."""
        return self._mapping

    def save_name(self) -> str:
        return self.save_edit.text().strip()

    def set_role(self, column: str, role: str | None) -> None:
        """Choose the role of the column so named (what a user does with the chooser above it)."""
        box = self.boxes[self._columns.index(column)]
        box.setCurrentIndex(box.findData(role or ""))

    def roles(self) -> dict[str, str]:
        return {c: b.currentData() for c, b in zip(self._columns, self.boxes) if b.currentData()}

    def refresh(self) -> None:
        """Build the layout from the choices and read the sample with it."""
        self._timer.stop()
        self._mapping, rows, message = None, [], ""
        profile, message = self._profile()
        if profile is not None:
            try:
                result = bank.parse(self.sample.path, data=self.sample.data, mapping=profile)
                rows = [r for r in result.records if r.type == "transaction"]
            except EvidenceKitError as exc:
                message = error_text(exc)
            else:
                if rows:
                    self._mapping = profile
                    key = "guiimport.map_ok_cut" if self.sample.cut else "guiimport.map_ok"
                    message = tr(key, rows=len(rows), warnings=len(result.warnings), lines=PREVIEW_LINES)
                else:
                    message = tr("guiimport.map_no_rows")
        self.preview_label.setText(message)
        self.preview.setRowCount(min(len(rows), 8))
        for n, record in enumerate(rows[:8]):
            a = record.attrs
            balance = f"{a['balance']:,}" if isinstance(a.get("balance"), int) else ""
            for col, value in enumerate(((record.time or "")[:16].replace("T", " "), amount_text(a), balance,
                                         a.get("counterparty") or a.get("description") or "")):
                self.preview.setItem(n, col, QTableWidgetItem(_shown_line(str(value))))
        self.preview.resizeColumnsToContents()
        self.import_button.setEnabled(self._mapping is not None)

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(tr("guiimport.map_title"))
        self.intro.setText(tr("guiimport.map_intro", name=_name(self.sample.path)))
        self.header_label.setText(tr("guiimport.map_header_row"))
        self.format_label.setText(tr("guiimport.map_date_format"))
        for n, kind in enumerate(DATE_FORMATS):
            self.date_format.setItemText(n, tr("guiimport.map_fmt_" + (kind or "auto")))
        self.columns_label.setText(tr("guiimport.map_columns"))
        for box in self.boxes:
            for n in range(box.count()):
                box.setItemText(n, tr("guiimport.role_" + (box.itemData(n) or "none")))
        self.preview_title.setText(tr("guiimport.map_preview"))
        self.preview.setHorizontalHeaderLabels([tr("guiimport.map_col_" + c) for c in ("date", "amount", "balance", "desc")])
        self.save_label.setText(tr("guiimport.map_save"))
        self.save_edit.setPlaceholderText(tr("guiimport.map_save_placeholder"))
        self.import_button.setText(tr("guiimport.map_import"))
        self.as_is_button.setText(tr("guiimport.map_as_is"))
        self.not_now.setText(tr("guiimport.not_now"))
        if self._mapping is not None or self.preview_label.text():
            self.refresh()

    # -- inside --------------------------------------------------------------------------------------------------
    def _fill_table(self) -> None:
        """The header row's cells as columns, a role chooser above each, then the rows after it."""
        if self.boxes:
            self._wanted.update({c: b.currentData() for c, b in zip(self._columns, self.boxes)})
        at = self.header_row.value() - 1
        rows = self.sample.rows
        header = rows[at] if at < len(rows) else []
        self._columns = list(header)
        body = rows[at + 1:at + 7]
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(1 + len(body))
        self.table.setHorizontalHeaderLabels([_shown_line(c, 30) or tr("guiimport.map_unnamed") for c in header])
        self.table.setVerticalHeaderLabels([""] + [str(at + 2 + n) for n in range(len(body))])
        self.boxes = []
        for col, name in enumerate(header):
            box = QComboBox()
            for role in ("", *ROLES):
                box.addItem(tr("guiimport.role_" + (role or "none")), role)
            box.setCurrentIndex(max(0, box.findData(self._wanted.get(name) or "")))
            box.setEnabled(bool(name.strip()))
            box.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(0, col, box)
            self.boxes.append(box)
            for n, cells in enumerate(body, 1):
                self.table.setItem(n, col, QTableWidgetItem(_shown_line(cells[col], 30) if col < len(cells) else ""))
        self.table.resizeColumnsToContents()
        for col in range(len(header)):
            self.table.setColumnWidth(col, max(self.table.columnWidth(col), 130))
        chain = [self.header_row, self.date_format, *self.boxes, self.table, self.save_edit]
        for first, second in zip(chain, chain[1:]):  # the choosers in reading order
            QWidget.setTabOrder(first, second)
        self._changed()

    def _changed(self, *_args) -> None:
        self.import_button.setEnabled(False)
        self._timer.start()

    def _profile(self) -> tuple[dict | None, str]:
        chosen: dict[str, str] = {}
        descriptions = []
        for column, role in self.roles().items():
            if role == "desc":
                descriptions.append(column)
            elif role in chosen:
                return None, tr("guiimport.map_role_twice", role=tr("guiimport.role_" + role))
            else:
                chosen[role] = column
        if "date" not in chosen or not chosen.keys() & {"out", "in", "amount"}:
            return None, tr("guiimport.map_need_date")
        try:
            return bank.mapping_profile(self.save_name() or self.sample.path.stem,
                                        date_format=self.date_format.currentData(), description=tuple(descriptions),
                                        header_row=self.header_row.value() - 1,
                                        **{MAPPING_ROLES[r]: c for r, c in chosen.items()}), ""
        except EvidenceKitError as exc:
            return None, error_text(exc)
