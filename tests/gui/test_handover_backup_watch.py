"""The app's hand-over, backup, restore and watched-folder windows (evidence_kit/gui/dialogs/handover.py,
backup.py, watch.py) against real cases in tmp_path, offscreen.

Set EVIDENCE_KIT_SHOTS=/some/dir to also save their screenshots (ja and en)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from evidence_kit import backup as backup_core
from evidence_kit import handover as handover_core
from evidence_kit.core import layout
from evidence_kit.core.case import Case, create_case
from evidence_kit.core.custody import doc_of
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.verify import verify_case
from evidence_kit.gui.dialogs import handover as handover_dialog
from evidence_kit.gui.dialogs.backup import BackupDialog, RestoreDialog, elapsed_text
from evidence_kit.gui.dialogs.export import ExportDialog
from evidence_kit.gui.dialogs.handover import HandoverDialog
from evidence_kit.gui.dialogs.importing import size_text
from evidence_kit.gui.dialogs.watch import FolderWatch, WatchDialog
from evidence_kit.gui.lang import error_text, language
from evidence_kit.gui.session import Session
from evidence_kit.gui.settings import Settings
from evidence_kit.gui.start import StartWindow, UnlockDialog
from evidence_kit.report import jptime
from tests.conftest import PASSPHRASE

from .shell_support import fake_views, main_window, shell_env, when_modal

FIXTURES = (fake_views, main_window, shell_env)  # pytest finds them here by name
SHOTS = os.environ.get("EVIDENCE_KIT_SHOTS")
MEMO = "相手から届いたメッセージの控え\n".encode("utf-8")


def shot(widget, name: str) -> None:
    """Save the widget in Japanese and in English (EVIDENCE_KIT_SHOTS), back in Japanese after."""
    if not SHOTS:
        return
    for code in ("ja", "en"):
        language.set(code)
        QApplication.processEvents()  # the layout for the new texts
        widget.grab().save(str(Path(SHOTS) / f"{name}-{code}.png"))
    language.set("ja")


def png(path: Path, colour=(200, 30, 30)) -> Path:
    Image.new("RGB", (40, 30), colour).save(path)
    return path


@pytest.fixture
def small_case(tmp_path, shell_env):
    """A case with a screenshot and a text file in it, unlocked, in a Session."""
    case = create_case(tmp_path / "case", PASSPHRASE)
    (tmp_path / "memo.txt").write_bytes(MEMO)
    batch = case.import_paths([png(tmp_path / "shot.png"), tmp_path / "memo.txt"], source="test")
    assert [r.status for r in batch.results] == ["imported", "imported"]
    session = Session(case)
    yield session
    session.stop_all()
    session.case.lock()


def events(case: Case) -> list[str]:
    """The custody log's events (read through a second Case when this one is locked)."""
    if case.unlocked:
        return [doc_of(e).get("event") for e in case.entries()]
    other = Case.open(case.path)
    other.unlock(PASSPHRASE)
    try:
        return events(other)
    finally:
        other.lock()


# -- hand-over -------------------------------------------------------------------------------------

def open_handover(qtbot, session) -> HandoverDialog:
    dialog = HandoverDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.integrity is not None, timeout=60000)
    return dialog


