"""Opening template files from outside the app (issue 18): ``olchat-desktop FILE...``, a
second start handing its files over, a drop on the window, Template → Open recent.

Files are taken one at a time from a queue. Each is checked and read on a worker thread
(``storage.file_open``: folders, missing files and files too large to be templates are
refused before reading). Then, on the GUI thread:

- a single template already in the library (identical content) is shown, not copied;
- a new single template goes through the Import command's own path
  (``TransferController.import_path``), so both show the same progress and errors;
- a bundle asks which of its templates to import (``BundleDialog``, window-modal but not
  blocking, so a hand-off from another start is still received meanwhile).

A refusal is a message box naming the file and the reason, in the interface language;
nothing is imported. Files that opened go to the top of the recent list.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from olchat_desktop.storage.settings import RECENT_MAX
from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.storage.file_open import OpenedFile
    from olchat_desktop.ui.bundle_dialog import BundleDialog
    from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle
    from olchat_desktop.ui.window_parts import WindowParts

STATUS_MS = 8000
log = logging.getLogger(__name__)


class FileOpener(QObject):
    shown = Signal(str)  # id of a template that was already in the library, now shown
    imported = Signal(list)  # the Templates added from one file
    refused = Signal(str)  # the message shown for a file that could not be opened
    idle = Signal()  # the queue ran empty

    def __init__(self, window: WindowParts) -> None:
        super().__init__(window)
        self.window = window
        self._queue: deque[Path] = deque()
        self._busy = False
        self.task: TaskHandle | None = None
        self.bundleDialog: BundleDialog | None = None

    @property
    def busy(self) -> bool:
        return self._busy or bool(self._queue)

    def open_paths(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        """Queue files to open; relative paths are taken from the current directory."""
        for path in paths:
            self._queue.append(Path(os.path.abspath(path)))
        self._next()

    # -- the queue ----------------------------------------------------------------------

    def _next(self) -> None:
        if self._busy:
            return
        if not self._queue:
            self.idle.emit()
            return
        self._busy = True
        path = self._queue.popleft()
        from olchat_desktop.storage import file_open
        from olchat_desktop.ui.tasks import start_task

        self.window.libraryController.save_now()
        library = self.window.library
        progress = ui_text("Opening «{file}»…").replace("{file}", self._name(path))

        def work(_token: CancelToken, report: Report) -> object:
            report(progress)
            return file_open.open_file(library, path)

        handle = start_task(work, self)
        self.task = handle
        handle.progressed.connect(lambda text: self.window.statusBar().showMessage(text))
        handle.succeeded.connect(self._on_read)
        handle.failed.connect(lambda error: self._refuse(path, error))

    def _done(self) -> None:
        self._busy = False
        self._next()

    @staticmethod
    def _name(path: Path) -> str:
        from olchat_desktop.storage.file_open import display_path

        return display_path(path.name)

    # -- outcomes -----------------------------------------------------------------------

    def _on_read(self, opened: OpenedFile) -> None:
        self.remember(opened.path)
        if opened.bundle:
            self._ask_bundle(opened)
        elif opened.existing[0] is not None:
            self.reveal(opened.existing[0])
            text = ui_text("«{name}» is already in the library: shown.")
            self.window.statusBar().showMessage(
                text.replace("{name}", opened.templates[0].name), STATUS_MS
            )
            log.info("opened a template file: already in the library, shown")
            self.shown.emit(opened.existing[0])
            self._done()
        else:
            handle = self.window.transfer.import_path(opened.path)
            # After the Import command's own handler, which shows the template.
            handle.succeeded.connect(self._on_single_imported)
            handle.finished.connect(self._done)

    def _on_single_imported(self, result: Any) -> None:
        log.info("opened a template file: imported %d template(s)", len(result.imported))
        self.imported.emit(list(result.imported))

    def _ask_bundle(self, opened: OpenedFile) -> None:
        from olchat_desktop.ui.bundle_dialog import BundleDialog

        dialog = BundleDialog(opened, self._name(opened.path), self.window)
        self.bundleDialog = dialog
        dialog.accepted.connect(lambda: self._import_chosen(dialog.chosen()))
        dialog.rejected.connect(self._done)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: BundleDialog) -> None:
        if self.bundleDialog is dialog:
            self.bundleDialog = None
        dialog.deleteLater()

    def _import_chosen(self, templates: list[Any]) -> None:
        from olchat_desktop.storage import file_open
        from olchat_desktop.ui.tasks import start_task

        library = self.window.library
        progress = ui_text("Importing templates: {count}…").replace("{count}", str(len(templates)))

        def work(_token: CancelToken, report: Report) -> object:
            report(progress)
            return file_open.import_templates(library, templates)

        handle = start_task(work, self)
        self.task = handle
        handle.succeeded.connect(self._on_imported)
        handle.failed.connect(lambda error: self._refuse(None, error))

    def _on_imported(self, templates: list[Any]) -> None:
        if templates:
            self.reveal(templates[0].id)
        text = ui_text("Imported templates: {count}").replace("{count}", str(len(templates)))
        self.window.statusBar().showMessage(text, STATUS_MS)
        log.info("opened a bundle: imported %d template(s)", len(templates))
        self.imported.emit(list(templates))
        self._done()

    def reveal(self, template_id: str) -> None:
        """Show a template, clearing a search or tag filter that would hide it."""
        controller = self.window.libraryController
        controller.view.templateSearch.clear()
        controller.view.tagFilter.setCurrentIndex(0)
        controller.refresh_tags()
        controller.refresh()  # the cleared filter's rows now, not after the search's pause
        self.window.populate_known_lines()
        controller.open_template(template_id)

    def _refuse(self, path: Path | None, error: object) -> None:
        message = getattr(error, "message", None)
        if callable(message):
            text = str(message(self.window.language()))
        else:  # not expected; still a message, never a crash
            text = ui_text("The file could not be opened: {error}").replace(
                "{error}", type(error).__name__
            )
        if path is not None and getattr(error, "code", "") == "file_missing":
            self.forget(path)
        self.window.statusBar().clearMessage()
        self.refused.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning, ui_text("Open a template file"), text, parent=self.window
        )
        box.setObjectName("openRefusedBox")
        box.finished.connect(box.deleteLater)
        box.open()  # not exec(): the next file and hand-offs keep coming meanwhile
        self._done()

    # -- recent files -------------------------------------------------------------------

    def remember(self, path: Path) -> None:
        """Put ``path`` at the top of the recent files. A path that is not UTF-8 is left
        out: the settings file is UTF-8 JSON and could not hold it."""
        text = os.fspath(path)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return
        recent = [text] + [p for p in self.window.settings.recent_files if p != text]
        self.window.settings.recent_files = recent[:RECENT_MAX]

    def forget(self, path: Path) -> None:
        text = os.fspath(path)
        self.window.settings.recent_files = [
            p for p in self.window.settings.recent_files if p != text
        ]
