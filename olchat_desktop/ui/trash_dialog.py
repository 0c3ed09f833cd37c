""" "Trash…": deleted templates with when they were deleted; restore, delete forever, empty.

Deleting from the library only moves a template here (``TemplateLibrary.delete``); this
dialog is the one place where a template is removed for good, always after a question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.ui.i18n import LiveTexts, current_language, ui_text

ID_ROLE = Qt.ItemDataRole.UserRole


class TrashDialog(QDialog):
    restored = Signal(str)  # template id, back in the library
    purged = Signal()  # one or more templates deleted for good

    def __init__(self, library: TemplateLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("trashDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Trash"))
        self.resize(560, 380)
        self.library = library
        self.trashList = QTreeWidget()
        self.trashList.setObjectName("trashList")
        self.live.bind(self.trashList.setAccessibleName, lambda: ui_text("Deleted templates"))
        self.live.bind(
            self.trashList.setHeaderLabels, lambda: [ui_text("Name"), ui_text("Deleted at")]
        )
        self.trashList.setRootIsDecorated(False)
        self.trashList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.trashList.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.emptyLabel = QLabel()
        self.live.bind(self.emptyLabel.setText, lambda: ui_text("The trash is empty."))
        self.emptyLabel.setObjectName("trashEmptyLabel")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.restoreButton = self.buttons.addButton("", role)
        self.live.bind(self.restoreButton.setText, lambda: ui_text("&Restore"))
        self.restoreButton.setObjectName("restoreButton")
        self.purgeButton = self.buttons.addButton("", role)
        self.live.bind(self.purgeButton.setText, lambda: ui_text("&Delete forever…"))
        self.purgeButton.setObjectName("purgeButton")
        self.emptyButton = self.buttons.addButton("", role)
        self.live.bind(self.emptyButton.setText, lambda: ui_text("&Empty trash…"))
        self.emptyButton.setObjectName("emptyTrashButton")
        self.buttons.rejected.connect(self.reject)
        self.restoreButton.clicked.connect(self.restore_selected)
        self.purgeButton.clicked.connect(self.purge_selected)
        self.emptyButton.clicked.connect(self.empty)
        self.trashList.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.trashList.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.trashList)
        layout.addWidget(self.emptyLabel)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.trashList.clear()
        self._items: list[QTreeWidgetItem] = []
        try:
            entries = self.library.list_trash()
        except LibraryError as failure:
            self._warn(failure)
            entries = []
        for entry in entries:
            name = entry.template.name.strip() or ui_text("(untitled)")
            when = entry.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M")
            item = QTreeWidgetItem([name, when])
            item.setData(0, ID_ROLE, entry.template.id)
            self.trashList.addTopLevelItem(item)
            self._items.append(item)
        if self._items:
            self.trashList.setCurrentItem(self._items[0])
        self.emptyLabel.setVisible(not entries)
        self._update_buttons()

    def entry_names(self) -> list[str]:
        return [item.text(0) for item in self._items]

    def select_name(self, name: str) -> bool:
        """Select the first entry called ``name`` (keyboard users type; tests call this)."""
        for item in self._items:
            if item.text(0) == name:
                self.trashList.setCurrentItem(item)
                return True
        return False

    # -- commands -----------------------------------------------------------------------

    def restore_selected(self) -> None:
        template_id = self._selected_id()
        if template_id is None:
            return
        try:
            self.library.restore(template_id)
        except LibraryError as failure:
            self._warn(failure)
        else:
            self.restored.emit(template_id)
        self.reload()

    def purge_selected(self) -> None:
        item = self.trashList.currentItem()
        template_id = self._selected_id()
        if item is None or template_id is None:
            return
        question = ui_text("Delete «{name}» forever? This cannot be undone.")
        if not self._confirm(question.format(name=item.text(0))):
            return
        try:
            self.library.purge(template_id)
        except LibraryError as failure:
            self._warn(failure)
        self.purged.emit()
        self.reload()

    def empty(self) -> None:
        count = self.trashList.topLevelItemCount()
        if count == 0:
            return
        question = ui_text(
            "Delete all {count} templates in the trash forever? This cannot be undone."
        )
        if not self._confirm(question.format(count=count)):
            return
        try:
            self.library.empty_trash()
        except LibraryError as failure:
            self._warn(failure)
        self.purged.emit()
        self.reload()

    # -- internals ----------------------------------------------------------------------

    def _selected_id(self) -> str | None:
        item = self.trashList.currentItem()
        return None if item is None else str(item.data(0, ID_ROLE))

    def _update_buttons(self) -> None:
        selected = self.trashList.currentItem() is not None
        self.restoreButton.setEnabled(selected)
        self.purgeButton.setEnabled(selected)
        self.emptyButton.setEnabled(self.trashList.topLevelItemCount() > 0)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            ui_text("Delete forever"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _warn(self, failure: LibraryError) -> None:
        QMessageBox.warning(self, ui_text("Trash"), failure.message(current_language()))
