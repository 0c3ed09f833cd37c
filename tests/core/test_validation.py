"""Validation: every rule, its field name, code, severity, length, limit and message."""

from __future__ import annotations

from typing import Any

import pytest

from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import Problem, has_errors, validate


def _template(**fields: Any) -> Template:
    base: dict[str, Any] = {
        "name": "Отзыв",
        "line": "line-1",
        "phone": "79991234567",
        "header": "",
        "message": "Как вам заказ?",
        "footer": "",
        "buttons": ["Да", "Нет"],
    }
    base.update(fields)
    return Template(**base)


def _codes(template: Template) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in validate(template)]


def _one(template: Template, code: str, lang: str = "ru") -> Problem:
    (problem,) = [p for p in validate(template, lang) if p.code == code]  # type: ignore[arg-type]
    return problem


def test_a_good_template_has_no_problems() -> None:
    assert validate(_template()) == []
    assert not has_errors([])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"message": "  \n"}, "message"),
        ({"phone": " "}, "phone"),
        ({"buttons": []}, "buttons"),
        ({"buttons": ["", "  "]}, "buttons"),
    ],
)
def test_required(fields: dict[str, Any], field: str) -> None:
    problem = _one(_template(**fields), "required")
    assert (problem.field, problem.severity) == (field, "error")


@pytest.mark.parametrize(("field", "limit"), [("header", 60), ("message", 1024), ("footer", 60)])
def test_too_long_limits_are_exact(field: str, limit: int) -> None:
    assert validate(_template(**{field: "я" * limit})) == []
    problem = _one(_template(**{field: "я" * (limit + 1)}), "too_long")
    assert (problem.field, problem.severity, problem.length, problem.limit) == (
        field,
        "error",
        limit + 1,
        limit,
    )


def test_button_length_counts_samples_and_code_points() -> None:
    samples = {"{{Товар}}": "чайник электрический"}  # 20 code points
    assert validate(_template(buttons=["{{Товар}}"], samples=samples)) == []
    problem = _one(_template(buttons=["{{Товар}}!"], samples=samples), "too_long")
    assert (problem.field, problem.length, problem.limit) == ("buttons[0]", 21, 20)
    # A family emoji is one grapheme but five code points: PHP mb_strlen counts five.
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    problem = _one(_template(buttons=["Семья " + family * 3]), "too_long")
    assert problem.length == 6 + 15


def test_too_long_message_names_field_length_limit_and_what_to_do() -> None:
    template = _template(header="x" * 72)
    ru = _one(template, "too_long", "ru").message
    en = _one(template, "too_long", "en").message
    assert "«Заголовок»" in ru and "72 символа" in ru and "60" in ru and "12 символов" in ru
    assert "Header" in en and "72 characters" in en and "60" in en and "12 characters" in en


def test_may_exceed_for_each_limited_field_with_an_unknown_expression() -> None:
    template = _template(
        header="Привет, {{Имя}}",
        message="Заказ {=Document:ID}",
        footer="{=Variable:sign}",
        buttons=["{{Кнопка}}", "Нет"],
        samples={"{{Имя}}": "Анна"},
    )
    problems = [p for p in validate(template) if p.code == "may_exceed"]
    assert [(p.field, p.severity, p.length, p.limit) for p in problems] == [
        ("message", "warning", 6, 1024),
        ("footer", "warning", 0, 60),
        ("buttons[0]", "warning", 0, 20),
    ]
    assert "{=Document:ID}" in problems[0].message
    assert not has_errors(problems)


def test_too_long_wins_over_may_exceed() -> None:
    problems = validate(_template(header="x" * 61 + "{{Имя}}"))
    assert [(p.field, p.code) for p in problems] == [("header", "too_long")]


def test_too_many_buttons_ignores_trailing_empty_entries() -> None:
    assert validate(_template(buttons=["a", "b", "c", "", " "])) == []
    problem = _one(_template(buttons=["a", "b", "c", "d"]), "too_many_buttons")
    assert (problem.field, problem.length, problem.limit) == ("buttons", 4, 3)


def test_empty_button_before_a_filled_one() -> None:
    assert _codes(_template(buttons=["Да", " ", "Нет"])) == [("buttons[1]", "empty_button")]
    assert _codes(_template(buttons=["", "Нет"])) == [("buttons[0]", "empty_button")]


def test_duplicate_button_after_trimming_and_case_folding() -> None:
    problem = _one(_template(buttons=["Да", "Нет", " ДА "]), "duplicate_button")
    assert problem.field == "buttons[2]"
    assert "1" in problem.message and "Да" in _one(
        _template(buttons=["Да", "Нет", " ДА "]), "duplicate_button", "en"
    ).message.replace("ДА", "Да")
    assert _codes(_template(buttons=["Straße", "STRASSE"])) == [("buttons[1]", "duplicate_button")]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"header": "*Акция*"}, "header"),
        ({"buttons": ["_Да_", "Нет"]}, "buttons[0]"),
        ({"buttons": ["Да", "`Нет`"]}, "buttons[1]"),
    ],
)
def test_formatting_not_allowed(fields: dict[str, Any], field: str) -> None:
    problem = _one(_template(**fields), "formatting_not_allowed")
    assert (problem.field, problem.severity) == (field, "error")


