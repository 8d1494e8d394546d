"""The start window: create a case (keyboard only too), the recovery sheet, the unlock dialog with a
wrong then a right passphrase, the recent list, and `evidence-kit` with no arguments."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from evidence_kit.core.case import Case, create_case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.gui import start as start_module
from evidence_kit.gui.app import Shell
from evidence_kit.gui.lang import language
from evidence_kit.gui.settings import Settings
from evidence_kit.gui.start import CreateDialog, StartWindow, UnlockDialog, print_recovery_sheet, strength
from tests.conftest import PASSPHRASE

from .shell_support import shell_env, when_modal

FIXTURES = (shell_env,)  # pytest finds it here by name

pytestmark = pytest.mark.usefixtures("shell_env")


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def _opened_through(qtbot, window, kind, act, trigger) -> list:
    """trigger() opens a modal `kind` (its exec() blocks), act(dialog) fills it in; the arguments of
    the start window's `opened` signal that follows."""
    modal = when_modal(qtbot, kind, act)
    with qtbot.waitSignal(window.opened, timeout=10000) as opened:
        trigger()
    modal.check()
    return opened.args


def test_strength_hint_levels():
    assert strength("") == 0
    assert strength("1234567") == 0  # shorter than the core's minimum
    assert strength("abcdefgh") == 1
    assert strength("aaaaaaaaaaaaaaaaaaaaaaaaaa") == 1  # long but one letter
    assert strength("abcd1234efgh") == 2  # 12 characters, two kinds
    assert strength(PASSPHRASE) == 3


def test_create_dialog_refuses_with_the_core_messages(qtbot, tmp_path):
    dialog = CreateDialog(Settings.load(), None)
    qtbot.addWidget(dialog)
    dialog.location.setText(str(tmp_path))
    dialog.name.setText("case")
    dialog.first.setText("short")
    dialog.second.setText("short")
    assert dialog.hint.text() == "短すぎます（8文字以上にしてください）。"
    _ok(dialog).click()
    assert dialog.error.text() == EvidenceKitError("passphrase_too_short", minimum=8).message("ja")
    assert dialog.first.text() == "" and dialog.job is None
    dialog.first.setText(PASSPHRASE)
    dialog.second.setText(PASSPHRASE + "x")
    assert dialog.match.text() == "2つのパスフレーズが違います。"
    _ok(dialog).click()
    assert dialog.error.text() == EvidenceKitError("passphrase_mismatch").message("ja")
    assert dialog.second.text() == ""
    dialog.second.setText(PASSPHRASE)
    dialog.name.setText("a/b")
    _ok(dialog).click()
    assert dialog.error.text().startswith("名前を入力してください。")
    assert not (tmp_path / "a").exists()


def test_create_flow_opens_the_new_case_and_remembers_it(qtbot, tmp_path):
    settings = Settings.load()
    window = StartWindow(settings)
    qtbot.addWidget(window)

    def fill(dialog):
        dialog.name.setText("my case")
        dialog.location.setText(str(tmp_path / "cases"))
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        assert dialog.target.text() == f"作られるフォルダー: {tmp_path / 'cases' / 'my case'}"
        _ok(dialog).click()
        assert not dialog.buttons.isEnabled() and dialog.busy.isVisible()  # scrypt runs in a Job

    opened = _opened_through(qtbot, window, CreateDialog, fill, window.create_button.click)
    session, report = opened
    assert report is None
    assert not session.locked and session.case.path == tmp_path / "cases" / "my case"
    assert session.case.items() == []
    session.lock()
    saved = json.loads((shell_env_dir(tmp_path) / "settings.json").read_text("utf-8"))
    assert saved["recent"] == [str(tmp_path / "cases" / "my case")]
    assert saved["last_location"] == str(tmp_path / "cases")
    assert window.recent.item(0).text() == f"my case　—　{tmp_path / 'cases'}"


def shell_env_dir(tmp_path):
    return tmp_path / "config"


