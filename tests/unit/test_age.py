"""Unit tests for evidence_kit.core.age (no external tools; CLI interop is in tests/cli)."""

import base64
import hashlib
import io
import random
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_kit.core import age
from evidence_kit.core.age import CHUNK_SIZE

SIZES = [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 3 * CHUNK_SIZE + 1]
SEALED = CHUNK_SIZE + 16
FAST_LOG2_N = 10

# The example from the age specification (c2sp.org/age): 32 bytes of 0x42.
SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"

IDENTITY = age.X25519Identity.generate()
OTHER_IDENTITY = age.X25519Identity.generate()


def payload_of(size: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(size)


def header_length(data: bytes) -> int:
    mac_line = data.index(b"\n--- ") + 1
    return data.index(b"\n", mac_line) + 1


def chunk_count(plain_size: int) -> int:
    return max(1, -(-plain_size // CHUNK_SIZE))


def encrypt(data: bytes, recipients=None) -> bytes:
    return age.encrypt_bytes(data, recipients or [IDENTITY.recipient()])


class ZeroReader:
    """A reader producing `size` zero bytes without holding them."""

    def __init__(self, size: int):
        self.left = size

    def read(self, n: int) -> bytes:
        n = min(n, self.left)
        self.left -= n
        return bytes(n)


class Sink:
    def write(self, data) -> int:
        return len(data)


# --- keys and bech32 ----------------------------------------------------------------------


def test_spec_example_keys():
    identity = age.X25519Identity.from_string(SPEC_IDENTITY)
    assert identity.secret_bytes() == b"\x42" * 32
    assert identity.to_string() == SPEC_IDENTITY
    assert identity.recipient().to_string() == SPEC_RECIPIENT
    assert age.X25519Recipient.from_string(SPEC_RECIPIENT) == identity.recipient()


def test_generated_identity_round_trips():
    identity = age.X25519Identity.generate()
    text = identity.to_string()
    assert text.startswith("AGE-SECRET-KEY-1") and text == text.upper()
    assert len(identity.secret_bytes()) == 32
    assert age.X25519Identity.from_string(text).secret_bytes() == identity.secret_bytes()
    recipient = identity.recipient().to_string()
    assert recipient.startswith("age1") and recipient == recipient.lower()
    assert age.X25519Recipient.from_string(recipient) == identity.recipient()


def test_identity_string_is_case_insensitive_but_not_mixed():
    lower = SPEC_IDENTITY.lower()
    assert age.X25519Identity.from_string(lower).secret_bytes() == b"\x42" * 32
    assert age.X25519Recipient.from_string(SPEC_RECIPIENT.upper()).to_string() == SPEC_RECIPIENT
    with pytest.raises(ValueError, match="mixes"):
        age.X25519Identity.from_string(SPEC_IDENTITY[:20] + lower[20:])
    kelvin_sign = "\u212a"  # lower-cases to an ASCII 'k'
    with pytest.raises(ValueError, match="non-ASCII"):
        age.X25519Identity.from_string(SPEC_IDENTITY.replace("KEY", kelvin_sign + "EY"))


@pytest.mark.parametrize("position", [16, 30, len(SPEC_IDENTITY) - 1])
def test_checksum_typo_is_rejected(position):
    replacement = "Q" if SPEC_IDENTITY[position] != "Q" else "P"
    typo = SPEC_IDENTITY[:position] + replacement + SPEC_IDENTITY[position + 1 :]
    with pytest.raises(ValueError, match="checksum"):
        age.X25519Identity.from_string(typo)


def test_wrong_key_kind_is_rejected():
    with pytest.raises(ValueError, match="wrong key type"):
        age.X25519Recipient.from_string(SPEC_IDENTITY)
    with pytest.raises(ValueError, match="wrong key type"):
        age.X25519Identity.from_string(SPEC_RECIPIENT)


def test_bech32_bip173_vectors():
    assert age._bech32_decode("A12UEL5L") == ("a", b"")
    words = "".join(f"{i:05b}" for i in range(32))
    expected = int(words, 2).to_bytes(20, "big")
    valid = "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
    assert age._bech32_decode(valid) == ("abcdef", expected)
    assert age._bech32_encode("abcdef", expected) == valid
    invalid_strings = ["A1G7SGD8", "10a06t8", "1qzzfhee", "x1b4n0q5v", "li1dgmt3", "de1lg7wt\xff"]
    for invalid in invalid_strings + ["pzry9x0s0muk"]:
        with pytest.raises(ValueError):
            age._bech32_decode(invalid)


def test_identity_repr_hides_the_secret():
    assert IDENTITY.to_string() not in repr(IDENTITY)
    assert IDENTITY.recipient().to_string() in repr(IDENTITY)


def test_parse_identity_file_skips_comments_and_blank_lines():
    text = (
        "# created: 2026-11-22T10:00:00Z\n"
        f"# public key: {IDENTITY.recipient().to_string()}\n"
        f"{IDENTITY.to_string()}\n"
        "\n"
        f"{OTHER_IDENTITY.to_string()}\r\n"
    )
    parsed = age.parse_identity_file(text)
    assert [i.secret_bytes() for i in parsed] == [
        IDENTITY.secret_bytes(),
        OTHER_IDENTITY.secret_bytes(),
    ]


def test_parse_identity_file_names_the_bad_line_without_echoing_it():
    broken = IDENTITY.to_string()[:-1] + ("Q" if IDENTITY.to_string()[-1] != "Q" else "P")
    text = f"# comment\n\n{OTHER_IDENTITY.to_string()}\n{broken}\n"
    with pytest.raises(ValueError, match="line 4") as caught:
        age.parse_identity_file(text)
    assert broken not in str(caught.value)


def test_parse_identity_file_rejects_an_empty_file():
    with pytest.raises(ValueError, match="no identities"):
        age.parse_identity_file("# nothing here\n\n")


# --- round trips and StreamResult ----------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_round_trip_and_stream_result(size):
    plain = payload_of(size, seed=size)
    out = io.BytesIO()
    result = age.encrypt_stream(io.BytesIO(plain), out, [IDENTITY.recipient()])
    data = out.getvalue()
    assert result == age.StreamResult(
        plain_size=size,
        plain_sha256=hashlib.sha256(plain).hexdigest(),
        cipher_size=len(data),
        cipher_sha256=hashlib.sha256(data).hexdigest(),
    )
    assert len(data) == header_length(data) + 16 + size + 16 * chunk_count(size)

    decrypted = io.BytesIO()
    assert age.decrypt_stream(io.BytesIO(data), decrypted, [IDENTITY]) == result
    assert decrypted.getvalue() == plain


def test_header_layout():
    data = encrypt(b"x")
    lines = data[: header_length(data)].split(b"\n")
    assert lines[0] == b"age-encryption.org/v1"
    assert lines[1].startswith(b"-> X25519 ") and len(lines[1]) == len(b"-> X25519 ") + 43
    assert len(lines[2]) == 43
    assert lines[3].startswith(b"--- ") and len(lines[3]) == 4 + 43
    assert lines[4] == b""


def test_decrypt_without_destination_only_hashes():
    plain = payload_of(CHUNK_SIZE + 5)
    data = encrypt(plain)
    result = age.decrypt_stream(io.BytesIO(data), None, [IDENTITY])
    assert result.plain_sha256 == hashlib.sha256(plain).hexdigest()
    assert result.cipher_sha256 == hashlib.sha256(data).hexdigest()


def test_progress_reports_cumulative_plaintext():
    size = 2 * CHUNK_SIZE + 7
    seen = []
    data = io.BytesIO()
    plain = io.BytesIO(payload_of(size))
    age.encrypt_stream(plain, data, [IDENTITY.recipient()], progress=seen.append)
    assert seen == [CHUNK_SIZE, 2 * CHUNK_SIZE, size]
    seen.clear()
    age.decrypt_stream(io.BytesIO(data.getvalue()), None, [IDENTITY], progress=seen.append)
    assert seen == [CHUNK_SIZE, 2 * CHUNK_SIZE, size]


def test_reader_with_short_reads():
    class Trickle(io.RawIOBase):
        def __init__(self, data):
            self.data = data

        def readable(self):
            return True

        def read(self, n=-1):
            n = min(n, 1000)
            piece, self.data = self.data[:n], self.data[n:]
            return piece

    plain = payload_of(2 * CHUNK_SIZE + 3)
    data = io.BytesIO()
    age.encrypt_stream(Trickle(plain), data, [IDENTITY.recipient()])
    out = io.BytesIO()
    age.decrypt_stream(Trickle(data.getvalue()), out, [IDENTITY])
    assert out.getvalue() == plain


def test_two_recipients_each_identity_decrypts():
    plain = payload_of(1000)
    data = encrypt(plain, [IDENTITY.recipient(), OTHER_IDENTITY.recipient()])
    assert data.count(b"\n-> X25519 ") == 2
    assert age.decrypt_bytes(data, [IDENTITY]) == plain
    assert age.decrypt_bytes(data, [OTHER_IDENTITY]) == plain
    assert age.decrypt_bytes(data, [age.X25519Identity.generate(), OTHER_IDENTITY]) == plain


def test_wrong_identity_is_no_match():
    with pytest.raises(age.NoMatchError) as caught:
        age.decrypt_bytes(encrypt(b"secret"), [OTHER_IDENTITY])
    assert caught.value.kind == "no match"


def test_identity_and_recipient_types_are_checked():
    with pytest.raises(TypeError):
        age.encrypt_bytes(b"x", [IDENTITY.recipient().to_string()])
    with pytest.raises(TypeError):
        age.decrypt_bytes(encrypt(b"x"), [IDENTITY.to_string()])
    with pytest.raises(ValueError):
        age.encrypt_bytes(b"x", [])
    with pytest.raises(ValueError):
        age.decrypt_bytes(encrypt(b"x"), [])


# --- scrypt --------------------------------------------------------------------------------


def test_scrypt_round_trip():
    plain = payload_of(CHUNK_SIZE + 1)
    data = encrypt(plain, [age.ScryptRecipient("correct horse", log2_n=FAST_LOG2_N)])
    assert f" {FAST_LOG2_N}\n".encode() in data[: header_length(data)]
    assert age.decrypt_bytes(data, [age.ScryptIdentity(b"correct horse")]) == plain


def test_scrypt_default_work_factor_is_18():
    data = encrypt(b"identity file", [age.ScryptRecipient("pass")])
    stanza = data.split(b"\n")[1].split(b" ")
    assert stanza[:2] == [b"->", b"scrypt"] and stanza[3] == b"18"
    assert age.decrypt_bytes(data, [age.ScryptIdentity("pass")]) == b"identity file"


def test_wrong_passphrase_is_no_match():
    data = encrypt(b"x", [age.ScryptRecipient("right", log2_n=FAST_LOG2_N)])
    with pytest.raises(age.NoMatchError):
        age.decrypt_bytes(data, [age.ScryptIdentity("wrong")])


def test_scrypt_work_factor_above_limit_is_header_error():
    data = encrypt(b"x", [age.ScryptRecipient("pass", log2_n=12)])
    with pytest.raises(age.HeaderError, match="above the limit"):
        age.decrypt_bytes(data, [age.ScryptIdentity("pass", max_log2_n=11)])
    assert age.decrypt_bytes(data, [age.ScryptIdentity("pass", max_log2_n=12)]) == b"x"


def test_scrypt_recipient_must_be_alone():
    scrypt = age.ScryptRecipient("pass", log2_n=FAST_LOG2_N)
    with pytest.raises(ValueError, match="only recipient"):
        age.encrypt_bytes(b"x", [scrypt, IDENTITY.recipient()])
    with pytest.raises(ValueError, match="only recipient"):
        age.encrypt_bytes(b"x", [IDENTITY.recipient(), scrypt])
    with pytest.raises(ValueError, match="only recipient"):
        age.encrypt_bytes(b"x", [scrypt, age.ScryptRecipient("other", log2_n=FAST_LOG2_N)])


def test_scrypt_recipient_parameters_are_checked():
    with pytest.raises(ValueError):
        age.ScryptRecipient("")
    with pytest.raises(ValueError):
        age.ScryptRecipient("pass", log2_n=0)
    with pytest.raises(ValueError):
        age.ScryptRecipient("pass", log2_n=23)


def test_x25519_identity_ignores_scrypt_file():
    data = encrypt(b"x", [age.ScryptRecipient("pass", log2_n=FAST_LOG2_N)])
    with pytest.raises(age.NoMatchError):
        age.decrypt_bytes(data, [IDENTITY])


# --- tampering -----------------------------------------------------------------------------

THREE_CHUNKS = payload_of(2 * CHUNK_SIZE + 1000, seed=3)
THREE_CHUNK_FILE = encrypt(THREE_CHUNKS)
PAYLOAD_START = header_length(THREE_CHUNK_FILE) + 16


def payload_cuts() -> list[int]:
    boundaries = [PAYLOAD_START + k * SEALED for k in range(3)]
    middles = [b + SEALED // 2 for b in boundaries[:2]] + [boundaries[2] + 500]
    ends = [len(THREE_CHUNK_FILE) - 1, len(THREE_CHUNK_FILE) - 16]
    return sorted(boundaries + middles + ends)


@pytest.mark.parametrize("cut", payload_cuts())
def test_truncated_payload_is_payload_error(cut):
    out = io.BytesIO()
    with pytest.raises(age.PayloadError):
        age.decrypt_stream(io.BytesIO(THREE_CHUNK_FILE[:cut]), out, [IDENTITY])
    whole_chunks_before_cut = max(0, (cut - PAYLOAD_START) // SEALED)
    assert out.getvalue() == THREE_CHUNKS[: min(2, whole_chunks_before_cut) * CHUNK_SIZE]


@pytest.mark.parametrize("cut", [0, 10, PAYLOAD_START - 16, PAYLOAD_START - 1])
def test_truncated_header_or_nonce_is_header_error(cut):
    with pytest.raises(age.HeaderError):
        age.decrypt_bytes(THREE_CHUNK_FILE[:cut], [IDENTITY])


def test_appended_byte_is_payload_error():
    with pytest.raises(age.PayloadError):
        age.decrypt_bytes(THREE_CHUNK_FILE + b"\x00", [IDENTITY])
    full_last = encrypt(payload_of(2 * CHUNK_SIZE))
    out = io.BytesIO()
    with pytest.raises(age.PayloadError, match="after the final chunk"):
        age.decrypt_stream(io.BytesIO(full_last + b"\x00"), out, [IDENTITY])


def test_swapped_chunks_are_payload_error():
    first = slice(PAYLOAD_START, PAYLOAD_START + SEALED)
    second = slice(PAYLOAD_START + SEALED, PAYLOAD_START + 2 * SEALED)
    swapped = bytearray(THREE_CHUNK_FILE)
    swapped[first], swapped[second] = THREE_CHUNK_FILE[second], THREE_CHUNK_FILE[first]
    out = io.BytesIO()
    with pytest.raises(age.PayloadError):
        age.decrypt_stream(io.BytesIO(bytes(swapped)), out, [IDENTITY])
    assert out.getvalue() == b""


def test_flipped_payload_byte_releases_only_earlier_chunks():
    tampered = bytearray(THREE_CHUNK_FILE)
    tampered[PAYLOAD_START + SEALED + 7] ^= 0x01
    out = io.BytesIO()
    with pytest.raises(age.PayloadError):
        age.decrypt_stream(io.BytesIO(bytes(tampered)), out, [IDENTITY])
    assert out.getvalue() == THREE_CHUNKS[:CHUNK_SIZE]


def test_flipped_header_byte_is_hmac_error():
    data = encrypt(b"x", [IDENTITY.recipient(), OTHER_IDENTITY.recipient()])
    # Change the second stanza's share; the first stanza still opens the file key.
    second_share = data.index(b"-> X25519 ", data.index(b"-> X25519 ") + 1) + len(b"-> X25519 ")
    tampered = bytearray(data)
    tampered[second_share] = ord("A") if data[second_share] != ord("A") else ord("B")
    with pytest.raises(age.HmacError) as caught:
        age.decrypt_bytes(bytes(tampered), [IDENTITY])
    assert caught.value.kind == "hmac"


def test_carriage_return_in_header_is_header_error():
    data = encrypt(b"x")
    with pytest.raises(age.HeaderError):
        age.decrypt_bytes(data.replace(b"\n", b"\r\n", 1), [IDENTITY])


def grease_file(stanzas: int, argument_size: int = 5) -> bytes:
    """A header of grease stanzas plus one real stanza (its MAC is valid)."""
    data = encrypt(b"x")
    version, rest = data.split(b"\n", 1)
    grease = b"".join(b"-> grease " + b"a" * argument_size + b"\n\n" for _ in range(stanzas))
    return version + b"\n" + grease + rest


def test_stanza_limit():
    with pytest.raises(age.HeaderError, match="more than 32 stanzas"):
        age.decrypt_bytes(grease_file(32), [IDENTITY])
    # 31 grease stanzas + the real one = 32: parsed, then the MAC (over other bytes) fails.
    with pytest.raises(age.HmacError):
        age.decrypt_bytes(grease_file(31), [IDENTITY])


def test_thirty_two_recipients_decrypt():
    identities = [age.X25519Identity.generate() for _ in range(32)]
    data = encrypt(b"many", [i.recipient() for i in identities])
    assert age.decrypt_bytes(data, [identities[-1]]) == b"many"


def test_header_size_limit():
    with pytest.raises(age.HeaderError, match="too large"):
        age.decrypt_bytes(grease_file(1, argument_size=70_000), [IDENTITY])
    with pytest.raises(age.HeaderError, match="too large"):
        age.decrypt_bytes(b"age-encryption.org/v1\n" + b"a" * 70_000, [IDENTITY])


# --- armor ---------------------------------------------------------------------------------


def armor(data: bytes, newline: bytes = b"\n") -> bytes:
    encoded = base64.b64encode(data)
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    begin, end = b"-----BEGIN AGE ENCRYPTED FILE-----", b"-----END AGE ENCRYPTED FILE-----"
    return newline.join([begin, *lines, end]) + newline


def test_armored_input_is_accepted():
    plain = payload_of(3000)
    binary = encrypt(plain)
    armored = b"\n  \n" + armor(binary, b"\r\n")
    out = io.BytesIO()
    result = age.decrypt_stream(io.BytesIO(armored), out, [IDENTITY])
    assert out.getvalue() == plain
    assert result.cipher_size == len(armored)
    assert result.cipher_sha256 == hashlib.sha256(armored).hexdigest()
    assert age.dearmor(armored) == binary


@pytest.mark.parametrize(
    "mangle",
    [
        lambda a: a.replace(b"FILE-----\n", b"FILE-----\n\n", 1),
        lambda a: a.replace(b"=\n", b"\n"),
        lambda a: a + b"x",
        lambda a: a.replace(b"-----END AGE ENCRYPTED FILE-----\n", b""),
        lambda a: a.replace(b"\n", b" \n", 2),
    ],
)
def test_bad_armor_is_armor_error(mangle):
    armored = armor(encrypt(b"armored!"))  # 189 bytes: base64 ends with '='
    assert armored.count(b"=\n") == 1
    with pytest.raises(age.ArmorError):
        age.decrypt_bytes(mangle(armored), [IDENTITY])


# --- files and atomic publication ----------------------------------------------------------


def test_file_round_trip(tmp_path):
    plain = payload_of(CHUNK_SIZE * 2 + 9)
    (tmp_path / "in.bin").write_bytes(plain)
    enc = age.encrypt_file(tmp_path / "in.bin", tmp_path / "item.age", [IDENTITY.recipient()])
    stored = (tmp_path / "item.age").read_bytes()
    assert enc.cipher_size == len(stored)
    assert enc.cipher_sha256 == hashlib.sha256(stored).hexdigest()
    dec = age.decrypt_file(tmp_path / "item.age", tmp_path / "out.bin", [IDENTITY])
    assert (tmp_path / "out.bin").read_bytes() == plain
    assert dec == enc
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.bin", "item.age", "out.bin"]


def test_temporary_file_is_hidden_part_file(tmp_path):
    (tmp_path / "in.bin").write_bytes(payload_of(10))
    seen = []

    def look(_done):
        seen.extend(p.name for p in tmp_path.iterdir() if p.name != "in.bin")

    recipients = [IDENTITY.recipient()]
    age.encrypt_file(tmp_path / "in.bin", tmp_path / "item.age", recipients, progress=look)
    assert len(seen) == 1
    assert seen[0].startswith(".") and seen[0].endswith(".part")


def test_decrypt_file_failure_leaves_no_file(tmp_path):
    tampered = bytearray(THREE_CHUNK_FILE)
    tampered[PAYLOAD_START + 2 * SEALED + 3] ^= 0x80
    (tmp_path / "item.age").write_bytes(bytes(tampered))
    with pytest.raises(age.PayloadError):
        age.decrypt_file(tmp_path / "item.age", tmp_path / "out.bin", [IDENTITY])
    assert [p.name for p in tmp_path.iterdir()] == ["item.age"]


def test_decrypt_file_failure_keeps_existing_destination(tmp_path):
    (tmp_path / "item.age").write_bytes(THREE_CHUNK_FILE[:-1])
    (tmp_path / "out.bin").write_bytes(b"previous")
    with pytest.raises(age.PayloadError):
        age.decrypt_file(tmp_path / "item.age", tmp_path / "out.bin", [IDENTITY])
    assert (tmp_path / "out.bin").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["item.age", "out.bin"]


def test_decrypt_file_wrong_identity_leaves_no_file(tmp_path):
    (tmp_path / "item.age").write_bytes(THREE_CHUNK_FILE)
    with pytest.raises(age.NoMatchError):
        age.decrypt_file(tmp_path / "item.age", tmp_path / "out.bin", [OTHER_IDENTITY])
    assert [p.name for p in tmp_path.iterdir()] == ["item.age"]


def test_encrypt_file_unreadable_source_leaves_no_part(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError):
        age.encrypt_file(tmp_path / "folder", tmp_path / "item.age", [IDENTITY.recipient()])
    with pytest.raises(FileNotFoundError):
        age.encrypt_file(tmp_path / "missing", tmp_path / "item.age", [IDENTITY.recipient()])
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]


def test_interrupted_encrypt_file_leaves_no_part(tmp_path):
    (tmp_path / "in.bin").write_bytes(payload_of(3 * CHUNK_SIZE))

    def interrupt(done):
        if done > CHUNK_SIZE:
            raise KeyboardInterrupt

    recipients = [IDENTITY.recipient()]
    with pytest.raises(KeyboardInterrupt):
        age.encrypt_file(tmp_path / "in.bin", tmp_path / "item.age", recipients, progress=interrupt)
    assert [p.name for p in tmp_path.iterdir()] == ["in.bin"]


def test_interrupted_decrypt_file_leaves_no_part(tmp_path):
    (tmp_path / "item.age").write_bytes(THREE_CHUNK_FILE)

    def interrupt(done):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        age.decrypt_file(tmp_path / "item.age", tmp_path / "out", [IDENTITY], progress=interrupt)
    assert [p.name for p in tmp_path.iterdir()] == ["item.age"]


# --- memory --------------------------------------------------------------------------------


def test_memory_stays_flat_for_64_mib(tmp_path):
    """Encryption holds two 1 MiB plaintext batches and three sealed ones (about 6 MiB with a read buffer) whatever
    the size; decryption one chunk."""
    size = 64 * 1024 * 1024
    tracemalloc.start()
    try:
        with open(tmp_path / "big.age", "wb") as out:
            result = age.encrypt_stream(ZeroReader(size), out, [IDENTITY.recipient()])
        _, encrypt_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        with open(tmp_path / "big.age", "rb") as src:
            decrypted = age.decrypt_stream(src, Sink(), [IDENTITY])
        _, decrypt_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.plain_size == size
    assert decrypted == result
    assert result.plain_sha256 == hashlib.sha256(bytes(size)).hexdigest()
    assert encrypt_peak < 8 * 1024 * 1024
    assert decrypt_peak < 2 * 1024 * 1024


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=300 * 1024), st.integers(min_value=0, max_value=2**32))
def test_round_trip_property(size, seed):
    plain = payload_of(size, seed)
    data = encrypt(plain)
    assert len(data) == header_length(data) + 16 + size + 16 * chunk_count(size)
    assert age.decrypt_bytes(data, [IDENTITY]) == plain


FUZZ_FILE = encrypt(b"fuzz me", [IDENTITY.recipient(), OTHER_IDENTITY.recipient()])
FUZZ_HEADER_LENGTH = header_length(FUZZ_FILE)

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, FUZZ_HEADER_LENGTH - 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, FUZZ_HEADER_LENGTH), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, FUZZ_HEADER_LENGTH - 1), st.just(0)),
)


