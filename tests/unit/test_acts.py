"""Stalking and harassment records (caserecords kinds "act" and "refusal") and what the bundle
makes of them: the timeline rows, the count of the other party's contacts after the first refusal,
and checks 19 and 20. The case is this file's own small stalking case."""

from __future__ import annotations

from datetime import date

import pytest

from evidence_kit.core import caserecords as cr
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.report import acts, checks, model
from tests.conftest import write

CHAT = """\
[LINE] ユウキとのトーク履歴
保存日時：2024/06/10 22:00

2024/05/30(木)
21:00\tユウキ\t今どこにいるの？
21:05\tみさき\tもう連絡しないでください。これ以上続くなら警察に相談します。
21:06\tユウキ\tなんで？
2024/06/01(土)
08:00\tユウキ\tおはよう
08:01\tＹＵＫＩ\t無視しないで
08:02\tユウキ\t[スタンプ]
2024/06/02(日)
23:10\tユウキ\t☎ 不在着信
23:11\tユウキ\t☎ 不在着信
23:15\tみさき\tやめてください
"""

MAIL = """\
From: Yuki <yuki.0123@example.net>
To: misaki@example.org
Subject: =?utf-8?b?44Gq44Gc?=
Date: Mon, 03 Jun 2024 07:30:00 +0900
Message-ID: <stalk-1@example.net>
Content-Type: text/plain; charset=UTF-8

返事をください。
"""


def stalking_case(case, tmp_path, *, refusal: bool = True) -> dict[str, str]:
    """A LINE chat and an e-mail from the other party, a photo memo, the other party, three acts
    and (unless told not to) the refusal sent in the chat at 21:05 on 30 May. Returns name -> item id."""
    ids = {name: case.import_file(write(tmp_path / name, data)).item_id for name, data in (
        ("line_yuki.txt", CHAT.encode()), ("mail_0603.eml", MAIL.encode()), ("memo_0605.txt", "6/5 の記録\n".encode()))}
    cr.set_report(case, "overview", {"case_type": "ストーカー・つきまとい"})
    cr.put(case, "party", "1", {"names": ["ユウキ", "YUKI"], "identifiers": [
        {"kind": "line_id", "value": "yuki_0123", "note": ""}, {"kind": "email", "value": "yuki.0123@example.net", "note": ""},
        {"kind": "phone", "value": "+81 90-1234-5678", "note": ""}]})
    cr.save(case, cr.Act("1", "2024-06-05T19:40:00+09:00", "following", place="自宅マンションのエントランス前",
                         description="帰宅したところ、エントランス前で待ち伏せされ、話しかけられた",
                         offender="黒いパーカー、白いマスク、身長170cmくらい", witnesses="管理人の田中さん",
                         police="同日20:05 に 110番通報", exhibits=[ids["memo_0605.txt"]]))
    cr.save(case, cr.Act("2", "2024-06-07", "following", approx=True, place="最寄り駅の改札付近",
                         description="改札の近くに立ってこちらを見ていた"))
    cr.save(case, cr.Act("3", "2024-05-20T22:00:00+09:00", "honour", approx=True, place="X（旧Twitter）",
                         url="https://x.com/example/status/1790000000000000000",
                         description="勤務先と実名を挙げて中傷する投稿をされた", offender="@yuki_example"))
    if refusal:
        cr.save(case, cr.Refusal("1", "2024-05-30T21:05:00+09:00", method="LINE",
                                 content="もう連絡しないでください。これ以上続くなら警察に相談します。",
                                 exhibit=ids["line_yuki.txt"]))
    return ids


def test_acts_are_checked_before_they_are_kept(unlocked, tmp_path):
    ids = stalking_case(unlocked, tmp_path)
    for record, code in ((cr.Act("9", "2024-06-31", "following", description="x"), "act_bad_time"),
                         (cr.Act("9", "2024-06-01", "watching_you", description="x"), "act_type"),
                         (cr.Act("9", "2024-06-01", "calls", description=" "), "act_description"),
                         (cr.Act("9", "2024-06-01", "calls", description="x", exhibits=["f" * 32]), "report_item_unknown"),
                         (cr.Refusal("9", "2024-06-01", content=""), "refusal_content")):
        with pytest.raises(EvidenceKitError) as err:
            cr.save(unlocked, record)
        assert err.value.code == code
    state = cr.load(unlocked)
    assert list(state.acts) == ["1", "2", "3"] and list(state.refusals) == ["1"]
    assert state.acts["1"].exhibits == [ids["memo_0605.txt"]]
    assert (state.acts["1"].face_to_face, state.acts["3"].face_to_face) == (True, False)
    assert cr.next_id(state, "act") == "4"


