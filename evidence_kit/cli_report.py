"""The bundle commands: `report` (export the PDF after the checks), `about` (what only the victim
can say: who they are, and the overview the bundle opens with) and `exhibit` (the victim's note on one
exhibit). A thin layer over evidence_kit.report and core.caserecords."""

from __future__ import annotations

import argparse
from pathlib import Path

from .core import caserecords as cr
from .core.case import Case
from .core.errors import EvidenceKitError
from .i18n import tr

ABOUT_OPTIONS = {  # option -> (part, field)
    "name": ("reporter", "name"), "kana": ("reporter", "kana"), "age": ("reporter", "age"),
    "job": ("reporter", "job"), "address": ("reporter", "address"), "phone": ("reporter", "phone"),
    "email": ("reporter", "email"), "agent": ("reporter", "agent"), "case_type": ("overview", "case_type"),
    "submit_to": ("overview", "submit_to"), "how": ("overview", "how"), "status": ("overview", "status"),
    "wants": ("overview", "wants"),
}


def report(cli, args) -> int:
    from .report import checks, model
    from .report.export import export

    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    try:
        out = Path(args.out)
        targets = [(out, None)]
        if args.audience == "bank" and not args.bank:  # one bundle per destination bank
            codes = [g[0].account.bank_code or g[0].account.bank_name
                     for _, g in model.bank_groups(model.build(case, "police").summary)]
            if not codes:
                raise EvidenceKitError("report_no_bank")
            targets = [(out if len(codes) == 1 else out.with_name(f"{out.stem}-{code}{out.suffix}"), code)
                       for code in codes]
        for path, code in targets:
            try:
                result = export(case, path, audience=args.audience, bank=args.bank or code,
                                acknowledged=args.acknowledge)
            except EvidenceKitError as exc:
                for check in exc.params.get("checks", []):
                    print(checks.message(check, cli.lang))
                raise
            for check in result.checks:
                print(checks.message(check, cli.lang))
            cli.say("cli.report_done", path=result.path, pages=result.pages, sha256=result.sha256)
    finally:
        case.lock()
    return 0


def about(cli, args) -> int:
    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    try:
        state = cr.load(case)
        given = {opt: getattr(args, opt) for opt in ABOUT_OPTIONS if getattr(args, opt) is not None}
        statement = Path(args.statement_file).read_text("utf-8") if args.statement_file else None
        for part in ("reporter", "overview"):
            data = dict(state.report.get(part) or {})
            data.update({ABOUT_OPTIONS[o][1]: v for o, v in given.items() if ABOUT_OPTIONS[o][0] == part})
            if part == "overview" and statement is not None:
                data["statement"] = statement
            if data != (state.report.get(part) or {}):
                cr.set_report(case, part, data)
        state = cr.load(case)
        for part in ("reporter", "overview"):
            for field in cr.REPORT_FIELDS[part]:
                value = (state.report.get(part) or {}).get(field, "")
                shown = value if field != "statement" else tr("cli.about_statement_chars", cli.lang, count=len(value))
                print(f"{tr('cli.about_' + field, cli.lang)}: {shown if value else '-'}")
    finally:
        case.lock()
    return 0


NOTE_OPTIONS = ("title", "purpose", "author", "key", "excluded", "note")


def exhibit(cli, args) -> int:
    """Show or change the victim's note on one exhibit (the bundle's 標目, 立証趣旨, 作成者, key
    evidence, left out); an option given as an empty text removes that override."""
    from .cli import _shown

    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    try:
        item = cr.resolve_item([i for i in case.items() if not i.get("duplicate_of")], args.item)
        given = {name: getattr(args, name) for name in NOTE_OPTIONS if getattr(args, name) is not None}
        note = cr.set_item_note(case, item["id"], **given) if given else cr.load(case).items.get(item["id"], {})
    finally:
        case.lock()
    cli.say("cli.exhibit_head", id=item["id"][:8], name=_shown(item["original_name"]))
    if given:
        cli.say("cli.exhibit_saved")
    for name in NOTE_OPTIONS:
        value = note.get(name)
        if name in ("key", "excluded"):
            value = tr("cli.exhibit_yes" if value else "cli.exhibit_no", cli.lang)
        print(f"{tr('cli.exhibit_' + name, cli.lang)}: {_shown(value) if value else '-'}")
    return 0


def add_parsers(sub, common, pass_opt, lang: str) -> None:
    def h(key: str) -> str:
        return tr("cli.help_" + key, lang)

    p = sub.add_parser("report", parents=[common], help=h("report"), description=h("report"))
    p.add_argument("case", metavar="CASE", help=h("case"))
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=h("report_out"))
    p.add_argument("--audience", choices=("police", "lawyer", "bank"), default="police", help=h("report_audience"))
    p.add_argument("--bank", metavar="CODE", help=h("report_bank"))
    p.add_argument("--acknowledge", action="store_true", help=h("report_acknowledge"))
    pass_opt(p)
    p.set_defaults(run=report)

    p = sub.add_parser("about", parents=[common], help=h("about"), description=h("about"))
    p.add_argument("case", metavar="CASE", help=h("case"))
    for opt in ABOUT_OPTIONS:
        p.add_argument("--" + opt.replace("_", "-"), dest=opt, help=tr("cli.about_" + ABOUT_OPTIONS[opt][1], lang))
    p.add_argument("--statement-file", metavar="FILE", help=h("about_statement_file"))
    pass_opt(p)
    p.set_defaults(run=about)

    p = sub.add_parser("exhibit", parents=[common], help=h("exhibit"), description=h("exhibit"))
    p.add_argument("case", metavar="CASE", help=h("case"))
    p.add_argument("item", metavar="ITEM", help=h("exhibit_item"))
    for opt in ("title", "purpose", "author", "note"):
        p.add_argument("--" + opt, metavar="TEXT", help=h("exhibit_" + opt))
    p.add_argument("--key", action=argparse.BooleanOptionalAction, help=h("exhibit_key"))
    p.add_argument("--exclude", dest="excluded", action="store_true", default=None, help=h("exhibit_exclude"))
    p.add_argument("--include", dest="excluded", action="store_false", help=h("exhibit_include"))
    pass_opt(p)
    p.set_defaults(run=exhibit)
