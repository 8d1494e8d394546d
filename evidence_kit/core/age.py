"""The age v1 file format (c2sp.org/age) on pyca/cryptography: X25519 and scrypt recipients.

Streams in 64 KiB chunks with flat memory, hashes plaintext and ciphertext in the same pass,
and follows the reference implementation wherever the CCTV test vectors pin behaviour down.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import io
import os
import queue
import re
import struct
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, ClassVar, NamedTuple, Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .fsio import atomic_writer

CHUNK_SIZE = 65536

_TAG_SIZE = 16
_SEALED_CHUNK_SIZE = CHUNK_SIZE + _TAG_SIZE
_FILE_KEY_SIZE = 16
_PAYLOAD_NONCE_SIZE = 16
_WRAP_NONCE = bytes(12)
_CHUNK_NONCE = struct.Struct(">3xQB")  # 11-byte big-endian counter (top 3 bytes zero), last flag
_BATCH = 16 * CHUNK_SIZE  # plaintext read, sealed and handed to the writer thread at a time
_SEALED_BATCH = 16 * _SEALED_CHUNK_SIZE
_WRITEBACK_EVERY = 32 << 20

_VERSION_LINE = b"age-encryption.org/v1\n"
_COLUMNS = 64
_MAX_HEADER_SIZE = 64 * 1024
_MAX_STANZAS = 32
_HEADER_READ_SIZE = 4096
_ARGUMENT = re.compile(rb"[\x21-\x7e]+")
_BASE64_TEXT = re.compile(rb"[A-Za-z0-9+/]*")

_X25519_LABEL = b"age-encryption.org/v1/X25519"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_SCRYPT_SALT_SIZE = 16
_SCRYPT_MAX_LOG2_N = 22  # the age CLI refuses larger work factors
_WORK_FACTOR = re.compile(r"[1-9][0-9]*")

_PUBLIC_KEY_HRP = "age"
_SECRET_KEY_HRP = "age-secret-key-"

_ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
_ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
_ARMOR_WHITESPACE = b" \t\r\n"
_ARMOR_PEEK_SIZE = 1024 + len(_ARMOR_BEGIN)


# --- errors -------------------------------------------------------------------------------


class AgeError(Exception):
    """An age file could not be decrypted; `kind` names the CCTV failure class."""

    kind: ClassVar[str]


class HeaderError(AgeError):
    """The header is malformed, unsupported or over a limit."""

    kind = "header"


class HmacError(AgeError):
    """The header MAC does not match."""

    kind = "hmac"


class PayloadError(AgeError):
    """The payload is truncated, extended or fails authentication."""

    kind = "payload"


class NoMatchError(AgeError):
    """None of the identities opened any recipient stanza."""

    kind = "no match"


class ArmorError(AgeError):
    """The ASCII armor is not strict PEM."""

    kind = "armor"


# --- bech32 (BIP 173, no length limit) ------------------------------------------------------

_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _bech32_polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_BECH32_GENERATOR):
            if (top >> i) & 1:
                checksum ^= generator
    return checksum


def _bech32_hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(values: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    accumulator = bits = 0
    result = []
    mask = (1 << to_bits) - 1
    keep = (1 << (from_bits + to_bits - 1)) - 1
    for value in values:
        accumulator = (accumulator << from_bits | value) & keep
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            result.append(accumulator >> bits & mask)
    if pad and bits:
        result.append(accumulator << (to_bits - bits) & mask)
    elif not pad and (bits >= from_bits or accumulator << (to_bits - bits) & mask):
        raise ValueError("bech32 data has invalid padding")
    return result


def _bech32_encode(hrp: str, data: bytes) -> str:
    """Encode data under hrp as lower-case bech32."""
    words = _convert_bits(data, 8, 5, pad=True)
    polymod = _bech32_polymod(_bech32_hrp_expand(hrp) + words + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[w] for w in words + checksum)


def _bech32_decode(text: str) -> tuple[str, bytes]:
    """Decode an all-lower or all-upper case bech32 string into (lower-case hrp, data)."""
    if not text.isascii():
        raise ValueError("bech32 string has a non-ASCII character")
    if text.lower() != text and text.upper() != text:
        raise ValueError("bech32 string mixes upper and lower case")
    text = text.lower()
    hrp, separator, encoded = text.rpartition("1")
    if not separator or not hrp or len(encoded) < 6:
        raise ValueError("malformed bech32 string")
    if any(not 33 <= ord(c) <= 126 for c in hrp):
        raise ValueError("bech32 prefix has an invalid character")
    if any(c not in _BECH32_CHARSET for c in encoded):
        raise ValueError("bech32 data has an invalid character")
    words = [_BECH32_CHARSET.index(c) for c in encoded]
    if _bech32_polymod(_bech32_hrp_expand(hrp) + words) != 1:
        raise ValueError("bech32 checksum mismatch")
    return hrp, bytes(_convert_bits(words[:-6], 5, 8, pad=False))


def _decode_key(text: str, hrp: str) -> bytes:
    found_hrp, data = _bech32_decode(text)
    if found_hrp != hrp:
        raise ValueError(f"wrong key type {found_hrp!r}, expected {hrp!r}")
    if len(data) != 32:
        raise ValueError("key must be 32 bytes")
    return data


# --- primitives ----------------------------------------------------------------------------


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _b64encode(data: bytes) -> bytes:
    return binascii.b2a_base64(data, newline=False).rstrip(b"=")


def _b64decode(text: bytes | str) -> bytes:
    """Decode canonical unpadded base64 or raise HeaderError."""
    raw = text.encode("ascii") if isinstance(text, str) else text
    if not _BASE64_TEXT.fullmatch(raw):
        raise HeaderError("invalid base64 in header")
    try:
        data = binascii.a2b_base64(raw + b"=" * (-len(raw) % 4), strict_mode=True)
    except binascii.Error:
        raise HeaderError("invalid base64 in header") from None
    if _b64encode(data) != raw:
        raise HeaderError("non-canonical base64 in header")
    return data


def _seal_file_key(wrap_key: bytes, file_key: bytes) -> bytes:
    return ChaCha20Poly1305(wrap_key).encrypt(_WRAP_NONCE, file_key, None)


def _open_file_key(wrap_key: bytes, body: bytes) -> bytes | None:
    """Return the file key, or None when the body does not authenticate under wrap_key."""
    try:
        return ChaCha20Poly1305(wrap_key).decrypt(_WRAP_NONCE, body, None)
    except InvalidTag:
        return None


def _check_body_size(body: bytes) -> None:
    # Checked before decrypting, against partitioning oracles.
    if len(body) != _FILE_KEY_SIZE + _TAG_SIZE:
        raise HeaderError("wrapped file key has the wrong size")


# --- recipients and identities ------------------------------------------------------------


class _Stanza(NamedTuple):
    args: tuple[str, ...]
    body: bytes


@dataclass(frozen=True)
class X25519Recipient:
    """An age1... public key."""

    public_key: bytes

    def __post_init__(self) -> None:
        if len(self.public_key) != 32:
            raise ValueError("X25519 public key must be 32 bytes")

    @classmethod
    def from_string(cls, text: str) -> X25519Recipient:
        return cls(_decode_key(text, _PUBLIC_KEY_HRP))

    def to_string(self) -> str:
        return _bech32_encode(_PUBLIC_KEY_HRP, self.public_key)

    def _wrap(self, file_key: bytes) -> _Stanza:
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared_secret = ephemeral.exchange(X25519PublicKey.from_public_bytes(self.public_key))
        wrap_key = _hkdf(shared_secret, share + self.public_key, _X25519_LABEL)
        return _Stanza(("X25519", _b64encode(share).decode()), _seal_file_key(wrap_key, file_key))


class X25519Identity:
    """An AGE-SECRET-KEY-1... secret key."""

    def __init__(self, secret: bytes):
        if len(secret) != 32:
            raise ValueError("X25519 secret key must be 32 bytes")
        self._secret = bytes(secret)
        self._key = X25519PrivateKey.from_private_bytes(self._secret)
        self._public = self._key.public_key().public_bytes_raw()

    @classmethod
    def generate(cls) -> X25519Identity:
        return cls(os.urandom(32))

    @classmethod
    def from_string(cls, text: str) -> X25519Identity:
        return cls(_decode_key(text, _SECRET_KEY_HRP))

    def to_string(self) -> str:
        return _bech32_encode(_SECRET_KEY_HRP, self._secret).upper()

    def recipient(self) -> X25519Recipient:
        return X25519Recipient(self._public)

    def secret_bytes(self) -> bytes:
        return self._secret

    def __repr__(self) -> str:
        return f"X25519Identity(recipient={self.recipient().to_string()!r})"

    def _unwrap(self, stanza: _Stanza) -> bytes | None:
        if stanza.args[0] != "X25519":
            return None
        if len(stanza.args) != 2:
            raise HeaderError("X25519 stanza must have exactly one argument")
        share = _b64decode(stanza.args[1])
        if len(share) != 32:
            raise HeaderError("X25519 share must be 32 bytes")
        _check_body_size(stanza.body)
        try:
            shared_secret = self._key.exchange(X25519PublicKey.from_public_bytes(share))
        except ValueError:  # pyca refuses an all-zero shared secret (low-order share)
            raise HeaderError("X25519 share is a low-order point") from None
        wrap_key = _hkdf(shared_secret, share + self._public, _X25519_LABEL)
        return _open_file_key(wrap_key, stanza.body)


def _passphrase_bytes(passphrase: bytes | str) -> bytes:
    return passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)


def _scrypt_wrap_key(passphrase: bytes, salt: bytes, log2_n: int) -> bytes:
    kdf = Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=2**log2_n, r=8, p=1)
    return kdf.derive(passphrase)


class ScryptRecipient:
    """A passphrase recipient; it must be the only recipient of a file."""

    def __init__(self, passphrase: bytes | str, log2_n: int = 18):
        if not 1 <= log2_n <= _SCRYPT_MAX_LOG2_N:
            raise ValueError(f"scrypt log2_n must be between 1 and {_SCRYPT_MAX_LOG2_N}")
        self._passphrase = _passphrase_bytes(passphrase)
        if not self._passphrase:
            raise ValueError("passphrase must not be empty")
        self.log2_n = log2_n

    def __repr__(self) -> str:
        return f"ScryptRecipient(log2_n={self.log2_n})"

    def _wrap(self, file_key: bytes) -> _Stanza:
        salt = os.urandom(_SCRYPT_SALT_SIZE)
        wrap_key = _scrypt_wrap_key(self._passphrase, salt, self.log2_n)
        args = ("scrypt", _b64encode(salt).decode(), str(self.log2_n))
        return _Stanza(args, _seal_file_key(wrap_key, file_key))


class ScryptIdentity:
    """A passphrase identity; refuses work factors above max_log2_n."""

    def __init__(self, passphrase: bytes | str, max_log2_n: int = 22):
        self._passphrase = _passphrase_bytes(passphrase)
        self.max_log2_n = max_log2_n

    def __repr__(self) -> str:
        return f"ScryptIdentity(max_log2_n={self.max_log2_n})"

    def _unwrap(self, stanza: _Stanza) -> bytes | None:
        if stanza.args[0] != "scrypt":
            return None
        if len(stanza.args) != 3:
            raise HeaderError("scrypt stanza must have exactly two arguments")
        salt = _b64decode(stanza.args[1])
        if len(salt) != _SCRYPT_SALT_SIZE:
            raise HeaderError("scrypt salt must be 16 bytes")
        work = stanza.args[2]
        if not _WORK_FACTOR.fullmatch(work):
            raise HeaderError("scrypt work factor is not a plain decimal number")
        if len(work) > 2 or int(work) > self.max_log2_n:
            raise HeaderError(f"scrypt work factor {work[:8]} is above the limit {self.max_log2_n}")
        _check_body_size(stanza.body)
        return _open_file_key(_scrypt_wrap_key(self._passphrase, salt, int(work)), stanza.body)


def parse_identity_file(text: str) -> list[X25519Identity]:
    """Parse an age identity file: one AGE-SECRET-KEY-1 per line, '#' comments and blank lines."""
    identities = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(X25519Identity.from_string(line))
        except ValueError as error:
            raise ValueError(f"identity file line {number}: {error}") from None
    if not identities:
        raise ValueError("identity file contains no identities")
    return identities


# --- I/O helpers ---------------------------------------------------------------------------


def _read_up_to(src: BinaryIO, size: int) -> bytes:
    """Read size bytes, fewer only at end of input."""
    data = src.read(size)
    if len(data) == size or not data:
        return data
    parts = [data]
    missing = size - len(data)
    while missing:
        more = src.read(missing)
        if not more:
            break
        parts.append(more)
        missing -= len(more)
    return b"".join(parts)


def _write_all(dst: BinaryIO, data: bytes) -> None:
    written = dst.write(data)
    if written is not None and written < len(data):  # raw streams may write partially
        view = memoryview(data)
        while written < len(data):
            written += dst.write(view[written:])


class _Input:
    """Reads the encrypted input with a small look-ahead buffer, hashing every byte read."""

    def __init__(self, src: BinaryIO):
        self._src = src
        self._buffer = bytearray()
        self._hash = hashlib.sha256()
        self.size = 0

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def _read_source(self, size: int) -> bytes:
        data = _read_up_to(self._src, size)
        self._hash.update(data)
        self.size += len(data)
        return data

    def starts_armored(self) -> bool:
        """Whether the input begins (after whitespace) with the armor BEGIN line."""
        if len(self._buffer) < _ARMOR_PEEK_SIZE:
            self._buffer += self._read_source(_ARMOR_PEEK_SIZE - len(self._buffer))
        return bytes(self._buffer).lstrip(_ARMOR_WHITESPACE).startswith(_ARMOR_BEGIN)

    def readline(self, limit: int) -> bytes:
        """Return the next line with its LF; HeaderError if unterminated or longer than limit."""
        searched = 0
        while (end := self._buffer.find(b"\n", searched)) < 0:
            if len(self._buffer) >= limit:
                raise HeaderError("header is too large")
            searched = len(self._buffer)
            data = self._read_source(_HEADER_READ_SIZE)
            if not data:
                raise HeaderError("input ends inside the header")
            self._buffer += data
        if end >= limit:
            raise HeaderError("header is too large")
        line = bytes(self._buffer[: end + 1])
        del self._buffer[: end + 1]
        return line

    def read(self, size: int) -> bytes:
        """Read size bytes, fewer only at end of input."""
        if not self._buffer:
            return self._read_source(size)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data + self._read_source(size - len(data)) if len(data) < size else data

    def read_all(self) -> bytes:
        parts = []
        while data := self.read(CHUNK_SIZE):
            parts.append(data)
        return b"".join(parts)


# --- header --------------------------------------------------------------------------------


class _HeaderLines:
    """Hands out header lines, enforcing the size limit and keeping the bytes for the MAC."""

    def __init__(self, source: _Input):
        self._source = source
        self.received = bytearray()

    def next(self) -> bytes:
        line = self._source.readline(_MAX_HEADER_SIZE - len(self.received))
        self.received += line
        return line


def _parse_arguments(line: bytes) -> tuple[str, ...]:
    if not line.startswith(b"-> "):
        raise HeaderError("expected a stanza or the MAC line")
    arguments = line[3:-1].split(b" ")
    if not all(_ARGUMENT.fullmatch(argument) for argument in arguments):
        raise HeaderError("stanza argument is empty or has invalid characters")
    return tuple(argument.decode("ascii") for argument in arguments)


def _read_body(lines: _HeaderLines) -> bytes:
    parts = []
    while True:
        text = lines.next()[:-1]
        if len(text) > _COLUMNS:
            raise HeaderError("stanza body line is too long")
        parts.append(_b64decode(text))
        if len(text) < _COLUMNS:
            return b"".join(parts)


def _parse_mac_line(line: bytes) -> bytes:
    if not line.startswith(b"--- "):
        raise HeaderError("malformed MAC line")
    mac = _b64decode(line[4:-1])
    if len(mac) != 32:
        raise HeaderError("header MAC must be 32 bytes")
    return mac


def _read_header(source: _Input) -> tuple[bytes, list[_Stanza], bytes]:
    """Parse the header; return (the received bytes the MAC covers, stanzas, MAC)."""
    lines = _HeaderLines(source)
    if lines.next() != _VERSION_LINE:
        raise HeaderError("not an age v1 file")
    stanzas: list[_Stanza] = []
    while not (line := lines.next()).startswith(b"---"):
        if len(stanzas) == _MAX_STANZAS:
            raise HeaderError(f"header has more than {_MAX_STANZAS} stanzas")
        stanzas.append(_Stanza(_parse_arguments(line), _read_body(lines)))
    mac = _parse_mac_line(line)
    if not stanzas:
        raise HeaderError("header has no recipient stanza")
    if len(stanzas) > 1 and any(stanza.args[0] == "scrypt" for stanza in stanzas):
        raise HeaderError("an scrypt stanza must be the only stanza")
    covered = bytes(lines.received[: -len(line)]) + b"---"
    return covered, stanzas, mac


def _unwrap_file_key(stanzas: list[_Stanza], identities: Sequence) -> bytes:
    for identity in identities:
        for stanza in stanzas:
            file_key = identity._unwrap(stanza)
            if file_key is not None:
                return file_key
    raise NoMatchError("no identity matches any recipient of this file")


def _header_mac(file_key: bytes, covered: bytes) -> bytes:
    return hmac.digest(_hkdf(file_key, b"", b"header"), covered, "sha256")


def _open_header(source: _Input, identities: Sequence) -> bytes:
    """Read and authenticate the header; return the file key."""
    covered, stanzas, mac = _read_header(source)
    file_key = _unwrap_file_key(stanzas, identities)
    if not hmac.compare_digest(_header_mac(file_key, covered), mac):
        raise HmacError("header MAC mismatch")
    return file_key


def _format_stanza(stanza: _Stanza) -> bytes:
    encoded = _b64encode(stanza.body)
    lines = [encoded[i : i + _COLUMNS] for i in range(0, len(encoded), _COLUMNS)]
    if not lines or len(lines[-1]) == _COLUMNS:
        lines.append(b"")
    argument_line = b"-> " + " ".join(stanza.args).encode("ascii") + b"\n"
    return argument_line + b"".join(line + b"\n" for line in lines)


def _build_header(file_key: bytes, recipients: Sequence) -> bytes:
    stanzas = b"".join(_format_stanza(recipient._wrap(file_key)) for recipient in recipients)
    covered = _VERSION_LINE + stanzas + b"---"
    return covered + b" " + _b64encode(_header_mac(file_key, covered)) + b"\n"


def _check_recipients(recipients: Sequence) -> None:
    if not recipients:
        raise ValueError("at least one recipient is required")
    for recipient in recipients:
        if not isinstance(recipient, (X25519Recipient, ScryptRecipient)):
            raise TypeError(f"not an age recipient: {type(recipient).__name__}")
    if len(recipients) > 1 and any(isinstance(r, ScryptRecipient) for r in recipients):
        raise ValueError("a scrypt (passphrase) recipient must be the only recipient")


def _check_identities(identities: Sequence) -> None:
    if not identities:
        raise ValueError("at least one identity is required")
    for identity in identities:
        if not isinstance(identity, (X25519Identity, ScryptIdentity)):
            raise TypeError(f"not an age identity: {type(identity).__name__}")


# --- payload -------------------------------------------------------------------------------


def _payload_cipher(file_key: bytes, nonce: bytes) -> ChaCha20Poly1305:
    return ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))


def _fill(src: BinaryIO, buf: bytearray) -> int:
    """Read into buf until it is full or the input ends; return the byte count."""
    view, got = memoryview(buf), 0
    while got < len(buf):
        data = src.read(len(buf) - got)
        if not data:
            break
        view[got:got + len(data)] = data
        got += len(data)
    return got


class _Sink:
    """Hashes and writes sealed bytes. On Linux it starts writing back to the disk every
    _WRITEBACK_EVERY bytes (FADV_DONTNEED writes dirty pages out and drops only clean ones), so
    the disk works while the CPU encrypts and the final fsync has little left to do."""

    def __init__(self, dst: BinaryIO, cipher_hash, position: int):
        self._dst, self._hash, self._pos, self._flushed = dst, cipher_hash, position, 0
        self._fd = None
        if hasattr(os, "posix_fadvise") and sys.platform.startswith("linux"):
            try:
                self._fd = dst.fileno()
            except (AttributeError, OSError, ValueError):  # not a real file: nothing to write back
                pass

    def __call__(self, data) -> None:
        self._hash.update(data)
        _write_all(self._dst, data)
        self._pos += len(data)
        if self._fd is not None and self._pos - self._flushed >= _WRITEBACK_EVERY:
            self._dst.flush()
            os.posix_fadvise(self._fd, self._flushed, self._pos - self._flushed, os.POSIX_FADV_DONTNEED)
            self._flushed = self._pos


class _Sealer:
    """Seals a batch of plaintext into consecutive STREAM chunks."""

    def __init__(self, cipher: ChaCha20Poly1305, progress):
        self._cipher, self._progress = cipher, progress
        self.counter = self.done = 0

    def seal(self, buf: bytearray, n: int, final: bool, out: bytearray) -> int:
        """Seal buf[:n] into out; the batch's last chunk is flagged last when `final`. Returns bytes in out."""
        src, dst = memoryview(buf), memoryview(out)
        pos = written = 0
        while True:  # an empty input is one empty final chunk
            end = min(pos + CHUNK_SIZE, n)
            last = final and end == n
            size = end - pos + _TAG_SIZE
            self._cipher.encrypt_into(_CHUNK_NONCE.pack(self.counter, last), src[pos:end], None,
                                      dst[written:written + size])
            self.counter += 1
            self.done += end - pos
            written += size
            pos = end
            if self._progress is not None:
                self._progress(self.done)
            if last or pos == n:
                return written


