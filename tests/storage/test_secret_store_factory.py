"""The shared SecretStore: one per process and data home, its keyring remembered in settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from olchat_desktop.storage import keyring_backends
from olchat_desktop.storage.keyring_backends import backend_path
from olchat_desktop.storage.secret_store_factory import shared_secret_store, use_settings
from olchat_desktop.storage.secrets import StoreMode
from olchat_desktop.storage.settings import AppSettings, SettingsStore
from tests.conftest import MemoryKeyring


def test_one_instance_per_data_home(olchat_home: Path, tmp_path: Path) -> None:
    assert shared_secret_store() is shared_secret_store()
    assert shared_secret_store(tmp_path / "other" / "settings.json") is not shared_secret_store()


def test_first_secret_write_remembers_the_backend_in_settings(
    olchat_home: Path, memory_keyring: MemoryKeyring
) -> None:
    settings_file = olchat_home / "settings.json"
    store = shared_secret_store()
    assert store.backend_name == backend_path(memory_keyring)
    assert not settings_file.exists()  # resolving alone remembers nothing
    store.set("p1", "webhook", "value-1")
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["keyring_backend"] == backend_path(memory_keyring)
    assert saved["schema_version"] == 2
    # A second write does not rewrite the settings.
    settings_file.write_text(json.dumps({**saved, "theme": "dark"}), encoding="utf-8")
    store.set("p1", "olchat_token", "value-2")
    assert json.loads(settings_file.read_text(encoding="utf-8"))["theme"] == "dark"


def test_next_run_uses_exactly_the_remembered_backend(
    olchat_home: Path,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings_file = tmp_path / "run2" / "settings.json"
    SettingsStore(settings_file).save(AppSettings(keyring_backend=backend_path(memory_keyring)))
    # Discovery would find nothing now; the remembered back end is loaded by name.
    monkeypatch.setattr(keyring_backends, "discover_backend", lambda: None)
    store = shared_secret_store(settings_file)
    assert store.mode is StoreMode.KEYRING
    assert store.backend_name == backend_path(memory_keyring)


def test_remembered_backend_that_is_gone_is_unavailable_not_memory(
    olchat_home: Path, tmp_path: Path
) -> None:
    settings_file = tmp_path / "run3" / "settings.json"
    SettingsStore(settings_file).save(AppSettings(keyring_backend="keyring.backends.macOS.Keyring"))
    assert shared_secret_store(settings_file).mode is StoreMode.UNAVAILABLE


def test_live_settings_object_is_updated_so_saving_it_later_keeps_the_backend(
    olchat_home: Path, memory_keyring: MemoryKeyring
) -> None:
    settings_store = SettingsStore()
    live = settings_store.load()
    use_settings(live, settings_store)
    shared_secret_store().set("p1", "access_token", "tok")
    assert live.keyring_backend == backend_path(memory_keyring)
    live.theme = "dark"
    settings_store.save(live)  # what the main window does on close
    assert SettingsStore().load().keyring_backend == backend_path(memory_keyring)


def test_newer_settings_file_is_not_overwritten(olchat_home: Path) -> None:
    olchat_home.mkdir(parents=True, exist_ok=True)
    settings_file = olchat_home / "settings.json"
    newer = json.dumps({"schema_version": 99})
    settings_file.write_text(newer, encoding="utf-8")
    shared_secret_store().set("p1", "webhook", "value")  # the secret is still stored
    assert shared_secret_store().get("p1", "webhook") == "value"
    assert settings_file.read_text(encoding="utf-8") == newer