def test_handover_makes_the_package_the_cli_makes_and_says_it_is_not_encrypted(qtbot, small_case, tmp_path,
                                                                               monkeypatch):
    opened = []
    monkeypatch.setattr(handover_dialog.ExportDialog, "_open", lambda self, path: opened.append(path))
    dialog = open_handover(qtbot, small_case)
    assert dialog.windowTitle() == "警察・弁護士に渡す一式を作る"
    assert dialog.plain_warning.text().startswith("このフォルダは暗号化されていません。パスフレーズがなくても誰でも中を見られるので、")
    assert dialog.layout().indexOf(dialog.plain_warning) == 1  # right under the two sentences
    assert not dialog.audience_buttons["bank"].isVisibleTo(dialog) and not dialog.bank.isVisibleTo(dialog)
    assert [c.code for c in dialog.found] == ["image_no_time", "party_missing"]  # as the export dialog lists them
    assert dialog.export_button.isEnabled() and dialog.export_button.text() == "一式を作る(&M)"
    day = datetime.now(jptime.JST).date()
    assert Path(dialog.path.text()).name == f"警察に渡す資料_{day.isoformat()}"
    dialog.audience_buttons["lawyer"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
    assert Path(dialog.path.text()).name == f"弁護士に渡す資料_{day.isoformat()}"
    dialog.audience_buttons["police"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)

    out = tmp_path / "渡す"
    dialog.path.setText(str(out))
    dialog.path.textEdited.emit(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
    package = dialog.result
    assert isinstance(package, handover_core.Handover) and dialog.problem.text() == ""
    base = layout.checkpoint_base(package.checkpoint)
    pdf = f"証拠資料_{day.strftime('%Y%m%d')}.pdf"
    expected = sorted([pdf, "証拠ファイル/資料001_shot.png", "証拠ファイル/資料002_memo.txt", "custody/custody.jsonl",
                       base + ".txt", base + ".sig", base + ".txt.sshsig", base + ".tsq", layout.SIGNING_PUB_PEM,
                       layout.ALLOWED_SIGNERS, "VERIFY.txt", "SHA256SUMS"])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == expected
    assert (out / "証拠ファイル/資料001_shot.png").read_bytes() == (tmp_path / "shot.png").read_bytes()
    assert (out / "証拠ファイル/資料002_memo.txt").read_bytes() == MEMO
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 11
    sums = hashlib.sha256((out / "SHA256SUMS").read_bytes()).hexdigest()
    assert dialog.result_text.text() == (
        f"作りました: {out}\nPDF「{pdf}」（{package.pages} ページ）と元のファイル 2 件、全部で 12 ファイルです。"
        f"確かめ方は中の VERIFY.txt にあります。\nSHA256SUMS の SHA-256: {sums}")
    assert events(small_case.case)[-3:] == ["checkpoint", "export", "handover"]
    assert dialog.open_folder.isVisible() and dialog.open_folder.text() == "フォルダを開く(&O)"
    dialog.open_folder.click()
    dialog.open_pdf.click()
    assert opened == [out, out / pdf]
    assert dialog.path.text() == str(tmp_path / "渡す (2)")  # a free name is offered for another package
    shot(dialog, "handover-done")
    language.set("en")
    assert dialog.result_text.text().startswith(f"Made: {out}\nThe PDF \"{pdf}\" ({package.pages} pages) and 2 original")
    assert dialog.plain_warning.text().startswith("This folder is not encrypted: anyone can open it")
    language.set("ja")

    dialog.path.setText(str(out))  # the same folder again: the core refuses, nothing is touched
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
    assert dialog.problem.text() == error_text(EvidenceKitError("handover_exists", path=out))
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out).returncode == 0


def test_handover_stop_while_the_originals_are_written_leaves_nothing(qtbot, small_case, tmp_path, monkeypatch):
    gate = threading.Event()
    real = handover_core._write_original

    def held(case, item, path, rel, progress, cancel):  # the first file waits until Stop was pressed
        progress(rel, 0, item["size"])
        assert gate.wait(30)
        return real(case, item, path, rel, progress, cancel)

    monkeypatch.setattr(handover_core, "_write_original", held)
    dialog = open_handover(qtbot, small_case)
    out = tmp_path / "途中"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.progress_text.text().startswith("元のファイルを書き出しています（1 / 2）: 証拠ファイル/"),
                    timeout=60000)
    assert dialog.progress.maximum() == 2 and dialog.progress.value() == 0
    shot(dialog, "handover-running")
    dialog.cancel_button.click()
    assert dialog.progress_text.text() == "止めています…"
    gate.set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
    assert dialog.problem.text() == "止めました。書きかけのフォルダは消しました。"
    assert dialog.result is None and not out.exists()
    assert [p.name for p in tmp_path.iterdir() if ".writing-" in p.name] == []
    assert "handover" not in events(small_case.case)


