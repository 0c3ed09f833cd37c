"""Behaviour of the "Check on real data" window: run the dry run in a worker, show the report.

The work (catalogue, then :func:`olchat_desktop.bitrix.dry_run_check.check_items`) runs in
:func:`olchat_desktop.ui.tasks.start_task`. After each batch the worker stores a report
snapshot and pokes the GUI thread, which shows it: progress, bars and table fill in as
items arrive. Stop cancels the task at once (the handle's ``cancelled`` fires without
waiting for the socket) and the last snapshot stays on screen, marked partial.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog

from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.core.dry_run_report import (
    DryRunReport,
    nothing_to_check_text,
    partial_text,
)
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.ui.dry_run.report_actions import summary_text, worst_case_dialog, write_report
from olchat_desktop.ui.dry_run.view import DryRunView
from olchat_desktop.ui.i18n import LiveTexts, current_language, ui_text
from olchat_desktop.ui.robots.portal_option import PortalOption
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task

TICK_MS = 200


class DryRunController(QObject):
    def __init__(
        self,
        view: DryRunView,
        portals: list[PortalOption],
        template: Callable[[], TemplateDraft],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.portals = portals
        self.template = template
        self.live = LiveTexts(view)
        self.task: TaskHandle | None = None
        self.report: DryRunReport | None = None
        self.origin = ""
        self.entity = "deal"
        self._lock = threading.Lock()
        self._latest: tuple[Any, DryRunReport] | None = None
        self._started = 0.0
        self._preview: QDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        for option in portals:
            view.portalCombo.addItem(option.label)
        view.startButton.clicked.connect(self.start)
        view.cancelButton.clicked.connect(self.cancel)
        view.closeButton.clicked.connect(view.close)
        view.previewButton.clicked.connect(self.show_worst_in_preview)
        view.csvButton.clicked.connect(lambda: self._export_dialog("csv"))
        view.jsonButton.clicked.connect(lambda: self._export_dialog("json"))
        view.table.clicked.connect(self._cell_clicked)
        view.finished.connect(lambda _result: self.cancel())
        if not portals:
            self.live.set(self.view.statusLabel, lambda: ui_text("No portal is connected."))
        self._update_state()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def _update_state(self) -> None:
        view = self.view
        view.startButton.setEnabled(bool(self.portals) and not self.running)
        view.cancelButton.setEnabled(self.running)
        has_report = self.report is not None and not self.report.nothing_to_check
        for button in (view.csvButton, view.jsonButton):
            button.setEnabled(has_report and not self.running)
        view.previewButton.setEnabled(bool(self.report and self.report.worst))

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        from olchat_desktop.bitrix.dry_run_check import FilterError, build_filter

        index = self.view.portalCombo.currentIndex()
        if self.running or not 0 <= index < len(self.portals):
            return
        view = self.view
        try:
            flt = build_filter(
                category=view.categoryEdit.text().strip() or None,
                stage=view.stageEdit.text().strip() or None,
                created_after=view.createdEdit.text().strip() or None,
                raw_json=view.filterEdit.text(),
            )
        except FilterError as error:
            failure = error  # the except clause unbinds ``error``; the text is made again later
            self.live.set(self.view.statusLabel, lambda: failure.message(current_language()))
            return
        portal, template = self.portals[index], self.template()
        self.entity = entity = str(view.entityCombo.currentData())
        limit = view.limitSpin.value() or None
        lang = current_language()
        self._latest, self.report = None, None

        def work(token: CancelToken, report: Report) -> DryRunReport:
            from olchat_desktop.bitrix.dry_run_check import check_items
            from olchat_desktop.bitrix.field_catalogue_fetch import fetch_catalogue

            with portal.open_client() as client:
                self.origin = client.auth.origin
                catalogue, catalogue_requests = fetch_catalogue(client)
                token.check()

                def progressed(progress: Any, snapshot: DryRunReport) -> None:
                    with self._lock:
                        self._latest = (progress, snapshot)
                    report(str(progress.items_read))  # the count at this moment

                return check_items(
                    client, template, catalogue, entity,  # type: ignore[arg-type]
                    flt=flt, limit=limit, token=token, on_progress=progressed,
                    lang=lang, extra_requests=catalogue_requests,
                )  # fmt: skip

        view.partialLabel.hide()
        view.progress.setRange(0, 0)
        self.live.set(self.view.statusLabel, lambda: ui_text("Reading the portal's fields…"))
        self._started = time.monotonic()
        self.task = start_task(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.finished.connect(self._stopped)
        self._timer.start()
        self._update_state()

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()

    def _snapshot(self) -> tuple[Any, DryRunReport] | None:
        with self._lock:
            return self._latest

    def _progressed(self, _text: str) -> None:
        latest = self._snapshot()
        if latest is not None:
            self._show(latest[1])
            self._tick()

    def _tick(self) -> None:
        latest = self._snapshot()
        elapsed = time.monotonic() - self._started
        if latest is None:
            self.live.set(
                self.view.statusLabel, lambda: ui_text("Reading… {s:.1f} s").format(s=elapsed)
            )
            return
        progress = latest[0]
        estimated = progress.estimated
        if estimated:
            self.view.progress.setRange(0, max(1, estimated))
            self.view.progress.setValue(min(progress.items_read, estimated))
        self.live.set(
            self.view.statusLabel,
            lambda: ui_text("Read {n} of {e}, requests: {r}, elapsed {s:.1f} s").format(
                n=progress.items_read, e=estimated or "?", r=progress.requests, s=elapsed
            ),
        )

    def _stopped(self) -> None:
        self._timer.stop()
        self._update_state()

    def _cancelled(self) -> None:
        latest = self._snapshot()
        self.view.progress.setRange(0, 1)
        self.view.progress.setValue(0)
        if latest is None:
            self.live.set(self.view.statusLabel, lambda: ui_text("Check cancelled."))
            return
        report = dataclasses.replace(latest[1], complete=False, stopped="cancelled")
        self._show(report)

    def _failed(self, error: object) -> None:
        self.view.progress.setRange(0, 1)
        self.live.set(
            self.view.statusLabel,
            lambda: (
                error.user_message(current_language())
                if isinstance(error, BitrixError)
                else str(error)
            ),
        )

    def _finished(self, report: DryRunReport) -> None:
        self.view.progress.setRange(0, 1)
        self.view.progress.setValue(1)
        self._show(report)
        if report.nothing_to_check:
            self.live.set(self.view.statusLabel, lambda: nothing_to_check_text(current_language()))
        else:
            self.live.set(
                self.view.statusLabel,
                lambda: ui_text("Checked {n}, requests to the portal: {r}, {s:.1f} s.").format(
                    n=report.items_checked, r=report.requests, s=report.elapsed_seconds
                ),
            )

    # -- the report ------------------------------------------------------------------------

    def _show(self, report: DryRunReport) -> None:
        self.report = report
        view = self.view
        if report.complete or report.stopped is None:
            view.partialLabel.setVisible(False)
        else:
            self.live.set(self.view.partialLabel, lambda: partial_text(report, current_language()))
            view.partialLabel.setVisible(True)
        self.live.set(self.view.summaryLabel, lambda: summary_text(report))
        view.bars.set_fields(report.fields)
        view.model.set_offenders(report.offenders)
        self._update_state()

    def item_url(self, item_id: str) -> str:
        """The portal's page of a CRM item (``/crm/deal/details/42/``)."""
        return f"{self.origin}/crm/{self.entity}/details/{item_id}/"

    def _cell_clicked(self, index: QModelIndex) -> None:
        if index.column() != 0 or not self.origin:
            return
        item_id = str(self.view.proxy.data(index) or "")
        if item_id.isdigit():
            QDesktopServices.openUrl(QUrl(self.item_url(item_id)))

    def show_worst_in_preview(self) -> None:
        """The worst item's message in a WhatsApp preview of its own."""
        if self.report is None or self.report.worst is None:
            return
        self._preview = worst_case_dialog(self.view, self.template(), self.report.worst)
        self._preview.show()

    def export_to(self, path: Path, kind: str) -> None:
        """The report as CSV or JSON (:func:`~.report_actions.write_report`)."""
        if self.report is not None:
            write_report(self.report, path, kind)

    def _export_dialog(self, kind: str) -> None:
        suffix = "CSV (*.csv)" if kind == "csv" else "JSON (*.json)"
        name, _ = QFileDialog.getSaveFileName(
            self.view, ui_text("Export the report"), f"dry-run.{kind}", suffix
        )
        if not name:
            return
        try:
            self.export_to(Path(name), kind)
        except OSError as error:
            reason = error.strerror or str(error)
            self.live.set(
                self.view.statusLabel,
                lambda: ui_text("Could not write the file: {e}").format(e=reason),
            )
