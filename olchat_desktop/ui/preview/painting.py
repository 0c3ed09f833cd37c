"""Paint a laid-out preview: chat background, caption, bubble with tail, text, time,
ticks and reply-button rows.

The painter draws in logical pixels; callers set the device pixel ratio on their target
(a widget does it for them), so the same code is sharp on HiDPI screens and in exports.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from olchat_desktop.ui.preview.document import FOOTER_PX, TIME_PX, text_font
from olchat_desktop.ui.preview.layout import ICON_GAP, ICON_SIZE, TAIL, PreviewLayout
from olchat_desktop.ui.theme import whatsapp_color

RADIUS = 7.5
PATTERN_STEP = 22.0
QUOTE_BAR = 3.0


def bubble_path(rect: QRectF, tail_left: bool) -> QPainterPath:
    """A rounded rectangle whose top corner on the tail's side is square, plus the tail."""
    r = RADIUS
    x, y, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    path = QPainterPath()
    path.moveTo(x if tail_left else x + r, y)
    path.lineTo(right if not tail_left else right - r, y)
    if tail_left:
        path.arcTo(QRectF(right - 2 * r, y, 2 * r, 2 * r), 90, -90)
    path.lineTo(right, bottom - r)
    path.arcTo(QRectF(right - 2 * r, bottom - 2 * r, 2 * r, 2 * r), 0, -90)
    path.lineTo(x + r, bottom)
    path.arcTo(QRectF(x, bottom - 2 * r, 2 * r, 2 * r), 270, -90)
    if tail_left:
        path.lineTo(x, y + 11)
        # The tail: a small wedge whose outer tip is slightly rounded.
        path.lineTo(x - TAIL + 1.5, y + 2.2)
        path.quadTo(x - TAIL, y, x - TAIL + 2.5, y)
        path.closeSubpath()
    else:
        path.lineTo(x, y + r)
        path.arcTo(QRectF(x, y, 2 * r, 2 * r), 180, -90)
        path.lineTo(right + TAIL - 2.5, y)
        path.quadTo(right + TAIL, y, right + TAIL - 1.5, y + 2.2)
        path.lineTo(right, y + 11)
        path.closeSubpath()
    return path


def reply_icon(origin: QPointF) -> QPainterPath:
    """WhatsApp's reply arrow: a hook bending back to a left-pointing head."""
    x, y = origin.x(), origin.y()
    path = QPainterPath()
    path.moveTo(x + 14, y + 13)
    path.cubicTo(x + 14, y + 8, x + 10.5, y + 6, x + 4, y + 6)
    path.moveTo(x + 7.5, y + 2.5)
    path.lineTo(x + 4, y + 6)
    path.lineTo(x + 7.5, y + 9.5)
    return path


# Pattern tiles by (theme, device pixel ratio): the pattern repeats every PATTERN_STEP
# across and every two steps down, so painting it is one tiled blit per frame, not a few
# hundred antialiased dots (this runs on every keystroke's repaint).
_tiles: dict[tuple[str, float], QPixmap] = {}


def _pattern_tile(theme: str, ratio: float) -> QPixmap:
    found = _tiles.get((theme, ratio))
    if found is not None:
        return found
    step = PATTERN_STEP
    tile = QPixmap(round(step * ratio), round(2 * step * ratio))
    tile.setDevicePixelRatio(ratio)
    tile.fill(whatsapp_color(theme, "chat_background"))
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(whatsapp_color(theme, "chat_pattern"), 2.0, c=Qt.PenCapStyle.RoundCap))
    # Even rows: a dot mid-tile; odd rows: dots on the tile's edges, half in each tile.
    painter.drawPoints(
        QPolygonF([QPointF(step / 2, step / 2), QPointF(0, step * 1.5), QPointF(step, step * 1.5)])
    )
    painter.end()
    _tiles[(theme, ratio)] = tile
    return tile


def _paint_background(painter: QPainter, layout: PreviewLayout, theme: str, height: float) -> None:
    # A sparse dot grid stands in for WhatsApp's doodle wallpaper: subtle, not busy.
    tile = _pattern_tile(theme, painter.device().devicePixelRatioF())
    painter.drawTiledPixmap(QRectF(0, 0, layout.model.phone_width, height), tile)


