"""USB backup and restore: incremental, read back, the previous generation kept until the new one is
verified; a full stick, a pulled stick, an I/O error, FAT32's file size limit, a read-only stick."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import subprocess

import pytest

from evidence_kit import backup
from evidence_kit.core import custody, layout
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.verify import verify_case
from tests.conftest import PASSPHRASE, write


@pytest.fixture
def filled(case_dir, tmp_path):
    """A locked case with three items (one of 300 kB)."""
    case = Case.open(case_dir)
    case.import_paths([write(tmp_path / "src" / "a.txt", b"first message"),
                       write(tmp_path / "src" / "photo.png", b"\x89PNG" + os.urandom(300_000)),
                       write(tmp_path / "src" / "memo.txt", "メモ".encode())])
    return case_dir


@pytest.fixture
def usb(tmp_path):
    path = tmp_path / "usb"
    path.mkdir()
    return path


def case_files(folder) -> dict[str, str]:
    """SHA-256 of every file of a case folder, or of the case copy in a backup folder."""
    found = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and rel.split("/")[0] not in backup.OWN and rel != layout.LOCK:
            found[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def last_event(case_dir) -> dict:
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    try:
        return [custody.doc_of(e) for e in case.entries() if custody.doc_of(e).get("event") != "checkpoint"][-1]
    finally:
        case.lock()


def import_one(case_dir, path, data: bytes):
    return Case.open(case_dir).import_file(write(path, data))


def test_a_locked_case_is_copied_whole_read_back_and_logged(filled, usb):
    seen = []
    source = case_files(filled)
    size = sum((filled / rel).stat().st_size for rel in source)
    report = backup.run(filled, usb, progress=lambda rel, done, total: seen.append((rel, done, total)))
    folder = usb / "evidence-kit-backup" / Case.open(filled).case_id
    assert report.folder == folder and report.generation == 1
    assert sorted(report.copied) == sorted(source) and report.files == len(source) == 22
    assert report.bytes_copied == size
    assert {rel for rel, done, total in seen if done == total} == set(source)  # one finished line per file
    copy = case_files(folder)
    del source[layout.HEAD], source[layout.BLOBSUMS]  # the backup event came after the copy
    assert {k: copy[k] for k in source} == source
    manifest = json.loads((folder / "backup.json").read_bytes())
    assert manifest["generation"] == 1 and manifest["case_id"] == Case.open(filled).case_id
    assert {rel: e["sha256"] for rel, e in manifest["files"].items()} == copy
    assert (folder / "README-BACKUP.txt").read_bytes().startswith("\ufeffこのフォルダについて".encode())
    assert not (folder / ".backup-staging").exists() and not (folder / ".backup-commit.json").exists()
    assert verify_case(folder, Case.open(folder).info).problems == []
    event = last_event(filled)
    assert {k: event[k] for k in ("event", "generation", "files", "copied", "split")} == {
        "event": "backup", "generation": 1, "files": 22, "copied": 22, "split": 0}
    assert event["manifest_sha256"] == hashlib.sha256((folder / "backup.json").read_bytes()).hexdigest()


def test_the_next_backup_copies_only_what_is_new(filled, usb, tmp_path):
    backup.run(filled, usb)
    new = import_one(filled, tmp_path / "src" / "later.jpg", b"\xff\xd8\xff" + os.urandom(5000))
    head = custody.read_head(filled).seq  # the backup event, then the import
    report = backup.run(filled, usb)
    assert report.generation == 2 and report.resumed == [] and report.removed == []
    assert sorted(report.copied) == sorted([
        layout.BLOBSUMS, layout.HEAD, layout.log_entry(head - 1), layout.log_entry(head),
        layout.item_blob(new.item_id), layout.item_meta(new.item_id)])
    assert verify_case(report.folder, Case.open(report.folder).info).problems == []
    assert backup.run(filled, usb).copied == [layout.BLOBSUMS, layout.HEAD, layout.log_entry(head + 1)]


class _Flaky:
    """backup.atomic_writer whose n-th file fails half-way with `error` (the stick stops answering)."""

    def __init__(self, monkeypatch, fail_at: int, error: int = errno.EIO):
        self.real, self.calls, self.fail_at, self.error = backup.atomic_writer, 0, fail_at, error
        monkeypatch.setattr(backup, "atomic_writer", self)

    @contextlib.contextmanager
    def __call__(self, path):
        with self.real(path) as f:
            self.calls += 1
            if self.calls == self.fail_at:
                f.write(b"half")
                raise OSError(self.error, os.strerror(self.error), str(path))
            yield f


def test_an_io_error_keeps_the_previous_generation_and_the_next_run_resumes(filled, usb, tmp_path, monkeypatch):
    first = backup.run(filled, usb)
    before = case_files(first.folder)
    manifest = (first.folder / "backup.json").read_bytes()
    new = [import_one(filled, tmp_path / "src" / f"n{n}.bin", os.urandom(20_000 + n)) for n in range(3)]
    flaky = _Flaky(monkeypatch, fail_at=4)
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, usb)
    assert exc.value.code == "backup_interrupted"
    failed = exc.value.params["path"]
    assert exc.value.message("ja") == (
        f"バックアップ先に書き込めなくなりました: {failed}（Input/output error）。USB メモリが抜けたか、調子が悪いのかもしれません。"
        "前回のバックアップはそのまま残っています。差し直してから、もう一度バックアップしてください（続きからコピーします）。")
    assert case_files(first.folder) == before and (first.folder / "backup.json").read_bytes() == manifest
    assert verify_case(first.folder, Case.open(first.folder).info).problems == []  # still the first generation
    staged = sorted(p.relative_to(first.folder / ".backup-staging").as_posix()
                    for p in (first.folder / ".backup-staging").rglob("*") if p.is_file())
    assert len(staged) == 3 and not any(p.endswith(".part") for p in staged)  # the half-written file is gone
    monkeypatch.setattr(backup, "atomic_writer", flaky.real)
    report = backup.run(filled, usb)
    # 12 new or changed: 3 items (2 files each), their 3 log entries, the first backup's, HEAD, BLOBSUMS
    assert sorted(report.resumed) == staged and len(report.copied) == 12 - 3
    assert report.generation == 2
    assert all(layout.item_blob(r.item_id) in report.copied + report.resumed for r in new)
    assert verify_case(report.folder, Case.open(report.folder).info).problems == []


def test_a_pulled_stick_stops_the_backup_and_plugged_in_again_it_continues(filled, tmp_path, small_fs):
    stick = small_fs("8m")  # the stick's own file system, seen at `usb` while plugged in
    usb = tmp_path / "usb"
    usb.mkdir()

    def plug():
        subprocess.run(["mount", "--bind", str(stick), str(usb)], check=True)

    def pull(rel, done, total):
        if done == total and rel == layout.BLOBSUMS:  # the first file copied
            subprocess.run(["umount", "-l", str(usb)], check=True)

    plug()
    try:
        with pytest.raises(EvidenceKitError) as exc:
            backup.run(filled, usb, progress=pull)
        assert exc.value.code == "backup_interrupted"
        assert list(usb.iterdir()) == []  # nothing was made on the PC's own disk in the stick's place
        plug()
        report = backup.run(filled, usb)
        assert report.resumed == [layout.BLOBSUMS] and len(report.copied) == 21 and report.generation == 1
        assert verify_case(report.folder, Case.open(report.folder).info).problems == []
    finally:
        subprocess.run(["umount", "-l", str(usb)], check=False)


def test_a_stick_too_small_is_refused_before_anything_is_copied(case_dir, tmp_path, small_fs):
    import_one(case_dir, tmp_path / "video.mp4", os.urandom(2 * 1024 * 1024))
    usb = small_fs("1m")
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(case_dir, usb)
    assert exc.value.code == "backup_no_space"
    folder = backup.backup_folder(usb, Case.open(case_dir).case_id)
    assert exc.value.message("en") == (
        f"There is not enough free space at the backup place: {folder}. {exc.value.params['need']} MB more is needed, "
        f"but only {exc.value.params['free']} MB is free. Nothing was copied; the previous backup is as it was. "
        "Free some space or use a larger USB stick.")
    assert float(exc.value.params["need"]) > 2.0 and float(exc.value.params["free"]) <= 1.0
    assert [p.name for p in usb.rglob("*") if p.is_file()] == [".backup-lock"]  # nothing of the case
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, tmp_path / "restored")
    assert exc.value.code == "restore_not_backup"


def test_a_stick_that_fills_up_mid_copy_leaves_the_previous_generation(filled, tmp_path, small_fs, monkeypatch):
    usb = small_fs("3m")
    first = backup.run(filled, usb)
    before = case_files(first.folder)
    import_one(filled, tmp_path / "video.mp4", os.urandom(4 * 1024 * 1024))
    # the space looked free when the run began (another program filled the stick meanwhile)
    monkeypatch.setattr(backup.shutil, "disk_usage", lambda path: type("Usage", (), {"free": 1 << 40})())
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, usb)
    assert exc.value.code == "backup_full"
    assert exc.value.message("ja") == (
        f"コピーの途中でバックアップ先がいっぱいになりました: {usb}。書きかけのファイルは消しました。前回のバックアップはそのまま残っています。"
        "空きを作ってから、もう一度バックアップしてください（続きからコピーします）。")
    assert [p.name for p in usb.rglob("*.part")] == []
    assert case_files(first.folder) == before
    assert json.loads((first.folder / "backup.json").read_bytes())["generation"] == 1
    assert verify_case(first.folder, Case.open(first.folder).info).problems == []


def test_a_read_only_stick_is_named(filled, small_fs):
    usb = small_fs("1m")
    subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, usb)
    assert exc.value.message("en") == (
        f"The backup place cannot be written (it is read-only): {usb}. Check the USB stick's write-protect switch "
        "or choose another place. The case is unchanged.")
    assert custody.read_head(filled).seq == 4  # no backup event


def test_a_missing_destination_or_one_inside_the_case_is_refused(filled, tmp_path):
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, tmp_path / "not-plugged-in")
    assert exc.value.message("ja") == (
        f"バックアップ先のフォルダが見つかりません: {tmp_path / 'not-plugged-in'}。"
        "USB メモリが差さっているか、場所が合っているか確かめてください。")
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, filled / "items")
    assert exc.value.code == "backup_inside_case"


def test_fat32_files_over_the_limit_are_split_and_joined_on_restore(filled, usb, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "fs_type", lambda path: "vfat")
    monkeypatch.setattr(backup, "FAT32_MAX", 100_000)  # 4 GiB - 1 on a real stick
    report = backup.run(filled, usb)
    case = Case.open(filled)
    case.unlock(PASSPHRASE)
    photo = next(i for i in case.items() if i["original_name"] == "photo.png")
    case.lock()
    blob = layout.item_blob(photo["id"])
    size = (filled / blob).stat().st_size
    assert report.split == [blob]
    parts = sorted((report.folder / "large-files").rglob("*.0*"))
    assert [p.name for p in parts] == [f"{photo['id']}.age.00{n}" for n in (1, 2, 3, 4)]
    assert [p.stat().st_size for p in parts] == [100_000] * 3 + [size - 300_000]
    assert b"".join(p.read_bytes() for p in parts) == (filled / blob).read_bytes()
    assert not (report.folder / blob).exists()
    info = Case.open(report.folder).info
    assert verify_case(report.folder, info).problems == []  # the parts are joined to be checked
    copy = Case.open(report.folder)
    copy.unlock(PASSPHRASE)
    deep = verify_case(report.folder, info, copy.identity())  # and decrypted through them
    assert (deep.problems, deep.items_rehashed) == ([], 3)
    copy.lock()
    assert backup.run(filled, usb).split == [blob]  # the parts are kept, not copied again
    restored = backup.restore(usb, tmp_path / "restored")
    assert (restored / blob).read_bytes() == (filled / blob).read_bytes()
    assert verify_case(restored, Case.open(restored).info).problems == []


def test_verify_on_a_split_backup_names_a_damaged_or_missing_part(filled, usb, monkeypatch):
    report = backup.run(filled, usb, max_file_size=100_000)
    [blob] = report.split
    info = Case.open(report.folder).info
    second = report.folder / layout.split_part(blob, 2)
    data = bytearray(second.read_bytes())
    data[10] ^= 1
    second.write_bytes(bytes(data))
    assert [(p.code, p.path) for p in verify_case(report.folder, info).problems] == [("damaged", blob)]
    data[10] ^= 1
    second.write_bytes(bytes(data))
    assert verify_case(report.folder, info).problems == []
    (report.folder / layout.split_part(blob, 4)).unlink()  # the last part lost: the file is short
    assert [(p.code, p.path) for p in verify_case(report.folder, info).problems] == [("damaged", blob)]
    for n in (1, 2, 3):
        (report.folder / layout.split_part(blob, n)).unlink()
    assert [(p.code, p.path) for p in verify_case(report.folder, info).problems] == [("missing", blob)]


def test_the_file_system_type_is_read_from_the_mount_table(small_fs, tmp_path):
    text = ("36 27 8:17 / /media/user/NO\\040NAME rw,nosuid - vfat /dev/sdb1 rw,fmask=0022\n"
            "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n")
    assert backup.parse_mountinfo(text) == [("/media/user/NO NAME", "vfat"), ("/", "ext4")]
    assert backup.fs_type(small_fs("1m")) == "tmpfs"
    assert backup.size_limit(small_fs("1m")) is None


def test_verify_names_a_damaged_file_in_the_backup_and_recheck_repairs_it(filled, usb):
    report = backup.run(filled, usb)
    blob = next(rel for rel in report.copied if rel.startswith("items/") and not rel.endswith(".meta.age")
                and (filled / rel).stat().st_size > 1000)
    with open(report.folder / blob, "r+b") as f:
        f.seek(5000)
        byte = f.read(1)
        f.seek(5000)
        f.write(bytes([byte[0] ^ 1]))
    found = verify_case(report.folder, Case.open(report.folder).info).problems
    assert [(p.code, p.path) for p in found] == [("damaged", blob)]
    assert blob not in backup.run(filled, usb).copied  # same name, same size: a quick run does not read it
    again = backup.run(filled, usb, recheck=True)
    assert blob in again.copied
    assert verify_case(again.folder, Case.open(again.folder).info).problems == []


def test_verify_and_unlock_on_the_stick_change_nothing_so_it_still_restores(filled, usb, tmp_path):
    report = backup.run(filled, usb)
    before = case_files(report.folder)
    copy = Case.open(report.folder)
    result, not_logged = copy.verify()  # what README-BACKUP.txt tells the user to run
    assert result.ok and not_logged.code == "backup_copy"
    assert not_logged.message("en") == (
        f"{report.folder} is a backup (a copy on a USB stick or elsewhere). So that it stays exactly as it was backed "
        "up, nothing is written to it. To work with this case, restore it elsewhere with evidence-kit restore.")
    copy.unlock(PASSPHRASE)  # no checkpoint signed, no index saved on the stick
    deep, _ = copy.verify(deep=True)
    assert deep.ok and deep.items_rehashed == 3
    for attempt in (lambda: copy.import_file(write_src(tmp_path)), lambda: copy.record("annotate", {}),
                    lambda: copy.change_passphrase(PASSPHRASE, "another passphrase")):
        with pytest.raises(EvidenceKitError) as exc:
            attempt()
        assert exc.value.code == "backup_copy"
    copy.lock()
    assert case_files(report.folder) == before and not (report.folder / layout.LOCK).exists()
    restored = backup.restore(usb, tmp_path / "restored")  # used to fail: HEAD and BLOBSUMS had changed
    assert verify_case(restored, Case.open(restored).info).problems == []
    assert backup.run(filled, usb).removed == []


def write_src(tmp_path):
    return write(tmp_path / "src" / "into-the-stick.txt", b"imported into the backup by mistake")


def test_a_damaged_item_in_the_case_is_copied_as_it_is_and_reported(filled, usb):
    rel = sorted(r for r in journal_sums(filled) if r.startswith("items/") and r.endswith(".meta.age"))[0]
    data = bytearray((filled / rel).read_bytes())
    data[-1] ^= 1
    (filled / rel).write_bytes(bytes(data))
    report = backup.run(filled, usb)
    assert report.source_damaged == [rel]
    assert [(p.code, p.path) for p in verify_case(report.folder, Case.open(report.folder).info).problems] == [
        ("damaged", rel)]


def journal_sums(case_dir) -> dict:
    from evidence_kit.core import journal

    return journal.read_blobsums(case_dir)[0]


def test_cancel_stops_before_the_next_file_and_nothing_looks_complete(filled, usb):
    done = []

    def progress(rel, n, total):
        if n == total:
            done.append(rel)

    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, usb, progress=progress, cancel=lambda: len(done) >= 2)
    assert exc.value.code == "cancelled"
    assert exc.value.message("ja") == ("バックアップを途中で止めました。前回のバックアップはそのまま残っています。"
                                       "ここまでにコピーして確かめた分は、次のバックアップで使います。")
    folder = backup.backup_folder(usb, Case.open(filled).case_id)
    assert not (folder / "backup.json").exists() and not (folder / "case.json").exists()
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, usb.parent / "restored")
    assert exc.value.message("en") == (
        f"The backup in {folder} never finished. If you still have the case, back it up again.")
    assert backup.run(filled, usb).resumed != []


def test_restore_makes_a_working_case_with_the_same_items(filled, usb, tmp_path):
    backup.run(filled, usb)
    seen = []
    restored = backup.restore(usb, tmp_path / "elsewhere" / "case", progress=lambda r, d, t: seen.append(r))
    assert restored == tmp_path / "elsewhere" / "case"
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["case"]  # no work folder left
    assert not (restored / "backup.json").exists() and not (restored / "README-BACKUP.txt").exists()
    original, copy = Case.open(filled), Case.open(restored)
    original.unlock(PASSPHRASE)
    copy.unlock(PASSPHRASE)
    assert [(i["id"], i["original_name"], i["sha256"]) for i in copy.items()] == [
        (i["id"], i["original_name"], i["sha256"]) for i in original.items()]
    for item in original.items():
        assert read_item(copy, item["id"]) == read_item(original, item["id"])
    assert custody.doc_of(copy.entries()[-2])["event"] == "restore"  # then the unlock's checkpoint
    report, _ = copy.verify(deep=True)
    assert report.ok and report.items_rehashed == 3
    original.lock()
    copy.lock()


def read_item(case, item_id) -> bytes:
    from evidence_kit.core import age

    with open(case.path / layout.item_blob(item_id), "rb") as f:
        return age.PlaintextReader(f, [case.identity()]).read()


def writes_fail(monkeypatch, suffix: str, err: int) -> None:
    """backup.atomic_writer fails with `err` for the files whose name ends with `suffix`."""
    real = backup.atomic_writer

    def writer(path):
        if path.name.endswith(suffix):
            raise OSError(err, os.strerror(err), str(path))
        return real(path)

    monkeypatch.setattr(backup, "atomic_writer", writer)


def test_a_cancelled_or_full_restore_leaves_nothing_and_says_so(filled, usb, tmp_path, monkeypatch):
    backup.run(filled, usb)
    copied = []
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, tmp_path / "new case", progress=lambda rel, n, total: copied.append(rel),
                       cancel=lambda: len(copied) >= 3)
    assert exc.value.code == "cancelled"
    assert exc.value.message("en") == "Restoring the case was stopped. What was made so far was removed; the backup is unchanged."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "src", "usb"]
    writes_fail(monkeypatch, ".meta.age", errno.ENOSPC)
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, tmp_path / "new case")
    assert exc.value.code == "disk_full"
    assert exc.value.message("ja") == (
        f"ディスクがいっぱいで、ケースを戻せませんでした: {tmp_path / 'new case'}。途中まで作ったものは消しました。"
        "空きを作るか別の場所を選んで、もう一度戻してください。バックアップは何も変わっていません。")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "src", "usb"]


def test_a_backup_list_of_the_wrong_shape_or_a_file_too_large_for_the_place_is_said_plainly(filled, usb, tmp_path,
                                                                                             monkeypatch):
    report = backup.run(filled, usb)
    manifest = json.loads((report.folder / "backup.json").read_bytes())
    good = json.dumps(manifest).encode()
    manifest["files"][layout.CASE_JSON] = {"size": "366"}  # valid JSON, not a list this app wrote
    (report.folder / "backup.json").write_bytes(json.dumps(manifest).encode())
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, tmp_path / "restored")
    assert (exc.value.code, exc.value.params["path"]) == ("backup_manifest_damaged", report.folder / "backup.json")
    (report.folder / "backup.json").write_bytes(good)
    writes_fail(monkeypatch, ".age", errno.EFBIG)  # a FAT32 drive and a file of 4 GiB or more
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, tmp_path / "restored")
    assert exc.value.message("en") == (
        f"A file is too large for this place, so the case could not be restored: {tmp_path / 'restored'}. A FAT32 "
        "drive cannot hold files of 4 GB or more; choose another place, such as the computer's own disk. "
        "What was made so far was removed.")
    assert not (tmp_path / "restored").exists()


def test_restore_never_overwrites(filled, usb, tmp_path):
    backup.run(filled, usb)
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(usb, filled)
    assert exc.value.message("ja") == (
        f"{filled} はすでにあり、空ではありません。上書きしないよう、止めました。新しい名前か空のフォルダを指定してください。")
    (tmp_path / "empty").mkdir()
    assert backup.restore(usb / "evidence-kit-backup", tmp_path / "empty") == tmp_path / "empty"


def test_restore_stops_at_a_damaged_backup_and_leaves_nothing(filled, usb, tmp_path):
    report = backup.run(filled, usb)
    (report.folder / layout.IDENTITY).write_bytes(b"age-encryption.org/v1\n-> scrypt broken")
    with pytest.raises(EvidenceKitError) as exc:
        backup.restore(report.folder, tmp_path / "restored")
    assert exc.value.message("en") == (
        f"A file of the backup has changed (hash mismatch): {report.folder / layout.IDENTITY}. Restore from another "
        "backup (your second USB stick). What was made so far was removed.")
    assert list(tmp_path.glob("*restor*")) == []


def test_an_interrupted_commit_is_finished_by_restore_and_by_the_next_run(filled, usb, tmp_path, monkeypatch):
    backup.run(filled, usb)
    import_one(filled, tmp_path / "src" / "late.txt", b"late")
    real_replace, calls = os.replace, []

    def dies_after_two(src, dst):
        if ".backup-staging" in str(src) and not os.path.basename(src).startswith(".tmp-"):  # a commit move
            calls.append(dst)
            if len(calls) > 2:
                raise KeyboardInterrupt  # a power cut half-way through the moves
        real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", dies_after_two)
    with pytest.raises(KeyboardInterrupt):
        backup.run(filled, usb)
    monkeypatch.setattr(backup.os, "replace", real_replace)
    folder = backup.backup_folder(usb, Case.open(filled).case_id)
    assert (folder / ".backup-commit.json").exists()
    restored = backup.restore(usb, tmp_path / "restored")  # reads the journal, writes nothing on the stick
    assert (folder / ".backup-commit.json").exists()
    case = Case.open(restored)
    case.unlock(PASSPHRASE)
    assert [i["original_name"] for i in case.items()] == ["a.txt", "photo.png", "memo.txt", "late.txt"]
    case.lock()
    report = backup.run(filled, usb)
    assert report.generation == 3 and not (folder / ".backup-commit.json").exists()
    assert verify_case(folder, Case.open(folder).info).problems == []


def test_a_stick_that_gives_back_other_bytes_is_named(filled, usb, monkeypatch):
    real = backup._sha256_of

    def bad_stick(path, drop_cache=False, whole=None):  # what the stick hands back for one file
        sha = real(path, drop_cache, whole)
        return "0" * 64 if drop_cache and path.name == "case.json" else sha

    monkeypatch.setattr(backup, "_sha256_of", bad_stick)
    with pytest.raises(EvidenceKitError) as exc:
        backup.run(filled, usb)
    folder = backup.backup_folder(usb, Case.open(filled).case_id)
    assert exc.value.message("ja") == (
        f"コピーしたファイルを読み直したところ、内容が一致しませんでした: {folder / 'case.json'}。"
        "USB メモリが壊れかけている可能性があります。別の USB メモリを使ってください。前回のバックアップはそのまま残っています。")
    assert not (folder / ".backup-staging" / "case.json").exists() and not (folder / "backup.json").exists()


def test_a_case_on_read_only_media_is_backed_up_and_says_it_was_not_logged(tmp_path, small_fs, usb):
    from evidence_kit.core.case import create_case

    fs = small_fs("4m")
    case = create_case(fs / "case", PASSPHRASE)
    case.import_file(write(tmp_path / "a.txt", b"kept"))
    case.lock()
    subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)
    report = backup.run(fs / "case", usb)
    assert report.not_logged is not None and report.not_logged.code == "read_only"
    assert sorted(report.copied) == sorted(case_files(fs / "case"))
    assert verify_case(report.folder, Case.open(report.folder).info).problems == []


def test_case_hold_makes_other_writers_wait_and_lets_the_holder_write(case_dir, monkeypatch):
    """What the backup's snapshot holds: another Case (another process) cannot append meanwhile."""
    monkeypatch.setattr(Case, "lock_timeout", 0.2)
    case, other = Case.open(case_dir), Case.open(case_dir)
    with case.hold() as held:
        assert held is case
        with pytest.raises(EvidenceKitError) as exc:
            other.record("verify", {"result": "ok"})
        assert exc.value.code == "case_busy"
        case.record("verify", {"result": "ok"})  # the holder itself may write
    other.record("verify", {"result": "ok"})
    assert custody.read_head(case_dir).seq == 3


