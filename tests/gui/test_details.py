"""The case-details dialogs: each adds, edits and removes through core.caserecords (read back exactly),
checks its fields before saving with the message next to the field, asks before unsaved edits are
lost, closes when the case locks, and switches language at run time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidgetItem

from evidence_kit.core import bankcodes, caserecords as cr
from evidence_kit.core.custody import doc_of
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.gui.dialogs import details_base
from evidence_kit.gui.dialogs.details import (AccountsDialog, ActionsDialog, ActsDialog, ItemNoteDialog, PartyDialog,
                                              RefusalsDialog, SummaryDialog)
from evidence_kit.gui.lang import language, tr
from evidence_kit.gui.session import Session
from tests.conftest import write


@pytest.fixture
def session(unlocked, qapp):
    language.set("ja")
    yield Session(unlocked)
    language.set("ja")


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """The answers the questions get, in order; each question asked is recorded. With no answer
    left, the last choice (cancel, keep, or let the edits go when a test's widgets are closed)."""
    given: list[str] = []
    asked: list[str] = []

    def ask(parent, title, text, choices, default):
        asked.append(text)
        return given.pop(0) if given else choices[-1][0] if choices[-1][0] != "cancel" else "discard"

    monkeypatch.setattr(details_base, "ask", ask)
    return given, asked


def records(session) -> cr.CaseRecords:
    return cr.load(session.case)


def record_events(session) -> int:
    return sum(1 for e in session.case.entries() if doc_of(e).get("event") == cr.EVENT)


def open_dialog(qtbot, cls, session, *args):
    dialog = cls(session, *args)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot, dialog) -> bool:
    with qtbot.waitSignal(dialog.session.changed, timeout=2000):
        assert dialog.save()
    return True


def error(exc: EvidenceKitError) -> str:
    return exc.message("ja")


# -- the other party -------------------------------------------------------------------------------

def set_identifier(dialog: PartyDialog, row: int, kind: str, value: str, note: str = "") -> None:
    view = dialog.ids
    view.setCurrentCell(row, 0)
    QTest.keyClick(view, Qt.Key.Key_F2)  # the kind is chosen in a combo
    combo = view.indexWidget(view.model().index(row, 0))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(kind))
    QTest.keyClick(combo, Qt.Key.Key_Return)  # the view keeps the choice once the event loop runs
    QApplication.processEvents()
    assert view.indexWidget(view.model().index(row, 0)) is None
    dialog.ids.setItem(row, 1, QTableWidgetItem(value))
    dialog.ids.setItem(row, 2, QTableWidgetItem(note))


def test_party_add_edit_remove(qtbot, session, answers):
    dialog = open_dialog(qtbot, PartyDialog, session)
    assert dialog.list.count() == 0 and dialog.current_id is None
    assert dialog.form_title.text() == "新しい相手方"
    dialog.names.setPlainText("ケン\n  Ken Tanaka \n\n")
    dialog.nationality.setText("日本（シンガポール在住）")
    dialog.job.setText("投資会社の経営者")
    dialog.add_identifier()
    set_identifier(dialog, 0, "line_id", "ken_sg_invest", "LINE の表示名「ケン」")
    dialog.add_identifier()
    set_identifier(dialog, 1, "url", " https://gtx-trade.example.com/mypage ")
    dialog.note.setPlainText("マッチングアプリで知り合った")
    assert dialog.dirty
    save(qtbot, dialog)
    assert records(session).parties == {"1": cr.Party(
        id="1", names=["ケン", "Ken Tanaka"], claimed_nationality="日本（シンガポール在住）", claimed_job="投資会社の経営者",
        identifiers=[{"kind": "line_id", "value": "ken_sg_invest", "note": "LINE の表示名「ケン」"},
                     {"kind": "url", "value": "https://gtx-trade.example.com/mypage", "note": ""}],
        note="マッチングアプリで知り合った")}
    assert dialog.status.text() == "保存しました。" and not dialog.dirty
    assert [dialog.list.item(n).text() for n in range(dialog.list.count())] == ["1. ケン / Ken Tanaka（ID など 2 件）"]
    assert dialog.form_title.text() == "相手方 1"

    # edit: the job goes, the URL row goes, a phone number comes
    dialog.job.setText("")
    dialog.ids.setCurrentCell(1, 1)
    dialog.remove_id.click()
    dialog.add_identifier()
    set_identifier(dialog, 1, "phone", "+65 8123 4567", "WhatsApp と同じ")
    save(qtbot, dialog)
    party = records(session).parties["1"]
    assert party.claimed_job == ""
    assert party.identifiers == [{"kind": "line_id", "value": "ken_sg_invest", "note": "LINE の表示名「ケン」"},
                                 {"kind": "phone", "value": "+65 8123 4567", "note": "WhatsApp と同じ"}]

    # a second party gets the next number
    dialog.new_record()
    dialog.names.setPlainText("Sarah")
    save(qtbot, dialog)
    assert list(records(session).parties) == ["1", "2"]

    answers[0].append("keep")
    dialog.remove_record()
    assert list(records(session).parties) == ["1", "2"]
    assert answers[1][-1].startswith("次の記録を削除しますか？\n2. Sarah（ID など 0 件）")
    answers[0].append("remove")
    with qtbot.waitSignal(session.changed, timeout=2000):
        dialog.remove_record()
    assert list(records(session).parties) == ["1"]
    assert dialog.current_id == "1" and dialog.list.count() == 1


