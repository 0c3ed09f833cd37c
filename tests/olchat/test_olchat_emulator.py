"""The OLChat emulator through ``handle()``: both API generations, limits, clock, errors."""

from __future__ import annotations

import json
import threading
from typing import Any
from urllib.parse import urlencode

import pytest

from olchat_desktop.sandbox.olchat_emulator import OlchatEmulator

PHONE = "79991234567"


def call(
    emulator: OlchatEmulator,
    path: str,
    *,
    method: str = "GET",
    query: dict[str, str] | None = None,
    json_body: dict[str, Any] | None = None,
    form_body: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], Any]:
    body = b""
    if json_body is not None:
        body = json.dumps(json_body).encode()
    elif form_body is not None:
        body = urlencode(form_body).encode()
    status, headers, raw = emulator.handle(method, path, query or {}, body)
    return status, headers, json.loads(raw)


def v2(token: str, name: str) -> str:
    return f"/rest/webhook/wa/{token}/v2/{name}/"


def v1(token: str, name: str) -> str:
    return f"/rest/webhook/wa/{token}/{name}"


def test_v2_send_by_post_json_with_the_sample_spelling(emulator: OlchatEmulator) -> None:
    token = emulator.connected_token
    status, _, answer = call(
        emulator,
        v2(token, "messages.text.send"),
        method="POST",
        json_body={"phone_number": PHONE, "text": "Привет", "publish_to_open_line": True},
    )
    assert status == 200 and answer["success"] is True
    message = emulator.messages[answer["result"]["message_id"]]
    assert (message.text, message.phone, message.publish_to_open_line) == ("Привет", PHONE, True)


def test_v1_send_by_get_with_the_table_spelling(emulator: OlchatEmulator) -> None:
    query = {"phone_number": PHONE, "body": "Hi\nthere", "send_to_imol": "N"}
    status, _, answer = call(emulator, v1(emulator.connected_token, "sendText"), query=query)
    assert status == 200 and answer["status"] == "ok"
    message = emulator.messages[answer["id"]]
    assert (message.text, message.publish_to_open_line) == ("Hi\nthere", False)


def test_form_body_is_accepted(emulator: OlchatEmulator) -> None:
    form = {"phone_number": PHONE, "body": "форма", "send_to_imol": "Y"}
    path = v2(emulator.connected_token, "messages.text.send")
    status, _, answer = call(emulator, path, method="POST", form_body=form)
    assert status == 200
    assert emulator.messages[answer["result"]["message_id"]].publish_to_open_line is True


def test_missing_text_names_the_parameter(emulator: OlchatEmulator) -> None:
    path = v2(emulator.connected_token, "messages.text.send")
    status, _, answer = call(emulator, path, query={"phone_number": PHONE})
    assert status == 400
    assert answer["error"]["code"] == "MISSING_PARAMETER"
    assert "body" in answer["error"]["message"]


@pytest.mark.parametrize("phone", ["89991234567", "+79991234567", "7999", "abc"])
def test_numbers_not_in_olchat_form_are_refused(emulator: OlchatEmulator, phone: str) -> None:
    path = v2(emulator.connected_token, "phone.check")
    status, _, answer = call(emulator, path, query={"phone_number": phone})
    assert (status, answer["error"]["code"]) == (400, "INVALID_PHONE")


def test_phone_check_both_versions(emulator: OlchatEmulator, rate_clock: Any) -> None:
    token = emulator.connected_token
    _, _, with_wa = call(emulator, v2(token, "phone.check"), query={"phone_number": PHONE})
    no_wa = {"phone_number": "79990000000"}
    _, _, without = call(emulator, v2(token, "phone.check"), query=no_wa)
    assert with_wa["result"]["exists"] is True and without["result"]["exists"] is False
    rate_clock.advance(1.0)
    check_v1 = v1(token, "checkPhone")
    _, _, short = call(emulator, check_v1, query={"phone_number": "79870000"})
    assert short["error_code"] == "INVALID_PHONE"  # 8 digits: not a phone number
    _, _, yes = call(emulator, check_v1, query={"phone_number": PHONE})
    _, _, no = call(emulator, check_v1, query={"phone_number": "79990000000"})
    assert (yes["exists"], no["exists"]) == ("Y", "N")


def test_send_to_a_number_without_whatsapp_fails(emulator: OlchatEmulator) -> None:
    path = v2(emulator.connected_token, "messages.text.send")
    query = {"phone_number": "79990000000", "body": "x"}
    status, _, answer = call(emulator, path, query=query)
    assert (status, answer["error"]["code"]) == (400, "NO_WHATSAPP")
    assert not emulator.messages


def test_line_status_for_each_kind_of_line(emulator: OlchatEmulator) -> None:
    states = {}
    for token in (emulator.connected_token, emulator.disconnected_token, emulator.unpaid_token):
        status, _, answer = call(emulator, v2(token, "line.status.get"))
        assert status == 200
        states[token] = answer["result"]["status"]
    assert list(states.values()) == ["connected", "disconnected", "unpaid"]
    _, _, v1_answer = call(emulator, v1(emulator.disconnected_token, "checkStatus"))
    assert v1_answer["state"] == "DISCONNECTED"


def test_disconnected_and_unpaid_lines_refuse_sends(emulator: OlchatEmulator) -> None:
    query = {"phone_number": PHONE, "body": "x"}
    path = v2(emulator.disconnected_token, "messages.text.send")
    status, _, answer = call(emulator, path, query=query)
    assert (status, answer["error"]["message"]) == (400, "Линия не подключена")
    status, _, answer = call(emulator, v1(emulator.unpaid_token, "sendText"), query=query)
    assert (status, answer["error_code"], answer["error"]) == (402, "NOT_PAID", "Не оплачено")


