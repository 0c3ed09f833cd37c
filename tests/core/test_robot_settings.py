"""The "Copy robot settings" text: every field, robot order, Russian labels."""

from __future__ import annotations

from olchat_desktop.core.robot_settings import format_robot_settings, robot_fields
from olchat_desktop.core.template import Template


def _template(**changes: object) -> Template:
    base: dict[str, object] = {
        "line": "Продажи",
        "phone": "{{Телефон для рассылок}}",
        "header": "Запись к врачу",
        "message": "Здравствуйте, {{Имя}}!",
        "footer": "Клиника «Здоровье»",
        "buttons": ["Подтвердить", "Перенести"],
        "wait_for_reply": True,
    }
    base.update(changes)
    return Template.model_validate(base)


def test_fields_come_in_the_robot_order_with_russian_labels() -> None:
    labels = [label for label, _ in robot_fields(_template())]
    assert labels == [
        "Линия WhatsApp",
        "Номер телефона",
        "Заголовок",
        "Сообщение",
        "Подпись",
        "Кнопка 1",
        "Кнопка 2",
        "Кнопка 3",
        "Ожидать ответ сообщения",
    ]


def test_text_lists_values_and_leaves_missing_buttons_empty() -> None:
    text = format_robot_settings(_template())
    assert text.splitlines() == [
        "Линия WhatsApp: Продажи",
        "Номер телефона: {{Телефон для рассылок}}",
        "Заголовок: Запись к врачу",
        "Сообщение: Здравствуйте, {{Имя}}!",
        "Подпись: Клиника «Здоровье»",
        "Кнопка 1: Подтвердить",
        "Кнопка 2: Перенести",
        "Кнопка 3:",
        "Ожидать ответ сообщения: Да",
    ]
    assert text.endswith("\n")


def test_wait_for_reply_off_is_net() -> None:
    text = format_robot_settings(_template(wait_for_reply=False))
    assert text.splitlines()[-1] == "Ожидать ответ сообщения: Нет"


def test_multiline_message_starts_below_its_label_unindented() -> None:
    text = format_robot_settings(_template(message="Строка 1\n- пункт\n\nКонец"))
    lines = text.splitlines()
    start = lines.index("Сообщение:")
    assert lines[start + 1 : start + 5] == ["Строка 1", "- пункт", "", "Конец"]
    assert lines[start + 5] == "Подпись: Клиника «Здоровье»"


def test_more_than_three_buttons_are_cut_to_the_robot_slots() -> None:
    fields = dict(robot_fields(_template(buttons=["A", "B", "C", "D"])))
    assert fields["Кнопка 3"] == "C"
    assert "D" not in fields.values()
