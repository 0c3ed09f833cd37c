"""The Bitrix24 client against the sandbox portal over loopback HTTP (issue 3 point 14)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from olchat_desktop.bitrix.auth import OAuthAuth, OAuthTokens, WebhookAuth
from olchat_desktop.bitrix.batch import call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.error_catalog import AccessDeniedError, InsufficientScopeError
from olchat_desktop.bitrix.errors import (
    BitrixError,
    OperationTimeLimitError,
    SignInAgainError,
)
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.bitrix.webhook_url import WebhookUrlError, parse_webhook_url
from olchat_desktop.sandbox import Sandbox

pytestmark = pytest.mark.integration


def _token_requests(sandbox: Sandbox) -> int:
    return sum(1 for _method, path in sandbox.request_log if path.startswith("/oauth/token"))


@pytest.fixture
def oauth(sandbox: Sandbox) -> Iterator[tuple[OAuthAuth, list[OAuthTokens]]]:
    stored: list[OAuthTokens] = []
    auth = OAuthAuth.from_code(
        sandbox.oauth_client_id,
        sandbox.oauth_client_secret,
        sandbox.issue_oauth_code(user_id=1),
        token_url=sandbox.oauth_token_url,
        on_tokens=stored.append,
    )
    yield auth, stored


@pytest.mark.parametrize("suffix", ["", "profile", "profile.json", "crm.contact.list.json"])
def test_pasted_webhook_with_method_suffix_works(sandbox: Sandbox, suffix: str) -> None:
    pasted = f"  {sandbox.webhook_url('admin')}{suffix}  "
    with BitrixClient(WebhookAuth(pasted)) as client:
        profile = BitrixServices(client).profile()
    assert profile.id == 1 and profile.admin


def test_plain_http_is_refused_except_loopback(sandbox: Sandbox) -> None:
    hook = parse_webhook_url(sandbox.webhook_url("admin"))
    assert hook.portal.scheme == "http"  # the sandbox is on 127.0.0.1
    remote = sandbox.webhook_url("admin").replace("127.0.0.1", "portal.example.com")
    with pytest.raises(WebhookUrlError) as caught:
        parse_webhook_url(remote)
    assert caught.value.code == "http_not_loopback"


def test_services_return_typed_results(sandbox: Sandbox) -> None:
    with BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))) as client:
        services = BitrixServices(client)
        assert "crm" in services.scope()
        assert services.server_time()
        assert services.current_user().id == 1
        lines = services.open_lines()
        assert lines and all(line.id > 0 for line in lines)
        contact = next(iter(services.contacts()))
        phone = contact.phones[0].value
        assert contact.id in services.find_by_phone([phone]).get("CONTACT", [])
        templates = services.workflow_templates()
        assert any("OLChat" in (t.name or "") for t in templates)
        items = list(services.crm_items(2))
        assert items and items[0].id > 0


def test_manager_webhook_gets_typed_access_errors(sandbox: Sandbox) -> None:
    with BitrixClient(WebhookAuth(sandbox.webhook_url("manager"))) as client:
        services = BitrixServices(client)
        assert not services.profile().admin
        with pytest.raises(AccessDeniedError):
            services.list_robots()  # robots need an app context
    narrow = sandbox.add_webhook(1, ["user"])
    with BitrixClient(WebhookAuth(narrow)) as client, pytest.raises(InsufficientScopeError):
        list(BitrixServices(client).contacts())


def test_twenty_threads_on_an_expired_token_cause_exactly_one_refresh(
    sandbox: Sandbox, oauth: tuple[OAuthAuth, list[OAuthTokens]]
) -> None:
    auth, stored = oauth
    first_tokens = auth.tokens
    client = BitrixClient(auth)
    assert BitrixServices(client).profile().id == 1
    sandbox.clock.advance(3601)  # every access token is now expired
    before = _token_requests(sandbox)
    barrier = threading.Barrier(20)
    results: list[Any] = []

    def worker() -> None:
        barrier.wait()
        try:
            results.append(client.result("profile"))
        except BitrixError as exc:  # pragma: no cover - reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    assert all(isinstance(r, dict) and int(r["ID"]) == 1 for r in results), results
    assert _token_requests(sandbox) - before == 1
    assert auth.refresh_count == 1
    assert len(stored) == 2  # the code exchange and the one refresh
    assert stored[-1].refresh_token != first_tokens.refresh_token  # rotated


def test_dead_refresh_token_asks_to_sign_in_again(
    sandbox: Sandbox, oauth: tuple[OAuthAuth, list[OAuthTokens]]
) -> None:
    auth, _stored = oauth
    sandbox.clock.advance(181 * 24 * 3600)  # past the 180-day refresh lifetime
    with BitrixClient(auth) as client, pytest.raises(SignInAgainError) as caught:
        client.call("profile")
    assert caught.value.error_code == "invalid_grant"
    assert "sign in to the portal again" in caught.value.user_message("en").lower()


def test_burst_of_120_calls_never_shows_query_limit(sandbox: Sandbox) -> None:
    # Both sides use the standard profile (2/s, burst 50): about 35 s of real time.
    assert sandbox.rate_profile == "standard"
    client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="standard")
    errors: list[BaseException] = []
    done: list[int] = []

    def worker(count: int) -> None:
        for _ in range(count):
            try:
                client.call("server.time")
                done.append(1)
            except BitrixError as exc:
                errors.append(exc)

    threads = [threading.Thread(target=worker, args=(30,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    assert errors == []
    assert len(done) == 120


def test_operating_time_limit_pauses_that_method(sandbox: Sandbox) -> None:
    sandbox.method_costs["crm.contact.list"] = 500.0  # one call spends the 480 s budget
    with BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))) as client:
        client.call("crm.contact.list")
        with pytest.raises(OperationTimeLimitError) as caught:
            client.call("crm.contact.list")
        assert caught.value.reset_at is not None and caught.value.reset_at > sandbox.clock.now()
        seen = len(sandbox.request_log)
        with pytest.raises(OperationTimeLimitError):
            client.call("crm.contact.list")  # refused locally, the portal is not asked
        assert len(sandbox.request_log) == seen
        assert client.operating.used("crm.contact.list") >= 480
        client.call("profile")  # other methods still work


def test_portal_rename_is_followed_once_with_the_same_body(sandbox: Sandbox) -> None:
    renamed: list[str] = []
    client = BitrixClient(
        WebhookAuth(sandbox.webhook_url("admin")), on_domain_changed=renamed.append
    )
    sandbox.rename_portal("localhost")
    result = call_batch(client, {"me": ("profile", {}), "t": ("server.time", {})})
    assert int(result.get("me")["ID"]) == 1  # the batch body reached the new host intact
    expected = f"localhost:{sandbox.port}"
    assert renamed == [expected] and client.renamed_to == expected
    assert client.domain == expected
    paths = [path for _m, path in sandbox.request_log if path.endswith("/batch")]
    assert len(paths) == 2  # the 302 and the retry
    client.call("profile")
    assert renamed == [expected]  # no second redirect
    client.close()


def test_batch_references_errors_and_chunking(sandbox: Sandbox) -> None:
    with BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))) as client:
        commands: dict[str, tuple[str, dict[str, Any]]] = {
            "first": ("crm.contact.list", {"order": {"ID": "ASC"}, "select": ["ID"]}),
            "after": (
                "crm.contact.list",
                {"filter": {">ID": "$result[first][0][ID]"}, "order": {"ID": "ASC"}},
            ),
            "bad": ("no.such.method", {}),
        }
        for index in range(57):  # 60 commands: two requests of at most 50
            commands[f"t{index}"] = ("server.time", {})
        before = len(sandbox.request_log)
        result = call_batch(client, commands)
        assert len(sandbox.request_log) - before == 2
        first_id = int(result.get("first")[0]["ID"])
        assert int(result.get("after")[0]["ID"]) > first_id
        assert "bad" in result.errors and result.errors["bad"].method == "no.such.method"
        with pytest.raises(BitrixError):
            result.get("bad")
        assert result.totals["first"] >= 1
        assert all(f"t{i}" in result.results for i in range(57))


def test_listing_5000_contacts_takes_at_most_101_requests() -> None:
    from olchat_desktop.sandbox.clock import SandboxClock
    from olchat_desktop.sandbox.portal_state import PortalState

    clock = SandboxClock()
    portal = PortalState(clock.now, contacts=5000)
    with Sandbox(port=0, clock=clock, portal=portal, rate_profile="enterprise") as sandbox:
        client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="enterprise")
        before = len(sandbox.request_log)
        ids = [c.id for c in BitrixServices(client).contacts(select=("ID",))]
        requests = len(sandbox.request_log) - before
        client.close()
    assert len(ids) == 5000 and len(set(ids)) == 5000
    assert ids == sorted(ids)
    assert requests <= 101


def test_no_secret_in_logs_or_errors(
    sandbox: Sandbox, oauth: tuple[OAuthAuth, list[OAuthTokens]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth, stored = oauth
    hook = parse_webhook_url(sandbox.webhook_url("admin"))
    caught: list[BaseException] = []
    with BitrixClient(auth) as oauth_client, BitrixClient(WebhookAuth(hook)) as hook_client:
        oauth_client.call("profile")
        hook_client.call("profile")
        sandbox.clock.advance(3601)
        oauth_client.call("profile")  # refresh
        wrong = BitrixClient(WebhookAuth(hook.base_url[:-3] + "zz/"))
        try:
            wrong.call("profile")
        except BitrixError as exc:
            caught.append(exc)
        wrong.close()
    secrets = [hook.secret, sandbox.oauth_client_secret]
    for tokens in stored:
        secrets += [tokens.access_token, tokens.refresh_token]
    texts = [caplog.text, repr(auth), repr(hook), repr(stored)]
    texts += [str(exc) + repr(exc) for exc in caught]
    assert caught and "NO_AUTH_FOUND" in str(caught[0])
    assert "HTTP Request" in caplog.text  # httpx did log its requests, redacted
    for secret in secrets:
        for text in texts:
            assert secret not in text
