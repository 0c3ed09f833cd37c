"""Template → Open recent: the template files opened lately, newest first (issue 18).

Built from ``AppSettings.recent_files`` each time the menu opens, so files opened by a
hand-off or a drop appear without bookkeeping here. A file that has gone is refused with
the usual message when chosen, and leaves the list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QWidget

from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from olchat_desktop.storage.settings import AppSettings


class RecentMenu(QObject):
    def __init__(
        self,
        window: QWidget,
        settings: AppSettings,
        open_paths: Callable[[list[str]], None],
        file_menu: QMenu,
        before: QAction,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.open_paths = open_paths
        self.menu = QMenu(window)
        self.menu.setObjectName("recentMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self.menuAction = file_menu.insertMenu(before, self.menu)  # before Export…
        self.rebuild()

    def rebuild(self) -> None:
        self.menu.clear()
        recent = self.settings.recent_files
        for number, text in enumerate(recent, start=1):
            path = Path(text)
            name = path.name.replace("&", "&&")  # a literal "&", not a mnemonic
            action = self.menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setToolTip(text)
            action.setStatusTip(text)
            action.triggered.connect(lambda _checked=False, p=text: self.open_paths([p]))
        if not recent:
            self.menu.addAction(ui_text("No recent files")).setEnabled(False)
        self.menu.addSeparator()
        self.clearAction = self.menu.addAction(ui_text("&Clear the list"))
        self.clearAction.setEnabled(bool(recent))
        self.clearAction.triggered.connect(self.clear)

    def clear(self) -> None:
        self.settings.recent_files = []
        self.rebuild()

    def retranslate(self) -> None:
        self.menu.setTitle(ui_text("Open &recent"))
        self.rebuild()
