"""Exporting a bundle: the checks that stop it, the checkpoint signed for it (checked with the real
openssl and ssh-keygen, by the commands the PDF prints), and the export in the custody log."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from datetime import date, datetime, timezone

import pytest

from evidence_kit.core import caserecords as cr
from evidence_kit.core import custody, layout
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.report.export import export

for _tool in ("pdftotext", "openssl", "ssh-keygen"):
    if shutil.which(_tool) is None:
        pytest.skip(f"{_tool} not found (Debian: poppler-utils, openssl, openssh-client)", allow_module_level=True)

CREATED = datetime(2024, 6, 22, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def demo(demo_case):
    return demo_case


def text_of(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_export_is_signed_and_logged(demo, tmp_path):
    result = export(demo, tmp_path / "bundle.pdf", created=CREATED, today=date(2024, 6, 22))
    data = result.path.read_bytes()
    assert (result.pages, result.sha256) == (23, hashlib.sha256(data).hexdigest())
    assert [c.code for c in result.checks] == ["image_not_original", "chat_unsent", "chat_deleted",
                                               "chat_media_missing", "crypto_no_txid"]
    last = custody.doc_of(demo.entries()[-1])
    assert (last["event"], last["what"], last["audience"], last["file"], last["sha256"], last["pages"]) == (
        "export", "pdf", "police", "bundle.pdf", result.sha256, 23)
    assert len(last["numbers"]) == 9
    checkpoint = custody.doc_of(demo.entries()[-2])
    assert (checkpoint["event"], checkpoint["reason"]) == ("checkpoint", "export")
    text = text_of(result.path)
    commands = re.findall(r"^(openssl pkeyutl .*\n.*|ssh-keygen -Y verify .*\n.*)$", text, re.M)
    assert len(commands) == 2
    statement = re.search(r"custody/checkpoints/(\d{8})\.txt", text)[0]
    assert f"seq: {int(statement[-12:-4])}" in text
    assert (demo.path / statement).read_bytes().decode().splitlines()[0] in text
    for command in commands:  # the commands as printed, run in the case folder
        line = command.replace("\n", " ")
        done = subprocess.run(line, shell=True, cwd=demo.path, capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr)
    assert hashlib.sha256((demo.path / statement).read_bytes()).hexdigest() in text


def test_an_incomplete_account_stops_the_export_until_acknowledged(demo, tmp_path):
    cr.put(demo, "account", "2", {"bank_name": "楽天銀行", "type": "普通", "number": "7012345", "holder_kana": ""})
    with pytest.raises(EvidenceKitError) as stopped:
        export(demo, tmp_path / "b.pdf", created=CREATED)
    assert stopped.value.code == "report_blocked" and stopped.value.params["count"] == 1
    assert [c.code for c in stopped.value.params["checks"]][0] == "account_incomplete"
    assert not (tmp_path / "b.pdf").exists()
    events = [custody.doc_of(e)["event"] for e in demo.entries()]
    assert events[-2:] == ["case-record", "verify"] and "export" not in events  # checked, nothing signed or logged
    result = export(demo, tmp_path / "b.pdf", created=CREATED, acknowledged=True)
    assert result.checks[0].code == "account_incomplete" and result.path.exists()


def test_a_damaged_case_cannot_be_exported_even_when_acknowledged(demo, tmp_path):
    item = next(i for i in demo.items() if i["original_name"] == "line_chat_ken.txt")
    blob = demo.path / layout.item_blob(item["id"])
    data = bytearray(blob.read_bytes())
    data[-20] ^= 1
    blob.write_bytes(bytes(data))
    with pytest.raises(EvidenceKitError) as stopped:
        export(demo, tmp_path / "b.pdf", created=CREATED, acknowledged=True)
    assert stopped.value.code == "report_blocked"
    assert stopped.value.message("en").startswith("Export stopped: 1 item(s) must be dealt with first")
    assert not (tmp_path / "b.pdf").exists()


def test_a_bank_bundle_for_a_bank_the_money_never_went_to_is_refused(demo, tmp_path):
    with pytest.raises(EvidenceKitError) as stopped:
        export(demo, tmp_path / "bank.pdf", audience="bank", bank="9999", created=CREATED, today=date(2024, 6, 22))
    assert stopped.value.code == "report_no_bank"
    assert not (tmp_path / "bank.pdf").exists()
    assert custody.doc_of(demo.entries()[-1]).get("event") != "export"


def test_a_pass_drawn_again_is_hashed_from_its_start(tmp_path):
    from evidence_kit.report.export import _Hashing

    with open(tmp_path / "f.pdf", "wb") as f:
        hashing = _Hashing(f)
        hashing.write(b"first pass, longer than the second")
        hashing.seek(0)
        hashing.truncate()
        hashing.write(b"second pass")
        with pytest.raises(ValueError, match="only a restart from the beginning"):
            hashing.seek(5)
    assert (tmp_path / "f.pdf").read_bytes() == b"second pass"
    assert hashing.sha256.hexdigest() == hashlib.sha256(b"second pass").hexdigest()


def test_a_cancel_after_drawing_leaves_no_file_behind(demo, tmp_path):
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    stages = []

    def cancel() -> bool:
        return bool(stages) and stages[-1] == "draw"

    with pytest.raises(EvidenceKitError) as err:
        export(demo, out, created=CREATED, progress=lambda done, total, stage: stages.append(stage), cancel=cancel)
    assert err.value.code == "export_cancelled"
    assert list(out.parent.iterdir()) == []  # neither the bundle nor its temp file
