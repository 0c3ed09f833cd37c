"""Sandbox field catalogue and item methods answer like a real portal (issue 14 point 5)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import olchat_desktop.sandbox.methods_crm
import olchat_desktop.sandbox.methods_crm_fields
import olchat_desktop.sandbox.methods_crm_items  # noqa: F401  (registers the bodies)
from olchat_desktop.core.field_catalogue import build_catalogue
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.registry import REGISTRY, ApiError, CallContext, ListPage
from olchat_desktop.sandbox.seed_user_values import LONG_COMMENT
from olchat_desktop.sandbox.user_fields import USER_FIELDS

CLOCK = 1_790_000_000.0


def call(portal: PortalState, name: str, **params: Any) -> Any:
    spec = REGISTRY.get(name)
    assert spec is not None, name
    ctx = CallContext(
        method=name,
        params=params,
        user_id=1,
        is_admin=True,
        auth_kind="webhook",
        application_id=None,
        scopes=frozenset({"crm", "user"}),
        portal=portal,
        now=CLOCK,
    )
    return spec.body(ctx)


@pytest.fixture
def portal() -> PortalState:
    return PortalState(lambda: CLOCK)


def test_fields_have_standard_titles_and_user_field_labels(portal: PortalState) -> None:
    deal = call(portal, "crm.deal.fields")
    assert deal["TITLE"]["title"] == "Название" and "formLabel" not in deal["TITLE"]
    assert deal["STAGE_ID"]["statusType"] == "DEAL_STAGE"
    branch = deal["UF_CRM_1700000003"]
    assert branch["title"] == "UF_CRM_1700000003" and branch["formLabel"] == "Филиал"
    assert branch["items"][0] == {"ID": "41", "VALUE": "Москва, Тверская"}
    types = {entry["type"] for code, entry in deal.items() if code.startswith("UF_")}
    assert {"string", "enumeration", "money", "date", "datetime", "boolean", "employee"} <= types
    assert {"double", "url", "address", "crm_status", "integer"} <= types
    user_fields = sum(len(specs) for specs in USER_FIELDS.values())
    assert user_fields >= 15
    for entity in ("contact", "lead", "company"):
        raw = call(portal, f"crm.{entity}.fields")
        assert raw["ID"]["type"] == "integer"
        assert all(spec.code in raw for spec in USER_FIELDS[entity])
    catalogue = build_catalogue({"deal": deal})
    assert catalogue.skipped == () and catalogue.by_label("deal", "Филиал") is not None


def test_status_list_filters_by_entity_id_and_orders_by_sort(portal: PortalState) -> None:
    page = call(portal, "crm.status.list", filter={"ENTITY_ID": "DEAL_STAGE"})
    assert isinstance(page, ListPage)
    assert [row["STATUS_ID"] for row in page.items][:2] == ["NEW", "PREPARATION"]
    assert {row["ENTITY_ID"] for row in page.items} == {"DEAL_STAGE"}
    everything = call(portal, "crm.status.list")
    assert everything.total > page.total and len(everything.items) <= 50


def test_user_get_by_id_filter_and_top_parameter(portal: PortalState) -> None:
    page = call(portal, "user.get", FILTER={"ID": ["2", "3"]})
    names = [(row["NAME"], row["LAST_NAME"]) for row in page.items]
    assert names == [
        ("Иван", "Менеджеров"),
        ("Мария-Антуанетта", "Константинопольская-Задунайская"),
    ]
    assert [row["ID"] for row in call(portal, "user.get", ID=1).items] == ["1"]
    assert call(portal, "user.get", ID=99).items == []


def test_seeded_items_exercise_user_fields(portal: PortalState) -> None:
    normal = call(portal, "crm.deal.get", id=1)
    assert normal["UF_CRM_1700000005"] == "5000|RUB" and normal["UF_CRM_1700000007"] == [
        "SALE10",
        "VIP",
    ]
    long = call(portal, "crm.deal.get", id=2)
    assert long["UF_CRM_1700000014"] == LONG_COMMENT and len(LONG_COMMENT) > 1000
    assert "🎁" in long["UF_CRM_1700000007"][0]
    empty = call(portal, "crm.deal.get", id=3)
    assert all(empty[spec.code] in (None, "", []) for spec in USER_FIELDS["deal"])
    many = call(portal, "crm.deal.get", id=4)
    assert len(many["UF_CRM_1700000013"]) == 4
    with pytest.raises(ApiError) as caught:
        call(portal, "crm.deal.get", id=999)
    assert caught.value.code == "NOT_FOUND"


def test_list_select_returns_only_named_fields_and_uf_only_when_asked(portal: PortalState) -> None:
    plain = call(portal, "crm.deal.list", filter={"ID": 1}).items[0]
    assert "TITLE" in plain and not any(code.startswith("UF_CRM_17") for code in plain)
    picked = call(
        portal, "crm.deal.list", filter={"ID": 1}, select=["ID", "UF_CRM_1700000003"]
    ).items[0]
    assert picked == {"ID": "1", "UF_CRM_1700000003": "41"}
    found = call(portal, "crm.deal.list", filter={"%TITLE": "обслуживание"}, select=["ID"])
    assert [row["ID"] for row in found.items] == ["2", "10"]
    lead = call(portal, "crm.lead.list", select=["UF_*"]).items[0]
    assert lead["UF_CRM_1700000302"] == ["CRM", "Сайт"]


def test_denied_method_and_field_override_hooks(portal: PortalState) -> None:
    portal.denied_methods.add("crm.lead.fields")
    with pytest.raises(ApiError) as caught:
        call(portal, "crm.lead.fields")
    assert caught.value.code == "ACCESS_DENIED" and caught.value.status == 403
    portal.field_overrides["deal"] = ["not", "an", "object"]
    assert call(portal, "crm.deal.fields") == ["not", "an", "object"]


def test_catalogue_in_one_batch_over_http(sandbox: Sandbox) -> None:
    webhook = sandbox.webhook_url("admin")
    cmd = {e: f"crm.{e}.fields" for e in ("deal", "contact", "lead", "company")}
    cmd["statuses"] = "crm.status.list?filter[ENTITY_ID]=SOURCE"
    cmd["users"] = "user.get?ID=3"
    with httpx.Client(timeout=5) as http:
        answer = http.post(webhook + "batch", json={"cmd": cmd}).json()["result"]
    assert answer["result_error"] == []
    assert answer["result"]["deal"]["UF_CRM_1700000004"]["type"] == "employee"
    assert answer["result"]["statuses"][0]["NAME"] == "Звонок"
    assert answer["result"]["users"][0]["LAST_NAME"] == "Константинопольская-Задунайская"
