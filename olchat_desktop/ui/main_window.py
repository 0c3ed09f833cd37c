"""The main window: library sidebar | editor | preview and problems, wired together.

Composition only: views build widgets, controllers own behaviour, and this class joins
them, remembers window geometry and splitter sizes (AppSettings), retranslates on a
language change, and saves the edited template on close.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from olchat_desktop import APP_NAME
from olchat_desktop.core.i18n import Lang
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.settings import AppSettings, SettingsStore
from olchat_desktop.ui import i18n, window_icons
from olchat_desktop.ui.controllers.editor_controller import EditorController
from olchat_desktop.ui.controllers.file_drop import FileDropFilter
from olchat_desktop.ui.controllers.library_controller import LibraryController
from olchat_desktop.ui.controllers.problems import ProblemsPresenter
from olchat_desktop.ui.controllers.recent_menu import RecentMenu
from olchat_desktop.ui.controllers.transfer_actions import TransferActions
from olchat_desktop.ui.controllers.window_actions import WindowActions
from olchat_desktop.ui.help_menu import install_help_menu
from olchat_desktop.ui.i18n import ui_text
from olchat_desktop.ui.views.editor_view import EditorView
from olchat_desktop.ui.views.library_view import LibraryView
from olchat_desktop.ui.views.side_view import SideView
from olchat_desktop.ui.window_parts import WindowParts

if TYPE_CHECKING:
    from olchat_desktop.ui.controllers.file_opener import FileOpener
    from olchat_desktop.ui.controllers.transfer_controller import TransferController

DEFAULT_SIZE = (1360, 840)
DEFAULT_SPLIT = [260, 600, 500]
DEFERRED_START_MS = 100


def make_preview() -> QWidget:
    """The WhatsApp preview, or a placeholder while that widget is not available."""
    try:
        from olchat_desktop.ui.preview import PreviewView
    except ImportError:
        placeholder = QLabel()
        placeholder.setObjectName("previewView")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setMinimumWidth(360)
        return placeholder
    preview = PreviewView()
    preview.setObjectName("previewView")
    return preview


class MainWindow(WindowParts):
    # The window's own parts, in full (WindowParts names what controllers may use).
    libraryController: LibraryController
    editor: EditorController
    windowActions: WindowActions

    def __init__(
        self,
        library: TemplateLibrary,
        settings: AppSettings,
        settings_store: SettingsStore,
        demo: bool = False,
    ) -> None:
        super().__init__()
        # Style and palette before any widget exists: set afterwards, they re-polish every
        # widget of the window (about 5 ms of start-up).
        theme_name = self._apply_app_theme(settings.theme)
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings
        self.settings_store = settings_store
        self.demo = demo
        self._closed = False

        self.libraryView = LibraryView()
        self.editorView = EditorView()
        self.preview = make_preview()
        self.sideView = SideView(self.preview)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.libraryView, self.editorView, self.sideView):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.problems = ProblemsPresenter(self.sideView.problemsList)
        self.editor = EditorController(self.editorView, self.problems, self.preview, self.language)
        self.libraryController = LibraryController(
            self.libraryView, library, self.editor, self.language
        )
        self.windowActions = WindowActions(self)
        self.robotsAction = self.windowActions.robotsAction  # "Portal robots…" (issue 8)
        self.dryRunAction = self.windowActions.dryRunAction  # "Check on real data…" (issue 16)
        # Import/Export/Trash (issue 5): the entries now, the commands on first use.
        actions = self.windowActions
        self.transferActions = TransferActions(
            self, actions.fileMenu, actions.quitAction, self.libraryView.templateList,
            lambda: self.transfer,
        )  # fmt: skip
        # Files from the command line, another start, a drop, Open recent (issue 18); the
        # opener itself loads with the first file.
        self.fileDrops = FileDropFilter(self, self.open_paths)
        export_action = self.transferActions.exportAction  # Open recent goes above it
        self.recentFiles = RecentMenu(
            self, self.settings, self.open_paths, actions.fileMenu, export_action
        )
        # Help menu last in the menu bar; window and action icons (issue 7, point 5).
        self.helpMenu = install_help_menu(self)
        window_icons.apply_window_icon(self)
        window_icons.apply_action_icons(self)
        self.libraryController.dirty_changed.connect(self.setWindowModified)
        self.problems.counts_changed.connect(self.sideView.set_problem_counts)

        self._apply_preview_theme(theme_name)
        self.apply_phone_width(settings.phone_width)
        self._restore_geometry()
        self.retranslate()
        self.libraryController.open_template(settings.last_template_id)
        if library.read_only:  # locked by another program or damaged (issue 15)
            from olchat_desktop.ui.read_only import apply_read_only

            apply_read_only(self)
        # Tag counts and the lines in use read every template: at 20,000 that is tens of
        # milliseconds the first frame does not need (both are in closed combo boxes), so
        # they wait until the window has painted (issue 15).
        QTimer.singleShot(DEFERRED_START_MS, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._closed:
            return
        self.libraryController.refresh_tags()
        self.populate_known_lines()
        self.windowActions.after_first_paint()

    # -- parts built on first use (start-up budget, issue 17) ---------------------------

    @cached_property
    def transfer(self) -> TransferController:
        from olchat_desktop.ui.controllers.transfer_controller import TransferController

        return TransferController(self, self.transferActions)

    @cached_property
    def fileOpener(self) -> FileOpener:
        from olchat_desktop.ui.controllers.file_opener import FileOpener

        return FileOpener(self)

    def open_paths(self, paths: list[str]) -> None:
        """Open template files (command line, another start, a drop, Open recent)."""
        self.fileOpener.open_paths(paths)

    def populate_known_lines(self) -> None:
        """Offer the configured OLChat lines and the lines the library already uses."""
        from olchat_desktop.demo import configured_profiles

        names = configured_profiles()["lines"]
        names += self.library.used_lines()
        combo = self.editorView.lineCombo
        current = combo.currentText()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItems(list(dict.fromkeys(name for name in names if name)))
            combo.setEditText(current)
        finally:
            combo.blockSignals(False)

    # -- language -----------------------------------------------------------------------

    def language(self) -> Lang:
        return i18n.current_language()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.libraryView.retranslate()
        self.editorView.retranslate()
        self.windowActions.retranslate()
        self.transferActions.retranslate()
        self.recentFiles.retranslate()
        self.editor.retranslate()
        self.sideView.retranslate()
        self.sideView.set_problem_counts(*self.problems.counts())
        if isinstance(self.preview, QLabel):
            self.preview.setText(ui_text("The WhatsApp preview appears here."))

    # -- appearance ---------------------------------------------------------------------

    def apply_theme(self, setting: str) -> str:
        """Apply "system" | "light" | "dark" to the app and the preview; returns the name."""
        name = self._apply_app_theme(setting)
        self._apply_preview_theme(name)
        return name

    def _apply_app_theme(self, setting: str) -> str:
        from PySide6.QtWidgets import QApplication

        from olchat_desktop.ui import theme

        name = theme.resolve_theme(setting)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_app_theme(app, name)
        return name

    def _apply_preview_theme(self, name: str) -> None:
        set_theme = getattr(self.preview, "set_theme", None)
        if set_theme is not None:
            set_theme(name)

    def apply_phone_width(self, px: int) -> None:
        set_width = getattr(self.preview, "set_phone_width", None)
        if set_width is not None:
            set_width(px)

    # -- state --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        self.resize(*DEFAULT_SIZE)
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        sizes = self.settings.splitter_sizes
        self.splitter.setSizes(sizes.get("main") or DEFAULT_SPLIT)
        if sizes.get("side"):
            self.sideView.splitter.setSizes(sizes["side"])

    def remember_state(self) -> None:
        """Copy geometry, splitter sizes and the current template into the settings."""
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.splitter_sizes = {
            "main": self.splitter.sizes(),
            "side": self.sideView.splitter.sizes(),
        }
        self.settings.last_template_id = self.libraryController.current_id

    def save_settings(self) -> None:
        self.remember_state()
        try:
            self.settings_store.save(self.settings)
        except OSError:
            self.statusBar().showMessage(ui_text("Could not save the settings."), 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.libraryController.save_now()
            self.libraryController.shutdown()
            self.save_settings()
            self.windowActions.shutdown()
        super().closeEvent(event)
