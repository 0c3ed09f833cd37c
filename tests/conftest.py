"""Test-wide setup: offscreen Qt, an isolated data home, an in-memory keyring."""

from __future__ import annotations

import os

# Must be set before any QApplication exists, or Qt aborts without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def olchat_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own OLCHAT_DESKTOP_HOME, so nothing touches the user's data."""
    home = tmp_path / "olchat-home"
    monkeypatch.setenv("OLCHAT_DESKTOP_HOME", str(home))
    return home
