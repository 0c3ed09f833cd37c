"""Texts of the validation problems (English msgids, Russian in the gettext catalogue).

Each message names the field (as the robot's form names it), the rule, the length and the
limit where there are such, and what to do about it.
"""

from __future__ import annotations

from olchat_desktop.core.i18n import Lang, ntext, ptext, text

#: The Bitrix24 expression the phone messages suggest: a field name, same in both languages.
_PHONE_FIELD_EXAMPLE = "{{Телефон для рассылок}}"


def field_label(field: str, lang: Lang) -> str:
    """The robot form's name of a field: ``buttons[1]`` is «Кнопка 2» / "Button 2"."""
    if field.startswith("buttons["):
        number = int(field[len("buttons[") : -1]) + 1
        return text(lang, "Button {number}").format(number=number)
    # "robot field": the robot form's wording, which differs from other screens' (Подпись
    # here, Подвал in the dry run).
    labels = {
        "name": ptext(lang, "robot field", "Template name"),
        "line": ptext(lang, "robot field", "WhatsApp line"),
        "phone": ptext(lang, "robot field", "Phone number"),
        "header": ptext(lang, "robot field", "Header"),
        "message": ptext(lang, "robot field", "Message"),
        "footer": ptext(lang, "robot field", "Footer"),
        "buttons": ptext(lang, "robot field", "Buttons"),
    }
    return labels[field]


def quoted_field(field: str, lang: Lang) -> str:
    """The field's label as a message starts with it: «Кнопка 2» in Russian, Button 2."""
    return ptext(lang, "field name in a message", "{label}").format(label=field_label(field, lang))


_quoted = quoted_field


def characters(count: int, lang: Lang) -> str:
    return ntext(lang, "{count} character", "{count} characters", count).format(count=count)


def required(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    if field == "message":
        return text(
            lang, "{label}: empty, but the robot requires it. Type the message text."
        ).format(label=label)
    if field == "phone":
        return text(
            lang,
            "{label}: empty, so the robot has nowhere to send. Enter a number (e.g. "
            "79991234567) or a Bitrix24 expression such as {example}.",
        ).format(label=label, example=_PHONE_FIELD_EXAMPLE)
    return text(
        lang,
        "{label}: no button has a title, but 1 to 3 are required. Fill in Button 1.",
    ).format(label=label)


def too_long(field: str, length: int, limit: int, with_samples: bool, lang: Lang) -> str:
    label = _quoted(field, lang)
    excess = length - limit
    if with_samples:
        message = text(
            lang,
            "{label}: {length} (with the expressions' sample values), the limit is {limit}. "
            "Shorten it by {excess}.",
        )
    else:
        message = text(lang, "{label}: {length}, the limit is {limit}. Shorten it by {excess}.")
    return message.format(
        label=label,
        length=characters(length, lang),
        limit=limit,
        excess=characters(excess, lang),
    )


def may_exceed(field: str, length: int, limit: int, unknown: list[str], lang: Lang) -> str:
    label = _quoted(field, lang)
    names = ", ".join(unknown)
    return ntext(
        lang,
        "{label}: {names} has no sample value, so the length after substitution is "
        "unknown; the known part is {length} of {limit}. Set a sample value to count exactly.",
        "{label}: {names} have no sample value, so the length after substitution is "
        "unknown; the known part is {length} of {limit}. Set a sample value to count exactly.",
        len(unknown),
    ).format(label=label, names=names, length=characters(length, lang), limit=limit)


def too_many_buttons(count: int, limit: int, lang: Lang) -> str:
    label = _quoted("buttons", lang)
    return text(
        lang,
        "{label}: {count} buttons, but WhatsApp allows at most {limit}. Remove the extra buttons.",
    ).format(label=label, count=count, limit=limit)


def empty_button(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return text(
        lang, "{label}: empty, but a later button has a title. Fill it in or remove it."
    ).format(label=label)


def duplicate_button(field: str, first_number: int, title: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return text(
        lang,
        '{label}: same title as button {first_number} ("{title}"). Titles must '
        "differ: the robot tells the customer's choice by the button text. "
        "Change one of them.",
    ).format(label=label, first_number=first_number, title=title)


def formatting_not_allowed(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return text(
        lang,
        "{label}: WhatsApp does not format this field (*, _, ~, `) and shows the "
        "markers as typed. Remove the formatting.",
    ).format(label=label)


def invalid_phone(digits: int, lang: Lang) -> str:
    label = _quoted("phone", lang)
    return text(
        lang,
        "{label}: not a phone number: it needs digits only (+, spaces, brackets "
        "and dashes allowed), 10 to 15 of them, and it has {digits}. Enter the "
        "number with its country code, e.g. 79991234567, or a Bitrix24 "
        "expression.",
    ).format(label=label, digits=digits)


def multi_value_phone(sources: list[str], wait_for_reply: bool, lang: Lang) -> str:
    label = _quoted("phone", lang)
    names = ", ".join(sources)
    first = sources[0]
    if wait_for_reply:
        message = text(
            lang,
            "{label}: {names} is a multi-value CRM field holding all of the customer's "
            'numbers. OLChat sends to the first one that has WhatsApp. With "Wait for reply" '
            "on, the robot fails on such a field. Pass a single number: {expression} or a "
            "dedicated field such as {example}.",
        )
    else:
        message = text(
            lang,
            "{label}: {names} is a multi-value CRM field holding all of the customer's "
            "numbers. OLChat sends to the first one that has WhatsApp. Pass a single number: "
            "{expression} or a dedicated field such as {example}.",
        )
    return message.format(
        label=label,
        names=names,
        expression="{{=firstvalue(" + first + ")}}",
        example=_PHONE_FIELD_EXAMPLE,
    )


def emoji_in_button(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return text(
        lang,
        "{label}: emoji in a button title. WhatsApp allows them, but some "
        "providers (Gupshup, for one) reject such buttons. Remove the emoji if "
        "the message fails.",
    ).format(label=label)


def expression_in_button(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return text(
        lang,
        '{label}: an expression in a button title. With "Wait for reply" on, the '
        "robot returns the tapped button's text and later robots compare it with "
        "fixed text. Use a fixed title.",
    ).format(label=label)


def line_not_set(lang: Lang) -> str:
    label = _quoted("line", lang)
    return text(
        lang,
        "{label}: no line chosen; the robot cannot send without one. Choose a line before sending.",
    ).format(label=label)


def unnamed(lang: Lang) -> str:
    label = _quoted("name", lang)
    return text(
        lang,
        "{label}: empty, so the template is hard to find in the library. Give it a name.",
    ).format(label=label)