def test_export_dialog_offers_the_handover_and_the_backup(qtbot, small_case, monkeypatch):
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    dialog = ExportDialog(small_case)
    qtbot.addWidget(dialog)
    handover_dialog.add_to_export(dialog)
    buttons = {b.objectName(): b for b in dialog.findChildren(QPushButton) if b.objectName().startswith("export-")}
    assert {name: b.text() for name, b in buttons.items()} == {
        "export-handover": "元のファイルも付けて渡す一式を作る…", "export-backup": "USB にバックアップ…"}
    language.set("en")
    assert buttons["export-backup"].text() == "Back up to a USB stick…"
    language.set("ja")
    buttons["export-handover"].click()
    buttons["export-backup"].click()
    assert opened == ["HandoverDialog", "BackupDialog"]
    qtbot.waitUntil(lambda: not small_case.busy(), timeout=60000)


# -- backup ----------------------------------------------------------------------------------------

def backup_to(qtbot, session, dest: Path) -> BackupDialog:
    dialog = BackupDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.dest.setText(str(dest))
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
    return dialog


def run(qtbot, dialog) -> None:
    assert dialog.go_button.isEnabled()
    dialog.go_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)


def test_backup_of_a_locked_case_copies_checks_and_says_so(qtbot, small_case, tmp_path):
    small_case.lock()  # no passphrase needed
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = backup_to(qtbot, small_case, usb)
    case_size = sum(p.stat().st_size for p in small_case.case.path.rglob("*") if p.is_file())
    first, *rest = dialog.info.text().split("\n")
    assert re.fullmatch(rf"空き: [0-9.]+ [KMG]B　　ケースの大きさ: {re.escape(size_text(case_size))}", first)
    assert rest == ["ここには、このケースのバックアップはまだありません。"] and dialog.info.kind == "info"
    changed = []
    small_case.changed.connect(lambda: changed.append(1))
    run(qtbot, dialog)
    report = dialog.report
    assert dialog.problem.text() == ""
    folder = usb / "evidence-kit-backup" / small_case.case.case_id
    manifest = json.loads((folder / "backup.json").read_bytes())
    assert report.folder == folder and report.generation == 1 and len(report.copied) == report.files
    assert len(dialog.lines) == report.files == len(manifest["files"])
    sizes = {rel: entry["size"] for rel, entry in manifest["files"].items()}
    assert sorted(dialog.lines) == sorted(f"コピーして確かめました: {rel}（{size_text(size)}）" for rel, size in sizes.items())
    assert dialog.lines_view.toPlainText().split("\n") == dialog.lines
    assert dialog.outcome.text() == (
        f"バックアップが終わりました: {folder}\n第 1 世代。ファイル {report.files} 件のうち、今回コピーしたのは "
        f"{report.files} 件（{size_text(report.bytes_copied)}）で、すべて読み直して元と同じであることを確かめました。\n"
        f"終わった時刻: {dialog._ended.strftime('%H:%M:%S')}　かかった時間: {elapsed_text(dialog._elapsed)}")
    assert verify_case(folder, json.loads((folder / "case.json").read_bytes())).ok
    for rel, entry in manifest["files"].items():
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == entry["sha256"]
    assert events(small_case.case).count("backup") == 1 and changed
    assert dialog.extra_button.isVisible() and dialog.extra_button.text() == "フォルダを開く(&O)"
    qtbot.waitUntil(lambda: dialog.found and dialog.found["previous"] is not None, timeout=10000)
    assert "ここには、このケースの前回のバックアップがあります（第 1 世代、" in dialog.info.text()
    shot(dialog, "backup-done")

    run(qtbot, dialog)  # again: only what is new (the log entry of the first backup, HEAD, the lists)
    second = dialog.report
    assert second.generation == 2 and 0 < len(second.copied) < report.files
    assert len(dialog.lines) == len(second.copied)
    assert dialog.outcome.text().startswith(f"バックアップが終わりました: {folder}\n第 2 世代。ファイル {second.files} 件"
                                            f"のうち、今回コピーしたのは {len(second.copied)} 件")


