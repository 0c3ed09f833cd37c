"""Layout of the "Check on real data" window (behaviour: ``ui.dry_run.controller``).

Top: the portal, the entity and the optional filters. Middle: Start/Cancel, a progress
bar and a status line (items read / estimated, requests, elapsed), a warning line for a
partial report. Below: per-field length bars, the offenders table, and the report's
buttons (show the worst case in the preview, export CSV / JSON). Texts are set in
:meth:`DryRunView.retranslate`, again on every language change.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.ui.dry_run.length_bars import LengthBars
from olchat_desktop.ui.dry_run.offenders_model import SORT_ROLE, OffendersModel
from olchat_desktop.ui.i18n import N_, follow_language, ui_text

ENTITY_NAMES = {
    "deal": N_("Deals"),
    "contact": N_("Contacts"),
    "lead": N_("Leads"),
    "company": N_("Companies"),
}


class DryRunView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dryRunWindow")
        self.setWindowFlag(Qt.WindowType.Window, True)  # its own window; the editor stays usable
        self.resize(1060, 880)
        self.controller: object = None  # the DryRunController, kept alive with the window

        self.portalCombo = QComboBox()
        self.portalCombo.setObjectName("dryRunPortalCombo")
        self.entityCombo = QComboBox()
        self.entityCombo.setObjectName("dryRunEntityCombo")
        for code in ENTITY_NAMES:
            self.entityCombo.addItem("", code)
        self.categoryEdit = QLineEdit()
        self.stageEdit = QLineEdit()
        self.createdEdit = QLineEdit()
        self.filterEdit = QLineEdit()
        self.filterEdit.setObjectName("dryRunFilterEdit")
        self.filterEdit.setPlaceholderText('{"ASSIGNED_BY_ID": "1"}')
        self.limitSpin = QSpinBox()
        self.limitSpin.setRange(0, 10_000_000)
        self.limitSpin.setSingleStep(1000)
        self.formLabels = [QLabel() for _ in range(8)]
        labels = iter(self.formLabels)
        form = QFormLayout()
        form.addRow(next(labels), self.portalCombo)
        form.addRow(next(labels), self.entityCombo)
        row = QHBoxLayout()
        for edit in (self.categoryEdit, self.stageEdit, self.createdEdit, self.limitSpin):
            row.addWidget(next(labels))
            row.addWidget(edit, 1)
        form.addRow(next(labels), row)
        form.addRow(next(labels), self.filterEdit)

        self.startButton = QPushButton()
        self.startButton.setObjectName("dryRunStartButton")
        self.startButton.setDefault(True)
        self.cancelButton = QPushButton()
        self.cancelButton.setObjectName("dryRunCancelButton")
        self.progress = QProgressBar()
        self.progress.setObjectName("dryRunProgress")
        self.progress.setTextVisible(False)
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("dryRunStatus")
        self.statusLabel.setWordWrap(True)
        self.partialLabel = QLabel()
        self.partialLabel.setObjectName("dryRunPartial")
        self.partialLabel.setWordWrap(True)
        self.partialLabel.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.partialLabel.hide()
        controls = QHBoxLayout()
        controls.addWidget(self.startButton)
        controls.addWidget(self.cancelButton)
        controls.addWidget(self.progress, 1)

        self.summaryLabel = QLabel()
        self.summaryLabel.setObjectName("dryRunSummary")
        self.summaryLabel.setWordWrap(True)
        self.bars = LengthBars()
        bars_scroll = QScrollArea()
        bars_scroll.setWidget(self.bars)
        bars_scroll.setWidgetResizable(True)
        bars_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        bars_scroll.setMinimumHeight(7 * 30 + 8)  # header, body, footer, 3 buttons, room

        self.model = OffendersModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("dryRunOffenders")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 220, 150, 170, 90)):
            self.table.setColumnWidth(column, width)

        self.previewButton = QPushButton()
        self.previewButton.setObjectName("dryRunPreviewButton")
        self.csvButton = QPushButton()
        self.jsonButton = QPushButton()
        self.closeButton = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.previewButton, self.csvButton, self.jsonButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.closeButton)

        report = QWidget()
        report_layout = QVBoxLayout(report)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addWidget(self.summaryLabel)
        report_layout.addWidget(bars_scroll)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(report)
        self.split.addWidget(self.table)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([250, 500])

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(controls)
        layout.addWidget(self.statusLabel)
        layout.addWidget(self.partialLabel)
        layout.addWidget(self.split, 1)
        layout.addLayout(buttons)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text that does not depend on a report (the controller sets those)."""
        self.setWindowTitle(ui_text("Check on real data"))
        for index, code in enumerate(ENTITY_NAMES):
            self.entityCombo.setItemText(index, ui_text(ENTITY_NAMES[code]))
        self.categoryEdit.setPlaceholderText(ui_text("any"))
        self.stageEdit.setPlaceholderText(ui_text("any, e.g. NEW"))
        self.createdEdit.setPlaceholderText(ui_text("YYYY-MM-DD"))
        self.limitSpin.setSpecialValueText(ui_text("all"))
        labels = (
            ui_text("Portal:"),
            ui_text("Items:"),
            ui_text("Pipeline:"),
            ui_text("Stage:"),
            ui_text("Created after:"),
            ui_text("At most:"),
            ui_text("Filter:"),
            ui_text("Bitrix24 filter (JSON):"),
        )
        for label, shown in zip(self.formLabels, labels, strict=True):
            label.setText(shown)
        self.startButton.setText(ui_text("Check"))
        self.cancelButton.setText(ui_text("Stop"))
        self.table.setAccessibleName(ui_text("Offending items"))
        self.previewButton.setText(ui_text("Show in preview"))
        self.csvButton.setText(ui_text("Export CSV…"))
        self.jsonButton.setText(ui_text("Export JSON…"))
        self.closeButton.setText(ui_text("Close"))
        self.bars.retranslate()
        self.model.retranslate()
