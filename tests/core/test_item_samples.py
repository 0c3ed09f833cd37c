"""item_samples: every expression of a template with the value a real item prints."""

from olchat_desktop.core.field_catalogue import build_catalogue
from olchat_desktop.core.item_samples import (
    item_samples,
    referenced_user_ids,
    template_field_codes,
)
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox.user_fields import DEAL_USER_FIELDS

RAW = {spec.code: spec.describe() for spec in DEAL_USER_FIELDS}
RAW["TITLE"] = {"type": "string", "title": "Название"}
CATALOGUE = build_catalogue({"deal": RAW})
TEMPLATE = Template(
    header="{{Филиал > printable}}",
    message="{{Название}}: визит {{Дата визита}}, менеджер {{Ответственный менеджер > printable}}, "
    "{=Document:UF_CRM_1700000005 > printable}, коды {{Промокоды}} {{Неизвестное}} {=Variable:x}",
    buttons=["{{Филиал}}"],
)
ITEM = {
    "ID": "5",
    "TITLE": "Ремонт 🛠",
    "UF_CRM_1700000003": "42",
    "UF_CRM_1700000001": "2026-12-24T00:00:00+03:00",
    "UF_CRM_1700000004": "3",
    "UF_CRM_1700000005": "2500|RUB",
    "UF_CRM_1700000007": ["A1", "B2"],
}


def test_codes_are_the_templates_fields_once() -> None:
    codes = template_field_codes(TEMPLATE, CATALOGUE, "deal")
    assert codes == [
        "UF_CRM_1700000003",
        "TITLE",
        "UF_CRM_1700000001",
        "UF_CRM_1700000004",
        "UF_CRM_1700000005",
        "UF_CRM_1700000007",
    ]


def test_samples_print_what_the_customer_sees() -> None:
    assert referenced_user_ids(TEMPLATE, CATALOGUE, "deal", ITEM) == ["3"]
    samples = item_samples(TEMPLATE, CATALOGUE, "deal", ITEM, {"3": "Ирина Ким"})
    assert samples == {
        "{{Филиал > printable}}": "Санкт-Петербург, Невский",
        "{{Название}}": "Ремонт 🛠",
        "{{Дата визита}}": "24.12.2026",
        "{{Ответственный менеджер > printable}}": "Ирина Ким",
        "{=Document:UF_CRM_1700000005 > printable}": "2 500 ₽",
        "{{Промокоды}}": "A1, B2",
        "{{Филиал}}": "42",  # without printable the robot prints the item's ID
    }
