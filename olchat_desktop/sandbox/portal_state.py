"""All data and mutable state of one sandbox portal, behind one lock.

``PortalState(now, contacts=30, deals=15, workflow_templates=None)`` seeds a deterministic
portal (see ``seed_crm`` and ``seed_bizproc`` for what is in it and the conventions shared
with the OLChat emulator). The HTTP server runs method bodies on several threads, so every
read or change goes through :attr:`PortalState.lock` (re-entrant: bodies may hold it while
calling the helpers here, which take it too).

Sandbox-only hooks for tests and the demo (no REST method of a real portal does these):
``customer`` (:class:`~olchat_desktop.sandbox.customer.SimulatedCustomer`),
``set_line_connected(line_id, connected)``, ``set_app_handler_host(app_id, host)``, and
``change_deal_stage(deal_id, stage)`` (also reachable as ``crm.deal.update``),
``denied_methods`` and ``field_overrides`` (see ``methods_crm_fields``).

Choices:

* Robot registry: one dict of robots per OAuth application id. A robot's ``HANDLER`` must be
  on the application's domain; for an application the sandbox has not been told about,
  that domain is :data:`DEFAULT_APP_HANDLER_HOST` (``robots.example.com``).
* ``{{Телефон}}``, ``{=Document:PHONE}`` and ``{{Контакт: Телефон}}`` in a workflow's
  ``Phone`` parameter resolve to *all* numbers of the document's contact, as Bitrix24 does
  for a multi-value field; a list or a ``,``/``;`` separated string also counts as several.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from olchat_desktop.sandbox.customer import (
    RUNNING_STATES,
    SimulatedCustomer,
    Workflow,
    WorkflowRunner,
)
from olchat_desktop.sandbox.disk_state import DiskState
from olchat_desktop.sandbox.registry import ApiError
from olchat_desktop.sandbox.seed_bizproc import SeededTemplate, build_workflow_templates
from olchat_desktop.sandbox.seed_crm import build_crm_seed, iso_moscow

DEFAULT_APP_HANDLER_HOST = "robots.example.com"
_MULTI_PHONE_EXPRESSIONS = ("{{Телефон}}", "{=Document:PHONE}", "{{Контакт: Телефон}}")
_DOCUMENT_ENTITIES = {"CCrmDocumentDeal": "DEAL", "CCrmDocumentContact": "CONTACT"}


class PortalState:
    """The seeded portal: users, lines, CRM, templates, workflows, app robots."""

    def __init__(
        self,
        now: Callable[[], float] | Any,
        *,
        contacts: int = 30,
        deals: int = 15,
        workflow_templates: int | None = None,
    ) -> None:
        # A plain callable, or a clock object with ``now()`` (the server's SandboxClock).
        clock_now = getattr(now, "now", None)
        self.now: Callable[[], float] = clock_now if callable(clock_now) else now
        self.lock = threading.RLock()
        crm = build_crm_seed(contacts=contacts, deals=deals)
        self.users = crm.users
        self.open_lines = crm.open_lines
        self.contacts = crm.contacts
        self.deals = crm.deals
        self.leads = crm.leads
        self.companies = crm.companies
        self.templates: dict[int, SeededTemplate] = {
            template.id: template for template in build_workflow_templates(workflow_templates)
        }
        self.customer = SimulatedCustomer()
        self.runner = WorkflowRunner(self.customer, self.line_connections)
        self.robots: dict[str, dict[str, dict[str, Any]]] = {}
        self._app_hosts: dict[str, str] = {}
        self._workflow_seq = 0
        self._replies_stored: set[str] = set()
        self.disk = DiskState(self.now, sorted(self.users), self.lock)
        # Bad-input hooks for tests (methods_crm_fields): methods answering ACCESS_DENIED,
        # and entity -> a raw crm.<entity>.fields answer replacing the real one.
        self.denied_methods: set[str] = set()
        self.field_overrides: dict[str, Any] = {}

    # -- open lines ---------------------------------------------------------------------

    def line_connections(self) -> dict[str, bool]:
        with self.lock:
            return {line["ID"]: line["ACTIVE"] == "Y" for line in self.open_lines}

    def set_line_connected(self, line_id: str, connected: bool) -> None:
        with self.lock:
            for line in self.open_lines:
                if line["ID"] == str(line_id):
                    line["ACTIVE"] = "Y" if connected else "N"

    # -- CRM ----------------------------------------------------------------------------

    def change_deal_stage(self, deal_id: int, stage: str) -> list[Workflow]:
        """Move a deal; stage-bound workflows waiting on it end ("stage changed")."""
        with self.lock:
            deal = self.deals.get(deal_id)
            if deal is None:
                raise ApiError("NOT_FOUND", "Not found", 400)
            if deal["STAGE_ID"] == stage:
                return []  # not a change: nothing stops
            deal["STAGE_ID"] = stage
            deal["DATE_MODIFY"] = iso_moscow(datetime.fromtimestamp(self.now(), UTC))
            return self.runner.stage_changed(f"DEAL_{deal_id}", self.now())

    def document(self, document_id: list[str]) -> dict[str, Any] | None:
        entity = _DOCUMENT_ENTITIES.get(document_id[1])
        prefix, _, raw_id = document_id[2].partition("_")
        if entity is None or prefix != entity or not raw_id.isdigit():
            return None
        table = self.deals if entity == "DEAL" else self.contacts
        return table.get(int(raw_id))

    def resolve_phones(self, value: Any, document_id: list[str]) -> list[str]:
        if isinstance(value, list):
            return [str(item) for item in value]
        text = str(value or "").strip()
        if text in _MULTI_PHONE_EXPRESSIONS:
            record = self.document(document_id) or {}
            if "CONTACT_ID" in record:  # a deal: its contact's numbers
                record = self.contacts.get(int(record["CONTACT_ID"] or 0), {})
            return [phone["VALUE"] for phone in record.get("PHONE", [])]
        return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]

    # -- workflows ----------------------------------------------------------------------

    def start_workflow(
        self,
        template: SeededTemplate,
        document_id: list[str],
        parameters: dict[str, Any],
        user_id: int,
    ) -> Workflow:
        with self.lock:
            now = self.now()
            self._workflow_seq += 1
            seq = self._workflow_seq
            workflow = Workflow(
                # Bitrix24 ids look like "66e81a641752f8.56521481"; keep the shape.
                id=f"{0x66E81A64000000 + seq:014x}.{(seq * 48271) % 10**8:08d}",
                template_id=template.id,
                document_id=list(document_id),
                parameters=dict(parameters),
                phones=self.resolve_phones(parameters.get("Phone"), document_id),
                started=now,
                started_by=user_id,
                stage_bound=template.stage_bound,
            )
            self.runner.start(workflow, now)
            self._store_reply(workflow)
            return workflow

    def workflow(self, workflow_id: str) -> Workflow | None:
        with self.lock:
            self._advance()
            return self.runner.workflows.get(workflow_id)

    def running_workflows(self) -> list[Workflow]:
        with self.lock:
            self._advance()
            return [wf for wf in self.runner.workflows.values() if wf.state in RUNNING_STATES]

    def terminate_workflow(self, workflow_id: str, status: str) -> bool:
        with self.lock:
            self._advance()
            workflow = self.runner.workflows.get(workflow_id)
            if workflow is None or workflow.state not in RUNNING_STATES:
                return False
            self.runner.terminate(workflow, self.now(), status)
            self._advance()
            return True

    def _advance(self) -> None:
        self.runner.advance(self.now())
        finished = [wf for wf in self.runner.workflows.values() if wf.finished is not None]
        for workflow in sorted(finished, key=lambda wf: wf.finished or 0.0):
            self._store_reply(workflow)  # in finishing order: the latest reply wins

    def _store_reply(self, workflow: Workflow) -> None:
        """Template 7/8's SetFieldActivity: the tapped button goes into the deal's field."""
        if workflow.status_text != "replied" or workflow.id in self._replies_stored:
            return
        self._replies_stored.add(workflow.id)
        deal = self.document(workflow.document_id)
        if deal is not None and workflow.document_id[1] == "CCrmDocumentDeal":
            deal["UF_CRM_OLCHAT_REPLY"] = workflow.result["PressedButton"]

    # -- application robots -------------------------------------------------------------

    def robots_of(self, application_id: str) -> dict[str, dict[str, Any]]:
        with self.lock:
            return self.robots.setdefault(application_id, {})

    def set_app_handler_host(self, application_id: str, host: str) -> None:
        with self.lock:
            self._app_hosts[application_id] = host.lower()

    def app_handler_host(self, application_id: str) -> str:
        with self.lock:
            return self._app_hosts.get(application_id, DEFAULT_APP_HANDLER_HOST)
