"""Build a ``bizproc.robot.add`` definition from a template, and check the handler URL.

Facts: reference ``bitrix24.md`` §4.1 (parameters, PROPERTY object, USE_SUBSCRIPTION,
FILTER, the HANDLER same-domain rule). Choices:

* Property keys are the robot's fields as the OLChat activity names them in templates
  (``Line``, ``Phone``, ``Header``, ``Message``, ``Footer``, ``Button1``..``Button3``,
  ``WaitForReply``), so a published robot is found again by the audit's property matcher.
* ``USE_SUBSCRIPTION`` is sent as an explicit ``N`` when the template does not wait:
  an empty value means "wait" on current portals.
* ``RETURN_PROPERTIES`` always carries ``PressedButton`` (the tapped button's text);
  Bitrix24 fills it only when the robot waits, which is exactly when it is useful.
* ``FILTER`` includes the CRM document types that have automation rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from olchat_desktop.core import limits
from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.core.template import Template
from olchat_desktop.robots.codes import robot_code

PRESSED_BUTTON_KEY: Final = "PressedButton"
CRM_DOCUMENT_FILTER: Final[dict[str, list[list[str]]]] = {
    "INCLUDE": [
        ["crm", "CCrmDocumentDeal"],
        ["crm", "CCrmDocumentLead"],
        ["crm", "CCrmDocumentContact"],
        ["crm", "CCrmDocumentCompany"],
        ["crm", "Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic"],
        ["crm", "Bitrix\\Crm\\Integration\\BizProc\\Document\\SmartInvoice"],
        ["crm", "Bitrix\\Crm\\Integration\\BizProc\\Document\\Quote"],
    ]
}


def _names(ru: str, en: str) -> dict[str, str]:
    return {"ru": ru, "en": en}


def _prop(
    ru: str, en: str, kind: str, required: bool, default: str, ru_hint: str = "", en_hint: str = ""
) -> dict[str, Any]:
    prop: dict[str, Any] = {
        "Name": _names(ru, en),
        "Type": kind,
        "Required": "Y" if required else "N",
        "Multiple": "N",
        "Default": default,
    }
    if ru_hint:
        prop["Description"] = _names(ru_hint, en_hint)
    return prop


def robot_properties(
    template: Template, line_options: Mapping[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """PROPERTIES mirroring the robot's fields, in its order, with the template's values."""
    line = _prop("Линия WhatsApp", "WhatsApp line", "string", True, template.line)
    if line_options:
        line["Type"] = "select"
        line["Options"] = dict(line_options)
    buttons = [*template.buttons, "", "", ""][: limits.MAX_BUTTONS]
    props: dict[str, dict[str, Any]] = {
        "Line": line,
        "Phone": _prop(
            "Номер телефона", "Phone number", "string", True, template.phone,
            "Цифры, начиная с 7, или поле CRM", "Digits starting with 7, or a CRM field",
        ),
        "Header": _prop(
            "Заголовок", "Header", "string", False, template.header,
            f"До {limits.HEADER} символов", f"Up to {limits.HEADER} characters",
        ),
        "Message": _prop(
            "Сообщение", "Message", "text", True, template.message,
            f"До {limits.MESSAGE} символов", f"Up to {limits.MESSAGE} characters",
        ),
        "Footer": _prop(
            "Подпись", "Footer", "string", False, template.footer,
            f"До {limits.FOOTER} символов", f"Up to {limits.FOOTER} characters",
        ),
    }  # fmt: skip
    for number, title in enumerate(buttons, start=1):
        props[f"Button{number}"] = _prop(
            f"Кнопка {number}", f"Button {number}", "string", number == 1, title,
            f"До {limits.BUTTON} символов", f"Up to {limits.BUTTON} characters",
        )  # fmt: skip
    props["WaitForReply"] = _prop(
        "Ожидать ответ сообщения", "Wait for reply", "bool", False,
        "Y" if template.wait_for_reply else "N",
    )  # fmt: skip
    return props


def return_properties() -> dict[str, dict[str, Any]]:
    return {
        PRESSED_BUTTON_KEY: {
            "Name": _names("Нажатая кнопка", "Pressed button"),
            "Type": "string",
        }
    }


def robot_definition(
    template: Template,
    handler_url: str,
    *,
    code: str | None = None,
    line_options: Mapping[str, str] | None = None,
    auth_user_id: int | None = None,
) -> dict[str, Any]:
    """The full ``bizproc.robot.add`` body (without ``auth``) for ``template``."""
    title = template.name.strip() or "OLChat"
    definition: dict[str, Any] = {
        "CODE": code or robot_code(template.name),
        "HANDLER": handler_url.strip(),
        "USE_SUBSCRIPTION": "Y" if template.wait_for_reply else "N",
        "NAME": _names(f"WhatsApp с кнопками: {title}", f"WhatsApp buttons: {title}"),
        "DESCRIPTION": _names(
            "Сообщение WhatsApp с кнопками через OLChat (опубликовано OLChat Desktop).",
            "WhatsApp button message through OLChat (published by OLChat Desktop).",
        ),
        "PROPERTIES": robot_properties(template, line_options),
        "RETURN_PROPERTIES": return_properties(),
        "FILTER": CRM_DOCUMENT_FILTER,
    }
    if auth_user_id is not None:
        definition["AUTH_USER_ID"] = auth_user_id
    return definition


def update_fields(definition: Mapping[str, Any]) -> dict[str, Any]:
    """``FIELDS`` for ``bizproc.robot.update``: everything but ``CODE``."""
    return {key: value for key, value in definition.items() if key != "CODE"}


# --- the handler URL ----------------------------------------------------------------------


@dataclass(frozen=True)
class HandlerProblem:
    """Why a handler URL cannot be used. ``code``: empty | malformed | not_https | other_domain."""

    code: str
    ru: str
    en: str

    def message(self, lang: Lang) -> str:
        return pick(lang, self.ru, self.en)


def same_domain_rule(lang: Lang) -> str:
    """The rule, explained for the admin before they type anything."""
    return pick(
        lang,
        "Bitrix24 отправляет вызов робота на адрес обработчика со своих серверов. Адрес "
        "должен быть на HTTPS и на том же домене, что и обработчик вашего локального "
        "приложения (поле «Путь вашего обработчика» в его настройках): приложение на "
        "https://robots.example.com/app может зарегистрировать только "
        "https://robots.example.com/…. Настольное приложение этим сервером быть не может.",
        "Bitrix24 calls the robot's handler from its own servers. The address must be HTTPS "
        "and on the same domain as your local application's handler (the \"Your handler "
        'path" setting): an app at https://robots.example.com/app can register only '
        "https://robots.example.com/…. The desktop app cannot be that server.",
    )


def check_handler_url(url: str, app_domain: str | None = None) -> HandlerProblem | None:
    """None when ``url`` can be registered; ``app_domain`` enables the same-domain check."""
    text = url.strip()
    if not text:
        return HandlerProblem("empty", "Укажите адрес обработчика.", "Enter the handler address.")
    parts = urlsplit(text)
    try:
        host = (parts.hostname or "").lower()
    except ValueError:
        host = ""
    if not parts.scheme or not host:
        return HandlerProblem(
            "malformed",
            "Адрес обработчика должен быть полным, например https://robots.example.com/wa.",
            "The handler must be a full address, e.g. https://robots.example.com/wa.",
        )
    if parts.scheme.lower() != "https":
        return HandlerProblem(
            "not_https",
            "Bitrix24 принимает только обработчики на HTTPS (иначе ERROR_UNSUPPORTED_PROTOCOL).",
            "Bitrix24 accepts HTTPS handlers only (otherwise ERROR_UNSUPPORTED_PROTOCOL).",
        )
    wanted = (app_domain or "").strip().lower().rstrip(".")
    if wanted and host != wanted:
        return HandlerProblem(
            "other_domain",
            f"Обработчик на {host}, а приложение установлено с доменом {wanted}. Bitrix24 "
            "отклонит такой адрес (ERROR_WRONG_HANDLER_URL): используйте тот же домен.",
            f"The handler is on {host} but the application's domain is {wanted}. Bitrix24 "
            "rejects it (ERROR_WRONG_HANDLER_URL): use the same domain.",
        )
    return None
