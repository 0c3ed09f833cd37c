"""A Qt-free cancel token shared by background work: UI tasks, send engines, the CLI."""

from __future__ import annotations

import threading


class TaskCancelled(Exception):
    """Raised inside work functions by :meth:`CancelToken.check` once Cancel was pressed."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise TaskCancelled

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when cancelled meanwhile (for polling loops)."""
        return self._event.wait(seconds)
