"""Behaviour of the library sidebar: list, search, tags, order, new/duplicate/delete with
undo, actions on many selected templates, switching templates, the dirty marker and
autosave.

The list is a model (``library_model``, issue 15): switching templates only moves the
selection, a save updates one row, new and deleted templates insert and remove one row.
Search, tag and order run in SQL; typing restarts a short timer, and the query then runs
in a thread of its own (``library_search``) on a read-only connection, so a keystroke
never waits for it; a newer query interrupts the running one.

Autosave is debounced: 800 ms after the last edit, plus on switching template and on
close. One save is one small SQLite transaction (a few milliseconds), done on the GUI
thread on purpose: it never runs per keystroke, and a synchronous save means "saved"
really is on disk when the next template loads or the window closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel as Selection
from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal

from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.storage.library_listing import SORTS, ListQuery, ListRow, Sort
from olchat_desktop.storage.library_team import SHARING_FILTERS, SharingFilter, SyncInfo, TeamScope
from olchat_desktop.ui.controllers.editor_controller import EditorController
from olchat_desktop.ui.controllers.library_model import ID_ROLE, TemplateListModel
from olchat_desktop.ui.i18n import ui_text
from olchat_desktop.ui.views import sync_badge
from olchat_desktop.ui.views.library_view import LibraryView
from olchat_desktop.ui.views.template_delegate import (
    TemplateRowDelegate,
    relative_time,
    status_text,
)

if TYPE_CHECKING:
    from olchat_desktop.storage.library_checking import Checked
    from olchat_desktop.ui.controllers.library_checker import LibraryChecker
    from olchat_desktop.ui.controllers.library_search import LibrarySearch
    from olchat_desktop.ui.controllers.library_watch import OutsideChanges

AUTOSAVE_DELAY_MS = 800
SEARCH_DELAY_MS = 60  # a pause between keys longer than this runs the query

__all__ = ["ID_ROLE", "LibraryController"]


class LibraryController(QObject):
    dirty_changed = Signal(bool)
    saved = Signal(object)  # the stored TemplateDraft
    deleted = Signal(str, str)  # id, name (for the "Undo" offer)
    error = Signal(str)  # a user-facing message
    search_finished = Signal(float)  # ms from a query's start to its rows in the list

    def __init__(
        self,
        view: LibraryView,
        library: TemplateLibrary,
        editor: EditorController,
        language: Callable[[], Lang],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.library = library
        self.editor = editor
        self._language = language
        self.dirty = False
        self.last_deleted: tuple[str, str] | None = None
        self._deleted_ids: list[str] = []
        self._current_id: str | None = None
        self._selecting = False
        self._loaded = False  # the first page is read when the first template opens
        self.team_scope: TeamScope | None = None  # the team library shown (issue 19)
        self.model = TemplateListModel(library, self._untitled(), status_text, _describe_sync)
        self.delegate = TemplateRowDelegate(view.templateList)
        view.templateList.setModel(self.model)
        view.templateList.setItemDelegate(self.delegate)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search)
        self._search: LibrarySearch | None = None  # made on the first search
        self._checker: LibraryChecker | None = None  # made when rows wait to be checked
        self.outside: OutsideChanges | None = None  # another window's saves, after paint
        editor.edited.connect(self._on_edited)
        view.templateSearch.textChanged.connect(lambda _: self._search_timer.start())
        view.tagFilter.currentIndexChanged.connect(lambda _: self._start_search())
        view.sortCombo.currentIndexChanged.connect(lambda _: self._start_search())
        view.sharingFilter.currentIndexChanged.connect(lambda _: self._start_search())
        view.templateList.selectionModel().currentChanged.connect(self._on_current_index)
        view.newButton.clicked.connect(self.new_template)
        view.duplicateButton.clicked.connect(self.duplicate_current)
        view.deleteButton.clicked.connect(self.delete_current)

    # -- listing ------------------------------------------------------------------------

    def language(self) -> Lang:
        return self._language()

    @property
    def current_id(self) -> str | None:
        return self._current_id

    def query(self) -> ListQuery:
        """What the sidebar's search box, tag filter and order ask for."""
        tag = self.view.tagFilter.currentData()
        sort = self.view.sortCombo.currentData()
        order: Sort = sort if sort in SORTS else "name"
        chosen = self.view.sharingFilter.currentData()
        sharing: SharingFilter = chosen if chosen in SHARING_FILTERS else "all"
        text = self.view.templateSearch.text()
        return ListQuery(text, tag or None, order, sharing, self.team_scope)

    def refresh(self, select_id: str | None = None) -> None:
        """Re-read the list's first page for the current query (after an import, a
        restore from the trash...) and select ``select_id`` or the current template.
        A search waiting or running is dropped: this reads the same query now."""
        self._search_timer.stop()
        if self._search is not None:
            self._search.cancel()
        try:
            if self.outside is not None:
                self.outside.remember()
            self.model.reload(self.query())
            self._loaded = True
        except LibraryError as failure:
            self.error.emit(failure.message(self._language()))
            return
        self._select(select_id or self._current_id)

    def refresh_tags(self) -> None:
        combo = self.view.tagFilter
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(ui_text("All tags"), None)
            for tag in self.library.tags():
                combo.addItem(f"{tag.tag} ({tag.count})", tag.tag)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    def selected_ids(self) -> list[str]:
        """The selected templates in list order (the current one when none is)."""
        rows = sorted(index.row() for index in self.view.templateList.selectedIndexes())
        ids = [self.model.ids()[row] for row in rows]
        if not ids and self._current_id is not None:
            ids = [self._current_id]
        return ids

    def open_template(self, template_id: str | None) -> bool:
        """Save the current template and show another (or the first when None)."""
        self.save_now()
        template: TemplateDraft | None = None
        if template_id:
            try:
                template = self.library.get_draft(template_id)
            except LibraryError:
                template = None
        if not self._loaded:
            self._loaded = True
            self.model.reload(self.query())
            # Rows an import left unchecked (the app was closed during the pass, or the
            # CLI imported them): finish them once the window shows.
            QTimer.singleShot(0, self._resume_checks)
        if template is None:
            first = self.model.row_at(0) or self._first_of_library()
            if first is not None:
                template = self.library.get_draft(first.id)
            elif self.library.read_only:
                template = self._new_draft()  # an empty library, shown, never stored
            else:
                template = self.library.create_draft(self._new_draft())
                self.model.upsert(template.id)
        self._current_id = template.id
        self.editor.load(template)
        self._set_dirty(False)
        self.model.set_marked(None)
        if self.model.row_of(template.id) is None:
            self.model.upsert(template.id)  # restored, imported...: listed if it matches
        self._select(template.id)
        return True

    # -- commands -----------------------------------------------------------------------

    def new_template(self) -> None:
        self.save_now()
        created = self.library.create_draft(self._new_draft())
        self.model.upsert(created.id)
        self.refresh_tags()
        self.open_template(created.id)

    def duplicate_current(self) -> None:
        if self._current_id is None:
            return
        self.save_now()
        copy = self.library.duplicate_draft(self._current_id, self._language())
        self.model.upsert(copy.id)
        self.refresh_tags()
        self.open_template(copy.id)

    def delete_current(self) -> None:
        """Move the selected templates (the current one when none is) to the trash."""
        self.delete_ids(self.selected_ids())

    def delete_ids(self, ids: list[str]) -> None:
        if not ids:
            return
        self.save_now()
        name = self.editor.draft().name if ids == [self._current_id] else ""
        if len(ids) > 1:
            name = ui_text("{n} templates").format(n=len(ids))
        elif ids != [self._current_id]:
            name = self.library.get_draft(ids[0]).name
        rows = [row for row in map(self.model.row_of, ids) if row is not None]
        first_row = min(rows) if rows else self.view.templateList.currentIndex().row()
        self.library.delete_many(ids)
        self.last_deleted = (ids[0], name)
        self._deleted_ids = list(ids)
        for template_id in ids:
            self.model.remove(template_id)
        self.refresh_tags()
        if self._current_id in ids:
            self._current_id = None
            neighbour = self.model.row_at(min(max(first_row, 0), self.model.rowCount() - 1))
            self.open_template(neighbour.id if neighbour else None)
        self.deleted.emit(ids[0], name)

    def undo_delete(self) -> bool:
        if self.last_deleted is None:
            return False
        ids = self._deleted_ids or [self.last_deleted[0]]
        self.last_deleted = None
        self._deleted_ids = []
        for template_id in ids:
            self.library.untrash(template_id)
            self.model.upsert(template_id)
        self.refresh_tags()
        self.open_template(ids[0])
        return True

    def tag_ids(self, ids: list[str], tag: str) -> int:
        """Add ``tag`` to each of ``ids`` (one transaction); returns how many changed."""
        self.save_now()
        changed = self.library.add_tag(ids, tag)
        for template_id in ids:
            self.model.upsert(template_id)
        if self._current_id in ids:
            self.editor.load(self.library.get_draft(self._current_id))
            self._set_dirty(False)
        self.refresh_tags()
        return changed

    def save_now(self) -> None:
        """Write the edited template if it changed (autosave, switching, closing)."""
        self._autosave.stop()
        if not self.dirty or self._current_id is None or self.library.read_only:
            return
        try:
            stored = self.library.save_draft(self.editor.draft())
        except LibraryError as failure:
            # Stay dirty: the next edit or close retries; the user is told why.
            self.error.emit(failure.message(self._language()))
            return
        self._set_dirty(False)
        self.model.set_marked(None)
        self.model.upsert(stored.id)
        self.saved.emit(stored)

    def reload_current(self) -> None:
        """Show the stored version of the current template (after a restore)."""
        if self._current_id is not None:
            self.editor.load(self.library.get_draft(self._current_id))
            self._set_dirty(False)
            self.model.set_marked(None)
            self.model.upsert(self._current_id)

    def shutdown(self) -> None:
        """Stop a running search, its thread and its reader connection, and the
        checking pass after its batch in flight."""
        self._search_timer.stop()
        if self._search is not None:
            self._search.shutdown()
        if self._checker is not None:
            self._checker.stop()

    # -- the checking pass after an import (storage.library_checking) ------------------

    def check_pending(self) -> None:
        """Check the rows an import stored as "not yet checked", in the background."""
        if self._checker is None:
            from olchat_desktop.ui.controllers.library_checker import LibraryChecker

            self._checker = LibraryChecker(self.library.path, self)
            self._checker.checked.connect(self._on_checked)
            self._checker.finished.connect(self._on_checks_done)
        self._checker.start()

    def _resume_checks(self) -> None:
        if self.outside is None:  # after the first paint: off the start-up path
            from olchat_desktop.ui.controllers.library_watch import OutsideChanges

            self.outside = OutsideChanges(self, self.view.window())
            self.outside.remember()
        if self.library.read_only:
            return  # the pass writes; the next normal start does it
        try:
            pending = self.library.pending_count()
        except LibraryError:
            return
        if pending:
            self._show_checking(pending)
            self.check_pending()

    def _on_checked(self, batch: list[Checked], remaining: int) -> None:
        self.model.set_statuses({checked.id: checked.status for checked in batch})
        self._show_checking(remaining)

    def _on_checks_done(self) -> None:
        self._show_checking(0)
        # The loaded rows have their dots; in the "problems first" order they now have
        # their places too.
        if self.query().sort == "status":
            self._start_search()

    def _show_checking(self, remaining: int) -> None:
        note = self.view.checkingNote
        note.setVisible(remaining > 0)
        if remaining > 0:
            text = ui_text("Checking imported templates for problems: {n} left.")
            note.setText(text.format(n=remaining))

    # -- search in a worker -------------------------------------------------------------

    def _start_search(self) -> None:
        self._search_timer.stop()
        if self._search is None:
            from olchat_desktop.ui.controllers.library_search import LibrarySearch

            self._search = LibrarySearch(self.library.path, self, self.library.immutable)
            self._search.found.connect(self._show_found)
            self._search.failed.connect(self._on_search_failed)
        self._search.search(self.query())

    def _show_found(self, query: ListQuery, rows: list[ListRow], elapsed_ms: float) -> None:
        from olchat_desktop.ui.controllers.library_search import FIRST_PAGE

        self.model.set_rows(query, rows, FIRST_PAGE)
        self._loaded = True
        if self._current_id is not None and self.model.row_of(self._current_id) is not None:
            self._select(self._current_id)
        self.search_finished.emit(elapsed_ms)

    def _on_search_failed(self, failure: object) -> None:
        from olchat_desktop.storage.library_errors import from_sqlite

        if isinstance(failure, LibraryError):
            self.error.emit(failure.message(self._language()))
        elif isinstance(failure, Exception):
            import sqlite3

            if isinstance(failure, sqlite3.Error):
                message = from_sqlite(failure, self.library.path).message(self._language())
                self.error.emit(message)

    # -- internals ----------------------------------------------------------------------

    def _first_of_library(self) -> ListRow | None:
        rows = self.library.list_page(ListQuery(), None, 1)
        return rows[0] if rows else None

    def _select(self, template_id: str | None) -> None:
        """Make ``template_id`` the list's current row, loading pages up to it if needed
        (after the first paint at start-up: the editor shows it already)."""
        if template_id is None:
            return
        row = self.model.row_of(template_id)
        if row is None and self.model.canFetchMore():
            QTimer.singleShot(0, lambda: self._select_loaded(template_id))
            return
        self._set_current_row(row)

    def _select_loaded(self, template_id: str) -> None:
        if template_id == self._current_id:
            self._set_current_row(self.model.ensure_row(template_id))

    def _set_current_row(self, row: int | None) -> None:
        listing = self.view.templateList
        self._selecting = True
        try:
            if row is None:
                listing.selectionModel().clearSelection()
                return
            index = self.model.index(row, 0)
            listing.selectionModel().setCurrentIndex(index, Selection.SelectionFlag.ClearAndSelect)
            listing.scrollTo(index)
        finally:
            self._selecting = False

    def _on_edited(self) -> None:
        self._set_dirty(True)
        draft = self.editor.draft()
        self.model.set_name(draft.id, draft.name)
        self.model.set_marked(draft.id)
        self._autosave.start()

    def _on_current_index(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not index.isValid():
            return
        template_id = index.data(ID_ROLE)
        if template_id != self._current_id:
            self.open_template(template_id)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)

    @staticmethod
    def _untitled() -> str:
        return ui_text("(untitled)")

    @staticmethod
    def _new_draft() -> TemplateDraft:
        return TemplateDraft(name=ui_text("New template"))


def _describe_sync(state: str, info: SyncInfo) -> str:
    """The tooltip's lines about a shared template (issue 19)."""
    when = relative_time(info.changed_at) if info.changed_at else ""
    return sync_badge.describe(state, info, when)
