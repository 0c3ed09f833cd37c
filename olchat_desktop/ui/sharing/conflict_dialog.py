"""Team library conflicts side by side: each field here and on the portal, with its
counter, differences marked, and both versions' WhatsApp previews under them (the
editor's canvas, ``conflict_previews``); keep mine, keep the portal's, or keep both
(issue 19). The portal's side names its last editor (the sync state keeps the names).

Closing a conflict only changes the local library and the sync state (``sharing.
conflicts``): no network, so it runs on the GUI thread; the next sync sends the outcome.
Texts come from ``pick`` like the rest of the team library UI.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core import limits
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.ui.i18n import N_, current_language, follow_language, ui_text
from olchat_desktop.ui.sharing.conflict_previews import ConflictPreviews

# (attribute, label msgid, limit or None)
FIELDS: tuple[tuple[str, str, int | None], ...] = (
    ("name", N_("Name"), None),
    ("line", N_("Line"), None),
    ("phone", N_("Phone"), None),
    ("header", N_("Header"), limits.HEADER),
    ("message", N_("Message"), limits.MESSAGE),
    ("footer", N_("Footer"), limits.FOOTER),
    ("button1", N_("Button 1"), limits.BUTTON),
    ("button2", N_("Button 2"), limits.BUTTON),
    ("button3", N_("Button 3"), limits.BUTTON),
    ("wait_for_reply", N_("Wait for reply"), None),
    ("tags", N_("Tags"), None),
)


def field_text(template: Any, attribute: str, lang: Lang) -> str:
    if template is None:
        return ""
    if attribute.startswith("button"):
        index = int(attribute[-1]) - 1
        buttons = list(template.buttons)
        return buttons[index] if index < len(buttons) else ""
    if attribute == "wait_for_reply":
        return text(lang, "yes") if template.wait_for_reply else text(lang, "no")
    if attribute == "tags":
        return ", ".join(template.tags)
    return str(getattr(template, attribute))


def counted(text: str, limit: int | None, samples: Any) -> str:
    if limit is None or not text:
        return text
    from olchat_desktop.core.counting import count_field

    return f"{text}\n[{count_field(text, samples or {}).code_points}/{limit}]"


def _short_time(iso: str | None) -> str:
    """``UPDATE_TIME`` as local day and time ("04.12 15:40"), or a dash."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso or "").astimezone().strftime("%d.%m %H:%M")
    except ValueError:
        return "—"


class ConflictDialog(QDialog):
    resolved = Signal(str)  # template id

    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("teamConflictDialog")
        self.resize(1060, 780)
        self.conflictList = QListWidget()
        self.table = QTableWidget(len(FIELDS), 2)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.keepLocalButton = QPushButton()
        self.keepRemoteButton = QPushButton()
        self.keepBothButton = QPushButton()
        self.keepLocalButton.clicked.connect(lambda: self.keep("local"))
        self.keepRemoteButton.clicked.connect(lambda: self.keep("remote"))
        self.keepBothButton.clicked.connect(lambda: self.keep("both"))
        choices = QHBoxLayout()
        for button in (self.keepLocalButton, self.keepRemoteButton, self.keepBothButton):
            choices.addWidget(button)
        choices.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        self.previews = ConflictPreviews()
        if self.palette().window().color().lightness() < 128:
            self.previews.set_theme("dark")
        sides = QSplitter(Qt.Orientation.Vertical)
        sides.addWidget(self.table)
        sides.addWidget(self.previews)
        sides.setSizes([330, 330])
        right_layout.addWidget(sides, 1)
        right_layout.addLayout(choices)
        splitter = QSplitter()
        splitter.addWidget(self.conflictList)
        splitter.addWidget(right)
        splitter.setSizes([240, 740])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.closeButton = close.button(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.conflictList.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.retranslate()
        self.reload()
        follow_language(self, self.retranslate)

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    def retranslate(self) -> None:
        self.setWindowTitle(ui_text("Team library conflicts"))
        self.table.setVerticalHeaderLabels([ui_text(label) for _a, label, _l in FIELDS])
        self.keepLocalButton.setText(ui_text("Keep mine"))
        self.keepRemoteButton.setText(ui_text("Take the portal's"))
        self.keepBothButton.setText(ui_text("Keep both"))
        self.closeButton.setText(ui_text("Close"))
        if self.isVisible():  # once closed, the sync state it reads is closed too
            self._show(self.conflictList.currentItem())

    def reload(self) -> None:
        self.conflictList.clear()
        for conflict in self.desk.open_conflicts():
            item = QListWidgetItem(f"{conflict.name}\n{conflict.detail}")
            item.setData(Qt.ItemDataRole.UserRole, conflict.template_id)
            self.conflictList.addItem(item)
        if self.conflictList.count():
            self.conflictList.setCurrentRow(0)
        else:
            self._show(None)

    def current_id(self) -> str | None:
        item = self.conflictList.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _show(self, item: QListWidgetItem | None) -> None:
        from olchat_desktop.sharing.conflicts import versions

        both = versions(self.desk, str(item.data(Qt.ItemDataRole.UserRole))) if item else None
        for button in (self.keepLocalButton, self.keepRemoteButton, self.keepBothButton):
            button.setEnabled(both is not None)
        self.keepBothButton.setEnabled(both is not None and both.kind == "edited")
        if both is None:
            self.summary.setText(ui_text("No conflicts left."))
            self.table.setHorizontalHeaderLabels([ui_text("Here"), ui_text("On the portal")])
            self.table.clearContents()
            self.previews.clear()
            return
        who = self._editor(both.remote_updated_by)
        when = _short_time(both.remote_update_time)
        self.previews.show_versions(
            both.local,
            both.remote,
            self.lang,
            text(self.lang, "Preview: on the portal ({who}, {when})").format(who=who, when=when),
        )
        self.table.setHorizontalHeaderLabels(
            [
                ui_text("Here"),
                text(self.lang, "On the portal ({who}, {when})").format(who=who, when=when),
            ]
        )
        self.summary.setText(
            ui_text("The template was deleted on the portal and edited here.")
            if both.kind == "deleted_remote"
            else ui_text("The template was edited here and on the portal. Both versions are kept.")
        )
        bold = QFont(self.font())
        bold.setBold(True)
        for row, (attribute, _label, limit) in enumerate(FIELDS):
            texts = [field_text(t, attribute, self.lang) for t in (both.local, both.remote)]
            for column, (template, value) in enumerate(
                zip((both.local, both.remote), texts, strict=True)
            ):
                samples = getattr(template, "samples", None)
                cell = QTableWidgetItem(counted(value, limit, samples) if template else "—")
                if texts[0] != texts[1]:
                    cell.setFont(bold)  # the fields that differ
                self.table.setItem(row, column, cell)

    def _editor(self, user_id: int | None) -> str:
        """The portal side's last editor: the name a sync learnt, else "user #7"."""
        if not user_id:
            return "—"
        name = self.desk.state.user_name(self.desk.profile, user_id)
        return name or text(self.lang, "user #{id}").format(id=user_id)

    def keep(self, choice: str) -> None:
        from olchat_desktop.sharing.conflicts import resolve

        template_id = self.current_id()
        if template_id is None:
            return
        resolve(self.desk, template_id, choice)
        self.resolved.emit(template_id)
        self.reload()
