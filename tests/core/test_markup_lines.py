"""Line-by-line parsing (the keystroke fast path) must give exactly the whole-text tree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from olchat_desktop.core.markup import _parse_whole, parse_markup
from olchat_desktop.core.markup_nodes import BulletItem, ExpressionNode, MonoBlock, Paragraph

PIECES = st.sampled_from(
    ["*", "_", "~", "`", "```", "> ", "- ", "* ", "1. ", "\n", " ", "a", "б", "=", "{{=x}}",
     "{{Имя}}", "{=Document:TITLE}", "https://x.ru", "{", "}", "snake_case", "\ue000"]
)  # fmt: skip


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_line_by_line_equals_whole_text(text: str) -> None:
    samples = {"{{Имя}}": "Анна"}
    assert parse_markup(text, samples) == _parse_whole(text, samples)


def test_multi_line_text_keeps_every_line_and_its_samples() -> None:
    tree = parse_markup("Привет, {{Имя}}!\n- пункт\n\n*жирный*", {"{{Имя}}": "Анна"})
    assert [type(block) for block in tree.blocks] == [Paragraph, BulletItem, Paragraph, Paragraph]
    expression = tree.blocks[0].children[1]
    assert isinstance(expression, ExpressionNode) and expression.sample == "Анна"


def test_texts_that_span_lines_are_parsed_whole() -> None:
    tree = parse_markup("```\ncode\n```\nпосле")
    assert isinstance(tree.blocks[0], MonoBlock)
    assert [type(block) for block in tree.blocks] == [MonoBlock, Paragraph]
