"""The bundle commands: `report` (export the PDF after the checks), `about` (what only the victim
can say: who they are, and the overview the bundle opens with), `exhibit` (the victim's note on one
exhibit), and `act` and `refusal` (stalking: the acts, and the times the victim said stop). A thin
layer over evidence_kit.report and core.caserecords."""

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


ACT_TEXTS = ("place", "url", "description", "offender", "witnesses", "police")


def act(cli, args) -> int:
    """act add | list | edit | remove: the acts of stalking or harassment the victim records."""
    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    try:
        state = cr.load(case)
        command = args.act_command
        if command == "list":
            _list_records(cli, case, sorted(state.acts.values(), key=lambda a: (a.time, len(a.id), a.id)), "act")
            return 0
        if command == "remove":
            cr.remove(case, state, "act", args.id)
            cli.say("cli.act_removed")
            return 0
        if command == "add":
            record = cr.Act(cr.next_id(state, "act"), cr.parse_time(args.time), args.type)
        elif args.id not in state.acts:
            raise EvidenceKitError("act_unknown", id=args.id)
        else:
            record = state.acts[args.id]
            if args.time is not None:
                record.time = cr.parse_time(args.time)
            if args.type is not None:
                record.act_type = args.type
        for name in ACT_TEXTS:
            if getattr(args, name) is not None:
                setattr(record, name, getattr(args, name).strip())
        for name in ("approx", "in_person"):
            if getattr(args, name) is not None:
                setattr(record, name, getattr(args, name))
        if args.exhibit is not None:
            record.exhibits = [_item_id(case, ref) for ref in args.exhibit]
        cr.save(case, record)
        cli.say("cli.act_saved", id=record.id)
    finally:
        case.lock()
    return 0


def refusal(cli, args) -> int:
    """refusal add | list | remove: the times the victim told the other party to stop."""
    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    try:
        state = cr.load(case)
        if args.refusal_command == "list":
            _list_records(cli, case, sorted(state.refusals.values(), key=lambda r: (r.time, len(r.id), r.id)), "refusal")
        elif args.refusal_command == "remove":
            cr.remove(case, state, "refusal", args.id)
            cli.say("cli.act_removed")
        else:
            record = cr.Refusal(cr.next_id(state, "refusal"), cr.parse_time(args.time), bool(args.approx),
                                (args.method or "").strip(), (args.content or "").strip(),
                                _item_id(case, args.exhibit) if args.exhibit else "")
            cr.save(case, record)
            cli.say("cli.refusal_saved", id=record.id)
    finally:
        case.lock()
    return 0


def _item_id(case, ref: str) -> str:
    return cr.resolve_item([i for i in case.items() if not i.get("duplicate_of")], ref)["id"]


def _list_records(cli, case, records: list, kind: str) -> None:
    """One line a record: number, time (頃), what, and the items that show it."""
    from .cli import _shown

    if not records:
        cli.say(f"cli.{kind}_none")
    names = {i["id"]: i["original_name"] for i in case.items()}
    for r in records:
        when = r.time[:16].replace("T", " ") + (tr("cli.act_approx", cli.lang) if r.approx else "")
        if kind == "act":
            what = f"[{tr('act.type.' + r.act_type, cli.lang)}] " + " ".join(
                p for p in (r.place, r.url, r.description) if p)
            items = r.exhibits
        else:
            what = " ".join(p for p in (r.method, r.content) if p)
            items = [r.exhibit] if r.exhibit else []
        shown = ", ".join(f"{i[:8]} {names.get(i, '?')}" for i in items)
        print(f"{r.id}. {when} {_shown(what)}" + (f"  ({tr('cli.act_exhibits', cli.lang, items=_shown(shown))})" if shown else ""))


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

    def group(name: str, dest: str, commands, run):
        g = sub.add_parser(name, parents=[common], help=h(name), description=h(name))
        g.add_argument("case", metavar="CASE", help=h("case"))
        parsers = g.add_subparsers(dest=dest, required=True)
        for command in commands:
            c = parsers.add_parser(command, parents=[common], help=h(f"{name}_{command}"),
                                   description=h(f"{name}_{command}"))
            if command in ("edit", "remove"):
                c.add_argument("id", help=h(f"{name}_id"))
            pass_opt(c)
            c.set_defaults(run=run)
        return parsers.choices

    types = "; ".join(f"{t} = {tr('act.type.' + t, lang)}" for t in cr.ACT_TYPES)
    acts = group("act", "act_command", ("add", "list", "edit", "remove"), act)
    for command in ("add", "edit"):
        c = acts[command]
        c.add_argument("--time", required=command == "add", metavar="\"YYYY-MM-DD HH:MM\"", help=h("act_time"))
        c.add_argument("--approx", action=argparse.BooleanOptionalAction, help=h("act_approx"))
        c.add_argument("--type", required=command == "add", choices=cr.ACT_TYPES, metavar="TYPE",
                       help=tr("cli.help_act_type", lang, choices=types))
        for name in ACT_TEXTS:
            c.add_argument("--" + name, metavar="TEXT", help=h("act_" + name))
        c.add_argument("--exhibit", action="append", metavar="ITEM", help=h("act_exhibit"))
        c.add_argument("--in-person", action=argparse.BooleanOptionalAction, help=h("act_in_person"))
    c = group("refusal", "refusal_command", ("add", "list", "remove"), refusal)["add"]
    c.add_argument("--time", required=True, metavar="\"YYYY-MM-DD HH:MM\"", help=h("act_time"))
    c.add_argument("--approx", action="store_true", help=h("act_approx"))
    c.add_argument("--method", metavar="TEXT", help=h("refusal_method"))
    c.add_argument("--content", required=True, metavar="TEXT", help=h("refusal_content"))
    c.add_argument("--exhibit", metavar="ITEM", help=h("refusal_exhibit"))
