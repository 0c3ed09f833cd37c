"""One error type for every keyring failure, with a message a user can act on (ru/en).

``keyring`` and its back ends raise a zoo of exceptions: ``KeyringLocked``, ``InitError``,
``NoKeyringError``, ``PasswordSetError``, ``PasswordDeleteError``, SecretStorage and jeepney
D-Bus errors, plain ``RuntimeError``/``OSError``. Maestral maps them to one access error
with a title and a message (qt_anchors.md §4.1); we do the same, and never copy a secret
value into the error text.
"""

from __future__ import annotations

from enum import Enum

from keyring import errors as keyring_errors

from olchat_desktop.core.i18n import N_, Lang, text


class SecretErrorKind(Enum):
    LOCKED = "locked"
    NO_BACKEND = "no_backend"
    INIT_FAILED = "init_failed"
    SET_FAILED = "set_failed"
    DELETE_FAILED = "delete_failed"
    UNAVAILABLE = "unavailable"
    BACKEND_GONE = "backend_gone"
    FAILED = "failed"


# {where}: the keyring's name (its msgid, translated when the message is shown).
_MESSAGES: dict[SecretErrorKind, str] = {
    SecretErrorKind.LOCKED: N_("The keyring ({where}) is locked. Unlock it and try again."),
    SecretErrorKind.NO_BACKEND: N_("There is no system keyring: the secret was not saved."),
    SecretErrorKind.INIT_FAILED: N_(
        "Could not open the keyring ({where}). Check that it is running."
    ),
    SecretErrorKind.SET_FAILED: N_("Could not save the secret in the keyring ({where})."),
    SecretErrorKind.DELETE_FAILED: N_("Could not delete the secret from the keyring ({where})."),
    SecretErrorKind.UNAVAILABLE: N_(
        "The keyring ({where}) is not responding (D-Bus error). Try again later."
    ),
    SecretErrorKind.BACKEND_GONE: N_(
        "Secrets were saved in {where}, which is not available now. Start or unlock it and try "
        "again."
    ),
    SecretErrorKind.FAILED: N_("The keyring ({where}) reported an error."),
}

_TITLE = N_("Keyring")

# SecretStorage/jeepney classes are matched by name so this module never imports them
# (they exist on Linux only).
_LOCKED_NAMES = frozenset({"LockedException", "PromptDismissedException"})
_DBUS_NAMES = frozenset(
    {
        "SecretServiceNotAvailableException",
        "SecretStorageException",
        "DBusErrorResponse",
        "ItemNotFoundException",
    }
)


class SecretStoreError(Exception):
    """A keyring operation failed. ``str()`` is the English message; it never holds a secret."""

    def __init__(
        self,
        kind: SecretErrorKind,
        where: str,
        detail: str = "",
    ) -> None:
        self.kind = kind
        self.where = where  # the keyring's display name: a msgid (N_) or a product name
        # The failing exception's class name, for logs and bug reports (no message text:
        # back-end messages are free-form and we cannot vouch for their content).
        self.detail = detail
        super().__init__(self.user_message("en"))

    def title(self, lang: Lang) -> str:
        return text(lang, _TITLE)

    def user_message(self, lang: Lang) -> str:
        return text(lang, _MESSAGES[self.kind]).format(where=text(lang, self.where))

    def __repr__(self) -> str:
        return f"SecretStoreError(kind={self.kind.value!r}, detail={self.detail!r})"


def classify(exc: BaseException) -> SecretErrorKind:
    """Which user-facing failure a raw keyring/back-end exception stands for."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if isinstance(exc, keyring_errors.KeyringLocked) or names & _LOCKED_NAMES:
        return SecretErrorKind.LOCKED
    if isinstance(exc, keyring_errors.NoKeyringError):
        return SecretErrorKind.NO_BACKEND
    if isinstance(exc, keyring_errors.InitError):
        return SecretErrorKind.INIT_FAILED
    if isinstance(exc, keyring_errors.PasswordSetError):
        return SecretErrorKind.SET_FAILED
    if isinstance(exc, keyring_errors.PasswordDeleteError):
        return SecretErrorKind.DELETE_FAILED
    if names & _DBUS_NAMES or isinstance(exc, OSError):
        return SecretErrorKind.UNAVAILABLE
    return SecretErrorKind.FAILED