def item_blobs(case_dir) -> list[str]:
    return sorted(rel for rel in journal_sums(case_dir) if rel.startswith("items/") and not rel.endswith(".meta.age"))


def test_evidence_lost_from_the_case_is_never_lost_from_the_stick_too(filled, usb, tmp_path):
    first = backup.run(filled, usb)
    blob, other = item_blobs(filled)[:2]
    good = {rel: (first.folder / rel).read_bytes() for rel in (blob, other)}
    (filled / blob).unlink()  # gone from the case (a failing disk, or someone with the PC)
    (filled / other).write_bytes(good[other][:100])  # cut short
    report = backup.run(filled, usb)
    assert (report.kept_earlier, report.source_missing, report.removed) == ([blob], [], [])
    assert {rel: (report.folder / rel).read_bytes() for rel in (blob, other)} == good  # the good copies stay
    assert report.files == 22 + 1  # + the first backup's log entry
    assert last_event(filled)["missing"] == 1
    restored = backup.restore(usb, tmp_path / "restored")
    assert verify_case(restored, Case.open(restored).info).problems == []
    sums = (filled / layout.BLOBSUMS).read_bytes()  # someone with the PC removes the item's line too
    (filled / layout.BLOBSUMS).write_bytes(b"".join(line for line in sums.splitlines(keepends=True)
                                                    if blob.encode() not in line))
    report = backup.run(filled, usb)
    assert (report.kept_earlier, report.removed) == ([blob], []) and (report.folder / blob).read_bytes() == good[blob]


