"""Damage and tampering that the plaintext parts of a case allow (HEAD, PENDING, BLOBSUMS, the
index, case.json, stray files): never lose evidence, never sign over damage, always say what."""

import json
import time
from pathlib import Path

import pytest

from evidence_kit.cli import main
from evidence_kit.core import custody, journal, layout
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.index import Index
from evidence_kit.core.sealed import write_sealed
from evidence_kit.core.verify import Problem, verify_case
from tests.conftest import PASSPHRASE, write


@pytest.fixture
def three(case_dir, tmp_path):
    """A locked case with three items imported while locked (HEAD seq 4)."""
    ids = [Case.open(case_dir).import_file(write(tmp_path / "src" / f"f{n}.png", b"x%d" % n)).item_id
           for n in range(3)]
    return case_dir, ids


def keyless(case_dir):
    case = Case.open(case_dir)
    return verify_case(case_dir, case.info).problems


def deep(case_dir):
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    try:
        return verify_case(case_dir, case.info, case.identity()).problems
    finally:
        case.lock()


def test_an_older_head_never_overwrites_an_entry(three, tmp_path):
    case_dir, ids = three
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    entries = case.entries()
    case.lock()
    head = custody.read_head(case_dir)
    last = (case_dir / layout.log_entry(head.seq)).read_bytes()
    sums, _ = journal.read_blobsums(case_dir)
    older = custody.Head(head.seq - 1, custody.sha256_hex(entries[head.seq - 2]), sums[layout.log_entry(head.seq - 1)])
    custody.write_head(case_dir, older)  # consistent, checksum and all
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).import_file(write(tmp_path / "new.png", b"new"))
    assert exc.value.code == "head_behind"
    assert (case_dir / layout.log_entry(head.seq)).read_bytes() == last
    assert Problem("head_behind", layout.HEAD) in keyless(case_dir)


def test_a_planted_pending_file_deletes_nothing(three, tmp_path):
    case_dir, ids = three
    victim = write(tmp_path / "victim.age", b"not ours")
    size = (case_dir / "BLOBSUMS").stat().st_size
    head = custody.read_head(case_dir)
    for item in (ids[0], "../victim", "../../" + str(tmp_path / "victim")):
        for seq in (head.seq + 1, 99):
            (case_dir / layout.PENDING).write_text(json.dumps({"seq": seq, "item": item, "blobsums_size": size}))
            Case.open(case_dir)  # runs recovery
            assert not (case_dir / layout.PENDING).exists()
            assert victim.read_bytes() == b"not ours"
            assert (case_dir / layout.item_blob(ids[0])).exists()
    assert keyless(case_dir) == []


def test_disk_full_while_appending_to_blobsums(case_dir, tmp_path, monkeypatch):
    """A short write leaves half a line in BLOBSUMS: rolled back, and the case still verifies."""
    real = journal.append_durably

    def half_then_full(path, data):
        with open(path, "ab") as f:
            f.write(data[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "append_durably", half_then_full)
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).import_file(write(tmp_path / "a.png", b"a" * 5000))
    assert exc.value.code == "disk_full"
    monkeypatch.setattr(journal, "append_durably", real)
    assert keyless(case_dir) == []
    Case.open(case_dir).import_file(write(tmp_path / "b.png", b"b"))
    assert keyless(case_dir) == [] and deep(case_dir) == []


def test_a_damaged_log_is_never_signed(three):
    case_dir, ids = three
    entry = case_dir / layout.log_entry(3)
    data = bytearray(entry.read_bytes())
    data[-3] ^= 1
    entry.write_bytes(bytes(data))
    before = sorted(p.name for p in (case_dir / layout.CHECKPOINT_DIR).iterdir())
    case = Case.open(case_dir)
    report = case.unlock(PASSPHRASE)
    assert [(p.seq, p.code) for p in report.chain_problems] == [(3, "entry_unreadable")]
    assert report.signed is False and report.unsigned_entries == 3
    with pytest.raises(EvidenceKitError) as exc:
        case.checkpoint("export")
    assert exc.value.code == "log_damaged"
    case.lock()
    assert sorted(p.name for p in (case_dir / layout.CHECKPOINT_DIR).iterdir()) == before


