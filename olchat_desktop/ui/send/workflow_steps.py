"""The business-process page of the send dialog: workflow templates, parameter mapping,
the CRM item, the workflows already running on it, and terminating a waiting workflow.

A mixin of :class:`~olchat_desktop.ui.send.send_controller.SendController`, kept apart so
each file stays readable. Every step that talks to the portal goes through the
controller's ``_run`` (a background task with progress text and Cancel).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QTableWidgetItem

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.template import Template
from olchat_desktop.send import mapping as mapping_rules
from olchat_desktop.send.connections import SendTargets
from olchat_desktop.send.history import HistoryEntry, SendHistory
from olchat_desktop.send.outcome import SendOutcome
from olchat_desktop.send.workflow_path import (
    MAX_WAITING_PER_ITEM,
    CrmCandidate,
    WorkflowPortal,
    document_kind,
)
from olchat_desktop.send.workflow_tracking import WorkflowSendRequest, start_and_track
from olchat_desktop.ui.i18n import current_language, ui_text
from olchat_desktop.ui.send.send_view import SendView
from olchat_desktop.ui.tasks import CancelToken, Report


class WorkflowSteps:
    """Workflow-path state and steps; the controller provides view, lang, targets, _run."""

    view: SendView

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    template: Template
    targets: SendTargets
    history: SendHistory
    mappings: mapping_rules.MappingStore
    last_outcome: SendOutcome | None
    last_entry: HistoryEntry | None
    _portals: dict[str, WorkflowPortal]
    _workflow_templates: list[Any]
    _items: list[CrmCandidate]
    _running_count: int
    _started_workflow: str
    poll_interval: float

    if TYPE_CHECKING:

        @property
        def recipient(self) -> str: ...

        def _run(
            self, work: Callable[[CancelToken, Report], Any], done: Callable[[Any], None]
        ) -> None: ...

        def _update_buttons(self) -> None: ...

    def _portal(self) -> WorkflowPortal:
        """Open (on a worker thread) or reuse the chosen portal."""
        choice = self.targets.portals[self.view.connectionCombo.currentIndex()]
        if choice.profile_id not in self._portals:
            self._portals[choice.profile_id] = choice.open_portal()
        return self._portals[choice.profile_id]

    def _portals_key(self) -> str:
        index = self.view.connectionCombo.currentIndex()
        choice = self.targets.portals[index] if 0 <= index < len(self.targets.portals) else None
        portal = self._portals.get(choice.profile_id) if choice else None
        return portal.key if portal else (choice.profile_id if choice else "")

    # -- workflow templates and the parameter mapping ---------------------------------------

    def load_workflow_templates(self, refresh: bool = False) -> None:
        lang = self.lang

        def work(token: CancelToken, report: Report) -> list[Any]:
            report(text(lang, "Loading workflow templates…"))
            return self._portal().templates(refresh=refresh)

        self._run(work, self._on_templates)

    def _on_templates(self, templates: list[Any]) -> None:
        self._workflow_templates = templates
        combo = self.view.workflowCombo
        combo.blockSignals(True)
        combo.clear()
        for template in templates:
            combo.addItem(f"{template.id}: {template.name}")
        combo.blockSignals(False)
        self.view.statusLabel.setText(
            ui_text("{n_templates} templates.").format(n_templates=len(templates))
        )
        self._on_workflow_changed()

    def _chosen_workflow(self) -> Any:
        index = self.view.workflowCombo.currentIndex()
        return (
            self._workflow_templates[index] if 0 <= index < len(self._workflow_templates) else None
        )

    def _on_workflow_changed(self) -> None:
        chosen = self._chosen_workflow()
        table = self.view.mappingTable
        table.setRowCount(0)
        if chosen is None:
            return
        parameters = chosen.parameters or {}
        mapping = self.mappings.mapping_for(self._portals_key(), chosen.id, parameters)
        for row, (code, spec) in enumerate(parameters.items()):
            table.insertRow(row)
            name = str(spec.get("Name", code)) if isinstance(spec, dict) else code
            table.setItem(row, 0, QTableWidgetItem(f"{name} ({code})"))
            combo = QComboBox()
            for field in (mapping_rules.NOT_MAPPED, *mapping_rules.TEMPLATE_FIELDS):
                combo.addItem(mapping_rules.field_label(field, self.lang), field)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(code, ""))))
            table.setCellWidget(row, 1, combo)
        self._update_buttons()

    def current_mapping(self) -> dict[str, str]:
        chosen = self._chosen_workflow()
        codes = list((chosen.parameters or {}) if chosen else {})
        table = self.view.mappingTable
        result: dict[str, str] = {}
        for row, code in enumerate(codes):
            combo = table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                result[code] = str(combo.currentData() or "")
        return result

    # -- the CRM item and what already runs on it -------------------------------------------

    def find_items(self) -> None:
        phone, lang = self.recipient, self.lang

        def work(token: CancelToken, report: Report) -> list[CrmCandidate]:
            report(text(lang, "Finding CRM items by {phone}…").format(phone=phone))
            return self._portal().find_items(phone)

        self._run(work, self._on_items)

    def _on_items(self, items: list[CrmCandidate]) -> None:
        chosen = self._chosen_workflow()
        kind = document_kind(chosen) if chosen is not None else "DEAL"
        self._items = [item for item in items if item.kind == kind]
        combo = self.view.itemCombo
        combo.blockSignals(True)
        combo.clear()
        for item in self._items:
            combo.addItem(item.label(self.lang))
        combo.blockSignals(False)
        if not self._items:
            self.view.statusLabel.setText(ui_text("Nothing found by the number: enter an id."))
            self._update_buttons()
            return
        self.check_running()

    def _chosen_item(self) -> CrmCandidate | None:
        typed = self.view.itemIdEdit.text().strip()
        chosen = self._chosen_workflow()
        kind = document_kind(chosen) if chosen is not None else "DEAL"
        if typed.isdigit():
            return CrmCandidate(kind, int(typed), "")
        index = self.view.itemCombo.currentIndex()
        return self._items[index] if 0 <= index < len(self._items) else None

    def check_running(self) -> None:
        item = self._chosen_item()
        self._update_buttons()
        if item is None:
            return
        lang = self.lang

        def work(token: CancelToken, report: Report) -> int:
            report(text(lang, "Checking running workflows…"))
            return len(self._portal().running_on(item.document_id))

        self._run(work, self._on_running)

    def _on_running(self, count: int) -> None:
        self._running_count = count
        if count >= MAX_WAITING_PER_ITEM:
            text = ui_text(
                "⚠ {count} workflows already run on this item: a third one that waits "
                "will be queued by Bitrix24."
            ).format(count=count)
        else:
            text = ui_text("Workflows running on the item: {count}.").format(count=count)
        self.view.runningLabel.setText(text)
        self.view.statusLabel.setText("")

    # -- the send -----------------------------------------------------------------------

    def _workflow_work(self, send_id: str) -> Callable[[CancelToken, Report], SendOutcome]:
        chosen = self._chosen_workflow()
        item = self._chosen_item()
        assert chosen is not None and item is not None
        mapping = self.current_mapping()
        self.mappings.save(self._portals_key(), chosen.id, mapping)
        parameters = chosen.parameters or {}
        values = mapping_rules.parameter_values(self.template, self.recipient, parameters, mapping)
        request = WorkflowSendRequest(
            chosen,
            item,
            values,
            self.template.wait_for_reply,
            self.lang,
            timeout=self.view.waitSpin.value(),
            poll_interval=self.poll_interval,
        )

        def work(token: CancelToken, report: Report) -> SendOutcome:
            return start_and_track(
                self._portal(), request, send_id, token, report, self._note_started
            )

        return work

    def _note_started(self, workflow_id: str) -> None:
        # Worker thread: one str assignment; read on the GUI thread when a send is cancelled.
        self._started_workflow = workflow_id

    # -- a workflow that still waits ---------------------------------------------------------

    def terminate(self) -> None:
        outcome = self.last_outcome
        if outcome is None or not outcome.workflow_id:
            return
        workflow_id, lang = outcome.workflow_id, self.lang

        def work(token: CancelToken, report: Report) -> bool:
            report(text(lang, "Terminating the workflow…"))
            return self._portal().terminate(workflow_id, lang)

        def done(ok: object) -> None:
            if not ok:
                self.view.statusLabel.setText(text(lang, "The portal did not terminate it."))
                return
            self.view.terminateButton.setVisible(False)
            stopped = text(lang, "Workflow terminated.")
            self.view.statusLabel.setText(stopped)
            outcome.result, outcome.still_running, outcome.detail = "terminated", False, stopped
            if self.last_entry is not None and self.last_entry.send_id == outcome.send_id:
                self.history.record(self.last_entry.finished(outcome))

        self._run(work, done)
