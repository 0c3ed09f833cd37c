"""Results of OLChat calls, parsed leniently from undocumented answers.

OLChat publishes no response schema (every "200: OK" tab of its REST page is empty), so
each parser looks for a value under several plausible keys, at the top level and inside
``result``/``data``/``response``, and every result keeps the whole parsed JSON in ``raw``
for diagnostics. A value that cannot be understood becomes ``None`` (or ``"unknown"``)
rather than an exception: the caller still has ``raw`` to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

MessageState = Literal["sent", "delivered", "read", "failed", "pending", "unknown"]

_NESTED_KEYS = ("result", "data", "response")
_TRUE_WORDS = frozenset({"y", "yes", "true", "1", "ok", "exists", "valid", "connected", "on"})
_FALSE_WORDS = frozenset({"n", "no", "false", "0", "not_exists", "invalid", "disconnected", "off"})

# WhatsApp-Web style "ack" numbers that gateways commonly expose.
_ACK_STATES: dict[int, MessageState] = {-1: "failed", 0: "pending", 1: "sent", 2: "delivered"}
_WORD_STATES: dict[str, MessageState] = {
    "pending": "pending",
    "queued": "pending",
    "sending": "pending",
    "sent": "sent",
    "server": "sent",
    "server_ack": "sent",
    "delivered": "delivered",
    "delivery_ack": "delivered",
    "device": "delivered",
    "read": "read",
    "seen": "read",
    "played": "read",
    "failed": "failed",
    "error": "failed",
    "undelivered": "failed",
}


def flatten(payload: Any) -> dict[str, Any]:
    """Top-level keys overlaid with those of a nested ``result``/``data``/``response`` dict."""
    if not isinstance(payload, Mapping):
        return {}
    merged = dict(payload)
    for key in _NESTED_KEYS:
        nested = payload.get(key)
        if isinstance(nested, Mapping):
            merged.update(nested)
    return merged


def first(values: Mapping[str, Any], keys: Iterable[str]) -> Any:
    """The first value present (not None) under any of ``keys``."""
    for key in keys:
        if values.get(key) is not None:
            return values[key]
    return None


def as_bool(value: Any) -> bool | None:
    """Understand ``True``, ``"Y"``, ``1``, ``"exists"``… and their opposites; else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


@dataclass(frozen=True)
class PhoneCheck:
    """Whether a number has WhatsApp; ``None`` when the answer could not be understood."""

    phone: str
    has_whatsapp: bool | None
    raw: Any = field(repr=False, default=None)

    @classmethod
    def parse(cls, phone: str, payload: Any) -> PhoneCheck:
        values = flatten(payload)
        found = first(values, ("has_whatsapp", "exists", "whatsapp", "is_whatsapp", "valid"))
        if found is None and isinstance(payload, Mapping):
            found = first(payload, ("result", "status"))
        return cls(phone, as_bool(found), payload)


@dataclass(frozen=True)
class SentMessage:
    """An accepted send; ``message_id`` is None when the answer carried no id."""

    phone: str
    message_id: str | None
    raw: Any = field(repr=False, default=None)

    @classmethod
    def parse(cls, phone: str, payload: Any) -> SentMessage:
        found = first(flatten(payload), ("message_id", "messageId", "id", "msg_id", "idMessage"))
        return cls(phone, None if found is None else str(found), payload)


@dataclass(frozen=True)
class LineStatus:
    """A line's state. ``connected``/``paid`` are None when the answer does not say."""

    connected: bool | None
    paid: bool | None
    state: str
    phone: str | None = None
    raw: Any = field(repr=False, default=None)

    @classmethod
    def parse(cls, payload: Any) -> LineStatus:
        values = flatten(payload)
        state_value = first(values, ("state", "line_status", "status"))
        state = str(state_value).strip().lower() if state_value is not None else "unknown"
        connected = as_bool(first(values, ("connected", "is_connected", "online")))
        if connected is None and state in ("connected", "disconnected", "online", "offline"):
            connected = state in ("connected", "online")
        paid = as_bool(first(values, ("paid", "is_paid", "tariff_paid")))
        if paid is None and state in ("unpaid", "not_paid"):
            paid = False
        phone = first(values, ("phone", "phone_number", "number"))
        return cls(connected, paid, state, None if phone is None else str(phone), payload)


@dataclass(frozen=True)
class MessageStatus:
    """A message's delivery state, normalised; ``state_raw`` is what the server said."""

    message_id: str
    state: MessageState
    state_raw: str
    raw: Any = field(repr=False, default=None)

    @property
    def is_final(self) -> bool:
        return self.state in ("read", "failed")

    @classmethod
    def parse(cls, message_id: str, payload: Any) -> MessageStatus:
        values = flatten(payload)
        found = first(values, ("message_status", "state", "status", "ack"))
        # A bare "ok" top-level status is the envelope, not the message's state.
        if isinstance(found, str) and found.lower() in ("ok", "success"):
            found = first(values, ("message_status", "state", "ack"))
        return cls(message_id, normalise_state(found), "" if found is None else str(found), payload)


def normalise_state(value: Any) -> MessageState:
    if isinstance(value, bool):
        return "unknown"
    if isinstance(value, int):
        return "read" if value >= 3 else _ACK_STATES.get(value, "unknown")
    if isinstance(value, str):
        word = value.strip().lower()
        if word.lstrip("-").isdigit():
            return normalise_state(int(word))
        return _WORD_STATES.get(word, "unknown")
    return "unknown"
