"""The main window frame: menus and shortcuts, language at run time, status bar, lock and unlock,
views wired to the item pane, drag and drop to the import panel, closing while work runs."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.gui.main_window import MainWindow
from evidence_kit.gui.session import Session
from evidence_kit.gui.settings import Settings
from evidence_kit.gui.workers import Job
from tests.conftest import PASSPHRASE

from .flow_support import unlock_from_locked_page
from .shell_support import fake_views, main_window, shell_env, when_modal

FIXTURES = (fake_views, main_window, shell_env)  # pytest finds them here by name


def _menu_texts(window):
    return {name: [a.text() for a in menu.actions() if not a.isSeparator()] for name, menu in window.menus.items()}


def test_menus_shortcuts_and_toolbar(main_window):
    window = main_window
    assert [m.title() for m in window.menuBar().findChildren(type(window.menus["file"]))
            if m.menuAction() in window.menuBar().actions()] == ["ファイル(&F)", "事件(&C)", "表示(&V)", "ヘルプ(&H)"]
    assert _menu_texts(window) == {
        "file": ["証拠を取り込む(&I)…", "フォルダーごと取り込む(&D)…", "報告書(PDF)を作成(&E)…",
                 "警察・弁護士に渡す一式を作る(&P)…", "USBにバックアップ(&B)…", "事件をロック(&L)",
                 "すぐに隠す(&H)", "安全の設定(&S)…", "終了(&X)"],
        "case": ["相手方(&P)…", "振込先口座(&A)…", "これまでの対応(&T)…", "被害の概要・陳述書(&S)…",
                 "つきまとい・加害行為(&K)…", "拒否の意思表示(&R)…", "フォルダを見張る(&W)…"],
        "view": ["言語(&L)", "証拠一覧(&E)", "時系列(&T)"],
        "language": ["日本語", "English"],
        "help": ["ガイド(&G)…", "このアプリについて(&A)"],
    }
    shortcuts = {name: window.actions_[name].shortcut().toString() for name in ("import", "export", "lock", "guide", "hide")}
    assert shortcuts == {"import": "Ctrl+I", "export": "Ctrl+E", "lock": "Ctrl+L", "guide": "F1", "hide": "Ctrl+Shift+H"}
    assert [a.iconText() for a in window.toolbar.actions()] == ["証拠を取り込む", "報告書(PDF)を作成", "事件をロック", "ガイド"]
    assert window.actions_["lang_ja"].isChecked() and not window.actions_["lang_en"].isChecked()


def test_language_switch_retranslates_and_is_remembered(main_window):
    window = main_window
    window.actions_["lang_en"].trigger()
    assert [window.menus[n].title() for n in ("file", "case", "view", "help")] == ["&File", "&Case", "&View", "&Help"]
    assert window.actions_["import"].text() == "&Import evidence…"
    assert window.actions_["lang_en"].isChecked()
    assert [window.tabs.tabText(n) for n in range(2)] == ["Evidence", "Timeline"]
    assert window.status_lock.text() == "Unlocked"
    assert window.status_count.text() == "0 item(s)"
    assert Settings.load().language == "en"
    window.actions_["lang_ja"].trigger()
    assert window.menus["file"].title() == "ファイル(&F)"
    assert Settings.load().language == "ja"


def test_status_bar_counts_the_demo_items(qtbot, demo_case, shell_env, fake_views):
    window = MainWindow(Session(demo_case), Settings.load())
    qtbot.addWidget(window)
    count = len(demo_case.items())
    assert count > 5
    assert window.status_case.text() == f"事件: {demo_case.path.name}"
    assert window.status_lock.text() == "鍵が開いています"
    assert window.status_count.text() == f"証拠 {count} 件"
    assert window.windowTitle() == f"{demo_case.path.name} — evidence-kit 証拠保全キット"
    window.safety.stop()


def test_lock_shows_the_locked_page_and_unlock_brings_the_views_back(qtbot, main_window):
    window = main_window
    assert window.stack.currentWidget() is window.splitter
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert window.session.locked and not window.session.case.unlocked
    assert window.stack.currentWidget() is window.locked_page
    assert window.locked_page.heading.text() == "この事件には鍵がかかっています"
    assert window.status_lock.text() == "ロック中" and window.status_count.text() == ""
    assert not window.actions_["export"].isEnabled() and not window.actions_["party"].isEnabled()
    assert window.actions_["import"].isEnabled()  # import works while locked
    assert window.actions_["lock"].text() == "事件の鍵を開ける(&L)…"
    unlock_from_locked_page(qtbot, window)
    assert not window.session.locked
    assert window.stack.currentWidget() is window.splitter
    assert window.actions_["export"].isEnabled() and window.status_count.text() == "証拠 0 件"


def test_views_are_built_at_the_first_unlock_and_wired_to_the_item_pane(qtbot, case_dir, shell_env, fake_views):
    from evidence_kit.core.case import Case

    session = Session(Case.open(case_dir))
    window = MainWindow(session, Settings.load())
    qtbot.addWidget(window)
    assert not window.views_built and window.stack.currentWidget() is window.locked_page
    session.case.unlock(PASSPHRASE)
    session.lock_changed.emit(False)
    assert window.views_built and window.tabs.count() == 2
    window.evidence_list.item_selected.emit("item-1")
    window.timeline.item_selected.emit("item-2")
    assert window.item_pane.shown == ["item-1", "item-2"]
    window.actions_["show_timeline"].trigger()
    assert window.tabs.currentIndex() == 1
    session.lock()
    window.safety.stop()


def _drop(window, paths):
    """Drag onto the window (Qt delivers a drop only to the widget that accepted the drag), then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, event)
    return event, mime  # the event does not own its data


