"""The "Insert field" menu: common Bitrix24 CRM fields as robot-field expressions.

Bitrix24's «Вставка значения» puts the display form (``{{Имя}}``) into a robot field and
stores the code form (``{=Document:NAME}``); OLChat's docs treat the two as the same
value (reference olchat_whatsapp.md §6). The display form reads better and matches what
managers see in the robot form, so it is the default; the code form does not depend on
the portal's language. The menu says which form it inserts and lets the user switch.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget


class CrmField(NamedTuple):
    ru: str  # the display name a Russian portal shows
    en: str
    code: str  # the document field code

    @property
    def display_form(self) -> str:
        return "{{" + self.ru + "}}"

    @property
    def code_form(self) -> str:
        return "{=Document:" + self.code + "}"


# Fields of leads, deals and contacts that button messages use most.
CRM_FIELDS: tuple[CrmField, ...] = (
    CrmField("Имя", "First name", "NAME"),
    CrmField("Фамилия", "Last name", "LAST_NAME"),
    CrmField("Отчество", "Middle name", "SECOND_NAME"),
    CrmField("Название", "Title", "TITLE"),
    CrmField("Название компании", "Company name", "COMPANY_TITLE"),
    CrmField("Сумма", "Amount", "OPPORTUNITY"),
    CrmField("Валюта", "Currency", "CURRENCY_ID"),
    CrmField("Дата начала", "Start date", "BEGINDATE"),
    CrmField("Дата завершения", "Close date", "CLOSEDATE"),
    CrmField("Дата создания", "Created on", "DATE_CREATE"),
    CrmField("Ответственный", "Responsible person", "ASSIGNED_BY_PRINTABLE"),
    CrmField("Телефон", "Phone (multi-value)", "PHONE"),
    CrmField("E-mail", "E-mail", "EMAIL"),
    CrmField("Комментарий", "Comment", "COMMENTS"),
    CrmField("ID", "ID", "ID"),
)


class InsertFieldMenu(QMenu):
    """Emits :attr:`chosen` with the expression text in the selected form."""

    chosen = Signal(str)
    form_changed = Signal(str)  # "display" | "code"

    def __init__(self, form: str = "display", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insertFieldMenu")
        self.form = form if form in ("display", "code") else "display"
        group = QActionGroup(self)
        self.displayFormAction = QAction(self, checkable=True)
        self.codeFormAction = QAction(self, checkable=True)
        for action in (self.displayFormAction, self.codeFormAction):
            group.addAction(action)
            self.addAction(action)
        self.displayFormAction.setChecked(self.form == "display")
        self.codeFormAction.setChecked(self.form == "code")
        self.displayFormAction.triggered.connect(lambda: self._set_form("display"))
        self.codeFormAction.triggered.connect(lambda: self._set_form("code"))
        self.addSeparator()
        self._lang = "ru"
        self._field_actions: list[tuple[QAction, CrmField]] = []
        # The field entries are made when the menu first opens: start-up skips them.
        self.aboutToShow.connect(self._build_field_actions)
        self.retranslate("ru")

    @property
    def fieldActions(self) -> list[tuple[QAction, CrmField]]:
        self._build_field_actions()
        return self._field_actions

    def _build_field_actions(self) -> None:
        if self._field_actions:
            return
        for field in CRM_FIELDS:
            action = QAction(self)
            action.triggered.connect(lambda _=False, f=field: self._choose(f))
            self.addAction(action)
            self._field_actions.append((action, field))
        self._retranslate_fields()

    def expression_for(self, field: CrmField) -> str:
        return field.display_form if self.form == "display" else field.code_form

    def retranslate(self, lang: str) -> None:
        self.displayFormAction.setText(
            QCoreApplication.translate(
                "InsertFieldMenu", "Insert as {{Имя}} (display name, as in the robot form)"
            )
        )
        self.codeFormAction.setText(
            QCoreApplication.translate(
                "InsertFieldMenu", "Insert as {=Document:NAME} (field code, any portal language)"
            )
        )
        self._lang = lang
        self._retranslate_fields()

    def _retranslate_fields(self) -> None:
        for action, field in self._field_actions:
            name = field.ru if self._lang == "ru" else f"{field.ru} ({field.en})"
            action.setText(f"{name}\t{self.expression_for(field)}")

    def _set_form(self, form: str) -> None:
        self.form = form
        self._retranslate_fields()
        self.form_changed.emit(form)

    def _choose(self, field: CrmField) -> None:
        self.chosen.emit(self.expression_for(field))