def _paint_caption(painter: QPainter, layout: PreviewLayout, theme: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(whatsapp_color(theme, "bubble_shadow"))
    painter.drawRoundedRect(layout.caption_rect.translated(0, 1), RADIUS, RADIUS)
    painter.setBrush(whatsapp_color(theme, "caption_background"))
    painter.drawRoundedRect(layout.caption_rect, RADIUS, RADIUS)
    painter.setFont(text_font(FOOTER_PX))
    painter.setPen(whatsapp_color(theme, "caption_text"))
    painter.drawText(layout.caption_rect, Qt.AlignmentFlag.AlignCenter, layout.caption)


def _paint_documents(painter: QPainter, layout: PreviewLayout, theme: str) -> None:
    bar = whatsapp_color(theme, "quote_bar")
    for placed in layout.documents:
        document = placed.styled.document
        painter.save()
        painter.translate(placed.origin)
        for number in placed.styled.quote_blocks:
            block = document.findBlockByNumber(number)
            rect = document.documentLayout().blockBoundingRect(block)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bar)
            painter.drawRect(QRectF(rect.left(), rect.top(), QUOTE_BAR, rect.height()))
        document.drawContents(painter)
        painter.restore()


def _paint_time(painter: QPainter, layout: PreviewLayout, theme: str) -> None:
    rect = layout.time_rect
    painter.setFont(text_font(TIME_PX))
    painter.setPen(whatsapp_color(theme, "meta_text"))
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(rect, align, layout.model.time_text)
    if not layout.model.ticks:
        return
    # Double tick ("read"), only on the sender's own (outgoing) bubble.
    pen = QPen(whatsapp_color(theme, "ticks_read"), 1.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    x, mid = rect.right() - 15, rect.center().y()
    for offset in (0.0, 4.5):
        tick = QPolygonF(
            [
                QPointF(x + offset, mid),
                QPointF(x + offset + 3, mid + 3),
                QPointF(x + offset + 9, mid - 3.5),
            ]
        )
        painter.drawPolyline(tick)


def _paint_buttons(painter: QPainter, layout: PreviewLayout, theme: str, fill: QColor) -> None:
    accent = whatsapp_color(theme, "accent")
    font = text_font(14)
    font.setWeight(font.Weight.Medium)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    for row in layout.model.buttons:
        rect = QRectF(*row.rect)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(whatsapp_color(theme, "bubble_shadow"))
        painter.drawRoundedRect(rect.translated(0, 1), RADIUS, RADIUS)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        text_width = metrics.horizontalAdvance(row.shown)
        start = rect.center().x() - (ICON_SIZE + ICON_GAP + text_width) / 2
        icon_top = rect.center().y() - ICON_SIZE / 2
        pen = QPen(accent, 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(reply_icon(QPointF(start, icon_top)))
        text_rect = QRectF(start + ICON_SIZE + ICON_GAP, rect.top(), text_width + 2, rect.height())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, row.shown)


def paint_preview(painter: QPainter, layout: PreviewLayout, height: float | None = None) -> None:
    """Paint the phone column at the painter's origin; the chat background fills
    ``height`` (default: the content's height)."""
    theme = layout.model.theme
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _paint_background(painter, layout, theme, max(height or 0, layout.model.height))
    _paint_caption(painter, layout, theme)
    customer = layout.model.perspective == "customer"
    fill = whatsapp_color(theme, "incoming_bubble" if customer else "outgoing_bubble")
    path = bubble_path(layout.bubble, tail_left=customer)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(whatsapp_color(theme, "bubble_shadow"))
    painter.drawPath(path.translated(0, 1))
    painter.setBrush(fill)
    painter.drawPath(path)
    _paint_documents(painter, layout, theme)
    _paint_time(painter, layout, theme)
    _paint_buttons(painter, layout, theme, fill)
    painter.setFont(text_font(TIME_PX))
    painter.setPen(whatsapp_color(theme, "meta_text"))
    painter.drawText(layout.note_rect, Qt.AlignmentFlag.AlignCenter, layout.note)