def test_create_with_the_recovery_sheet_prints_the_key(qtbot, tmp_path, monkeypatch):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is missing")
    pdf = tmp_path / "sheet.pdf"
    printed = []

    def to_pdf(case, parent=None):
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(pdf))
        print_recovery_sheet(case, printer)
        printed.append(case.identity().to_string())
        return True

    monkeypatch.setattr(start_module, "ask_and_print_recovery_sheet", to_pdf)
    window = StartWindow(Settings.load())
    qtbot.addWidget(window)

    def fill(dialog):
        dialog.name.setText("sheet case")
        dialog.location.setText(str(tmp_path))
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        dialog.sheet.setChecked(True)
        _ok(dialog).click()

    opened = _opened_through(qtbot, window, CreateDialog, fill, window.create_button.click)
    case = opened[0].case
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert printed and printed[0].startswith("AGE-SECRET-KEY-1") and len(printed[0]) == 74
    assert printed[0] in text
    assert "回復用シート（evidence-kit 事件フォルダー）" in text and "Recovery sheet (evidence-kit case folder)" in text
    assert case.case_id in text and case.info["signing_fingerprint"] in text
    assert "age -d -i recovery.txt -o OUT items/ab/<ID>.age" in text
    case.lock()


def test_the_key_on_the_sheet_opens_an_item_with_age(tmp_path, unlocked):
    """What the sheet says works: its key line in recovery.txt, then `age -d -i recovery.txt`."""
    if not (shutil.which("pdftotext") and shutil.which("age")):
        pytest.skip("pdftotext or age is missing")
    from evidence_kit.core import layout

    source = tmp_path / "note.txt"
    source.write_bytes("振込先は楽天銀行\n".encode("utf-8"))
    item_id = unlocked.import_paths([source]).results[0].item_id
    pdf = tmp_path / "sheet.pdf"
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(pdf))
    print_recovery_sheet(unlocked, printer)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    keys = {line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-1")}
    assert len(keys) == 1  # printed twice (Japanese, English), the same line
    (tmp_path / "recovery.txt").write_text(keys.pop() + "\n")
    out = subprocess.run(["age", "-d", "-i", str(tmp_path / "recovery.txt"), str(unlocked.path / layout.item_blob(item_id))],
                         capture_output=True, check=True).stdout
    assert out == source.read_bytes()


def test_unlock_wrong_then_right_passphrase(qtbot, case_dir):
    settings = Settings.load()
    settings.recent = [str(case_dir)]
    window = StartWindow(settings)
    qtbot.addWidget(window)
    assert window.recent.item(0).text() == f"case　—　{case_dir.parent}"
    steps = []

    def unlock(dialog):
        dialog.passphrase.setText("not the passphrase")
        _ok(dialog).click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=10000)
        steps.append((dialog.error.text(), dialog.passphrase.text(), dialog.passphrase.hasFocus(),
                      dialog.isVisible()))
        dialog.passphrase.setText(PASSPHRASE)
        _ok(dialog).click()

    opened = _opened_through(qtbot, window, UnlockDialog, unlock, window.recent_open.click)
    wrong = EvidenceKitError("wrong_passphrase").message("ja")
    assert steps == [(wrong, "", True, True)]
    session, report = opened
    assert not session.locked and report.chain_problems == []
    session.lock()


def test_unlock_cancelled_keeps_the_start_window(qtbot, case_dir):
    window = StartWindow(Settings.load())
    qtbot.addWidget(window)
    modal = when_modal(qtbot, UnlockDialog, lambda d: d.buttons.button(QDialogButtonBox.Cancel).click())
    with qtbot.assertNotEmitted(window.opened):
        assert window.open_case(case_dir) is False
    modal.check()
    assert Settings.load().recent == []


def test_opening_a_folder_that_is_no_case_says_so(qtbot, tmp_path):
    window = StartWindow(Settings.load())
    qtbot.addWidget(window)
    assert window.open_case(tmp_path) is False
    assert window.error.text() == EvidenceKitError("not_a_case", path=tmp_path).message("ja")


