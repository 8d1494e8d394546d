"""The filters both views use: type, date range, person, text. `FilterBar` is the row of controls;
`Filters` is what it says (plain data), applied to the case's events by `core.timeline.select`.
A case with many events is filtered in a Job (`Filtering`), so typing never freezes the window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...core import timeline as tl
from ..lang import error_text, language, tr
from ..workers import Job
from .common import LARGE, CaseData, store_for

# the type choices: (code, the event kinds it shows)
TYPES = (
    ("all", None),
    ("message", ("message",)),
    ("image", ("image",)),
    ("email", ("email",)),
    ("money", ("money",)),
    ("crypto", ("crypto",)),
    ("action", ("action", "act", "refusal")),
    ("file", ("file",)),
)
_NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum: shown as "none"


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] | None = None
    since: date | None = None
    until: date | None = None
    party: str | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        return any((self.kinds is not None, self.since, self.until, self.party, self.text.strip()))

    def apply(self, data: CaseData) -> list[tl.Event]:
        return tl.select(data.events, kinds=self.kinds, since=self.since, until=self.until, party=self.party,
                         text=self.text, records=data.records)


class FilterBar(QWidget):
    """Type, from, to, person, search; `changed(Filters)` a moment after the user stops typing."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._type_label = QLabel()
        self.type_box = QComboBox()
        self._from_label = QLabel()
        self.since_edit = self._date_edit()
        self._to_label = QLabel()
        self.until_edit = self._date_edit()
        self._party_label = QLabel()
        self.party_box = QComboBox()
        self.party_box.setMinimumContentsLength(8)
        self.party_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.clear_button = QPushButton()
        for label, buddy in ((self._type_label, self.type_box), (self._from_label, self.since_edit),
                             (self._to_label, self.until_edit), (self._party_label, self.party_box)):
            label.setBuddy(buddy)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self._type_label, self.type_box, self._from_label, self.since_edit, self._to_label, self.until_edit,
                  self._party_label, self.party_box):
            row.addWidget(w)
        row.addWidget(self.search, 1)
        row.addWidget(self.clear_button)
        self._timer = QTimer(self, singleShot=True, interval=250)  # typing: filter once the user pauses
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        for signal in (self.type_box.currentIndexChanged, self.since_edit.dateChanged, self.until_edit.dateChanged,
                       self.party_box.currentIndexChanged):
            signal.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        self._people: list[str] = []
        self._quiet = False
        self.retranslate()
        language.changed.connect(self.retranslate)

    def _date_edit(self) -> QDateEdit:
        edit = _DateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setDate(_NO_DATE)
        return edit

    def controls(self) -> list[QWidget]:
        """What Tab goes through, in reading order."""
        return [self.type_box, self.since_edit, self.until_edit, self.party_box, self.search, self.clear_button]

    def retranslate(self) -> None:
        self._quiet = True
        try:
            kind = self.type_box.currentIndex()
            self.type_box.clear()
            self.type_box.addItems([tr(f"views.filter_type_{code}") for code, _ in TYPES])
            self.type_box.setCurrentIndex(max(kind, 0))
            self._fill_people()
            for edit in (self.since_edit, self.until_edit):
                edit.setSpecialValueText(tr("views.filter_no_date"))
        finally:
            self._quiet = False
        self._type_label.setText(tr("views.filter_type"))
        self._from_label.setText(tr("views.filter_from"))
        self._to_label.setText(tr("views.filter_to"))
        self._party_label.setText(tr("views.filter_party"))
        self.search.setPlaceholderText(tr("views.filter_search"))
        self.search.setToolTip(tr("views.filter_search_tip"))
        self.clear_button.setText(tr("views.filter_clear"))

    def set_people(self, names: list[str]) -> None:
        """The person choices (the senders of the case's messages and e-mails); the choice made stays
        when that person is still there."""
        self._people = list(names)
        self._quiet = True
        try:
            self._fill_people()
        finally:
            self._quiet = False

    def _fill_people(self) -> None:
        chosen = self.party_box.currentData()
        self.party_box.clear()
        self.party_box.addItem(tr("views.filter_everyone"), None)
        for name in self._people:
            self.party_box.addItem(name, name)
        index = self.party_box.findData(chosen) if chosen else 0
        self.party_box.setCurrentIndex(max(index, 0))

    def filters(self) -> Filters:
        since = self.since_edit.date()
        until = self.until_edit.date()
        return Filters(
            kinds=TYPES[max(self.type_box.currentIndex(), 0)][1],
            since=since.toPython() if since != _NO_DATE else None,
            until=until.toPython() if until != _NO_DATE else None,
            party=self.party_box.currentData(),
            text=self.search.text(),
        )

    def set_filters(self, f: Filters) -> None:
        """Show these filters (another view's, or a test's) and apply them at once."""
        self._quiet = True
        try:
            self.type_box.setCurrentIndex(next((n for n, (_, kinds) in enumerate(TYPES) if kinds == f.kinds), 0))
            self.since_edit.setDate(QDate(f.since) if f.since else _NO_DATE)
            self.until_edit.setDate(QDate(f.until) if f.until else _NO_DATE)
            if f.party and self.party_box.findData(f.party) < 0:
                self.party_box.addItem(f.party, f.party)
            self.party_box.setCurrentIndex(max(self.party_box.findData(f.party), 0) if f.party else 0)
            self.search.setText(f.text)
        finally:
            self._quiet = False
        self._emit()

    def clear(self) -> None:
        self.set_filters(Filters())

    def forget(self) -> None:
        """Back to no filter and no person to choose, quietly (the case was locked: the senders' names and
        what was searched for are not left in the controls)."""
        self._people = []
        self._quiet = True
        try:
            self.type_box.setCurrentIndex(0)
            for edit in (self.since_edit, self.until_edit):
                edit.setDate(_NO_DATE)
            self.party_box.setCurrentIndex(0)
            self._fill_people()
            self.search.clear()
        finally:
            self._quiet = False
        self._timer.stop()  # started by the search box's textChanged

    def _emit(self) -> None:
        if not self._quiet:
            self._timer.stop()
            self.changed.emit(self.filters())


