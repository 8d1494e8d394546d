"""Interop of evidence_kit.core.signing with the real `openssl` and `ssh-keygen`.

These are the commands a third party (police, lawyer) runs on an exported checkpoint.
"""

import hashlib
import os
import re
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization

from evidence_kit.core import signing

for _tool in ("openssl", "ssh-keygen"):
    if shutil.which(_tool) is None:
        pytest.skip(f"{_tool} not found", allow_module_level=True)

ROOT = bytes(range(32))
ROOT_PUB_B64 = "NVgS37wq1j5ebF4MmLcNWgT8alIK7t538bFhW84yYQg="  # as pinned in tests/unit
CASE_ID = "01JDQ8ZK3W5X7V9B2N4M6P8R0T"
PRINCIPAL = f"case-{CASE_ID}"
NONCE = 0x9CC8FEEC051928A9

CHECKPOINT = (
    "evidence-case-checkpoint v1\n"
    f"case: {CASE_ID}\n"
    "seq: 42\n"
    f"head: {hashlib.sha256(b'entry 42').hexdigest()}\n"
    f"log-sha256: {hashlib.sha256(b'custody.jsonl').hexdigest()}\n"
    "time: 2026-11-22T08:41:19Z (local clock)\n"
).encode()


def run(args, cwd, stdin=None):
    env = dict(os.environ, LC_ALL="C")
    proc = subprocess.run(
        args, cwd=cwd, input=stdin, capture_output=True, env=env, timeout=60
    )
    return proc.returncode, (proc.stdout + proc.stderr).decode(errors="replace")


@pytest.fixture
def key():
    return signing.derive_signing_key(ROOT)


@pytest.fixture
def case_dir(tmp_path, key):
    """An exported checkpoint, written the way the app writes it."""
    pub = key.public_key()
    (tmp_path / "checkpoint.txt").write_bytes(CHECKPOINT)
    (tmp_path / "checkpoint.sig").write_bytes(signing.sign_raw(key, CHECKPOINT))
    (tmp_path / "case-signing-pub.pem").write_bytes(signing.public_key_pem(pub))
    (tmp_path / "checkpoint.txt.sshsig").write_text(signing.sign_sshsig(key, CHECKPOINT))
    (tmp_path / "allowed_signers").write_text(signing.allowed_signers_line(pub, PRINCIPAL) + "\n")
    (tmp_path / "case-signing.pub").write_text(signing.ssh_public_line(pub, PRINCIPAL) + "\n")
    (tmp_path / "00000042.tsq").write_bytes(signing.timestamp_request(CHECKPOINT, nonce=NONCE))
    return tmp_path


def _tamper(path):
    data = bytearray(path.read_bytes())
    data[data.index(b"seq: 42") + 6] = ord("3")
    path.write_bytes(bytes(data))


# --- key derivation -----------------------------------------------------------------


def test_derivation_matches_openssl_hkdf(tmp_path, key):
    """Independent known answer: HKDF in openssl, then the Ed25519 public key in openssl."""
    code, out = run(
        [
            "openssl", "kdf", "-keylen", "32",
            "-kdfopt", "digest:SHA256",
            "-kdfopt", f"hexkey:{ROOT.hex()}",
            "-kdfopt", f"info:{signing.HKDF_INFO.decode()}",
            "HKDF",
        ],
        tmp_path,
    )
    assert code == 0, out
    seed = bytes.fromhex(out.strip().replace(":", ""))
    # PKCS#8 wrapper for an Ed25519 private key (RFC 8410) around the 32-byte seed.
    pkcs8 = bytes.fromhex("302e020100300506032b657004220420") + seed
    (tmp_path / "seed.der").write_bytes(pkcs8)
    code, out = run(
        ["openssl", "pkey", "-inform", "DER", "-in", "seed.der", "-pubout", "-out", "pub.pem"],
        tmp_path,
    )
    assert code == 0, out
    assert (tmp_path / "pub.pem").read_bytes() == signing.public_key_pem(key.public_key())
    assert signing.public_key_b64(key) == ROOT_PUB_B64


def test_ssh_keygen_derives_same_public_key(tmp_path, key):
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    path = tmp_path / "id_ed25519"
    path.write_bytes(private)
    path.chmod(0o600)
    code, out = run(["ssh-keygen", "-y", "-f", str(path)], tmp_path)
    assert code == 0, out
    assert out.split()[:2] == signing.ssh_public_line(key.public_key(), "").split()


def test_ssh_keygen_fingerprint(case_dir, key):
    code, out = run(["ssh-keygen", "-lf", "case-signing.pub"], case_dir)
    assert code == 0, out
    # e.g. "256 SHA256:Te+mcRmX... case-01JD... (ED25519)"
    bits, fp, comment, kind = out.split()
    assert (bits, comment, kind) == ("256", PRINCIPAL, "(ED25519)")
    assert fp == signing.fingerprint(key.public_key())


# --- raw Ed25519 via openssl pkeyutl --------------------------------------------------

PKEYUTL = [
    "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "case-signing-pub.pem",
    "-rawin", "-in", "checkpoint.txt", "-sigfile", "checkpoint.sig",
]


def test_openssl_pkeyutl_verifies(case_dir):
    code, out = run(PKEYUTL, case_dir)
    assert code == 0, out
    assert "Signature Verified Successfully" in out


