"""The text rendition for send paths without buttons."""

from __future__ import annotations

from typing import Any

import pytest

from olchat_desktop.core.rendition import match_reply, render_text, reply_options, reply_prompt
from olchat_desktop.core.template import Template


def _template(**fields: Any) -> Template:
    base: dict[str, Any] = {
        "header": "Здравствуйте, {{Имя}}",
        "message": "Как вам *доставка*?\n",
        "footer": "Служба заботы",
        "buttons": ["Понравилось", "Не понравилось", ""],
        "samples": {"{{Имя}}": "Анна"},
    }
    base.update(fields)
    return Template(**base)


def test_full_rendition_in_russian_keeps_expressions_for_bitrix() -> None:
    assert render_text(_template()) == (
        "*Здравствуйте, {{Имя}}*\n"
        "Как вам *доставка*?\n"
        "\n"
        "_Служба заботы_\n"
        "\n"
        "1. Понравилось\n"
        "2. Не понравилось\n"
        "\n"
        "Ответьте цифрой: 1 или 2."
    )


def test_substitution_when_asked_and_english_prompt() -> None:
    text = render_text(
        _template(buttons=["Да", "Нет", " Позже "], footer=""), "en", substitute=True
    )
    assert text == (
        "*Здравствуйте, Анна*\nКак вам *доставка*?\n\n1. Да\n2. Нет\n3. Позже\n\n"
        "Reply with a number: 1, 2 or 3."
    )


def test_multi_line_header_and_footer_are_wrapped_per_line() -> None:
    text = render_text(_template(header=" A \n\nB", footer="x\ny", buttons=[]))
    assert text == "*A*\n\n*B*\nКак вам *доставка*?\n\n_x_\n_y_"


def test_without_header_footer_or_buttons() -> None:
    assert render_text(_template(header="  ", footer="", buttons=[])) == "Как вам *доставка*?"


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [
        (1, "Ответьте цифрой 1.", "Reply with 1."),
        (2, "Ответьте цифрой: 1 или 2.", "Reply with a number: 1 or 2."),
        (3, "Ответьте цифрой: 1, 2 или 3.", "Reply with a number: 1, 2 or 3."),
    ],
)
def test_reply_prompt(count: int, ru: str, en: str) -> None:
    assert (reply_prompt(count, "ru"), reply_prompt(count, "en")) == (ru, en)


def test_reply_options_skip_blank_titles() -> None:
    assert reply_options(_template(buttons=["", "Да", " ", "{{Имя}}"])) == ["Да", "{{Имя}}"]
    assert reply_options(_template(buttons=["{{Имя}}"]), substitute=True) == ["Анна"]


@pytest.mark.parametrize(
    ("reply", "chosen"),
    [
        ("1", "Понравилось"),
        (" 2. ", "Не понравилось"),
        ("не понравилось", "Не понравилось"),
        ("3", None),
        ("0", None),
        ("²", None),
        ("может быть", None),
    ],
)
def test_match_reply(reply: str, chosen: str | None) -> None:
    assert match_reply(reply, _template()) == chosen
