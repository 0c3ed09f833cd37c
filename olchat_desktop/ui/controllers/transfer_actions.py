"""Template > Import…, Export…, Trash… as menu entries only: the commands' module
(``transfer_controller``) loads when one of them is first used (start-up budget, issue 17).

The entries carry their shortcuts from the start; each calls ``command()``, which builds
the controller on its first call. Texts keep the controller's translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListView, QMenu, QWidget

from olchat_desktop.ui.i18n import ui_text


class TransferActions(QObject):
    def __init__(
        self,
        window: QWidget,
        menu: QMenu,
        before: QAction,
        template_list: QListView,
        commands: Callable[[], Any],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._commands = commands
        self.importAction = self._action("importAction", "Ctrl+Shift+O", "import_file")
        self.exportAction = self._action("exportAction", "Ctrl+Shift+E", "export_current")
        self.exportAllAction = self._action("exportAllAction", None, "export_all")
        self.exportSelectedAction = self._action("exportSelectedAction", None, "export_selected")
        self.trashAction = self._action("trashAction", None, "open_trash")
        self.tagSelectedAction = self._action("tagSelectedAction", None, "tag_selected")
        self._insert_into_menu(menu, before)
        template_list.customContextMenuRequested.connect(self._list_menu)

    def _action(self, name: str, shortcut: str | None, command: str) -> QAction:
        action = QAction(self._window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda: getattr(self._commands(), command)())
        return action

    def _list_menu(self, position: QPoint) -> None:
        self._commands()._list_menu(position)

    def _insert_into_menu(self, menu: QMenu, quit_action: QAction) -> None:
        """Put the actions in their own group just above Quit (and its separator)."""
        entries = menu.actions()
        group = [
            self.importAction,
            self.exportAction,
            self.exportSelectedAction,
            self.exportAllAction,
            self.trashAction,
        ]
        if quit_action not in entries:
            menu.addSeparator()
            menu.addActions(group)
            return
        index = entries.index(quit_action)
        previous = entries[index - 1] if index > 0 else None
        if previous is not None and previous.isSeparator():
            anchor = previous
        else:
            anchor = menu.insertSeparator(quit_action)
        menu.insertSeparator(anchor)
        menu.insertActions(anchor, group)

    def retranslate(self) -> None:
        self.importAction.setText(ui_text("&Import…"))
        self.exportAction.setText(ui_text("&Export this template…"))
        self.exportAllAction.setText(ui_text("Export &all…"))
        self.exportSelectedAction.setText(ui_text("Export &selected…"))
        self.tagSelectedAction.setText(ui_text("Add a tag to the selected…"))
        self.trashAction.setText(ui_text("T&rash…"))
