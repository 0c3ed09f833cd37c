"""Connection faults on demand: the sandbox drops a request's connection without answering.

A test arms the plan through ``sandbox.faults``:

* ``drop_next(match, count=1, after_apply=False)``: the next ``count`` requests whose path
  or body contains ``match`` (e.g. ``"disk.file.uploadversion"``, which also matches a
  ``batch`` carrying that command, or ``"/disk/downloadFile"``) lose their connection.
  ``after_apply=False`` drops before the portal runs the request (nothing changed);
  ``after_apply=True`` runs it and then drops the answer (the change is made, the client
  never learns it): the nasty case for uploads.
* ``drop_randomly(probability, seed, after_apply_share=0.5, match="")``: every matching
  request is dropped with that probability, reproducibly from ``seed``.

``dropped`` counts the connections dropped so far. Thread-safe.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass


@dataclass
class _Rule:
    match: str
    remaining: int
    after_apply: bool


class FaultPlan:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self._random: random.Random | None = None
        self._probability = 0.0
        self._after_share = 0.5
        self._random_match = ""
        self.dropped = 0

    def drop_next(self, match: str = "", count: int = 1, *, after_apply: bool = False) -> None:
        with self._lock:
            self._rules.append(_Rule(match, count, after_apply))

    def drop_randomly(
        self, probability: float, seed: int, *, after_apply_share: float = 0.5, match: str = ""
    ) -> None:
        with self._lock:
            self._random = random.Random(seed)
            self._probability = probability
            self._after_share = after_apply_share
            self._random_match = match

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._random = None

    def decide(self, path: str, body: bytes) -> str | None:
        """``"before"``, ``"after"`` or None for one incoming request."""
        with self._lock:
            for rule in self._rules:
                if rule.remaining > 0 and _matches(rule.match, path, body):
                    rule.remaining -= 1
                    self.dropped += 1
                    return "after" if rule.after_apply else "before"
            rng = self._random
            if (
                rng is not None
                and _matches(self._random_match, path, body)
                and rng.random() < self._probability
            ):
                self.dropped += 1
                return "after" if rng.random() < self._after_share else "before"
        return None


def _matches(match: str, path: str, body: bytes) -> bool:
    return not match or match in path or match.encode() in body
