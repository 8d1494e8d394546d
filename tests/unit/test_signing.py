"""Unit tests for evidence_kit.core.signing (no external tools needed).

The interop with the real `openssl` and `ssh-keygen` lives in
tests/cli/test_signing_tools.py; the known answers pinned here were checked there.
"""

import base64
import hashlib
import struct

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from evidence_kit.core import signing

ROOT = bytes(range(32))
# Public key derived from bytes(range(32)). Checked independently with
# `openssl kdf ... HKDF` + `openssl pkey -pubout` and with `ssh-keygen -lf`.
ROOT_PUB_B64 = "NVgS37wq1j5ebF4MmLcNWgT8alIK7t538bFhW84yYQg="
ROOT_FINGERPRINT = "SHA256:Te+mcRmX+dZj3TqmRDeeF9rwhGN7xegMzy1/E+9hwJw"

DATA = (
    b"evidence-case-checkpoint v1\n"
    b"case: 01JDQ8ZK3W5X7V9B2N4M6P8R0T\n"
    b"seq: 42\n"
    b"head: " + hashlib.sha256(b"entry 42").hexdigest().encode() + b"\n"
    b"log-sha256: " + hashlib.sha256(b"log").hexdigest().encode() + b"\n"
    b"time: 2026-11-22T08:41:19Z (local clock)\n"
)


@pytest.fixture(scope="module")
def key():
    return signing.derive_signing_key(ROOT)


@pytest.fixture(scope="module")
def other_key():
    return signing.derive_signing_key(bytes(range(1, 33)))


# --- derivation and encodings ---------------------------------------------------


def test_constants():
    assert signing.SSHSIG_NAMESPACE == "evidence-case-checkpoint"
    assert signing.HKDF_INFO == b"evidence-kit/case-signing/ed25519/v1"


def test_derivation_known_answer(key):
    assert isinstance(key, Ed25519PrivateKey)
    assert signing.public_key_b64(key) == ROOT_PUB_B64
    assert signing.fingerprint(key.public_key()) == ROOT_FINGERPRINT


def test_derivation_is_deterministic_and_secret_dependent(key, other_key):
    again = signing.derive_signing_key(bytes(ROOT))
    raw = serialization.Encoding.Raw, serialization.PrivateFormat.Raw
    enc = serialization.NoEncryption()
    assert again.private_bytes(*raw, enc) == key.private_bytes(*raw, enc)
    assert signing.public_key_b64(other_key) != signing.public_key_b64(key)
    # The seed is not the root secret itself.
    assert key.private_bytes(*raw, enc) != ROOT


@pytest.mark.parametrize("bad", [b"", bytes(31), bytes(33)])
def test_derivation_rejects_wrong_length(bad):
    with pytest.raises(ValueError):
        signing.derive_signing_key(bad)


def test_public_key_b64_round_trip(key):
    pub = key.public_key()
    assert signing.public_key_b64(pub) == signing.public_key_b64(key)
    back = signing.public_key_from_b64(signing.public_key_b64(pub))
    assert isinstance(back, Ed25519PublicKey)
    assert signing.public_key_b64(back) == ROOT_PUB_B64
    assert signing.public_key_from_b64(" " + ROOT_PUB_B64 + "\n") == back


@pytest.mark.parametrize("bad", ["", "AAAA", base64.b64encode(bytes(33)).decode(), "not base64!"])
def test_public_key_from_b64_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        signing.public_key_from_b64(bad)


def test_public_key_pem(key):
    pem = signing.public_key_pem(key.public_key())
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----\n")
    assert pem.rstrip().endswith(b"-----END PUBLIC KEY-----")
    loaded = serialization.load_pem_public_key(pem)
    assert signing.public_key_b64(loaded) == ROOT_PUB_B64


def _ssh_wire(pub_b64: str) -> bytes:
    raw = base64.b64decode(pub_b64)
    return b"\x00\x00\x00\x0bssh-ed25519" + b"\x00\x00\x00\x20" + raw


