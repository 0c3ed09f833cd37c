"""printable_value: one table row per field type (rules in core/field_values.py's docstring)."""

import pytest

from olchat_desktop.core.field_catalogue import CatalogueField, FieldCatalogue, FieldChoice
from olchat_desktop.core.field_values import printable_value

BRANCH = CatalogueField(
    "deal", "UF_B", "Филиал", "enumeration", items=(FieldChoice("41", "Москва, Тверская"),)
)
CHANNELS = CatalogueField(
    "deal",
    "UF_C",
    "Каналы",
    "enumeration",
    multiple=True,
    items=(FieldChoice("51", "WhatsApp"), FieldChoice("52", "Телефон")),
)
STAGE = CatalogueField("deal", "STAGE_ID", "Стадия", "crm_status", status_type="DEAL_STAGE")
CATALOGUE = FieldCatalogue(
    fields=(BRANCH, CHANNELS, STAGE),
    statuses={
        "DEAL_STAGE": {"NEW": "Новая заявка"},
        "DEAL_STAGE_1": {"C1:NEW": "Первичный звонок"},
    },
)
USERS = {"7": "Анна Смирнова", "9": "Олег Петров"}
LONG = "Ж" * 100_000


def field(kind: str, multiple: bool = False) -> CatalogueField:
    return CatalogueField("deal", "UF_X", "X", kind, multiple=multiple)


CASES = [
    # (field, raw, printable, expected)
    (BRANCH, "41", True, "Москва, Тверская"),
    (BRANCH, 41, True, "Москва, Тверская"),
    (BRANCH, "41", False, "41"),
    (BRANCH, "99", True, "99"),  # a deleted item: its ID stays visible
    (CHANNELS, ["51", "52"], True, "WhatsApp, Телефон"),
    (field("employee"), "7", True, "Анна Смирнова"),
    (field("employee"), "user_9", True, "Олег Петров"),
    (field("user"), 7, False, "7"),
    (field("employee", multiple=True), ["7", "9"], True, "Анна Смирнова, Олег Петров"),
    (STAGE, "NEW", True, "Новая заявка"),
    (STAGE, "NEW", False, "NEW"),
    (STAGE, "C1:NEW", True, "Первичный звонок"),  # a stage of pipeline 1
    (STAGE, "C2:WON", True, "C2:WON"),  # statuses not loaded: the ID
    (field("money"), "1500|RUB", True, "1 500 ₽"),
    (field("money"), "1234567.5|RUB", True, "1 234 567,50 ₽"),
    (field("money"), "99.99|USD", True, "$99,99"),
    (field("money"), "10|XYZ", True, "10 XYZ"),
    (field("money"), "1500|RUB", False, "1500|RUB"),
    (field("money"), "|RUB", True, ""),
    (field("date"), "2026-12-04T00:00:00+03:00", True, "04.12.2026"),
    (field("date"), "2026-12-04", True, "04.12.2026"),
    (field("datetime"), "2026-12-04T15:30:05+03:00", True, "04.12.2026 15:30:05"),
    (field("date"), "не дата", True, "не дата"),
    (field("boolean"), "1", True, "Да"),
    (field("boolean"), 0, True, "Нет"),
    (field("boolean"), True, True, "Да"),
    (field("boolean"), "N", True, "Нет"),
    (field("char"), "Y", True, "Да"),
    (field("string", multiple=True), ["SALE10", "", "VIP 🎁"], True, "SALE10, VIP 🎁"),
    (field("string"), None, True, ""),
    (field("string"), "", True, ""),
    (field("string", multiple=True), [], True, ""),
    (field("enumeration"), None, True, ""),
    (field("double"), "12.50", True, "12.5"),
    (field("double"), 1500.0, True, "1500"),
    (field("double"), "0.3333", True, "0.3333"),
    (field("integer"), "42", True, "42"),
    (field("integer"), 42, True, "42"),
    (field("url"), "https://pay.example/кошелёк?id=1", True, "https://pay.example/кошелёк?id=1"),
    (field("address"), "Москва, Тверская 1|55.75;37.61|12", True, "Москва, Тверская 1"),
    (field("string"), "Привет 👋🏽 мир", True, "Привет 👋🏽 мир"),
    (field("string"), "a\x00b\x07c\r\nd\te", True, "abc\nd\te"),
    (field("string"), LONG, True, LONG),
    (field("crm_multifield"), [{"VALUE": "+7 999 111", "VALUE_TYPE": "WORK"}], True, "+7 999 111"),
    (field("crm_currency"), "RUB", True, "Российский рубль"),
    (field("crm_currency"), "RUB", False, "RUB"),
]


@pytest.mark.parametrize(("spec", "raw", "printable", "expected"), CASES)
def test_printable_value(spec: CatalogueField, raw: object, printable: bool, expected: str) -> None:
    value = printable_value(spec, raw, catalogue=CATALOGUE, users=USERS, printable=printable)
    assert value == expected


def test_english_portal_formats() -> None:
    kwargs = {"catalogue": CATALOGUE, "users": USERS, "portal_lang": "en"}
    assert printable_value(field("boolean"), "1", **kwargs) == "Yes"  # type: ignore[arg-type]
    assert printable_value(field("money"), "1500.5|USD", **kwargs) == "$1,500.50"  # type: ignore[arg-type]
    assert (
        printable_value(field("date"), "2026-12-04", **kwargs)  # type: ignore[arg-type]
        == "12/04/2026"
    )
