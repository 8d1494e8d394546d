"""Keyboard-only use of the main flow (issue 6): from the start window to an exported PDF with key presses
only: Tab, the arrows, Enter, Esc, the menus' Alt keys and the shortcuts (Ctrl+I, Ctrl+1/2, Ctrl+E). The
file dialog is Qt's own, used by typing the path into it, as a person can. And no two Alt keys on one
screen clash (an ambiguous Alt key only moves the focus, it never presses anything)."""

from __future__ import annotations


import pypdf
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget

from evidence_kit.core import caserecords
from evidence_kit.gui.dialogs.details import AccountsDialog
from evidence_kit.gui.dialogs.export import ExportDialog
from evidence_kit.gui.lang import language
from evidence_kit.gui.safety import DOUBLE_ESC_SECONDS
from evidence_kit.gui.start import CreateDialog
from evidence_kit.gui.views.item import _event_detail
from tests.conftest import PASSPHRASE

from .flow_support import SCREENSHOT, app_shell, evidence_files, list_rows, loaded, shot, timeline_texts
from .shell_support import shell_env, when_modal

FIXTURES = (app_shell, shell_env)  # pytest finds them here by name


def focus() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, key, modifiers=Qt.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focus(), key, modifiers)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def tab_to(qtbot, target: QWidget, limit: int = 40) -> list[QWidget]:
    """Press Tab until the target has the focus; the widgets passed on the way."""
    passed = []
    while focus() is not target:
        assert len(passed) < limit, f"Tab never reached {target!r}: {[type(w).__name__ for w in passed]}"
        passed.append(focus())
        press(qtbot, Qt.Key_Tab)
    return passed


