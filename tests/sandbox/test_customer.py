"""The simulated customer and waiting workflows: taps, never answering, 2-waiting, stages."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.customer import Workflow
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.seed_bizproc import BP_TEMPLATE_ID, TEST_TEMPLATE_ID


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def portal(clock: FakeClock) -> PortalState:
    return PortalState(clock)


def params(phone: str = "79161000003", wait: str = "Y", **extra: str) -> dict[str, Any]:
    base = {
        "Line": "1",
        "Phone": phone,
        "Message": "Перезвонить вам?",
        "Button1": "Да",
        "Button2": "Нет, позже",
        "WaitForReply": wait,
    }
    return {**base, **extra}


def start(
    portal: PortalState, deal: int = 3, template: int = TEST_TEMPLATE_ID, **kw: Any
) -> Workflow:
    document = ["crm", "CCrmDocumentDeal", f"DEAL_{deal}"]
    return portal.start_workflow(portal.templates[template], document, params(**kw), 1)


def state(portal: PortalState, workflow: Workflow) -> tuple[str, str, str]:
    current = portal.workflow(workflow.id)
    assert current is not None
    return current.state, current.status_text, current.result.get("PressedButton", "")


def test_without_wait_the_workflow_completes_at_once_as_sent(portal: PortalState) -> None:
    workflow = start(portal, wait="N")
    assert state(portal, workflow) == ("completed", "sent", "")
    assert workflow.result["Sent"] == "Y"
    assert portal.running_workflows() == []


def test_customer_taps_button_2_after_the_delay(portal: PortalState, clock: FakeClock) -> None:
    portal.customer.configure(button=2, delay=5.0)
    workflow = start(portal)
    clock.now += 4.9
    assert state(portal, workflow) == ("waiting", "", "")
    clock.now += 0.2
    assert state(portal, workflow) == ("completed", "replied", "Нет, позже")
    assert workflow.finished == pytest.approx(workflow.started + 5.0)
    assert portal.deals[3]["UF_CRM_OLCHAT_REPLY"] == "Нет, позже"


def test_a_customer_who_never_answers_keeps_it_waiting(
    portal: PortalState, clock: FakeClock
) -> None:
    portal.customer.never_answer()
    workflow = start(portal)
    clock.now += 24 * 3600
    assert state(portal, workflow) == ("waiting", "", "")
    assert [wf.id for wf in portal.running_workflows()] == [workflow.id]


def test_rules_per_phone_and_missing_button_means_no_answer(
    portal: PortalState, clock: FakeClock
) -> None:
    portal.customer.configure(phone="+7 (916) 100-00-04", button=1, delay=1.0)
    portal.customer.configure(button=3, delay=1.0)  # the message has only two buttons
    chosen = start(portal, deal=4, phone="79161000004")
    other = start(portal, deal=6, phone="79161000006")
    clock.now += 2
    assert state(portal, chosen)[2] == "Да"
    assert state(portal, other)[0] == "waiting"


def test_third_waiting_workflow_queues_until_a_slot_frees(
    portal: PortalState, clock: FakeClock
) -> None:
    portal.customer.never_answer()
    first, second = start(portal), start(portal)
    portal.customer.configure(button=1, delay=10.0)
    third = start(portal)
    assert [state(portal, wf)[0] for wf in (first, second, third)] == [
        "waiting",
        "waiting",
        "queued",
    ]
    other_deal = start(portal, deal=4, phone="79161000004")  # another document: not limited
    assert state(portal, other_deal)[0] == "waiting"
    clock.now += 30
    assert portal.terminate_workflow(first.id, "Тест окончен")
    # The queued one sends now; its customer's 10 s count from this moment.
    clock.now += 9
    assert state(portal, third)[0] == "waiting"
    clock.now += 2
    assert state(portal, third) == ("completed", "replied", "Да")
    assert state(portal, first) == ("terminated", "Тест окончен", "")


def test_workflows_without_wait_never_queue(portal: PortalState) -> None:
    portal.customer.never_answer()
    start(portal)
    start(portal)
    assert state(portal, start(portal, wait="N"))[:2] == ("completed", "sent")


def test_stage_change_ends_a_stage_bound_wait_but_not_a_business_process(
    portal: PortalState, clock: FakeClock
) -> None:
    portal.customer.never_answer()
    robot_like = start(portal, template=TEST_TEMPLATE_ID)
    process = start(portal, template=BP_TEMPLATE_ID)
    queued = start(portal, template=TEST_TEMPLATE_ID)
    clock.now += 1
    ended = portal.change_deal_stage(3, "WON")
    assert {wf.id for wf in ended} == {robot_like.id, queued.id}
    assert state(portal, robot_like) == ("completed", "stage changed", "")
    assert state(portal, queued) == ("completed", "stage changed", "")
    assert robot_like.result["Sent"] == "Y" and queued.result["Sent"] == ""  # never sent
    assert state(portal, process)[0] == "waiting"
    assert portal.change_deal_stage(3, "WON") == []  # same stage: not a change


def test_a_tap_due_before_the_stage_change_still_counts(
    portal: PortalState, clock: FakeClock
) -> None:
    portal.customer.configure(button=1, delay=2.0)
    workflow = start(portal)
    clock.now += 3  # the tap at +2 s happened; nobody read the state since
    portal.change_deal_stage(3, "WON")
    assert state(portal, workflow) == ("completed", "replied", "Да")


@pytest.mark.parametrize(
    ("overrides", "code", "text"),
    [
        ({"phone": "+7 (926) 555-00-00"}, "NW", "WhatsApp"),
        ({"Line": "2"}, "E", "Линия не подключена"),
        ({"Line": "9"}, "E", "Линия не найдена"),
        ({"phone": ""}, "E", "номер"),
        ({"phone": "{{Телефон}}", "wait": "Y"}, "E", "несколько"),
    ],
)
def test_send_failures_complete_at_once(
    portal: PortalState, overrides: dict[str, str], code: str, text: str
) -> None:
    workflow = start(portal, deal=4, **overrides)  # deal 4's contact has two numbers
    assert state(portal, workflow)[:2] == ("completed", "failed")
    assert workflow.result["Sent"] == code and text in workflow.result["ErrorText"]


def test_multi_value_phone_without_wait_sends_to_the_first_whatsapp_number(
    portal: PortalState,
) -> None:
    workflow = start(portal, deal=4, phone="{{Телефон}}", wait="N")
    assert workflow.phones == ["8 916 1000004", "+7 (495) 200-00-04"]
    assert state(portal, workflow)[:2] == ("completed", "sent")


@pytest.mark.integration
def test_customer_reply_over_http(sandbox: Sandbox) -> None:
    sandbox.portal.customer.configure(button=2, delay=5.0)
    webhook = sandbox.webhook_url("admin")
    body = {
        "TEMPLATE_ID": TEST_TEMPLATE_ID,
        "DOCUMENT_ID": ["crm", "CCrmDocumentDeal", "DEAL_3"],
        "PARAMETERS": params(),
    }
    with httpx.Client(timeout=5) as http:
        workflow_id = http.post(webhook + "bizproc.workflow.start", json=body).json()["result"]
        waiting = http.post(webhook + "bizproc.workflow.instances", json={}).json()["result"]
        sandbox.clock.advance(6)
        after = http.post(webhook + "bizproc.workflow.instances", json={}).json()["result"]
        got = http.post(webhook + "sandbox.workflow.get", json={"ID": workflow_id}).json()
        deal = http.post(
            webhook + "crm.item.list",
            json={"entityTypeId": 2, "filter": {"id": 3}, "select": ["ufCrmOlchatReply"]},
        ).json()
    assert [(row["ID"], row["STATE"], row["DOCUMENT_ID"]) for row in waiting] == [
        (workflow_id, "waiting", "DEAL_3")
    ]
    assert after == []
    assert got["result"]["STATUS_TEXT"] == "replied"
    assert got["result"]["RESULT"]["PressedButton"] == "Нет, позже"
    assert deal["result"]["items"][0]["ufCrmOlchatReply"] == "Нет, позже"
