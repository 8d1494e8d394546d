"""The main window's views with the demo case: evidence list, timeline, filters, item pane."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from evidence_kit.core import caserecords
from evidence_kit.gui import lang
from evidence_kit.gui.session import Session
from evidence_kit.gui.views import common, filters as filters_module, item as item_module
from evidence_kit.gui.views.common import store_for
from evidence_kit.gui.views.evidence import EvidenceList
from evidence_kit.gui.views.filters import Filters
from evidence_kit.gui.views.item import ItemPane
from evidence_kit.gui.views.timeline import ENTRY_ROLE, TimelineView, block_of, tooltip
from tests.conftest import write
from tests.unit.test_timeline import line_chat

SCREENSHOT = "Screenshot_20240520-180512.png"


@pytest.fixture
def session(qtbot, demo_case):
    from evidence_kit.gui.app import register_fonts

    register_fonts()
    lang.language.set("ja")
    s = Session(demo_case)
    yield s
    s.stop_all(30)
    lang.language.set("ja")


def loaded(qtbot, session):
    store = store_for(session)
    qtbot.waitUntil(lambda: store.data is not None, timeout=20000)
    return store


def item_id(session, name: str) -> str:
    return next(i["id"] for i in session.case.items() if i["original_name"] == name)


def make(qtbot, session, cls):
    widget = cls(session)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    loaded(qtbot, session)
    return widget


def column(view: EvidenceList, n: int) -> list[str]:
    return [view.model.index(r, n).data() for r in range(view.model.rowCount())]


def row_of(view: EvidenceList, title: str) -> int:
    return column(view, 3).index(title)


def test_evidence_list_rows(qtbot, session):
    view = make(qtbot, session, EvidenceList)
    assert view.model.rowCount() == 9
    rows = {view.model.index(r, 3).data(): [view.model.index(r, c).data() for c in (1, 2, 4)]
            for r in range(9)}
    assert rows[SCREENSHOT] == ["画像", "2024-05-20 18:05（ファイル名）", "重要"]  # the demo marks it key evidence
    assert rows["line_chat_ken.txt"] == ["トーク履歴", "2024-05-01 20:14（トークの行）", ""]
    assert rows["smbc_meisai_202406.csv"] == ["取引明細", "2024-05-01（明細の日付）", ""]
    assert rows["bitflyer_torihiki_202406.csv"] == ["暗号資産の履歴", "2024-06-14 15:02（明細の日付）", ""]
    assert rows["furikomi_uketsuke_20240521.eml"] == ["メール", "2024-05-21 12:09（メールのDate）", ""]
    assert rows["00000007-PHOTO-2024-06-14-08-13-30.jpg"][1] == "2024-06-14 08:13（ファイル名）"
    assert rows["memo_first_contact.txt"][1].endswith("（ファイルの更新日時）")
    assert view.status.text() == "9件中 9件を表示"
    thumb = view.model.index(row_of(view, SCREENSHOT), 0).data(Qt.DecorationRole)
    assert not thumb.isNull() and max(thumb.width(), thumb.height()) == 48
    assert view.model.index(row_of(view, "line_chat_ken.txt"), 0).data(Qt.DecorationRole) is None
    assert view.model.index(row_of(view, SCREENSHOT), 4).data(Qt.ToolTipRole) == "重要な証拠として印を付けています。"


def test_list_sorts_by_each_column(qtbot, session):
    view = make(qtbot, session, EvidenceList)
    assert column(view, 3)[:2] == ["smbc_meisai_202406.csv", "line_chat_ken.txt"]  # by time: the day alone first
    view.table.sortByColumn(3, Qt.AscendingOrder)
    titles = column(view, 3)
    assert titles == sorted(titles, key=str.casefold) and titles[0] == "00000007-PHOTO-2024-06-14-08-13-30.jpg"
    view.table.sortByColumn(2, Qt.DescendingOrder)
    assert column(view, 3)[0] == "memo_first_contact.txt"  # its file time is the import's day, the latest
    view.table.sortByColumn(4, Qt.AscendingOrder)
    assert column(view, 3)[0] == SCREENSHOT


def test_a_title_the_victim_gave_is_shown(qtbot, session):
    view = make(qtbot, session, EvidenceList)
    store = store_for(session)
    caserecords.set_item_note(session.case, item_id(session, "Screenshot_20240528-211030.png"), title="入金画面",
                              excluded=True)
    before = store.data
    session.changed.emit()
    qtbot.waitUntil(lambda: store.data is not None and store.data is not before, timeout=20000)
    r = row_of(view, "入金画面")
    assert view.model.index(r, 4).data() == "除外"
    assert "Screenshot_20240528-211030.png" in view.model.index(r, 3).data(Qt.ToolTipRole)


def test_timeline_rows(qtbot, session):
    view = make(qtbot, session, TimelineView)
    assert len(view.events()) == 45
    entries = [view.model.index(r).data(ENTRY_ROLE) for r in range(view.model.rowCount())]
    assert [k for k, _ in entries].count("day") == 18
    assert [k for k, _ in entries].count("undated") == 1 and entries[-2][0] == "undated"
    assert view.model.rowCount() == 45 + 18 + 1
    assert view.model.index(0).data() == "2024年5月1日（水）"
    texts = [view.model.index(r).data() for r in range(view.model.rowCount())]
    assert "ケン  18:30\n送信が取り消されたメッセージ\nケンがメッセージの送信を取り消しました" in texts
    assert "Ken  11:42\n削除されたメッセージ\nThis message was deleted." in texts
    transfer = next(t for t in texts if "100,000円" in t)
    assert transfer.split("\n") == [
        "2024-05-13", "出金・振込  100,000円", "相手: みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ",
        "振込手数料 440円（明細の別の行）", "被害額に含めています（あなたが確認）", "明細の記載: 振込\u3000ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ",
        "明細の日付 ・ smbc_meisai_202406.csv 11行目"]
    assert texts[-1].split("\n")[:2] == ["この形式は中身を読み取れないため、日時がありません", "ファイル「memo_first_contact.txt」"]
    assert view.status.text() == "45件中 45件の出来事を表示（うち日時のわからないもの 1件は最後に表示）"
    paid = next(ev for kind, ev in entries if kind == "event" and ev.amount == 100_000)
    assert tooltip(paid) == ("日時: 2024-05-13\n日時の出どころ: 明細の日付\n記録の場所: smbc_meisai_202406.csv 11行目\n"
                             "ダブルクリックまたは Enter で詳細を表示")
    atm = next(ev for kind, ev in entries if kind == "event" and ev.text == "ATM")
    assert (block_of(paid, None).accent, block_of(atm, None).accent) == ("#c0392b", "#8a8f98")  # counted: it stands out
    # bubbles: the other party on the left, the victim on the right
    sides = {ev.who: view.delegate._get(view.model.index(r), _option(view))[0].align
             for r, (kind, ev) in enumerate(entries) if kind == "event" and ev.kind == "message" and ev.sub == "message"}
    assert sides == {"ケン": "left", "さくら": "right", "Ken": "left", "Sakura": "right"}


def _option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    view.list.initViewItemOption(option)
    return option


@pytest.mark.parametrize(("given", "events", "items"), [
    (Filters(kinds=("message",)), 25, {"line_chat_ken.txt", "WhatsApp Chat - Ken.zip"}),
    (Filters(kinds=("image",)), 3, {SCREENSHOT, "Screenshot_20240528-211030.png", "00000007-PHOTO-2024-06-14-08-13-30.jpg"}),
    (Filters(since=date(2024, 5, 20), until=date(2024, 5, 21)), 8,
     {"line_chat_ken.txt", SCREENSHOT, "smbc_meisai_202406.csv", "furikomi_uketsuke_20240521.eml"}),
    (Filters(text="振込"), 9,  # the screenshot: its note says 振込人名
     {"line_chat_ken.txt", "smbc_meisai_202406.csv", "furikomi_uketsuke_20240521.eml", SCREENSHOT}),
    (Filters(text="memo_first"), 1, {"memo_first_contact.txt"}),
    (Filters(party="ケン"), 13, {"line_chat_ken.txt"}),
    (Filters(kinds=("money",), text="ﾔﾏﾀﾞ"), 1, {"smbc_meisai_202406.csv"}),
])
def test_filters_give_exact_counts_in_both_views(qtbot, session, given, events, items):
    timeline = make(qtbot, session, TimelineView)
    evidence = make(qtbot, session, EvidenceList)
    timeline.filter_bar.set_filters(given)
    evidence.filter_bar.set_filters(given)
    assert len(timeline.events()) == events
    assert set(column(evidence, 3)) == items
    assert evidence.status.text() == f"9件中 {len(items)}件を表示"
    timeline.filter_bar.clear()
    assert len(timeline.events()) == 45


def test_typing_in_the_search_box_filters_after_a_pause(qtbot, session):
    view = make(qtbot, session, TimelineView)
    view.filter_bar.search.insert("ｻｸﾗ ﾄｳｼ")  # half-width: finds サクラ トウシ (keyClicks types ASCII only)
    qtbot.waitUntil(lambda: len(view.events()) == 1, timeout=5000)
    assert view.events()[0].line == 23
    view.filter_bar.type_box.setCurrentIndex(2)  # images: none of them says it
    assert view.events() == [] and view.status.text() == "条件に合う出来事はありません。"
    view.filter_bar.clear_button.click()
    assert len(view.events()) == 45 and view.filter_bar.search.text() == ""


def test_person_choices_are_the_senders(qtbot, session):
    view = make(qtbot, session, TimelineView)
    box = view.filter_bar.party_box
    assert [box.itemText(n) for n in range(box.count())] == [
        "全員", "ケン", "Ken", "さくら", "Sakura", "三井住友銀行（デモ・架空） <info@bank.example.jp>"]
    box.setCurrentIndex(4)
    assert [e.text for e in view.events()] == ["こんばんは。", "送りました。", "ケンさん、返事をください。出金はいつできますか？"]


def test_a_large_case_is_filtered_in_a_job(qtbot, session, monkeypatch):
    monkeypatch.setattr(filters_module, "LARGE", 10)
    view = make(qtbot, session, TimelineView)
    view.filter_bar.set_filters(Filters(kinds=("email",)))
    assert view.filtering.busy and len(view.events()) == 45  # still showing the last result
    qtbot.waitUntil(lambda: not view.filtering.busy, timeout=10000)
    assert [e.text for e in view.events()] == ["【デモ】お振込の受付について"]


def test_selecting_shows_the_item_and_its_sha256(qtbot, session):
    evidence = make(qtbot, session, EvidenceList)
    pane = make(qtbot, session, ItemPane)
    evidence.item_selected.connect(pane.show_item)
    wanted = next(i for i in session.case.items() if i["original_name"] == "furikomi_uketsuke_20240521.eml")
    with qtbot.waitSignal(evidence.item_selected) as selected:
        evidence.table.setFocus()
        evidence.select_item(wanted["id"])
    assert selected.args == [wanted["id"]]
    assert pane.sha.text() == wanted["sha256"] and pane.sha.isReadOnly()
    assert pane.title.text() == "furikomi_uketsuke_20240521.eml"
    pane.copy.click()
    assert QGuiApplication.clipboard().text() == wanted["sha256"] and pane.copy.text() == "コピーしました"
    qtbot.waitUntil(lambda: pane.content.currentWidget() is pane.text, timeout=10000)
    text = pane.text.toPlainText()
    assert "件名: 【デモ】お振込の受付について" in text and "お振込金額\u3000：500,000円" in text
    assert [pane.custody.item(r, 2).text() for r in range(pane.custody.rowCount())] == ["取り込み"]
    assert pane.custody.item(0, 3).text() == f"SHA-256 {wanted['sha256']}"


def test_the_timeline_selects_on_enter_and_double_click(qtbot, session):
    view = make(qtbot, session, TimelineView)
    view.show()
    qtbot.waitExposed(view)
    statement = item_id(session, "smbc_meisai_202406.csv")
    seen = []
    view.item_selected.connect(seen.append)
    row = next(r for r in range(view.model.rowCount()) if "100,000円" in view.model.index(r).data())
    view.list.setCurrentIndex(view.model.index(row))
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key_Return)
    assert seen == [statement]
    photo_row = next(r for r in range(view.model.rowCount())
                     if view.model.index(r).data(ENTRY_ROLE)[0] == "event"
                     and view.model.index(r).data(ENTRY_ROLE)[1].attrs.get("attachment"))
    photo = view.model.index(photo_row)
    view.list.scrollTo(photo)
    qtbot.waitUntil(lambda: view.list.indexAt(view.list.visualRect(photo).center()) == photo)  # laid out in batches
    centre = view.list.visualRect(photo).center()
    qtbot.mouseClick(view.list.viewport(), Qt.LeftButton, pos=centre)  # a double-click starts with a press
    qtbot.mouseDClick(view.list.viewport(), Qt.LeftButton, pos=centre)
    assert seen[-1] == item_id(session, "00000007-PHOTO-2024-06-14-08-13-30.jpg")  # the photo the message attached
    assert view.scroll_to_item(item_id(session, "furikomi_uketsuke_20240521.eml"))
    assert view.list.currentIndex().data(ENTRY_ROLE)[1].kind == "email"


def test_a_screenshot_preview_is_decrypted_in_memory_only(qtbot, session, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    pane = make(qtbot, session, ItemPane)

    def files():
        return {(p, p.stat().st_size, p.stat().st_mtime_ns) for p in Path(tmp_path).rglob("*") if p.is_file()}

    before = files()
    pane.show_item(item_id(session, SCREENSHOT))
    qtbot.waitUntil(lambda: pane.content.currentWidget() is pane.viewer, timeout=20000)
    image = pane.viewer.image
    assert (image.width(), image.height()) == (720, 1520)
    assert pane.verified is True
    assert pane.check.text() == "✓ 内容は取り込んだときと同じです（SHA-256 が一致）。"
    assert files() == before and not any(temp.iterdir())
    pane.viewer.set_zoom(None)
    fit = pane.viewer.current_scale()
    assert 0 < fit < 1
    pane.viewer.step(1)
    assert pane.viewer.current_scale() == min(z for z in item_module.ZOOMS if z > fit)
    pane.viewer.set_zoom(1.0)
    assert pane.viewer.label.pixmap().width() == 720 and pane.viewer.zoom_label.text() == "100%"


def test_chat_transcript_first_lines_then_more(qtbot, session, monkeypatch):
    monkeypatch.setattr(item_module, "TRANSCRIPT_STEP", 5)
    pane = make(qtbot, session, ItemPane)
    pane.show_item(item_id(session, "line_chat_ken.txt"))
    qtbot.waitUntil(lambda: pane.transcript.rowCount() == 5, timeout=10000)
    cells = [pane.transcript.item(0, c).text() for c in range(4)]
    assert cells == ["5", "2024-05-01 20:14", "ケン", "はじめまして。マッチングアプリから来ました、ケンです。シンガポールで投資の仕事をしています。"]
    assert not pane.more.isHidden() and pane.more.text() == "さらに5件を表示（残り12件）"
    pane.more.click()
    pane.more.click()
    pane.more.click()
    assert pane.transcript.rowCount() == 17 and pane.more.isHidden()
    unsent = [pane.transcript.item(r, 3).text() for r in range(17) if pane.transcript.item(r, 0).text() == "28"]
    assert unsent == ["【送信が取り消されたメッセージ】ケンがメッセージの送信を取り消しました"]


def test_statement_rows_with_their_line_numbers(qtbot, session):
    pane = make(qtbot, session, ItemPane)
    pane.show_item(item_id(session, "smbc_meisai_202406.csv"))
    qtbot.waitUntil(lambda: pane.table.rowCount() == 13, timeout=10000)
    row = next(r for r in range(13) if pane.table.item(r, 0).text() == "11")
    assert [pane.table.item(row, c).text() for c in range(5)] == [
        "11", "2024-05-13", "-100,000", "1,535,500", "振込\u3000ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ"]
    events = [pane.custody.item(r, 2).text() for r in range(pane.custody.rowCount())]
    assert events == ["取り込み", "明細の行を口座に関連付け", "明細の行を口座に関連付け", "明細の行に印"]
    assert [pane.custody.item(r, 3).text() for r in (1, 3)] == [
        "11行目を口座「みずほ銀行 新宿中央支店 普通 7654321 ｶ)ｸﾞﾛｰﾊﾞﾙﾄﾚｰﾄﾞ」に関連付け", "6行目: 相手から返ってきたお金"]


def test_a_note_saved_in_the_pane_shows_in_the_list(qtbot, session):
    evidence = make(qtbot, session, EvidenceList)
    pane = make(qtbot, session, ItemPane)
    target = item_id(session, "furikomi_uketsuke_20240521.eml")
    pane.show_item(target)
    assert not pane.save_note.isHidden() and not pane.note_fields["title"].isReadOnly()
    pane.note_fields["title"].setText("振込受付メール（楽天銀行あて）")
    pane.note_key.setChecked(True)
    pane.note_fields["tags"].setText("振込、銀行")
    with qtbot.waitSignal(pane.note_saved, timeout=20000):
        pane.save_note.click()
    store = store_for(session)
    qtbot.waitUntil(lambda: "振込受付メール（楽天銀行あて）" in column(evidence, 3), timeout=20000)
    assert store.data.note(target) == {"title": "振込受付メール（楽天銀行あて）", "key": True, "tags": ["振込", "銀行"]}
    assert evidence.model.index(row_of(evidence, "振込受付メール（楽天銀行あて）"), 4).data() == "重要"
    qtbot.waitUntil(lambda: pane.custody.rowCount() == 2, timeout=10000)
    assert pane.custody.item(1, 2).text() == "メモ・印の変更"
    assert pane.custody.item(1, 3).text() == "標目、重要な証拠、タグ"
    assert pane.title.text() == "振込受付メール（楽天銀行あて）"
    assert pane.note_status.text() == "保存しました（記録に残りました）。"


def test_language_switch_retranslates_every_view(qtbot, session):
    evidence = make(qtbot, session, EvidenceList)
    timeline = make(qtbot, session, TimelineView)
    pane = make(qtbot, session, ItemPane)
    pane.show_item(item_id(session, SCREENSHOT))
    qtbot.waitUntil(lambda: pane.verified is True, timeout=20000)
    header = evidence.model.headerData
    assert [header(c, Qt.Horizontal) for c in range(1, 5)] == ["種類", "日時（どこから）", "名前", "印"]
    lang.language.set("en")
    assert [header(c, Qt.Horizontal) for c in range(1, 5)] == ["Type", "Time (from)", "Title", "Marks"]
    assert evidence.model.index(row_of(evidence, SCREENSHOT), 2).data() == "2024-05-20 18:05 (file name)"
    assert evidence.model.index(row_of(evidence, SCREENSHOT), 4).data() == "Key"
    assert evidence.filter_bar._type_label.text() == "T&ype"
    assert evidence.filter_bar.type_box.itemText(1) == "Chat messages"
    assert evidence.status.text() == "9 of 9 items shown"
    assert timeline.model.index(0).data() == "Wed 1 May 2024"
    assert timeline.status.text() == "45 of 45 events shown (1 without a time, shown at the end)"
    assert [pane.tabs.tabText(n) for n in range(3)] == ["Co&ntent", "&Details", "Note &and tags"]
    assert pane.subtitle.text() == "Image ・ 2024-05-20 18:05 (file name)"
    assert pane.check.text() == "✓ The content is the same as when it was imported (SHA-256 matches)."
    assert not pane.viewer.image.isNull()  # the picture stays: no second decryption for a language switch
    lang.language.set("ja")
    assert timeline.model.index(0).data() == "2024年5月1日（水）"
    assert pane.tabs.tabText(0) == "内容(&N)"
    assert pane.check.text() == "✓ 内容は取り込んだときと同じです（SHA-256 が一致）。"


def test_locking_empties_every_view(qtbot, session):
    evidence = make(qtbot, session, EvidenceList)
    timeline = make(qtbot, session, TimelineView)
    pane = make(qtbot, session, ItemPane)
    pane.show_item(item_id(session, SCREENSHOT))
    qtbot.waitUntil(lambda: not pane.viewer.image.isNull(), timeout=20000)
    shot = item_id(session, SCREENSHOT)
    assert store_for(session).thumbnail(shot, 48) is not None
    session.lock()
    assert evidence.model.rowCount() == 0 and timeline.model.rowCount() == 0
    assert evidence.status.text() == "ケースはロックされています。パスフレーズで開くと、証拠が表示されます。"
    assert pane.viewer.image.isNull() and pane.sha.text() == "" and pane.item_id is None
    assert store_for(session)._pixmaps == {} and store_for(session).data is None
    assert store_for(session).thumbnail(shot, 48) is None


def test_a_load_that_fails_says_why(qtbot, session, monkeypatch):
    from evidence_kit.core.errors import EvidenceKitError

    def broken(case, cancel=None):
        raise EvidenceKitError("io_error", path="/x/index", reason="Input/output error")

    monkeypatch.setattr(common, "load", broken)
    view = EvidenceList(session)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not store_for(session).loading, timeout=10000)
    assert view.model.rowCount() == 0
    assert view.status.text().startswith("証拠を読み込めませんでした。")
    assert "Input/output error" in view.status.text()


def test_an_empty_case_says_how_to_start(qtbot, unlocked):
    session = Session(unlocked)
    view = make(qtbot, session, EvidenceList)
    timeline = make(qtbot, session, TimelineView)
    assert view.model.rowCount() == 0
    assert view.status.text() == "証拠はまだありません。ファイルをこの画面にドラッグすると取り込めます。"
    assert timeline.status.text() == view.status.text()
    session.stop_all(10)


def test_a_chat_of_thousands_loads_off_the_gui_thread(qtbot, unlocked, tmp_path):
    unlocked.import_paths([write(tmp_path / "chat.txt", line_chat(6000).encode("utf-8"))])
    session = Session(unlocked)
    view = TimelineView(session)
    qtbot.addWidget(view)
    assert store_for(session).loading  # the load runs in a Job: the window is drawn meanwhile
    loaded(qtbot, session)
    assert len(view.events()) == 6000
    assert view.model.rowCount() == 6000 + 150  # 40 messages a day: 150 days
    view.filter_bar.set_filters(Filters(text="メッセージ 5999"))
    qtbot.waitUntil(lambda: len(view.events()) == 1, timeout=10000)  # more than LARGE events: in a Job
    session.stop_all(10)


def test_views_need_no_display_words_missing(qtbot, session):
    """Every text key the views use exists in Japanese and English."""
    from evidence_kit.i18n import MESSAGES
    from evidence_kit.i18n.guiviews_messages import TEXTS

    assert all(set(t) == {"ja", "en"} for t in TEXTS.values())
    for source in common.SOURCES:
        assert f"views.source_{source}" in MESSAGES and f"views.source_tip_{source}" in MESSAGES
    for kind in ("image", "chat", "statement", "crypto", "email", "audio", "video", "pdf", "file"):
        assert f"views.kind_{kind}" in MESSAGES
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
