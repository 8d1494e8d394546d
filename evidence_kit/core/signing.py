"""Checkpoint signing: an Ed25519 key derived from the case root secret.

Every checkpoint statement gets two detached signatures from the same key, so a
third party can check it with standard tools only:

* a raw 64-byte Ed25519 signature, for
  ``openssl pkeyutl -verify -pubin -inkey case-signing-pub.pem -rawin ...``;
* an OpenSSH SSHSIG signature (PROTOCOL.sshsig), for ``ssh-keygen -Y verify``.

It also builds RFC 3161 TimeStampReq messages offline, to be sent to a TSA later.
See the crypto design, sections 5.2, 6.3 and 7.1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SSHSIG_NAMESPACE = "evidence-case-checkpoint"
HKDF_INFO = b"evidence-kit/case-signing/ed25519/v1"

_SSH_KEY_TYPE = b"ssh-ed25519"
_SSHSIG_MAGIC = b"SSHSIG"
_SSHSIG_VERSION = 1
_SSHSIG_HASH = b"sha512"
_ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_END = "-----END SSH SIGNATURE-----"
_ARMOR_WIDTH = 70

_SHA256_OID = "2.16.840.1.101.3.4.2.1"


# --- key derivation and encodings -------------------------------------------


def derive_key(root_secret: bytes, info: bytes) -> bytes:
    """A 32-byte key for one purpose: HKDF-SHA256(R, salt=None, info)."""
    if not isinstance(root_secret, (bytes, bytearray)) or len(root_secret) != 32:
        raise ValueError("root secret must be 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(bytes(root_secret))


def derive_signing_key(root_secret: bytes) -> Ed25519PrivateKey:
    """Derive the case signing key: HKDF-SHA256(R, salt=None, info=HKDF_INFO) -> seed."""
    return Ed25519PrivateKey.from_private_bytes(derive_key(root_secret, HKDF_INFO))


def _public(key: Ed25519PrivateKey | Ed25519PublicKey) -> Ed25519PublicKey:
    if isinstance(key, Ed25519PrivateKey):
        return key.public_key()
    if isinstance(key, Ed25519PublicKey):
        return key
    raise TypeError("expected an Ed25519 key")


def _raw_public(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    return _public(key).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw 32-byte public key in standard (padded) base64."""
    return base64.b64encode(_raw_public(key)).decode("ascii")


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    raw = base64.b64decode(text.strip(), validate=True)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_pem(pub: Ed25519PublicKey) -> bytes:
    """SubjectPublicKeyInfo PEM, as ``openssl pkeyutl -pubin`` reads it."""
    return _public(pub).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _ssh_key_blob(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    return _ssh_string(_SSH_KEY_TYPE) + _ssh_string(_raw_public(key))


def fingerprint(pub: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """OpenSSH SHA256 fingerprint, the same text ``ssh-keygen -lf`` prints."""
    digest = hashlib.sha256(_ssh_key_blob(pub)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def ssh_public_line(pub: Ed25519PrivateKey | Ed25519PublicKey, comment: str) -> str:
    blob = base64.b64encode(_ssh_key_blob(pub)).decode("ascii")
    line = f"ssh-ed25519 {blob}"
    return f"{line} {comment}" if comment else line


def allowed_signers_line(pub: Ed25519PrivateKey | Ed25519PublicKey, principal: str) -> str:
    if not principal or any(c.isspace() for c in principal):
        raise ValueError("principal must be a non-empty string without whitespace")
    blob = base64.b64encode(_ssh_key_blob(pub)).decode("ascii")
    return f'{principal} namespaces="{SSHSIG_NAMESPACE}" ssh-ed25519 {blob}'


# --- raw Ed25519 --------------------------------------------------------------


def sign_raw(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify_raw(pub: Ed25519PublicKey, data: bytes, sig: bytes) -> bool:
    try:
        _public(pub).verify(sig, data)
    except InvalidSignature:
        return False
    return True


# --- SSHSIG (OpenSSH PROTOCOL.sshsig) ------------------------------------------


def _sshsig_signed_data(namespace: str, data: bytes, hash_alg: bytes = _SSHSIG_HASH) -> bytes:
    return (
        _SSHSIG_MAGIC
        + _ssh_string(namespace.encode("utf-8"))
        + _ssh_string(b"")  # reserved
        + _ssh_string(hash_alg)
        + _ssh_string(hashlib.new(hash_alg.decode("ascii"), data).digest())
    )


def sign_sshsig(key: Ed25519PrivateKey, data: bytes, namespace: str = SSHSIG_NAMESPACE) -> str:
    """Armored SSHSIG signature, the ``.sshsig`` file ``ssh-keygen -Y verify`` reads."""
    if not namespace:
        raise ValueError("namespace must not be empty")
    signature = key.sign(_sshsig_signed_data(namespace, data))
    blob = (
        _SSHSIG_MAGIC
        + struct.pack(">I", _SSHSIG_VERSION)
        + _ssh_string(_ssh_key_blob(key))
        + _ssh_string(namespace.encode("utf-8"))
        + _ssh_string(b"")
        + _ssh_string(_SSHSIG_HASH)
        + _ssh_string(_ssh_string(_SSH_KEY_TYPE) + _ssh_string(signature))
    )
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i : i + _ARMOR_WIDTH] for i in range(0, len(text), _ARMOR_WIDTH)]
    return "\n".join([_ARMOR_BEGIN, *lines, _ARMOR_END]) + "\n"


def _split_ssh_strings(buf: bytes, count: int) -> list[bytes]:
    """Split ``buf`` into exactly ``count`` length-prefixed SSH strings."""
    out, pos = [], 0
    for _ in range(count):
        if pos + 4 > len(buf):
            raise ValueError("truncated")
        end = pos + 4 + int.from_bytes(buf[pos : pos + 4], "big")
        if end > len(buf):
            raise ValueError("truncated")
        out.append(buf[pos + 4 : end])
        pos = end
    if pos != len(buf):
        raise ValueError("trailing data")
    return out


def _unarmor(armored: str) -> bytes:
    lines = [line.strip() for line in armored.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _ARMOR_BEGIN or lines[-1] != _ARMOR_END:
        raise ValueError("not an armored SSH signature")
    return base64.b64decode("".join(lines[1:-1]), validate=True)


def verify_sshsig(
    pub: Ed25519PublicKey, data: bytes, armored: str, namespace: str = SSHSIG_NAMESPACE
) -> bool:
    """Check an armored SSHSIG signature made by ``pub`` over ``data`` in ``namespace``."""
    try:
        blob = _unarmor(armored)
        header, body = blob[:10], blob[10:]
        if header != _SSHSIG_MAGIC + struct.pack(">I", _SSHSIG_VERSION):
            return False
        key_blob, sig_namespace, _reserved, hash_alg, sig_blob = _split_ssh_strings(body, 5)
        sig_type, signature = _split_ssh_strings(sig_blob, 2)
    except ValueError:
        return False
    if not hmac.compare_digest(key_blob, _ssh_key_blob(pub)):
        return False
    # We sign with sha512; OpenSSH also allows sha256 (ssh-keygen -O hashalg=sha256).
    if sig_namespace != namespace.encode("utf-8") or hash_alg not in (b"sha256", b"sha512"):
        return False
    if sig_type != _SSH_KEY_TYPE or len(signature) != 64:
        return False
    return verify_raw(pub, _sshsig_signed_data(namespace, data, hash_alg), signature)


# --- RFC 3161 TimeStampReq (minimal DER encoder) -------------------------------


def _der(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + length + content


def _der_integer(value: int) -> bytes:
    # Minimal two's complement: one extra bit for the sign, rounded up to bytes.
    size = (value + (value < 0)).bit_length() // 8 + 1
    return _der(0x02, value.to_bytes(size, "big", signed=True))


def _der_oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    body = bytearray([40 * arcs[0] + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        while arc := arc >> 7:
            chunk.append(0x80 | (arc & 0x7F))
        body.extend(reversed(chunk))
    return _der(0x06, bytes(body))


def timestamp_request(
    data: bytes,
    *,
    nonce: int | None = None,
    cert_req: bool = True,
    include_nonce: bool = True,
) -> bytes:
    """DER TimeStampReq over sha256(data), as ``openssl ts -query -sha256 -cert`` writes.

    With ``nonce=None`` a random positive 64-bit nonce is used. ``include_nonce=False``
    omits the nonce (like ``openssl ts -query -no_nonce``). ``cert_req=False`` omits
    certReq, since DER leaves out a BOOLEAN equal to its DEFAULT FALSE.
    """
    # SEQUENCE, NULL, OCTET STRING and BOOLEAN are tags 0x30, 0x05, 0x04 and 0x01.
    algorithm = _der(0x30, _der_oid(_SHA256_OID) + _der(0x05, b""))
    imprint = _der(0x30, algorithm + _der(0x04, hashlib.sha256(data).digest()))
    parts = [_der_integer(1), imprint]
    if include_nonce:
        if nonce is None:
            nonce = secrets.randbits(64) or 1
        elif nonce < 0:
            raise ValueError("nonce must not be negative")
        parts.append(_der_integer(nonce))
    if cert_req:
        parts.append(_der(0x01, b"\xff"))
    return _der(0x30, b"".join(parts))
