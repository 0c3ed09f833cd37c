"""Typed Bitrix24 errors: one class per code in the reference's error table (§2).

Every error carries the REST ``code``, the HTTP ``status``, the called ``method`` and a
user message with a hint in Russian and English. ``error_description`` from the portal is
"not meant for end users" (apidocs ``error-codes``), so it is kept only as a redacted
``detail``. No exception text ever contains a secret: everything passes through
:func:`olchat_desktop.bitrix.redact.redact`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from olchat_desktop.bitrix.redact import redact
from olchat_desktop.core.i18n import Lang


class BitrixError(Exception):
    """Base of every error the Bitrix24 client raises."""

    code: ClassVar[str] = "BITRIX_ERROR"
    ru: ClassVar[str] = "Ошибка Bitrix24."
    en: ClassVar[str] = "Bitrix24 error."
    hint_ru: ClassVar[str] = "Повторите попытку позже."
    hint_en: ClassVar[str] = "Try again later."
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
        return f"{self.error_code} ({status}{self.en.rstrip('.')}{where}){detail}"

    def user_message(self, lang: Lang = "en") -> str:
        """One line for a person: what happened and what to do."""
        if lang == "ru":
            return f"{self.error_code}: {self.ru} {self.hint_ru}"
        return f"{self.error_code}: {self.en} {self.hint_en}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._text()!r})"


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
    ru, en = "Срок действия токена доступа истёк.", "The access token has expired."
    hint_ru = "Приложение обновит его само; если ошибка повторяется, войдите заново."
    hint_en = "The app refreshes it itself; if this repeats, sign in again."


class SignInAgainError(AuthError):
    """``invalid_grant`` or an unusable token: only a new sign-in helps."""

    code = "invalid_grant"
    ru, en = "Авторизация на портале больше не действует.", "The portal sign-in is no longer valid."
    hint_ru = "Войдите в портал заново (кнопка «Войти»)."
    hint_en = "Sign in to the portal again ('Sign in')."


class OperationTimeLimitError(LimitError):
    """429: the method's operating-time budget is spent; it is paused until ``reset_at``."""

    code = "OPERATION_TIME_LIMIT"
    ru = "Метод временно заблокирован: исчерпан лимит времени выполнения."
    en = "The method is blocked for now: its operating-time limit is spent."
    hint_ru = "Повторите после указанного времени."
    hint_en = "Try again after the time given."

    def __init__(self, detail: str = "", *, reset_at: float | None = None, **kw: Any) -> None:
        self.reset_at = reset_at
        super().__init__(detail, **kw)

    def _text(self) -> str:
        base = super()._text()
        return base if self.reset_at is None else f"{base}; paused until unix {self.reset_at:.0f}"


class ProtocolError(BitrixError):
    """The answer is not a Bitrix24 JSON envelope (HTML error page, proxy, truncated body)."""

    code = "PROTOCOL_ERROR"
    ru = "Портал ответил не в формате REST API (например, HTML-страницей)."
    en = "The portal did not answer in the REST API format (for example, an HTML page)."
    hint_ru = "Проверьте адрес портала и прокси; если портал работает, повторите позже."
    hint_en = "Check the portal address and any proxy; if the portal works, retry later."


class ConnectionFailedError(BitrixError):
    """The portal could not be reached, or the connection broke mid-call."""

    code = "CONNECTION_FAILED"
    ru, en = "Не удалось связаться с порталом.", "Could not reach the portal."
    hint_ru = "Проверьте интернет, адрес портала и сертификат."
    hint_en = "Check the network, the portal address and its certificate."

    def __init__(self, detail: str = "", *, maybe_applied: bool = False, **kw: Any) -> None:
        self.maybe_applied = maybe_applied
        super().__init__(detail, **kw)

    def user_message(self, lang: Lang = "en") -> str:
        text = super().user_message(lang)
        if self.maybe_applied:
            text += (
                " Запрос мог выполниться: проверьте результат на портале перед повтором."
                if lang == "ru"
                else " The request may have been applied: check the portal before retrying."
            )
        return text


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