def _encrypt_payload(src, dst, cipher, plain_hash, cipher_hash, progress, position: int) -> tuple[int, int]:
    """Seal src in _BATCH-byte batches; a chunk is last when nothing follows it.

    The calling thread reads, hashes the plaintext and encrypts; a second thread hashes the
    ciphertext and writes it, one whole batch per hand-off, so that two cores share the work.
    Returns (plaintext size, sealed size).
    """
    sink, sealer = _Sink(dst, cipher_hash, position), _Sealer(cipher, progress)
    current, following = bytearray(_BATCH), bytearray(_BATCH)
    current_n = _fill(src, current)
    plain_hash.update(memoryview(current)[:current_n])
    if current_n < _BATCH:  # a small input: no thread
        out = bytearray(_SEALED_BATCH)
        sealed = sealer.seal(current, current_n, True, out)
        sink(memoryview(out)[:sealed])
        return current_n, sealed
    free: queue.Queue = queue.Queue()
    full: queue.Queue = queue.Queue()
    failure: list[BaseException] = []
    for _ in range(3):
        free.put(bytearray(_SEALED_BATCH))

    def write_batches() -> None:
        while (item := full.get()) is not None:
            if not failure:
                try:
                    sink(memoryview(item[0])[:item[1]])
                except BaseException as exc:  # raised again in the calling thread
                    failure.append(exc)
            free.put(item[0])

    writer = threading.Thread(target=write_batches, name="age-writer", daemon=True)
    writer.start()
    sealed_size = 0
    try:
        while True:
            following_n = _fill(src, following) if current_n == _BATCH else 0
            plain_hash.update(memoryview(following)[:following_n])
            out = free.get()
            if failure:
                break
            n_out = sealer.seal(current, current_n, following_n == 0, out)
            full.put((out, n_out))
            sealed_size += n_out
            if following_n == 0:
                break
            current, following, current_n = following, current, following_n
    finally:
        full.put(None)
        writer.join()
    if failure:
        raise failure[0]
    return sealer.done, sealed_size