def test_ssh_public_line_and_fingerprint(key):
    line = signing.ssh_public_line(key.public_key(), "case-01JDQ8ZK3W5X7V9B2N4M6P8R0T")
    kind, blob, comment = line.split(" ")
    assert kind == "ssh-ed25519"
    assert blob.startswith("AAAAC3NzaC1lZDI1NTE5AAAAI")
    assert comment == "case-01JDQ8ZK3W5X7V9B2N4M6P8R0T"
    assert base64.b64decode(blob) == _ssh_wire(ROOT_PUB_B64)
    digest = hashlib.sha256(base64.b64decode(blob)).digest()
    assert signing.fingerprint(key.public_key()) == (
        "SHA256:" + base64.b64encode(digest).decode().rstrip("=")
    )
    assert "=" not in signing.fingerprint(key.public_key())


def test_allowed_signers_line(key):
    line = signing.allowed_signers_line(key.public_key(), "case-01J")
    blob = base64.b64encode(_ssh_wire(ROOT_PUB_B64)).decode()
    assert line == f'case-01J namespaces="evidence-case-checkpoint" ssh-ed25519 {blob}'
    with pytest.raises(ValueError):
        signing.allowed_signers_line(key.public_key(), "two words")
    with pytest.raises(ValueError):
        signing.allowed_signers_line(key.public_key(), "")


# --- raw Ed25519 ------------------------------------------------------------------


def test_raw_round_trip_and_tamper(key, other_key):
    pub = key.public_key()
    sig = signing.sign_raw(key, DATA)
    assert len(sig) == 64
    assert signing.verify_raw(pub, DATA, sig)
    changed = bytearray(DATA)
    changed[10] ^= 0x01
    assert not signing.verify_raw(pub, bytes(changed), sig)
    bad_sig = bytearray(sig)
    bad_sig[0] ^= 0x80
    assert not signing.verify_raw(pub, DATA, bytes(bad_sig))
    assert not signing.verify_raw(other_key.public_key(), DATA, sig)
    assert not signing.verify_raw(pub, DATA, sig[:63])


# --- SSHSIG -----------------------------------------------------------------------


def _unarmor(armored: str) -> bytes:
    lines = armored.splitlines()
    return base64.b64decode("".join(lines[1:-1]))


def _rearmor(blob: bytes) -> str:
    return (
        "-----BEGIN SSH SIGNATURE-----\n"
        + base64.b64encode(blob).decode()
        + "\n-----END SSH SIGNATURE-----\n"
    )


def _read_strings(buf: bytes) -> list[bytes]:
    out = []
    while buf:
        (n,) = struct.unpack(">I", buf[:4])
        out.append(buf[4 : 4 + n])
        buf = buf[4 + n :]
    return out


def test_sshsig_armor_and_blob_layout(key):
    armored = signing.sign_sshsig(key, DATA)
    lines = armored.split("\n")
    assert lines[0] == "-----BEGIN SSH SIGNATURE-----"
    assert lines[-2:] == ["-----END SSH SIGNATURE-----", ""]
    body = lines[1:-2]
    assert all(len(line) == 70 for line in body[:-1])
    assert 0 < len(body[-1]) <= 70

    blob = _unarmor(armored)
    assert blob[:6] == b"SSHSIG"
    assert blob[6:10] == b"\x00\x00\x00\x01"
    pubkey, namespace, reserved, hash_alg, sig = _read_strings(blob[10:])
    assert pubkey == _ssh_wire(ROOT_PUB_B64)
    assert namespace == b"evidence-case-checkpoint"
    assert reserved == b""
    assert hash_alg == b"sha512"
    sig_type, raw_sig = _read_strings(sig)
    assert sig_type == b"ssh-ed25519"
    # The signature covers the PROTOCOL.sshsig "signed data" structure.
    signed = (
        b"SSHSIG"
        + struct.pack(">I", len(namespace)) + namespace
        + struct.pack(">I", 0)
        + struct.pack(">I", 6) + b"sha512"
        + struct.pack(">I", 64) + hashlib.sha512(DATA).digest()
    )
    key.public_key().verify(raw_sig, signed)
    # Ed25519 is deterministic, so the armored text is too.
    assert signing.sign_sshsig(key, DATA) == armored


