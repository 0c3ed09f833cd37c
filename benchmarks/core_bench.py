"""Benchmark: what the editor does on each keystroke in the message field.

Parse the markup, count the field and validate the template, for a 1,024-character,
heavily formatted body with 20 expressions, 1,000 times. Each run gets a different body,
as typing does: first one line changes (the last four characters carry the run number;
the markup's line cache serves the other lines), then every line changes (a paste: no
cache hits at all); a last pass repeats one body to show the fully cached cost.

Run: ``python -m benchmarks.core_bench``. Goal: p99 <= 1 ms. Not a test: timings vary
with the machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from olchat_desktop.core.counting import count_field
from olchat_desktop.core.expressions import find_expressions
from olchat_desktop.core.markup import parse_markup
from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import validate

RUNS = 1000
BODY_LENGTH = 1024
GOAL_P99_MS = 1.0

EXPRESSIONS = 20
# One cycle of lines: every block and inline style, links, and 8 expressions.
_LINES = [
    "*Здравствуйте, {{Имя}}!* Заказ _{=Document:TITLE}_ на {=Document:OPPORTUNITY} ₽ ~отменён~.",
    "- Телефон: `{{Контакт: Телефон}}`, код *_{=Variable:discount_code}_*",
    "1. Срок: {{=DateAdd({=Document:CREATED}, '5d')}}, см. https://shop.example.ru/o/{=Document:ID}",
    "> _Цитата_ {{Менеджер}}: *жирный*, snake_case_words, ~зачёркнутый~ и `код`",
    "```моно *не жирный* блок```",
]
_FILLER = "Спасибо, что выбрали *нас*! Ждём вас _снова_, ~не~ скучайте."


def make_body() -> str:
    """A 1,024-character body: every style, lists, quotes, links and 20 expressions."""
    lines: list[str] = []
    expressions = 0
    while expressions < EXPRESSIONS:
        for line in _LINES:
            used = len(find_expressions(line))
            if expressions + used <= EXPRESSIONS:
                lines.append(line)
                expressions += used
    body = "\n".join(lines)
    assert len(body) < BODY_LENGTH - 4, "the expressions must fit before the filler"
    while len(body) < BODY_LENGTH:
        body += "\n" + _FILLER
    return body[: BODY_LENGTH - 4] + "0000"


def _template(body: str) -> Template:
    return Template(
        name="Бенчмарк",
        line="line-1",
        phone="{{Телефон для рассылок}}",
        header="Заказ {=Document:TITLE}",
        message=body,
        footer="_Служба заботы_",
        buttons=["Да", "Нет", "Позже"],
        samples={"{{Имя}}": "Анна", "{=Document:TITLE}": "Заказ №1024"},
    )


def _keystroke(template: Template) -> None:
    parse_markup(template.message, template.samples)
    count_field(template.message, template.samples)
    validate(template)


def _measure(make_text: Callable[[int], str]) -> list[float]:
    base = _template(make_body())
    timings: list[float] = []
    for run in range(RUNS):
        template = base.model_copy(update={"message": make_text(run)})
        started = time.perf_counter_ns()
        _keystroke(template)
        timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


def _report(label: str, timings: list[float]) -> float:
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(f"{label:<34} median {median:7.3f} ms   p99 {p99:7.3f} ms")
    return p99


def main() -> int:
    body = make_body()
    expressions = len(find_expressions(body))
    print(f"body: {len(body)} characters, {expressions} expressions, {RUNS} runs")
    # A keystroke changes one line: the other lines hit the markup's line cache.
    p99 = _report("one-line edit each run (keystroke)", _measure(lambda n: body[:-4] + f"{n:04d}"))
    # A paste or a template switch: every line is new, nothing is cached.
    _report("every line new each run (paste)", _measure(lambda n: body.replace("\n", f"{n}\n")))
    cached = _report("same body each run (cached)", _measure(lambda n: body))
    verdict = "met" if p99 <= GOAL_P99_MS else "NOT met"
    print(f"goal: p99 <= {GOAL_P99_MS} ms per keystroke -> {verdict}")
    print(f"cache speed-up (p99 ratio): {p99 / cached:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
