"""The editor's portal-field commands: Insert field…, the catalogue status and Refresh,
Fill samples from CRM… and Refill, wired to the main window.

The field catalogue lives in :class:`CatalogueController`; the picker, the dialog and
their portal work are imported on first use, so none of it is on the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from olchat_desktop.ui.catalogue.portal import PortalFinder
from olchat_desktop.ui.controllers.catalogue_controller import CatalogueController
from olchat_desktop.ui.controllers.insert_field import InsertFieldController
from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.ui.window_parts import WindowParts


class PortalFields(QObject):
    """Owns the catalogue controller, the field picker and the samples-from-CRM commands."""

    def __init__(
        self, window: WindowParts, menu: QMenu, insert_text: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        view = window.editorView
        self.insertFieldAction = QAction(window)
        self.insertFieldAction.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.fillSamplesAction = QAction(window)
        menu.addAction(self.insertFieldAction)
        menu.addAction(self.fillSamplesAction)

        self.catalogues = CatalogueController(
            PortalFinder(self._running_sandbox, window.demo), window.language, self
        )
        self.catalogues.changed.connect(self._on_catalogue_changed)
        self.insertField = InsertFieldController(
            view.insertFieldButton, self.catalogues, window.settings.insert_field_form,
            window.language,
        )  # fmt: skip
        self.insertField.chosen.connect(insert_text)
        self.insertField.form_changed.connect(self._on_insert_form_changed)
        view.insertFieldButton.clicked.connect(self.insertField.open)
        self.insertFieldAction.triggered.connect(self.insertField.open)
        view.refreshCatalogueButton.clicked.connect(lambda: self.catalogues.refresh())
        view.fillSamplesButton.clicked.connect(self.open_fill_samples)
        self.fillSamplesAction.triggered.connect(self.open_fill_samples)
        view.refillSamplesButton.clicked.connect(self.refill_samples)
        self.catalogues.start()

    def open_fill_samples(self) -> None:
        from olchat_desktop.ui.fill_samples.open_dialog import open_fill_samples

        open_fill_samples(self.window)

    def refill_samples(self) -> None:
        from olchat_desktop.ui.fill_samples.open_dialog import refill_samples

        refill_samples(self.window)

    def shutdown(self) -> None:
        self.catalogues.shutdown()

    def retranslate(self) -> None:
        self.insertFieldAction.setText(ui_text("Insert &field…"))
        self.fillSamplesAction.setText(ui_text("Fill samples from &CRM…"))
        self.insertField.retranslate()
        self._on_catalogue_changed()

    def _running_sandbox(self) -> object:
        from olchat_desktop.ui.demo_sandbox import running_sandbox

        return running_sandbox(self.window)

    def _on_catalogue_changed(self) -> None:
        view = self.window.editorView
        lang = self.window.language()
        view.catalogueStatusLabel.setText(self.catalogues.status(lang))
        # Every problem of the last read in full (the label shows the first).
        view.catalogueStatusLabel.setToolTip("\n".join(self.catalogues.problem_notes(lang)))
        view.refreshCatalogueButton.setEnabled(
            not self.catalogues.busy and self.catalogues.portal is not None
        )
        # Expressions are checked against a portal's fields only: the built-in list is
        # a small sample, and every custom field would look unknown next to it.
        self.window.editor.set_catalogue(self.catalogues.portal_catalogue)

    def _on_insert_form_changed(self, form: str) -> None:
        self.window.settings.insert_field_form = form  # type: ignore[assignment]
