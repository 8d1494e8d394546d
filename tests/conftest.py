"""Shared fixtures. Cases in tests use a small scrypt work factor so the suite stays fast;
tests/unit/test_case.py checks the real default separately."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from evidence_kit.core.case import Case, create_case

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the GUI tests run without a display

PASSPHRASE = "correct horse battery staple"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    monkeypatch.setenv("EVIDENCE_KIT_TEST_SCRYPT_LOG2N", "10")
    monkeypatch.delenv("EVIDENCE_KIT_PASSPHRASE", raising=False)
    monkeypatch.delenv("EVIDENCE_KIT_NEW_PASSPHRASE", raising=False)


@pytest.fixture
def case_dir(tmp_path) -> Path:
    """A new, locked case folder."""
    path = tmp_path / "case"
    create_case(path, PASSPHRASE).lock()
    return path


@pytest.fixture
def unlocked(case_dir):
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    yield case
    case.lock()


@pytest.fixture
def demo_case(tmp_path):
    """The demo case (assets/demo, with its case records), unlocked."""
    from evidence_kit.demo import build_demo

    path, passphrase = build_demo(tmp_path / "cases")
    case = Case.open(path)
    case.unlock(passphrase)
    yield case
    case.lock()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def small_fs(tmp_path):
    """A real, tiny filesystem (tmpfs) for disk-full and read-only tests; needs root to mount."""
    if os.geteuid() != 0:
        pytest.skip("root is missing: mounting a small tmpfs needs it")
    mounts = []

    def make(size: str) -> Path:
        point = tmp_path / f"fs{len(mounts)}"
        point.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], check=True)
        mounts.append(point)
        return point

    yield make
    for point in mounts:
        subprocess.run(["umount", "-l", str(point)], check=False)
