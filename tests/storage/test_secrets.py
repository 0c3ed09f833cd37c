"""SecretStore logic against in-memory keyring back ends (no OS keyring involved)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import chainer, fail, null
from keyring.compat.properties import classproperty

from olchat_desktop.storage import keyring_backends
from olchat_desktop.storage.keyring_backends import backend_path
from olchat_desktop.storage.secret_errors import SecretErrorKind
from olchat_desktop.storage.secrets import (
    SECRET_KINDS,
    SERVICE_NAME,
    SecretStore,
    SecretStoreError,
    StoreMode,
)
from tests.conftest import MemoryKeyring

SECRET = "https://portal.bitrix24.ru/rest/1/s3cr3t-Секрет/"
# Real keyrings that cannot load on this Linux machine: stand-ins for "nothing usable".
UNUSABLE_HERE = frozenset(
    {"keyring.backends.macOS.Keyring", "keyring.backends.Windows.WinVaultKeyring"}
)


class SwitchableKeyring(MemoryKeyring):
    """Viable only while ``available`` is set, like a keyring daemon that starts later."""

    available = True

    @classproperty
    def priority(cls) -> float:
        if not cls.available:
            raise RuntimeError("daemon not running")
        return 1


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file: viable, high priority, and not allowed."""

    priority = 100


@pytest.fixture
def no_usable_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring resolved to ``fail`` and no allowed back end loads (a headless box)."""
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", UNUSABLE_HERE)
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def switchable(monkeypatch: pytest.MonkeyPatch) -> Iterator[SwitchableKeyring]:
    backend = SwitchableKeyring()
    monkeypatch.setattr(SwitchableKeyring, "available", True)
    monkeypatch.setattr(
        keyring_backends, "ALLOWED_BACKENDS", UNUSABLE_HERE | {backend_path(backend)}
    )
    yield backend


def test_round_trip_uses_one_service_and_profile_kind_username(
    memory_keyring: MemoryKeyring,
) -> None:
    store = SecretStore()
    store.set("p1", "webhook", SECRET)
    assert memory_keyring.passwords == {(SERVICE_NAME, "p1:webhook"): SECRET}
    assert store.get("p1", "webhook") == SECRET
    assert store.get("p1", "access_token") is None
    store.set("p1", "webhook", "replaced")
    assert store.get("p1", "webhook") == "replaced"
    store.delete("p1", "webhook")
    assert store.get("p1", "webhook") is None
    assert memory_keyring.passwords == {}


def test_status_names_the_backend_to_remember(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert store.mode is StoreMode.KEYRING
    assert store.persistent is True
    assert store.backend_name == backend_path(memory_keyring)
    # A later run given the remembered name reads what this run stored.
    store.set("p1", "olchat_token", "tok")
    assert SecretStore(remembered_backend=store.backend_name).get("p1", "olchat_token") == "tok"


def test_deleting_a_missing_secret_is_not_an_error(memory_keyring: MemoryKeyring) -> None:
    SecretStore().delete("nobody", "refresh_token")
    assert memory_keyring.passwords == {}


def test_delete_profile_removes_every_kind_of_that_profile_only(
    memory_keyring: MemoryKeyring,
) -> None:
    store = SecretStore()
    for kind in SECRET_KINDS:
        store.set("gone", kind, f"{kind}-value")
    store.set("kept", "webhook", "kept-value")
    store.delete_profile("gone")
    assert memory_keyring.passwords == {(SERVICE_NAME, "kept:webhook"): "kept-value"}


@pytest.mark.parametrize(
    ("profile_id", "kind", "value"),
    [
        ("p1", "password", "x"),  # unknown kind
        ("", "webhook", "x"),
        ("a:b", "webhook", "x"),  # would make usernames ambiguous
        (" p1", "webhook", "x"),
        ("p1", "webhook", ""),
    ],
)
def test_bad_arguments_are_refused(profile_id: str, kind: str, value: str) -> None:
    with pytest.raises(ValueError):
        SecretStore().set(profile_id, kind, value)  # type: ignore[arg-type]


@pytest.mark.parametrize("current", [fail.Keyring(), null.Keyring(), chainer.ChainerBackend()])
def test_fail_null_and_chainer_are_never_used(
    current: keyring.backend.KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", UNUSABLE_HERE)
    keyring.set_keyring(current)
    store = SecretStore()
    assert store.mode is StoreMode.MEMORY
    store.set("p1", "webhook", SECRET)
    assert store.get("p1", "webhook") == SECRET


def test_plaintext_backend_is_refused_even_when_configured_or_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plaintext = PlaintextKeyring()
    keyring.set_keyring(plaintext)
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", UNUSABLE_HERE)
    store = SecretStore(remembered_backend="keyrings.alt.file.PlaintextKeyring")
    assert store.mode is StoreMode.MEMORY
    store.set("p1", "client_secret", SECRET)
    assert plaintext.passwords == {}


def test_no_keyring_keeps_secrets_in_memory_and_says_so(no_usable_keyring: None) -> None:
    store = SecretStore()
    store.set("p1", "access_token", SECRET)
    assert store.get("p1", "access_token") == SECRET
    assert store.persistent is False
    assert store.backend_name is None
    assert store.location_text("en") == (
        "not stored: no system keyring, forgotten when the app closes"
    )
    assert store.location_text("ru").startswith("не сохраняются: в системе нет хранилища ключей")
    # "This run only": another store (the next app start) does not see it.
    assert SecretStore().get("p1", "access_token") is None
    store.delete_profile("p1")
    assert store.get("p1", "access_token") is None


def test_recheck_moves_memory_secrets_into_a_keyring_that_appeared(
    switchable: SwitchableKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SwitchableKeyring, "available", False)
    keyring.set_keyring(fail.Keyring())
    store = SecretStore()
    store.set("p1", "refresh_token", SECRET)
    assert store.mode is StoreMode.MEMORY

    monkeypatch.setattr(SwitchableKeyring, "available", True)
    keyring.set_keyring(switchable)
    assert store.recheck() is StoreMode.KEYRING
    assert switchable.passwords == {(SERVICE_NAME, "p1:refresh_token"): SECRET}
    assert store.get("p1", "refresh_token") == SECRET


def test_remembered_keyring_missing_is_an_explicit_error_then_recovers(
    switchable: SwitchableKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    switchable.passwords[(SERVICE_NAME, "p1:webhook")] = SECRET
    remembered = backend_path(switchable)
    monkeypatch.setattr(SwitchableKeyring, "available", False)
    keyring.set_keyring(fail.Keyring())

    store = SecretStore(remembered_backend=remembered)
    with pytest.raises(SecretStoreError) as caught:
        store.get("p1", "webhook")
    assert caught.value.kind is SecretErrorKind.BACKEND_GONE
    assert "not available now" in store.location_text("en")
    assert store.backend_name == remembered

    # The daemon starts (or the user unlocks it): the same store notices on the next call.
    monkeypatch.setattr(SwitchableKeyring, "available", True)
    keyring.set_keyring(switchable)
    assert store.get("p1", "webhook") == SECRET


def test_a_keyring_that_held_secrets_is_not_swapped_for_memory_silently(
    switchable: SwitchableKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(switchable)
    store = SecretStore()
    store.set("p1", "webhook", SECRET)
    monkeypatch.setattr(SwitchableKeyring, "available", False)
    keyring.set_keyring(fail.Keyring())
    assert store.recheck() is StoreMode.UNAVAILABLE
    with pytest.raises(SecretStoreError) as caught:
        store.get("p1", "webhook")
    assert caught.value.kind is SecretErrorKind.BACKEND_GONE


def test_use_any_backend_drops_a_missing_remembered_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        keyring_backends, "ALLOWED_BACKENDS", keyring_backends.ALLOWED_BACKENDS | UNUSABLE_HERE
    )
    store = SecretStore(remembered_backend="keyring.backends.macOS.Keyring")
    assert store.mode is StoreMode.UNAVAILABLE
    assert "Keychain" in store.location_text("en")
    assert store.use_any_backend() is StoreMode.KEYRING
    assert store.backend_name == backend_path(memory_keyring)


class ConcurrencyProbe(MemoryKeyring):
    """Records how many calls run at once; the sleep widens the window for a race."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.most_inside = 0

    def set_password(self, service: str, username: str, password: str) -> None:
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        time.sleep(0.001)
        super().set_password(service, username, password)
        self.inside -= 1


