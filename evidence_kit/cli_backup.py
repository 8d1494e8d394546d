"""The `handover`, `backup` and `restore` commands: a thin layer over evidence_kit.handover and
evidence_kit.backup, printing one line per file as it is done."""

from __future__ import annotations

from pathlib import Path

from . import backup as backup_core
from . import handover as handover_core
from .core.case import Case
from .core.errors import EvidenceKitError
from .core.verify import kind_of, verify_case
from .i18n import tr


class _FileLines:
    """A progress callable (path, done, total) that prints a line once per finished file."""

    def __init__(self, cli, key: str, sizes: bool = True):
        self.cli, self.key, self.sizes = cli, key, sizes
        self._last = None

    def __call__(self, path: str, done: int, total: int) -> None:
        if done == total and path != self._last:
            self._last = path
            params = {"size": _size(self.cli, total)} if self.sizes else {}
            self.cli.say(self.key, path=path, **params)


def _size(cli, size: int) -> str:
    if size < 1024:
        return tr("cli.size_bytes", cli.lang, n=size)
    if size < 1024**2:
        return tr("cli.size_kb", cli.lang, n=f"{size / 1024:,.1f}")
    return tr("cli.size_mb", cli.lang, n=f"{size / 1024**2:,.1f}")


def handover(cli, args) -> int:
    from .report import checks

    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    try:
        try:
            package = handover_core.create(case, Path(args.out_dir), audience=args.audience,
                                           acknowledged=args.acknowledge,
                                           progress=_FileLines(cli, "cli.handover_file", sizes=False))
        except EvidenceKitError as exc:
            for check in exc.params.get("checks", []):
                print(checks.message(check, cli.lang))
            raise
        for check in package.checks:
            print(checks.message(check, cli.lang))
        cli.say("cli.handover_done", path=package.path, pdf=package.pdf, pages=package.pages,
                count=len(package.originals), sums=package.sums_sha256)
    finally:
        case.lock()
    return 0


def backup(cli, args) -> int:
    report = backup_core.run(Path(args.case), Path(args.dest), progress=_FileLines(cli, "cli.backup_file"),
                             recheck=args.recheck, max_file_size=backup_core.FAT32_MAX if args.fat32 else None)
    if report.resumed:
        cli.say("cli.backup_resumed", count=len(report.resumed))
    for rel in report.split:
        cli.say("cli.backup_split", path=rel)
    for rel in report.source_damaged:
        cli.say("cli.backup_source_damaged", path=rel)
    for rel in report.kept_earlier:
        cli.say("cli.backup_kept_earlier", path=rel)
    for rel in report.source_missing:
        cli.say("cli.backup_source_missing", path=rel)
    cli.say("cli.backup_done", path=report.folder, generation=report.generation, files=report.files,
            copied=len(report.copied) + len(report.resumed), size=_size(cli, report.bytes_copied))
    if report.not_logged is not None:
        cli.say("cli.backup_not_logged", reason=report.not_logged.message(cli.lang))
    return 1 if report.source_damaged or report.kept_earlier or report.source_missing else 0


def restore(cli, args) -> int:
    path = backup_core.restore(Path(args.backup), Path(args.case), progress=_FileLines(cli, "cli.backup_file"))
    cli.say("cli.restore_done", path=path)
    case = Case.open(path)
    report = verify_case(case.path, case.info)  # no passphrase here: the files, the hash list and the signatures
    if report.ok:
        cli.say("cli.restore_checked", files=report.files_checked)
        return 0
    cli.say("cli.restore_problems", count=len(report.problems))
    for p in report.problems:
        print("  " + tr("verify." + p.code, cli.lang, path=p.path, line=p.line, what=tr("what." + kind_of(p.path), cli.lang)))
    return 1


def add_parsers(sub, common, pass_opt, lang: str) -> None:
    def h(key: str) -> str:
        return tr("cli.help_" + key, lang)

    p = sub.add_parser("handover", parents=[common], help=h("handover"), description=h("handover"))
    p.add_argument("case", metavar="CASE", help=h("case"))
    p.add_argument("out_dir", metavar="OUT_DIR", help=h("handover_out"))
    p.add_argument("--audience", choices=handover_core.AUDIENCES, default="police", help=h("handover_audience"))
    p.add_argument("--acknowledge", action="store_true", help=h("report_acknowledge"))
    pass_opt(p)
    p.set_defaults(run=handover)

    p = sub.add_parser("backup", parents=[common], help=h("backup"), description=h("backup"))
    p.add_argument("case", metavar="CASE", help=h("case"))
    p.add_argument("dest", metavar="DEST", help=h("backup_dest"))
    p.add_argument("--recheck", action="store_true", help=h("backup_recheck"))
    p.add_argument("--fat32", action="store_true", help=h("backup_fat32"))
    p.set_defaults(run=backup)

    p = sub.add_parser("restore", parents=[common], help=h("restore"), description=h("restore"))
    p.add_argument("backup", metavar="BACKUP", help=h("restore_backup"))
    p.add_argument("case", metavar="CASE", help=h("restore_case"))
    p.set_defaults(run=restore)
