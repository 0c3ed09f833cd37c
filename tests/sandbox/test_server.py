"""The sandbox's HTTP layer over real loopback HTTP: routes, parameters, envelopes, rename."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox

pytestmark = pytest.mark.integration

TIME_FIELDS = {
    "start",
    "finish",
    "duration",
    "processing",
    "date_start",
    "date_finish",
    "operating",
    "operating_reset_at",
}


def test_webhook_json_call_returns_result_and_full_time_block(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    response = probes.call(client, sandbox.webhook_url("admin"), probes.ECHO, FILTER={"A": 1})
    assert response.status_code == 200
    payload = response.json()
    assert payload["result"]["params"] == {"FILTER": {"A": 1}}
    assert payload["result"]["user_id"] == 1
    assert set(payload["time"]) == TIME_FIELDS
    assert payload["time"]["finish"] >= payload["time"]["start"]
    assert "total" not in payload and "next" not in payload


@pytest.mark.parametrize("suffix", ["", ".json", "/", ".JSON"])
def test_method_suffixes_and_get_with_query_string(
    probes: Any, sandbox: Sandbox, client: httpx.Client, suffix: str
) -> None:
    response = client.get(sandbox.webhook_url() + probes.ECHO + suffix, params={"x": "1"})
    assert response.status_code == 200
    assert response.json()["result"]["params"] == {"x": "1"}


def test_form_encoded_php_style_params_are_nested(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    body = (
        "FILTER[PHONE]=%2B79005553535&select[]=ID&select[]=NAME"
        "&FIELDS[PHONE][0][VALUE]=79001112233&FIELDS[PHONE][0][VALUE_TYPE]=WORK&plain=yes"
    )
    response = client.post(
        sandbox.webhook_url() + probes.ECHO,
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.json()["result"]["params"] == {
        "FILTER": {"PHONE": "+79005553535"},
        "select": ["ID", "NAME"],
        "FIELDS": {"PHONE": [{"VALUE": "79001112233", "VALUE_TYPE": "WORK"}]},
        "plain": "yes",
    }


def test_body_params_override_query_params(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    response = client.post(
        sandbox.webhook_url() + probes.ECHO, params={"a": "query", "b": "q"}, json={"a": "body"}
    )
    assert response.json()["result"]["params"] == {"a": "body", "b": "q"}


def test_list_methods_get_total_and_next(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    first = probes.call(client, sandbox.webhook_url(), probes.LIST).json()
    assert (len(first["result"]), first["total"], first["next"]) == (50, 120, 50)
    last = probes.call(client, sandbox.webhook_url(), probes.LIST, start=100).json()
    assert (len(last["result"]), last["total"]) == (20, 120)
    assert "next" not in last


def test_unknown_method_and_malformed_webhook_are_method_not_found(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    unknown = probes.call(client, sandbox.webhook_url(), "no.such.method")
    assert unknown.status_code == 404
    assert unknown.json() == {
        "error": "ERROR_METHOD_NOT_FOUND",
        "error_description": "Method not found!",
    }
    secret = urlsplit(sandbox.webhook_url()).path.split("/")[3]
    no_user = client.post(f"{sandbox.base_url}/rest/{secret}/{probes.ECHO}", json={})
    assert no_user.status_code == 404
    assert no_user.json()["error"] == "ERROR_METHOD_NOT_FOUND"


def test_method_error_has_its_status_and_no_time(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    response = probes.call(client, sandbox.webhook_url(), probes.FAIL)
    assert response.status_code == 400
    assert response.json() == {"error": "ERROR_PROBE", "error_description": "Probe failure"}


def test_broken_json_body_is_invalid_request(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    response = client.post(
        sandbox.webhook_url() + probes.ECHO,
        content=b'{"a": ',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "INVALID_REQUEST"


def test_keep_alive_http11_serves_many_calls_on_one_connection(
    probes: Any, sandbox: Sandbox
) -> None:
    with httpx.Client(timeout=5) as http:
        for _ in range(5):
            response = probes.call(http, sandbox.webhook_url(), probes.ECHO)
            assert response.http_version == "HTTP/1.1"
            assert response.headers.get("connection", "").lower() != "close"
        pool = http._transport._pool  # type: ignore[attr-defined]
        assert len(pool.connections) == 1


def test_renamed_portal_answers_302_to_the_new_host(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    old_webhook = sandbox.webhook_url()
    sandbox.rename_portal("localhost")
    new_webhook = sandbox.webhook_url()
    assert urlsplit(new_webhook).hostname == "localhost"
    moved = client.post(old_webhook + probes.ECHO + "?x=1", json={"a": 1})
    assert moved.status_code == 302
    assert moved.headers["location"] == new_webhook + probes.ECHO + "?x=1"
    again = client.post(moved.headers["location"], json={"a": 1})
    assert again.status_code == 200
    assert again.json()["result"]["params"] == {"x": "1", "a": 1}
    # The OAuth server is another service: it is not renamed.
    token = client.get(sandbox.oauth_token_url, params={"grant_type": "x"})
    assert token.status_code == 400


def test_request_log_and_logging_never_show_secrets(
    probes: Any, sandbox: Sandbox, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="olchat_desktop")
    webhook = sandbox.webhook_url()
    secret = urlsplit(webhook).path.split("/")[3]
    probes.call(client, webhook, probes.ECHO)
    client.get(webhook + probes.FAIL)
    code = sandbox.issue_oauth_code()
    client.get(
        sandbox.oauth_token_url,
        params={
            "grant_type": "authorization_code",
            "client_id": sandbox.oauth_client_id,
            "client_secret": sandbox.oauth_client_secret,
            "code": code,
        },
    )
    client.get(f"{sandbox.base_url}/rest/{probes.ECHO}", params={"auth": "token-value-123"})
    server_logs = [r.getMessage() for r in caplog.records if r.name.startswith("olchat_desktop")]
    logged = repr(sandbox.request_log) + repr(server_logs)
    assert len(sandbox.request_log) == 4
    for value in (secret, code, sandbox.oauth_client_secret, "token-value-123"):
        assert value not in logged
    assert ("POST", f"/rest/1/***/{probes.ECHO}") in sandbox.request_log


def test_olchat_emulator_is_mounted_under_olchat(sandbox: Sandbox, client: httpx.Client) -> None:
    token = sandbox.olchat.connected_token
    response = client.get(f"{sandbox.olchat_base_url}/{token}/v2/line.status.get/")
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert token not in repr(sandbox.request_log)


def test_without_olchat_emulator_olchat_answers_404(client: httpx.Client) -> None:
    with Sandbox() as sb:
        sb.olchat = None
        assert client.get(f"{sb.olchat_base_url}/x/v2/line.status.get/").status_code == 404


def test_unknown_top_level_path_is_404(sandbox: Sandbox, client: httpx.Client) -> None:
    assert client.get(f"{sandbox.base_url}/nothing/here").status_code == 404


def test_sandbox_listens_on_loopback_only_and_stops(client: httpx.Client) -> None:
    sb = Sandbox().start()
    base = sb.base_url
    assert urlsplit(base).hostname == "127.0.0.1"
    sb.stop()
    with pytest.raises(httpx.ConnectError):
        client.get(base + "/rest/profile")
