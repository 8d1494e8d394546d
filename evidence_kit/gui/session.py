"""One open case in the GUI: the core Case, its lock state, and the jobs running on it.

Views connect to `changed` (items or case records changed: reload) and `lock_changed`. Every slow call
goes through `start(job)`, so the window knows what is running when it closes or hides."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.case import Case
from .workers import Job


class Session(QObject):
    changed = Signal()
    lock_changed = Signal(bool)  # True when locked
    lock_failed = Signal(object)  # the error of a lock that ran in a Job (see `lock`)

    def __init__(self, case: Case, parent: QObject | None = None):
        super().__init__(parent)
        self.case = case
        self.jobs: list[Job] = []
        self._locking: Job | None = None  # the core's lock, waiting for a running import's file

    @property
    def locked(self) -> bool:
        """True from the moment `lock()` is asked, even while the core's lock still waits in a Job."""
        return self._locking is not None or not self.case.unlocked

    def unlock(self, passphrase: str):
        self.wait_locked()
        report = self.case.unlock(passphrase)  # EvidenceKitError("wrong_passphrase") on a wrong one
        self.lock_changed.emit(False)
        self.changed.emit()
        return report

    def lock(self) -> None:
        """Locked for the views at once. The core's lock waits for the case's write lock, which an import
        holds for a whole file (a big video: many seconds): while jobs run it waits in a Job of its own,
        so that the window never freezes; `wait_locked()` waits for it (unlocking again does)."""
        try:
            if self.case.unlocked and self._locking is None:
                if any(not job.wait(0) for job in self.jobs):  # a function still running (it may hold the case)
                    case = self.case
                    self._locking = Job(lambda progress, cancel: case.lock())
                    self._locking.failed.connect(self.lock_failed)
                    self._locking.done.connect(self._locked)
                    self.start(self._locking)
                else:
                    self.case.lock()  # its error is raised after the views are emptied
        finally:
            self.lock_changed.emit(True)

    def wait_locked(self, timeout: float | None = None) -> bool:
        """Block until a lock running in a Job has finished (from any thread). True when nothing waits."""
        job = self._locking
        return job is None or job.wait(timeout)

    def _locked(self) -> None:
        self._locking = None

    def start(self, job: Job) -> Job:
        self.jobs.append(job)
        job.done.connect(lambda j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.start()
        return job

    def busy(self) -> bool:
        """Work the user started is running (the core's lock finishing in a Job does not count)."""
        return any(job.running for job in self.jobs if job is not self._locking)

    def stop_all(self, timeout: float = 30.0) -> bool:
        """Ask every job to stop and wait for them (closing the window). True when all stopped."""
        for job in list(self.jobs):
            job.cancel()
        return all(job.wait(timeout) for job in list(self.jobs))
