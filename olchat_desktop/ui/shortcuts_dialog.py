"""Help → Keyboard shortcuts: every action of the main window that has a shortcut.

The list is collected from the window's live ``QAction`` objects each time the dialog
opens, grouped by the menu that shows them, so it can never go stale when a menu changes.
Shortcuts are shown in native text (``⌘S`` on macOS, ``Ctrl+S`` elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.ui.i18n import follow_language, ui_text


@dataclass(frozen=True)
class ShortcutEntry:
    """One action: its menu-free text and its shortcuts in native text."""

    action: QAction
    text: str
    keys: str


@dataclass(frozen=True)
class ShortcutGroup:
    title: str
    entries: tuple[ShortcutEntry, ...]


def plain_text(text: str) -> str:
    """Menu text without mnemonics ("&&" stays a literal "&") and without a trailing "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def action_name(action: QAction) -> str:
    """What to call an action. Toolbar glyph texts ("B", "```") say little, so those use
    the status tip ("Bold (*text*)") that the view sets for them."""
    text = plain_text(action.text())
    if len(text) <= 3 and action.statusTip():
        return plain_text(action.statusTip())
    return text


def native_keys(action: QAction) -> str:
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText)
        for key in action.shortcuts()
        if not key.isEmpty()
    )


def _menu_actions(menu: QMenu) -> list[QAction]:
    """A menu's actions, submenus flattened in place."""
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.extend(_menu_actions(submenu))
        elif not action.isSeparator():
            found.append(action)
    return found


def collect_shortcuts(window: QMainWindow, other_title: str = "Other") -> list[ShortcutGroup]:
    """The window's actions with a shortcut, by menu bar menu; the rest under ``other_title``."""
    groups: list[ShortcutGroup] = []
    seen: set[int] = set()

    def entries(actions: list[QAction]) -> tuple[ShortcutEntry, ...]:
        result = []
        for action in actions:
            keys = native_keys(action)
            if not keys or id(action) in seen:
                continue
            seen.add(id(action))
            result.append(ShortcutEntry(action, action_name(action), keys))
        return tuple(result)

    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if isinstance(menu, QMenu):
            found = entries(_menu_actions(menu))
            if found:
                groups.append(ShortcutGroup(plain_text(menu.title()), found))
    # Actions that live on widgets only (toolbars, fields) still count.
    rest = entries(window.findChildren(QAction))
    if rest:
        groups.append(ShortcutGroup(other_title, rest))
    return groups


class ShortcutsDialog(QDialog):
    """A searchable tree: menu → action → keys."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.setObjectName("shortcutsDialog")
        self._window = window
        layout = QVBoxLayout(self)
        self.searchEdit = QLineEdit()
        self.searchEdit.setObjectName("shortcutSearch")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.textChanged.connect(self.apply_filter)
        layout.addWidget(self.searchEdit)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsTree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(520, 520)
        self.retranslate()
        follow_language(self, self.retranslate)

    def populate(self) -> None:
        self.tree.clear()
        bold = self.tree.font()
        bold.setBold(True)
        # A transparent stand-in keeps texts aligned when an action has no icon.
        blank = QPixmap(self.tree.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        no_icon = QIcon(blank)
        for group in collect_shortcuts(self._window, ui_text("Other")):
            parent = QTreeWidgetItem(self.tree, [group.title])
            parent.setFont(0, bold)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            parent.setFirstColumnSpanned(True)
            for entry in group.entries:
                item = QTreeWidgetItem(parent, [entry.text, entry.keys])
                action_icon = entry.action.icon()
                item.setIcon(0, no_icon if action_icon.isNull() else action_icon)
                item.setToolTip(0, entry.action.toolTip())
        self.tree.expandAll()
        self.apply_filter(self.searchEdit.text())

    def _rows(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """Each group item with its action items."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            children = [group.child(i) for i in range(group.childCount())]
            rows.append((group, [child for child in children if child is not None]))
        return rows

    def apply_filter(self, text: str) -> None:
        """Show actions whose name, keys or menu contain ``text`` (case-insensitive)."""
        needle = text.strip().casefold()
        for group, children in self._rows():
            group_hit = needle in group.text(0).casefold()
            shown = 0
            for child in children:
                hit = group_hit or any(needle in child.text(c).casefold() for c in (0, 1))
                child.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def visible_entries(self) -> list[tuple[str, str]]:
        """(action text, keys) of the rows the filter leaves visible."""
        return [
            (child.text(0), child.text(1))
            for group, children in self._rows()
            if not group.isHidden()
            for child in children
            if not child.isHidden()
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(ui_text("Keyboard shortcuts"))
        self.searchEdit.setPlaceholderText(ui_text("Search actions or keys…"))
        self.searchEdit.setAccessibleName(ui_text("Search shortcuts"))
        self.tree.setHeaderLabels([ui_text("Action"), ui_text("Shortcut")])
        self.tree.setAccessibleName(ui_text("Keyboard shortcuts"))
        # Menu titles and action texts come from the window, already in the new language.
        self.populate()
