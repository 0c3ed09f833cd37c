"""Who may call the sandbox portal: incoming webhooks and one local OAuth application.

Reference: ``shared/reference/bitrix24.md`` §1 (webhooks, OAuth) and §2 (error codes).

* Webhooks: ``/rest/{user_id}/{secret}/`` runs as ``user_id`` limited to the webhook's
  scopes; an unknown, revoked or expired secret, or a user id that does not own it, is
  ``401 NO_AUTH_FOUND``.
* OAuth: codes live 30 s and are single-use; access tokens live 1 h; refresh tokens live
  180 days and rotate: the old refresh token is invalid once used (``invalid_grant``).
  Chosen where the reference is silent: an access token stays valid until its own expiry
  after a refresh; token-endpoint errors use RFC 6749 statuses (``invalid_client`` 401,
  ``invalid_grant``/``invalid_request`` 400).
Secrets live only in this registry; no repr, log line or error text contains one.
"""

from __future__ import annotations

import secrets
import string
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from olchat_desktop.sandbox.registry import ApiError, AuthKind

ALL_SCOPES = frozenset({"crm", "bizproc", "imopenlines", "user", "im", "placement", "disk"})
MANAGER_SCOPES = frozenset({"crm", "bizproc", "imopenlines", "user", "disk"})

CODE_LIFETIME = 30.0
ACCESS_LIFETIME = 3600
REFRESH_LIFETIME = 180 * 24 * 3600.0

_SECRET_ALPHABET = string.ascii_lowercase + string.digits


def _new_webhook_secret() -> str:
    # Bitrix24 webhook codes look like "8g9l071eismy9q2l": 16 lower-case letters and digits.
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(16))


@dataclass(frozen=True)
class Identity:
    """An authenticated caller, as the dispatcher needs it."""

    user_id: int
    is_admin: bool
    auth_kind: AuthKind
    application_id: str | None
    scopes: frozenset[str]
    credential: str  # stable, secret-free key: "webhook:3" or "app:<client id>"


@dataclass
class Webhook:
    webhook_id: int
    user_id: int
    secret: str = field(repr=False)
    scopes: frozenset[str]
    expires_at: float | None = None
    revoked: bool = False


@dataclass(frozen=True)
class _Grant:
    user_id: int
    expires_at: float
    scopes: frozenset[str]


@dataclass(frozen=True)
class TokenGrant:
    """What the token endpoint hands out; the server adds the URLs and domains."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires: int
    expires_in: int
    user_id: int
    scopes: frozenset[str]


def _no_auth() -> ApiError:
    return ApiError("NO_AUTH_FOUND", "Wrong authorization data", 401)


class AuthRegistry:
    """Webhooks, OAuth codes and tokens of one sandbox portal. Thread-safe."""

    def __init__(self, now: Callable[[], float], admin_user_ids: Iterable[int] = (1,)) -> None:
        self._now = now
        self._lock = threading.Lock()
        self.admin_user_ids: set[int] = set(admin_user_ids)
        self._webhooks: dict[str, Webhook] = {}
        self.client_id = "local." + secrets.token_hex(7) + "." + secrets.token_hex(4)
        self.client_secret = secrets.token_urlsafe(36)
        self.app_scopes: frozenset[str] = ALL_SCOPES
        self._codes: dict[str, _Grant] = {}
        self._access: dict[str, _Grant] = {}
        self._refresh: dict[str, _Grant] = {}

    # --- webhooks -------------------------------------------------------------------------
    def add_webhook(
        self, user_id: int, scopes: Iterable[str], expires_at: float | None = None
    ) -> Webhook:
        with self._lock:
            hook = Webhook(
                len(self._webhooks) + 1, user_id, _new_webhook_secret(), frozenset(scopes)
            )
            hook.expires_at = expires_at
            self._webhooks[hook.secret] = hook
            return hook

    def revoke_webhook(self, secret: str) -> None:
        with self._lock:
            if secret in self._webhooks:
                self._webhooks[secret].revoked = True

    def check_webhook(self, user_id: int, secret: str) -> Identity:
        with self._lock:
            hook = self._webhooks.get(secret)
        if hook is None or hook.revoked or hook.user_id != user_id:
            raise _no_auth()
        if hook.expires_at is not None and self._now() >= hook.expires_at:
            raise _no_auth()
        return Identity(
            user_id=user_id,
            is_admin=user_id in self.admin_user_ids,
            auth_kind="webhook",
            application_id=None,
            scopes=hook.scopes,
            credential=f"webhook:{hook.webhook_id}",
        )

    # --- OAuth ----------------------------------------------------------------------------
    def issue_code(self, user_id: int) -> str:
        code = secrets.token_hex(24)
        with self._lock:
            self._codes[code] = _Grant(user_id, self._now() + CODE_LIFETIME, self.app_scopes)
        return code

    def _check_client(self, client_id: str, client_secret: str) -> None:
        if not (
            secrets.compare_digest(client_id, self.client_id)
            and secrets.compare_digest(client_secret, self.client_secret)
        ):
            raise ApiError("invalid_client", "Invalid client id or client secret", 401)

    def exchange_code(self, client_id: str, client_secret: str, code: str) -> TokenGrant:
        self._check_client(client_id, client_secret)
        with self._lock:
            grant = self._codes.pop(code, None)  # single use, even when it fails below
        if grant is None or self._now() >= grant.expires_at:
            raise ApiError("invalid_grant", "Invalid authorization code or code expired", 400)
        return self._issue_tokens(grant.user_id, grant.scopes)

    def refresh(self, client_id: str, client_secret: str, refresh_token: str) -> TokenGrant:
        self._check_client(client_id, client_secret)
        with self._lock:
            grant = self._refresh.pop(refresh_token, None)  # rotation: the old one dies now
        if grant is None or self._now() >= grant.expires_at:
            raise ApiError("invalid_grant", "Invalid refresh token or token expired", 400)
        return self._issue_tokens(grant.user_id, grant.scopes)

    def _issue_tokens(self, user_id: int, scopes: frozenset[str]) -> TokenGrant:
        now = self._now()
        access, refresh = secrets.token_hex(32), secrets.token_hex(32)
        with self._lock:
            self._access[access] = _Grant(user_id, now + ACCESS_LIFETIME, scopes)
            self._refresh[refresh] = _Grant(user_id, now + REFRESH_LIFETIME, scopes)
        expires = int(now + ACCESS_LIFETIME)
        return TokenGrant(access, refresh, expires, ACCESS_LIFETIME, user_id, scopes)

    def check_access_token(self, token: str | None) -> Identity:
        if not token:
            raise _no_auth()
        with self._lock:
            grant = self._access.get(token)
        if grant is None:
            raise ApiError("invalid_token", "Unable to verify access token", 401)
        if self._now() >= grant.expires_at:
            raise ApiError("expired_token", "The access token provided has expired.", 401)
        return Identity(
            user_id=grant.user_id,
            is_admin=grant.user_id in self.admin_user_ids,
            auth_kind="oauth",
            application_id=self.client_id,
            scopes=grant.scopes,
            credential=f"app:{self.client_id}",
        )

    def revoke_all_tokens(self) -> None:
        """As when the app is deleted: every token dies (``invalid_token`` afterwards)."""
        with self._lock:
            self._access.clear()
            self._refresh.clear()
            self._codes.clear()
