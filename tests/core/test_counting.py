"""Counting field length the way the robot's server does."""

from __future__ import annotations

import regex  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from olchat_desktop.core.counting import count_field, count_graphemes


def test_literal_text_counts_code_points() -> None:
    count = count_field("Привет")
    assert (count.code_points, count.graphemes, count.literal_length) == (6, 6, 6)
    assert count.is_exact
    assert count.unknown == ()


def test_expressions_count_by_sample_and_unknown_ones_by_nothing() -> None:
    text = "Здравствуйте, {{Имя}}! Ваш заказ {=Document:ID}."
    count = count_field(text, {"{{Имя}}": "Анна"})
    literal = len("Здравствуйте, ! Ваш заказ .")
    assert count.literal_length == literal
    assert count.code_points == literal + 4
    assert [e.sample_length for e in count.expressions] == [4, None]
    assert [e.source for e in count.unknown] == ["{=Document:ID}"]
    assert not count.is_exact


def test_emoji_sequences_differ_between_code_points_and_graphemes() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl
    flag = "\U0001f1f7\U0001f1fa"  # regional indicators R, U
    combining = "e\u0301"  # e + combining acute
    count = count_field(family + flag + combining)
    assert count.code_points == 5 + 2 + 2
    assert count.graphemes == 3


def test_samples_join_graphemes_with_their_neighbours() -> None:
    # A combining mark in the literal text attaches to the sample's last letter.
    count = count_field("{{Имя}}\u0301", {"{{Имя}}": "Анна"})
    assert (count.code_points, count.graphemes) == (5, 4)


def test_ascii_fast_path_treats_crlf_as_one_grapheme() -> None:
    assert count_graphemes("a\r\nb") == 3
    assert count_graphemes("a\r\nb") == count_graphemes("a\r\nb\u00e9") - 1


def test_same_expression_twice_counts_twice() -> None:
    count = count_field("{{X}} {{X}}", {"{{X}}": "abc"})
    assert count.code_points == 7


@given(st.text(), st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=4))
def test_counting_never_crashes_and_is_consistent(text: str, samples: dict[str, str]) -> None:
    count = count_field(text, samples)
    known = sum(e.sample_length or 0 for e in count.expressions)
    assert count.code_points == count.literal_length + known
    assert 0 <= count.graphemes <= count.code_points
    assert count.literal_length <= len(text)


# Characters from every cluster-joining rule, mixed with anything at all.
_JOINERS = (
    "a\r\n\u0301\u200d\ufe0f\U0001f468\U0001f1f7\U0001f1fa\u1100\u1161\u11a8가각\u0903\u0600Я"
)


@given(st.text(alphabet=st.sampled_from(list(_JOINERS)) | st.characters()))
def test_grapheme_fast_paths_agree_with_full_segmentation(text: str) -> None:
    assert count_graphemes(text) == len(regex.findall(r"\X", text))


def test_non_ascii_text_without_joiners_counts_one_grapheme_per_code_point() -> None:
    assert count_graphemes("Привет, мир") == 11
    assert count_graphemes("한국") == 2  # precomposed Hangul syllables stay separate
