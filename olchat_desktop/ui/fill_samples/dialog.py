""" "Fill samples from CRM…": find a real CRM item and use its values as the samples.

Results come while typing: a search starts 350 ms after the last keystroke (so at most
about three requests a second however fast one types), and starting one cancels the
one still running, whose late answer is dropped (``ui.tasks``). Every portal call runs
on a worker. Errors (no portal, access denied, rate limit, an item that vanished since
the search) are shown in the dialog in the user's language; the editor's samples are
only touched when a fill succeeded, so nothing typed is ever lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.ui.fill_samples import work
from olchat_desktop.ui.fill_samples.origin import ItemOrigin
from olchat_desktop.ui.i18n import current_language, follow_language, ui_text

if TYPE_CHECKING:
    from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
    from olchat_desktop.core.template_draft import TemplateDraft
    from olchat_desktop.ui.catalogue.portal import PortalFinder
    from olchat_desktop.ui.tasks import TaskHandle

DEBOUNCE_MS = 350
ITEM_ROLE = Qt.ItemDataRole.UserRole


class FillSamplesDialog(QDialog):
    """Emits :attr:`filled` (samples, origin) and closes when a fill succeeds."""

    filled = Signal(object, object)

    def __init__(
        self,
        finder: PortalFinder,
        template: TemplateDraft,
        catalogue: FieldCatalogue,
        entity: CrmEntity = "deal",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fillSamplesDialog")
        self.finder, self.template, self.catalogue = finder, template, catalogue
        self.searches = 0  # searches started (the debounce keeps this low)
        self._search_task: TaskHandle | None = None
        self._fill_task: TaskHandle | None = None

        self.entityCombo = QComboBox()
        self.entityCombo.setObjectName("fillEntityCombo")
        self.searchEdit = QLineEdit()
        self.searchEdit.setObjectName("fillSearchEdit")
        self.searchEdit.setClearButtonEnabled(True)
        self.resultsList = QListWidget()
        self.resultsList.setObjectName("fillResultsList")
        self.resultsList.setMinimumHeight(180)
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("fillStatusLabel")
        self.statusLabel.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.fillButton = QPushButton()
        self.fillButton.setObjectName("fillButton")
        self.fillButton.setEnabled(False)
        self.buttons.addButton(self.fillButton, QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter belongs to the search box (search now, or fill from the chosen item) and
        # to the list (fill): no default button may catch it and close the dialog.
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        form = QFormLayout()
        self.entityLabel, self.searchLabel = QLabel(), QLabel()
        self.entityLabel.setBuddy(self.entityCombo)
        self.searchLabel.setBuddy(self.searchEdit)
        form.addRow(self.entityLabel, self.entityCombo)
        form.addRow(self.searchLabel, self.searchEdit)
        layout = QVBoxLayout(self)
        self.hintLabel = QLabel()
        self.hintLabel.setWordWrap(True)
        layout.addWidget(self.hintLabel)
        layout.addLayout(form)
        layout.addWidget(self.resultsList, 1)
        layout.addWidget(self.statusLabel)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.searchEdit.textChanged.connect(lambda _text: self._debounce.start())
        self.searchEdit.returnPressed.connect(self._on_return)
        self.entityCombo.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.resultsList.currentItemChanged.connect(
            lambda current, _prev: self.fillButton.setEnabled(current is not None)
        )
        self.resultsList.itemActivated.connect(lambda _item: self.fill_chosen())
        self.fillButton.clicked.connect(self.fill_chosen)
        self.buttons.rejected.connect(self.reject)
        self._retranslate()
        follow_language(self, self._retranslate)
        index = self.entityCombo.findData(entity)
        self.entityCombo.setCurrentIndex(max(0, index))
        self.resize(560, 460)

    # -- public -------------------------------------------------------------------------

    @property
    def entity(self) -> CrmEntity:
        return self.entityCombo.currentData()  # type: ignore[no-any-return]

    def search_now(self) -> None:
        """Search the chosen entity for the typed text (cancelling a running search)."""
        from olchat_desktop.ui.tasks import start_task

        self._debounce.stop()
        if self._search_task is not None:
            self._search_task.cancel()
        query = self.searchEdit.text().strip()
        entity, finder = self.entity, self.finder
        self.searches += 1
        self._show_status(ui_text("Searching…"))
        task = start_task(lambda token, _report: work.search(finder, entity, query, token), self)
        task.succeeded.connect(self._show_results)
        task.failed.connect(self._show_error)
        self._search_task = task

    def fill_chosen(self) -> None:
        item = self.resultsList.currentItem()
        if item is None or (self._fill_task is not None and self._fill_task.running):
            return
        row: work.ItemRow = item.data(ITEM_ROLE)
        self.fill_from(ItemOrigin(self.entity, row.item_id, row.title))

    def fill_from(self, origin: ItemOrigin) -> None:
        from olchat_desktop.ui.tasks import start_task

        finder, template, catalogue = self.finder, self.template, self.catalogue
        self.fillButton.setEnabled(False)
        self._show_status(ui_text("Reading the item…"))
        task = start_task(
            lambda token, _report: work.fill(finder, template, catalogue, origin, token), self
        )
        task.succeeded.connect(self._on_filled)
        task.failed.connect(self._on_fill_failed)
        self._fill_task = task

    # -- results ------------------------------------------------------------------------

    def _show_results(self, rows: list[work.ItemRow]) -> None:
        self.resultsList.clear()
        for row in rows:
            text = f"#{row.item_id} · {row.title or ui_text('(untitled)')}"
            item = QListWidgetItem(text)
            item.setData(ITEM_ROLE, row)
            self.resultsList.addItem(item)
        if rows:
            self.resultsList.setCurrentRow(0)
            self._show_status(ui_text("Found: {count}. Enter fills the samples.").format(
                count=len(rows)))  # fmt: skip
        else:
            self._show_status(ui_text("Nothing found. Try a part of the title, a phone or an ID."))

    def _on_return(self) -> None:
        if self._debounce.isActive() or self.resultsList.count() == 0:
            self.search_now()
        else:
            self.fill_chosen()

    def _on_filled(self, result: work.FillResult) -> None:
        self.filled.emit(result.samples, result.origin)
        self.accept()

    def _on_fill_failed(self, error: object) -> None:
        self.fillButton.setEnabled(self.resultsList.currentItem() is not None)
        self._show_error(error)

    def _show_error(self, error: object) -> None:
        from olchat_desktop.connections.errors import user_message

        failure = error if isinstance(error, BaseException) else RuntimeError(str(error))
        self._show_status(user_message(failure, current_language()), error=True)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setProperty("error", error)
        self.statusLabel.setStyleSheet("color: #c62828;" if error else "")

    def _retranslate(self) -> None:
        self.setWindowTitle(ui_text("Fill samples from CRM"))
        self.hintLabel.setText(
            ui_text(
                "Find a real CRM item: every sample becomes the text the customer would "
                "see for it (list texts, names, amounts, dates), so the counters are "
                "exact."
            )
        )
        self.entityLabel.setText(ui_text("&Entity"))
        self.searchLabel.setText(ui_text("&Search"))
        self.searchEdit.setPlaceholderText(ui_text("title, phone or ID"))
        self.fillButton.setText(ui_text("&Fill samples"))
        self.resultsList.setAccessibleName(ui_text("Found CRM items"))
        current = self.entityCombo.currentData()
        self.entityCombo.blockSignals(True)
        self.entityCombo.clear()
        for entity, name in (
            ("deal", ui_text("Deal")),
            ("contact", ui_text("Contact")),
            ("company", ui_text("Company")),
            ("lead", ui_text("Lead")),
        ):
            self.entityCombo.addItem(name, entity)
        if current is not None:
            self.entityCombo.setCurrentIndex(self.entityCombo.findData(current))
        self.entityCombo.blockSignals(False)
