"""Bulk CRM data (``--crm-items``) and the fast ID-cursor listing it relies on."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.methods_listing import (
    filter_rows,
    indexed_page,
    list_table,
    order_rows,
    page_of,
)
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.seed_bulk import add_bulk_crm
from olchat_desktop.sandbox.user_fields import DEAL_USER_FIELDS


@pytest.fixture(scope="module")
def bulk_portal() -> PortalState:
    portal = PortalState(time.time)
    add_bulk_crm(portal, 2000, seed=7)
    return portal


def test_same_seed_same_portal_other_seed_other_values() -> None:
    first, second, other = (PortalState(time.time) for _ in range(3))
    add_bulk_crm(first, 300, seed=3)
    add_bulk_crm(second, 300, seed=3)
    add_bulk_crm(other, 300, seed=4)
    assert first.deals == second.deals and first.contacts == second.contacts
    assert first.companies == second.companies
    assert first.deals != other.deals


def test_bulk_items_follow_the_hand_made_seed(bulk_portal: PortalState) -> None:
    deals = bulk_portal.deals
    assert len(deals) == 15 + 2000
    assert deals[1]["TITLE"].startswith("Поставка оборудования")  # seed_crm's deal 1 kept
    assert sorted(deals) == list(range(1, 2016))
    for deal in list(deals.values())[15:]:
        contact, company = deal["CONTACT_ID"], deal["COMPANY_ID"]
        assert contact or company
        assert contact is None or int(contact) in bulk_portal.contacts
        assert company is None or int(company) in bulk_portal.companies


def test_values_are_realistic(bulk_portal: PortalState) -> None:
    contacts = [c for i, c in bulk_portal.contacts.items() if i > 30]
    phones = Counter(min(len(c["PHONE"]), 2) for c in contacts)
    assert phones[0] and phones[1] and phones[2]  # none, one and several phones
    names = " ".join(c["NAME"] + c["LAST_NAME"] for c in contacts)
    assert any("a" <= ch <= "z" for ch in names) and any("а" <= ch <= "я" for ch in names)
    assert any(ord(ch) > 0xFFFF for ch in names)  # an emoji somewhere
    longest = max(len(c["TITLE"]) for c in bulk_portal.companies.values())
    assert longest > 60
    bulk_deals = [d for i, d in bulk_portal.deals.items() if i > 15]
    for spec in DEAL_USER_FIELDS:
        values = [deal[spec.code] for deal in bulk_deals]
        empty = [v for v in values if v in (None, "", [])]
        assert 0 < len(empty) < len(values) / 2, spec.code
        if spec.multiple:
            assert all(isinstance(v, list) for v in values)
            assert max(len(v) for v in values) > 1
        if spec.items:
            allowed = {item_id for item_id, _ in spec.items}
            filled = [v for v in values if v not in (None, "", [])]
            flat = [x for v in filled for x in (v if isinstance(v, list) else [v])]
            assert set(flat) <= allowed
    comments = [len(d["UF_CRM_1700000014"] or "") for d in bulk_deals]
    assert max(comments) >= 1000


@pytest.mark.parametrize(
    "filters",
    [
        {">ID": 100},
        {">ID": "1990", "STAGE_ID": "NEW"},
        {">=ID": 40, "CATEGORY_ID": ["1", "2"]},
        {"@ID": ["5", "700", "1200", "99999", "3"]},
        {"@ID": list(range(1, 120)), ">ID": 60},
        {">ID": 2015},
    ],
)
def test_indexed_page_equals_the_generic_scan(
    bulk_portal: PortalState, filters: dict[str, Any]
) -> None:
    table = bulk_portal.deals
    generic = page_of(order_rows(filter_rows(table.values(), filters), {"ID": "ASC"}), -1)
    assert indexed_page(table, filters, {"ID": "ASC"}) == generic.items
    assert list_table(table, filters, {}, -1).items == generic.items


def test_indexed_page_declines_what_it_cannot_do(bulk_portal: PortalState) -> None:
    assert indexed_page(bulk_portal.deals, {">ID": 5}, {"TITLE": "ASC"}) is None
    assert indexed_page(bulk_portal.deals, {"STAGE_ID": "NEW"}, {}) is None
    # An unresolved batch reference arrives as "": compared as text, like the generic path.
    generic = page_of(filter_rows(bulk_portal.deals.values(), {">ID": ""}), -1)
    assert list_table(bulk_portal.deals, {">ID": ""}, {}, -1).items == generic.items


@pytest.mark.integration
def test_contact_pages_chain_inside_one_batch(client: httpx.Client) -> None:
    with Sandbox() as sandbox:
        add_bulk_crm(sandbox.portal, 3000, seed=2)
        expected = sorted(sandbox.portal.contacts)
        query = "order[ID]=ASC&start=-1&select[]=ID&select[]=PHONE&filter[>ID]="
        cmd = {"p0": f"crm.contact.list?{query}0"}
        for n in range(1, 50):
            cmd[f"p{n}"] = f"crm.contact.list?{query}$result[p{n - 1}][49][ID]"
        body = client.post(sandbox.webhook_url() + "batch", json={"cmd": cmd}).json()
        pages = [body["result"]["result"][f"p{n}"] for n in range(50)]
        seen: list[int] = []
        for page in pages:  # a short page is the end: later references did not resolve
            seen.extend(int(row["ID"]) for row in page)
            if len(page) < 50:
                break
        assert seen == expected[:2500]
        assert all("PHONE" in row for page in pages for row in page)


@pytest.mark.integration
def test_cli_seeds_crm_items() -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "olchat_desktop", "sandbox", "--crm-items", "500"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            lines = []
            for line in process.stdout:
                lines.append(line)
                if "Stop:" in line:
                    break
            crm = next(line for line in lines if line.startswith("CRM:"))
            assert "500 сделок / deals" in crm and "(seed 1)" in crm
            webhook = next(line for line in lines if "Admin webhook" in line).split(": ", 1)[1]
            answer = httpx.post(
                webhook.strip() + "crm.contact.list",
                json={"filter": {">ID": 30}, "start": -1, "select": ["ID", "PHONE"]},
                timeout=5,
            ).json()
            assert len(answer["result"]) == 50 and "total" not in answer
        finally:
            process.terminate()  # only the process this test started
            process.wait(timeout=10)