def _open_chunk(cipher: ChaCha20Poly1305, counter: int, sealed: bytes) -> tuple[bytes, bool]:
    """Open one sealed chunk; a full-size one is tried as not-last, then as last (like age)."""
    if len(sealed) == _SEALED_CHUNK_SIZE:
        try:
            return cipher.decrypt(_CHUNK_NONCE.pack(counter, 0), sealed, None), False
        except InvalidTag:
            pass
    elif counter and len(sealed) == _TAG_SIZE:
        raise PayloadError("final chunk is empty")
    try:
        return cipher.decrypt(_CHUNK_NONCE.pack(counter, 1), sealed, None), True
    except InvalidTag:
        raise PayloadError(f"payload chunk {counter} failed authentication") from None


def _decrypt_payload(source: _Input, dst, cipher, plain_hash, progress) -> int:
    """Release each chunk to dst as soon as it authenticates. Returns plaintext size."""
    counter = done = 0
    while True:
        sealed = source.read(_SEALED_CHUNK_SIZE)
        if not sealed:
            raise PayloadError("payload ends without a final chunk")
        chunk, last = _open_chunk(cipher, counter, sealed)
        plain_hash.update(chunk)
        if dst is not None:
            _write_all(dst, chunk)
        done += len(chunk)
        if progress is not None:
            progress(done)
        if last:
            if source.read(1):
                raise PayloadError("data after the final chunk")
            return done
        counter += 1


