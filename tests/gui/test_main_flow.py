"""The app's main flow through the real widgets, offscreen (issue 6 Checks): a case made in the start
window, a screenshot, a LINE export and a bank statement dropped on the main window, seen in the
evidence list and the timeline, a destination account entered, the police PDF exported and compared
with the CLI's. Also: a wrong passphrase, a cancelled import, quick-hide, closing during an import.

The event loop ticking through a 200 MB import is tests/gui/test_importing.py
(test_the_event_loop_keeps_running_during_a_200_mb_import); it is not repeated here."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pypdf
import shiboken6
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from evidence_kit.core import caserecords
from evidence_kit.core.case import Case, create_case
from evidence_kit.core.custody import doc_of
from evidence_kit.core.errors import EvidenceKitError

from evidence_kit.gui.dialogs import details_base
from evidence_kit.gui.dialogs.details import AccountsDialog
from evidence_kit.gui.dialogs.export import ExportDialog
from evidence_kit.gui.dialogs.guide import GuideWindow
from evidence_kit.gui.safety import apply_neutral
from evidence_kit.gui.start import CreateDialog, UnlockDialog
from evidence_kit.gui.views.common import store_for
from evidence_kit.gui.views.filters import Filters
from evidence_kit.gui.workers import Job
from tests.conftest import PASSPHRASE

from .flow_support import (SCREENSHOT, app_shell, cli_report_pages, copy_case, drop, evidence_files, list_rows, loaded,
                           shot, timeline_texts, unlock_from_locked_page)
from .test_export_dialog import rows as check_rows
from .shell_support import shell_env, when_modal

ASK = details_base.ask  # before the fixture answers every question with its default
MB = 1000 * 1000
EMPTY_CASE = "証拠はまだありません。ファイルをこの画面にドラッグすると取り込めます。"

FIXTURES = (app_shell, shell_env)  # pytest finds them here by name


def create_through_start_window(qtbot, shell, name="flow") -> object:
    def fill(dialog):
        dialog.name.setText(name)
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        dialog.buttons.button(QDialogButtonBox.Ok).click()

    modal = when_modal(qtbot, CreateDialog, fill)
    shell.start.create_button.click()
    modal.check()
    qtbot.waitUntil(lambda: bool(shell.windows), timeout=10000)
    return shell.windows[0]


def add_account(qtbot, window) -> None:
    """事件 > 振込先口座…: a new account typed in (codes looked up as each field is left), saved, closed."""
    def fill(dialog):
        dialog.new_button.click()
        for edit, text in ((dialog.bank_code, "0005"), (dialog.branch_code, "001"), (dialog.number, "1234567"),
                           (dialog.holder, "サギノ タロウ")):
            edit.setFocus()
            qtbot.keyClicks(edit, text) if text.isascii() else edit.insert(text)  # keyClicks types ASCII only
            edit.editingFinished.emit()
        assert dialog.notes_by_field["bank"].text() == "一覧では 三菱ＵＦＪ（0005）です（2026-08-24 時点）"
        assert dialog.notes_by_field["branch"].text() == "一覧では 本店（001）です"
        assert dialog.dirty
        dialog.save_button.click()
        assert dialog.status.text() == "保存しました。"
        assert [dialog.list.item(r).text() for r in range(dialog.list.count())] == [
            "1. 三菱ＵＦＪ 本店 普通 1234567 サギノ タロウ"]
        dialog.close_button.click()

    modal = when_modal(qtbot, AccountsDialog, fill)
    window.actions_["accounts"].trigger()
    modal.check()


def export_police_pdf(qtbot, window, out: Path):
    """ファイル > 報告書(PDF)を作成…: the checks, the path typed, 「PDFを作成」, the result, 閉じる."""
    seen = {}

    def export(dialog):
        qtbot.waitUntil(lambda: dialog.job is None and dialog.integrity is not None, timeout=60000)
        seen["checks"] = check_rows(dialog)
        dialog.path.selectAll()
        qtbot.keyClicks(dialog.path, str(out))
        assert dialog.export_button.isEnabled()
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
        assert dialog.problem.text() == ""
        seen["result"] = dialog.result
        seen["text"] = dialog.result_text.text()
        dialog.close_button.click()

    modal = when_modal(qtbot, ExportDialog, export, timeout=10000)
    window.actions_["export"].trigger()
    modal.check()
    return seen


def test_new_case_three_files_an_account_and_the_police_pdf(qtbot, app_shell, tmp_path, capsys, monkeypatch):
    shell = app_shell
    window = create_through_start_window(qtbot, shell)
    assert window.isVisible() and not shell.start.isVisible()
    assert window.windowTitle() == "flow — evidence-kit 証拠保全キット"
    assert window.stack.currentWidget() is window.splitter and window.status_count.text() == "証拠 0 件"
    qtbot.waitUntil(lambda: window.evidence_list.status.text() != "読み込んでいます…", timeout=10000)
    assert window.evidence_list.status.text() == EMPTY_CASE

    picture, talk, csv = evidence_files(tmp_path / "src")
    drop(window, [picture, talk, csv])
    panel = window.import_panel
    assert window.import_dock.isVisible() and window.import_dock.windowTitle() == "取り込み"
    qtbot.waitUntil(lambda: not panel.busy, timeout=30000)
    assert [line for line in panel.result_lines() if not line.startswith("  ")] == [
        f"取り込みました: {SCREENSHOT}（画像）", "取り込みました: talk.txt（LINE のトーク履歴、3 件）",
        "取り込みました: meisai.csv（明細「三菱UFJ銀行」、2 行）"]
    assert panel.status_label.text() == "終わりました。取り込み 3 件、重複 0 件、取り込めなかったもの 0 件。"

    loaded(qtbot, window, 3)
    assert window.status_count.text() == "証拠 3 件"
    assert list_rows(window) == [
        ["取引明細", "2024-05-01（明細の日付）", "meisai.csv", ""],
        ["トーク履歴", "2024-05-01 10:00（トークの行）", "talk.txt", ""],
        ["画像", "2024-05-01 10:30（ファイル名）", SCREENSHOT, ""]]
    assert window.evidence_list.status.text() == "3件中 3件を表示"
    window.actions_["show_timeline"].trigger()
    assert window.tabs.currentWidget() is window.timeline
    assert timeline_texts(window) == [
        "2024年5月1日（水）",
        "2024-05-01\n出金・振込  500,000円\n相手: サギノ\u3000タロウ\n明細の記載: 振込１ サギノ\u3000タロウ\n"
        "明細の日付 ・ meisai.csv 2行目",
        "山田 花子  10:00\nこんにちは",
        "山田 花子  10:05\nいい投資の話があります",
        f"2024-05-01 10:30\n画像  {SCREENSHOT}\nファイル名 ・ {SCREENSHOT}",
        "2024年5月2日（木）",
        "2024-05-02\n出金・振込  220円\n明細の記載: 手数料\n明細の日付 ・ meisai.csv 3行目",
        "さくら  09:30\n本当ですか？"]
    assert window.timeline.status.text() == "6件中 6件の出来事を表示"

    # the screenshot chosen in the timeline (Enter) shows in the item pane, decrypted in memory
    row = next(r for r, text in enumerate(timeline_texts(window)) if text.startswith("2024-05-01 10:30"))
    window.timeline.list.setFocus()
    window.timeline.list.setCurrentIndex(window.timeline.model.index(row))
    qtbot.keyClick(window.timeline.list, Qt.Key_Return)
    pane = window.item_pane
    qtbot.waitUntil(lambda: not pane.viewer.image.isNull(), timeout=20000)
    assert (pane.title.text(), pane.viewer.image.size().toTuple()) == (SCREENSHOT, (320, 240))
    assert pane.sha.text() == hashlib.sha256(picture.read_bytes()).hexdigest()
    assert pane.check.text() == "✓ 内容は取り込んだときと同じです（SHA-256 が一致）。"

    add_account(qtbot, window)
    (account,) = caserecords.load(window.session.case).accounts.values()
    assert (account.bank_name, account.bank_code, account.branch_name, account.branch_code, account.type,
            account.number, account.holder_kana) == ("三菱ＵＦＪ", "0005", "本店", "001", "普通", "1234567",
                                                     "サギノ タロウ")

    cli_copy = copy_case(window.session.case.path, tmp_path / "cli-copy")  # the same case, for the CLI
    out = tmp_path / "out" / "police.pdf"
    out.parent.mkdir()
    seen = export_police_pdf(qtbot, window, out)
    assert seen["checks"] == [
        ("注意", "相手方の名前が入力されていません。相手が名乗った名前を入力してください。", "相手方を入力"),
        ("注意", "警察の受理番号が記録されていません。相談・届出をしたら、受理番号を聞いて記録してください"
                 "（まだなら「未取得」と表示されます）。", "対応を記録"),
        ("注意", "被害金一覧表に、名義の一致から推定しただけの明細が 1 行あります。自分で確かめて、振込先口座に"
                 "結び付けてください。", None)]
    result = seen["result"]
    assert result.path == out and out.is_file()
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert seen["text"] == f"PDF を作りました（{result.pages} ページ）。\n{out}\nSHA-256: {result.sha256}"
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == result.pages == cli_report_pages(capsys, cli_copy, tmp_path / "cli.pdf", monkeypatch)
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("サギノ タロウ", "1234567", "500,000", "いい投資の話があります", SCREENSHOT):
        assert expected in text, expected
    exported = [doc_of(e) for e in window.session.case.entries() if doc_of(e).get("event") == "export"]
    assert [d["file"] for d in exported] == ["police.pdf"]

    # the window after the flow, in both languages (the item pane keeps the screenshot)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not window.session.busy(), timeout=30000)
    for view, name in ((window.timeline, "main_timeline"), (window.evidence_list, "main_list")):
        window.tabs.setCurrentWidget(view)
        shot(window, name)
    language_switch(window)
    assert (window.tabs.tabText(0), window.item_pane.tabs.tabText(0)) == ("Evidence", "Co&ntent")
    assert window.evidence_list.status.text() == "3 of 3 items shown"
    assert window.status_count.text() == "3 item(s)" and window.import_dock.windowTitle() == "Import"
    for view, name in ((window.timeline, "main_timeline"), (window.evidence_list, "main_list")):
        window.tabs.setCurrentWidget(view)
        shot(window, name)


def opened_with_items(qtbot, shell, tmp_path):
    """A new case with the three files imported, shown in the views."""
    window = create_through_start_window(qtbot, shell)
    drop(window, evidence_files(tmp_path / "src"))
    qtbot.waitUntil(lambda: not window.import_panel.busy, timeout=30000)
    loaded(qtbot, window, 3)
    return window


def language_switch(window) -> None:
    window.actions_["lang_en"].trigger()  # 表示 > 言語 > English


def visible_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def assert_emptied(window, core_locked: bool = True) -> None:
    """Nothing read from the case is left in the views: rows, the item shown, thumbnails, the senders'
    names in the person filter, the words searched for."""
    assert window.session.locked and window.session.case.unlocked is not core_locked
    assert window.stack.currentWidget() is window.locked_page
    assert window.evidence_list.model.rowCount() == 0 and window.timeline.model.rowCount() == 0
    pane = window.item_pane
    assert pane.item_id is None and pane.viewer.image.isNull() and pane.sha.text() == "" and pane.title.text() == \
        "ケースはロックされています。パスフレーズで開くと、証拠が表示されます。"
    assert store_for(window.session).data is None and store_for(window.session)._pixmaps == {}
    for view in (window.evidence_list, window.timeline):
        bar = view.filter_bar
        assert [bar.party_box.itemText(n) for n in range(bar.party_box.count())] == ["全員"]
        assert bar.search.text() == "" and view._filters == Filters()


def show_screenshot(qtbot, window) -> None:
    row = [r[2] for r in list_rows(window)].index(SCREENSHOT)
    window.evidence_list.table.selectRow(row)
    qtbot.waitUntil(lambda: not window.item_pane.viewer.image.isNull(), timeout=20000)


def test_quick_hide_with_a_dialog_open_hides_locks_closes_it_and_comes_back_locked(qtbot, app_shell, tmp_path):
    window = opened_with_items(qtbot, app_shell, tmp_path)
    show_screenshot(qtbot, window)
    window.timeline.filter_bar.set_filters(Filters(party="山田 花子", text="投資"))
    assert window.timeline.model.rowCount() == 2  # the day and the one message
    window.open_guide()
    guide = window.guide
    seen = []

    def hide(dialog):
        dialog.holder.insert("ヤマダ")  # an edit not saved: nothing may ask about it now
        dialog.holder.textEdited.emit("ヤマダ")
        assert dialog.dirty
        seen.append(dialog)
        with qtbot.waitSignal(window.safety.hidden, timeout=1000):
            qtbot.keyClick(dialog.holder, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)

    modal = when_modal(qtbot, AccountsDialog, hide)
    window.actions_["accounts"].trigger()  # its exec() returns when the dialog is closed
    modal.check()
    assert visible_windows() == []
    assert seen[0].result() == QDialog.Rejected
    assert_emptied(window)
    assert caserecords_accounts(window) == {}  # the edit was not saved

    qtbot.wait(10)  # the dialog is deleted after its exec()
    window.safety.restore()  # the tray icon's click: the windows come back, the dialog does not
    assert set(visible_windows()) == {window, guide}
    assert_emptied(window)
    assert window.locked_page.button.hasFocus() or window.locked_page.button.isDefault()


def caserecords_accounts(window) -> dict:
    case = Case.open(window.session.case.path)
    case.unlock(PASSPHRASE)
    try:
        return caserecords.load(case).accounts
    finally:
        case.lock()


def test_the_idle_lock_does_not_wait_for_an_answer_about_unsaved_edits(qtbot, app_shell, tmp_path, monkeypatch):
    monkeypatch.setattr(details_base, "ask", ASK)  # the real question box, had anything asked
    window = opened_with_items(qtbot, app_shell, tmp_path)
    show_screenshot(qtbot, window)
    seen = []

    def idle(dialog):
        dialog.number.insert("7654321")
        dialog.number.textEdited.emit("7654321")
        assert dialog.dirty
        seen.append(dialog)
        window.safety.set_idle_ms(100)
        qtbot.waitUntil(lambda: window.session.locked, timeout=3000)
        assert QApplication.activeModalWidget() is None  # no "save the changes?" left on screen

    def no_question():  # a question that came up (and held the lock back) is recorded and closed
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            questions.append(box.text())
            box.done(0)

    questions: list[str] = []
    guard = QTimer(interval=500, timeout=no_question)
    guard.start()

    modal = when_modal(qtbot, AccountsDialog, idle)
    window.actions_["accounts"].trigger()
    guard.stop()
    modal.check()
    assert questions == []
    assert seen[0].result() == QDialog.Rejected and not seen[0].isVisible()
    assert window.isVisible()  # idle locks, it does not hide
    assert_emptied(window)
    assert caserecords_accounts(window) == {}  # the edit was neither saved nor asked about


def _big(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # zeros without writing them here; the import reads and encrypts every byte
    return path


def test_locking_during_a_big_import_never_freezes_the_window(qtbot, app_shell, tmp_path):
    window = opened_with_items(qtbot, app_shell, tmp_path)
    show_screenshot(qtbot, window)
    big = _big(tmp_path / "video.bin", 120 * MB)
    took = []

    def lock_now(snap):
        if snap.file_done > 10 * MB and not took:
            started = time.monotonic()
            qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)  # 事件をロック
            took.append(time.monotonic() - started)
            assert_emptied(window, core_locked=False)  # the core's lock waits for the file, the views do not
            assert window.status_lock.text() == "ロック中"

    window.import_paths([big])
    window.import_panel._relay.progressed.connect(lock_now)
    qtbot.waitUntil(lambda: not window.import_panel.busy, timeout=120000)
    qtbot.waitUntil(lambda: window.session.wait_locked(0) and not window.session.jobs, timeout=30000)
    assert took and took[0] < 0.3, took  # the core's lock waited for the file in a Job, not here
    assert not window.session.case.unlocked
    assert window.import_panel.result_lines()[-2] == "取り込みました: video.bin（そのままの形で保存。中身の読み取りはしていません）"
    assert_emptied(window)
    unlock_from_locked_page(qtbot, window)
    loaded(qtbot, window, 4)
    assert "video.bin" in [r[2] for r in list_rows(window)]


def test_a_lock_asked_while_work_runs_waits_then_the_unlock_waits_for_it(qtbot, app_shell, tmp_path):
    """Unlocking right after such a lock: the unlock waits for the lock still finishing (not the other way
    round, which would leave the case locked under an unlocked window)."""
    window = opened_with_items(qtbot, app_shell, tmp_path)
    session, release = window.session, threading.Event()

    def hold(progress, cancel):  # as an import holds the case for a whole file
        with session.case.hold():
            release.wait(10)

    holder = session.start(Job(hold))
    qtbot.waitUntil(lambda: holder.running, timeout=1000)
    window.lock_case()
    assert session.locked and session.case.unlocked  # the core's lock waits for the case in its Job

    def unlock(dialog):
        dialog.passphrase.setText(PASSPHRASE)
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        qtbot.wait(200)
        assert dialog.job is not None and session.locked  # still waiting for the lock to finish
        release.set()

    modal = when_modal(qtbot, UnlockDialog, unlock)
    assert window.unlock_case()
    modal.check()
    assert not session.locked and session.case.unlocked
    loaded(qtbot, window, 3)


def _hide_during_unlock(qtbot, window, finish_first: bool):
    """Ctrl+Shift+H while the passphrase is being checked (it takes a moment with the real scrypt): the
    dialog closes, and the case the check opens is locked again, whichever ends first."""
    release, jobs = threading.Event(), []
    window.session.wait_locked = lambda: release.wait(10)  # what runs in the unlock's Job first

    def act(dialog):
        dialog.passphrase.setText(PASSPHRASE)
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        jobs.append(dialog.job)
        if finish_first:  # the case is unlocked, the dialog not told yet
            release.set()
            assert dialog.job.wait(10) and window.session.case.unlocked
        qtbot.keyClick(dialog.passphrase, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
        assert not dialog.isVisible()
        release.set()

    modal = when_modal(qtbot, UnlockDialog, act)
    assert window.unlock_case() is False
    modal.check()
    assert jobs[0].wait(10)
    qtbot.wait(50)  # what the Job sends arrives (and is dropped)
    assert window.session.locked and not window.session.case.unlocked
    assert window.stack.currentWidget() is window.locked_page and not window.isVisible()


def test_quick_hide_while_the_passphrase_is_checked_keeps_the_case_locked(qtbot, app_shell, tmp_path):
    window = opened_with_items(qtbot, app_shell, tmp_path)
    window.lock_case()
    _hide_during_unlock(qtbot, window, finish_first=False)
    window.safety.restore()
    _hide_during_unlock(qtbot, window, finish_first=True)


def test_the_guide_opens_from_the_start_window_before_any_case(qtbot, app_shell, tmp_path):
    start = app_shell.start
    assert start.guide_button.text() == "ガイド(&G)…" and start.guide_button.isVisible()
    shot(start, "start")
    qtbot.keyClick(start, Qt.Key_G, Qt.AltModifier)  # its mnemonic (the button clicks after a short flash)
    qtbot.waitUntil(lambda: start.guide is not None, timeout=2000)
    guide = start.guide
    assert isinstance(guide, GuideWindow) and guide.isVisible() and guide.page() == "check"
    guide.close()
    window = create_through_start_window(qtbot, app_shell)
    window.actions_["guide"].trigger()  # F1 in the main window: the same one window again
    assert window.guide is guide and guide.isVisible()
    language_switch(window)
    assert start.guide_button.text() == "&Guide…" and guide.windowTitle() == "Guide"
    shot(start, "start")
    window.lock_case()
    shot(window, "locked")
    apply_neutral(True)  # the neutral name on every window, the guide's too, and off again
    assert (window.windowTitle(), guide.windowTitle()) == ("Notes", "Notes")
    apply_neutral(False)
    assert (window.windowTitle(), guide.windowTitle()) == ("flow — evidence-kit", "Guide")  # was left "Notes"


def test_a_wrong_passphrase_says_so_then_the_right_one_opens_the_case(qtbot, app_shell, tmp_path):
    path = tmp_path / "cases" / "kept"
    create_case(path, PASSPHRASE).lock()
    app_shell.settings.add_recent(path)
    start = app_shell.start
    start.fill_recent()
    tries = []

    def unlock(dialog):
        qtbot.keyClicks(dialog.passphrase, "not the passphrase")
        qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
        qtbot.waitUntil(lambda: dialog.job is None and dialog.error.isVisible(), timeout=10000)
        tries.append((dialog.error.text(), dialog.passphrase.text(), dialog.passphrase.hasFocus()))
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key_Return)  # Enter again, as after any mistake
        assert dialog.job is not None

    modal = when_modal(qtbot, UnlockDialog, unlock)
    start.recent.setFocus()
    qtbot.keyClick(start.recent, Qt.Key_Return)  # the recent case
    modal.check()
    assert tries == [(EvidenceKitError("wrong_passphrase").message("ja"), "", True)]
    assert tries[0][0].startswith("パスフレーズが違います。")
    (window,) = app_shell.windows
    assert window.isVisible() and not window.session.locked and window.windowTitle() == "kept — evidence-kit 証拠保全キット"
    qtbot.waitUntil(lambda: window.evidence_list.status.text() == EMPTY_CASE, timeout=10000)


def test_cancelling_an_import_keeps_what_was_finished(qtbot, app_shell, tmp_path):
    window = opened_with_items(qtbot, app_shell, tmp_path)
    folder = tmp_path / "more"
    folder.mkdir()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(folder / "a_before.png")
    _big(folder / "b_big.bin", 150 * MB)
    (folder / "c_after.txt").write_text("not reached", "utf-8")
    panel = window.import_panel

    def cancel_in_the_middle(snap):
        if snap.name == "b_big.bin" and snap.file_done > 0 and panel.cancel_button.isEnabled():
            qtbot.mouseClick(panel.cancel_button, Qt.LeftButton)

    panel._relay.progressed.connect(cancel_in_the_middle)
    drop(window, [folder])
    qtbot.waitUntil(lambda: not panel.busy, timeout=120000)
    assert [line for line in panel.result_lines() if not line.startswith("  ")] == [
        "取り込みました: a_before.png（画像）",
        "取り消したため保存していません: b_big.bin（書きかけの分は片付けました）",
        "まだ取り込んでいません: c_after.txt"]
    assert panel.status_label.text() == ("取り消しました。取り込み 1 件、重複 0 件、まだ取り込んでいないもの 2 件。"
                                         "ケースに入ったものは、そのまま残っています。")
    loaded(qtbot, window, 4)
    assert sorted(r[2] for r in list_rows(window)) == sorted([SCREENSHOT, "a_before.png", "meisai.csv", "talk.txt"])
    assert window.status_count.text() == "証拠 4 件"
    report, _ = window.session.case.verify(deep=True)
    assert report.ok and report.items_rehashed == 4


def _close_during_import(qtbot, window, big: Path, answer: str) -> list:
    """Close the window while `big` is being imported and answer the question; the texts it showed."""
    panel, asked = window.import_panel or None, []

    def choose(box):
        asked.append((box.text(), [b.text() for b in box.buttons()]))
        next(b for b in box.buttons() if b.text() == answer).click()

    def close_now(snap):
        if snap.file_done > 10 * MB and not asked and not modal.seen:
            window.close()

    modal = when_modal(qtbot, QMessageBox, choose, timeout=60000)
    window.import_paths([big])
    panel = window.import_panel
    panel._relay.progressed.connect(close_now)
    qtbot.waitUntil(lambda: bool(asked), timeout=60000)
    panel._relay.progressed.disconnect(close_now)
    modal.check()
    return asked


def test_closing_the_window_during_an_import_asks_then_stops_and_locks(qtbot, app_shell, tmp_path):
    window = opened_with_items(qtbot, app_shell, tmp_path)
    big = _big(tmp_path / "video.bin", 150 * MB)
    asked = _close_during_import(qtbot, window, big, "続ける")
    assert asked == [("まだ作業の途中です（取り込みや報告書の作成）。このまま続けますか？ 中止しても、取り込みが終わった証拠は"
                      "そのまま残ります。", ["続ける", "中止して閉じる"])]
    assert window.isVisible() and not window.session.locked  # keep going: nothing changed
    qtbot.waitUntil(lambda: not window.import_panel.busy, timeout=120000)
    assert window.import_panel.result_lines()[-2] == "取り込みました: video.bin（そのままの形で保存。中身の読み取りはしていません）"

    again = _big(tmp_path / "again.bin", 150 * MB)
    _close_during_import(qtbot, window, again, "中止して閉じる")
    assert not window.isVisible()
    assert window.session.locked and not window.session.case.unlocked  # stopped, then locked at once
    assert all(job.wait(0) for job in window.session.jobs)
    assert_emptied(window)
    qtbot.waitUntil(lambda: not window.import_panel.busy and not window.session.jobs, timeout=10000)
    assert window.import_panel.result_lines()[-1] == "取り消したため保存していません: again.bin（書きかけの分は片付けました）"
    case = Case.open(window.session.case.path)
    case.unlock(PASSPHRASE)
    assert sorted(i["original_name"] for i in case.items()) == sorted([SCREENSHOT, "meisai.csv", "talk.txt", "video.bin"])
    case.lock()


def test_a_job_outlives_the_dialog_that_started_it(qtbot):
    """Quick-hide closes a dialog whose Job still runs, and the dialog is deleted: the Job goes on, its
    signals arrive (the caller's slots on the dialog are gone with it), and it is deleted on the GUI thread
    once done. Its owner used to be the dialog: deleted under the running thread."""
    owner, release, seen = QDialog(), threading.Event(), []
    job = Job(lambda progress, cancel: release.wait(10) and "made", owner)
    job.finished.connect(seen.append)
    job.finished.connect(owner.accept)  # a slot of the dialog: dropped with it
    job.start()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=2000)
    assert shiboken6.isValid(job) and job.running
    release.set()
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert seen == ["made"]
    qtbot.waitUntil(lambda: not shiboken6.isValid(job), timeout=2000)  # deleted after `done`, on this thread
