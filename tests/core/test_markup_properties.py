"""Property tests: the markup parser never crashes and never loses or invents text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from olchat_desktop.core.markup import contains_markup, parse_markup
from olchat_desktop.core.markup_nodes import to_plain_text

MARKERS = set("*_~`")

# Text rich in the characters that matter, plus anything at all.
markupish = st.text(
    alphabet=st.sampled_from(list("*_~`>-1. \nab{}=:Xhtps/w")) | st.characters(),
    max_size=200,
)


def _without_markers(text: str) -> str:
    return "".join(char for char in text if char not in MARKERS)


@settings(max_examples=300)
@given(markupish)
def test_plain_text_keeps_every_non_marker_character_in_order(text: str) -> None:
    plain = to_plain_text(parse_markup(text))
    assert _without_markers(plain) == _without_markers(text)


@settings(max_examples=300)
@given(markupish)
def test_plain_text_is_a_subsequence_of_the_source(text: str) -> None:
    plain = iter(text)
    assert all(char in plain for char in to_plain_text(parse_markup(text)))


@given(st.text(alphabet=st.characters(blacklist_characters="*_~`{"), max_size=200))
def test_text_without_markers_or_braces_is_unchanged(text: str) -> None:
    assert to_plain_text(parse_markup(text)) == text
    assert not contains_markup(text)


@given(markupish, st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3))
def test_parsing_with_samples_never_crashes(text: str, samples: dict[str, str]) -> None:
    parse_markup(text, samples)
