"""Send ids and the guard against double sends (issue 6, point 4).

Every send gets an id before anything goes out; the id is in the history, the dialog and
the CLI's JSON, so a tester can tell two sends apart. The guard refuses a second send of
the same template to the same recipient over the same path while one is in flight, and
remembers sends whose fate is unknown (time-out, network error during the write) so the
UI can ask "send again?" instead of silently sending twice.
"""

from __future__ import annotations

import secrets
import threading
from datetime import UTC, datetime

from olchat_desktop.send.outcome import SendOutcome

GuardKey = tuple[str, str, str]  # (path, recipient digits, template id)


def new_send_id() -> str:
    """``20261104-153012-9f2c1a``: sortable by time, unique by the random tail."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(3)}"


class DoubleSendError(RuntimeError):
    """A send with the same key is still in flight."""


class SendGuard:
    """Thread-safe bookkeeping of sends in flight and sends with an unknown outcome."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight: dict[GuardKey, str] = {}
        self._uncertain: dict[GuardKey, str] = {}

    def in_flight(self, key: GuardKey) -> bool:
        with self._lock:
            return key in self._in_flight

    def needs_confirmation(self, key: GuardKey) -> bool:
        """The last send with this key may have gone out: ask before sending again."""
        with self._lock:
            return key in self._uncertain

    def begin(self, key: GuardKey, send_id: str) -> None:
        with self._lock:
            if key in self._in_flight:
                raise DoubleSendError(f"send {self._in_flight[key]} is still in flight")
            self._in_flight[key] = send_id
            self._uncertain.pop(key, None)

    def finish(self, key: GuardKey, outcome: SendOutcome | None) -> None:
        """``outcome`` None: the send was abandoned (cancelled) before we knew its fate."""
        with self._lock:
            self._in_flight.pop(key, None)
            if outcome is None or outcome.maybe_sent or outcome.result == "timeout":
                self._uncertain[key] = outcome.send_id if outcome else ""
            else:
                self._uncertain.pop(key, None)
