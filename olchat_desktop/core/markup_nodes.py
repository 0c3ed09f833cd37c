"""The WhatsApp markup tree: node types shared by the Qt preview and the text rendition.

A tree is a sequence of blocks, one per line of the source, except that a ```` ``` ````
monospace block may span several lines. Blocks hold inline nodes. All nodes are frozen
and hashable, so parsed trees can be cached and shared between threads.

A view renders blocks top to bottom (a bullet/number/quote decoration for the item
blocks) and inline nodes left to right; ``Styled`` nodes nest (``*_a_*`` is bold
containing italic). ``ExpressionNode`` carries the Bitrix24 expression's source and its
sample, or None when no sample is set, so the preview can mark unknown values.

Defining a class is part of the app's start-up (issue 5 budget). These nodes stay frozen
dataclasses, so a node equals only a node of the same type (a ``Paragraph`` is never equal
to a ``Quote`` holding the same text, as NamedTuples would be), but without
``slots=True``, which rebuilds the class and doubles its cost (~0.3 ms more each). Flat
records elsewhere (``Expression``, ``FieldCount``, ``Problem``, the preview's ``Run``)
are NamedTuples: ten times cheaper to define, and cheaper to create on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

InlineStyle = Literal["bold", "italic", "strike"]


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class ExpressionNode:
    """A Bitrix24 expression; ``sample`` is None when the template has no sample for it."""

    source: str
    sample: str | None

    @property
    def display_text(self) -> str:
        return self.source if self.sample is None else self.sample


Plain = Text | ExpressionNode


@dataclass(frozen=True)
class Styled:
    """``*bold*``, ``_italic_`` or ``~strike~`` around other inline nodes."""

    style: InlineStyle
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    """Inline monospace: `` `code` `` (fence "`") or ```` ```mono``` ```` inside a line
    (fence "```"). Nothing inside is formatted."""

    children: tuple[Plain, ...]
    fence: str = "`"


@dataclass(frozen=True)
class Link:
    """A bare link (http://, https:// or www.) that WhatsApp makes clickable."""

    children: tuple[Plain, ...]

    @property
    def url(self) -> str:
        return "".join(plain_text_of(node) for node in self.children)

    @property
    def href(self) -> str:
        """The address to open: ``www.`` links get ``https://``, as WhatsApp does."""
        url = self.url
        return url if "://" in url else "https://" + url


Inline = Text | ExpressionNode | Styled | Code | Link


@dataclass(frozen=True)
class Paragraph:
    """One ordinary line (possibly empty)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class BulletItem:
    """``- item`` or ``* item``; ``marker`` is the character typed."""

    marker: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NumberedItem:
    """``1. item``; ``number`` is the digits typed."""

    number: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Quote:
    """``> quoted line``."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class MonoBlock:
    """A ```` ```monospace``` ```` block occupying whole lines; its text may hold newlines."""

    children: tuple[Plain, ...]


Block = Paragraph | BulletItem | NumberedItem | Quote | MonoBlock


@dataclass(frozen=True)
class MarkupTree:
    blocks: tuple[Block, ...]


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