def test_party_is_checked_before_saving(qtbot, session):
    dialog = open_dialog(qtbot, PartyDialog, session)
    before = record_events(session)
    assert not dialog.save()
    assert dialog.names_note.isVisible() and dialog.names_note.text() == "名前か、ID・連絡先のどちらかを入力してください。"
    dialog.names.setPlainText("ケン")
    dialog.add_identifier()
    set_identifier(dialog, 0, "email", "", "メールで連絡が来た")
    assert not dialog.save()
    assert not dialog.names_note.isVisible()
    assert dialog.ids_note.text() == "1 行目: " + error(EvidenceKitError("money_identifier_empty"))
    assert record_events(session) == before
    dialog.add_identifier()  # an empty row the user added and left is not a problem
    set_identifier(dialog, 0, "email", "ken@example.com")
    save(qtbot, dialog)
    assert records(session).parties["1"].identifiers == [{"kind": "email", "value": "ken@example.com", "note": ""}]


def test_unsaved_edits_are_asked_about(qtbot, session, answers):
    cr.save(session.case, cr.Party(id="1", names=["ケン"]))
    cr.save(session.case, cr.Party(id="2", names=["Sarah"]))
    dialog = open_dialog(qtbot, PartyDialog, session)
    assert dialog.current_id == "1" and not dialog.dirty
    dialog.job.setText("医師")
    dialog.changed()
    answers[0].append("cancel")
    dialog.list.setCurrentRow(1)
    assert dialog.current_id == "1" and dialog.list.currentRow() == 0 and dialog.job.text() == "医師"
    assert answers[1] == ["保存していない変更があります。保存しますか？"]
    answers[0].append("save")
    dialog.list.setCurrentRow(1)
    assert dialog.current_id == "2"
    assert records(session).parties["1"].claimed_job == "医師"
    dialog.job.setText("看護師")
    dialog.changed()
    answers[0].append("discard")
    dialog.close()
    assert not dialog.isVisible()
    assert records(session).parties["2"].claimed_job == ""


def test_a_dialog_closes_when_the_case_locks_and_follows_the_language(qtbot, session):
    dialog = open_dialog(qtbot, PartyDialog, session)
    assert dialog.windowTitle() == "相手方の情報"
    language.set("en")
    assert dialog.windowTitle() == "The other party"
    assert dialog.save_button.text() == "&Save"
    assert dialog.ids.horizontalHeaderItem(1).text() == "ID, number or address"
    dialog.names.setPlainText("ケン")
    dialog.changed()
    session.lock()
    assert not dialog.isVisible()


# -- destination accounts --------------------------------------------------------------------------

def fill_account(dialog: AccountsDialog, **values) -> None:
    for name, text in values.items():
        edit = getattr(dialog, name)
        edit.setText(text)
        edit.editingFinished.emit()


