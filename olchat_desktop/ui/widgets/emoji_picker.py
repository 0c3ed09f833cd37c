"""A small popup grid of common emoji for the formatting toolbar.

The system picker (Win+. / Ctrl+Cmd+Space / GNOME's Ctrl+.) works too; this grid covers
the emoji managers use most in service messages without leaving the app.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QMenu, QToolButton, QWidget, QWidgetAction

COMMON_EMOJI = (
    "😊", "🙂", "😉", "😍", "🤩", "😎", "🤔", "😔",
    "👍", "👎", "👌", "🙏", "👋", "🤝", "💪", "👏",
    "✅", "❌", "⚠️", "❗", "❓", "ℹ️", "⭐", "🔥",
    "📅", "⏰", "📍", "📞", "📦", "🚚", "💳", "🎁",
    "❤️", "💬", "📝", "🔔", "🎉", "🏥", "🛒", "💐",
)  # fmt: skip
COLUMNS = 8


class EmojiPicker(QMenu):
    """A menu holding a grid of emoji buttons; :attr:`picked` carries the chosen one."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emojiPicker")
        self._buttons: list[QToolButton] = []
        # The grid is built when first opened: dozens of buttons (and the colour emoji
        # font they load) are not worth paying for at start-up.
        self.aboutToShow.connect(self._build)

    @property
    def buttons(self) -> list[QToolButton]:
        self._build()
        return self._buttons

    def _build(self) -> None:
        if self._buttons:
            return
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(2)
        for index, emoji in enumerate(COMMON_EMOJI):
            button = QToolButton(grid_host)
            button.setText(emoji)
            button.setAutoRaise(True)
            button.setAccessibleName(emoji)
            button.setFixedSize(32, 32)
            button.clicked.connect(lambda _=False, e=emoji: self._pick(e))
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self._buttons.append(button)
        action = QWidgetAction(self)
        action.setDefaultWidget(grid_host)
        self.addAction(action)

    def _pick(self, emoji: str) -> None:
        self.picked.emit(emoji)
        self.close()
