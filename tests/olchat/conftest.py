"""Fixtures for the OLChat client and emulator tests.

``emulator`` is driven through ``handle()`` with a hand-moved clock; ``olchat_sandbox`` is
the real sandbox HTTP server on loopback with the emulator mounted under ``/olchat``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from olchat_desktop.sandbox.olchat_emulator import OlchatEmulator


class ManualClock:
    """A clock that only moves when a test says so."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def rate_clock() -> ManualClock:
    return ManualClock(start=100.0)


@pytest.fixture
def emulator(clock: ManualClock, rate_clock: ManualClock) -> OlchatEmulator:
    return OlchatEmulator(clock, rate_clock=rate_clock)


@pytest.fixture
def olchat_sandbox() -> Iterator[Any]:
    """The project's sandbox over real HTTP; ``.olchat`` is its :class:`OlchatEmulator`."""
    from olchat_desktop.sandbox import Sandbox

    sandbox = Sandbox()
    sandbox.start()
    try:
        yield sandbox
    finally:
        sandbox.olchat.shutdown()  # wakes a send sleeping on send_delay
        sandbox.stop()
