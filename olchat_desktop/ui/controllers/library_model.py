"""The sidebar's model (issue 15): the library's rows for one query, fetched a page at a
time as the view scrolls (``canFetchMore``/``fetchMore``), so 20,000 templates cost
what 200 do.

Nothing here rebuilds the list on a selection change: a saved template updates its own
row (``dataChanged``), a new one is inserted where the order puts it (when the loaded
pages reach that far: otherwise a later page brings it) and a deleted one is removed.
A new query (search, tag, order) replaces the rows with its first page in one reset.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_listing import PAGE_SIZE, ListQuery, ListRow
from olchat_desktop.storage.library_team import SyncInfo
from olchat_desktop.ui.views.template_delegate import (
    ROW_ROLE,
    SHARED_ROLE,
    SYNC_INFO_ROLE,
    SYNC_STATE_ROLE,
)

ID_ROLE = Qt.ItemDataRole.UserRole  # 256: the template id, as the QListWidget stored it
__all__ = ["ID_ROLE", "ROW_ROLE", "SHARED_ROLE", "SYNC_INFO_ROLE", "SYNC_STATE_ROLE"]
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole

AnyIndex = QModelIndex | QPersistentModelIndex


class TemplateListModel(QAbstractListModel):
    def __init__(
        self,
        library: TemplateLibrary,
        untitled: str = "(untitled)",
        describe_status: Callable[[int | None], str] | None = None,
        describe_sync: Callable[[str, SyncInfo], str] | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.untitled = untitled
        self._describe_status = describe_status
        self.query = ListQuery()
        self._rows: list[ListRow] = []
        self._exhausted = True
        self._positions: dict[str, int] | None = None
        self._marked: str | None = None  # the template shown with " *" (unsaved edits)
        self._describe_sync = describe_sync
        self.offline = False  # the last sync could not reach the portal

    # -- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.display_name(row)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == _TOOLTIP:
            status = self._describe_status(row.status) if self._describe_status else ""
            shared = ""
            if row.sync is not None and self._describe_sync is not None:
                shared = self._describe_sync(self.sync_state(row) or "", row.sync)
            return "\n".join(text for text in (row.hint, status, shared) if text) or None
        if role == SHARED_ROLE:
            return row.sync is not None
        if role == SYNC_STATE_ROLE:
            return self.sync_state(row)
        if role == SYNC_INFO_ROLE:
            return row.sync
        return None

    def sync_state(self, row: ListRow) -> str | None:
        """What a shared row shows: its state, or "offline" when the last sync could not
        reach the portal (a conflict stays a conflict: it needs the user, not the net)."""
        if row.sync is None:
            return None
        if self.offline and row.sync.state != "conflict":
            return "offline"
        return row.sync.state

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        last = self._rows[-1] if self._rows else None
        self._append(self.library.list_page(self.query, last, PAGE_SIZE), PAGE_SIZE)

    # -- queries ------------------------------------------------------------------------

    def set_rows(self, query: ListQuery, first_page: list[ListRow], limit: int) -> None:
        """Show ``query`` starting from its first page (fetched by the caller, maybe in a
        worker); more pages follow on scrolling when the first one was full."""
        self.beginResetModel()
        self.query = query
        self._rows = list(first_page)
        self._exhausted = len(first_page) < limit
        self._positions = None
        self.endResetModel()

    def reload(self, query: ListQuery | None = None) -> None:
        """Re-read the first page of ``query`` (the current one by default)."""
        query = self.query if query is None else query
        self.set_rows(query, self.library.list_page(query, None, PAGE_SIZE), PAGE_SIZE)

    def row_of(self, template_id: str) -> int | None:
        """The row of a loaded template."""
        if self._positions is None:
            self._positions = {row.id: number for number, row in enumerate(self._rows)}
        return self._positions.get(template_id)

    def ensure_row(self, template_id: str) -> int | None:
        """The row of a template the query shows, loading the pages up to it if needed
        (one query: the rows between the last loaded one and it)."""
        found = self.row_of(template_id)
        if found is not None or self._exhausted:
            return found
        target = self.library.list_row(self.query, template_id)
        if target is None:
            return None
        last = self._rows[-1] if self._rows else None
        self._append(self.library.list_page(self.query, last, None, until=target), None)
        return self.row_of(template_id)

    def row_at(self, row: int) -> ListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def ids(self) -> list[str]:
        """The ids of the loaded rows, in order."""
        return [row.id for row in self._rows]

    # -- single-row changes -------------------------------------------------------------

    def upsert(self, template_id: str) -> int | None:
        """A template was created or saved: update its row, or insert it where the order
        puts it, or remove it when the query no longer shows it. Returns its row."""
        fresh = self.library.list_row(self.query, template_id)
        current = self.row_of(template_id)
        if fresh is None:
            if current is not None:
                self.remove(template_id)
            return None
        if current is not None:
            # Kept in place even when a rename moves it in the order: a row jumping away
            # under the pointer while typing its name is worse than a stale position.
            self._rows[current] = fresh
            self._changed(current)
            return current
        keys = [row.sort_key(self.query.sort) for row in self._rows]
        position = bisect.bisect_left(keys, fresh.sort_key(self.query.sort))
        if self.query.sort in ("updated", "status"):
            position = self._descending_position(fresh)
        if position >= len(self._rows) and not self._exhausted:
            return None  # beyond the loaded pages: a later page lists it
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, fresh)
        self._positions = None
        self.endInsertRows()
        return position

    def remove(self, template_id: str) -> None:
        row = self.row_of(template_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._positions = None
        self.endRemoveRows()

    def set_marked(self, template_id: str | None) -> None:
        """Show " *" after one template's name (unsaved edits), or after none."""
        if template_id == self._marked:
            return
        previous, self._marked = self._marked, template_id
        for changed in (previous, template_id):
            row = self.row_of(changed) if changed else None
            if row is not None:
                self._changed(row)

    def set_name(self, template_id: str, name: str) -> None:
        """The name being typed, before it is saved (the row follows the editor)."""
        row = self.row_of(template_id)
        if row is not None and self._rows[row].name != name:
            self._rows[row] = self._rows[row]._replace(name=name)
            self._changed(row)

    def set_offline(self, offline: bool) -> None:
        """The last sync could (not) reach the portal: shared rows say so."""
        if offline != self.offline:
            self.offline = offline
            self._changed_rows([n for n, row in enumerate(self._rows) if row.sync is not None])

    def refresh_sync(self, infos: dict[str, SyncInfo]) -> None:
        """New sync states (every shared template's, read in one query after a sync):
        changed rows get ``dataChanged``; with the Local or Shared filter, a row whose
        sharing changed leaves the list."""
        changed: list[int] = []
        leaving: list[str] = []
        for number, row in enumerate(self._rows):
            info = infos.get(row.id)
            if info == row.sync:
                continue
            sharing = self.query.sharing
            if sharing != "all" and (info is not None) != (sharing == "shared"):
                leaving.append(row.id)
                continue
            self._rows[number] = row._replace(sync=info)
            changed.append(number)
        self._changed_rows(changed)
        for template_id in leaving:
            self.remove(template_id)

    def set_statuses(self, statuses: dict[str, int | None]) -> None:
        """New stored statuses (the checking pass after an import): the loaded rows
        among them change in place (``dataChanged``)."""
        changed: list[int] = []
        for template_id, status in statuses.items():
            row = self.row_of(template_id)
            if row is not None and self._rows[row].status != status:
                self._rows[row] = self._rows[row]._replace(status=status)
                changed.append(row)
        self._changed_rows(changed)

    def display_name(self, row: ListRow) -> str:
        name = row.name.strip() or self.untitled
        return f"{name} *" if row.id == self._marked else name

    # -- internals ----------------------------------------------------------------------

    def _append(self, rows: list[ListRow], limit: int | None) -> None:
        if limit is not None and len(rows) < limit:
            self._exhausted = True
        known = {row.id for row in self._rows}
        rows = [row for row in rows if row.id not in known]  # inserted by hand earlier
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self._positions = None
        self.endInsertRows()

    def _descending_position(self, fresh: ListRow) -> int:
        """Where ``fresh`` goes in an order with a descending first key: after every row
        that comes before it (linear, but only over the loaded rows)."""
        sort = self.query.sort
        target = fresh.sort_key(sort)
        for number, row in enumerate(self._rows):
            if _before(target, row.sort_key(sort), sort):
                return number
        return len(self._rows)

    def _changed_rows(self, rows: list[int]) -> None:
        """One ``dataChanged`` per run of consecutive rows."""
        start = previous = None
        for row in [*sorted(rows), None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(previous, 0))
            start = previous = row

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)


def _before(a: tuple[object, ...], b: tuple[object, ...], sort: str) -> bool:
    """True when key ``a`` comes before key ``b`` (first key descending, rest ascending)."""
    if a[0] != b[0]:
        return bool(a[0] > b[0])  # type: ignore[operator]
    return bool(a[1:] < b[1:])
