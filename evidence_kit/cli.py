"""The command line: a thin layer over evidence_kit.core (see DESIGN.md section 8)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import unicodedata
from pathlib import Path

from . import __version__, cli_backup, cli_money, cli_report, cli_watch
from .core import caserecords
from .core.case import Case, create_case
from .core.errors import EvidenceKitError
from .core.verify import kind_of
from .i18n import detect_lang, tr

PASS_ENV = "EVIDENCE_KIT_PASSPHRASE"
NEW_PASS_ENV = "EVIDENCE_KIT_NEW_PASSPHRASE"


class Cli:
    def __init__(self, lang: str):
        self.lang = lang

    def say(self, key: str, **params) -> None:
        print(tr(key, self.lang, **params), flush=True)

    def error(self, exc: EvidenceKitError) -> None:
        print(exc.message(self.lang), file=sys.stderr, flush=True)

    # -- passphrases -------------------------------------------------------------------------

    def passphrase(self, file: str | None, *, env: str = PASS_ENV, new: bool = False,
                   required: bool = True) -> str | None:
        if file:
            try:
                text = Path(file).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                raise EvidenceKitError("passphrase_file", path=file) from None
            return text[:-1] if text.endswith("\n") else text  # one trailing newline only
        if env in os.environ:
            return os.environ[env]
        if not required:
            return None
        if not sys.stdin.isatty():
            raise EvidenceKitError("passphrase_needed")
        first = getpass.getpass(tr("cli.prompt_new_passphrase" if new else "cli.prompt_passphrase", self.lang))
        if new and getpass.getpass(tr("cli.prompt_again", self.lang)) != first:
            raise EvidenceKitError("passphrase_mismatch")
        return first

    def unlock(self, case: Case, file: str | None) -> None:
        report = case.unlock(self.passphrase(file))
        if report.unsigned_entries and report.signed:
            self.say("cli.unlock_unsigned", count=report.unsigned_entries)
        if report.duplicates:
            self.say("cli.unlock_duplicates", count=len(report.duplicates))
        if report.chain_problems:
            self.say("cli.unlock_chain_problem")

    # -- commands ----------------------------------------------------------------------------

    def case_create(self, args) -> int:
        case = create_case(Path(args.case), self.passphrase(args.passphrase_file, new=True))
        self.say("cli.created", path=case.path, case_id=case.case_id, fingerprint=case.info["signing_fingerprint"])
        case.lock()
        return 0

    def import_(self, args) -> int:
        if args.save_profile and not args.mapping:
            raise EvidenceKitError("money_save_needs_mapping")
        case = Case.open(Path(args.case))
        passphrase = self.passphrase(args.passphrase_file, required=False)
        if passphrase is not None:
            self.unlock(case, args.passphrase_file)
        try:
            saved = caserecords.load(case).profiles if case.unlocked else {}  # statement layouts saved earlier
            mapping = None
            if args.mapping:
                mapping = cli_money.mapping_from_spec(args.mapping, args.save_profile or "mapping", args.date_format)
            elif args.profile:
                mapping = cli_money.chosen_profile(args.profile, saved)
            batch = case.import_paths([Path(p) for p in args.paths], source="cli import", date_order=args.date_order,
                                      mapping=mapping, profiles=tuple(saved.values()))
            if args.save_profile and batch.results:
                caserecords.put(case, "profile", args.save_profile, mapping)
                self.say("cli.profile_saved", name=args.save_profile)
        finally:
            case.lock()
        for result in batch.results:
            name = _shown(result.path.name)
            if result.status == "duplicate":
                self.say("cli.duplicate", name=name, item=result.duplicate_of)
            elif result.empty:
                self.say("cli.imported_empty", name=name)
            else:
                self.say("cli.imported", name=name, size=result.size, sha256=result.sha256)
            if result.members:
                self.say("cli.imported_members", count=sum(m.status == "imported" for m in result.members))
            for member, exc in result.member_failures:
                self.say("cli.member_failed", name=_shown(name), member=_shown(member), message=exc.message(self.lang))
        for _path, exc in batch.failures:
            self.say("cli.failed", message=exc.message(self.lang))
        imported = sum(r.status == "imported" for r in batch.results)
        self.say("cli.import_summary", imported=imported, duplicates=len(batch.results) - imported,
                 failed=len(batch.failures))
        if passphrase is None and imported:
            self.say("cli.locked_import_note")
        return 1 if batch.failures or any(r.member_failures for r in batch.results) else 0

    def list_(self, args) -> int:
        case = Case.open(Path(args.case))
        self.unlock(case, args.passphrase_file)
        try:
            items = case.items()
        finally:
            case.lock()
        if args.json:
            for item in items:
                print(json.dumps(_item_json(item), ensure_ascii=False))
            return 0
        if not items:
            self.say("cli.list_empty")
            return 0
        self.say("cli.list_header")
        for n, item in enumerate(items, 1):
            flags = ""
            if item["size"] == 0:
                flags += tr("cli.list_empty_flag", self.lang)
            if item.get("duplicate_of"):
                flags += tr("cli.list_duplicate_flag", self.lang, item=item["duplicate_of"])
            print(f"{n:<5} {item['imported_at']:<23} {item['size']:>14}  {item['sha256'][:16]}    "
                  f"{_shown(item['original_name'])}{flags}")
        return 0

    def verify(self, args) -> int:
        case = Case.open(Path(args.case))
        if args.deep:
            self.unlock(case, args.passphrase_file)
        try:
            report, not_logged = case.verify(deep=args.deep)
        finally:
            case.lock()
        if not report.ok:
            self.say("cli.verify_problems", count=len(report.problems))
        for p in report.problems:
            line = tr("verify." + p.code, self.lang, path=p.path, line=p.line,
                      what=tr("what." + kind_of(p.path), self.lang))
            if p.name:
                line += " " + tr("cli.item_name", self.lang, name=p.name)
            print(line)
        if report.ok:
            self.say("cli.verify_ok", files=report.files_checked, checkpoints=report.checkpoints)
            if report.deep:
                self.say("cli.verify_ok_deep", entries=report.entries, items=report.items_rehashed)
        if not_logged is not None:
            self.say("cli.verify_not_logged", reason=not_logged.message(self.lang))
        return 0 if report.ok else 1

    def inspect(self, args) -> int:
        from . import importers

        path = Path(args.file)
        if not path.is_file():
            raise EvidenceKitError("source_missing", path=path)
        layout = {}
        if args.mapping or args.profile:
            importer = importers.by_name("money")
            layout["mapping"] = (cli_money.mapping_from_spec(args.mapping, "mapping", args.date_format) if args.mapping
                                 else cli_money.chosen_profile(args.profile, {}))
        else:
            importer = importers.detect(path)
        if importer is None:
            self.say("cli.inspect_unknown", path=path)
            hint = cli_money.mapping_hint(path)
            if hint:
                self.say("cli.inspect_mapping_hint", path=_shown(str(path)), options=hint)
            return 0
        try:
            result = importer.parse(path, zone=args.zone, date_order=args.date_order, **layout)
        except EvidenceKitError:
            raise
        except Exception as exc:  # noqa: BLE001 - a parser's bug on a hostile file: a sentence, not a traceback
            raise EvidenceKitError("parse_failed", path=path, reason=type(exc).__name__) from None
        summary = tr("cli.inspect_summary", self.lang, format=result.format, variant=result.variant,
                     encoding=result.encoding, records=len(result.records), warnings=len(result.warnings))
        warnings = [tr("cli.inspect_warning", self.lang, line=w.line,
                       message=tr("parse." + w.code, self.lang, line=w.line)) for w in result.warnings]
        if args.json:
            for record in result.records:
                print(json.dumps(record.to_json(), ensure_ascii=False))
            print("\n".join([summary, *warnings]), file=sys.stderr)
            return 0
        print(summary)
        for record in result.records:
            if result.format in ("money", "ofx"):
                if record.type == "transaction":
                    print(_money_row(record))
                continue
            if record.type in ("blank", "header", "date"):
                continue
            print(f"{record.line:>6}  {record.time or '':<25}  {record.type:<8}  {_shown(record.sender):<12}  "
                  f"{_shown(record.text).replace(chr(10), ' / ')}")
        for line in warnings:
            print(line)
        return 0

    def passwd(self, args) -> int:
        case = Case.open(Path(args.case))
        old = self.passphrase(args.passphrase_file)
        new = self.passphrase(args.new_passphrase_file, env=NEW_PASS_ENV, new=True)
        case.change_passphrase(old, new)
        self.say("cli.passwd_done")
        return 0

    def demo(self, args) -> int:
        from .demo import build_demo, export_bundles

        path, passphrase = build_demo(Path(args.out_dir))
        self.say("cli.demo_done", path=path, passphrase=passphrase)
        case = Case.open(path)
        case.unlock(passphrase)
        try:
            for pdf, pages in export_bundles(case, Path(args.out_dir)):
                self.say("cli.demo_bundle", path=pdf, pages=pages)
        finally:
            case.lock()
        return 0


def _shown(text: str | None) -> str:
    """Text from evidence for the terminal: control characters (escape sequences) made visible."""
    return "".join(c if unicodedata.category(c) != "Cc" or c in "\n\t" else f"\\x{ord(c):02x}" for c in text or "")


def _money_row(record) -> str:
    """A statement row for the terminal: line, date, signed amount, balance, payee."""
    a = record.attrs
    balance = f"{a['balance']:,}" if isinstance(a.get("balance"), int) else ""
    return (f"{record.line:>6}  {(record.time or '')[:16].replace('T', ' '):<16}  {cli_money.amount_text(a):>14}  {balance:>14}  "
            f"{_shown(a.get('counterparty') or a.get('description'))}")


def _item_json(item: dict) -> dict:
    keys = ("id", "seq", "original_name", "size", "sha256", "blob_sha256", "mime", "mtime",
            "imported_at", "source", "duplicate_of", "parsed")
    out = {k: item.get(k) for k in keys}
    out["empty"] = item["size"] == 0
    return out


def _mapping_opts(p, lang: str, saving: bool) -> None:
    p.add_argument("--mapping", help=tr("cli.help_mapping", lang, roles=", ".join(cli_money.MAPPING_ROLES)))
    p.add_argument("--date-format", help=tr("cli.help_date_format", lang))
    p.add_argument("--profile", help=tr("cli.help_profile", lang))
    if saving:
        p.add_argument("--save-profile", metavar="NAME", help=tr("cli.help_save_profile", lang))


def build_parser(lang: str = "ja") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS,
                        help=tr("cli.help_lang", lang))
    parser = argparse.ArgumentParser(prog="evidence-kit", parents=[common],
                                     description=tr("cli.description", lang))
    parser.add_argument("--version", action="version", version=f"evidence-kit {__version__}")
    sub = parser.add_subparsers(dest="command")

    def pass_opt(p, new=False):
        p.add_argument("--passphrase-file", help=tr("cli.help_passphrase_file", lang, env=PASS_ENV))
        if new:
            p.add_argument("--new-passphrase-file", help=tr("cli.help_new_passphrase_file", lang, env=NEW_PASS_ENV))

    case_p = sub.add_parser("case", parents=[common], help=tr("cli.help_case_group", lang))
    case_sub = case_p.add_subparsers(dest="case_command", required=True)
    create = case_sub.add_parser("create", parents=[common], help=tr("cli.help_case_create", lang))
    create.add_argument("case")
    pass_opt(create)
    create.set_defaults(run=Cli.case_create)

    imp = sub.add_parser("import", parents=[common], help=tr("cli.help_import", lang))
    imp.add_argument("case")
    imp.add_argument("paths", nargs="+")
    imp.add_argument("--date-order", choices=("dmy", "mdy"),
                     help=tr("cli.help_date_order", lang))
    _mapping_opts(imp, lang, saving=True)
    pass_opt(imp)
    imp.set_defaults(run=Cli.import_)

    lst = sub.add_parser("list", parents=[common], help=tr("cli.help_list", lang))
    lst.add_argument("case")
    lst.add_argument("--json", action="store_true", help=tr("cli.help_json_lines", lang))
    pass_opt(lst)
    lst.set_defaults(run=Cli.list_)

    ver = sub.add_parser("verify", parents=[common], help=tr("cli.help_verify", lang))
    ver.add_argument("case")
    ver.add_argument("--deep", action="store_true", help=tr("cli.help_deep", lang))
    pass_opt(ver)
    ver.set_defaults(run=Cli.verify)

    ins = sub.add_parser("inspect", parents=[common], help=tr("cli.help_inspect", lang))
    ins.add_argument("file")
    ins.add_argument("--json", action="store_true", help=tr("cli.help_json_lines", lang))
    ins.add_argument("--date-order", choices=("dmy", "mdy"), help=tr("cli.help_date_order", lang))
    ins.add_argument("--zone", default="Asia/Tokyo", help=tr("cli.help_zone", lang))
    _mapping_opts(ins, lang, saving=False)
    ins.set_defaults(run=Cli.inspect)

    pw = sub.add_parser("passwd", parents=[common], help=tr("cli.help_passwd", lang))
    pw.add_argument("case")
    pass_opt(pw, new=True)
    pw.set_defaults(run=Cli.passwd)

    demo = sub.add_parser("demo", parents=[common], help=tr("cli.help_demo", lang))
    demo.add_argument("out_dir")
    demo.set_defaults(run=Cli.demo)
    cli_money.add_parsers(sub, common, pass_opt, lang)
    cli_report.add_parsers(sub, common, pass_opt, lang)
    cli_backup.add_parsers(sub, common, pass_opt, lang)
    cli_watch.add_parsers(sub, common, pass_opt, lang)
    return parser


def _lang_option(argv: list[str]) -> str | None:
    """--lang as given, read before parsing so that the help is in that language."""
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] == "gui":  # the desktop app (DESIGN.md section 8)
        from .gui.app import run

        return run(argv[1:])
    lang = detect_lang(_lang_option(argv))
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    cli = Cli(lang)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(cli, args)
    except EvidenceKitError as exc:
        cli.error(exc)
        return 1
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a passphrase prompt
        print(file=sys.stderr)
        cli.say("cli.interrupted")
        return 130
    except OSError as exc:  # a last net: the user gets a sentence, never a traceback
        cli.error(EvidenceKitError("io_error", path=exc.filename or "", reason=exc.strerror or str(exc)))
        return 1


if __name__ == "__main__":
    sys.exit(main())