def test_passwd_that_cannot_be_logged_changes_nothing(case_dir):
    (case_dir / layout.HEAD).write_text("garbage\n")
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).change_passphrase(PASSPHRASE, "the new passphrase")
    assert exc.value.code == "head_damaged"
    Case.open(case_dir)._open_identity(PASSPHRASE)  # the old passphrase still opens the key


def test_passwd_restores_the_old_key_when_the_commit_fails(case_dir, monkeypatch):
    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "append_durably", full)
    with pytest.raises(EvidenceKitError):
        Case.open(case_dir).change_passphrase(PASSPHRASE, "the new passphrase")
    monkeypatch.undo()
    Case.open(case_dir)._open_identity(PASSPHRASE)
    with pytest.raises(EvidenceKitError):
        Case.open(case_dir)._open_identity("the new passphrase")


def test_checkpoint_after_another_process_imported(case_dir, tmp_path):
    a = Case.open(case_dir)
    a.unlock(PASSPHRASE)
    Case.open(case_dir).import_paths([write(tmp_path / "x.png", b"x")])
    a.checkpoint("export")
    a.lock()
    assert deep(case_dir) == []


def test_an_import_during_verify_is_no_stranger(three, tmp_path):
    case_dir, ids = three
    case = Case.open(case_dir)
    other = Case.open(case_dir)
    done = []

    def import_midway(n, total):
        if not done:
            done.append(other.import_file(write(tmp_path / "late.png", b"late")))

    report = verify_case(case_dir, case.info, progress=import_midway, hold=lambda: case._write_lock(allow_read_only=True))
    assert done and report.problems == []


def test_swapped_manifest_is_caught(three):
    """Anyone with the public key can seal a manifest that claims another name and time."""
    case_dir, ids = three
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    meta = case.read_meta(ids[1])
    case.lock()
    meta["original_name"], meta["mtime"] = "forged-name.txt", "2020-01-01T00:00:00.000000Z"
    path = case_dir / layout.item_meta(ids[1])
    result = write_sealed(path, json.dumps(meta).encode(), [case.recipient])
    sums, _ = journal.read_blobsums(case_dir)
    sums[layout.item_meta(ids[1])] = result.cipher_sha256
    (case_dir / "BLOBSUMS").write_bytes(b"".join(journal.blobsum_line(v, k) for k, v in sums.items()))
    assert keyless(case_dir) == []
    assert deep(case_dir) == [Problem("meta_mismatch", layout.item_meta(ids[1]), "forged-name.txt")]
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    assert "forged-name.txt" not in [i["original_name"] for i in case.rebuild_index().items()]
    case.lock()


def test_missing_key_file_and_checkpoints_are_reported(three):
    case_dir, ids = three
    (case_dir / layout.IDENTITY).rename(case_dir / "moved.age")
    assert keyless(case_dir) == [Problem("identity_missing", layout.IDENTITY)]
    (case_dir / "moved.age").rename(case_dir / layout.IDENTITY)
    for p in (case_dir / layout.CHECKPOINT_DIR).iterdir():
        p.unlink()
    assert keyless(case_dir) == [Problem("no_checkpoint", layout.CHECKPOINT_DIR)]


def test_a_forged_index_is_not_trusted(three, tmp_path):
    case_dir, ids = three
    case = Case.open(case_dir)
    forged = Index.empty()
    forged.add_item(1, {"id": "f" * 32, "original_name": "fake.png", "size": 2, "sha256": custody.sha256_hex(b"x0"),
                        "blob_sha256": "0" * 64, "mime": "image/png", "imported_at": "x", "source": "x"})
    forged.covered_seq = custody.read_head(case_dir).seq
    write_sealed(case_dir / layout.INDEX, forged.to_bytes(), [case.recipient])
    case.unlock(PASSPHRASE)
    assert sorted(i["original_name"] for i in case.items()) == ["f0.png", "f1.png", "f2.png"]
    case.lock()


def test_a_wrong_blobsums_line_is_blamed_not_the_file(three):
    case_dir, ids = three
    rel = layout.item_blob(ids[0])
    text = (case_dir / "BLOBSUMS").read_text()
    i = text.index(rel) - 10
    (case_dir / "BLOBSUMS").write_text(text[:i] + ("0" if text[i] != "0" else "1") + text[i + 1:])
    assert keyless(case_dir) == [Problem("damaged", rel)]
    assert deep(case_dir) == [Problem("blobsums_wrong", rel, "f0.png")]


