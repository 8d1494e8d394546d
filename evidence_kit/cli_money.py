"""The money commands: the other party, destination accounts, actions taken, links of statement
rows to accounts, and the totals. A thin layer over core.caserecords, core.bankcodes and core.money."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .core import bankcodes, caserecords as cr, money
from .core.case import Case
from .core.errors import EvidenceKitError
from .i18n import tr
from .importers import MAX_IN_MEMORY, bank

MAPPING_ROLES = {"date": "date", "amount": "amount", "out": "amount_out", "in": "amount_in", "desc": "description",
                 "balance": "balance", "counterparty": "counterparty", "header": "header_row"}


def mapping_from_spec(spec: str, name: str, date_format: str | None) -> dict:
    """A statement layout from --mapping "date=日付,out=出金,in=入金,desc=摘要,balance=残高": several
    desc= are joined in order; header= is the 1-based row of the column names."""
    roles: dict = {"description": []}
    for part in spec.split(","):
        role, sep, column = (x.strip() for x in part.partition("="))
        if not sep or not role or not column:
            raise EvidenceKitError("money_mapping_part", part=part)
        if role not in MAPPING_ROLES:
            raise EvidenceKitError("money_mapping_role", role=role, roles=", ".join(MAPPING_ROLES))
        if role == "desc":
            roles["description"].append(column)
        elif role == "header":
            if not column.isdigit() or int(column) < 1:
                raise EvidenceKitError("money_mapping_header", value=column)
            roles["header_row"] = int(column) - 1  # the importer counts rows from 0
        else:
            roles[MAPPING_ROLES[role]] = column
    roles["description"] = tuple(roles["description"])
    return bank.mapping_profile(name, date_format=date_format, **{"date": "", **roles})


def mapping_hint(path: Path) -> str | None:
    """The --mapping (and --date-format) options for a CSV no profile knows, as the importer guesses
    them from the column names; None when it finds no header."""
    if path.suffix.lower() not in (".csv", ".tsv", ".txt") or path.stat().st_size > MAX_IN_MEMORY:
        return None
    try:
        profile = bank.propose_mapping(path)
    except Exception:  # noqa: BLE001 - only a hint: no header found, or text the guesser cannot read
        return None
    fields, amount = profile["fields"], profile["fields"]["amount"]
    parts = [("date", fields["date"]["column"])]
    if amount["kind"] == "debit_credit":
        parts += [("out", amount["debit"]), ("in", amount["credit"])]
    else:
        parts.append(("amount" if amount["kind"] == "signed" else "out", amount["column"]))
    parts += [("desc", d) for d in fields.get("description", ())]
    parts += [(role, fields[role]) for role in ("balance", "counterparty") if fields.get(role)]
    if profile["detect"].get("header_row"):
        parts.append(("header", str(profile["detect"]["header_row"] + 1)))
    hint = '--mapping "' + ",".join(f"{role}={column}" for role, column in parts) + '"'
    formats = fields["date"]["format"]
    return hint + (f" --date-format {formats[0]}" if len(formats) == 1 else "")


def chosen_profile(profile_id: str, saved: dict[str, dict]) -> dict:
    """A saved or bundled statement layout by its id (--profile)."""
    found = saved.get(profile_id) or next(
        (p for p in (*saved.values(), *bank.bundled_profiles()) if p.get("id") == profile_id), None)
    if found is None:
        raise EvidenceKitError("money_profile_unknown", name=profile_id)
    return found


def _unlocked(cli, args) -> Case:
    case = Case.open(Path(args.case))
    cli.unlock(case, args.passphrase_file)
    return case


def amount_text(attrs: dict) -> str:
    """A row's amount with its sign: yen with thousands separators, or a crypto quantity as written."""
    if attrs.get("amount") is not None:
        return f"{attrs['amount']:+,}"
    sign = "-" if attrs.get("direction") == "out" else "+"
    return f"{sign}{(attrs.get('quantity') or '?').lstrip('+-')} {attrs.get('asset') or ''}".rstrip()


