"""Emulator of OLChat's WhatsApp REST API (v2 and v1), mounted by the sandbox under /olchat.

Transport-free: the HTTP server calls :meth:`OlchatEmulator.handle` with the method, the
path after ``/olchat``, the query and the raw body, and writes back (status, headers, body).

Routes (docs.olchat.io/ispolzovanie/rest-api-dlya-raboty-s-whatsapp)::

    /rest/webhook/wa/{token}/v2/{messages.text.send|phone.check|line.status.get|
                                 messages.status.get|messages.history.list}/
    /rest/webhook/wa/{token}/{sendText|checkPhone|checkStatus|checkMessageStatus}

GET and POST are both accepted; parameters come from the query, a JSON body or a form
body, merged (body wins). Sends accept both documented spellings: ``body`` or ``text``;
``send_to_imol`` (Y/N) or ``publish_to_open_line`` (true/false).

OLChat documents no answers, so these shapes are our invention (plausible, and different
between the two generations so that the client's lenient parsing is exercised):

v2 success ``{"success": true, "result": {...}}`` with result
  send ``{"message_id", "phone_number", "status": "sent"}``; phone.check
  ``{"phone_number", "exists": bool}``; line.status.get ``{"status":
  "connected"|"disconnected"|"unpaid", "connected": bool, "paid": bool, "phone"}``;
  messages.status.get ``{"message_id", "status": "sent"|"delivered"|"read"|"failed"}``;
  messages.history.list ``{"messages": [{"message_id", "direction", "phone_number",
  "text", "timestamp"}]}``.
v2 error ``{"success": false, "error": {"code": CODE, "message": russian text}}``.
v1 success ``{"status": "ok", ...}`` flat: ``id``; ``exists`` "Y"/"N"; ``state``
  CONNECTED/DISCONNECTED/UNPAID; ``ack`` 1/2/3/-1 (WhatsApp-Web style).
v1 error ``{"status": "error", "error_code": CODE, "error": russian text}``.

Errors and statuses: unknown token 401 ``INVALID_TOKEN``; unknown route 404
``{"detail": "Not Found"}`` (also every v2 route when ``v2_enabled`` is False); missing
parameter 400 ``MISSING_PARAMETER`` «Пустое значение параметра «x»»; malformed number
400 ``INVALID_PHONE``; line not connected 400 ``LINE_NOT_CONNECTED`` «Линия не
подключена»; tariff unpaid 402 ``NOT_PAID`` «Не оплачено»; a send to a number without
WhatsApp 400 ``NO_WHATSAPP`` «На номере нет зарегистрированного аккаунта WhatsApp»;
unknown message 400 ``MESSAGE_NOT_FOUND``; rate limit 429 ``RATE_LIMIT`` with a
``Retry-After`` header. ``line.status.get`` answers for disconnected and unpaid lines
too (that is what it is for); the other methods refuse them.

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
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

Response = tuple[int, dict[str, str], bytes]

_ROUTE = re.compile(
    r"^/rest/webhook/wa/(?P<token>[^/]+)/(?:v2/(?P<v2>[A-Za-z.]+)|(?P<v1>[A-Za-z]+))/?$"
)
_V2_METHODS = {
    "messages.text.send": "send",
    "phone.check": "check",
    "line.status.get": "line",
    "messages.status.get": "message",
    "messages.history.list": "history",
}
_V1_METHODS = {
    "sendText": "send",
    "checkPhone": "check",
    "checkStatus": "line",
    "checkMessageStatus": "message",
}
_V1_ACK = {"sent": 1, "delivered": 2, "read": 3, "failed": -1}
_JSON = {"Content-Type": "application/json; charset=utf-8"}


class EmulatedError(Exception):
    def __init__(
        self, status: int, code: str, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after


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
        match = _ROUTE.match(path)
        if self.gateway_error:
            page = f"<html><body><h1>502 Bad Gateway</h1><p>{path}</p></body></html>"
            return 502, {"Content-Type": "text/html"}, page.encode()
        v2_name, v1_name = (match["v2"], match["v1"]) if match else (None, None)
        action = _V2_METHODS.get(v2_name or "") if v2_name else _V1_METHODS.get(v1_name or "")
        if not match or action is None or (v2_name and not self.v2_enabled):
            return 404, dict(_JSON), json.dumps({"detail": "Not Found"}).encode()
        version = "v2" if v2_name else "v1"
        if http_method.upper() not in ("GET", "POST"):
            return self._error(
                version, EmulatedError(405, "METHOD_NOT_ALLOWED", "Метод не поддерживается")
            )
        try:
            line = self._line(match["token"])
            self._count_call(line.token, action)
            params = _merge_params(query, body)
            result = getattr(self, f"_do_{action}")(line, params)
        except EmulatedError as error:
            return self._error(version, error)
        payload = {"success": True, "result": result} if version == "v2" else _as_v1(action, result)
        return 200, dict(_JSON), json.dumps(payload, ensure_ascii=False).encode()

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
        phone = _phone(params)
        text = _first_param(params, "body", "text")
        if not text:
            raise _missing("body")
        self._require_usable(line)
        if phone.endswith("0000"):
            raise EmulatedError(
                400, "NO_WHATSAPP", "На номере нет зарегистрированного аккаунта WhatsApp"
            )
        if self.send_delay > 0:
            self._shutdown.wait(self.send_delay)  # real seconds; shutdown() cuts it short
        publish = _flag(_first_param(params, "send_to_imol", "publish_to_open_line"))
        message = EmulatedMessage(
            f"wamid.{secrets.token_hex(8)}", line.token, phone, text, self._now(), publish
        )
        with self._lock:
            self.messages[message.message_id] = message
        return {"message_id": message.message_id, "phone_number": phone, "status": "sent"}

    def _do_check(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        phone = _phone(params)
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
        phone = _phone(params)
        message_id = _first_param(params, "message_id")
        if not message_id:
            raise _missing("message_id")
        self._require_usable(line)
        message = self.messages.get(message_id)
        if message is None or message.token != line.token or message.phone != phone:
            raise EmulatedError(400, "MESSAGE_NOT_FOUND", "Сообщение не найдено")
        return {"message_id": message_id, "status": self.message_state(message)}

    def _do_history(self, line: EmulatedLine, params: dict[str, Any]) -> dict[str, Any]:
        direction = _first_param(params, "direction")
        if direction not in ("incoming", "outgoing", "all"):
            raise _missing("direction")
        period = int(_first_param(params, "period_minutes") or 1440)
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

    def _error(self, version: str, error: EmulatedError) -> Response:
        headers = dict(_JSON)
        if error.retry_after is not None:
            headers["Retry-After"] = f"{max(error.retry_after, 0.0):.3f}"
        if version == "v2":
            body: dict[str, Any] = {
                "success": False,
                "error": {"code": error.code, "message": error.message},
            }
        else:
            body = {"status": "error", "error_code": error.code, "error": error.message}
        return error.status, headers, json.dumps(body, ensure_ascii=False).encode()


# -- parameters ---------------------------------------------------------------------------


def _merge_params(query: dict[str, str], body: bytes) -> dict[str, Any]:
    params: dict[str, Any] = dict(query)
    text = body.decode("utf-8", errors="replace").strip()
    if text.startswith("{"):
        try:
            decoded = json.loads(text)
        except ValueError:
            raise EmulatedError(400, "INVALID_JSON", "Некорректный JSON") from None
        if isinstance(decoded, dict):
            params.update(decoded)
    elif text:
        params.update(parse_qsl(text, keep_blank_values=True))
    return params


def _first_param(params: dict[str, Any], *names: str) -> str:
    for name in names:
        value = params.get(name)
        if value is not None and value != "":
            return value if isinstance(value, str) else json.dumps(value)
    return ""


def _missing(name: str) -> EmulatedError:
    return EmulatedError(400, "MISSING_PARAMETER", f"Пустое значение параметра «{name}»")


def _phone(params: dict[str, Any]) -> str:
    phone = _first_param(params, "phone_number").strip()
    if not phone:
        raise _missing("phone_number")
    # OLChat wants digits with Russian numbers starting with 7 (not 8, not +7).
    if not phone.isdigit() or not 10 <= len(phone) <= 15 or (len(phone) == 11 and phone[0] == "8"):
        raise EmulatedError(400, "INVALID_PHONE", "Номер телефона должен начинаться с 7")
    return phone


def _flag(value: str) -> bool:
    return value.strip().lower() in ("y", "yes", "true", "1")


def _as_v1(action: str, result: dict[str, Any]) -> dict[str, Any]:
    """The older generation's flat answers (see the module docstring)."""
    if action == "send":
        return {"status": "ok", "id": result["message_id"]}
    if action == "check":
        return {"status": "ok", "exists": "Y" if result["exists"] else "N"}
    if action == "line":
        return {"status": "ok", "state": result["status"].upper(), "phone": result["phone"]}
    return {"status": "ok", "ack": _V1_ACK[result["status"]]}
