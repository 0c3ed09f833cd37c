"""The Bitrix24 business-process path: start a workflow that runs the real button robot.

Reference ``bitrix24.md`` §4.2 and §4.4. Steps, each a separate call so the dialog can
show them and let the user choose in between:

1. :meth:`WorkflowPortal.templates`: startable workflow templates (``AUTO_EXECUTE`` 0,
   no ``SYSTEM_CODE``), cached per portal for :data:`TEMPLATE_CACHE_SECONDS`.
2. :meth:`WorkflowPortal.find_items`: ``crm.duplicate.findbycomm`` by the normalised
   number, then the contacts' names and deals (``crm.contact.list``, ``crm.item.list``).
3. :meth:`WorkflowPortal.running_on`: workflows already running on the item. Bitrix24
   runs at most 2 waiting workflows per item; a third waits in a queue (helpdesk 22381584).
4. :func:`~olchat_desktop.send.workflow_tracking.start_and_track` (its own module):
   ``bizproc.workflow.start``, then ``bizproc.workflow.instances`` (running workflows
   only) until the workflow leaves the list or the time-out passes.

How a finished workflow ended: real portals do not say (finished workflows leave the
instance table). The test templates copy the tapped button into the deal's
``UF_CRM_OLCHAT_REPLY``, read back with ``crm.item.list`` (``ufCrmOlchatReply``). The
embedded sandbox also answers ``sandbox.workflow.get`` with the state, status text and
the robot's results; :class:`WorkflowPortal` uses it only when told it talks to the sandbox.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from olchat_desktop.bitrix.models import WorkflowInstance, WorkflowTemplate
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.phone import normalize_phone

TEMPLATE_CACHE_SECONDS = 300.0
MAX_WAITING_PER_ITEM = 2
_DOCUMENT_CLASSES = {"DEAL": "CCrmDocumentDeal", "CONTACT": "CCrmDocumentContact"}
_TEMPLATE_SELECT = (
    "ID",
    "NAME",
    "MODULE_ID",
    "ENTITY",
    "DOCUMENT_TYPE",
    "AUTO_EXECUTE",
    "PARAMETERS",
    "SYSTEM_CODE",
)
_template_cache: dict[str, tuple[float, list[WorkflowTemplate]]] = {}
_cache_lock = threading.Lock()


def path_explanation(lang: Lang) -> str:
    return text(
        lang,
        "The Bitrix24 business process runs the real robot «[OLChat] WhatsApp "
        "Отправка сообщения с кнопками» on a CRM item: the recipient sees real "
        'buttons, and with "wait for reply" the tapped button\'s text comes back.',
    )


@dataclass(frozen=True)
class CrmCandidate:
    """A CRM item a workflow can run on."""

    kind: str  # "DEAL" or "CONTACT"
    item_id: int
    title: str

    @property
    def document_id(self) -> list[str]:
        return ["crm", _DOCUMENT_CLASSES[self.kind], f"{self.kind}_{self.item_id}"]

    def label(self, lang: Lang) -> str:
        kind = text(lang, "Deal") if self.kind == "DEAL" else text(lang, "Contact")
        return f"{kind} {self.item_id}: {self.title}"


def document_kind(template: WorkflowTemplate) -> str:
    """``DEAL`` or ``CONTACT``: the item type the workflow template runs on."""
    document_type = template.document_type or []
    return str(document_type[2]) if len(document_type) == 3 else "DEAL"


class WorkflowPortal:
    """The workflow calls of one portal. ``key`` names the portal for caches and mappings."""

    def __init__(self, services: BitrixServices, key: str, *, sandbox: bool = False) -> None:
        self.services = services
        self.key = key
        self.sandbox = sandbox

    def templates(self, *, refresh: bool = False) -> list[WorkflowTemplate]:
        with _cache_lock:
            cached = _template_cache.get(self.key)
        if cached and not refresh and time.monotonic() - cached[0] < TEMPLATE_CACHE_SECONDS:
            return list(cached[1])
        rows = self.services.workflow_templates(filter={"AUTO_EXECUTE": 0}, select=_TEMPLATE_SELECT)
        startable = [t for t in rows if not (t.model_extra or {}).get("SYSTEM_CODE")]
        with _cache_lock:
            _template_cache[self.key] = (time.monotonic(), startable)
        return list(startable)

    def find_items(self, phone: str) -> list[CrmCandidate]:
        """Contacts with this number and their deals, contacts first."""
        found = self.services.find_by_phone([normalize_phone(phone)], "CONTACT")
        candidates: list[CrmCandidate] = []
        deals: list[CrmCandidate] = []
        for contact_id in found.get("CONTACT", [])[:20]:
            names = list(self.services.contacts({"ID": contact_id}, ("ID", "NAME", "LAST_NAME")))
            name = " ".join(p for p in (names[0].name, names[0].last_name) if p) if names else ""
            candidates.append(CrmCandidate("CONTACT", contact_id, name))
            for deal in self.services.crm_items(
                2, {"contactId": contact_id}, ("id", "title", "stageId", "contactId")
            ):
                stage = f" [{deal.stage_id}]" if deal.stage_id else ""
                deals.append(CrmCandidate("DEAL", deal.id, f"{deal.title or ''}{stage}"))
        return candidates + deals

    def running_on(self, document_id: list[str]) -> list[WorkflowInstance]:
        return self.services.workflow_instances({"DOCUMENT_ID": document_id[2]})

    def is_running(self, workflow_id: str) -> WorkflowInstance | None:
        # STATE (waiting/queued) is a sandbox extension; real portals leave it out.
        select = ("ID", "DOCUMENT_ID", "TEMPLATE_ID", "STARTED", "STATE")
        rows = self.services.workflow_instances({"ID": workflow_id}, select=select)
        return next((row for row in rows if row.id == workflow_id), None)

    def terminate(self, workflow_id: str, lang: Lang) -> bool:
        status = text(lang, "Stopped from OLChat Desktop")
        return self.services.terminate_workflow(workflow_id, status)

    def deal_reply(self, deal_id: int) -> str:
        rows = self.services.crm_items(2, {"id": deal_id}, ("id", "ufCrmOlchatReply"))
        for row in rows:
            return str((row.model_extra or {}).get("ufCrmOlchatReply") or "")
        return ""

    def sandbox_details(self, workflow_id: str) -> Mapping[str, Any]:
        result = self.services.client.result("sandbox.workflow.get", {"ID": workflow_id})
        return result if isinstance(result, Mapping) else {}