def row_text(cli, tx: money.Tx, status: str | None = None) -> str:
    """One statement row: ITEM:LINE, date, amount, payee, file and line (and where else it appears)."""
    first, *others = tx.sources
    payee = _shown(tx.counterparty or tx.attrs.get("description"))
    text = (f"{tx.ref}  {tx.time[:16].replace('T', ' '):<16}  {amount_text(tx.attrs):>12}  {payee}  "
            + tr("cli.money_source", cli.lang, file=_shown(first.file), line=first.line))
    if others:
        text += " " + tr("cli.money_also_in", cli.lang, refs=", ".join(s.ref for s in others))
    if tx.fee_rows:
        text += "  " + tr("money.row_fee", cli.lang, fee=f"{tx.attrs['fee']:,}", refs=", ".join(f.ref for f in tx.fee_rows))
    if status:
        text += "  " + tr("money.status_" + status, cli.lang)
    return text


def account_text(cli, account: cr.DestinationAccount) -> str:
    parts = [f"{account.bank_name}（{account.bank_code}）" if account.bank_code else account.bank_name,
             f"{account.branch_name}（{account.branch_code}）" if account.branch_code else account.branch_name,
             account.type, account.number, account.holder_kana]
    text = " ".join(p for p in parts if p)
    if account.yucho_symbol:
        text += " " + tr("cli.money_yucho_form", cli.lang, symbol=account.yucho_symbol)
    return text


# -- money ---------------------------------------------------------------------------------------

def show_money(cli, args) -> int:
    case = _unlocked(cli, args)
    try:
        txs, records = money.case_transactions(case), cr.load(case)
    finally:
        case.lock()
    if args.suggest:
        return _suggestions(cli, txs, records)
    summary = money.summarise(txs, records)
    if args.json:
        print(json.dumps(money.summary_json(summary), ensure_ascii=False, indent=1))
        return 0
    say = cli.say
    if not txs:
        say("cli.money_no_rows")
    if summary.scam_start:
        say("cli.money_start_suggested" if summary.scam_start_suggested else "cli.money_start", date=summary.scam_start)
    for a in summary.accounts:
        say("cli.money_account_head", id=a.account.id, account=account_text(cli, a.account))
        _figure(cli, "cli.money_paid", a.paid, fees=a.paid.fees)
        if a.received.rows:
            _figure(cli, "cli.money_received", a.received)
    if summary.other_paid.rows:
        say("cli.money_other_head")
        _figure(cli, "cli.money_paid", summary.other_paid, fees=summary.other_paid.fees)
    say("cli.money_total_paid", **_sums(summary.paid))
    if summary.paid.fees:
        say("money.fees_total", fees=f"{summary.paid.fees:,}")
    say("cli.money_total_received", **_sums(summary.received_back))
    say("cli.money_net", net=f"{summary.net_damage:,}", confirmed=f"{summary.net_damage_confirmed:,}")
    if summary.by_source:
        say("cli.money_by_source")
        for label, figure in summary.by_source.items():
            say("cli.money_source_line", label=_shown(label), **_sums(figure))
    if summary.crypto:
        say("cli.money_crypto")
        for group in summary.crypto:
            say("cli.money_crypto_asset", asset=group["asset"], quantity=group["quantity"], count=len(group["sends"]))
            for send in group["sends"]:
                tx = send["tx"]
                print("    " + row_text(cli, tx, send["status"]))
                say("cli.money_crypto_send", address=tx.attrs.get("address") or "-", txid=tx.attrs.get("txid") or "-",
                    network=tx.attrs.get("network") or "-")
    return 0


def _sums(figure: money.Figure) -> dict:
    return {"count": len(figure.rows), "total": f"{figure.total:,}", "confirmed": f"{figure.confirmed:,}",
            "flagged": f"{figure.flagged:,}"}


def _figure(cli, key: str, figure: money.Figure, **extra) -> None:
    if "fees" in extra:
        extra["fees"] = f"{extra['fees']:,}"
    cli.say(key, first=(figure.first or "-")[:10], last=(figure.last or "-")[:10], **_sums(figure), **extra)
    for row in figure.rows:
        print("    " + row_text(cli, row.tx, row.status))