def test_backup_destination_missing_full_and_read_only(qtbot, small_case, tmp_path, small_fs):
    gone = tmp_path / "抜いたUSB"
    dialog = backup_to(qtbot, small_case, gone)
    assert dialog.info.text() == "このフォルダは見つかりません。USB メモリが差さっているか確かめてください。"
    run(qtbot, dialog)
    assert dialog.problem.text() == error_text(EvidenceKitError("backup_dest_missing", path=gone))
    assert dialog.problem.text().startswith("バックアップ先のフォルダが見つかりません: ")

    (tmp_path / "video.bin").write_bytes(os.urandom(300_000))
    small_case.case.import_paths([tmp_path / "video.bin"], source="test")
    tiny = small_fs("64k")
    dialog.dest.setText(str(tiny))
    qtbot.waitUntil(lambda: dialog.found and dialog.found.get("exists"), timeout=10000)
    assert dialog.info.text().split("\n")[-1] == "空きが足りないかもしれません。空きを作るか、大きい USB メモリを使ってください。"
    run(qtbot, dialog)
    assert dialog.problem.text().startswith(f"バックアップ先の空きが足りません: {tiny / 'evidence-kit-backup' / small_case.case.case_id}。")
    assert dialog.problem.text().endswith("何もコピーしていません。前回のバックアップはそのまま残っています。空きを作るか、大きい USB メモリを使ってください。")
    assert dialog.lines == []

    stick = small_fs("4m")
    subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
    dialog.dest.setText(str(stick))
    qtbot.waitUntil(lambda: dialog.found and dialog.found.get("exists") and dialog.found["free"] > 100000, timeout=10000)
    assert dialog.info.text().split("\n")[-1] == (
        "このフォルダには書き込めません（読み取り専用です）。USB メモリの書き込み禁止スイッチを確かめるか、別の場所を選んでください。")
    assert dialog.info.kind == "warning"
    run(qtbot, dialog)
    assert dialog.problem.text() == (
        f"バックアップ先に書き込めません（読み取り専用です）: {stick}。USB メモリの書き込み禁止スイッチを確かめるか、"
        "別の場所を選んでください。ケースは何も変わっていません。")
    shot(dialog, "backup-read-only")
    assert "backup" not in events(small_case.case)


def test_backup_says_what_fat32_means_before_copying(qtbot, small_case, tmp_path, monkeypatch):
    monkeypatch.setattr(backup_core, "fs_type", lambda path: "vfat")  # as /proc/self/mountinfo names FAT32
    dialog = backup_to(qtbot, small_case, tmp_path)
    assert dialog.info.kind == "warning"
    assert dialog.info.text().split("\n")[-1] == (
        "この USB メモリは FAT32 形式のようです。FAT32 には 4 GB 以上のファイルを 1 つのファイルとして保存できないため、"
        "それより大きい証拠は分けて保存します。復元するときに自動でつなぎ直すので、そのままで大丈夫です。")
    shot(dialog, "backup-fat32")


