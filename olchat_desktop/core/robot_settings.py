"""The robot's settings as text for pasting into the Bitrix24 robot form.

"Copy robot settings" in the preview puts this on the clipboard. The fields come in the
robot's order with the Russian labels the Bitrix24 form shows (``PRODUCT.md``, "The robot
we configure"; OLChat's robot page, ``reference/olchat_whatsapp.md`` §1.3), because the
form the manager pastes into is Russian whatever language this app shows.

Every field is listed, empty ones too, so the manager sees that «Кнопка 3» is meant to
stay empty rather than wonder whether it was forgotten. A multi-line message goes on the
lines after its label, unindented, so that it can be copied into the form as is.
"""

from __future__ import annotations

from olchat_desktop.core.template_draft import TemplateContent

# Labels exactly as the robot form shows them.
LINE_LABEL = "Линия WhatsApp"
PHONE_LABEL = "Номер телефона"
HEADER_LABEL = "Заголовок"
MESSAGE_LABEL = "Сообщение"
FOOTER_LABEL = "Подпись"
BUTTON_LABEL = "Кнопка {number}"
WAIT_LABEL = "Ожидать ответ сообщения"
BUTTON_SLOTS = 3
YES = "Да"
NO = "Нет"


def robot_fields(template: TemplateContent) -> list[tuple[str, str]]:
    """``(label, value)`` for every robot field, in the form's order."""
    buttons = list(template.buttons[:BUTTON_SLOTS])
    buttons += [""] * (BUTTON_SLOTS - len(buttons))
    fields = [
        (LINE_LABEL, template.line),
        (PHONE_LABEL, template.phone),
        (HEADER_LABEL, template.header),
        (MESSAGE_LABEL, template.message),
        (FOOTER_LABEL, template.footer),
    ]
    fields += [(BUTTON_LABEL.format(number=i + 1), title) for i, title in enumerate(buttons)]
    fields.append((WAIT_LABEL, YES if template.wait_for_reply else NO))
    return fields


def format_robot_settings(template: TemplateContent) -> str:
    """One ``Label: value`` line per field; a multi-line value starts below its label."""
    lines: list[str] = []
    for label, value in robot_fields(template):
        if "\n" in value:
            lines.append(f"{label}:")
            lines.extend(value.split("\n"))
        else:
            lines.append(f"{label}: {value}".rstrip())
    return "\n".join(lines) + "\n"