# --- public streaming API ------------------------------------------------------------------


@dataclass(frozen=True)
class StreamResult:
    """Sizes and SHA-256 (hex) of the plaintext and of the whole age file, from the same pass."""

    plain_size: int
    plain_sha256: str
    cipher_size: int
    cipher_sha256: str


def encrypt_stream(
    src: BinaryIO,
    dst: BinaryIO,
    recipients: Sequence,
    *,
    progress: Callable[[int], None] | None = None,
) -> StreamResult:
    """Encrypt src to dst as a binary age file, hashing plaintext and ciphertext on the way."""
    _check_recipients(recipients)
    file_key = os.urandom(_FILE_KEY_SIZE)
    nonce = os.urandom(_PAYLOAD_NONCE_SIZE)
    preamble = _build_header(file_key, recipients) + nonce
    cipher_hash = hashlib.sha256(preamble)
    plain_hash = hashlib.sha256()
    _write_all(dst, preamble)
    cipher = _payload_cipher(file_key, nonce)
    plain_size, sealed_size = _encrypt_payload(src, dst, cipher, plain_hash, cipher_hash, progress, len(preamble))
    cipher_size = len(preamble) + sealed_size
    return StreamResult(plain_size, plain_hash.hexdigest(), cipher_size, cipher_hash.hexdigest())


