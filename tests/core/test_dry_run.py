"""The dry-run evaluator: counts recomputed independently, bad values, bounded memory."""

from __future__ import annotations

import itertools
import json
import math
import time
from collections import Counter
from typing import Any

import pytest

from olchat_desktop.core.dry_run import DryRun, phone_source
from olchat_desktop.core.dry_run_stats import LengthStats, Offender, OffenderList
from olchat_desktop.core.field_values import printable_value
from olchat_desktop.sandbox.portal_state import PortalState
from olchat_desktop.sandbox.seed_bulk import add_bulk_crm
from tests.dry_run_support import sandbox_catalogue, typical_template

CATALOGUE = sandbox_catalogue()


@pytest.fixture(scope="module")
def deals() -> list[dict[str, Any]]:
    """Bulk deals with their contact's phones attached, as the fetcher delivers them."""
    portal = PortalState(time.time)
    add_bulk_crm(portal, 1500, seed=11)
    items = []
    for deal in portal.deals.values():
        contact = portal.contacts.get(int(deal["CONTACT_ID"] or 0), {})
        items.append({**deal, "PHONE": contact.get("PHONE", [])})
    return items


def _text(code: str, item: dict[str, Any], printable: bool = True) -> str:
    field = next(f for f in CATALOGUE.of_entity("deal") if f.code == code)
    return printable_value(
        field, item.get(code), catalogue=CATALOGUE, users={}, printable=printable
    )


def test_counts_equal_an_independent_recomputation(deals: list[dict[str, Any]]) -> None:
    run = DryRun(typical_template(), CATALOGUE, "deal", worst_n=10_000)
    run.add_many(deals)
    report = run.report()

    headers, bodies, buttons2, buttons3 = [], [], [], []
    no_phone = several = duplicates = empty_buttons = 0
    for item in deals:
        date = _text("UF_CRM_1700000001", item)
        headers.append(len("Заказ " + _text("TITLE", item)))
        body = (
            f"Здравствуйте! Доставка {date} в {_text('UF_CRM_1700000003', item)}.\n"
            f"Комментарий курьера: {_text('UF_CRM_1700000014', item)}\n"
            f"Сумма: {_text('UF_CRM_1700000005', item)}"
        )
        bodies.append(len(body))
        second, third = "Перенести " + date, _text("UF_CRM_1700000007", item)
        buttons2.append(len(second))
        buttons3.append(len(third))
        empty_buttons += third == ""
        keys = ["подтвердить", second.strip().casefold(), third.strip().casefold()]
        duplicates += len([k for k in keys if k]) - len({k for k in keys if k})
        phones = [p for p in item["PHONE"] if p.get("VALUE")]
        no_phone += not phones
        several += len(phones) > 1

    fields = report.fields
    assert report.items_checked == len(deals)
    assert fields["header"]["max"] == max(headers)
    assert fields["header"]["over_limit"] == sum(h > 60 for h in headers)
    assert fields["message"]["max"] == max(bodies)
    assert fields["message"]["mean"] == round(sum(bodies) / len(bodies), 2)
    assert fields["message"]["p95"] == sorted(bodies)[math.ceil(0.95 * len(bodies)) - 1]
    assert fields["message"]["over_limit"] == sum(b > 1024 for b in bodies)
    assert fields["buttons[1]"]["over_limit"] == sum(b > 20 for b in buttons2)
    assert fields["buttons[2]"]["over_limit"] == sum(b > 20 for b in buttons3)
    problems = {code: p["count"] for code, p in report.problems.items()}
    assert problems.get("empty_button", 0) == empty_buttons > 0
    assert problems.get("duplicate_button", 0) == duplicates
    assert report.phone == {"source": "contact", "none": no_phone, "several": several}
    assert no_phone > 0 and several > 0
    assert report.problems["several_phones"]["severity"] == "warning"  # firstvalue picks one
    assert problems["too_long"] == sum(
        fields[name]["over_limit"] for name in fields if fields[name]["limit"]
    )
    by_problem = Counter(o["problem"] for o in report.offenders)
    assert by_problem == Counter(problems)  # worst_n large enough to keep every offender
    assert report.breaks and 0 < report.items_with_errors <= len(deals)


def test_expression_that_prints_nothing_is_counted(deals: list[dict[str, Any]]) -> None:
    run = DryRun(typical_template(), CATALOGUE, "deal")
    run.add_many(deals)
    expressions = run.report().expressions
    expected = sum(_text("UF_CRM_1700000014", item) == "" for item in deals)
    assert expressions["{{Комментарий курьера}}"] == {
        "code": "UF_CRM_1700000014",
        "empty": expected,
    }


def test_several_phones_break_a_waiting_robot_on_a_multi_value_field() -> None:
    template = typical_template(phone="{{Контакт: Телефон}}", wait_for_reply=True)
    run = DryRun(template, CATALOGUE, "deal")
    run.add({"ID": "1", "PHONE": [{"VALUE": "+7 916 000-11-22"}, {"VALUE": "89161112233"}]})
    run.add({"ID": "2", "PHONE": []})
    report = run.report()
    assert report.problems["several_phones"] == {"severity": "error", "count": 1}
    assert report.problems["no_phone"] == {"severity": "error", "count": 1}
    assert "{{Контакт: Телефон}}" not in report.unknown_expressions


def test_phone_sources() -> None:
    assert phone_source(typical_template(phone="79161234567"), "deal") == "fixed"
    assert phone_source(typical_template(phone="{{Компания: Телефон}}"), "deal") == "company"
    assert phone_source(typical_template(phone="{=Document:PHONE}"), "contact") == "self"
    assert phone_source(typical_template(phone="{{Номер договора}}"), "deal") == "field"


