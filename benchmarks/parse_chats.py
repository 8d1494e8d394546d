#!/usr/bin/env python3
"""Chat-parser speed and peak memory: our WhatsApp and LINE parsers next to whatstk 0.9.1.

A measurement, not a test: it exits 0 unless something failed to run (a child crashed, or whatstk
could not be installed; ours are measured all the same).

    python benchmarks/parse_chats.py                    # 100,000 messages per file, median of 3
    python benchmarks/parse_chats.py --runs 1 --messages 20000   # quick trial
    python benchmarks/parse_chats.py --profile          # plus cProfile of our two parsers

In a temp folder under --dir it writes three deterministic (seeded) exports of --messages entries each:
WhatsApp Android 24h (`15/01/2024, 09:02 - Name: text`), WhatsApp iOS 12h with U+202F before AM/PM
and U+200E before placeholders (`[1/15/24, 9:02:11 AM] Name: text`), and LINE JA mobile (tab-separated,
CSV-quoted multi-line messages). Invented names; Japanese and English text, including characters NFKC
rewrites (full-width letters and digits, half-width kana, circled digits, `～`, `㍻`).

whatstk goes into its own virtual environment (python -m venv + pip), by default cached under
~/.cache/evidence-kit-bench/ and reused; --fresh-venv installs it into the temp folder instead. It never
touches the project's environment.

Each timed parse runs in a fresh child process (GNU time -f %M for the peak RSS of the whole process);
the parse time is measured inside the child and excludes interpreter start-up and imports, which are
reported separately (method: shared/spec/chat-formats.md section 5). Targets (issue 3): at least 5x
whatstk's speed with at most a third of its peak RSS, while keeping every character; the script checks
the raw-lines invariant of our records and counts the messages whose text whatstk changed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

# --- the children (each in a fresh process) -------------------------------------------------------

CHILD_OURS, CHILD_WHATSTK, CHILD_DUMP, CHILD_PROFILE = "_child-ours", "_child-whatstk", "_child-dump", "_child-profile"
COUNTED = ("message", "media", "call", "deleted", "unsent", "system")  # message-like record types


def child_ours(module: str, path: str) -> None:
    """Parse with our importer; print one JSON line."""
    import importlib
    from collections import Counter

    t0 = time.perf_counter()
    mod = importlib.import_module(f"evidence_kit.importers.{module}")
    t1 = time.perf_counter()
    result = mod.parse(Path(path))
    t2 = time.perf_counter()
    types = Counter(r.type for r in result.records)
    print(json.dumps({"import_s": t1 - t0, "parse_s": t2 - t1, "count": sum(types[t] for t in COUNTED),
                      "types": dict(types), "variant": result.variant, "warnings": len(result.warnings)}))


def child_whatstk(path: str, hformat: str) -> None:
    """Parse with whatstk (run by the benchmark venv's python); print one JSON line."""
    t0 = time.perf_counter()
    from whatstk import WhatsAppChat

    t1 = time.perf_counter()
    chat = WhatsAppChat.from_source(filepath=path, **({"hformat": hformat} if hformat else {}))
    t2 = time.perf_counter()
    print(json.dumps({"import_s": t1 - t0, "parse_s": t2 - t1, "count": len(chat.df)}))


def child_dump(path: str, out: str, hformat: str) -> None:
    """whatstk's auto-detected header format and its whole output (date, username, message) as JSON."""
    from whatstk import WhatsAppChat

    rep: dict = {"detected": None, "error": None, "rows": []}
    try:
        from whatstk.whatsapp.auto_header import extract_header_from_text
        from whatstk.whatsapp.parser import _clean_text, _str_from_file

        rep["detected"] = extract_header_from_text(_clean_text(_str_from_file(path)))
    except Exception as exc:  # noqa: BLE001 - private helpers: report, do not fail
        rep["detected"] = f"error: {exc!r}"
    try:
        df = WhatsAppChat.from_source(filepath=path, **({"hformat": hformat} if hformat else {})).df
        rep["rows"] = [[d.isoformat(), u, m] for d, u, m in zip(df["date"], df["username"], df["message"])]
    except Exception as exc:  # noqa: BLE001
        rep["error"] = f"{type(exc).__name__}: {exc}"[:300]
    Path(out).write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")


def child_profile(module: str, path: str) -> None:
    import cProfile
    import importlib
    import pstats

    mod = importlib.import_module(f"evidence_kit.importers.{module}")
    prof = cProfile.Profile()
    prof.enable()
    mod.parse(Path(path))
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout).strip_dirs()
    stats.sort_stats("cumulative").print_stats(15)
    stats.sort_stats("tottime").print_stats(12)


