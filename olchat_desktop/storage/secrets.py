"""SecretStore: webhook secrets and tokens in the OS keyring, and nowhere else.

Semantics copied from Maestral's ``CredentialStorage`` (qt_anchors.md §4.1, §6.5) and
shaped by Vorta's bugs (§1.3):

* only real OS keyrings from an allow-list are used (``keyring_backends``: which ones, how
  one is found, what users call it);
* the chosen back end's dotted class path is exposed as :attr:`SecretStore.backend_name` so
  the caller can remember it in settings and pass it back next run; a remembered back end
  that disappears is an explicit error, not a silent "no password";
* every keyring failure becomes one :class:`SecretStoreError` with a ru/en message, and
  the next call resolves the back end again (Vorta #616: unlocking later must be noticed);
* one lock serialises all access: the keyring back end and its D-Bus use are process-wide;
* with no usable keyring, secrets live in this process's memory only and
  :meth:`SecretStore.location_text` says so. There is no plaintext fallback.

This module does no I/O of its own besides ``keyring`` calls, and never logs a value.
Calls may block (D-Bus, unlock prompts): run them off the GUI thread.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import Final, Literal, TypeVar, get_args

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.storage import keyring_backends as backends
from olchat_desktop.storage.keyring_backends import backend_path
from olchat_desktop.storage.secret_errors import SecretErrorKind, SecretStoreError, classify

__all__ = [
    "SECRET_KINDS",
    "SERVICE_NAME",
    "SecretKind",
    "SecretStore",
    "SecretStoreError",
    "StoreMode",
]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

SERVICE_NAME: Final = "olchat-desktop"
SecretKind = Literal["webhook", "client_secret", "access_token", "refresh_token", "olchat_token"]
SECRET_KINDS: Final[tuple[SecretKind, ...]] = get_args(SecretKind)


class StoreMode(Enum):
    KEYRING = "keyring"  # a real keyring holds the secrets
    MEMORY = "memory"  # no keyring: this run only
    UNAVAILABLE = "unavailable"  # the remembered keyring is gone; every call fails clearly


class SecretStore:
    """Secrets per (profile id, kind) under one keyring service name.

    ``remembered_backend`` is the :attr:`backend_name` saved by the caller after an earlier
    successful :meth:`set`; when given, exactly that keyring is used. ``on_backend_chosen``
    is called with the back end's dotted path once a secret has been written to a keyring
    that was not remembered yet, so the caller can persist it (``secret_store_factory``).
    """

    # Class-level: one keyring back end (and one D-Bus connection logic) per process.
    _lock: Final = threading.RLock()

    def __init__(
        self,
        remembered_backend: str | None = None,
        on_backend_chosen: Callable[[str], None] | None = None,
    ) -> None:
        if remembered_backend is not None and remembered_backend not in backends.ALLOWED_BACKENDS:
            log.warning(
                "ignoring remembered keyring %s: not an allowed back end", remembered_backend
            )
            remembered_backend = None
        self._remembered = remembered_backend
        self._reported = remembered_backend  # last path handed to on_backend_chosen
        self._on_backend_chosen = on_backend_chosen
        self._backend: KeyringBackend | None = None
        self._mode: StoreMode | None = None  # None: resolve on next use
        self._memory: dict[tuple[str, str], str] = {}

    def __repr__(self) -> str:
        return f"SecretStore(mode={self._mode}, backend={self._current_name()!r})"

    # -- status ------------------------------------------------------------------------

    @property
    def mode(self) -> StoreMode:
        with self._lock:
            self._ensure_resolved()
            assert self._mode is not None
            return self._mode

    @property
    def resolved(self) -> bool:
        """Whether the keyring was already looked up, so that status reads are instant.

        Looking it up talks to D-Bus (or the OS keychain): UIs do that off the GUI thread
        first, by reading :attr:`mode` in a background task.
        """
        with self._lock:
            return self._mode is not None and self._mode is not StoreMode.UNAVAILABLE

    @property
    def persistent(self) -> bool:
        """True when secrets survive a restart (a real keyring holds them)."""
        return self.mode is StoreMode.KEYRING

    @property
    def backend_name(self) -> str | None:
        """Dotted path of the keyring in use (or remembered but missing); None in memory mode."""
        with self._lock:
            self._ensure_resolved()
            return self._current_name()

    def location_text(self, lang: Lang) -> str:
        """Where secrets go, for the connections screen: "in GNOME Keyring", "not stored: …"."""
        mode = self.mode
        if mode is StoreMode.MEMORY:
            return text(lang, "not stored: no system keyring, forgotten when the app closes")
        where = backends.location(backends.backend_name(self.backend_name or ""), lang)
        if mode is StoreMode.UNAVAILABLE:
            return text(lang, "{where}, not available now").format(where=where)
        return where

    def recheck(self) -> StoreMode:
        """Resolve the keyring again (e.g. after the user started or unlocked it).

        Secrets held in memory move into the keyring once one is available.
        """
        with self._lock:
            self._mode = None
            self._ensure_resolved()
            if self._mode is StoreMode.KEYRING and self._memory:
                for (profile_id, kind), value in list(self._memory.items()):
                    username = f"{profile_id}:{kind}"
                    self._keyring_call(
                        functools.partial(_set_password, username=username, value=value)
                    )
                    del self._memory[(profile_id, kind)]
                self._remember_current()
            assert self._mode is not None
            return self._mode

    def use_any_backend(self) -> StoreMode:
        """Forget the remembered keyring and pick the best available one (user's choice)."""
        with self._lock:
            self._remembered = None
            return self.recheck()

    # -- secrets -----------------------------------------------------------------------

    def set(self, profile_id: str, kind: SecretKind, value: str) -> None:
        username = _username(profile_id, kind)
        if not isinstance(value, str) or not value:
            raise ValueError("a secret must be a non-empty string")
        with self._lock:
            if self._memory_mode():
                self._memory[(profile_id, kind)] = value
                return
            self._keyring_call(functools.partial(_set_password, username=username, value=value))
            # From now on this keyring holds secrets: if it goes away later in this run, say
            # so instead of silently falling back to memory and "losing" them (Maestral).
            self._remember_current()
            log.info("secret %s stored for profile %s", kind, profile_id)

    def get(self, profile_id: str, kind: SecretKind) -> str | None:
        username = _username(profile_id, kind)
        with self._lock:
            if self._memory_mode():
                return self._memory.get((profile_id, kind))
            return self._keyring_call(lambda b: b.get_password(SERVICE_NAME, username))

    def delete(self, profile_id: str, kind: SecretKind) -> None:
        """Delete one secret; deleting a missing secret is not an error."""
        username = _username(profile_id, kind)
        with self._lock:
            if self._memory_mode():
                self._memory.pop((profile_id, kind), None)
                return
            self._keyring_call(lambda b: _delete_if_present(b, username))
            log.info("secret %s deleted for profile %s", kind, profile_id)

    def delete_profile(self, profile_id: str) -> None:
        """Delete every kind of secret of one profile (used when the profile is removed)."""
        for kind in SECRET_KINDS:
            self.delete(profile_id, kind)

    # -- internals ---------------------------------------------------------------------

    def _memory_mode(self) -> bool:
        self._ensure_resolved()
        return self._mode is StoreMode.MEMORY

    def _keyring_call(self, operation: Callable[[KeyringBackend], _T]) -> _T:
        self._ensure_resolved()
        if self._backend is None:
            # Remembered keyring missing: fail now, it is looked for again on the next call.
            raise self._error(SecretErrorKind.BACKEND_GONE, "")
        try:
            return operation(self._backend)
        except Exception as exc:
            self._mode = None  # availability is re-checked on the next call
            log.warning("keyring operation failed: %s", type(exc).__name__)
            # ``from None``: the back end's own message is free-form, keep it out of logs.
            raise self._error(classify(exc), type(exc).__name__) from None

    def _remember_current(self) -> None:
        """Remember the keyring that now holds secrets; tell the caller once per change."""
        self._remembered = self._current_name()
        name = self._remembered
        if name is None or name == self._reported or self._on_backend_chosen is None:
            return
        self._reported = name
        try:
            self._on_backend_chosen(name)
        except Exception as exc:  # the secret is stored; failing to note where must not undo it
            log.warning("could not remember the keyring back end: %s", type(exc).__name__)

    def _current_name(self) -> str | None:
        if self._backend is not None:
            return backend_path(self._backend)
        return self._remembered

    def _error(self, kind: SecretErrorKind, detail: str) -> SecretStoreError:
        return SecretStoreError(kind, backends.backend_name(self._current_name() or ""), detail)

    def _ensure_resolved(self) -> None:
        # An unavailable remembered keyring is looked for again on every use.
        if self._mode is not None and self._mode is not StoreMode.UNAVAILABLE:
            return
        if self._remembered is not None:
            self._backend = backends.load_allowed(self._remembered)
            self._mode = StoreMode.KEYRING if self._backend else StoreMode.UNAVAILABLE
        else:
            self._backend = backends.discover_backend()
            self._mode = StoreMode.KEYRING if self._backend else StoreMode.MEMORY
        log.info("secret store: %s (%s)", self._mode.value, self._current_name() or "-")


def _username(profile_id: str, kind: str) -> str:
    if kind not in SECRET_KINDS:
        raise ValueError(f"unknown secret kind {kind!r}")
    if not profile_id or ":" in profile_id or profile_id.strip() != profile_id:
        raise ValueError(f"invalid profile id {profile_id!r}")
    return f"{profile_id}:{kind}"


def _set_password(backend: KeyringBackend, *, username: str, value: str) -> None:
    backend.set_password(SERVICE_NAME, username, value)


def _delete_if_present(backend: KeyringBackend, username: str) -> None:
    try:
        backend.delete_password(SERVICE_NAME, username)
    except PasswordDeleteError:
        # Back ends raise this both for "no such secret" and for a real failure.
        if backend.get_password(SERVICE_NAME, username) is not None:
            raise