def _suggestions(cli, txs, records) -> int:
    links = money.suggest_links(txs, records)
    found = money.flags(txs, records)
    if not links and not found:
        cli.say("cli.money_nothing_suggested")
        return 0
    if links:
        cli.say("cli.money_link_head")
        for s in links:
            print("  " + row_text(cli, s.tx))
            print("      -> " + tr("money.reason_" + s.code, cli.lang, **s.params))
    if found:
        cli.say("cli.money_flag_head")
        by_row: dict[str, list[money.Flag]] = {}
        for flag in found:
            by_row.setdefault(flag.txs[0].identity, []).append(flag)
        for row_flags in by_row.values():
            tx = row_flags[0].txs[0]  # a row the user already linked or marked says so
            decided = money.linked(records, tx) or money.mark_of(records, tx) in ("scam", "returned")
            print("  " + row_text(cli, tx, "confirmed" if decided else None))
            for flag in row_flags:
                reason = tr("money.reason_" + flag.code, cli.lang, **flag.params)
                print(f"      [{tr('money.strength_' + flag.strength, cli.lang)}] {reason}")
                for tx in flag.txs[1:]:
                    print("          " + row_text(cli, tx))
    return 0


# -- the other party -----------------------------------------------------------------------------

def party(cli, args) -> int:
    case = _unlocked(cli, args)
    try:
        records = cr.load(case)
        current = records.parties.get(args.party)
        if args.party_command == "show":
            _show_parties(cli, records)
            return 0
        if current is None and args.party_command == "remove-id":
            raise EvidenceKitError("money_party_unknown", id=args.party)
        current = current or cr.Party(id=args.party)
        if args.party_command == "set":
            changes = {k: v for k, v in (("names", args.name), ("claimed_nationality", args.nationality),
                                         ("claimed_job", args.job), ("note", args.note)) if v is not None}
            current = dataclasses.replace(current, **changes)
        elif args.party_command == "add-id":
            current.identifiers.append({"kind": args.kind, "value": args.value, "note": args.note or ""})
        else:
            if not 1 <= args.number <= len(current.identifiers):
                raise EvidenceKitError("money_identifier_unknown", id=args.number)
            del current.identifiers[args.number - 1]
        cr.save(case, current)
        cli.say("cli.money_saved")
        _show_parties(cli, cr.load(case))
    finally:
        case.lock()
    return 0


def _show_parties(cli, records: cr.CaseRecords) -> None:
    if not records.parties:
        cli.say("cli.money_no_party")
    for p in records.parties.values():
        cli.say("cli.money_party_head", id=p.id)
        cli.say("cli.money_party_names", names=" / ".join(p.names) or "-")
        if p.claimed_nationality:
            cli.say("cli.money_party_nationality", value=p.claimed_nationality)
        if p.claimed_job:
            cli.say("cli.money_party_job", value=p.claimed_job)
        if p.note:
            cli.say("cli.money_note", note=p.note)
        for n, ident in enumerate(p.identifiers, 1):
            note = f"（{ident['note']}）" if ident.get("note") else ""
            print(f"  {n}. {_word('money.idkind_', ident['kind'], cli.lang)}: {ident['value']}{note}")


def _word(prefix: str, value: str, lang: str) -> str:
    """A kind's word, or the kind as stored when this version has no word for it."""
    try:
        return tr(prefix + value, lang)
    except KeyError:
        return value


# -- destination accounts ------------------------------------------------------------------------

ACCOUNT_FIELDS = (("bank", "bank_name"), ("bank_code", "bank_code"), ("branch", "branch_name"),
                  ("branch_code", "branch_code"), ("type", "type"), ("number", "number"), ("holder", "holder_kana"),
                  ("yucho", "yucho_symbol"), ("note", "note"))


