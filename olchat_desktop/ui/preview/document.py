"""Turn the core's markup tree into a styled ``QTextDocument`` (and the runs it holds).

The body is rendered from ``core.markup.parse_markup``'s tree, never re-parsed here. The
header and footer are shown as typed (WhatsApp does not format them), with expressions
replaced by samples. Quote bars are not a ``QTextDocument`` feature, so the builder
reports which blocks are quotes and the painter draws the bars beside them.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from collections.abc import Mapping
from typing import NamedTuple

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from olchat_desktop.core.expressions import Expression, find_expressions, split_expressions
from olchat_desktop.core.markup_nodes import (
    Block,
    BulletItem,
    Code,
    ExpressionNode,
    Inline,
    Link,
    MarkupTree,
    MonoBlock,
    NumberedItem,
    Quote,
    Styled,
    Text,
)
from olchat_desktop.ui.preview.model import BlockKind, ExpressionState, Part, Run
from olchat_desktop.ui.theme import whatsapp_color

# WhatsApp's web client uses 14.2-14.5 px body text (reference §4); Qt needs whole pixels.
BODY_PX = 14
HEADER_PX = 15
FOOTER_PX = 12
TIME_PX = 11
# Qt picks the first installed family; emoji fall back to Noto Color Emoji.
TEXT_FAMILIES = ["Roboto", "Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans"]
MONO_FAMILIES = ["Roboto Mono", "Consolas", "Menlo", "DejaVu Sans Mono", "monospace"]
EMOJI_FAMILY = "Noto Color Emoji"
QUOTE_INDENT = 12.0
LINE_SEPARATOR = "\u2028"  # keeps a monospace block's lines in one block (one background)


def text_font(pixel_size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies([*TEXT_FAMILIES, EMOJI_FAMILY])
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


class Style(NamedTuple):
    """Inline style while writing; the same fields, in the same order, as in ``Run``."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    mono: bool = False
    link: bool = False


PLAIN = Style()


class StyledDocument(NamedTuple):
    document: QTextDocument
    runs: tuple[Run, ...]
    quote_blocks: tuple[int, ...]  # block numbers to draw a quote bar beside
    # The last block has a full-width background (quote, monospace): the time cannot
    # sit beside its last line.
    ends_boxed: bool = False


def expression_label(source: str) -> str:
    """What a chip shows for an expression without sample: its display name or field code."""
    found = find_expressions(source)
    if found and found[0].name:
        expression = found[0]
        return f"{expression.group}:{expression.name}" if expression.group else expression.name
    return source


class _Builder:
    """Writes runs into a document through one cursor, remembering each run's style."""

    def __init__(self, theme: str, part: Part, pixel_size: int, color: str, bold: bool) -> None:
        self.theme = theme
        self.part = part
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        self.font = text_font(pixel_size, bold)
        self.document.setDefaultFont(self.font)
        self.cursor = QTextCursor(self.document)
        self.base = QTextCharFormat()
        self.base.setForeground(whatsapp_color(theme, color))
        self.runs: list[Run] = []
        self.quote_blocks: list[int] = []
        self.block_kind: BlockKind = "plain"
        self._first_block = True
        self._formats: dict[tuple[Style, bool], QTextCharFormat] = {}

    def color(self, token: str) -> QColor:
        return whatsapp_color(self.theme, token)

    def new_block(self, kind: BlockKind, block_format: QTextBlockFormat | None = None) -> None:
        self.block_kind = kind
        block_format = block_format or QTextBlockFormat()
        if self._first_block:
            self.cursor.setBlockFormat(block_format)
            self._first_block = False
        else:
            self.cursor.insertBlock(block_format, self.base)

    def write(
        self,
        text: str,
        style: Style,
        char_format: QTextCharFormat,
        expression: ExpressionState | None = None,
        source: str = "",
    ) -> None:
        if text:
            self.cursor.insertText(text, char_format)
            # Positional construction: this runs per run per keystroke (replace() is slow).
            self.runs.append(Run(text, self.part, self.block_kind, *style, expression, source))

    def write_expression(self, source: str, sample: str | None, style: Style) -> None:
        char_format = QTextCharFormat(self.format_for(style))
        if sample is not None:
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            char_format.setUnderlineColor(self.color("sample_underline"))
            self.write(sample, style, char_format, "sample", source)
            return
        char_format.setBackground(self.color("unknown_background"))
        char_format.setForeground(self.color("unknown_text"))
        label = f"\u2009{expression_label(source)}\u2009"  # thin spaces pad the chip
        self.write(label, style, char_format, "unknown", source)

    def format_for(self, style: Style) -> QTextCharFormat:
        """The character format for a style (cached: a body reuses a handful of them)."""
        key = (style, self.block_kind == "mono")
        found = self._formats.get(key)
        if found is not None:
            return found
        char_format = QTextCharFormat(self.base)
        if style.bold:
            char_format.setFontWeight(QFont.Weight.Bold)
        if style.italic:
            char_format.setFontItalic(True)
        if style.strike:
            char_format.setFontStrikeOut(True)
        if style.mono:
            char_format.setFontFamilies([*MONO_FAMILIES, EMOJI_FAMILY])
            char_format.setFontFixedPitch(True)
            if self.block_kind != "mono":  # a mono block has a block background instead
                char_format.setBackground(self.color("code_background"))
        if style.link:
            char_format.setForeground(self.color("link"))
            char_format.setFontUnderline(True)
        self._formats[key] = char_format
        return char_format

    def finish(self, ends_boxed: bool = False) -> StyledDocument:
        return StyledDocument(self.document, tuple(self.runs), tuple(self.quote_blocks), ends_boxed)


