"""verify names each damaged, missing or unlisted file precisely, with and without the key."""

import json

import pytest

from evidence_kit.core import custody, journal, layout
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.verify import Problem, verify_case
from tests.conftest import PASSPHRASE, write


@pytest.fixture
def filled(case_dir, tmp_path):
    """A locked case with two items, last signed at lock (HEAD = the last checkpoint)."""
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    a = case.import_file(write(tmp_path / "in" / "chat.txt", b"hello " * 50_000))
    b = case.import_file(write(tmp_path / "in" / "photo.png", b"\x89PNG\r\n\x1a\n" + b"p" * 1000))
    case.lock()
    return case_dir, a.item_id, b.item_id


def check(case_dir, deep=False):
    case = Case.open(case_dir)
    identity = None
    if deep:
        case.unlock(PASSPHRASE)
        identity = case.identity()
    return verify_case(case_dir, case.info, identity)


def flip(path, offset=-5):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_intact_case(filled):
    case_dir, a, b = filled
    report = check(case_dir)
    assert report.ok and report.problems == []
    assert report.files_checked == 4 + custody.read_head(case_dir).seq
    assert report.checkpoints == 2
    deep = check(case_dir, deep=True)
    assert deep.ok and deep.items_rehashed == 2 and deep.entries == custody.read_head(case_dir).seq


def test_flipped_byte_in_a_blob(filled):
    case_dir, a, b = filled
    flip(case_dir / layout.item_blob(a), 70_000)
    assert check(case_dir).problems == [Problem("damaged", layout.item_blob(a))]
    assert check(case_dir, deep=True).problems == [Problem("damaged", layout.item_blob(a), "chat.txt")]


def test_flipped_byte_in_a_metadata_file(filled):
    case_dir, a, b = filled
    flip(case_dir / layout.item_meta(b))
    assert check(case_dir).problems == [Problem("damaged", layout.item_meta(b))]


def test_flipped_byte_in_a_log_entry(filled):
    case_dir, a, b = filled
    flip(case_dir / layout.log_entry(3))
    assert check(case_dir).problems == [Problem("damaged", layout.log_entry(3))]
    deep = check(case_dir, deep=True).problems
    assert Problem("damaged", layout.log_entry(3)) in deep
    assert Problem("entry_unreadable", layout.log_entry(3)) in deep


@pytest.mark.parametrize("field", [0, 1, 2, 3])
def test_flipped_byte_in_head(filled, tmp_path, field):
    case_dir, a, b = filled
    Case.open(case_dir).import_file(write(tmp_path / "late.png", b"late"))  # HEAD past the last checkpoint
    head_path = case_dir / layout.HEAD
    data = bytearray(head_path.read_bytes())
    offset = sum(len(p) + 1 for p in data.split(b" ")[:field]) + 1
    data[offset] ^= 0x01
    head_path.write_bytes(bytes(data))
    assert check(case_dir).problems == [Problem("head_damaged", layout.HEAD)]
    with pytest.raises(EvidenceKitError) as exc:  # nothing is appended to a log whose head is damaged
        Case.open(case_dir).import_file(write(tmp_path / "more.png", b"more"))
    assert exc.value.message("en") == "The custody log head (custody/HEAD) is damaged."


def test_deleted_item(filled):
    case_dir, a, b = filled
    (case_dir / layout.item_blob(b)).unlink()
    assert check(case_dir).problems == [Problem("missing", layout.item_blob(b))]
    assert check(case_dir, deep=True).problems == [Problem("missing", layout.item_blob(b), "photo.png")]


def test_deleted_item_and_its_hash_line(filled):
    case_dir, a, b = filled
    for rel in (layout.item_blob(b), layout.item_meta(b)):
        (case_dir / rel).unlink()
    lines = (case_dir / "BLOBSUMS").read_text().splitlines(keepends=True)
    (case_dir / "BLOBSUMS").write_text("".join(l for l in lines if b not in l))
    assert check(case_dir).ok  # without the key, the encrypted log cannot say what should be there
    assert check(case_dir, deep=True).problems == [
        Problem("missing", layout.item_meta(b)), Problem("missing", layout.item_blob(b))]


def test_unlisted_file_is_reported(filled):
    case_dir, a, b = filled
    write(case_dir / "items" / "ff" / "planted.age", b"age-encryption.org/v1\n")
    assert check(case_dir).problems == [Problem("unlisted", "items/ff/planted.age")]


def test_changed_checkpoint_statement(filled):
    case_dir, a, b = filled
    last = custody.checkpoint_files(case_dir)[-1]
    last.write_bytes(last.read_bytes().replace(b"seq:", b"seq: "))
    rel = last.relative_to(case_dir).as_posix()
    assert check(case_dir).problems == [Problem("checkpoint_signature", rel)]


def test_log_cut_back_behind_a_signed_checkpoint(filled):
    """Someone removes the last entries and makes HEAD and BLOBSUMS consistent again."""
    case_dir, a, b = filled
    head = custody.read_head(case_dir)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    entries = case.entries()
    case.lock()
    head = custody.read_head(case_dir)
    keep = head.seq - 2
    for seq in range(keep + 1, head.seq + 1):
        (case_dir / layout.log_entry(seq)).unlink()
    sums, _ = journal.read_blobsums(case_dir)
    (case_dir / "BLOBSUMS").write_bytes(b"".join(
        journal.blobsum_line(sha, rel) for rel, sha in sums.items()
        if not rel.startswith("custody/log/") or int(rel[12:20]) <= keep))
    custody.write_head(case_dir, custody.Head(keep, custody.sha256_hex(entries[keep - 1]), sums[layout.log_entry(keep)]))
    codes = {p.code for p in check(case_dir).problems}
    assert codes == {"checkpoint_beyond_head"}


def test_swapped_blob_is_caught_by_the_deep_check(filled):
    """Replacing a blob AND its BLOBSUMS line passes the keyless check; the log catches it."""
    case_dir, a, b = filled
    blob_a, blob_b = case_dir / layout.item_blob(a), case_dir / layout.item_blob(b)
    blob_b.write_bytes(blob_a.read_bytes())
    sums, _ = journal.read_blobsums(case_dir)
    sums[layout.item_blob(b)] = sums[layout.item_blob(a)]
    (case_dir / "BLOBSUMS").write_bytes(b"".join(journal.blobsum_line(s, r) for r, s in sums.items()))
    assert check(case_dir).ok
    problems = check(case_dir, deep=True).problems
    assert Problem("blobsums_disagree", layout.item_blob(b), "photo.png") in problems
    assert Problem("content_mismatch", layout.item_blob(b), "photo.png") in problems


def test_bad_blobsums_line(filled):
    case_dir, a, b = filled
    with open(case_dir / "BLOBSUMS", "ab") as f:
        f.write(b"not a hash line\n")
    assert check(case_dir).problems == [Problem("blobsums_line", "BLOBSUMS", line=custody.read_head(case_dir).seq + 5)]


def test_verify_entry_payload(filled):
    case_dir, a, b = filled
    case = Case.open(case_dir)
    case.record("verify", {"result": "ok", "problems": 0, "deep": 0})
    case.unlock(PASSPHRASE)
    doc = json.loads(case.entries()[-2])
    assert (doc["event"], doc["result"], doc["problems"], doc["deep"]) == ("verify", "ok", 0, 0)
    case.lock()
