import threading

import pytest

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.gui.workers import Job


def test_job_reports_progress_and_result_on_the_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    seen, threads = [], []

    def work(progress, cancel):
        threads.append(threading.get_ident())
        for n in range(3):
            progress(n + 1, 3, f"step {n + 1}")
        return "result"

    job = Job(work)
    job.progress.connect(lambda d, t, text: seen.append((d, t, text, threading.get_ident())))
    with qtbot.waitSignal(job.finished, timeout=5000) as finished:
        job.start()
    assert finished.args == ["result"]
    assert threads[0] != gui_thread
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert [s[:3] for s in seen] == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert {s[3] for s in seen} == {gui_thread}
    qtbot.waitUntil(lambda: not job.running)


def test_job_cancel_reaches_the_function_and_its_error_comes_back(qtbot):
    started = threading.Event()

    def work(progress, cancel):
        started.set()
        while not cancel():
            pass
        raise EvidenceKitError("cancelled")

    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
        assert started.wait(5)
        job.cancel()
    assert failed.args[0].code == "cancelled"
    assert job.wait(1)


@pytest.mark.parametrize("exc", [ValueError("boom"), OSError(28, "No space left on device")])
def test_job_passes_any_exception_back(qtbot, exc):
    def work(progress, cancel):
        raise exc

    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
    assert failed.args[0] is exc


def test_the_installed_pyside6_keeps_none_alive(qtbot):
    """PySide6 6.12.0 returned None from every setter without a reference: on Python 3.11 the
    interpreter aborted after a few thousand calls. The pin in pyproject.toml keeps it out."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -10
