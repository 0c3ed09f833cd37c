"""The plain-character fast path is exact, and ``regex`` stays unimported until needed."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache

import regex  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from olchat_desktop.core.counting import count_graphemes
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.core.unicode_text import contains_emoji, is_plain_text, lazy_pattern
from olchat_desktop.core.validation import validate

# The properties that make a character plain, straight from ``regex``'s Unicode tables.
_OWN_CLUSTER_RE = regex.compile(r"\p{GCB=Other}|\p{GCB=Control}|\p{GCB=CR}|\p{GCB=LF}")
_EMOJI_RE = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
_UNASSIGNED_RE = regex.compile(r"\p{Cn}")


@cache
def _plain_code_points() -> tuple[int, ...]:
    """Every code point the fast path treats as plain (a scan of all of Unicode)."""
    return tuple(cp for cp in range(sys.maxunicode + 1) if is_plain_text(chr(cp)))


def test_every_plain_code_point_is_its_own_cluster_and_never_emoji() -> None:
    # This is what makes the fast paths exact: by UAX #29 no rule but GB3 (CR x LF) joins
    # two such characters, and none of them is an emoji.
    not_own_cluster = [
        hex(cp) for cp in _plain_code_points() if not _OWN_CLUSTER_RE.fullmatch(chr(cp))
    ]
    emoji = [hex(cp) for cp in _plain_code_points() if _EMOJI_RE.match(chr(cp))]
    assert not_own_cluster == []
    assert emoji == []


def _required_plain(cp: int) -> bool:
    """Whether ``cp`` must be in the plain class: plain by ``regex`` and assigned."""
    char = chr(cp)
    return bool(
        _OWN_CLUSTER_RE.fullmatch(char)
        and not _EMOJI_RE.match(char)
        and not _UNASSIGNED_RE.match(char)
        and cp not in (0x200C, 0x200D)
    )


def test_plain_class_covers_russian_and_english_texts() -> None:
    blocks = [
        (0x0000, 0x02FF),  # ASCII, Latin-1, Latin Extended-A/B, IPA, modifier letters
        (0x0370, 0x03FF),  # Greek
        (0x0400, 0x0482),  # Cyrillic before its combining marks
        (0x048A, 0x052F),  # Cyrillic and Cyrillic Supplement
        (0x2000, 0x206F),  # General Punctuation
        (0x20A0, 0x20C0),  # Currency Symbols
        (0x2116, 0x2116),  # №
    ]
    plain = set(_plain_code_points())
    missing = [
        hex(cp)
        for low, high in blocks
        for cp in range(low, high + 1)
        if _required_plain(cp) and cp not in plain
    ]
    assert missing == []
    assert is_plain_text("Привет — «мир» №1 ₽ … “quotes” ‘a’ • – ‰ € £ ¥ é ß ё Ґ Ω\r\n\t")
    for char in "\u00a9\u00ae\u203c\u2049\u200c\u200d\u0301\u0483\u2122\u2194\U0001f44d":
        assert not is_plain_text(f"Привет {char}"), hex(ord(char))
    assert not is_plain_text("\u0378")  # unassigned Greek: left to ``regex``


# Characters for every grapheme rule and emoji property, to mix with plain text.
_PLAIN_SAMPLES = "aZ Яж,.!?«»—–№₽…“”\r\n\t\u00a0\u00ad\u200b"
_NON_PLAIN_SAMPLES = [
    "\U0001f44d",  # thumbs up
    "\U0001f3fb",  # skin tone modifier (Extend)
    "\U0001f468",  # man, for ZWJ sequences
    "\U0001f469",  # woman
    "\u200d",  # ZWJ
    "\u200c",  # ZWNJ (Extend)
    "\ufe0f",  # emoji variation selector (Extend)
    "\u0301",  # combining acute
    "\u0483",  # combining Cyrillic titlo
    "\u1100",  # Hangul L
    "\u1161",  # Hangul V
    "\u11a8",  # Hangul T
    "가",  # Hangul LV
    "각",  # Hangul LVT
    "\U0001f1f7",  # regional indicator R
    "\U0001f1fa",  # regional indicator U
    "\u00a9",  # © Extended_Pictographic
    "\u203c",  # ‼ Extended_Pictographic
    "\u0903",  # Devanagari sign visarga (SpacingMark)
    "\u0600",  # Arabic number sign (Prepend)
    "क",  # Devanagari ka (InCB Consonant)
    "\u094d",  # Devanagari virama (InCB Linker)
]
_MIXED_TEXT = st.text(
    alphabet=st.sampled_from(list(_PLAIN_SAMPLES))
    | st.sampled_from(_NON_PLAIN_SAMPLES)
    | st.characters(),
    max_size=40,
)


@given(_MIXED_TEXT)
def test_grapheme_count_and_emoji_check_match_regex(text: str) -> None:
    assert count_graphemes(text) == len(regex.findall(r"\X", text))
    assert contains_emoji(text) == bool(_EMOJI_RE.search(text))


@given(_MIXED_TEXT.filter(str.strip))
def test_emoji_in_button_warning_matches_regex(title: str) -> None:
    draft = TemplateDraft(message="m", phone="79991234567", line="l", buttons=(title,))
    codes = {p.code for p in validate(draft)}
    assert ("emoji_in_button" in codes) == bool(_EMOJI_RE.search(title))


def test_lazy_pattern_compiles_once() -> None:
    assert lazy_pattern(r"\X") is lazy_pattern(r"\X")
    assert lazy_pattern(r"\X").findall("e\u0301a") == ["e\u0301", "a"]


def _modules_after(code: str) -> bool:
    """Run ``code`` in a fresh interpreter; whether it had imported ``regex``."""
    script = f"import sys\n{code}\nprint('regex' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return {"True": True, "False": False}[result.stdout.strip()]


def test_plain_text_never_imports_regex() -> None:
    code = (
        "import olchat_desktop.core.validation, olchat_desktop.core.counting as c\n"
        "from olchat_desktop.core.template_draft import TemplateDraft\n"
        "text = 'Привет — «мир» №1 ₽\\r\\n'\n"
        "assert c.count_graphemes(text) == len(text) - 1\n"
        "draft = TemplateDraft(name='n', line='l', message='Привет', phone='79991234567',"
        " buttons=('Да — «ок»',))\n"
        "assert olchat_desktop.core.validation.validate(draft) == []"
    )
    assert _modules_after(code) is False


def test_counting_an_emoji_imports_regex() -> None:
    code = (
        "import olchat_desktop.core.counting as c\n"
        "assert 'regex' not in sys.modules\n"
        "assert c.count_graphemes('\\U0001f468\\u200d\\U0001f469 ok') == 4"
    )
    assert _modules_after(code) is True


def test_emoji_check_on_non_plain_text_imports_regex() -> None:
    code = (
        "from olchat_desktop.core.unicode_text import contains_emoji\n"
        "assert 'regex' not in sys.modules\n"
        "assert contains_emoji('Да \\U0001f44d')"
    )
    assert _modules_after(code) is True
