"""Interop of evidence_kit.core.age with the real `age` CLI (and `age-keygen`), both directions.

age reads passphrases from the terminal, so those runs go through a pseudo-terminal.
"""

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from evidence_kit.core import age
from evidence_kit.core.age import CHUNK_SIZE
from tests.tty import run_with_tty

AGE = shutil.which("age")
if AGE is None:
    pytest.skip("age CLI not found", allow_module_level=True)
AGE_KEYGEN = shutil.which("age-keygen")

SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536, 3 * 65536 + 1, 5_000_000]
PASSPHRASE = "correct horse battery staple"
FAST_LOG2_N = 10


def payload_of(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def run_age(*args) -> subprocess.CompletedProcess:
    return subprocess.run([AGE, *map(str, args)], capture_output=True, timeout=60)


def run_age_with_tty(args, answers: list[str], timeout: float = 60) -> tuple[int, bytes]:
    return run_with_tty([AGE, *args], answers, timeout)


def write_identity_file(path: Path, identity: age.X25519Identity) -> None:
    path.write_text(
        "# created by the evidence_kit tests\n"
        f"# public key: {identity.recipient().to_string()}\n"
        f"{identity.to_string()}\n"
    )


@pytest.fixture(scope="module")
def identity() -> age.X25519Identity:
    return age.X25519Identity.generate()


@pytest.mark.parametrize("size", SIZES)
def test_our_file_opens_with_age(tmp_path, identity, size):
    plain = payload_of(size)
    (tmp_path / "plain").write_bytes(plain)
    write_identity_file(tmp_path / "key.txt", identity)
    result = age.encrypt_file(tmp_path / "plain", tmp_path / "item.age", [identity.recipient()])
    assert result.cipher_size == (tmp_path / "item.age").stat().st_size

    # To stdout: with -o, age creates the output file only on the first write (not for size 0).
    done = run_age("-d", "-i", tmp_path / "key.txt", tmp_path / "item.age")
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain


@pytest.fixture(scope="module")
def keygen_identity(tmp_path_factory) -> tuple[Path, str]:
    if AGE_KEYGEN is None:
        pytest.skip("age-keygen not found")
    key_file = tmp_path_factory.mktemp("keygen") / "key.txt"
    subprocess.run([AGE_KEYGEN, "-o", str(key_file)], check=True, capture_output=True, timeout=30)
    lines = key_file.read_text().splitlines()
    prefix = "# public key: "
    public = next(line.removeprefix(prefix) for line in lines if line.startswith(prefix))
    return key_file, public


def test_keygen_identity_parses_to_its_public_key(keygen_identity):
    key_file, public = keygen_identity
    (parsed,) = age.parse_identity_file(key_file.read_text())
    assert parsed.recipient().to_string() == public


@pytest.mark.parametrize("size", SIZES)
def test_age_file_opens_with_us(tmp_path, keygen_identity, size):
    key_file, public = keygen_identity
    plain = payload_of(size)
    (tmp_path / "plain").write_bytes(plain)
    done = run_age("-r", public, "-o", tmp_path / "item.age", tmp_path / "plain")
    assert done.returncode == 0, done.stderr

    identities = age.parse_identity_file(key_file.read_text())
    result = age.decrypt_file(tmp_path / "item.age", tmp_path / "out", identities)
    assert (tmp_path / "out").read_bytes() == plain
    assert result.plain_size == size
    assert result.cipher_size == (tmp_path / "item.age").stat().st_size


def test_our_passphrase_file_opens_with_age(tmp_path):
    plain = payload_of(CHUNK_SIZE + 100)
    (tmp_path / "plain").write_bytes(plain)
    recipient = age.ScryptRecipient(PASSPHRASE, log2_n=FAST_LOG2_N)
    age.encrypt_file(tmp_path / "plain", tmp_path / "item.age", [recipient])

    args = ["-d", "-o", tmp_path / "out", tmp_path / "item.age"]
    code, output = run_age_with_tty(args, [PASSPHRASE])
    assert code == 0, output
    assert (tmp_path / "out").read_bytes() == plain


def test_our_passphrase_file_refuses_wrong_passphrase_in_age(tmp_path):
    (tmp_path / "plain").write_bytes(b"secret")
    recipient = age.ScryptRecipient(PASSPHRASE, log2_n=FAST_LOG2_N)
    age.encrypt_file(tmp_path / "plain", tmp_path / "item.age", [recipient])
    args = ["-d", "-o", tmp_path / "out", tmp_path / "item.age"]
    code, output = run_age_with_tty(args, ["wrong"])
    assert code != 0
    assert b"incorrect passphrase" in output


def test_age_passphrase_file_opens_with_us(tmp_path):
    plain = payload_of(2 * CHUNK_SIZE)
    (tmp_path / "plain").write_bytes(plain)
    args = ["-p", "-o", tmp_path / "item.age", tmp_path / "plain"]
    code, output = run_age_with_tty(args, [PASSPHRASE, PASSPHRASE])
    assert code == 0, output
    assert b"\n-> scrypt " in (tmp_path / "item.age").read_bytes()[:200]

    age.decrypt_file(tmp_path / "item.age", tmp_path / "out", [age.ScryptIdentity(PASSPHRASE)])
    assert (tmp_path / "out").read_bytes() == plain
    with pytest.raises(age.NoMatchError):
        age.decrypt_file(tmp_path / "item.age", tmp_path / "out2", [age.ScryptIdentity("wrong")])
    assert not (tmp_path / "out2").exists()


def test_passphrase_protected_identity_file_works_with_age(tmp_path, identity):
    """The case folder layout: keys/identity.age is a passphrase file holding the identity file."""
    identity_text = (
        "# evidence case identity\n"
        f"# public key: {identity.recipient().to_string()}\n"
        f"{identity.to_string()}\n"
    )
    (tmp_path / "identity.txt").write_text(identity_text)
    recipient = age.ScryptRecipient(PASSPHRASE, log2_n=FAST_LOG2_N)
    age.encrypt_file(tmp_path / "identity.txt", tmp_path / "identity.age", [recipient])
    (tmp_path / "identity.txt").unlink()

    plain = payload_of(3 * CHUNK_SIZE + 1)
    (tmp_path / "plain").write_bytes(plain)
    age.encrypt_file(tmp_path / "plain", tmp_path / "blob.age", [identity.recipient()])

    args = ["-d", "-i", tmp_path / "identity.age", "-o", tmp_path / "out", tmp_path / "blob.age"]
    code, output = run_age_with_tty(args, [PASSPHRASE])
    assert code == 0, output
    assert (tmp_path / "out").read_bytes() == plain

    # And the same identity file opens with us.
    sealed = (tmp_path / "identity.age").read_bytes()
    text = age.decrypt_bytes(sealed, [age.ScryptIdentity(PASSPHRASE)])
    (opened,) = age.parse_identity_file(text.decode())
    assert opened.secret_bytes() == identity.secret_bytes()


def test_tampered_chunk_fails_everywhere(tmp_path, identity):
    plain = payload_of(2 * CHUNK_SIZE + 500)
    (tmp_path / "plain").write_bytes(plain)
    age.encrypt_file(tmp_path / "plain", tmp_path / "item.age", [identity.recipient()])
    data = bytearray((tmp_path / "item.age").read_bytes())
    mac_line = data.index(b"\n--- ") + 1
    payload_start = data.index(b"\n", mac_line) + 1 + 16
    data[payload_start + (CHUNK_SIZE + 16) + 1234] ^= 0x01  # inside chunk 2 of 3
    (tmp_path / "item.age").write_bytes(bytes(data))
    write_identity_file(tmp_path / "key.txt", identity)

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(age.PayloadError):
        age.decrypt_file(tmp_path / "item.age", out_dir / "plain", [identity])
    assert list(out_dir.iterdir()) == []

    done = run_age("-d", "-i", tmp_path / "key.txt", tmp_path / "item.age")
    assert done.returncode != 0
    assert b"failed to decrypt and authenticate payload chunk" in done.stderr
