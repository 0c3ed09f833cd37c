"""Bounded aggregates for the dry run: length histograms and worst-N offender lists.

The dry run streams tens of thousands of CRM items; nothing here grows with their number.
A :class:`LengthStats` keeps one counter per length up to :data:`HISTOGRAM_CAP` code
points (longer texts share the last counter), so max, mean and the 95th percentile come
out exact for every length a robot field can sensibly have (the body's limit is 1,024;
a longer value is already "too long", and its percentile reads as "≥ 4,096"). An
:class:`OffenderList` keeps the first N offenders of a problem, or the N worst by length
for ``too_long``, so memory is bounded by N per problem.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

HISTOGRAM_CAP = 4096
DEFAULT_WORST_N = 100
VALUE_PREVIEW = 300  # characters of an offending value kept in the report


def preview(text: str, limit: int = VALUE_PREVIEW) -> str:
    """The start of a value for the report: a 100 KB text must not be kept whole."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ranges(low: int, high: int, parts: int) -> list[tuple[int, int]]:
    """``low..high`` (inclusive) cut into at most ``parts`` contiguous integer ranges."""
    total = high - low + 1
    parts = max(1, min(parts, total))
    edges = [low + total * i // parts for i in range(parts + 1)]
    return [(edges[i], edges[i + 1] - 1) for i in range(parts)]


class LengthStats:
    """Lengths of one robot field over all items.

    ``add`` only bumps the counter of the length (the evaluator's hot path); count, sum,
    max, over-limit and empty come from the counters. Lengths of ``HISTOGRAM_CAP`` and
    more share the last counter, with their exact sum and max kept beside it.
    """

    __slots__ = ("limit", "counts", "_big_total", "_big_max")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.counts = [0] * (HISTOGRAM_CAP + 1)
        self._big_total = 0
        self._big_max = 0

    def add(self, length: int) -> None:
        if length < HISTOGRAM_CAP:
            self.counts[length] += 1
        else:
            self.counts[HISTOGRAM_CAP] += 1
            self._big_total += length
            self._big_max = max(self._big_max, length)

    @property
    def count(self) -> int:
        return sum(self.counts)

    @property
    def total(self) -> int:
        small = sum(length * n for length, n in enumerate(self.counts[:HISTOGRAM_CAP]) if n)
        return small + self._big_total

    @property
    def max(self) -> int:
        if self._big_max:
            return self._big_max
        return next((n for n in range(HISTOGRAM_CAP - 1, -1, -1) if self.counts[n]), 0)

    @property
    def over(self) -> int:
        return sum(self.counts[self.limit + 1 :])

    @property
    def empty(self) -> int:
        return self.counts[0]

    @property
    def mean(self) -> float:
        count = self.count
        return self.total / count if count else 0.0

    def percentile(self, share: float) -> int:
        """The smallest length at or under which ``share`` of the items fall."""
        count = self.count
        if not count:
            return 0
        wanted = share * count
        running = 0
        for length, number in enumerate(self.counts):
            running += number
            if running >= wanted:
                return length
        return HISTOGRAM_CAP

    def histogram(self, bins: int = 20) -> list[tuple[int, int, int]]:
        """``(from, to, items)`` bins (inclusive) covering 0 .. max(limit·1.5, max).

        With a limit, one bin boundary falls right after it (about 12 bins up to the limit,
        8 beyond), so a bar is either within the limit or over it, never both.
        """
        top = min(max(self.max, int((self.limit or 0) * 1.5), 1), HISTOGRAM_CAP)
        limit = self.limit
        if 0 < limit < top:
            under = bins * 3 // 5
            ranges = _ranges(0, limit, under) + _ranges(limit + 1, top, bins - under)
        else:
            ranges = _ranges(0, top, bins)
        out: list[tuple[int, int, int]] = []
        for start, end in ranges:
            stop = HISTOGRAM_CAP + 1 if end == top else end + 1  # the last bin takes the rest
            out.append((start, end, sum(self.counts[start:stop])))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "limit": self.limit,
            "items": self.count,
            "max": self.max,
            "p95": self.percentile(0.95),
            "mean": round(self.mean, 2),
            "over_limit": self.over,
            "empty": self.empty,
            "histogram": [list(b) for b in self.histogram()],
        }


@dataclass(frozen=True)
class Offender:
    """One item that breaks (or may break) the message, as the report shows it."""

    problem: str
    severity: str  # "error" | "warning"
    field: str  # "header", "message", "footer", "buttons[0]", "phone"
    item_id: str
    title: str
    value: str  # the rendered value (shortened by ``preview``)
    length: int | None = None
    limit: int | None = None
    expression: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "severity": self.severity,
            "field": self.field,
            "item_id": self.item_id,
            "title": self.title,
            "value": self.value,
            "length": self.length,
            "limit": self.limit,
            "expression": self.expression,
        }


@dataclass
class OffenderList:
    """At most ``size`` offenders: the longest for ``by_length``, else the first seen."""

    size: int = DEFAULT_WORST_N
    by_length: bool = False
    count: int = 0
    _heap: list[tuple[int, int, Offender]] = field(default_factory=list)

    def wants(self, length: int) -> bool:
        """Whether an offender of this length would be kept (else only count it)."""
        if len(self._heap) < self.size:
            return True
        return self.by_length and self.size > 0 and length > self._heap[0][0]

    def add(self, offender: Offender) -> None:
        self.count += 1
        if self.size <= 0:
            return
        entry = (offender.length or 0, -self.count, offender)
        if len(self._heap) < self.size:
            if self.by_length:
                heapq.heappush(self._heap, entry)
            else:
                self._heap.append(entry)
        elif self.by_length and entry[0] > self._heap[0][0]:
            heapq.heapreplace(self._heap, entry)

    def items(self) -> list[Offender]:
        """Worst first (by length), or in the order they were met."""
        if self.by_length:
            return [entry[2] for entry in sorted(self._heap, key=lambda e: (-e[0], -e[1]))]
        return [entry[2] for entry in self._heap]