class _DateEdit(QDateEdit):
    """A date edit that Tab can leave while it shows 「指定なし」: Qt's steps Tab through the date's parts,
    and while the text stands in for the date there are none to reach, so Tab stayed in it for ever."""

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt's name
        if self.specialValueText() and self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next_)
        return super().focusNextPrevChild(next_)


class Filtering(QObject):
    """Applies filters to a snapshot: at once for a small case, in a Job for a large one (the newest
    request wins; an older result arriving late is dropped). `done(filters, events)`."""

    done = Signal(object, object)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._generation = 0
        self._job: Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def run(self, data: CaseData, f: Filters, fn=None) -> None:
        """`done(f, fn(data, f))`; fn defaults to the events that pass (all of them when no filter is set)."""
        fn = fn or _events
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None
        if len(data.events) <= LARGE or not f.active:
            self.done.emit(f, fn(data, f))
            return
        generation = self._generation
        job = Job(lambda progress, cancel: fn(data, f))
        job.finished.connect(lambda evs, g=generation: self._finished(g, f, evs))
        job.failed.connect(lambda exc, g=generation: self._finished(g, f, None))
        self._job = job
        self.session.start(job)

    def _finished(self, generation: int, f: Filters, evs) -> None:
        if generation == self._generation:
            self._job = None
            if evs is not None:
                self.done.emit(f, evs)


def _events(data: CaseData, f: Filters) -> list[tl.Event]:
    return f.apply(data) if f.active else data.events


class FilteredView(QWidget):
    """What the evidence list and the timeline share: the filter bar above, `body` in the middle, a
    line of status below; the case's data from the session's store, filtered through `Filtering`
    whenever it or the filters change. A subclass gives `select(data, filters)` (run in a Job for a
    large case), `show_result(result)` (None: nothing to show) and `update_status()`."""

    item_selected = Signal(str)

    def __init__(self, session, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.store = store_for(session)
        self.filter_bar = FilterBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(body, 1)
        layout.addWidget(self.status)
        self.body = body  # what takes the focus when the view is chosen (no focus proxy: Tab would skip the filters)
        chain = [*self.filter_bar.controls(), body]  # the filters, then what they filter
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._filters = Filters()
        self.filtering = Filtering(session, self)
        self.filtering.done.connect(self._filtered)
        self.filter_bar.changed.connect(self.set_filters)
        self.store.loaded.connect(self._loaded)
        self.store.failed.connect(self._load_failed)
        self._error: BaseException | None = None
        language.changed.connect(self.retranslate)

    def select(self, data: CaseData, f: Filters):
        return _events(data, f)

    def show_result(self, result) -> None:
        raise NotImplementedError

    def update_status(self) -> None:
        raise NotImplementedError

    def data_loaded(self, data: CaseData | None) -> None:
        """A new snapshot (or None), before it is filtered."""

    def _load_failed(self, exc: BaseException) -> None:
        self._error = exc
        self.update_status()

    def _loaded(self) -> None:
        data = self.store.data
        if data is not None:
            self._error = None
        self.data_loaded(data)
        if data is not None:
            self.filter_bar.set_people(data.people)
        elif self.session.locked:
            self.filter_bar.forget()
            self._filters = Filters()
        self._apply()

    def set_filters(self, f: Filters) -> None:
        self._filters = f
        self._apply()

    def _apply(self) -> None:
        if self.store.data is None:
            self.show_result(None)
        else:
            self.filtering.run(self.store.data, self._filters, self.select)

    def _filtered(self, f: Filters, result) -> None:
        if f == self._filters and self.store.data is not None:
            self.show_result(result)

    def base_status(self) -> str | None:
        """The status when there is nothing to count: locked, loading; None otherwise."""
        if self.session.locked:
            return tr("views.locked")
        if self.store.data is None:
            if self._error is not None and not self.store.loading:
                return tr("views.load_failed", reason=error_text(self._error))
            return tr("views.loading") if self.store.loading else ""
        return None

    def retranslate(self) -> None:
        self.update_status()