def _with_style(style: Style, name: str) -> Style:
    if name == "bold":
        return style._replace(bold=True)
    if name == "italic":
        return style._replace(italic=True)
    return style._replace(strike=True)


def _write_inline(builder: _Builder, nodes: tuple[Inline, ...], style: Style) -> None:
    for node in nodes:
        if isinstance(node, Text):
            builder.write(node.text, style, builder.format_for(style))
        elif isinstance(node, ExpressionNode):
            builder.write_expression(node.source, node.sample, style)
        elif isinstance(node, Styled):
            _write_inline(builder, node.children, _with_style(style, node.style))
        elif isinstance(node, Code):
            _write_inline(builder, node.children, style._replace(mono=True))
        elif isinstance(node, Link):
            _write_inline(builder, node.children, style._replace(link=True))


def _hanging(builder: _Builder, prefix: str) -> QTextBlockFormat:
    width = QFontMetricsF(builder.font).horizontalAdvance(prefix)
    block_format = QTextBlockFormat()
    block_format.setLeftMargin(width)
    block_format.setTextIndent(-width)
    return block_format


def _write_block(builder: _Builder, block: Block) -> None:
    plain = PLAIN
    if isinstance(block, BulletItem):
        builder.new_block("bullet", _hanging(builder, "•  "))
        builder.cursor.insertText("•  ", builder.base)
    elif isinstance(block, NumberedItem):
        prefix = f"{block.number}. "
        builder.new_block("numbered", _hanging(builder, prefix))
        builder.cursor.insertText(prefix, builder.base)
    elif isinstance(block, Quote):
        block_format = QTextBlockFormat()
        block_format.setLeftMargin(QUOTE_INDENT)
        block_format.setBackground(builder.color("quote_background"))
        builder.new_block("quote", block_format)
        builder.quote_blocks.append(builder.cursor.blockNumber())
    elif isinstance(block, MonoBlock):
        block_format = QTextBlockFormat()
        block_format.setBackground(QBrush(builder.color("code_background")))
        block_format.setTopMargin(2)
        block_format.setBottomMargin(2)
        builder.new_block("mono", block_format)
        mono = plain._replace(mono=True)
        for node in block.children:
            if isinstance(node, Text):
                text = node.text.replace("\n", LINE_SEPARATOR)
                builder.write(text, mono, builder.format_for(mono))
            else:
                builder.write_expression(node.source, node.sample, mono)
        return
    else:
        builder.new_block("paragraph")
    _write_inline(builder, block.children, plain)


def build_body(tree: MarkupTree, theme: str) -> StyledDocument:
    builder = _Builder(theme, "body", BODY_PX, "text", bold=False)
    for block in tree.blocks:
        _write_block(builder, block)
    return builder.finish(
        ends_boxed=bool(tree.blocks) and isinstance(tree.blocks[-1], Quote | MonoBlock)
    )


def build_plain(text: str, samples: Mapping[str, str], theme: str, part: Part) -> StyledDocument:
    """Header or footer: shown as typed, expressions replaced (or chips when unknown)."""
    header = part == "header"
    builder = _Builder(
        theme, part, HEADER_PX if header else FOOTER_PX, "text" if header else "meta_text", header
    )
    builder.new_block("plain")
    style = PLAIN._replace(bold=header)
    for segment in split_expressions(text):
        if isinstance(segment, Expression):
            builder.write_expression(segment.source, samples.get(segment.source), style)
        else:
            builder.write(segment.text, style, builder.format_for(style))
    return builder.finish()


__all__ = ["StyledDocument", "build_body", "build_plain", "expression_label", "text_font"]
