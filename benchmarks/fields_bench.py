"""Benchmark: field catalogue and fill-from-item requests and times, against the sandbox.

1. Catalogue: the HTTP requests (sandbox request log) and time to read the catalogue of
   4 entities plus status texts (goal <= 2 requests), against a baseline of the same 4
   ``crm.*.fields`` and ``crm.status.list`` called one by one (5 requests).
2. Fill from item: requests and time for the samples of a 10-expression template from one
   deal (goal <= 2 requests: the item with only the template's fields, then ``user.get``).

3. Validation against a 3,000-field catalogue: the per-keystroke cost of ``unknown_field``
   (a new misspelt name each time) against validation without a catalogue.

Printed, not asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import statistics
import time

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.crm_items import samples_from_item
from olchat_desktop.bitrix.field_catalogue_fetch import fetch_catalogue
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox

RUNS = 15
GOAL_CATALOGUE_REQUESTS = 2
GOAL_FILL_REQUESTS = 2
TEMPLATE = Template(
    header="{{Филиал > printable}}",
    message="{{Название}}: {{Дата визита}} {{Время визита}}, "
    "{{Ответственный менеджер > printable}}, "
    "{{Сумма предоплаты > printable}}, {{Промокоды}}, {{Комментарий курьера}}, "
    "{{Источник заявки > printable}}, {{Каналы связи > printable}}",
    buttons=["Да"],
)


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def keystrokes() -> None:
    from olchat_desktop.core.field_catalogue import CatalogueField, FieldCatalogue
    from olchat_desktop.core.field_resolution import prepare
    from olchat_desktop.core.validation import validate

    fields = tuple(
        CatalogueField("deal", f"UF_CRM_{i}", f"Поле номер {i} клиента", "string")
        for i in range(3000)
    )
    catalogue = FieldCatalogue(fields=fields)
    start = time.perf_counter()
    prepare(catalogue)
    prepare_ms = (time.perf_counter() - start) * 1000
    base = Template(name="x", line="1", phone="79991234567", buttons=["Да"])
    plain: list[float] = []
    checked: list[float] = []
    for i in range(200):
        template = base.model_copy(update={"message": f"Привет, {{{{Поле номер {i} клиенат}}}}!"})
        start = time.perf_counter()
        validate(template, "ru")
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        validate(template, "ru", catalogue, "deal")
        checked.append(time.perf_counter() - start)
    plain_ms, checked_ms = _median_ms(plain), _median_ms(checked)
    print(
        f"validate with a 3,000-field catalogue, a new misspelt name per keystroke: median "
        f"{checked_ms:.2f} ms vs {plain_ms:.2f} ms without (ratio {checked_ms / plain_ms:.1f}x); "
        f"indexes built once in {prepare_ms:.0f} ms (core.field_resolution.prepare)"
    )


def main() -> int:
    keystrokes()
    with Sandbox(port=0, rate_profile="enterprise") as sandbox:
        client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")
        one_by_one: list[float] = []
        batched: list[float] = []
        fills: list[float] = []
        for _ in range(RUNS):
            start = time.perf_counter()
            for entity in ("deal", "contact", "lead", "company"):
                client.result(f"crm.{entity}.fields")
            client.result("crm.status.list")
            one_by_one.append(time.perf_counter() - start)
            before_log = len(sandbox.request_log)
            start = time.perf_counter()
            catalogue, requests = fetch_catalogue(client)
            batched.append(time.perf_counter() - start)
            http = len(sandbox.request_log) - before_log
            before_log = len(sandbox.request_log)
            start = time.perf_counter()
            fill = samples_from_item(client, TEMPLATE, catalogue, "deal", 2)
            fills.append(time.perf_counter() - start)
            fill_http = len(sandbox.request_log) - before_log
        client.close()
    base_ms, batch_ms = _median_ms(one_by_one), _median_ms(batched)
    print(
        f"catalogue of 4 entities + statuses: {http} HTTP request(s) (client counted "
        f"{requests}; goal <= {GOAL_CATALOGUE_REQUESTS}), median {batch_ms:.1f} ms vs "
        f"{base_ms:.1f} ms for 5 separate calls (ratio {batch_ms / base_ms:.2f}x), "
        f"{len(catalogue.fields)} fields"
    )
    print(
        f"fill from item: {fill_http} HTTP request(s) (client counted {fill.requests}; goal "
        f"<= {GOAL_FILL_REQUESTS}), median {_median_ms(fills):.1f} ms for "
        f"{len(fill.samples)} expressions"
    )
    ok = http <= GOAL_CATALOGUE_REQUESTS and fill_http <= GOAL_FILL_REQUESTS
    print("goals met" if ok else "goal missed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
