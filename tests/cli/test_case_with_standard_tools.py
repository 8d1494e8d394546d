"""A case folder is recoverable and checkable with standard tools only: age, sha256sum, openssl, ssh-keygen."""

import hashlib
import json
import shutil
import subprocess

import pytest

from evidence_kit.core import custody, layout
from evidence_kit.core.case import Case, create_case
from tests.conftest import PASSPHRASE, write

for tool in ("age", "sha256sum", "openssl", "ssh-keygen"):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found", allow_module_level=True)

from tests.tty import run_with_tty


def run_age_with_tty(args, answers):
    return run_with_tty(["age", *args], answers)


@pytest.fixture
def case_with_item(tmp_path):
    case = create_case(tmp_path / "case", PASSPHRASE)
    src = write(tmp_path / "LINE_トーク.txt", "[LINE] トーク履歴\n2024/05/01(水)\n20:14\tケン\tこんにちは\n".encode() * 3000)
    result = case.import_file(src)
    case.lock()
    return tmp_path / "case", src, result.item_id


def test_age_cli_opens_an_item_with_the_identity_file(case_with_item, tmp_path):
    case_dir, src, item_id = case_with_item
    out = tmp_path / "recovered.txt"
    code, tty = run_age_with_tty(["-d", "-i", case_dir / layout.IDENTITY, "-o", out, case_dir / layout.item_blob(item_id)],
                                 [PASSPHRASE])
    assert code == 0, tty
    assert out.read_bytes() == src.read_bytes()


def test_recovery_readme_steps_for_many_files(case_with_item, tmp_path):
    case_dir, src, item_id = case_with_item
    key = tmp_path / "key.txt"
    code, tty = run_age_with_tty(["-d", "-o", key, case_dir / layout.IDENTITY], [PASSPHRASE])
    assert code == 0, tty
    meta = subprocess.run(["age", "-d", "-i", key, case_dir / layout.item_meta(item_id)], capture_output=True, check=True)
    doc = json.loads(meta.stdout)
    assert doc["original_name"] == "LINE_トーク.txt" and doc["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    blob = subprocess.run(["age", "-d", "-i", key, case_dir / layout.item_blob(item_id)], capture_output=True, check=True)
    assert blob.stdout == src.read_bytes()


def test_wrong_passphrase_in_age(case_with_item, tmp_path):
    case_dir, _, item_id = case_with_item
    code, tty = run_age_with_tty(["-d", "-i", case_dir / layout.IDENTITY, "-o", tmp_path / "x", case_dir / layout.item_blob(item_id)],
                                 ["not the passphrase"])
    assert code != 0 and not (tmp_path / "x").exists()


def test_sha256sum_checks_blobsums(case_with_item):
    case_dir, _, item_id = case_with_item
    ok = subprocess.run(["sha256sum", "-c", "BLOBSUMS"], cwd=case_dir, capture_output=True, text=True)
    assert ok.returncode == 0
    assert f"{layout.item_blob(item_id)}: OK" in ok.stdout.splitlines()
    blob = case_dir / layout.item_blob(item_id)
    data = bytearray(blob.read_bytes())
    data[100] ^= 1
    blob.write_bytes(bytes(data))
    bad = subprocess.run(["sha256sum", "-c", "BLOBSUMS"], cwd=case_dir, capture_output=True, text=True)
    assert bad.returncode == 1
    assert f"{layout.item_blob(item_id)}: FAILED" in bad.stdout.splitlines()


def test_case_checkpoint_verifies_with_openssl_and_ssh_keygen(case_with_item, tmp_path):
    case_dir, _, _ = case_with_item
    case = Case.open(case_dir)
    [*_, txt] = custody.checkpoint_files(case_dir)
    pem = case_dir / layout.SIGNING_PUB_PEM
    signers = case_dir / layout.ALLOWED_SIGNERS
    principal = f"case-{case.case_id}"

    def openssl(statement):
        return subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem, "-rawin",
                               "-in", statement, "-sigfile", txt.with_suffix(".sig")], capture_output=True, text=True)

    def ssh(statement):
        with open(statement, "rb") as f:
            return subprocess.run(["ssh-keygen", "-Y", "verify", "-f", signers, "-I", principal,
                                   "-n", "evidence-case-checkpoint", "-s", txt.with_suffix(".txt.sshsig")],
                                  stdin=f, capture_output=True, text=True)

    good_o, good_s = openssl(txt), ssh(txt)
    assert good_o.returncode == 0 and "Signature Verified Successfully" in good_o.stdout
    assert good_s.returncode == 0 and f'Good "evidence-case-checkpoint" signature for {principal}' in good_s.stdout
    changed = tmp_path / "changed.txt"
    changed.write_bytes(txt.read_bytes().replace(b"seq: ", b"seq: 1"))
    assert openssl(changed).returncode != 0
    assert ssh(changed).returncode != 0
    tsq = subprocess.run(["openssl", "ts", "-query", "-in", txt.with_suffix(".tsq"), "-text"], capture_output=True, text=True)
    assert tsq.returncode == 0 and "Hash Algorithm: sha256" in tsq.stdout
    digest = hashlib.sha256(txt.read_bytes()).hexdigest()
    # the imprint is printed as a hex dump: "0000 - ba 78 16 bf 8f 01 cf ea-41 41 ...   .x......AA"
    rows = [line.strip() for line in tsq.stdout.splitlines() if line.strip()[:7] in ("0000 - ", "0010 - ")]
    printed = "".join(row[7:7 + 47].replace("-", " ").replace(" ", "") for row in rows)
    assert printed == digest
