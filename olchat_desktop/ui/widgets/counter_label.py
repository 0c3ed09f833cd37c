"""The character counter shown beside each limited field: ``17/60``, ``17+?/60``.

The numbers come from the core's :func:`olchat_desktop.core.counting.count_field`; this
widget only decides how to show them. Its level is exposed as the dynamic property
``level`` ("ok" below 90 % of the limit, "near" from 90 %, "over" above the limit), which
the style sheet colours and tests can read.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from olchat_desktop.core.counting import FieldCount
from olchat_desktop.ui.i18n import ui_text

# Amber from this share of the limit on (issue 5, point 2).
NEAR_SHARE = 0.9

LEVEL_STYLE = (
    "QLabel[level='ok'] { color: palette(placeholder-text); }"
    "QLabel[level='near'] { color: #B26A00; font-weight: 600; }"
    "QLabel[level='over'] { color: #D32F2F; font-weight: 700; }"
)


def counter_level(length: int, limit: int) -> str:
    if length > limit:
        return "over"
    if length >= limit * NEAR_SHARE:
        return "near"
    return "ok"


def counter_text(count: FieldCount, limit: int) -> str:
    unknown = "+?" if count.unknown else ""
    return f"{count.code_points}{unknown}/{limit}"


def counter_tooltip(count: FieldCount, limit: int) -> str:
    """Code points, graphemes and the expression breakdown, as plain lines."""

    lines = [
        ui_text("{n} of {limit} characters (Unicode code points, as the server counts)").format(
            n=count.code_points, limit=limit
        ),
        ui_text("{n} visible characters (graphemes)").format(n=count.graphemes),
    ]
    if count.expressions:
        lines.append(ui_text("Literal text: {n}").format(n=count.literal_length))
        for item in count.expressions:
            if item.sample_length is None:
                lines.append(
                    ui_text("{expr}: no sample, length unknown").format(expr=item.expression.source)
                )
            else:
                lines.append(
                    ui_text("{expr}: {n} (sample)").format(
                        expr=item.expression.source, n=item.sample_length
                    )
                )
    if count.unknown:
        lines.append(ui_text("Set sample values to get an exact count."))
    return "\n".join(lines)


class CounterLabel(QLabel):
    """A small right-aligned label; call :meth:`show_count` whenever the field changes."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self._count: FieldCount | None = None
        self.setProperty("level", "ok")
        self.setStyleSheet(LEVEL_STYLE)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000+?/0000 "))
        self.setText(f"0/{limit}")

    def show_count(self, count: FieldCount) -> None:
        self._count = count
        self.setText(counter_text(count, self.limit))
        level = counter_level(count.code_points, self.limit)
        if self.property("level") != level:
            self.setProperty("level", level)
            # Dynamic properties do not restyle on their own (Qt style sheet docs); setting
            # the sheet again repolishes. Not style().unpolish/polish: the first Python use
            # of QStyle costs 5 ms (its enums), on start-up when a field starts near a limit.
            self.setStyleSheet(LEVEL_STYLE)
        self.setToolTip(counter_tooltip(count, self.limit))
        self.setAccessibleDescription(self.toolTip())

    def retranslate(self) -> None:
        if self._count is not None:
            self.setToolTip(counter_tooltip(self._count, self.limit))
