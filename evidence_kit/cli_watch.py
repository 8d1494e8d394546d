"""The `watch` command (a folder imported into the case as files arrive) and the `timestamp` commands
(trusted timestamps, offline first). A thin layer over evidence_kit.watch and core.timestamps."""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

from .core import timestamps as ts
from .core.case import BATCH_STOPPERS, Case
from .core.errors import EvidenceKitError
from .i18n import tr
from .watch import Watcher

DEFAULT_SETTLE = 3.0


def watch(cli, args) -> int:
    """Locked by default. With the passphrase (EVIDENCE_KIT_PASSPHRASE, --passphrase-file, or asked
    for with --unlock) the case is unlocked while watching, so content stored before in any way is
    known at once; it is locked again at the end."""
    case = Case.open(Path(args.case))
    if args.unlock or cli.passphrase(args.passphrase_file, required=False) is not None:
        cli.unlock(case, args.passphrase_file)
    try:
        counts = _watch(cli, args, case)
    finally:
        case.lock()
    cli.say("cli.watch_stopped", imported=counts["imported"], duplicates=counts["duplicate"], failed=counts["failed"])
    return 0


def _watch(cli, args, case: Case) -> dict:
    started = threading.Event()  # events wait for the first line, which needs the count of files found

    def show(event) -> None:
        started.wait()
        print(f"[{event.time[11:19]}] {event.message(cli.lang)}", flush=True)

    watcher = Watcher(case, Path(args.dir), on_event=show, settle_seconds=args.settle)
    try:
        watcher.start()
    except BaseException:
        started.set()
        raise
    try:
        cli.say("cli.watch_started_unlocked" if case.unlocked else "cli.watch_started", folder=watcher.folder,
                settle=f"{args.settle:g}", existing=watcher.existing, known=watcher.known)
        started.set()
        while True:
            time.sleep(0.5)  # Ctrl+C arrives here (an endless wait would not see it on Windows)
    except KeyboardInterrupt:
        pass
    finally:
        started.set()
        watcher.stop()
    return watcher.counts
def timestamp_requests(cli, args) -> int:
    result = ts.requests(Case.open(Path(args.case)), Path(args.out_dir))
    if not result.written:
        cli.say("cli.ts_requests_none")
    else:
        cli.say("cli.ts_requests_done", count=len(result.written), path=Path(args.out_dir))
    return 0


def timestamp_attach(cli, args) -> int:
    case = Case.open(Path(args.case))
    failed = 0
    for path in _replies(args.files):
        try:
            attached = ts.attach(case, path)
        except EvidenceKitError as exc:
            if exc.code in BATCH_STOPPERS:
                raise  # about the case, not this reply: the next ones would fail the same way
            cli.say("cli.ts_not_attached", message=exc.message(cli.lang))
            failed += 1
            continue
        if attached.already:
            cli.say("cli.ts_already", name=path.name, seq=attached.seq)
        else:
            cli.say("cli.ts_attached", name=path.name, seq=attached.seq, tsa=attached.token.tsa,
                    utc=ts.iso_utc(attached.token.gen_time),
                    jst=ts.shown_time(attached.token.gen_time.astimezone(ts.JST)) + " JST")
    return 1 if failed else 0


def _replies(names: list[str]) -> list[Path]:
    """The files named; for a folder, the .tsr files in it."""
    out = []
    for name in map(Path, names):
        if name.is_dir():
            found = sorted(p for p in name.glob("*.tsr") if p.is_file())
            if not found:
                raise EvidenceKitError("source_missing", path=name / "*.tsr")
            out += found
        else:
            out.append(name)
    return out


def timestamp_list(cli, args) -> int:
    case = Case.open(Path(args.case))
    statuses = ts.verify(case, ca_file=Path(args.ca) if args.ca else None)
    if not statuses:
        cli.say("cli.ts_none")
    for s in statuses:
        cli.say("cli.ts_line", seq=s.seq, jst=s.gen_time_jst or "-", utc=s.gen_time_utc or "-", tsa=s.tsa or "-",
                status=tr("timestamps.status." + s.status, cli.lang))
    waiting = ts.waiting(case)
    if waiting:
        cli.say("cli.ts_waiting", count=len(waiting), newest=waiting[-1].seq)
    return 0 if all(s.status == "ok" for s in statuses) else 1


def add_parsers(sub, common, pass_opt, lang: str) -> None:
    """`pass_opt(parser)` adds --passphrase-file (watch may unlock the case; timestamps never need it)."""
    def h(key: str) -> str:
        return tr("cli.help_" + key, lang)

    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(tr("cli.watch_bad_settle", lang, value=text))
        return value

    p = sub.add_parser("watch", parents=[common], help=h("watch"), description=h("watch"))
    p.add_argument("case", metavar="CASE", help=h("case"))
    p.add_argument("dir", metavar="DIR", help=h("watch_dir"))
    p.add_argument("--settle", type=seconds, default=DEFAULT_SETTLE, metavar="SECONDS",
                   help=tr("cli.help_watch_settle", lang, default=f"{DEFAULT_SETTLE:g}"))
    p.add_argument("--unlock", action="store_true", help=h("watch_unlock"))
    pass_opt(p)
    p.set_defaults(run=watch)

    p = sub.add_parser("timestamp", parents=[common], help=h("timestamp"), description=h("timestamp"))
    ts_sub = p.add_subparsers(dest="timestamp_command", required=True)
    q = ts_sub.add_parser("requests", parents=[common], help=h("timestamp_requests"), description=h("timestamp_requests"))
    q.add_argument("case", metavar="CASE", help=h("case"))
    q.add_argument("out_dir", metavar="OUT_DIR", help=h("timestamp_out"))
    q.set_defaults(run=timestamp_requests)
    a = ts_sub.add_parser("attach", parents=[common], help=h("timestamp_attach"), description=h("timestamp_attach"))
    a.add_argument("case", metavar="CASE", help=h("case"))
    a.add_argument("files", nargs="+", metavar="FILE.tsr", help=h("timestamp_files"))
    a.set_defaults(run=timestamp_attach)
    ls = ts_sub.add_parser("list", parents=[common], help=h("timestamp_list"), description=h("timestamp_list"))
    ls.add_argument("case", metavar="CASE", help=h("case"))
    ls.add_argument("--ca", metavar="CA.pem", help=h("timestamp_ca"))
    ls.set_defaults(run=timestamp_list)