def test_bad_values_get_a_specific_problem_not_a_crash() -> None:
    run = DryRun(typical_template(phone="79161234567"), CATALOGUE, "deal", worst_n=5)
    huge = "я" * 100_000
    items: list[dict[str, Any]] = [
        {"ID": "1", "TITLE": ["a", "list"], "UF_CRM_1700000014": None},
        {"ID": "2", "TITLE": None, "UF_CRM_1700000014": huge},
        {"ID": "3", "TITLE": {"nested": "map"}, "UF_CRM_1700000007": [None, {"x": 1}]},
        {"ID": "4", "TITLE": 12345, "UF_CRM_1700000001": "not a date"},
    ]
    run.add_many(items)
    report = run.report()
    unexpected = [o for o in report.offenders if o["problem"] == "unexpected_value"]
    assert {o["item_id"] for o in unexpected} == {"1", "3"}
    longest = next(o for o in report.offenders if o["problem"] == "too_long")
    assert longest["item_id"] == "2" and longest["field"] == "message"
    assert longest["length"] > 100_000 and len(longest["value"]) <= 300
    assert report.fields["message"]["p95"] == 4096  # beyond the histogram: "≥ 4,096"
    json.dumps(report.to_dict())  # everything in the report is JSON-serialisable


def test_no_expressions_means_nothing_to_check() -> None:
    template = typical_template(
        phone="79161234567", header="Привет", message="Текст", footer="", buttons=["Да"]
    )
    report = DryRun(template, CATALOGUE, "deal").report()
    assert report.nothing_to_check
    assert "нет выражений" in report.summary_lines("ru")[0]
    assert "no expressions" in report.summary_lines("en")[0]


def test_unknown_expressions_are_listed_not_evaluated() -> None:
    run = DryRun(typical_template(header="{{Нет такого поля}}"), CATALOGUE, "deal")
    run.add({"ID": "1", "PHONE": ["79161234567"]})
    report = run.report()
    assert report.unknown_expressions == ["{{Нет такого поля}}"]
    assert report.fields["header"]["max"] == 0


def test_offender_lists_stay_bounded_and_keep_the_worst() -> None:
    kept = OffenderList(size=3, by_length=True)

    for length in [5, 50, 7, 90, 1, 60, 3]:
        kept.add(Offender("too_long", "error", "header", str(length), "", "", length, 60))
    assert [o.length for o in kept.items()] == [90, 60, 50] and kept.count == 7
    run = DryRun(typical_template(header="{{Комментарий курьера}}"), CATALOGUE, "deal", worst_n=7)
    for n in range(2000):
        run.add({"ID": str(n), "UF_CRM_1700000014": "x" * (61 + n % 500), "PHONE": ["7916"]})
    too_long = [o for o in run.report().offenders if o["problem"] == "too_long"]
    # 4 items reach 560 characters (n % 500 == 499), the next longest are 559: worst first.
    assert [o["length"] for o in too_long] == [560] * 4 + [559] * 3


def test_percentile_and_histogram() -> None:
    stats = LengthStats(limit=20)
    lengths = [3, 3, 8, 15, 21, 40, 7, 7, 7, 19] * 10
    for length in lengths:
        stats.add(length)
    assert stats.percentile(0.95) == sorted(lengths)[94]
    assert stats.over == 20 and stats.max == 40
    assert sum(bin_[2] for bin_ in stats.histogram()) == len(lengths)


def test_csv_export_matches_json() -> None:
    import csv
    import io

    run = DryRun(typical_template(), CATALOGUE, "deal")
    run.add({"ID": "7", "TITLE": "Сделка, «с запятой»\nи строкой", "PHONE": []})
    report = run.report()
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert len(rows) == len(report.offenders)
    for row, offender in zip(rows, report.offenders, strict=True):
        assert row == {k: "" if v is None else str(v) for k, v in offender.items()}


def test_histogram_bins_never_straddle_the_limit() -> None:
    stats = LengthStats(limit=60)
    for length in (0, 5, 59, 60, 61, 62, 150, 5000):
        stats.add(length)
    bins = stats.histogram()
    assert bins[0][0] == 0 and all(a[1] + 1 == b[0] for a, b in itertools.pairwise(bins))
    assert any(end == 60 for _, end, _ in bins)  # a boundary right after the limit
    assert sum(count for _, end, count in bins if end <= 60) == 4
    assert sum(count for *_, count in bins) == 8  # 5000 falls into the last bin


def test_duplicate_buttons_after_substitution() -> None:
    template = typical_template(buttons=["Да", "{{Промокоды}}", "{{Номер договора}}"])
    run = DryRun(template, CATALOGUE, "deal")
    phone = [{"VALUE": "+7 916 111-22-33"}]
    run.add({"ID": "1", "UF_CRM_1700000007": [" да "], "UF_CRM_1700000006": "A", "PHONE": phone})
    run.add({"ID": "2", "UF_CRM_1700000007": ["X"], "UF_CRM_1700000006": "x", "PHONE": phone})
    run.add({"ID": "3", "UF_CRM_1700000007": ["Y"], "UF_CRM_1700000006": "Z", "PHONE": phone})
    found = [(o["item_id"], o["field"]) for o in run.report().offenders]
    duplicates = [f for f in found if f[1] in ("buttons[1]", "buttons[2]")]
    assert ("1", "buttons[1]") in duplicates and ("2", "buttons[2]") in duplicates
    assert run.report().problems["duplicate_button"]["count"] == 2
    fixed_twice = DryRun(typical_template(buttons=["Да", "да", "{{Промокоды}}"]), CATALOGUE, "deal")
    fixed_twice.add({"ID": "4", "UF_CRM_1700000007": ["Q"], "PHONE": phone})
    assert fixed_twice.report().problems["duplicate_button"]["count"] == 1
