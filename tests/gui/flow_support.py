"""What the main-flow and keyboard tests share: the three files a victim brings (a screenshot, a LINE
export, a bank statement), the app started through its own Shell, and waits on the real views."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from evidence_kit.cli import main as cli_main
from evidence_kit.gui.app import Shell
from evidence_kit.gui.dialogs import details_base
from evidence_kit.gui.lang import language
from evidence_kit.gui.settings import Settings
from evidence_kit.gui.start import UnlockDialog
from evidence_kit.gui.views.common import store_for
from tests.conftest import PASSPHRASE

from .shell_support import shell_env, when_modal  # noqa: F401 - shell_env: a fixture, found by name

SHOTS = os.environ.get("EVIDENCE_KIT_SHOTS")  # a folder: the tests also save pictures of what they pass by
SCREENSHOT = "Screenshot_20240501-103000.png"
LINE_TALK = ("[LINE] 山田 花子とのトーク履歴\n保存日時：2024/05/02 21:00\n\n2024/05/01(水)\n"
             "10:00\t山田 花子\tこんにちは\n10:05\t山田 花子\tいい投資の話があります\n"
             "2024/05/02(木)\n09:30\tさくら\t本当ですか？\n")
MUFG_CSV = ('"日付","摘要","摘要内容","支払い金額","預かり金額","差引残高","メモ","未資金化区分","入払区分"\r\n'
            '"2024/5/1","振込１","サギノ　タロウ","500,000","","810,000","","","支払い"\r\n'
            '"2024/5/2","手数料","","220","","809,780","","","支払い"\r\n').encode("cp932")


def evidence_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / SCREENSHOT
    Image.new("RGB", (320, 240), (40, 120, 200)).save(shot)
    talk = folder / "talk.txt"
    talk.write_text(LINE_TALK, "utf-8")
    csv = folder / "meisai.csv"
    csv.write_bytes(MUFG_CSV)
    return [shot, talk, csv]


@pytest.fixture
def app_shell(qtbot, tmp_path, shell_env, monkeypatch):  # noqa: F811 - shell_env is the fixture above
    """The app's Shell (start window first) with its settings in tmp_path; questions answered with their
    default; every window closed and every case locked at the end."""
    monkeypatch.setattr(details_base, "ask", lambda parent, title, text, choices, default: default)
    settings = Settings.load()
    settings.last_location = str(tmp_path / "cases")
    shell = Shell(settings)
    qtbot.addWidget(shell.start)
    shell.start.show()
    shell.start.activateWindow()
    qtbot.waitActive(shell.start)
    yield shell
    for window in shell.windows:
        window.session.stop_all()
        window.safety.stop()
        window.session.lock()
        window.deleteLater()
    shell.start.safety.stop()
    language.set("ja")


def drop(widget, paths) -> None:
    """Drag the files onto the widget and drop them, as test_main_window does."""
    from .test_main_window import _drop

    event, _mime = _drop(widget, paths)
    assert event.isAccepted()


def unlock_from_locked_page(qtbot, window) -> None:
    """「鍵を開ける…」 on the locked page, the passphrase, OK."""
    def unlock(dialog):
        dialog.passphrase.setText(PASSPHRASE)
        dialog.buttons.button(QDialogButtonBox.Ok).click()

    modal = when_modal(qtbot, UnlockDialog, unlock)
    window.locked_page.button.click()
    modal.check()


def loaded(qtbot, window, items: int) -> None:
    """Wait until the views show a snapshot of the case with this many items."""
    store = store_for(window.session)
    qtbot.waitUntil(lambda: not store.loading and store.data is not None and len(store.data.items) == items
                    and window.evidence_list.model.rowCount() == items, timeout=30000)


def list_rows(window) -> list[list[str]]:
    """The evidence list as shown: type, time (with where it came from), title, marks."""
    model = window.evidence_list.model
    return [[model.index(r, c).data() for c in (1, 2, 3, 4)] for r in range(model.rowCount())]


def timeline_texts(window) -> list[str]:
    model = window.timeline.model
    return [model.index(r).data() for r in range(model.rowCount())]


def cli_report_pages(capsys, case_path: Path, out: Path, monkeypatch) -> int:
    """The CLI's `report` for the case folder: the page count it prints."""
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    assert cli_main(["--lang", "en", "report", str(case_path), "--out", str(out)]) == 0
    return int(re.search(r"\((\d+) pages,", capsys.readouterr().out).group(1))


def copy_case(case_path: Path, to: Path) -> Path:
    shutil.copytree(case_path, to)
    return to


def shot(widget, name: str) -> None:
    """A picture of the widget as shown now, `<name>_<language>.png`, when EVIDENCE_KIT_SHOTS is set."""
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}_{language.code}.png"))
