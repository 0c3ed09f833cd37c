"""Workflow method bodies: template listing, start errors, instances, terminate."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import olchat_desktop.sandbox.methods_workflow  # noqa: F401  (registers the bodies)
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.registry import REGISTRY, ApiError, CallContext
from olchat_desktop.sandbox.seed_bizproc import (
    AUTOMATION_SYSTEM_CODE,
    OLCHAT_BUTTONS_ACTIVITY_TYPE,
    ROBOT_PROPERTY_KEYS,
    TEST_TEMPLATE_ID,
)

CLOCK = 1_790_000_000.0
DEAL_3 = ["crm", "CCrmDocumentDeal", "DEAL_3"]
GOOD_PARAMETERS = {"Phone": "79161000003", "Message": "Привет", "Button1": "Да"}


def call(portal: PortalState, name: str, **params: Any) -> Any:
    spec = REGISTRY.get(name)
    assert spec is not None, name
    scopes = frozenset({"bizproc", "crm"})
    ctx = CallContext(name, params, 1, True, "webhook", None, scopes, portal, CLOCK)
    return spec.body(ctx)


def error_of(portal: PortalState, name: str, **params: Any) -> tuple[str, str]:
    with pytest.raises(ApiError) as raised:
        call(portal, name, **params)
    return raised.value.code, raised.value.description


@pytest.fixture
def portal() -> PortalState:
    return PortalState(lambda: CLOCK)


def _robots(tree: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for activity in tree:
        if activity["Type"].startswith("rest_"):
            found.append(activity)
        found.extend(_robots(activity.get("Children", [])))
    return found


def test_workflow_methods_are_admin_only_and_robots_need_an_app() -> None:
    for name in (
        "bizproc.workflow.template.list",
        "bizproc.workflow.start",
        "bizproc.workflow.instances",
        "bizproc.workflow.terminate",
    ):
        spec = REGISTRY.get(name)
        assert spec is not None and spec.admin_only and spec.scope == "bizproc", name
    assert all(
        spec.app_context_only
        for name, spec in REGISTRY.specs.items()
        if name.startswith("bizproc.robot.")
    )


def test_template_list_defaults_to_ids_and_selects_the_test_template(
    portal: PortalState,
) -> None:
    ids = call(portal, "bizproc.workflow.template.list")
    assert all(set(row) == {"ID"} for row in ids.items)
    test = call(
        portal,
        "bizproc.workflow.template.list",
        SELECT=["ID", "NAME", "PARAMETERS", "TEMPLATE", "DOCUMENT_TYPE"],
        FILTER={"ID": TEST_TEMPLATE_ID},
    ).items
    assert len(test) == 1 and test[0]["NAME"] == "OLChat: test button message"
    assert list(test[0]["PARAMETERS"]) == list(ROBOT_PROPERTY_KEYS)
    assert test[0]["PARAMETERS"]["WaitForReply"]["Type"] == "bool"
    assert test[0]["DOCUMENT_TYPE"] == ["crm", "CCrmDocumentDeal", "DEAL"]
    assert _robots(test[0]["TEMPLATE"])[0]["Type"] == OLCHAT_BUTTONS_ACTIVITY_TYPE


def test_template_list_filters_and_automation_robots_include_faulty_ones(
    portal: PortalState,
) -> None:
    contact = call(
        portal, "bizproc.workflow.template.list", FILTER={"ENTITY": "CCrmDocumentContact"}
    )
    assert [row["ID"] for row in contact.items] == ["9"]
    automation = call(
        portal,
        "bizproc.workflow.template.list",
        SELECT=["ID", "TEMPLATE"],
        FILTER={"SYSTEM_CODE": AUTOMATION_SYSTEM_CODE},
    ).items
    robots = [robot["Properties"] for row in automation for robot in _robots(row["TEMPLATE"])]
    assert any(len(p["Header"]) > 60 for p in robots)
    assert any(p["Button1"] and p["Button1"] == p["Button2"] for p in robots)
    assert any(p["Phone"] == "{{Телефон}}" and p["WaitForReply"] == "Y" for p in robots)
    assert any("Button4" in p for p in robots)
    assert any(p["Button1"].startswith("*") for p in robots)


def test_template_list_pads_to_the_requested_size_and_pages() -> None:
    portal = PortalState(lambda: CLOCK, workflow_templates=500)
    first = call(portal, "bizproc.workflow.template.list")
    last = call(portal, "bizproc.workflow.template.list", start=450)
    assert (first.total, first.next, len(last.items), last.next) == (500, 50, 50, None)


def test_selected_structures_are_copies(portal: PortalState) -> None:
    row = call(
        portal, "bizproc.workflow.template.list", SELECT=["PARAMETERS"], FILTER={"ID": 7}
    ).items[0]
    row["PARAMETERS"]["Phone"]["Name"] = "changed"
    assert portal.templates[7].row["PARAMETERS"]["Phone"]["Name"] == "Номер телефона"


@pytest.mark.parametrize(
    ("params", "code", "text"),
    [
        ({"TEMPLATE_ID": 999}, "ERROR_WRONG_WORKFLOW_ID", "template"),
        ({"TEMPLATE_ID": 20}, "ERROR_WRONG_WORKFLOW_ID", "template"),  # automation
        ({"DOCUMENT_ID": "DEAL_3"}, "ERROR_CORE", "Wrong DOCUMENT_ID!"),
        ({"DOCUMENT_ID": ["crm", "CCrmDocumentDeal", "DEAL_999"]}, "ERROR_CORE", "Wrong"),
        ({"DOCUMENT_ID": ["crm", "CCrmDocumentContact", "CONTACT_1"]}, "ERROR_CORE", "mismatch"),
        ({"PARAMETERS": {"Phone": "79161000003"}}, "ERROR_CORE", "Сообщение"),
    ],
)
def test_workflow_start_errors(
    portal: PortalState, params: dict[str, Any], code: str, text: str
) -> None:
    body = {"TEMPLATE_ID": 7, "DOCUMENT_ID": DEAL_3, "PARAMETERS": GOOD_PARAMETERS, **params}
    got_code, description = error_of(portal, "bizproc.workflow.start", **body)
    assert got_code == code and text in description


def test_start_instances_and_terminate(portal: PortalState) -> None:
    portal.customer.never_answer()
    parameters = {**GOOD_PARAMETERS, "WaitForReply": "Y"}
    workflow_id = call(
        portal, "bizproc.workflow.start", TEMPLATE_ID="7", DOCUMENT_ID=DEAL_3, PARAMETERS=parameters
    )
    assert isinstance(workflow_id, str) and "." in workflow_id
    assert portal.workflow(workflow_id).parameters["Line"] == "1"  # the default line
    rows = call(portal, "bizproc.workflow.instances").items
    assert [(r["ID"], r["TEMPLATE_ID"], r["DOCUMENT_ID"], r["STATE"]) for r in rows] == [
        (workflow_id, "7", "DEAL_3", "waiting")
    ]
    selected = call(portal, "bizproc.workflow.instances", SELECT=["DOCUMENT_ID"]).items
    assert selected == [{"ID": workflow_id, "DOCUMENT_ID": "DEAL_3"}]
    other = call(portal, "bizproc.workflow.instances", FILTER={"DOCUMENT_ID": "DEAL_4"})
    assert other.items == [] and other.total == 0
    assert call(portal, "bizproc.workflow.terminate", ID=workflow_id, STATUS="Отмена") is True
    assert call(portal, "bizproc.workflow.instances").items == []
    assert error_of(portal, "bizproc.workflow.terminate", ID=workflow_id)[0] == (
        "ERROR_WRONG_WORKFLOW_ID"
    )
    result = call(portal, "sandbox.workflow.get", ID=workflow_id)
    assert (result["STATE"], result["STATUS_TEXT"]) == ("terminated", "Отмена")


@pytest.mark.integration
def test_workflow_start_is_refused_to_a_manager_over_http(sandbox: Sandbox) -> None:
    body = {"TEMPLATE_ID": 7, "DOCUMENT_ID": DEAL_3, "PARAMETERS": GOOD_PARAMETERS}
    with httpx.Client(timeout=5) as http:
        manager = http.post(sandbox.webhook_url("manager") + "bizproc.workflow.start", json=body)
        admin = http.post(sandbox.webhook_url("admin") + "bizproc.workflow.start", json=body)
        listed = http.post(
            sandbox.webhook_url("admin") + "bizproc.workflow.template.list",
            json={"SELECT": ["ID", "NAME"], "FILTER": {"MODULE_ID": "crm"}},
        ).json()
    assert manager.status_code == 403 and manager.json()["error"] == "ACCESS_DENIED"
    assert admin.status_code == 200 and admin.json()["result"]
    assert {"ID": "7", "NAME": "OLChat: test button message"} in listed["result"]
