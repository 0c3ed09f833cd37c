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
from functools import partial
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
    """Choices from a loaded :class:`~olchat_desktop.storage.profiles.ProfileStore`.

    Clients come from :class:`~olchat_desktop.connections.service.ConnectionService`, the
    one place that turns a profile and its keyring secrets into a client (webhook URL
    rebuilt from the stored secret, OAuth refresh persisted, renames stored, CA bundle).
    A missing secret raises its ``MissingSecretError`` with a user message.
    """
    from olchat_desktop.connections.service import ConnectionService

    service = ConnectionService(store)
    portals = tuple(
        PortalChoice(p.name, p.id, partial(_open_portal, service, p)) for p in store.portals
    )
    lines = tuple(
        LineChoice(p.name, p.id, partial(service.olchat_client, p.id)) for p in store.lines
    )
    return SendTargets(portals=portals, lines=lines)


def _open_portal(service: Any, profile: Any) -> WorkflowPortal:
    client = service.bitrix_client(profile.id)
    return WorkflowPortal(BitrixServices(client), profile.member_id or profile.domain)
