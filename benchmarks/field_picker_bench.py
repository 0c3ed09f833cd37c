"""Benchmark: the "Insert field" picker filtering 2,000 fields as the user types.

A catalogue of 2,000 fields (500 per entity: the standard ones plus user fields with
Russian labels, some lists with items) is loaded into the real picker popup, shown
offscreen. Each step types or erases one character of a realistic query sequence
(Russian labels, a code, an English type name) and times what the user waits for: the
search box's text change, filtering, the model reset, then the event loop's turn
that relays out and repaints the popup. The baseline is the same popup with an empty
catalogue (the cost of the widgets alone), measured in the same run.

Run: ``python -m benchmarks.field_picker_bench``. Goal: p99 <= 16 ms (one frame at
60 Hz). Not a test: timings vary with the machine.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from olchat_desktop.core.field_catalogue import ENTITIES, FieldCatalogue, build_catalogue
from olchat_desktop.ui.field_picker.popup import FieldPickerPopup

FIELDS = 2000
GOAL_P99_MS = 16.0
REPEATS = 5
WORDS = ("Дата", "Филиал", "Сумма", "Менеджер", "Ёмкость", "Номер", "Адрес", "Канал", "Отзыв")
TYPES = ("string", "enumeration", "date", "money", "employee", "boolean", "double", "url")
QUERIES = ("филиал", "дата визита", "uf_crm_17000011", "money", "ёмкость склада", "сделка адрес")


def big_catalogue(total: int = FIELDS) -> FieldCatalogue:
    per_entity = total // len(ENTITIES)
    raw: dict[str, dict[str, object]] = {}
    for entity_index, entity in enumerate(ENTITIES):
        fields: dict[str, object] = {}
        for index in range(per_entity):
            code = f"UF_CRM_{1700000000 + entity_index * 10000 + index}"
            field_type = TYPES[index % len(TYPES)]
            label = f"{WORDS[index % len(WORDS)]} {index // len(WORDS) + 1}"
            entry: dict[str, object] = {"type": field_type, "title": code, "formLabel": label}
            if field_type == "enumeration":
                entry["items"] = [{"ID": str(i), "VALUE": f"Вариант {i}"} for i in range(5)]
            fields[code] = entry
        raw[entity] = fields
    return build_catalogue(raw, fetched_at=time.time())  # type: ignore[arg-type]


def keystrokes() -> list[str]:
    """Texts of the search box after each keystroke: type each query, then erase it."""
    steps: list[str] = []
    for query in QUERIES:
        steps += [query[:n] for n in range(1, len(query) + 1)]
        steps += [query[:n] for n in range(len(query) - 1, -1, -1)]
    return steps


def measure(popup: FieldPickerPopup) -> list[float]:
    app = QApplication.instance()
    assert app is not None
    times: list[float] = []
    for _ in range(REPEATS):
        for text in keystrokes():
            start = time.perf_counter()
            popup.searchEdit.setText(text)
            app.processEvents()  # the relayout and the repaint Qt posted
            times.append((time.perf_counter() - start) * 1000)
    return times


def _p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[98]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    catalogue = big_catalogue()
    baseline_popup = FieldPickerPopup()
    baseline_popup.set_catalogue(FieldCatalogue(fields=()))
    baseline_popup.show()
    app.processEvents()
    baseline = measure(baseline_popup)
    baseline_popup.close()

    popup = FieldPickerPopup()
    start = time.perf_counter()
    popup.set_catalogue(catalogue)
    load_ms = (time.perf_counter() - start) * 1000
    popup.show()
    app.processEvents()
    times = measure(popup)
    popup.close()
    median, p99 = statistics.median(times), _p99(times)
    base_median, base_p99 = statistics.median(baseline), _p99(baseline)
    print(f"catalogue of {len(catalogue.fields)} fields loaded into the picker: {load_ms:.1f} ms")
    print(f"keystrokes measured: {len(times)} ({REPEATS} × {len(keystrokes())})")
    print(
        f"filter + relayout + repaint over {len(catalogue.fields)} fields: "
        f"median {median:.2f} ms, p99 {p99:.2f} ms (goal p99 <= {GOAL_P99_MS:.0f} ms)"
    )
    print(
        f"baseline, same popup with no fields: median {base_median:.2f} ms, "
        f"p99 {base_p99:.2f} ms; ratio of medians {median / base_median:.1f}×"
    )


if __name__ == "__main__":
    main()
