"""fsio.new_folder: a folder written under a hidden name and renamed when whole (a case being created,
a hand-over package, a restored case); what goes wrong leaves nothing behind and overwrites nothing."""

from __future__ import annotations

import pytest

from evidence_kit.core.fsio import atomic_write_bytes, new_folder


def test_the_folder_appears_only_when_it_is_whole(tmp_path):
    target = tmp_path / "証拠 フォルダ"  # Japanese and a space
    with new_folder(target, "writing") as work:
        assert work.parent == tmp_path and work.name.startswith(".証拠 フォルダ.writing-")
        (work / "sub").mkdir()
        atomic_write_bytes(work / "sub" / "a.txt", b"a")
        assert not target.exists()
    assert (target / "sub" / "a.txt").read_bytes() == b"a"
    assert [p.name for p in tmp_path.iterdir()] == ["証拠 フォルダ"]


def test_an_empty_folder_chosen_by_the_user_is_used(tmp_path):
    (tmp_path / "empty").mkdir()
    with new_folder(tmp_path / "empty", "writing") as work:
        atomic_write_bytes(work / "b.txt", b"b")
    assert [p.name for p in (tmp_path / "empty").iterdir()] == ["b.txt"]


def test_a_failure_leaves_nothing_and_a_folder_filled_meanwhile_is_not_overwritten(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with new_folder(tmp_path / "out", "writing") as work:
            atomic_write_bytes(work / "half.txt", b"half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "out").mkdir()
    with pytest.raises(OSError):
        with new_folder(tmp_path / "out", "writing") as work:
            atomic_write_bytes(work / "mine.txt", b"new")
            (tmp_path / "out" / "theirs.txt").write_bytes(b"kept")  # another program wrote there meanwhile
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["theirs.txt"]