def test_recent_list_newest_first_missing_marked_and_forgettable(qtbot, tmp_path):
    settings = Settings.load()
    paths = []
    for name in ("one", "two"):
        create_case(tmp_path / name, PASSPHRASE).lock()
        settings.add_recent(tmp_path / name)
        paths.append(str(tmp_path / name))
    settings.add_recent(tmp_path / "one")  # opened again: first again, once
    settings.recent.append(str(tmp_path / "gone"))
    window = StartWindow(settings)
    qtbot.addWidget(window)
    texts = [window.recent.item(n).text() for n in range(window.recent.count())]
    assert texts == [f"one　—　{tmp_path}", f"two　—　{tmp_path}", f"gone　—　{tmp_path}　（見つかりません）"]
    window.recent.setCurrentRow(2)
    window.recent_forget.click()
    assert Settings.load().recent == [paths[0], paths[1]]
    language.set("en")
    assert window.recent_label.text() == "Recent &cases"
    assert window.create_button.text() == "&New case…"


def test_keyboard_only_create_then_unlock(qtbot, tmp_path):
    settings = Settings.load()
    settings.last_location = str(tmp_path)
    window = StartWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.focusWidget() is window.create_button  # nothing recent yet: the first thing to do has the focus

    def type_create(dialog):
        assert dialog.name.hasFocus()
        qtbot.keyClicks(dialog.name, "kb case")  # the default name is selected: typing replaces it
        for _ in range(3):  # place, browse, first passphrase
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        assert dialog.first.hasFocus()
        qtbot.keyClicks(dialog.first, PASSPHRASE)
        qtbot.keyClick(dialog.first, Qt.Key_Tab)
        assert dialog.second.hasFocus()
        qtbot.keyClicks(dialog.second, PASSPHRASE)
        qtbot.keyClick(dialog.second, Qt.Key_Return)  # the default button

    opened = _opened_through(qtbot, window, CreateDialog, type_create,
                             lambda: qtbot.keyClick(window.create_button, Qt.Key_Space))
    session = opened[0]
    assert session.case.path == tmp_path / "kb case"
    session.lock()

    window.fill_recent()
    window.recent.setFocus()
    assert window.recent.currentRow() == 0

    def type_unlock(dialog):
        assert dialog.passphrase.hasFocus()
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key_Return)

    opened = _opened_through(qtbot, window, UnlockDialog, type_unlock,
                             lambda: qtbot.keyClick(window.recent, Qt.Key_Return))
    assert not opened[0].locked
    opened[0].lock()


def test_shell_shows_the_main_window_for_the_opened_case(qtbot, case_dir):
    shell = Shell(Settings.load())
    shell.start.show()
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    from evidence_kit.gui.session import Session

    shell.start.opened.emit(Session(case), None)
    window = shell.windows[0]
    qtbot.addWidget(window)
    qtbot.addWidget(shell.start)
    assert window.isVisible() and not shell.start.isVisible()
    assert window.windowTitle() == "case — evidence-kit 証拠保全キット"
    shell.shutdown()
    assert case.unlocked is False


def test_no_arguments_opens_the_app(monkeypatch):
    import evidence_kit.gui.app as app_module
    from evidence_kit.cli import main

    calls = []
    monkeypatch.setattr(app_module, "run", lambda argv: calls.append(argv) or 0)
    assert main([]) == 0
    assert main(["gui", "--case", "x"]) == 0
    assert calls == [[], ["--case", "x"]]


RUN_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from evidence_kit.gui.start import StartWindow
from evidence_kit.cli import main

app = QApplication(["evidence-kit"])  # run() uses this one; the timer needs it first

def look():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, StartWindow) and w.isVisible():
            print("shown:", w.windowTitle(), "|", w.create_button.text(), "|", QApplication.font().family())
    QApplication.quit()

QTimer.singleShot(200, look)
sys.exit(main([]))
"""


def test_no_arguments_shows_the_start_window_in_the_remembered_language(tmp_path):
    """The real `evidence-kit` with no arguments, in its own process (an event loop of its own)."""
    import os
    import sys

    settings = Settings.load()
    settings.language = "en"
    settings.save()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", RUN_SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "shown: evidence-kit | &New case… | BIZ UDGothic" in done.stdout.splitlines()
