"""`evidence-kit exhibit`, and what the victim's notes change in the PDF: the 証拠目録 and the exhibit
header print the victim's 標目, 立証趣旨 and 作成者; a left-out item is not printed and not named,
and a number it had stays reserved as 欠番."""

from __future__ import annotations

import re

from evidence_kit.cli import main
from evidence_kit.core import caserecords as cr
from evidence_kit.core.case import Case
from evidence_kit.report import model, pdf
from tests.cli.test_report_pdf import CREATED, pages_text
from tests.conftest import PASSPHRASE, write


def test_exhibit_shows_and_changes_the_note(case_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    item = case.import_file(write(tmp_path / "memo.txt", "メモ\n".encode())).item_id
    case.lock()
    assert main(["exhibit", str(case_dir), item[:6], "--title", "最初の連絡のメモ", "--purpose", "最初の連絡の日時",
                 "--key", "--note", "母にも見せた"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"証拠 {item[:8]}…（memo.txt）", "注記を保存しました。", "標目: 最初の連絡のメモ", "立証趣旨: 最初の連絡の日時",
        "作成者: -", "重要な証拠: はい", "資料から外す: いいえ", "メモ: 母にも見せた"]
    assert main(["--lang", "en", "exhibit", str(case_dir), "memo.txt", "--title", "", "--no-key", "--exclude"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Item {item[:8]}... (memo.txt)", "Note saved.", "Title: -", "What it proves: 最初の連絡の日時", "Author: -",
        "Key evidence: no", "Left out of the bundles: yes", "Note: 母にも見せた"]
    assert main(["--lang", "en", "exhibit", str(case_dir), item, "--include"]) == 0
    assert capsys.readouterr().out.splitlines()[6] == "Left out of the bundles: no"
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    assert cr.load(case).items == {item: {"purpose": "最初の連絡の日時", "note": "母にも見せた"}}
    case.lock()


def test_exhibit_names_an_unknown_item_plainly(case_dir, monkeypatch, capsys):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    assert main(["--lang", "en", "exhibit", str(case_dir), "nothing.png", "--key"]) != 0
    assert capsys.readouterr().err.strip() == (
        "The case holds no item \"nothing.png\". Give its id as \"evidence-kit list --json\" shows it "
        "(its first few characters are enough) or its original file name.")


def test_the_pdf_prints_the_notes_and_keeps_a_left_out_number_as_withheld(unlocked, tmp_path):
    ids = {name: unlocked.import_file(write(tmp_path / name, f"{name} の本文\n".encode())).item_id
           for name in ("first.txt", "private-photo-memo.txt", "third.txt")}
    model.record_export(unlocked, model.build(unlocked), file="a.pdf", sha256="0" * 64, pages=1)  # numbers 1-3
    cr.set_item_note(unlocked, ids["private-photo-memo.txt"], excluded=True)
    cr.set_item_note(unlocked, ids["third.txt"], title="相手の指示を書き留めたメモ", purpose="相手が送金を指示した事実",
                     author="申告者", key=True)
    out = tmp_path / "notes.pdf"
    pdf.render(unlocked, model.build(unlocked), out, created=CREATED)
    texts = pages_text(out)
    whole = "\n".join(texts)
    assert "private-photo-memo" not in whole and unlocked.items()[1]["sha256"] not in whole
    listing = next(t for t in texts if "証拠目録（証拠説明書）" in t and "号証" in t)
    assert re.search(r"資料2\s+欠番（提出対象外）", listing)
    assert "証拠は 2 点です。" in listing
    assert re.search(r"資料3\s+相手の指示を書き留めた", listing) and "（重要）" in listing
    header = re.sub(r"\s+", "", next(t for t in texts if "third.txt" in t and "SHA-256" in t))
    assert "標目相手の指示を書き留めたメモ" in header and "作成者申告者" in header
    assert "立証趣旨相手が送金を指示した事実" in header
    appendix = next(t for t in texts if "保全記録（カストディ・ログ）" in t)
    assert "ケースには、この資料に含めていないファイルがほかに 1 件あります。" in appendix
    assert [e.label for e in model.build(unlocked).exhibits] == ["資料1", "資料3"]
