"""The OLChat client against the sandbox over real loopback HTTP."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from olchat_desktop.olchat import (
    EndpointNotFoundError,
    InvalidTokenError,
    LineNotConnectedError,
    NetworkError,
    NotPaidError,
    NoWhatsAppError,
    OlchatClient,
    OlchatError,
    ProtocolError,
    RateLimitError,
    RequestTimeoutError,
    SlidingWindowLimiter,
)

pytestmark = pytest.mark.integration

PHONE_AS_TYPED = "+7 (999) 123-45-67"
PHONE = "79991234567"


class CountingLimiter(SlidingWindowLimiter):
    """The real limiter, remembering how long each call had to wait."""

    def __init__(self, max_calls: int, period: float) -> None:
        super().__init__(max_calls, period)
        self.waits: list[float] = []

    @contextmanager
    def slot(self) -> Iterator[float]:
        with super().slot() as waited:
            self.waits.append(waited)
            yield waited


def permissive() -> SlidingWindowLimiter:
    """A client-side limiter that never waits, so the server's limit is what answers."""
    return SlidingWindowLimiter(1000, 1.0)


@pytest.fixture
def make_client(olchat_sandbox: Any) -> Iterator[Any]:
    clients: list[OlchatClient] = []

    def make(token: str | None = None, **kwargs: Any) -> OlchatClient:
        client = OlchatClient(
            olchat_sandbox.olchat_base_url,
            token or olchat_sandbox.olchat.connected_token,
            timeout=kwargs.pop("timeout", 5.0),
            **kwargs,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_check_send_and_track_a_message(make_client: Any, olchat_sandbox: Any) -> None:
    client = make_client()
    check = client.check_phone(PHONE_AS_TYPED)
    assert (check.phone, check.has_whatsapp) == (PHONE, True)
    assert client.api_version == "v2"
    sent = client.send_text(PHONE_AS_TYPED, "*Здравствуйте!*\nВыберите: 1) Да 2) Нет")
    assert sent.message_id in olchat_sandbox.olchat.messages
    stored = olchat_sandbox.olchat.messages[sent.message_id]
    assert (stored.phone, stored.text) == (PHONE, "*Здравствуйте!*\nВыберите: 1) Да 2) Нет")
    assert client.message_status(PHONE, sent.message_id).state == "sent"
    olchat_sandbox.clock.advance(2.5)
    assert client.message_status(PHONE, sent.message_id).state == "delivered"
    olchat_sandbox.clock.advance(3.0)
    final = client.message_status(PHONE, sent.message_id)
    assert final.state == "read" and final.is_final
    assert final.raw["result"]["status"] == "read"  # the raw JSON is kept for diagnostics


def test_falls_back_to_v1_when_v2_answers_404_and_remembers(
    make_client: Any, olchat_sandbox: Any
) -> None:
    olchat_sandbox.olchat.v2_enabled = False
    client = make_client(send_limiter=CountingLimiter(5, 3.0))
    line = client.line_status()
    assert client.api_version == "v1"
    # v1's flat answer says "CONNECTED" and nothing about payment: paid stays unknown.
    assert (line.connected, line.paid, line.state) == (True, None, "connected")
    assert client.check_phone(PHONE).has_whatsapp is True
    assert client.check_phone("79990000000").has_whatsapp is False
    sent = client.send_text(PHONE, "v1 text", publish_to_open_line=True)
    assert olchat_sandbox.olchat.messages[sent.message_id].publish_to_open_line is True
    olchat_sandbox.clock.advance(2.5)
    assert client.message_status(PHONE, sent.message_id).state == "delivered"
    # After the first fallback the client goes straight to v1: one request per call.
    assert len(client._send_limiter.waits) == 2 + 1 + 1


def test_both_versions_missing_is_a_clear_error(make_client: Any, olchat_sandbox: Any) -> None:
    client = OlchatClient(
        olchat_sandbox.olchat_base_url.replace("/olchat", "/nothing-here"), "tok", timeout=5.0
    )
    with client, pytest.raises(EndpointNotFoundError):
        client.line_status()


def test_client_waits_instead_of_hitting_the_limit(make_client: Any) -> None:
    limiter = CountingLimiter(5, 3.0)
    client = make_client(send_limiter=limiter)
    states = [client.line_status().state for _ in range(7)]
    assert states == ["connected"] * 7  # no 429 reached the caller
    assert limiter.waits[:5] == [0.0] * 5
    assert limiter.waits[5] > 0  # the sixth call waited for the first one's window to pass


def test_phone_checks_wait_on_their_own_limit(make_client: Any) -> None:
    checks, sends = CountingLimiter(3, 1.0), CountingLimiter(5, 3.0)
    client = make_client(check_limiter=checks, send_limiter=sends)
    results = [client.check_phone(PHONE).has_whatsapp for _ in range(4)]
    assert results == [True] * 4
    assert checks.waits[3] > 0 and sends.waits == []


def test_server_429_becomes_a_rate_limit_error(make_client: Any) -> None:
    client = make_client(send_limiter=permissive())
    for _ in range(5):
        client.line_status()
    with pytest.raises(RateLimitError) as caught:
        client.line_status()
    assert caught.value.http_status == 429
    assert caught.value.retry_after is not None and caught.value.retry_after > 0
    assert "лимит" in caught.value.message("ru").lower()


def test_phone_check_429_becomes_a_rate_limit_error(make_client: Any) -> None:
    client = make_client(check_limiter=permissive())
    for _ in range(3):
        client.check_phone(PHONE)
    with pytest.raises(RateLimitError):
        client.check_phone(PHONE)


def test_disconnected_line(make_client: Any, olchat_sandbox: Any) -> None:
    client = make_client(olchat_sandbox.olchat.disconnected_token)
    status = client.line_status()
    assert (status.connected, status.state) == (False, "disconnected")
    with pytest.raises(LineNotConnectedError) as caught:
        client.send_text(PHONE, "x")
    assert "не подключена" in caught.value.message("ru")
    assert caught.value.hint("en")


def test_unpaid_line(make_client: Any, olchat_sandbox: Any) -> None:
    client = make_client(olchat_sandbox.olchat.unpaid_token)
    assert client.line_status().paid is False
    with pytest.raises(NotPaidError) as caught:
        client.check_phone(PHONE)
    assert caught.value.http_status == 402


def test_number_without_whatsapp(make_client: Any, olchat_sandbox: Any) -> None:
    client = make_client()
    assert client.check_phone("8 (999) 000-00-00").has_whatsapp is False
    with pytest.raises(NoWhatsAppError) as caught:
        client.send_text("89990000000", "x")
    assert "WhatsApp" in caught.value.message("ru")
    assert not olchat_sandbox.olchat.messages


def test_unknown_token(make_client: Any) -> None:
    with pytest.raises(InvalidTokenError):
        make_client("0123456789abcdef").line_status()


def test_html_answer_is_a_protocol_error_with_a_redacted_snippet(
    make_client: Any, olchat_sandbox: Any
) -> None:
    token = olchat_sandbox.olchat.connected_token
    olchat_sandbox.olchat.gateway_error = True
    with pytest.raises(ProtocolError) as caught:
        make_client().line_status()
    error = caught.value
    assert error.http_status == 502
    assert "502 Bad Gateway" in str(error) and "/wa/***/" in str(error)
    assert token not in str(error) and token not in error.message("ru")


def test_send_timeout_says_the_message_may_have_gone(make_client: Any, olchat_sandbox: Any) -> None:
    olchat_sandbox.olchat.send_delay = 3.0
    client = make_client(timeout=0.3)
    with pytest.raises(RequestTimeoutError) as caught:
        client.send_text(PHONE, "slow")
    assert caught.value.maybe_sent is True
    olchat_sandbox.olchat.shutdown()  # release the sleeping handler


def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as probe:  # a loopback port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = OlchatClient(f"http://127.0.0.1:{port}/olchat", "secret-token-123", timeout=2.0)
    with client, pytest.raises(NetworkError) as caught:
        client.check_phone(PHONE)
    assert caught.value.maybe_sent is False
    assert "secret-token-123" not in repr(caught.value) + str(caught.value)


def test_token_never_in_reprs_errors_or_logs(
    make_client: Any, olchat_sandbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    emulator = olchat_sandbox.olchat
    tokens = [emulator.connected_token, emulator.disconnected_token, emulator.unpaid_token]
    emulator.v2_enabled = False  # also exercise the fallback's logging
    texts: list[str] = []
    for token in tokens:
        client = make_client(token)
        texts.append(repr(client))
        client.line_status()
        try:
            client.send_text(PHONE, "x")
        except OlchatError as error:
            texts += [str(error), repr(error), error.message("ru"), error.message("en")]
    assert len(texts) == 3 + 2 * 4  # two of the three lines refuse to send
    everything = "\n".join([*texts, caplog.text])
    assert "/wa/***" in caplog.text  # httpx did log the URLs, masked
    for token in tokens:
        assert token not in everything
