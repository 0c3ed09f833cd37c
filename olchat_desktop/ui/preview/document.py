"""Turn the core's markup tree into a styled ``QTextDocument`` (and the runs it holds).

The body is rendered from ``core.markup.parse_markup``'s tree, never re-parsed here. The
header and footer are shown as typed (WhatsApp does not format them), with expressions
replaced by samples. Quote bars are not a ``QTextDocument`` feature, so the builder
reports which blocks are quotes and the painter draws the bars beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

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
from olchat_desktop.ui.preview.model import BlockKind, Part, Run
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


@dataclass(slots=True)
class StyledDocument:
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

    def write(self, text: str, run: Run, char_format: QTextCharFormat) -> None:
        if text:
            self.cursor.insertText(text, char_format)
            self.runs.append(replace(run, text=text, part=self.part, block=self.block_kind))

    def write_expression(self, source: str, sample: str | None, run: Run) -> None:
        char_format = self.format_for(run)
        if sample is not None:
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            char_format.setUnderlineColor(self.color("sample_underline"))
            self.write(sample, replace(run, expression="sample", source=source), char_format)
            return
        char_format.setBackground(self.color("unknown_background"))
        char_format.setForeground(self.color("unknown_text"))
        label = f"\u2009{expression_label(source)}\u2009"  # thin spaces pad the chip
        self.write(label, replace(run, expression="unknown", source=source), char_format)

    def format_for(self, run: Run) -> QTextCharFormat:
        char_format = QTextCharFormat(self.base)
        if run.bold:
            char_format.setFontWeight(QFont.Weight.Bold)
        if run.italic:
            char_format.setFontItalic(True)
        if run.strike:
            char_format.setFontStrikeOut(True)
        if run.mono:
            char_format.setFontFamilies([*MONO_FAMILIES, EMOJI_FAMILY])
            char_format.setFontFixedPitch(True)
            if self.block_kind != "mono":  # a mono block has a block background instead
                char_format.setBackground(self.color("code_background"))
        if run.link:
            char_format.setForeground(self.color("link"))
            char_format.setFontUnderline(True)
        return char_format

    def finish(self) -> StyledDocument:
        return StyledDocument(self.document, tuple(self.runs), tuple(self.quote_blocks))


def _with_style(run: Run, style: str) -> Run:
    if style == "bold":
        return replace(run, bold=True)
    if style == "italic":
        return replace(run, italic=True)
    return replace(run, strike=True)


def _write_inline(builder: _Builder, nodes: tuple[Inline, ...], run: Run) -> None:
    for node in nodes:
        if isinstance(node, Text):
            builder.write(node.text, run, builder.format_for(run))
        elif isinstance(node, ExpressionNode):
            builder.write_expression(node.source, node.sample, run)
        elif isinstance(node, Styled):
            _write_inline(builder, node.children, _with_style(run, node.style))
        elif isinstance(node, Code):
            _write_inline(builder, node.children, replace(run, mono=True))
        elif isinstance(node, Link):
            _write_inline(builder, node.children, replace(run, link=True))


def _hanging(builder: _Builder, prefix: str) -> QTextBlockFormat:
    width = QFontMetricsF(builder.font).horizontalAdvance(prefix)
    block_format = QTextBlockFormat()
    block_format.setLeftMargin(width)
    block_format.setTextIndent(-width)
    return block_format


def _write_block(builder: _Builder, block: Block) -> None:
    plain = Run("", builder.part)
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
        mono = replace(plain, mono=True)
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
    styled = builder.finish()
    styled.ends_boxed = bool(tree.blocks) and isinstance(tree.blocks[-1], Quote | MonoBlock)
    return styled


def build_plain(text: str, samples: Mapping[str, str], theme: str, part: Part) -> StyledDocument:
    """Header or footer: shown as typed, expressions replaced (or chips when unknown)."""
    header = part == "header"
    builder = _Builder(
        theme, part, HEADER_PX if header else FOOTER_PX, "text" if header else "meta_text", header
    )
    builder.new_block("plain")
    run = Run("", part, bold=header)
    for segment in split_expressions(text):
        if isinstance(segment, Expression):
            builder.write_expression(segment.source, samples.get(segment.source), run)
        else:
            builder.write(segment.text, run, builder.format_for(run))
    return builder.finish()


__all__ = ["StyledDocument", "build_body", "build_plain", "expression_label", "text_font"]