def mutate(data: bytes, mutations) -> bytes:
    result = bytearray(data)
    for kind, position, value in mutations:
        position = min(position, len(result) - 1)
        if kind == "flip":
            result[position] ^= value
        elif kind == "insert":
            result.insert(position, value)
        else:
            del result[position]
    return bytes(result)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_header_mutations_raise_only_age_errors(mutations):
    tampered = mutate(FUZZ_FILE, mutations)
    if tampered == FUZZ_FILE:
        return
    with pytest.raises(age.AgeError):
        age.decrypt_bytes(tampered, [IDENTITY])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_header_bytes_raise_only_age_errors(tail):
    identities = [IDENTITY, age.ScryptIdentity("p", max_log2_n=4)]
    with pytest.raises(age.AgeError):
        age.decrypt_bytes(b"age-encryption.org/v1\n" + tail, identities)


# --- random access -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 3 * CHUNK_SIZE + 5])
def test_plaintext_reader_reads_and_seeks(size):
    data = random.Random(size).randbytes(size)
    reader = age.PlaintextReader(io.BytesIO(age.encrypt_bytes(data, [IDENTITY.recipient()])), [IDENTITY])
    assert reader.size == size
    assert reader.read() == data
    rng = random.Random(7)
    for _ in range(50):
        start = rng.randrange(0, size + 1)
        length = rng.randrange(0, 3 * CHUNK_SIZE)
        reader.seek(start)
        assert reader.read(length) == data[start:start + length]
    if size:
        reader.seek(-1, io.SEEK_END)
        assert reader.read() == data[-1:]