@pytest.mark.parametrize("typed, stored", [
    ("2024-06-01 21:30", "2024-06-01T21:30:00+09:00"), ("2024/6/1 9:05", "2024-06-01T09:05:00+09:00"),
    ("２０２４／０６／０１", "2024-06-01"), ("2024-06-01T21:30:00+02:00", "2024-06-01T21:30:00+02:00"),
    ("2024-06-01T21:30:15", "2024-06-01T21:30:15+09:00")])
def test_a_typed_time_is_japan_time_unless_it_says_otherwise(typed, stored):
    assert cr.parse_time(typed) == stored


@pytest.mark.parametrize("typed", ["2024-02-30", "2024-06-01 25:00", "昨日の夜", "", "2024-06-01T21:30+0900"])
def test_a_time_that_cannot_be_read_is_refused_with_the_text_typed(typed):
    with pytest.raises(EvidenceKitError) as err:
        cr.parse_time(typed)
    assert (err.value.code, err.value.params["value"]) == ("act_bad_time", typed)


def test_a_damaged_act_is_left_out_and_a_damaged_field_falls_back():
    docs = [{"event": "case-record", "kind": "act", "id": "1", "op": "put", "data": {"time": "yesterday",
                                                                                      "act_type": "following"}},
            {"event": "case-record", "kind": "act", "id": "2", "op": "put", "data": {"time": "2024-06-01",
                                                                                      "act_type": "stalking"}},
            {"event": "case-record", "kind": "act", "id": "3", "op": "put", "data": {
                "time": "2024-06-01", "act_type": "calls", "approx": "yes", "exhibits": ["a", 3], "description": 5}},
            {"event": "case-record", "kind": "refusal", "id": "1", "op": "put", "data": {"content": "やめて"}}]
    state = cr.fold(docs)
    assert list(state.acts) == ["3"] and state.refusals == {}
    assert (state.acts["3"].approx, state.acts["3"].exhibits, state.acts["3"].description) == (False, ["a"], "")


def test_acts_and_the_refusal_are_in_the_timeline(unlocked, tmp_path):
    stalking_case(unlocked, tmp_path)
    bundle = model.build(unlocked)
    rows = [(e.time, e.category, e.text, e.means, e.exhibit, e.approx) for e in bundle.timeline
            if e.category in ("つきまとい等", "拒否の意思表示")]
    assert rows == [
        ("2024-05-20T22:00:00+09:00", "つきまとい等", "相手方の行為（名誉を害する事項の告知等）: 勤務先と実名を挙げて中傷する投稿をされた",
         "X（旧Twitter） https://x.com/example/status/1790000000000000000", "", True),
        ("2024-05-30T21:05:00+09:00", "拒否の意思表示",
         "申告者が相手方に拒否を伝えた: もう連絡しないでください。これ以上続くなら警察に相談します。", "LINE", "資料1", False),
        ("2024-06-05T19:40:00+09:00", "つきまとい等",
         "相手方の行為（つきまとい・待ち伏せ・見張り・押し掛け・うろつき等）: 帰宅したところ、エントランス前で待ち伏せされ、話しかけられた",
         "自宅マンションのエントランス前", "資料3", False),
        ("2024-06-07", "つきまとい等", "相手方の行為（つきまとい・待ち伏せ・見張り・押し掛け・うろつき等）: 改札の近くに立ってこちらを見ていた",
         "最寄り駅の改札付近", "", True)]


def test_the_other_partys_contacts_are_counted_per_day_after_the_first_refusal(unlocked, tmp_path):
    stalking_case(unlocked, tmp_path)
    c = model.build(unlocked).contacts
    assert c.refusal.id == "1"
    assert [(d.day, d.messages, d.calls, d.mails, d.exhibits) for d in c.days] == [
        ("2024-05-30", 1, 0, 0, ["資料1"]), ("2024-06-01", 3, 0, 0, ["資料1"]), ("2024-06-02", 0, 2, 0, ["資料1"]),
        ("2024-06-03", 0, 0, 1, ["資料2"])]
    assert (c.total, c.acts_after, c.from_party) == (7, 2, 8)
    assert c.counted == ["ユウキ", "ＹＵＫＩ", "Yuki <yuki.0123@example.net>"]
    assert c.not_counted == ["みさき"]
    assert c.keys == ["ユウキ", "YUKI", "yuki_0123", "yuki.0123@example.net", "+81 90-1234-5678"]


