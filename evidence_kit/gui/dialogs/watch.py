"""The watched folder in the app (事件 > フォルダを見張る…): the core `Watcher` run for the open case, its
state in the status bar (見張り中: フォルダ名 / 停止 / フォルダが見つかりません), each file it takes as a short
status message and a line in the dialog, and the evidence views reloaded through `session.changed`.

The Watcher calls back from its own thread; a queued signal brings each event to the GUI thread. Locking
the case (quick-hide, idle lock, closing the window) stops the watching cleanly (an import in progress
is cancelled and rolled back by the core); unlocking starts it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QPushButton, QVBoxLayout, QWidget)

from ...watch import Watcher, WatchEvent
from ..lang import error_text, language, tr
from ..safety import window_title
from ..workers import Job
from .details_base import Note

SETTLE_SECONDS = 3.0  # as the CLI's watch: a file is taken once it has not changed for this long
EVENTS_KEPT = 500  # lines the dialog can show
STATES = ("off", "starting", "on", "missing", "paused")
NOTICE_MS = 15000


class _Bridge(QObject):
    """Lives in the GUI thread; the Watcher's thread emits, the slot runs in the GUI thread (queued)."""
    received = Signal(object)


class FolderWatch(QObject):
    """The watched folder of one session. `state` is one of STATES; `events` the latest WatchEvents."""

    state_changed = Signal(str)
    event = Signal(object)  # a WatchEvent, in the GUI thread
    notice = Signal(str)  # a short sentence for the status bar

    def __init__(self, session, settings=None, *, settle_seconds: float = SETTLE_SECONDS, check_seconds: float = 1.0,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.settle_seconds = settle_seconds
        self.check_seconds = check_seconds
        self.folder: Path | None = Path(settings.watch_folder) if settings is not None and settings.watch_folder else None
        self.state = "off"
        self.events: list[WatchEvent] = []
        self.error: BaseException | None = None
        self.existing = 0
        self.counts = {"imported": 0, "duplicate": 0, "failed": 0}
        self._watcher: Watcher | None = None
        self._job: Job | None = None
        self._bridge = _Bridge(self)
        self._bridge.received.connect(self._received, Qt.ConnectionType.QueuedConnection)
        session.lock_changed.connect(self._lock_changed)

    @property
    def active(self) -> bool:
        return self.state in ("starting", "on", "missing")

    def start(self, folder: Path) -> None:
        """Watch `folder` (remembered in the settings); the first look at it runs in a Job."""
        self.stop()
        self.folder, self.error, self.existing = Path(folder).absolute(), None, 0
        if self.settings is not None:
            self.settings.watch_folder = str(self.folder)
            self.settings.save()
        watcher = Watcher(self.session.case, self.folder, on_event=self._bridge.received.emit,
                          settle_seconds=self.settle_seconds, check_seconds=self.check_seconds)
        self._watcher = watcher

        def begin(_progress, cancel):
            try:
                watcher.start()  # scans the folder: may take a while on a large one
            except Exception as exc:  # noqa: BLE001 - shown to the user (e.g. a folder inside the case)
                return watcher, exc, 0, 0
            if cancel():  # stopped meanwhile (stop() sets cancel before it stops the watcher)
                watcher.stop()
            return watcher, None, watcher.existing, getattr(watcher, "known", 0)  # known: by an earlier watch

        job = Job(begin)
        job.finished.connect(self._started)  # a bound slot: dropped if this object is gone by then
        self._job = job
        self._set_state("starting")
        self.session.start(job)

    def stop(self, paused: bool = False) -> None:
        """Stop watching (an import in progress is cancelled by the core and leaves nothing half-stored)."""
        watcher, self._watcher = self._watcher, None
        if self._job is not None:
            self._job.cancel()
            self._job = None
        if watcher is not None:
            watcher.stop()
            for kind in self.counts:
                self.counts[kind] += watcher.counts[kind]
            if not paused:
                self.notice.emit(tr("guitools.watch.ended", imported=watcher.counts["imported"],
                                    duplicates=watcher.counts["duplicate"], failed=watcher.counts["failed"]))
        if watcher is not None or self.state != "off":
            self._set_state("paused" if paused and watcher is not None else "off")

    def _started(self, result: tuple) -> None:
        watcher, exc, existing, known = result
        if watcher is not self._watcher:
            return
        self._job = None
        if exc is not None:
            self._watcher, self.error = None, exc
            self._set_state("off")
            self.notice.emit(error_text(exc))
            return
        self.existing = existing
        if self.state == "starting":
            self._set_state("on")
        self.notice.emit(tr("guitools.watch.started_known" if known else "guitools.watch.started",
                            folder=str(self.folder), existing=existing, known=known))

    def _received(self, event: WatchEvent) -> None:
        self.events.append(event)
        del self.events[:-EVENTS_KEPT]
        if event.kind == "folder_missing" and self._watcher is not None:
            self._set_state("missing")
        elif event.kind == "folder_back" and self._watcher is not None:
            self._set_state("on")
        self.notice.emit(notice_text(event))
        self.event.emit(event)
        if event.kind == "imported":
            self.session.changed.emit()  # the evidence list and the timeline reload

    def _lock_changed(self, locked: bool) -> None:
        if locked and self.active:
            self.stop(paused=True)
        elif not locked and self.state == "paused" and self.folder is not None:
            self.start(self.folder)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def status_text(self) -> str:
        name = (self.folder.name or str(self.folder)) if self.folder is not None else ""
        return tr(f"guitools.watch.status_{self.state}", name=name)


def notice_text(event: WatchEvent) -> str:
    """The short status-bar form of an event (the dialog shows the whole sentence)."""
    if event.kind in ("imported", "duplicate", "failed"):
        return tr(f"guitools.watch.notice_{event.kind}", name=event.params.get("name", event.path.name))
    return event.message(language.code)


def event_line(event: WatchEvent) -> str:
    return f"[{event.time[11:19]}] {event.message(language.code)}"


class WatchStatus(QPushButton):
    """The watched folder's state in the status bar; a click opens the dialog. Hidden until a folder has
    been watched once."""

    def __init__(self, watch: FolderWatch, parent: QWidget | None = None):
        super().__init__(parent)
        self.watch = watch
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the menu entry is the keyboard's way in
        self.setObjectName("watch-status")
        watch.state_changed.connect(self.refresh)
        language.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        state = self.watch.state
        colour = {"on": "#1d5e2a", "starting": "#1d5e2a", "missing": "#7a4b00", "paused": "#444444"}.get(state, "#444444")
        self.setStyleSheet(f"QPushButton {{ color: {colour}; border: none; padding: 0 10px; }}")
        self.setText(self.watch.status_text())
        self.setToolTip(tr("guitools.watch.status_tip"))
        self.setVisible(self.watch.folder is not None or state != "off")


def attach(window) -> FolderWatch:
    """The main window's watched folder and its status-bar entry (made once)."""
    watch = getattr(window, "folder_watch", None)
    if watch is None:
        watch = FolderWatch(window.session, window.settings, parent=window)
        status = WatchStatus(watch)
        status.clicked.connect(lambda: open_dialog(window))
        window.statusBar().addPermanentWidget(status)
        watch.notice.connect(lambda text: window.statusBar().showMessage(text, NOTICE_MS))
        window.folder_watch, window.watch_status = watch, status
    return watch


def open_dialog(window) -> None:
    dialog = WatchDialog(attach(window), window)
    dialog.exec()
    dialog.deleteLater()


class WatchDialog(QDialog):
    """`WatchDialog(folder_watch)`: the folder, a start/stop toggle, the state and what arrived."""

    def __init__(self, watch: FolderWatch, parent: QWidget | None = None):
        super().__init__(parent)
        self.watch = watch
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.folder = QLineEdit(str(watch.folder) if watch.folder is not None else "")
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.browse = QPushButton()
        self.browse.setAutoDefault(False)
        self.toggle = QPushButton()
        self.toggle.setDefault(True)
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setStyleSheet("font-weight: bold;")
        self.problem = Note()
        self.events_label = QLabel()
        self.events = QListWidget()
        self.events.setWordWrap(True)
        self.events_label.setBuddy(self.events)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)

        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.folder_label, row)
        state_row = QHBoxLayout()
        state_row.addWidget(self.toggle)
        state_row.addWidget(self.state_label, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(state_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.events_label)
        layout.addWidget(self.events, 1)
        layout.addLayout(buttons)
        for first, second in ((self.folder, self.browse), (self.browse, self.toggle), (self.toggle, self.events),
                              (self.events, self.close_button)):
            QWidget.setTabOrder(first, second)

        self.browse.clicked.connect(self.choose)
        self.toggle.clicked.connect(self.toggled)
        self.close_button.clicked.connect(self.accept)
        watch.state_changed.connect(self._state_changed)
        watch.event.connect(self._add_event)
        language.changed.connect(self.retranslate)
        self.resize(720, 480)
        self.retranslate()
        (self.toggle if self.folder.text() else self.folder).setFocus()

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("guitools.watch.choose"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.toggle.setFocus()

    def toggled(self) -> None:
        if self.watch.active:
            self.watch.stop()
            return
        text = self.folder.text().strip()
        if not text:
            self.problem.show_text(tr("guitools.watch.no_folder"))
            self.folder.setFocus()
            return
        folder = Path(text).expanduser()
        if not folder.is_dir():
            self.problem.show_text(tr("guitools.watch.missing", folder=str(folder)))
            self.folder.setFocus()
            return
        self.problem.clear_text()
        self.watch.start(folder)

    def _state_changed(self, _state: str) -> None:
        self._show_state()

    def _show_state(self) -> None:
        active = self.watch.active
        self.toggle.setText(tr("guitools.watch.stop" if active else "guitools.watch.start"))
        self.state_label.setText(self.watch.status_text())
        self.folder.setEnabled(not active)
        self.browse.setEnabled(not active)
        if self.watch.error is not None and self.watch.state == "off":
            self.problem.show_text(error_text(self.watch.error))

    def _add_event(self, event: WatchEvent) -> None:
        self.events.addItem(event_line(event))
        while self.events.count() > EVENTS_KEPT:
            self.events.takeItem(0)
        self.events.scrollToBottom()

    def event_lines(self) -> list[str]:
        return [self.events.item(n).text() for n in range(self.events.count())]

    def retranslate(self, *_args) -> None:
        self.setWindowTitle(window_title(tr("guitools.watch.title")))
        self.heading.setText(tr("guitools.watch.heading"))
        self.folder_label.setText(tr("guitools.watch.folder"))
        self.browse.setText(tr("guitools.browse"))
        self.events_label.setText(tr("guitools.watch.events"))
        self.close_button.setText(tr("guitools.close"))
        self.events.clear()
        for event in self.watch.events:
            self._add_event(event)
        self._show_state()

