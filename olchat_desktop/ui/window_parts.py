"""What the main window's controllers and dialogs may use of it (issue 17).

Controllers never import ``ui.main_window`` (an import-linter contract in ``.importlinter``
keeps it so): they are given the window typed as :class:`WindowParts`, which names the
parts they use, and ``MainWindow`` subclasses it. This module imports nothing of the
window or of the controllers that receive it, so the window can change without the
controllers' imports forming a circle back to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QMenu, QWidget

    from olchat_desktop.core.i18n import Lang
    from olchat_desktop.storage.library import TemplateLibrary
    from olchat_desktop.storage.settings import AppSettings, SettingsStore
    from olchat_desktop.ui.controllers.editor_controller import EditorController
    from olchat_desktop.ui.controllers.library_controller import LibraryController
    from olchat_desktop.ui.tasks import TaskHandle
    from olchat_desktop.ui.views.editor_view import EditorView
    from olchat_desktop.ui.views.library_view import LibraryView
    from olchat_desktop.ui.views.side_view import SideView


class WindowMenus(Protocol):
    """The menus and commands other parts hook into (``ui.controllers.WindowActions``)."""

    fileMenu: QMenu
    messageMenu: QMenu
    newAction: QAction
    sendAction: QAction
    settingsAction: QAction
    quitAction: QAction
    duplicateAction: QAction
    deleteAction: QAction
    undoDeleteAction: QAction
    undoOffer: QWidget
    demoLabel: QLabel
    sandbox: object | None


class ImportCommand(Protocol):
    """The Import command's path, which opening a file from outside goes through too."""

    def import_path(self, path: Path) -> TaskHandle: ...


class WindowParts(QMainWindow):
    """The main window as its controllers see it: its views, its library and settings,
    and the controllers it composes. ``MainWindow`` fills every part in."""

    library: TemplateLibrary
    settings: AppSettings
    settings_store: SettingsStore
    demo: bool
    libraryView: LibraryView
    editorView: EditorView
    sideView: SideView
    preview: QWidget
    libraryController: LibraryController
    editor: EditorController
    windowActions: WindowMenus

    @property
    def transfer(self) -> ImportCommand:
        raise NotImplementedError

    def language(self) -> Lang:
        raise NotImplementedError

    def populate_known_lines(self) -> None:
        raise NotImplementedError

    def apply_theme(self, setting: str) -> str:
        raise NotImplementedError

    def apply_phone_width(self, px: int) -> None:
        raise NotImplementedError

    def save_settings(self) -> None:
        raise NotImplementedError
