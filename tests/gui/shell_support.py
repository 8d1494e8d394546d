"""Helpers for the app shell's tests (start window, main window, safety)."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from evidence_kit.gui import safety
from evidence_kit.gui.app import register_fonts
from evidence_kit.gui.lang import language


@pytest.fixture
def shell_env(tmp_path, monkeypatch, qapp):
    """Settings in a temporary folder, Japanese, the neutral name off: before and after each test."""
    monkeypatch.setenv("EVIDENCE_KIT_CONFIG_DIR", str(tmp_path / "config"))
    register_fonts()
    language.set("ja")
    safety.apply_neutral(False)
    yield tmp_path / "config"
    language.set("ja")
    safety.apply_neutral(False)
    for widget in QApplication.topLevelWidgets():
        stop = getattr(getattr(widget, "safety", None), "stop", None)
        if stop:
            stop()


class Modal:
    """What `when_modal` saw: the widgets it acted on and an error raised while acting."""

    def __init__(self):
        self.seen: list = []
        self.error: BaseException | None = None

    def check(self) -> None:
        """Call after the blocking exec(): fail the test with the error raised inside it, if any."""
        if self.error is not None:
            raise self.error
        assert self.seen, "the modal dialog never came up"


def when_modal(qtbot, kind, act, timeout: int = 5000) -> Modal:
    """Once a modal widget of class `kind` is up (a dialog's exec() started), call act(widget). A failed
    assertion inside act closes the dialog (so exec() returns) and is raised again by `Modal.check()`."""
    modal = Modal()
    waited = [0]

    def poll():
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible() and widget.isActiveWindow():
            modal.seen.append(widget)
            try:
                act(widget)
            except BaseException as exc:  # noqa: BLE001 - handed back to the test
                modal.error = exc
                job = getattr(widget, "job", None)
                if job is not None:
                    job.wait(10)
                    widget.job = None
                widget.done(0)
        elif waited[0] < timeout:
            waited[0] += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return modal


class FakeView(QWidget):
    item_selected = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session


class FakePane(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.shown: list[str] = []

    def show_item(self, item_id: str) -> None:
        self.shown.append(item_id)


class FakeImportPanel(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.started: list = []

    def start(self, paths) -> None:
        self.started.append(list(paths))


@pytest.fixture
def fake_views(monkeypatch):
    """Stand-ins for the views and the import panel: these tests are about the frame around them."""
    for name, attrs in (("views.evidence", {"EvidenceList": FakeView}), ("views.timeline", {"TimelineView": FakeView}),
                        ("views.item", {"ItemPane": FakePane}), ("dialogs.importing", {"ImportPanel": FakeImportPanel})):
        module = types.ModuleType(f"evidence_kit.gui.{name}")
        module.__dict__.update(attrs)
        monkeypatch.setitem(sys.modules, module.__name__, module)


@pytest.fixture
def main_window(qtbot, unlocked, shell_env, fake_views):
    """A shown main window over an unlocked, empty case."""
    from evidence_kit.gui.main_window import MainWindow
    from evidence_kit.gui.session import Session
    from evidence_kit.gui.settings import Settings

    window = MainWindow(Session(unlocked), Settings.load())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    window.safety.stop()