def test_account_add_edit_remove_with_a_transfer(qtbot, session, answers):
    dialog = open_dialog(qtbot, AccountsDialog, session)
    fill_account(dialog, bank_name="みずほ銀行", bank_code="0001", branch_name="新宿中央支店", branch_code="066",
                 number="7654321", holder="ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ")
    dialog.changed()
    dialog.add_transfer_row()
    for column, text in enumerate(("2024-05-13", "１００,０００円", "振込受付書")):
        dialog.transfers.setItem(0, column, QTableWidgetItem(text))
    save(qtbot, dialog)
    assert records(session).accounts == {"1": cr.DestinationAccount(
        id="1", bank_name="みずほ銀行", bank_code="0001", branch_name="新宿中央支店", branch_code="066", type="普通",
        number="7654321", holder_kana="ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ",
        transfers=[{"date": "2024-05-13", "amount": 100000, "evidence": "振込受付書"}])}
    assert dialog.list.item(0).text() == "1. みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ"
    assert dialog.transfers.item(0, 1).text() == "100,000"

    # edit: 当座, a second transfer; the first one goes
    dialog.type.setCurrentIndex(dialog.type.findData("当座"))
    dialog.transfers.selectRow(0)
    dialog.remove_transfer.click()
    dialog.add_transfer_row()
    for column, text in enumerate(("2024-05-21", "500000", "銀行からのメール")):
        dialog.transfers.setItem(0, column, QTableWidgetItem(text))
    save(qtbot, dialog)
    account = records(session).accounts["1"]
    assert account.type == "当座"
    assert account.transfers == [{"date": "2024-05-21", "amount": 500000, "evidence": "銀行からのメール"}]

    answers[0].append("remove")
    dialog.remove_record()
    assert records(session).accounts == {}
    assert dialog.list.count() == 0 and dialog.current_id is None


def test_account_fields_are_checked_next_to_them(qtbot, session):
    dialog = open_dialog(qtbot, AccountsDialog, session)
    notes = dialog.notes_by_field
    fill_account(dialog, bank_code="0001")
    date = bankcodes.data_date()
    assert (notes["bank"].kind, notes["bank"].text()) == ("ok", f"一覧では みずほ（0001）です（{date} 時点）")
    fill_account(dialog, bank_code="9998")
    assert (notes["bank"].kind, notes["bank"].text()) == ("warning", tr("money.warn_bank_unknown", code="9998", date=date))
    fill_account(dialog, bank_code="12", branch_code="6a", number="12-34", holder="yamada taro")
    assert notes["bank"].text() == error(EvidenceKitError("money_bank_code_digits", value="12"))
    assert notes["branch"].text() == error(EvidenceKitError("money_branch_code_digits", value="6a"))
    assert notes["number"].text() == ("口座番号「12-34」は数字（8 桁まで）で入力してください。ゆうちょ銀行の記号番号は"
                                      "「ゆうちょ 記号番号」の欄に入力できます。")
    assert notes["holder"].text() == error(EvidenceKitError("money_holder_kana", value="yamada taro"))
    before = record_events(session)
    assert not dialog.save()
    assert record_events(session) == before
    fill_account(dialog, bank_name="ミズホ", bank_code="", branch_code="066", number="7654321", holder="ﾔﾏﾀﾞ ﾀﾛｳ")
    assert notes["bank"].text() == f"一覧では みずほ（0001）です（{date} 時点）"
    assert notes["branch"].text() == "一覧では 新宿中央（066）です"
    dialog.add_transfer_row()
    for column, text in enumerate(("2024/05/13", "100000", "振込受付書")):
        dialog.transfers.setItem(0, column, QTableWidgetItem(text))
    assert not dialog.save()
    assert notes["transfers"].text() == "1 行目: " + error(EvidenceKitError("money_bad_date", value="2024/05/13"))
    dialog.transfers.setItem(0, 0, QTableWidgetItem("2024-05-13"))
    dialog.transfers.setItem(0, 1, QTableWidgetItem("0"))
    assert not dialog.save()
    assert notes["transfers"].text() == "1 行目: " + error(EvidenceKitError("money_transfer_amount", value="0"))
    dialog.transfers.removeRow(0)
    save(qtbot, dialog)
    account = records(session).accounts["1"]  # the code and branch name come from the table, as in the CLI
    assert (account.bank_name, account.bank_code, account.branch_name, account.branch_code) == \
        ("ミズホ", "0001", "新宿中央", "066")


