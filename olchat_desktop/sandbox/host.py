"""What the sandbox's HTTP layer needs from the running sandbox, as a protocol.

The HTTP handler and the OAuth pages are given the :class:`~olchat_desktop.sandbox.server.
Sandbox` that owns them, but they depend only on this protocol: the server composes them,
so ``server`` imports ``http_handler`` and never the other way round (issue 17: no import
cycles, checked by the import-linter contracts in ``.importlinter``).
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from olchat_desktop.sandbox.auth import AuthRegistry
from olchat_desktop.sandbox.dispatch import Dispatcher
from olchat_desktop.sandbox.faults import FaultPlan


class SandboxHost(Protocol):
    request_log: list[tuple[str, str]]
    former_hosts: set[str]
    dispatcher: Dispatcher
    auth: AuthRegistry
    member_id: str
    oauth_user_id: int
    oauth_redirect_uri: str | None
    faults: FaultPlan
    portal: Any  # PortalState, or None when a test runs without seeded data
    olchat: Any  # OlchatEmulator, or None: /olchat answers 404

    @property
    def base_url(self) -> str: ...

    @property
    def portal_domain(self) -> str: ...

    @property
    def oauth_server_domain(self) -> str: ...

    @property
    def oauth_server_url(self) -> str: ...

    @property
    def oauth_client_id(self) -> str: ...

    @property
    def oauth_client_secret(self) -> str: ...

    @property
    def lock(self) -> threading.RLock: ...

    def issue_oauth_code(self, user_id: int = ...) -> str: ...
