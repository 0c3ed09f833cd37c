"""Geometry of the preview: where the bubble, its text, the time and the buttons go.

Measurements follow ``reference/olchat_whatsapp.md`` §4 (radius 7-8 px, padding 6-9 px,
tail at the top corner, reply buttons as full-width rows under the bubble). All numbers
are logical pixels; painting scales them by the device pixel ratio.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
import math
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QTextDocument

from olchat_desktop.ui.preview.document import FOOTER_PX, TIME_PX, StyledDocument, text_font
from olchat_desktop.ui.preview.model import ButtonRow, Perspective, PreviewModel, Run

SIDE_MARGIN = 10.0  # phone edge to the tail
TAIL = 8.0
FREE_SIDE = 40.0  # WhatsApp leaves room on the other side of the chat
PAD_X = 9.0
PAD_TOP = 6.0
PAD_BOTTOM = 7.0
PART_GAP = 3.0  # header -> body -> footer
META_GAP = 8.0  # last text line -> time
TICKS_WIDTH = 18.0
CAPTION_TOP = 12.0
CAPTION_PAD = (10.0, 4.0)
BUBBLE_TOP_GAP = 10.0
BUTTON_HEIGHT = 38.0
BUTTON_GAP = 1.0  # rows are separated by 1-px gaps (reference §4)
ICON_SIZE = 16.0
ICON_GAP = 6.0
NOTE_GAP = 14.0
BOTTOM_MARGIN = 10.0


class PlacedDocument(NamedTuple):
    styled: StyledDocument
    origin: QPointF


class PreviewLayout(NamedTuple):
    """Everything the painter needs; ``model`` is the inspectable summary of it."""

    model: PreviewModel
    caption: str
    caption_rect: QRectF
    note: str
    note_rect: QRectF
    bubble: QRectF
    documents: list[PlacedDocument]
    time_rect: QRectF


def _last_line_width(document: QTextDocument) -> float:
    """Right edge of the last laid-out line, where the time may sit beside it."""
    block = document.lastBlock()
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return 0.0
    line = layout.lineAt(layout.lineCount() - 1)
    return line.x() + line.naturalTextWidth()


def layout_preview(
    documents: list[StyledDocument],
    button_titles: list[str],
    phone_width: int,
    perspective: Perspective,
    theme: str,
    time_text: str,
    caption: str,
    note: str,
) -> PreviewLayout:
    width = float(phone_width)
    meta_metrics = QFontMetricsF(text_font(TIME_PX))
    small_metrics = QFontMetricsF(text_font(FOOTER_PX))
    button_metrics = QFontMetricsF(text_font(14, bold=False))
    ticks = perspective == "operator"
    meta_width = meta_metrics.horizontalAdvance(time_text) + (TICKS_WIDTH if ticks else 0.0)
    meta_height = meta_metrics.height()

    caption_w = small_metrics.horizontalAdvance(caption) + 2 * CAPTION_PAD[0]
    caption_h = small_metrics.height() + 2 * CAPTION_PAD[1]
    caption_rect = QRectF((width - caption_w) / 2, CAPTION_TOP, caption_w, caption_h)

    bubble_max = width - 2 * SIDE_MARGIN - TAIL - FREE_SIDE
    inner_max = bubble_max - 2 * PAD_X
    shown = [doc for doc in documents if not doc.document.isEmpty()]
    content = 0.0
    for styled in shown:
        styled.document.setTextWidth(inner_max)
        content = max(content, math.ceil(styled.document.idealWidth()))
    button_need = max(
        (button_metrics.horizontalAdvance(t) + ICON_SIZE + ICON_GAP + 24 for t in button_titles),
        default=0.0,
    )
    inner = min(inner_max, max(content, button_need - 2 * PAD_X, meta_width))
    last_line = _last_line_width(shown[-1].document) if shown else 0.0
    time_inline = (
        bool(shown) and not shown[-1].ends_boxed and last_line + META_GAP + meta_width <= inner_max
    )
    if time_inline:
        inner = max(inner, math.ceil(last_line + META_GAP + meta_width))
    bubble_w = inner + 2 * PAD_X

    left = (
        SIDE_MARGIN + TAIL if perspective == "customer" else width - SIDE_MARGIN - TAIL - bubble_w
    )
    top = caption_rect.bottom() + BUBBLE_TOP_GAP
    y = top + PAD_TOP
    placed: list[PlacedDocument] = []
    for index, styled in enumerate(shown):
        styled.document.setTextWidth(inner)
        if index:
            y += PART_GAP
        placed.append(PlacedDocument(styled, QPointF(left + PAD_X, y)))
        y += styled.document.size().height()
    if not shown or not time_inline:
        y += meta_height
    bubble = QRectF(left, top, bubble_w, y + PAD_BOTTOM - top)
    time_rect = QRectF(
        bubble.right() - PAD_X - meta_width,
        bubble.bottom() - PAD_BOTTOM + 3 - meta_height,
        meta_width,
        meta_height,
    )

    rows: list[ButtonRow] = []
    row_top = bubble.bottom() + BUTTON_GAP
    text_room = bubble_w - 24 - ICON_SIZE - ICON_GAP
    for title in button_titles:
        shown_title = button_metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_room)
        rect = (bubble.left(), row_top, bubble_w, BUTTON_HEIGHT)
        rows.append(ButtonRow(title, shown_title, rect))
        row_top += BUTTON_HEIGHT + BUTTON_GAP
    note_top = row_top + NOTE_GAP
    note_rect = QRectF(0, note_top, width, meta_height)
    height = math.ceil(note_rect.bottom() + BOTTOM_MARGIN)

    runs: tuple[Run, ...] = tuple(run for styled in shown for run in styled.runs)
    model = PreviewModel(
        theme=theme,
        perspective=perspective,
        phone_width=phone_width,
        height=height,
        bubble_rect=(bubble.x(), bubble.y(), bubble.width(), bubble.height()),
        time_text=time_text,
        ticks=ticks,
        runs=runs,
        buttons=tuple(rows),
    )
    return PreviewLayout(model, caption, caption_rect, note, note_rect, bubble, placed, time_rect)