def test_unknown_token_and_unknown_route(emulator: OlchatEmulator) -> None:
    status, _, answer = call(emulator, v2("nope", "line.status.get"))
    assert (status, answer["error"]["code"]) == (401, "INVALID_TOKEN")
    status, _, _ = call(emulator, v2(emulator.connected_token, "messages.buttons.send"))
    assert status == 404


def test_v2_switch_turns_every_v2_route_into_404(emulator: OlchatEmulator) -> None:
    emulator.v2_enabled = False
    token = emulator.connected_token
    assert call(emulator, v2(token, "line.status.get"))[0] == 404
    assert call(emulator, v1(token, "checkStatus"))[0] == 200


def test_message_status_moves_with_the_clock(emulator: OlchatEmulator, clock: Any) -> None:
    token = emulator.connected_token
    _, _, sent = call(
        emulator, v2(token, "messages.text.send"), query={"phone_number": PHONE, "body": "x"}
    )
    query = {"phone_number": PHONE, "message_id": sent["result"]["message_id"]}
    seen = []
    for step in (0.0, 2.0, 3.0):
        clock.advance(step)
        _, _, answer = call(emulator, v2(token, "messages.status.get"), query=query)
        _, _, old = call(emulator, v1(token, "checkMessageStatus"), query=query)
        seen.append((answer["result"]["status"], old["ack"]))
        emulator._windows.clear()  # this test is about the clock, not the limit
    assert seen == [("sent", 1), ("delivered", 2), ("read", 3)]


def test_message_status_needs_the_matching_phone(emulator: OlchatEmulator) -> None:
    token = emulator.connected_token
    _, _, sent = call(
        emulator, v2(token, "messages.text.send"), query={"phone_number": PHONE, "body": "x"}
    )
    query = {"phone_number": "79991112233", "message_id": sent["result"]["message_id"]}
    _, _, answer = call(emulator, v2(token, "messages.status.get"), query=query)
    assert answer["error"]["code"] == "MESSAGE_NOT_FOUND"


def test_numbers_ending_1111_fail_delivery(emulator: OlchatEmulator, clock: Any) -> None:
    token = emulator.connected_token
    phone = "79991111111"
    _, _, sent = call(
        emulator, v2(token, "messages.text.send"), query={"phone_number": phone, "body": "x"}
    )
    clock.advance(10)
    query = {"phone_number": phone, "message_id": sent["result"]["message_id"]}
    _, _, answer = call(emulator, v2(token, "messages.status.get"), query=query)
    assert answer["result"]["status"] == "failed"


def test_send_limit_is_five_per_three_seconds_per_token(
    emulator: OlchatEmulator, rate_clock: Any
) -> None:
    token = emulator.connected_token
    statuses = [call(emulator, v2(token, "line.status.get"))[0] for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    status, headers, answer = call(emulator, v2(token, "line.status.get"))
    assert (status, answer["error"]["code"]) == (429, "RATE_LIMIT")
    assert float(headers["Retry-After"]) > 0
    # Another token has its own window.
    assert call(emulator, v2(emulator.unpaid_token, "line.status.get"))[0] == 200
    rate_clock.advance(3.0)
    assert call(emulator, v2(token, "line.status.get"))[0] == 200


def test_phone_check_limit_is_three_per_second(emulator: OlchatEmulator, rate_clock: Any) -> None:
    path = v2(emulator.connected_token, "phone.check")
    statuses = [call(emulator, path, query={"phone_number": PHONE})[0] for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # The check window is separate from the send window.
    assert call(emulator, v2(emulator.connected_token, "line.status.get"))[0] == 200
    rate_clock.advance(1.0)
    assert call(emulator, path, query={"phone_number": PHONE})[0] == 200


def test_history_lists_recent_outgoing_messages(emulator: OlchatEmulator, clock: Any) -> None:
    token = emulator.connected_token
    call(emulator, v2(token, "messages.text.send"), query={"phone_number": PHONE, "body": "old"})
    clock.advance(120 * 60)
    call(emulator, v2(token, "messages.text.send"), query={"phone_number": PHONE, "body": "new"})
    path = v2(token, "messages.history.list")
    _, _, answer = call(emulator, path, query={"direction": "all", "period_minutes": "60"})
    assert [m["text"] for m in answer["result"]["messages"]] == ["new"]
    _, _, answer = call(emulator, path, query={"direction": "incoming"})
    assert answer["result"]["messages"] == []


def test_gateway_error_answers_html(emulator: OlchatEmulator) -> None:
    emulator.gateway_error = True
    status, headers, body = emulator.handle("GET", v2("tok", "line.status.get"), {}, b"")
    assert status == 502 and headers["Content-Type"] == "text/html"
    assert body.startswith(b"<html>")


def test_send_delay_is_cut_short_by_shutdown(emulator: OlchatEmulator) -> None:
    emulator.send_delay = 60.0
    path = v2(emulator.connected_token, "messages.text.send")
    results: list[int] = []
    worker = threading.Thread(
        target=lambda: results.append(
            emulator.handle("GET", path, {"phone_number": PHONE, "body": "x"}, b"")[0]
        )
    )
    worker.start()
    emulator.shutdown()
    worker.join(timeout=10)
    assert not worker.is_alive() and results == [200]