def account(cli, args) -> int:
    case = _unlocked(cli, args)
    try:
        records = cr.load(case)
        if args.account_command == "list":
            if not records.accounts:
                cli.say("cli.money_no_accounts")
            for acc in records.accounts.values():
                cli.say("cli.money_account_head", id=acc.id, account=account_text(cli, acc))
                if acc.note:
                    cli.say("cli.money_note", note=acc.note)
                for n, t in enumerate(acc.transfers, 1):
                    cli.say("cli.money_transfer_line", n=n, date=t["date"], amount=t["amount"], evidence=t["evidence"])
            return 0
        if args.account_command == "add":
            acc = cr.DestinationAccount(id=cr.next_id(records, "account"))
        else:
            if args.account_command == "remove":
                cr.remove(case, records, "account", args.id)
                cli.say("cli.money_removed")
                untied = sum(1 for link in records.links.values() if link.get("account") == args.id)
                if untied:
                    cli.say("money.account_removed_links", count=untied)
                return 0
            acc = records.accounts.get(args.id)
            if acc is None:
                raise EvidenceKitError("money_account_unknown", id=args.id)
        if args.account_command == "add-transfer":
            acc.transfers.append({"date": args.date, "amount": _yen(args.amount), "evidence": args.evidence})
        elif args.account_command == "remove-transfer":
            if not 1 <= args.number <= len(acc.transfers):
                raise EvidenceKitError("money_transfer_unknown", id=args.number)
            del acc.transfers[args.number - 1]
        else:
            if args.account_command == "edit" and args.yucho is not None:  # 店番, type, number come from it
                acc.branch_code = acc.number = acc.branch_name = ""
            changes = {name: getattr(args, opt) for opt, name in ACCOUNT_FIELDS if getattr(args, opt) is not None}
            acc = dataclasses.replace(acc, **changes)
        warnings = cr.save(case, acc)
        cli.say("cli.money_account_saved", id=acc.id, account=account_text(cli, acc))
        for key, params in warnings:
            cli.say("money." + key, **params)
        if bankcodes.available():
            cli.say("money.table_date", date=bankcodes.data_date())
    finally:
        case.lock()
    return 0


def _yen(text: str) -> int:
    """An amount typed by the user: digits, with or without thousands separators or 円."""
    digits = text.replace(",", "").replace("円", "").strip()
    if not digits.isdigit():
        raise EvidenceKitError("money_transfer_amount", value=text)
    return int(digits)


# -- actions taken -------------------------------------------------------------------------------

def action(cli, args) -> int:
    case = _unlocked(cli, args)
    try:
        records = cr.load(case)
        if args.action_command == "list":
            if not records.actions:
                cli.say("cli.money_no_actions")
            for a in sorted(records.actions.values(), key=lambda a: (a.date, len(a.id), a.id)):
                ref = " " + tr("cli.money_reference", cli.lang, ref=a.reference) if a.reference else ""
                org = f" {a.organisation}" if a.organisation else ""
                print(f"{a.id}. {a.date} {_word('money.who_', a.who, cli.lang)}{org}: {a.what}{ref}")
            return 0
        if args.action_command == "remove":
            cr.remove(case, records, "action", args.id)
            cli.say("cli.money_removed")
            return 0
        new = cr.Action(cr.next_id(records, "action"), args.date, args.who, args.org or "", args.what, args.ref or "")
        cr.save(case, new)
        cli.say("cli.money_action_saved", id=new.id)
    finally:
        case.lock()
    return 0


# -- links, marks and the scam start -------------------------------------------------------------

UNDO_TEXTS = {"link": ("cli.money_not_linked", "cli.money_unlinked"), "mark": ("cli.money_not_marked", "cli.money_unmarked")}


def decide(cli, args) -> int:
    """link, unlink, mark, unmark: the user's decision about one statement row."""
    kind = "link" if args.command in ("link", "unlink") else "mark"
    case = _unlocked(cli, args)
    try:
        records = cr.load(case)
        tx = money.find_tx(money.case_transactions(case), args.tx)
        if args.command.startswith("un"):
            missing, done = UNDO_TEXTS[kind]
            key = money.recorded_under(records.links if kind == "link" else records.marks, tx)
            if key is None:
                cli.say(missing, ref=args.tx)
                return 1
            cr.delete(case, kind, key)
            cli.say(done, ref=args.tx)
            return 0
        if kind == "link":
            undone = money.link(case, records, tx, args.account)
            cli.say("cli.money_linked", ref=args.tx, account=args.account)
        else:
            undone = money.mark(case, tx, args.as_, records)
            cli.say("cli.money_marked", ref=args.tx, mark=tr("money.mark_" + args.as_, cli.lang))
        for key, params in undone:
            cli.say(key, **params)
        print("  " + row_text(cli, tx))
    finally:
        case.lock()
    return 0