def test_openssl_pkeyutl_rejects_changed_file(case_dir):
    _tamper(case_dir / "checkpoint.txt")
    code, out = run(PKEYUTL, case_dir)
    assert code != 0
    assert "Signature Verification Failure" in out


# --- SSHSIG via ssh-keygen -Y verify ----------------------------------------------------

SSH_VERIFY = [
    "ssh-keygen", "-Y", "verify", "-f", "allowed_signers", "-I", PRINCIPAL,
    "-n", "evidence-case-checkpoint", "-s", "checkpoint.txt.sshsig",
]


def test_ssh_keygen_verifies(case_dir):
    code, out = run(SSH_VERIFY, case_dir, stdin=(case_dir / "checkpoint.txt").read_bytes())
    assert code == 0, out
    assert f'Good "evidence-case-checkpoint" signature for {PRINCIPAL}' in out


def test_ssh_keygen_rejects_changed_file(case_dir):
    _tamper(case_dir / "checkpoint.txt")
    code, out = run(SSH_VERIFY, case_dir, stdin=(case_dir / "checkpoint.txt").read_bytes())
    assert code != 0
    assert "Good" not in out
    assert "Could not verify signature" in out


def test_ssh_keygen_rejects_other_namespace(case_dir):
    args = [a if a != "evidence-case-checkpoint" else "file" for a in SSH_VERIFY]
    code, out = run(args, case_dir, stdin=CHECKPOINT)
    assert code != 0
    assert "Good" not in out


@pytest.mark.parametrize("hashalg", ["sha512", "sha256"])
def test_verify_sshsig_accepts_ssh_keygen_signature(tmp_path, key, hashalg):
    """The other direction: ssh-keygen signs with our key, our verifier checks it."""
    path = tmp_path / "id_ed25519"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    (tmp_path / "checkpoint.txt").write_bytes(CHECKPOINT)
    code, out = run(
        ["ssh-keygen", "-Y", "sign", "-f", str(path), "-n", signing.SSHSIG_NAMESPACE,
         "-O", f"hashalg={hashalg}", "checkpoint.txt"],
        tmp_path,
    )
    assert code == 0, out
    theirs = (tmp_path / "checkpoint.txt.sig").read_text()
    pub = key.public_key()
    assert signing.verify_sshsig(pub, CHECKPOINT, theirs)
    assert not signing.verify_sshsig(pub, CHECKPOINT + b"\n", theirs)
    if hashalg == "sha512":
        # Ed25519 is deterministic, so OpenSSH's armored file matches ours exactly.
        assert theirs == signing.sign_sshsig(key, CHECKPOINT)


# --- RFC 3161 request via openssl ts ---------------------------------------------------


def _ts_text(cwd, name):
    code, out = run(["openssl", "ts", "-query", "-in", name, "-text"], cwd)
    assert code == 0, out
    return out


def _imprint_from_text(text):
    """openssl prints the imprint as a hex dump: '    0000 - ba 78 16 bf ...-41 41 ...   .x..'."""
    digest = bytearray()
    for match in re.finditer(r"^\s+[0-9a-f]{4} - (.*?)\s{3}", text, re.MULTILINE):
        digest += bytes.fromhex(match.group(1).replace("-", " "))
    return bytes(digest)


def test_openssl_reads_our_tsq(case_dir):
    text = _ts_text(case_dir, "00000042.tsq")
    assert "Version: 1" in text
    assert "Hash Algorithm: sha256" in text
    assert _imprint_from_text(text) == hashlib.sha256(CHECKPOINT).digest()
    assert "Certificate required: yes" in text
    assert re.search(r"^Nonce: 0x([0-9A-F]+)$", text, re.MULTILINE).group(1) == f"{NONCE:X}"


def test_openssl_reads_random_nonce(case_dir):
    (case_dir / "random.tsq").write_bytes(signing.timestamp_request(CHECKPOINT))
    text = _ts_text(case_dir, "random.tsq")
    nonce = int(re.search(r"^Nonce: 0x([0-9A-F]+)$", text, re.MULTILINE).group(1), 16)
    assert 0 < nonce < 2**64


@pytest.mark.parametrize("cert_req", [True, False])
def test_tsq_matches_openssl_byte_for_byte(case_dir, cert_req):
    args = ["openssl", "ts", "-query", "-data", "checkpoint.txt", "-sha256", "-no_nonce"]
    args += ["-cert"] if cert_req else []
    code, out = run(args + ["-out", "ref.tsq"], case_dir)
    assert code == 0, out
    ours = signing.timestamp_request(CHECKPOINT, include_nonce=False, cert_req=cert_req)
    assert ours == (case_dir / "ref.tsq").read_bytes()


def test_tsq_with_nonce_matches_openssl_layout(case_dir):
    """openssl's own random-nonce request differs from ours only in the nonce INTEGER."""
    code, out = run(
        ["openssl", "ts", "-query", "-data", "checkpoint.txt", "-sha256", "-cert",
         "-out", "ref.tsq"],
        case_dir,
    )
    assert code == 0, out
    nonce = int(re.search(r"^Nonce: 0x([0-9A-F]+)$", _ts_text(case_dir, "ref.tsq"),
                          re.MULTILINE).group(1), 16)
    ours = signing.timestamp_request(CHECKPOINT, nonce=nonce)
    assert ours == (case_dir / "ref.tsq").read_bytes()
