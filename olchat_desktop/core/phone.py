"""The robot's phone field: a literal number or a Bitrix24 expression.

OLChat wants numbers as digits starting with the country code, "7" for Russia
(REST API page; new docs' phone-check robot: ``79991234567``). People type
``+7 (999) 123-45-67`` or the domestic ``8 999 123 45 67``; both mean ``79991234567``.

A multi-value CRM phone field (``{{Телефон}}`` = ``{=Document:PHONE}``, also
``{{Контакт: Телефон}}``) holds every number of the item: OLChat sends to the first one
that has WhatsApp, and a robot that waits for a reply fails outright (OLChat docs,
"Особенности использования номеров в роботах"). The text forms ``{{Телефон (текст)}}`` /
``PHONE_PRINTABLE`` and ``{{=firstvalue(...)}}`` are what the docs suggest instead, so they
are not flagged.
"""

from __future__ import annotations

import re
from typing import Final

from olchat_desktop.core import limits
from olchat_desktop.core.expressions import Expression, find_expressions

# What people put around the digits of a number; anything else makes it invalid.
_PHONE_PUNCTUATION_RE = re.compile(r"[\s+()\-.]")
_NON_DIGIT_RE = re.compile(r"\D")
_MULTI_VALUE_DISPLAY_NAMES: Final = frozenset({"телефон", "phone"})
_MULTI_VALUE_FIELD_CODES: Final = frozenset({"PHONE"})


def normalize_phone(raw: str) -> str:
    """Digits only, in international form: a domestic 8-prefix and a bare 10-digit Russian
    mobile number (starting with 9) become 7-prefixed."""
    digits = _NON_DIGIT_RE.sub("", raw)
    if len(digits) == 11 and digits.startswith("8"):
        return "7" + digits[1:]
    if len(digits) == 10 and digits.startswith("9"):
        return "7" + digits
    return digits


def is_valid_phone(raw: str) -> bool:
    """A literal number: only digits and the usual punctuation, 10 to 15 digits once
    normalised."""
    if _PHONE_PUNCTUATION_RE.sub("", raw) != _NON_DIGIT_RE.sub("", raw):
        return False
    digits = normalize_phone(raw)
    return limits.PHONE_MIN_DIGITS <= len(digits) <= limits.PHONE_MAX_DIGITS


def is_expression_phone(raw: str) -> bool:
    """The field holds a Bitrix24 expression: it is filled in at run time."""
    return bool(find_expressions(raw))


def _is_multi_value(expression: Expression) -> bool:
    if expression.kind == "display":
        # "{{Контакт: Телефон}}" names the field after the last colon.
        field_name = expression.name.rsplit(":", 1)[-1].strip().casefold()
        return field_name in _MULTI_VALUE_DISPLAY_NAMES
    if expression.kind == "document" and not expression.modifier:
        # "{=Document:CONTACT.PHONE}" is the contact's phone field from a deal.
        field_code = expression.name.rsplit(".", 1)[-1].strip().upper()
        return field_code in _MULTI_VALUE_FIELD_CODES
    return False


def multi_value_phone_expressions(raw: str) -> tuple[Expression, ...]:
    """The top-level expressions of the field that are multi-value CRM phone fields.

    Expressions nested in a calculator (``{{=firstvalue({{Телефон}})}}``) are the
    calculator's business, so only top-level ones count.
    """
    return tuple(e for e in find_expressions(raw) if _is_multi_value(e))


def is_multi_value_phone(raw: str) -> bool:
    return bool(multi_value_phone_expressions(raw))
