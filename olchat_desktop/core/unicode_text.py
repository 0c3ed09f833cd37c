"""Which texts need full Unicode segmentation, and the ``regex`` package only for those.

Counting graphemes (``\\X``) and spotting emoji (``\\p{Extended_Pictographic}``) need the
third-party ``regex`` package: the stdlib ``re`` knows neither. Importing ``regex`` costs
about 10 ms and 2 MB at start-up, yet nearly every real text (Russian or English with
common punctuation: «», —, №, ₽, …) never needs it. So ``regex`` is imported on first use
only (``lazy_pattern``), and texts made of *plain* characters skip it altogether.

A plain character, per UAX #29 (Unicode Text Segmentation,
https://www.unicode.org/reports/tr29/, table "Grapheme_Cluster_Break Property Values" and
rules GB3-GB999), has Grapheme_Cluster_Break Other, Control, CR or LF: never Extend, ZWJ,
SpacingMark, Prepend, Regional_Indicator or a Hangul L/V/T/LV/LVT. No rule joins two such
characters except GB3 (CR × LF), and GB9c's Indic conjuncts need a Linker, which is Extend.
So a plain text has one extended grapheme cluster per code point, CR LF pairs aside. A
plain character is also neither Extended_Pictographic nor Regional_Indicator, so a plain
text holds no emoji. ``tests/core/test_unicode_text.py`` checks every plain code point
against ``regex``'s own property tables; unassigned code points are left out, as a later
Unicode version may make them combining marks.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Ranges of plain characters (see the module docstring): the blocks Russian and English
# texts draw on, minus every non-plain code point in them.
_PLAIN_CLASS = (
    r"\x00-\xa8"  # ASCII and Latin-1 up to ¨; © U+00A9 is Extended_Pictographic
    r"\xaa-\xad"  # ® U+00AE is Extended_Pictographic
    r"\xaf-\u02ff"  # rest of Latin-1, Latin Extended-A/B, IPA, spacing modifier letters
    # Greek and Coptic (U+0300-U+036F combining marks are Extend), without unassigned
    # U+0378-0379, U+0380-0383, U+038B, U+038D, U+03A2.
    r"\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ff"
    r"\u0400-\u0482"  # Cyrillic; U+0483-U+0489 are combining marks (Extend)
    r"\u048a-\u052f"  # Cyrillic and Cyrillic Supplement
    r"\u1e00-\u1eff"  # Latin Extended Additional (Vietnamese and others)
    # General Punctuation without ZWNJ U+200C (Extend), ZWJ U+200D, ‼ U+203C and
    # ⁉ U+2049 (Extended_Pictographic) and unassigned U+2065.
    r"\u2000-\u200b\u200e-\u203b\u203d-\u2048\u204a-\u2064\u2066-\u206f"
    r"\u20a0-\u20c0"  # Currency Symbols (₽ U+20BD)
    r"\u2100-\u2121\u2123-\u2138\u213a-\u214f"  # Letterlike (№), without ™ U+2122, ℹ U+2139
    r"\u2190-\u2193\u219a-\u21a8\u21ab-\u21ff"  # Arrows, without emoji ↔↕↖↗↘↙ ↩↪
    r"\u2200-\u22ff"  # Mathematical Operators
)
_PLAIN_TEXT_RE = re.compile(f"[{_PLAIN_CLASS}]*")

_EMOJI_PATTERN = r"[\p{Extended_Pictographic}\p{Regional_Indicator}]"


def is_plain_text(text: str) -> bool:
    """True when every character of ``text`` is plain: one grapheme each, no emoji."""
    return text.isascii() or _PLAIN_TEXT_RE.fullmatch(text) is not None


@cache
def lazy_pattern(pattern: str) -> Any:
    """``regex.compile(pattern)``, importing ``regex`` on the first call only (see above).

    Returns a ``regex.Pattern``; ``Any`` because the package ships no type hints.
    """
    import regex  # type: ignore[import-untyped]

    return regex.compile(pattern)


def contains_emoji(text: str) -> bool:
    """True when ``text`` holds an Extended_Pictographic or Regional_Indicator character."""
    if is_plain_text(text):
        return False
    return lazy_pattern(_EMOJI_PATTERN).search(text) is not None
