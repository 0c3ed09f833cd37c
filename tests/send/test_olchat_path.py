"""The OLChat REST path against the sandbox's OLChat emulator, over loopback."""

from __future__ import annotations

import socket

import pytest

from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.rendition import render_text
from olchat_desktop.core.template import Template
from olchat_desktop.olchat import OlchatClient, SlidingWindowLimiter
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.send.olchat_path import OlchatSendRequest, send_via_olchat, text_to_send

pytestmark = pytest.mark.integration
PHONE = "79161000002"


def _template() -> Template:
    return Template(
        name="Отзыв",
        line="1",
        phone=PHONE,
        header="Как всё прошло, {{Имя}}?",
        message="Оцените визит",
        buttons=["Понравилось", "Не понравилось"],
        samples={"{{Имя}}": "Анна"},
    )


def _send(client: OlchatClient, phone: str = PHONE, timeout: float = 0.0) -> object:
    request = OlchatSendRequest(
        _template(), phone, "en", status_timeout=timeout, poll_interval=0.05
    )
    steps: list[str] = []
    outcome = send_via_olchat(client, request, "sid", CancelToken(), steps.append)
    outcome.steps = steps
    return outcome


def test_sends_the_exact_rendition_and_reports_delivery(sandbox: Sandbox) -> None:
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.connected_token) as client:
        request = OlchatSendRequest(_template(), PHONE, "ru", status_timeout=5, poll_interval=0.05)
        sandbox.clock.advance(0)
        # Move the sandbox clock past the delivery time while we poll.
        outcome = send_via_olchat(
            client, request, "sid", CancelToken(), lambda _s: sandbox.clock.advance(1)
        )
    assert outcome.result in ("delivered", "read")
    assert outcome.message_id
    sent = [m for m in sandbox.olchat.messages.values() if m.message_id == outcome.message_id]
    assert sent[0].text == text_to_send(_template(), "ru")
    assert "*Как всё прошло, Анна?*" in sent[0].text
    assert sent[0].text == render_text(_template(), "ru", substitute=True)


def test_disconnected_line_is_reported_before_sending(sandbox: Sandbox) -> None:
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.disconnected_token) as client:
        outcome = _send(client)
    assert (outcome.result, outcome.error_code) == ("failed", "LINE_NOT_CONNECTED")
    assert "not connected" in outcome.detail
    assert not sandbox.olchat.messages


def test_unpaid_line(sandbox: Sandbox) -> None:
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.unpaid_token) as client:
        outcome = _send(client)
    assert (outcome.result, outcome.error_code) == ("failed", "NOT_PAID")


def test_number_without_whatsapp(sandbox: Sandbox) -> None:
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.connected_token) as client:
        outcome = _send(client, phone="79265550000")
    assert (outcome.result, outcome.error_code) == ("failed", "NO_WHATSAPP")
    assert "no WhatsApp" in outcome.detail
    assert not sandbox.olchat.messages


def test_rate_limit_from_the_server_has_its_own_message(sandbox: Sandbox) -> None:
    # Generous client-side limiters, so the server's 5-per-3-s window answers 429.
    client = OlchatClient(
        sandbox.olchat_base_url,
        sandbox.olchat.connected_token,
        send_limiter=SlidingWindowLimiter(100, 1.0),
        check_limiter=SlidingWindowLimiter(100, 1.0),
    )
    with client:
        outcomes = [_send(client) for _ in range(3)]
    limited = [o for o in outcomes if o.error_code == "RATE_LIMIT"]
    assert limited and "limit" in limited[0].detail


def test_unexpected_answer(sandbox: Sandbox) -> None:
    sandbox.olchat.gateway_error = True
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.connected_token) as client:
        outcome = _send(client)
    assert outcome.result == "failed"
    assert outcome.error_code in ("UNEXPECTED_ANSWER", "NOT_FOUND")


def test_network_failure() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with OlchatClient(f"http://127.0.0.1:{port}", "token123") as client:
        outcome = _send(client)
    assert (outcome.result, outcome.error_code) == ("failed", "NETWORK")


def test_delivery_time_out_is_reported_and_marks_uncertain(sandbox: Sandbox) -> None:
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.connected_token) as client:
        outcome = _send(client, timeout=0.1)  # sandbox clock frozen: stays "sent"
    assert outcome.result == "timeout"
    assert outcome.message_id


def test_without_a_status_wait_an_accepted_message_is_sent_not_timed_out(
    sandbox: Sandbox,
) -> None:
    with OlchatClient(sandbox.olchat_base_url, sandbox.olchat.connected_token) as client:
        outcome = _send(client, timeout=0.0)
    assert outcome.result == "sent" and outcome.succeeded
    assert outcome.message_id
    assert not any("Delivery status" in step for step in outcome.steps)
