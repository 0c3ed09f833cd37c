"""Fixtures for the connections service: a store pair in the test's data home."""

from __future__ import annotations

import pytest

from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secrets import SecretStore


@pytest.fixture
def service() -> ConnectionService:
    profiles = ProfileStore(SecretStore())
    profiles.load()
    return ConnectionService(profiles)
