"""A full disk and a read-only case folder: clear errors, nothing half-written, nothing lost."""

import errno
import os
import subprocess

import pytest

from evidence_kit.core import custody, fsio, layout
from evidence_kit.core.case import Case, create_case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.verify import verify_case
from tests.conftest import PASSPHRASE, write


def leftovers(case_dir):
    return sorted(p.name for p in case_dir.rglob("*") if p.name.endswith(".part"))


def item_files(case_dir):
    return sorted(p.name for p in (case_dir / "items").rglob("*") if p.is_file())


def test_disk_fills_up_mid_import(small_fs, tmp_path):
    fs = small_fs("2m")
    case = create_case(fs / "case", PASSPHRASE)
    case.lock()
    small = write(tmp_path / "small.png", b"s" * 10_000)
    big = write(tmp_path / "video.mp4", os.urandom(3 * 1024 * 1024))
    kept = Case.open(fs / "case").import_file(small)
    with pytest.raises(EvidenceKitError) as exc:
        Case.open(fs / "case").import_file(big)
    assert exc.value.code == "disk_full"
    assert exc.value.message("ja") == (
        f"ディスクがいっぱいで保存できませんでした: {fs / 'case'}。"
        "途中まで書いたものは片付けました。空きを作ってからもう一度取り込んでください。")
    assert leftovers(fs / "case") == []
    assert item_files(fs / "case") == sorted([kept.item_id + ".age", kept.item_id + ".meta.age"])
    assert not (fs / "case" / layout.PENDING).exists()
    case = Case.open(fs / "case")
    assert verify_case(case.path, case.info).problems == []
    assert case.import_file(write(tmp_path / "after.txt", b"still works")).status == "imported"


def test_disk_full_injected_at_every_stage(case_dir, tmp_path, monkeypatch):
    """The same, without root: the n-th durable write fails with ENOSPC, for each n in turn."""
    src = write(tmp_path / "photo.jpg", b"\xff\xd8\xff" + os.urandom(150_000))
    real_fsync = fsio.fsync_file
    outcomes = []
    for fail_at in range(1, 8):
        calls = {"n": 0}

        def failing_fsync(f):
            calls["n"] += 1
            if calls["n"] == fail_at:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_fsync(f)

        monkeypatch.setattr(fsio, "fsync_file", failing_fsync)
        head_before = custody.read_head(case_dir)
        case = Case.open(case_dir)
        try:
            result = case.import_file(src)
            outcomes.append(result.status)
        except EvidenceKitError as exc:
            outcomes.append(exc.code)
            assert custody.read_head(case_dir) == head_before
        monkeypatch.setattr(fsio, "fsync_file", real_fsync)
        case = Case.open(case_dir)
        assert leftovers(case_dir) == []
        assert verify_case(case_dir, case.info).problems == []
    # PENDING, blob, meta, log entry, BLOBSUMS and HEAD fail in turn; there is no 7th durable write
    assert outcomes == ["disk_full"] * 6 + ["imported"]
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    assert [i["original_name"] for i in case.items()] == ["photo.jpg"]
    case.lock()


def test_read_only_case_folder(small_fs, tmp_path):
    fs = small_fs("4m")
    case = create_case(fs / "case", PASSPHRASE)
    case.import_file(write(tmp_path / "a.txt", b"kept"))
    case.lock()
    subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)
    case = Case.open(fs / "case")
    with pytest.raises(EvidenceKitError) as exc:
        case.import_file(write(tmp_path / "b.txt", b"new"))
    assert exc.value.code == "read_only"
    assert exc.value.message("en") == (
        f"The case folder cannot be written (it is read-only): {fs / 'case'}. "
        "Copy it somewhere writable or remove the write protection. Nothing was lost.")
    assert verify_case(case.path, case.info).problems == []
    case.unlock(PASSPHRASE)  # reading still works
    assert [i["original_name"] for i in case.items()] == ["a.txt"]
    case.lock()
