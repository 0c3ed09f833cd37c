"""Values of the sandbox's user fields on the seeded CRM items (``seed_crm.build_crm_seed``).

The first deals are hand-made to exercise every rule of ``core.field_values``:

* deal 1 — every field filled with ordinary values;
* deal 2 — long values (a 1,500-character courier comment, a 300-character contract
  number), emoji, a large amount, the long-named user 3;
* deal 3 — every user field empty (``null``, ``""`` or ``[]``, as portals return them);
* deal 4 — multiple fields with many values, an amount in dollars;
* deals 5… — values cycled from deal 1's shapes, so a template reads differently per deal.

Contacts, leads and companies get their few user fields the same way (item 3 empty).
Values are the raw REST forms: enumeration item IDs, user IDs, ``"1500|RUB"``, ISO dates
with the portal's offset, ``"1"``/``"0"`` booleans, ``"text|lat;lng|id"`` addresses.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.sandbox.user_fields import USER_FIELDS

LONG_COMMENT = (
    "Подъезд со двора 🚚, код домофона 45К1234, третий этаж без лифта. "
    "Перед приездом обязательно позвонить за час, клиент работает из дома. "
) * 12
LONG_CONTRACT = "Д-2026/" + "0123456789" * 29 + "-ФИН"
LONG_USER = {
    "ID": "3",
    "ACTIVE": True,
    "NAME": "Мария-Антуанетта",
    "LAST_NAME": "Константинопольская-Задунайская",
    "EMAIL": "maria@example.ru",
    "ADMIN": False,
    "UF_DEPARTMENT": [2],
    "WORK_POSITION": "Старший менеджер по сопровождению ключевых клиентов",
}

_DEAL_1: dict[str, Any] = {
    "UF_CRM_1700000001": "2026-12-24T00:00:00+03:00",
    "UF_CRM_1700000002": "2026-12-24T15:30:00+03:00",
    "UF_CRM_1700000003": "41",
    "UF_CRM_1700000004": "2",
    "UF_CRM_1700000005": "5000|RUB",
    "UF_CRM_1700000006": "Д-2026/001",
    "UF_CRM_1700000007": ["SALE10", "VIP"],
    "UF_CRM_1700000008": "1",
    "UF_CRM_1700000009": "7.5",
    "UF_CRM_1700000010": "https://pay.example.ru/invoice/1",
    "UF_CRM_1700000011": "Москва, ул. Тверская, 1|55.757;37.613|101",
    "UF_CRM_1700000012": "CALL",
    "UF_CRM_1700000013": ["51", "52"],
    "UF_CRM_1700000014": "Позвонить за час",
    "UF_CRM_1700000015": "2",
    "UF_CRM_1700000016": ["1", "2"],
    "UF_CRM_1700000017": "120.5",
}
_DEAL_2 = {
    **_DEAL_1,
    "UF_CRM_1700000003": "42",
    "UF_CRM_1700000004": "3",
    "UF_CRM_1700000005": "1234567.89|RUB",
    "UF_CRM_1700000006": LONG_CONTRACT,
    "UF_CRM_1700000007": ["🎁 ПОДАРОК", "НОВЫЙ-ГОД-2027"],
    "UF_CRM_1700000008": "0",
    "UF_CRM_1700000011": "Санкт-Петербург, Невский проспект, 28, офис 🏢 5|59.935;30.326|102",
    "UF_CRM_1700000012": "RECOMMENDATION",
    "UF_CRM_1700000014": LONG_COMMENT,
    "UF_CRM_1700000016": ["3"],
}
_DEAL_4 = {
    **_DEAL_1,
    "UF_CRM_1700000005": "99.9|USD",
    "UF_CRM_1700000007": ["A1", "B2", "C3", "D4", "E5"],
    "UF_CRM_1700000013": ["51", "52", "53", "54"],
    "UF_CRM_1700000016": ["1", "2", "3"],
}
_CONTACT_1: dict[str, Any] = {
    "UF_CRM_1700000101": "1990-03-08T00:00:00+03:00",
    "UF_CRM_1700000102": "43",
    "UF_CRM_1700000103": "@client_one 😊",
}
_LEAD_1: dict[str, Any] = {
    "UF_CRM_1700000301": "2027-01-15T00:00:00+03:00",
    "UF_CRM_1700000302": ["CRM", "Сайт"],
}
_COMPANY_1: dict[str, Any] = {"UF_CRM_1700000201": "7701234567", "UF_CRM_1700000202": "53"}


def _empty(entity: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for index, spec in enumerate(USER_FIELDS[entity]):
        values[spec.code] = [] if spec.multiple else (None if index % 2 else "")
    return values


def _values(entity: str, item_id: int) -> dict[str, Any]:
    if item_id == 3:
        return _empty(entity)
    if entity == "deal":
        if item_id in (1, 2, 4):
            return dict({1: _DEAL_1, 2: _DEAL_2, 4: _DEAL_4}[item_id])
        values = dict(_DEAL_1)
        values["UF_CRM_1700000003"] = ("41", "42", "43")[item_id % 3]
        values["UF_CRM_1700000004"] = "2" if item_id % 2 else "1"
        values["UF_CRM_1700000005"] = f"{item_id * 1000}|RUB"
        values["UF_CRM_1700000006"] = f"Д-2026/{item_id:03d}"
        values["UF_CRM_1700000001"] = f"2026-12-{item_id % 28 + 1:02d}T00:00:00+03:00"
        return values
    bases: dict[str, dict[str, Any]] = {
        "contact": _CONTACT_1,
        "lead": _LEAD_1,
        "company": _COMPANY_1,
    }
    return dict(bases[entity])


def apply_user_values(seed: Any) -> None:
    """Put user-field values on every seeded deal, contact, lead and company (in place)."""
    seed.users.setdefault(3, dict(LONG_USER))
    tables = {
        "deal": seed.deals,
        "contact": seed.contacts,
        "lead": seed.leads,
        "company": seed.companies,
    }
    for entity, table in tables.items():
        for item_id, record in table.items():
            for code, value in _values(entity, item_id).items():
                record.setdefault(code, value)
