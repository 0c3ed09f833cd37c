"""Standard CRM fields every Bitrix24 portal has, as ``crm.<entity>.fields`` describes them.

Codes, types, ``statusType`` and the Russian ``title`` follow the field tables of the
REST docs (apidocs.bitrix24.ru ``api-reference/crm/deals/crm-deal-fields``,
``…/contacts/crm-contact-fields``, ``…/leads/crm-lead-fields``,
``…/companies/crm-company-fields``). Only the fields a message is likely to print are
listed. The same table gives the editor's built-in catalogue (no portal connected) and
the sandbox portal's standard fields, which the sandbox extends with its user fields.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.field_catalogue import CatalogueField, CrmEntity

# (code, title, type, statusType, multiple, read-only)
_Row = tuple[str, str, str, str, bool, bool]

_COMMON_TAIL: tuple[_Row, ...] = (
    ("COMMENTS", "Комментарий", "string", "", False, False),
    ("ASSIGNED_BY_ID", "Ответственный", "user", "", False, False),
    ("CREATED_BY_ID", "Кем создана", "user", "", False, True),
    ("DATE_CREATE", "Дата создания", "datetime", "", False, True),
    ("DATE_MODIFY", "Дата изменения", "datetime", "", False, True),
    ("SOURCE_ID", "Источник", "crm_status", "SOURCE", False, False),
)
_PERSON: tuple[_Row, ...] = (
    ("NAME", "Имя", "string", "", False, False),
    ("LAST_NAME", "Фамилия", "string", "", False, False),
    ("SECOND_NAME", "Отчество", "string", "", False, False),
    ("BIRTHDATE", "Дата рождения", "date", "", False, False),
    ("PHONE", "Телефон", "crm_multifield", "", True, False),
    ("EMAIL", "E-mail", "crm_multifield", "", True, False),
)

STANDARD_ROWS: dict[CrmEntity, tuple[_Row, ...]] = {
    "deal": (
        ("ID", "ID", "integer", "", False, True),
        ("TITLE", "Название", "string", "", False, False),
        ("TYPE_ID", "Тип", "crm_status", "DEAL_TYPE", False, False),
        ("STAGE_ID", "Стадия сделки", "crm_status", "DEAL_STAGE", False, False),
        ("PROBABILITY", "Вероятность", "integer", "", False, False),
        ("CURRENCY_ID", "Валюта", "crm_currency", "", False, False),
        ("OPPORTUNITY", "Сумма", "double", "", False, False),
        ("COMPANY_ID", "Компания", "crm_company", "", False, False),
        ("CONTACT_ID", "Контакт", "crm_contact", "", False, False),
        ("BEGINDATE", "Дата начала", "date", "", False, False),
        ("CLOSEDATE", "Дата завершения", "date", "", False, False),
        ("OPENED", "Доступна для всех", "char", "", False, False),
        *_COMMON_TAIL,
    ),
    "contact": (
        ("ID", "ID", "integer", "", False, True),
        ("HONORIFIC", "Обращение", "crm_status", "HONORIFIC", False, False),
        *_PERSON,
        ("POST", "Должность", "string", "", False, False),
        ("TYPE_ID", "Тип контакта", "crm_status", "CONTACT_TYPE", False, False),
        ("COMPANY_ID", "Компания", "crm_company", "", False, False),
        *_COMMON_TAIL,
    ),
    "lead": (
        ("ID", "ID", "integer", "", False, True),
        ("TITLE", "Название лида", "string", "", False, False),
        *_PERSON,
        ("COMPANY_TITLE", "Название компании", "string", "", False, False),
        ("STATUS_ID", "Стадия", "crm_status", "STATUS", False, False),
        ("CURRENCY_ID", "Валюта", "crm_currency", "", False, False),
        ("OPPORTUNITY", "Сумма", "double", "", False, False),
        *_COMMON_TAIL,
    ),
    "company": (
        ("ID", "ID", "integer", "", False, True),
        ("TITLE", "Название компании", "string", "", False, False),
        ("COMPANY_TYPE", "Тип компании", "crm_status", "COMPANY_TYPE", False, False),
        ("INDUSTRY", "Сфера деятельности", "crm_status", "INDUSTRY", False, False),
        ("REVENUE", "Годовой оборот", "double", "", False, False),
        ("CURRENCY_ID", "Валюта", "crm_currency", "", False, False),
        ("PHONE", "Телефон", "crm_multifield", "", True, False),
        ("EMAIL", "E-mail", "crm_multifield", "", True, False),
        *_COMMON_TAIL,
    ),
}


def describe_standard(row: _Row) -> dict[str, Any]:
    """The row as a ``crm.<entity>.fields`` entry (standard fields carry only ``title``)."""
    code, title, field_type, status_type, multiple, read_only = row
    entry: dict[str, Any] = {
        "type": field_type,
        "isRequired": code == "TITLE",
        "isReadOnly": read_only,
        "isImmutable": False,
        "isMultiple": multiple,
        "isDynamic": False,
        "title": title,
    }
    if status_type:
        entry["statusType"] = status_type
    return entry


def builtin_fields() -> tuple[CatalogueField, ...]:
    fields: list[CatalogueField] = []
    for entity, rows in STANDARD_ROWS.items():
        for code, title, field_type, status_type, multiple, read_only in rows:
            fields.append(
                CatalogueField(
                    entity=entity,
                    code=code,
                    label=title,
                    type=field_type,
                    multiple=multiple,
                    required=code == "TITLE",
                    read_only=read_only,
                    status_type=status_type,
                )
            )
    return tuple(fields)
