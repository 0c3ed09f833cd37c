"""The connections service against the sandbox portal over loopback HTTP."""

from __future__ import annotations

import httpx
import pytest

from olchat_desktop.bitrix.error_catalog import NoAuthFoundError
from olchat_desktop.bitrix.errors import SignInAgainError
from olchat_desktop.bitrix.webhook_url import parse_portal_address
from olchat_desktop.connections.errors import MissingSecretError
from olchat_desktop.connections.oauth_flow import (
    LoopbackListener,
    build_authorize_url,
    new_state,
    parse_redirect,
)
from olchat_desktop.connections.service import ConnectionService, PortalResult
from olchat_desktop.olchat import InvalidTokenError
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.storage.profiles import PortalProfile, ProfileStore


def sign_in(service: ConnectionService, sandbox: Sandbox, name: str = "OAuth") -> PortalResult:
    state = new_state()
    with LoopbackListener(state) as listener:
        address = parse_portal_address(sandbox.base_url)
        url = build_authorize_url(address, sandbox.oauth_client_id, state, listener.redirect_uri)
        with httpx.Client(follow_redirects=True, trust_env=False) as browser:
            assert browser.get(url).status_code == 200
        reply = listener.wait(5)
    return service.complete_oauth(
        name, sandbox.base_url, sandbox.oauth_client_id, sandbox.oauth_client_secret, reply
    )


def test_webhook_portal_is_tested_and_stored_without_secret_in_profile(
    service: ConnectionService, sandbox: Sandbox
) -> None:
    result = service.save_webhook_portal("Main", sandbox.webhook_url("manager"))
    profile = result.profile
    assert (profile.user_id, profile.is_admin, profile.auth_kind) == (2, False, "webhook")
    assert result.check.missing == {}
    assert "placement" not in profile.scopes and "crm" in profile.scopes
    secret = sandbox.webhook_url("manager").rstrip("/").rsplit("/", 1)[-1]
    assert service.secrets.get(profile.id, "webhook") == secret
    assert secret not in service.profiles.path.read_text()
    # A fresh store (next run) reads the profile back and the stored client works.
    again = ConnectionService(ProfileStore(service.secrets, service.profiles.path))
    again.profiles.load()
    assert again.test_portal(profile.id).user_id == 2


def test_webhook_edit_replaces_secret_and_keeps_the_profile(
    service: ConnectionService, sandbox: Sandbox
) -> None:
    first = service.save_webhook_portal("Main", sandbox.webhook_url("manager")).profile
    edited = service.save_webhook_portal(
        "Main", sandbox.webhook_url("admin"), profile_id=first.id
    ).profile
    assert edited.id == first.id and edited.is_admin and edited.user_id == 1
    assert len(service.profiles.portals) == 1


def test_bad_webhook_secret_stores_nothing(service: ConnectionService, sandbox: Sandbox) -> None:
    bad = sandbox.webhook_url("admin").rstrip("/")[:-4] + "zzzz/"
    with pytest.raises(NoAuthFoundError):
        service.save_webhook_portal("Bad", bad)
    assert service.profiles.portals == ()


def test_portal_rename_302_updates_stored_domain(
    service: ConnectionService, sandbox: Sandbox
) -> None:
    profile = service.save_webhook_portal("Main", sandbox.webhook_url("admin")).profile
    assert profile.domain == f"127.0.0.1:{sandbox.port}"
    sandbox.rename_portal("localhost")
    service.test_portal(profile.id)
    assert service.profiles.get(profile.id).domain == f"localhost:{sandbox.port}"  # type: ignore[union-attr]
    reloaded = ProfileStore(service.secrets, service.profiles.path)
    reloaded.load()
    assert reloaded.get(profile.id).domain == f"localhost:{sandbox.port}"  # type: ignore[union-attr]