def test_yucho_symbol_gives_the_branch_and_number(qtbot, session):
    dialog = open_dialog(qtbot, AccountsDialog, session)
    fill_account(dialog, yucho="14020-5756170")
    assert dialog.notes_by_field["yucho"].text() == error(EvidenceKitError("money_yucho_symbol", value="14020-5756170"))
    assert not dialog.branch_code.isReadOnly()
    fill_account(dialog, yucho="14020-57561701", holder="ｽｽﾞｷ ﾊﾅｺ")
    yucho = dialog.notes_by_field["yucho"]
    assert (yucho.kind, yucho.text()) == ("ok", "振込用の番号: 店番 408・普通・口座番号 5756170（ゆうちょ銀行 9900）")
    assert (dialog.bank_code.text(), dialog.branch_code.text(), dialog.number.text()) == ("9900", "408", "5756170")
    assert dialog.branch_code.isReadOnly() and dialog.number.isReadOnly() and not dialog.type.isEnabled()
    dialog.changed()
    save(qtbot, dialog)
    assert records(session).accounts["1"] == cr.DestinationAccount(
        id="1", bank_name="ゆうちょ銀行", bank_code="9900", branch_name="四〇八", branch_code="408", type="普通",
        number="5756170", holder_kana="ｽｽﾞｷ ﾊﾅｺ", yucho_symbol="14020-57561701")
    fill_account(dialog, yucho="")
    assert not dialog.branch_code.isReadOnly() and dialog.type.isEnabled()


def test_removing_an_account_says_which_rows_it_unties(qtbot, session, answers):
    cr.save(session.case, cr.DestinationAccount(id="1", bank_name="楽天銀行", holder_kana="ﾔﾏﾀﾞ ﾀﾛｳ"))
    cr.put(session.case, "link", "row-a", {"account": "1", "item": "x", "line": 3})
    cr.put(session.case, "link", "row-b", {"account": "1", "item": "x", "line": 4})
    dialog = open_dialog(qtbot, AccountsDialog, session)
    answers[0].append("keep")
    dialog.remove_record()
    assert answers[1][0].endswith("\n\n" + tr("money.account_removed_links", count=2))
    assert "1" in records(session).accounts


# -- actions taken ---------------------------------------------------------------------------------

def test_action_add_edit_remove(qtbot, session, answers):
    dialog = open_dialog(qtbot, ActionsDialog, session)
    dialog.date.setDate(QDate(2024, 6, 21))
    dialog.who.setCurrentIndex(dialog.who.findData("police"))
    dialog.organisation.setText("新宿警察署 生活安全課")
    dialog.what.setEditText("")
    assert not dialog.save()
    assert dialog.what_note.text() == error(EvidenceKitError("money_action_what"))
    dialog.what.setCurrentIndex(dialog.what.findText("被害届を提出"))
    dialog.reference.setText("R6-0621-001")
    save(qtbot, dialog)
    assert records(session).actions == {"1": cr.Action(id="1", date="2024-06-21", who="police",
                                                       organisation="新宿警察署 生活安全課", what="被害届を提出",
                                                       reference="R6-0621-001")}
    dialog.new_record()
    dialog.date.setDate(QDate(2024, 6, 20))
    dialog.who.setCurrentIndex(dialog.who.findData("bank"))
    dialog.what.setEditText("口座凍結を電話で依頼")
    save(qtbot, dialog)
    assert [dialog.list.item(n).text() for n in range(dialog.list.count())] == [  # by date
        "2024-06-20  銀行: 口座凍結を電話で依頼", "2024-06-21  警察 新宿警察署 生活安全課: 被害届を提出（番号 R6-0621-001）"]
    assert dialog.current_id == "2"
    dialog.list.setCurrentRow(1)
    dialog.reference.setText("R6-0621-002")
    dialog.changed()
    save(qtbot, dialog)
    assert records(session).actions["1"].reference == "R6-0621-002"
    answers[0].append("remove")
    dialog.remove_record()
    assert list(records(session).actions) == ["2"]


