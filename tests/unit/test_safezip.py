"""Reading untrusted zip files: every refusal has its own code, and nothing is ever written."""

from __future__ import annotations

import io
import os
import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.i18n import tr
from evidence_kit.importers import safezip
from evidence_kit.importers.safezip import SafeZip


def make_zip(path: Path, members: list, compression=zipfile.ZIP_DEFLATED) -> Path:
    """members: (name or ZipInfo, bytes)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w", compression) as z:
            for name, data in members:
                z.writestr(name, data)
    return path


def refusal(path: Path, **limits) -> EvidenceKitError:
    with pytest.raises(EvidenceKitError) as err:
        SafeZip(path, **limits)
    return err.value


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def test_reads_members_and_lists_them(tmp_path):
    z_path = make_zip(tmp_path / "a.zip", [("_chat.txt", b"hello\n"), ("media/", b""), ("media/x.jpg", b"\xff" * 10)])
    with SafeZip(z_path) as z:
        assert [(m.name, m.size) for m in z.members] == [("_chat.txt", 6), ("media/x.jpg", 10)]
        assert z.read("_chat.txt") == b"hello\n"
        assert z.read("_chat.txt", limit=3) == b"hel"
        with z.open("media/x.jpg") as stream:
            assert stream.read(4) == b"\xff" * 4
        with pytest.raises(EvidenceKitError) as err:
            z.read("nope.txt")
        assert err.value.code == "zip_member_missing"


@pytest.mark.parametrize("name", ["../x", "a/../../x", "..\\x", "a\\..\\..\\x"])
def test_path_traversal_is_refused(tmp_path, name):
    err = refusal(make_zip(tmp_path / "t.zip", [("_chat.txt", b"ok"), (name, b"evil")]))
    assert (err.code, err.params["member"], err.params["path"]) == ("zip_path_traversal", name, tmp_path / "t.zip")


@pytest.mark.parametrize("name", ["/etc/x", "\\etc\\x", "C:/x", "c:\\x"])
def test_absolute_path_is_refused(tmp_path, name):
    info = zipfile.ZipInfo("placeholder")
    with zipfile.ZipFile(tmp_path / "abs.zip", "w") as z:
        info.filename = name  # ZipInfo() itself strips a leading "/" from the name it is given
        z.writestr(info, b"evil")
    err = refusal(tmp_path / "abs.zip")
    assert (err.code, err.params["member"]) == ("zip_absolute_path", name)


def test_symlink_member_is_refused(tmp_path):
    err = refusal(make_zip(tmp_path / "s.zip", [("_chat.txt", b"ok"), (symlink_info("link"), b"/etc/passwd")]))
    assert (err.code, err.params["member"]) == ("zip_symlink", "link")


def test_too_many_members(tmp_path):
    assert safezip.MAX_MEMBERS == 10_000
    z_path = make_zip(tmp_path / "many.zip", [(f"f{i}.txt", b"") for i in range(6)])
    assert refusal(z_path, max_members=5).code == "zip_too_many_members"
    SafeZip(z_path, max_members=6).close()


def test_too_many_members_with_the_default_limit(tmp_path):
    z_path = make_zip(tmp_path / "many.zip", [(f"{i}", b"") for i in range(10_001)], zipfile.ZIP_STORED)
    assert refusal(z_path).code == "zip_too_many_members"


def test_total_size_limit(tmp_path):
    z_path = make_zip(tmp_path / "big.zip", [("a.bin", os.urandom(600)), ("b.bin", os.urandom(600))])
    err = refusal(z_path, max_total=1000)
    assert (err.code, err.params["member"]) == ("zip_too_large", "b.bin")
    SafeZip(z_path, max_total=1200).close()


def test_zip_bomb_is_refused_by_its_ratio(tmp_path):
    zeros = bytes(50 * 1024 * 1024)
    z_path = make_zip(tmp_path / "bomb.zip", [("_chat.txt", b"hi"), ("zeros.bin", zeros)])
    assert z_path.stat().st_size < 200_000
    err = refusal(z_path)
    assert (err.code, err.params["member"]) == ("zip_ratio", "zeros.bin")


def test_ratio_limit_spares_small_and_ordinary_members(tmp_path):
    z_path = make_zip(tmp_path / "ok.zip", [("_chat.txt", b"a" * 100_000), ("photo.jpg", os.urandom(2 * 1024 * 1024))])
    with SafeZip(z_path) as z:  # 100 kB of one letter compresses > 100:1, but is below the floor
        assert len(z.read("_chat.txt")) == 100_000
    assert refusal(z_path, ratio_floor=1000).code == "zip_ratio"


def test_duplicate_member_names(tmp_path):
    err = refusal(make_zip(tmp_path / "d.zip", [("_chat.txt", b"one"), ("_chat.txt", b"two")]))
    assert (err.code, err.params["member"]) == ("zip_duplicate_member", "_chat.txt")


def test_encrypted_member(tmp_path):
    z_path = make_zip(tmp_path / "e.zip", [("_chat.txt", b"secret")], zipfile.ZIP_STORED)
    data = bytearray(z_path.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" bit
        at = data.index(signature) + flag_at
        data[at] |= 1
    z_path.write_bytes(bytes(data))
    with SafeZip(z_path) as z, pytest.raises(EvidenceKitError) as err:
        z.read("_chat.txt")
    assert err.value.code == "zip_encrypted"


def test_declared_size_bounds_what_is_read(tmp_path):
    """A member that inflates beyond its declared size is not believed: reading stops at the
    declared size and the CRC check turns it into zip_invalid."""
    z_path = make_zip(tmp_path / "lie.zip", [("_chat.txt", b"x" * 5000)])
    data = bytearray(z_path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 10)  # uncompressed size in the central directory
    z_path.write_bytes(bytes(data))
    with SafeZip(z_path) as z:
        assert z.members[0].size == 10
        with pytest.raises(EvidenceKitError) as err:
            z.read("_chat.txt")
    assert err.value.code == "zip_invalid"


def test_corrupt_data_is_zip_invalid(tmp_path):
    z_path = make_zip(tmp_path / "c.zip", [("_chat.txt", os.urandom(3000))], zipfile.ZIP_STORED)
    data = bytearray(z_path.read_bytes())
    data[100] ^= 0xFF  # inside the member's bytes: the CRC no longer matches
    z_path.write_bytes(bytes(data))
    with SafeZip(z_path) as z, pytest.raises(EvidenceKitError) as err:
        z.read("_chat.txt")
    assert (err.value.code, err.value.params["member"]) == ("zip_invalid", "_chat.txt")


def test_not_a_zip(tmp_path):
    (tmp_path / "n.zip").write_bytes(b"this is not a zip at all")
    assert refusal(tmp_path / "n.zip").code == "zip_invalid"


def test_refusals_write_nothing_anywhere(tmp_path, monkeypatch):
    work = tmp_path / "work" / "inner"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    bad = [
        make_zip(tmp_path / "t.zip", [("_chat.txt", b"ok"), ("../escaped.txt", b"evil")]),
        make_zip(tmp_path / "s.zip", [("_chat.txt", b"ok"), (symlink_info("link"), b"../../escaped.txt")]),
        make_zip(tmp_path / "b.zip", [("_chat.txt", b"hi"), ("zeros.bin", bytes(5 * 1024 * 1024))]),
    ]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for path in bad:
        with pytest.raises(EvidenceKitError):
            SafeZip(path)
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert after == before
    assert not (tmp_path / "work" / "escaped.txt").exists() and not Path("/escaped.txt").exists()


def test_every_error_code_has_both_texts():
    codes = ["zip_invalid", "zip_path_traversal", "zip_absolute_path", "zip_symlink", "zip_too_many_members",
             "zip_too_large", "zip_ratio", "zip_duplicate_member", "zip_encrypted", "zip_member_missing"]
    for code in codes:
        for lang in ("ja", "en"):
            assert tr("error." + code, lang, path="chat.zip", member="x.txt")


def read_all_or_refuse(path):
    """Read every member; the only failure allowed is a clear EvidenceKitError."""
    try:
        with SafeZip(path) as z:
            for m in z.members:
                z.read(m.name)
    except EvidenceKitError:
        pass


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600),
                      st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
                      st.binary(max_size=200).map(lambda b: b + b"PK\x05\x06" + bytes(18))))
def test_random_bytes_only_ever_give_evidence_kit_errors(tmp_path, data):
    path = tmp_path / "r.zip"
    path.write_bytes(data)
    read_all_or_refuse(path)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 255)), min_size=1, max_size=6))
def test_damaged_real_zips_only_ever_give_evidence_kit_errors(tmp_path, flips):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_chat.txt", "[1/15/24, 9:40:07 PM] Ken: hi\n" * 20)
        z.writestr("IMG-1.jpg", os.urandom(300))
    data = bytearray(buf.getvalue())
    for at, xor in flips:
        data[at % len(data)] ^= xor
    path = tmp_path / "d.zip"
    path.write_bytes(bytes(data))
    read_all_or_refuse(path)
