"""The WhatsApp markup tree: node types shared by the Qt preview and the text rendition.

A tree is a sequence of blocks, one per line of the source, except that a ```` ``` ````
monospace block may span several lines. Blocks hold inline nodes. All nodes are frozen
and hashable, so parsed trees can be cached and shared between threads.

A view renders blocks top to bottom (a bullet/number/quote decoration for the item
blocks) and inline nodes left to right; ``Styled`` nodes nest (``*_a_*`` is bold
containing italic). ``ExpressionNode`` carries the Bitrix24 expression's source and its
sample, or None when no sample is set, so the preview can mark unknown values.

Defining a class is part of the app's start-up (issue 5 budget). The nodes are
``FrozenRecord`` classes, not dataclasses, which compile generated methods at import: a
node equals only a node of the same type (a ``Paragraph`` is never equal to a ``Quote``
holding the same text, as NamedTuples would be).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from olchat_desktop.core.frozen_record import FrozenRecord, set_field

InlineStyle = Literal["bold", "italic", "strike"]


class Text(FrozenRecord):
    __slots__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        set_field(self, "text", text)


class ExpressionNode(FrozenRecord):
    """A Bitrix24 expression; ``sample`` is None when the template has no sample for it."""

    __slots__ = ("source", "sample")
    source: str
    sample: str | None

    def __init__(self, source: str, sample: str | None) -> None:
        set_field(self, "source", source)
        set_field(self, "sample", sample)

    @property
    def display_text(self) -> str:
        return self.source if self.sample is None else self.sample


Plain = Text | ExpressionNode


class Styled(FrozenRecord):
    """``*bold*``, ``_italic_`` or ``~strike~`` around other inline nodes."""

    __slots__ = ("style", "children")
    style: InlineStyle
    children: tuple[Inline, ...]

    def __init__(self, style: InlineStyle, children: tuple[Inline, ...]) -> None:
        set_field(self, "style", style)
        set_field(self, "children", children)


class Code(FrozenRecord):
    """Inline monospace: `` `code` `` (fence "`") or ```` ```mono``` ```` inside a line
    (fence "```"). Nothing inside is formatted."""

    __slots__ = ("children", "fence")
    children: tuple[Plain, ...]
    fence: str

    def __init__(self, children: tuple[Plain, ...], fence: str = "`") -> None:
        set_field(self, "children", children)
        set_field(self, "fence", fence)


class Link(FrozenRecord):
    """A bare link (http://, https:// or www.) that WhatsApp makes clickable."""

    __slots__ = ("children",)
    children: tuple[Plain, ...]

    def __init__(self, children: tuple[Plain, ...]) -> None:
        set_field(self, "children", children)

    @property
    def url(self) -> str:
        return "".join(plain_text_of(node) for node in self.children)

    @property
    def href(self) -> str:
        """The address to open: ``www.`` links get ``https://``, as WhatsApp does."""
        url = self.url
        return url if "://" in url else "https://" + url


Inline = Text | ExpressionNode | Styled | Code | Link


class Paragraph(FrozenRecord):
    """One ordinary line (possibly empty)."""

    __slots__ = ("children",)
    children: tuple[Inline, ...]

    def __init__(self, children: tuple[Inline, ...]) -> None:
        set_field(self, "children", children)


class BulletItem(FrozenRecord):
    """``- item`` or ``* item``; ``marker`` is the character typed."""

    __slots__ = ("marker", "children")
    marker: str
    children: tuple[Inline, ...]

    def __init__(self, marker: str, children: tuple[Inline, ...]) -> None:
        set_field(self, "marker", marker)
        set_field(self, "children", children)


class NumberedItem(FrozenRecord):
    """``1. item``; ``number`` is the digits typed."""

    __slots__ = ("number", "children")
    number: str
    children: tuple[Inline, ...]

    def __init__(self, number: str, children: tuple[Inline, ...]) -> None:
        set_field(self, "number", number)
        set_field(self, "children", children)


class Quote(FrozenRecord):
    """``> quoted line``."""

    __slots__ = ("children",)
    children: tuple[Inline, ...]

    def __init__(self, children: tuple[Inline, ...]) -> None:
        set_field(self, "children", children)


class MonoBlock(FrozenRecord):
    """A ```` ```monospace``` ```` block occupying whole lines; its text may hold newlines."""

    __slots__ = ("children",)
    children: tuple[Plain, ...]

    def __init__(self, children: tuple[Plain, ...]) -> None:
        set_field(self, "children", children)


Block = Paragraph | BulletItem | NumberedItem | Quote | MonoBlock


class MarkupTree(FrozenRecord):
    __slots__ = ("blocks",)
    blocks: tuple[Block, ...]

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        set_field(self, "blocks", blocks)


def plain_text_of(node: Inline) -> str:
    """The visible text of an inline node: markers dropped, expressions as their sample
    (or their source when there is no sample)."""
    if isinstance(node, Text):
        return node.text
    if isinstance(node, ExpressionNode):
        return node.display_text
    return "".join(plain_text_of(child) for child in node.children)


def _block_plain_text(block: Block) -> str:
    text = "".join(plain_text_of(child) for child in block.children)
    if isinstance(block, BulletItem):
        return f"{block.marker} {text}"
    if isinstance(block, NumberedItem):
        return f"{block.number}. {text}"
    if isinstance(block, Quote):
        return f"> {text}"
    return text


def to_plain_text(tree: MarkupTree) -> str:
    """The text without inline markers and monospace fences; line structure and list or
    quote prefixes are kept, so a reader without formatting sees the same lines."""
    return "\n".join(_block_plain_text(block) for block in tree.blocks)


def iter_inline(nodes: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every inline node, depth first."""
    for node in nodes:
        yield node
        if isinstance(node, Styled | Code | Link):
            yield from iter_inline(node.children)


def iter_all_inline(tree: MarkupTree) -> Iterator[Inline]:
    for block in tree.blocks:
        yield from iter_inline(block.children)
