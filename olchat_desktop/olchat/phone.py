"""Phone numbers as OLChat wants them: digits only, Russian numbers starting with 7.

OLChat's REST page: "в параметр «Номер телефона» необходимо вписывать значение через «7»
в начале номера" (docs.olchat.io/ispolzovanie/rest-api-dlya-raboty-s-whatsapp). The rules
themselves live in :mod:`olchat_desktop.core.phone`; this adds the client's typed error.
"""

from __future__ import annotations

from olchat_desktop.core.phone import is_valid_phone, normalize_phone
from olchat_desktop.olchat.errors import InvalidPhoneError


def normalise_phone(text: str) -> str:
    """``+7 (999) 123-45-67``, ``8 999 123 45 67`` or ``9991234567`` → ``79991234567``.

    Non-Russian international numbers keep their digits. Raises :class:`InvalidPhoneError`
    for anything that is not a literal number (letters, Bitrix24 expressions, too short).
    """
    if not is_valid_phone(text):
        raise InvalidPhoneError("not a phone number: 10–15 digits expected")
    return normalize_phone(text)
