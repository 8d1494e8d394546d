"""The offline guide window: an urgency self-check, the five immediate actions, how to export chats and
e-mail, and the contacts (with their sources and the date they were checked).

Everything is built from evidence_kit.guide (logic and the contacts file) and the "guide.*" texts; nothing
is fetched from the network and no link opens anything. A list of pages on the left (arrow keys move
between pages, Tab goes into the page); the language switches at run time through `language.changed`."""

from __future__ import annotations

from html import escape
from urllib.parse import unquote

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QPushButton, QStackedWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from ... import guide
from ...core.errors import EvidenceKitError
from ..lang import language, tr
from ..safety import app_title, neutral

PAGES = ("check", "actions", "export", "contacts")
STYLE = "p, li { line-height: 140%; } li { margin-bottom: 2px; }"  # room between lines for tired eyes


def _items(key: str, ordered: bool = False) -> str:
    """A text whose lines are list items, as an HTML list."""
    tag = "ol" if ordered else "ul"
    lines = "".join(f"<li>{escape(line)}</li>" for line in tr(key).splitlines() if line.strip())
    return f"<{tag}>{lines}</{tag}>"


def _paragraphs(key: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in tr(key).splitlines() if line.strip())


def actions_html() -> str:
    parts = [f"<h2>{escape(tr('guide.actions.heading'))}</h2>", _paragraphs("guide.actions.intro")]
    for n, action in enumerate(guide.ACTIONS, 1):
        parts.append(f"<h3>{n}. {escape(tr(f'guide.action.{action}.title'))}</h3>")
        parts.append(_items(f"guide.action.{action}.points"))
    parts.append(f"<h3>{escape(tr('guide.police.title'))}</h3>{_items('guide.police.points')}")
    return "".join(parts)


def export_html() -> str:
    parts = [f"<h2>{escape(tr('guide.export.heading'))}</h2>", _paragraphs("guide.export.intro")]
    for kind in guide.EXPORTS:
        parts.append(f"<h3>{escape(tr(f'guide.export.{kind}.title'))}</h3>")
        parts.append(_items(f"guide.export.{kind}.steps", ordered=kind != "screenshots"))
        parts.append(_items(f"guide.export.{kind}.points"))
    return "".join(parts)


def _number(contact: guide.Contact) -> str:
    key = "guide.contacts.web" if contact.kind == "web" else "guide.contacts.phone"
    return escape(tr(key, number=contact.number))


def contact_html(contact: guide.Contact) -> str:
    lang = language.code
    lines = [f"<b>{escape(contact.text('name', lang))}</b>",
             f"<span style='font-size:x-large; font-weight:bold'>{_number(contact)}</span>",
             escape(contact.text("purpose", lang)),
             escape(tr("guide.contacts.hours", hours=contact.text("hours", lang)))]
    if contact.text("note", lang):
        lines.append(escape(contact.text("note", lang)))
    # percent-encoded Japanese addresses shown as the words they are (nothing here is a link)
    source = tr("guide.contacts.source", sources=" , ".join(unquote(s) for s in contact.sources),
                date=contact.checked.isoformat())
    lines.append(f"<span style='font-size:small'>{escape(source)}</span>")
    return "<p>" + "<br>".join(lines) + "</p>"


def contacts_html() -> str:
    intro = tr("guide.contacts.intro").splitlines()
    parts = [f"<h2>{escape(tr('guide.contacts.heading'))}</h2>", f"<p><b>{escape(intro[0])}</b></p>",
             *(f"<p>{escape(line)}</p>" for line in intro[1:])]
    try:
        found = guide.contacts()
    except EvidenceKitError as exc:
        return "".join(parts) + f"<p><b>{escape(exc.message(language.code))}</b></p>"
    for group in guide.GROUPS:
        members = [c for c in found if c.group == group]
        if members:
            parts.append(f"<hr><h3>{escape(tr(f'guide.group.{group}'))}</h3>")
            parts.extend(contact_html(c) for c in members)
    return "".join(parts)


