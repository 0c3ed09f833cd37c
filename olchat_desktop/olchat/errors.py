"""Typed OLChat errors with translatable messages, and secret redaction.

Every error carries a stable ``code``, the HTTP status when there was one, a message and
a hint in both languages, and (for answers the server did give) the parsed JSON in
``raw`` for diagnostics. ``str(error)`` is the English message; ``error.message("ru")``
and ``error.hint("ru")`` give the Russian texts. The webhook token never reaches any of
these texts: whatever comes from the server passes through :func:`redact` first.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.i18n import N_, Lang, text
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
    summary = N_("OLChat error.")
    advice = ""

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
        base = text(lang, self.summary)
        return f"{base} ({self.detail})" if self.detail else base

    def hint(self, lang: Lang) -> str:
        return text(lang, self.advice)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, http_status={self.http_status!r})"


class InvalidTokenError(OlchatError):
    code = "INVALID_TOKEN"
    summary = N_("OLChat rejected the webhook token.")
    advice = N_("Copy the webhook again: «•••» → Connector settings → Webhook.")


class InvalidPhoneError(OlchatError, ValueError):
    code = "INVALID_PHONE"
    summary = N_("Invalid phone number.")
    advice = N_("Enter the number as digits; a Russian one starts with 7, e.g. 79991234567.")


class NoWhatsAppError(OlchatError):
    code = "NO_WHATSAPP"
    summary = N_("The number has no WhatsApp account.")
    advice = N_("Check the number or choose another recipient.")


class LineNotConnectedError(OlchatError):
    code = "LINE_NOT_CONNECTED"
    summary = N_("The WhatsApp line is not connected.")
    advice = N_("Connect the line in the OLChat app (scan the QR code) and try again.")


class NotPaidError(OlchatError):
    code = "NOT_PAID"
    summary = N_("The OLChat tariff is not paid.")
    advice = N_("Pay the OLChat tariff for this line.")


class RateLimitError(OlchatError):
    code = "RATE_LIMIT"
    summary = N_("OLChat request limit exceeded.")
    advice = N_("Wait a few seconds and try again. OLChat's limits cannot be changed.")

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kw: Any) -> None:
        self.retry_after = retry_after
        super().__init__(detail, **kw)


class NetworkError(OlchatError):
    code = "NETWORK"
    summary = N_("Could not reach OLChat.")
    advice = N_("Check the internet connection and the server address.")

    def __init__(self, detail: str = "", *, maybe_sent: bool = False, **kw: Any) -> None:
        # A send that timed out may still have gone out: the UI must ask before resending.
        self.maybe_sent = maybe_sent
        super().__init__(detail, **kw)


class RequestTimeoutError(NetworkError):
    code = "TIMEOUT"
    summary = N_("OLChat did not answer in time.")
    advice = N_("Try again later. If this was a send, check whether the message arrived.")


class ProtocolError(OlchatError):
    code = "UNEXPECTED_ANSWER"
    summary = N_("Unexpected answer from OLChat.")
    advice = N_("Check the OLChat server address; if it is right, the service may be down.")


class EndpointNotFoundError(ProtocolError):
    code = "NOT_FOUND"
    summary = N_("OLChat method not found (neither v2 nor v1).")


class ApiError(OlchatError):
    """An error OLChat reported that has no more specific class; ``detail`` is its text."""

    code = "API_ERROR"
    summary = N_("OLChat returned an error.")
    advice = N_("The error text above comes from OLChat; fix the parameter it names.")
