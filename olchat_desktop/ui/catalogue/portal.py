"""The active portal whose fields the editor knows: a stored portal, or demo's sandbox.

The app has no "current portal" setting yet, so the active portal is the first stored
portal profile (by name); with none, demo mode's embedded sandbox. Resolving it reads
profiles.json and imports the connection stack, so it runs on a worker thread
(``ui.tasks``), as does opening the client. A portal is named by a *key* for the
catalogue cache (a hash of its host, never the webhook URL) and a display name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from olchat_desktop.bitrix.client import BitrixClient

# One key for the embedded sandbox: its seed is the same on every start (its member id
# is not), so the demo catalogue cached yesterday is still the right one today.
SANDBOX_KEY = "sandbox"
SANDBOX_NAME = "Песочница / Sandbox"


class ActivePortal(NamedTuple):
    name: str
    key: str
    # Opens a client; called on the worker thread that uses it, closed after the work.
    open_client: Callable[[], BitrixClient]
    sandbox: bool = False


def sandbox_portal(sandbox: Any) -> ActivePortal:
    """The running sandbox's portal (admin webhook, no client-side rate limit: loopback)."""

    def open_client() -> BitrixClient:
        from olchat_desktop.bitrix.auth import WebhookAuth
        from olchat_desktop.bitrix.client import BitrixClient

        return BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")

    return ActivePortal(SANDBOX_NAME, SANDBOX_KEY, open_client, sandbox=True)


def profile_portal(home: Path) -> ActivePortal | None:
    """The first stored portal profile in data home ``home``, or None (worker thread:
    reads the disk). ``home`` is passed in, read on the GUI thread: a worker may outlive
    a temporary data home (the smoke test's) and must not fall back to the user's."""
    from olchat_desktop.connections.service import ConnectionService
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store

    store = ProfileStore(shared_secret_store(home / "settings.json"), home / "profiles.json")
    try:
        store.load()
    except ProfilesError:
        return None
    portals = sorted(store.portals, key=lambda p: (p.name or p.domain).casefold())
    if not portals:
        return None
    profile = portals[0]
    service = ConnectionService(store)

    def open_client() -> BitrixClient:
        return service.bitrix_client(profile.id)

    from olchat_desktop.storage.field_catalogue_cache import portal_key

    # The cache's own key (a hash of the host): the CLI's `fields` shares the file.
    return ActivePortal(profile.name or profile.domain, portal_key(profile.domain), open_client)


class PortalFinder:
    """Finds the active portal for a window: its profiles first, then demo's sandbox.

    ``sandbox`` returns the window's running demo sandbox (or None); ``demo`` says the
    window is in demo mode, where the sandbox is the portal even before it has started
    (its cached catalogue can be shown meanwhile). ``home`` is the window's data home,
    fixed when the finder is made: workers may outlive a temporary data home.
    """

    def __init__(self, sandbox: Callable[[], Any], demo: bool, home: Path | None = None) -> None:
        self._sandbox = sandbox
        self.demo = demo
        if home is None:  # the data home of the window, read now, on the GUI thread
            from olchat_desktop.paths import data_home

            home = data_home()
        self.home = home

    def find(self) -> ActivePortal | None:
        """Worker thread. None when there is no portal at all."""
        portal = profile_portal(self.home)
        if portal is not None:
            return portal
        running = self._sandbox()
        if running is not None:
            return sandbox_portal(running)
        if self.demo:
            return ActivePortal(SANDBOX_NAME, SANDBOX_KEY, _not_started, sandbox=True)
        return None


def _not_started() -> BitrixClient:
    raise SandboxNotStartedError


class SandboxNotStartedError(RuntimeError):
    """Demo's sandbox portal has not started (yet, or it failed to)."""