def result_html(level: int) -> str:
    info = guide.LEVELS[level]
    parts = [f"<h3>{escape(tr('guide.check.result', level=level, name=tr(f'guide.level.{level}.name')))}</h3>",
             f"<p>{escape(tr('guide.check.now'))}<br><b>{escape(tr(f'guide.level.{level}.now'))}</b></p>",
             f"<p><b>{escape(tr('guide.check.then'))}</b><br>{escape(tr(f'guide.level.{level}.then'))}</p>",
             f"<p>{escape(tr('guide.check.within', within=tr(f'guide.level.{level}.within')))}</p>",
             f"<p><b>{escape(tr('guide.check.call'))}</b></p>"]
    try:
        known = guide.contacts_by_id()
    except EvidenceKitError as exc:
        return "".join(parts) + f"<p>{escape(exc.message(language.code))}</p>"
    lines = []
    for cid in info.contacts:
        c = known[cid]
        hours = tr("guide.contacts.hours", hours=c.text("hours", language.code))
        lines.append(f"<li><b>{_number(c)}</b> {escape(c.text('name', language.code))}<br>"
                     f"{escape(hours)}</li>")
    return "".join(parts) + f"<ul>{''.join(lines)}</ul>"


def _row(*widgets) -> QHBoxLayout:
    """Widgets side by side; None is the space that takes what is left."""
    row = QHBoxLayout()
    for widget in widgets:
        if widget is None:
            row.addStretch(1)
        else:
            row.addWidget(widget)
    return row


class TextPage(QTextBrowser):
    """A page of text: read-only, keyboard-scrollable, selectable, and never following a link."""

    def __init__(self, build, parent=None):
        super().__init__(parent)
        self._build = build
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.document().setDefaultStyleSheet(STYLE)
        self.refresh()

    def refresh(self) -> None:
        self.setHtml(self._build())


class SelfCheckPage(QWidget):
    """The urgency self-check: one question at a time, most urgent first; the first "yes" gives the level."""

    go_to = Signal(str)  # a page name: the result's buttons lead to the actions or the contacts

    def __init__(self, parent=None):
        super().__init__(parent)
        self.answers: dict[str, bool] = {}
        self.heading = QLabel()
        self.intro = QLabel()
        self.progress = QLabel()
        self.question = QLabel()
        self.examples = QLabel()
        for label in (self.heading, self.intro, self.progress, self.question, self.examples):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self.yes, self.no, self.back = QPushButton(), QPushButton(), QPushButton()
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        self.back.clicked.connect(self.undo)

        asking = QWidget()
        layout = QVBoxLayout(asking)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.progress, self.question, self.examples):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addLayout(_row(self.yes, self.no, None, self.back))
        layout.addStretch(1)

        result = QWidget()
        self.result = TextPage(lambda: result_html(self.level()))
        self.to_actions, self.to_contacts = QPushButton(), QPushButton()
        self.change, self.restart = QPushButton(), QPushButton()  # change: back to the last question answered
        self.change.clicked.connect(self.undo)
        self.to_actions.clicked.connect(lambda: self.go_to.emit("actions"))
        self.to_contacts.clicked.connect(lambda: self.go_to.emit("contacts"))
        self.restart.clicked.connect(self.reset)
        layout = QVBoxLayout(result)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result, 1)
        layout.addLayout(_row(self.to_actions, self.to_contacts, None))  # two rows: narrow at large fonts
        layout.addLayout(_row(self.change, self.restart, None))

        self.steps = QStackedWidget()
        self.steps.addWidget(asking)
        self.steps.addWidget(result)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.steps, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_answers()

    def _size_answers(self) -> None:
        """The two answers: big targets, easy to tell apart, at any font size."""
        for button in (self.yes, self.no):
            metrics = button.fontMetrics()
            button.setMinimumSize(max(button.sizeHint().width(), 7 * metrics.height()), 2 * metrics.height())

    def level(self) -> int:
        return guide.urgency(self.answers)

    def current(self) -> str | None:
        """The question on screen, or None when the result is shown."""
        return guide.next_question(self.answers)

    def answer(self, value: bool) -> None:
        question = self.current()
        if question is not None:
            self.answers[question] = value
            self.refresh(focus=True)

    def undo(self) -> None:
        if self.answers:
            self.answers.popitem()  # dicts keep order: the last answer given
            self.refresh(focus=True)

    def reset(self) -> None:
        self.answers.clear()
        self.refresh(focus=True)

    def refresh(self, focus: bool = False) -> None:
        question = self.current()
        if question is None:
            self.result.refresh()
            self.to_actions.setVisible(guide.LEVELS[self.level()].actions)
            self.steps.setCurrentIndex(1)
            if focus:
                self.result.setFocus()
            return
        n = guide.QUESTION_IDS.index(question) + 1
        self.progress.setText(tr("guide.check.progress", n=n, total=len(guide.QUESTION_IDS)))
        self.question.setText(f"<big><b>{escape(tr(f'guide.q.{question}'))}</b></big>")
        self.examples.setText(tr(f"guide.q.{question}.examples"))
        self.back.setEnabled(bool(self.answers))
        self.steps.setCurrentIndex(0)
        if focus:
            self.yes.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(f"<h2>{escape(tr('guide.check.heading'))}</h2>")
        self.intro.setText(tr("guide.check.intro"))
        for button, key in ((self.yes, "yes"), (self.no, "no"), (self.back, "back"), (self.change, "back"), (self.restart, "restart"),
                            (self.to_actions, "to_actions"), (self.to_contacts, "to_contacts")):
            button.setText(tr(f"guide.check.{key}"))
        self._size_answers()
        self.refresh()


