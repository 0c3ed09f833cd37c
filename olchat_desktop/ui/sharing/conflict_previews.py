"""The two WhatsApp previews under the conflict view's field table (issue 19): the local
version and the portal's, side by side, each as the customer would see it.

Each side is the editor's own ``PreviewCanvas`` (``ui.preview``), so the conflict view
draws bubbles, formatting, samples and elided buttons exactly as the editor does; nothing
of the rendering is repeated here. A side that does not exist (the template was deleted
on the portal) says so instead of showing an empty phone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.ui.preview.canvas import PreviewCanvas

# Narrower than the editor's default phone: two of them share the dialog's width.
CONFLICT_PHONE_WIDTH = 320


class _Side(QWidget):
    """A caption and one preview (or the note that this side has no version)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setObjectName(f"{name}PreviewCaption")
        self.caption.setWordWrap(True)
        self.canvas = PreviewCanvas()
        self.canvas.setObjectName(f"{name}PreviewCanvas")
        self.canvas.set_phone_width(CONFLICT_PHONE_WIDTH)
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.missing = QLabel()
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.missing.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.missing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)

    def show_template(self, template: Any, missing_text: str) -> None:
        if template is None:
            self.missing.setText(missing_text)
            self.stack.setCurrentWidget(self.missing)
            return
        self.canvas.set_template(template)
        self.stack.setCurrentIndex(0)


class ConflictPreviews(QWidget):
    """Both versions' previews; ``show_versions(local, remote, lang)`` per conflict."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPreviews")
        self.local = _Side("local")
        self.remote = _Side("remote")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.local, 1)
        layout.addWidget(self.remote, 1)

    def set_theme(self, theme: str) -> None:
        for side in (self.local, self.remote):
            side.canvas.set_theme(theme)

    def show_versions(self, local: Any, remote: Any, lang: Lang, remote_caption: str) -> None:
        self.local.caption.setText(text(lang, "Preview: here"))
        self.remote.caption.setText(remote_caption)
        self.local.show_template(local, text(lang, "There is no local version."))
        self.remote.show_template(remote, text(lang, "Deleted on the portal."))

    def clear(self) -> None:
        for side in (self.local, self.remote):
            side.caption.clear()
            side.show_template(None, "")
