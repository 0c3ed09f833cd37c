"""OLChat line connections: test a line, store it, build its client.

Split from :mod:`olchat_desktop.connections.service`, whose :class:`ConnectionService`
inherits these methods, so callers keep one service for portals and lines.
"""

from __future__ import annotations

import httpx

from olchat_desktop.bitrix.webhook_url import is_loopback
from olchat_desktop.connections.errors import MissingSecretError
from olchat_desktop.olchat import LineStatus, OlchatClient
from olchat_desktop.storage.profiles import (
    OlchatLineProfile,
    PortalProfile,
    ProfileStore,
    new_profile_id,
)
from olchat_desktop.storage.secrets import SecretStore

SANDBOX_OLCHAT_PREFIX = "/olchat"


class LineConnections:
    """The OLChat half of :class:`~olchat_desktop.connections.service.ConnectionService`."""

    profiles: ProfileStore
    secrets: SecretStore
    _transport: httpx.BaseTransport | None

    def _store(
        self,
        profile: PortalProfile | OlchatLineProfile,
        secrets: dict[str, str],
        *,
        replace: bool,
    ) -> None:
        raise NotImplementedError  # ConnectionService stores secrets first, then the profile

    def check_line(self, base_url: str, token: str) -> LineStatus:
        with OlchatClient(olchat_endpoint(base_url), token, transport=self._transport) as client:
            return client.line_status()

    def save_line(
        self,
        name: str,
        base_url: str,
        token: str,
        *,
        line_phone: str = "",
        portal_id: str | None = None,
        profile_id: str | None = None,
    ) -> tuple[OlchatLineProfile, LineStatus]:
        """Test the line (line status), then add it (or replace ``profile_id``'s settings).

        An empty ``token`` when editing keeps the stored one.
        """
        if profile_id and not token:
            token = self.secrets.get(profile_id, "olchat_token") or ""
        if not token.strip():
            raise MissingSecretError(name)
        status = self.check_line(base_url, token)
        profile = OlchatLineProfile(
            id=profile_id or new_profile_id(),
            name=name,
            line_phone=line_phone or status.phone or "",
            portal_id=portal_id,
            base_url=olchat_origin(base_url),
        )
        self._store(profile, {"olchat_token": token.strip()}, replace=profile_id is not None)
        return profile, status

    def olchat_client(self, profile_id: str) -> OlchatClient:
        line = self.profiles.get(profile_id)
        if not isinstance(line, OlchatLineProfile):
            raise MissingSecretError(profile_id)
        token = self.secrets.get(line.id, "olchat_token")
        if not token:
            raise MissingSecretError(line.name)
        return OlchatClient(olchat_endpoint(line.base_url), token, transport=self._transport)

    def test_line(self, profile_id: str) -> LineStatus:
        with self.olchat_client(profile_id) as client:
            return client.line_status()


def olchat_origin(base_url: str) -> str:
    """What a line profile stores: ``scheme://host[:port]`` (the profile refuses paths)."""
    url = httpx.URL(base_url.strip())
    return f"{url.scheme}://{url.netloc.decode('ascii')}" if url.scheme else base_url


def olchat_endpoint(base_url: str) -> str:
    """The OLChat service root for a stored origin.

    The sandbox mounts its OLChat emulator under ``/olchat`` on the same loopback port
    (``sandbox/server.py``), while line profiles keep origins only; a loopback origin is
    therefore the sandbox's. Real OLChat (``OLCHAT_BASE_URL``) is served at the root.
    """
    url = httpx.URL(base_url.strip())
    if url.host and is_loopback(url.host):
        return f"{olchat_origin(base_url)}{SANDBOX_OLCHAT_PREFIX}"
    return base_url


def urlsplit_netloc(url: str) -> str:
    return httpx.URL(url).netloc.decode("ascii") if url else ""
