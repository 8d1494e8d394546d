"""The import panel and its two questions (evidence_kit/gui/dialogs/importing.py), offscreen.

Set EVIDENCE_KIT_SHOTS=/some/dir to also save the screenshots (ja and en) the tests pass by."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from evidence_kit.core import caserecords
from evidence_kit.core.case import Case
from evidence_kit.gui.dialogs.importing import AS_IS, DateOrderDialog, ImportPanel, MappingDialog, date_examples
from evidence_kit.gui.lang import language
from evidence_kit.gui.session import Session
from tests.conftest import PASSPHRASE

SHOTS = os.environ.get("EVIDENCE_KIT_SHOTS")
MB = 1000 * 1000

LINE_TALK = ("[LINE] 山田 花子とのトーク履歴\n保存日時：2024/05/02 21:00\n\n2024/05/01(水)\n"
             "10:00\t山田 花子\tこんにちは\n10:05\t山田 花子\tいい投資の話があります\n")
MUFG_CSV = ('"日付","摘要","摘要内容","支払い金額","預かり金額","差引残高","メモ","未資金化区分","入払区分"\r\n'
            '"2024/5/1","振込１","サギノ　タロウ","500,000","","810,000","","","支払い"\r\n'
            '"2024/5/2","手数料","","220","","809,780","","","支払い"\r\n').encode("cp932")
# 03/04 then 05/04: in order read either way, and no value above 12: the file cannot tell
AMBIGUOUS_CHAT = "03/04/24, 10:15 - Ken: are you there?\n05/04/24, 09:00 - Aiko: yes\n"
UNKNOWN_CSV = "when,what,how much\n2024-01-01,coffee,300\n2024-01-02,taxi,1200\n"
NO_TIME_NOTE = ("  注意: この画像には撮影日時の情報がなく、ファイル名からも日時が分かりませんでした。"
                "いつの画像かは、メモに書き添えてください。")


@pytest.fixture(autouse=True)
def japanese():
    before = language.code
    language.set("ja")
    yield
    language.set(before)


@pytest.fixture(scope="module", autouse=True)
def font():
    try:
        from evidence_kit.gui.app import app_font
    except ImportError:  # the app module is not there yet: Qt's default font
        return
    app = QApplication.instance() or QApplication([])
    app.setFont(app_font())


def shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}_{language.code}.png"))


def png(path: Path, colour=(200, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), colour).save(path)
    return path


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def hash_line(path: Path) -> str:
    data = path.read_bytes()
    size = f"{len(data)} バイト" if len(data) < 1000 else f"{len(data) / 1000:.1f} KB"
    return f"  大きさ {size}、SHA-256 {hashlib.sha256(data).hexdigest()}"


def make_panel(qtbot, case: Case) -> ImportPanel:
    panel = ImportPanel(Session(case))
    qtbot.addWidget(panel)
    panel.resize(820, 520)
    panel.show()
    return panel


def run(qtbot, panel: ImportPanel, paths, timeout=30000) -> None:
    with qtbot.waitSignal(panel.finished, timeout=timeout):
        panel.start(paths)


def question(qtbot, panel: ImportPanel, kind):
    qtbot.waitUntil(lambda: isinstance(panel.dialog, kind) and panel.dialog.isVisible(), timeout=15000)
    return panel.dialog


def asked(qtbot, case: Case, path: Path, kind):
    """A panel importing one file, and the question it asks about it."""
    panel = make_panel(qtbot, case)
    panel.start([path])
    return panel, question(qtbot, panel, kind)


def test_a_screenshot_a_line_export_and_a_bank_statement(qtbot, unlocked, tmp_path):
    src = tmp_path / "src"
    shot_png = png(src / "screenshot.png")
    talk = write(src / "talk.txt", LINE_TALK)
    csv = write(src / "meisai.csv", MUFG_CSV)
    panel = make_panel(qtbot, unlocked)
    assert panel.status_label.text() == "まだ何も取り込んでいません。"
    assert not panel.locked_label.isVisible()
    changed = []
    panel.session.changed.connect(lambda: changed.append(1))
    run(qtbot, panel, [src])  # a folder: its files in name order
    assert panel.result_lines() == [
        "取り込みました: meisai.csv（明細「三菱UFJ銀行」、2 行）", hash_line(csv),
        "取り込みました: screenshot.png（画像）", hash_line(shot_png), NO_TIME_NOTE,
        "取り込みました: talk.txt（LINE のトーク履歴、2 件）", hash_line(talk),
    ]
    assert panel.status_label.text() == "終わりました。取り込み 3 件、重複 0 件、取り込めなかったもの 0 件。"
    assert changed == [1]
    items = unlocked.items()
    assert sorted(i["original_name"] for i in items) == ["meisai.csv", "screenshot.png", "talk.txt"]
    assert {i["source"] for i in items} == {"gui import"}
    talk_item = next(i for i in items if i["original_name"] == "talk.txt")
    assert [r["text"] for r in unlocked.records(talk_item["id"]) if r["type"] == "message"] == [
        "こんにちは", "いい投資の話があります"]
    assert not panel.progress_box.isVisible() and not panel.cancel_button.isEnabled()
    shot(panel, "panel_after")
    language.set("en")  # at run time: the results are told again in English
    assert panel.result_lines()[:2] == ["Imported: meisai.csv (statement \"三菱UFJ銀行\", 2 rows)",
                                        hash_line(csv).replace("大きさ", "Size").replace(" バイト、", " bytes, ")]
    assert panel.status_label.text() == "Finished. 3 imported, 0 duplicates, 0 not imported."
    assert panel.files_button.text() == "&Import files…"
    assert "Imported: talk.txt (LINE chat history, 2 entries)" in panel.results.toPlainText()
    shot(panel, "panel_after")


def test_a_duplicate_is_shown_as_one_and_a_missing_or_empty_file_says_so(qtbot, unlocked, tmp_path):
    first = png(tmp_path / "a.png")
    copy = tmp_path / "b_copy.png"
    shutil.copyfile(first, copy)
    empty = write(tmp_path / "c_empty.txt", b"")
    panel = make_panel(qtbot, unlocked)
    run(qtbot, panel, [first, copy, empty, tmp_path / "d_gone.png"])
    assert panel.result_lines() == [
        "取り込みました: a.png（画像）", hash_line(first), NO_TIME_NOTE,
        "重複: b_copy.png と同じ内容がすでにケースにあるため、もう一度は保存していません。", hash_line(copy),
        "取り込みました: c_empty.txt（注意: 中身のない 0 バイトのファイルです）", hash_line(empty),
        f"取り込めませんでした: d_gone.png — ファイルが見つかりません: {tmp_path / 'd_gone.png'}",
    ]
    assert panel.status_label.text() == "終わりました。取り込み 2 件、重複 1 件、取り込めなかったもの 1 件。"
    assert len(unlocked.items()) == 2
    run(qtbot, panel, [first])  # a new import from idle starts a fresh list
    assert panel.result_lines()[0] == "重複: a.png と同じ内容がすでにケースにあるため、もう一度は保存していません。"


def test_files_dropped_on_the_panel_are_imported(qtbot, unlocked, tmp_path):
    talk = write(tmp_path / "talk.txt", LINE_TALK)
    panel = make_panel(qtbot, unlocked)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(talk))])
    where = QPointF(panel.rect().center())
    enter = QDragEnterEvent(panel.rect().center(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    remote = QMimeData()
    remote.setUrls([QUrl("https://example.com/a.png")])
    refused = QDragEnterEvent(panel.rect().center(), Qt.DropAction.CopyAction, remote, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    refused.ignore()
    panel.dragEnterEvent(refused)
    assert not refused.isAccepted()
    with qtbot.waitSignal(panel.finished, timeout=15000):
        panel.dropEvent(QDropEvent(where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                                   Qt.KeyboardModifier.NoModifier))
    assert panel.result_lines() == ["取り込みました: talk.txt（LINE のトーク履歴、2 件）", hash_line(talk)]


def test_importing_into_a_locked_case_says_so_calmly(qtbot, case_dir, tmp_path):
    case = Case.open(case_dir)
    panel = make_panel(qtbot, case)
    assert panel.locked_label.isVisible()
    assert panel.locked_label.text() == (
        "ケースはロックされています。ロックしたままでも取り込めます（パスフレーズは要りません）。"
        "前からある証拠と同じものかどうかは、次にロックを解除したときに確かめます。")
    talk = write(tmp_path / "talk.txt", LINE_TALK)
    run(qtbot, panel, [talk])
    assert panel.result_lines() == ["取り込みました: talk.txt（LINE のトーク履歴、2 件）", hash_line(talk)]
    assert not case.unlocked
    panel.session.unlock(PASSPHRASE)
    assert not panel.locked_label.isVisible()
    assert [i["original_name"] for i in case.items()] == ["talk.txt"]
    panel.session.lock()
    assert panel.locked_label.isVisible()


def test_the_day_month_question_is_answered_and_the_chat_imported_that_way(qtbot, unlocked, tmp_path):
    chat = write(tmp_path / "chat.txt", AMBIGUOUS_CHAT)
    panel, dialog = asked(qtbot, unlocked, chat, DateOrderDialog)
    assert panel.result_lines() == ["確認待ち: chat.txt の日付の順番（日/月か、月/日か）"]
    assert panel.status_label.text() == "確かめたいことがあります。開いた画面で答えてください。"
    assert dialog.intro.text().startswith("「chat.txt」の日付が「日/月」の順か「月/日」の順か、ファイルからは決められません。")
    cells = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert cells == [["03/04/24, 10:15 - Ken: are you there?", "2024年4月3日", "2024年3月4日"],
                     ["05/04/24, 09:00 - Aiko: yes", "2024年4月5日", "2024年5月4日"]]
    assert dialog.dmy.text() == "日/月 の順（最初の例なら 2024年4月3日）(&D)"
    assert dialog.mdy.text() == "月/日 の順（最初の例なら 2024年3月4日）(&M)"
    assert not dialog.ok.isEnabled()  # nothing is chosen for the user
    shot(dialog, "date_order")
    language.set("en")
    assert dialog.windowTitle() == "Which way round are the dates?"
    assert [dialog.table.item(0, c).text() for c in (1, 2)] == ["3 Apr 2024", "4 Mar 2024"]
    assert dialog.dmy.text() == "&Day/month (the first example: 3 Apr 2024)"
    shot(dialog, "date_order")
    language.set("ja")
    dialog.dmy.click()
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(panel.finished, timeout=15000):
        dialog.ok.click()
    assert panel.dialog is None
    assert panel.result_lines() == ["取り込みました: chat.txt（WhatsApp のトーク履歴、2 件）", hash_line(chat),
                                    "  日付は「日/月」の順として読みました（あなたの答えです）。"]
    assert panel.status_label.text() == "終わりました。取り込み 1 件、重複 0 件、取り込めなかったもの 0 件。"
    (item,) = unlocked.items()
    assert [r["time"] for r in unlocked.records(item["id"]) if r["type"] == "message"] == [
        "2024-04-03T10:15:00+09:00", "2024-04-05T09:00:00+09:00"]


def test_a_line_export_shows_its_date_lines_as_examples(tmp_path):
    talk = write(tmp_path / "talk.txt", "Fri, 03/04/2024\n10:00\tJamie\twhich day?\n\n"
                                       "Sat, 04/05/2024\n11:00\tSam\tno idea\n")
    assert date_examples(talk) == [("Fri, 03/04/2024", "2024-04-03", "2024-03-04"),
                                   ("Sat, 04/05/2024", "2024-05-04", "2024-04-05")]
    assert date_examples(write(tmp_path / "note.txt", "just a note\n")) == []


def test_not_now_leaves_the_chat_out(qtbot, unlocked, tmp_path):
    chat = write(tmp_path / "chat.txt", AMBIGUOUS_CHAT)
    panel, dialog = asked(qtbot, unlocked, chat, DateOrderDialog)
    with qtbot.waitSignal(panel.finished, timeout=15000):
        dialog.not_now.click()
    assert panel.result_lines() == ["取り込みませんでした（選ばれたとおり）: chat.txt"]
    assert unlocked.items() == []


def test_the_column_question_filled_in_imports_the_statement_and_saves_its_layout(qtbot, unlocked, tmp_path):
    csv = write(tmp_path / "spending.csv", UNKNOWN_CSV)
    panel, dialog = asked(qtbot, unlocked, csv, MappingDialog)
    assert panel.result_lines() == ["確認待ち: spending.csv のどの列が日付や金額か"]
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == ["when", "what", "how much"]
    assert [[dialog.table.item(r, c).text() for c in range(3)] for r in (1, 2)] == [
        ["2024-01-01", "coffee", "300"], ["2024-01-02", "taxi", "1200"]]
    assert dialog.roles() == {}  # no column name the guesser knows
    assert dialog.preview_label.text() == ("日付の列を 1 つと、金額の列（出金・入金、または ＋/− つきの金額）を"
                                           "選んでください。")
    assert not dialog.import_button.isEnabled()
    for column, role in (("when", "date"), ("what", "desc"), ("how much", "out")):
        box = dialog.boxes[["when", "what", "how much"].index(column)]
        box.setCurrentIndex(box.findData(role))
    dialog.save_edit.setText("わたしのカード")
    qtbot.waitUntil(dialog.import_button.isEnabled)
    assert dialog.preview_label.text() == "2 行を読み取りました（注意 0 件）。最初の行は次のとおりです。"
    assert [[dialog.preview.item(r, c).text() for c in range(4)] for r in range(2)] == [
        ["2024-01-01", "-300", "", "coffee"], ["2024-01-02", "-1,200", "", "taxi"]]
    shot(dialog, "mapping")
    language.set("en")
    assert dialog.preview_label.text() == "2 rows read (0 notes). The first ones:"
    assert dialog.boxes[0].currentText() == "Date"
    shot(dialog, "mapping")
    language.set("ja")
    with qtbot.waitSignal(panel.finished, timeout=15000):
        dialog.import_button.click()
    assert panel.result_lines() == [
        "取り込みました: spending.csv（明細「わたしのカード」、2 行）", hash_line(csv),
        "  明細の形を「わたしのカード」として保存しました。次から同じ形の明細は自動で読み取ります。"]
    saved = caserecords.load(unlocked).profiles["わたしのカード"]
    assert saved["fields"]["amount"] == {"kind": "spend_only", "column": "how much"}
    assert saved["fields"]["date"]["column"] == "when" and saved["fields"]["description"] == ["what"]
    # the next statement of that layout is read with it, without a question
    more = write(tmp_path / "spending2.csv", "when,what,how much\n2024-02-01,train,520\n")
    run(qtbot, panel, [more])
    assert panel.result_lines() == ["取り込みました: spending2.csv（明細「わたしのカード」、1 行）", hash_line(more)]


def test_the_column_question_starts_from_the_guess_and_can_keep_the_file_unread(qtbot, unlocked, tmp_path):
    csv = write(tmp_path / "bank.csv", "取引日,お引出し,お預入れ,内容,残高\n2024/05/01,10000,,ATM,90000\n")
    panel, dialog = asked(qtbot, unlocked, csv, MappingDialog)
    assert dialog.roles() == {"取引日": "date", "お引出し": "out", "お預入れ": "in", "内容": "desc", "残高": "balance"}
    assert dialog.date_format.currentData() == "ymd"
    assert dialog.import_button.isEnabled() and dialog.mapping()["fields"]["balance"] == "残高"
    dialog.set_role("お預入れ", "out")  # two columns for one role: said plainly, nothing to import
    dialog.refresh()
    assert dialog.preview_label.text() == "「出金（支払い）」が 2 つの列で選ばれています。1 つにしてください。"
    assert not dialog.import_button.isEnabled() and dialog.mapping() is None
    with qtbot.waitSignal(panel.finished, timeout=15000):
        dialog.as_is_button.click()
    assert panel.result_lines() == ["取り込みました: bank.csv（そのままの形で保存。中身の読み取りはしていません）",
                                    hash_line(csv)]
    assert caserecords.load(unlocked).profiles == {}
    assert AS_IS == 2


def _big(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # zeros, without writing them here: the import reads every byte
    return path


@pytest.fixture
def big_dir(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    yield folder
    shutil.rmtree(tmp_path, ignore_errors=True)  # 200 MB of source and as much of case: not kept for later runs


def test_the_event_loop_keeps_running_during_a_200_mb_import(qtbot, unlocked, big_dir):
    video = _big(big_dir / "video.bin", 200 * MB)
    panel = make_panel(qtbot, unlocked)
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    seen = []
    panel._relay.progressed.connect(lambda snap: seen.append(snap.file_done))
    shown = []

    def during(snap):
        if not shown and snap.file_done > 20 * MB:
            shown.append(1)
            shot(panel, "panel_during")
            language.set("en")
            shot(panel, "panel_during")
            language.set("ja")

    panel._relay.progressed.connect(during)
    timer.start()
    started = time.monotonic()
    with qtbot.waitSignal(panel.finished, timeout=300000):
        panel.start([video])
    ended = time.monotonic()
    timer.stop()
    during_import = [t for t in ticks if started <= t <= ended]
    print(f"\n200 MB import: {ended - started:.2f} s, {len(during_import)} timer ticks, {len(seen)} progress reports")
    assert len(during_import) >= 10
    assert len(seen) >= 3 and seen[-1] == 200 * MB
    assert (panel.overall_bar.value(), panel.overall_bar.format()) == (1000, "1 / 1 件 ・ 200.0 MB / 200.0 MB")
    (outcome,) = panel.outcomes
    assert (outcome.status, outcome.result.size) == ("imported", 200 * MB)
    assert panel.result_lines()[0] == "取り込みました: video.bin（そのままの形で保存。中身の読み取りはしていません）"
    assert panel.result_lines()[1].startswith("  大きさ 200.0 MB、SHA-256 ")


def test_cancel_stops_the_import_and_the_case_keeps_only_what_was_finished(qtbot, unlocked, big_dir):
    before = png(big_dir / "a_before.png")
    _big(big_dir / "b_big.bin", 150 * MB)
    write(big_dir / "c_after.txt", "not reached")
    panel = make_panel(qtbot, unlocked)

    def cancel_in_the_middle(snap):
        if snap.name == "b_big.bin" and snap.file_done > 0 and not panel._cancelled:
            assert "取り込みました: a_before.png（画像）" in panel.results.toPlainText()  # shown as soon as done
            assert panel.cancel_button.isEnabled()
            panel.cancel_button.click()
            assert panel.status_label.text() == "取り消しています… 今のファイルの次の区切りで止まります。"

    panel._relay.progressed.connect(cancel_in_the_middle)
    with qtbot.waitSignal(panel.finished, timeout=120000):
        panel.start([big_dir])
    assert panel.result_lines() == [
        "取り込みました: a_before.png（画像）", hash_line(before), NO_TIME_NOTE,
        "取り消したため保存していません: b_big.bin（書きかけの分は片付けました）",
        "まだ取り込んでいません: c_after.txt",
    ]
    assert panel.status_label.text() == ("取り消しました。取り込み 1 件、重複 0 件、まだ取り込んでいないもの 2 件。"
                                         "ケースに入ったものは、そのまま残っています。")
    assert [i["original_name"] for i in unlocked.items()] == ["a_before.png"]
    report, _ = unlocked.verify(deep=True)
    assert report.ok and report.items_rehashed == 1
    stored = sum(f.stat().st_size for f in unlocked.path.rglob("*") if f.is_file())
    assert stored < 1 * MB  # nothing of the 150 MB file was left behind


def test_closing_the_window_stops_the_import_and_asks_nothing(qtbot, case_dir, big_dir):
    write(big_dir / "a_chat.txt", AMBIGUOUS_CHAT)
    _big(big_dir / "b_big.bin", 150 * MB)
    panel = make_panel(qtbot, Case.open(case_dir))  # locked: importing needs no passphrase
    stopped = []

    def close_in_the_middle(snap):
        if snap.name == "b_big.bin" and snap.file_done > 0 and not stopped:
            stopped.append(panel.session.stop_all())  # what the main window does when it closes

    panel._relay.progressed.connect(close_in_the_middle)
    with qtbot.waitSignal(panel.finished, timeout=120000):
        panel.start([big_dir])
    assert stopped == [True] and panel.dialog is None
    assert panel.result_lines() == ["まだ取り込んでいません: a_chat.txt",
                                    "取り消したため保存していません: b_big.bin（書きかけの分は片付けました）"]
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    assert case.items() == []
    case.lock()


def test_keyboard_only(qtbot, unlocked, tmp_path):
    write(tmp_path / "chat.txt", AMBIGUOUS_CHAT)
    write(tmp_path / "spending.csv", UNKNOWN_CSV)
    panel = make_panel(qtbot, unlocked)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.files_button.setFocus()
    order = [panel.files_button]
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [panel.files_button, panel.folder_button, panel.results]  # cancel is off while idle
    panel.files_button.setFocus()
    qtbot.keyClick(panel.files_button, Qt.Key.Key_Space)
    files = panel.dialog
    assert isinstance(files, QFileDialog) and files.isVisible()
    assert (files.windowTitle(), files.fileMode()) == ("取り込むファイルを選ぶ", QFileDialog.FileMode.ExistingFiles)
    files.setDirectory(str(tmp_path))  # Qt's own dialog is not under test: the files are chosen in it
    files.selectFile('"chat.txt" "spending.csv"')
    files.accept()

    dialog = question(qtbot, panel, DateOrderDialog)
    assert QApplication.focusWidget() is dialog.dmy
    qtbot.keyClick(dialog.dmy, Qt.Key.Key_Space)
    assert dialog.order() == "dmy"
    qtbot.keyClick(dialog.dmy, Qt.Key.Key_Return)  # the default button

    dialog = question(qtbot, panel, MappingDialog)
    dialog.activateWindow()  # what the window manager does with a new dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    chain = [dialog.header_row, dialog.date_format, *dialog.boxes]
    dialog.header_row.setFocus()
    for expected in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    for box, downs in zip(dialog.boxes, (1, 5, 2)):  # date, description, money out
        for _ in range(downs):
            qtbot.keyClick(box, Qt.Key.Key_Down)
    assert dialog.roles() == {"when": "date", "what": "desc", "how much": "out"}
    dialog.save_edit.setFocus()
    qtbot.keyClicks(dialog.save_edit, "card")
    qtbot.waitUntil(dialog.import_button.isEnabled)
    with qtbot.waitSignal(panel.finished, timeout=15000):
        qtbot.keyClick(dialog.save_edit, Qt.Key.Key_Return)
    assert [line for line in panel.result_lines() if not line.startswith("  ")] == [
        "取り込みました: chat.txt（WhatsApp のトーク履歴、2 件）",
        "取り込みました: spending.csv（明細「card」、2 行）"]
    assert panel.dialog is None