def scam_start(cli, args) -> int:
    if not args.clear and not args.date:
        raise EvidenceKitError("money_start_needs_date")
    if not args.clear:
        cr.check_date(args.date)  # before asking for the passphrase
    case = _unlocked(cli, args)
    try:
        cr.set_scam_start(case, None if args.clear else args.date)
    finally:
        case.lock()
    if args.clear:
        cli.say("cli.money_start_cleared")
    else:
        cli.say("cli.money_start", date=args.date)
    return 0


def _shown(text: str) -> str:
    from .cli import _shown as shown

    return shown(text)


# -- the parsers ---------------------------------------------------------------------------------

def add_parsers(sub, common, pass_opt, lang: str) -> None:
    """The money commands, with help in the user's language."""
    def h(key: str) -> str:
        return tr("cli.help_" + key, lang)

    def command(parent, name: str, key: str, run, case: bool = True):
        p = parent.add_parser(name, parents=[common], help=h(key), description=h(key))
        if case:
            p.add_argument("case", metavar="CASE", help=h("case"))
        pass_opt(p)
        p.set_defaults(run=run)
        return p

    def group(name: str, dest: str):
        p = sub.add_parser(name, parents=[common], help=h(name), description=h(name))
        p.add_argument("case", metavar="CASE", help=h("case"))
        return p.add_subparsers(dest=dest, required=True)

    m = command(sub, "money", "money", show_money)
    m.add_argument("--json", action="store_true", help=h("json"))
    m.add_argument("--suggest", action="store_true", help=h("suggest"))

    parties = group("party", "party_command")
    for name in ("show", "set", "add-id", "remove-id"):
        p = command(parties, name, "party_" + name.replace("-", "_"), party, case=False)
        p.add_argument("--party", default="1", help=h("party_id"))
    p = parties.choices["set"]
    p.add_argument("--name", action="append", help=h("party_name"))
    p.add_argument("--nationality", help=h("party_nationality"))
    p.add_argument("--job", help=h("party_job"))
    p.add_argument("--note", help=h("note"))
    p = parties.choices["add-id"]
    p.add_argument("kind", choices=cr.IDENTIFIER_KINDS, help=h("identifier_kind"))
    p.add_argument("value", help=h("identifier_value"))
    p.add_argument("--note", help=h("note"))
    parties.choices["remove-id"].add_argument("number", type=int, help=h("identifier_number"))

    accounts = group("account", "account_command")
    for name in ("add", "list", "edit", "remove", "add-transfer", "remove-transfer"):
        p = command(accounts, name, "account_" + name.replace("-", "_"), account, case=False)
        if name not in ("add", "list"):
            p.add_argument("id", help=h("account_id"))
        if name in ("add", "edit"):
            for opt, _ in ACCOUNT_FIELDS:
                p.add_argument("--" + opt.replace("_", "-"), dest=opt, help=h("account_" + opt))
    p = accounts.choices["add-transfer"]
    p.add_argument("date", help=h("date"))
    p.add_argument("amount", help=h("transfer_amount"))
    p.add_argument("evidence", help=h("transfer_evidence"))
    accounts.choices["remove-transfer"].add_argument("number", type=int, help=h("transfer_number"))

    actions = group("action", "action_command")
    for name in ("add", "list", "remove"):
        command(actions, name, "action_" + name, action, case=False)
    p = actions.choices["add"]
    p.add_argument("date", help=h("date"))
    p.add_argument("who", choices=cr.ACTION_WHO, help=h("action_who"))
    p.add_argument("what", help=h("action_what"))
    p.add_argument("--org", help=h("action_org"))
    p.add_argument("--ref", help=h("action_ref"))
    actions.choices["remove"].add_argument("id", help=h("action_id"))

    for name in ("link", "unlink", "mark", "unmark"):
        p = command(sub, name, name, decide)
        p.add_argument("tx", help=h("tx"))
    sub.choices["link"].add_argument("account", help=h("account_id"))
    sub.choices["mark"].add_argument("as_", metavar="AS", choices=cr.MARKS, help=h("mark_as"))

    p = command(sub, "scam-start", "scam_start", scam_start)
    p.add_argument("date", nargs="?", help=h("date"))
    p.add_argument("--clear", action="store_true", help=h("clear"))
