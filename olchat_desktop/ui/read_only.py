"""Read-only browsing of a library the app could not open for writing (issue 15): locked
by another program, or damaged.

The window opens on a read-only connection (``storage.library_schema.open_read_only``:
``mode=ro``, or ``immutable=1`` past an exclusive lock) instead of refusing to start. A
banner above the panes says why and what to do, with "Export what can be read…"
(``storage.library_salvage``: every readable template to a bundle, row by row past
damaged pages). Everything that would change the library is disabled with a tooltip
saying why: the editor's fields are read-only (text can still be selected and copied),
New, Duplicate, Delete, Undo delete, Import, Trash, tags and the team library's sync and
share. Search, sorting, the preview, sending a test and every export keep working. The
library refuses writes itself too (``LibraryError("read_only")``): nothing here is the
only guard. The file is never changed; the next start opens it normally once the other
program is done.

Loaded only when that happens (start-up budget).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.cancel import CancelToken
    from olchat_desktop.storage.library import TemplateLibrary
    from olchat_desktop.ui.tasks import Report
    from olchat_desktop.ui.window_parts import WindowParts

# Why the library could not be opened for writing, by ``LibraryError.code``.
READ_ONLY_REASONS = ("locked", "corrupt", "unreadable")


def open_read_only(error: LibraryError, path: Path | None = None) -> TemplateLibrary:
    """The library opened read-only after ``error`` kept it from opening normally; raises
    ``error`` again when that kind of failure has no read-only way (a newer version's
    file), or the read-only open's own error when not even that can read it."""
    from olchat_desktop.storage.library import TemplateLibrary

    if error.code not in READ_ONLY_REASONS:
        raise error
    library = TemplateLibrary(path, read_only=True)
    library.read_only_reason = error.code
    return library


class ReadOnlyBanner(QFrame):
    """The strip above the panes: why the library is read-only, what to do, and export."""

    def __init__(self, window: WindowParts) -> None:
        super().__init__(window)
        self.setObjectName("readOnlyBanner")
        self._window = window
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The problems list's warning amber, light enough for dark text in both themes.
        self.setStyleSheet(
            "#readOnlyBanner { background: #fff4d6; border: 1px solid #e8a200; }"
            " #readOnlyBanner QLabel { color: #3c2f00; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.message = QLabel()
        self.message.setObjectName("readOnlyMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exportButton = QPushButton()
        self.exportButton.setObjectName("readOnlyExportButton")
        self.exportButton.clicked.connect(self.export_readable)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.exportButton, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.message.setText(banner_text(self._window.library))
        self.exportButton.setText(ui_text("Export what can be read…"))
        self.exportButton.setToolTip(
            ui_text("Save every readable template to a bundle file you can import later.")
        )

    def export_readable(self) -> None:
        """Every readable template to a bundle the user chooses, in the task pool."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from olchat_desktop.ui.tasks import start_task

        target, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.exportButton.text(),
            str(Path.home() / "olchat-templates-rescued.olchat.json"),
            ui_text("Template files (*.olchat.json *.json);;All files (*)"),
        )
        if not target:
            return
        library_path = self._window.library.path

        def work(_token: CancelToken, _report: Report) -> object:
            from olchat_desktop.storage.library_salvage import salvage

            return salvage(library_path, Path(target))

        title = ui_text("Template library")
        handle = start_task(work, self)
        self.task = handle

        def done(result: object) -> None:
            saved = getattr(result, "saved", 0)
            unreadable = getattr(result, "unreadable", 0)
            text = ui_text("Saved {saved} template(s) to {target}; unreadable: {unreadable}.")
            message = text.format(saved=saved, target=target, unreadable=unreadable)
            self._window.statusBar().showMessage(message, 10_000)
            self.exported = message

        def failed(error: object) -> None:
            message = getattr(error, "message", None)
            shown = message(self._window.language()) if callable(message) else str(error)
            QMessageBox.warning(self._window, title, shown)

        handle.succeeded.connect(done)
        handle.failed.connect(failed)


def banner_text(library: TemplateLibrary) -> str:
    reason = getattr(library, "read_only_reason", "locked")
    if reason == "locked":
        text = ui_text(
            "Another program is using the template library, so it is open read-only: you "
            "can browse, search, send a test and export, but not change templates. Close "
            "the other program (or the other OLChat Desktop window), then start the app "
            "again to edit."
        )
        if library.immutable:
            text += " " + ui_text("What you see may miss that program's latest changes.")
        return text
    return ui_text(
        "The template library file is damaged or cannot be written, so it is open "
        "read-only: you can browse and export what can be read. The file is not changed; "
        "restore a backup (library.sqlite3.bak-*) or move the file away to start afresh."
    )


def disabled_reason() -> str:
    return ui_text("The template library is open read-only (see the message at the top).")


def apply_read_only(window: WindowParts) -> ReadOnlyBanner:
    """Put the banner above the panes and disable whatever would change the library."""
    banner = ReadOnlyBanner(window)
    panes = window.takeCentralWidget()
    assert panes is not None  # the splitter MainWindow set
    container = QWidget()
    container.setObjectName("readOnlyContainer")
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(panes, 1)
    window.setCentralWidget(container)
    window.readOnlyBanner = banner  # type: ignore[attr-defined]
    why = disabled_reason()
    # The main window's own parts beyond what ``WindowParts`` names (this module must
    # not import the window: .importlinter).
    actions: Any = window.windowActions
    team = actions.teamLibrary
    transfer: Any = getattr(window, "transferActions")  # noqa: B009
    for action in (
        actions.newAction,
        actions.duplicateAction,
        actions.deleteAction,
        actions.undoDeleteAction,
        transfer.importAction,
        transfer.trashAction,
        transfer.tagSelectedAction,
        team.syncAction,
        team.shareAction,
    ):
        _disable(action, why)
    view = window.libraryView
    for button in (view.newButton, view.duplicateButton, view.deleteButton):
        _disable(button, why)
    _read_only_editor(window.editorView, why)
    return banner


def _disable(part: QAction | QWidget, why: str) -> None:
    part.setEnabled(False)
    part.setToolTip(why)
    part.setStatusTip(why)


def _read_only_editor(editor: QWidget, why: str) -> None:
    """Texts stay selectable (copying from a template still works); controls are off."""
    for child in editor.findChildren(QWidget):
        if isinstance(child, (QLineEdit, QPlainTextEdit, QTextEdit)):
            if isinstance(child.parent(), QComboBox):
                continue  # an editable combo box's line: the box is disabled below
            child.setReadOnly(True)
            child.setToolTip(why)
        elif isinstance(child, (QAbstractButton, QComboBox, QAbstractSpinBox)):
            _disable(child, why)
        elif isinstance(child, QAbstractItemView):
            child.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            child.setToolTip(why)
