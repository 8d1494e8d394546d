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

    def __init__(self, case: Case, parent: QObject | None = None):
        super().__init__(parent)
        self.case = case
        self.jobs: list[Job] = []

    @property
    def locked(self) -> bool:
        return not self.case.unlocked

    def unlock(self, passphrase: str):
        report = self.case.unlock(passphrase)  # EvidenceKitError("wrong_passphrase") on a wrong one
        self.lock_changed.emit(False)
        self.changed.emit()
        return report

    def lock(self) -> None:
        if self.case.unlocked:
            self.case.lock()
        self.lock_changed.emit(True)

    def start(self, job: Job) -> Job:
        self.jobs.append(job)
        job.done.connect(lambda j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.start()
        return job

    def busy(self) -> bool:
        return any(job.running for job in self.jobs)

    def stop_all(self, timeout: float = 30.0) -> bool:
        """Ask every job to stop and wait for them (closing the window). True when all stopped."""
        for job in list(self.jobs):
            job.cancel()
        return all(job.wait(timeout) for job in list(self.jobs))
