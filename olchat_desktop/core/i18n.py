"""Message language for the core.

The core has no Qt, so it cannot use Qt's translator; its user-facing texts are kept in
small per-module catalogues keyed by language. The UI passes the language it shows.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")
DEFAULT_LANG: Lang = "ru"


def pick(lang: Lang, ru: str, en: str) -> str:
    """Choose between a Russian and an English text."""
    return ru if lang == "ru" else en


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """The Russian plural form for ``count``: 1 символ, 2 символа, 5 символов, 21 символ."""
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return one
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return few
    return many
