"""Benchmark: field catalogue and fill-from-item requests and times, against the sandbox.

1. Catalogue: the HTTP requests (sandbox request log) and time to read the catalogue of
   4 entities plus status texts (goal <= 2 requests), against a baseline of the same 4
   ``crm.*.fields`` and ``crm.status.list`` called one by one (5 requests).
2. Fill from item: requests and time for the samples of a 10-expression template from one
   deal (goal <= 2 requests: the item with only the template's fields, then ``user.get``).

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


def main() -> int:
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
