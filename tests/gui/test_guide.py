"""The guide window: pages, the self-check flow by keyboard, the contacts with their sources, run-time
language, large fonts, and that nothing in it reaches for the network."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from evidence_kit import guide
from evidence_kit.gui.dialogs.guide import GuideWindow
from evidence_kit.gui.lang import language
from evidence_kit.i18n import tr


@pytest.fixture
def window(qtbot):
    from evidence_kit.gui.app import register_fonts

    register_fonts()
    language.set("ja")
    w = GuideWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    language.set("ja")


def _page_names(w):
    return [w.pages.item(r).text() for r in range(w.pages.count())]


def test_four_pages_listed_on_the_left_and_moved_through_with_the_arrow_keys(window, qtbot):
    assert window.windowTitle() == "ガイド"
    assert _page_names(window) == ["1. 急ぐ度合いのチェック", "2. すぐにする5つのこと", "3. やりとりの残し方", "4. 相談先"]
    assert window.page() == "check"
    window.pages.setFocus()
    for expected in ("actions", "export", "contacts"):
        qtbot.keyClick(window.pages, Qt.Key.Key_Down)
        assert window.page() == expected
    qtbot.keyClick(window.pages, Qt.Key.Key_Home)
    assert window.page() == "check"
    assert window.pages_label.buddy() is window.pages and window.pages_label.text() == "ページ(&P)"


def test_the_self_check_asks_most_urgent_first_and_stops_at_the_first_yes(window, qtbot):
    check = window.check
    assert check.progress.text() == "質問 1 / 5"
    assert tr("guide.q.danger", "ja") in check.question.text()
    assert not check.back.isEnabled()
    check.no.setFocus()
    qtbot.keyClick(check.no, Qt.Key.Key_Space)  # no danger
    assert check.progress.text() == "質問 2 / 5" and check.back.isEnabled()
    assert QApplication.focusWidget() is check.yes  # the next question is ready for the keyboard
    qtbot.keyClick(check.no, Qt.Key.Key_Space)  # no money sent
    qtbot.keyClick(check.yes, Qt.Key.Key_Space)  # asked for money
    assert check.answers == {"danger": False, "money_sent": False, "asked": True}
    assert check.steps.currentIndex() == 1 and check.level() == 3
    text = check.result.toPlainText()
    assert text.startswith("レベル 3（5 段階）：お金を取られる手前です\n")
    assert tr("guide.level.3.now", "ja") in text and "目安：48 時間以内" in text
    assert "電話 #9110 警察相談専用電話" in text and "電話 188 消費者ホットライン" in text
    assert check.to_actions.isVisibleTo(window)
    check.to_actions.click()
    assert window.page() == "actions" and window.pages.currentRow() == 1


def test_danger_gives_level_5_with_110_first_and_back_goes_to_the_question(window):
    check = window.check
    check.yes.click()
    assert check.level() == 5
    lines = check.result.toPlainText().splitlines()
    assert lines[0] == "レベル 5（5 段階）：いますぐ身の安全を"
    assert "いますぐ 110 番に電話してください。できれば安全な場所に移ってください。" in lines
    assert "目安：いますぐ" in lines
    assert lines.index("電話 110 警察（緊急）") < lines.index("電話 #9110 警察相談専用電話")
    assert check.change.text() == "前の質問へ(&B)" and check.change.isVisibleTo(window)
    check.change.click()  # answered too quickly: back to the question
    assert check.answers == {} and check.steps.currentIndex() == 0 and check.progress.text() == "質問 1 / 5"
    assert QApplication.focusWidget() is check.yes


def test_money_sent_gives_level_4_bank_within_24_hours(window):
    check = window.check
    check.no.click()
    check.yes.click()
    text = check.result.toPlainText()
    assert check.level() == 4 and "目安：24 時間以内" in text
    assert "お金を送った銀行" in text and "#9110" in text
    assert "電話 0570-016811 金融庁 金融サービス利用者相談室" in text


def test_all_no_gives_level_1_without_the_five_actions_and_restart_starts_over(window):
    check = window.check
    for _ in range(5):
        check.no.click()
    assert check.level() == 1 and check.result.toPlainText().startswith("レベル 1（5 段階）：様子を見ましょう")
    assert not check.to_actions.isVisibleTo(window) and check.to_contacts.isVisibleTo(window)
    check.to_contacts.click()
    assert window.page() == "contacts"
    check.restart.click()
    assert check.answers == {} and check.steps.currentIndex() == 0


def test_the_yes_and_no_mnemonics_answer_from_the_keyboard(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.check.yes.text() == "はい(&Y)" and window.check.no.text() == "いいえ(&N)"
    # a mnemonic "animates" the click: the button is shown pressed for a moment, then clicked
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.check.answers == {"danger": False})
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.check.answers == {"danger": False, "money_sent": True})
    assert window.check.steps.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # see the five actions
    qtbot.waitUntil(lambda: window.page() == "actions")


def test_the_contacts_page_shows_every_number_with_its_source_and_date(window):
    text = window.contacts_page.toPlainText()
    for c in guide.contacts():
        block = text[text.index(c.name["ja"]):]
        entry = block[:block.index("に確認）") + len("に確認）")]
        assert ("電話 " if c.kind == "phone" else "ウェブ ") + c.number in entry
        assert f"受付：{c.hours['ja']}" in entry and c.purpose["ja"] in entry
        sources = " , ".join(unquote(s) for s in c.sources)
        assert entry.endswith(f"出典：{sources}（2026-11-22 に確認）"), c.id
    # grouped, police first
    assert text.index("\n警察\n") < text.index("お金・銀行") < text.index("法律の相談") < text.index("つきまとい・DV・人権")
    assert text.index("電話 110") < text.index("電話 0570-078374")


def test_nothing_on_any_page_is_a_link(window):
    window.check.yes.click()
    for page in (window.check.result, window.actions_page, window.export_page, window.contacts_page):
        assert "<a " not in page.toHtml() and not page.openLinks() and not page.openExternalLinks()
        assert page.toPlainText().strip()


def test_the_language_switches_at_run_time_and_keeps_the_answers(window, qtbot):
    window.check.no.click()
    window.pages.setCurrentRow(3)
    qtbot.mouseClick(window.other_language, Qt.MouseButton.LeftButton)
    assert language.code == "en"
    assert window.windowTitle() == "Guide" and window.other_language.text() == "日本語(&J)"
    assert _page_names(window) == ["1. How urgent is it?", "2. Five things to do now", "3. Saving chats and e-mail",
                                   "4. Where to get help"]
    assert window.page() == "contacts"
    assert window.check.progress.text() == "Question 2 of 5"
    assert "Have you already sent money?" in window.check.question.text()
    assert window.check.yes.text() == "&Yes" and window.close_button.text() == "&Close"
    contacts = window.contacts_page.toPlainText()
    assert "Houterasu (Japan Legal Support Center) support line" in contacts and "(checked 2026-11-22)" in contacts
    assert "Phone 0570-078374" in contacts and "Hours: Weekdays 9:00–21:00, Saturdays 9:00–17:00" in contacts
    assert "Export chat history" in window.export_page.toPlainText()
    assert window.actions_page.toPlainText().startswith("Five things to do now")
    window.check.yes.click()
    assert window.check.result.toPlainText().startswith("Level 4 of 5: Money has already been lost")
    language.set("ja")
    assert window.check.result.toPlainText().startswith("レベル 4（5 段階）：お金の被害が出ています")
    assert window.windowTitle() == "ガイド"


def test_at_a_large_font_the_page_names_and_answers_fit(window, qtbot):
    small = window.pages.width()
    font = QFont(window.font())
    font.setPointSize(24)
    window.setFont(font)
    qtbot.waitUntil(lambda: window.pages.width() > small)
    metrics = window.pages.fontMetrics()
    assert metrics.height() > 24
    widest = max(metrics.horizontalAdvance(name) for name in _page_names(window))
    assert window.pages.viewport().width() >= widest
    for button in (window.check.yes, window.check.no, window.check.back):
        qtbot.waitUntil(lambda b=button: b.width() >= b.sizeHint().width())
    assert window.check.yes.height() >= 2 * window.check.yes.fontMetrics().height()
    assert window.check.question.wordWrap() and window.check.examples.wordWrap()


def test_a_broken_contacts_file_is_explained_on_the_page_and_110_still_shown(window, monkeypatch, tmp_path):
    broken = tmp_path / "contacts.toml"
    broken.write_text("[[contact]]\nid = 'x'\n", encoding="utf-8")
    monkeypatch.setattr(guide, "CONTACTS_FILE", broken)
    language.set("en")  # rebuilds every page
    text = window.contacts_page.toPlainText()
    assert f"The list of contacts ({broken} #1) could not be read (missing group, kind, number" in text
    assert "If you are in danger now, call 110" in text
    window.check.yes.click()
    assert "If you are in danger now, call 110" in window.check.result.toPlainText()


def test_the_close_button_closes_the_window(window):
    window.close_button.click()
    assert not window.isVisible()


def test_opening_the_guide_loads_no_network_module():
    code = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
            "from evidence_kit.gui.dialogs.guide import GuideWindow; w = GuideWindow(); w.show(); app.processEvents()\n"
            "w.check.yes.click(); print(sorted(m for m in sys.modules if 'QtNetwork' in m or m in ('socket', 'ssl')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
