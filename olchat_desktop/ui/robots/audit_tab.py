"""Audit tab: read the portal's templates with progress and Cancel; robots and problems.

Selecting a robot lists its problems (the editor's validation, in the window's language);
"Open in editor as a new template" hands a fresh copy to the main window. Export writes
CSV (UTF-8 with BOM, so Excel reads Cyrillic) or JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template import Template
from olchat_desktop.robots.audit import AuditReport, FoundRobot, audit_portal
from olchat_desktop.robots.audit_export import to_csv, to_json
from olchat_desktop.ui.i18n import N_, LiveTexts, current_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task

if TYPE_CHECKING:
    from olchat_desktop.ui.robots.portal_option import PortalOption

COLUMNS = (
    N_("Template"),
    N_("Document type"),
    N_("Stage"),
    N_("Activity"),
    N_("Buttons"),
    N_("Problems"),
)


class AuditTab(QWidget):
    def __init__(
        self,
        current_portal: Callable[[], PortalOption | None],
        open_template: Callable[[Template], None],
    ) -> None:
        super().__init__()
        self.live = LiveTexts(self)
        self.setObjectName("robotsAuditTab")
        self.current_portal = current_portal
        self.open_template = open_template
        self.task: TaskHandle | None = None
        self.report: AuditReport | None = None
        self.runButton = QPushButton()
        self.live.bind(self.runButton.setText, lambda: ui_text("Audit the portal"))
        self.runButton.setObjectName("runAuditButton")
        self.cancelButton = QPushButton()
        self.live.bind(self.cancelButton.setText, lambda: ui_text("Cancel"))
        self.cancelButton.setObjectName("cancelAuditButton")
        self.progress = QProgressBar()
        self.progress.setObjectName("auditProgress")
        self.progress.setFormat("%v / %m")
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("auditStatus")
        self.statusLabel.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.live.bind(
            self.table.setHorizontalHeaderLabels, lambda: [ui_text(title) for title in COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.problemList = QListWidget()
        self.problemList.setObjectName("auditProblems")
        self.problemList.setWordWrap(True)
        self.live.bind(self.problemList.setAccessibleName, lambda: ui_text("The robot's problems"))
        self.openButton = QPushButton()
        self.live.bind(self.openButton.setText, lambda: ui_text("Open in editor as a new template"))
        self.openButton.setObjectName("openAsTemplateButton")
        self.csvButton = QPushButton()
        self.live.bind(self.csvButton.setText, lambda: ui_text("Export CSV…"))
        self.jsonButton = QPushButton()
        self.live.bind(self.jsonButton.setText, lambda: ui_text("Export JSON…"))

        top = QHBoxLayout()
        top.addWidget(self.runButton)
        top.addWidget(self.cancelButton)
        top.addWidget(self.progress, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.problemList)
        splitter.setSizes([330, 150])
        bottom = QHBoxLayout()
        bottom.addWidget(self.openButton)
        bottom.addStretch(1)
        bottom.addWidget(self.csvButton)
        bottom.addWidget(self.jsonButton)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.statusLabel)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.runButton.clicked.connect(self.run_audit)
        self.cancelButton.clicked.connect(self.cancel)
        self.table.itemSelectionChanged.connect(self._show_problems)
        self.openButton.clicked.connect(self.open_selected)
        self.csvButton.clicked.connect(lambda: self._export_dialog("csv"))
        self.jsonButton.clicked.connect(lambda: self._export_dialog("json"))
        self._update_state()

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    def portal_changed(self) -> None:
        self.cancel()
        self._update_state()

    def _update_state(self) -> None:
        busy = self.task is not None and self.task.running
        self.runButton.setEnabled(not busy and self.current_portal() is not None)
        self.cancelButton.setEnabled(busy)
        self.openButton.setEnabled(self.selected_robot() is not None)
        has_report = self.report is not None and not busy
        self.csvButton.setEnabled(has_report)
        self.jsonButton.setEnabled(has_report)

    # -- running --------------------------------------------------------------------------

    def run_audit(self) -> None:
        portal = self.current_portal()
        if portal is None:
            return
        lang = self.lang

        def work(token: CancelToken, report: Report) -> AuditReport:
            with portal.open_client() as client:
                return audit_portal(
                    client,
                    lang=lang,
                    check_cancel=token.check,
                    progress=lambda done, total: report(f"{done}/{total}"),
                )

        self.progress.setRange(0, 0)  # busy until the first page says how many there are
        self.live.set(self.statusLabel, lambda: ui_text("Reading templates…"))
        self.task = start_task(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.finished.connect(self._update_state)
        self._update_state()

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()

    def _progressed(self, text: str) -> None:
        done, _, total = text.partition("/")
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(int(done))

    def _cancelled(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.live.set(self.statusLabel, lambda: ui_text("Audit cancelled."))

    def _failed(self, error: object) -> None:
        self.progress.setRange(0, 1)
        self.live.set(
            self.statusLabel,
            lambda: error.user_message(self.lang) if isinstance(error, BitrixError) else str(error),
        )

    def _finished(self, report: AuditReport) -> None:
        self.report = report
        self.progress.setRange(0, max(1, report.templates_read))
        self.progress.setValue(report.templates_read)
        faulty = sum(1 for robot in report.robots if robot.has_errors)
        self.live.set(
            self.statusLabel,
            lambda: ui_text(
                "Templates: {templates_read}, button robots: {n_robots}, with errors: "
                "{faulty}. Requests to the portal: {requests}."
            ).format(
                templates_read=report.templates_read,
                n_robots=len(report.robots),
                faulty=faulty,
                requests=report.requests,
            ),
        )
        self._fill_table(report.robots)

    # -- results --------------------------------------------------------------------------

    def _fill_table(self, robots: list[FoundRobot]) -> None:
        self.table.setRowCount(len(robots))
        for row, robot in enumerate(robots):
            errors = sum(1 for p in robot.problems if p.is_error)
            warnings = len(robot.problems) - errors
            problems = ui_text("{errors} err, {warnings} warn").format(
                errors=errors, warnings=warnings
            )
            cells = (
                f"#{robot.template_id} {robot.template_name}",
                robot.document_type[-1] if robot.document_type else "",
                robot.stage or "—",
                robot.activity_name,
                " | ".join(robot.template.buttons),
                problems if robot.problems else "✓",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == len(cells) - 1 and errors:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if robots:
            self.table.selectRow(0)

    def selected_robot(self) -> FoundRobot | None:
        rows = self.table.selectionModel().selectedRows() if self.report else []
        if not rows or self.report is None:
            return None
        return self.report.robots[rows[0].row()]

    def _show_problems(self) -> None:
        self.problemList.clear()
        robot = self.selected_robot()
        if robot is not None:
            for problem in robot.problems:
                mark = "⛔" if problem.is_error else "⚠"
                self.problemList.addItem(f"{mark} {problem.message}")
            if not robot.problems:
                self.problemList.addItem(ui_text("✓ No problems."))
        self._update_state()

    def open_selected(self) -> None:
        robot = self.selected_robot()
        if robot is not None:
            self.open_template(robot.as_new_template())

    def export_to(self, path: Path, kind: str) -> None:
        if self.report is None:
            return
        if kind == "csv":
            path.write_text(to_csv(self.report), encoding="utf-8-sig")
        else:
            path.write_text(to_json(self.report), encoding="utf-8")

    def _export_dialog(self, kind: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, ui_text("Export the audit"), f"robots-audit.{kind}"
        )
        if name:
            self.export_to(Path(name), kind)
