"""Test-wide setup: offscreen Qt, an isolated data home, an in-memory keyring."""

from __future__ import annotations

import os

# Must be set before any QApplication exists, or Qt aborts without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

if TYPE_CHECKING:
    from olchat_desktop.sandbox import Sandbox


@pytest.fixture(autouse=True)
def olchat_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own OLCHAT_DESKTOP_HOME, so nothing touches the user's data."""
    home = tmp_path / "olchat-home"
    monkeypatch.setenv("OLCHAT_DESKTOP_HOME", str(home))
    return home


class MemoryKeyring(KeyringBackend):
    """A real keyring back end that keeps secrets in a dict: tests never touch an OS keyring."""

    priority = -1  # keyring's own detection never picks it

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@pytest.fixture(autouse=True)
def memory_keyring(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> MemoryKeyring | None:
    """Tests not marked ``keyring`` get an in-memory keyring that SecretStore accepts."""
    if request.node.get_closest_marker("keyring"):
        return None
    from olchat_desktop.storage import keyring_backends

    backend = MemoryKeyring()
    # Saved first so monkeypatch puts the previous back end back after the test.
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    keyring.set_keyring(backend)
    allowed = keyring_backends.ALLOWED_BACKENDS | {keyring_backends.backend_path(backend)}
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", allowed)
    return backend


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A running sandbox portal on a random loopback port, stopped after the test."""
    from olchat_desktop.sandbox import Sandbox

    with Sandbox(port=0) as running:
        yield running
