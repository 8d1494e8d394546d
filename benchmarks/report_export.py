"""PDF export of a large case: time, peak RSS and pages, against a floor measured in the same run.

The case (issue 5's scale): 500 phone screenshots (PNG, 720x1520), a LINE export of 20,000 messages
and a bank statement of 1,000 transactions, imported into a new case in a temp folder. Then, each in a
fresh child process (GNU time -f %M for the peak RSS of the whole process):

  export  build the police bundle and write its PDF (report.model.build + report.pdf.render)
  floor   decode and re-encode the same 500 PNGs with Pillow (what drawing them costs at least)

It prints the median wall times, the ratio export/floor, the export's peak RSS, the PDF's size and
pages. A measurement, not a test (exit 0).

    python benchmarks/report_export.py               # median of 3
    python benchmarks/report_export.py --runs 1 --screenshots 50 --messages 2000 --rows 100   # quick
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe_code, describe_machine  # noqa: E402

PASSPHRASE = "benchmark-passphrase"
WORDS = ("投資", "利益", "振込", "口座", "明日", "大丈夫", "確認", "送金", "手数料", "サイト", "ok", "thanks", "please")


def make_sources(folder: Path, screenshots: int, messages: int, rows: int, seed: int = 7) -> list[Path]:
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    folder.mkdir(parents=True)
    paths = []
    start = datetime(2024, 5, 1, 9, 0, 0)
    for n in range(screenshots):  # a chat-like screen with noise, so that PNG compression is realistic
        img = Image.new("RGB", (720, 1520), (140, 171, 216))
        draw = ImageDraw.Draw(img)
        y = 160
        while y < 1400:
            x0 = 96 if rng.random() < 0.5 else 300
            h = rng.randint(60, 180)
            draw.rounded_rectangle((x0, y, x0 + 320, y + h), 24, fill="white" if x0 == 96 else (133, 226, 113))
            for line in range(h // 40):
                draw.text((x0 + 16, y + 12 + line * 36), " ".join(rng.choice(WORDS[10:]) for _ in range(5)),
                          fill="black")
            y += h + 30
        if n % 3 == 0:  # every third screen shows a photo: a noisy block that compresses badly
            img.paste(Image.effect_noise((400, 300), 40).convert("RGB"), (96, 900))
        when = start + timedelta(minutes=37 * n)
        path = folder / f"Screenshot_{when:%Y%m%d-%H%M%S}.png"
        img.save(path, "PNG")
        paths.append(path)
    lines = ["[LINE] ケンとのトーク履歴", "保存日時：2024/12/31 23:00", ""]
    day = None
    when = start
    for _ in range(messages):
        when += timedelta(minutes=rng.randint(1, 30))
        if when.date() != day:
            day = when.date()
            lines.append(f"{when:%Y/%m/%d}({'月火水木金土日'[when.weekday()]})")
        who = rng.choice(("ケン", "さくら"))
        text = "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
        lines.append(f"{when:%H:%M}\t{who}\t{text}")
    (folder / "line_chat.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths.append(folder / "line_chat.txt")
    balance = 10_000_000
    table = [("年月日", "お引出し", "お預入れ", "お取り扱い内容", "残高", "メモ", "ラベル")]
    when = start
    body = []
    for _ in range(rows):
        when += timedelta(hours=rng.randint(1, 30))
        amount = rng.randint(1, 500) * 100
        out = rng.random() < 0.7
        balance += -amount if out else amount
        body.append((f"{when.year}/{when.month}/{when.day}", str(amount) if out else "", "" if out else str(amount),
                     "振込　ﾔﾏﾀﾞ ﾀﾛｳ" if out else "振込　ｶﾌﾞｼｷｶﾞｲｼﾔ ﾆﾎﾝｼｮｳｼﾞ", str(balance), "", ""))
    table += reversed(body)  # newest first, as SMBC writes it
    (folder / "smbc.csv").write_bytes("".join(",".join(r) + "\r\n" for r in table).encode("cp932"))
    paths.append(folder / "smbc.csv")
    return paths


def child_export(case_dir: str, out: str) -> None:
    from evidence_kit.core.case import Case
    from evidence_kit.report import model, pdf

    case = Case.open(Path(case_dir))
    case.unlock(PASSPHRASE)
    t = time.perf_counter()
    bundle = model.build(case, "police")
    pages = pdf.render(case, bundle, out, created=datetime(2024, 12, 31))
    print(json.dumps({"seconds": time.perf_counter() - t, "pages": pages}))


def child_floor(folder: str) -> None:
    from PIL import Image

    paths = sorted(Path(folder).glob("*.png"))
    t = time.perf_counter()
    for path in paths:
        with Image.open(path) as img:
            img.load()
            img.save(io.BytesIO(), "PNG")
    print(json.dumps({"seconds": time.perf_counter() - t}))


def run_child(argv: list[str], env: dict) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, sys.executable, __file__, *argv],
                              capture_output=True, text=True, env=env)
        wall = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(done.stderr)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["wall"] = wall
        result["rss_mib"] = int(open(rss.name).read().split()[-1]) / 1024
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", type=int, default=500)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--dir", default=None, help="where the temp folder goes (default: the system's)")
    args = parser.parse_args()
    print(describe_machine())
    print(describe_code("evidence_kit/report", "benchmarks/report_export.py"))
    env = dict(os.environ, EVIDENCE_KIT_TEST_SCRYPT_LOG2N="12")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        sources = make_sources(work / "sources", args.screenshots, args.messages, args.rows)
        print(f"sources: {args.screenshots} screenshots, {args.messages:,} messages, {args.rows:,} rows "
              f"({sum(p.stat().st_size for p in sources) / 1e6:.1f} MB) made in {time.perf_counter() - t:.1f} s")
        os.environ["EVIDENCE_KIT_TEST_SCRYPT_LOG2N"] = "12"
        from evidence_kit.core.case import create_case

        t = time.perf_counter()
        case = create_case(work / "case", PASSPHRASE)
        case.import_paths(sources)
        case.lock()
        print(f"imported in {time.perf_counter() - t:.1f} s")
        exports, floors = [], []
        for _ in range(args.runs):
            exports.append(run_child(["--child-export", str(work / "case"), str(work / "bundle.pdf")], env))
            floors.append(run_child(["--child-floor", str(work / "sources")], env))
        size = (work / "bundle.pdf").stat().st_size
    export = statistics.median(r["seconds"] for r in exports)
    floor = statistics.median(r["seconds"] for r in floors)
    rss = max(r["rss_mib"] for r in exports)
    print(f"\n{'':24}{'median s':>10}{'peak RSS MiB':>14}")
    print(f"{'export (build+render)':24}{export:>10.1f}{rss:>14.0f}   {exports[0]['pages']} pages, {size / 1e6:.1f} MB PDF")
    print(f"{'floor (PNG re-encode)':24}{floor:>10.1f}{max(r['rss_mib'] for r in floors):>14.0f}")
    print(f"\nexport / floor = {export / floor:.2f}x   ({args.runs} run(s); child wall times "
          f"{', '.join(format(r['wall'], '.1f') for r in exports)} s)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-export":
        child_export(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-floor":
        child_floor(sys.argv[2])
    else:
        sys.exit(main())
