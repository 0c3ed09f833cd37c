"""Benchmark: the dry run (issue 16) — requests, evaluator throughput, memory, wall time.

Printed, not asserted (shared, noisy machines):

1. HTTP requests and wall time to check 10,000 and 20,000 deals against a sandbox with
   the **standard** rate profile (leaky bucket 2/s, burst 50) on both sides, and the
   requests a page-by-page scan (one ``crm.deal.list`` per 50 rows, the baseline) would
   send for the same items.
2. Evaluator throughput on one core: items/s of :class:`~olchat_desktop.core.dry_run.DryRun`
   for a typical template (5 fields, 3 user fields, phones), median of 5 runs, against a
   baseline loop that only joins the raw values into the same texts.
3. Peak RSS of a client process checking 20,000 vs 2,000 deals (goal ≤ 1.2×): the sandbox
   runs in its own process (``olchat-desktop sandbox --crm-items N``), so only the
   client's memory is measured.

Run: ``python -m benchmarks.dry_run_bench``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from typing import Any

RUNS = 5
CLIENT = r"""
import json, resource, sys, time
from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.dry_run_check import check_items
from olchat_desktop.bitrix.field_catalogue_fetch import fetch_catalogue
from benchmarks.dry_run_bench import typical_template
start = time.perf_counter()
with BitrixClient(WebhookAuth(sys.argv[1]), rate_profile="off") as client:
    catalogue, _ = fetch_catalogue(client)
    report = check_items(client, typical_template(), catalogue, "deal")
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"items": report.items_checked, "rss_mb": rss,
                  "seconds": time.perf_counter() - start}))
"""


def typical_template() -> Any:
    from olchat_desktop.core.template_draft import TemplateDraft

    return TemplateDraft(
        name="Доставка",
        line="1",
        phone="{{=firstvalue({{Контакт: Телефон}})}}",
        header="Заказ {=Document:TITLE}",
        message=(
            "Здравствуйте! Доставка {{Дата визита}} в {{Филиал > printable}}.\n"
            "Комментарий курьера: {{Комментарий курьера}}\n"
            "Сумма: {=Document:UF_CRM_1700000005 > printable}"
        ),
        footer="Договор {{Номер договора}}",
        buttons=["Подтвердить", "Перенести {{Дата визита}}", "{{Промокоды}}"],
        wait_for_reply=True,
    )


def _requests_and_wall() -> None:
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.bitrix.dry_run_check import check_items
    from olchat_desktop.bitrix.field_catalogue_fetch import fetch_catalogue
    from olchat_desktop.sandbox import Sandbox
    from olchat_desktop.sandbox.seed_bulk import add_bulk_crm

    for items in (10_000, 20_000):
        with Sandbox(rate_profile="standard") as sandbox:
            add_bulk_crm(sandbox.portal, items - len(sandbox.portal.deals))
            with BitrixClient(WebhookAuth(sandbox.webhook_url())) as client:
                catalogue, catalogue_requests = fetch_catalogue(client)
                start = time.perf_counter()
                report = check_items(client, typical_template(), catalogue, "deal")
                wall = time.perf_counter() - start
        deal_requests = -(-items // 2500)
        print(
            f"{items:>6} deals: {report.requests} HTTP requests "
            f"({deal_requests} deal batches + {report.requests - deal_requests} contact/user "
            f"batches; catalogue {catalogue_requests} more); page by page would be "
            f"{-(-items // 50)} list requests + contacts "
            f"({report.requests and (-(-items // 50)) / report.requests:.0f}x more); "
            f"wall {wall:.2f} s, standard rate profile"
        )


def _throughput() -> None:
    from olchat_desktop.core.dry_run import DryRun
    from olchat_desktop.core.field_builtin import STANDARD_ROWS, describe_standard
    from olchat_desktop.core.field_catalogue import build_catalogue
    from olchat_desktop.sandbox.methods_crm_fields import STATUSES
    from olchat_desktop.sandbox.portal_state import PortalState
    from olchat_desktop.sandbox.seed_bulk import add_bulk_crm
    from olchat_desktop.sandbox.user_fields import USER_FIELDS

    raw = {
        entity: {
            **{row[0]: describe_standard(row) for row in rows},
            **{spec.code: spec.describe() for spec in USER_FIELDS[entity]},
        }
        for entity, rows in STANDARD_ROWS.items()
    }
    statuses = [
        {"ENTITY_ID": entity, "STATUS_ID": code, "NAME": name}
        for entity, pairs in STATUSES.items()
        for code, name in pairs
    ]
    catalogue = build_catalogue(raw, statuses, fetched_at=1.0)
    portal = PortalState(time.time)
    add_bulk_crm(portal, 20_000)
    items = []
    for deal in portal.deals.values():
        contact = portal.contacts.get(int(deal["CONTACT_ID"] or 0), {})
        items.append({**deal, "PHONE": contact.get("PHONE", [])})
    codes = ("TITLE", "UF_CRM_1700000001", "UF_CRM_1700000003", "UF_CRM_1700000014")

    def baseline() -> None:
        for item in items:
            "".join(str(item.get(code) or "") for code in codes).__len__()

    def calibration() -> float:
        start = time.process_time()
        total = 0
        for number in range(10_000_000):
            total += number
        return time.process_time() - start

    rates, base_rates, loops = [], [], []
    for _ in range(RUNS):
        run = DryRun(typical_template(), catalogue, "deal")
        # CPU time of this process: on a shared machine wall time counts the neighbours.
        start = time.process_time()
        run.add_many(items)
        rates.append(len(items) / (time.process_time() - start))
        start = time.process_time()
        baseline()
        base_rates.append(len(items) / (time.process_time() - start))
        loops.append(calibration())
    rate, base = statistics.median(rates), statistics.median(base_rates)
    print(
        f"evaluator: {rate:,.0f} items/s of CPU time (median of {RUNS}, goal >= 50,000); "
        f"baseline join of raw values {base:,.0f} items/s; ratio {base / rate:.1f}x; "
        f"calibration: a 10M-step Python loop took {statistics.median(loops):.2f} s of CPU"
    )


def _rss(items: int) -> dict[str, Any]:
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "olchat_desktop", "sandbox", "--rate-profile", "off",
         "--crm-items", str(items - 15)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert sandbox.stdout is not None
        webhook = ""
        for line in sandbox.stdout:
            if "Admin webhook" in line:
                webhook = line.split(": ", 1)[1].strip()
            if "Stop:" in line:
                break
        out = subprocess.run(
            [sys.executable, "-c", CLIENT, webhook], capture_output=True, text=True, check=True
        ).stdout
        return dict(json.loads(out.strip().splitlines()[-1]))
    finally:
        sandbox.terminate()  # only the process this benchmark started
        sandbox.wait(timeout=10)


def _memory() -> None:
    small, big = _rss(2_000), _rss(20_000)
    print(
        f"client peak RSS: {small['rss_mb']:.0f} MB for {small['items']} deals, "
        f"{big['rss_mb']:.0f} MB for {big['items']} deals; ratio "
        f"{big['rss_mb'] / small['rss_mb']:.2f}x (goal <= 1.2x)"
    )


def main() -> None:
    _requests_and_wall()
    _throughput()
    _memory()


if __name__ == "__main__":
    main()