def test_backup_stop_keeps_the_previous_generation(qtbot, small_case, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    run(qtbot, backup_to(qtbot, small_case, usb))
    folder = usb / "evidence-kit-backup" / small_case.case.case_id
    before = (folder / "backup.json").read_bytes()
    (tmp_path / "new.txt").write_bytes(b"x" * 300_000)
    small_case.case.import_paths([tmp_path / "new.txt"], source="test")
    gate = threading.Event()
    real = backup_core._copy

    def held(case_dir, folder, src, limit, progress, cancel):
        if src.rel.endswith(".age") and src.size > 200_000:  # the new item waits until Stop was pressed
            progress(src.rel, 0, src.size)
            assert gate.wait(30)
        return real(case_dir, folder, src, limit, progress, cancel)

    monkeypatch.setattr(backup_core, "_copy", held)
    dialog = backup_to(qtbot, small_case, usb)
    dialog.go_button.click()
    qtbot.waitUntil(lambda: dialog.progress_text.text().startswith("コピーして確かめています: items/"), timeout=60000)
    assert not dialog.close_button.isEnabled() and not dialog.dest.isEnabled()
    dialog.reject()  # Esc does not stop a backup
    assert dialog.isVisible()
    shot(dialog, "backup-running")
    dialog.stop_button.click()
    gate.set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
    assert dialog.problem.text() == ("止めました。前回のバックアップはそのまま残っています。"
                                     "もう一度バックアップすると、続きからコピーします。")
    assert (folder / "backup.json").read_bytes() == before
    assert dialog.close_button.isEnabled()


# -- restore ---------------------------------------------------------------------------------------

def test_restore_from_the_start_window_then_open_the_case(qtbot, small_case, tmp_path, shell_env):
    usb = tmp_path / "usb"
    usb.mkdir()
    backup_core.run(small_case.case.path, usb)
    items = {(i["id"], i["sha256"]) for i in small_case.case.items()}
    settings = Settings.load()
    settings.last_location = str(tmp_path / "restored")
    start = StartWindow(settings)
    qtbot.addWidget(start)
    start.show()
    assert start.restore_button.text() == "バックアップから復元(&R)…"
    opened = []
    start.opened.connect(lambda session, report: opened.append(session))

    def restore(dialog: RestoreDialog) -> None:
        assert dialog.windowTitle().startswith("バックアップから復元")
        assert not dialog.go_button.isEnabled()  # no backup chosen yet
        dialog.backup.setText(str(usb))
        qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
        assert dialog.info.text().startswith(f"ケース {small_case.case.case_id} のバックアップです（第 1 世代、")
        assert dialog.name.text() == f"復元したケース {datetime.now().date().isoformat()}"
        dialog.name.setText("戻したケース")
        assert dialog.target.text() == f"作るフォルダ: {tmp_path / 'restored' / '戻したケース'}"
        dialog.go_button.click()
        qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)
        report = verify_case(dialog.restored, json.loads((dialog.restored / "case.json").read_bytes()))
        assert dialog.outcome.text() == (f"ケースを戻しました: {tmp_path / 'restored' / '戻したケース'}\nファイル "
                                         f"{report.files_checked} 件と署名を確かめ、問題はありませんでした。いつものパスフレーズで開けます。")
        assert dialog.lines and all(line.startswith("戻して確かめました: ") for line in dialog.lines)
        shot(dialog, "restore-done")
        dialog.extra_button.click()

    def unlock(dialog: UnlockDialog) -> None:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.submit()

    first = when_modal(qtbot, RestoreDialog, restore, timeout=30000)
    second = when_modal(qtbot, UnlockDialog, unlock, timeout=60000)
    start.restore_backup()
    first.check()
    second.check()
    assert len(opened) == 1
    case = opened[0].case
    assert case.path == tmp_path / "restored" / "戻したケース" and case.unlocked
    assert {(i["id"], i["sha256"]) for i in case.items()} == items
    assert events(case).count("restore") == 1
    assert Settings.load().recent[0] == str(case.path)
    case.lock()
    start.safety.stop()


def test_restore_says_what_is_wrong_with_the_folder(qtbot, tmp_path, shell_env):
    dialog = RestoreDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.backup.setText(str(tmp_path))
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=10000)
    assert dialog.info.text() == error_text(EvidenceKitError("restore_not_backup", path=tmp_path))
    assert not dialog.go_button.isEnabled()
    language.set("en")
    assert dialog.windowTitle().startswith("Restore from a backup") and dialog.go_button.text() == "&Restore"
    language.set("ja")


# -- the watched folder ------------------------------------------------------------------------------

def watch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "evidence-kit-watch"]