def decrypt_stream(
    src: BinaryIO,
    dst: BinaryIO | None,
    identities: Sequence,
    *,
    progress: Callable[[int], None] | None = None,
) -> StreamResult:
    """Decrypt a binary or armored age file, writing each authenticated chunk to dst (if any).

    On error, dst holds the plaintext released so far; publish it only after success.
    Armored input is read into memory whole.
    """
    _check_identities(identities)
    source = _Input(src)
    if source.starts_armored():
        encrypted = _Input(io.BytesIO(dearmor(source.read_all())))
    else:
        encrypted = source
    file_key = _open_header(encrypted, identities)
    nonce = encrypted.read(_PAYLOAD_NONCE_SIZE)
    if len(nonce) != _PAYLOAD_NONCE_SIZE:
        raise HeaderError("payload nonce is missing or short")
    plain_hash = hashlib.sha256()
    cipher = _payload_cipher(file_key, nonce)
    plain_size = _decrypt_payload(encrypted, dst, cipher, plain_hash, progress)
    return StreamResult(plain_size, plain_hash.hexdigest(), source.size, source.hexdigest())


def encrypt_bytes(data: bytes, recipients: Sequence) -> bytes:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, recipients)
    return out.getvalue()


def decrypt_bytes(data: bytes, identities: Sequence) -> bytes:
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(data), out, identities)
    return out.getvalue()


