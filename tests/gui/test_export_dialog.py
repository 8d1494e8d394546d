"""The export dialog on the demo case: the checks listed with their severity and fixes, a serious one
blocking the export until acknowledged (a damaged case always), the export in a Job that can be
stopped, the PDF as the CLI makes it for the same case, and the PDF or its folder opened at the end."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QPushButton

from evidence_kit.cli import main
from evidence_kit.core import caserecords as cr
from evidence_kit.core.case import Case
from evidence_kit.core.custody import doc_of
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.demo import DEMO_PASSPHRASE, build_demo
from evidence_kit.gui.dialogs import details_base, export as export_dialog
from evidence_kit.gui.dialogs.details import AccountsDialog
from evidence_kit.gui.dialogs.export import ExportDialog, check_text
from evidence_kit.gui.lang import language
from evidence_kit.gui.session import Session
from evidence_kit.report import checks


@pytest.fixture(autouse=True)
def japanese(qapp, monkeypatch):
    language.set("ja")
    monkeypatch.setattr(details_base, "ask", lambda parent, title, text, choices, default: default)
    yield
    language.set("ja")


@pytest.fixture
def demo_copies(tmp_path, monkeypatch):
    """The demo case with destination account 1's holder name missing (a serious check), twice:
    one for the dialog, one for the CLI."""
    path, _ = build_demo(tmp_path / "cases")
    case = Case.open(path)
    case.unlock(DEMO_PASSPHRASE)
    account = cr.load(case).accounts["1"]
    account.holder_kana = ""
    cr.put(case, "account", "1", cr.record_data(account))
    case.lock()
    other = tmp_path / "cli-case"
    shutil.copytree(path, other)
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", DEMO_PASSPHRASE)
    return path, other


@pytest.fixture
def opened(qtbot, monkeypatch):
    """Sessions on unlocked cases, locked again at the end; the URLs the dialog asks to open."""
    sessions, urls = [], []

    class Desktop:
        @staticmethod
        def openUrl(url):  # noqa: N802 - Qt's name
            urls.append(url)
            return True

    monkeypatch.setattr(export_dialog, "QDesktopServices", Desktop)

    def open_case(path, passphrase=DEMO_PASSPHRASE) -> ExportDialog:
        case = Case.open(path)
        case.unlock(passphrase)
        session = Session(case)
        sessions.append(session)
        dialog = ExportDialog(session)
        qtbot.addWidget(dialog)
        dialog.show()
        checked(qtbot, dialog)
        return dialog

    yield open_case, urls
    for session in sessions:
        session.stop_all()
        session.case.lock()


def checked(qtbot, dialog: ExportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None and dialog.integrity is not None, timeout=60000)


def rows(dialog: ExportDialog) -> list[tuple[str, str, str | None]]:
    """(severity word, text, fix button text) of each check listed."""
    found = []
    for n in range(dialog.checks_layout.count()):
        row = dialog.checks_layout.itemAt(n).widget()
        if row is None or not row.objectName().startswith("check-"):
            continue
        tag, text = row.findChildren(QLabel)[:2]
        button = row.findChild(QPushButton)
        found.append((tag.text(), text.text(), button.text() if button else None))
    return found


def cli_pages(capsys, case, out, *options) -> int:
    capsys.readouterr()
    assert main(["--lang", "en", "report", str(case), "--out", str(out), *options]) == 0
    return int(re.search(r"\((\d+) pages,", capsys.readouterr().out).group(1))


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_serious_check_blocks_until_acknowledged_then_the_pdf_is_the_clis(qtbot, demo_copies, opened, capsys,
                                                                          tmp_path):
    path, other = demo_copies
    open_case, urls = opened
    dialog = open_case(path)
    found = rows(dialog)
    incomplete = checks.Check("account_incomplete", "error", params={"account": "1", "missing": ["holder"]})
    assert found[0] == ("要対応", check_text(incomplete), "口座を直す")
    assert check_text(incomplete).startswith("振込先口座 1 の 名義（カナ） が入力されていません。")
    assert [f[0] for f in found[1:]] == ["注意"] * 5
    assert not dialog.export_button.isEnabled()
    assert dialog.acknowledge.isVisible() and not dialog.acknowledge.isChecked()
    assert dialog.acknowledge_note.text().startswith("「要対応」の項目があります。")

    # Tab reaches the fix button between the audience and 「確認しました」
    chain, widget = [], dialog.audience_buttons["police"]
    while widget is not dialog.close_button and len(chain) < 100:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    fix_button = dialog.checks_list.findChild(QPushButton, "fix-account_incomplete")
    assert chain.index(dialog.bank) < chain.index(fix_button) < chain.index(dialog.acknowledge) \
        < chain.index(dialog.path) < chain.index(dialog.export_button)

    # its button opens the accounts dialog on that account; closing it checks again
    dialog.checks_list.findChild(QPushButton, "fix-account_incomplete").click()
    fix = dialog.fix_dialog
    assert isinstance(fix, AccountsDialog) and fix.current_id == "1" and fix.isVisible()
    assert fix.holder.text() == ""
    fix.close()
    qtbot.waitUntil(lambda: dialog.job is not None, timeout=5000)
    checked(qtbot, dialog)
    assert rows(dialog)[0][0] == "要対応"

    dialog.acknowledge.setChecked(True)
    out = tmp_path / "out" / "police.pdf"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    dialog.path.textEdited.emit(str(out))
    assert dialog.export_button.isEnabled()
    dialog.export_button.click()
    stages = []
    dialog.job.progress.connect(lambda done, total, stage: stages.append(stage))
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.problem.text() == ""
    assert stages[0] == "verify" and stages[-2:] == ["draw", "write"] and set(stages) == {"verify", "draw", "write"}
    result = dialog.result
    assert result.path == out and out.exists()
    expected = cli_pages(capsys, other, tmp_path / "cli.pdf", "--acknowledge")
    assert result.pages == expected == pdf_pages(out)
    assert dialog.result_text.text() == f"PDF を作りました（{expected} ページ）。\n{out}\nSHA-256: {result.sha256}"
    assert dialog.open_pdf.isVisible() and dialog.open_folder.isVisible()
    dialog.open_pdf.click()
    dialog.open_folder.click()
    assert urls == [QUrl.fromLocalFile(str(out)), QUrl.fromLocalFile(str(out.parent))]
    logged = [doc_of(e) for e in dialog.session.case.entries() if doc_of(e).get("event") == "export"]
    assert [d["file"] for d in logged] == ["police.pdf"]


def test_without_acknowledging_the_core_refuses_too(qtbot, demo_copies, opened, tmp_path):
    open_case, _ = opened
    dialog = open_case(demo_copies[0])
    out = tmp_path / "police.pdf"
    dialog.path.setText(str(out))
    dialog.start_export()  # as if the button were pressed: the core applies the same rule
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.problem.text() == "出力を止めました。先に対応が必要な項目が 1 件あります（一覧の「要対応」）。"
    assert not out.exists() and dialog.result is None


def test_a_damaged_case_cannot_be_exported(qtbot, demo_copies, opened):
    path = demo_copies[0]
    victim = sorted(path.glob("items/*/*.age"))[0]
    data = bytearray(victim.read_bytes())
    data[-40] ^= 0xFF
    victim.write_bytes(bytes(data))
    open_case, _ = opened
    dialog = open_case(path)
    found = rows(dialog)
    assert found[0][0] == "要対応" and found[0][1].startswith("ケースの検査で 1 件の問題が見つかりました。")
    assert found[0][2] is None
    assert not dialog.acknowledge.isVisible()
    assert dialog.acknowledge_note.text().startswith("ケースの検査で問題が見つかったため、出力できません。")
    assert not dialog.export_button.isEnabled()


def test_stop_during_the_export_makes_no_pdf(qtbot, demo_copies, opened, tmp_path):
    open_case, _ = opened
    dialog = open_case(demo_copies[0])
    dialog.acknowledge.setChecked(True)
    out = tmp_path / "police.pdf"
    dialog.path.setText(str(out))
    dialog.start_export()
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.problem.text() == EvidenceKitError("export_cancelled").message("ja") == "途中で止めました。PDF は作っていません。"
    assert not out.exists() and dialog.result is None
    docs = [doc_of(e) for e in dialog.session.case.entries()]
    assert not [d for d in docs if d["event"] == "export" or (d["event"] == "checkpoint" and d["reason"] == "export")]
    assert not dialog.cancel_button.isVisible() and dialog.export_button.isEnabled()


def test_bank_bundle_for_the_chosen_bank(qtbot, demo_copies, opened, capsys, tmp_path):
    path, other = demo_copies
    open_case, _ = opened
    dialog = open_case(path)
    dialog.audience_buttons["bank"].setChecked(True)
    checked(qtbot, dialog)
    assert [dialog.bank.itemText(n) for n in range(dialog.bank.count())] == ["みずほ銀行（0001）", "楽天銀行（0036）"]
    assert dialog.bank.isEnabled() and dialog.bank_code == "0001"
    assert re.search(r"口座凍結申出資料-0001_\d{4}-\d\d-\d\d\.pdf$", dialog.path.text())
    dialog.bank.setCurrentIndex(1)
    checked(qtbot, dialog)
    assert dialog.bank_code == "0036" and "-0036_" in dialog.path.text()
    assert rows(dialog)[0][0] == "注意"  # account 1 (みずほ) is not in 楽天銀行's bundle: nothing to fix here
    out = tmp_path / "bank.pdf"
    dialog.path.setText(str(out))
    dialog.path.textEdited.emit(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=120000)
    assert dialog.result.pages == cli_pages(capsys, other, tmp_path / "cli.pdf", "--audience", "bank", "--bank", "0036")


def test_an_empty_case_has_no_bank_to_write_to_and_follows_the_language(qtbot, case_dir, opened):
    from tests.conftest import PASSPHRASE

    open_case, _ = opened
    dialog = open_case(case_dir, PASSPHRASE)
    assert [r[0] for r in rows(dialog)] == ["注意"]  # the party's name is missing
    assert rows(dialog)[0][2] == "相手方を入力"
    assert dialog.export_button.isEnabled()
    dialog.audience_buttons["bank"].setChecked(True)
    checked(qtbot, dialog)
    assert rows(dialog)[0] == ("要対応", "銀行向けの資料を作る振込先口座がありません。先に振込先口座を入力し、明細の行と結び付けてください。",
                               "振込先口座を入力")
    assert not dialog.export_button.isEnabled() and not dialog.bank.isEnabled()
    language.set("en")
    assert dialog.windowTitle() == "Make the PDF bundle"
    assert rows(dialog)[0] == ("Must fix", "There is no destination account to make a bank bundle for. Enter the account "
                               "first and link the statement rows to it.", "Enter an account")
    assert dialog.audience_buttons["bank"].text() == "&Bank (freeze request)"
