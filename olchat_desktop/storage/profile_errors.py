"""Errors of the profile store, each with a translatable message that says what to do."""

from __future__ import annotations

from enum import Enum

from olchat_desktop.core.i18n import N_, Lang, text


class ProfilesErrorKind(Enum):
    CORRUPT = "corrupt"
    NEWER_VERSION = "newer_version"
    NOT_FOUND = "not_found"
    DUPLICATE_NAME = "duplicate_name"
    CA_BUNDLE = "ca_bundle"
    WRITE_FAILED = "write_failed"


_MESSAGES: dict[ProfilesErrorKind, str] = {
    ProfilesErrorKind.CORRUPT: N_(
        "The connections file is damaged ({reason}). It was kept as {path}; add the connections "
        "again."
    ),
    ProfilesErrorKind.NEWER_VERSION: N_(
        "The connections file {path} was written by a newer version of the app (schema "
        "{version}). Update the app; the file will not be changed."
    ),
    ProfilesErrorKind.NOT_FOUND: N_("Connection {name} was not found."),
    ProfilesErrorKind.DUPLICATE_NAME: N_("A connection named “{name}” already exists."),
    ProfilesErrorKind.CA_BUNDLE: N_("The certificate file {path} cannot be used: {reason}."),
    ProfilesErrorKind.WRITE_FAILED: N_(
        "Could not write {path}: {reason}. The previous file is unchanged."
    ),
}


class ProfilesError(Exception):
    """A profile operation failed; ``user_message(lang)`` says what and what to do."""

    def __init__(self, kind: ProfilesErrorKind, **details: str) -> None:
        self.kind = kind
        self.details = details
        super().__init__(self.user_message("en"))

    def user_message(self, lang: Lang) -> str:
        return text(lang, _MESSAGES[self.kind]).format(**self.details)