# -- overview, reporter, statement -----------------------------------------------------------------

def test_summary_saves_the_overview_reporter_statement_and_start(qtbot, session):
    language.set("en")
    dialog = open_dialog(qtbot, SummaryDialog, session)
    fields = dialog.fields
    dialog.case_type.setCurrentIndex(1)
    assert dialog.case_type.currentText() == "Investment scam (投資詐欺)"
    fields[("overview", "submit_to")].setText("新宿警察署 生活安全課")
    fields[("overview", "how")].setPlainText("LINE で投資を勧められ、2回振り込んだ。\n")
    fields[("reporter", "name")].setText("佐藤 さくら")
    fields[("reporter", "age")].setText("５２歳")
    fields[("reporter", "email")].setText("sakura@example")
    dialog.statement.setPlainText("令和6年5月1日、マッチングアプリで…")
    dialog.start.setText("2024-5-1")
    assert not dialog.save()
    assert dialog.notes["email"].text() == "\"sakura@example\" is not an e-mail address (e.g. name@example.jp)."
    assert dialog.notes["start"].text() == EvidenceKitError("money_bad_date", value="2024-5-1").message("en")
    fields[("reporter", "email")].setText("sakura@example.jp")
    dialog.start.setText("２０２４-０５-０１")
    save(qtbot, dialog)
    state = records(session)
    assert state.report["overview"] == {"case_type": "投資詐欺", "submit_to": "新宿警察署 生活安全課",
                                        "how": "LINE で投資を勧められ、2回振り込んだ。",
                                        "statement": "令和6年5月1日、マッチングアプリで…"}
    assert state.report["reporter"] == {"name": "佐藤 さくら", "age": "52", "email": "sakura@example.jp"}
    assert state.scam_start == "2024-05-01"
    assert dialog.statement_count.text() == "19 characters"

    before = record_events(session)  # saving again with nothing changed writes nothing
    assert dialog.save() and record_events(session) == before
    assert dialog.status.text() == "Nothing had changed."

    dialog.case_type.setEditText("SNS型投資詐欺（ロマンス詐欺を伴うもの）")  # free text stays as typed
    dialog.start.setText("")
    fields[("reporter", "age")].setText("")
    save(qtbot, dialog)
    state = records(session)
    assert state.report["overview"]["case_type"] == "SNS型投資詐欺（ロマンス詐欺を伴うもの）"
    assert state.report["reporter"] == {"name": "佐藤 さくら", "email": "sakura@example.jp"}
    assert state.scam_start is None
    reopened = open_dialog(qtbot, SummaryDialog, session)
    assert reopened.case_type.currentText() == "SNS型投資詐欺（ロマンス詐欺を伴うもの）"
    assert reopened.statement.toPlainText() == "令和6年5月1日、マッチングアプリで…"


def test_summary_bad_age_is_shown_and_nothing_is_written(qtbot, session):
    dialog = open_dialog(qtbot, SummaryDialog, session)
    dialog.fields[("reporter", "age")].setText("五十")
    before = record_events(session)
    assert not dialog.save()
    assert dialog.notes["age"].text() == "年齢「五十」は数字で入力してください（例: 52）。"
    assert record_events(session) == before


# -- the note on one exhibit -----------------------------------------------------------------------

def test_item_note_sets_and_clears_the_fields(qtbot, session, tmp_path):
    item = session.case.import_file(write(tmp_path / "memo.txt", "メモ\n".encode())).item_id
    dialog = open_dialog(qtbot, ItemNoteDialog, session, item)
    assert dialog.file.text().startswith("ファイル: memo.txt\nSHA-256: ")
    dialog.fields["title"].setText(" 最初の連絡のメモ ")
    dialog.fields["purpose"].setText("最初の連絡の日時")
    dialog.tags.setText("送金指示、 脅し,送金指示")
    dialog.key.setChecked(True)
    save(qtbot, dialog)
    assert records(session).items == {item: {"title": "最初の連絡のメモ", "purpose": "最初の連絡の日時",
                                             "tags": ["送金指示", "脅し"], "key": True}}
    assert dialog.tags.text() == "送金指示、脅し"
    before = record_events(session)
    assert dialog.save() and record_events(session) == before
    dialog.fields["title"].setText("")
    dialog.key.setChecked(False)
    dialog.excluded.setChecked(True)
    save(qtbot, dialog)
    assert records(session).items == {item: {"purpose": "最初の連絡の日時", "tags": ["送金指示", "脅し"],
                                             "excluded": True}}