class GuideWindow(QWidget):
    """The guide, a window of its own (it needs no case)."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("GuideWindow")
        self.pages = QListWidget()
        self.pages.addItems([""] * len(PAGES))
        self.pages.setSpacing(4)
        self.pages_label = QLabel()
        self.pages_label.setBuddy(self.pages)
        self.check = SelfCheckPage()
        self.check.go_to.connect(self.show_page)
        self.actions_page = TextPage(actions_html)
        self.export_page = TextPage(export_html)
        self.contacts_page = TextPage(contacts_html)
        self.stack = QStackedWidget()
        for page in (self.check, self.actions_page, self.export_page, self.contacts_page):
            self.stack.addWidget(page)
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.disclaimer = QLabel()
        self.disclaimer.setWordWrap(True)
        self.other_language = QPushButton()
        self.other_language.clicked.connect(lambda: language.set("en" if language.code == "ja" else "ja"))
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)

        side = QVBoxLayout()
        side.addWidget(self.pages_label)
        side.addWidget(self.pages, 1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.stack, 1)
        bottom = _row(self.disclaimer, self.other_language, self.close_button)
        bottom.setStretchFactor(self.disclaimer, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

        self.setTabOrder(self.pages, self.stack)
        self.pages.setCurrentRow(0)
        self.pages.setFocus()
        language.changed.connect(self.retranslate)
        self.retranslate()
        self.resize(960, 680)

    def page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def show_page(self, name: str) -> None:
        self.pages.setCurrentRow(PAGES.index(name))
        self.stack.currentWidget().setFocus()

    def retitle(self) -> None:
        """「ガイド」, or the neutral name when the user chose one (safety.apply_neutral calls this)."""
        self.setWindowTitle(app_title() if neutral() else tr("guide.title"))

    def retranslate(self, *_args) -> None:
        self.retitle()
        self.pages_label.setText(tr("guide.pages_label"))
        for row, name in enumerate(PAGES):
            self.pages.item(row).setText(tr(f"guide.page.{name}"))
        self.check.retranslate()
        for page in (self.actions_page, self.export_page, self.contacts_page):
            page.refresh()
        self.disclaimer.setText(tr("guide.disclaimer"))
        self.other_language.setText(tr("guide.other_language"))
        self.close_button.setText(tr("guide.close"))
        self._fit_pages()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_pages()

    def _fit_pages(self) -> None:
        """The page list as wide as its longest name at the current font (large fonts included)."""
        metrics = self.pages.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.pages.item(r).text()) for r in range(self.pages.count()))
        frame = 2 * self.pages.frameWidth() + 4 * metrics.averageCharWidth()
        self.pages.setFixedWidth(widest + frame)


_window: GuideWindow | None = None


def open_guide() -> GuideWindow:
    """The app's one guide window (the start window and the main window share it), shown and brought
    to the front; made on first use, and again after it was deleted."""
    global _window
    if _window is None or not shiboken6.isValid(_window):
        _window = GuideWindow()
    _window.show()
    _window.raise_()
    _window.activateWindow()
    return _window
