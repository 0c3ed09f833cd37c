"""Crash safety and two processes on one library file, with real processes and SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from olchat_desktop.storage.library import TemplateLibrary

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")

# Saves forever; prints a line only after save() has returned, i.e. after COMMIT.
CRASH_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from olchat_desktop.core.template import Template
    from olchat_desktop.storage.library import TemplateLibrary

    library = TemplateLibrary(Path(sys.argv[1]))
    counter = library.create(Template(name="counter", message="0"))
    print("counter", counter.id, flush=True)
    number = 0
    while True:
        number += 1
        created = library.create(
            Template(name=f"t{number}", message="x" * 900 + str(number), tags=["crash"])
        )
        counter = library.save(counter.model_copy(update={"message": str(number)}))
        print("saved", number, created.id, flush=True)
    """
)

# Waits for the start signal so both processes really write at the same time.
CONCURRENT_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from olchat_desktop.core.template import Template
    from olchat_desktop.storage.library import TemplateLibrary

    path, go, who, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    (go.parent / f"ready-{who}").touch()
    while not go.exists():
        time.sleep(0.005)
    library = TemplateLibrary(path)  # both open (and create the schema) at once
    shared_id = "shared-template"
    for number in range(count):
        library.create(Template(name=f"{who}-{number}", message=f"{who} {number}", tags=[who]))
        shared = Template(id=shared_id, name="shared", message=f"{who} {number}", tags=["both"])
        library.save(shared)
        if number % 10 == 0:
            library.search(who)
    library.close()
    print("done", who, flush=True)
    """
)


def python_child(script: str, *args: str) -> list[str]:
    return [sys.executable, "-c", script, *args]


def test_a_killed_writer_loses_nothing_it_reported_saved(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    child = subprocess.Popen(
        python_child(CRASH_WRITER, str(path)), stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    kind, counter_id = child.stdout.readline().split()
    assert kind == "counter"
    reported: dict[int, str] = {}
    for line in child.stdout:
        _, number, template_id = line.split()
        reported[int(number)] = template_id
        if len(reported) == 40:
            break
    # The child is busy with its next writes: kill it with no chance to clean up.
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with TemplateLibrary(path) as library:
        assert library.integrity_ok()
        for number, template_id in reported.items():
            template = library.get(template_id)
            assert template.message == "x" * 900 + str(number)
        # The counter holds at least the last reported value (a later save may have landed).
        assert int(library.get(counter_id).message) >= max(reported)
        assert {t.id for t in library.search(tag="crash")} >= set(reported.values())
        assert library.rename(counter_id, "after crash").name == "after crash"


def test_two_processes_writing_at_once_keep_every_write(tmp_path: Path) -> None:
    path, go = tmp_path / "library.sqlite3", tmp_path / "go"
    count = 100
    children = [
        subprocess.Popen(
            python_child(CONCURRENT_WRITER, str(path), str(go), who, str(count)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("alpha", "beta")
    ]
    # Start both only once both have finished importing, so their writes overlap.
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{who}").exists() for who in ("alpha", "beta")):
        assert time.monotonic() < deadline, "writers did not start"
        time.sleep(0.01)
    go.touch()
    outputs = [child.communicate(timeout=120) for child in children]
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert out.startswith("done")

    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()
    with TemplateLibrary(path) as library:
        names = {t.name for t in library.list_templates()}
        for who in ("alpha", "beta"):
            assert {f"{who}-{n}" for n in range(count)} <= names
            assert [t.message for t in library.search(who) if t.name == f"{who}-7"] == [f"{who} 7"]
        counts = {tc.tag: tc.count for tc in library.tags()}
        assert counts == {"alpha": count, "beta": count, "both": 1}
        assert len(library.list_templates()) == 2 * count + 1
        # The shared template ends with one writer's last save; its history is capped.
        assert library.get("shared-template").message in {f"alpha {count - 1}", f"beta {count - 1}"}
        assert 1 <= len(library.versions("shared-template")) <= 20