# -- stalking: acts and refusals -------------------------------------------------------------------

def test_acts_add_edit_remove(qtbot, session, answers, tmp_path):
    photo = session.case.import_file(write(tmp_path / "memo.txt", "メモ\n".encode())).item_id
    dialog = open_dialog(qtbot, ActsDialog, session)
    dialog.time.setText("2024/6/25 21:30")
    dialog.type.setCurrentIndex(dialog.type.findData("following"))
    assert dialog.type.currentText() == "つきまとい・待ち伏せ・見張り・押し掛け・うろつき等（第2条第1項第1号）"
    assert not dialog.save()
    assert dialog.description_note.text() == error(EvidenceKitError("act_description"))
    dialog.description.setPlainText("帰宅すると、相手がマンションの前で待っていた。")
    dialog.place.setText("自宅マンションの前")
    dialog.witnesses.setText("なし")
    dialog.items.item(0).setCheckState(Qt.CheckState.Checked)
    save(qtbot, dialog)
    assert records(session).acts == {"1": cr.Act(
        id="1", time="2024-06-25T21:30:00+09:00", act_type="following", place="自宅マンションの前",
        description="帰宅すると、相手がマンションの前で待っていた。", witnesses="なし", exhibits=[photo])}
    assert dialog.list.item(0).text() == "2024-06-25 21:30  自宅マンションの前: 帰宅すると、相手がマンションの前で待っていた。"

    dialog.time.setText("2024-06-25 25:00")
    assert not dialog.save()
    assert dialog.time_note.text() == error(EvidenceKitError("act_bad_time", value="2024-06-25 25:00"))
    dialog.time.setText("2024-06-25")
    dialog.approx.setChecked(True)
    dialog.in_person.setCurrentIndex(2)  # not in person
    dialog.items.item(0).setCheckState(Qt.CheckState.Unchecked)
    save(qtbot, dialog)
    act = records(session).acts["1"]
    assert (act.time, act.approx, act.in_person, act.exhibits) == ("2024-06-25", True, False, [])
    assert dialog.list.item(0).text().startswith("2024-06-25頃  ")
    dialog.remove_record()  # no answer given: the last choice, keep it
    assert "1" in records(session).acts
    answers[0].append("remove")
    dialog.remove_record()
    assert records(session).acts == {}


def test_refusals_add_and_remove(qtbot, session, answers, tmp_path):
    item = session.case.import_file(write(tmp_path / "line.txt", "拒否\n".encode())).item_id
    dialog = open_dialog(qtbot, RefusalsDialog, session)
    dialog.time.setText("2024-06-24 20:00")
    dialog.method.setCurrentIndex(0)
    assert not dialog.save()
    assert dialog.content_note.text() == error(EvidenceKitError("refusal_content"))
    dialog.content.setPlainText("「もう連絡しないでください」と送った")
    dialog.exhibit.setCurrentIndex(dialog.exhibit.findData(item))
    save(qtbot, dialog)
    assert records(session).refusals == {"1": cr.Refusal(id="1", time="2024-06-24T20:00:00+09:00", method="LINE",
                                                         content="「もう連絡しないでください」と送った", exhibit=item)}
    assert dialog.exhibit.itemText(0) == "（まだない）"
    answers[0].append("remove")
    dialog.remove_record()
    assert records(session).refusals == {}


def test_tab_goes_from_the_list_through_the_form_to_the_buttons(qtbot, session):
    dialog = open_dialog(qtbot, ActionsDialog, session)
    chain, widget = [], dialog.list
    while widget is not dialog.close_button and len(chain) < 60:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    order = [dialog.list, dialog.date, dialog.who, dialog.organisation, dialog.what, dialog.reference,
             dialog.new_button, dialog.remove_button, dialog.save_button]
    assert [chain.index(w) for w in order] == sorted(chain.index(w) for w in order)
    assert dialog.save_button.isDefault()
