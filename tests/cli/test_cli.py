"""The command line: exit codes and exact messages in Japanese and English."""

import hashlib
import json
import os
import re
import subprocess
import sys

import pytest

from evidence_kit.cli import main
from evidence_kit.core import layout
from tests.conftest import PASSPHRASE, write


@pytest.fixture
def env_pass(monkeypatch):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_create_import_list_verify_in_japanese(tmp_path, capsys, env_pass):
    case = tmp_path / "case"
    code, out, _ = run(capsys, "case", "create", str(case))
    assert code == 0 and out.startswith(f"ケースを作成しました: {case}\nケース ID: ")
    src = write(tmp_path / "in" / "memo.txt", b"memo")
    write(tmp_path / "in" / "empty.txt", b"")
    code, out, err = run(capsys, "import", str(case), str(tmp_path / "in"), str(tmp_path / "missing.png"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "取り込みました（注意: 0 バイトの空のファイルです）: empty.txt"
    assert lines[1] == f"取り込みました: memo.txt（4 バイト, SHA-256 {hashlib.sha256(b'memo').hexdigest()}）"
    assert lines[2] == f"取り込めませんでした: ファイルが見つかりません: {tmp_path / 'missing.png'}"
    assert lines[3] == "取り込み 2 件、重複 0 件、失敗 1 件。"
    code, out, _ = run(capsys, "import", str(case), str(src))
    assert code == 0
    assert out.splitlines()[0].startswith("同じ内容がすでにケースにあるため、重ねて保存しませんでした: memo.txt（既存の証拠 ")
    code, out, _ = run(capsys, "list", str(case), "--json")
    rows = [json.loads(l) for l in out.splitlines()]
    assert [(r["original_name"], r["size"], r["empty"]) for r in rows] == [("empty.txt", 0, True), ("memo.txt", 4, False)]
    code, out, _ = run(capsys, "verify", str(case))
    assert code == 0 and out.startswith("問題ありません。")


def test_english_and_deep_verify(tmp_path, capsys, env_pass):
    case = tmp_path / "case"
    run(capsys, "case", "create", str(case))
    run(capsys, "import", str(case), str(write(tmp_path / "a.png", b"a" * 100)))
    code, out, _ = run(capsys, "--lang", "en", "verify", "--deep", str(case))
    assert code == 0
    assert "No problems. Checked " in out
    assert "Also checked the chain of " in out and "the content of 1 items (decrypted and hashed again)." in out


def test_verify_names_the_damaged_item_and_fails(tmp_path, capsys, env_pass):
    case = tmp_path / "case"
    run(capsys, "case", "create", str(case))
    run(capsys, "import", str(case), str(write(tmp_path / "photo.png", b"p" * 1000)))
    [blob] = [p for p in (case / "items").rglob("*.age") if not p.name.endswith(".meta.age")]
    data = bytearray(blob.read_bytes())
    data[-3] ^= 0xFF
    blob.write_bytes(bytes(data))
    rel = blob.relative_to(case).as_posix()
    code, out, err = run(capsys, "verify", str(case))
    assert code == 1 and err == ""
    assert out.splitlines() == ["問題が 1 件見つかりました:", f"証拠ファイルが変更されています（ハッシュ不一致）: {rel}"]
    code, out, err = run(capsys, "--lang", "en", "verify", "--deep", str(case))
    assert code == 1
    assert out.splitlines()[-2:] == ["Problems found: 1", f'evidence file has been changed (hash mismatch): {rel} "photo.png"']


def test_wrong_passphrase_message(tmp_path, capsys, env_pass, monkeypatch):
    case = tmp_path / "case"
    run(capsys, "case", "create", str(case))
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", "wrong passphrase")
    code, out, err = run(capsys, "list", str(case))
    assert code == 1
    assert err == "パスフレーズが違います。もう一度入力してください（大文字・小文字、全角・半角も区別されます）。\n"
    code, out, err = run(capsys, "list", str(case), "--lang", "en")
    assert err == "The passphrase is not correct. Please try again (upper/lower case and full-width/half-width characters count).\n"


def test_not_a_case_message(tmp_path, capsys):
    code, out, err = run(capsys, "--lang", "en", "verify", str(tmp_path))
    assert code == 1 and err == f"{tmp_path} is not a case folder (case.json is missing or unreadable).\n"


def test_passphrase_file_and_passwd(tmp_path, capsys):
    case = tmp_path / "case"
    pw = write(tmp_path / "pw.txt", (PASSPHRASE + "\n").encode())
    new_pw = write(tmp_path / "new.txt", b"another good passphrase\n")
    assert run(capsys, "case", "create", str(case), "--passphrase-file", str(pw))[0] == 0
    code, out, _ = run(capsys, "passwd", str(case), "--passphrase-file", str(pw), "--new-passphrase-file", str(new_pw))
    assert code == 0 and out == "パスフレーズを変更しました。古いバックアップは古いパスフレーズのままです。\n"
    assert run(capsys, "list", str(case), "--passphrase-file", str(pw))[0] == 1
    assert run(capsys, "list", str(case), "--passphrase-file", str(new_pw))[0] == 0


def test_no_terminal_and_no_passphrase(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = run(capsys, "--lang", "en", "case", "create", str(tmp_path / "c"))
    assert code == 1
    assert err == "A passphrase is needed. There is no terminal to ask on: set EVIDENCE_KIT_PASSPHRASE or use --passphrase-file.\n"


def test_locale_picks_english(monkeypatch):
    from evidence_kit.i18n import detect_lang

    monkeypatch.delenv("EVIDENCE_KIT_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert detect_lang() == "en"
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    assert detect_lang() == "ja"
    assert detect_lang("en") == "en"


def test_console_script_runs(tmp_path):
    """The installed `evidence-kit` entry point, as a user runs it."""
    env = dict(os.environ, EVIDENCE_KIT_PASSPHRASE=PASSPHRASE, EVIDENCE_KIT_TEST_SCRYPT_LOG2N="10")
    out = subprocess.run(["evidence-kit", "--version"], capture_output=True, text=True, env=env)
    assert out.returncode == 0 and out.stdout.startswith("evidence-kit ")
    out = subprocess.run(["evidence-kit", "demo", str(tmp_path)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    case = tmp_path / "demo-case"
    out = subprocess.run(["evidence-kit", "--lang", "en", "list", str(case)], capture_output=True, text=True,
                         env=dict(env, EVIDENCE_KIT_PASSPHRASE="demo-passphrase-2024"))
    assert out.returncode == 0
    assert [l.split(maxsplit=4)[-1] for l in out.stdout.splitlines()[1:]] == [
        "Screenshot_20240520-180512.png", "Screenshot_20240528-211030.png", "WhatsApp Chat - Ken.zip",
        "00000007-PHOTO-2024-06-14-08-13-30.jpg", "bitflyer_torihiki_202406.csv",
        "furikomi_uketsuke_20240521.eml", "line_chat_ken.txt", "memo_first_contact.txt", "smbc_meisai_202406.csv"]
    assert (case / layout.IDENTITY).exists()


def test_passphrase_prompts_on_a_terminal(tmp_path):
    """A person at a terminal types the passphrase twice; a typo in the second is caught."""
    from tests.tty import run_with_tty

    env = {k: v for k, v in os.environ.items() if k != "EVIDENCE_KIT_PASSPHRASE"}
    env["EVIDENCE_KIT_TEST_SCRYPT_LOG2N"] = "10"
    code, out = run_with_tty(["evidence-kit", "--lang", "en", "case", "create", tmp_path / "c"],
                             [PASSPHRASE, PASSPHRASE + "x"], env=env)
    assert code == 1
    assert out.decode().splitlines()[-1] == "The two passphrases do not match."
    assert not (tmp_path / "c").exists()
    code, out = run_with_tty(["evidence-kit", "case", "create", tmp_path / "c"], [PASSPHRASE, PASSPHRASE], env=env)
    assert code == 0, out
    text = out.decode()
    assert "新しいパスフレーズ: " in text and "もう一度入力してください: " in text
    assert PASSPHRASE not in text  # not echoed
    code, out = run_with_tty(["evidence-kit", "--lang", "en", "list", tmp_path / "c"], [PASSPHRASE], env=env)
    assert code == 0 and out.decode().splitlines()[-1] == "No evidence yet."


def test_demo_twice(tmp_path, capsys):
    assert main(["--lang", "en", "demo", str(tmp_path)]) == 0
    assert main(["--lang", "en", "demo", str(tmp_path)]) == 0
    out, _ = capsys.readouterr()
    made = [(f"Demo case made: {tmp_path / name} (passphrase: demo-passphrase-2024)",
             f"  PDF: {tmp_path / (name + '-police.pdf')} (N pages)",
             f"  PDF: {tmp_path / (name + '-bank-0001.pdf')} (N pages)",
             f"  PDF: {tmp_path / (name + '-bank-0036.pdf')} (N pages)") for name in ("demo-case", "demo-case-2")]
    assert [re.sub(r"\(\d+ pages\)", "(N pages)", line) for line in out.splitlines()] == [*made[0], *made[1]]
    assert all((tmp_path / f"{name}-police.pdf").read_bytes().startswith(b"%PDF-") for name in ("demo-case", "demo-case-2"))
