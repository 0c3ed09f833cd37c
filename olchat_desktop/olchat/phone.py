"""Phone numbers as OLChat wants them: digits only, Russian numbers starting with 7.

OLChat's REST page: "в параметр «Номер телефона» необходимо вписывать значение через «7»
в начале номера" (docs.olchat.io/ispolzovanie/rest-api-dlya-raboty-s-whatsapp); its new
docs show the international form ``79991234567``.

TODO: switch to ``olchat_desktop.core.phone``'s normalise function once it lands (another
helper is writing it); this private version only covers what the REST client needs.
"""

from __future__ import annotations

import re

from olchat_desktop.olchat.errors import InvalidPhoneError

_ALLOWED = re.compile(r"^[\d\s()+\-.]+$")
MIN_DIGITS = 10  # E.164 subscriber numbers are 8–15 digits; Russian ones are 11
MAX_DIGITS = 15


def normalise_phone(text: str) -> str:
    """``+7 (999) 123-45-67``, ``8 999 123 45 67`` or ``9991234567`` → ``79991234567``.

    Non-Russian international numbers keep their digits. Raises :class:`InvalidPhoneError`
    for anything that is not a phone number (letters, Bitrix24 expressions, too short).
    """
    stripped = text.strip()
    if not stripped or not _ALLOWED.match(stripped):
        raise InvalidPhoneError("not a phone number")
    digits = re.sub(r"\D", "", stripped)
    if len(digits) == 11 and digits.startswith("8") and not stripped.startswith("+"):
        digits = "7" + digits[1:]  # Russian trunk prefix 8 → country code 7
    elif len(digits) == 10 and digits.startswith("9"):
        digits = "7" + digits  # a Russian mobile written without the country code
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise InvalidPhoneError(f"{len(digits)} digits")
    return digits
