"""Sandbox authentication over real HTTP: webhooks, scopes, contexts and the OAuth flow."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox

pytestmark = pytest.mark.integration


def _token(client: httpx.Client, sandbox: Sandbox, **params: str) -> httpx.Response:
    credentials = {
        "client_id": sandbox.oauth_client_id,
        "client_secret": sandbox.oauth_client_secret,
    }
    return client.get(sandbox.oauth_token_url, params={**credentials, **params})


def _sign_in(client: httpx.Client, sandbox: Sandbox) -> dict[str, Any]:
    code = sandbox.issue_oauth_code()
    response = _token(client, sandbox, grant_type="authorization_code", code=code)
    assert response.status_code == 200
    return dict(response.json())


def _oauth_call(client: httpx.Client, endpoint: str, name: str, token: str) -> httpx.Response:
    return client.post(endpoint + name, json={"auth": token})


# --- webhooks ------------------------------------------------------------------------------
def test_admin_and_manager_webhooks_run_as_their_users(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    admin = probes.call(client, sandbox.webhook_url("admin"), probes.ECHO).json()["result"]
    manager = probes.call(client, sandbox.webhook_url("manager"), probes.ECHO).json()["result"]
    assert (admin["user_id"], admin["is_admin"], admin["auth_kind"]) == (1, True, "webhook")
    assert {"crm", "bizproc", "imopenlines", "user"} <= set(admin["scopes"])
    assert (manager["user_id"], manager["is_admin"]) == (2, False)
    assert manager["scopes"] == ["bizproc", "crm", "disk", "imopenlines", "user"]
    assert manager["application_id"] is None


def test_wrong_secret_or_wrong_user_is_no_auth_found(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    webhook = sandbox.webhook_url("admin")
    secret = urlsplit(webhook).path.split("/")[3]
    bad_secret = probes.call(client, f"{sandbox.base_url}/rest/1/{'x' * 16}/", probes.ECHO)
    other_user = probes.call(client, f"{sandbox.base_url}/rest/2/{secret}/", probes.ECHO)
    for response in (bad_secret, other_user):
        assert response.status_code == 401
        assert response.json() == {
            "error": "NO_AUTH_FOUND",
            "error_description": "Wrong authorization data",
        }
        assert secret not in response.text


def test_revoked_and_expired_webhooks_stop_working(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    expiring = sandbox.add_webhook(2, ["crm"], expires_at=sandbox.clock.now() + 60)
    revoked = sandbox.add_webhook(2, ["crm"])
    assert probes.call(client, expiring, probes.ECHO).status_code == 200
    sandbox.auth.revoke_webhook(urlsplit(revoked).path.split("/")[3])
    assert probes.call(client, revoked, probes.ECHO).json()["error"] == "NO_AUTH_FOUND"
    sandbox.clock.advance(61)
    assert probes.call(client, expiring, probes.ECHO).json()["error"] == "NO_AUTH_FOUND"


def test_webhook_scopes_limit_methods(probes: Any, sandbox: Sandbox, client: httpx.Client) -> None:
    crm_only = sandbox.add_webhook(1, ["crm"])
    assert probes.call(client, crm_only, probes.CRM).status_code == 200
    denied = probes.call(client, crm_only, probes.ROBOT)
    assert denied.status_code == 403
    assert denied.json()["error"] == "insufficient_scope"
    no_scopes = sandbox.add_webhook(1, [])
    assert probes.call(client, no_scopes, probes.ECHO).status_code == 200  # basic methods
    assert probes.call(client, no_scopes, probes.CRM).json()["error"] == "insufficient_scope"


def test_app_context_methods_refuse_webhooks_but_serve_oauth(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    refused = probes.call(client, sandbox.webhook_url("admin"), probes.ROBOT)
    assert refused.status_code == 403
    assert refused.json() == {
        "error": "ACCESS_DENIED",
        "error_description": "Application context required",
    }
    tokens = _sign_in(client, sandbox)
    served = _oauth_call(client, tokens["client_endpoint"], probes.ROBOT, tokens["access_token"])
    assert served.status_code == 200
    result = served.json()["result"]
    assert (result["auth_kind"], result["application_id"]) == ("oauth", sandbox.oauth_client_id)


def test_admin_only_methods_refuse_other_users(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    refused = probes.call(client, sandbox.webhook_url("manager"), probes.ADMIN)
    assert refused.status_code == 403
    assert refused.json() == {"error": "ACCESS_DENIED", "error_description": "Access denied!"}
    assert probes.call(client, sandbox.webhook_url("admin"), probes.ADMIN).status_code == 200


# --- OAuth ---------------------------------------------------------------------------------
def test_authorize_redirects_with_code_state_and_portal_facts(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    response = client.get(
        sandbox.oauth_authorize_url,
        params={
            "client_id": sandbox.oauth_client_id,
            "state": "s-42",
            "redirect_uri": "http://127.0.0.1:9/cb?x=1",
        },
    )
    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    assert (location.hostname, location.port, location.path) == ("127.0.0.1", 9, "/cb")
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["x"] == "1" and query["state"] == "s-42"
    assert query["domain"] == sandbox.portal_domain
    assert query["member_id"] == sandbox.member_id
    assert query["server_domain"] == sandbox.oauth_server_domain
    assert "crm" in query["scope"].split(",")
    tokens = _token(client, sandbox, grant_type="authorization_code", code=query["code"])
    assert tokens.status_code == 200


def test_authorize_unknown_client_gets_an_error_page_and_no_redirect(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    response = client.get(
        sandbox.oauth_authorize_url, params={"client_id": "local.nope", "redirect_uri": "http://x/"}
    )
    assert response.status_code == 400
    assert "location" not in response.headers
    assert "text/html" in response.headers["content-type"]


def test_authorize_without_redirect_uri_shows_the_code(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    page = client.get(sandbox.oauth_authorize_url, params={"client_id": sandbox.oauth_client_id})
    assert page.status_code == 200
    code = page.text.rsplit("<p>", 1)[1].split("</p>")[0]
    assert _token(client, sandbox, grant_type="authorization_code", code=code).status_code == 200


def test_code_exchange_returns_documented_fields(sandbox: Sandbox, client: httpx.Client) -> None:
    before = sandbox.clock.now()
    tokens = _sign_in(client, sandbox)
    assert tokens["expires_in"] == 3600
    assert before + 3600 - 1 <= tokens["expires"] <= sandbox.clock.now() + 3600
    assert tokens["client_endpoint"] == f"{sandbox.base_url}/rest/"
    assert tokens["server_endpoint"] == f"{sandbox.oauth_server_url}/rest/"
    assert tokens["domain"] == sandbox.oauth_server_domain  # the OAuth server, not the portal
    assert (tokens["member_id"], tokens["status"], tokens["user_id"]) == (
        sandbox.member_id,
        "L",
        1,
    )
    assert tokens["access_token"] != tokens["refresh_token"]


def test_code_is_single_use_and_expires_after_30_seconds(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    code = sandbox.issue_oauth_code()
    assert _token(client, sandbox, grant_type="authorization_code", code=code).status_code == 200
    reused = _token(client, sandbox, grant_type="authorization_code", code=code)
    assert (reused.status_code, reused.json()["error"]) == (400, "invalid_grant")
    late = sandbox.issue_oauth_code()
    sandbox.clock.advance(31)
    expired = _token(client, sandbox, grant_type="authorization_code", code=late)
    assert (expired.status_code, expired.json()["error"]) == (400, "invalid_grant")
    assert late not in expired.text


def test_token_endpoint_rejects_wrong_client_and_bad_requests(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    code = sandbox.issue_oauth_code()
    wrong = client.get(
        sandbox.oauth_token_url,
        params={
            "grant_type": "authorization_code",
            "client_id": sandbox.oauth_client_id,
            "client_secret": "not-the-secret",
            "code": code,
        },
    )
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_client")
    missing = _token(client, sandbox, grant_type="password")
    assert (missing.status_code, missing.json()["error"]) == (400, "invalid_request")


def test_token_endpoint_accepts_post_form(sandbox: Sandbox, client: httpx.Client) -> None:
    response = client.post(
        sandbox.oauth_token_url,
        data={
            "grant_type": "authorization_code",
            "client_id": sandbox.oauth_client_id,
            "client_secret": sandbox.oauth_client_secret,
            "code": sandbox.issue_oauth_code(),
        },
    )
    assert response.status_code == 200 and response.json()["access_token"]


@pytest.mark.parametrize("where", ["json", "query", "form"])
def test_access_token_is_accepted_in_json_query_or_form(
    probes: Any, sandbox: Sandbox, client: httpx.Client, where: str
) -> None:
    token = _sign_in(client, sandbox)["access_token"]
    url = f"{sandbox.base_url}/rest/{probes.ECHO}.json"
    if where == "json":
        response = client.post(url, json={"auth": token, "a": 1})
    elif where == "query":
        response = client.post(url, params={"auth": token}, json={"a": 1})
    else:
        response = client.post(url, data={"auth": token, "a": "1"})
    assert response.status_code == 200
    params = response.json()["result"]["params"]
    assert "auth" not in params  # the method body never sees the token
    assert str(params["a"]) == "1"


def test_access_token_errors(probes: Any, sandbox: Sandbox, client: httpx.Client) -> None:
    endpoint = f"{sandbox.base_url}/rest/"
    tokens = _sign_in(client, sandbox)
    missing = client.post(endpoint + probes.ECHO, json={})
    assert (missing.status_code, missing.json()["error"]) == (401, "NO_AUTH_FOUND")
    unknown = _oauth_call(client, endpoint, probes.ECHO, "f" * 64)
    assert (unknown.status_code, unknown.json()["error"]) == (401, "invalid_token")
    sandbox.clock.advance(3599)
    assert _oauth_call(client, endpoint, probes.ECHO, tokens["access_token"]).status_code == 200
    sandbox.clock.advance(2)
    expired = _oauth_call(client, endpoint, probes.ECHO, tokens["access_token"])
    assert (expired.status_code, expired.json()["error"]) == (401, "expired_token")


def test_refresh_rotates_the_refresh_token(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    first = _sign_in(client, sandbox)
    sandbox.clock.advance(3601)
    second = _token(
        client, sandbox, grant_type="refresh_token", refresh_token=first["refresh_token"]
    )
    assert second.status_code == 200
    fresh = second.json()
    assert fresh["access_token"] != first["access_token"]
    assert fresh["refresh_token"] != first["refresh_token"]
    endpoint = fresh["client_endpoint"]
    assert _oauth_call(client, endpoint, probes.ECHO, fresh["access_token"]).status_code == 200
    replay = _token(
        client, sandbox, grant_type="refresh_token", refresh_token=first["refresh_token"]
    )
    assert (replay.status_code, replay.json()["error"]) == (400, "invalid_grant")
    assert first["refresh_token"] not in replay.text


def test_refresh_token_expires_after_180_days(sandbox: Sandbox, client: httpx.Client) -> None:
    tokens = _sign_in(client, sandbox)
    sandbox.clock.advance(180 * 24 * 3600 + 1)
    late = _token(
        client, sandbox, grant_type="refresh_token", refresh_token=tokens["refresh_token"]
    )
    assert (late.status_code, late.json()["error"]) == (400, "invalid_grant")


def test_secrets_stay_out_of_reprs(sandbox: Sandbox) -> None:
    hook = sandbox.auth.add_webhook(1, ["crm"])
    grant = sandbox.auth.exchange_code(
        sandbox.oauth_client_id, sandbox.oauth_client_secret, sandbox.issue_oauth_code()
    )
    assert hook.secret not in repr(hook)
    assert grant.access_token not in repr(grant) and grant.refresh_token not in repr(grant)
