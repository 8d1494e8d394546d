"""Safety: quick-hide (Esc twice, Ctrl+Shift+H) hides every window and locks; idle auto-lock; the
neutral name; the safety settings."""

from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from evidence_kit.gui import safety
from evidence_kit.gui.lang import language
from evidence_kit.gui.safety import SafetyDialog, apply_neutral
from evidence_kit.gui.settings import Settings
from evidence_kit.gui.workers import Job

from .shell_support import fake_views, main_window, shell_env

FIXTURES = (fake_views, main_window, shell_env)  # pytest finds them here by name

GAP_MS = 60  # two presses of a person are never closer than this (one press seen twice is)


def test_escape_twice_hides_every_window_and_locks(qtbot, main_window):
    window = main_window
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClick(window, Qt.Key_Escape)
    assert window.isVisible() and not window.session.locked  # one Esc closes a dialog, nothing more
    qtbot.wait(GAP_MS)
    with qtbot.waitSignal(window.safety.hidden, timeout=1000):
        qtbot.keyClick(window, Qt.Key_Escape)
    assert not window.isVisible() and not other.isVisible()
    assert window.session.locked and not window.session.case.unlocked
    assert window.stack.currentWidget() is window.locked_page
    window.safety.restore()
    assert window.isVisible() and other.isVisible()
    assert window.session.locked and window.stack.currentWidget() is window.locked_page


def test_one_escape_from_the_system_is_one_press(qtbot, main_window):
    """A real key press reaches the window first, then the focused widget: seen twice, counted once."""
    window = main_window
    window.locked_page.button.setFocus()
    for _ in range(3):  # three presses far apart, each one seen on its way through the widgets
        qtbot.keyClick(window.windowHandle(), Qt.Key_Escape)
        assert window.isVisible() and not window.session.locked
        qtbot.wait(GAP_MS)  # the test's presses get millisecond timestamps: keep them apart as a hand does
        window.safety._last_esc -= 1.0  # as if a second had passed
    qtbot.keyClick(window.windowHandle(), Qt.Key_Escape)
    qtbot.wait(GAP_MS)
    qtbot.keyClick(window.windowHandle(), Qt.Key_Escape)
    assert not window.isVisible() and window.session.locked


def test_escape_twice_too_slowly_does_nothing(qtbot, main_window, monkeypatch):
    monkeypatch.setattr(safety, "DOUBLE_ESC_SECONDS", 0.15)
    window = main_window
    qtbot.keyClick(window, Qt.Key_Escape)
    qtbot.wait(250)
    qtbot.keyClick(window, Qt.Key_Escape)
    assert window.isVisible() and not window.session.locked


def test_ctrl_shift_h_hides_and_locks_from_a_dialog_too(qtbot, main_window):
    window = main_window
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    with qtbot.waitSignal(window.safety.hidden, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
    assert not window.isVisible() and not dialog.isVisible()
    assert window.session.locked


def test_ctrl_h_alone_is_not_the_hide_key(qtbot, main_window):
    qtbot.keyClick(main_window, Qt.Key_H, Qt.ControlModifier)
    assert main_window.isVisible() and not main_window.session.locked


def test_idle_minutes_lock_the_case(qtbot, main_window):
    window = main_window
    window.safety.set_idle_ms(150)
    qtbot.waitUntil(lambda: window.session.locked, timeout=3000)
    assert window.stack.currentWidget() is window.locked_page
    assert window.isVisible()  # idle locks, it does not hide


def test_input_keeps_the_case_open(qtbot, main_window):
    window = main_window
    window.safety.set_idle_ms(400)
    for n in range(8):  # 800 ms of a person moving the mouse
        qtbot.mouseMove(window.centralWidget(), QPoint(10 + n * 5, 10 + n * 5))
        qtbot.wait(100)
        assert not window.session.locked
    qtbot.waitUntil(lambda: window.session.locked, timeout=3000)


def test_idle_waits_for_running_work(qtbot, main_window):
    window = main_window
    release = threading.Event()
    job = window.session.start(Job(lambda progress, cancel: release.wait(10)))
    window.safety.set_idle_ms(100)
    qtbot.wait(400)
    assert not window.session.locked  # an export the user waits for is not cut off
    release.set()
    qtbot.waitUntil(lambda: not job.running, timeout=3000)
    qtbot.waitUntil(lambda: window.session.locked, timeout=3000)


def test_neutral_name_titles_every_window(qtbot, main_window):
    window = main_window
    app = QApplication.instance()
    apply_neutral(True)
    assert window.windowTitle() == "メモ"
    assert app.applicationDisplayName() == "メモ"
    other = QDialog(window)
    other.setWindowTitle("報告書(PDF)を作成")
    other.show()
    assert other.windowTitle() == "メモ"
    other.setWindowTitle("証拠の詳細")
    assert other.windowTitle() == "メモ"
    language.set("en")
    assert window.windowTitle() == "Notes"
    apply_neutral(False)
    assert window.windowTitle() == "case — evidence-kit"
    assert app.applicationDisplayName() == ""


def test_safety_dialog_saves_and_applies(qtbot, main_window, monkeypatch):
    window = main_window
    dialog = SafetyDialog(window.settings, window)
    qtbot.addWidget(dialog)
    choices = [dialog.idle.itemText(n) for n in range(dialog.idle.count())]
    assert choices == ["しない", "1 分後", "2 分後", "5 分後", "10 分後", "15 分後", "30 分後", "60 分後"]
    assert dialog.idle.currentText() == "10 分後"
    dialog.neutral.setChecked(True)
    dialog.idle.setCurrentIndex(3)
    dialog.accept()
    saved = Settings.load()
    assert saved.neutral_name is True and saved.idle_minutes == 5
    assert window.windowTitle() == "メモ"
    monkeypatch.setattr(SafetyDialog, "exec", lambda self: (self.idle.setCurrentIndex(0), self.accept(), QDialog.Accepted)[-1])
    window.edit_safety()
    assert window.settings.idle_minutes == 0 and not window.safety._idle.isActive()
