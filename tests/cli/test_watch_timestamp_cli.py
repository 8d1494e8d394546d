"""`evidence-kit watch` and `evidence-kit timestamp requests|attach|list`, as a user runs them.

The commands are added to the parser by `cli_watch.add_parsers`; `main` below builds a parser the way
evidence_kit.cli does and handles errors the same way, so these tests do not depend on cli.py."""

from __future__ import annotations

import argparse
import hashlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from evidence_kit import cli_watch
from evidence_kit.cli import Cli
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from tests.unit.test_timestamps import make_tsa, reply

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "ja"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="evidence-kit", parents=[common])
    cli_watch.add_parsers(parser.add_subparsers(dest="command"), common,
                          lambda p: p.add_argument("--passphrase-file"), lang)
    args = parser.parse_args(argv)
    cli = Cli(lang)
    try:
        return args.run(cli, args)
    except EvidenceKitError as exc:
        cli.error(exc)
        return 1


class Lines:
    """stdout of a running process, line by line, waited for with a timeout."""

    def __init__(self, stream):
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.queue.put(line.rstrip("\n")) for line in stream], daemon=True).start()

    def next(self) -> str:
        try:
            line = self.queue.get(timeout=30)
        except queue.Empty:
            pytest.fail(f"no more output after {self.seen}")
        self.seen.append(line)
        return line


def test_watch_prints_a_line_per_import_and_ends_with_ctrl_c(case_dir, tmp_path):
    inbox = tmp_path / "phone"
    inbox.mkdir()
    (inbox / "before.png").write_bytes(b"already there")
    runner = "import sys; from tests.cli.test_watch_timestamp_cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", runner, "--lang", "en", "watch", str(case_dir), str(inbox),
                             "--settle", "0.5"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        out = Lines(proc.stdout)
        assert out.next() == f"Watching: {inbox}"
        assert out.next() == ("New files are imported 0.5 seconds after they stop changing. The 1 file(s) already in the "
                              "folder are imported too (0 handed over by an earlier watch and unchanged since are left "
                              "alone). The case stays locked. The same content is not stored twice; duplicates of items "
                              "imported in other ways are found at the next unlock. Press Ctrl+C to stop.")
        first = out.next()
        assert first[0] == "[" and first[9:] == f"] Imported: before.png (13 bytes, SHA-256 {hashlib.sha256(b'already there').hexdigest()})"
        (inbox / "new.png").write_bytes(b"already there")  # the same picture again
        assert out.next()[9:].startswith("] Already in the case with the same content, not stored again: new.png (existing item ")
        shutil.rmtree(inbox)
        assert out.next()[9:] == f"] The watched folder is not there (was the phone or USB stick unplugged?). Waiting for it to come back: {inbox}"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert out.next() == "Stopped watching. 1 imported, 1 duplicates, 0 failed."
        assert proc.stderr.read() == ""
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()


def start_watch(case_dir, inbox, *extra, env=None) -> tuple[subprocess.Popen, Lines]:
    runner = "import sys; from tests.cli.test_watch_timestamp_cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", runner, "--lang", "en", "watch", str(case_dir), str(inbox),
                             "--settle", "0.5", *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    return proc, Lines(proc.stdout)


def stop_watch(proc: subprocess.Popen, out: Lines) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        assert proc.wait(timeout=30) == 0
        return out.next()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()


def test_watch_with_the_passphrase_knows_earlier_items_and_a_later_locked_watch_skips_what_it_took(case_dir, tmp_path):
    from tests.conftest import PASSPHRASE

    inbox = tmp_path / "phone"
    inbox.mkdir()
    (tmp_path / "earlier.png").write_bytes(b"imported last week")
    Case.open(case_dir).import_file(tmp_path / "earlier.png")  # by the import command, last week
    (inbox / "IMG_0001.png").write_bytes(b"imported last week")  # the same picture, synced from the phone
    (inbox / "IMG_0002.png").write_bytes(b"new")
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n")
    proc, out = start_watch(case_dir, inbox, "--passphrase-file", str(tmp_path / "pass.txt"))
    try:
        lines = [out.next() for _ in range(3)]
        assert lines[0] == ("1 log entries were added since the last signature (e.g. imports while locked). "
                            "They are now signed.")
        assert lines[1] == f"Watching: {inbox}" and lines[2].endswith(
            "The case is unlocked, so content already in the case is recognised at once and not stored again. "
            "Press Ctrl+C to stop (the case is locked again).")
        got = sorted(out.next()[9:] for _ in range(2))
        assert got[0].startswith("] Already in the case with the same content, not stored again: IMG_0001.png (existing item ")
        assert got[1].startswith("] Imported: IMG_0002.png (3 bytes, SHA-256 ")
    finally:
        last = stop_watch(proc, out)
    assert last == "Stopped watching. 1 imported, 1 duplicates, 0 failed."

    proc, out = start_watch(case_dir, inbox)  # locked, the next day: nothing is read or stored again
    try:
        lines = [out.next() for _ in range(2)]
        assert lines[1].startswith("New files are imported 0.5 seconds after they stop changing. The 0 file(s) already in "
                                   "the folder are imported too (2 handed over by an earlier watch")
    finally:
        last = stop_watch(proc, out)
    assert last == "Stopped watching. 0 imported, 0 duplicates, 0 failed."


