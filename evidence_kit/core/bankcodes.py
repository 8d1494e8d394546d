"""Japanese bank and branch codes (全銀 codes) from the data files the `zengin-code` package ships.

The files are found without importing the package (its import loads every branch of every bank)
and read one bank's branches at a time. An unknown code is a warning, never a refusal: the
table can be older than a bank's merger or a branch's renaming, so its date is always shown.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import unicodedata
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _data() -> Path | None:
    """The table's folder, or None when the package is not installed (a build that left it out)."""
    spec = importlib.util.find_spec("zengin_code")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(spec.submodule_search_locations[0]) / "source-data" / "data"
    return folder if (folder / "banks.json").is_file() else None


def available() -> bool:
    return _data() is not None


@functools.lru_cache(maxsize=1)
def data_date() -> str:
    """The table's date as YYYY-MM-DD (the package records it as YYYYMMDD)."""
    raw = (_data() / "updated_at").read_text("utf-8").strip()
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


@functools.lru_cache(maxsize=1)
def _banks() -> dict[str, dict]:
    return json.loads((_data() / "banks.json").read_text("utf-8"))


@functools.lru_cache(maxsize=64)
def _branches(bank_code: str) -> dict[str, dict]:
    try:
        return json.loads((_data() / "branches" / f"{bank_code}.json").read_text("utf-8"))
    except FileNotFoundError:
        return {}


def bank(code: str) -> dict | None:
    """{"code", "name", "kana", ...} of a 4-digit bank code, or None."""
    return _banks().get(code)


def branch(bank_code: str, branch_code: str) -> dict | None:
    return _branches(bank_code).get(branch_code)


def _plain(name: str) -> str:
    """A bank or branch name for comparing: NFKC, no spaces, without the words the table leaves out."""
    text = unicodedata.normalize("NFKC", name).replace(" ", "")
    for word, short in (("信用金庫", "信金"), ("信用組合", "信組"), ("労働金庫", "労金"), ("農業協同組合", "農協")):
        text = text.replace(word, short)  # the table's short forms: 城南信用金庫 is 城南信金
    for word in ("銀行", "支店", "出張所", "営業部"):
        text = text.replace(word, "")
    return text


def bank_by_name(name: str) -> dict | None:
    """The one bank whose name is this one (銀行 or not; in kanji, katakana or hiragana as the
    table spells it), or None when none or several are."""
    wanted = _plain(name)
    found = [b for b in _banks().values() if _plain(b["name"]) == wanted]
    if not found:
        found = [b for b in _banks().values() if wanted in (_plain(b.get("kana") or ""), _plain(b.get("hira") or ""))]
    return found[0] if len(found) == 1 else None


def complete(account) -> list[tuple[str, dict]]:
    """Fill a caserecords.DestinationAccount's missing bank code or name, or branch name, from the
    table; return the warnings
    (message key under "money.", parameters) for codes it does not hold or names that differ."""
    if not available():
        return [("warn_no_table", {})]
    warnings: list[tuple[str, dict]] = []
    if account.bank_name and not account.bank_code:
        found = bank_by_name(account.bank_name)
        if found:
            account.bank_code = found["code"]
        else:
            return [("warn_bank_name_unknown", {"name": account.bank_name, "date": data_date()})]
    if not account.bank_code:
        return warnings
    known = bank(account.bank_code)
    if known is None:
        return [("warn_bank_unknown", {"code": account.bank_code, "date": data_date()})]
    if not account.bank_name:
        account.bank_name = known["name"]
    elif _plain(account.bank_name) not in (_plain(known["name"]), _plain(known.get("kana") or ""),
                                           _plain(known.get("hira") or "")):
        warnings.append(("warn_bank_name", {"code": account.bank_code, "name": account.bank_name,
                                            "table": known["name"], "date": data_date()}))
    if account.branch_code:
        found = branch(account.bank_code, account.branch_code)
        if found is None:
            warnings.append(("warn_branch_unknown", {"code": account.branch_code, "bank": known["name"],
                                                     "date": data_date()}))
        elif not account.branch_name:
            account.branch_name = found["name"]
        elif _plain(account.branch_name) != _plain(found["name"]):
            warnings.append(("warn_branch_name", {"code": account.branch_code, "name": account.branch_name,
                                                  "table": found["name"], "date": data_date()}))
    return warnings
