"""Open "Portal robots…" from the main window (File menu), with the connected portals.

Portals come from the stored connection profiles (clients built by
:class:`olchat_desktop.connections.service.ConnectionService` on the worker thread). With
none, the demo sandbox offers its OAuth app and its admin webhook, so every part of the
dialog can be tried without an account.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from olchat_desktop.core.template import Template
    from olchat_desktop.ui.robots.portal_option import PortalOption


def profile_portals() -> list[PortalOption]:
    from olchat_desktop.connections.service import ConnectionService
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store
    from olchat_desktop.ui.robots.portal_option import PortalOption

    store = ProfileStore(shared_secret_store())
    try:
        store.load()
    except ProfilesError:
        return []
    service = ConnectionService(store)
    return [
        PortalOption(
            profile.name or profile.domain,
            partial(service.bitrix_client, profile.id),
            webhook=profile.auth_kind == "webhook",
        )
        for profile in store.portals
    ]


def sandbox_portals(sandbox: Any) -> list[PortalOption]:
    from olchat_desktop.bitrix.auth import OAuthAuth, WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.sandbox.portal_state import DEFAULT_APP_HANDLER_HOST
    from olchat_desktop.ui.robots.portal_option import PortalOption

    def oauth_client() -> BitrixClient:
        auth = OAuthAuth.from_code(
            sandbox.oauth_client_id,
            sandbox.oauth_client_secret,
            sandbox.issue_oauth_code(),
            token_url=sandbox.oauth_token_url,
        )
        return BitrixClient(auth)

    return [
        PortalOption(
            "Demo sandbox (OAuth app)", oauth_client, webhook=False,
            app_domain=DEFAULT_APP_HANDLER_HOST,
        ),
        PortalOption(
            "Demo sandbox (webhook)",
            lambda: BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))),
            webhook=True,
        ),
    ]  # fmt: skip


def open_robots_dialog(window: Any) -> None:
    from olchat_desktop.ui.busy import busy_cursor

    library_controller = window.libraryController
    library_controller.save_now()

    def current_template() -> Template | None:
        current = library_controller.current_id
        return window.library.get(current) if current else None

    def open_template(template: Template) -> None:
        created = window.library.create(template)
        library_controller.open_template(created.id)

    own_sandbox = None
    with busy_cursor():  # the first opening loads httpx, pydantic and the clients
        from olchat_desktop.ui.robots.dialog import RobotsDialog

        portals = profile_portals()
        if not portals:
            from olchat_desktop.ui.demo_sandbox import running_sandbox

            sandbox = running_sandbox(window)
            if sandbox is None:
                from olchat_desktop.sandbox import Sandbox

                own_sandbox = sandbox = Sandbox().start()  # loopback bind: milliseconds
            portals = sandbox_portals(sandbox)
        dialog = RobotsDialog(
            portals,
            current_template=current_template,
            open_template=open_template,
            parent=window,
        )
    try:
        dialog.exec()
    finally:
        if own_sandbox is not None:
            own_sandbox.stop()
