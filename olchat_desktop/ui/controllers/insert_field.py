"""The "Insert field" command: a searchable picker over the portal's field catalogue.

Bitrix24's «Вставка значения» puts the display form (``{{Имя}}``) into a robot field and
stores the code form (``{=Document:NAME}``); OLChat's docs treat the two as the same
value (reference olchat_whatsapp.md §6). The display form reads better and matches what
managers see in the robot form, so it is the default; the code form does not depend on
the portal's language. Lists, employees, money, statuses and yes/no fields get
`` > printable`` so the robot prints their text, not an id (reference bitrix24.md §7).

The fields are the active portal's (``CatalogueController``), or the built-in list of
common fields while no portal catalogue is loaded; the picker says which. The popup is
built on first use: start-up imports none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from olchat_desktop.core.i18n import Lang

if TYPE_CHECKING:
    from olchat_desktop.core.field_catalogue import FieldCatalogue
    from olchat_desktop.ui.controllers.catalogue_controller import CatalogueController
    from olchat_desktop.ui.field_picker.popup import FieldPickerPopup


class InsertFieldController(QObject):
    """Opens the picker under ``anchor``; :attr:`chosen` carries the expression text."""

    chosen = Signal(str)
    form_changed = Signal(str)  # "display" | "code"

    def __init__(
        self,
        anchor: QWidget,
        catalogues: CatalogueController,
        form: str,
        language: Callable[[], Lang],
    ) -> None:
        super().__init__(anchor)
        self.anchor = anchor
        self.catalogues = catalogues
        self.form = form if form in ("display", "code") else "display"
        self._language = language
        self._popup: FieldPickerPopup | None = None
        self._shown_catalogue: FieldCatalogue | None = None
        catalogues.changed.connect(self._on_catalogue_changed)

    @property
    def created(self) -> bool:
        return self._popup is not None

    @property
    def popup(self) -> FieldPickerPopup:
        """The picker, made (and filled) on first use."""
        if self._popup is None:
            from olchat_desktop.ui.field_picker.popup import FieldPickerPopup

            popup = FieldPickerPopup(self.form, self.anchor)
            popup.chosen.connect(self.chosen)
            popup.form_changed.connect(self._on_form_changed)
            popup.refresh_requested.connect(lambda: self.catalogues.refresh())
            popup.retranslate(self._language())
            self._popup = popup
            self._sync()
        return self._popup

    def open(self) -> None:
        popup = self.popup
        self._sync()
        popup.popup_under(self.anchor)

    def retranslate(self) -> None:
        if self._popup is not None:
            self._popup.retranslate(self._language())
            self._sync()

    def _sync(self) -> None:
        popup = self._popup
        if popup is None:
            return
        catalogue = self.catalogues.catalogue()
        if catalogue is not self._shown_catalogue:
            self._shown_catalogue = catalogue
            popup.set_catalogue(catalogue)
        popup.set_status(self.catalogues.status(self._language()))
        popup.refreshButton.setEnabled(
            not self.catalogues.busy and self.catalogues.portal is not None
        )

    def _on_catalogue_changed(self) -> None:
        self._sync()

    def _on_form_changed(self, form: str) -> None:
        self.form = form
        self.form_changed.emit(form)
