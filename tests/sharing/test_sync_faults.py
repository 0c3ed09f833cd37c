"""Fault test (issue 19 acceptance): 200 shared templates, 50 random edits on each side,
random dropped connections; after syncing both, every edit is present in a version or in
a conflict: zero lost, counted."""

from __future__ import annotations

import random

import pytest

from olchat_desktop.sandbox import Sandbox
from tests.sharing.conftest import App

TEMPLATES = 200
EDITS_PER_SIDE = 50


def settle(a: App, b: App, rounds: int = 8) -> int:
    """Sync A and B until a full round moves nothing and reports no error."""
    for round_number in range(rounds):
        ra, rb = a.sync(), b.sync()
        if not (ra.errors or rb.errors or ra.moved_count or rb.moved_count):
            return round_number
    raise AssertionError(f"no quiet round: {ra.errors} {rb.errors}")


def texts(app: App) -> dict[str, list[str]]:
    """Every text where an edit may live: the library (trash and copies included) and the
    portal's side of each open conflict, keyed by template id."""
    found: dict[str, list[str]] = {}
    for template in app.library.list_templates():
        found.setdefault(template.id, []).append(template.message)
        found.setdefault(template.name, []).append(template.message)  # local copies
    for entry in app.library.list_trash():
        found.setdefault(entry.template.id, []).append(entry.template.message)
    for tid, conflict in app.state.conflicts("team").items():
        if conflict.remote_body is not None:
            found.setdefault(tid, []).append(str(conflict.remote_body["message"]))
    return found


@pytest.mark.parametrize("content_version", [True, False], ids=["counter", "no-counter"])
def test_random_edits_and_disconnects_lose_nothing(
    apps: tuple[App, App], portal: Sandbox, content_version: bool
) -> None:
    # Without GLOBAL_CONTENT_VERSION on file rows, change detection rests on UPDATE_TIME
    # (1 s resolution) and SIZE, and the same-second recheck rule has to hold.
    portal.portal.disk.report_content_version = content_version
    a, b = apps
    rng = random.Random(19)
    ids = [a.add(f"Шаблон {i:03}", f"base {i}", share=False).id for i in range(TEMPLATES)]
    a.engine().share(ids)
    settle(a, b)
    assert len(b.library.list_templates()) == TEMPLATES

    portal.faults.drop_randomly(0.15, seed=7, after_apply_share=0.5)
    markers: list[tuple[str, str]] = []  # (template id, marker)
    for step in range(EDITS_PER_SIDE):
        for side, app in (("A", a), ("B", b)):
            tid = rng.choice(ids)
            marker = f"<{side}{step}>"
            app.edit(tid, app.message(tid) + " " + marker)
            markers.append((tid, marker))
        if step % 10 == 9:  # sync now and then, under faults
            a.sync()
            b.sync()
    dropped = portal.faults.dropped
    portal.faults.clear()
    settle(a, b)

    lost = []
    where = {"A": texts(a), "B": texts(b)}
    for tid, marker in markers:
        name = a.library.get(tid).name
        candidates = [
            text for side in where.values() for key in (tid, name) for text in side.get(key, [])
        ]
        candidates += [  # local copies are named after the template
            text
            for side in where.values()
            for key, values in side.items()
            if key.startswith(name + " (")
            for text in values
        ]
        if not any(marker in text for text in candidates):
            lost.append((tid, marker))
    conflicts = len(a.state.conflicts("team")) + len(b.state.conflicts("team"))
    print(
        f"\nedits: {len(markers)}, dropped connections: {dropped}, "
        f"open conflicts: {conflicts}, lost: {len(lost)}"
    )
    assert dropped > 0  # the faults really happened
    assert lost == []
    # Where no conflict is open, both libraries hold the same text.
    open_conflicts = set(a.state.conflicts("team")) | set(b.state.conflicts("team"))
    for tid in set(ids) - open_conflicts:
        assert a.message(tid) == b.message(tid), tid
