"""The sandbox portal's user fields (``UF_CRM_…``): codes, types, Russian labels, items.

One table shared by ``crm.*.fields`` (the catalogue), the CRM seed (values on items) and
the bulk seed for the dry run (``--crm-items N``). Codes follow the real portal's form
(``UF_CRM_`` + digits, at most 20 characters with the prefix, reference ``bitrix24.md``
§7); the labels are what a Russian sales team types. The raw entry shapes
(``formLabel``/``listLabel``/``filterLabel``, ``title`` = the code, ``items`` for lists,
``settings`` for some types) copy ``crm.deal.fields`` answers from the docs
(apidocs ``api-reference/crm/deals/crm-deal-fields``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UserField:
    entity: str  # "deal" | "contact" | "lead" | "company"
    code: str
    label: str  # the Russian formLabel
    type: str  # Bitrix24 user type id: string, enumeration, money, date, employee, ...
    multiple: bool = False
    required: bool = False
    items: tuple[tuple[str, str], ...] = ()  # enumeration (ID, VALUE)
    status_type: str = ""  # crm_status: the ENTITY_ID in crm.status.list
    list_label: str = ""  # when it differs from the form label

    def describe(self) -> dict[str, Any]:
        """The entry as ``crm.<entity>.fields`` returns it."""
        entry: dict[str, Any] = {
            "type": self.type,
            "isRequired": self.required,
            "isReadOnly": False,
            "isImmutable": False,
            "isMultiple": self.multiple,
            "isDynamic": True,
            "title": self.code,
            "listLabel": self.list_label or self.label,
            "formLabel": self.label,
            "filterLabel": self.list_label or self.label,
        }
        if self.items:
            entry["items"] = [{"ID": item_id, "VALUE": value} for item_id, value in self.items]
        if self.status_type:
            entry["statusType"] = self.status_type
        return entry


BRANCHES = (("41", "Москва, Тверская"), ("42", "Санкт-Петербург, Невский"), ("43", "Казань"))
CHANNELS = (("51", "WhatsApp"), ("52", "Телефон"), ("53", "Сайт"), ("54", "Рекомендация"))

DEAL_USER_FIELDS: tuple[UserField, ...] = (
    UserField("deal", "UF_CRM_1700000001", "Дата визита", "date"),
    UserField("deal", "UF_CRM_1700000002", "Время визита", "datetime"),
    UserField("deal", "UF_CRM_1700000003", "Филиал", "enumeration", items=BRANCHES),
    UserField("deal", "UF_CRM_1700000004", "Ответственный менеджер", "employee"),
    UserField("deal", "UF_CRM_1700000005", "Сумма предоплаты", "money"),
    UserField("deal", "UF_CRM_1700000006", "Номер договора", "string"),
    UserField("deal", "UF_CRM_1700000007", "Промокоды", "string", multiple=True),
    UserField("deal", "UF_CRM_1700000008", "Согласие на рассылку", "boolean"),
    UserField("deal", "UF_CRM_1700000009", "Скидка, %", "double"),
    UserField("deal", "UF_CRM_1700000010", "Ссылка на оплату", "url"),
    UserField("deal", "UF_CRM_1700000011", "Адрес доставки", "address"),
    UserField("deal", "UF_CRM_1700000012", "Источник заявки", "crm_status", status_type="SOURCE"),
    UserField(
        "deal", "UF_CRM_1700000013", "Каналы связи", "enumeration", multiple=True, items=CHANNELS
    ),
    UserField("deal", "UF_CRM_1700000014", "Комментарий курьера", "string"),
    UserField("deal", "UF_CRM_1700000015", "Кол-во мест", "integer"),
    UserField("deal", "UF_CRM_1700000016", "Менеджеры сопровождения", "employee", multiple=True),
    UserField("deal", "UF_CRM_1700000017", "Ёмкость склада", "double"),
)
CONTACT_USER_FIELDS: tuple[UserField, ...] = (
    UserField("contact", "UF_CRM_1700000101", "День рождения клиента", "date"),
    UserField("contact", "UF_CRM_1700000102", "Любимый филиал", "enumeration", items=BRANCHES),
    UserField("contact", "UF_CRM_1700000103", "Telegram", "string"),
)
COMPANY_USER_FIELDS: tuple[UserField, ...] = (
    UserField("company", "UF_CRM_1700000201", "ИНН", "string"),
    UserField("company", "UF_CRM_1700000202", "Отрасль клиента", "enumeration", items=CHANNELS),
)
LEAD_USER_FIELDS: tuple[UserField, ...] = (
    UserField("lead", "UF_CRM_1700000301", "Желаемая дата", "date"),
    UserField("lead", "UF_CRM_1700000302", "Интерес", "string", multiple=True),
)

USER_FIELDS: dict[str, tuple[UserField, ...]] = {
    "deal": DEAL_USER_FIELDS,
    "contact": CONTACT_USER_FIELDS,
    "company": COMPANY_USER_FIELDS,
    "lead": LEAD_USER_FIELDS,
}
