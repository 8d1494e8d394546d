"""What the benchmarks print about the machine and the code they measured."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path

GIB = 1024 ** 3


def describe_machine() -> str:
    cpu, mem = "?", "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = f"{int(Path('/proc/meminfo').read_text().split()[1]) * 1024 / GIB:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), {mem}"


def describe_code(*watched: str) -> str:
    """Where evidence_kit was imported from, its git revision, and whether `watched` paths have
    uncommitted changes (then the figures are not those of the revision)."""
    import evidence_kit

    pkg = Path(evidence_kit.__file__).resolve().parent
    where = f"evidence_kit {evidence_kit.__version__} imported from {pkg}"
    if shutil.which("git") and (pkg.parent / ".git").exists():
        def git(*args: str) -> str:
            return subprocess.run(["git", "-C", str(pkg.parent), *args], capture_output=True, text=True).stdout

        rev = git("rev-parse", "--short", "HEAD").strip()
        dirty = git("status", "--porcelain", "--", *watched).split()[1::2]
        where += f" (git {rev}, " + ("UNCOMMITTED changes in: " + " ".join(dirty) if dirty else "clean") + ")"
    return where
