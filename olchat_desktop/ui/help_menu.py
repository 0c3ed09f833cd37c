"""The Help menu of the main window: Keyboard shortcuts (F1), About, About Qt.

The menu retranslates itself on ``LanguageChange`` (Qt sends it down to every child
widget), so the main window only has to install it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from olchat_desktop import APP_NAME
from olchat_desktop.ui.i18n import follow_language, ui_text
from olchat_desktop.ui.icons import icon


class HelpMenu(QMenu):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window.menuBar())
        self.setObjectName("helpMenu")
        self._window = window
        self.shortcutsAction = QAction(icon("keyboard"), "", window)
        self.shortcutsAction.setObjectName("shortcutsAction")
        self.shortcutsAction.setShortcut(QKeySequence("F1"))
        self.shortcutsAction.triggered.connect(self.show_shortcuts)
        self.aboutAction = QAction(icon("about"), "", window)
        self.aboutAction.setObjectName("aboutAction")
        # On macOS these move to the application menu, where users look for them.
        self.aboutAction.setMenuRole(QAction.MenuRole.AboutRole)
        self.aboutAction.triggered.connect(self.show_about)
        self.aboutQtAction = QAction("", window)
        self.aboutQtAction.setObjectName("aboutQtAction")
        self.aboutQtAction.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.aboutQtAction.triggered.connect(self._about_qt)
        self.addAction(self.shortcutsAction)
        self.addSeparator()
        self.addAction(self.aboutAction)
        self.addAction(self.aboutQtAction)
        window.menuBar().addMenu(self)
        self.retranslate()
        follow_language(self, self.retranslate)

    def show_shortcuts(self) -> None:
        from olchat_desktop.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self._window).exec()

    def _about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self._window)

    def show_about(self) -> None:
        from olchat_desktop.ui.about_dialog import AboutDialog

        AboutDialog(self._window).exec()

    def retranslate(self) -> None:
        self.setTitle(ui_text("&Help"))
        self.shortcutsAction.setText(ui_text("&Keyboard shortcuts…"))
        self.aboutAction.setText(ui_text("&About %1").replace("%1", APP_NAME))
        self.aboutQtAction.setText(ui_text("About &Qt"))


def install_help_menu(window: QMainWindow) -> HelpMenu:
    return HelpMenu(window)