def activated(qtbot, window) -> None:
    """What the window manager does when a dialog closes: the window under it is active again."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_from_the_start_window_to_the_exported_pdf_by_keyboard_only(qtbot, app_shell, tmp_path):
    start = app_shell.start
    assert focus() is start.create_button  # nothing recent yet: the first thing to do has the focus
    evidence_files(tmp_path / "src")

    def create(dialog):
        assert focus() is dialog.name
        type_text(qtbot, "kb")  # the proposed name is selected: typing replaces it
        assert tab_to(qtbot, dialog.first) == [dialog.name, dialog.location, dialog.browse]
        type_text(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key_Tab)
        assert focus() is dialog.second
        type_text(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key_Return)  # the default button

    modal = when_modal(qtbot, CreateDialog, create)
    press(qtbot, Qt.Key_Space)
    modal.check()
    qtbot.waitUntil(lambda: bool(app_shell.windows), timeout=10000)
    window = app_shell.windows[0]
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.session.case.path.name == "kb"
    assert focus() is window.evidence_list.table  # the list, not the tab bar above it

    # Ctrl+I: Qt's file dialog, the folder typed, then the three names
    def choose(dialog):
        assert dialog.fileMode() == QFileDialog.ExistingFiles and focus().objectName() == "fileNameEdit"
        type_text(qtbot, str(tmp_path / "src"))
        press(qtbot, Qt.Key_Return)  # into the folder
        type_text(qtbot, f'"{SCREENSHOT}" "talk.txt" "meisai.csv"')
        press(qtbot, Qt.Key_Return)

    modal = when_modal(qtbot, QFileDialog, choose)
    press(qtbot, Qt.Key_I, Qt.ControlModifier)
    modal.check()
    qtbot.waitUntil(lambda: window.import_panel is not None and not window.import_panel.busy, timeout=30000)
    loaded(qtbot, window, 3)
    activated(qtbot, window)
    assert window.import_panel.status_label.text() == "終わりました。取り込み 3 件、重複 0 件、取り込めなかったもの 0 件。"

    # Ctrl+1, the arrows: the row under the cursor is shown in the item pane
    press(qtbot, Qt.Key_1, Qt.ControlModifier)
    assert focus() is window.evidence_list.table
    press(qtbot, Qt.Key_Home, Qt.ControlModifier)
    press(qtbot, Qt.Key_Down, times=2)
    assert window.evidence_list.table.currentIndex().row() == 2
    assert list_rows(window)[2][2] == SCREENSHOT and window.item_pane.title.text() == SCREENSHOT
    press(qtbot, Qt.Key_Up)
    assert window.item_pane.title.text() == "talk.txt"

    # Ctrl+2, the arrows, Enter: the event's item in the pane
    press(qtbot, Qt.Key_2, Qt.ControlModifier)
    assert focus() is window.timeline.list
    texts = timeline_texts(window)
    row = next(r for r, text in enumerate(texts) if text.startswith("山田 花子  10:05"))
    press(qtbot, Qt.Key_Home, Qt.ControlModifier)
    press(qtbot, Qt.Key_Down, times=row)
    assert window.timeline.list.currentIndex().row() == row
    press(qtbot, Qt.Key_Return)
    assert window.item_pane.title.text() == "talk.txt"

    # Alt+C, A: 事件 > 振込先口座…; Alt+N, the fields by Tab, Enter saves, Esc closes
    def account(dialog):
        assert focus() is dialog.list
        press(qtbot, Qt.Key_N, Qt.AltModifier)  # 新しく追加(&N)
        qtbot.waitUntil(lambda: focus() is dialog.bank_name, timeout=2000)
        tab_to(qtbot, dialog.bank_code)
        type_text(qtbot, "0005")
        assert tab_to(qtbot, dialog.branch_code) == [dialog.bank_code, dialog.branch_name]
        type_text(qtbot, "001")
        assert tab_to(qtbot, dialog.number) == [dialog.branch_code, dialog.yucho, dialog.type]
        type_text(qtbot, "1234567")
        press(qtbot, Qt.Key_Tab)
        assert focus() is dialog.holder
        ime_commit("サギノ タロウ")
        press(qtbot, Qt.Key_Return)  # 保存 is the default button
        assert dialog.status.text() == "保存しました。"
        assert [n.text() for n in dialog.notes() if n.text()] == [
            "一覧では 三菱ＵＦＪ（0005）です（2026-08-24 時点）", "一覧では 本店（001）です"]
        press(qtbot, Qt.Key_Escape)

    modal = when_modal(qtbot, AccountsDialog, account)
    press(qtbot, Qt.Key_C, Qt.AltModifier)
    qtbot.waitUntil(lambda: window.menus["case"].isVisible(), timeout=2000)
    qtbot.keyClick(window.menus["case"], Qt.Key_A)
    modal.check()
    activated(qtbot, window)

    # Ctrl+E: Tab to the file's place, Ctrl+A, the path typed, Enter makes the PDF, Esc closes
    out = tmp_path / "police.pdf"
    seen = {}

    def export(dialog):
        qtbot.waitUntil(lambda: dialog.job is None and dialog.integrity is not None, timeout=60000)
        tab_to(qtbot, dialog.path)
        press(qtbot, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, str(out))
        press(qtbot, Qt.Key_Return)  # 「PDFを作成」 is the default button
        qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
        seen["result"], seen["focus"] = dialog.result, focus() is dialog.open_pdf
        shot(dialog, "export_done")
        qtbot.wait(int(DOUBLE_ESC_SECONDS * 1000) + 100)  # a person's pace: two Esc within half a second hide the app
        press(qtbot, Qt.Key_Escape)

    modal = when_modal(qtbot, ExportDialog, export, timeout=10000)
    press(qtbot, Qt.Key_E, Qt.ControlModifier)
    modal.check()
    assert seen["result"].path == out and seen["focus"]  # 「PDFを開く」 is next
    assert len(pypdf.PdfReader(str(out)).pages) == seen["result"].pages
    account = caserecords.load(window.session.case).accounts["1"]
    assert (account.bank_code, account.branch_code, account.number, account.holder_kana) == (
        "0005", "001", "1234567", "サギノ タロウ")


def ime_commit(text: str) -> None:
    """Japanese typed through the input method: what it hands the field when the user confirms."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(focus(), event)


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt key -> the texts that claim it among what the window shows (buttons, labels with a buddy, tabs,
    group boxes, its menu bar); disabled ones count too, as they are enabled now and then."""
    found: dict[str, list[str]] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not window:
            continue
        texts = []
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            texts.append(widget.text())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(n) for n in range(widget.count())]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
        elif isinstance(widget, QMenuBar):
            texts += [action.text() for action in widget.actions()]
        for text in texts:
            key = QKeySequence.mnemonic(text).toString()
            if key:
                found.setdefault(key, []).append(text)
    return found


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {key: texts for key, texts in mnemonics(window).items() if len(texts) > 1}


def test_no_two_alt_keys_clash_in_the_start_and_main_windows(qtbot, app_shell, tmp_path):
    from .test_main_flow import create_through_start_window, show_screenshot

    start = app_shell.start
    for code in ("ja", "en"):
        language.set(code)
        assert clashes(start) == {}, code
        assert len(mnemonics(start)) == 9  # new, open, recent, open, remove, language, restore, safety, guide
    language.set("ja")
    window = create_through_start_window(qtbot, app_shell)
    window.import_paths(evidence_files(tmp_path / "src"))
    qtbot.waitUntil(lambda: not window.import_panel.busy, timeout=30000)
    loaded(qtbot, window, 3)
    show_screenshot(qtbot, window)
    for code in ("ja", "en"):
        language.set(code)
        for view in range(2):
            window.show_tab(view)
            for tab in range(3):  # the item pane's content, details, note and tags
                window.item_pane.tabs.setCurrentIndex(tab)
                assert clashes(window) == {}, (code, view, tab)
        window.lock_case()
        assert clashes(window) == {}, (code, "locked")
        window.session.unlock(PASSPHRASE)
        loaded(qtbot, window, 3)
        show_screenshot(qtbot, window)
    # what the fix above changed: the panel's, the filters' and the pane's keys beside the menus' (File, Case)
    language.set("ja")
    window.show_tab(0)
    keys = mnemonics(window)
    assert (keys["Alt+F"], keys["Alt+C"], keys["Alt+D"]) == (["ファイル(&F)"], ["事件(&C)"], ["詳細・記録(&D)"])


def test_the_custody_words_for_a_note_show_no_alt_keys(qapp):
    doc = {"event": caserecords.EVENT, "kind": "item", "data": {"title": "t", "author": "a", "excluded": True}}
    try:
        language.set("en")
        assert _event_detail(doc, None) == "Title, Author, Leave out of the PDF bundles"  # was "&Title、&Author、…"
        language.set("ja")
        assert _event_detail(doc, None) == "標目、作成者、提出用の資料（PDF）に入れない"
    finally:
        language.set("ja")


def test_no_two_alt_keys_clash_in_the_dialogs(qtbot, demo_case, shell_env):
    from evidence_kit.gui.dialogs import details
    from evidence_kit.gui.dialogs.guide import GuideWindow
    from evidence_kit.gui.safety import SafetyDialog
    from evidence_kit.gui.session import Session
    from evidence_kit.gui.settings import Settings
    from evidence_kit.gui.start import UnlockDialog

    session = Session(demo_case)
    makers = {name: (lambda name=name: getattr(details, name)(session)) for name in (
        "PartyDialog", "AccountsDialog", "ActionsDialog", "SummaryDialog", "ActsDialog", "RefusalsDialog")}
    makers.update({"ExportDialog": lambda: ExportDialog(session), "CreateDialog": lambda: CreateDialog(Settings.load()),
                   "UnlockDialog": lambda: UnlockDialog(demo_case), "SafetyDialog": lambda: SafetyDialog(Settings.load()),
                   "GuideWindow": GuideWindow})
    try:
        for code in ("ja", "en"):
            language.set(code)
            for name, make in makers.items():
                dialog = make()
                qtbot.addWidget(dialog)
                dialog.show()
                if name == "ExportDialog":  # its checks and their fix buttons come from a Job
                    qtbot.waitUntil(lambda: dialog.job is None and dialog.integrity is not None, timeout=60000)
                assert clashes(dialog) == {}, (code, name)
                assert len(mnemonics(dialog)) >= 2, (code, name)
                dialog.close()
    finally:
        session.stop_all()
        language.set("ja")
