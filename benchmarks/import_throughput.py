#!/usr/bin/env python3
"""Import throughput and peak memory of `Case.import_file`, next to `cp` and the `age` CLI.

A measurement, not a test: it always exits 0 unless something failed to run.

    python benchmarks/import_throughput.py                 # 1 GiB, median of 3
    python benchmarks/import_throughput.py --big --runs 1  # plus a 4 GiB file
    python benchmarks/import_throughput.py --size-mib 64 --runs 1   # quick trial

Everything happens in a fresh temp folder under --dir (default: the system temp dir), so the
source, cp's copy, age's output and the case folder are all on the same disk. Each timed command
runs in a fresh child process; between runs all dirty data is flushed (`sync`, not timed) and the
source is read once so it sits in the page cache. Method: spec/crypto-design.md section 3.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import machine  # benchmarks/machine.py, beside this script

MIB = 1 << 20
GIB = 1 << 30
RSS_TARGET_MIB = 100
SPEED_TARGET = 0.8
GNU_TIME = "/usr/bin/time"
CHILD = "_child-import"

IMPORT = "import (Case.import_file, locked case)"
IMPORT_NOFSYNC = "import without fsync (diagnostic only)"


# --- the child: one import in a fresh process ---------------------------------------------------


def child_import(case_dir: str, src: str, no_fsync: bool) -> None:
    """Import src into the case at case_dir; print one JSON line with timings and peak RSS.

    os.fsync and age.encrypt_stream are wrapped in timers (a dozen calls: negligible overhead).
    """
    import resource

    from evidence_kit.core import age, fsio, journal
    from evidence_kit.core.case import Case

    stats = {"encrypt_s": 0.0, "fsync_s": 0.0, "fsync_n": 0, "fsync_max_s": 0.0}

    if no_fsync:
        # fsio.fsync_file/fsync_dir are looked up as module globals by atomic_writer and
        # append_durably; journal imported fsync_dir by name, so patch it there too.
        fsio.fsync_file = lambda f: f.flush()
        fsio.fsync_dir = journal.fsync_dir = lambda path: None
    else:
        real_fsync = os.fsync

        def timed_fsync(fd):  # every fsync of the import goes through os.fsync on Linux
            t = time.perf_counter()
            try:
                return real_fsync(fd)
            finally:
                d = time.perf_counter() - t
                stats["fsync_s"] += d
                stats["fsync_n"] += 1
                stats["fsync_max_s"] = max(stats["fsync_max_s"], d)

        os.fsync = timed_fsync

    real_encrypt = age.encrypt_stream

    def timed_encrypt(*a, **kw):  # the blob, the manifest and the log entry (the latter two tiny)
        t = time.perf_counter()
        try:
            return real_encrypt(*a, **kw)
        finally:
            stats["encrypt_s"] += time.perf_counter() - t

    age.encrypt_stream = timed_encrypt  # case.py and sealed.py call age.encrypt_stream(...)

    case = Case.open(Path(case_dir))
    t0 = time.perf_counter()
    result = case.import_file(Path(src))
    import_s = time.perf_counter() - t0
    print(json.dumps({
        "status": result.status, "size": result.size, "import_s": import_s,
        "self_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, **stats,
    }))


# --- the parent ---------------------------------------------------------------------------------


class RunFailed(Exception):
    pass


@dataclass
class Sample:
    wall_s: float  # the whole child process, measured by this script
    rss_kib: int | None  # peak RSS of the child (GNU time %M, or the child's own report)
    cpu_s: float | None  # user + sys CPU time of the child (GNU time)
    extra: dict = field(default_factory=dict)  # what the import child reported


@dataclass
class Tool:
    name: str
    make_cmd: object  # (src, dst) -> argv
    kind: str = "cmd"  # "cmd" or "import"
    samples: list = field(default_factory=list)
    error: str | None = None

    def times(self, key: str | None = None) -> list[float]:
        return [s.extra[key] if key else s.wall_s for s in self.samples]

    def median(self, key: str | None = None) -> float:
        return statistics.median(self.times(key))

    def peak_rss_mib(self) -> float | None:
        vals = [s.rss_kib for s in self.samples if s.rss_kib is not None]
        return max(vals) / 1024 if vals else None


def run_child(argv: list[str], rss_file: Path, env: dict | None = None) -> tuple[Sample, str]:
    use_time = os.access(GNU_TIME, os.X_OK)
    full = [GNU_TIME, "-f", "%M %U %S", "-o", str(rss_file)] + argv if use_time else argv
    t0 = time.perf_counter()
    p = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RunFailed(f"{' '.join(argv)} exited with {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}")
    rss = cpu = None
    if use_time:
        last = rss_file.read_text().strip().splitlines()[-1].split()
        rss, cpu = int(last[0]), float(last[1]) + float(last[2])
    return Sample(wall, rss, cpu), p.stdout.decode()


def sh(*argv: str) -> str:
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip()


def first_line(*argv: str) -> str:
    try:
        return sh(*argv).splitlines()[0]
    except (OSError, IndexError):
        return "?"


def warm(path: Path) -> float:
    """Read the file once so it is in the page cache; return the seconds it took."""
    buf = bytearray(MIB)
    t = time.perf_counter()
    with open(path, "rb", buffering=0) as f:
        while f.readinto(buf):
            pass
    return time.perf_counter() - t


def make_random(path: Path, size: int) -> None:
    with open(path, "wb", buffering=0) as f:
        left = size
        while left:
            n = min(MIB, left)
            f.write(os.urandom(n))
            left -= n
        os.fsync(f.fileno())


def make_sparse(path: Path, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


def new_case(path: Path) -> None:
    from evidence_kit.core.case import create_case

    old = os.environ.get("EVIDENCE_KIT_TEST_SCRYPT_LOG2N")
    os.environ["EVIDENCE_KIT_TEST_SCRYPT_LOG2N"] = "10"  # quick setup; the import needs no passphrase
    try:
        create_case(path, "benchmark passphrase").lock()
    finally:
        if old is None:
            del os.environ["EVIDENCE_KIT_TEST_SCRYPT_LOG2N"]
        else:
            os.environ["EVIDENCE_KIT_TEST_SCRYPT_LOG2N"] = old


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def mbps(size: int, seconds: float) -> float:
    return size / seconds / 1e6


def fmt_rss(v: float | None) -> str:
    return f"{v:.1f}" if v is not None else "n/m"


def bench_size(label: str, src: Path, size: int, work: Path, tools: list[Tool], runs: int) -> None:
    rss_file = work / "time.out"
    for run in range(runs):
        for tool in tools:
            if tool.error:
                continue
            dst = work / f"out-{run}"
            os.sync()  # flush what earlier runs left dirty (and ext4's discards), untimed
            if tool.kind == "import":
                new_case(dst)
                os.sync()
            warm(src)
            try:
                sample, out = run_child(tool.make_cmd(src, dst), rss_file)
                if tool.kind == "import":
                    rep = json.loads(out.strip().splitlines()[-1])
                    if rep["status"] != "imported" or rep["size"] != size:
                        raise RunFailed(f"import reported {rep}")
                    sample.extra = rep
                    if sample.rss_kib is None:
                        sample.rss_kib = rep["self_maxrss_kib"]
                elif not dst.exists() or (tool.name.startswith("cp") and dst.stat().st_size != size):
                    raise RunFailed(f"{tool.name}: no proper output")
                tool.samples.append(sample)
                print(f"  [{label} run {run + 1}/{runs}] {tool.name}: {sample.wall_s:.3f} s", flush=True)
            except (RunFailed, OSError, ValueError, KeyError) as exc:
                tool.error = str(exc)
                print(f"  [{label} run {run + 1}/{runs}] {tool.name}: FAILED: {exc}", flush=True)
            finally:
                remove(dst)
    os.sync()


def report(label: str, size: int, tools: list[Tool], sparse: bool = False) -> list[tuple[str, bool]]:
    by = {t.name: t for t in tools}
    imp = by[IMPORT]
    print(f"\n=== {label}: {size} bytes ({size / MIB:.0f} MiB){' SPARSE source' if sparse else ''} ===")
    print(f"{'tool':<60} {'median s':>9} {'MB/s':>8} {'peak RSS MiB':>13} {'CPU s':>7}  runs (s)")
    rows: list[tuple[str, float, float | None, float | None, list[float]]] = []
    for t in tools:
        if t.error or not t.samples:
            print(f"{t.name:<60} {'FAILED' if t.error else 'n/a':>9}")
            continue
        cpu = [s.cpu_s for s in t.samples if s.cpu_s is not None]
        cpu_med = statistics.median(cpu) if cpu else None
        if t.kind == "import":
            rows.append((t.name + ": import_file() call", t.median("import_s"), t.peak_rss_mib(), None,
                         t.times("import_s")))
            rows.append(("  same, whole child process (+Python start-up)", t.median(), t.peak_rss_mib(),
                         cpu_med, t.times()))
        else:
            rows.append((t.name, t.median(), t.peak_rss_mib(), cpu_med, t.times()))
    for name, med, rss, cpu, all_t in rows:
        cpu_s = f"{cpu:.2f}" if cpu is not None else "-"
        runs_s = ", ".join(f"{x:.2f}" for x in all_t)
        print(f"{name:<60} {med:>9.3f} {mbps(size, med):>8.0f} {fmt_rss(rss):>13} {cpu_s:>7}  {runs_s}")
    if not os.access(GNU_TIME, os.X_OK):
        print(f"({GNU_TIME} missing: peak RSS of cp/age not measured; the import's is the child's own ru_maxrss)")

    checks: list[tuple[str, bool]] = []
    if imp.error or not imp.samples:
        print("import failed: no ratios")
        return checks
    t_imp, t_imp_proc = imp.median("import_s"), imp.median()

    print("\nspeed ratios (import speed / other speed = other median s / import median s):")
    print(f"{'':<44} {'import_file() call':>19} {'whole process':>14}")

    def ratio_line(name: str, other: str) -> float | None:
        o = by.get(other)
        if o is None or o.error or not o.samples:
            print(f"{name:<44} {'n/a':>19}")
            return None
        r, rp = o.median() / t_imp, o.median() / t_imp_proc
        print(f"{name:<44} {r:>19.2f} {rp:>14.2f}")
        return r

    r_cp = ratio_line("import / cp (no fsync)", "cp")
    ratio_line("import / (cp && sync FILE)", "cp && sync FILE")
    ratio_line("import / age -e (no fsync)", "age -e")
    ratio_line("import / (age -e && sync FILE)", "age -e && sync FILE")

    print("\nimport split (medians over runs; inside the import_file() call):")
    enc, fs = imp.median("encrypt_s"), imp.median("fsync_s")
    n_fs = int(statistics.median(imp.times("fsync_n")))
    big_fs = imp.median("fsync_max_s")
    other = statistics.median(s.extra["import_s"] - s.extra["encrypt_s"] - s.extra["fsync_s"] for s in imp.samples)
    parts = [
        ("encrypt_stream (read, SHA-256 plain, ChaCha20-Poly1305, SHA-256 cipher, write)", enc,
         f"  ({mbps(size, enc):.0f} MB/s)"),
        (f"os.fsync, {n_fs} calls (largest {big_fs:.3f} s)", fs, ""),
        ("everything else (lock, journal, manifest, log entry, HEAD, renames)", other, ""),
    ]
    for name, secs, note in parts:
        print(f"  {name:<82} {secs:7.3f} s {secs / t_imp:5.0%}{note}")
    nf = by.get(IMPORT_NOFSYNC)
    if nf is not None and nf.samples and not nf.error:
        print(f"  {IMPORT_NOFSYNC}: import_file() {nf.median('import_s'):.3f} s "
              f"({mbps(size, nf.median('import_s')):.0f} MB/s), of which encrypt_stream "
              f"{nf.median('encrypt_s'):.3f} s; dirty data is left for the kernel to write later")

    print("\ntargets:")
    if sparse:
        print(f"  n/a   import >= {SPEED_TARGET} x cp speed: not judged on a sparse source (cp copies the holes"
              f" as holes, the reads cost nothing)")
    elif r_cp is not None:
        ok = r_cp >= SPEED_TARGET
        print(f"  {'PASS' if ok else 'MISS'}  import >= {SPEED_TARGET} x cp speed: {r_cp:.2f} x "
              f"(import_file() call {t_imp:.3f} s vs cp {by['cp'].median():.3f} s; cp does not fsync,"
              f" the import does)")
        checks.append((f"{label}: import >= {SPEED_TARGET} x cp", ok))
    rss = imp.peak_rss_mib()
    ok = rss is not None and rss < RSS_TARGET_MIB
    print(f"  {'PASS' if ok else 'MISS'}  import peak RSS < {RSS_TARGET_MIB} MiB: {fmt_rss(rss)} MiB"
          f" (whole child process: interpreter, evidence_kit and cryptography included)")
    checks.append((f"{label}: import peak RSS < {RSS_TARGET_MIB} MiB", ok))
    return checks


def make_tools(recipient: str, with_age: bool) -> list[Tool]:
    me = str(Path(__file__).resolve())
    tools = [
        Tool("cp", lambda s, d: ["cp", str(s), str(d)]),
        Tool("cp && sync FILE", lambda s, d: ["sh", "-c", 'cp -- "$1" "$2" && sync -- "$2"', "sh", str(s), str(d)]),
    ]
    if with_age:
        tools += [
            Tool("age -e", lambda s, d: ["age", "-e", "-r", recipient, "-o", str(d), str(s)]),
            Tool("age -e && sync FILE", lambda s, d: [
                "sh", "-c", 'age -e -r "$1" -o "$3" "$2" && sync -- "$3"', "sh", recipient, str(s), str(d)]),
        ]
    tools += [
        Tool(IMPORT, lambda s, d: [sys.executable, me, CHILD, str(d), str(s)], kind="import"),
        Tool(IMPORT_NOFSYNC, lambda s, d: [sys.executable, me, CHILD, str(d), str(s), "--no-fsync"], kind="import"),
    ]
    return tools


def print_environment(work: Path) -> None:
    import cryptography

    import evidence_kit

    print("== environment ==")
    print(f"python {platform.python_version()}, cryptography {cryptography.__version__}, "
          f"evidence_kit {evidence_kit.__version__}, age {first_line('age', '--version')}, "
          f"{first_line('cp', '--version')}")
    print(machine.describe_machine())
    print(machine.describe_code("evidence_kit"))
    print(f"work folder: {work}")
    print(sh("df", "-hT", str(work)))
    if shutil.which("findmnt"):
        print("mount: " + sh("findmnt", "-no", "SOURCE,FSTYPE,OPTIONS", "-T", str(work)))
    print(f"peak RSS via: {GNU_TIME + ' -f %M' if os.access(GNU_TIME, os.X_OK) else 'child ru_maxrss only'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=tempfile.gettempdir(), help="parent of the temp work folder (default %(default)s)")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool; the median is reported (default 3)")
    ap.add_argument("--size-mib", type=int, default=1024, help="size of the main test file (default 1024)")
    ap.add_argument("--big", action="store_true", help="also test a 4 GiB file")
    ap.add_argument("--big-sparse", action="store_true",
                    help="make the 4 GiB file sparse (reads as zeros: RSS is meaningful, speed is not)")
    args = ap.parse_args()

    size = args.size_mib * MIB
    sizes = [(f"{args.size_mib} MiB" if args.size_mib != 1024 else "1 GiB", size, False)]
    if args.big:
        sizes.append(("4 GiB", 4 * GIB, args.big_sparse))
    work = Path(tempfile.mkdtemp(prefix="ek-import-bench-", dir=args.dir))
    failed = False
    checks: list[tuple[str, bool]] = []
    try:
        print_environment(work)
        need = sum(s for _, s, sparse in sizes if not sparse) + max(s for _, s, _ in sizes) + 256 * MIB
        st = os.statvfs(work)
        if st.f_bavail * st.f_frsize < need:
            print(f"not enough free space in {work}: need {need / GIB:.1f} GiB")
            return 1
        have_age = bool(shutil.which("age")) and bool(shutil.which("age-keygen"))
        recipient = ""
        if have_age:
            key = work / "key.txt"
            subprocess.run(["age-keygen", "-o", str(key)], check=True, stderr=subprocess.DEVNULL)
            recipient = sh("age-keygen", "-y", str(key))
        else:
            print("age / age-keygen not found: the age rows are skipped")
            failed = True
        print(f"runs per tool: {args.runs} (median reported); tools run round-robin within each run")

        for label, n, sparse in sizes:
            src = work / f"src-{label.replace(' ', '')}.bin"
            t = time.perf_counter()
            (make_sparse if sparse else make_random)(src, n)
            kind = ("SPARSE file (reads as zeros, no disk reads: peak RSS is meaningful, speeds are not "
                    "representative)" if sparse else "random bytes (os.urandom, 1 MiB pieces)")
            print(f"\n{label} source: {kind}; made in {time.perf_counter() - t:.1f} s", flush=True)
            os.sync()
            print(f"warm-up read: {mbps(n, warm(src)):.0f} MB/s (page cache)", flush=True)
            tools = make_tools(recipient, have_age)
            bench_size(label, src, n, work, tools, args.runs)
            failed |= any(t.error for t in tools)
            checks += report(label, n, tools, sparse)
            src.unlink()
            os.sync()

        print("\n== summary ==")
        for name, ok in checks:
            print(f"  {'PASS' if ok else 'MISS'}  {name}")
        if failed:
            print("  (some runs FAILED, see above)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == CHILD:
        child_import(sys.argv[2], sys.argv[3], "--no-fsync" in sys.argv[4:])
    else:
        sys.exit(main())
