"""Where a test send goes: portal and line choices built from profiles, or the sandbox.

A choice holds a *factory* rather than a client: clients are created on the worker
thread that uses them (keyring reads may block), and closed when the work is done.
Secrets are read from the :class:`~olchat_desktop.storage.secrets.SecretStore` at that
moment and never kept on the choice, so a choice can be shown, logged or repr'd safely.

Demo mode: with no profiles, the embedded sandbox offers its portal (admin webhook) and
its connected OLChat line; the sandbox is also what ``send-test --demo`` uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.olchat import OlchatClient
from olchat_desktop.send.workflow_path import WorkflowPortal

SANDBOX_PORTAL_NAME = "Песочница / Sandbox"


@dataclass(frozen=True)
class LineChoice:
    name: str
    profile_id: str
    open_client: Callable[[], OlchatClient] = field(repr=False, compare=False)


@dataclass(frozen=True)
class PortalChoice:
    name: str
    profile_id: str
    open_portal: Callable[[], WorkflowPortal] = field(repr=False, compare=False)


@dataclass(frozen=True)
class SendTargets:
    portals: tuple[PortalChoice, ...]
    lines: tuple[LineChoice, ...]
    demo: bool = False

    @property
    def empty(self) -> bool:
        return not self.portals and not self.lines


def sandbox_targets(sandbox: Any) -> SendTargets:
    """The running sandbox's admin portal and its connected OLChat line."""
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient

    def open_portal() -> WorkflowPortal:
        client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")
        return WorkflowPortal(BitrixServices(client), f"sandbox:{sandbox.member_id}", sandbox=True)

    def open_line() -> OlchatClient:
        return OlchatClient(sandbox.olchat_base_url, sandbox.olchat.connected_token)

    return SendTargets(
        portals=(PortalChoice(SANDBOX_PORTAL_NAME, "sandbox", open_portal),),
        lines=(LineChoice("Песочница: линия 79990000001 / Sandbox line", "sandbox", open_line),),
        demo=True,
    )


def profile_targets(store: Any) -> SendTargets:
    """Choices from a loaded :class:`~olchat_desktop.storage.profiles.ProfileStore`."""
    portals = tuple(PortalChoice(p.name, p.id, _portal_opener(store, p)) for p in store.portals)
    lines = tuple(LineChoice(p.name, p.id, _line_opener(store, p)) for p in store.lines)
    return SendTargets(portals=portals, lines=lines)


class MissingSecretError(RuntimeError):
    """The keyring has no secret for the profile (it was never saved or was removed)."""


def _line_opener(store: Any, profile: Any) -> Callable[[], OlchatClient]:
    def open_line() -> OlchatClient:
        token = store.secrets.get(profile.id, "olchat_token")
        if not token:
            raise MissingSecretError(f"no OLChat token stored for line {profile.name!r}")
        return OlchatClient(profile.base_url, token)

    return open_line


def _portal_opener(store: Any, profile: Any) -> Callable[[], WorkflowPortal]:
    def open_portal() -> WorkflowPortal:
        from olchat_desktop.bitrix.client import BitrixClient

        auth = _portal_auth(store, profile)
        client = BitrixClient(
            auth,
            rate_profile=profile.rate_profile,
            verify=profile.verify_setting(),
            on_domain_changed=lambda domain: store.update_domain(profile.id, domain),
        )
        key = profile.member_id or profile.domain
        return WorkflowPortal(BitrixServices(client), key)

    return open_portal


def _portal_auth(store: Any, profile: Any) -> Any:
    from olchat_desktop.bitrix.auth import OAuthAuth, OAuthTokens, WebhookAuth

    secrets = store.secrets
    if profile.auth_kind == "webhook":
        webhook = secrets.get(profile.id, "webhook")
        if not webhook:
            raise MissingSecretError(f"no webhook stored for portal {profile.name!r}")
        return WebhookAuth(webhook)
    access = secrets.get(profile.id, "access_token")
    refresh = secrets.get(profile.id, "refresh_token")
    client_secret = secrets.get(profile.id, "client_secret")
    if not (access and refresh and client_secret):
        raise MissingSecretError(f"portal {profile.name!r} needs a new sign-in")
    tokens = OAuthTokens(
        access_token=access,
        refresh_token=refresh,
        client_endpoint=f"https://{profile.domain}/rest/",
        member_id=profile.member_id or None,
    )

    def keep_rotated(new: OAuthTokens) -> None:
        # Bitrix24 rotates the refresh token on every refresh: the old one stops working.
        secrets.set(profile.id, "access_token", new.access_token)
        secrets.set(profile.id, "refresh_token", new.refresh_token)

    return OAuthAuth(profile.client_id, client_secret, tokens, on_tokens=keep_rotated)
