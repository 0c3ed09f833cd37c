"""Error paths of the client that the sandbox cannot produce: an HTML page from a proxy
(a real loopback server) and broken connections (MockTransport, one path per test)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient, is_read_method
from olchat_desktop.bitrix.errors import ConnectionFailedError, ProtocolError

SECRET = "proxysecret12345"


class _HtmlProxy(BaseHTTPRequestHandler):
    """Answers like a misconfigured nginx: 502 and an HTML page echoing the path."""

    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = f"<html><h1>502 Bad Gateway</h1><p>{self.path}</p></html>".encode()
        self.send_response(502)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def html_proxy() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HtmlProxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.integration
def test_html_error_page_is_a_protocol_error_with_redacted_snippet(html_proxy: str) -> None:
    client = BitrixClient(WebhookAuth(f"{html_proxy}/rest/1/{SECRET}/"))
    with client, pytest.raises(ProtocolError) as caught:
        client.call("crm.contact.add", {"fields": {"NAME": "x"}})
    error = caught.value
    assert error.status == 502 and "502 Bad Gateway" in error.detail
    assert "/rest/1/***/crm.contact.add" in error.detail
    assert SECRET not in str(error) and SECRET not in repr(error)


def _counting(exc: type[httpx.TransportError]) -> tuple[httpx.MockTransport, list[str]]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        raise exc("boom", request=request)

    return httpx.MockTransport(handler), seen


def _client(transport: httpx.MockTransport) -> BitrixClient:
    return BitrixClient(
        WebhookAuth(f"https://acme.bitrix24.ru/rest/1/{SECRET}/"),
        rate_profile="off",
        transport=transport,
        sleep=lambda _s: None,
    )


def test_write_is_not_retried_after_the_request_may_have_arrived() -> None:
    transport, seen = _counting(httpx.ReadTimeout)
    with _client(transport) as client, pytest.raises(ConnectionFailedError) as caught:
        client.call("bizproc.workflow.start", {"TEMPLATE_ID": 1})
    assert len(seen) == 1
    assert caught.value.maybe_applied
    assert "may have been applied" in caught.value.user_message("en")


def test_read_is_retried_after_a_broken_connection() -> None:
    transport, seen = _counting(httpx.ReadError)
    with _client(transport) as client, pytest.raises(ConnectionFailedError) as caught:
        client.call("crm.contact.list")
    assert len(seen) == 1 + client.max_connection_retries
    assert not caught.value.maybe_applied
    assert SECRET not in str(caught.value)


def test_write_is_retried_when_the_connection_never_opened() -> None:
    transport, seen = _counting(httpx.ConnectError)
    with _client(transport) as client, pytest.raises(ConnectionFailedError):
        client.call("crm.contact.add", {"fields": {}})
    assert len(seen) == 1 + client.max_connection_retries


@pytest.mark.parametrize(
    ("method", "read"),
    [
        ("crm.contact.list", True),
        ("imopenlines.config.list.get", True),
        ("profile", True),
        ("bizproc.workflow.instances", True),
        ("crm.contact.add", False),
        ("bizproc.workflow.start", False),
        ("bizproc.robot.update", False),
        ("bizproc.workflow.terminate", False),
        ("crm.duplicate.findbycomm", True),
    ],
)
def test_read_and_write_methods_are_told_apart(method: str, read: bool) -> None:
    assert is_read_method(method) is read
