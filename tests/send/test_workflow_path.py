"""The Bitrix24 business-process path against the sandbox portal, over loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.send.connections import sandbox_targets
from olchat_desktop.send.mapping import auto_map, parameter_values
from olchat_desktop.send.outcome import SendOutcome
from olchat_desktop.send.workflow_path import WorkflowPortal
from olchat_desktop.send.workflow_tracking import WorkflowSendRequest, start_and_track

pytestmark = pytest.mark.integration
PHONE = "79161000002"  # contact 2, deal 2


def _template(wait: bool = True) -> Template:
    return Template(
        name="T",
        line="1",
        phone=PHONE,
        message="Удобно?",
        buttons=["Да", "Нет, завтра"],
        wait_for_reply=wait,
    )


@pytest.fixture
def portal(sandbox: Sandbox) -> Iterator[WorkflowPortal]:
    opened = sandbox_targets(sandbox).portals[0].open_portal()
    with opened.services.client:
        yield opened


def _start(
    portal: WorkflowPortal,
    template_id: int,
    template: Template,
    timeout: float,
    on_step: object = None,
) -> SendOutcome:
    workflow = next(t for t in portal.templates() if t.id == template_id)
    deal = next(i for i in portal.find_items(PHONE) if i.kind == "DEAL")
    parameters = workflow.parameters or {}
    values = parameter_values(template, PHONE, parameters, auto_map(parameters))
    request = WorkflowSendRequest(
        workflow, deal, values, template.wait_for_reply, "en", timeout=timeout, poll_interval=0.05
    )
    report = on_step if callable(on_step) else (lambda _s: None)
    return start_and_track(portal, request, "sid", CancelToken(), report)


def test_lists_only_startable_templates_and_caches_them(
    portal: WorkflowPortal, sandbox: Sandbox
) -> None:
    first = portal.templates()
    assert [t.id for t in first] == [7, 8, 9]
    calls = len(sandbox.request_log)
    assert [t.id for t in portal.templates()] == [7, 8, 9]
    assert len(sandbox.request_log) == calls  # served from the cache


def test_finds_contact_and_deal_by_phone_in_any_format(portal: WorkflowPortal) -> None:
    items = portal.find_items("+7 (916) 100-00-02")
    assert [(i.kind, i.item_id) for i in items] == [("CONTACT", 2), ("DEAL", 2)]


def test_customer_taps_button_2_and_its_text_is_shown(
    portal: WorkflowPortal, sandbox: Sandbox
) -> None:
    sandbox.portal.customer.configure(button=2, delay=0.0)
    outcome = _start(portal, 8, _template(), timeout=5)
    assert (outcome.result, outcome.reply) == ("replied", "Нет, завтра")
    assert "Нет, завтра" in outcome.detail
    assert outcome.workflow_id


def test_customer_never_answers_times_out_and_can_be_terminated(
    portal: WorkflowPortal, sandbox: Sandbox
) -> None:
    sandbox.portal.customer.never_answer()
    outcome = _start(portal, 8, _template(), timeout=0.2)
    assert outcome.result == "timeout" and outcome.still_running
    assert "0.2" in outcome.detail
    assert portal.terminate(outcome.workflow_id, "en")
    assert portal.is_running(outcome.workflow_id) is None


def test_stage_change_ends_the_wait(portal: WorkflowPortal, sandbox: Sandbox) -> None:
    sandbox.portal.customer.never_answer()

    def move_deal(step: str) -> None:
        if "Waiting" in step:
            sandbox.portal.change_deal_stage(2, "WON")

    outcome = _start(portal, 7, _template(), timeout=5, on_step=move_deal)
    assert outcome.result == "stage_changed"
    assert "stage" in outcome.detail


def test_two_waiting_workflows_make_the_third_queue(
    portal: WorkflowPortal, sandbox: Sandbox
) -> None:
    sandbox.portal.customer.never_answer()
    for _ in range(2):
        assert _start(portal, 8, _template(), timeout=0).result == "timeout"
    deal = next(i for i in portal.find_items(PHONE) if i.kind == "DEAL")
    assert len(portal.running_on(deal.document_id)) == 2
    steps: list[str] = []
    outcome = _start(portal, 8, _template(), timeout=0, on_step=steps.append)
    assert outcome.status == "queued"
    assert any("Queued" in s for s in steps)


def test_disconnected_line_fails_with_the_robots_text(portal: WorkflowPortal) -> None:
    template = _template(wait=False).model_copy(update={"line": "2"})
    outcome = _start(portal, 8, template, timeout=5)
    assert outcome.result == "failed"
    assert "Линия не подключена" in outcome.detail


def test_number_without_whatsapp_fails_nw(portal: WorkflowPortal) -> None:
    workflow = next(t for t in portal.templates() if t.id == 9)
    contact = next(i for i in portal.find_items("+7 (926) 555-00-00") if i.kind == "CONTACT")
    parameters = workflow.parameters or {}
    values = parameter_values(_template(False), "79265550000", parameters, auto_map(parameters))
    request = WorkflowSendRequest(
        workflow, contact, values, False, "en", timeout=5, poll_interval=0.05
    )
    outcome = start_and_track(portal, request, "sid", CancelToken(), lambda _s: None)
    assert (outcome.result, outcome.error_code) == ("failed", "NW")
