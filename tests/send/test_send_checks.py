from __future__ import annotations

from olchat_desktop.core.template import Template
from olchat_desktop.send.checks import send_problems

DRAFT = Template(name="Отзыв", message="Оцените нас", buttons=["Да", "Нет"])  # no phone, no line


def codes(template: Template, recipient: str) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in send_problems(template, recipient, "en")}


def test_the_recipient_stands_in_for_the_template_phone() -> None:
    assert codes(DRAFT, "+7 (999) 123-45-67") == set()
    multi = DRAFT.model_copy(update={"phone": "{{Телефон}}"})
    assert ("phone", "multi_value_phone") not in codes(multi, "79991234567")


def test_a_missing_or_malformed_recipient_still_blocks() -> None:
    assert ("phone", "required") in codes(DRAFT, "  ")
    assert ("phone", "invalid_phone") in codes(DRAFT, "12")


def test_message_problems_still_block() -> None:
    broken = DRAFT.model_copy(update={"message": "", "buttons": ["Да", "да"]})
    found = codes(broken, "79991234567")
    assert ("message", "required") in found
    assert any(code == "duplicate_button" for _field, code in found)
