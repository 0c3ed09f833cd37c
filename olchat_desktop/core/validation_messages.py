"""Russian and English texts of the validation problems.

Each message names the field (as the robot's form names it), the rule, the length and the
limit where there are such, and what to do about it.
"""

from __future__ import annotations

from olchat_desktop.core.i18n import Lang, pick, plural_ru

_FIELD_NAMES: dict[str, tuple[str, str]] = {
    "name": ("Название шаблона", "Template name"),
    "line": ("Линия WhatsApp", "WhatsApp line"),
    "phone": ("Номер телефона", "Phone number"),
    "header": ("Заголовок", "Header"),
    "message": ("Сообщение", "Message"),
    "footer": ("Подпись", "Footer"),
    "buttons": ("Кнопки", "Buttons"),
}


def field_label(field: str, lang: Lang) -> str:
    """The robot form's name of a field: ``buttons[1]`` is «Кнопка 2» / "Button 2"."""
    if field.startswith("buttons["):
        number = int(field[len("buttons[") : -1]) + 1
        return pick(lang, f"Кнопка {number}", f"Button {number}")
    ru, en = _FIELD_NAMES[field]
    return pick(lang, ru, en)


def _quoted(field: str, lang: Lang) -> str:
    label = field_label(field, lang)
    return pick(lang, f"«{label}»", label)


def characters(count: int, lang: Lang) -> str:
    if lang == "ru":
        return f"{count} {plural_ru(count, 'символ', 'символа', 'символов')}"
    return f"{count} character" if count == 1 else f"{count} characters"


