"""Template > Import…, Export this template…, Export all…, Trash… in the main window.

The file work (``storage.library_transfer``) runs through :func:`ui.tasks.start_task`, so a
large bundle on a slow network share never freezes the window; failures arrive as a
``LibraryError`` (unreadable file, malformed JSON, newer format version, unwritable
folder) whose ``message(lang)`` is shown in a message box. The transfer module and the
trash dialog are imported on first use to keep start-up lean.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.ui.controllers.transfer_actions import TransferActions
    from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle
    from olchat_desktop.ui.window_parts import WindowMenus, WindowParts

STATUS_MS = 8000
# Exported files end in .olchat.json, the template MIME type's extension
# (resources/linux/io.olchat.Desktop.mime.xml): file managers show our icon and open them
# with the app. Plain .json files still import.
TEMPLATE_SUFFIX = ".olchat.json"
DEFAULT_BUNDLE_NAME = "olchat-templates" + TEMPLATE_SUFFIX
# Characters that Windows, macOS or Linux refuse in a file name, plus control characters.
_UNSAFE_IN_FILE_NAME = r'[<>:"/\\|?*\x00-\x1f]+'  # compiled on first use (re caches it)


def file_name_for(template_name: str) -> str:
    """A safe default file name for one template: its name, cleaned, with ``.olchat.json``."""
    stem = re.sub(_UNSAFE_IN_FILE_NAME, " ", template_name).strip().strip(".")
    stem = re.sub(r"\s+", " ", stem)[:80].strip() or "template"
    return stem + TEMPLATE_SUFFIX


def with_json_suffix(path: str) -> Path:
    """The chosen path, with ``.olchat.json`` added when the user typed a bare name."""
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_name(chosen.name + TEMPLATE_SUFFIX)


class TransferController(QObject):
    """Owns the import/export/trash actions of the Template menu and the work behind them."""

    imported = Signal(list)  # the Templates added to the library
    exported = Signal(object)  # the Path written
    failed = Signal(str)  # the message shown to the user
    cancelled = Signal()  # an import or export was cancelled and undone

    def __init__(self, window: WindowParts, actions: TransferActions) -> None:
        super().__init__(window)
        self.window = window
        self.task: TaskHandle | None = None
        self._last_dir = str(Path.home())
        # The menu entries (built at start-up, cheap) call this controller's commands.
        self.importAction = actions.importAction
        self.exportAction = actions.exportAction
        self.exportAllAction = actions.exportAllAction
        self.exportSelectedAction = actions.exportSelectedAction
        self.trashAction = actions.trashAction
        self.tagSelectedAction = actions.tagSelectedAction

    @property
    def _window_actions(self) -> WindowMenus:
        return self.window.windowActions

    # -- commands -----------------------------------------------------------------------

    def import_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self.window, ui_text("Import templates"), self._last_dir, self._file_filter()
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> TaskHandle:
        """Add a template file or bundle to the library in the background: streamed, in
        one transaction on a connection of its own (the window keeps reading its own),
        with a progress dialog whose Cancel leaves the library as it was (issue 15)."""
        from olchat_desktop.storage.library_import import import_path
        from olchat_desktop.ui.transfer_progress import encode

        self.window.libraryController.save_now()
        self._last_dir = str(path.parent)
        library = self.window.library

        def work(token: CancelToken, report: Report) -> object:
            # Same mode as the window's: read-only refuses at once, never waits a lock.
            with library.reopen() as own:
                return import_path(own, path, token, lambda done: report(encode(done)))

        title = ui_text("Importing «{file}»…").format(file=path.name)
        return self._run(work, self._on_imported, title, exporting=False)

    def export_current(self) -> None:
        library = self.window.libraryController
        library.save_now()  # the file must hold what is on screen, not the last autosave
        template_id = library.current_id
        if template_id is None:
            return
        name = file_name_for(self.window.editor.template().name)
        path = self._ask_save_path(ui_text("Export this template"), name)
        if path is not None:
            self.export_to(path, template_id)

    def export_all(self) -> None:
        self.window.libraryController.save_now()
        path = self._ask_save_path(ui_text("Export all templates"), DEFAULT_BUNDLE_NAME)
        if path is not None:
            self.export_to(path, None)

    def export_to(
        self, path: Path, template_id: str | None, ids: list[str] | None = None
    ) -> TaskHandle:
        """Write one template (``template_id``), some (``ids``, a bundle) or the whole
        library (both None) to ``path``; a bundle is streamed with progress and Cancel,
        and a cancelled export leaves no file (issue 15)."""
        from olchat_desktop.storage import library_transfer
        from olchat_desktop.storage.library_export import export_stream
        from olchat_desktop.ui.transfer_progress import encode

        library = self.window.library

        def work(token: CancelToken, report: Report) -> object:
            if template_id is not None:
                library_transfer.export_template(library, template_id, path)
                return path
            with library.reopen() as own:  # read-only too when the window's is
                export_stream(own, path, ids, token, lambda done: report(encode(done)))
            return path

        title = ui_text("Exporting to «{file}»…").format(file=path.name)
        return self._run(work, self._on_exported, title, exporting=True)

    def export_selected(self) -> None:
        """Template > Export selected…: a bundle of the templates selected in the list."""
        controller = self.window.libraryController
        controller.save_now()
        ids = controller.selected_ids()
        if not ids:
            return
        path = self._ask_save_path(ui_text("Export the selected templates"), DEFAULT_BUNDLE_NAME)
        if path is not None:
            self.export_to(path, None, ids)

    def tag_selected(self) -> None:
        """Add one tag to every selected template (one transaction)."""
        from PySide6.QtWidgets import QInputDialog

        controller = self.window.libraryController
        ids = controller.selected_ids()
        if not ids:
            return
        prompt = ui_text("Tag to add to {n} templates:").format(n=len(ids))
        tag, ok = QInputDialog.getText(self.window, ui_text("Add a tag"), prompt)
        if ok and tag.strip():
            controller.tag_ids(ids, tag)

    def _list_menu(self, position: Any) -> None:
        """The list's context menu: what applies to the selected templates."""
        from PySide6.QtWidgets import QMenu

        actions = self._window_actions
        menu = QMenu(self.window)
        menu.setObjectName("templateListMenu")
        for action in (
            actions.duplicateAction,
            self.exportSelectedAction,
            self.tagSelectedAction,
            actions.deleteAction,
        ):
            menu.addAction(action)
        listing = self.window.libraryView.templateList
        menu.popup(listing.viewport().mapToGlobal(position))
        self.listMenu = menu

    def open_trash(self) -> None:
        from olchat_desktop.ui.trash_dialog import TrashDialog

        self.window.libraryController.save_now()
        dialog = TrashDialog(self.window.library, self.window)
        dialog.restored.connect(self._on_restored)
        dialog.purged.connect(self._forget_undo_offer)
        dialog.exec()
        dialog.deleteLater()

    # -- internals ----------------------------------------------------------------------

    def _file_filter(self) -> str:
        return ui_text("Template files (*.olchat.json *.json);;All files (*)")

    def _ask_save_path(self, title: str, file_name: str) -> Path | None:
        suggested = str(Path(self._last_dir) / file_name)
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self.window, title, suggested, self._file_filter()
        )
        if not path:
            return None
        chosen = with_json_suffix(path)
        self._last_dir = str(chosen.parent)
        return chosen

    def _run(self, work: Any, on_success: Any, title: str, exporting: bool) -> TaskHandle:
        from olchat_desktop.ui.tasks import start_task
        from olchat_desktop.ui.transfer_progress import make_dialog, show_progress

        status = self.window.statusBar()
        status.showMessage(title)
        handle = start_task(work, self)
        self.task = handle
        self.progress = make_dialog(self.window, title)
        # Cancel sets the token only: the work itself ends (rolled back, file removed)
        # and reports "cancelled"; a transfer that had already finished still counts.
        self.progress.canceled.connect(handle.token.cancel)
        for action in self._transfer_actions():
            action.setEnabled(False)
        handle.progressed.connect(lambda text: show_progress(self.progress, text, exporting))
        handle.succeeded.connect(on_success)
        handle.failed.connect(self._on_failed)
        handle.cancelled.connect(self._on_cancelled)
        handle.finished.connect(self._on_finished)
        return handle

    def _transfer_actions(self) -> list[QAction]:
        return [
            self.importAction,
            self.exportAction,
            self.exportAllAction,
            self.exportSelectedAction,
        ]

    def _on_finished(self) -> None:
        self.progress.reset()
        self.progress.hide()
        for action in self._transfer_actions():
            action.setEnabled(True)

    def _on_cancelled(self) -> None:
        text = ui_text("Cancelled: the library and the files are as they were.")
        self.window.statusBar().showMessage(text, STATUS_MS)
        self.cancelled.emit()

    def _on_imported(self, result: Any) -> None:
        templates = list(result.imported)  # the first 100 imported, as stored
        controller = self.window.libraryController
        if templates:
            # Imported templates must be visible: a search or tag filter could hide them.
            view = controller.view
            view.templateSearch.clear()
            view.tagFilter.setCurrentIndex(0)
            controller.refresh_tags()
            controller.refresh()
            self.window.populate_known_lines()
            controller.open_template(templates[0].id)
            controller.check_pending()  # statuses and the search index, after the commit
        text = ui_text("Imported templates: {count}").format(count=result.count)
        self.window.statusBar().showMessage(text, STATUS_MS)
        if result.bad:
            self._show_bad_entries(result.count, result.bad)
        self.imported.emit(templates)

    def _show_bad_entries(self, imported: int, bad: list[Any]) -> None:
        """The good entries are in; say which were skipped and why (the first 30)."""
        from PySide6.QtWidgets import QMessageBox

        lang = self.window.language()
        lines = [
            f"#{entry.position} «{entry.name or '—'}»: {entry.reason(lang)}" for entry in bad[:30]
        ]
        if len(bad) > 30:
            lines.append(ui_text("… and {n} more").format(n=len(bad) - 30))
        text = ui_text("Imported: {ok}. Skipped broken entries: {bad}.").format(
            ok=imported, bad=len(bad)
        )
        box = QMessageBox(QMessageBox.Icon.Warning, ui_text("Import"), text, parent=self.window)
        box.setObjectName("badEntriesBox")
        box.setDetailedText("\n".join(lines))
        box.open()
        self.badEntriesBox = box

    def _on_exported(self, path: Any) -> None:
        text = ui_text("Exported to {path}").format(path=path)
        self.window.statusBar().showMessage(text, STATUS_MS)
        self.exported.emit(path)

    def _on_failed(self, error: object) -> None:
        message = getattr(error, "message", None)
        if callable(message):
            text = str(message(self.window.language()))
        else:  # not expected; still a message, never a crash
            text = ui_text("The operation failed: {error}").format(error=type(error).__name__)
        self.window.statusBar().clearMessage()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.window, ui_text("Import and export"), text)
        self.failed.emit(text)

    def _on_restored(self, template_id: str) -> None:
        self._forget_undo_offer()
        controller = self.window.libraryController
        controller.refresh_tags()
        controller.open_template(template_id)

    def _forget_undo_offer(self) -> None:
        """The "Undo delete" offer must not point at a template that left the trash."""
        controller = self.window.libraryController
        if controller.last_deleted is None:
            return
        in_trash = {entry.template.id for entry in self.window.library.list_trash()}
        if controller.last_deleted[0] not in in_trash:
            controller.last_deleted = None
            self._window_actions.undoDeleteAction.setEnabled(False)
            self._window_actions.undoOffer.setVisible(False)
