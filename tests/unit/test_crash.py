"""A process killed at random moments during a batch of imports never costs a reported import."""

import random
import signal
import subprocess
import sys
import textwrap
import time

from evidence_kit.core import layout
from evidence_kit.core.case import Case
from evidence_kit.core.verify import verify_case
from tests.conftest import PASSPHRASE

KILLS = 24

CHILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from evidence_kit.core.case import Case
    case_dir, src_dir, start = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    case = Case.open(case_dir)
    __import__("evidence_kit.importers", fromlist=["_modules"])._modules()  # load the parsers before the kills start
    print("READY", flush=True)
    for n in range(start, start + 1000):
        src = src_dir / f"item-{n:05d}.bin"
        rng = __import__("random").Random(n)
        src.write_bytes(rng.randbytes(rng.choice([0, 1, 700, 65536, 65537, 200_000, 900_000])) + n.to_bytes(4, "big"))
        result = case.import_file(src)
        print("DONE", src.name, result.item_id, result.sha256, flush=True)
""")


def test_random_kills_during_imports(case_dir, tmp_path):
    rng = random.Random(20261122)
    src_dir = tmp_path / "src"
    src_dir.mkdir()
    done: dict[str, str] = {}
    next_n = 0
    kill_points = []
    interrupted = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(case_dir), str(src_dir), str(next_n)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        # only whole lines count: the kill can land while a DONE line is being written
        lines = [l.split() for l in out.split("\n")[:-1] if l.startswith("DONE ")]
        kill_points.append(len(lines))
        for _, name, item_id, _sha in lines:
            done[item_id] = name
        next_n += 1000
        # after every kill: the case opens, verifies, and holds every reported import
        interrupted += (case_dir / layout.PENDING).exists()
        case = Case.open(case_dir)
        assert not (case_dir / layout.PENDING).exists()
        report = verify_case(case_dir, case.info)
        assert report.problems == []
        for item_id in done:
            assert (case_dir / layout.item_blob(item_id)).exists()
    assert len(done) > KILLS  # the kills landed at different points, not all before the first import
    assert len(set(kill_points)) > 3
    assert interrupted >= KILLS // 2, interrupted  # most kills landed inside a transaction
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    items = {i["id"]: i for i in case.items()}
    for item_id, name in done.items():
        assert items[item_id]["original_name"] == name
    deep = verify_case(case_dir, case.info, case.identity())
    assert deep.problems == [] and deep.items_rehashed == len(items)
    case.lock()
    leftovers = [p for p in case_dir.rglob("*") if p.name.endswith(".part")]
    assert leftovers == []
