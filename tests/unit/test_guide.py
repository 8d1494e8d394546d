"""The guide's Qt-free part: the urgency self-check, the contacts data file (against the research note it
comes from), and the guide texts."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from evidence_kit import guide
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.i18n import MESSAGES, tr

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "police-bundle.md"
ANSWERS = (True, False, None)


def _expected_level(combo) -> int:
    # written apart from the code: the questions go 5, 4, 3, 2, 1; the first "yes" wins, nothing -> 1
    for position, answer in enumerate(combo):
        if answer is True:
            return 5 - position
    return 1


@pytest.mark.parametrize("combo", list(itertools.product(ANSWERS, repeat=5)))
def test_urgency_and_next_question_for_every_combination_of_answers(combo):
    answers = {q: a for q, a in zip(guide.QUESTION_IDS, combo) if a is not None}
    assert guide.urgency(answers) == _expected_level(combo)
    if True in combo:
        expected_next = None
    else:
        expected_next = next((q for q, a in zip(guide.QUESTION_IDS, combo) if a is None), None)
    assert guide.next_question(answers) == expected_next


@pytest.mark.parametrize("first_yes", [None, 0, 1, 2, 3, 4])
def test_asking_one_question_at_a_time_stops_at_the_first_yes(first_yes):
    answers, asked = {}, []
    while (question := guide.next_question(answers)) is not None:
        asked.append(question)
        answers[question] = len(asked) - 1 == first_yes
    if first_yes is None:
        assert asked == ["danger", "money_sent", "asked", "doubts", "feels_off"]
        assert guide.urgency(answers) == 1
    else:
        assert len(asked) == first_yes + 1
        assert guide.urgency(answers) == 5 - first_yes


def test_the_levels_of_the_brief():
    assert guide.urgency({"danger": True}) == 5  # threats or danger: call 110 now
    assert guide.urgency({"danger": False, "money_sent": True}) == 4  # money sent: bank within 24 hours
    assert guide.urgency({"danger": False, "money_sent": False, "asked": True}) == 3
    assert guide.urgency({"danger": False, "money_sent": False, "asked": False, "doubts": True}) == 2
    assert guide.urgency(dict.fromkeys(guide.QUESTION_IDS, False)) == 1
    assert guide.urgency({"money_sent": True, "danger": True, "feels_off": True}) == 5
    assert guide.urgency({}) == 1 and guide.next_question({}) == "danger"


@pytest.mark.parametrize("answers, message", [
    ({"threat": True}, "unknown question 'threat'"),
    ({"danger": "yes"}, "answer to 'danger' must be True, False or None, not 'yes'"),
    ({"danger": 1}, "answer to 'danger' must be True, False or None, not 1"),
    ({"asked": 0}, "answer to 'asked' must be True, False or None, not 0"),
])
def test_answers_that_are_not_yes_or_no_are_refused(answers, message):
    for function in (guide.urgency, guide.next_question):
        with pytest.raises(ValueError) as info:
            function(answers)
        assert str(info.value) == message


def test_each_level_has_its_texts_and_known_contacts():
    known = guide.contacts_by_id()
    assert sorted(guide.LEVELS) == [1, 2, 3, 4, 5]
    assert [n for n, level in guide.LEVELS.items() if level.actions] == [5, 4, 3]
    assert guide.LEVELS[5].contacts[0] == "police_110" and known["police_110"].number == "110"
    for n, level in guide.LEVELS.items():
        assert level.level == n and level.contacts and all(c in known for c in level.contacts)
        for part in ("name", "now", "then", "within"):
            texts = MESSAGES[f"guide.level.{n}.{part}"]
            assert texts["ja"] and texts["en"] and texts["ja"] != texts["en"]
    assert "110" in tr("guide.level.5.now", "ja") and "110" in tr("guide.level.5.now", "en")
    assert "24" in tr("guide.level.4.within", "ja") and "24 hours" in tr("guide.level.4.within", "en")
    assert "銀行" in tr("guide.level.4.now", "ja") and "freeze" in tr("guide.level.4.now", "en")
    assert "#9110" in tr("guide.level.4.then", "ja")  # and the police
    assert "48" in tr("guide.level.3.within", "ja") and "1 週間" in tr("guide.level.2.within", "ja")


def test_every_text_the_guide_uses_exists_in_both_languages():
    keys = [f"guide.q.{q}" for q in guide.QUESTION_IDS] + [f"guide.q.{q}.examples" for q in guide.QUESTION_IDS]
    keys += [f"guide.action.{a}.{p}" for a in guide.ACTIONS for p in ("title", "points")]
    keys += [f"guide.export.{e}.{p}" for e in guide.EXPORTS for p in ("title", "steps", "points")]
    keys += [f"guide.group.{g}" for g in guide.GROUPS]
    for key in keys:
        assert MESSAGES[key]["ja"].strip() and MESSAGES[key]["en"].strip(), key
    guide_keys = [k for k in MESSAGES if k.startswith("guide.")]
    assert len(guide_keys) > 90
    for key in guide_keys:
        assert set(MESSAGES[key]) == {"ja", "en"} and all(v.strip() for v in MESSAGES[key].values()), key
    assert len(tr("guide.action.preserve.points", "ja").splitlines()) == 7
    assert len(tr("guide.action.preserve.points", "en").splitlines()) == 7
    assert "トーク履歴を送信" in tr("guide.export.line.steps", "ja")
    assert ".eml" in tr("guide.export.email.steps", "en")


def test_every_contact_has_every_field():
    found = guide.contacts()
    assert len(found) == 15
    for c in found:
        assert c.group in guide.GROUPS and c.kind in ("phone", "web")
        for field in ("name", "hours", "purpose"):
            assert c.text(field, "ja") and c.text(field, "en") and c.text(field, "ja") != c.text(field, "en")
        assert bool(c.note["ja"]) == bool(c.note["en"]), c.id
        assert c.sources and all(s.startswith(("http://", "https://")) for s in c.sources)
        assert isinstance(c.checked, dt.date) and c.checked == dt.date(2026, 11, 22)
        if c.kind == "phone":
            short = re.fullmatch(r"#\d{4}|\d{3}", c.number)  # #9110, 110
            assert short or (re.fullmatch(r"0[\d-]+\d", c.number) and len(c.number.replace("-", "")) in (10, 11)), c.id
        else:
            assert c.number.startswith("https://")
    numbers = {c.id: c.number for c in found}
    # the ones the issue names
    assert numbers["police_110"] == "110" and numbers["police_9110"] == "#9110"
    assert numbers["consumer_188"] == "188" and numbers["houterasu"] == "0570-078374"
    assert numbers["houterasu_victims"] == "0570-079714" and numbers["jinken"] == "0570-003-110"
    assert numbers["women"] == "0570-070-810" and numbers["fsa"] == "0570-016811"
    assert numbers["zenginkyo"] == "0570-017109" and numbers["cyber_npa"].startswith("https://www.npa.go.jp/")
    assert numbers["dv_navi"] == "#8008" and numbers["dv_plus"] == "0120-279-889"


# our contact -> its row in the research note's contacts table (police-bundle.md section (e))
SPEC_ROWS = {
    "police_110": "警察 緊急",
    "police_9110": "警察相談専用電話",
    "cyber_npa": "サイバー事案 オンライン受付窓口 (警察庁)",
    "sexual_8103": "性犯罪被害相談電話",
    "consumer_188": "消費者ホットライン",
    "fsa": "金融庁 金融サービス利用者相談室",
    "zenginkyo": "全国銀行協会相談室",
    "dic": "預金保険機構 振込詐欺被害回復業務課",
    "houterasu": "法テラス・サポートダイヤル",
    "houterasu_victims": "法テラス 犯罪被害者支援ダイヤル",
    "jinken": "みんなの人権110番 (法務省)",
    "women": "女性の人権ホットライン (法務省)",
    "dv_navi": "DV相談ナビ / DV相談＋",
    "dv_plus": "DV相談ナビ / DV相談＋",
    "ihaho": "違法・有害情報相談センター (総務省委託)",
}
PHONE = re.compile(r"#\d{3,4}|\b\d{2,4}-\d{3,4}-\d{3,4}\b|\b\d{3}\b")
URL = re.compile(r"https?://[^\s,)）]+")


def _spec_table() -> dict[str, list[str]]:
    if not SPEC.is_file():
        pytest.skip(f"the research note is not beside the project ({SPEC})")
    text = SPEC.read_text(encoding="utf-8")
    section = text.split("## (e) Contacts table", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 5 and cells[0] not in ("Contact", "---"):
            rows[cells[0]] = cells
    return rows


def test_the_numbers_are_those_of_the_research_notes_contacts_table():
    rows = _spec_table()
    assert len(rows) == 19
    found = guide.contacts()
    assert {c.id for c in found} == set(SPEC_ROWS)
    by_row: dict[str, set] = {}
    for c in found:
        row = rows[SPEC_ROWS[c.id]]
        name, number, hours, use, sources = row
        if c.kind == "phone":
            by_row.setdefault(name, set()).add(c.number)
        else:
            assert c.number in number, (c.id, number)
        for other in PHONE.findall(c.note["ja"]) + PHONE.findall(c.note["en"]):  # IP-phone and other numbers
            assert other in number, (c.id, other)
        for address in URL.findall(c.note["ja"]) + URL.findall(c.note["en"]):
            assert address in number, (c.id, address)
        for source in c.sources:
            assert source in sources, (c.id, source)
    for name, ours in by_row.items():
        bold = set(re.findall(r"\*\*([^*]+)\*\*", rows[name][1]))
        assert ours == bold, (name, ours, bold)


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "contacts.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """[[contact]]
id = "x"
group = "police"
kind = "phone"
number = "110"
name_ja = "警察"
name_en = "Police"
hours_ja = "24時間"
hours_en = "24 hours"
purpose_ja = "危ないとき"
purpose_en = "Danger"
sources = ["https://example.org/a"]
checked = 2026-11-22
"""


def test_a_small_valid_file_is_read_with_its_fields(tmp_path):
    (c,) = guide.contacts(_write(tmp_path, GOOD))
    assert (c.id, c.group, c.kind, c.number, c.sources, c.checked) == (
        "x", "police", "phone", "110", ("https://example.org/a",), dt.date(2026, 11, 22))
    assert c.text("name", "en") == "Police" and c.note == {"ja": "", "en": ""}


@pytest.mark.parametrize("change, reason", [
    (lambda t: t.replace('hours_en = "24 hours"\n', ""), "missing hours_en"),
    (lambda t: t.replace('checked = 2026-11-22\n', "").replace('number = "110"\n', ""), "missing number, checked"),
    (lambda t: t.replace('sources = ["https://example.org/a"]', "sources = []"), "missing sources"),
    (lambda t: t.replace('group = "police"', 'group = "shops"'), "group/kind shops/phone"),
    (lambda t: t.replace("checked = 2026-11-22", 'checked = "last week"'), "checked must be a date, sources URLs"),
    (lambda t: t.replace("https://example.org/a", "example.org"), "checked must be a date, sources URLs"),
    (lambda t: t + t, "an id appears twice"),
    (lambda t: "", "no [[contact]] entries"),
])
def test_a_broken_contacts_file_gives_a_clear_error(tmp_path, change, reason):
    path = _write(tmp_path, change(GOOD))
    with pytest.raises(EvidenceKitError) as info:
        guide.contacts(path)
    assert info.value.code == "guide_contacts"
    assert reason in info.value.message("en")
    assert info.value.message("ja").startswith("相談先の一覧（")
    assert "110 番" in info.value.message("ja") and "#9110" in info.value.message("en")


def test_a_file_that_is_not_toml_or_is_missing_gives_the_same_error(tmp_path):
    for path in (_write(tmp_path, "[[contact]\nid = "), tmp_path / "absent.toml"):
        with pytest.raises(EvidenceKitError) as info:
            guide.contacts(path)
        assert info.value.code == "guide_contacts" and str(path) in info.value.message("ja")


def test_the_guide_logic_does_not_load_qt():
    code = ("import sys, evidence_kit.guide as g; g.contacts(); g.urgency({'danger': True}); "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_displayed_sources_are_readable_addresses():
    c = guide.contacts_by_id()["police_9110"]
    assert unquote(c.sources[0]) == "https://precare-gyoseishoshi.net/生活の安全に関する悩みごとがあるとき/"
