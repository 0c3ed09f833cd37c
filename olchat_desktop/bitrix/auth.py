"""Credentials for the Bitrix24 client: incoming webhooks and OAuth 2.0 app tokens.

Webhook calls put ``USER_ID/SECRET`` in the path; OAuth calls add ``auth`` to the JSON body
and use ``client_endpoint`` as the base (apidocs ``settings/oauth``). OAuth refresh follows
the documented policy: refresh only after ``401 expired_token`` and retry the call once
(``settings/oauth/auto-renewal``). It is single-flight: every caller passes the access token
it used; under the lock, a caller whose token was already replaced simply retries, so 20
threads hitting ``expired_token`` at once cause exactly one token request. Tokens rotate:
each refresh hands the new pair to ``on_tokens`` for storage. ``invalid_grant`` means the
refresh token is dead and only a new sign-in helps (:class:`SignInAgainError`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import httpx

from olchat_desktop.bitrix.envelope import parse_response
from olchat_desktop.bitrix.errors import ConnectionFailedError, ProtocolError
from olchat_desktop.bitrix.webhook_url import PortalAddress, WebhookUrl, parse_webhook_url
from olchat_desktop.redaction import install_log_redaction, register_secret

log = logging.getLogger("olchat_desktop.bitrix")

# The EN docs and b24pysdk < 1.0 use oauth.bitrix.info; the RU docs moved to
# oauth.bitrix24.tech in June 2025. Both answer; the task fixes this default.
DEFAULT_TOKEN_URL = "https://oauth.bitrix.info/oauth/token/"
TOKEN_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class Auth(Protocol):
    """What the client needs from a credential."""

    @property
    def origin(self) -> str: ...

    def endpoint(self, method: str) -> str: ...

    def sign(self, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]: ...

    def can_refresh(self) -> bool: ...

    def refresh(self, stale_token: str | None) -> None: ...

    def move_to(self, origin: str) -> None: ...


class WebhookAuth:
    """An incoming webhook: the secret is in the URL path, so it is never refreshed."""

    def __init__(self, webhook: WebhookUrl | str) -> None:
        self.webhook = parse_webhook_url(webhook) if isinstance(webhook, str) else webhook
        register_secret(self.webhook.secret)
        install_log_redaction()

    @property
    def origin(self) -> str:
        return self.webhook.portal.origin

    @property
    def user_id(self) -> int:
        return self.webhook.user_id

    def endpoint(self, method: str) -> str:
        return self.webhook.base_url + method

    def sign(self, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        return params, None

    def can_refresh(self) -> bool:
        return False

    def refresh(self, stale_token: str | None) -> None:
        raise RuntimeError("webhooks cannot be refreshed")

    def move_to(self, origin: str) -> None:
        parts = urlsplit(origin)
        portal = PortalAddress(parts.scheme, parts.hostname or "", parts.port)
        self.webhook = replace(self.webhook, portal=portal)

    def __repr__(self) -> str:
        return f"WebhookAuth({self.webhook.display_url!r})"


@dataclass(frozen=True)
class OAuthTokens:
    """One token pair from the OAuth server. ``client_endpoint`` is the REST base."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    client_endpoint: str
    expires_at: float | None = None
    member_id: str | None = None
    scope: tuple[str, ...] = ()
    user_id: int | None = None

    @classmethod
    def from_response(cls, data: dict[str, Any], now: float) -> OAuthTokens:
        expires = data.get("expires")
        expires_in = data.get("expires_in")
        expires_at = (
            float(expires) if expires else (now + float(expires_in) if expires_in else None)
        )
        scope = tuple(s for s in str(data.get("scope") or "").split(",") if s)
        user_id = data.get("user_id")
        return cls(
            access_token=str(data["access_token"]),
            refresh_token=str(data["refresh_token"]),
            client_endpoint=str(data["client_endpoint"]),
            expires_at=expires_at,
            member_id=str(data["member_id"]) if data.get("member_id") else None,
            scope=scope,
            user_id=int(user_id) if user_id not in (None, "") else None,
        )


TokensCallback = Callable[[OAuthTokens], None]


