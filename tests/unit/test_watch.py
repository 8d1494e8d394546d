"""The watched folder: files dropped into it (one written slowly in chunks) are imported into a locked
case once they stop changing, once each; temporary names wait for their rename; the folder may go away
and come back. The tests wait for the watcher's events; they never sleep longer than the debounce."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from evidence_kit.core import layout
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.core.fsio import FileLock
from evidence_kit.watch import Watcher, WatchEvent, ignored
from tests.conftest import PASSPHRASE

SETTLE = 0.6  # the debounce the tests use
TIMEOUT = 30.0  # generous: the CPU is shared


class Events:
    """Collects the watcher's events (called from its thread) and lets the test wait for them."""

    def __init__(self):
        self.items: list[WatchEvent] = []
        self.cond = threading.Condition()

    def __call__(self, event: WatchEvent) -> None:
        with self.cond:
            self.items.append(event)
            self.cond.notify_all()

    def wait(self, predicate, what: str) -> list[WatchEvent]:
        with self.cond:
            if not self.cond.wait_for(lambda: predicate(self.items), TIMEOUT):
                pytest.fail(f"waited {TIMEOUT}s for {what}; got {[(e.kind, e.path.name) for e in self.items]}")
            return list(self.items)

    def wait_kinds(self, *kinds: str) -> list[WatchEvent]:
        """Wait until the events seen so far are exactly `kinds` (in order) or more."""
        got = self.wait(lambda items: len(items) >= len(kinds), f"events {kinds}")
        assert [e.kind for e in got[:len(kinds)]] == list(kinds), [(e.kind, e.path.name) for e in got]
        return got

    def of(self, kind: str) -> list[WatchEvent]:
        with self.cond:
            return [e for e in self.items if e.kind == kind]


def scans_counted(watcher: Watcher) -> threading.Condition:
    """Count the watcher's full scans, so that a test can wait for "nothing happened over N scans"."""
    cond = threading.Condition()
    watcher.scans = 0
    scan = watcher._scan

    def counted(top):
        scan(top)
        with cond:
            watcher.scans += 1
            cond.notify_all()

    watcher._scan = counted
    return cond


def wait_scans(watcher: Watcher, cond: threading.Condition, more: int) -> None:
    with cond:
        target = watcher.scans + more
        assert cond.wait_for(lambda: watcher.scans >= target, TIMEOUT), "the watcher stopped scanning"


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def watch(case_dir, inbox):
    """Start a watcher on `inbox` (a small debounce) and stop it at the end of the test."""
    started = []

    def start(folder: Path = inbox, **options) -> tuple[Watcher, Events]:
        events = Events()
        options = {"settle_seconds": SETTLE, "check_seconds": 0.1, "rescan_seconds": 0.3, **options}
        watcher = Watcher(case_dir, folder, on_event=events, **options)
        started.append(watcher)
        watcher.start()
        return watcher, events

    yield start
    for watcher in started:
        watcher.stop()


def items_of(case_dir: Path) -> list[dict]:
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    try:
        return case.items()
    finally:
        case.lock()


