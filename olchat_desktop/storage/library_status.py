"""A template's problem status as the library stores it (issue 15): computed once when the
template is saved, kept in ``templates.status``, read by the sidebar's status dot, its
"status" order and ``library stats``; never recomputed while painting.

The validation is the editor's own (``core.validation`` on a ``TemplateDraft``), so the
dot agrees with the problems list; it imports neither pydantic nor Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Not yet checked: a bulk import stores its rows with this status and leaves the check
# (and the search index) to a pass after its commit (``library_checking``); the sidebar
# paints such a row's dot neutrally until the pass updates it. NULL stays "not a
# readable template".
STATUS_PENDING = -1
STATUS_OK = 0
STATUS_WARNING = 1
STATUS_ERROR = 2
# Keys of ``library stats --json`` and the sidebar's sort, by stored value.
STATUS_NAMES = {
    STATUS_OK: "ok",
    STATUS_WARNING: "warnings",
    STATUS_ERROR: "errors",
    STATUS_PENDING: "pending",
}


def status_of(data: Mapping[str, Any]) -> int | None:
    """``STATUS_ERROR`` if any problem is an error, else ``STATUS_WARNING`` if any is a
    warning, else ``STATUS_OK``; None when the stored object is not a readable template."""
    from olchat_desktop.core.template_draft import TemplateDraft
    from olchat_desktop.core.validation import validate

    try:
        draft = TemplateDraft.from_stored(dict(data))
    except (ValueError, TypeError, KeyError):
        return None
    problems = validate(draft, "en")
    if any(problem.is_error for problem in problems):
        return STATUS_ERROR
    return STATUS_WARNING if problems else STATUS_OK