def _token_request(
    token_url: str, params: dict[str, str], transport: httpx.BaseTransport | None
) -> dict[str, Any]:
    # The OAuth server takes a GET with query parameters (settings/oauth). httpx logs the
    # URL at INFO; install_log_redaction() masks client_secret/refresh_token/code there.
    try:
        with httpx.Client(
            timeout=TOKEN_TIMEOUT, follow_redirects=False, transport=transport
        ) as http:
            response = http.get(token_url, params=params)
    except httpx.HTTPError as exc:
        raise ConnectionFailedError(f"OAuth server: {type(exc).__name__}") from None
    envelope_like = parse_response(response.status_code, response.content, "oauth/token")
    data = envelope_like.model_dump()
    data.update(envelope_like.model_extra or {})
    if "access_token" not in data or "refresh_token" not in data:
        raise ProtocolError(
            "the OAuth server's answer has no token pair",
            status=response.status_code,
            method="oauth/token",
        )
    return data


class OAuthAuth:
    """An OAuth app token pair with single-flight refresh and rotation."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        tokens: OAuthTokens,
        *,
        token_url: str = DEFAULT_TOKEN_URL,
        on_tokens: TokensCallback | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client_id = client_id
        self._client_secret = client_secret
        self._tokens = tokens
        self.token_url = token_url
        self.on_tokens = on_tokens
        self._transport = transport
        self._clock = clock
        self._lock = threading.Lock()
        self.refresh_count = 0
        for secret in (client_secret, tokens.access_token, tokens.refresh_token):
            register_secret(secret)
        install_log_redaction()

    @classmethod
    def from_code(
        cls,
        client_id: str,
        client_secret: str,
        code: str,
        *,
        token_url: str = DEFAULT_TOKEN_URL,
        on_tokens: TokensCallback | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> OAuthAuth:
        """Exchange an authorization code (it lives 30 s) for the first token pair."""
        register_secret(code)
        register_secret(client_secret)
        install_log_redaction()
        params = {
            "grant_type": "authorization_code",
            "client_id": client_id,
            "client_secret": client_secret,
            "code": code,
        }
        tokens = OAuthTokens.from_response(
            _token_request(token_url, params, transport), time.time()
        )
        auth = cls(
            client_id,
            client_secret,
            tokens,
            token_url=token_url,
            on_tokens=on_tokens,
            transport=transport,
        )
        if on_tokens is not None:
            on_tokens(tokens)
        return auth

    @property
    def tokens(self) -> OAuthTokens:
        return self._tokens

    @property
    def origin(self) -> str:
        parts = urlsplit(self._tokens.client_endpoint)
        return f"{parts.scheme}://{parts.netloc}"

    def endpoint(self, method: str) -> str:
        return self._tokens.client_endpoint.rstrip("/") + "/" + method

    def sign(self, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        token = self._tokens.access_token
        return {**params, "auth": token}, token

    def can_refresh(self) -> bool:
        return True

    def refresh(self, stale_token: str | None) -> None:
        """Get a new pair unless another thread already replaced ``stale_token``."""
        with self._lock:
            if stale_token is not None and stale_token != self._tokens.access_token:
                return
            params = {
                "grant_type": "refresh_token",
                "client_id": self.client_id,
                "client_secret": self._client_secret,
                "refresh_token": self._tokens.refresh_token,
            }
            data = _token_request(self.token_url, params, self._transport)
            fresh = OAuthTokens.from_response(data, self._clock())
            if not data.get("client_endpoint"):
                fresh = replace(fresh, client_endpoint=self._tokens.client_endpoint)
            register_secret(fresh.access_token)
            register_secret(fresh.refresh_token)
            self._tokens = fresh
            self.refresh_count += 1
            log.info("OAuth tokens refreshed for %s", self.origin)
            if self.on_tokens is not None:
                try:
                    self.on_tokens(fresh)
                except Exception as exc:  # storage trouble must not break the call
                    log.warning("could not store refreshed tokens: %s", type(exc).__name__)

    def move_to(self, origin: str) -> None:
        with self._lock:
            old = urlsplit(self._tokens.client_endpoint)
            new = urlsplit(origin)
            endpoint = urlunsplit((new.scheme, new.netloc, old.path, "", ""))
            self._tokens = replace(self._tokens, client_endpoint=endpoint)

    def __repr__(self) -> str:
        return f"OAuthAuth(client_id={self.client_id!r}, endpoint={self.endpoint('')!r})"


__all__ = ["DEFAULT_TOKEN_URL", "Auth", "OAuthAuth", "OAuthTokens", "WebhookAuth"]
