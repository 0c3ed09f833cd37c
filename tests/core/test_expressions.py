"""Splitting robot fields into literal text and Bitrix24 expressions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olchat_desktop.core.expressions import (
    Expression,
    LiteralText,
    find_expressions,
    has_expressions,
    split_expressions,
    substitute,
)


def _only(text: str) -> Expression:
    (expression,) = find_expressions(text)
    return expression


@pytest.mark.parametrize(
    ("source", "kind", "name"),
    [
        ("{{Имя}}", "display", "Имя"),
        ("{{Контакт: Телефон}}", "display", "Контакт: Телефон"),
        ("{{Display name}}", "display", "Display name"),
        ("{{Телефон (текст)}}", "display", "Телефон (текст)"),
        ("{=Document:TITLE}", "document", "TITLE"),
        ("{=Variable:x}", "variable", "x"),
        ("{=Constant:x}", "constant", "x"),
        ("{=GlobalConst:Rate}", "constant", "Rate"),
        ("{=GlobalVar:Count}", "variable", "Count"),
        ("{=Template:x}", "template", "x"),
        ("{=A12_345_678:Result}", "activity", "Result"),
        ("{=System:Now}", "system", "Now"),
        ("{=Workflow:ID}", "system", "ID"),
        ("{=User:ID}", "system", "ID"),
        ("{=Unheard:Thing}", "other", "Thing"),
    ],
)
def test_each_form_is_one_expression_of_its_kind(source: str, kind: str, name: str) -> None:
    text = f"до {source} после"
    expression = _only(text)
    assert expression.source == source
    assert expression.kind == kind
    assert expression.name == name
    assert text[expression.start : expression.end] == source


def test_modifier_is_split_off_and_kept_in_the_source() -> None:
    expression = _only("{=Document:PHONE > printable}")
    assert (expression.group, expression.name, expression.modifier) == (
        "Document",
        "PHONE",
        "printable",
    )
    assert expression.source == "{=Document:PHONE > printable}"


@pytest.mark.parametrize(
    "source",
    [
        "{{=DateAdd({=Document:CREATED}, '5d')}}",
        "{{=firstvalue({{Контакт: Телефон}})}}",
        "{{=if({=Variable:n} > 1, '}}', 'a')}}",
        '{{=concat("{", {=Document:TITLE})}}',
    ],
)
def test_calculator_with_nested_braces_and_quotes_is_one_expression(source: str) -> None:
    expression = _only(f"Срок: {source}!")
    assert expression.kind == "calculator"
    assert expression.source == source


def test_spans_cover_the_field_exactly_and_in_order() -> None:
    text = "Привет, {{Имя}}! Заказ {=Document:ID} на {{=DateAdd({=System:Now}, '1d')}}."
    segments = split_expressions(text)
    assert "".join(s.text if isinstance(s, LiteralText) else s.source for s in segments) == text
    position = 0
    for segment in segments:
        assert segment.start == position
        position = segment.end
    assert position == len(text)
    assert [type(s).__name__ for s in segments] == [
        "LiteralText", "Expression", "LiteralText", "Expression", "LiteralText",
        "Expression", "LiteralText",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "{{Имя",
        "{{Имя}",
        "{=Document:TITLE",
        "{{ }}",
        "{=Document: }",
        "{=:TITLE}",
        "{{=unclosed(",
        "{{=a\n}}",
        "{{Им\nя}}",
        "{single}",
        "{}",
        "=== Акция ===",
        "{{=it's}}x",
    ],
)
def test_unclosed_or_malformed_braces_are_literal(text: str) -> None:
    if text == "{{=it's}}x":
        # An unmatched quote is an ordinary character: the calculator still closes.
        assert _only(text).source == "{{=it's}}"
        return
    assert split_expressions(text) == (LiteralText(text, 0, len(text)),)
    assert not has_expressions(text)


def test_unclosed_brace_before_a_real_expression_keeps_the_expression() -> None:
    assert _only("{{oops {{Имя}}").source == "{{Имя}}"


@pytest.mark.parametrize("text", ["=if({=Variable:n} > 1, 'a', 'b')", "={=Document:TITLE} & '!'"])
def test_whole_field_calculator(text: str) -> None:
    expression = _only(text)
    assert (expression.kind, expression.start, expression.end) == ("calculator", 0, len(text))


def test_empty_text_has_no_segments() -> None:
    assert split_expressions("") == ()


def test_substitute_replaces_known_and_keeps_unknown() -> None:
    text = "{{Имя}}, ваш заказ {=Document:ID}"
    assert substitute(text, {"{{Имя}}": "Анна"}) == "Анна, ваш заказ {=Document:ID}"
    assert substitute(text, None) == text
    assert substitute(text, {}) == text


@given(st.text(alphabet=st.sampled_from(list("{}=:>' \nAb1_Я")) | st.characters(), max_size=120))
def test_segments_always_tile_the_field(text: str) -> None:
    segments = split_expressions(text)
    assert "".join(s.text if isinstance(s, LiteralText) else s.source for s in segments) == text
    position = 0
    for segment in segments:
        assert segment.start == position < segment.end
        position = segment.end
    assert position == len(text)
