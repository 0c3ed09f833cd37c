"""Layout of the "Check on real data" window (behaviour: ``ui.dry_run.controller``).

Top: the portal, the entity and the optional filters. Middle: Start/Cancel, a progress
bar and a status line (items read / estimated, requests, elapsed), a warning line for a
partial report. Below: per-field length bars, the offenders table, and the report's
buttons (show the worst case in the preview, export CSV / JSON). Texts through
:func:`olchat_desktop.core.i18n.pick`, as the robots dialog does.
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

from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.ui.dry_run.length_bars import LengthBars
from olchat_desktop.ui.dry_run.offenders_model import SORT_ROLE, OffendersModel

ENTITY_NAMES = {
    "deal": ("Сделки", "Deals"),
    "contact": ("Контакты", "Contacts"),
    "lead": ("Лиды", "Leads"),
    "company": ("Компании", "Companies"),
}


class DryRunView(QDialog):
    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("dryRunWindow")
        self.setWindowTitle(pick(lang, "Проверка на реальных данных", "Check on real data"))
        self.setWindowFlag(Qt.WindowType.Window, True)  # its own window; the editor stays usable
        self.resize(1060, 880)
        self.controller: object = None  # the DryRunController, kept alive with the window

        self.portalCombo = QComboBox()
        self.portalCombo.setObjectName("dryRunPortalCombo")
        self.entityCombo = QComboBox()
        self.entityCombo.setObjectName("dryRunEntityCombo")
        for code, names in ENTITY_NAMES.items():
            self.entityCombo.addItem(pick(lang, *names), code)
        self.categoryEdit = QLineEdit()
        self.categoryEdit.setPlaceholderText(pick(lang, "любая", "any"))
        self.stageEdit = QLineEdit()
        self.stageEdit.setPlaceholderText(pick(lang, "любая, например NEW", "any, e.g. NEW"))
        self.createdEdit = QLineEdit()
        self.createdEdit.setPlaceholderText(pick(lang, "ГГГГ-ММ-ДД", "YYYY-MM-DD"))
        self.filterEdit = QLineEdit()
        self.filterEdit.setObjectName("dryRunFilterEdit")
        self.filterEdit.setPlaceholderText('{"ASSIGNED_BY_ID": "1"}')
        self.limitSpin = QSpinBox()
        self.limitSpin.setRange(0, 10_000_000)
        self.limitSpin.setSingleStep(1000)
        self.limitSpin.setSpecialValueText(pick(lang, "все", "all"))
        form = QFormLayout()
        form.addRow(pick(lang, "Портал:", "Portal:"), self.portalCombo)
        form.addRow(pick(lang, "Элементы:", "Items:"), self.entityCombo)
        row = QHBoxLayout()
        for label, edit in (
            (pick(lang, "Воронка:", "Pipeline:"), self.categoryEdit),
            (pick(lang, "Стадия:", "Stage:"), self.stageEdit),
            (pick(lang, "Созданы после:", "Created after:"), self.createdEdit),
            (pick(lang, "Не больше:", "At most:"), self.limitSpin),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(edit, 1)
        form.addRow(pick(lang, "Фильтр:", "Filter:"), row)
        form.addRow(
            pick(lang, "Фильтр Bitrix24 (JSON):", "Bitrix24 filter (JSON):"), self.filterEdit
        )

        self.startButton = QPushButton(pick(lang, "Проверить", "Check"))
        self.startButton.setObjectName("dryRunStartButton")
        self.startButton.setDefault(True)
        self.cancelButton = QPushButton(pick(lang, "Остановить", "Stop"))
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
        self.bars = LengthBars(lang)
        bars_scroll = QScrollArea()
        bars_scroll.setWidget(self.bars)
        bars_scroll.setWidgetResizable(True)
        bars_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        bars_scroll.setMinimumHeight(7 * 30 + 8)  # header, body, footer, 3 buttons, room

        self.model = OffendersModel(lang)
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
        self.table.setAccessibleName(pick(lang, "Проблемные элементы", "Offending items"))

        self.previewButton = QPushButton(pick(lang, "Показать в превью", "Show in preview"))
        self.previewButton.setObjectName("dryRunPreviewButton")
        self.csvButton = QPushButton(pick(lang, "Экспорт CSV…", "Export CSV…"))
        self.jsonButton = QPushButton(pick(lang, "Экспорт JSON…", "Export JSON…"))
        self.closeButton = QPushButton(pick(lang, "Закрыть", "Close"))
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
