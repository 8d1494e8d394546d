import hashlib
import json
import os
import sqlite3

import pytest

from evidence_kit.core import age, custody, journal, layout
from evidence_kit.core.case import Case, create_case, scrypt_work_factor
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.sealed import read_sealed
from evidence_kit.core.verify import verify_case
from tests.conftest import PASSPHRASE, write


def all_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def log_docs(case):
    return [json.loads(e) for e in case.entries()]


def test_create_lays_out_the_folder(case_dir):
    assert all_files(case_dir) == [
        "BLOBSUMS", "README-RECOVERY.txt", "case.json",
        "custody/HEAD", "custody/LOCK", "custody/allowed_signers", "custody/case-signing-pub.pem",
        "custody/checkpoints/00000001.sig", "custody/checkpoints/00000001.tsq",
        "custody/checkpoints/00000001.txt", "custody/checkpoints/00000001.txt.sshsig",
        "custody/log/00000001.age", "index.sqlite.age", "keys/identity.age",
    ]
    info = json.loads((case_dir / "case.json").read_text())
    assert info["format"] == "evidence-case" and info["version"] == 1
    assert info["recipient"].startswith("age1")
    assert (case_dir / "keys/identity.age").read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt ")
    head = custody.read_head(case_dir)
    assert head.seq == 1
    readme = (case_dir / "README-RECOVERY.txt").read_text("utf-8")
    assert "age -d -i keys/identity.age -o" in readme and "復元" in readme and "recover" in readme
    assert info["case_id"] not in readme  # no case details in the plaintext readme


def test_identity_file_is_an_age_identity_for_the_case_recipient(case_dir):
    text = read_sealed(case_dir / layout.IDENTITY, [age.ScryptIdentity(PASSPHRASE)]).decode()
    lines = text.splitlines()
    assert lines[0].startswith("# evidence-kit case ")
    info = json.loads((case_dir / "case.json").read_text())
    assert lines[1] == "# public key: " + info["recipient"]
    [identity] = age.parse_identity_file(text)
    assert identity.recipient().to_string() == info["recipient"]


def test_genesis_entry(unlocked):
    [genesis] = log_docs(unlocked)[:1]
    assert genesis["event"] == "case-created" and genesis["seq"] == 1 and genesis["prev"] == "0" * 64
    assert genesis["recipient"] == unlocked.info["recipient"]
    assert genesis["signing_pub"] == unlocked.info["signing_pub"]


def test_create_refuses_a_non_empty_folder(tmp_path):
    write(tmp_path / "busy" / "x.txt", b"x")
    with pytest.raises(EvidenceKitError) as exc:
        create_case(tmp_path / "busy", PASSPHRASE)
    assert exc.value.code == "case_exists"
    assert exc.value.message("en") == f"{tmp_path / 'busy'} already exists and is not empty. Choose an empty folder or a new name for the new case."
    assert sorted(os.listdir(tmp_path)) == ["busy"]  # no temp folder left behind


def test_create_accepts_an_existing_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    create_case(tmp_path / "empty", PASSPHRASE).lock()
    assert (tmp_path / "empty" / "case.json").exists()


@pytest.mark.parametrize("passphrase, code", [("", "passphrase_empty"), ("short", "passphrase_too_short")])
def test_create_refuses_weak_passphrases(tmp_path, passphrase, code):
    with pytest.raises(EvidenceKitError) as exc:
        create_case(tmp_path / "c", passphrase)
    assert exc.value.code == code
    assert not (tmp_path / "c").exists()


def test_import_while_locked_then_list(case_dir, tmp_path):
    src = write(tmp_path / "in" / "スクリーンショット 2024-01-15 12.01.02.png", b"\x89PNG\r\n\x1a\n" + b"p" * 5000)
    case = Case.open(case_dir)
    assert not case.unlocked
    result = case.import_file(src)
    assert result.status == "imported" and result.size == 5008
    assert result.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    with pytest.raises(EvidenceKitError) as exc:
        case.items()
    assert exc.value.code == "case_locked"
    case.unlock(PASSPHRASE)
    [item] = case.items()
    assert item["id"] == result.item_id
    assert item["original_name"] == "スクリーンショット 2024-01-15 12.01.02.png"
    assert item["size"] == 5008 and item["sha256"] == result.sha256
    assert item["mime"] == "image/png"
    assert item["mtime_ns"] == src.stat().st_mtime_ns
    assert item["source_path"] == str(src)
    assert item["imported_at"].endswith("Z") and item["import_clock"] == "local"
    blob = case_dir / layout.item_blob(result.item_id)
    assert item["blob_sha256"] == hashlib.sha256(blob.read_bytes()).hexdigest()
    assert age.decrypt_bytes(blob.read_bytes(), [case.identity()]) == src.read_bytes()
    case.lock()


