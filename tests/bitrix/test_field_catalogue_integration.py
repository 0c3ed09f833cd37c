"""Field catalogue, item search and samples from an item, over loopback against the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.crm_items import (
    ItemVanishedError,
    read_item,
    samples_from_item,
    search_items,
)
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.bitrix.field_catalogue_fetch import (
    MAX_FIELDS_PER_ENTITY,
    CatalogueProblem,
    fetch_catalogue,
    load_catalogue,
)
from olchat_desktop.core.field_catalogue import FieldCatalogue
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.seed_user_values import LONG_COMMENT
from olchat_desktop.storage.field_catalogue_cache import FieldCatalogueCache, portal_key

pytestmark = pytest.mark.integration


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[BitrixClient]:
    with BitrixClient(
        WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off", max_limit_retries=0
    ) as running:
        yield running


def test_catalogue_of_four_entities_in_one_request(client: BitrixClient) -> None:
    catalogue, requests = fetch_catalogue(client)
    assert requests == 1
    assert {f.entity for f in catalogue.fields} == {"deal", "contact", "lead", "company"}
    branch = catalogue.by_label("deal", "Филиал")
    assert branch is not None and branch.code == "UF_CRM_1700000003" and branch.custom
    assert catalogue.by_code("contact", "NAME").label == "Имя"  # type: ignore[union-attr]
    assert catalogue.status_text("DEAL_STAGE", "NEW") == "Новая"
    assert catalogue.status_text("SOURCE", "CALL") == "Звонок"
    assert catalogue.source == "portal" and catalogue.fetched_at > 0


def test_cache_round_trip_without_secrets(
    client: BitrixClient, sandbox: Sandbox, tmp_path: Path
) -> None:
    catalogue, _ = fetch_catalogue(client)
    cache = FieldCatalogueCache(tmp_path)
    key = portal_key(client.domain)
    cache.save(key, catalogue)
    loaded = cache.load(key)
    assert loaded is not None
    assert loaded.fields == catalogue.fields and loaded.statuses == catalogue.statuses
    assert loaded.fetched_at == catalogue.fetched_at
    text = cache.path(key).read_text(encoding="utf-8")
    secret = sandbox.webhook_url("admin").rstrip("/").rsplit("/", 1)[-1]
    assert secret not in text and client.domain not in text and key in cache.path(key).name
    cache.path(key).write_text("{not json", encoding="utf-8")
    assert cache.load(key) is None


def test_access_denied_on_one_entity_keeps_the_others_and_the_cached_one(
    client: BitrixClient, sandbox: Sandbox
) -> None:
    cached, _ = fetch_catalogue(client)
    sandbox.portal.denied_methods.add("crm.lead.fields")
    load = load_catalogue(client, cached)
    assert load.fresh and load.requests == 1
    assert [(p.entity, p.kind) for p in load.problems] == [("lead", "access_denied")]
    assert load.catalogue.of_entity("lead") == cached.of_entity("lead")
    assert load.catalogue.by_label("deal", "Филиал") is not None
    assert "лидов" in load.problems[0].message("ru", cached=True)
    assert "leads" in load.problems[0].message("en")
    without_cache = load_catalogue(client, None)
    assert without_cache.catalogue.by_code("lead", "TITLE") is not None  # the built-in list


def test_malformed_answers_are_reported_entity_by_entity(
    client: BitrixClient, sandbox: Sandbox
) -> None:
    cached, _ = fetch_catalogue(client)
    many = {f"UF_CRM_{i}": {"type": "string", "formLabel": f"Поле {i}"} for i in range(5000)}
    sandbox.portal.field_overrides.update(
        {
            "deal": "<html>502 Bad Gateway</html>",
            "contact": {
                "NAME": {"type": "string", "title": "Им\x00я\x07"},
                "BROKEN": {"title": "нет типа"},
                "WRONG": {"type": 5, "isMultiple": "может быть"},
                "LIST": [1, 2, 3],
            },
            "company": many,
        }
    )
    load = load_catalogue(client, cached)
    kinds = {(p.entity, p.kind): p.number for p in load.problems}
    assert ("deal", "malformed") in kinds
    assert kinds[("contact", "skipped_fields")] == 3 and kinds[("contact", "control_chars")] == 1
    assert kinds[("company", "too_many_fields")] == 5000
    assert load.catalogue.of_entity("deal") == cached.of_entity("deal")  # the cached deal fields
    assert load.catalogue.by_code("contact", "NAME").label == "Им я"  # type: ignore[union-attr]
    assert len(load.catalogue.of_entity("company")) == MAX_FIELDS_PER_ENTITY
    for problem in load.problems:
        assert problem.message("ru") and problem.message("en")


def test_rate_limit_on_the_whole_request_keeps_the_cached_catalogue(
    client: BitrixClient, sandbox: Sandbox
) -> None:
    cached, _ = fetch_catalogue(client)
    while sandbox.bucket.try_acquire():
        pass  # the portal's leaky bucket is full: the next request gets 503
    load = load_catalogue(client, cached)
    assert not load.fresh and load.catalogue is cached
    assert [(p.entity, p.kind) for p in load.problems] == [("", "rate_limited")]
    assert "минуту" in load.problems[0].message("ru", cached=True)
    with pytest.raises(BitrixError):
        fetch_catalogue(client)


def test_search_by_title_id_and_phone(client: BitrixClient) -> None:
    by_title = search_items(client, "deal", "обслуживание")
    assert [item.id for item in by_title] == ["10", "2"]
    assert by_title[0].title.startswith("Годовое обслуживание")
    assert [item.ref for item in search_items(client, "deal", "#7")] == ["deal:7"]
    before = client.requests_sent
    by_phone = search_items(client, "deal", "8 (916) 100-00-01")
    assert by_phone and all(item.entity == "deal" for item in by_phone)
    assert "1" in [item.id for item in by_phone]
    assert client.requests_sent - before == 2  # findbycomm, then the contacts' deals
    contacts = search_items(client, "contact", "Иван")
    assert contacts and all("Иван" in item.title for item in contacts)
    assert search_items(client, "lead", "нет такого названия") == []


def test_samples_from_an_item_in_at_most_two_requests(client: BitrixClient) -> None:
    catalogue, _ = fetch_catalogue(client)
    template = Template(
        header="{{Филиал > printable}}",
        message="{{Название}}: {{Дата визита}}, {{Ответственный менеджер > printable}}, "
        "{{Сумма предоплаты > printable}}, {{Промокоды}}, {{Комментарий курьера}}, "
        "{{Источник заявки > printable}}, {{Согласие на рассылку > printable}}",
        buttons=["Да"],
    )
    fill = samples_from_item(client, template, catalogue, "deal", 2)
    assert fill.requests == 2 and fill.item.ref == "deal:2"
    samples = fill.samples
    assert samples["{{Филиал > printable}}"] == "Санкт-Петербург, Невский"
    assert samples["{{Ответственный менеджер > printable}}"] == (
        "Мария-Антуанетта Константинопольская-Задунайская"
    )
    assert samples["{{Сумма предоплаты > printable}}"] == "1 234 567,89 ₽"
    assert samples["{{Промокоды}}"] == "🎁 ПОДАРОК, НОВЫЙ-ГОД-2027"
    assert samples["{{Комментарий курьера}}"] == LONG_COMMENT
    assert samples["{{Источник заявки > printable}}"] == "По рекомендации"
    assert samples["{{Согласие на рассылку > printable}}"] == "Нет"
    assert samples["{{Дата визита}}"] == "24.12.2026"
    empty = samples_from_item(client, template, catalogue, "deal", 3)
    assert empty.requests == 1  # no employee to name: no user.get
    assert empty.samples["{{Филиал > printable}}"] == "" and empty.samples["{{Промокоды}}"] == ""


def test_item_that_vanished(client: BitrixClient, sandbox: Sandbox) -> None:
    catalogue, _ = fetch_catalogue(client)
    assert read_item(client, "deal", 5, ["TITLE"]) is not None
    with sandbox.portal.lock:
        del sandbox.portal.deals[5]
    assert read_item(client, "deal", 5, ["TITLE"]) is None
    with pytest.raises(ItemVanishedError) as caught:
        samples_from_item(client, Template(message="{{Название}}"), catalogue, "deal", 5)
    assert "удалили" in caught.value.user_message("ru")
    assert "deleted" in caught.value.user_message("en")


class _FillBucketAfter(httpx.HTTPTransport):
    """Real HTTP to the sandbox; after ``requests`` answers the portal's bucket is full."""

    def __init__(self, sandbox: Sandbox, requests: int) -> None:
        super().__init__()
        self._sandbox = sandbox
        self._left = requests

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self._left -= 1
        if self._left == 0:
            while self._sandbox.bucket.try_acquire():
                pass
        return response