def test_watch_refuses_what_is_not_a_case_and_a_bad_settle_time(tmp_path, capsys, case_dir):
    assert main(["--lang", "en", "watch", str(tmp_path), str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"{tmp_path} is not a case folder (case.json is missing or unreadable).\n"
    assert main(["--lang", "en", "watch", str(case_dir), str(tmp_path), "--unlock"]) == 1  # asked to unlock, no terminal
    assert capsys.readouterr().err == ("A passphrase is needed. There is no terminal to ask on: set "
                                       "EVIDENCE_KIT_PASSPHRASE or use --passphrase-file.\n")
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "en", "watch", str(tmp_path), str(tmp_path), "--settle", "0"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith("argument --settle: give the seconds as a number above 0: 0")


@pytest.fixture(scope="module")
def tsa(tmp_path_factory) -> Path:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is missing")
    return make_tsa(tmp_path_factory.mktemp("cli-tsa") / "tsa")


def test_requests_attach_and_list(case_dir, tsa, tmp_path, capsys):
    usb = tmp_path / "usb"
    assert main(["--lang", "en", "timestamp", "list", str(case_dir)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "No timestamps attached yet.",
        "1 checkpoint(s) are waiting for a timestamp (newest 1). \"evidence-kit timestamp requests\" writes the requests."]
    assert main(["--lang", "en", "timestamp", "requests", str(case_dir), str(usb)]) == 0
    assert capsys.readouterr().out == f"1 request(s) written to {usb} (README.txt says how to send them)\n"
    name = f"{Case.open(case_dir).case_id}_00000001"
    reply(tsa, usb / f"{name}.tsq", usb / f"{name}.tsr")  # sent from another computer, brought back
    (usb / "stray.tsr").write_bytes(b"not a reply")

    assert main(["--lang", "en", "timestamp", "attach", str(case_dir), str(usb)]) == 1  # the folder: both .tsr files
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith(f"Attached: {name}.tsr → checkpoint 1 (")
    assert printed[0].endswith(" JST, UTC " + printed[0].split("UTC ")[1].split(",")[0] + ", issued by CN=rsa_tsa TSA,O=Local Test)")
    assert printed[1] == f"Not attached: This cannot be read as a timestamp reply (it is damaged, or another kind of file): {usb / 'stray.tsr'}"

    assert main(["--lang", "en", "timestamp", "attach", str(case_dir), str(usb / f"{name}.tsr")]) == 0
    assert capsys.readouterr().out == f"Already attached: {name}.tsr → checkpoint 1\n"
    assert main(["--lang", "en", "timestamp", "requests", str(case_dir), str(tmp_path / "again")]) == 0
    assert capsys.readouterr().out == "No checkpoint is waiting for a timestamp.\n"

    assert main(["--lang", "en", "timestamp", "list", str(case_dir), "--ca", str(tsa / "ca.pem")]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("checkpoint 1  ") and line.endswith(
        ")  issued by CN=rsa_tsa TSA,O=Local Test  valid (the signature and the checkpoint match)")
    assert main(["timestamp", "list", str(case_dir), "--ca", str(tsa / "other_ca.pem")]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith("署名は正しいが、指定した認証局の証明書につながりません")


def test_attach_names_a_missing_reply_and_an_empty_folder(case_dir, tmp_path, capsys):
    assert main(["--lang", "en", "timestamp", "attach", str(case_dir), str(tmp_path / "none.tsr")]) == 1
    assert capsys.readouterr().out == f"Not attached: File not found: {tmp_path / 'none.tsr'}\n"
    (tmp_path / "empty").mkdir()
    assert main(["--lang", "en", "timestamp", "attach", str(case_dir), str(tmp_path / "empty")]) == 1
    assert capsys.readouterr().err == f"File not found: {tmp_path / 'empty' / '*.tsr'}\n"