def test_import_entry_fields_and_chain(unlocked, tmp_path):
    src = write(tmp_path / "a.txt", b"hello")
    result = unlocked.import_file(src)
    entries = unlocked.entries()
    doc = json.loads(entries[-1])
    assert list(doc) == ["v", "seq", "prev", "time", "clock", "event", "item", "size", "sha256",
                         "blob_sha256", "meta_sha256", "app"]
    assert doc["event"] == "import" and doc["item"] == result.item_id and doc["size"] == 5
    assert doc["sha256"] == hashlib.sha256(b"hello").hexdigest()
    for earlier, later in zip(entries, entries[1:]):
        assert json.loads(later)["prev"] == hashlib.sha256(earlier).hexdigest()
    head = custody.read_head(unlocked.path)
    assert head.seq == len(entries) and head.entry_sha256 == hashlib.sha256(entries[-1]).hexdigest()
    sums, bad = journal.read_blobsums(unlocked.path)
    assert bad == []
    assert sums[layout.item_blob(result.item_id)] == doc["blob_sha256"]
    assert sums[layout.item_meta(result.item_id)] == doc["meta_sha256"]
    assert sums[layout.log_entry(head.seq)] == head.file_sha256


def test_duplicate_is_reported_not_stored_twice(unlocked, tmp_path):
    first = unlocked.import_file(write(tmp_path / "one.jpg", b"same bytes"))
    files_before = all_files(unlocked.path / "items")
    entries_before = len(unlocked.entries())
    blobsums_before = (unlocked.path / "BLOBSUMS").read_bytes()
    second = unlocked.import_file(write(tmp_path / "copy of one.jpg", b"same bytes"))
    assert second.status == "duplicate" and second.duplicate_of == first.item_id
    assert second.sha256 == first.sha256
    assert all_files(unlocked.path / "items") == files_before
    assert len(unlocked.entries()) == entries_before
    assert (unlocked.path / "BLOBSUMS").read_bytes() == blobsums_before
    assert [i["original_name"] for i in unlocked.items()] == ["one.jpg"]


def test_duplicate_within_one_locked_session(case_dir, tmp_path):
    case = Case.open(case_dir)
    batch = case.import_paths([write(tmp_path / "d" / "a.png", b"x" * 10), write(tmp_path / "d" / "b.png", b"x" * 10)])
    assert [r.status for r in batch.results] == ["imported", "duplicate"]
    assert batch.results[1].duplicate_of == batch.results[0].item_id


def test_duplicates_across_locked_sessions_are_found_at_unlock(case_dir, tmp_path):
    a = Case.open(case_dir).import_file(write(tmp_path / "a.png", b"twice"))
    b = Case.open(case_dir).import_file(write(tmp_path / "b.png", b"twice"))
    assert b.status == "imported"  # while locked nothing can tell: the earlier hashes are encrypted
    case = Case.open(case_dir)
    report = case.unlock(PASSPHRASE)
    assert report.duplicates == [(b.item_id, a.item_id)]
    assert report.unsigned_entries == 2
    items = {i["id"]: i for i in case.items()}
    assert items[b.item_id]["duplicate_of"] == a.item_id and items[a.item_id]["duplicate_of"] is None
    annotate = [d for d in log_docs(case) if d["event"] == "annotate"]
    assert [(d["item"], d["duplicate_of"]) for d in annotate] == [(b.item_id, a.item_id)]
    case.lock()


def test_empty_file_is_imported_and_flagged(unlocked, tmp_path):
    result = unlocked.import_file(write(tmp_path / "empty.txt", b""))
    assert result.status == "imported" and result.empty and result.size == 0
    assert log_docs(unlocked)[-1]["empty"] == 1
    assert unlocked.items()[0]["size"] == 0


def test_import_folder_recursively_and_keep_going_after_failures(unlocked, tmp_path):
    write(tmp_path / "f" / "b.txt", b"b")
    write(tmp_path / "f" / "sub" / "a.txt", b"a")
    batch = unlocked.import_paths([tmp_path / "f", tmp_path / "nope.txt"])
    assert sorted(r.path.name for r in batch.results) == ["a.txt", "b.txt"]
    [(path, exc)] = batch.failures
    assert path == tmp_path / "nope.txt" and exc.code == "source_missing"
    assert exc.message("ja") == f"ファイルが見つかりません: {tmp_path / 'nope.txt'}"


