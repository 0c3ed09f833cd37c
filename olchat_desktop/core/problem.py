"""A validation problem: one rule a field of a template breaks (``core.validation``).

In its own module so that the rule modules (``core.unknown_fields``) build problems
without importing ``core.validation``, which calls them.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from typing import Any, Literal, NamedTuple

__all__ = ["Problem", "Severity"]

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One rule a field breaks. ``length``/``limit`` are set for length rules."""

    field: str
    code: str
    severity: Severity
    length: int | None
    limit: int | None
    message: str
    # unknown_field only: the expression as typed, the suggested label or code, and the
    # text that replaces the expression in a one-click fix ("" when there is no suggestion).
    expression: str = ""
    suggestion: str = ""
    replacement: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        record = self._asdict()
        if not self.expression:  # the other codes keep their JSON shape
            for key in ("expression", "suggestion", "replacement"):
                del record[key]
        return record
