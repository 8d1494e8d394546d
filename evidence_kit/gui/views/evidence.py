"""The evidence list: one row per item of the case, with its thumbnail, type, the time it is from and
where that time came from, its title and the victim's marks (key evidence, left out of the bundles).
Sortable by every column; the filters pick the items that have a matching event (or whose title,
file name or note holds the searched text)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...core import timeline as tl
from ..lang import tr
from ..session import Session
from .common import CaseData, item_kind, kind_text, time_with_source
from .filters import FilteredView, Filters

COLUMNS = ("thumb", "type", "time", "title", "flags")
THUMB = 48
SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
_LAST = datetime.max.replace(tzinfo=timezone.utc)


class EvidenceModel(QAbstractTableModel):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[dict] = []  # {"id", "kind", "time", "source", "at", "title", "name", "flags", "seq"}
        self._sort = (2, Qt.AscendingOrder)

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._sort_rows()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(f"views.col_{COLUMNS[section]}")
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return row["id"]
        if role == SORT_ROLE:
            return _sort_key(row, column)
        if column == "thumb" and role == Qt.DecorationRole:
            return self.store.thumbnail(row["id"], THUMB)
        if role == Qt.DisplayRole:
            if column == "type":
                return kind_text(row["kind"])
            if column == "time":
                return time_with_source(row["time"], row["source"])
            if column == "title":
                return row["title"]
            if column == "flags":
                return "・".join(tr(f"views.flag_{f}") for f in row["flags"])
        if role == Qt.ToolTipRole and column in ("title", "flags", "time"):
            lines = [row["name"], tr("views.item_id", id=row["id"])]
            if column == "flags" and row["flags"]:
                lines = [tr(f"views.flag_{f}_tip") for f in row["flags"]]
            if column == "time":
                lines = [tr(f"views.source_tip_{row['source']}") if row["source"] else tr("views.no_time")]
            return "\n".join(lines)
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        self.rows.sort(key=lambda r: _sort_key(r, COLUMNS[column]), reverse=order == Qt.DescendingOrder)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))


def _sort_key(row: dict, column: str):
    if column == "type":
        return (kind_text(row["kind"]), row["at"], row["seq"])
    if column == "title":
        return (row["title"].casefold(), row["seq"])
    if column == "flags":
        return (len(row["flags"]) == 0, tuple(row["flags"]), row["at"], row["seq"])
    if column == "thumb":
        return (row["seq"],)
    return (row["at"], row["seq"])


def rows_of(data: CaseData) -> list[dict]:
    rows = []
    for item in data.items:
        time, source = data.times.get(item["id"], (None, ""))
        note = data.note(item["id"])
        flags = [f for f in ("key", "excluded") if note.get(f) is True]
        if item.get("duplicate_of"):
            flags.append("duplicate")
        if item.get("size") == 0:
            flags.append("empty")
        at = tl.moment(time) if time else _LAST
        rows.append({"id": item["id"], "kind": item_kind(item), "time": time, "source": source, "at": at,
                     "title": data.title(item["id"]), "name": item["original_name"], "flags": flags,
                     "seq": item.get("seq", 0), "note": note.get("note") or "", "tags": note.get("tags") or []})
    return rows


class EvidenceList(FilteredView):
    """The case's items, one per row. `item_selected(item_id)` when the user moves to a row."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        self.table = QTableView()
        super().__init__(session, self.table, parent)
        self.model = EvidenceModel(self.store, self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # arrows move between rows; Tab leaves the list
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Fixed)
        self.table.setColumnWidth(0, THUMB + 12)
        for n, mode in ((1, QHeaderView.ResizeToContents), (2, QHeaderView.ResizeToContents),
                        (3, QHeaderView.Stretch), (4, QHeaderView.ResizeToContents)):
            header.setSectionResizeMode(n, mode)
        self._all: list[dict] = []
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._loaded()

    # -- data ----------------------------------------------------------------------------------

    def data_loaded(self, data: CaseData | None) -> None:
        self._all = rows_of(data) if data is not None else []

    def select(self, data: CaseData, f: Filters):
        return matching_items(data, f)

    def show_result(self, ids) -> None:
        self._show(self._all if ids is None else [r for r in self._all if r["id"] in ids])

    def _show(self, rows: list[dict]) -> None:
        current = self.current_item()
        self.model.set_rows(list(rows))
        if current:
            self.select_item(current, emit=False)
        self.update_status()

    def update_status(self) -> None:
        base = self.base_status()
        if base is not None:
            self.status.setText(base)
        elif not self.model.rows:
            self.status.setText(tr("views.list_none") if self._filters.active else tr("views.list_empty"))
        else:
            self.status.setText(tr("views.list_count", shown=len(self.model.rows), total=len(self._all)))

    # -- selection -----------------------------------------------------------------------------

    def current_item(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def select_item(self, item_id: str, emit: bool = True) -> bool:
        """Move to the item's row (when it is shown)."""
        for n, row in enumerate(self.model.rows):
            if row["id"] == item_id:
                if not emit:
                    self.table.selectionModel().blockSignals(True)
                try:
                    self.table.selectRow(n)
                    self.table.setCurrentIndex(self.model.index(n, 3))
                finally:
                    self.table.selectionModel().blockSignals(False)
                self.table.scrollTo(self.model.index(n, 3))
                return True
        return False

    def _current_changed(self, current, previous) -> None:
        if current.isValid():
            self.item_selected.emit(self.model.data(current, ID_ROLE))

    def retranslate(self) -> None:
        self.model.retranslate()
        self.update_status()


def matching_items(data: CaseData, f: Filters) -> set[str] | None:
    """The items the filters leave (None: every item): those with an event that passes, and, for a
    searched text, those whose title, file name or the victim's note on them hold it and that pass the other
    filters. A byte duplicate (it has no events of its own) goes with the item it repeats."""
    if not f.active:
        return None
    hit = _items_of(f.apply(data))
    needle = tl.norm(f.text) if f.text.strip() else ""
    if needle:
        named = {i["id"] for i in data.items if needle in tl.norm("\n".join(
            [data.title(i["id"]), i["original_name"], *_note_texts(data.note(i["id"]))]))}
        if named - hit:
            rest = replace(f, text="")
            hit |= named & (_items_of(rest.apply(data)) if rest.active else set(data.by_id))
    hit |= {i["id"] for i in data.items if i.get("duplicate_of") in hit}
    return hit


def _note_texts(note: dict) -> list[str]:
    """What the victim wrote about an item: its purpose, author, note and tags."""
    return [str(note.get(k) or "") for k in ("purpose", "author", "note")] + [str(t) for t in note.get("tags") or []]


def _items_of(evs) -> set[str]:
    return {e.item for e in evs if e.item} | {s[0] for e in evs for s in e.attrs.get("sources", ())}
