"""The sidebar's search in a thread of its own (issue 15): typing never waits for a query.

One daemon thread (started on the first search, not at start-up) owns a read-only SQLite
connection (``LibraryReader``) and takes requests from a queue. Each request carries a
generation number: one superseded before it started is skipped, the running query of a
superseded one is stopped with ``sqlite3_interrupt`` (https://sqlite.org/c3ref/interrupt.html;
the flag clears when the next statement starts on the idle connection, so it never hits
the newer query), and only the newest generation's rows are delivered.

Results cross to the GUI thread through a parentless ``_Bridge`` QObject that the worker
thread keeps alive: closing the window can never delete the object a worker is emitting
on (the controller's slots are disconnected by Qt when it goes), and no ``QThread`` is
left running when the window is destroyed without closing.
"""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from olchat_desktop.storage.library_listing import LibraryReader, ListQuery

# Rows a search delivers first: a screenful and some (a row is two lines high, so even
# a tall window shows about 30). Fewer rows to find is less to scan for a rare word, and
# less to convert; the model fetches the next pages as the list scrolls (issue 15:
# search-as-you-type p99 at 20,000 templates).
FIRST_PAGE = 60


class _Bridge(QObject):
    found = Signal(int, object)  # generation, rows
    failed = Signal(int, object)  # generation, the exception


class _State:
    """What the GUI thread and the worker share: the newest generation and the reader."""

    def __init__(self, path: Path, immutable: bool) -> None:
        self.path = path
        self.immutable = immutable
        self.latest = 0  # an int store is atomic in CPython
        self.reader: LibraryReader | None = None


def _serve(state: _State, requests: queue.SimpleQueue[object], bridge: _Bridge) -> None:
    while True:
        request = requests.get()
        if not isinstance(request, tuple):  # shutdown
            if state.reader is not None:
                state.reader.close()
                state.reader = None
            return
        generation, query = request
        if generation != state.latest:
            continue  # superseded while queued
        try:
            if state.reader is None:
                state.reader = LibraryReader(state.path, state.immutable)
            rows = state.reader.page(query, FIRST_PAGE)
        except Exception as error:  # delivered, never lost; an interrupted one is dropped
            if generation == state.latest:
                bridge.failed.emit(generation, error)
            continue
        if generation == state.latest:
            bridge.found.emit(generation, rows)


class LibrarySearch(QObject):
    """GUI-thread side: ``search(query)``; ``found(query, rows, ms)`` for the newest."""

    found = Signal(object, object, float)
    failed = Signal(object)

    def __init__(self, path: Path, parent: QObject | None = None, immutable: bool = False) -> None:
        super().__init__(parent)
        self._state = _State(path, immutable)
        self._requests: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._bridge = _Bridge()  # no parent: see the module docstring
        self._bridge.found.connect(self._on_found)
        self._bridge.failed.connect(self._on_failed)
        self._generation = 0
        self._pending: dict[int, tuple[ListQuery, float]] = {}
        self._thread: threading.Thread | None = None

    def search(self, query: ListQuery) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=_serve,
                args=(self._state, self._requests, self._bridge),
                name="library-search",
                daemon=True,
            )
            self._thread.start()
        self._supersede()
        self._pending = {self._generation: (query, time.perf_counter())}
        self._requests.put((self._generation, query))

    def cancel(self) -> None:
        """Drop whatever is queued or running (a synchronous reload replaces it)."""
        self._supersede()
        self._pending = {}

    def shutdown(self, wait_seconds: float = 2.0) -> None:
        """Stop the thread and close its connection (the window is closing)."""
        self.cancel()
        if self._thread is not None:
            self._requests.put(None)
            self._thread.join(wait_seconds)
            self._thread = None

    def _supersede(self) -> None:
        self._generation += 1
        self._state.latest = self._generation
        reader = self._state.reader
        if reader is not None:
            reader.interrupt()

    @Slot(int, object)
    def _on_found(self, generation: int, rows: object) -> None:
        pending = self._pending.pop(generation, None)
        if pending is not None:
            query, started = pending
            self.found.emit(query, rows, (time.perf_counter() - started) * 1000)

    @Slot(int, object)
    def _on_failed(self, generation: int, error: object) -> None:
        if self._pending.pop(generation, None) is not None:
            self.failed.emit(error)
