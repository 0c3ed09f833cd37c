"""Clients for the robot tests: an OAuth application (robots need one) and a webhook."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from olchat_desktop.bitrix.auth import OAuthAuth, WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.sandbox import Sandbox


@pytest.fixture
def app_services(sandbox: Sandbox) -> Iterator[BitrixServices]:
    """The sandbox's OAuth application, signed in as the admin."""
    auth = OAuthAuth.from_code(
        sandbox.oauth_client_id,
        sandbox.oauth_client_secret,
        sandbox.issue_oauth_code(user_id=1),
        token_url=sandbox.oauth_token_url,
    )
    with BitrixClient(auth) as client:
        yield BitrixServices(client)


@pytest.fixture
def webhook_services(sandbox: Sandbox) -> Iterator[BitrixServices]:
    with BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))) as client:
        yield BitrixServices(client)
