"""Menus, shortcuts and the status bar of the main window, and the commands behind them.

Formatting, emoji and "Insert field" act on the editor; library commands go to the
library controller; dialogs (history, settings, send) are opened from here.

Parts that the first frame does not show load later (start-up budget, issue 17): the
team library's entries when the Template menu is first about to show (they have no
shortcut), the portal-field commands and their catalogue once the window has painted
(the catalogue is read in the background from then on), or either on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from olchat_desktop.ui.controllers import formatting
from olchat_desktop.ui.i18n import ui_text
from olchat_desktop.ui.widgets.emoji_picker import EmojiPicker

if TYPE_CHECKING:
    from olchat_desktop.ui.controllers.catalogue_controller import CatalogueController
    from olchat_desktop.ui.controllers.insert_field import InsertFieldController
    from olchat_desktop.ui.controllers.portal_fields import PortalFields
    from olchat_desktop.ui.sharing.menu import TeamLibraryActions
    from olchat_desktop.ui.window_parts import WindowParts

UNDO_OFFER_MS = 20_000


def _command(name: str, window: WindowParts) -> Callable[[], None]:
    """A command of ``window_dialogs``, which is imported when one is first chosen."""

    def run() -> None:
        from olchat_desktop.ui.controllers import window_dialogs

        getattr(window_dialogs, name)(window)

    return run


class WindowActions(QObject):
    def __init__(self, window: WindowParts) -> None:
        super().__init__(window)
        self.window = window
        view = window.editorView
        self._last_text_field: QWidget = view.messageEdit
        self._text_fields = {view.phoneEdit, view.headerEdit, view.messageEdit, view.footerEdit}
        self._text_fields.update(view.buttonEdits)
        self.sandbox: object | None = None
        self._build_menus()
        self._build_status_bar()
        self._wire_editing_aids()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        window.libraryController.deleted.connect(self._offer_undo_delete)
        window.libraryController.error.connect(
            lambda text: window.statusBar().showMessage(text, 10_000)
        )

    # -- construction -------------------------------------------------------------------

    def _action(
        self, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        window, library = self.window, self.window.libraryController
        bar = window.menuBar()
        self.fileMenu = bar.addMenu("")
        self.newAction = self._action(QKeySequence.StandardKey.New)
        self.newAction.triggered.connect(library.new_template)
        self.duplicateAction = self._action("Ctrl+D")
        self.duplicateAction.triggered.connect(library.duplicate_current)
        self.deleteAction = self._action()
        self.deleteAction.triggered.connect(library.delete_current)
        # Del deletes a template only from the list, never while editing text.
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, window.libraryView.templateList)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(library.delete_current)
        self.historyAction = self._action("Ctrl+H")
        self.historyAction.triggered.connect(_command("open_history", window))
        self.settingsAction = self._action(QKeySequence.StandardKey.Preferences)
        if self.settingsAction.shortcut().isEmpty():
            self.settingsAction.setShortcut(QKeySequence("Ctrl+,"))
        self.settingsAction.triggered.connect(_command("open_settings", window))
        self.quitAction = self._action(QKeySequence.StandardKey.Quit)
        self.quitAction.triggered.connect(window.close)
        for action in (self.newAction, self.duplicateAction, self.deleteAction):
            self.fileMenu.addAction(action)
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.historyAction)
        # Portal robots… (issue 8), Connections… (issue 4), the team library (issue 19) and
        # Check on real data… (issue 16): their modules load when chosen.
        self.robotsAction = self._action()
        self.robotsAction.setObjectName("portalRobotsAction")
        self.robotsAction.triggered.connect(_command("open_robots", window))
        self.fileMenu.addAction(self.robotsAction)
        self.fileMenu.addAction(self.settingsAction)
        self.connectionsAction = self._action("Ctrl+Shift+K")
        self.connectionsAction.setObjectName("connectionsAction")
        self.connectionsAction.triggered.connect(_command("open_connections", window))
        self.fileMenu.addAction(self.connectionsAction)
        self.fileMenu.aboutToShow.connect(lambda: self.teamLibrary)  # issue 19
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.quitAction)

        self.editMenu = bar.addMenu("")
        self.undoAction = self._action(QKeySequence.StandardKey.Undo)
        self.undoAction.triggered.connect(lambda: self._on_focused("undo"))
        self.redoAction = self._action(QKeySequence.StandardKey.Redo)
        self.redoAction.triggered.connect(lambda: self._on_focused("redo"))
        self.undoDeleteAction = self._action("Ctrl+Alt+Z")
        self.undoDeleteAction.setEnabled(False)
        self.undoDeleteAction.triggered.connect(self.undo_delete)
        for action in (self.undoAction, self.redoAction, self.undoDeleteAction):
            self.editMenu.addAction(action)

        self.messageMenu = bar.addMenu("")
        self.sendAction = self._action("Ctrl+Return")
        self.sendAction.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sendAction.triggered.connect(self.open_send_dialog)
        self.messageMenu.addAction(self.sendAction)
        self.sendHistoryAction = self._action()
        self.sendHistoryAction.triggered.connect(self.open_send_history)
        self.messageMenu.addAction(self.sendHistoryAction)
        self.dryRunAction = self._action()
        self.dryRunAction.setObjectName("dryRunAction")
        self.dryRunAction.triggered.connect(_command("open_dry_run", window))
        self.messageMenu.addAction(self.dryRunAction)
        self.messageMenu.addSeparator()
        for action in window.editorView.formatActions:
            self.messageMenu.addAction(action)
        window.sideView.sendTestButton.clicked.connect(self.open_send_dialog)

    def _build_status_bar(self) -> None:
        status = self.window.statusBar()
        self.undoOffer = QWidget()
        layout = QHBoxLayout(self.undoOffer)
        layout.setContentsMargins(0, 0, 0, 0)
        self.undoOfferLabel = QLabel()
        self.undoOfferButton = QToolButton()
        self.undoOfferButton.setObjectName("undoDeleteButton")
        self.undoOfferButton.clicked.connect(self.undo_delete)
        layout.addWidget(self.undoOfferLabel)
        layout.addWidget(self.undoOfferButton)
        self.undoOffer.setVisible(False)
        status.addWidget(self.undoOffer)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(lambda: self.undoOffer.setVisible(False))
        self.demoLabel = QLabel()
        self.demoLabel.setObjectName("demoLabel")
        self.demoLabel.setVisible(self.window.demo)
        status.addPermanentWidget(self.demoLabel)

    def _wire_editing_aids(self) -> None:
        view = self.window.editorView
        edit = view.messageEdit
        view.boldAction.triggered.connect(lambda: formatting.wrap_selection(edit, formatting.BOLD))
        view.italicAction.triggered.connect(
            lambda: formatting.wrap_selection(edit, formatting.ITALIC)
        )
        view.strikeAction.triggered.connect(
            lambda: formatting.wrap_selection(edit, formatting.STRIKE)
        )
        view.codeAction.triggered.connect(lambda: formatting.wrap_selection(edit, formatting.CODE))
        view.monoAction.triggered.connect(lambda: formatting.wrap_block(edit))
        view.bulletAction.triggered.connect(lambda: formatting.prefix_lines(edit, "bullet"))
        view.numberedAction.triggered.connect(lambda: formatting.prefix_lines(edit, "numbered"))
        view.quoteAction.triggered.connect(lambda: formatting.prefix_lines(edit, "quote"))
        self.emojiPicker = EmojiPicker(view)
        self.emojiPicker.picked.connect(self.insert_into_field)
        view.emojiButton.setMenu(self.emojiPicker)

    # -- parts built after the first paint or on first use ------------------------------

    def after_first_paint(self) -> None:
        self.portalFields  # noqa: B018  (builds it: the catalogue loads in the background)
        from olchat_desktop.ui.sharing.sidebar import restore_team

        restore_team(self.window)  # the team library's marks in the sidebar (issue 19)

    @cached_property
    def teamLibrary(self) -> TeamLibraryActions:
        """Sync, Share, conflicts and versions (issue 19), after Connections…."""
        from PySide6.QtWidgets import QMenu

        from olchat_desktop.ui.sharing.menu import add_team_library_actions

        entries = self.fileMenu.actions()
        after = entries.index(self.connectionsAction) + 1
        # The actions are made in a menu of their own, then placed where they belong.
        made = QMenu()
        team = add_team_library_actions(self.window, made)
        if after < len(entries):
            self.fileMenu.insertActions(entries[after], made.actions())
        else:
            self.fileMenu.addActions(made.actions())
        return team

    @cached_property
    def portalFields(self) -> PortalFields:
        """Insert field…, the field catalogue and samples from CRM (issue 14)."""
        from olchat_desktop.ui.controllers.portal_fields import PortalFields

        fields = PortalFields(self.window, self.messageMenu, self.insert_into_field)
        fields.retranslate()
        return fields

    @property
    def catalogues(self) -> CatalogueController:
        return self.portalFields.catalogues

    @property
    def insertField(self) -> InsertFieldController:
        return self.portalFields.insertField

    @property
    def insertFieldAction(self) -> QAction:
        return self.portalFields.insertFieldAction

    # -- commands -----------------------------------------------------------------------

    def insert_into_field(self, text: str) -> None:
        """Insert at the cursor of the text field edited last (the message by default)."""
        target = self._last_text_field
        formatting.insert_text(target, text)
        target.setFocus()

    def undo_delete(self) -> None:
        if self.window.libraryController.undo_delete():
            self.undoOffer.setVisible(False)
            self.undoDeleteAction.setEnabled(False)

    def open_send_dialog(self) -> None:
        _command("open_send_dialog", self.window)()

    def open_send_history(self) -> None:
        _command("open_send_history", self.window)()

    def shutdown(self) -> None:
        if "portalFields" in self.__dict__:  # built; never built just to shut it down
            self.portalFields.shutdown()
        stop = getattr(self.sandbox, "stop", None)
        if callable(stop):
            stop()

    # -- slots --------------------------------------------------------------------------

    def _offer_undo_delete(self, _template_id: str, name: str) -> None:
        shown = name.strip() or ui_text("(untitled)")
        self.undoOfferLabel.setText(ui_text("Deleted «{name}»").format(name=shown))
        self.undoOffer.setVisible(True)
        self.undoDeleteAction.setEnabled(True)
        self._undo_timer.start(UNDO_OFFER_MS)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in self._text_fields:
            self._last_text_field = new

    def _on_focused(self, method: str) -> None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            getattr(widget, method)()

    def retranslate(self) -> None:
        self.fileMenu.setTitle(ui_text("&Template"))
        self.newAction.setText(ui_text("&New"))
        self.duplicateAction.setText(ui_text("&Duplicate"))
        self.deleteAction.setText(ui_text("De&lete"))
        self.historyAction.setText(ui_text("&History…"))
        self.robotsAction.setText(ui_text("Portal robots…"))
        self.connectionsAction.setText(ui_text("&Connections…"))
        self.settingsAction.setText(ui_text("&Settings…"))
        self.quitAction.setText(ui_text("&Quit"))
        self.editMenu.setTitle(ui_text("&Edit"))
        self.undoAction.setText(ui_text("&Undo"))
        self.redoAction.setText(ui_text("&Redo"))
        self.undoDeleteAction.setText(ui_text("Undo &delete"))
        self.messageMenu.setTitle(ui_text("&Message"))
        self.sendAction.setText(ui_text("&Send test…"))
        self.sendHistoryAction.setText(ui_text("Send &history…"))
        self.dryRunAction.setText(ui_text("Check on real data…"))
        self.undoOfferButton.setText(ui_text("Undo"))
        self.undoOfferButton.setAccessibleName(ui_text("Undo delete"))
        self.demoLabel.setText(ui_text("Demo: sandbox portal"))
        if "portalFields" in self.__dict__:
            self.portalFields.retranslate()
