"""WhatsApp markup parsing into the tree shared by the preview and the rendition."""

from __future__ import annotations

import pytest

from olchat_desktop.core.markup import contains_markup, parse_markup
from olchat_desktop.core.markup_nodes import (
    BulletItem,
    Code,
    ExpressionNode,
    Link,
    MonoBlock,
    NumberedItem,
    Paragraph,
    Quote,
    Styled,
    Text,
    iter_all_inline,
    plain_text_of,
    to_plain_text,
)


def _line(text: str) -> tuple[object, ...]:
    (block,) = parse_markup(text).blocks
    assert isinstance(block, Paragraph)
    return block.children


@pytest.mark.parametrize(
    ("text", "style"), [("*жирный*", "bold"), ("_курсив_", "italic"), ("~зачёркнут~", "strike")]
)
def test_simple_styles(text: str, style: str) -> None:
    assert _line(f"a {text} b") == (
        Text("a "),
        Styled(style, (Text(text[1:-1]),)),  # type: ignore[arg-type]
        Text(" b"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "* not bold *",
        "*not bold *",
        "* not bold*",
        "snake_case_words",
        "a_b_c",
        "2*3*4",
        "*unclosed",
        "**",
        "*line\nbreak*",
        "~ ~",
    ],
)
def test_markers_that_do_not_touch_or_are_inside_words_stay_plain(text: str) -> None:
    tree = parse_markup(text)
    assert not any(isinstance(n, Styled) for n in iter_all_inline(tree))
    assert to_plain_text(tree) == text


def test_nesting() -> None:
    assert _line("*_жирный курсив_*") == (
        Styled("bold", (Styled("italic", (Text("жирный курсив"),)),)),
    )
    assert _line("_a *b* c_") == (
        Styled("italic", (Text("a "), Styled("bold", (Text("b"),)), Text(" c"))),
    )


def test_styles_next_to_punctuation() -> None:
    assert _line("(*да*), ~нет~!") == (
        Text("("),
        Styled("bold", (Text("да"),)),
        Text("), "),
        Styled("strike", (Text("нет"),)),
        Text("!"),
    )


def test_nothing_is_parsed_inside_code() -> None:
    assert _line("run `*not_bold*` now") == (
        Text("run "),
        Code((Text("*not_bold*"),)),
        Text(" now"),
    )
    assert _line("a ```*mono*``` b") == (Text("a "), Code((Text("*mono*"),), "```"), Text(" b"))


def test_mono_block_spans_lines_and_is_opaque() -> None:
    tree = parse_markup("До\n```\nif *x*:\n    _y_\n```\nПосле")
    assert tree.blocks == (
        Paragraph((Text("До"),)),
        MonoBlock((Text("\nif *x*:\n    _y_\n"),)),
        Paragraph((Text("После"),)),
    )


def test_mono_block_at_the_very_end() -> None:
    assert parse_markup("```a```").blocks == (MonoBlock((Text("a"),)),)
    assert parse_markup("```a```\n").blocks == (MonoBlock((Text("a"),)), Paragraph(()))


def test_unclosed_mono_fence_is_literal() -> None:
    tree = parse_markup("```open\nstill open")
    assert to_plain_text(tree) == "```open\nstill open"


def test_mono_fence_closing_mid_line_is_not_a_block() -> None:
    tree = parse_markup("```a\nb``` tail")
    assert not any(isinstance(b, MonoBlock) for b in tree.blocks)


def test_line_blocks() -> None:
    tree = parse_markup("- один\n* два\n1. первый\n12. двенадцатый\n> цитата *b*\n-нет\n")
    assert tree.blocks == (
        BulletItem("-", (Text("один"),)),
        BulletItem("*", (Text("два"),)),
        NumberedItem("1", (Text("первый"),)),
        NumberedItem("12", (Text("двенадцатый"),)),
        Quote((Text("цитата "), Styled("bold", (Text("b"),)))),
        Paragraph((Text("-нет"),)),
        Paragraph(()),
    )
    assert to_plain_text(tree) == "- один\n* два\n1. первый\n12. двенадцатый\n> цитата b\n-нет\n"


def test_bare_links_without_trailing_punctuation() -> None:
    children = _line("См. https://olchat.io/a_b_c, www.example.ru/(x). и (http://x.ru/y)")
    links = [n for n in children if isinstance(n, Link)]
    assert [link.url for link in links] == [
        "https://olchat.io/a_b_c",
        "www.example.ru/(x)",
        "http://x.ru/y",
    ]
    assert [link.href for link in links][1] == "https://www.example.ru/(x)"
    assert "".join(plain_text_of(n) for n in children).startswith("См. https://olchat.io/a_b_c, ")


@pytest.mark.parametrize("text", ["www. and http://", "www... http://,", "see www.!"])
def test_link_prefix_alone_is_text(text: str) -> None:
    assert _line(text) == (Text(text),)


def test_link_inside_bold_and_expression_inside_link() -> None:
    children = _line("*https://shop.ru/o/{=Document:ID}*")
    assert children == (
        Styled(
            "bold",
            (Link((Text("https://shop.ru/o/"), ExpressionNode("{=Document:ID}", None))),),
        ),
    )


def test_expressions_are_atoms_with_samples() -> None:
    tree = parse_markup(
        "*{{Имя}}*, {=Variable:my_var_x} `{{Имя}}`", samples={"{{Имя}}": "Анна", "{{X}}": "?"}
    )
    (block,) = tree.blocks
    assert block.children == (
        Styled("bold", (ExpressionNode("{{Имя}}", "Анна"),)),
        Text(", "),
        ExpressionNode("{=Variable:my_var_x}", None),
        Text(" "),
        Code((ExpressionNode("{{Имя}}", "Анна"),)),
    )
    assert to_plain_text(tree) == "Анна, {=Variable:my_var_x} Анна"


def test_samples_change_the_tree_and_irrelevant_samples_do_not() -> None:
    text = "Привет, {{Имя}}"
    assert parse_markup(text, {"{{Другое}}": "x"}) == parse_markup(text)
    assert parse_markup(text, {"{{Имя}}": "Анна"}) != parse_markup(text)


def test_private_use_characters_in_the_text_survive() -> None:
    text = "\U000f0000 *{{A}}* \U000f0001"
    tree = parse_markup(text)
    assert to_plain_text(tree) == "\U000f0000 {{A}} \U000f0001"


def test_empty_text_is_one_empty_paragraph() -> None:
    assert parse_markup("").blocks == (Paragraph(()),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*Акция*", True),
        ("_x_", True),
        ("~x~", True),
        ("`x`", True),
        ("```x```", True),
        ("a ```x``` b", True),
        ("1. Да", False),
        ("- Нет", False),
        ("snake_case", False),
        ("https://x.ru/a_b_", False),
        ("Привет, {{Имя}}", False),
    ],
)
def test_contains_markup(text: str, expected: bool) -> None:
    assert contains_markup(text) is expected