def required(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    if field == "message":
        return pick(
            lang,
            f"{label}: поле пустое, а робот требует текст. Введите текст сообщения.",
            f"{label}: empty, but the robot requires it. Type the message text.",
        )
    if field == "phone":
        return pick(
            lang,
            f"{label}: поле пустое, роботу некуда отправить сообщение. Укажите номер "
            "(например, 79991234567) или выражение Bitrix24, например {{Телефон для рассылок}}.",
            f"{label}: empty, so the robot has nowhere to send. Enter a number "
            "(e.g. 79991234567) or a Bitrix24 expression such as {{Телефон для рассылок}}.",
        )
    return pick(
        lang,
        f"{label}: нет ни одной заполненной кнопки, а нужно от 1 до 3. Заполните «Кнопка 1».",
        f"{label}: no button has a title, but 1 to 3 are required. Fill in Button 1.",
    )


def too_long(field: str, length: int, limit: int, with_samples: bool, lang: Lang) -> str:
    label = _quoted(field, lang)
    excess = length - limit
    note_ru = " (с образцами значений выражений)" if with_samples else ""
    note_en = " (with the expressions' sample values)" if with_samples else ""
    return pick(
        lang,
        f"{label}: {characters(length, lang)}{note_ru} при лимите {limit}. "
        f"Сократите текст на {characters(excess, lang)}.",
        f"{label}: {characters(length, lang)}{note_en}, the limit is {limit}. "
        f"Shorten it by {characters(excess, lang)}.",
    )


def may_exceed(field: str, length: int, limit: int, unknown: list[str], lang: Lang) -> str:
    label = _quoted(field, lang)
    names = ", ".join(unknown)
    of_expressions_ru = plural_ru(len(unknown), "выражения", "выражений", "выражений")
    return pick(
        lang,
        f"{label}: у {of_expressions_ru} {names} нет образца значения, поэтому длина после "
        f"подстановки неизвестна; известная часть — {characters(length, lang)} из {limit}. "
        "Задайте образец "
        "значения, чтобы посчитать точно.",
        f"{label}: {names} ha{'s' if len(unknown) == 1 else 've'} no sample value, so the "
        f"length after substitution is unknown; the known part is {characters(length, lang)} "
        f"of {limit}. Set a sample value to count exactly.",
    )


def too_many_buttons(count: int, limit: int, lang: Lang) -> str:
    label = _quoted("buttons", lang)
    return pick(
        lang,
        f"{label}: заполнено {count}, а WhatsApp допускает не больше {limit}. "
        "Удалите лишние кнопки.",
        f"{label}: {count} buttons, but WhatsApp allows at most {limit}. Remove the extra buttons.",
    )


def empty_button(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return pick(
        lang,
        f"{label}: кнопка пустая, а после неё есть заполненные. Заполните её или удалите.",
        f"{label}: empty, but a later button has a title. Fill it in or remove it.",
    )


def duplicate_button(field: str, first_number: int, title: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return pick(
        lang,
        f"{label}: тот же текст, что у кнопки {first_number} («{title}»). Названия кнопок "
        "должны различаться: по тексту кнопки робот узнаёт ответ клиента. Измените одно.",
        f'{label}: same title as button {first_number} ("{title}"). Titles must differ: '
        "the robot tells the customer's choice by the button text. Change one of them.",
    )


def formatting_not_allowed(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return pick(
        lang,
        f"{label}: WhatsApp не поддерживает здесь разметку (*, _, ~, `) и покажет эти "
        "символы как есть. Уберите разметку.",
        f"{label}: WhatsApp does not format this field (*, _, ~, `) and shows the markers "
        "as typed. Remove the formatting.",
    )


def invalid_phone(digits: int, lang: Lang) -> str:
    label = _quoted("phone", lang)
    return pick(
        lang,
        f"{label}: это не номер: нужны только цифры (можно с +, пробелами, скобками и "
        f"дефисами), от 10 до 15 цифр, а здесь {digits}. Укажите номер с кодом страны, "
        "например 79991234567, или выражение Bitrix24.",
        f"{label}: not a phone number: it needs digits only (+, spaces, brackets and "
        f"dashes allowed), 10 to 15 of them, and it has {digits}. Enter the number with "
        "its country code, e.g. 79991234567, or a Bitrix24 expression.",
    )


def multi_value_phone(sources: list[str], wait_for_reply: bool, lang: Lang) -> str:
    label = _quoted("phone", lang)
    names = ", ".join(sources)
    first = sources[0]
    wait_ru = (
        " Робот с «Ожидать ответ» = Да на таком поле завершится ошибкой." if wait_for_reply else ""
    )
    wait_en = (
        ' With "Wait for reply" on, the robot fails on such a field.' if wait_for_reply else ""
    )
    return pick(
        lang,
        f"{label}: {names} — множественное поле CRM со всеми номерами клиента. OLChat "
        f"отправит сообщение на первый номер, где есть WhatsApp.{wait_ru} Передайте один "
        f"номер: {{{{=firstvalue({first})}}}} или отдельное поле, например "
        "{{Телефон для рассылок}}.",
        f"{label}: {names} is a multi-value CRM field holding all of the customer's numbers. "
        f"OLChat sends to the first one that has WhatsApp.{wait_en} Pass a single number: "
        f"{{{{=firstvalue({first})}}}} or a dedicated field such as {{{{Телефон для рассылок}}}}.",
    )


def emoji_in_button(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return pick(
        lang,
        f"{label}: эмодзи в названии кнопки. WhatsApp их допускает, но некоторые "
        "провайдеры (например, Gupshup) отклоняют такие кнопки. Уберите эмодзи, если "
        "сообщение не доходит.",
        f"{label}: emoji in a button title. WhatsApp allows them, but some providers "
        "(Gupshup, for one) reject such buttons. Remove the emoji if the message fails.",
    )


def expression_in_button(field: str, lang: Lang) -> str:
    label = _quoted(field, lang)
    return pick(
        lang,
        f"{label}: выражение в названии кнопки. С «Ожидать ответ» = Да робот возвращает "
        "текст нажатой кнопки, а условия следующих роботов сравнивают его с постоянным "
        "текстом. Используйте постоянный текст.",
        f'{label}: an expression in a button title. With "Wait for reply" on, the robot '
        "returns the tapped button's text and later robots compare it with fixed text. "
        "Use a fixed title.",
    )


def line_not_set(lang: Lang) -> str:
    label = _quoted("line", lang)
    return pick(
        lang,
        f"{label}: линия не выбрана, без неё робот не отправит сообщение. Выберите линию "
        "перед отправкой.",
        f"{label}: no line chosen; the robot cannot send without one. Choose a line "
        "before sending.",
    )


def unnamed(lang: Lang) -> str:
    label = _quoted("name", lang)
    return pick(
        lang,
        f"{label}: название пустое, шаблон будет трудно найти в библиотеке. Дайте ему имя.",
        f"{label}: empty, so the template is hard to find in the library. Give it a name.",
    )