def test_rate_limit_mid_way_keeps_what_was_read(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from olchat_desktop.sandbox import methods_crm_fields

    rows = [
        {"ID": str(i), "ENTITY_ID": "DEAL_STAGE", "STATUS_ID": f"S{i}", "NAME": f"Стадия {i}"}
        for i in range(300)  # more than the 5 pages of the first request
    ]
    monkeypatch.setattr(methods_crm_fields, "status_rows", lambda: rows)
    cached = FieldCatalogue(fields=(), statuses={"SOURCE": {"CALL": "Звонок"}})
    auth = WebhookAuth(sandbox.webhook_url("admin"))
    transport = _FillBucketAfter(sandbox, 1)
    with BitrixClient(auth, rate_profile="off", max_limit_retries=0, transport=transport) as c:
        load = load_catalogue(c, cached)
    assert load.fresh and load.requests == 2
    assert [(p.entity, p.kind) for p in load.problems] == [("statuses", "rate_limited")]
    assert load.catalogue.status_text("DEAL_STAGE", "S249") == "Стадия 249"  # first request
    assert load.catalogue.status_text("DEAL_STAGE", "S250") is None  # the limited one
    assert load.catalogue.status_text("SOURCE", "CALL") == "Звонок"  # kept from the cache
    assert load.catalogue.by_label("deal", "Филиал") is not None


def test_rate_limit_between_item_and_users_is_a_clear_error(sandbox: Sandbox) -> None:
    auth = WebhookAuth(sandbox.webhook_url("admin"))
    with BitrixClient(auth, rate_profile="off", max_limit_retries=0) as plain:
        catalogue, _ = fetch_catalogue(plain)
    template = Template(message="{{Ответственный менеджер > printable}}")
    transport = _FillBucketAfter(sandbox, 1)
    client = BitrixClient(auth, rate_profile="off", max_limit_retries=0, transport=transport)
    with client, pytest.raises(BitrixError) as caught:
        samples_from_item(client, template, catalogue, "deal", 1)
    assert caught.value.error_code == "QUERY_LIMIT_EXCEEDED"
    assert "Слишком много запросов" in caught.value.user_message("ru")


def test_samples_from_a_contact(client: BitrixClient) -> None:
    catalogue, _ = fetch_catalogue(client)
    template = Template(
        message="{{Имя}}, ваш филиал: {{Любимый филиал > printable}}, {{День рождения клиента}}, "
        "{{Telegram}}"
    )
    fill = samples_from_item(client, template, catalogue, "contact", 1)
    assert fill.requests == 1 and fill.item.title.startswith("Алексей")
    assert fill.samples == {
        "{{Имя}}": "Алексей",
        "{{Любимый филиал > printable}}": "Казань",
        "{{День рождения клиента}}": "08.03.1990",
        "{{Telegram}}": "@client_one 😊",
    }


def test_whole_catalogue_problems_read_naturally() -> None:
    failed = CatalogueProblem("", "failed", detail="timeout")
    assert failed.message("en") == (
        "Could not read the fields of the portal: timeout The built-in list is used."
    )
    assert failed.message("ru", cached=True).startswith("Не удалось прочитать поля портала: ")
    assert (
        CatalogueProblem("deal", "failed")
        .message("en")
        .startswith("Could not read the fields of deals")
    )