def test_a_huge_head_is_answered_at_once(three):
    case_dir, ids = three
    head = custody.read_head(case_dir)
    custody.write_head(case_dir, custody.Head(999_999_999, head.entry_sha256, head.file_sha256))
    start = time.monotonic()
    assert Problem("head_mismatch", layout.HEAD) in keyless(case_dir)
    assert time.monotonic() - start < 5


def test_a_forged_locked_entry_does_not_break_unlock(three):
    """The public key lets anyone append; unlock must warn, not crash."""
    case_dir, ids = three
    case = Case.open(case_dir)
    for body in (b"[1]", b'{"v":1,"seq":5,"event":"import","item":7}'):
        txn = journal.Transaction(case_dir, case.recipient).begin()
        custody_make = custody.make_entry
        try:
            custody.make_entry = lambda *a, **k: body
            txn.commit("import", {})
        finally:
            custody.make_entry = custody_make
    case.unlock(PASSPHRASE)
    assert sorted(i["original_name"] for i in case.items()) == ["f0.png", "f1.png", "f2.png"]
    case.lock()
    codes = {p.code for p in deep(case_dir)}
    assert codes == {"chain_json", "chain_seq"}  # "[1]" at 5, then an entry claiming 5 at 6


@pytest.mark.parametrize("damage, code, message", [
    ("rm custody/log", 1, "記録（カストディ・ログ）がありません: custody/log/00000001.age"),
    ("rm custody", 1, "ケースフォルダの一部が見つかりません: {case}/custody。"),
    ("rm BLOBSUMS", 1, "ハッシュ一覧 BLOBSUMS がありません"),
    ("case.json {}", 1, "ケースの設定ファイルが壊れています: {case}/case.json。"),
    ("stray custody/checkpoints/notes.txt", 1, "記録にないファイルがあります: custody/checkpoints/notes.txt"),
])
def test_cli_names_damage_without_a_traceback(three, capsys, damage, code, message):
    case_dir, ids = three
    kind, _, what = damage.partition(" ")
    if kind == "rm":
        target = case_dir / what
        if target.is_dir():
            import shutil

            shutil.rmtree(target)
        else:
            target.unlink()
    elif kind == "stray":
        write(case_dir / what, b"notes")
    else:
        info = json.loads((case_dir / kind).read_text())
        del info["signing_pub"]
        (case_dir / kind).write_text(json.dumps(info))
    assert main(["verify", str(case_dir)]) == code
    out, err = capsys.readouterr()
    assert message.format(case=case_dir) in out + err
    assert "Traceback" not in out + err


def test_cli_import_without_items_folder_and_with_a_failing_source(three, tmp_path, capsys):
    case_dir, ids = three
    import shutil

    shutil.rmtree(case_dir / "items")
    good = write(tmp_path / "after.txt", b"after")
    sources = [good]
    if Path("/proc/self/mem").exists():  # reading it at offset 0 fails with EIO on Linux
        sources.insert(0, Path("/proc/self/mem"))
    assert main(["--lang", "en", "import", str(case_dir), *map(str, sources)]) == (1 if len(sources) == 2 else 0)
    out, _ = capsys.readouterr()
    assert "Imported: after.txt (5 bytes," in out
    if len(sources) == 2:
        assert "Not imported: Cannot read the file: /proc/self/mem (Input/output error)" in out


def test_cli_create_where_no_folder_can_be(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    blocker = write(tmp_path / "a-file", b"x")
    assert main(["--lang", "en", "case", "create", str(blocker / "case")]) == 1
    _, err = capsys.readouterr()
    assert err.startswith(f"Cannot create the case folder: {blocker / 'case'} (")
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_evidence_still_opens_when_head_is_damaged(three):
    case_dir, ids = three
    (case_dir / layout.HEAD).write_text("garbage\n")
    case = Case.open(case_dir)
    report = case.unlock(PASSPHRASE)
    assert [(p.seq, p.code) for p in report.chain_problems] == [(4, "chain_head")]
    assert report.signed is False
    assert sorted(i["original_name"] for i in case.items()) == ["f0.png", "f1.png", "f2.png"]
    case.lock()
    assert (case_dir / layout.HEAD).read_text() == "garbage\n"  # nothing appended, nothing repaired behind the user's back
