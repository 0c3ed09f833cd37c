"""``PreviewView``: the WhatsApp-style preview widget the editor embeds.

A toolbar (theme, phone width, whose view, export, copy) above a scrollable canvas. By
default it shows what the customer sees: a business message arrives as an *incoming*
bubble (white / #202C33, on the left, tail top-left, no ticks). ``set_perspective
("operator")`` shows the sender's side instead: outgoing colour, on the right, with ticks.
The same actions are in the canvas's context menu.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.markup import parse_markup
from olchat_desktop.core.markup_nodes import to_plain_text
from olchat_desktop.core.robot_settings import format_robot_settings
from olchat_desktop.core.template_draft import TemplateContent
from olchat_desktop.ui.i18n import follow_language, ui_text
from olchat_desktop.ui.preview.canvas import DEFAULT_PHONE_WIDTH, PHONE_WIDTHS, PreviewCanvas
from olchat_desktop.ui.preview.model import Perspective, PreviewModel

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


class PreviewView(QWidget):
    """Live preview; ``set_template`` is called on every keystroke."""

    themeChanged = Signal(str)
    phoneWidthChanged = Signal(int)
    perspectiveChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewView")
        self.canvas = PreviewCanvas()
        self.scrollArea = QScrollArea()
        self.scrollArea.setObjectName("previewScroll")
        self.scrollArea.setWidget(self.canvas)
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scrollArea.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._build_actions()
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("previewToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.darkAction)
        self.toolbar.addWidget(self.widthCombo)
        self.toolbar.addWidget(self.perspectiveCombo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.exportAction)
        self.toolbar.addAction(self.copyAction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.scrollArea, 1)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.darkAction, self.exportAction, self.copyAction):
            self.canvas.addAction(action)
        self.retranslate()
        follow_language(self, self.retranslate)

    def _build_actions(self) -> None:
        self.darkAction = QAction(self)
        self.darkAction.setObjectName("previewDarkAction")
        self.darkAction.setCheckable(True)
        self.darkAction.toggled.connect(lambda on: self._choose_theme("dark" if on else "light"))
        self.exportAction = QAction(self)
        self.exportAction.setObjectName("previewExportAction")
        self.exportAction.triggered.connect(self._export_dialog)
        self.copyAction = QAction(self)
        self.copyAction.setObjectName("copyRobotSettingsAction")
        self.copyAction.triggered.connect(self.copy_robot_settings)
        self.widthCombo = QComboBox()
        self.widthCombo.setObjectName("previewWidthCombo")
        for px in PHONE_WIDTHS:
            self.widthCombo.addItem("", px)
        self.widthCombo.setCurrentIndex(PHONE_WIDTHS.index(DEFAULT_PHONE_WIDTH))
        self.widthCombo.currentIndexChanged.connect(
            lambda index: self.set_phone_width(int(self.widthCombo.itemData(index)))
        )
        self.perspectiveCombo = QComboBox()
        self.perspectiveCombo.setObjectName("previewPerspectiveCombo")
        self.perspectiveCombo.addItem("", "customer")
        self.perspectiveCombo.addItem("", "operator")
        self.perspectiveCombo.currentIndexChanged.connect(
            lambda index: self.set_perspective(self.perspectiveCombo.itemData(index))
        )

    # -- the contract the editor codes against -----------------------------------------

    def set_template(self, template: TemplateContent) -> None:
        self.canvas.set_template(template)
        self._describe()

    def set_theme(self, name: str) -> None:
        self.canvas.set_theme(name)
        self.darkAction.blockSignals(True)
        self.darkAction.setChecked(self.canvas.theme() == "dark")
        self.darkAction.blockSignals(False)

    def set_phone_width(self, px: int) -> None:
        changed = px != self.canvas.phone_width()
        self.canvas.set_phone_width(px)
        index = self.widthCombo.findData(self.canvas.phone_width())
        if index >= 0 and index != self.widthCombo.currentIndex():
            self.widthCombo.blockSignals(True)
            self.widthCombo.setCurrentIndex(index)
            self.widthCombo.blockSignals(False)
        if changed:
            self.phoneWidthChanged.emit(self.canvas.phone_width())

    def set_perspective(self, perspective: Perspective) -> None:
        """ "customer" (default): the incoming bubble the customer sees; "operator": the
        sender's outgoing bubble with ticks."""
        changed = perspective != self.canvas.perspective()
        self.canvas.set_perspective(perspective)
        index = self.perspectiveCombo.findData(perspective)
        if index != self.perspectiveCombo.currentIndex():
            self.perspectiveCombo.blockSignals(True)
            self.perspectiveCombo.setCurrentIndex(index)
            self.perspectiveCombo.blockSignals(False)
        self._retranslate_canvas()
        if changed:
            self.perspectiveChanged.emit(perspective)

    def export_png(self, path: str | Path) -> None:
        """Write the phone column as PNG, at this screen's pixel ratio (sharp on HiDPI)."""
        self.canvas.export_png(path, self.devicePixelRatioF())

    def grab_image(self) -> QImage:
        return self.canvas.render_image(self.devicePixelRatioF())

    def model(self) -> PreviewModel:
        """The laid-out runs, buttons and geometry (for tests and accessibility)."""
        return self.canvas.model()

    def copy_robot_settings(self) -> None:
        QGuiApplication.clipboard().setText(format_robot_settings(self.canvas.template()))

    # -- behaviour --------------------------------------------------------------------

    def _choose_theme(self, name: str) -> None:
        self.set_theme(name)
        self.themeChanged.emit(name)

    def _export_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _filter = QFileDialog.getSaveFileName(
            self, ui_text("Export preview as PNG"), "preview.png", ui_text("PNG images (*.png)")
        )
        if not path:
            return
        try:
            self.export_png(path)
        except OSError as error:
            QMessageBox.warning(self, ui_text("Export PNG"), str(error))

    def _describe(self) -> None:
        """A text version of the bubble for screen readers."""
        template = self.canvas.template()
        body = to_plain_text(parse_markup(template.message, template.samples))
        parts = [template.header, body, template.footer, *template.buttons]
        self.setAccessibleDescription("\n".join(part for part in parts if part))

    def retranslate(self) -> None:
        self.setAccessibleName(ui_text("WhatsApp preview"))
        self.darkAction.setText(ui_text("Dark"))
        self.darkAction.setToolTip(ui_text("Show the preview in WhatsApp's dark theme"))
        self.exportAction.setText(ui_text("Export PNG…"))
        self.copyAction.setText(ui_text("Copy robot settings"))
        self.copyAction.setToolTip(
            ui_text("Copy every field with its Russian label, for pasting into the robot form")
        )
        names = {320: ui_text("Small (320)"), 360: ui_text("Default (360)"),
                 412: ui_text("Large (412)")}  # fmt: skip
        for index, px in enumerate(PHONE_WIDTHS):
            self.widthCombo.setItemText(index, names[px])
        self.widthCombo.setAccessibleName(ui_text("Phone width"))
        self.perspectiveCombo.setItemText(0, ui_text("Customer"))
        self.perspectiveCombo.setItemText(1, ui_text("Operator"))
        self.perspectiveCombo.setAccessibleName(ui_text("Whose screen to show"))
        self._retranslate_canvas()

    def _retranslate_canvas(self) -> None:
        if self.canvas.perspective() == "customer":
            caption = ui_text("As the customer sees it")
        else:
            caption = ui_text("As the operator sees it")
        self.canvas.set_texts(caption, ui_text("Approximate WhatsApp look"))
