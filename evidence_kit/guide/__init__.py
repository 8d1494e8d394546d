"""The offline guide's logic and data, free of Qt (the window is evidence_kit/gui/dialogs/guide.py).

- The urgency self-check: five yes/no questions, asked most urgent first; the first "yes" decides the level
  (5 = danger now ... 1 = keep watching). `next_question(answers)` says what to ask next, `urgency(answers)` the
  level, `LEVELS[level]` what comes with it (how soon, which contacts, whether the five actions apply).
- The contacts: one data file, `contacts.toml` beside this module, each entry with its source and the date it
  was checked. `contacts()` reads and checks it.
The texts themselves live in evidence_kit/i18n/guide_messages.py (keys "guide.*"), except the contacts', which
stay in the data file with their numbers so that one file holds everything that has to be re-checked.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..core.errors import EvidenceKitError

CONTACTS_FILE = Path(__file__).with_name("contacts.toml")

# (question id, the level a "yes" means), most urgent first: the order they are asked in.
QUESTIONS: tuple[tuple[str, int], ...] = (
    ("danger", 5),
    ("money_sent", 4),
    ("asked", 3),
    ("doubts", 2),
    ("feels_off", 1),
)
QUESTION_IDS = tuple(q for q, _ in QUESTIONS)


@dataclass(frozen=True)
class Level:
    level: int
    contacts: tuple[str, ...]  # contact ids to show with the result, most useful first
    actions: bool  # the five immediate actions apply (level 3 and above)


LEVELS: dict[int, Level] = {
    5: Level(5, ("police_110", "police_9110", "dv_plus"), True),
    4: Level(4, ("police_9110", "consumer_188", "fsa", "houterasu"), True),
    3: Level(3, ("police_9110", "consumer_188"), True),
    2: Level(2, ("consumer_188", "police_9110"), False),
    1: Level(1, ("consumer_188",), False),
}

ACTIONS = ("cut_contact", "passwords", "preserve", "banks", "tell_someone")  # in the order to do them
EXPORTS = ("line", "whatsapp", "email", "screenshots")
GROUPS = ("police", "money", "legal", "safety")  # how the contacts page is divided, in this order


def _check(answers: Mapping[str, bool | None]) -> None:
    for key, value in answers.items():
        if key not in QUESTION_IDS:
            raise ValueError(f"unknown question {key!r}")
        if value is not True and value is not False and value is not None:  # 1 == True, but 1 is no answer
            raise ValueError(f"answer to {key!r} must be True, False or None, not {value!r}")


def urgency(answers: Mapping[str, bool | None]) -> int:
    """The level 1-5: that of the most urgent question answered "yes"; 1 when none is (unanswered
    questions count as "no")."""
    _check(answers)
    return max((level for q, level in QUESTIONS if answers.get(q) is True), default=1)


def next_question(answers: Mapping[str, bool | None]) -> str | None:
    """The question to ask next, or None when the level is known: a "yes" has been given, or every
    question has been answered."""
    _check(answers)
    if any(answers.get(q) is True for q in QUESTION_IDS):
        return None
    return next((q for q in QUESTION_IDS if answers.get(q) is None), None)


@dataclass(frozen=True)
class Contact:
    id: str
    group: str
    kind: str  # "phone" or "web"
    number: str  # what to dial, or the web address for kind "web"
    name: dict  # {"ja": ..., "en": ...}, and likewise hours, purpose, note (note may be empty)
    hours: dict
    purpose: dict
    note: dict
    sources: tuple[str, ...]
    checked: _dt.date

    def text(self, field: str, lang: str) -> str:
        values = getattr(self, field)
        return values.get(lang) or values["ja"]


_TEXT_FIELDS = ("name", "hours", "purpose")
_REQUIRED = ("id", "group", "kind", "number", *(f"{f}_{lang}" for f in _TEXT_FIELDS for lang in ("ja", "en")),
             "sources", "checked")


def _contact(entry: dict, where: str) -> Contact:
    missing = [key for key in _REQUIRED if entry.get(key) in (None, "", [])]
    if missing:
        raise EvidenceKitError("guide_contacts", path=where, reason="missing " + ", ".join(missing))
    if entry["group"] not in GROUPS or entry["kind"] not in ("phone", "web"):
        raise EvidenceKitError("guide_contacts", path=where, reason=f"group/kind {entry['group']}/{entry['kind']}")
    if not isinstance(entry["checked"], _dt.date) or not all(
            isinstance(s, str) and s.startswith(("http://", "https://")) for s in entry["sources"]):
        raise EvidenceKitError("guide_contacts", path=where, reason="checked must be a date, sources URLs")

    def pair(field: str) -> dict:
        return {lang: str(entry.get(f"{field}_{lang}", "")).strip() for lang in ("ja", "en")}

    return Contact(entry["id"], entry["group"], entry["kind"], str(entry["number"]), pair("name"), pair("hours"),
                   pair("purpose"), pair("note"), tuple(entry["sources"]), entry["checked"])


def contacts(path: Path | None = None) -> tuple[Contact, ...]:
    """Every contact in the data file, in its order. A broken file raises EvidenceKitError("guide_contacts")."""
    path = CONTACTS_FILE if path is None else Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EvidenceKitError("guide_contacts", path=str(path), reason=str(exc)) from exc
    entries = data.get("contact")
    if not isinstance(entries, list) or not entries:
        raise EvidenceKitError("guide_contacts", path=str(path), reason="no [[contact]] entries")
    found = tuple(_contact(entry, f"{path} #{n + 1}") for n, entry in enumerate(entries))
    ids = [c.id for c in found]
    if len(set(ids)) != len(ids):
        raise EvidenceKitError("guide_contacts", path=str(path), reason="an id appears twice")
    return found


def contacts_by_id(path: Path | None = None) -> dict[str, Contact]:
    return {c.id: c for c in contacts(path)}
