"""The searchable "Insert field" popup: type to filter, arrows to choose, Enter to insert.

Focus stays in the search box the whole time (the list takes no focus), as in a command
palette: typing filters, Up/Down/PageUp/PageDown move over the fields (headings are
skipped), Enter inserts the chosen field, Esc closes. A click on a field inserts it too.
The form switch decides between ``{{Label}}`` and ``{=Document:CODE}``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.field_catalogue import CatalogueField, FieldCatalogue
from olchat_desktop.core.i18n import Lang
from olchat_desktop.ui.field_picker.model import FieldPickerModel
from olchat_desktop.ui.i18n import ui_text

_MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: 10,
    Qt.Key.Key_PageUp: -10,
}


class FieldPickerPopup(QFrame):
    """Emits :attr:`chosen` with the expression text; :attr:`form_changed` on a switch."""

    chosen = Signal(str)
    form_changed = Signal(str)  # "display" | "code"
    refresh_requested = Signal()

    def __init__(self, form: str = "display", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("fieldPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = form if form in ("display", "code") else "display"
        self.model = FieldPickerModel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("fieldPickerStatus")
        self.statusLabel.setWordWrap(True)
        self.refreshButton = QToolButton()
        self.refreshButton.setObjectName("fieldPickerRefresh")
        self.refreshButton.clicked.connect(self.refresh_requested)
        top.addWidget(self.statusLabel, 1)
        top.addWidget(self.refreshButton)
        layout.addLayout(top)

        self.searchEdit = QLineEdit()
        self.searchEdit.setObjectName("fieldPickerSearch")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.textChanged.connect(self._on_query)
        self.searchEdit.installEventFilter(self)
        layout.addWidget(self.searchEdit)

        # A table, not a tree: a tree lays out every row on reset (and spanning a row
        # relays it out again), a table with fixed row heights touches only what shows.
        self.view = QTableView()
        self.view.setObjectName("fieldPickerList")
        self.view.setModel(self.model)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 190)
        header.resizeSection(2, 250)
        self.view.clicked.connect(self._on_clicked)
        self.model.modelReset.connect(self._after_reset)
        layout.addWidget(self.view, 1)

        bottom = QHBoxLayout()
        self.displayRadio = QRadioButton()
        self.displayRadio.setObjectName("fieldPickerDisplayForm")
        self.codeRadio = QRadioButton()
        self.codeRadio.setObjectName("fieldPickerCodeForm")
        group = QButtonGroup(self)
        group.addButton(self.displayRadio)
        group.addButton(self.codeRadio)
        self.displayRadio.setChecked(self.form == "display")
        self.codeRadio.setChecked(self.form == "code")
        self.displayRadio.toggled.connect(self._on_form_toggled)
        bottom.addWidget(self.displayRadio)
        bottom.addWidget(self.codeRadio)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.hintLabel = QLabel()
        self.hintLabel.setObjectName("fieldPickerHint")
        self.hintLabel.setWordWrap(True)
        layout.addWidget(self.hintLabel)
        self.resize(800, 470)
        self.retranslate("ru")

    # -- public -------------------------------------------------------------------------

    def set_catalogue(self, catalogue: FieldCatalogue) -> None:
        self.model.set_catalogue(catalogue)

    def set_status(self, text: str, tooltip: str = "") -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setToolTip(tooltip)

    def set_form(self, form: str) -> None:
        (self.displayRadio if form == "display" else self.codeRadio).setChecked(True)

    def expression_for(self, field: CatalogueField) -> str:
        return field.display_form() if self.form == "display" else field.code_form()

    def current_field(self) -> CatalogueField | None:
        return self.model.field_at(self.view.currentIndex().row())

    def popup_under(self, anchor: QWidget) -> None:
        """Show below ``anchor`` (kept on its screen), the search box focused and empty."""
        self.searchEdit.clear()
        point = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            point.setX(max(area.left(), min(point.x(), area.right() - self.width())))
            if point.y() + self.height() > area.bottom():
                point.setY(max(area.top(), anchor.mapToGlobal(QPoint(0, 0)).y() - self.height()))
        self.move(point)
        self.show()
        self.activateWindow()
        self.searchEdit.setFocus(Qt.FocusReason.PopupFocusReason)

    def retranslate(self, lang: Lang) -> None:
        self.model.set_language(lang)
        self.searchEdit.setPlaceholderText(ui_text("Search by name or code, e.g. филиал or UF_CRM"))
        self.searchEdit.setAccessibleName(ui_text("Search fields"))
        self.view.setAccessibleName(ui_text("CRM fields"))
        self.refreshButton.setText(ui_text("Refresh"))
        self.refreshButton.setToolTip(ui_text("Read the field list from the portal again"))
        self.displayRadio.setText(
            ui_text("Insert as {expression} (display name)").format(expression="{{Имя}}")
        )
        self.codeRadio.setText(
            ui_text("as {expression} (field code)").format(expression="{=Document:NAME}")
        )
        self.hintLabel.setText(
            ui_text("↑↓ choose · Enter inserts · Esc closes · ★ a custom (UF_) field")
        )

    # -- behaviour ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.searchEdit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in _MOVES:
                self._move(_MOVES[Qt.Key(key)])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._insert_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _on_query(self, text: str) -> None:
        self.model.set_query(text)

    def _after_reset(self) -> None:
        self.view.clearSpans()
        for row in self.model.heading_rows():
            self.view.setSpan(row, 0, 1, self.model.COLUMNS)
        self._select(self._next_field_row(-1, 1))

    def _next_field_row(self, row: int, step: int) -> int:
        """The nearest field row from ``row`` moving by ``step`` (clamped); -1 if none."""
        count = self.model.rowCount()
        if count == 0:
            return -1
        direction = 1 if step > 0 else -1
        target = max(0, min(count - 1, row + step))
        probe = target
        while 0 <= probe < count and self.model.field_at(probe) is None:
            probe += direction
        if not 0 <= probe < count:  # ran past the end: look back the other way
            probe = target
            while 0 <= probe < count and self.model.field_at(probe) is None:
                probe -= direction
        return probe if 0 <= probe < count else -1

    def _move(self, step: int) -> None:
        self._select(self._next_field_row(self.view.currentIndex().row(), step))

    def _select(self, row: int) -> None:
        if row < 0:
            self.view.setCurrentIndex(QModelIndex())
            return
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _on_clicked(self, index: QModelIndex) -> None:
        if self.model.field_at(index.row()) is not None:
            self.view.setCurrentIndex(index)
            self._insert_current()

    def _insert_current(self) -> None:
        field = self.current_field()
        if field is None:
            return
        self.close()
        self.chosen.emit(self.expression_for(field))

    def _on_form_toggled(self, display: bool) -> None:
        form = "display" if display else "code"
        if form != self.form:
            self.form = form
            self.form_changed.emit(form)
