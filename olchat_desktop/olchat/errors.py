"""Typed OLChat errors with Russian and English messages, and secret redaction.

Every error carries a stable ``code``, the HTTP status when there was one, a message and
a hint in both languages, and (for answers the server did give) the parsed JSON in
``raw`` for diagnostics. ``str(error)`` is the English message; ``error.message("ru")``
and ``error.hint("ru")`` give the Russian texts. The webhook token never reaches any of
these texts: whatever comes from the server passes through :func:`redact` first.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.redaction import MASK
from olchat_desktop.redaction import redact as shared_redact

REDACTED = MASK
SNIPPET_LENGTH = 200


def redact(text: str, *secrets: str) -> str:
    """Remove the given secrets (and every secret shape the app knows) from ``text``."""
    return shared_redact(text, secrets)


def snippet(body: bytes, *secrets: str) -> str:
    """A short, single-line, redacted excerpt of a response body for error messages."""
    text = body[: SNIPPET_LENGTH * 4].decode("utf-8", errors="replace")
    text = redact(" ".join(text.split()), *secrets)
    return text[:SNIPPET_LENGTH] + ("…" if len(text) > SNIPPET_LENGTH else "")


class OlchatError(Exception):
    """Base of every OLChat client error."""

    code = "OLCHAT_ERROR"
    ru = "Ошибка OLChat."
    en = "OLChat error."
    hint_ru = ""
    hint_en = ""

    def __init__(
        self,
        detail: str = "",
        *,
        http_status: int | None = None,
        raw: Any = None,
        code: str | None = None,
    ) -> None:
        self.detail = detail  # already redacted by the caller
        self.http_status = http_status
        self.raw = raw
        if code:
            self.code = code
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        base = pick(lang, self.ru, self.en)
        return f"{base} ({self.detail})" if self.detail else base

    def hint(self, lang: Lang) -> str:
        return pick(lang, self.hint_ru, self.hint_en)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, http_status={self.http_status!r})"


class InvalidTokenError(OlchatError):
    code = "INVALID_TOKEN"
    ru = "OLChat не принял токен вебхука."
    en = "OLChat rejected the webhook token."
    hint_ru = "Скопируйте вебхук заново: «•••» → Настройки коннектора → Вебхук."
    hint_en = "Copy the webhook again: «•••» → Connector settings → Webhook."


class InvalidPhoneError(OlchatError, ValueError):
    code = "INVALID_PHONE"
    ru = "Неверный номер телефона."
    en = "Invalid phone number."
    hint_ru = "Укажите номер цифрами, российский — начиная с 7, например 79991234567."
    hint_en = "Enter the number as digits; a Russian one starts with 7, e.g. 79991234567."


class NoWhatsAppError(OlchatError):
    code = "NO_WHATSAPP"
    ru = "На номере нет зарегистрированного аккаунта WhatsApp."
    en = "The number has no WhatsApp account."
    hint_ru = "Проверьте номер или выберите другого получателя."
    hint_en = "Check the number or choose another recipient."


class LineNotConnectedError(OlchatError):
    code = "LINE_NOT_CONNECTED"
    ru = "Линия WhatsApp не подключена."
    en = "The WhatsApp line is not connected."
    hint_ru = "Подключите линию в приложении OLChat (отсканируйте QR-код) и повторите."
    hint_en = "Connect the line in the OLChat app (scan the QR code) and try again."


class NotPaidError(OlchatError):
    code = "NOT_PAID"
    ru = "Тариф OLChat не оплачен."
    en = "The OLChat tariff is not paid."
    hint_ru = "Оплатите тариф OLChat для этой линии."
    hint_en = "Pay the OLChat tariff for this line."


class RateLimitError(OlchatError):
    code = "RATE_LIMIT"
    ru = "Превышен лимит запросов OLChat."
    en = "OLChat request limit exceeded."
    hint_ru = "Подождите несколько секунд и повторите. Лимиты OLChat изменить нельзя."
    hint_en = "Wait a few seconds and try again. OLChat's limits cannot be changed."

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kw: Any) -> None:
        self.retry_after = retry_after
        super().__init__(detail, **kw)


class NetworkError(OlchatError):
    code = "NETWORK"
    ru = "Нет связи с OLChat."
    en = "Could not reach OLChat."
    hint_ru = "Проверьте подключение к интернету и адрес сервера."
    hint_en = "Check the internet connection and the server address."

    def __init__(self, detail: str = "", *, maybe_sent: bool = False, **kw: Any) -> None:
        # A send that timed out may still have gone out: the UI must ask before resending.
        self.maybe_sent = maybe_sent
        super().__init__(detail, **kw)


class RequestTimeoutError(NetworkError):
    code = "TIMEOUT"
    ru = "OLChat не ответил вовремя."
    en = "OLChat did not answer in time."
    hint_ru = "Повторите позже. Если это была отправка, проверьте, не дошло ли сообщение."
    hint_en = "Try again later. If this was a send, check whether the message arrived."


class ProtocolError(OlchatError):
    code = "UNEXPECTED_ANSWER"
    ru = "Неожиданный ответ OLChat."
    en = "Unexpected answer from OLChat."
    hint_ru = "Проверьте адрес сервера OLChat; если он верен, сервис может быть недоступен."
    hint_en = "Check the OLChat server address; if it is right, the service may be down."


class EndpointNotFoundError(ProtocolError):
    code = "NOT_FOUND"
    ru = "Метод OLChat не найден (ни v2, ни v1)."
    en = "OLChat method not found (neither v2 nor v1)."


class ApiError(OlchatError):
    """An error OLChat reported that has no more specific class; ``detail`` is its text."""

    code = "API_ERROR"
    ru = "OLChat вернул ошибку."
    en = "OLChat returned an error."
    hint_ru = "Текст ошибки выше — от OLChat; исправьте указанный параметр."
    hint_en = "The error text above comes from OLChat; fix the parameter it names."