def test_formatting_is_fine_in_message_and_footer() -> None:
    assert validate(_template(message="*Скидка* _сегодня_", footer="_OLChat_")) == []


@pytest.mark.parametrize(
    "phone", ["+7 (999) 123-45-67", "8 999 123 45 67", "{{Телефон для рассылок}}"]
)
def test_valid_phones(phone: str) -> None:
    assert validate(_template(phone=phone)) == []


@pytest.mark.parametrize(("phone", "digits"), [("12345", 5), ("7999 123 45 67 ext", 11)])
def test_invalid_phone(phone: str, digits: int) -> None:
    problem = _one(_template(phone=phone), "invalid_phone")
    assert (problem.field, problem.severity, problem.length) == ("phone", "error", digits)
    assert "10" in problem.message and "15" in problem.message


def test_multi_value_phone_warns_and_explains_the_wait_failure() -> None:
    problem = _one(
        _template(phone="{{Контакт: Телефон}}", wait_for_reply=True), "multi_value_phone"
    )
    assert problem.severity == "warning"
    assert "firstvalue" in problem.message and "Ожидать ответ" in problem.message
    quiet = _one(_template(phone="{=Document:PHONE}"), "multi_value_phone", "en")
    assert "first one that has WhatsApp" in quiet.message and "fails" not in quiet.message


def test_extra_warnings() -> None:
    template = _template(
        name=" ", line="", buttons=["👍 Да", "{{Ответ}}"], wait_for_reply=True,
        samples={"{{Ответ}}": "Нет"},
    )  # fmt: skip
    assert [(p.field, p.code, p.severity) for p in validate(template)] == [
        ("name", "unnamed", "warning"),
        ("line", "line_not_set", "warning"),
        ("buttons[0]", "emoji_in_button", "warning"),
        ("buttons[1]", "expression_in_button", "warning"),
    ]
    # Without waiting for a reply, an expression in a title is harmless.
    assert validate(_template(buttons=["{{Ответ}}"], samples={"{{Ответ}}": "Нет"})) == []


def test_problems_come_in_robot_field_order() -> None:
    template = _template(
        name="", line="", phone="", header="*h* " + "x" * 60, message="", footer="f" * 61,
        buttons=["", "b", "B", "c", "d"],
    )  # fmt: skip
    assert _codes(template) == [
        ("name", "unnamed"),
        ("line", "line_not_set"),
        ("phone", "required"),
        ("header", "too_long"),
        ("header", "formatting_not_allowed"),
        ("message", "required"),
        ("footer", "too_long"),
        ("buttons", "too_many_buttons"),
        ("buttons[0]", "empty_button"),
        ("buttons[2]", "duplicate_button"),
    ]
    assert validate(template) == validate(template)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_message_names_its_field_in_each_language(lang: str) -> None:
    template = _template(
        name="", line="", phone="{{Телефон}}", header="*{{Имя}}*", message="m" * 1025,
        footer="{{X}}", buttons=["", "a", "A", "b", "🙂"], wait_for_reply=True,
    )  # fmt: skip
    labels = {
        "name": ("Название шаблона", "Template name"),
        "line": ("Линия WhatsApp", "WhatsApp line"),
        "phone": ("Номер телефона", "Phone number"),
        "header": ("Заголовок", "Header"),
        "message": ("Сообщение", "Message"),
        "footer": ("Подпись", "Footer"),
        "buttons": ("Кнопки", "Buttons"),
        "buttons[0]": ("Кнопка 1", "Button 1"),
        "buttons[2]": ("Кнопка 3", "Button 3"),
    }
    problems = validate(template, lang)  # type: ignore[arg-type]
    assert len(problems) == 10
    for problem in problems:
        ru, en = labels[problem.field]
        assert problem.message.startswith(ru if lang == "ru" else en) or problem.message.startswith(
            f"«{ru}»"
        )
    assert problems[0].to_dict() == {
        "field": "name",
        "code": "unnamed",
        "severity": "warning",
        "length": None,
        "limit": None,
        "message": problems[0].message,
    }


def test_russian_plurals_in_messages() -> None:
    one = _one(_template(footer="x" * 61), "too_long").message
    assert "61 символ " in one and "1 символ." in one
    few = _one(_template(footer="x" * 62 + "{{A}}", samples={"{{A}}": ""}), "too_long").message
    assert "62 символа (с образцами" in few and "2 символа." in few
    assert "у выражений {{A}}, {{B}}" in _one(_template(footer="{{A}}{{B}}"), "may_exceed").message
    assert "has no sample" in _one(_template(footer="{{A}}"), "may_exceed", "en").message