# A timed child runs here, before the parent's imports below: its peak RSS is then the parser's
# (and Python's), not this script's (argparse, random, subprocess ... add about 5 MiB to each side).
if __name__ == "__main__" and sys.argv[1:2] in ([CHILD_OURS], [CHILD_WHATSTK], [CHILD_DUMP], [CHILD_PROFILE]):
    if len(sys.argv) > 1 and sys.argv[1] == CHILD_OURS:
        child_ours(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == CHILD_WHATSTK:
        child_whatstk(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    elif len(sys.argv) > 1 and sys.argv[1] == CHILD_DUMP:
        child_dump(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
    elif len(sys.argv) > 1 and sys.argv[1] == CHILD_PROFILE:
        child_profile(sys.argv[2], sys.argv[3])
    sys.exit(0)

import argparse  # noqa: E402 - the parent's imports, after the children (see above)
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import machine  # benchmarks/machine.py, beside this script

MIB = 1 << 20
GNU_TIME = "/usr/bin/time"
WHATSTK_VERSION = "0.9.1"
SPEED_TARGET = 5.0  # ours at least 5x whatstk's speed
RSS_TARGET = 1 / 3  # ours at most a third of whatstk's peak RSS
CACHE = Path.home() / ".cache" / "evidence-kit-bench"

# the header format whatstk needs for each generated WhatsApp file, when its auto-detection fails
HFORMAT = {"wa-android": "%d/%m/%Y, %H:%M - %name:", "wa-ios": "[%m/%d/%y, %I:%M:%S %p] %name:"}
FILES = [  # (key, label, importer module, file name)
    ("wa-android", "WhatsApp Android 24h", "whatsapp", "WhatsApp Chat with 週末の旅行.txt"),
    ("wa-ios", "WhatsApp iOS 12h (U+202F)", "whatsapp", "_chat.txt"),
    ("line-ja", "LINE JA mobile", "line", "[LINE] 週末の旅行.txt"),
]

# --- generating the exports -----------------------------------------------------------------------

GROUP = "週末の旅行"
MEMBERS = [("佐藤 美咲", "ja", 30), ("鈴木 健", "ja", 25), ("Emma Clarke", "en", 15), ("高橋 さくら", "ja", 12),
           ("Liam Walker", "en", 8), ("山本 大輔", "ja", 7), ("+81 90-1234-5678", "ja", 3)]
JA = ["おはよう！", "今日は何時に出る？", "了解です", "昨日の件、ちゃんと説明してほしい", "駅前のカフェで１５時に待ってます",
      "ﾃｽﾄ終わったらﾒｰﾙする", "①資料 ②見積書 ③請求書を送ります", "10時～12時なら空いてる", "お金は返すって言ったよね？",
      "（笑）", "ありがとう😊", "今どこ？", "もう連絡しないでください。", "ＬＩＮＥ見た？", "５万円、来週までに振り込みます",
      "㍻３１年の写真ある？", "すみません、遅れます🙇", "わかった", "それは無理", "また明日ね", "電話して",
      "なんで返事しないの", "住所は東京都千代田区１－２－３です", "ｗｗｗ", "ほんとに？", "大丈夫だよ", "写真送るね",
      "約束守って", "今週末の予定どうする", "新幹線の切符とった", "OK、明日ね", "返信遅くなってごめん",
      "もう少しで着く", "会議は14:30からです", "それ、前にも聞いた", "気をつけて帰ってね"]
EN = ["see you tomorrow", "Can you call me when you get this?", "I sent the money yesterday, check your account",
      "ok", "Where are you?", "Please stop messaging me.", "lol that's hilarious 😂", "The meeting is at 3pm, room 2B",
      "Did you get my email?", "I'll pay you back on Friday, promise", "thanks!", "On my way", "Why are you ignoring me?",
      "Let's talk tonight", "Sure, no problem", "I can't make it, sorry", "ＯＫ", "Tokyo → Osaka ～ 3 hours",
      "Room №5, 2nd floor", "It's 5 o'clock already"]
WEEKDAYS = "月火水木金土日"
START = datetime(2024, 1, 15, 9, 0, 0)
JST = timezone(timedelta(hours=9))
LRM = "\u200e"


@dataclass
class Expected:
    type: str
    sender: str | None
    text: str  # what the sender wrote (WhatsApp's structural U+200E left out), lines joined by "\n"
    moment: datetime  # as precise as the file shows it


def _sender(rng: random.Random) -> tuple[str, str]:
    name, lang, _ = rng.choices(MEMBERS, weights=[w for *_, w in MEMBERS])[0]
    return name, lang


def _sentence(rng: random.Random, lang: str) -> str:
    pool = JA if (lang == "ja") != (rng.random() < 0.15) else EN
    return " ".join(rng.choice(pool) for _ in range(rng.choices((1, 2, 3), (60, 30, 10))[0]))


def _gap(rng: random.Random) -> timedelta:
    r = rng.random()
    if r < 0.30:
        return timedelta(seconds=rng.randint(0, 50))
    if r < 0.85:
        return timedelta(seconds=rng.randint(60, 300))
    if r < 0.99:
        return timedelta(seconds=rng.randint(300, 3600))
    return timedelta(seconds=rng.randint(3600, 36000))


def _multiline(rng: random.Random, lang: str, when: datetime, flavour: str) -> str:
    """2-4 lines; the third often starts with something date-like, sometimes even header-like."""
    lines = [_sentence(rng, lang) for _ in range(rng.randint(2, 4))]
    if len(lines) >= 3 and rng.random() < 0.5:
        day = when + timedelta(days=rng.randint(1, 20))
        if rng.random() < 0.1:  # looks like a header of another shape: our parser warns, keeps it
            lines[2] = f"{day:%Y/%m/%d} 10:00 集合"
        elif flavour == "line":
            lines[2] = f"{day:%Y/%m/%d}({WEEKDAYS[day.weekday()]})" if rng.random() < 0.5 else f"10:00\t{lines[2]}"
        elif flavour == "wa-ios":
            lines[2] = f"{day.month}/{day.day}/{day:%y} の予定 {lines[2]}"
        else:
            lines[2] = f"{day:%d/%m/%Y} の予定 {lines[2]}"
    if rng.random() < 0.05:
        lines.insert(1, "")  # a paragraph break
    return "\n".join(lines)


def gen_whatsapp(n: int, seed: int, ios: bool) -> tuple[str, list[Expected]]:
    rng = random.Random(seed)
    out: list[str] = []
    exp: list[Expected] = []
    when = START
    names = [m[0] for m in MEMBERS]
    for i in range(n):
        if i:
            when += _gap(rng)
        shown = when if ios else when.replace(second=0)
        if ios:
            h12 = when.hour % 12 or 12
            stamp = f"[{when.month}/{when.day}/{when:%y}, {h12}:{when:%M:%S}\u202f{'AM' if when.hour < 12 else 'PM'}] "
        else:
            stamp = f"{when:%d/%m/%Y, %H:%M} - "
        sender, lang = _sender(rng)
        lrm = False  # iOS: U+200E at the line start and before the body of placeholders and system texts
        r = rng.random() if i else -1.0
        if i == 0:
            kind, sender = "system", (GROUP if ios else None)
            body, lrm = ("Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
                         "WhatsApp, can read or listen to them." + ("" if ios else " Tap to learn more.")), True
        elif r < 0.01:
            a, b = rng.sample(names[:6], 2)
            body = rng.choice([f"{a} added {b}", f"{b} left", f"{a} changed this group's icon",
                               f"{b} joined using this group's invite link",
                               f"{a} changed the subject from \"{GROUP}\" to \"{GROUP}2024\"", f"{a} removed {b}"])
            kind, sender, lrm = "system", (GROUP if ios else None), True
        elif r < 0.04:
            kind, lrm = "media", ios
            if ios:
                k = rng.choice(["image", "image", "video", "sticker", "audio", "attached"])
                body = (f"<attached: {i:08d}-PHOTO-{when:%Y-%m-%d-%H-%M-%S}.jpg>" if k == "attached"
                        else f"{k} omitted")
            elif rng.random() < 0.7:
                body = "<Media omitted>"
            else:
                body = f"IMG-{when:%Y%m%d}-WA{i % 10000:04d}.jpg (file attached)"
                if rng.random() < 0.5:
                    body += "\n" + _sentence(rng, lang)
        elif r < 0.043:
            kind, lrm = "deleted", ios
            body = "This message was deleted" + ("." if ios else "")
        elif r < 0.046:
            kind, lrm, body = "call", ios, rng.choice(["Missed voice call", "Missed video call"])
        else:
            kind = "message"
            r2 = rng.random()
            if r2 < 0.05:
                body = _multiline(rng, lang, when, "wa-ios" if ios else "wa-android")
            elif r2 < 0.052:
                body = ("Location: " if ios else "location: ") + "https://maps.google.com/?q=35.681236,139.767125"
            else:
                body = _sentence(rng, lang)
            if rng.random() < 0.005:
                body += " <This message was edited>"
        head = stamp + (f"{sender}: " if sender else "")
        first, *rest = body.split("\n")
        out.append((LRM if lrm and ios else "") + head + (LRM if lrm and ios else "") + first)
        out.extend(rest)
        exp.append(Expected(kind, sender, body, shown))
    return "\n".join(out) + "\n", exp


def gen_line(n: int, seed: int) -> tuple[str, list[Expected]]:
    rng = random.Random(seed)
    out = [f"[LINE] {GROUP}のトーク履歴", "", ""]  # the save time is filled in at the end
    exp: list[Expected] = []
    when, day = START, None
    names = [m[0] for m in MEMBERS]
    for i in range(n):
        if i:
            when += _gap(rng)
        if when.date() != day:
            if day is not None:
                out.append("")
            out.append(f"{when:%Y/%m/%d}({WEEKDAYS[when.weekday()]})")
            day = when.date()
        sender, lang = _sender(rng)
        r = rng.random()
        if r < 0.005:
            a, b = rng.sample(names[:6], 2)
            a_, b_ = f"\u2068{a}\u2069", f"\u2068{b}\u2069"
            kind, sender, body = "system", None, rng.choice([f"{a_}が参加しました。", f"{b_}が退会しました。",
                                                             f"{a_}が{b_}を招待しました。",
                                                             f"{a_}がグループ名を「{GROUP}2024」に変更しました。"])
            cells = ["", body]
        elif r < 0.008:
            kind, body = "unsent", f"{sender}がメッセージの送信を取り消しました"
            cells = ["", body]
        elif r < 0.038:
            kind = "media"
            body = rng.choice(["[写真]", "[写真]", "[スタンプ]", "[スタンプ]", "[動画]", "[ボイスメッセージ]",
                               "[ファイル] 見積書.pdf", "[位置情報] 東京都千代田区丸の内１丁目"])
            cells = [sender, body]
        elif r < 0.043:
            kind = "call"
            body = rng.choice([f"☎ 通話時間 {rng.randint(0, 59)}:{rng.randint(0, 59):02d}", "☎ 不在着信",
                               "☎ 通話をキャンセルしました"])
            cells = [sender, body]
        else:
            kind = "message"
            r2 = rng.random()
            if r2 < 0.05:
                body = _multiline(rng, lang, when, "line")
                if rng.random() < 0.3:
                    body = body.replace("\n", '\n彼が言ったのは"明日払う"\n', 1)  # doubled in the file
                if rng.random() < 0.02:
                    body += "\n"  # the closing quote then sits alone on the next line
            elif r2 < 0.052:
                body = rng.choice(['"了解"', '"OK" って言った', 'x"y"z'])  # typed quotes: one-line, kept as is
            elif r2 < 0.053:
                body = "りんご\t3個\tみかん\t5個"  # TABs inside the text
            else:
                body = _sentence(rng, lang)
            cells = [sender, '"' + body.replace('"', '""') + '"' if "\n" in body else body]
        first, *rest = "\t".join([f"{when:%H:%M}", *cells]).split("\n")
        out.append(first)
        out.extend(rest)
        exp.append(Expected(kind, None if kind == "system" else sender, body, when.replace(second=0)))
    out[1] = f"保存日時：{when + timedelta(hours=2):%Y/%m/%d %H:%M}"
    return "\n".join(out) + "\n", exp


# --- the parent -----------------------------------------------------------------------------------


class RunFailed(Exception):
    pass


@dataclass
class Sample:
    wall_s: float  # the whole child process, measured here
    rss_kib: int | None  # peak RSS of the child (GNU time %M)
    rep: dict  # what the child reported


@dataclass
class Job:
    key: str  # file key
    parser: str  # "ours" or "whatstk"
    argv: list
    env: dict | None = None
    samples: list = field(default_factory=list)
    error: str | None = None

    def med(self, what: str) -> float | None:
        vals = [self.get(s, what) for s in self.samples]
        vals = [v for v in vals if v is not None]
        return statistics.median(vals) if vals else None

    @staticmethod
    def get(s: Sample, what: str):
        if what == "wall":
            return s.wall_s
        if what == "rss":
            return s.rss_kib / 1024 if s.rss_kib is not None else None
        return s.rep.get(what)


def run_child(argv: list[str], rss_file: Path, env: dict | None = None) -> Sample:
    use_time = os.access(GNU_TIME, os.X_OK)
    full = [GNU_TIME, "-f", "%M", "-o", str(rss_file)] + argv if use_time else argv
    t0 = time.perf_counter()
    p = subprocess.run(full, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RunFailed(f"exit {p.returncode}: {p.stderr.decode(errors='replace')[-1500:]}")
    rss = int(rss_file.read_text().split()[-1]) if use_time else None
    try:
        rep = json.loads(p.stdout.decode().strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise RunFailed(f"no report: {p.stdout.decode(errors='replace')[-500:]}") from None
    return Sample(wall, rss, rep)


def sh(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, check=False)


def clean_env() -> dict:
    """The environment for the whatstk venv's python: nothing of the project's Python leaks in."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def setup_whatstk(venv: Path) -> tuple[Path | None, str]:
    """The venv's python with whatstk 0.9.1 (reused when already there), and a line describing it."""
    py = venv / "bin" / "python"
    probe = ("import importlib.metadata as m, sys; print(m.version('whatstk'), m.version('pandas'), "
             "m.version('numpy'), sys.version.split()[0])")
    env = clean_env()
    reused = py.exists() and sh(str(py), "-c", probe, env=env).returncode == 0
    if not reused:
        shutil.rmtree(venv, ignore_errors=True)
        venv.parent.mkdir(parents=True, exist_ok=True)
        print(f"installing whatstk=={WHATSTK_VERSION} into a new venv {venv} ...", flush=True)
        t = time.perf_counter()
        p = sh(sys.executable, "-m", "venv", str(venv))
        if p.returncode == 0:
            p = sh(str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                   f"whatstk=={WHATSTK_VERSION}", env=env)
        if p.returncode != 0:
            print("  whatstk install FAILED:\n    " + "\n    ".join(p.stdout.strip().splitlines()[-8:]))
            shutil.rmtree(venv, ignore_errors=True)
            return None, "not installed"
        print(f"  done in {time.perf_counter() - t:.0f} s")
    p = sh(str(py), "-c", probe, env=env)
    if p.returncode != 0:
        print("  whatstk venv unusable: " + p.stdout.strip()[-500:])
        return None, "unusable"
    wv, pd_v, np_v, pyv = p.stdout.split()
    if wv != WHATSTK_VERSION:
        print(f"  whatstk {wv} found, not {WHATSTK_VERSION}: not used")
        return None, f"wrong version {wv}"
    return py, (f"whatstk {wv} (pandas {pd_v}, numpy {np_v}, python {pyv}) in {venv}"
                f"{' (reused)' if reused else ' (fresh)'}")


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def warm(path: Path) -> None:
    path.read_bytes()


def file_lines(data: bytes) -> list[str]:
    """The file's lines, split independently of our importers (the files are UTF-8, LF)."""
    lines = re.split(r"\r\n|\r|\n", data.decode("utf-8"))
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def iso(moment: datetime) -> str:
    return moment.replace(tzinfo=JST).isoformat(timespec="seconds")


def verify_ours(key: str, module: str, path: Path, exp: list[Expected]) -> dict:
    """Our records against the file and against what the generator wrote."""
    import importlib

    mod = importlib.import_module(f"evidence_kit.importers.{module}")
    res = mod.parse(path)
    data = path.read_bytes()
    raw = [line for r in res.records for line in r.raw]
    v = {"lines_ok": raw == file_lines(data), "bytes_ok": ("\n".join(raw) + "\n").encode("utf-8") == data,
         "n_lines": len(raw), "warnings": Counter(w.code for w in res.warnings), "variant": res.variant}
    msgs = [r for r in res.records if r.type in COUNTED]
    v["count"], v["expected"] = len(msgs), len(exp)
    v["types_ours"] = Counter(r.type for r in msgs)
    v["types_gen"] = Counter(e.type for e in exp)
    bad = Counter()
    examples = []
    for r, e in zip(msgs, exp):
        for what, ok in (("text", r.text == e.text), ("time", r.time == iso(e.moment)),
                         ("sender", e.sender is None or r.sender == e.sender)):
            if not ok:
                bad[what] += 1
                if len(examples) < 3:
                    examples.append((what, r.line, getattr(r, what), e.text if what == "text" else e.sender))
        if r.type != e.type:
            bad[f"type {e.type}->{r.type}"] += 1
    v["bad"], v["examples"] = bad, examples
    v["nfkc_sensitive"] = sum(unicodedata.normalize("NFKC", e.text) != e.text for e in exp)
    v["kept_nfkc_sensitive"] = sum(unicodedata.normalize("NFKC", e.text) != e.text and r.text == e.text
                                   for r, e in zip(msgs, exp))
    return v


_WHATSTK_DROPS = re.compile("[\u200b\u202a-\u202e\u200e\u200f\u00ad]")  # what whatstk removes before NFKC


def verify_whatstk(rows: list, exp: list[Expected], ios: bool) -> dict:
    """whatstk's rows against the named entries the generator wrote (it keeps no nameless line)."""
    named = [e for e in exp if e.sender is not None]
    v = {"rows": len(rows), "expected_rows": len(named), "nameless_lost": len(exp) - len(named),
         "aligned": 0, "changed": 0, "nfkc": 0, "residue": 0, "other": 0, "examples": [], "other_examples": [],
         "misaligned_at": None}
    for k, (row, e) in enumerate(zip(rows, named)):
        date_s, user, msg = row
        if date_s != e.moment.isoformat() or user != e.sender:
            v["misaligned_at"] = k
            break
        v["aligned"] += 1
        if msg == e.text:
            continue
        v["changed"] += 1
        cleaned = _WHATSTK_DROPS.sub("", e.text)
        folded = unicodedata.normalize("NFKC", cleaned)
        nfkc = folded != cleaned  # NFKC rewrote visible characters of this message
        residue = msg != folded and msg.rstrip("\n") == folded  # a cut-out system line left its "\n"
        v["nfkc"] += nfkc
        v["residue"] += residue
        if msg not in (folded, folded + "\n") or not (nfkc or residue):
            v["other"] += 1
            if len(v["other_examples"]) < 3:
                v["other_examples"].append((e.text, msg))
        elif nfkc and len(v["examples"]) < 4:
            v["examples"].append((e.text, msg))
    return v


def probe_whatstk(py: Path, me: str, key: str, path: Path, work: Path, exp: list[Expected]) -> tuple[str, str, dict]:
    """Which hformat to time whatstk with: "" (auto-detection) when its output lines up with the
    generated messages, else the explicit format. Returns (hformat, note, verification)."""
    ios = key == "wa-ios"
    out = work / f"dump-{key}.json"
    notes = []
    for hformat in ("", HFORMAT[key]):
        p = subprocess.run([str(py), me, CHILD_DUMP, str(path), str(out), hformat], env=clean_env(),
                           capture_output=True, check=False)
        if p.returncode != 0:
            notes.append(f"{'auto' if not hformat else repr(hformat)}: child failed "
                         f"{p.stderr.decode(errors='replace')[-300:]}")
            continue
        rep = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
        v = verify_whatstk(rep["rows"], exp, ios)
        good = not rep["error"] and v["rows"] == v["expected_rows"] and v["misaligned_at"] is None
        if not hformat:
            what = (f"auto-detection gave {rep['detected']!r}: "
                    + (rep["error"] or f"{v['rows']} rows, expected {v['expected_rows']}"
                       + ("" if v["misaligned_at"] is None else f", dates/names wrong from row {v['misaligned_at']}")))
            if good:
                return "", f"auto-detected {rep['detected']!r} (output checked: right rows, dates and names)", v
            notes.append(what)
        else:
            state = "output checked" if good else (rep["error"] or f"{v['rows']} rows, still wrong")
            return hformat, "; ".join(notes) + f" -> explicit hformat={hformat!r} ({state})", v
    return HFORMAT[key], "; ".join(notes), {}


def fmt(v: float | None, spec: str) -> str:
    return format(v, spec) if v is not None else "-"


def print_environment(work: Path) -> None:

    print("== environment ==")
    print(f"python {platform.python_version()} ({sys.executable})")
    print(machine.describe_machine())
    print(machine.describe_code("evidence_kit/importers", "evidence_kit/core/models.py"))
    print(f"work folder: {work}")
    print(f"peak RSS via: {GNU_TIME + ' -f %M' if os.access(GNU_TIME, os.X_OK) else 'not measured (no GNU time)'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per parser and file; the median is reported (default 3)")
    ap.add_argument("--messages", type=int, default=100_000, help="entries per export (default 100000)")
    ap.add_argument("--seed", type=int, default=20240115, help="generator seed (default %(default)s)")
    ap.add_argument("--dir", default=tempfile.gettempdir(), help="parent of the temp work folder (default %(default)s)")
    ap.add_argument("--fresh-venv", action="store_true",
                    help="install whatstk into a new venv in the temp folder instead of the cached one")
    ap.add_argument("--no-whatstk", action="store_true", help="measure ours only")
    ap.add_argument("--profile", action="store_true", help="also cProfile our parsers (WhatsApp Android, LINE)")
    args = ap.parse_args()

    me = str(Path(__file__).resolve())
    work = Path(tempfile.mkdtemp(prefix="ek-chat-bench-", dir=args.dir))
    failed = False
    checks: list[tuple[str, bool | None]] = []
    try:
        print_environment(work)

        # 1. the exports
        print(f"\n== exports: {args.messages} entries each, seed {args.seed} ==")
        expected: dict[str, list[Expected]] = {}
        paths: dict[str, Path] = {}
        for key, label, _, name in FILES:
            t = time.perf_counter()
            if key == "line-ja":
                content, exp = gen_line(args.messages, args.seed)
            else:
                content, exp = gen_whatsapp(args.messages, args.seed, ios=key == "wa-ios")
            path = work / name
            path.write_bytes(content.encode("utf-8"))
            paths[key], expected[key] = path, exp
            kinds = Counter(e.type for e in exp)
            multi = sum("\n" in e.text for e in exp)
            print(f"{label:<27} {path.stat().st_size / 1e6:5.1f} MB, {content.count(chr(10)):>7} lines, "
                  f"{len(exp)} entries: " + ", ".join(f"{k} {kinds[k]}" for k in COUNTED if kinds[k])
                  + f"; multi-line {multi}; made in {time.perf_counter() - t:.1f} s")
            for example in content.splitlines()[3:5]:
                print(f"{'':<27} e.g. {example!r}")

        # 2. whatstk in its own venv
        print("\n== whatstk ==")
        py = None
        if args.no_whatstk:
            print("skipped (--no-whatstk)")
        else:
            venv = (work / "venv-whatstk") if args.fresh_venv else CACHE / f"whatstk-{WHATSTK_VERSION}-py{sys.version_info[0]}{sys.version_info[1]}"
            py, desc = setup_whatstk(venv)
            print(desc if py else f"whatstk {WHATSTK_VERSION} {desc}: only our parsers are measured")
            failed |= py is None
        hformats: dict[str, str] = {}
        wv: dict[str, dict] = {}
        if py:
            for key, label, _, _ in FILES[:2]:
                hformats[key], note, wv[key] = probe_whatstk(py, me, key, paths[key], work, expected[key])
                print(f"{label}: {note}")
        print("LINE JA mobile: whatstk has no LINE parser (WhatsApp only): ours is measured alone")

        # 3. the timed runs
        jobs: list[Job] = []
        for key, label, module, _ in FILES:
            jobs.append(Job(key, "ours", [sys.executable, me, CHILD_OURS, module, str(paths[key])]))
            if py and key in hformats:
                jobs.append(Job(key, "whatstk", [str(py), me, CHILD_WHATSTK, str(paths[key]), hformats[key]],
                                env=clean_env()))
        print(f"\n== runs: {args.runs} per parser and file, round-robin, each in a fresh process ==")
        print(f"load average before: {load()}")
        rss_file = work / "time.out"
        for run in range(args.runs):
            for job in jobs:
                if job.error:
                    continue
                warm(paths[job.key])
                try:
                    s = run_child(job.argv, rss_file, job.env)
                    job.samples.append(s)
                    print(f"  [run {run + 1}/{args.runs}] {job.parser:<7} {job.key:<10}: parse {s.rep['parse_s']:.3f} s, "
                          f"child {s.wall_s:.2f} s, {fmt(Job.get(s, 'rss'), '.0f')} MiB, {s.rep['count']} msgs", flush=True)
                except (RunFailed, OSError) as exc:
                    job.error = str(exc)
                    failed = True
                    print(f"  [run {run + 1}/{args.runs}] {job.parser} {job.key}: FAILED: {exc}", flush=True)

        print(f"load average after: {load()} (other processes on this machine add noise to the times)")

        # 4. the table
        print("\n== results (medians; parse = inside the child, after imports; child = whole process) ==")
        head = (f"{'parser':<23} {'file':<26} {'msgs':>7} {'parse s':>8} {'msgs/s':>8} {'import s':>8} "
                f"{'child s':>8} {'RSS MiB':>8}  parse s per run")
        print(head)
        print("-" * len(head))
        by = {(j.key, j.parser): j for j in jobs}
        for key, label, module, _ in FILES:
            for parser in ("ours", "whatstk"):
                job = by.get((key, parser))
                name = f"ours ({module}.parse)" if parser == "ours" else f"whatstk {WHATSTK_VERSION}"
                if job is None:
                    if parser == "whatstk":
                        why = "no LINE parser" if key == "line-ja" else "not available"
                        print(f"{name:<23} {label:<26} {'n/a':>7}   ({why})")
                    continue
                if job.error or not job.samples:
                    print(f"{name:<23} {label:<26} {'FAILED':>7}")
                    continue
                n, ps = job.samples[-1].rep["count"], job.med("parse_s")
                print(f"{name:<23} {label:<26} {n:>7} {ps:>8.3f} {n / ps:>8.0f} {job.med('import_s'):>8.3f} "
                      f"{job.med('wall'):>8.2f} {fmt(job.med('rss'), '.1f'):>8}  "
                      + ", ".join(f"{s.rep['parse_s']:.3f}" for s in job.samples))

        print("\n== ours / whatstk on the same file ==")
        print(f"{'file':<27} {'speed (parse)':>14} {'speed (child)':>14} {'msgs/s ratio':>13} {'RSS ours/theirs':>16}")
        for key, label, _, _ in FILES:
            o, w = by.get((key, "ours")), by.get((key, "whatstk"))
            if key == "line-ja":
                print(f"{label:<27} {'n/a: whatstk has no LINE parser':>59}")
                if o and o.samples:
                    n = o.samples[-1].rep["count"]
                    print(f"{'':<27} (for scale only, not re-measured: spec section 5 has linelog2py 0.1.6 at "
                          f"82,800 msgs/s, 72 MB; ours here {n / o.med('parse_s'):,.0f} msgs/s, "
                          f"{fmt(o.med('rss'), '.0f')} MiB)")
                continue
            if not (o and w and o.samples and w.samples and not o.error and not w.error):
                print(f"{label:<27} {'n/a (a parser did not run)':>59}")
                checks += [(f"{label}: speed >= {SPEED_TARGET:g}x whatstk", None),
                           (f"{label}: peak RSS <= 1/3 of whatstk", None)]
                continue
            sp = w.med("parse_s") / o.med("parse_s")
            sw = w.med("wall") / o.med("wall")
            rate = (o.samples[-1].rep["count"] / o.med("parse_s")) / (w.samples[-1].rep["count"] / w.med("parse_s"))
            rr = o.med("rss") / w.med("rss") if o.med("rss") and w.med("rss") else None
            print(f"{label:<27} {sp:>13.2f}x {sw:>13.2f}x {rate:>12.2f}x {fmt(rr, '.3f'):>16}")
            o_fmt = f"{o.med('parse_s'):.3f} s vs whatstk {w.med('parse_s'):.3f} s"
            checks.append(((f"{label}: speed >= {SPEED_TARGET:g}x whatstk: {sp:.2f}x ({o_fmt}; whole child "
                            f"process {sw:.2f}x)"), sp >= SPEED_TARGET))
            if rr is None:
                checks.append((f"{label}: peak RSS <= 1/3 of whatstk: not measured", None))
            else:
                checks.append(((f"{label}: peak RSS <= 1/3 of whatstk: {rr:.3f} ({o.med('rss'):.1f} MiB vs "
                                f"{w.med('rss'):.1f} MiB)"), rr <= RSS_TARGET))

        # 5. characters kept (ours) and changed (whatstk)
        print("\n== characters: ours ==")
        for key, label, module, _ in FILES:
            try:
                v = verify_ours(key, module, paths[key], expected[key])
            except Exception as exc:  # noqa: BLE001 - report, keep going
                print(f"{label}: verification FAILED to run: {exc!r}")
                failed = True
                continue
            ok = v["lines_ok"] and v["bytes_ok"]
            print(f"{label}: raw-lines invariant (records' raw lines re-joined == the file's {v['n_lines']} lines): "
                  f"{'yes' if v['lines_ok'] else 'NO'}; byte-identical when re-joined with LF: "
                  f"{'yes' if v['bytes_ok'] else 'NO'}")
            fields_ok = not any(k in v["bad"] for k in ("text", "time", "sender")) and v["count"] == v["expected"]
            print(f"  {v['count']} message-like records for {v['expected']} generated entries; text / sender / time "
                  f"differing from what was written: {v['bad']['text']} / {v['bad']['sender']} / {v['bad']['time']}; "
                  f"{v['kept_nfkc_sensitive']} of {v['nfkc_sensitive']} texts with characters NFKC would rewrite "
                  f"kept exactly")
            types = sorted(set(v["types_ours"]) | set(v["types_gen"]), key=COUNTED.index)
            print("  types ours (generated): " + ", ".join(f"{t} {v['types_ours'][t]} ({v['types_gen'][t]})" for t in types))
            mism = {k: n for k, n in v["bad"].items() if k.startswith("type ")}
            if mism:
                print("  type differences (generated->ours): " + ", ".join(f"{k[5:]} {n}" for k, n in mism.items()))
            for ex in v["examples"]:
                print(f"  e.g. {ex[0]} differs on line {ex[1]}: {ex[2]!r} vs {ex[3]!r}")
            print(f"  variant {v['variant']}; warnings: " + (", ".join(f"{c} {n}" for c, n in v["warnings"].items()) or "none"))
            checks.append((f"{label}: ours keeps every character (raw-lines invariant, byte-identical)", ok))
            checks.append((f"{label}: ours returns every entry with the text, sender and time written", fields_ok))

        print("\n== characters: whatstk ==")
        if not wv:
            print("whatstk did not run: nothing to compare")
        for key, label, _, _ in FILES[:2]:
            v = wv.get(key)
            if not v:
                continue
            print(f"{label}: {v['rows']} rows for {v['expected_rows']} named entries"
                  + (f"; {v['nameless_lost']} nameless system lines not returned" if v["nameless_lost"] else "")
                  + ("" if v["misaligned_at"] is None else f"; rows no longer line up from row {v['misaligned_at']}"))
            print(f"  text differs from the source text in {v['changed']} of {v['aligned']} messages "
                  f"({v['changed'] / max(v['aligned'], 1):.1%}): NFKC rewrote characters in {v['nfkc']}; "
                  f"a cut-out system line left a trailing newline in {v['residue']}; other changes {v['other']}")
            for src, got in v["examples"] + v["other_examples"]:
                print(f"  e.g. {src[:60]!r} -> {got[:60]!r}")
        if wv:
            print("(the U+200E that WhatsApp puts before placeholders and system texts is not counted as a change:"
                  " it is WhatsApp's, not the sender's)")

        print("\n== summary ==")
        for name, ok in checks:
            print(f"  {'PASS' if ok else 'n/a ' if ok is None else 'MISS'}  {name}")
        if failed:
            print("  (something FAILED to run, see above)")

        if args.profile:
            for key in ("wa-android", "line-ja"):
                module = next(m for k, _, m, _ in FILES if k == key)
                print(f"\n== cProfile: evidence_kit.importers.{module}.parse on {paths[key].name} ==", flush=True)
                p = subprocess.run([sys.executable, me, CHILD_PROFILE, module, str(paths[key])],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
                print(p.stdout.rstrip())
                failed |= p.returncode != 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
