"""The catalogue of Bitrix24 error codes that need no behaviour of their own.

Each entry is one row of the reference's error table (``bitrix24.md`` §2): a class named
after the code, its family (401 auth, 403 access, limits, 5xx, 400 request) and the
ru/en message and hint a person sees. :func:`error_for` picks the class for an envelope.
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


def _kind(
    name: str, base: type[BitrixError], code: str, ru: str, en: str, hint_ru: str, hint_en: str
) -> type[BitrixError]:
    attrs: dict[str, Any] = {
        "code": code,
        "ru": ru,
        "en": en,
        "hint_ru": hint_ru,
        "hint_en": hint_en,
        "__module__": __name__,
    }
    return type(name, (base,), attrs)


_RELOGIN_RU, _RELOGIN_EN = (
    "Проверьте вебхук или войдите заново.",
    "Check the webhook or sign in again.",
)
InvalidTokenError = _kind(
    "InvalidTokenError",
    AuthError,
    "invalid_token",
    "Токен доступа недействителен.",
    "The access token is invalid.",
    _RELOGIN_RU,
    _RELOGIN_EN,
)
NoAuthFoundError = _kind(
    "NoAuthFoundError",
    AuthError,
    "NO_AUTH_FOUND",
    "Неверные данные авторизации: вебхук или токен не найден.",
    "Wrong authorization data: the webhook or token was not found.",
    "Скопируйте адрес вебхука заново; возможно, он удалён или истёк.",
    "Copy the webhook URL again; it may have been deleted or expired.",
)
PaymentRequiredError = _kind(
    "PaymentRequiredError",
    AuthError,
    "PAYMENT_REQUIRED",
    "Требуется оплата: пробный или платный период закончился.",
    "Payment required: the trial or paid period is over.",
    "Продлите тариф или подписку портала.",
    "Renew the portal's plan or subscription.",
)
OAuthError = _kind(
    "OAuthError",
    AuthError,
    "ERROR_OAUTH",
    "Ошибка OAuth-авторизации.",
    "OAuth authorization error.",
    _RELOGIN_RU,
    _RELOGIN_EN,
)
AuthorizationError = _kind(
    "AuthorizationError",
    AuthError,
    "AUTHORIZATION_ERROR",
    "Ошибка авторизации.",
    "Authorization error.",
    _RELOGIN_RU,
    _RELOGIN_EN,
)
ApplicationNotFoundError = _kind(
    "ApplicationNotFoundError",
    AuthError,
    "APPLICATION_NOT_FOUND",
    "Приложение не найдено на портале.",
    "The application is not found on the portal.",
    "Установите локальное приложение заново.",
    "Install the local application again.",
)
MethodConfirmWaitingError = _kind(
    "MethodConfirmWaitingError",
    AuthError,
    "METHOD_CONFIRM_WAITING",
    "Метод ждёт подтверждения администратором.",
    "The method awaits an administrator's confirmation.",
    "Попросите администратора портала подтвердить доступ.",
    "Ask the portal administrator to confirm access.",
)
InvalidClientError = _kind(
    "InvalidClientError",
    AuthError,
    "invalid_client",
    "Неверный client_id или client_secret, либо приложение не установлено.",
    "Wrong client_id or client_secret, or the app is not installed.",
    "Проверьте ключи локального приложения.",
    "Check the local application's keys.",
)
InvalidCredentialsError = _kind(
    "InvalidCredentialsError",
    AccessError,
    "INVALID_CREDENTIALS",
    "У пользователя недостаточно прав для этого действия.",
    "The user lacks the rights for this action.",
    "Используйте вебхук пользователя с нужными правами.",
    "Use a webhook of a user who has the rights.",
)
InsufficientScopeError = _kind(
    "InsufficientScopeError",
    AccessError,
    "insufficient_scope",
    "У вебхука или приложения нет нужного права (scope).",
    "The webhook or app lacks the required scope.",
    "Отметьте нужное право в настройках вебхука.",
    "Tick the scope in the webhook settings.",
)
AccessDeniedError = _kind(
    "AccessDeniedError",
    AccessError,
    "ACCESS_DENIED",
    "Доступ запрещён.",
    "Access denied.",
    "Нужны права администратора, контекст приложения или платный тариф.",
    "Admin rights, an app context or a commercial plan is required.",
)
UserAccessError = _kind(
    "UserAccessError",
    AccessError,
    "user_access_error",
    "Приложение доступно не всем пользователям.",
    "The app is restricted to certain users.",
    "Попросите администратора открыть доступ.",
    "Ask the administrator for access.",
)
WrongAuthTypeError = _kind(
    "WrongAuthTypeError",
    AccessError,
    "WRONG_AUTH_TYPE",
    "Этот способ авторизации не подходит для метода.",
    "This authorization type is not allowed for the method.",
    "Используйте OAuth-приложение вместо вебхука.",
    "Use an OAuth app instead of a webhook.",
)
QueryLimitExceededError = _kind(
    "QueryLimitExceededError",
    LimitError,
    "QUERY_LIMIT_EXCEEDED",
    "Слишком много запросов к порталу.",
    "Too many requests to the portal.",
    "Подождите несколько секунд.",
    "Wait a few seconds.",
)
OverloadLimitError = _kind(
    "OverloadLimitError",
    LimitError,
    "OVERLOAD_LIMIT",
    "REST API портала заблокирован вручную.",
    "The portal's REST API is blocked manually.",
    "Обратитесь в поддержку Bitrix24.",
    "Contact Bitrix24 support.",
)
InternalServerError = _kind(
    "InternalServerError",
    ServerError,
    "INTERNAL_SERVER_ERROR",
    "Внутренняя ошибка сервера Bitrix24.",
    "Bitrix24 internal server error.",
    "Повторите позже.",
    "Try again later.",
)
UnexpectedAnswerError = _kind(
    "UnexpectedAnswerError",
    ServerError,
    "ERROR_UNEXPECTED_ANSWER",
    "Сервер Bitrix24 ответил неожиданно.",
    "The Bitrix24 server gave an unexpected answer.",
    "Повторите позже.",
    "Try again later.",
)
PortalDeletedError = _kind(
    "PortalDeletedError",
    BitrixError,
    "PORTAL_DELETED",
    "Портал удалён или закрыт.",
    "The portal is deleted or closed.",
    "Проверьте адрес портала.",
    "Check the portal address.",
)
InvalidRequestError = _kind(
    "InvalidRequestError",
    RequestError,
    "INVALID_REQUEST",
    "Некорректный запрос (например, без HTTPS).",
    "Invalid request (for example, not HTTPS).",
    "Используйте адрес https://.",
    "Use an https:// address.",
)
BatchLengthExceededError = _kind(
    "BatchLengthExceededError",
    RequestError,
    "ERROR_BATCH_LENGTH_EXCEEDED",
    "В пакете больше 50 команд или слишком длинные параметры.",
    "The batch has more than 50 commands or too long parameters.",
    "Разделите пакет на части.",
    "Split the batch.",
)
BatchMethodNotAllowedError = _kind(
    "BatchMethodNotAllowedError",
    RequestError,
    "ERROR_BATCH_METHOD_NOT_ALLOWED",
    "Этот метод нельзя вызывать в пакете.",
    "This method is not allowed in a batch.",
    "Вызовите его отдельно.",
    "Call it on its own.",
)
MethodNotFoundError = _kind(
    "MethodNotFoundError",
    RequestError,
    "ERROR_METHOD_NOT_FOUND",
    "Метод не найден.",
    "Method not found.",
    "Проверьте адрес вебхука (нужны ID пользователя и секрет) и модули портала.",
    "Check the webhook URL (user id and secret) and the portal's modules.",
)
BusinessError = _kind(
    "BusinessError",
    RequestError,
    "ERROR",
    "Портал отклонил запрос.",
    "The portal rejected the request.",
    "Проверьте параметры.",
    "Check the parameters.",
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