def test_plaintext_reader_serves_a_zip_inside_an_age_file():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("_chat.txt", "hello\n")
        z.writestr("big.bin", random.Random(1).randbytes(300_000))
    reader = age.PlaintextReader(io.BytesIO(age.encrypt_bytes(buf.getvalue(), [IDENTITY.recipient()])), [IDENTITY])
    with zipfile.ZipFile(reader) as z:
        assert z.read("_chat.txt") == b"hello\n"
        assert len(z.read("big.bin")) == 300_000


def test_plaintext_reader_refuses_damage():
    data = random.Random(3).randbytes(3 * CHUNK_SIZE)
    sealed = age.encrypt_bytes(data, [IDENTITY.recipient()])
    with pytest.raises(age.PayloadError):
        age.PlaintextReader(io.BytesIO(sealed[:-CHUNK_SIZE - 16]), [IDENTITY])  # a whole chunk cut off
    with pytest.raises(age.PayloadError):
        age.PlaintextReader(io.BytesIO(sealed[:-5]), [IDENTITY])
    damaged = bytearray(sealed)
    damaged[len(sealed) - 2 * CHUNK_SIZE] ^= 1  # inside the second chunk
    reader = age.PlaintextReader(io.BytesIO(bytes(damaged)), [IDENTITY])
    assert reader.read(CHUNK_SIZE) == data[:CHUNK_SIZE]
    with pytest.raises(age.PayloadError):
        reader.read(10)
    with pytest.raises(age.NoMatchError):
        age.PlaintextReader(io.BytesIO(sealed), [age.X25519Identity.generate()])