def test_a_refusal_known_by_its_day_only_counts_from_the_next_day(unlocked, tmp_path):
    stalking_case(unlocked, tmp_path, refusal=False)
    cr.save(unlocked, cr.Refusal("1", "2024-05-30", method="口頭", content="やめてと言った"))
    c = model.build(unlocked).contacts
    assert [d.day for d in c.days] == ["2024-06-01", "2024-06-02", "2024-06-03"] and c.total == 6


def test_senders_match_by_name_identifier_address_or_phone_digits():
    match = acts.PartyMatcher([cr.Party("1", names=["ケン"], identifiers=[
        {"kind": "phone", "value": "090-1234-5678"}, {"kind": "email", "value": "ken@example.com"},
        {"kind": "url", "value": "https://example.com/ken"}])])
    assert [match(s) for s in ("ケン", "ｹﾝ", " ケン ", "+81 90 1234 5678", "KEN <ken@example.com>", "ken@example.com",
                               "Ken", "けん", "https://example.com/ken", "1234-5678", "", None)] == [
        True, True, True, True, True, True, False, False, False, False, False, False]


def test_a_case_is_a_stalking_case_by_its_type_or_by_an_act(unlocked, tmp_path):
    bundle = model.build(unlocked)
    assert (acts.is_stalking(bundle), bundle.contacts) == (False, None)
    cr.set_report(unlocked, "overview", {"case_type": "SNS上の嫌がらせ"})
    assert acts.is_stalking(model.build(unlocked))
    cr.set_report(unlocked, "overview", {"case_type": "ロマンス詐欺"})
    cr.save(unlocked, cr.Act("1", "2024-06-01", "calls", description="非通知の無言電話が続いた"))
    assert model.build(unlocked).contacts.refusal is None
    assert model.build(unlocked, "bank").contacts is None


def found(case):
    return {c.code: checks.message(c) for c in checks.run(case, model.build(case), today=date(2024, 7, 1))
            if c.code in ("no_refusal", "refusal_no_exhibit", "act_in_person_missing")}


def test_check_19_no_refusal_and_check_20_in_person_details(unlocked, tmp_path):
    stalking_case(unlocked, tmp_path, refusal=False)
    assert found(unlocked) == {
        "no_refusal": "[注意] " + checks.tr("check.no_refusal"),
        "act_in_person_missing": "[注意] 直接会った行為の記録に足りない項目があります: 2（時刻・相手の特徴・目撃者）。警察は、日時・場所・"
                                 "相手の特徴（服装・車両）・目撃者を確認します。目撃者がいなければ「なし」と書いてください。"}
    cr.save(unlocked, cr.Refusal("1", "2024-05-30T21:05:00+09:00", content="もう連絡しないで"))
    cr.save(unlocked, cr.Act("2", "2024-06-07T07:50:00+09:00", "following", approx=True, place="最寄り駅の改札付近",
                             description="改札の近くに立ってこちらを見ていた", offender="黒いパーカー", witnesses="なし"))
    result = {c.code: c for c in checks.run(unlocked, model.build(unlocked), today=date(2024, 7, 1))}
    assert "no_refusal" not in result and "act_in_person_missing" not in result
    assert checks.message(result["refusal_no_exhibit"], "en") == (
        "[Warning] Refusal 1 has no exhibit that shows it (a chat screen, a sent message). Import one and name it with "
        "\"--exhibit\".")


def test_check_20_in_english_names_the_missing_fields():
    check = checks.Check("act_in_person_missing", "warning", params={"acts": [("2", ["time", "witnesses"]), ("4", ["place"])]})
    assert checks.message(check, "en").startswith(
        "[Warning] Some in-person acts lack details: act 2 (time, witnesses); act 4 (place). The police ask")


def test_no_refusal_is_not_asked_for_when_there_is_nothing_to_refuse(unlocked):
    cr.set_report(unlocked, "overview", {"case_type": "ストーカー"})
    assert found(unlocked) == {}
