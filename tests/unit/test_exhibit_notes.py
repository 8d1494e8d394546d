"""The victim's notes on an exhibit (case record kind "item"): the 標目, 立証趣旨 and 作成者 the bundle
prints, key evidence, and items left out of the bundle without ever changing a number."""

from __future__ import annotations

import pytest

from evidence_kit.core import caserecords as cr
from evidence_kit.core import custody
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.report import model
from tests.conftest import write


def memos(case, tmp_path, *names: str) -> dict[str, str]:
    """Plain text items, imported in this order; name -> item id."""
    ids = {}
    for name in names:
        ids[name] = case.import_file(write(tmp_path / name, f"メモ {name}\n".encode())).item_id
    return ids


def test_a_note_is_set_field_by_field_and_none_removes_a_field(unlocked, tmp_path):
    item = memos(unlocked, tmp_path, "a.txt")["a.txt"]
    assert cr.set_item_note(unlocked, item, title=" 送金を指示するメモ ", key=True, tags=["送金", " 送金", ""]) == {
        "title": "送金を指示するメモ", "key": True, "tags": ["送金"]}
    assert cr.set_item_note(unlocked, item, purpose="相手が送金先を指定した事実", title=None) == {
        "key": True, "tags": ["送金"], "purpose": "相手が送金先を指定した事実"}
    assert cr.load(unlocked).items == {item: {"key": True, "tags": ["送金"], "purpose": "相手が送金先を指定した事実"}}
    assert cr.set_item_note(unlocked, item, key=False, tags=[], purpose="") == {}
    assert cr.load(unlocked).items == {}
    docs = [custody.doc_of(e) for e in unlocked.entries() if custody.doc_of(e).get("event") == "case-record"]
    assert [(d["kind"], d["op"]) for d in docs] == [("item", "put"), ("item", "put"), ("item", "delete")]


def test_a_wrong_field_a_wrong_type_or_an_unknown_item_is_refused(unlocked, tmp_path):
    item = memos(unlocked, tmp_path, "a.txt")["a.txt"]
    with pytest.raises(ValueError, match=r"unknown item note fields: \['colour'\]"):
        cr.set_item_note(unlocked, item, colour="red")
    with pytest.raises(ValueError, match="item note field 'key' takes bool, not 'yes'"):
        cr.set_item_note(unlocked, item, key="yes")
    with pytest.raises(ValueError, match="item note field 'tags' takes list"):
        cr.set_item_note(unlocked, item, tags=[1])
    with pytest.raises(EvidenceKitError) as err:
        cr.set_item_note(unlocked, "0" * 32, title="x")
    assert err.value.code == "report_item_unknown"
    assert cr.load(unlocked).items == {}


def test_a_damaged_note_entry_keeps_only_its_well_formed_fields():
    docs = [{"event": "case-record", "kind": "item", "id": "abc", "op": "put",
             "data": {"title": "標目", "key": "yes", "excluded": 1, "tags": ["a", 2], "colour": "red", "note": " x"}}]
    assert cr.fold(docs).items == {"abc": {"title": "標目"}}


def test_items_are_named_by_id_prefix_or_file_name(unlocked, tmp_path):
    ids = memos(unlocked, tmp_path, "a.txt", "b.txt")
    items = unlocked.items()
    assert cr.resolve_item(items, ids["a.txt"][:6].upper())["id"] == ids["a.txt"]
    assert cr.resolve_item(items, "b.txt")["id"] == ids["b.txt"]
    for ref, code in (("zzzz", "report_item_unknown"), ("ab", "report_item_unknown")):
        with pytest.raises(EvidenceKitError) as err:
            cr.resolve_item(items, ref)
        assert err.value.code == code
    twins = [{"id": "abcd1", "original_name": "x"}, {"id": "abcd2", "original_name": "y"}]
    with pytest.raises(EvidenceKitError) as err:
        cr.resolve_item(twins, "abcd")
    assert (err.value.code, err.value.params["count"]) == ("report_item_ambiguous", 2)


def test_the_bundle_prints_the_victims_title_purpose_and_author(unlocked, tmp_path):
    item = memos(unlocked, tmp_path, "a.txt")["a.txt"]
    before = model.build(unlocked).exhibits[0]
    assert (before.title, before.purpose, before.author, before.key) == ("ファイル（a.txt）", "ファイルの内容", "", False)
    cr.set_item_note(unlocked, item, title="申告者のメモ（令和6年5月1日）", purpose="最初の連絡の日時", author="申告者",
                     key=True, note="自分用", tags=["初回"])
    ex = model.build(unlocked).exhibits[0]
    assert (ex.title, ex.purpose, ex.author, ex.key) == ("申告者のメモ（令和6年5月1日）", "最初の連絡の日時", "申告者", True)


def export(case, bundle):
    model.record_export(case, bundle, file="x.pdf", sha256="0" * 64, pages=1)


def test_an_item_left_out_gets_no_number_and_a_numbered_one_keeps_its_number_reserved(unlocked, tmp_path):
    ids = memos(unlocked, tmp_path, "a.txt", "b.txt", "c.txt")
    cr.set_item_note(unlocked, ids["b.txt"], excluded=True)
    first = model.build(unlocked)
    assert [(e.label, e.item["original_name"]) for e in first.exhibits] == [("資料1", "a.txt"), ("資料2", "c.txt")]
    assert first.withheld == []
    assert sorted(first.new_numbers.values()) == ["1", "2"] and ids["b.txt"] not in first.new_numbers
    export(unlocked, first)
    # back in: it is new, so it comes after; then left out again: its number is reserved
    cr.set_item_note(unlocked, ids["b.txt"], excluded=False)
    second = model.build(unlocked)
    assert [(e.label, e.item["original_name"]) for e in second.exhibits][-1] == ("資料3", "b.txt")
    export(unlocked, second)
    cr.set_item_note(unlocked, ids["a.txt"], excluded=True)
    cr.set_item_note(unlocked, ids["b.txt"], excluded=True)
    memos(unlocked, tmp_path, "d.txt")
    third = model.build(unlocked, "lawyer")
    assert [(e.label, e.item["original_name"]) for e in third.exhibits] == [("甲2", "c.txt"), ("甲4", "d.txt")]
    assert third.withheld == [("1", "甲1"), ("3", "甲3")]
    cr.set_item_note(unlocked, ids["a.txt"], excluded=None)
    assert [e.label for e in model.build(unlocked, "lawyer").exhibits] == ["甲1", "甲2", "甲4"]


def test_a_photo_from_a_left_out_chat_stands_alone(unlocked, tmp_path):
    from tests.unit.test_case_records import whatsapp_zip

    chat = unlocked.import_file(write(tmp_path / "WhatsApp Chat with Ken.zip", whatsapp_zip())).item_id
    assert [e.number for e in model.build(unlocked).exhibits] == ["1", "1-1"]
    cr.set_item_note(unlocked, chat, excluded=True)
    bundle = model.build(unlocked)
    assert [(e.number, e.item["original_name"]) for e in bundle.exhibits] == [("1", "IMG-20240115-WA0001.jpg")]
    assert bundle.timeline == [e for e in bundle.timeline if e.exhibit == "資料1"]  # no chat days of the left-out chat
