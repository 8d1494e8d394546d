"""`evidence-kit report` and `evidence-kit about`, as a user runs them on the demo case."""

from __future__ import annotations

import hashlib

import pytest

from evidence_kit.cli import main
from evidence_kit.core import caserecords as cr
from evidence_kit.core.case import Case
from evidence_kit.demo import DEMO_PASSPHRASE, build_demo


@pytest.fixture
def demo(tmp_path, monkeypatch):
    path, _ = build_demo(tmp_path / "cases")
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", DEMO_PASSPHRASE)
    return path


def lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_report_prints_the_checks_then_the_file(demo, tmp_path, capsys):
    out = tmp_path / "police.pdf"
    assert main(["--lang", "en", "report", str(demo), "--out", str(out)]) == 0
    printed = lines(capsys)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    assert printed[-1] == f"PDF written: {out} (23 pages, SHA-256 {sha})"
    assert [line.split("]")[0] + "]" for line in printed[:-1]] == ["[Warning]"] * 5
    assert printed[0] == ("[Warning] Some images lost their camera information when sent through an app such as LINE "
                          "(資料6の1). If the originals are still on the phone, import them too.")


def test_report_for_the_banks_writes_one_file_each(demo, tmp_path, capsys):
    out = tmp_path / "bank.pdf"
    assert main(["report", str(demo), "--out", str(out), "--audience", "bank"]) == 0
    assert sorted(p.name for p in tmp_path.glob("bank-*.pdf")) == ["bank-0001.pdf", "bank-0036.pdf"]
    done = [line for line in lines(capsys) if line.startswith("PDF を書き出しました")]
    # each bank's own exhibits: 楽天銀行's also has the bank's e-mail receipt of the transfer to it
    assert [line.split("（")[1].split(" ページ")[0] for line in done] == ["8", "10"]


def test_a_missing_account_field_stops_the_report_until_acknowledged(demo, tmp_path, capsys):
    case = Case.open(demo)
    case.unlock(DEMO_PASSPHRASE)
    cr.put(case, "account", "2", {"bank_name": "楽天銀行", "bank_code": "0036", "branch_name": "ワルツ支店",
                                  "type": "普通", "number": "7012345"})  # the holder's name is not known yet
    case.lock()
    out = tmp_path / "p.pdf"
    if main(["--lang", "en", "report", str(demo), "--out", str(out)]) == 0:
        pytest.fail("an account without its holder name must stop the export")
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith("[Must fix] Destination account 2 is missing: holder name.")
    assert captured.err.strip().startswith("Export stopped: 1 item(s) must be dealt with first")
    assert not out.exists()
    assert main(["report", str(demo), "--out", str(out), "--acknowledge"]) == 0 and out.exists()


def test_about_sets_only_what_is_given_and_shows_everything(demo, tmp_path, capsys):
    statement = tmp_path / "statement.txt"
    statement.write_text("私は、令和6年5月1日に…\n", encoding="utf-8")
    assert main(["--lang", "en", "about", str(demo), "--phone", "090-0000-0000", "--statement-file",
                 str(statement)]) == 0
    shown = lines(capsys)
    assert shown[:4] == ["Name: 佐藤 さくら", "Name in kana: さとう さくら", "Age: 52", "Occupation: 会社員"]
    assert "Phone: 090-0000-0000" in shown and "Address: -" in shown
    assert shown[-1] == "Statement: 14 characters"
    assert main(["about", str(demo)]) == 0
    assert lines(capsys)[5] == "連絡先: 090-0000-0000"