def test_dropped_files_and_folders_go_to_the_import_panel_even_locked(qtbot, main_window, tmp_path):
    window = main_window
    window.lock_case()
    files = [tmp_path / "a.png", tmp_path / "folder"]
    event, _mime = _drop(window, files)
    assert event.isAccepted()
    assert window.import_panel.started == [files]
    assert window.import_dock.isVisible() and window.import_dock.windowTitle() == "取り込み"
    assert window.dockWidgetArea(window.import_dock) == Qt.BottomDockWidgetArea
    _drop(window, [tmp_path / "b.txt"])
    assert window.import_panel.started == [files, [tmp_path / "b.txt"]]  # one panel, reused


def test_close_while_busy_asks_keep_going_then_stop(qtbot, main_window):
    window = main_window
    started, seen_cancel = threading.Event(), []

    def work(progress, cancel):
        started.set()
        while not cancel():
            threading.Event().wait(0.01)
        seen_cancel.append(True)
        raise EvidenceKitError("cancelled")

    job = window.session.start(Job(work))
    assert started.wait(5)
    texts = []

    def answer(label):
        def act(box):
            texts.append((box.text(), [b.text() for b in box.buttons()]))
            next(b for b in box.buttons() if b.text() == label).click()
        return act

    modal = when_modal(qtbot, QMessageBox, answer("続ける"))
    window.close()
    modal.check()
    assert window.isVisible() and job.running and not seen_cancel
    assert texts[0][0].startswith("まだ作業の途中です")
    assert sorted(texts[0][1]) == sorted(["続ける", "中止して閉じる"])
    modal = when_modal(qtbot, QMessageBox, answer("中止して閉じる"))
    window.close()
    modal.check()
    assert not window.isVisible() and seen_cancel == [True]
    assert window.session.locked


def test_closing_locks_the_case_and_lock_closes_open_dialogs(qtbot, main_window):
    window = main_window
    dialog = QDialog(window)
    dialog.show()
    window.lock_case()
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected
    window.session.case.unlock(PASSPHRASE)
    window.session.lock_changed.emit(False)
    window.close()
    assert window.session.locked


def test_dropping_nothing_local_is_ignored(qtbot, main_window):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(main_window, enter)
    assert not enter.isAccepted()
    assert main_window.import_panel is None


@pytest.mark.parametrize(("action", "dialog"), [("acts", "ActsDialog"), ("refusals", "RefusalsDialog")])
def test_the_case_menu_opens_the_stalking_editors(main_window, monkeypatch, action, dialog):
    opened = []
    monkeypatch.setattr(type(main_window), "_run_dialog", staticmethod(lambda d: opened.append(type(d).__name__)))
    main_window.actions_[action].trigger()
    assert opened == [dialog]