def test_a_file_missing_unreadable_or_behind_a_link_in_the_case_does_not_stop_the_backup(filled, usb, tmp_path,
                                                                                         monkeypatch):
    lost, failing, linked = item_blobs(filled)
    (filled / lost).unlink()
    moved = tmp_path / "other-disk" / linked.split("/")[1]
    moved.parent.mkdir()
    (filled / linked).parent.rename(moved)  # the folder now lives elsewhere, reached through a link
    (filled / linked).parent.symlink_to(moved, target_is_directory=True)
    real_read = backup._SourceReader.read

    def read(self, size):
        if self._path == filled / failing:
            raise EvidenceKitError("io_error", path=self._path, reason="Input/output error")
        return real_read(self, size)

    monkeypatch.setattr(backup._SourceReader, "read", read)
    report = backup.run(filled, usb)
    assert report.source_missing == sorted([lost, failing]) and report.kept_earlier == []
    assert linked in report.copied and (report.folder / linked).read_bytes() == (moved / linked.split("/")[2]).read_bytes()
    assert not (report.folder / linked).parent.is_symlink()
    assert len(report.copied) == 22 - 2 and report.files == 20
    found = verify_case(report.folder, Case.open(report.folder).info).problems
    assert sorted((p.code, p.path) for p in found) == sorted([("missing", lost), ("missing", failing)])


