"""Per-field length histograms against the limit, painted (no chart library needed).

One row per robot field: the field's name, a small histogram of the items' lengths (bins
from the report, ``[from, to, items]``), a red line at the limit with the bins beyond it in
red, and "max · p95 · mean / limit" on the right.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from olchat_desktop.core.dry_run_report import field_title
from olchat_desktop.ui.i18n import current_language, ui_text

ROW_HEIGHT = 30
NAME_WIDTH = 96
STATS_WIDTH = 260
OVER = QColor("#d93025")
UNDER = QColor("#1a73e8")


class LengthBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dryRunLengthBars")
        self.fields: dict[str, dict[str, Any]] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        """Field names are painted in the current language; the accessible texts follow."""
        lang = current_language()
        self.setAccessibleName(ui_text("Field lengths"))
        lines = [
            f"{field_title(name, lang)}: max {s['max']}, p95 {s['p95']} / {s['limit']}"
            for name, s in self.fields.items()
        ]
        self.setAccessibleDescription("; ".join(lines))
        self.update()

    def set_fields(self, fields: dict[str, dict[str, Any]]) -> None:
        self.fields = fields
        self.updateGeometry()
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(640, max(1, len(self.fields)) * ROW_HEIGHT + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        track = palette.color(QPalette.ColorRole.Mid)
        chart_width = max(60, self.width() - NAME_WIDTH - STATS_WIDTH - 16)
        for row, (name, stats) in enumerate(self.fields.items()):
            top = row * ROW_HEIGHT + 2
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top, NAME_WIDTH - 6, ROW_HEIGHT - 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                field_title(name, current_language()),
            )
            self._histogram(
                painter, stats, QRectF(NAME_WIDTH, top + 3, chart_width, ROW_HEIGHT - 10), track
            )
            mean = ui_text("mean")
            summary = f"max {stats['max']} · p95 {stats['p95']} · {mean} {stats['mean']:.0f}"
            if stats.get("limit"):
                summary += f" / {stats['limit']}"
            painter.setPen(OVER if stats.get("over_limit") else text)
            painter.drawText(
                QRectF(NAME_WIDTH + chart_width + 10, top, STATS_WIDTH, ROW_HEIGHT - 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                summary,
            )
        painter.end()

    def _histogram(
        self, painter: QPainter, stats: dict[str, Any], area: QRectF, track: QColor
    ) -> None:
        bins = stats.get("histogram") or []
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track.lighter(130))
        painter.drawRect(area)
        if not bins:
            return
        top_length = max(b[1] for b in bins) + 1
        tallest = max((b[2] for b in bins), default=0) or 1
        limit = stats.get("limit")
        for start, end, count in bins:
            if not count:
                continue
            x = area.left() + area.width() * start / top_length
            width = max(1.0, area.width() * (end + 1 - start) / top_length - 1)
            height = max(3.0, area.height() * count / tallest)  # a lone item stays visible
            painter.setBrush(OVER if limit and end > limit else UNDER)
            painter.drawRect(QRectF(x, area.bottom() - height, width, height))
        if limit:
            # The boundary after the last allowed length: bars left of it fit.
            x = area.left() + area.width() * min(limit + 1, top_length) / top_length
            painter.setPen(OVER)
            painter.drawLine(int(x), int(area.top()) - 2, int(x), int(area.bottom()) + 2)
