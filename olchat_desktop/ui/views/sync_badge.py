"""A shared template's mark in the sidebar row (issue 19): a small cloud in the colour of
its sync state at the right of the name line, with the state's word when it needs the
user's eye (not sent, conflict, offline; "synced" is the cloud alone, so a long Russian
word does not eat the name: the tooltip says it); the second line's
time becomes "who · when" of the portal's last version. Local rows are left as they were.

The cloud is painted once per state and colour (no icon file, no per-paint drawing), and
everything the row needs comes from the model's roles, which the listing query already
joined (``storage.library_team``): a paint never queries anything.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPixmap

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.storage.library_team import SyncInfo

SYNC_STATES = ("synced", "pending", "conflict", "offline")
SYNC_COLOURS = {
    "synced": "#1a73e8",
    "pending": "#e8a200",
    "conflict": "#d93025",
    "offline": "#9aa0a6",
}
CLOUD_SIZE = 14
_GAP = 4
_icons: dict[str, QIcon] = {}


def _lang() -> Lang:
    from olchat_desktop.ui import i18n

    return i18n.current_language()


def state_text(state: str) -> str:
    texts = {
        "synced": text(_lang(), "synced"),
        "pending": text(_lang(), "not sent"),
        "conflict": text(_lang(), "conflict"),
        "offline": text(_lang(), "offline"),
    }
    return texts.get(state, state)


def short_name(full: str) -> str:
    """ "Мария Менеджерова" -> "Мария М." (the row is narrow; the tooltip has it all)."""
    parts = full.split()
    if len(parts) < 2:
        return full
    return f"{parts[0]} {parts[1][0]}."


def editor_text(info: SyncInfo) -> str:
    if info.editor:
        return info.editor
    if info.editor_id is not None:
        return text(_lang(), "user #{id}").format(id=info.editor_id)
    return ""


def describe(state: str, info: SyncInfo, when: str) -> str:
    """The tooltip's lines about sharing: the state and who changed it on the portal
    (``when``: the portal's change time as the row says it, "7 мин назад")."""
    lines = [text(_lang(), "Shared with the team: {state}").format(state=state_text(state))]
    who = editor_text(info)
    if who and when:
        lines.append(text(_lang(), "Last changed by {who}, {when}").format(who=who, when=when))
    elif who:
        lines.append(text(_lang(), "Last changed by {who}").format(who=who))
    return "\n".join(lines)


def second_line(info: SyncInfo, when: str) -> str:
    """The second line's right side for a shared row: "Мария М. · 5 мин назад"
    (``when``: the portal's change time, else the local one)."""
    who = short_name(editor_text(info))
    return f"{who} · {when}" if who and when else who or when


def cloud(state: str) -> QIcon:
    """A small cloud in the state's colour."""
    if state not in _icons:
        size = CLOUD_SIZE
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SYNC_COLOURS.get(state, SYNC_COLOURS["offline"])))
        painter.drawEllipse(1, 5, 6, 6)  # left puff
        painter.drawEllipse(4, 2, 7, 7)  # top puff
        painter.drawEllipse(7, 5, 6, 6)  # right puff
        painter.drawRoundedRect(3, 7, 8, 4, 1, 1)  # flat base
        painter.end()
        icon = QIcon(pixmap)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
        _icons[state] = icon
    return _icons[state]


def _word(state: str) -> str:
    return "" if state == "synced" else state_text(state)


def badge_width(metrics: QFontMetrics, state: str) -> int:
    word = _word(state)
    return CLOUD_SIZE + 2 * _GAP + (metrics.horizontalAdvance(word) + _GAP if word else 0)


def paint(painter: QPainter, rect: QRect, state: str, text_colour: QColor) -> None:
    """The cloud and the state's word, right-aligned in ``rect`` (the name line)."""
    metrics = painter.fontMetrics()
    word = _word(state)
    right = rect.right() - 2 * _GAP
    text_left = right - metrics.horizontalAdvance(word) if word else right + _GAP
    icon_top = rect.top() + (rect.height() - CLOUD_SIZE) // 2
    painter.drawPixmap(text_left - _GAP - CLOUD_SIZE, icon_top, cloud(state).pixmap(CLOUD_SIZE))
    if not word:
        return
    colour = QColor(SYNC_COLOURS[state]) if state == "conflict" else text_colour
    painter.setPen(colour)
    text_rect = QRect(text_left, rect.top(), right - text_left + 1, rect.height())
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter), word)
