"""The wire format of OLChat's WhatsApp REST API, as the sandbox's emulator speaks it.

Routes, parameters, and the answer and error shapes of the two API generations; what
each method does is in :mod:`.olchat_emulator`.

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
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

Response = tuple[int, dict[str, str], bytes]

ROUTE = re.compile(
    r"^/rest/webhook/wa/(?P<token>[^/]+)/(?:v2/(?P<v2>[A-Za-z.]+)|(?P<v1>[A-Za-z]+))/?$"
)
V2_METHODS = {
    "messages.text.send": "send",
    "phone.check": "check",
    "line.status.get": "line",
    "messages.status.get": "message",
    "messages.history.list": "history",
}
V1_METHODS = {
    "sendText": "send",
    "checkPhone": "check",
    "checkStatus": "line",
    "checkMessageStatus": "message",
}
_V1_ACK = {"sent": 1, "delivered": 2, "read": 3, "failed": -1}
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}


class EmulatedError(Exception):
    def __init__(
        self, status: int, code: str, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after


def error_response(version: str, error: EmulatedError) -> Response:
    """An error in the shape of the API generation the call used (``v1`` or ``v2``)."""
    headers = dict(JSON_HEADERS)
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


def merge_params(query: dict[str, str], body: bytes) -> dict[str, Any]:
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


def first_param(params: dict[str, Any], *names: str) -> str:
    for name in names:
        value = params.get(name)
        if value is not None and value != "":
            return value if isinstance(value, str) else json.dumps(value)
    return ""


def missing(name: str) -> EmulatedError:
    return EmulatedError(400, "MISSING_PARAMETER", f"Пустое значение параметра «{name}»")


def phone_param(params: dict[str, Any]) -> str:
    phone = first_param(params, "phone_number").strip()
    if not phone:
        raise missing("phone_number")
    # OLChat wants digits with Russian numbers starting with 7 (not 8, not +7).
    if not phone.isdigit() or not 10 <= len(phone) <= 15 or (len(phone) == 11 and phone[0] == "8"):
        raise EmulatedError(400, "INVALID_PHONE", "Номер телефона должен начинаться с 7")
    return phone


def flag(value: str) -> bool:
    return value.strip().lower() in ("y", "yes", "true", "1")


def as_v1(action: str, result: dict[str, Any]) -> dict[str, Any]:
    """The older generation's flat answers (see the module docstring)."""
    if action == "send":
        return {"status": "ok", "id": result["message_id"]}
    if action == "check":
        return {"status": "ok", "exists": "Y" if result["exists"] else "N"}
    if action == "line":
        return {"status": "ok", "state": result["status"].upper(), "phone": result["phone"]}
    return {"status": "ok", "ack": _V1_ACK[result["status"]]}
