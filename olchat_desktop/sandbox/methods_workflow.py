"""Workflow methods: template.list, workflow.start, instances, terminate (all admin-only).

Shapes follow ``bitrix24.md`` §4.2. What happens while a workflow runs is in
``customer.py`` (the simulated customer, the 2-waiting rule, send checks, outcomes).

Choices where the reference is silent:

* ``bizproc.workflow.template.list``: ``SELECT`` defaults to ``["ID"]``; unknown select
  fields are ignored; ``FILTER`` takes the usual prefixes (``DOCUMENT_TYPE`` compares the
  whole 3-element list).
* ``bizproc.workflow.start`` errors: unknown or unstartable template (automation templates
  cannot be started by hand) -> ``400 ERROR_WRONG_WORKFLOW_ID``; a malformed or unknown
  ``DOCUMENT_ID``, a template of another document type, or a missing required parameter ->
  ``400 ERROR_CORE`` with the documented texts ("Wrong DOCUMENT_ID!", "Template type and
  DOCUMENT_ID mismatch!"). It returns the workflow id string.
* ``bizproc.workflow.instances`` lists only **running** workflows (as Bitrix24 does: finished
  ones leave the instance table). Rows carry the documented fields plus ``STATE``
  (``waiting`` or ``queued``), a sandbox extension that real portals do not send.
* ``bizproc.workflow.terminate`` on an unknown or finished workflow -> ``400
  ERROR_WRONG_WORKFLOW_ID`` "Workflow not found".
* ``sandbox.workflow.get`` (sandbox only, scope ``bizproc``): ``ID`` -> ``{ID, STATE,
  STATUS_TEXT, RESULT{Sent, ErrorText, PressedButton}, TEMPLATE_ID, DOCUMENT_ID, STARTED,
  FINISHED}`` for running and finished workflows, so tests and the demo can see a reply.
  On a real portal the reply is read back from the deal (``UF_CRM_OLCHAT_REPLY``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from olchat_desktop.sandbox.customer import Workflow
from olchat_desktop.sandbox.methods_listing import (
    filter_rows,
    mapping_param,
    order_rows,
    page_of,
    param,
    select_fields,
    start_param,
)
from olchat_desktop.sandbox.registry import ApiError, CallContext, ListPage, method
from olchat_desktop.sandbox.seed_crm import iso_moscow

_TEMPLATE_FIELDS = (
    "ID", "MODULE_ID", "ENTITY", "DOCUMENT_TYPE", "AUTO_EXECUTE", "NAME", "TEMPLATE",
    "PARAMETERS", "VARIABLES", "CONSTANTS", "MODIFIED", "IS_MODIFIED", "USER_ID", "SYSTEM_CODE",
)  # fmt: skip
_INSTANCE_FIELDS = (
    "ID", "MODIFIED", "OWNED_UNTIL", "MODULE_ID", "ENTITY", "DOCUMENT_ID", "STARTED",
    "STARTED_BY", "TEMPLATE_ID", "STATE",
)  # fmt: skip


def _iso(moment: float | None) -> str | None:
    return None if moment is None else iso_moscow(datetime.fromtimestamp(moment, UTC))


@method("bizproc.workflow.template.list", scope="bizproc", admin_only=True)
def template_list(ctx: CallContext) -> ListPage:
    select = [name for name in param(ctx.params, "SELECT") or ["ID"] if name in _TEMPLATE_FIELDS]
    filters = mapping_param(ctx.params, "FILTER")
    order = mapping_param(ctx.params, "ORDER") or {"ID": "ASC"}
    with ctx.portal.lock:
        rows = [template.row for template in ctx.portal.templates.values()]
        rows = order_rows(filter_rows(rows, filters), order)
        page = page_of(rows, start_param(ctx.params))
        # Deep structures are shared with the portal: hand out copies of what is selected.
        items = [_copy(select_fields(row, select or ["ID"], ["ID"])) for row in page.items]
    return ListPage(items=items, total=page.total, next=page.next)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _document_id(raw: Any) -> list[str]:
    if isinstance(raw, dict):  # form-encoded lists may arrive as maps
        raw = list(raw.values())
    if not isinstance(raw, list) or len(raw) != 3 or not all(isinstance(p, str) for p in raw):
        raise ApiError("ERROR_CORE", "Wrong DOCUMENT_ID!", 400)
    return raw


@method("bizproc.workflow.start", scope="bizproc", admin_only=True, write=True)
def workflow_start(ctx: CallContext) -> str:
    try:
        template_id = int(param(ctx.params, "TEMPLATE_ID", 0) or 0)
    except (TypeError, ValueError):
        template_id = 0
    template = ctx.portal.templates.get(template_id)
    if template is None or not template.startable:
        raise ApiError("ERROR_WRONG_WORKFLOW_ID", "Wrong workflow template ID", 400)
    document_id = _document_id(param(ctx.params, "DOCUMENT_ID"))
    if ctx.portal.document(document_id) is None:
        raise ApiError("ERROR_CORE", "Wrong DOCUMENT_ID!", 400)
    if document_id[:2] != template.row["DOCUMENT_TYPE"][:2]:
        raise ApiError("ERROR_CORE", "Template type and DOCUMENT_ID mismatch!", 400)
    parameters = dict(mapping_param(ctx.params, "PARAMETERS"))
    declared: dict[str, Any] = template.row["PARAMETERS"]
    for key, spec in declared.items():
        if key not in parameters and spec.get("Default") not in (None, ""):
            parameters[key] = spec["Default"]
        if spec.get("Required") and parameters.get(key) in (None, "", []):
            raise ApiError("ERROR_CORE", f"Parameter '{spec['Name']}' is required", 400)
    workflow: Workflow = ctx.portal.start_workflow(template, document_id, parameters, ctx.user_id)
    return workflow.id


def _instance_row(workflow: Workflow) -> dict[str, Any]:
    return {
        "ID": workflow.id,
        "MODIFIED": _iso(workflow.modified),
        "OWNED_UNTIL": None,  # a waiting workflow is unloaded: nobody owns it
        "MODULE_ID": workflow.document_id[0],
        "ENTITY": workflow.document_id[1],
        "DOCUMENT_ID": workflow.document_key,
        "STARTED": _iso(workflow.started),
        "STARTED_BY": str(workflow.started_by),
        "TEMPLATE_ID": str(workflow.template_id),
        "STATE": workflow.state,
    }


@method("bizproc.workflow.instances", scope="bizproc", admin_only=True)
def workflow_instances(ctx: CallContext) -> ListPage:
    select = param(ctx.params, "SELECT") or list(_INSTANCE_FIELDS)
    filters = mapping_param(ctx.params, "FILTER")
    order = mapping_param(ctx.params, "ORDER") or {"MODIFIED": "DESC"}
    running = sorted(ctx.portal.running_workflows(), key=lambda wf: wf.started)
    rows = order_rows(filter_rows([_instance_row(wf) for wf in running], filters), order)
    page = page_of(rows, start_param(ctx.params))
    items = [select_fields(row, select, _INSTANCE_FIELDS) for row in page.items]
    return ListPage(items=items, total=page.total, next=page.next)


# Bitrix24 documents ``bizproc.workflow.instance.list`` as an alias of instances.
method("bizproc.workflow.instance.list", scope="bizproc", admin_only=True)(workflow_instances)


@method("bizproc.workflow.terminate", scope="bizproc", admin_only=True, write=True)
def workflow_terminate(ctx: CallContext) -> bool:
    workflow_id = str(param(ctx.params, "ID", "") or "")
    status = str(param(ctx.params, "STATUS", "") or "")
    if not ctx.portal.terminate_workflow(workflow_id, status):
        raise ApiError("ERROR_WRONG_WORKFLOW_ID", "Workflow not found", 400)
    return True


@method("sandbox.workflow.get", scope="bizproc")
def sandbox_workflow_get(ctx: CallContext) -> dict[str, Any]:
    workflow = ctx.portal.workflow(str(param(ctx.params, "ID", "") or ""))
    if workflow is None:
        raise ApiError("ERROR_WRONG_WORKFLOW_ID", "Workflow not found", 400)
    with ctx.portal.lock:
        return {
            "ID": workflow.id,
            "STATE": workflow.state,
            "STATUS_TEXT": workflow.status_text,
            "RESULT": dict(workflow.result),
            "TEMPLATE_ID": str(workflow.template_id),
            "DOCUMENT_ID": list(workflow.document_id),
            "STARTED": _iso(workflow.started),
            "FINISHED": _iso(workflow.finished),
        }
