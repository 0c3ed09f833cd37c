"""One SecretStore per process (and data home), with its keyring back end remembered.

Every place that needs secrets (connections dialog, send dialog, robots dialog, the
``send-test`` command) takes its store from :func:`shared_secret_store`, so that the
keyring is resolved once, one lock guards it, and secrets kept in memory on a machine
without a keyring are the same for every dialog of this run.

The settings are read once, when the store is first built: ``keyring_backend`` names the
keyring chosen in an earlier run, and :class:`SecretStore` uses exactly that one. After the
first successful secret write to a keyring not remembered yet, its path is saved back into
``settings.json``. The main window keeps its own :class:`AppSettings` and saves it on
close; :func:`use_settings` lets it hand that live object over so the remembered back end
is not overwritten by a stale copy.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from olchat_desktop.storage.settings import AppSettings, SettingsStore

if TYPE_CHECKING:
    # keyring is imported on first use, not at start-up (app.py calls use_settings).
    from olchat_desktop.storage.secrets import SecretStore

__all__ = ["shared_secret_store", "use_settings"]

log = logging.getLogger(__name__)
_lock = threading.Lock()
# Keyed by settings path: a process normally has one data home; tests get one per test.
_stores: dict[Path, SecretStore] = {}
_live: dict[Path, tuple[AppSettings, SettingsStore]] = {}


def use_settings(settings: AppSettings, store: SettingsStore) -> None:
    """Share the app's live settings object (the main window saves it on close)."""
    with _lock:
        _live[store.path.resolve()] = (settings, store)


def shared_secret_store(settings_path: Path | None = None) -> SecretStore:
    """The process's SecretStore for the data home's settings (built on first use)."""
    from olchat_desktop.storage.secrets import SecretStore

    if settings_path is None:
        from olchat_desktop.paths import settings_path as default_settings_path

        settings_path = default_settings_path()
    key = Path(settings_path).resolve()
    with _lock:
        store = _stores.get(key)
        if store is None:
            settings, _settings_store = _settings_for(key)
            store = SecretStore(
                remembered_backend=settings.keyring_backend,
                on_backend_chosen=lambda name: _remember_backend(key, name),
            )
            _stores[key] = store
        return store


def _settings_for(key: Path) -> tuple[AppSettings, SettingsStore]:
    live = _live.get(key)
    if live is not None:
        return live
    settings_store = SettingsStore(key)
    return settings_store.load(), settings_store


def _remember_backend(key: Path, name: str) -> None:
    """Save the keyring's path into settings.json (called by SecretStore after a write)."""
    with _lock:
        settings, settings_store = _settings_for(key)
        settings.keyring_backend = name
        # A file from a newer app version is never overwritten (save returns False).
        if not settings_store.save(settings):
            log.info("keyring back end not saved: settings are read-only")
