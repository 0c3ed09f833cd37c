"""Dry run against the sandbox portal over loopback HTTP: counts, requests, bad input."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.dry_run_check import FilterError, build_filter, check_items
from olchat_desktop.bitrix.field_catalogue_fetch import fetch_catalogue
from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.field_catalogue import FieldCatalogue
from olchat_desktop.core.field_values import printable_value
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.registry import REGISTRY
from olchat_desktop.sandbox.seed_bulk import add_bulk_crm
from tests.dry_run_support import typical_template

pytestmark = pytest.mark.integration
ITEMS = 20_000


@pytest.fixture(scope="module")
def big() -> Iterator[Sandbox]:
    with Sandbox(rate_profile="standard") as sandbox:
        add_bulk_crm(sandbox.portal, ITEMS - len(sandbox.portal.deals), seed=5)
        yield sandbox


def _client(sandbox: Sandbox, **kwargs: Any) -> BitrixClient:
    return BitrixClient(WebhookAuth(sandbox.webhook_url()), **kwargs)


def _expected(sandbox: Sandbox, catalogue: FieldCatalogue, flt: dict[str, str]) -> dict[str, Any]:
    """The report's counts, recomputed from the sandbox's own tables, not via the app."""
    fields = {f.code: f for f in catalogue.of_entity("deal")}
    users = {
        str(u["ID"]): f"{u['NAME']} {u['LAST_NAME']}".strip() for u in sandbox.portal.users.values()
    }

    def text(deal: dict[str, Any], code: str) -> str:
        return printable_value(fields[code], deal.get(code), catalogue=catalogue, users=users)

    bodies: list[int] = []
    counts = {"header": 0, "message": 0, "buttons[2]": 0, "no_phone": 0, "several": 0}
    empty_buttons = 0
    for deal in sandbox.portal.deals.values():
        if any(deal.get(k) != v for k, v in flt.items()):
            continue
        header = "Заказ " + text(deal, "TITLE")
        body = (
            f"Здравствуйте! Доставка {text(deal, 'UF_CRM_1700000001')} в "
            f"{text(deal, 'UF_CRM_1700000003')}.\n"
            f"Комментарий курьера: {text(deal, 'UF_CRM_1700000014')}\n"
            f"Сумма: {text(deal, 'UF_CRM_1700000005')}"
        )
        promo = text(deal, "UF_CRM_1700000007")
        bodies.append(len(body))
        counts["header"] += len(header) > 60
        counts["message"] += len(body) > 1024
        counts["buttons[2]"] += len(promo) > 20
        empty_buttons += promo == ""
        contact = sandbox.portal.contacts.get(int(deal["CONTACT_ID"] or 0), {})
        phones = [p for p in contact.get("PHONE", []) if p.get("VALUE")]
        counts["no_phone"] += not phones
        counts["several"] += len(phones) > 1
    counts["items"] = len(bodies)
    counts["empty_button"] = empty_buttons
    counts["max_body"] = max(bodies)
    counts["p95_body"] = sorted(bodies)[math.ceil(0.95 * len(bodies)) - 1]
    return counts


def test_20000_deals_counts_match_the_portal(big: Sandbox) -> None:
    with _client(big) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(client, typical_template(), catalogue, "deal")
    expected = _expected(big, catalogue, {})
    assert report.complete and report.items_checked == expected["items"] == ITEMS
    assert report.items_estimated == ITEMS
    assert report.fields["header"]["over_limit"] == expected["header"]
    assert report.fields["message"]["over_limit"] == expected["message"]
    assert report.fields["message"]["max"] == expected["max_body"]
    assert report.fields["message"]["p95"] == expected["p95_body"]
    assert report.fields["buttons[2]"]["over_limit"] == expected["buttons[2]"]
    assert report.problems["empty_button"]["count"] == expected["empty_button"]
    assert report.phone["none"] == expected["no_phone"]
    assert report.phone["several"] == expected["several"]
    # 8 deal batches of 2,500 + 8 contact batches; the catalogue is counted apart.
    assert report.requests == 16


def test_filter_limit_and_estimate(big: Sandbox) -> None:
    with _client(big) as client:
        catalogue, _ = fetch_catalogue(client)
        flt = build_filter(category="1", stage="NEW")
        report = check_items(client, typical_template(), catalogue, "deal", flt=flt)
        limited = check_items(client, typical_template(), catalogue, "deal", flt=flt, limit=120)
    expected = _expected(big, catalogue, {"CATEGORY_ID": "1", "STAGE_ID": "NEW"})
    assert report.items_checked == expected["items"] == report.items_estimated
    assert report.phone["none"] == expected["no_phone"]
    assert limited.items_checked == 120 and limited.items_estimated == 120


def test_only_read_methods_are_called(big: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[str] = []
    original = big.dispatcher.call

    def spy(identity: Any, method: str, params: dict[str, Any]) -> Any:
        called.append(method)
        return original(identity, method, params)

    monkeypatch.setattr(big.dispatcher, "call", spy)
    with _client(big) as client:
        catalogue, _ = fetch_catalogue(client)
        check_items(client, typical_template(), catalogue, "deal", limit=3000)
    assert {"crm.deal.list", "crm.contact.list"} <= set(called)
    specs = [REGISTRY.get(name) for name in set(called)]
    assert all(spec is not None and not spec.write for spec in specs)
    assert all(name.endswith((".list", ".fields", ".get")) for name in called)


def test_bad_filters_are_refused_with_a_reason() -> None:
    with pytest.raises(FilterError) as not_json:
        build_filter(raw_json="{STAGE_ID: NEW}")
    assert "JSON" in not_json.value.message("ru") and "line 1" in not_json.value.message("en")
    with pytest.raises(FilterError):
        build_filter(raw_json='["STAGE_ID"]')
    with pytest.raises(FilterError):
        build_filter(created_after="31.12.2026")
    assert build_filter(created_after="2026-08-01", raw_json='{">=ID": 10}') == {
        ">=DATE_CREATE": "2026-08-01",
        ">ID": 9,
    }


# -- bad input over HTTP: odd values, HTML pages, 503 bursts, expiry, cancel ---------------


@pytest.fixture
def small() -> Iterator[Sandbox]:
    with Sandbox(rate_profile="off") as sandbox:
        add_bulk_crm(sandbox.portal, 6000, seed=9)
        yield sandbox


class Interfering(httpx.BaseTransport):
    """Real HTTP to the sandbox, except the answers a test swaps in by request number."""

    def __init__(self, swaps: dict[int, httpx.Response]) -> None:
        self.inner = httpx.HTTPTransport()
        self.swaps = swaps
        self.count = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        if self.count in self.swaps:
            return self.swaps[self.count]
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def _busy() -> httpx.Response:
    return httpx.Response(503, json={"error": "QUERY_LIMIT_EXCEEDED", "error_description": "x"})


def test_odd_values_are_reported_not_fatal(small: Sandbox) -> None:
    deals = small.portal.deals
    deals[20]["TITLE"] = ["a", "list"]
    deals[21]["UF_CRM_1700000014"] = "ю" * 100_000
    deals[22]["UF_CRM_1700000003"] = None
    with _client(small) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(client, typical_template(), catalogue, "deal", limit=100)
    assert report.complete and report.items_checked == 100
    odd = [o for o in report.offenders if o["problem"] == "unexpected_value"]
    assert [o["item_id"] for o in odd] == ["20"]
    long = next(o for o in report.offenders if o["item_id"] == "21" and o["field"] == "message")
    assert long["length"] > 100_000 and len(long["value"]) <= 300


def test_html_page_mid_run_keeps_the_partial_report(small: Sandbox) -> None:
    html = httpx.Response(502, text="<html><body>Bad gateway</body></html>")
    transport = Interfering({4: html, 5: html, 6: html, 7: html, 8: html})
    with _client(small, transport=transport, sleep=lambda _s: None) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(client, typical_template(), catalogue, "deal", lang="ru")
    assert not report.complete and report.stopped == "error"
    assert report.items_checked == 2500  # the first batch, before the HTML answers
    assert report.error is not None and "PROTOCOL_ERROR" in report.error
    assert "HTML" in report.error


def test_503_burst_is_ridden_out_or_reported(small: Sandbox) -> None:
    burst = Interfering({n: _busy() for n in range(3, 6)})
    with _client(small, transport=burst, sleep=lambda _s: None) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(client, typical_template(), catalogue, "deal")
    assert report.complete and report.items_checked == len(small.portal.deals)
    assert report.requests == 6 + 3  # the three refused requests are counted too

    # From the second deal batch on (request 1 is the catalogue, 2 and 3 the first deal
    # and contact batches): the client's backoff gives up, the first 2,500 stay.
    endless = Interfering({n: _busy() for n in range(4, 40)})
    with _client(small, transport=endless, sleep=lambda _s: None) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(client, typical_template(), catalogue, "deal", lang="en")
    assert report.stopped == "error" and report.items_checked == 2500
    assert report.error is not None and "QUERY_LIMIT_EXCEEDED" in report.error


def test_expired_webhook_mid_run(small: Sandbox) -> None:
    url = small.add_webhook(1, ["crm", "user"], expires_at=small.clock.now() + 3600)
    with BitrixClient(WebhookAuth(url)) as client:
        catalogue, _ = fetch_catalogue(client)

        def expire(_progress: Any, _report: Any) -> None:
            small.clock.advance(7200)

        report = check_items(client, typical_template(), catalogue, "deal", on_progress=expire)
    assert report.stopped == "error" and report.items_checked == 2500
    assert report.error is not None


def test_cancel_between_batches_keeps_what_was_read(small: Sandbox) -> None:
    token = CancelToken()
    with _client(small) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(
            client,
            typical_template(),
            catalogue,
            "deal",
            token=token,
            on_progress=lambda _p, _r: token.cancel(),
        )
    assert report.stopped == "cancelled" and not report.complete
    assert report.items_checked == 2500
    assert "первым 2500" in report.summary_lines("ru")[1]


def test_template_without_expressions_reads_nothing(small: Sandbox) -> None:
    template = typical_template(
        phone="79161234567", header="Привет", message="Текст", footer="", buttons=["Да"]
    )
    with _client(small) as client:
        catalogue, _ = fetch_catalogue(client)
        before = client.requests_sent
        report = check_items(client, template, catalogue, "deal")
        assert client.requests_sent == before
    assert report.nothing_to_check and report.items_checked == 0


def test_oauth_token_expiring_mid_run_is_refreshed(small: Sandbox) -> None:
    from olchat_desktop.bitrix.auth import OAuthAuth

    auth = OAuthAuth.from_code(
        small.oauth_client_id,
        small.oauth_client_secret,
        small.issue_oauth_code(),
        token_url=small.oauth_token_url,
    )
    with BitrixClient(auth) as client:
        catalogue, _ = fetch_catalogue(client)

        def expire(_progress: Any, _report: Any) -> None:
            small.clock.advance(2 * 3600)  # past the access token's hour

        report = check_items(client, typical_template(), catalogue, "deal", on_progress=expire)
    assert report.complete and report.items_checked == len(small.portal.deals)
    assert auth.refresh_count >= 1


def test_contacts_read_their_own_phones(small: Sandbox) -> None:
    template = typical_template(
        phone="{{Телефон}}",
        header="{{Имя}} {{Фамилия}}",
        message="Ваш филиал: {{Любимый филиал > printable}}",
        footer="",
        buttons=["Да", "Нет"],
    )
    with _client(small) as client:
        catalogue, _ = fetch_catalogue(client)
        report = check_items(client, template, catalogue, "contact")
    contacts = small.portal.contacts.values()
    assert report.complete and report.items_checked == len(contacts)
    assert report.phone["source"] == "self"
    assert report.phone["none"] == sum(1 for c in contacts if not c.get("PHONE"))
    assert report.phone["several"] == sum(1 for c in contacts if len(c.get("PHONE") or []) > 1)
    assert report.unknown_expressions == []
