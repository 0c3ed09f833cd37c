"""Emulator of OLChat's WhatsApp REST API (v2 and v1), mounted by the sandbox under /olchat.

Transport-free: the HTTP server calls :meth:`OlchatEmulator.handle` with the method, the
path after ``/olchat``, the query and the raw body, and writes back (status, headers, body).
This module holds the emulated account (lines, messages, rate limits) and what each method
does; the routes, parameter parsing and the answer and error shapes of both API generations
are in :mod:`.olchat_wire`.

Conventions the Bitrix sandbox shares: numbers ending in ``0000`` have no WhatsApp;
messages to numbers ending in ``1111`` fail (status ``failed`` once delivery is due).
A message is ``sent`` at once, ``delivered`` after :attr:`DELIVERED_AFTER` and ``read``
after :attr:`READ_AFTER` seconds of the ``now`` clock.

Limits per token, as documented: 5 calls per 3 s shared by send, line status, message
status and history; 3 per second for phone.check. They run on ``rate_clock`` (real
monotonic time by default) rather than ``now``, so a sandbox clock that tests move by
hand cannot freeze a window shut. Knobs: ``v2_enabled``, ``send_delay`` (real seconds a
send waits before answering; :meth:`shutdown` wakes it), ``gateway_error`` (every call
answers 502 with an HTML page that echoes the request path, like a misconfigured proxy).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from olchat_desktop.sandbox.olchat_wire import (
    JSON_HEADERS,
    ROUTE,
    V1_METHODS,
    V2_METHODS,
    EmulatedError,
    Response,
    as_v1,
    error_response,
    first_param,
    flag,
    merge_params,
    missing,
    phone_param,
)


@dataclass
class EmulatedLine:
    token: str
    connected: bool
    paid: bool
    phone: str


@dataclass
class EmulatedMessage:
    message_id: str
    token: str
    phone: str
    text: str
    sent_at: float
    publish_to_open_line: bool


class OlchatEmulator:
    DELIVERED_AFTER = 2.0
    READ_AFTER = 5.0
    SEND_LIMIT = (5, 3.0)
    CHECK_LIMIT = (3, 1.0)

    def __init__(
        self, now: Callable[[], float], *, rate_clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._now = now
        self._rate_clock = rate_clock
        self._lock = threading.Lock()
        self._shutdown = threading.Event()
        self.v2_enabled = True
        self.send_delay = 0.0
        self.gateway_error = False
        self.lines: dict[str, EmulatedLine] = {}
        self.messages: dict[str, EmulatedMessage] = {}
        self._windows: dict[tuple[str, str], deque[float]] = {}
        self.connected_token = self.add_line(connected=True, paid=True, phone="79990000001")
        self.disconnected_token = self.add_line(connected=False, paid=True, phone="79990000002")
        self.unpaid_token = self.add_line(connected=True, paid=False, phone="79990000003")

    def __repr__(self) -> str:
        return f"OlchatEmulator(lines={len(self.lines)}, messages={len(self.messages)})"

    def add_line(self, *, connected: bool, paid: bool, phone: str, token: str = "") -> str:
        token = token or secrets.token_hex(16)
        with self._lock:
            self.lines[token] = EmulatedLine(token, connected, paid, phone)
        return token

    def shutdown(self) -> None:
        """Wake any send that is sleeping on ``send_delay`` so the server can stop."""
        self._shutdown.set()

    # -- entry point ----------------------------------------------------------------------

    def handle(self, http_method: str, path: str, query: dict[str, str], body: bytes) -> Response:
        match = ROUTE.match(path)
        if self.gateway_error:
            page = f"<html><body><h1>502 Bad Gateway</h1><p>{path}</p></body></html>"
            return 502, {"Content-Type": "text/html"}, page.encode()
        v2_name, v1_name = (match["v2"], match["v1"]) if match else (None, None)
        action = V2_METHODS.get(v2_name or "") if v2_name else V1_METHODS.get(v1_name or "")
        if not match or action is None or (v2_name and not self.v2_enabled):
            return 404, dict(JSON_HEADERS), json.dumps({"detail": "Not Found"}).encode()
        version = "v2" if v2_name else "v1"
        if http_method.upper() not in ("GET", "POST"):
            return error_response(
                version, EmulatedError(405, "METHOD_NOT_ALLOWED", "Метод не поддерживается")
            )
        try:
            line = self._line(match["token"])
            self._count_call(line.token, action)
            params = merge_params(query, body)
            result = getattr(self, f"_do_{action}")(line, params)
        except EmulatedError as error:
            return error_response(version, error)
        payload = {"success": True, "result": result} if version == "v2" else as_v1(action, result)
        return 200, dict(JSON_HEADERS), json.dumps(payload, ensure_ascii=False).encode()

    # -- checks ---------------------------------------------------------------------------

    def _line(self, token: str) -> EmulatedLine:
        line = self.lines.get(token)
        if line is None:
            raise EmulatedError(401, "INVALID_TOKEN", "Вебхук не найден или был перевыпущен")
        return line

    def _count_call(self, token: str, action: str) -> None:
        bucket = "check" if action == "check" else "general"
        limit, period = self.CHECK_LIMIT if bucket == "check" else self.SEND_LIMIT
        now = self._rate_clock()
        with self._lock:
            window = self._windows.setdefault((token, bucket), deque())
            while window and window[0] <= now - period:
                window.popleft()
            if len(window) >= limit:
                raise EmulatedError(
                    429,
                    "RATE_LIMIT",
                    f"Превышен лимит: {limit} запросов в {period:g} с",
                    retry_after=window[0] + period - now,
                )
            window.append(now)

    @staticmethod
    def _require_usable(line: EmulatedLine) -> None:
        if not line.paid:
            raise EmulatedError(402, "NOT_PAID", "Не оплачено")
        if not line.connected:
            raise EmulatedError(400, "LINE_NOT_CONNECTED", "Линия не подключена")

    # -- methods --------------------------------------------------------------------------

    def _do_send(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        phone = phone_param(params)
        text = first_param(params, "body", "text")
        if not text:
            raise missing("body")
        self._require_usable(line)
        if phone.endswith("0000"):
            raise EmulatedError(
                400, "NO_WHATSAPP", "На номере нет зарегистрированного аккаунта WhatsApp"
            )
        if self.send_delay > 0:
            self._shutdown.wait(self.send_delay)  # real seconds; shutdown() cuts it short
        publish = flag(first_param(params, "send_to_imol", "publish_to_open_line"))
        message = EmulatedMessage(
            f"wamid.{secrets.token_hex(8)}", line.token, phone, text, self._now(), publish
        )
        with self._lock:
            self.messages[message.message_id] = message
        return {"message_id": message.message_id, "phone_number": phone, "status": "sent"}

    def _do_check(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        phone = phone_param(params)
        self._require_usable(line)
        return {"phone_number": phone, "exists": not phone.endswith("0000")}

    def _do_line(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        state = "unpaid" if not line.paid else "connected" if line.connected else "disconnected"
        return {
            "status": state,
            "connected": line.connected,
            "paid": line.paid,
            "phone": line.phone,
        }

    def _do_message(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        phone = phone_param(params)
        message_id = first_param(params, "message_id")
        if not message_id:
            raise missing("message_id")
        self._require_usable(line)
        message = self.messages.get(message_id)
        if message is None or message.token != line.token or message.phone != phone:
            raise EmulatedError(400, "MESSAGE_NOT_FOUND", "Сообщение не найдено")
        return {"message_id": message_id, "status": self.message_state(message)}

    def _do_history(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        direction = first_param(params, "direction")
        if direction not in ("incoming", "outgoing", "all"):
            raise missing("direction")
        period = int(first_param(params, "period_minutes") or 1440)
        if not 1 <= period <= 10080:
            raise EmulatedError(400, "INVALID_PARAMETER", "period_minutes: от 1 до 10080")
        since = self._now() - period * 60
        found = [
            {
                "message_id": m.message_id,
                "direction": "outgoing",
                "phone_number": m.phone,
                "text": m.text,
                "timestamp": m.sent_at,
            }
            for m in list(self.messages.values())
            if m.token == line.token and m.sent_at >= since and direction != "incoming"
        ]
        return {"messages": found}

    def message_state(self, message: EmulatedMessage) -> str:
        age = self._now() - message.sent_at
        if age < self.DELIVERED_AFTER:
            return "sent"
        if message.phone.endswith("1111"):
            return "failed"
        return "read" if age >= self.READ_AFTER else "delivered"
