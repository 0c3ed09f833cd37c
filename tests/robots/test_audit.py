"""Auditing the sandbox portal's templates for button robots (issue 8 points 2-3)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.robots.audit import (
    AuditReport,
    FoundRobot,
    RobotMatcher,
    audit_portal,
    walk_activities,
)
from olchat_desktop.robots.audit_export import CSV_COLUMNS, to_csv, to_json
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.clock import SandboxClock
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.seed_bizproc import (
    OLCHAT_BUTTONS_ACTIVITY_TYPE,
    OLCHAT_BUTTONS_HASHED_TYPE,
    build_workflow_templates,
)

pytestmark = pytest.mark.integration


class Cancelled(Exception):
    pass


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[BitrixClient]:
    with BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))) as running:
        yield running


def by_activity(report: AuditReport) -> dict[str, FoundRobot]:
    return {robot.activity_name: robot for robot in report.robots if robot.automation}


def codes(robot: FoundRobot) -> set[tuple[str, str]]:
    return {(problem.field, problem.code) for problem in robot.problems}


def rest_requests(sandbox: Sandbox) -> int:
    return sum(1 for _method, path in sandbox.request_log if path.startswith("/rest/"))


def test_audit_finds_the_seeded_robots_with_their_problems(
    sandbox: Sandbox, client: BitrixClient
) -> None:
    report = audit_portal(client, lang="en")
    assert report.templates_read == 8
    assert sorted({r.template_id for r in report.robots}) == [7, 8, 9, 20, 21, 22, 23, 24]
    found = by_activity(report)
    good = found["A11_wa_buttons"]
    assert good.stage == "NEW" and good.document_type == ["crm", "CCrmDocumentDeal", "DEAL"]
    assert not good.has_errors and good.template.wait_for_reply
    assert good.template.buttons == ["Да, звоните", "Нет, завтра"]
    assert ("header", "too_long") in codes(found["A21_wa_buttons"])
    assert ("buttons[0]", "formatting_not_allowed") in codes(found["A21_wa_buttons"])
    assert ("buttons[1]", "duplicate_button") in codes(found["A31_wa_buttons"])
    assert ("phone", "multi_value_phone") in codes(found["A41_wa_buttons"])
    four = found["A51_wa_buttons"]
    assert four.matched_by == "properties" and four.activity_type == OLCHAT_BUTTONS_HASHED_TYPE
    assert ("buttons", "too_many_buttons") in codes(four) and len(four.template.buttons) == 4
    assert found["A21_wa_buttons"].problems[0].message.startswith("Header")
    assert report.requests == 1 == rest_requests(sandbox)


def test_matcher_is_configurable(client: BitrixClient) -> None:
    by_type_only = RobotMatcher(property_set=frozenset())
    names = {r.activity_name for r in audit_portal(client, by_type_only).robots}
    assert "A51_wa_buttons" not in names and "A11_wa_buttons" in names
    by_props_only = RobotMatcher(activity_types=frozenset())
    robots = audit_portal(client, by_props_only).robots
    assert {r.matched_by for r in robots} == {"properties"} and len(robots) == 8
    notify = RobotMatcher(activity_types=frozenset({"CrmControlNotifyActivity"}))
    assert {r.activity_name for r in audit_portal(client, notify).robots} >= {"A10_notify"}


def test_found_robot_opens_as_a_new_template(client: BitrixClient) -> None:
    robot = by_activity(audit_portal(client))["A31_wa_buttons"]
    fresh = robot.as_new_template()
    assert fresh.id != robot.template.id
    assert fresh.message == "Счёт выставлен. Оплатите, пожалуйста."
    assert fresh.name.startswith("Автоматизация сделок") and "portal-audit" in fresh.tags


def test_walk_handles_php_maps_and_nesting() -> None:
    tree = [{"Type": "A", "Children": {"0": {"Type": "B", "Children": [{"Type": "C"}]}}}]
    assert [node["Type"] for node in walk_activities(tree)] == ["A", "B", "C"]


def test_exports(client: BitrixClient) -> None:
    report = audit_portal(client, lang="en")
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(report.robots)
    dup = next(row for row in rows if row["activity"] == "A31_wa_buttons")
    assert dup["buttons"] == "Оплачу | Оплачу" and dup["errors"] == "1"
    assert "buttons[1]:duplicate_button" in dup["problems"] and dup["stage"] == "PREPAYMENT_INVOICE"
    data = json.loads(to_json(report))
    assert data["templates_read"] == 8
    record = next(r for r in data["robots"] if r["activity"] == "A51_wa_buttons")
    assert record["fields"]["buttons"] == ["Отлично", "Хорошо", "Плохо", "Ужасно"]
    assert record["problems"][0]["code"] == "too_many_buttons"


@pytest.fixture
def big_portal() -> Iterator[Sandbox]:
    clock = SandboxClock()
    portal = PortalState(clock, workflow_templates=500)
    with Sandbox(clock=clock, portal=portal) as running:
        yield running


def seeded_button_robots(total: int) -> int:
    kinds = {OLCHAT_BUTTONS_ACTIVITY_TYPE, OLCHAT_BUTTONS_HASHED_TYPE}
    return sum(
        1
        for seeded in build_workflow_templates(total)
        for activity in walk_activities(seeded.row["TEMPLATE"])
        if activity["Type"] in kinds
    )


def test_500_templates_paged_and_batched_within_the_rate_limit(big_portal: Sandbox) -> None:
    steps: list[tuple[int, int]] = []
    with BitrixClient(WebhookAuth(big_portal.webhook_url("admin"))) as client:
        report = audit_portal(client, progress=lambda done, total: steps.append((done, total)))
    assert report.templates_read == 500
    assert len(report.robots) == seeded_button_robots(500)
    assert report.requests == 2 == rest_requests(big_portal)  # first page + one batch of 9
    assert steps[0] == (50, 500) and steps[-1] == (500, 500)


def test_a_busy_portal_never_surfaces_query_limit_exceeded(big_portal: Sandbox) -> None:
    # Another app has nearly drained the burst; one page per request then overflows the
    # portal's bucket, and the client must wait and retry instead of failing the audit.
    for _ in range(48):
        big_portal.bucket.try_acquire()
    with BitrixClient(WebhookAuth(big_portal.webhook_url("admin"))) as client:
        report = audit_portal(client, pages_per_batch=1)
    assert report.templates_read == 500 and report.requests == 10


def test_cancel_stops_between_requests(big_portal: Sandbox) -> None:
    calls = 0

    def check_cancel() -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise Cancelled

    with (
        BitrixClient(WebhookAuth(big_portal.webhook_url("admin"))) as client,
        pytest.raises(Cancelled),
    ):
        audit_portal(client, pages_per_batch=2, check_cancel=check_cancel)
    assert rest_requests(big_portal) == 2
