"""Phone numbers and phone expressions."""

from __future__ import annotations

import pytest

from olchat_desktop.core.phone import (
    is_expression_phone,
    is_multi_value_phone,
    is_valid_phone,
    multi_value_phone_expressions,
    normalize_phone,
)


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("+7 (999) 123-45-67", "79991234567"),
        ("8 999 123 45 67", "79991234567"),
        ("9991234567", "79991234567"),
        ("79991234567", "79991234567"),
        ("+44 20 7946 0958", "442079460958"),
        ("8123", "8123"),
    ],
)
def test_normalize(raw: str, digits: str) -> None:
    assert normalize_phone(raw) == digits


@pytest.mark.parametrize(
    ("raw", "valid"),
    [
        ("+7 (999) 123-45-67", True),
        ("8 999 123 45 67", True),
        ("999.123.45.67", True),
        ("123456789", False),
        ("1234567890123456", False),
        ("7999123456a", False),
        ("79991234567, 79991234568", False),
        ("", False),
    ],
)
def test_validity(raw: str, valid: bool) -> None:
    assert is_valid_phone(raw) is valid


def test_expressions_are_recognised() -> None:
    assert is_expression_phone("{{Телефон для рассылок}}")
    assert not is_expression_phone("+7 999 123 45 67")


@pytest.mark.parametrize(
    "raw",
    [
        "{{Телефон}}",
        "{=Document:PHONE}",
        "{{Контакт: Телефон}}",
        "{{Компания: Телефон}}",
        "{{Contact: Phone}}",
        "{=Document:CONTACT.PHONE}",
    ],
)
def test_multi_value_fields_are_flagged(raw: str) -> None:
    assert is_multi_value_phone(raw)
    assert [e.source for e in multi_value_phone_expressions(raw)] == [raw]


@pytest.mark.parametrize(
    "raw",
    [
        "{{Телефон (текст)}}",
        "{=Document:PHONE_PRINTABLE}",
        "{=Document:PHONE > printable}",
        "{{=firstvalue({{Контакт: Телефон}})}}",
        "{{Телефон для рассылок}}",
        "{=Variable:PHONE}",
        "79991234567",
    ],
)
def test_single_value_forms_are_not_flagged(raw: str) -> None:
    assert not is_multi_value_phone(raw)
