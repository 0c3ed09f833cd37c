"""What the main window's controllers and dialogs may use of it (issue 17).

Controllers never import ``ui.main_window`` (an import-linter contract in ``.importlinter``
keeps it so): they are given the window typed as :class:`WindowParts`, which names the
parts they use, and ``MainWindow`` subclasses it. The window's own controllers appear
here as protocols of the commands others call, so this module imports no controller
either: neither the window nor a controller can form an import circle through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Protocol

    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QMenu, QWidget

    from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
    from olchat_desktop.core.i18n import Lang
    from olchat_desktop.core.template import Template
    from olchat_desktop.storage.library import TemplateLibrary
    from olchat_desktop.storage.settings import AppSettings, SettingsStore
    from olchat_desktop.ui.tasks import TaskHandle
    from olchat_desktop.ui.views.editor_view import EditorView
    from olchat_desktop.ui.views.library_view import LibraryView
    from olchat_desktop.ui.views.side_view import SideView

    # Protocols for the type checker only: their classes cost start-up time to create.

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

    class LibraryCommands(Protocol):
        """What others use of the sidebar's controller (``ui.controllers.LibraryController``)."""

        view: LibraryView
        last_deleted: tuple[str, str] | None

        @property
        def deleted(self) -> SignalInstance: ...
        @property
        def error(self) -> SignalInstance: ...
        @property
        def current_id(self) -> str | None: ...
        def refresh(self, select_id: str | None = None) -> None: ...
        def refresh_tags(self) -> None: ...
        def selected_ids(self) -> list[str]: ...
        def open_template(self, template_id: str | None) -> bool: ...
        def new_template(self) -> None: ...
        def duplicate_current(self) -> None: ...
        def delete_current(self) -> None: ...
        def undo_delete(self) -> bool: ...
        def tag_ids(self, ids: list[str], tag: str) -> int: ...
        def save_now(self) -> None: ...
        def reload_current(self) -> None: ...
        def check_pending(self) -> None: ...

    class EditorCommands(Protocol):
        """What others use of the editor's controller (``ui.controllers.EditorController``)."""

        def template(self) -> Template: ...
        def set_catalogue(
            self, catalogue: FieldCatalogue | None, entity: CrmEntity = "deal"
        ) -> None: ...

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
    libraryController: LibraryCommands
    editor: EditorCommands
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
