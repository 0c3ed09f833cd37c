"""Sandbox method bodies for discovery and CRM: shapes, errors, paging, phone lookups."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import olchat_desktop.sandbox.methods_crm
import olchat_desktop.sandbox.methods_system  # noqa: F401  (registers the bodies)
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.registry import REGISTRY, ApiError, CallContext, ListPage

EVERY_SCOPE = frozenset({"crm", "bizproc", "imopenlines", "user"})
CLOCK = 1_790_000_000.0  # 2026-09-21T...: any fixed moment


def call(portal: PortalState, name: str, user_id: int = 1, **params: Any) -> Any:
    spec = REGISTRY.get(name)
    assert spec is not None, name
    ctx = CallContext(
        method=name,
        params=params,
        user_id=user_id,
        is_admin=user_id == 1,
        auth_kind="webhook",
        application_id=None,
        scopes=EVERY_SCOPE,
        portal=portal,
        now=CLOCK,
    )
    return spec.body(ctx)


@pytest.fixture
def portal() -> PortalState:
    return PortalState(lambda: CLOCK)


def test_profile_tells_admin_from_manager(portal: PortalState) -> None:
    admin = call(portal, "profile")
    manager = call(portal, "profile", user_id=2)
    assert (admin["ID"], admin["ADMIN"], admin["LAST_NAME"]) == ("1", True, "Админова")
    assert (manager["ID"], manager["ADMIN"], manager["NAME"]) == ("2", False, "Иван")


def test_user_current_needs_a_user_scope(portal: PortalState) -> None:
    spec = REGISTRY.get("user.current")
    assert spec is not None
    ctx = CallContext("user.current", {}, 2, False, "webhook", None, frozenset({"crm"}), portal, 0)
    with pytest.raises(ApiError) as raised:
        spec.body(ctx)
    assert (raised.value.code, raised.value.status) == ("insufficient_scope", 403)
    assert call(portal, "user.current", user_id=2)["EMAIL"] == "ivan.manager@example.ru"


def test_scope_and_server_time(portal: PortalState) -> None:
    assert call(portal, "scope") == sorted(EVERY_SCOPE)
    assert {"crm", "bizproc", "imopenlines"} <= set(call(portal, "scope", full="true"))
    stamp = call(portal, "server.time")
    assert stamp.endswith("+03:00") and stamp.startswith("2026-")


def test_open_lines_one_connected_with_limit_and_select(portal: PortalState) -> None:
    lines = call(portal, "imopenlines.config.list.get")
    assert [(line["ID"], line["ACTIVE"]) for line in lines] == [("1", "Y"), ("2", "N")]
    limited = call(portal, "imopenlines.config.list.get", PARAMS={"limit": 1, "offset": 1})
    assert [line["ID"] for line in limited] == ["2"]
    named = call(portal, "imopenlines.config.list.get", PARAMS={"select": ["LINE_NAME"]})
    assert set(named[0]) == {"ID", "LINE_NAME"}
    portal.set_line_connected("2", True)
    assert call(portal, "imopenlines.config.list.get")[1]["ACTIVE"] == "Y"


@pytest.mark.parametrize(
    "typed", ["8 (916) 100-00-01", "+7 916 100 00 01 доб. 15", "9161000001", "79161000001"]
)
def test_findbycomm_normalises_phone_spellings(portal: PortalState, typed: str) -> None:
    found = call(portal, "crm.duplicate.findbycomm", type="PHONE", values=[typed])
    assert found == {"LEAD": [1], "CONTACT": [1]}


def test_findbycomm_entity_type_second_number_and_no_match(portal: PortalState) -> None:
    only_contacts = call(
        portal,
        "crm.duplicate.findbycomm",
        type="PHONE",
        values=["79161000001"],
        entity_type="CONTACT",
    )
    assert only_contacts == {"CONTACT": [1]}
    work_number = call(portal, "crm.duplicate.findbycomm", type="PHONE", values=["+74952000004"])
    assert work_number == {"CONTACT": [4]}
    # PHP's empty array: no match is [] rather than {}.
    assert call(portal, "crm.duplicate.findbycomm", type="PHONE", values=["70000000001"]) == []


def test_findbycomm_errors(portal: PortalState) -> None:
    with pytest.raises(ApiError) as too_many:
        call(portal, "crm.duplicate.findbycomm", type="PHONE", values=[str(i) for i in range(21)])
    with pytest.raises(ApiError) as bad_type:
        call(portal, "crm.duplicate.findbycomm", type="FAX", values=["1"])
    assert (too_many.value.code, too_many.value.status) == ("ERROR_CORE", 400)
    assert bad_type.value.code == "ERROR_CORE"


def test_contact_list_pages_of_50_with_total_and_next() -> None:
    portal = PortalState(lambda: CLOCK, contacts=120)
    first = call(portal, "crm.contact.list")
    last = call(portal, "crm.contact.list", start=100)
    assert isinstance(first, ListPage) and isinstance(last, ListPage)
    assert (len(first.items), first.total, first.next) == (50, 120, 50)
    assert (len(last.items), last.total, last.next) == (20, 120, None)
    assert [row["ID"] for row in last.items][:2] == ["101", "102"]


def test_contact_list_id_cursor_scan_with_start_minus_one() -> None:
    portal = PortalState(lambda: CLOCK, contacts=120)
    seen: list[int] = []
    calls = 0
    while True:
        page = call(
            portal,
            "crm.contact.list",
            start=-1,
            order={"ID": "ASC"},
            filter={">ID": seen[-1] if seen else 0},
            select=["ID"],
        )
        calls += 1
        assert page.total is None and page.next is None  # no count, no next
        seen.extend(int(row["ID"]) for row in page.items)
        if len(page.items) < 50:
            break
    assert seen == list(range(1, 121))
    assert calls == 3


def test_contact_list_select_order_and_exact_phone_filter(portal: PortalState) -> None:
    plain = call(portal, "crm.contact.list", filter={"ID": 4}).items[0]
    assert "PHONE" not in plain and plain["LAST_NAME"]
    with_phone = call(portal, "crm.contact.list", filter={"ID": 4}, select=["ID", "PHONE"])
    assert [p["VALUE_TYPE"] for p in with_phone.items[0]["PHONE"]] == ["MOBILE", "WORK"]
    stored = with_phone.items[0]["PHONE"][0]["VALUE"]
    assert [r["ID"] for r in call(portal, "crm.contact.list", filter={"PHONE": stored}).items] == [
        "4"
    ]
    # Multi-field filters match exactly: another spelling of the number finds nothing.
    assert call(portal, "crm.contact.list", filter={"PHONE": "+7 916 1000004"}).items == []
    newest = call(portal, "crm.contact.list", order={"ID": "DESC"}, select=["ID"])
    assert newest.items[0] == {"ID": "30"}


def test_item_list_deals_and_contacts(portal: PortalState) -> None:
    deals = call(portal, "crm.item.list", entityTypeId=2, filter={"contactId": 3})
    assert deals.total == 1
    item = deals.items["items"][0]
    assert (item["id"], item["contactId"], item["stageId"]) == (3, 3, "PREPAYMENT_INVOICE")
    contacts = call(portal, "crm.item.list", entityTypeId=3, select=["id", "lastName"], start=50)
    assert contacts.items == {"items": []} and contacts.next is None
    with pytest.raises(ApiError) as unknown:
        call(portal, "crm.item.list", entityTypeId=4)
    assert unknown.value.code == "NOT_FOUND"


def test_deal_update_changes_stage(portal: PortalState) -> None:
    assert call(portal, "crm.deal.update", id=2, fields={"STAGE_ID": "WON"}) is True
    assert portal.deals[2]["STAGE_ID"] == "WON"
    with pytest.raises(ApiError) as missing:
        call(portal, "crm.deal.update", id=999, fields={"STAGE_ID": "WON"})
    assert missing.value.code == "NOT_FOUND"


@pytest.mark.integration
def test_crm_over_http(sandbox: Sandbox) -> None:
    webhook = sandbox.webhook_url("admin")
    with httpx.Client(timeout=5) as http:
        scan = http.post(
            webhook + "crm.contact.list",
            json={"start": -1, "order": {"ID": "ASC"}, "filter": {">ID": 20}, "select": ["ID"]},
        ).json()
        counted = http.post(webhook + "crm.contact.list", json={"select": ["ID"]}).json()
        items = http.post(webhook + "crm.item.list", json={"entityTypeId": 2}).json()
        found = http.post(
            webhook + "crm.duplicate.findbycomm",
            data={"type": "PHONE", "values[]": "8 916 100-00-02"},  # form-encoded, PHP style
        ).json()
    assert [row["ID"] for row in scan["result"]] == [str(i) for i in range(21, 31)]
    assert "total" not in scan and "next" not in scan
    assert counted["total"] == 30 and "next" not in counted
    assert len(items["result"]["items"]) == 15 and items["total"] == 15
    assert found["result"] == {"CONTACT": [2]}
