"""Send targets built from saved profiles reach the portal and the line they name."""

from __future__ import annotations

import pytest

from olchat_desktop.connections.errors import MissingSecretError
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.send.connections import profile_targets
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secrets import SecretStore

pytestmark = pytest.mark.integration


@pytest.fixture
def service() -> ConnectionService:
    profiles = ProfileStore(SecretStore())
    profiles.load()
    return ConnectionService(profiles)


def test_saved_webhook_portal_and_line_open_working_clients(service, sandbox) -> None:
    service.save_webhook_portal("Продажи", sandbox.webhook_url("admin"))
    service.save_line("Линия", sandbox.olchat_base_url, sandbox.olchat.connected_token)
    targets = profile_targets(service.profiles)
    (portal_choice,) = targets.portals
    (line_choice,) = targets.lines
    portal = portal_choice.open_portal()
    try:
        names = [template.name for template in portal.templates(refresh=True)]
    finally:
        portal.services.client.close()
    assert "OLChat: test button message" in names
    with line_choice.open_client() as client:
        assert client.line_status().connected


def test_a_removed_secret_is_reported_not_crashed(service, sandbox) -> None:
    profile = service.save_webhook_portal("Продажи", sandbox.webhook_url("admin")).profile
    service.secrets.delete(profile.id, "webhook")
    (portal_choice,) = profile_targets(service.profiles).portals
    with pytest.raises(MissingSecretError) as caught:
        portal_choice.open_portal()
    assert "Продажи" in caught.value.user_message("ru")
