"""Envelopes and the error table: every code maps to its typed exception."""

from __future__ import annotations

import json

import pytest

from olchat_desktop.bitrix import error_catalog as c
from olchat_desktop.bitrix import errors as e
from olchat_desktop.bitrix.envelope import parse_response
from olchat_desktop.redaction import redact, register_secret

# (HTTP status, code, expected class) straight from reference bitrix24.md §2.
TABLE = [
    (401, "expired_token", e.ExpiredTokenError),
    (401, "invalid_token", c.InvalidTokenError),
    (401, "NO_AUTH_FOUND", c.NoAuthFoundError),
    (401, "PAYMENT_REQUIRED", c.PaymentRequiredError),
    (401, "ERROR_OAUTH", c.OAuthError),
    (401, "AUTHORIZATION_ERROR", c.AuthorizationError),
    (401, "APPLICATION_NOT_FOUND", c.ApplicationNotFoundError),
    (401, "METHOD_CONFIRM_WAITING", c.MethodConfirmWaitingError),
    (403, "INVALID_CREDENTIALS", c.InvalidCredentialsError),
    (403, "insufficient_scope", c.InsufficientScopeError),
    (403, "ACCESS_DENIED", c.AccessDeniedError),
    (403, "user_access_error", c.UserAccessError),
    (403, "WRONG_AUTH_TYPE", c.WrongAuthTypeError),
    (403, "ALLOWED_ONLY_INTRANET_USER", c.WrongAuthTypeError),
    (503, "QUERY_LIMIT_EXCEEDED", c.QueryLimitExceededError),
    (429, "OPERATION_TIME_LIMIT", e.OperationTimeLimitError),
    (503, "OVERLOAD_LIMIT", c.OverloadLimitError),
    (500, "INTERNAL_SERVER_ERROR", c.InternalServerError),
    (500, "ERROR_UNEXPECTED_ANSWER", c.UnexpectedAnswerError),
    (500, "PORTAL_DELETED", c.PortalDeletedError),
    (400, "INVALID_REQUEST", c.InvalidRequestError),
    (400, "ERROR_BATCH_LENGTH_EXCEEDED", c.BatchLengthExceededError),
    (405, "ERROR_BATCH_METHOD_NOT_ALLOWED", c.BatchMethodNotAllowedError),
    (404, "ERROR_METHOD_NOT_FOUND", c.MethodNotFoundError),
    (400, "invalid_grant", e.SignInAgainError),
    (400, "invalid_client", c.InvalidClientError),
    (400, "ERROR_WRONG_WORKFLOW_ID", c.BusinessError),
]


def _body(payload: object) -> bytes:
    return json.dumps(payload).encode()


@pytest.mark.parametrize(("status", "code", "cls"), TABLE)
def test_error_codes_map_to_typed_exceptions(status: int, code: str, cls: type) -> None:
    payload = {"error": code, "error_description": "details"}
    with pytest.raises(cls) as caught:
        parse_response(status, _body(payload), "crm.contact.list")
    error = caught.value
    assert error.error_code == code
    assert error.status == status
    assert error.method == "crm.contact.list"
    ru, en = error.user_message("ru"), error.user_message("en")
    assert code in ru and code in en and ru != en


def test_operation_time_limit_carries_reset_time() -> None:
    payload = {"error": "OPERATION_TIME_LIMIT", "time": {"operating_reset_at": 1757425271}}
    with pytest.raises(e.OperationTimeLimitError) as caught:
        parse_response(429, _body(payload), "crm.contact.list")
    assert caught.value.reset_at == 1757425271


def test_success_envelope_with_partial_time_and_list_fields() -> None:
    envelope = parse_response(
        200, _body({"result": [{"ID": "1"}], "total": 120, "next": 50, "time": {"start": 1.5}})
    )
    assert envelope.result == [{"ID": "1"}]
    assert (envelope.total, envelope.next) == (120, 50)
    assert envelope.time is not None and envelope.time.operating is None


def test_error_without_time_and_v3_error_shape() -> None:
    with pytest.raises(c.NoAuthFoundError):
        parse_response(401, _body({"error": "NO_AUTH_FOUND"}))
    with pytest.raises(c.AccessDeniedError) as caught:
        parse_response(403, _body({"error": {"code": "ACCESS_DENIED", "message": "no"}}))
    assert caught.value.detail == "no"


def test_html_page_is_a_protocol_error_with_redacted_snippet() -> None:
    page = (
        "<html><body><h1>502 Bad Gateway</h1>"
        "<p>upstream /rest/1/s3cr3tWebhookKey9/profile failed auth=tok3nTok3nTok3n</p>"
        "</body></html>"
    )
    with pytest.raises(e.ProtocolError) as caught:
        parse_response(502, page.encode(), "profile")
    error = caught.value
    assert error.status == 502
    assert "502 Bad Gateway" in str(error)
    for secret in ("s3cr3tWebhookKey9", "tok3nTok3nTok3n"):
        assert secret not in str(error) and secret not in repr(error)
    assert len(error.detail) < 260


def test_empty_and_non_object_bodies_are_protocol_errors() -> None:
    for body in (b"", b"[1, 2]", b"null", b"{truncated"):
        with pytest.raises(e.ProtocolError):
            parse_response(200, body)


def test_redact_removes_every_secret_shape() -> None:
    register_secret("registeredSecretValue42")
    text = (
        "GET https://oauth.example/oauth/token/?grant_type=refresh_token&client_id=app"
        "&client_secret=cs-abcdef123&refresh_token=rt-zyxw987 "
        'POST https://p.example/rest/7/hooksecret123/profile {"auth": "at-123456789"} '
        "leaked registeredSecretValue42 and registeredSecretValue42%21"
    )
    cleaned = redact(text)
    for secret in (
        "cs-abcdef123",
        "rt-zyxw987",
        "hooksecret123",
        "at-123456789",
        "registeredSecretValue42",
    ):
        assert secret not in cleaned
    assert "client_id=app" in cleaned and "/rest/7/***/profile" in cleaned
