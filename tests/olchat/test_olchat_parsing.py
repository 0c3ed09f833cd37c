"""Units of the OLChat client: lenient parsing, error mapping, limiter, phone numbers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from olchat_desktop.olchat import (
    ApiError,
    InvalidPhoneError,
    InvalidTokenError,
    LineNotConnectedError,
    LineStatus,
    MessageStatus,
    NotPaidError,
    NoWhatsAppError,
    OlchatClient,
    OlchatError,
    PhoneCheck,
    ProtocolError,
    SentMessage,
    SlidingWindowLimiter,
    normalise_phone,
    split_webhook_url,
)
from olchat_desktop.olchat.errors import redact, snippet
from olchat_desktop.olchat.errors_map import error_from_payload, is_error_payload

TOKEN = "a1b2c3d4e5f6a7b8"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+7 (999) 123-45-67", "79991234567"),
        ("8 999 123 45 67", "79991234567"),
        ("9991234567", "79991234567"),
        ("79991234567", "79991234567"),
        ("+49 30 1234 5678", "493012345678"),
    ],
)
def test_phone_numbers_are_normalised(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize("typed", ["", "{{Телефон}}", "12345", "+7 999 abc", "1" * 16])
def test_non_numbers_are_refused(typed: str) -> None:
    with pytest.raises(InvalidPhoneError):
        normalise_phone(typed)


@given(st.from_regex(r"9[0-9]{9}", fullmatch=True), st.sampled_from(["+7", "8", "7", ""]))
def test_every_spelling_of_a_russian_mobile_gives_one_form(subscriber: str, prefix: str) -> None:
    spaced = f"{prefix} ({subscriber[:3]}) {subscriber[3:6]}-{subscriber[6:8]}-{subscriber[8:]}"
    assert normalise_phone(spaced) == "7" + subscriber


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"success": True, "result": {"exists": True}}, True),
        ({"status": "ok", "exists": "N"}, False),
        ({"result": "Y"}, True),
        ({"data": {"has_whatsapp": 0}}, False),
        ({"something": "else"}, None),
        ("not a dict", None),
    ],
)
def test_phone_check_parsing_is_lenient(payload: Any, expected: bool | None) -> None:
    check = PhoneCheck.parse("79991234567", payload)
    assert check.has_whatsapp is expected and check.raw == payload


def test_sent_message_finds_the_id_under_several_keys() -> None:
    assert SentMessage.parse("7", {"result": {"message_id": "m1"}}).message_id == "m1"
    assert SentMessage.parse("7", {"status": "ok", "id": 42}).message_id == "42"
    assert SentMessage.parse("7", {"status": "ok"}).message_id is None


@pytest.mark.parametrize(
    ("payload", "state"),
    [
        ({"result": {"status": "delivered"}}, "delivered"),
        ({"status": "ok", "ack": 3}, "read"),
        ({"status": "ok", "ack": "-1"}, "failed"),
        ({"status": "ok", "ack": 4}, "read"),  # "played" voice messages
        ({"state": "SEEN"}, "read"),
        ({"status": "ok"}, "unknown"),
        ({"status": "mystery"}, "unknown"),
    ],
)
def test_message_states_are_normalised(payload: Any, state: str) -> None:
    status = MessageStatus.parse("m1", payload)
    assert status.state == state
    assert status.is_final is (state in ("read", "failed"))


def test_line_status_reads_both_generations() -> None:
    v2 = LineStatus.parse({"success": True, "result": {"status": "unpaid", "connected": True}})
    assert (v2.connected, v2.paid, v2.state) == (True, False, "unpaid")
    v1 = LineStatus.parse({"status": "ok", "state": "DISCONNECTED", "phone": 79990000002})
    assert (v1.connected, v1.paid, v1.phone) == (False, None, "79990000002")


@pytest.mark.parametrize(
    ("payload", "status", "error_class"),
    [
        (
            {"success": False, "error": {"code": "NO_WHATSAPP", "message": "?"}},
            400,
            NoWhatsAppError,
        ),
        ({"status": "error", "error": "Линия не подключена"}, 400, LineNotConnectedError),
        ({"error": "телефонный номер 7961…57 не найден в WhatsApp"}, 200, NoWhatsAppError),
        ({"ok": False, "message": "Не оплачено"}, 200, NotPaidError),
        ({"error": "UNAUTHORIZED"}, 400, InvalidTokenError),
        ({"detail": "nope"}, 402, NotPaidError),
        ({"error": "Ошибка при отправке: timeout"}, 500, ApiError),
    ],
)
def test_error_answers_map_to_typed_errors(
    payload: Any, status: int, error_class: type[OlchatError]
) -> None:
    assert is_error_payload(payload) or status >= 400
    error = error_from_payload(payload, status)
    assert type(error) is error_class
    assert error.http_status == status and error.raw == payload
    assert error.message("ru") and error.message("en") and error.hint("ru")


def test_success_answers_are_not_errors() -> None:
    assert not is_error_payload({"success": True, "result": {"status": "sent"}})
    assert not is_error_payload({"status": "ok", "error": ""})
    assert not is_error_payload(["a list"])


def test_server_text_is_redacted_in_errors() -> None:
    payload = {"error": f"Ошибка при отправке: GET /rest/webhook/wa/{TOKEN}/sendText"}
    error = error_from_payload(payload, 500, TOKEN)
    assert TOKEN not in str(error) + repr(error) + error.message("ru")
    assert "/wa/***/sendText" in str(error)


def test_redact_masks_any_webhook_segment_and_given_secrets() -> None:
    text = f"see https://h/rest/webhook/wa/{TOKEN}/v2/phone.check/ and {TOKEN}"
    assert redact(text, TOKEN) == "see https://h/rest/webhook/wa/***/v2/phone.check/ and ***"
    assert (
        redact("https://h/rest/webhook/wa/other-token?x=1") == "https://h/rest/webhook/wa/***?x=1"
    )


def test_snippet_is_short_and_single_line() -> None:
    text = snippet(b"<html>\n  <body>" + b"x" * 1000 + b"</body></html>")
    assert "\n" not in text and len(text) <= 201 and text.endswith("…")


def test_limiter_books_slots_a_period_apart() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = SlidingWindowLimiter(3, 1.0, clock=lambda: now[0], sleep=sleep)
    waits = [limiter.acquire() for _ in range(7)]
    assert waits == [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0]
    assert slept == [1.0, 1.0]


def test_limiter_logs_a_call_at_its_completion() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(1, 1.0, clock=lambda: now[0], sleep=lambda s: None)
    with limiter.slot():
        now[0] = 0.4  # the call took 0.4 s: the server may have seen it that late
    assert limiter.reserve() == pytest.approx(1.0)  # 0.4 + 1.0 - now


def test_webhook_url_is_split_into_base_and_token() -> None:
    base, token = split_webhook_url(f" https://olchat.infocom.io/rest/webhook/wa/{TOKEN}/v2/x/ ")
    assert (base, token) == ("https://olchat.infocom.io", TOKEN)
    with pytest.raises(InvalidTokenError):
        split_webhook_url("https://olchat.infocom.io/")


def test_plain_http_is_refused_except_on_loopback() -> None:
    with pytest.raises(OlchatError):
        OlchatClient("http://olchat.example.com", TOKEN)
    OlchatClient("http://127.0.0.1:9/olchat/rest/webhook/wa", TOKEN).close()


def test_json_200_that_is_not_json_is_a_protocol_error() -> None:
    """One error path through httpx.MockTransport: a 200 login page instead of JSON."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=f"<html>Login {request.url.path}</html>")

    client = OlchatClient(
        "https://olchat.infocom.io", TOKEN, transport=httpx.MockTransport(handler)
    )
    with client, pytest.raises(ProtocolError) as caught:
        client.line_status()
    assert caught.value.http_status == 200
    assert "Login" in str(caught.value) and TOKEN not in str(caught.value)
    assert repr(client).count(TOKEN) == 0
