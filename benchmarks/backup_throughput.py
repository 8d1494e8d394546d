#!/usr/bin/env python3
"""Backup throughput: `evidence_kit.backup.run` next to `cp -r` of the same case folder, in one run.

A measurement, not a test: it exits 0 unless something failed to run.

    python benchmarks/backup_throughput.py                        # 8 items of 32 MiB, median of 3
    python benchmarks/backup_throughput.py --items 4 --item-mib 8 --runs 1   # quick trial
    python benchmarks/backup_throughput.py --dir /media/usb       # source and copies on another disk

A case with random items is made (imported locked) in a temp folder under --dir. Then, each timed
run into a fresh destination on the same disk: `cp -r` (the floor, no flush), `cp -r && sync`
(what reaches the disk), the first backup (copies everything, fsyncs each file, drops the written
pages from the cache and reads each file back to hash it), the second backup with nothing new (the
manifest check: small files read back, the rest by size), and restore. `sync` runs, untimed,
before each timed command. MB/s is 10^6 bytes of the case folder per second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MIB = 1 << 20


def case_with_items(root: Path, items: int, item_mib: int) -> Path:
    os.environ.setdefault("EVIDENCE_KIT_TEST_SCRYPT_LOG2N", "10")  # the passphrase is not what is measured
    from evidence_kit.core.case import create_case

    case = create_case(root / "case", "benchmark passphrase")
    case.lock()
    src = root / "src"
    src.mkdir()
    for n in range(items):
        with open(src / f"video{n:03d}.mp4", "wb") as f:
            for _ in range(item_mib):
                f.write(os.urandom(MIB))
    case.import_paths([src])
    shutil.rmtree(src)
    return root / "case"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(fn) -> float:
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=8)
    parser.add_argument("--item-mib", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=None, help="where the temp folder goes (default: the system temp dir)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from evidence_kit import backup

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="ek-backup-bench-") as tmp:
        root = Path(tmp)
        case = case_with_items(root, args.items, args.item_mib)
        size = folder_size(case)
        times: dict[str, list[float]] = {}
        for run in range(args.runs):
            dests = {name: root / f"{name}-{run}" for name in ("cp", "cpsync", "backup", "restore")}
            dests["backup"].mkdir()
            steps = [
                ("cp -r", lambda: subprocess.run(["cp", "-r", str(case), str(dests["cp"])], check=True)),
                ("cp -r && sync", lambda: subprocess.run(f"cp -r '{case}' '{dests['cpsync']}' && sync",
                                                         shell=True, check=True)),
                ("backup (first: all copied, read back)", lambda: backup.run(case, dests["backup"])),
                ("backup (again: nothing new)", lambda: backup.run(case, dests["backup"])),
                ("restore", lambda: backup.restore(dests["backup"], dests["restore"])),
            ]
            for name, fn in steps:
                times.setdefault(name, []).append(timed(fn))
            for path in dests.values():
                shutil.rmtree(path, ignore_errors=True)
        print(f"case folder: {size / 1e6:,.1f} MB in {args.items} items of {args.item_mib} MiB; "
              f"median of {args.runs} run(s); temp under {args.dir or tempfile.gettempdir()}")
        floor = statistics.median(times["cp -r && sync"])
        for name, values in times.items():
            t = statistics.median(values)
            print(f"  {name:<40} {t:8.3f} s  {size / 1e6 / t:9.1f} MB/s  {t / floor:6.2f} x cp -r && sync")
    return 0


if __name__ == "__main__":
    sys.exit(main())
