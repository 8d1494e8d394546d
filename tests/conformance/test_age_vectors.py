"""Runs the C2SP CCTV age test vectors (../shared/vectors/age-testkit) against core.age.

Post-quantum vectors (mlkem768x25519 recipients, AGE-SECRET-KEY-PQ- identities) are not
generated as tests: that recipient type is not implemented.
"""

import hashlib
import io
import zlib
from pathlib import Path

import pytest

from evidence_kit.core import age

VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "vectors" / "age-testkit"

if not VECTORS.is_dir():
    pytest.skip(f"shared folder is absent (no age vectors at {VECTORS})", allow_module_level=True)

EXPECTED_ERRORS = {
    "header failure": age.HeaderError,
    "HMAC failure": age.HmacError,
    "payload failure": age.PayloadError,
    "no match": age.NoMatchError,
    "armor failure": age.ArmorError,
}


def parse_vector(path: Path) -> tuple[dict[str, list[str]], bytes]:
    """Split a vector file into its 'key: value' fields (values may repeat) and its age file."""
    raw = path.read_bytes()
    head, body = raw.split(b"\n\n", 1)
    fields: dict[str, list[str]] = {}
    for line in head.decode("utf-8").split("\n"):
        key, value = line.split(": ", 1)
        fields.setdefault(key, []).append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return fields, body


def is_post_quantum(fields: dict[str, list[str]], body: bytes) -> bool:
    if any(i.startswith("AGE-SECRET-KEY-PQ-") for i in fields.get("identity", [])):
        return True
    if fields.get("armored") == ["yes"]:
        try:
            body = age.dearmor(body)
        except age.ArmorError:
            return False
    return b"\n-> mlkem768x25519 " in body


def classical_vectors() -> list[Path]:
    paths = sorted(p for p in VECTORS.iterdir() if p.is_file())
    return [p for p in paths if not is_post_quantum(*parse_vector(p))]


VECTOR_FILES = classical_vectors()


def test_vector_count():
    assert len(VECTOR_FILES) > 100
    assert len(VECTOR_FILES) == 124  # 143 files in the kit, 19 post-quantum


def identities_for(fields: dict[str, list[str]]) -> list:
    """The vector's identities; a fresh unrelated one when it names none ('empty' files)."""
    identities: list = [age.X25519Identity.from_string(i) for i in fields.get("identity", [])]
    identities += [age.ScryptIdentity(p) for p in fields.get("passphrase", [])]
    return identities or [age.X25519Identity.generate()]


def decrypt_vector(
    body: bytes, identities: list, armored: bool, released: io.BytesIO
) -> age.StreamResult:
    """Decrypt like the reference testkit: armored vectors always go through the armor decoder.

    Input that starts with the BEGIN line uses decrypt_stream's own armor detection; any other
    armored vector must already fail in dearmor (decrypt_stream would see it as binary).
    """
    if armored and not body.lstrip(b" \t\r\n").startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
        body = age.dearmor(body)
    return age.decrypt_stream(io.BytesIO(body), released, identities)


@pytest.mark.parametrize("path", VECTOR_FILES, ids=[p.name for p in VECTOR_FILES])
def test_vector(path: Path):
    fields, body = parse_vector(path)
    (expect,) = fields["expect"]
    identities = identities_for(fields)
    armored = fields.get("armored") == ["yes"]
    released = io.BytesIO()

    if expect == "success":
        result = decrypt_vector(body, identities, armored, released)
        (payload,) = fields["payload"]
        assert hashlib.sha256(released.getvalue()).hexdigest() == payload
        assert result.plain_sha256 == payload
        assert result.plain_size == len(released.getvalue())
        assert result.cipher_size == len(body)
        assert result.cipher_sha256 == hashlib.sha256(body).hexdigest()
        return

    error_class = EXPECTED_ERRORS[expect]
    with pytest.raises(age.AgeError) as caught:
        decrypt_vector(body, identities, armored, released)
    assert type(caught.value) is error_class
    assert caught.value.kind == {"HMAC failure": "hmac", "header failure": "header"}.get(
        expect, expect.split(" failure")[0]
    )
    if expect == "payload failure" and "payload" in fields:
        (payload,) = fields["payload"]
        assert hashlib.sha256(released.getvalue()).hexdigest() == payload
    elif expect != "payload failure":
        assert released.getvalue() == b""
