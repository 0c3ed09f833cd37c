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
from olchat_desktop.core.i18n import N_, Lang, text

_CLIENT_ID = re.compile(r"^(local|app)\.[A-Za-z0-9]+\.[A-Za-z0-9]+$|^[A-Za-z0-9._-]{4,100}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,200}$")


# The parser's messages speak of a webhook URL; for the portal address field these codes
# get wording about an address instead.
_ADDRESS_MESSAGES: dict[str, str] = {
    "space_inside": N_("The portal address contains a space: remove it."),
    "query_string": N_("A portal address has no parameters after '?': remove them."),
    "fragment": N_("A portal address has no '#' part: remove it."),
    "two_urls": N_("Several addresses were pasted at once: keep one portal address."),
}
_HOST_BAD_PORT = re.compile(r"^[^/:?#\[\]@]+:(?P<port>[^/?#]*)$")


@dataclass(frozen=True)
class FieldCheck:
    ok: bool
    message: str


def _ok(message: str = "") -> FieldCheck:
    return FieldCheck(True, message)


def check_webhook(raw: str, lang: Lang) -> FieldCheck:
    try:
        webhook = parse_webhook_url(raw)
    except WebhookUrlError as exc:
        return FieldCheck(False, exc.message(lang))
    return _ok(
        text(lang, "Portal {netloc}, user {user_id}").format(
            netloc=webhook.portal.netloc, user_id=webhook.user_id
        )
    )


def check_portal_address(raw: str, lang: Lang) -> FieldCheck:
    if not raw.strip():
        return FieldCheck(
            False,
            text(lang, "Enter the portal address, for example portal.bitrix24.ru"),
        )
    bad_port = _HOST_BAD_PORT.match(raw.strip())
    if bad_port and not bad_port["port"].isdigit():
        # "host:abc" would otherwise read as a URL scheme named "host".
        code = "empty_port" if not bad_port["port"] else "bad_port"
        return FieldCheck(False, WebhookUrlError(code, port=bad_port["port"]).message(lang))
    try:
        address = parse_portal_address(raw)
    except WebhookUrlError as exc:
        if exc.code in _ADDRESS_MESSAGES:
            return FieldCheck(False, text(lang, _ADDRESS_MESSAGES[exc.code]))
        return FieldCheck(False, exc.message(lang))
    return _ok(address.origin)


def check_client_id(raw: str, lang: Lang) -> FieldCheck:
    value = raw.strip()
    if not value:
        return FieldCheck(
            False,
            text(lang, "Enter the local app's client id (like local.xxxx.yyyy)."),
        )
    if not _CLIENT_ID.match(value):
        return FieldCheck(
            False,
            text(lang, "The client id has invalid characters: copy it from the app's page."),
        )
    return _ok()


def check_secret(raw: str, lang: Lang, *, optional: bool = False) -> FieldCheck:
    """Client secret or OLChat token. ``optional`` when editing (empty keeps the stored one)."""
    value = raw.strip()
    if not value:
        if optional:
            return _ok(text(lang, "Empty: the stored one stays."))
        return FieldCheck(False, text(lang, "Enter the secret."))
    if not _TOKEN.match(value):
        return FieldCheck(
            False,
            text(lang, "The secret contains spaces or invalid characters: copy it again."),
        )
    return _ok()


def check_name(raw: str, lang: Lang, taken: set[str]) -> FieldCheck:
    value = raw.strip()
    if not value:
        return FieldCheck(False, text(lang, "Enter a name."))
    if len(value) > 100:
        return FieldCheck(False, text(lang, "At most 100 characters."))
    if value.casefold() in {n.casefold() for n in taken}:
        return FieldCheck(
            False,
            text(lang, "The name '{value}' is already used.").format(value=value),
        )
    return _ok()
