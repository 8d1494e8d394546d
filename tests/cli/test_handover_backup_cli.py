"""`evidence-kit handover`, `backup` and `restore` as a user runs them, and the round trip of issue 7:
create, import, back up, damage a file on the stick and see verify name it, restore a clean backup
and compare every item."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from evidence_kit.cli import main
from evidence_kit.core import age, custody, layout
from evidence_kit.core import caserecords as cr
from evidence_kit.core.case import Case
from evidence_kit.demo import DEMO_PASSPHRASE, build_demo
from tests.conftest import PASSPHRASE, write


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def items_bytes(case_dir) -> dict[str, tuple[str, bytes]]:
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    try:
        found = {}
        for item in case.items():
            with open(case_dir / layout.item_blob(item["id"]), "rb") as f:
                found[item["id"]] = (item["original_name"], age.PlaintextReader(f, [case.identity()]).read())
        return found
    finally:
        case.lock()


def test_round_trip_backup_damage_verify_restore(tmp_path, capsys, monkeypatch):
    case = tmp_path / "case"
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    assert run(capsys, "case", "create", case)[0] == 0
    monkeypatch.delenv("EVIDENCE_KIT_PASSPHRASE")  # from here on the case stays locked
    sources = [write(tmp_path / "in" / "Screenshot_20240520-180512.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
               write(tmp_path / "in" / "メモ.txt", "5月1日 50万円を振り込んだ".encode()),
               write(tmp_path / "in" / "statement.csv", "日付,金額\n2024/05/01,-500000\n".encode("cp932"))]
    assert run(capsys, "import", case, *sources)[0] == 0
    usb, spare = tmp_path / "usb", tmp_path / "spare-usb"
    usb.mkdir()
    spare.mkdir()
    size = sum(p.stat().st_size for p in case.rglob("*") if p.is_file() and p.name != "LOCK")
    code, out, err = run(capsys, "--lang", "en", "backup", case, usb)
    folder = usb / "evidence-kit-backup" / Case.open(case).case_id
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[:3] == ["  copied and checked: BLOBSUMS (1.0 KB)", "  copied and checked: README-RECOVERY.txt (3.0 KB)",
                         "  copied and checked: case.json (366 bytes)"]
    assert len([line for line in lines if line.startswith("  copied and checked: ")]) == 22
    assert lines[-2:] == [f"Backup finished: {folder}",
                          f"  Generation 1. Of 22 files, 22 were copied this time ({size / 1024:.1f} KB), and all were read back "
                          "and checked."]
    assert run(capsys, "backup", case, spare)[0] == 0
    assert run(capsys, "verify", folder)[0] == 0
    blob = next(p for p in sorted((folder / "items").rglob("*.age")) if not p.name.endswith(".meta.age")
                and p.stat().st_size > 10_000)
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x40
    blob.write_bytes(bytes(data))
    code, out, _ = run(capsys, "--lang", "en", "verify", folder)
    rel = blob.relative_to(folder).as_posix()
    assert code == 1
    assert out.splitlines() == ["Problems found: 1", f"evidence file has been changed (hash mismatch): {rel}",
                                f"(This check could not be written to the custody log: {folder} is a backup (a copy on "
                                "a USB stick or elsewhere). So that it stays exactly as it was backed up, nothing is "
                                "written to it. To work with this case, restore it elsewhere with evidence-kit restore.)"]
    restored = tmp_path / "other-pc" / "case"
    code, out, err = run(capsys, "restore", spare, restored)
    assert (code, err) == (0, "")
    assert out.splitlines()[-3:] == [f"ケースを戻しました: {restored}", "  いつものパスフレーズで開けます。",
                                     "  戻したケースを確認しました: 証拠と記録のファイル 12 件と署名、問題なし。"]
    assert items_bytes(restored) == items_bytes(case)
    assert sorted(name for name, _ in items_bytes(restored).values()) == sorted(p.name for p in sources)
    assert {data for _, data in items_bytes(restored).values()} == {p.read_bytes() for p in sources}
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "verify", "--deep", restored)
    assert code == 0
    code, out, _ = run(capsys, "list", "--json", restored)
    assert [json.loads(line)["original_name"] for line in out.splitlines()] == [p.name for p in sources]
    code, _, err = run(capsys, "restore", usb, restored)
    assert code == 1 and err.startswith(f"{restored} はすでにあり、空ではありません。上書きしないよう、止めました。")


def test_verify_on_a_fat32_backup_joins_the_parts(tmp_path, capsys, case_dir, monkeypatch):
    from evidence_kit import backup

    big = write(tmp_path / "in" / "video.mp4", bytes(range(256)) * 400)  # 100 kB: over the lowered limit
    assert run(capsys, "import", case_dir, big)[0] == 0
    monkeypatch.setattr(backup, "FAT32_MAX", 40_000)  # 4 GiB - 1 on a real stick
    (tmp_path / "usb").mkdir()
    code, out, _ = run(capsys, "--lang", "en", "backup", "--fat32", case_dir, tmp_path / "usb")
    split = [line.split(": ")[1].split(". ")[0] for line in out.splitlines() if line.startswith("  a large file was stored in parts")]
    assert len(split) == 2 and split[0] == "index.sqlite.age"  # the index is over 40 kB too
    blob = split[1]
    folder = tmp_path / "usb" / "evidence-kit-backup" / Case.open(case_dir).case_id
    assert code == 0 and not (folder / blob).exists() and (folder / layout.split_part(blob, 3)).is_file()
    code, out, _ = run(capsys, "--lang", "en", "verify", folder)
    assert (code, out.splitlines()[0]) == (0, "No problems. Checked 4 files and 1 checkpoints.")
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(capsys, "--lang", "en", "verify", "--deep", folder)
    assert (code, out.splitlines()[-2]) == (0, "Also checked the chain of 2 log entries and the content of 1 items "
                                                "(decrypted and hashed again).")


def test_backup_warns_and_exits_1_about_a_file_the_case_lost(tmp_path, capsys, case_dir):
    Case.open(case_dir).import_file(write(tmp_path / "in" / "photo.png", b"\x89PNG picture"))
    (tmp_path / "usb").mkdir()
    assert run(capsys, "backup", case_dir, tmp_path / "usb")[0] == 0
    [blob] = [p for p in (case_dir / "items").rglob("*.age") if not p.name.endswith(".meta.age")]
    blob.unlink()
    code, out, _ = run(capsys, "--lang", "en", "backup", case_dir, tmp_path / "usb")
    rel = blob.relative_to(case_dir).as_posix()
    assert code == 1 and (f"  Warning: this file of the case is missing or unreadable; the backup keeps the copy made "
                          f"earlier: {rel}. Check the case with evidence-kit verify.") in out.splitlines()


def test_backup_and_restore_errors_exit_1_with_a_sentence(tmp_path, capsys, case_dir):
    code, out, err = run(capsys, "--lang", "en", "backup", case_dir, tmp_path / "nowhere")
    assert (code, out) == (1, "")
    assert err == (f"The backup folder was not found: {tmp_path / 'nowhere'}. "
                   "Check that the USB stick is plugged in and the place is right.\n")
    code, out, err = run(capsys, "restore", tmp_path, tmp_path / "x")
    assert (code, out) == (1, "")
    assert err.startswith(f"{tmp_path} に evidence-kit のバックアップが見つかりません。")


def test_the_help_is_in_japanese(capsys):
    for command, text in (("backup", "ケースフォルダ（暗号化されたまま）を USB メモリなどにバックアップし"),
                          ("restore", "バックアップから、別の場所に使えるケースを作ります"),
                          ("handover", "警察・弁護士に渡すフォルダを作ります")):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
        assert text in capsys.readouterr().out


@pytest.fixture
def demo(tmp_path, monkeypatch):
    path, _ = build_demo(tmp_path / "cases")
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", DEMO_PASSPHRASE)
    return path


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="sha256sum not found (coreutils)")
def test_handover_prints_the_checks_each_file_and_the_folder(demo, tmp_path, capsys):
    case = Case.open(demo)
    case.unlock(DEMO_PASSPHRASE)
    cr.put(case, "account", "2", {"bank_name": "楽天銀行", "bank_code": "0036", "branch_name": "ワルツ支店",
                                  "type": "普通", "number": "7012345"})  # the holder's name is not known yet
    case.lock()
    out_dir = tmp_path / "for-police"
    code, out, err = run(capsys, "--lang", "en", "handover", demo, out_dir)
    assert code == 1 and not out_dir.exists() and list(tmp_path.glob(".for-police*")) == []
    assert out.splitlines()[0].startswith("[Must fix] Destination account 2 is missing: holder name.")
    assert err.startswith("Export stopped: 1 item(s) must be dealt with first")
    code, out, err = run(capsys, "handover", demo, out_dir, "--acknowledge")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    written = [line for line in lines if line.startswith("  書き出しました: ")]
    assert written[0] == "  書き出しました: 証拠ファイル/資料001_smbc_meisai_202406.csv" and len(written) == 9
    sums = (out_dir / "SHA256SUMS").read_bytes()
    pdf = next(p.name for p in out_dir.glob("*.pdf"))
    assert lines[-3:] == [f"引き渡し用のフォルダを作りました: {out_dir}",
                          f"  PDF {pdf}（23 ページ）と元のファイル 9 件。確認のしかたは中の VERIFY.txt にあります。",
                          f"  SHA256SUMS の SHA-256: {custody.sha256_hex(sums)}"]
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out_dir).returncode == 0