def write_slowly(path: Path, data: bytes, chunks: int, pause: float) -> threading.Thread:
    def run():
        with open(path, "wb") as f:
            for n in range(chunks):
                f.write(data[n * len(data) // chunks:(n + 1) * len(data) // chunks])
                f.flush()
                time.sleep(pause)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_files_present_new_and_written_slowly_are_each_imported_once_and_whole(watch, inbox, case_dir):
    (inbox / "already-here.txt").write_bytes(b"there before the watcher\n")
    watcher, events = watch()
    assert watcher.existing == 1
    (inbox / "sub").mkdir()
    (inbox / "sub" / "screenshot.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    big = os.urandom(6 * 1024 * 1024)
    writer = write_slowly(inbox / "video.mp4", big, chunks=30, pause=0.05)  # 6 MiB over about 1.5 s
    got = events.wait(lambda items: len(items) >= 3, "three imports")
    writer.join()
    assert sorted(e.kind for e in got) == ["imported"] * 3
    by_name = {e.params["name"]: e for e in got}
    assert set(by_name) == {"already-here.txt", "sub/screenshot.png", "video.mp4"}
    assert by_name["video.mp4"].params["sha256"] == hashlib.sha256(big).hexdigest()
    assert by_name["video.mp4"].params["size"] == len(big)
    assert by_name["video.mp4"].message("en") == f"Imported: video.mp4 ({len(big)} bytes, SHA-256 {hashlib.sha256(big).hexdigest()})"

    cond = scans_counted(watcher)
    wait_scans(watcher, cond, 3)  # nothing more, however often it looks
    assert len(events.items) == 3 and watcher.counts == {"imported": 3, "duplicate": 0, "failed": 0}
    watcher.stop()
    items = items_of(case_dir)  # the case stayed locked: imported without the passphrase
    assert sorted((i["original_name"], i["sha256"], i["source"]) for i in items) == sorted([
        ("already-here.txt", hashlib.sha256(b"there before the watcher\n").hexdigest(), "watched folder"),
        ("screenshot.png", hashlib.sha256(b"\x89PNG\r\n\x1a\n not really a picture").hexdigest(), "watched folder"),
        ("video.mp4", hashlib.sha256(big).hexdigest(), "watched folder"),
    ])
    assert {i["id"] for i in items} == {e.item_id for e in got}


def test_the_same_content_is_stored_once_and_unchanged_files_are_not_read_again(watch, inbox, case_dir, monkeypatch):
    reads = []
    original = Case.import_paths
    monkeypatch.setattr(Case, "import_paths", lambda self, paths, **kw: reads.append(paths) or original(self, paths, **kw))
    watcher, events = watch()
    (inbox / "photo.jpg").write_bytes(b"the same bytes")
    first = events.wait_kinds("imported")[0]
    (inbox / "copy of photo.jpg").write_bytes(b"the same bytes")
    second = events.wait_kinds("imported", "duplicate")[1]
    assert (second.item_id, second.params["name"]) == (first.item_id, "copy of photo.jpg")
    assert second.message("en") == f"Already in the case with the same content, not stored again: copy of photo.jpg (existing item {first.item_id})"
    cond = scans_counted(watcher)
    wait_scans(watcher, cond, 3)
    assert len(reads) == 2  # each file read once; the scans only looked at sizes and times
    os.utime(inbox / "photo.jpg", ns=(1, 1))  # touched: read again, same content
    third = events.wait_kinds("imported", "duplicate", "duplicate")[2]
    assert (third.params["name"], third.item_id, len(reads)) == ("photo.jpg", first.item_id, 3)
    watcher.stop()
    assert len(items_of(case_dir)) == 1


def test_temporary_names_wait_for_their_rename(watch, inbox):
    watcher, events = watch()
    cond = scans_counted(watcher)
    for name in ("video.mp4.crdownload", "draft.part", "~$report.docx", ".DS_Store", "Thumbs.db"):
        (inbox / name).write_bytes(b"partial " + name.encode())
    wait_scans(watcher, cond, 3)  # 0.9 s: longer than the debounce
    assert events.items == []
    (inbox / "video.mp4.crdownload").rename(inbox / "video.mp4")
    [event] = events.wait_kinds("imported")
    assert event.params["name"] == "video.mp4" and event.path == inbox / "video.mp4"
    assert [ignored(n) for n in ("a.PART", "~$x.xlsx", "._photo.jpg", "photo.jpg", "part.txt")] == [True, True, True, False, False]


def test_the_folder_going_away_and_coming_back(watch, inbox):
    watcher, events = watch()
    (inbox / "first.txt").write_bytes(b"before unplugging")
    events.wait_kinds("imported")
    shutil.rmtree(inbox)  # the phone is unplugged
    missing = events.wait_kinds("imported", "folder_missing")[1]
    assert missing.path == inbox
    assert missing.message("en") == f"The watched folder is not there (was the phone or USB stick unplugged?). Waiting for it to come back: {inbox}"
    inbox.mkdir()  # plugged in again: the old file is back with a new time, and a new one
    (inbox / "first.txt").write_bytes(b"before unplugging")
    (inbox / "second.txt").write_bytes(b"after plugging in again")
    got = events.wait(lambda items: len(items) >= 5, "the folder back and two files")
    assert got[2].kind == "folder_back" and got[2].message("ja") == f"フォルダが戻りました。見張りを続けます: {inbox}"
    assert sorted((e.kind, e.params["name"]) for e in got[3:]) == [("duplicate", "first.txt"), ("imported", "second.txt")]
    (inbox / "third.txt").write_bytes(b"the new folder is watched too")
    last = events.wait(lambda items: len(items) >= 6, "third.txt")[5]
    assert (last.kind, last.params["name"]) == ("imported", "third.txt")


def test_a_folder_made_again_between_two_looks_is_watched_again(watch, inbox):
    watcher, events = watch(check_seconds=1.0, rescan_seconds=60.0)  # the swap happens between two looks
    (inbox / "a.txt").write_bytes(b"a")
    events.wait_kinds("imported")
    moved = inbox.with_name("old-inbox")
    inbox.rename(moved)
    inbox.mkdir()
    (inbox / "b.txt").write_bytes(b"b")
    got = events.wait(lambda items: any(e.params.get("name") == "b.txt" for e in items), "b.txt")
    assert [e.params.get("name") for e in got if e.kind == "imported"] == ["a.txt", "b.txt"]


def test_a_folder_missing_at_start_is_waited_for(watch, inbox):
    shutil.rmtree(inbox)
    watcher, events = watch()
    assert watcher.existing == 0
    events.wait_kinds("folder_missing")
    inbox.mkdir()
    (inbox / "late.txt").write_bytes(b"the phone came later")
    assert events.wait_kinds("folder_missing", "folder_back", "imported")[2].params["name"] == "late.txt"


def test_the_case_itself_is_never_watched(watch, case_dir, tmp_path):
    with pytest.raises(EvidenceKitError) as caught:
        watch(case_dir / "items")
    assert caught.value.code == "watch_inside_case"
    assert caught.value.message("en").startswith("A folder inside the case folder cannot be watched: ")
    watcher, events = watch(tmp_path)  # the case folder is inside the watched one: it is skipped
    (tmp_path / "new.txt").write_bytes(b"new")
    [event] = events.wait_kinds("imported")
    assert event.params["name"] == "new.txt"
    cond = scans_counted(watcher)
    wait_scans(watcher, cond, 2)
    assert len(events.items) == 1  # neither inbox/ (empty) nor anything in case/


def test_a_busy_case_is_reported_and_tried_again(watch, inbox, case_dir, monkeypatch):
    monkeypatch.setattr(Case, "lock_timeout", 0.2)
    lock = FileLock(case_dir / layout.LOCK)
    lock.acquire()  # another program is writing to the case
    try:
        watcher, events = watch(retry_seconds=0.5)
        (inbox / "x.txt").write_bytes(b"x")
        failed = events.wait_kinds("failed")[0]
        assert failed.error.code == "case_busy"
        assert failed.message("en") == f"Not imported: x.txt: Another task is using this case: {case_dir}. Wait a moment and try again."
    finally:
        lock.release()
    assert events.wait_kinds("failed", "imported")[1].params["name"] == "x.txt"


def test_a_name_with_control_characters_is_shown_not_obeyed(watch, inbox):
    watcher, events = watch()
    (inbox / "evil\x1b[2Jname.txt").write_bytes(b"e")
    [event] = events.wait_kinds("imported")
    assert event.message("en").startswith("Imported: evil\\x1b[2Jname.txt (1 bytes")


def test_stop_and_start_again(case_dir, inbox):
    events = Events()
    watcher = Watcher(case_dir, inbox, on_event=events, settle_seconds=SETTLE, check_seconds=0.1)
    with watcher:
        assert watcher.running
        watcher.start()  # already running: nothing changes
    assert not watcher.running
    watcher.stop()  # twice: harmless
    (inbox / "while-stopped.txt").write_bytes(b"s")
    with watcher:
        assert watcher.existing == 1
        events.wait_kinds("imported")
    with pytest.raises(ValueError):
        Watcher(case_dir, inbox, on_event=events, settle_seconds=0)
    with pytest.raises(EvidenceKitError) as caught:
        Watcher(inbox, inbox, on_event=events).start()
    assert caught.value.code == "not_a_case"
    (case_dir / "backup.json").write_text("{}")  # a backup's copy on a stick: never written to
    with pytest.raises(EvidenceKitError) as caught:
        Watcher(case_dir, inbox, on_event=events).start()
    assert caught.value.code == "backup_copy"


def test_stop_from_the_event_listener(case_dir, inbox):
    stopped = threading.Event()

    def listener(event: WatchEvent) -> None:
        watcher.stop()  # e.g. the GUI's toggle, reached through a direct call
        stopped.set()

    (inbox / "one.txt").write_bytes(b"1")
    watcher = Watcher(case_dir, inbox, on_event=listener, settle_seconds=0.2, check_seconds=0.1)
    thread_count = threading.active_count()
    watcher.start()
    assert stopped.wait(TIMEOUT) and not watcher.running
    for _ in range(100):  # the watcher's thread and watchdog's end on their own
        if threading.active_count() < thread_count + 1:
            break
        time.sleep(0.05)
    assert threading.active_count() <= thread_count


def test_a_later_locked_session_leaves_unchanged_files_alone_and_keeps_no_names(watch, inbox, case_dir):
    names = ["Screenshot_20240115-120102.png", "スクリーンショット 2024-01-15 12.01.02.png"]
    for n, name in enumerate(names):
        (inbox / name).write_bytes(b"picture %d" % n)
    first, events = watch()
    assert (first.existing, first.known) == (2, 0)
    events.wait_kinds("imported", "imported")
    first.stop()
    state = (case_dir / layout.WATCH_STATE).read_bytes()
    lines = state.decode("ascii").splitlines()
    assert len(lines) == 3 and lines[0].startswith("evidence-kit watch-seen v1 ")
    assert all(len(line) == 32 for line in lines[1:])
    for name in names + ["Screenshot", "picture"]:
        assert name.encode() not in state and name.encode("utf-16-le") not in state

    second, events = watch()  # started again, e.g. the next day: the phone folder still holds both
    assert (second.existing, second.known) == (0, 2)
    cond = scans_counted(second)
    wait_scans(second, cond, 3)
    assert events.items == [] and len(items_of(case_dir)) == 2
    os.utime(inbox / names[0], ns=(10**18, 10**18))  # changed: read again (locked, so stored again)
    [event] = events.wait_kinds("imported")
    assert event.params["name"] == names[0]
    second.stop()
    items = items_of(case_dir)
    assert len(items) == 3 and sum(bool(i.get("duplicate_of")) for i in items) == 1  # marked at the unlock


def test_two_watchers_of_one_case_store_a_file_once(case_dir, inbox):
    a, b = Events(), Events()
    options = {"settle_seconds": SETTLE, "check_seconds": 0.1, "rescan_seconds": 0.3}
    with Watcher(case_dir, inbox, on_event=a, **options) as first, Watcher(case_dir, inbox, on_event=b, **options) as second:
        (inbox / "new.png").write_bytes(b"one picture, seen by two watchers")
        events = Events()
        for watcher in (first, second):
            watcher.on_event = events
        got = events.wait_kinds("imported")
        for watcher in (first, second):
            cond = scans_counted(watcher)
            wait_scans(watcher, cond, 3)
        assert len(events.items) == 1 and got[0].params["name"] == "new.png"
    assert len(items_of(case_dir)) == 1


def test_an_unlocked_case_knows_content_imported_before_in_any_way(case_dir, inbox, tmp_path):
    (tmp_path / "kept.jpg").write_bytes(b"jpeg")
    earlier = Case.open(case_dir).import_file(tmp_path / "kept.jpg")  # by the import command, earlier
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    events = Events()
    try:
        with Watcher(case, inbox, on_event=events, settle_seconds=SETTLE, check_seconds=0.1):
            (inbox / "same picture.jpg").write_bytes(b"jpeg")
            [event] = events.wait_kinds("duplicate")
        assert event.item_id == earlier.item_id
    finally:
        case.lock()
    assert len(items_of(case_dir)) == 1


def test_a_file_cut_off_by_an_unplugged_folder_is_taken_when_it_comes_back(watch, inbox, case_dir, monkeypatch):
    data = os.urandom(50_000)
    (inbox / "video.mp4").write_bytes(data)
    stamp = os.stat(inbox / "video.mp4").st_mtime_ns
    original = Case.import_paths
    calls = []

    def unplugged_while_read(self, paths, **kw):
        calls.append(paths)
        if len(calls) == 1:
            shutil.rmtree(inbox)  # the phone goes while the file is read
        return original(self, paths, **kw)

    monkeypatch.setattr(Case, "import_paths", unplugged_while_read)
    watcher, events = watch()
    events.wait_kinds("folder_missing")
    inbox.mkdir()  # back, with the same file: same size, same time
    (inbox / "video.mp4").write_bytes(data)
    os.utime(inbox / "video.mp4", ns=(stamp, stamp))
    got = events.wait_kinds("folder_missing", "folder_back", "imported")
    assert got[2].params["sha256"] == hashlib.sha256(data).hexdigest() and len(calls) == 2


def test_the_seen_list_survives_a_torn_line_and_starts_again_when_damaged(case_dir):
    from evidence_kit.watch import SeenFiles

    seen = SeenFiles(case_dir)
    assert not seen.seen("a.png", 1, 2)
    seen.remember("a.png", 1, 2)
    with open(seen.path, "ab") as f:
        f.write(b"0123456789")  # a crash in the middle of the next line
    later = SeenFiles(case_dir)  # another process, or the next session
    assert later.seen("a.png", 1, 2) and not later.seen("a.png", 1, 3)
    later.remember("b/c.png", 5, 6)
    assert SeenFiles(case_dir).seen("b/c.png", 5, 6) and SeenFiles(case_dir).seen("a.png", 1, 2)
    assert len(seen.path.read_bytes().splitlines()) == 4  # header, a, the torn line, b/c
    assert seen.seen("b/c.png", 5, 6)  # appended by the other one: read on the next look
    assert SeenFiles(case_dir).seen(unicodedata.normalize("NFD", "ガ.png"), 1, 1) is False
    later.remember(unicodedata.normalize("NFD", "ガ.png"), 1, 1)
    assert SeenFiles(case_dir).seen(unicodedata.normalize("NFC", "ガ.png"), 1, 1)  # macOS NFD names match
    seen.path.write_bytes(b"garbage\n")
    fresh = SeenFiles(case_dir)
    assert not fresh.seen("a.png", 1, 2)
    fresh.remember("a.png", 1, 2)
    assert SeenFiles(case_dir).seen("a.png", 1, 2) and seen.path.read_bytes().startswith(b"evidence-kit watch-seen v1 ")


def test_the_app_locking_the_case_while_its_watcher_imports(case_dir, inbox, monkeypatch):
    """The GUI hands its own Case to the watcher and may lock it (idle lock, quick hide) at any moment:
    an import that began while it was unlocked must finish whole, never meet a half-locked case."""
    import contextlib

    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    main = threading.current_thread()
    released, checked = threading.Event(), threading.Event()
    real_lock, real_index_item = Case._write_lock, Case._index_item

    @contextlib.contextmanager
    def write_lock(self, allow_read_only=False):
        with real_lock(self, allow_read_only):
            yield
        if threading.current_thread() is main and not self._lock_depth:  # lock() let go of the lock
            released.set()
            (inbox / "arrives now.png").write_bytes(b"a picture")
            checked.wait(SETTLE * 2)  # the watcher, if it can, gets in before the keys are dropped

    def index_item(self, *args, **kwargs):  # reached by an import that saw the case unlocked
        checked.set()
        for _ in range(20):  # give lock() every chance to drop the keys now
            if self._identity is None:
                break
            time.sleep(0.05)
        return real_index_item(self, *args, **kwargs)

    monkeypatch.setattr(Case, "_write_lock", write_lock)
    monkeypatch.setattr(Case, "_index_item", index_item)
    events = Events()
    with Watcher(case, inbox, on_event=events, settle_seconds=0.2, check_seconds=0.05) as watcher:
        case.lock()
        assert released.is_set()
        [event] = events.wait_kinds("imported")
        assert watcher.counts == {"imported": 1, "duplicate": 0, "failed": 0}
    assert [i["original_name"] for i in items_of(case_dir)] == ["arrives now.png"]


def test_what_evidence_kit_itself_writes_in_the_watched_folder_is_left_alone(watch, inbox, tmp_path):
    """A hand-over made to the watched Desktop, a backup or a case kept there: already evidence, or encrypted."""
    watcher, events = watch()
    cond = scans_counted(watcher)
    work = inbox / ".警察へ.writing-0123abcd"  # a hand-over package being written (fsio.new_folder)
    (work / "証拠ファイル").mkdir(parents=True)
    (work / "証拠ファイル" / "資料001_photo.png").write_bytes(b"a plaintext copy of an item")
    (work / "SHA256SUMS").write_bytes(b"...")
    (work / "VERIFY.txt").write_bytes(b"...")
    wait_scans(watcher, cond, 2)
    work.rename(inbox / "警察へ")  # published
    (inbox / "evidence-kit-backup" / "20240101-abc" / "items").mkdir(parents=True)
    (inbox / "evidence-kit-backup" / "20240101-abc" / "items" / "x.age").write_bytes(b"age-encryption.org/v1")
    (inbox / "another case" / "items").mkdir(parents=True)
    (inbox / "another case" / "case.json").write_bytes(b"{}")
    (inbox / "another case" / "items" / "y.age").write_bytes(b"age-encryption.org/v1")
    (inbox / "IMG_0003.JPG.icloud").write_bytes(b"a stand-in")
    (inbox / "real screenshot.png").write_bytes(b"new evidence")
    [event] = events.wait_kinds("imported")
    assert event.params["name"] == "real screenshot.png"
    wait_scans(watcher, cond, 3)
    assert len(events.items) == 1
