"""Typed Bitrix24 errors: the base class, the families and the codes with behaviour.

The other codes of the reference's error table (§2) are in :mod:`error_catalog`.

Every error carries the REST ``code``, the HTTP ``status``, the called ``method`` and a
user message with a hint in Russian and English. ``error_description`` from the portal is
"not meant for end users" (apidocs ``error-codes``), so it is kept only as a redacted
``detail``. No exception text ever contains a secret: everything passes through
:func:`olchat_desktop.redaction.redact`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from olchat_desktop.core.i18n import N_, Lang, text
from olchat_desktop.redaction import redact


class BitrixError(Exception):
    """Base of every error the Bitrix24 client raises."""

    code: ClassVar[str] = "BITRIX_ERROR"
    summary: ClassVar[str] = N_("Bitrix24 error.")
    advice: ClassVar[str] = N_("Try again later.")
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        detail: str = "",
        *,
        status: int | None = None,
        method: str | None = None,
        code: str | None = None,
    ) -> None:
        self.detail = redact(detail)
        self.status = status
        self.method = method
        self.error_code = code or self.code
        super().__init__(self._text())

    def _text(self) -> str:
        where = f" in {self.method}" if self.method else ""
        status = f"HTTP {self.status}, " if self.status is not None else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.error_code} ({status}{self.summary.rstrip('.')}{where}){detail}"

    def user_message(self, lang: Lang = "en") -> str:
        """One line for a person: what happened and what to do."""
        return f"{self.error_code}: {text(lang, self.summary)} {text(lang, self.advice)}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._text()!r})"


class AuthError(BitrixError):
    """401 family: the credentials were not accepted."""


class AccessError(BitrixError):
    """403 family: the user or the webhook lacks rights or scopes."""


class LimitError(BitrixError):
    """Rate and time limits."""


class ServerError(BitrixError):
    retryable = True


class RequestError(BitrixError):
    """400 family: the request itself is wrong (business errors included)."""


class ExpiredTokenError(AuthError):
    code = "expired_token"
    summary = N_("The access token has expired.")
    advice = N_("The app refreshes it itself; if this repeats, sign in again.")


class SignInAgainError(AuthError):
    """``invalid_grant`` or an unusable token: only a new sign-in helps."""

    code = "invalid_grant"
    summary = N_("The portal sign-in is no longer valid.")
    advice = N_("Sign in to the portal again ('Sign in').")


class OperationTimeLimitError(LimitError):
    """429: the method's operating-time budget is spent; it is paused until ``reset_at``."""

    code = "OPERATION_TIME_LIMIT"
    summary = N_("The method is blocked for now: its operating-time limit is spent.")
    advice = N_("Try again after the time given.")

    def __init__(self, detail: str = "", *, reset_at: float | None = None, **kw: Any) -> None:
        self.reset_at = reset_at
        super().__init__(detail, **kw)

    def _text(self) -> str:
        base = super()._text()
        return base if self.reset_at is None else f"{base}; paused until unix {self.reset_at:.0f}"


class ProtocolError(BitrixError):
    """The answer is not a Bitrix24 JSON envelope (HTML error page, proxy, truncated body)."""

    code = "PROTOCOL_ERROR"
    summary = N_("The portal did not answer in the REST API format (for example, an HTML page).")
    advice = N_("Check the portal address and any proxy; if the portal works, retry later.")


class ConnectionFailedError(BitrixError):
    """The portal could not be reached, or the connection broke mid-call."""

    code = "CONNECTION_FAILED"
    summary = N_("Could not reach the portal.")
    advice = N_("Check the network, the portal address and its certificate.")

    def __init__(self, detail: str = "", *, maybe_applied: bool = False, **kw: Any) -> None:
        self.maybe_applied = maybe_applied
        super().__init__(detail, **kw)

    def user_message(self, lang: Lang = "en") -> str:
        message = super().user_message(lang)
        if self.maybe_applied:
            message += " " + text(
                lang, "The request may have been applied: check the portal before retrying."
            )
        return message
