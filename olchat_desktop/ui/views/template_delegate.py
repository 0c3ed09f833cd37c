"""How one sidebar row looks (issue 15): a status dot, the name on the first line, the
tags and how long ago it was saved ("5 min ago") on the second.

The default delegate paints the background, selection, focus and the name (with the dot
as its decoration), so the row follows the platform style; this class adds the second
line. It never asks for ``QStyle`` or ``QStyleOption.state``: building those Python
types costs start-up time (``tests/ui/test_startup_imports.py``), so the selection is
read from the view's selection model instead.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

from olchat_desktop.storage.library_listing import ListRow
from olchat_desktop.storage.library_status import (
    STATUS_ERROR,
    STATUS_OK,
    STATUS_PENDING,
    STATUS_WARNING,
)
from olchat_desktop.ui.i18n import ui_text
from olchat_desktop.ui.views import sync_badge

# The whole ListRow, which the model (ui.controllers.library_model) gives the delegate.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# Team library (issue 19): shared or not, the state to show (synced, pending, conflict,
# offline; None for a local template) and the SyncInfo (last editor and time).
SHARED_ROLE = Qt.ItemDataRole.UserRole + 2
SYNC_STATE_ROLE = Qt.ItemDataRole.UserRole + 3
SYNC_INFO_ROLE = Qt.ItemDataRole.UserRole + 4

# Colours of the problems list's icons: red errors, amber warnings, green clean; grey
# for a row whose status is not known (a damaged row); a light neutral grey for a row
# not checked yet (just imported: the checking pass colours it in a moment).
DOT_COLOURS = {
    STATUS_ERROR: "#d93025",
    STATUS_WARNING: "#e8a200",
    STATUS_OK: "#1e9e4a",
    STATUS_PENDING: "#dadce0",
    None: "#9aa0a6",
}
_PADDING = 4
DOT_SIZE = 10


def relative_time(updated_at: str, now: datetime | None = None) -> str:
    """ "5 min ago" / "5 мин назад" for an ISO time; a date after a week."""
    try:
        when = datetime.fromisoformat(updated_at)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()

    if seconds < 60:
        return ui_text("just now")
    if seconds < 3600:
        return ui_text("{n} min ago").format(n=int(seconds // 60))
    if seconds < 86_400:
        return ui_text("{n} h ago").format(n=int(seconds // 3600))
    if seconds < 7 * 86_400:
        return ui_text("{n} d ago").format(n=int(seconds // 86_400))
    return when.astimezone().strftime("%d.%m.%Y")


def status_text(status: int | None) -> str:
    """The status for the tooltip and screen readers."""

    if status == STATUS_ERROR:
        return ui_text("Has errors")
    if status == STATUS_WARNING:
        return ui_text("Has warnings")
    if status == STATUS_OK:
        return ui_text("No problems")
    if status == STATUS_PENDING:
        return ui_text("Not checked yet")
    return ui_text("Could not be checked")


class TemplateRowDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._dots: dict[int | None, QIcon] = {}

    def dot(self, status: int | None) -> QIcon:
        """A filled circle in the status colour (the row's decoration), made once."""
        if status not in self._dots:
            size = DOT_SIZE
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(DOT_COLOURS.get(status, DOT_COLOURS[None])))
            painter.drawEllipse(1, 1, size - 2, size - 2)
            painter.end()
            icon = QIcon(pixmap)
            # The same dot when selected: otherwise the style tints a generated copy,
            # which fails on the offscreen platform ("Paint device returned engine == 0").
            icon.addPixmap(pixmap, QIcon.Mode.Selected)
            icon.addPixmap(pixmap, QIcon.Mode.Active)
            self._dots[status] = icon
        return self._dots[status]

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        return QSize(120, 2 * height + 4 * _PADDING)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        row = index.data(ROW_ROLE)
        if isinstance(row, ListRow):
            option.icon = self.dot(row.status)
            option.decorationSize = QSize(DOT_SIZE, DOT_SIZE)
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """The default painting (background, dot, name) in the first line's band, then
        the second line: the tags on the left, the time on the right."""
        rect: QRect = option.rect
        metrics = option.fontMetrics
        first = QRect(rect.left(), rect.top(), rect.width(), metrics.height() + 2 * _PADDING)
        top = QStyleOptionViewItem(option)
        top.rect = first
        row = index.data(ROW_ROLE)
        sync_state = index.data(SYNC_STATE_ROLE) if isinstance(row, ListRow) else None
        badge = QRect()
        if sync_state:  # a shared template: its cloud and state at the name line's right
            width = sync_badge.badge_width(metrics, sync_state)
            badge = QRect(first.right() - width + 1, first.top(), width, first.height())
            top.rect = first.adjusted(0, 0, -width, 0)
        super().paint(painter, top, index)
        if not isinstance(row, ListRow):
            return
        palette: QPalette = option.palette
        second = QRect(
            rect.left(), first.bottom() + 1, rect.width(), rect.bottom() - first.bottom()
        )
        selected = self._view.selectionModel().isSelected(index)
        painter.save()
        if selected:
            # setBrush(QColor) + drawRect, not fillRect: resolving fillRect's overloads
            # builds PySide's QGradient type, which start-up never needs.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRect(second)
            if not badge.isNull():
                painter.drawRect(badge)  # the name's band stops where the badge starts
            colour = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            colour = palette.color(QPalette.ColorRole.PlaceholderText)
        # Under the name: the style puts it after the dot and two margins.
        line = second.adjusted(DOT_SIZE + 2 * _PADDING + 1, 0, -2 * _PADDING, -_PADDING)
        when = relative_time(row.updated_at)
        if sync_state and row.sync is not None:
            sync_badge.paint(painter, badge, sync_state, colour)
            if row.sync.changed_at:
                when = relative_time(row.sync.changed_at)
            when = sync_badge.second_line(row.sync, when)
        when_width = metrics.horizontalAdvance(when) + 2 * _PADDING
        painter.setPen(colour)
        centred = int(Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignRight) | centred, when)
        tags = metrics.elidedText(row.tags, Qt.TextElideMode.ElideRight, line.width() - when_width)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft) | centred, tags)
        # A hairline between rows: two-line rows read as one item each.
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()
