"""Live validation of what users type in the connection forms (checked on every keystroke).

Each check returns a :class:`FieldCheck`: ``ok`` and one specific message in the chosen
language. Webhook URLs and portal addresses reuse the Bitrix24 parser's fine-grained
messages (``bitrix/url_messages.py``); nothing here does I/O or raises for bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from olchat_desktop.bitrix.webhook_url import (
    WebhookUrlError,
    parse_portal_address,
    parse_webhook_url,
)
from olchat_desktop.core.i18n import Lang, pick

_CLIENT_ID = re.compile(r"^(local|app)\.[A-Za-z0-9]+\.[A-Za-z0-9]+$|^[A-Za-z0-9._-]{4,100}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,200}$")


# The parser's messages speak of a webhook URL; for the portal address field these codes
# get wording about an address instead.
_ADDRESS_MESSAGES: dict[str, tuple[str, str]] = {
    "space_inside": (
        "В адресе портала есть пробел: удалите его.",
        "The portal address contains a space: remove it.",
    ),
    "query_string": (
        "Адрес портала не содержит параметров после «?»: удалите их.",
        "A portal address has no parameters after '?': remove them.",
    ),
    "fragment": (
        "Адрес портала не содержит части после «#»: удалите её.",
        "A portal address has no '#' part: remove it.",
    ),
    "two_urls": (
        "Вставлено несколько адресов сразу: оставьте один адрес портала.",
        "Several addresses were pasted at once: keep one portal address.",
    ),
}
_HOST_BAD_PORT = re.compile(r"^[^/:?#\[\]@]+:(?P<port>[^/?#]*)$")


@dataclass(frozen=True)
class FieldCheck:
    ok: bool
    message: str


def _ok(message: str = "") -> FieldCheck:
    return FieldCheck(True, message)


def check_webhook(text: str, lang: Lang) -> FieldCheck:
    try:
        webhook = parse_webhook_url(text)
    except WebhookUrlError as exc:
        return FieldCheck(False, exc.message(lang))
    return _ok(
        pick(
            lang,
            f"Портал {webhook.portal.netloc}, пользователь {webhook.user_id}",
            f"Portal {webhook.portal.netloc}, user {webhook.user_id}",
        )
    )


def check_portal_address(text: str, lang: Lang) -> FieldCheck:
    if not text.strip():
        return FieldCheck(
            False,
            pick(
                lang,
                "Введите адрес портала, например portal.bitrix24.ru",
                "Enter the portal address, for example portal.bitrix24.ru",
            ),
        )
    bad_port = _HOST_BAD_PORT.match(text.strip())
    if bad_port and not bad_port["port"].isdigit():
        # "host:abc" would otherwise read as a URL scheme named "host".
        code = "empty_port" if not bad_port["port"] else "bad_port"
        return FieldCheck(False, WebhookUrlError(code, port=bad_port["port"]).message(lang))
    try:
        address = parse_portal_address(text)
    except WebhookUrlError as exc:
        if exc.code in _ADDRESS_MESSAGES:
            return FieldCheck(False, pick(lang, *_ADDRESS_MESSAGES[exc.code]))
        return FieldCheck(False, exc.message(lang))
    return _ok(address.origin)


def check_client_id(text: str, lang: Lang) -> FieldCheck:
    value = text.strip()
    if not value:
        return FieldCheck(
            False,
            pick(
                lang,
                "Введите client_id локального приложения (вида local.xxxx.yyyy).",
                "Enter the local app's client id (like local.xxxx.yyyy).",
            ),
        )
    if not _CLIENT_ID.match(value):
        return FieldCheck(
            False,
            pick(
                lang,
                "client_id содержит недопустимые символы: скопируйте его со страницы приложения.",
                "The client id has invalid characters: copy it from the app's page.",
            ),
        )
    return _ok()


def check_secret(text: str, lang: Lang, *, optional: bool = False) -> FieldCheck:
    """Client secret or OLChat token. ``optional`` when editing (empty keeps the stored one)."""
    value = text.strip()
    if not value:
        if optional:
            return _ok(pick(lang, "Пусто: останется сохранённый.", "Empty: the stored one stays."))
        return FieldCheck(False, pick(lang, "Введите секрет.", "Enter the secret."))
    if not _TOKEN.match(value):
        return FieldCheck(
            False,
            pick(
                lang,
                "Секрет содержит пробелы или недопустимые символы: скопируйте его заново.",
                "The secret contains spaces or invalid characters: copy it again.",
            ),
        )
    return _ok()


def check_name(text: str, lang: Lang, taken: set[str]) -> FieldCheck:
    value = text.strip()
    if not value:
        return FieldCheck(False, pick(lang, "Введите название.", "Enter a name."))
    if len(value) > 100:
        return FieldCheck(False, pick(lang, "Не длиннее 100 символов.", "At most 100 characters."))
    if value.casefold() in {n.casefold() for n in taken}:
        return FieldCheck(
            False,
            pick(lang, f"Название «{value}» уже занято.", f"The name '{value}' is already used."),
        )
    return _ok()
