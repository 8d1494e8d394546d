"""Slow core calls run off the GUI thread, with progress and cancel.

A job is a plain function `fn(progress, cancel)`: `progress(done, total, text)` reports (it may be called
from any thread; the signal is queued to the GUI thread) and `cancel()` returns True once the user asked
to stop. The core's own `progress`/`cancel` arguments are fed from these two. The result, or the error,
comes back through the `finished` / `failed` signals on the GUI thread."""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

JobFn = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


class Job(QObject):
    progress = Signal(int, int, str)  # done, total, text
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception (EvidenceKitError for anything the user should read)
    done = Signal()  # after finished or failed, always

    def __init__(self, fn: JobFn, parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self._ended = threading.Event()
        self.running = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        """Run it. From now until `done` has been handled, the Job belongs to the application (a dialog that
        made it may be deleted meanwhile), and it is deleted on the GUI thread after `done`: never by the
        worker thread dropping the last reference while its signals still wait to be delivered (a crash)."""
        self.running = True
        self.setParent(QCoreApplication.instance())
        self.done.connect(self._stopped)
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the function has returned (used when the window closes)."""
        return self._ended.wait(timeout)

    def _stopped(self) -> None:
        self.running = False
        self.deleteLater()  # after the other slots of `done`, already queued before this deferred delete

    def _run(self) -> None:
        try:
            result = self._fn(lambda d, t, text="": self.progress.emit(int(d), int(t), text), self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - every error goes to the GUI thread, none is lost
            self._ended.set()
            self.failed.emit(exc)
        else:
            self._ended.set()
            self.finished.emit(result)
        self.done.emit()


class _Runner(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self.job._run()