def test_a_case_with_a_damaged_head_is_backed_up_as_it_is(filled, usb):
    (filled / layout.HEAD).write_bytes(b"garbage")
    report = backup.run(filled, usb)
    assert report.head_seq == 0 and report.not_logged.code == "head_damaged"
    assert (report.folder / layout.HEAD).read_bytes() == b"garbage" and len(report.copied) == 22
    assert [p.code for p in verify_case(report.folder, Case.open(report.folder).info).problems] == ["head_damaged"]


def test_a_second_backup_to_the_same_place_at_once_is_refused(filled, usb):
    from evidence_kit.core.fsio import FileLock

    folder = backup.backup_folder(usb, Case.open(filled).case_id)
    folder.mkdir(parents=True)
    other = FileLock(folder / ".backup-lock")
    other.acquire()  # the app's backup wizard is running
    try:
        with pytest.raises(EvidenceKitError) as exc:
            backup.run(filled, usb)
        assert exc.value.message("en") == (f"A backup to this place is already running in another window or command: "
                                           f"{folder}. Back up again once it has finished.")
        assert sorted(p.name for p in folder.iterdir()) == [".backup-lock"]
    finally:
        other.release()
    report = backup.run(filled, usb)
    assert ".backup-lock" not in case_files(report.folder) and report.generation == 1
    restored = backup.restore(usb, usb.parent / "restored")
    assert not (restored / ".backup-lock").exists()


def test_a_commit_journal_pointing_outside_the_backup_is_never_followed(filled, usb, tmp_path):
    report = backup.run(filled, usb)
    victim = write(tmp_path / "someone else's file.txt", b"must stay")
    manifest = json.loads((report.folder / "backup.json").read_bytes())
    rel = os.path.relpath(victim, report.folder)  # ../../../someone else's file.txt
    for plan in ({"moves": [], "removals": [rel], "manifest": manifest},
                 {"moves": [], "removals": [str(victim)], "manifest": manifest},
                 {"moves": "x", "removals": [], "manifest": manifest}, ["not", "a", "plan"]):
        (report.folder / ".backup-commit.json").write_text(json.dumps(plan))
        again = backup.run(filled, usb)  # a stick someone prepared
        assert victim.read_bytes() == b"must stay" and not (report.folder / ".backup-commit.json").exists()
        assert verify_case(again.folder, Case.open(again.folder).info).problems == []
