"""Errors of the connections service that are not Bitrix24, OLChat or keyring errors."""

from __future__ import annotations

from olchat_desktop.core.i18n import Lang, text


class MissingSecretError(Exception):
    """A profile's secret is not in the keyring (or was never given): ask for it again."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(self.user_message("en"))

    def user_message(self, lang: Lang = "en") -> str:
        return text(lang, "The connection '{name}' has no stored secret: enter it again.").format(
            name=self.name
        )


def user_message(error: BaseException, lang: Lang) -> str:
    """One line for a person, for any error a connections task can end with."""
    message = getattr(error, "user_message", None)
    if callable(message):
        try:
            return str(message(lang))
        except TypeError:
            return str(message())
    text = getattr(error, "message", None)
    if callable(text):
        return str(text(lang))
    from olchat_desktop.redaction import redact

    # Unknown error types: the class name plus redacted text, never a secret.
    return redact(f"{type(error).__name__}: {error}")
