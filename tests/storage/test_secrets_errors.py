"""Every keyring failure becomes one SecretStoreError with a ru/en message and no secret."""

from __future__ import annotations

import logging

import keyring
import pytest
import secretstorage.exceptions as ss_errors
from jeepney.low_level import Header, HeaderFields, Message, MessageType
from jeepney.wrappers import DBusErrorResponse
from keyring import errors as kr

from olchat_desktop.storage import keyring_backends
from olchat_desktop.storage.secret_errors import SecretErrorKind
from olchat_desktop.storage.secrets import SERVICE_NAME, SecretStore, SecretStoreError
from tests.conftest import MemoryKeyring

SECRET = "whk-7f3a9-Секрет"


def dbus_error() -> DBusErrorResponse:
    header = Header(
        endianness="<",
        message_type=MessageType.error,
        flags=0,
        protocol_version=1,
        body_length=0,
        serial=1,
        fields={HeaderFields.error_name: "org.freedesktop.DBus.Error.ServiceUnknown"},
    )
    return DBusErrorResponse(Message(header, ()))


class RaisingKeyring(MemoryKeyring):
    """Raises ``error`` from every operation; the message carries the value to prove
    that no back-end text reaches our error, its repr or the log."""

    error: Exception = RuntimeError()

    def _raise(self, password: str | None = None) -> None:
        error = self.error
        error.args = (f"backend says: {password or SECRET}",)
        raise error

    def get_password(self, service: str, username: str) -> str | None:
        self._raise()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._raise(password)

    def delete_password(self, service: str, username: str) -> None:
        self._raise()


CASES: list[tuple[Exception, SecretErrorKind]] = [
    (kr.KeyringLocked(), SecretErrorKind.LOCKED),
    (kr.InitError(), SecretErrorKind.INIT_FAILED),
    (kr.NoKeyringError(), SecretErrorKind.NO_BACKEND),
    (kr.PasswordSetError(), SecretErrorKind.SET_FAILED),
    (kr.KeyringError(), SecretErrorKind.FAILED),
    (ss_errors.LockedException(), SecretErrorKind.LOCKED),
    (ss_errors.PromptDismissedException(), SecretErrorKind.LOCKED),
    (ss_errors.SecretServiceNotAvailableException(), SecretErrorKind.UNAVAILABLE),
    (dbus_error(), SecretErrorKind.UNAVAILABLE),
    (ConnectionRefusedError(), SecretErrorKind.UNAVAILABLE),
    (RuntimeError(), SecretErrorKind.FAILED),
]


@pytest.fixture
def raising(monkeypatch: pytest.MonkeyPatch) -> RaisingKeyring:
    backend = RaisingKeyring()
    keyring.set_keyring(backend)
    allowed = frozenset({keyring_backends.backend_path(backend)})
    monkeypatch.setattr(keyring_backends, "ALLOWED_BACKENDS", allowed)
    return backend


@pytest.mark.parametrize("operation", ["set", "get", "delete"])
@pytest.mark.parametrize(("error", "kind"), CASES, ids=lambda c: getattr(c, "value", None))
def test_each_keyring_error_maps_to_one_error_type(
    raising: RaisingKeyring,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    kind: SecretErrorKind,
    operation: str,
) -> None:
    monkeypatch.setattr(RaisingKeyring, "error", error)
    caplog.set_level(logging.DEBUG)
    store = SecretStore()
    with pytest.raises(SecretStoreError) as caught:
        if operation == "set":
            store.set("p1", "webhook", SECRET)
        elif operation == "get":
            store.get("p1", "webhook")
        else:
            store.delete("p1", "webhook")
    err = caught.value
    assert err.kind is kind
    assert err.detail == type(error).__name__
    ru, en = err.user_message("ru"), err.user_message("en")
    assert ru != en and ru and en
    assert str(err) == en
    assert err.title("ru") == "Хранилище ключей"
    for text in (str(err), repr(err), ru, en, caplog.text):
        assert SECRET not in text
    # The raw exception is not chained, so a logged traceback cannot show its message.
    assert err.__cause__ is None and err.__suppress_context__


def test_messages_name_the_problem_and_the_keyring(raising: RaisingKeyring) -> None:
    raising.error = kr.KeyringLocked()
    with pytest.raises(SecretStoreError) as caught:
        SecretStore().get("p1", "webhook")
    assert "is locked. Unlock it" in caught.value.user_message("en")
    assert "заблокировано" in caught.value.user_message("ru")
    assert "RaisingKeyring" in caught.value.user_message("en")


class StuckDeleteKeyring(MemoryKeyring):
    """Refuses deletes although the secret is there (a real delete failure)."""

    def delete_password(self, service: str, username: str) -> None:
        raise kr.PasswordDeleteError("refused")


def test_a_real_delete_failure_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = StuckDeleteKeyring()
    backend.passwords[(SERVICE_NAME, "p1:webhook")] = SECRET
    keyring.set_keyring(backend)
    monkeypatch.setattr(
        keyring_backends, "ALLOWED_BACKENDS", frozenset({keyring_backends.backend_path(backend)})
    )
    store = SecretStore()
    with pytest.raises(SecretStoreError) as caught:
        store.delete("p1", "webhook")
    assert caught.value.kind is SecretErrorKind.DELETE_FAILED
    # delete_profile stops at the failure instead of pretending the profile is clean.
    with pytest.raises(SecretStoreError):
        store.delete_profile("p1")
    store.delete("p1", "access_token")  # missing: PasswordDeleteError is not a failure


class LockedOnceKeyring(MemoryKeyring):
    """Locked on the first call, then unlocked by the user."""

    def __init__(self) -> None:
        super().__init__()
        self.locked = True

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            self.locked = False
            raise kr.KeyringLocked("locked")
        return super().get_password(service, username)


def test_store_keeps_working_after_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = LockedOnceKeyring()
    backend.passwords[(SERVICE_NAME, "p1:webhook")] = SECRET
    keyring.set_keyring(backend)
    monkeypatch.setattr(
        keyring_backends, "ALLOWED_BACKENDS", frozenset({keyring_backends.backend_path(backend)})
    )
    store = SecretStore()
    with pytest.raises(SecretStoreError):
        store.get("p1", "webhook")
    assert store.get("p1", "webhook") == SECRET