def test_sshsig_round_trip_and_rejections(key, other_key):
    pub = key.public_key()
    armored = signing.sign_sshsig(key, DATA)
    assert signing.verify_sshsig(pub, DATA, armored)
    assert signing.verify_sshsig(pub, DATA, armored.replace("\n", "\r\n"))
    # changed data
    assert not signing.verify_sshsig(pub, DATA.replace(b"seq: 42", b"seq: 43"), armored)
    # another namespace, either way round
    assert not signing.verify_sshsig(pub, DATA, armored, namespace="file")
    other_ns = signing.sign_sshsig(key, DATA, namespace="file")
    assert signing.verify_sshsig(pub, DATA, other_ns, namespace="file")
    assert not signing.verify_sshsig(pub, DATA, other_ns)
    # another key, either way round
    assert not signing.verify_sshsig(other_key.public_key(), DATA, armored)
    assert not signing.verify_sshsig(pub, DATA, signing.sign_sshsig(other_key, DATA))


def test_sshsig_rejects_malformed(key):
    pub = key.public_key()
    armored = signing.sign_sshsig(key, DATA)
    blob = _unarmor(armored)
    assert not signing.verify_sshsig(pub, DATA, "")
    assert not signing.verify_sshsig(pub, DATA, "garbage")
    assert not signing.verify_sshsig(pub, DATA, armored.replace("BEGIN SSH", "BEGIN PGP"))
    assert not signing.verify_sshsig(pub, DATA, _rearmor(b"SSHSIX" + blob[6:]))
    assert not signing.verify_sshsig(pub, DATA, _rearmor(blob[:6] + b"\0\0\0\2" + blob[10:]))
    assert not signing.verify_sshsig(pub, DATA, _rearmor(blob[:-1]))
    assert not signing.verify_sshsig(pub, DATA, _rearmor(blob + b"\0"))
    assert not signing.verify_sshsig(pub, DATA, _rearmor(blob.replace(b"sha512", b"sha999")))
    flipped = bytearray(blob)
    flipped[-1] ^= 0x01
    assert not signing.verify_sshsig(pub, DATA, _rearmor(bytes(flipped)))


def test_sshsig_accepts_sha256_variant(key):
    # OpenSSH may also sign with sha256 (ssh-keygen -Y sign -O hashalg=sha256).
    ns = b"evidence-case-checkpoint"
    signed = (
        b"SSHSIG" + struct.pack(">I", len(ns)) + ns + struct.pack(">I", 0)
        + struct.pack(">I", 6) + b"sha256"
        + struct.pack(">I", 32) + hashlib.sha256(DATA).digest()
    )
    raw_sig = key.sign(signed)
    pk = _ssh_wire(ROOT_PUB_B64)
    sig = b"\0\0\0\x0bssh-ed25519" + b"\0\0\0\x40" + raw_sig
    blob = (
        b"SSHSIG\0\0\0\1"
        + struct.pack(">I", len(pk)) + pk
        + struct.pack(">I", len(ns)) + ns
        + struct.pack(">I", 0)
        + struct.pack(">I", 6) + b"sha256"
        + struct.pack(">I", len(sig)) + sig
    )
    assert signing.verify_sshsig(key.public_key(), DATA, _rearmor(blob))
    assert not signing.verify_sshsig(key.public_key(), DATA + b"x", _rearmor(blob))


def test_sshsig_rejects_empty_namespace(key):
    with pytest.raises(ValueError):
        signing.sign_sshsig(key, DATA, namespace="")


# --- RFC 3161 TimeStampReq --------------------------------------------------------

# TimeStampReq for data b"abc", nonce=1, certReq TRUE:
#   30 3c                                SEQUENCE (TimeStampReq), 60 bytes
#     02 01 01                           INTEGER version = 1
#     30 31                              SEQUENCE (MessageImprint), 49 bytes
#       30 0d                            SEQUENCE (AlgorithmIdentifier), 13 bytes
#         06 09 608648016503040201       OID 2.16.840.1.101.3.4.2.1 (sha256)
#         05 00                          NULL parameters
#       04 20 ba7816bf...f20015ad        OCTET STRING sha256(b"abc"), 32 bytes
#     02 01 01                           INTEGER nonce = 1
#     01 01 ff                           BOOLEAN certReq = TRUE
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
ABC_TSQ_NONCE_1 = bytes.fromhex(
    "303c"
    "020101"
    "3031"
    "300d" "0609608648016503040201" "0500"
    "0420" + ABC_SHA256 +
    "020101"
    "0101ff"
)