def test_oauth_sign_in_via_loopback_refresh_rotation_and_invalid_grant(
    service: ConnectionService, sandbox: Sandbox
) -> None:
    result = sign_in(service, sandbox)
    pid = result.profile.id
    assert result.profile.auth_kind == "oauth" and result.profile.is_admin
    assert result.profile.member_id == sandbox.member_id
    first_refresh = service.secrets.get(pid, "refresh_token")
    assert service.secrets.get(pid, "client_secret") == sandbox.oauth_client_secret

    sandbox.clock.advance(3601)  # the access token is now expired: refresh + rotation
    assert service.test_portal(pid).user_id == 1
    second_refresh = service.secrets.get(pid, "refresh_token")
    assert second_refresh and second_refresh != first_refresh

    # Another device used the pair; ours is dead: invalid_grant, nothing else changes.
    assert first_refresh is not None
    service.secrets.set(pid, "refresh_token", first_refresh)
    before = service.profiles.path.read_bytes()
    sandbox.clock.advance(3601)
    with pytest.raises(SignInAgainError):
        service.test_portal(pid)
    assert service.profiles.path.read_bytes() == before
    assert service.secrets.get(pid, "client_secret") == sandbox.oauth_client_secret
    assert service.secrets.get(pid, "refresh_token") == first_refresh

    # Signing in again (stored client secret reused) repairs it in place.
    state = new_state()
    code = sandbox.issue_oauth_code()
    reply = parse_redirect(code, state)
    again = service.complete_oauth(
        "OAuth", sandbox.base_url, sandbox.oauth_client_id, "", reply, profile_id=pid
    )
    assert again.profile.id == pid and len(service.profiles.portals) == 1
    assert service.test_portal(pid).admin


def test_pasted_redirect_url_is_exchanged(service: ConnectionService, sandbox: Sandbox) -> None:
    state = new_state()
    url = build_authorize_url(
        parse_portal_address(sandbox.base_url),
        sandbox.oauth_client_id,
        state,
        "https://example.invalid/cb",
    )
    with httpx.Client(follow_redirects=False, trust_env=False) as browser:
        location = browser.get(url).headers["location"]
    reply = parse_redirect(location, state)
    result = service.complete_oauth(
        "Pasted", sandbox.base_url, sandbox.oauth_client_id, sandbox.oauth_client_secret, reply
    )
    assert result.profile.scopes


def test_expired_code_is_refused(service: ConnectionService, sandbox: Sandbox) -> None:
    reply = parse_redirect(sandbox.issue_oauth_code())
    sandbox.clock.advance(31)
    with pytest.raises(SignInAgainError):
        service.complete_oauth(
            "Late", sandbox.base_url, sandbox.oauth_client_id, sandbox.oauth_client_secret, reply
        )
    assert service.profiles.portals == ()


def test_olchat_line_add_test_and_remove(service: ConnectionService, sandbox: Sandbox) -> None:
    token = sandbox.olchat.connected_token
    line, status = service.save_line("Sales", sandbox.olchat_base_url, token)
    assert status.connected is True and line.line_phone == "79990000001"
    assert service.test_line(line.id).connected is True
    service.rename(line.id, "Sales 2")
    assert service.profiles.get(line.id).name == "Sales 2"
    service.remove(line.id)
    assert service.secrets.get(line.id, "olchat_token") is None
    with pytest.raises(InvalidTokenError):
        service.save_line("Bad", sandbox.olchat_base_url, "0" * 32)
    with pytest.raises(MissingSecretError):
        service.save_line("Empty", sandbox.olchat_base_url, " ")


def test_remove_portal_deletes_its_secrets(service: ConnectionService, sandbox: Sandbox) -> None:
    pid = sign_in(service, sandbox).profile.id
    service.remove(pid)
    for kind in ("client_secret", "access_token", "refresh_token"):
        assert service.secrets.get(pid, kind) is None  # type: ignore[arg-type]
    assert service.profiles.portals == ()


def test_ca_bundle_is_passed_as_verify(
    service: ConnectionService, sandbox: Sandbox, tmp_path: object
) -> None:
    import certifi  # httpx's own dependency: a real PEM bundle

    pid = service.save_webhook_portal("Main", sandbox.webhook_url("admin")).profile.id
    updated = service.set_ca_bundle(pid, certifi.where())
    assert isinstance(updated, PortalProfile) and updated.verify_setting() == certifi.where()
    with service.bitrix_client(pid) as client:
        assert client._http._transport._pool._ssl_context.verify_mode.name == "CERT_REQUIRED"  # type: ignore[attr-defined]
    assert service.set_ca_bundle(pid, "").verify_setting() is True