def test_watch_toggle_imports_a_dropped_file_and_stops_on_lock(qtbot, small_case, tmp_path, shell_env):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load()
    watch = FolderWatch(small_case, settings, settle_seconds=0.2, check_seconds=0.1)
    dialog = WatchDialog(watch)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.toggle.text() == "見張りを始める(&S)" and dialog.state_label.text() == "見張り: 停止"
    dialog.toggle.click()
    assert dialog.problem.text() == "見張るフォルダを選んでください。"
    inside = small_case.case.path / "items"
    dialog.folder.setText(str(inside))
    dialog.toggle.click()
    qtbot.waitUntil(lambda: watch.state == "off" and dialog.problem.text() != "", timeout=10000)
    assert dialog.problem.text() == error_text(EvidenceKitError("watch_inside_case", folder=inside))
    assert dialog.problem.text().startswith("ケースフォルダの中は見張れません: ") and watch_threads() == []
    dialog.folder.setText(str(inbox))
    changed = []
    small_case.changed.connect(lambda: changed.append(1))
    dialog.toggle.click()
    qtbot.waitUntil(lambda: watch.state == "on", timeout=10000)
    assert dialog.state_label.text() == "見張り中: inbox" and dialog.toggle.text() == "見張りを止める(&S)"
    assert not dialog.folder.isEnabled()
    assert Settings.load().watch_folder == str(inbox)

    png(tmp_path / "staging.png", (10, 120, 200))
    os.replace(tmp_path / "staging.png", inbox / "スクショ.png")  # arrives whole, as a phone's sync does
    qtbot.waitUntil(lambda: any(e.kind == "imported" for e in watch.events), timeout=15000)
    event = next(e for e in watch.events if e.kind == "imported")
    digest = hashlib.sha256((inbox / "スクショ.png").read_bytes()).hexdigest()
    assert dialog.event_lines()[-1] == (f"[{event.time[11:19]}] 取り込みました: スクショ.png"
                                        f"（{(inbox / 'スクショ.png').stat().st_size} バイト、SHA-256 {digest}）")
    assert digest in {i["sha256"] for i in small_case.case.items()} and changed
    shot(dialog, "watch-on")

    small_case.lock()  # quick-hide and the idle lock come here too
    assert watch.state == "paused" and watch_threads() == []
    assert dialog.state_label.text() == "見張り: 停止（鍵を開けると再開）"
    png(inbox / "while-locked.png", (0, 0, 0))  # taken once the case is unlocked again
    small_case.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: watch.state == "on", timeout=10000)
    qtbot.waitUntil(lambda: sum(e.kind == "imported" for e in watch.events) == 2, timeout=15000)
    assert len(small_case.case.items()) == 4
    dialog.toggle.click()
    assert watch.state == "off" and watch_threads() == []
    assert dialog.state_label.text() == "見張り: 停止"


def test_watch_in_the_main_window_status_bar(qtbot, main_window, tmp_path, monkeypatch):
    from evidence_kit.gui.dialogs import watch as watch_module

    window = main_window
    inbox = tmp_path / "届いたもの"
    inbox.mkdir()
    assert window.folder_watch is not None and not window.watch_status.isVisible()  # no folder watched yet
    window.folder_watch.settle_seconds, window.folder_watch.check_seconds = 0.2, 0.1

    def toggle_on(dialog: WatchDialog) -> None:
        dialog.folder.setText(str(inbox))
        dialog.toggle.click()
        qtbot.waitUntil(lambda: window.folder_watch.state == "on", timeout=10000)
        dialog.close_button.click()

    modal = when_modal(qtbot, watch_module.WatchDialog, toggle_on)
    window.actions_["watch"].trigger()
    modal.check()
    assert window.watch_status.isVisible() and window.watch_status.text() == "見張り中: 届いたもの"
    assert window.statusBar().currentMessage() == f"見張りを始めました: {inbox}（いまあった 0 件も取り込みます）"
    (inbox / "memo.txt").write_bytes(MEMO)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "見張っているフォルダから取り込みました: memo.txt",
                    timeout=15000)
    language.set("en")
    assert window.watch_status.text() == "Watching: 届いたもの"
    language.set("ja")

    inbox.rename(tmp_path / "外した")  # a phone unplugged
    qtbot.waitUntil(lambda: window.folder_watch.state == "missing", timeout=10000)
    assert window.watch_status.text() == "見張り: フォルダが見つかりません（届いたもの）"
    (tmp_path / "外した").rename(inbox)
    qtbot.waitUntil(lambda: window.folder_watch.state == "on", timeout=10000)
    assert window.watch_status.text() == "見張り中: 届いたもの"
    shot(window, "watch-main-window")

    window.safety.quick_hide()
    assert window.session.locked and window.folder_watch.state == "paused" and watch_threads() == []
    assert window.watch_status.text() == "見張り: 停止（鍵を開けると再開）"
    window.safety.restore()
    window.close()
    assert window.folder_watch.state == "off" and watch_threads() == []