def test_import_of_missing_and_unreadable_sources(case_dir, tmp_path, monkeypatch):
    case = Case.open(case_dir)
    with pytest.raises(EvidenceKitError) as exc:
        case.import_file(tmp_path / "gone.png")
    assert exc.value.code == "source_missing"
    src = write(tmp_path / "secret.png", b"data")
    import evidence_kit.core.case as case_module

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(case_module, "open", refuse, raising=False)
    with pytest.raises(EvidenceKitError) as exc:
        case.import_file(src)
    assert exc.value.message("en") == f"Cannot read the file: {src} (Permission denied)"
    assert exc.value.message("ja") == f"ファイルを読めません: {src}（Permission denied）"
    monkeypatch.undo()
    assert all_files(case_dir / "items") == []
    assert not (case_dir / layout.PENDING).exists()
    with pytest.raises(EvidenceKitError) as exc:
        case.import_file(tmp_path)
    assert exc.value.code == "source_is_folder"


def test_cancel_rolls_back_the_item(case_dir, tmp_path):
    src = write(tmp_path / "video.mp4", os.urandom(300_000))
    case = Case.open(case_dir)
    with pytest.raises(EvidenceKitError) as exc:
        case.import_file(src, cancel=lambda: True)
    assert exc.value.code == "cancelled"
    assert all_files(case_dir / "items") == [] or all(p.endswith("/") for p in all_files(case_dir / "items"))
    assert custody.read_head(case_dir).seq == 1
    assert not (case_dir / layout.PENDING).exists()


def test_wrong_passphrase(case_dir):
    case = Case.open(case_dir)
    with pytest.raises(EvidenceKitError) as exc:
        case.unlock("not the passphrase")
    assert exc.value.code == "wrong_passphrase"
    assert exc.value.message("ja") == "パスフレーズが違います。もう一度入力してください（大文字・小文字、全角・半角も区別されます）。"
    assert exc.value.message("en") == "The passphrase is not correct. Please try again (upper/lower case and full-width/half-width characters count)."
    assert not case.unlocked


def test_not_a_case(tmp_path):
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(tmp_path)
    assert exc.value.code == "not_a_case"
    assert exc.value.message("en") == f"{tmp_path} is not a case folder (case.json is missing or unreadable)."
    write(tmp_path / "case.json", b'{"hello": 1}')
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(tmp_path)
    assert exc.value.code == "not_a_case"


def test_newer_format_is_refused_without_changes(case_dir):
    info = json.loads((case_dir / "case.json").read_text())
    info["version"] = 2
    (case_dir / "case.json").write_text(json.dumps(info))
    before = {p: (case_dir / p).read_bytes() for p in all_files(case_dir)}
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir)
    assert exc.value.code == "newer_format"
    assert exc.value.message("ja") == (
        f"{case_dir} は新しい版の evidence-kit で作られたケースです（形式 2）。"
        "evidence-kit を更新してから開いてください。中身は変更していません。")
    assert {p: (case_dir / p).read_bytes() for p in all_files(case_dir)} == before


def test_passphrase_change_rewrites_only_the_identity(case_dir, tmp_path):
    Case.open(case_dir).import_file(write(tmp_path / "a.png", b"evidence"))
    before = {p: (case_dir / p).read_bytes() for p in all_files(case_dir)}
    Case.open(case_dir).change_passphrase(PASSPHRASE, "a brand new passphrase")
    after = {p: (case_dir / p).read_bytes() for p in all_files(case_dir)}
    changed = sorted(p for p in before if before[p] != after.get(p))
    added = sorted(set(after) - set(before))
    assert changed == ["BLOBSUMS", "custody/HEAD", "keys/identity.age"]
    assert added == [layout.log_entry(3)]
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).unlock(PASSPHRASE)
    assert exc.value.code == "wrong_passphrase"
    case = Case.open(case_dir)
    case.unlock("a brand new passphrase")
    assert [d["event"] for d in log_docs(case)][-2:] == ["passphrase-changed", "checkpoint"]
    assert [i["original_name"] for i in case.items()] == ["a.png"]
    case.lock()


def test_passphrase_change_with_wrong_old_passphrase(case_dir):
    before = (case_dir / "keys/identity.age").read_bytes()
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).change_passphrase("wrong wrong wrong", "a brand new passphrase")
    assert exc.value.code == "wrong_passphrase"
    assert (case_dir / "keys/identity.age").read_bytes() == before


def test_checkpoints_on_unlock_and_lock(case_dir, tmp_path):
    Case.open(case_dir).import_file(write(tmp_path / "a.png", b"1"))
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)  # the locked import is unsigned: a checkpoint follows
    assert [p.name for p in custody.checkpoint_files(case_dir)] == ["00000001.txt", "00000003.txt"]
    case.import_file(write(tmp_path / "b.png", b"2"))
    case.lock()
    assert [p.name for p in custody.checkpoint_files(case_dir)] == ["00000001.txt", "00000003.txt", "00000005.txt"]
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    case.lock()  # nothing new: no new checkpoint
    assert len(custody.checkpoint_files(case_dir)) == 3
    case.unlock(PASSPHRASE)
    statement = (case_dir / "custody/checkpoints/00000005.txt").read_text()
    entries = case.entries()
    log_sha = hashlib.sha256(b"".join(e + b"\n" for e in entries[:5])).hexdigest()
    assert statement.splitlines()[:5] == [
        "evidence-case-checkpoint v1",
        f"case: {case.case_id}",
        "seq: 5",
        f"head: {hashlib.sha256(entries[4]).hexdigest()}",
        f"log-sha256: {log_sha}",
    ]
    assert statement.splitlines()[5].endswith("Z (local clock)")
    assert [json.loads(e)["reason"] for e in entries if json.loads(e)["event"] == "checkpoint"] == ["unlock", "lock"]
    case.lock()


