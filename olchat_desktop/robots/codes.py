"""Robot CODEs derived from template names.

``bizproc.robot.add`` takes a ``CODE`` unique within the application, made of
``[a-zA-Z0-9._-]`` (reference ``bitrix24.md`` §4.1). A template's CODE must be **stable**:
publishing the same template again has to hit the same CODE, so that the portal answers
``ERROR_ACTIVITY_ALREADY_INSTALLED`` and the app offers an update instead of a duplicate.

Why a hand-written table rather than a transliteration library: the output must never
change between releases (a library update that spells "щ" differently would orphan every
published robot), and only Russian/Ukrainian/Belarusian letters occur in practice. The
table follows the Russian passport transliteration (ICAO Doc 9303 / Order 2020 of the
Russian MVD), which people recognise: "Щука" -> "shchuka", "Юля" -> "iulia".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final

CODE_PREFIX: Final = "olchat_"
MAX_CODE_LENGTH: Final = 64  # the portal stores codes in a short column; stay well inside
VALID_CODE: Final = re.compile(r"^[a-zA-Z0-9._-]+$")

_CYRILLIC: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip
_INVALID_RUN: Final = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """Lower-case ASCII spelling of ``text``: Cyrillic by the table, accents dropped."""
    out: list[str] = []
    for char in text.lower():
        if char in _CYRILLIC:
            out.append(_CYRILLIC[char])
            continue
        # "é" -> "e": decompose and keep the ASCII base letter; other scripts vanish.
        decomposed = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in decomposed if c.isascii()))
    return "".join(out)


def robot_code(template_name: str) -> str:
    """A valid, stable CODE for a template name: ``olchat_`` + a transliterated slug.

    Runs of anything but letters and digits become one ``_``. A name with nothing
    spellable (emoji only, Chinese) gets a short hash of the name, so different names
    still get different codes. Long names are cut and suffixed with a hash for the same
    reason.
    """
    slug = _INVALID_RUN.sub("_", transliterate(template_name)).strip("_")
    digest = hashlib.sha1(template_name.strip().encode("utf-8")).hexdigest()[:8]
    if not slug:
        slug = f"template_{digest}"
    room = MAX_CODE_LENGTH - len(CODE_PREFIX)
    if len(slug) > room:
        slug = f"{slug[: room - 9].rstrip('_')}_{digest}"
    return CODE_PREFIX + slug


def is_valid_code(code: str) -> bool:
    return bool(VALID_CODE.match(code)) and len(code) <= MAX_CODE_LENGTH
