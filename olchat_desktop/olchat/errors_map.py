"""Recognising OLChat error answers and mapping them to typed errors.

The REST answers are undocumented, so an answer is an error when it looks like one in any
common shape: ``{"success": false}``, ``{"ok": false}``, ``{"status": "error"}`` or a
non-empty ``error`` key. The class is chosen by the error code when there is one, else by
the texts OLChat's robots are documented to return (GH ``olchat_doc``,
``roboty-i-aktiviti/otladka-i-poisk-oshibok/opisanie-oshibok-…md``): «Линия не
подключена», «Не оплачено», «На номере нет зарегистрированного аккаунта WhatsApp», «…не
найден в WhatsApp».
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from olchat_desktop.olchat.errors import (
    ApiError,
    InvalidPhoneError,
    InvalidTokenError,
    LineNotConnectedError,
    NotPaidError,
    NoWhatsAppError,
    OlchatError,
    RateLimitError,
    redact,
)

_BY_CODE: dict[str, type[OlchatError]] = {
    "no_whatsapp": NoWhatsAppError,
    "nw": NoWhatsAppError,
    "line_not_connected": LineNotConnectedError,
    "not_connected": LineNotConnectedError,
    "not_paid": NotPaidError,
    "unpaid": NotPaidError,
    "payment_required": NotPaidError,
    "rate_limit": RateLimitError,
    "too_many_requests": RateLimitError,
    "invalid_token": InvalidTokenError,
    "token_not_found": InvalidTokenError,
    "unauthorized": InvalidTokenError,
    "invalid_phone": InvalidPhoneError,
}

# Lower-case fragments of server texts, checked in order.
_BY_TEXT: tuple[tuple[str, type[OlchatError]], ...] = (
    ("не подключена", LineNotConnectedError),
    ("not connected", LineNotConnectedError),
    ("не оплачен", NotPaidError),
    ("not paid", NotPaidError),
    ("нет зарегистрированного аккаунта whatsapp", NoWhatsAppError),
    ("не найден в whatsapp", NoWhatsAppError),
    ("no whatsapp", NoWhatsAppError),
    ("лимит", RateLimitError),
    ("rate limit", RateLimitError),
    ("too many requests", RateLimitError),
)

_BY_STATUS: dict[int, type[OlchatError]] = {
    401: InvalidTokenError,
    403: InvalidTokenError,
    402: NotPaidError,
    429: RateLimitError,
}


def is_error_payload(payload: Any) -> bool:
    if not isinstance(payload, Mapping):
        return False
    if payload.get("success") is False or payload.get("ok") is False:
        return True
    status = payload.get("status")
    if isinstance(status, str) and status.strip().lower() in ("error", "fail", "failed"):
        return True
    return bool(payload.get("error"))


def _code_and_text(payload: Any) -> tuple[str, str]:
    if not isinstance(payload, Mapping):
        return "", ""
    error = payload.get("error")
    code: Any = payload.get("error_code") or payload.get("code")
    text: Any = payload.get("error_description") or payload.get("message")
    if isinstance(error, Mapping):
        code = error.get("code") or code
        text = error.get("message") or error.get("description") or text
    elif isinstance(error, str):
        # {"error": "Линия не подключена"} or {"error": "LINE_NOT_CONNECTED", ...}
        if error.replace("_", "").isalnum() and error.upper() == error and not code:
            code = error
        else:
            text = text or error
    return ("" if code is None else str(code)), ("" if text is None else str(text))


def error_from_payload(
    payload: Any, http_status: int, *secrets: str, retry_after: float | None = None
) -> OlchatError:
    """The typed error for an error answer (or any answer with an HTTP error status)."""
    code, text = _code_and_text(payload)
    text = redact(text, *secrets)[:300]
    error_class: type[OlchatError] | None = _BY_CODE.get(code.strip().lower())
    if error_class is None:
        lowered = text.lower()
        error_class = next((cls for frag, cls in _BY_TEXT if frag in lowered), None)
    if error_class is None:
        error_class = _BY_STATUS.get(http_status, ApiError)
    if error_class is ApiError and not text:
        text = f"HTTP {http_status}"
    if error_class is RateLimitError:
        return RateLimitError(
            text, retry_after=retry_after, http_status=http_status, raw=payload, code=code or None
        )
    return error_class(text, http_status=http_status, raw=payload, code=code or None)
