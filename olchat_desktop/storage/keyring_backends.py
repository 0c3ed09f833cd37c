"""Which OS keyrings the secret store may use, how to find one, and what users call it.

Only real OS keyrings from an allow-list are used; never ``fail``, ``null``, ``chainer`` (it
may fall through to a plaintext ring) or ``keyrings.alt`` files (qt_anchors.md §4.1, §6.5).
:class:`~olchat_desktop.storage.secrets.SecretStore` reads :data:`ALLOWED_BACKENDS` and
calls :func:`discover_backend` / :func:`load_allowed` through this module at call time, so
the tests can allow their in-memory keyring or take every keyring away.

Finding a keyring may block (D-Bus, the OS keychain): call it off the GUI thread.
"""

from __future__ import annotations

import logging
from typing import Final

import keyring
import keyring.core
from keyring.backend import KeyringBackend

from olchat_desktop.core.i18n import N_, Lang, text

log = logging.getLogger(__name__)

# Real OS keyrings only. Read at call time (not bound as a default argument) so the test
# suite can add its in-memory back end for tests that must not touch a real keyring.
ALLOWED_BACKENDS: frozenset[str] = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)

# Display names: product names as they are, or msgids where the system translates them.
_BACKEND_NAMES: Final[dict[str, str]] = {
    "keyring.backends.SecretService.Keyring": "GNOME Keyring",
    "keyring.backends.libsecret.Keyring": "GNOME Keyring",
    "keyring.backends.macOS.Keyring": N_("Keychain"),
    "keyring.backends.Windows.WinVaultKeyring": N_("Windows Credential Manager"),
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet",
}
# "in <keyring>" where Russian declines the name (в Связке ключей); others: "in {name}".
_LOCATIONS: Final[dict[str, str]] = {
    "Keychain": N_("in Keychain"),
    "Windows Credential Manager": N_("in Windows Credential Manager"),
}


def backend_path(backend: KeyringBackend | type[KeyringBackend]) -> str:
    """Dotted class path of a keyring back end, the form ``keyring.core.load_keyring`` takes."""
    cls = backend if isinstance(backend, type) else type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def backend_name(path: str) -> str:
    """The keyring as users know it ("GNOME Keyring"), or the last parts of its path."""
    if path in _BACKEND_NAMES:
        return _BACKEND_NAMES[path]
    return " ".join(path.rsplit(".", 2)[-2:])


def location(name: str, lang: Lang) -> str:
    """Where secrets go, "in GNOME Keyring", in ``lang`` (Russian declines some names)."""
    msgid = _LOCATIONS.get(name)
    return text(lang, msgid) if msgid else text(lang, "in {name}").format(name=text(lang, name))


def _current_backend() -> KeyringBackend | None:
    """keyring's configured back end (environment, keyringrc, ``set_keyring``), if any."""
    try:
        return keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc or plugin must not crash the app
        log.warning("keyring configuration failed: %s", type(exc).__name__)
        return None


def load_allowed(path: str) -> KeyringBackend | None:
    """Exactly the back end ``path``, or None when it is not allowed or not usable here."""
    if path not in ALLOWED_BACKENDS:
        return None
    current = _current_backend()
    if current is not None and backend_path(current) == path:
        return current
    try:
        # load_keyring evaluates ``priority``, which raises when the back end is not viable
        # (no D-Bus, daemon neither running nor activatable, wrong platform).
        return keyring.core.load_keyring(path)
    except Exception as exc:
        log.info("keyring %s not usable: %s", path, type(exc).__name__)
        return None


def discover_backend() -> KeyringBackend | None:
    """The configured back end if allowed, else the best allowed one that works now.

    ``keyring.backend.get_all_keyring`` is cached for the process, so viability is
    evaluated here on every resolution instead.
    """
    current = _current_backend()
    if current is not None and backend_path(current) in ALLOWED_BACKENDS:
        return current
    usable = [b for b in map(load_allowed, sorted(ALLOWED_BACKENDS)) if b is not None]
    return max(usable, key=lambda b: float(b.priority), default=None)