def test_access_is_serialised_across_threads_and_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    probe = ConcurrencyProbe()
    keyring.set_keyring(probe)
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", frozenset({backend_path(probe)}))

    def worker(n: int) -> None:
        store = SecretStore()
        for i in range(5):
            store.set(f"p{n}", "access_token", f"token-{n}-{i}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert probe.most_inside == 1
    assert len(probe.passwords) == 8


def test_values_never_reach_logs_or_reprs(
    memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore()
    store.set("p1", "webhook", SECRET)
    store.get("p1", "webhook")
    store.delete_profile("p1")
    assert SECRET not in caplog.text
    assert SECRET not in repr(store)
    assert "p1" in caplog.text  # the log does say what happened


@pytest.mark.parametrize(
    ("remembered", "en", "ru"),
    [
        ("keyring.backends.macOS.Keyring", "in Keychain", "в Связке ключей"),
        (
            "keyring.backends.Windows.WinVaultKeyring",
            "in Windows Credential Manager",
            "в Диспетчере учётных данных Windows",
        ),
        ("keyring.backends.kwallet.DBusKeyring", "in KWallet", "в KWallet"),
    ],
)
def test_location_names_each_os_keyring(
    remembered: str, en: str, ru: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None of these loads on the Linux test machine, so the store reports them as missing.
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", frozenset({remembered}))
    keyring.set_keyring(fail.Keyring())
    store = SecretStore(remembered_backend=remembered)
    assert store.location_text("en") == f"{en}, not available now"
    assert store.location_text("ru") == f"{ru}, но сейчас недоступно"
