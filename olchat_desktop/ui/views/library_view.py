"""Layout of the library sidebar: search, tag filter and order, the template list (a
``QListView`` on ``controllers.library_model``, issue 15) and its buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.i18n import text
from olchat_desktop.ui import i18n
from olchat_desktop.ui.i18n import ui_text


class LibraryView(QWidget):
    """The sidebar. Behaviour lives in ``controllers.library_controller``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)

        self.templateSearch = QLineEdit()
        self.templateSearch.setObjectName("templateSearch")
        self.templateSearch.setClearButtonEnabled(True)
        self.tagFilter = QComboBox()
        self.tagFilter.setObjectName("tagFilter")
        self.sortCombo = QComboBox()
        self.sortCombo.setObjectName("sortCombo")
        for key in ("name", "updated", "status"):
            self.sortCombo.addItem("", key)
        # Team library (issue 19): all templates, only local ones, only shared ones.
        self.sharingFilter = QComboBox()
        self.sharingFilter.setObjectName("sharingFilter")
        for key in ("all", "local", "shared"):
            self.sharingFilter.addItem("", key)
        self._sharing_counts: tuple[int, int] | None = None
        # Shown while the pass after an import checks its templates (issue 15).
        self.checkingNote = QLabel()
        self.checkingNote.setObjectName("checkingNote")
        self.checkingNote.setWordWrap(True)
        self.checkingNote.setVisible(False)
        self.templateList = QListView()
        self.templateList.setObjectName("templateList")
        # Every row is two lines high: the view lays out 20,000 rows without asking each.
        self.templateList.setUniformItemSizes(True)
        self.templateList.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.templateList.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.newButton = QPushButton()
        self.newButton.setObjectName("newTemplateButton")
        self.duplicateButton = QPushButton()
        self.duplicateButton.setObjectName("duplicateTemplateButton")
        self.deleteButton = QPushButton()
        self.deleteButton.setObjectName("deleteTemplateButton")

        layout.addWidget(self.templateSearch)
        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.tagFilter, 3)
        filters.addWidget(self.sortCombo, 2)
        layout.addLayout(filters)
        layout.addWidget(self.sharingFilter)
        layout.addWidget(self.checkingNote)
        layout.addWidget(self.templateList, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.newButton, self.duplicateButton, self.deleteButton):
            buttons.addWidget(button)
        layout.addLayout(buttons)

        QWidget.setTabOrder(self.templateSearch, self.tagFilter)
        QWidget.setTabOrder(self.tagFilter, self.sortCombo)
        QWidget.setTabOrder(self.sortCombo, self.sharingFilter)
        QWidget.setTabOrder(self.sharingFilter, self.templateList)
        QWidget.setTabOrder(self.templateList, self.newButton)
        QWidget.setTabOrder(self.newButton, self.duplicateButton)
        QWidget.setTabOrder(self.duplicateButton, self.deleteButton)
        self.retranslate()

    def retranslate(self) -> None:
        self.templateSearch.setPlaceholderText(ui_text("Search templates…"))
        self.templateSearch.setAccessibleName(ui_text("Search templates"))
        self.tagFilter.setAccessibleName(ui_text("Filter by tag"))
        self.tagFilter.setToolTip(ui_text("Show only templates with this tag"))
        if self.tagFilter.count():
            self.tagFilter.setItemText(0, ui_text("All tags"))
        self.sortCombo.setAccessibleName(ui_text("Sort templates"))
        self.sortCombo.setToolTip(ui_text("Order of the list"))
        for index, label in enumerate(
            (ui_text("By name"), ui_text("Recently changed"), ui_text("Problems first"))
        ):
            self.sortCombo.setItemText(index, label)
        lang = i18n.current_language()  # the team filter's strings are gettext's (issue 19)
        self.sharingFilter.setAccessibleName(text(lang, "Local or shared templates"))
        self.sharingFilter.setToolTip(
            text(lang, "Show all templates, only local or only shared ones")
        )
        self.set_sharing_counts(self._sharing_counts)
        self.templateList.setAccessibleName(ui_text("Templates"))
        self.newButton.setText(ui_text("New"))
        self.newButton.setAccessibleName(ui_text("New template"))
        self.newButton.setToolTip(ui_text("New template (Ctrl+N)"))
        self.duplicateButton.setText(ui_text("Duplicate"))
        self.duplicateButton.setAccessibleName(ui_text("Duplicate template"))
        self.duplicateButton.setToolTip(ui_text("Duplicate the selected template (Ctrl+D)"))
        self.deleteButton.setText(ui_text("Delete"))
        self.deleteButton.setAccessibleName(ui_text("Delete template"))
        self.deleteButton.setToolTip(ui_text("Move the selected template to the trash (Del)"))

    def set_sharing_counts(self, counts: tuple[int, int] | None) -> None:
        """The filter's items, with (all, shared) counts once the team library is known."""
        lang = i18n.current_language()
        texts = [
            text(lang, "All templates"),
            text(lang, "Local only"),
            text(lang, "Shared with the team"),
        ]
        if counts is not None:
            total, shared = counts
            texts = [
                f"{text} ({n})"
                for text, n in zip(texts, (total, total - shared, shared), strict=True)
            ]
        self._sharing_counts = counts
        for index, label in enumerate(texts):
            self.sharingFilter.setItemText(index, label)