def test_record_events(unlocked):
    for event in ("verify", "export", "backup", "annotate"):
        unlocked.record(event, {"note": event})
    assert [d["event"] for d in log_docs(unlocked)][-4:] == ["verify", "export", "backup", "annotate"]
    with pytest.raises(ValueError):
        unlocked.record("made-up", {})


def test_index_is_encrypted_and_rebuilt_when_lost_or_damaged(case_dir, tmp_path):
    case = Case.open(case_dir)
    case.import_paths([write(tmp_path / "x" / "a.png", b"a"), write(tmp_path / "x" / "b.png", b"b")])
    case.unlock(PASSPHRASE)
    expected = case.items()
    case.lock()
    stored = (case_dir / layout.INDEX).read_bytes()
    assert stored.startswith(b"age-encryption.org/v1\n")
    assert b"a.png" not in stored
    for damage in ("delete", "flip"):
        if damage == "delete":
            (case_dir / layout.INDEX).unlink()
        else:
            data = bytearray((case_dir / layout.INDEX).read_bytes())
            data[-20] ^= 1
            (case_dir / layout.INDEX).write_bytes(bytes(data))
        case = Case.open(case_dir)
        case.unlock(PASSPHRASE)
        assert case.items() == expected
        case.lock()
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    conn = sqlite3.connect(":memory:")
    conn.deserialize(age.decrypt_bytes((case_dir / layout.INDEX).read_bytes(), [case.identity()]))
    assert sorted(r[0] for r in conn.execute("SELECT name FROM items")) == ["a.png", "b.png"]
    assert case.rebuild_index().items() == expected
    case.lock()


def test_default_scrypt_work_factor_is_within_bounds(monkeypatch):
    monkeypatch.delenv("EVIDENCE_KIT_TEST_SCRYPT_LOG2N")
    assert 18 <= scrypt_work_factor() <= 20


def test_two_open_cases_on_one_folder_keep_one_chain(case_dir, tmp_path):
    """E.g. the app is open while the watched folder or the CLI imports: every checkpoint still
    covers the real log."""
    a, b = Case.open(case_dir), Case.open(case_dir)
    a.unlock(PASSPHRASE)
    b.unlock(PASSPHRASE)
    a.import_file(write(tmp_path / "a.png", b"a"))
    b.import_file(write(tmp_path / "b.png", b"b"))
    Case.open(case_dir).import_file(write(tmp_path / "c.png", b"c"))  # a third, locked writer
    a.lock()
    b.record("annotate", {"note": "b writes after the others"})
    assert sorted(i["original_name"] for i in b.items()) == ["a.png", "b.png", "c.png"]
    b.lock()
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    assert sorted(i["original_name"] for i in case.items()) == ["a.png", "b.png", "c.png"]
    assert verify_case(case_dir, case.info, case.identity()).problems == []
    case.lock()


def test_missing_or_damaged_identity_file(case_dir):
    identity = case_dir / layout.IDENTITY
    saved = identity.read_bytes()
    identity.unlink()
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).unlock(PASSPHRASE)
    assert exc.value.message("en") == (
        f"The key file is missing: {identity}. Restore it from a backup or the printed recovery sheet.")
    identity.write_bytes(saved[:-10])
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(case_dir).unlock(PASSPHRASE)
    assert exc.value.code == "identity_damaged"


def test_case_busy_while_another_process_writes(case_dir, tmp_path):
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from evidence_kit.core.fsio import FileLock\n"
        f"lock = FileLock({str(case_dir / layout.LOCK)!r}); lock.acquire()\n"
        "print('held', flush=True); time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        case = Case.open(case_dir)
        case.lock_timeout = 0.3
        with pytest.raises(EvidenceKitError) as exc:
            case.import_file(write(tmp_path / "a.png", b"a"))
        assert exc.value.code == "case_busy"
        assert exc.value.message("en") == f"Another task is using this case: {case_dir}. Wait a moment and try again."
    finally:
        holder.kill()
        holder.wait()
    assert case.import_file(tmp_path / "a.png").status == "imported"  # the OS released the dead holder's lock
