"""Where everything lives inside a case folder (paths relative to the case folder, '/'-separated)."""

from __future__ import annotations

import re

CASE_JSON = "case.json"
RECOVERY_README = "README-RECOVERY.txt"
IDENTITY = "keys/identity.age"
BLOBSUMS = "BLOBSUMS"
INDEX = "index.sqlite.age"
HEAD = "custody/HEAD"
PENDING = "custody/PENDING"
LOCK = "custody/LOCK"
LOG_DIR = "custody/log"
CHECKPOINT_DIR = "custody/checkpoints"
SIGNING_PUB_PEM = "custody/case-signing-pub.pem"
ALLOWED_SIGNERS = "custody/allowed_signers"
DIRS = ("keys", "items", LOG_DIR, CHECKPOINT_DIR)
# a case folder holding one of these is a backup's copy (evidence_kit/backup.py): checked, never written
BACKUP_MARKS = ("backup.json", ".backup-commit.json")
# files a watched folder has handed over, as salted digests of (path in that folder, size, mtime):
# no names, no content hashes (evidence_kit/watch.py says why)
WATCH_STATE = "watch/seen"


def item_blob(item_id: str) -> str:
    return f"items/{item_id[:2]}/{item_id}.age"


def item_meta(item_id: str) -> str:
    return f"items/{item_id[:2]}/{item_id}.meta.age"


def log_entry(seq: int) -> str:
    return f"{LOG_DIR}/{seq:08d}.age"


def checkpoint_base(seq: int) -> str:
    return f"{CHECKPOINT_DIR}/{seq:08d}"


# A backup on a stick that cannot hold a file this large (FAT32: 4 GiB - 1) keeps it in numbered
# parts, `large-files/<its path>.001`, `.002` ... in order; verify and restore join them.
SPLIT_DIR = "large-files"


def split_part(relpath: str, n: int) -> str:
    return f"{SPLIT_DIR}/{relpath}.{n:03d}"


ITEM_ID = re.compile(r"[0-9a-f]{32}")
# every file BLOBSUMS may name; anything else in it is a bad line
LISTED_PATH = re.compile(r"items/([0-9a-f]{2})/\1[0-9a-f]{30}(\.meta)?\.age|custody/log/[0-9]{8}\.age")
CHECKPOINT_FILE = re.compile(r"[0-9]{8}\.(txt|sig|txt\.sshsig|tsq|tsr)")
