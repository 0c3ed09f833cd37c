"""Shared by the dry-run tests: the sandbox portal's catalogue and a typical template."""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.field_builtin import STANDARD_ROWS, describe_standard
from olchat_desktop.core.field_catalogue import FieldCatalogue, build_catalogue
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.sandbox.user_fields import USER_FIELDS

SOURCES = {"CALL": "Звонок", "WEB": "Веб-сайт", "EMAIL": "Электронная почта"}


def sandbox_catalogue() -> FieldCatalogue:
    """crm.*.fields of the sandbox portal, built the way the portal answers them."""
    raw: dict[str, Any] = {}
    for entity, rows in STANDARD_ROWS.items():
        raw[entity] = {row[0]: describe_standard(row) for row in rows}
        raw[entity].update({spec.code: spec.describe() for spec in USER_FIELDS[entity]})
    statuses = [
        {"ENTITY_ID": "SOURCE", "STATUS_ID": code, "NAME": name} for code, name in SOURCES.items()
    ]
    return build_catalogue(raw, statuses, fetched_at=1.0)


def typical_template(**changes: Any) -> TemplateDraft:
    """A delivery reminder that prints five deal fields, three of them user fields."""
    base = TemplateDraft(
        name="Доставка",
        line="1",
        phone="{{=firstvalue({{Контакт: Телефон}})}}",
        header="Заказ {=Document:TITLE}",
        message=(
            "Здравствуйте! Доставка {{Дата визита}} в {{Филиал > printable}}.\n"
            "Комментарий курьера: {{Комментарий курьера}}\n"
            "Сумма: {=Document:UF_CRM_1700000005 > printable}"
        ),
        footer="Договор {{Номер договора}}",
        buttons=["Подтвердить", "Перенести {{Дата визита}}", "{{Промокоды}}"],
        wait_for_reply=True,
    )
    return base.replace(**changes) if changes else base
