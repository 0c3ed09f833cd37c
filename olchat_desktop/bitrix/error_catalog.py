"""The catalogue of Bitrix24 error codes that need no behaviour of their own.

Each entry is one row of the reference's error table (``bitrix24.md`` §2): a class named
after the code, its family (401 auth, 403 access, limits, 5xx, 400 request) and the
message and hint a person sees (English msgids, translated on use). :func:`error_for`
picks the class for an envelope.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.bitrix.errors import (
    AccessError,
    AuthError,
    BitrixError,
    ExpiredTokenError,
    LimitError,
    OperationTimeLimitError,
    RequestError,
    ServerError,
    SignInAgainError,
)
from olchat_desktop.core.i18n import N_


def _kind(
    name: str, base: type[BitrixError], code: str, summary: str, advice: str
) -> type[BitrixError]:
    """An error class; ``summary`` and ``advice`` are msgids (marked with ``N_``)."""
    attrs: dict[str, Any] = {
        "code": code,
        "summary": summary,
        "advice": advice,
        "__module__": __name__,
    }
    return type(name, (base,), attrs)


_RELOGIN = N_("Check the webhook or sign in again.")
InvalidTokenError = _kind(
    "InvalidTokenError",
    AuthError,
    "invalid_token",
    N_("The access token is invalid."),
    _RELOGIN,
)
NoAuthFoundError = _kind(
    "NoAuthFoundError",
    AuthError,
    "NO_AUTH_FOUND",
    N_("Wrong authorization data: the webhook or token was not found."),
    N_("Copy the webhook URL again; it may have been deleted or expired."),
)
PaymentRequiredError = _kind(
    "PaymentRequiredError",
    AuthError,
    "PAYMENT_REQUIRED",
    N_("Payment required: the trial or paid period is over."),
    N_("Renew the portal's plan or subscription."),
)
OAuthError = _kind(
    "OAuthError",
    AuthError,
    "ERROR_OAUTH",
    N_("OAuth authorization error."),
    _RELOGIN,
)
AuthorizationError = _kind(
    "AuthorizationError",
    AuthError,
    "AUTHORIZATION_ERROR",
    N_("Authorization error."),
    _RELOGIN,
)
ApplicationNotFoundError = _kind(
    "ApplicationNotFoundError",
    AuthError,
    "APPLICATION_NOT_FOUND",
    N_("The application is not found on the portal."),
    N_("Install the local application again."),
)
MethodConfirmWaitingError = _kind(
    "MethodConfirmWaitingError",
    AuthError,
    "METHOD_CONFIRM_WAITING",
    N_("The method awaits an administrator's confirmation."),
    N_("Ask the portal administrator to confirm access."),
)
InvalidClientError = _kind(
    "InvalidClientError",
    AuthError,
    "invalid_client",
    N_("Wrong client_id or client_secret, or the app is not installed."),
    N_("Check the local application's keys."),
)
InvalidCredentialsError = _kind(
    "InvalidCredentialsError",
    AccessError,
    "INVALID_CREDENTIALS",
    N_("The user lacks the rights for this action."),
    N_("Use a webhook of a user who has the rights."),
)
InsufficientScopeError = _kind(
    "InsufficientScopeError",
    AccessError,
    "insufficient_scope",
    N_("The webhook or app lacks the required scope."),
    N_("Tick the scope in the webhook settings."),
)
AccessDeniedError = _kind(
    "AccessDeniedError",
    AccessError,
    "ACCESS_DENIED",
    N_("Access denied."),
    N_("Admin rights, an app context or a commercial plan is required."),
)
UserAccessError = _kind(
    "UserAccessError",
    AccessError,
    "user_access_error",
    N_("The app is restricted to certain users."),
    N_("Ask the administrator for access."),
)
WrongAuthTypeError = _kind(
    "WrongAuthTypeError",
    AccessError,
    "WRONG_AUTH_TYPE",
    N_("This authorization type is not allowed for the method."),
    N_("Use an OAuth app instead of a webhook."),
)
QueryLimitExceededError = _kind(
    "QueryLimitExceededError",
    LimitError,
    "QUERY_LIMIT_EXCEEDED",
    N_("Too many requests to the portal."),
    N_("Wait a few seconds."),
)
OverloadLimitError = _kind(
    "OverloadLimitError",
    LimitError,
    "OVERLOAD_LIMIT",
    N_("The portal's REST API is blocked manually."),
    N_("Contact Bitrix24 support."),
)
InternalServerError = _kind(
    "InternalServerError",
    ServerError,
    "INTERNAL_SERVER_ERROR",
    N_("Bitrix24 internal server error."),
    N_("Try again later."),
)
UnexpectedAnswerError = _kind(
    "UnexpectedAnswerError",
    ServerError,
    "ERROR_UNEXPECTED_ANSWER",
    N_("The Bitrix24 server gave an unexpected answer."),
    N_("Try again later."),
)
PortalDeletedError = _kind(
    "PortalDeletedError",
    BitrixError,
    "PORTAL_DELETED",
    N_("The portal is deleted or closed."),
    N_("Check the portal address."),
)
InvalidRequestError = _kind(
    "InvalidRequestError",
    RequestError,
    "INVALID_REQUEST",
    N_("Invalid request (for example, not HTTPS)."),
    N_("Use an https:// address."),
)
BatchLengthExceededError = _kind(
    "BatchLengthExceededError",
    RequestError,
    "ERROR_BATCH_LENGTH_EXCEEDED",
    N_("The batch has more than 50 commands or too long parameters."),
    N_("Split the batch."),
)
BatchMethodNotAllowedError = _kind(
    "BatchMethodNotAllowedError",
    RequestError,
    "ERROR_BATCH_METHOD_NOT_ALLOWED",
    N_("This method is not allowed in a batch."),
    N_("Call it on its own."),
)
MethodNotFoundError = _kind(
    "MethodNotFoundError",
    RequestError,
    "ERROR_METHOD_NOT_FOUND",
    N_("Method not found."),
    N_("Check the webhook URL (user id and secret) and the portal's modules."),
)
BusinessError = _kind(
    "BusinessError",
    RequestError,
    "ERROR",
    N_("The portal rejected the request."),
    N_("Check the parameters."),
)

ERROR_CLASSES: dict[str, type[BitrixError]] = {
    cls.code.upper(): cls
    for cls in (
        ExpiredTokenError,
        InvalidTokenError,
        NoAuthFoundError,
        PaymentRequiredError,
        OAuthError,
        AuthorizationError,
        ApplicationNotFoundError,
        MethodConfirmWaitingError,
        InvalidClientError,
        SignInAgainError,
        InvalidCredentialsError,
        InsufficientScopeError,
        AccessDeniedError,
        UserAccessError,
        WrongAuthTypeError,
        QueryLimitExceededError,
        OperationTimeLimitError,
        OverloadLimitError,
        InternalServerError,
        UnexpectedAnswerError,
        PortalDeletedError,
        InvalidRequestError,
        BatchLengthExceededError,
        BatchMethodNotAllowedError,
        MethodNotFoundError,
    )
}
# Codes that share a meaning with a class above (b24pysdk's status groups).
ERROR_CLASSES.update(
    {
        "ALLOWED_ONLY_INTRANET_USER": WrongAuthTypeError,
        "METHOD_CONFIRM_DENIED": AccessDeniedError,
        "ACCESS_ERROR": AccessDeniedError,
        "NOT_INSTALLED": ApplicationNotFoundError,
        "WRONG_CLIENT": InvalidClientError,
        "INVALID_SCOPE": InsufficientScopeError,
    }
)


def error_for(
    code: str,
    detail: str,
    *,
    status: int | None,
    method: str | None,
    reset_at: float | None = None,
) -> BitrixError:
    """The typed exception for an error envelope; unknown codes keep their own code."""
    cls = ERROR_CLASSES.get(code.upper())
    if cls is None:
        if status is not None and status >= 500:
            cls = InternalServerError
        elif status == 401:
            cls = AuthorizationError
        elif status == 403:
            cls = AccessDeniedError
        else:
            cls = BusinessError
    if cls is OperationTimeLimitError:
        return OperationTimeLimitError(
            detail, status=status, method=method, code=code, reset_at=reset_at
        )
    return cls(detail, status=status, method=method, code=code)
