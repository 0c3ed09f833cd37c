"""Typed wrappers over the REST methods the app uses (reference ``bitrix24.md`` §4).

Each wrapper names its parameters, calls the client and validates the answer into a model
from :mod:`olchat_desktop.bitrix.models`, so callers never handle raw envelopes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import ProtocolError
from olchat_desktop.bitrix.listing import iter_by_id, iter_list
from olchat_desktop.bitrix.models import (
    Contact,
    CrmItem,
    CurrentUser,
    OpenLine,
    Profile,
    WorkflowInstance,
    WorkflowTemplate,
)

EntityType = Literal["CONTACT", "COMPANY", "LEAD"]
MAX_PHONES_PER_LOOKUP = 20  # crm.duplicate.findbycomm takes at most 20 values


def _as_list(result: Any, method: str) -> list[Any]:
    if result == [] or result is None:
        return []
    if isinstance(result, dict):
        return list(result.values())
    if not isinstance(result, list):
        raise ProtocolError("expected a list", method=method)
    return result


class BitrixServices:
    """The portal's methods as typed Python calls."""

    def __init__(self, client: BitrixClient) -> None:
        self.client = client

    # --- who am I -------------------------------------------------------------------
    def profile(self) -> Profile:
        return Profile.model_validate(self.client.result("profile"))

    def scope(self) -> list[str]:
        return [str(s) for s in _as_list(self.client.result("scope"), "scope")]

    def server_time(self) -> str:
        return str(self.client.result("server.time"))

    def current_user(self) -> CurrentUser:
        return CurrentUser.model_validate(self.client.result("user.current"))

    # --- open lines and CRM ----------------------------------------------------------
    def open_lines(self, *, active_only: bool = False) -> list[OpenLine]:
        params: dict[str, Any] = {"PARAMS": {"select": ["ID", "LINE_NAME", "ACTIVE"]}}
        if active_only:
            params["PARAMS"]["filter"] = {"ACTIVE": "Y"}
        rows = _as_list(self.client.result("imopenlines.config.list.get", params), "lines")
        return [OpenLine.model_validate(row) for row in rows]

    def find_by_phone(
        self, phones: Sequence[str], entity_type: EntityType | None = None
    ) -> dict[str, list[int]]:
        """``{"CONTACT": [ids], ...}``; matching is exact, so pass normalised numbers."""
        if not 1 <= len(phones) <= MAX_PHONES_PER_LOOKUP:
            raise ValueError(f"pass 1 to {MAX_PHONES_PER_LOOKUP} phone numbers")
        params: dict[str, Any] = {"type": "PHONE", "values": list(phones)}
        if entity_type:
            params["entity_type"] = entity_type
        result = self.client.result("crm.duplicate.findbycomm", params)
        if result == [] or result is None:
            return {}
        return {str(k): [int(i) for i in v] for k, v in dict(result).items()}

    def contacts(
        self,
        filter: Mapping[str, Any] | None = None,
        select: Sequence[str] = ("ID", "NAME", "LAST_NAME", "PHONE"),
        *,
        fast: bool = True,
    ) -> Iterator[Contact]:
        params = {"filter": dict(filter or {}), "select": list(select)}
        rows = (
            iter_by_id(self.client, "crm.contact.list", params)
            if fast
            else iter_list(self.client, "crm.contact.list", params)
        )
        for row in rows:
            yield Contact.model_validate(row)

    def crm_items(
        self,
        entity_type_id: int,
        filter: Mapping[str, Any] | None = None,
        select: Sequence[str] = ("*",),
    ) -> Iterator[CrmItem]:
        params = {
            "entityTypeId": entity_type_id,
            "filter": dict(filter or {}),
            "select": list(select),
        }
        for row in iter_by_id(
            self.client, "crm.item.list", params, id_field="id", items_key="items"
        ):
            yield CrmItem.model_validate(row)

    # --- workflows ----------------------------------------------------------------------
    def workflow_templates(
        self,
        filter: Mapping[str, Any] | None = None,
        select: Sequence[str] = (
            "ID",
            "NAME",
            "MODULE_ID",
            "ENTITY",
            "DOCUMENT_TYPE",
            "AUTO_EXECUTE",
            "PARAMETERS",
        ),
    ) -> list[WorkflowTemplate]:
        params = {"SELECT": list(select), "FILTER": dict(filter or {})}
        return [
            WorkflowTemplate.model_validate(row)
            for row in iter_list(self.client, "bizproc.workflow.template.list", params)
        ]

    def start_workflow(
        self,
        template_id: int,
        document_id: Sequence[str],
        parameters: Mapping[str, Any] | None = None,
    ) -> str:
        """Start a workflow; returns its id. A write: never retried after it may have run."""
        params = {
            "TEMPLATE_ID": template_id,
            "DOCUMENT_ID": list(document_id),
            "PARAMETERS": dict(parameters or {}),
        }
        return str(self.client.result("bizproc.workflow.start", params))

    def workflow_instances(
        self,
        filter: Mapping[str, Any] | None = None,
        select: Sequence[str] = (
            "ID",
            "MODIFIED",
            "OWNED_UNTIL",
            "MODULE_ID",
            "ENTITY",
            "DOCUMENT_ID",
            "STARTED",
            "TEMPLATE_ID",
        ),
    ) -> list[WorkflowInstance]:
        params = {"SELECT": list(select), "FILTER": dict(filter or {})}
        return [
            WorkflowInstance.model_validate(row)
            for row in iter_list(self.client, "bizproc.workflow.instances", params)
        ]

    def terminate_workflow(self, workflow_id: str, status: str = "") -> bool:
        params = {"ID": workflow_id, "STATUS": status}
        return bool(self.client.result("bizproc.workflow.terminate", params))

    # --- robots (application context only) ----------------------------------------------
    def add_robot(self, definition: Mapping[str, Any]) -> bool:
        return bool(self.client.result("bizproc.robot.add", dict(definition)))

    def update_robot(self, code: str, fields: Mapping[str, Any]) -> bool:
        params = {"CODE": code, "FIELDS": dict(fields)}
        return bool(self.client.result("bizproc.robot.update", params))

    def list_robots(self) -> list[str]:
        return [str(c) for c in _as_list(self.client.result("bizproc.robot.list"), "robots")]

    def delete_robot(self, code: str) -> bool:
        return bool(self.client.result("bizproc.robot.delete", {"CODE": code}))