def test_timestamp_request_exact_bytes():
    assert hashlib.sha256(b"abc").hexdigest() == ABC_SHA256
    assert signing.timestamp_request(b"abc", nonce=1) == ABC_TSQ_NONCE_1


def test_timestamp_request_without_nonce_or_cert_req():
    # Same structure, minus the nonce INTEGER (outer length 0x3c - 3 = 0x39).
    no_nonce = signing.timestamp_request(b"abc", include_nonce=False)
    assert no_nonce == b"\x30\x39" + ABC_TSQ_NONCE_1[2:-6] + b"\x01\x01\xff"
    # certReq FALSE is the DEFAULT, so DER omits it.
    no_cert = signing.timestamp_request(b"abc", nonce=1, cert_req=False)
    assert no_cert == b"\x30\x39" + ABC_TSQ_NONCE_1[2:-3]


def _der_read(buf: bytes, pos: int = 0):
    """Read one DER TLV: returns (tag, content, next position)."""
    tag, first = buf[pos], buf[pos + 1]
    pos += 2
    if first & 0x80:
        size = first & 0x7F
        length = int.from_bytes(buf[pos : pos + size], "big")
        pos += size
    else:
        length = first
    return tag, buf[pos : pos + length], pos + length


def _der_children(content: bytes) -> list[tuple[int, bytes]]:
    out, pos = [], 0
    while pos < len(content):
        tag, value, pos = _der_read(content, pos)
        out.append((tag, value))
    return out


def _parse_tsq(der: bytes) -> dict:
    tag, content, end = _der_read(der)
    assert tag == 0x30 and end == len(der)
    fields = _der_children(content)
    assert fields[0] == (0x02, b"\x01")
    assert fields[1][0] == 0x30
    (alg_tag, alg), (oct_tag, digest) = _der_children(fields[1][1])
    assert alg_tag == 0x30 and oct_tag == 0x04
    assert _der_children(alg) == [(0x06, bytes.fromhex("608648016503040201")), (0x05, b"")]
    result = {"digest": digest, "nonce": None, "cert_req": False}
    for tag, value in fields[2:]:
        if tag == 0x02:
            # Minimal encoding: no redundant leading 00 / ff byte.
            assert len(value) == 1 or not (
                (value[0] == 0 and value[1] < 0x80) or (value[0] == 0xFF and value[1] >= 0x80)
            )
            result["nonce"] = int.from_bytes(value, "big", signed=True)
        elif tag == 0x01:
            assert value == b"\xff"
            result["cert_req"] = True
        else:
            raise AssertionError(f"unexpected tag {tag:#x}")
    return result


def test_timestamp_request_random_nonce():
    nonces = set()
    for _ in range(32):
        parsed = _parse_tsq(signing.timestamp_request(DATA))
        assert parsed["digest"] == hashlib.sha256(DATA).digest()
        assert parsed["cert_req"] is True
        assert 0 < parsed["nonce"] < 2**64
        nonces.add(parsed["nonce"])
    assert len(nonces) == 32


@pytest.mark.parametrize(
    "nonce, encoded",
    [
        (0, "020100"),
        (127, "02017f"),
        (128, "02020080"),
        (256, "02020100"),
        (2**63, "0209008000000000000000"),
        (2**64 - 1, "020900ffffffffffffffff"),
        (0x00FF000000000001, "020800ff000000000001"),
    ],
)
def test_timestamp_request_nonce_integer_encoding(nonce, encoded):
    der = signing.timestamp_request(b"abc", nonce=nonce, cert_req=False)
    assert der.endswith(bytes.fromhex(encoded))
    assert _parse_tsq(der)["nonce"] == nonce


def test_timestamp_request_rejects_negative_nonce():
    with pytest.raises(ValueError):
        signing.timestamp_request(b"abc", nonce=-1)
