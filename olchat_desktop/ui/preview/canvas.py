"""The drawing surface of the preview: builds documents and layout, paints, exports.

``set_template`` runs on every keystroke, so documents are cached: the body document by
its parsed markup tree (``parse_markup`` is itself cached and returns the same frozen
tree for the same text and samples), header and footer by their text and samples. A
keystroke in the body rebuilds one document and re-runs the cheap geometry.

Every change only drops the layout; it is rebuilt when next needed (size hint, paint,
``model()``), so a burst of changes, such as start-up setting theme, width, texts and
template in turn, lays out once.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from olchat_desktop.core.expressions import Expression, split_expressions, substitute
from olchat_desktop.core.markup import parse_markup
from olchat_desktop.core.template_draft import TemplateContent, TemplateDraft
from olchat_desktop.ui.preview.document import StyledDocument, build_body, build_plain
from olchat_desktop.ui.preview.layout import PreviewLayout, layout_preview
from olchat_desktop.ui.preview.model import Part, Perspective, PreviewModel
from olchat_desktop.ui.preview.painting import paint_preview
from olchat_desktop.ui.theme import THEMES

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

DEFAULT_PHONE_WIDTH = 360
PHONE_WIDTHS = (320, 360, 412)
MIN_PHONE_WIDTH = 240
BUTTON_SLOTS = 3
_CACHE_SIZE = 16


class _DocumentCache:
    """A small least-recently-used map of built documents."""

    def __init__(self) -> None:
        self._items: OrderedDict[Hashable, StyledDocument] = OrderedDict()

    def get(self, key: Hashable) -> StyledDocument | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: Hashable, value: StyledDocument) -> None:
        self._items[key] = value
        while len(self._items) > _CACHE_SIZE:
            self._items.popitem(last=False)


def _relevant_samples(text: str, samples: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            (segment.source, samples[segment.source])
            for segment in split_expressions(text)
            if isinstance(segment, Expression) and segment.source in samples
        )
    )


class PreviewCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewCanvas")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Qt fills the margins beside the phone column with the window colour before
        # paintEvent: cheaper than a Python fillRect, whose QBrush overload alone costs a
        # millisecond of start-up (it creates the QGradient type and its enums).
        self.setAutoFillBackground(True)
        self._template: TemplateContent = TemplateDraft(id="")
        self._theme = "light"
        self._phone_width = DEFAULT_PHONE_WIDTH
        self._perspective: Perspective = "customer"
        self._clock_text: str | None = None
        self.caption = ""
        self.note = ""
        self._cache = _DocumentCache()
        self._layout: PreviewLayout | None = None
        self.relayout()

    # -- state ------------------------------------------------------------------------

    def set_template(self, template: TemplateContent) -> None:
        self._template = template
        self.relayout()

    def template(self) -> TemplateContent:
        return self._template

    def set_theme(self, name: str) -> None:
        self._theme = name if name in THEMES else "light"
        self.relayout()

    def theme(self) -> str:
        return self._theme

    def set_phone_width(self, px: int) -> None:
        self._phone_width = max(MIN_PHONE_WIDTH, int(px))
        self.relayout()

    def phone_width(self) -> int:
        return self._phone_width

    def set_perspective(self, perspective: Perspective) -> None:
        if perspective not in ("customer", "operator"):
            raise ValueError(f"unknown perspective {perspective!r}")
        self._perspective = perspective
        self.relayout()

    def perspective(self) -> Perspective:
        return self._perspective

    def set_clock_text(self, text: str | None) -> None:
        """Fix the time shown (screenshots, tests); None shows the current HH:MM."""
        self._clock_text = text
        self.relayout()

    def set_texts(self, caption: str, note: str) -> None:
        self.caption, self.note = caption, note
        self.relayout()

    def model(self) -> PreviewModel:
        return self.current_layout().model

    # -- layout -----------------------------------------------------------------------

    def _plain_document(self, text: str, part: Part) -> StyledDocument:
        samples = self._template.samples
        key = (part, text, _relevant_samples(text, samples), self._theme)
        found = self._cache.get(key)
        if found is None:
            found = build_plain(text, samples, self._theme, part)
            self._cache.put(key, found)
        return found

    def _body_document(self) -> StyledDocument:
        tree = parse_markup(self._template.message, self._template.samples)
        key = ("body", tree, self._theme)
        found = self._cache.get(key)
        if found is None:
            found = build_body(tree, self._theme)
            self._cache.put(key, found)
        return found

    def relayout(self) -> None:
        """Drop the layout; it is rebuilt when next needed (size hint, paint, model), so a
        burst of changes (start-up sets theme, width, texts and template) lays out once."""
        self._layout = None
        self.updateGeometry()
        self.update()

    def current_layout(self) -> PreviewLayout:
        if self._layout is None:
            self._layout = self._build_layout()
        return self._layout

    def _build_layout(self) -> PreviewLayout:
        template = self._template
        documents = [
            self._plain_document(template.header, "header"),
            self._body_document(),
            self._plain_document(template.footer, "footer"),
        ]
        titles = [
            substitute(title, template.samples)
            for title in template.buttons[:BUTTON_SLOTS]
            if title.strip()
        ]
        clock = self._clock_text or time.strftime("%H:%M")
        return layout_preview(
            documents,
            titles,
            self._phone_width,
            self._perspective,
            self._theme,
            clock,
            self.caption,
            self.note,
        )

    # -- painting ---------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(self._phone_width, self.model().height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._phone_width, self.model().height)

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self.current_layout()
        painter = QPainter(self)
        offset = max(0, (self.width() - self._phone_width) // 2)
        painter.translate(offset, 0)
        # Below the content the chat background continues to the widget's bottom.
        paint_preview(painter, layout, self.height())
        painter.end()

    def render_image(self, scale: float = 1.0) -> QImage:
        """The phone column as an image ``phone_width * scale`` pixels wide."""
        # Imported here: QImage's type and enums cost a millisecond of start-up, and only
        # export and the render command need it.
        from PySide6.QtGui import QImage

        layout = self.current_layout()
        model = layout.model
        image = QImage(
            round(model.phone_width * scale),
            round(model.height * scale),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        paint_preview(painter, layout)
        painter.end()
        return image

    def export_png(self, path: str | Path, scale: float = 1.0) -> None:
        saved = self.render_image(scale).save(str(path), "PNG")  # type: ignore[call-overload]
        if not saved:
            raise OSError(f"could not write a PNG to {path}")
