"""Behaviour of the library sidebar: list, search, tags, new/duplicate/delete with undo,
switching templates, the dirty marker and autosave.

Autosave is debounced: 800 ms after the last edit, plus on switching template and on
close. One save is one small SQLite transaction (a few milliseconds), done on the GUI
thread on purpose: it never runs per keystroke, and a synchronous save means "saved"
really is on disk when the next template loads or the window closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidgetItem

from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.ui.controllers.editor_controller import EditorController
from olchat_desktop.ui.views.library_view import LibraryView

AUTOSAVE_DELAY_MS = 800
ID_ROLE = Qt.ItemDataRole.UserRole


class LibraryController(QObject):
    dirty_changed = Signal(bool)
    saved = Signal(object)  # the stored TemplateDraft
    deleted = Signal(str, str)  # id, name (for the "Undo" offer)
    error = Signal(str)  # a user-facing message

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
        self._current_id: str | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        editor.edited.connect(self._on_edited)
        view.templateSearch.textChanged.connect(lambda _: self.refresh())
        view.tagFilter.currentIndexChanged.connect(lambda _: self.refresh())
        view.templateList.currentItemChanged.connect(self._on_current_item)
        view.newButton.clicked.connect(self.new_template)
        view.duplicateButton.clicked.connect(self.duplicate_current)
        view.deleteButton.clicked.connect(self.delete_current)

    # -- listing ------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        return self._current_id

    def refresh(self, select_id: str | None = None) -> None:
        """Re-read the list for the current search and tag; keep or set the selection."""
        select_id = select_id or self._current_id
        tag = self.view.tagFilter.currentData()
        try:
            summaries = self.library.search_summaries(self.view.templateSearch.text(), tag or None)
        except LibraryError as failure:
            self.error.emit(failure.message(self._language()))
            return
        listing = self.view.templateList
        listing.blockSignals(True)
        try:
            listing.clear()
            for summary in summaries:
                item = QListWidgetItem(
                    self._item_text(summary.name, summary.id == self._current_id)
                )
                item.setData(ID_ROLE, summary.id)
                item.setToolTip(summary.hint)
                listing.addItem(item)
                if summary.id == select_id:
                    listing.setCurrentItem(item)
        finally:
            listing.blockSignals(False)

    def refresh_tags(self) -> None:
        combo = self.view.tagFilter
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(QCoreApplication.translate("LibraryController", "All tags"), None)
            for tag in self.library.tags():
                combo.addItem(f"{tag.tag} ({tag.count})", tag.tag)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    def open_template(self, template_id: str | None) -> bool:
        """Save the current template and show another (or the first when None)."""
        self.save_now()
        template: TemplateDraft | None = None
        if template_id:
            try:
                template = self.library.get_draft(template_id)
            except LibraryError:
                template = None
        if template is None:
            listing = self.library.search_summaries()
            if listing:
                template = self.library.get_draft(listing[0].id)
            else:
                template = self.library.create_draft(self._new_draft())
        self._current_id = template.id
        self.editor.load(template)
        self._set_dirty(False)
        self.refresh(template.id)
        return True

    # -- commands -----------------------------------------------------------------------

    def new_template(self) -> None:
        self.save_now()
        created = self.library.create_draft(self._new_draft())
        self.refresh_tags()
        self.open_template(created.id)

    def duplicate_current(self) -> None:
        if self._current_id is None:
            return
        self.save_now()
        copy = self.library.duplicate_draft(self._current_id, self._language())
        self.refresh_tags()
        self.open_template(copy.id)

    def delete_current(self) -> None:
        if self._current_id is None:
            return
        self.save_now()
        template_id = self._current_id
        name = self.editor.draft().name
        row = self.view.templateList.currentRow()
        self.library.delete(template_id)
        self.last_deleted = (template_id, name)
        self._current_id = None
        self.refresh_tags()
        remaining = self.library.search_summaries(self.view.templateSearch.text())
        neighbour = remaining[min(max(row, 0), len(remaining) - 1)].id if remaining else None
        self.open_template(neighbour)
        self.deleted.emit(template_id, name)

    def undo_delete(self) -> bool:
        if self.last_deleted is None:
            return False
        template_id, _name = self.last_deleted
        self.last_deleted = None
        self.library.untrash(template_id)
        self.refresh_tags()
        self.open_template(template_id)
        return True

    def save_now(self) -> None:
        """Write the edited template if it changed (autosave, switching, closing)."""
        self._autosave.stop()
        if not self.dirty or self._current_id is None:
            return
        try:
            stored = self.library.save_draft(self.editor.draft())
        except LibraryError as failure:
            # Stay dirty: the next edit or close retries; the user is told why.
            self.error.emit(failure.message(self._language()))
            return
        self._set_dirty(False)
        self._update_item(stored)
        self.saved.emit(stored)

    def reload_current(self) -> None:
        """Show the stored version of the current template (after a restore)."""
        if self._current_id is not None:
            self.editor.load(self.library.get_draft(self._current_id))
            self._set_dirty(False)
            self.refresh(self._current_id)

    # -- internals ----------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._set_dirty(True)
        self._update_item(self.editor.draft())
        self._autosave.start()

    def _on_current_item(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        template_id = item.data(ID_ROLE)
        if template_id != self._current_id:
            self.open_template(template_id)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)

    @staticmethod
    def _new_draft() -> TemplateDraft:
        return TemplateDraft(name=QCoreApplication.translate("LibraryController", "New template"))

    def _item_text(self, name: str, current: bool) -> str:
        name = name.strip() or QCoreApplication.translate("LibraryController", "(untitled)")
        return f"{name} *" if current and self.dirty else name

    def _update_item(self, template: TemplateDraft) -> None:
        item = self.view.templateList.currentItem()
        if item is not None and item.data(ID_ROLE) == template.id:
            text = self._item_text(template.name, True)
            if item.text() != text:
                item.setText(text)