# --- files, published atomically -----------------------------------------------------------


def encrypt_file(
    src_path, dst_path, recipients: Sequence, *, progress: Callable[[int], None] | None = None
) -> StreamResult:
    """Encrypt a file; dst_path appears complete or not at all."""
    _check_recipients(recipients)
    with open(src_path, "rb") as src, atomic_writer(Path(dst_path)) as out:
        return encrypt_stream(src, out, recipients, progress=progress)


def decrypt_file(
    src_path, dst_path, identities: Sequence, *, progress: Callable[[int], None] | None = None
) -> StreamResult:
    """Decrypt a file; dst_path appears only once the whole stream authenticated."""
    _check_identities(identities)
    with open(src_path, "rb") as src, atomic_writer(Path(dst_path)) as out:
        return decrypt_stream(src, out, identities, progress=progress)


class PlaintextReader(io.RawIOBase):
    """Seekable, read-only access to the plaintext of a binary age file, decrypting and
    authenticating one chunk at a time (chunk i sits at payload + i * (64 KiB + 16)). Opening it
    authenticates the last chunk, so a truncated file fails at once; a damaged chunk fails when read."""

    def __init__(self, f: BinaryIO, identities: Sequence):
        super().__init__()
        _check_identities(identities)
        source = _Input(f)
        file_key = _open_header(source, identities)
        nonce = source.read(_PAYLOAD_NONCE_SIZE)
        if len(nonce) != _PAYLOAD_NONCE_SIZE:
            raise HeaderError("payload nonce is missing or short")
        self._f = f
        self._payload = source.size - len(source._buffer)
        self._cipher = _payload_cipher(file_key, nonce)
        sealed_size = f.seek(0, io.SEEK_END) - self._payload
        full, rest = divmod(sealed_size, _SEALED_CHUNK_SIZE)
        self._chunks = full + (rest > 0)
        if self._chunks == 0 or 0 < rest < _TAG_SIZE or (rest == _TAG_SIZE and full):
            raise PayloadError("payload is truncated or has an empty final chunk")
        self._size = sealed_size - self._chunks * _TAG_SIZE
        self._pos = 0
        self._cached: tuple[int, bytes] = (-1, b"")
        self._chunk(self._chunks - 1)

    def _chunk(self, index: int) -> bytes:
        if self._cached[0] != index:
            self._f.seek(self._payload + index * _SEALED_CHUNK_SIZE)
            sealed = _read_up_to(self._f, _SEALED_CHUNK_SIZE)
            last = index == self._chunks - 1
            try:
                plain = self._cipher.decrypt(_CHUNK_NONCE.pack(index, last), sealed, None)
            except InvalidTag:
                raise PayloadError(f"payload chunk {index} failed authentication") from None
            self._cached = (index, plain)
        return self._cached[1]

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._size:
            index, start = divmod(self._pos, CHUNK_SIZE)
            piece = self._chunk(index)[start:start + len(view) - done]
            view[done:done + len(piece)] = piece
            done += len(piece)
            self._pos += len(piece)
        return done


# --- armor ---------------------------------------------------------------------------------


def dearmor(data: bytes) -> bytes:
    """Decode strict PEM 'AGE ENCRYPTED FILE' armor (LF or CRLF; whitespace only around it)."""
    lines = data.strip(_ARMOR_WHITESPACE).split(b"\n")
    lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    if len(lines) < 2 or lines[0] != _ARMOR_BEGIN or lines[-1] != _ARMOR_END:
        raise ArmorError("missing or wrong armor BEGIN/END line")
    body = lines[1:-1]
    if any(len(line) != _COLUMNS for line in body[:-1]):
        raise ArmorError("armor line is not 64 columns")
    if body and not 0 < len(body[-1]) <= _COLUMNS:
        raise ArmorError("armor last line is empty or too long")
    encoded = b"".join(body)
    try:
        decoded = binascii.a2b_base64(encoded, strict_mode=True)
    except binascii.Error:
        raise ArmorError("invalid base64 in armor") from None
    if binascii.b2a_base64(decoded, newline=False) != encoded:
        raise ArmorError("non-canonical base64 in armor")
    return decoded
