"""Connections: portals and OLChat lines, tying ProfileStore, SecretStore and the clients.

Qt-free and blocking: the UI calls these methods from background tasks. Rules kept here:

* secrets go to the :class:`SecretStore` only; a profile holds origins and ids, never a
  webhook URL path or a token (``profile_models`` refuses them anyway);
* an OAuth code is exchanged the moment it arrives (it lives 30 s), and every rotated token
  pair is written back through the client's ``on_tokens`` callback, from any thread;
* ``invalid_grant`` (a dead refresh token) propagates as ``SignInAgainError`` and changes
  nothing stored: the user signs in again, the profile and its client secret stay;
* a ``302`` portal rename updates the stored domain (``ProfileStore.update_domain``);
* a custom CA bundle is passed as ``verify=`` (``PortalProfile.verify_setting``), which can
  never be ``False``: verification is not switchable off here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from olchat_desktop.bitrix.auth import DEFAULT_TOKEN_URL, OAuthAuth, OAuthTokens, WebhookAuth
from olchat_desktop.bitrix.check import PortalCheck, check_portal
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import SignInAgainError
from olchat_desktop.bitrix.webhook_url import (
    PortalAddress,
    WebhookUrl,
    is_loopback,
    parse_portal_address,
    parse_webhook_url,
)
from olchat_desktop.connections.errors import MissingSecretError
from olchat_desktop.connections.line_connections import LineConnections, urlsplit_netloc
from olchat_desktop.connections.oauth_flow import AuthorizationReply, token_url_for
from olchat_desktop.storage.profiles import (
    OlchatLineProfile,
    PortalProfile,
    ProfileStore,
    new_profile_id,
)

log = logging.getLogger(__name__)


def portal_address(profile: PortalProfile) -> PortalAddress:
    """The stored domain as an origin: HTTPS, except for a loopback portal (the sandbox)."""
    host, _, port = profile.domain.partition(":")
    scheme = "http" if is_loopback(host) else "https"
    return PortalAddress(scheme, host, int(port) if port else None)


@dataclass(frozen=True)
class PortalResult:
    profile: PortalProfile
    check: PortalCheck


class ConnectionService(LineConnections):
    """Add, test, edit and remove connections; build clients for stored ones."""

    def __init__(
        self,
        profiles: ProfileStore,
        *,
        token_url: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.profiles = profiles
        self.secrets = profiles.secrets
        self._token_url = token_url  # None: the documented server, or the sandbox's
        self._transport = transport

    # -- Bitrix24 portals: clients -------------------------------------------------------

    def token_url(self, profile: PortalProfile) -> str:
        if self._token_url:
            return self._token_url
        address = portal_address(profile)
        if is_loopback(address.host):  # the sandbox serves its OAuth server on the same port
            return f"http://{address.netloc}/oauth/token/"
        return DEFAULT_TOKEN_URL

    def bitrix_client(self, profile_id: str) -> BitrixClient:
        """A client for a stored portal: rotated tokens and renames are persisted."""
        profile = self._portal(profile_id)
        auth: WebhookAuth | OAuthAuth
        if profile.auth_kind == "webhook":
            secret = self.secrets.get(profile.id, "webhook")
            if not secret or profile.user_id is None:
                raise MissingSecretError(profile.name)
            auth = WebhookAuth(WebhookUrl(portal_address(profile), profile.user_id, secret))
        else:
            auth = self._oauth_auth(profile)
        return self._client(profile, auth)

    def _client(self, profile: PortalProfile, auth: WebhookAuth | OAuthAuth) -> BitrixClient:
        profile_id = profile.id
        return BitrixClient(
            auth,
            rate_profile=profile.rate_profile,
            verify=profile.verify_setting(),
            transport=self._transport,
            on_domain_changed=lambda domain: self._renamed(profile_id, domain),
        )

    def _oauth_auth(self, profile: PortalProfile) -> OAuthAuth:
        client_secret = self.secrets.get(profile.id, "client_secret")
        refresh_token = self.secrets.get(profile.id, "refresh_token")
        if not client_secret or not refresh_token:
            raise SignInAgainError("no stored token pair for this portal")
        access_token = self.secrets.get(profile.id, "access_token") or "expired"
        tokens = OAuthTokens(
            access_token=access_token,
            refresh_token=refresh_token,
            client_endpoint=f"{portal_address(profile).origin}/rest/",
            member_id=profile.member_id or None,
        )
        return OAuthAuth(
            profile.client_id,
            client_secret,
            tokens,
            token_url=self.token_url(profile),
            on_tokens=self._token_saver(profile.id),
        )

    def _token_saver(self, profile_id: str) -> Callable[[OAuthTokens], None]:
        def save(tokens: OAuthTokens) -> None:
            # Refresh token first: it is the one that cannot be recovered without sign-in.
            self.secrets.set(profile_id, "refresh_token", tokens.refresh_token)
            self.secrets.set(profile_id, "access_token", tokens.access_token)

        return save

    def _renamed(self, profile_id: str, domain: str) -> None:
        try:
            self.profiles.update_domain(profile_id, domain)
        except Exception as exc:  # the call itself succeeded; keep going, say why in the log
            log.warning("could not store the renamed portal domain: %s", type(exc).__name__)

    # -- Bitrix24 portals: adding and testing --------------------------------------------

    def check_webhook(self, webhook_text: str, ca_bundle: str | None = None) -> PortalCheck:
        """Test a pasted webhook without storing anything ("Test" in the add dialog)."""
        webhook = parse_webhook_url(webhook_text)
        verify: bool | str = ca_bundle or True
        with BitrixClient(WebhookAuth(webhook), verify=verify, transport=self._transport) as c:
            return check_portal(c)

    def save_webhook_portal(
        self,
        name: str,
        webhook_text: str,
        *,
        ca_bundle: str | None = None,
        profile_id: str | None = None,
    ) -> PortalResult:
        """Test the webhook, then add a portal (or replace ``profile_id``'s webhook)."""
        webhook = parse_webhook_url(webhook_text)
        check = self.check_webhook(webhook_text, ca_bundle)
        previous = self._portal(profile_id) if profile_id else None
        profile = PortalProfile(
            id=profile_id or new_profile_id(),
            name=name,
            domain=check.portal,  # after a 302 during the test, the new name
            auth_kind="webhook",
            user_id=webhook.user_id,
            user_name=check.user_name,
            is_admin=check.admin,
            scopes=check.scopes,
            ca_bundle_path=ca_bundle,
            rate_profile=previous.rate_profile if previous else "standard",
        )
        self._store(profile, {"webhook": webhook.secret}, replace=previous is not None)
        return PortalResult(profile, check)

    def complete_oauth(
        self,
        name: str,
        portal_text: str,
        client_id: str,
        client_secret: str,
        reply: AuthorizationReply,
        *,
        ca_bundle: str | None = None,
        profile_id: str | None = None,
    ) -> PortalResult:
        """Exchange the code at once, check the portal, then store tokens and profile.

        With ``profile_id`` this is "sign in again": only tokens and what the check learnt
        change. An empty ``client_secret`` then means "the stored one".
        """
        previous = self._portal(profile_id) if profile_id else None
        if previous is not None and not client_secret:
            client_secret = self.secrets.get(previous.id, "client_secret") or ""
        if not client_secret:
            raise MissingSecretError(name)
        address = parse_portal_address(portal_text)
        pid = profile_id or new_profile_id()
        draft = PortalProfile(
            id=pid, name=name, domain=address.netloc, auth_kind="oauth", client_id=client_id
        )
        token_url = (
            self._token_url or token_url_for(reply.server_domain, address) or self.token_url(draft)
        )
        auth = OAuthAuth.from_code(
            client_id.strip(), client_secret, reply.code, token_url=token_url
        )
        auth.on_tokens = self._token_saver(pid) if previous else None
        with self._client(draft, auth) as client:
            check = check_portal(client)
        profile = PortalProfile(
            id=pid,
            name=name,
            domain=urlsplit_netloc(auth.tokens.client_endpoint) or check.portal,
            member_id=auth.tokens.member_id or reply.member_id,
            auth_kind="oauth",
            user_id=check.user_id,
            user_name=check.user_name,
            is_admin=check.admin,
            scopes=check.scopes,
            client_id=client_id.strip(),
            ca_bundle_path=ca_bundle,
            rate_profile=previous.rate_profile if previous else "standard",
        )
        secrets = {
            "client_secret": client_secret,
            "access_token": auth.tokens.access_token,
            "refresh_token": auth.tokens.refresh_token,
        }
        self._store(profile, secrets, replace=previous is not None)
        return PortalResult(profile, check)

    def test_portal(self, profile_id: str) -> PortalCheck:
        """Who am I, admin or not, scopes; the stored profile learns the answer."""
        with self.bitrix_client(profile_id) as client:
            check = check_portal(client)
        current = self._portal(profile_id)
        updated = current.model_validate(
            {
                **current.model_dump(),
                "user_name": check.user_name,
                "is_admin": check.admin,
                "scopes": check.scopes,
            }
        )
        self.profiles.update(updated)
        return check

    def set_ca_bundle(self, profile_id: str, path: str | None) -> PortalProfile:
        """Choose (or clear, back to the system's CAs) a portal's CA bundle."""
        current = self._portal(profile_id)
        data = {**current.model_dump(), "ca_bundle_path": path}
        return self.profiles.update(PortalProfile.model_validate(data))

    # -- both ----------------------------------------------------------------------------

    def rename(self, profile_id: str, new_name: str) -> None:
        self.profiles.rename(profile_id, new_name)

    def remove(self, profile_id: str) -> None:
        """Remove the profile and every secret it has (secrets first, see ProfileStore)."""
        self.profiles.remove(profile_id)

    def _portal(self, profile_id: str | None) -> PortalProfile:
        profile = self.profiles.get(profile_id or "")
        if not isinstance(profile, PortalProfile):
            raise MissingSecretError(profile_id or "")
        return profile

    def _store(
        self,
        profile: PortalProfile | OlchatLineProfile,
        secrets: dict[str, str],
        *,
        replace: bool,
    ) -> None:
        """Secrets first, then the profile; a new profile that fails leaves no secret."""
        for kind, value in secrets.items():
            self.secrets.set(profile.id, kind, value)  # type: ignore[arg-type]
        try:
            if replace:
                self.profiles.update(profile)
            else:
                self.profiles.add(profile)
        except BaseException:
            if not replace:
                self.secrets.delete_profile(profile.id)
            raise
