"""Import a template file or bundle at scale (issue 15): streamed, all or nothing, with
progress, cancel, and the broken entries listed instead of failing the whole file.

- **Streamed.** The bundle is read entry by entry with ``ijson`` (its C backend, yajl2),
  so memory stays bounded by one chunk of entries (500) whatever the file's size; the
  standard ``json`` module would hold the whole document and its objects (about 8x the
  file) at once.
- **All or nothing.** Every entry goes in inside one ``BEGIN IMMEDIATE`` transaction:
  a cancel, an error or a killed process leaves the library exactly as before (SQLite
  discards an uncommitted transaction on the next open).
- **Broken entries** (wrong types, not an object) are skipped and listed with their
  position, name and reason; the good ones are imported. A file-level defect (not JSON,
  not UTF-8, another format, a newer version, too large) refuses the whole file.
- **Too large.** Files over ``MAX_IMPORT_BYTES`` are refused from their size before
  anything is read: 20,000 templates take about 25 MB, so a 2 GB file is not a bundle
  this app wrote, and reading it would take minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.fileformat import (
    BUNDLE_FORMAT,
    TEMPLATE_FORMAT,
    TemplateFileError,
    template_values,
)
from olchat_desktop.core.i18n import Lang, LazyText
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_bulk import insert_new, insert_trigger_paused

MAX_IMPORT_BYTES = 256 * 2**20
CHUNK = 500  # entries per insert batch and per progress report
FIRST_KEPT = 100  # imported drafts handed back to the caller (the UI opens the first)


class ImportProgress(NamedTuple):
    done: int
    bytes_read: int
    total_bytes: int
    elapsed: float

    def eta_seconds(self) -> float | None:
        if self.bytes_read <= 0 or self.elapsed <= 0:
            return None
        return self.elapsed * (self.total_bytes - self.bytes_read) / self.bytes_read


class BadEntry(NamedTuple):
    position: int  # 1-based, as the file lists them
    name: str
    problem: LazyText

    def reason(self, lang: Lang = "ru") -> str:
        return self.problem(lang)


class BundleImport:
    """``imported``: the first ``FIRST_KEPT`` templates imported, as stored (all of a
    small file; ``library_transfer.ImportResult``'s field); ``count``: how many;
    ``bad``: the entries skipped, with their reasons."""

    __slots__ = ("bad", "count", "imported")

    def __init__(self, imported: list[TemplateDraft], count: int, bad: list[BadEntry]) -> None:
        self.imported = imported
        self.count = count
        self.bad = bad


Progress = Callable[[ImportProgress], None]


def too_large(path: Path, size: int) -> errors.LibraryError:
    mb = size / 2**20
    limit = MAX_IMPORT_BYTES // 2**20
    return errors.file_unreadable(
        path,
        LazyText(
            "the file is too large ({size:,.0f} MB, the limit is {limit} MB). 20,000 templates "
            "take about 25 MB: this is not an OLChat Desktop bundle, or it is damaged.",
            size=mb,
            limit=limit,
        ),
    )


def import_path(
    library: TemplateLibrary,
    path: Path,
    token: CancelToken | None = None,
    progress: Progress | None = None,
) -> BundleImport:
    """Import a template file or bundle; raises ``LibraryError`` (``file_unreadable``)
    for a file-level defect and ``TaskCancelled`` when ``token`` is cancelled, in both
    cases with the library unchanged."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise too_large(path, size)
        stream = path.open("rb")
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise errors.file_unreadable(path, reason) from error
    with stream:
        return _import_stream(library, path, stream, size, token, progress)


def _import_stream(
    library: TemplateLibrary,
    path: Path,
    stream: IO[bytes],
    size: int,
    token: CancelToken | None,
    progress: Progress | None,
) -> BundleImport:
    started = time.perf_counter()
    header: dict[str, Any] = {}
    bad: list[BadEntry] = []
    first: list[TemplateDraft] = []
    count = 0
    # The library's own write transaction, held for the whole file (see the docstring).
    with library._transaction("IMMEDIATE") as conn, insert_trigger_paused(conn):
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal count
            stored = insert_new(conn, chunk, "imported", check=False)
            count += len(stored)
            for data in stored[: max(0, FIRST_KEPT - len(first))]:
                first.append(TemplateDraft.from_stored(data))
            chunk.clear()
            if token is not None:
                token.check()
            if progress is not None:
                elapsed = time.perf_counter() - started
                progress(ImportProgress(count, stream.tell(), size, elapsed))

        for position, entry in _entries(path, stream, header):
            try:
                values = template_values(entry, position or None)
            except TemplateFileError as problem:
                if position == 0:  # a single-template file: the file itself is bad
                    raise errors.file_unreadable(path, problem.problem) from None
                name = entry.get("name") if isinstance(entry, dict) else None
                text = name if isinstance(name, str) else ""
                bad.append(BadEntry(position, text, problem.problem))
                continue
            chunk.append(TemplateDraft.stored_from_values(values))
            if len(chunk) >= CHUNK:
                flush()
        _check_header(path, header)
        if chunk or progress is not None:
            flush()
        if token is not None:
            token.check()  # a cancel that came during the last chunk still rolls back
    return BundleImport(first, count, bad)


def _entries(path: Path, stream: IO[bytes], header: dict[str, Any]) -> Iterator[tuple[int, Any]]:
    """(position, entry) of a bundle (1-based), or (0, the object) of a single-template
    file; the top level's ``format`` and ``version`` land in ``header``.

    Two passes over the file: the first reads events only up to the ``templates`` key
    (our files put format and version first, so it stops at once), the second builds
    each entry in ijson's C backend (``items``), much faster than events in Python."""
    import ijson

    try:
        top_is_object = False
        for prefix, event, value in ijson.parse(stream, use_float=True):
            if prefix == "" and event == "start_map":
                top_is_object = True
            elif prefix in ("format", "version") and event in ("string", "number"):
                header[prefix] = value
            elif (
                prefix == ""
                and event == "map_key"
                and value == "templates"
                and "format" in header
                and "version" in header
            ):
                break
        if not top_is_object:
            raise _refused(path, _not_template())
        stream.seek(0)
        if header.get("format") == TEMPLATE_FORMAT:
            yield 0, next(ijson.items(stream, "", use_float=True))
            return
        for position, entry in enumerate(ijson.items(stream, "templates.item", use_float=True)):
            yield position + 1, entry
    except ijson.JSONError:
        # yajl's own text quotes the file around the error over several lines: the
        # position is enough (and the file's content stays out of messages and logs).
        near = stream.tell()
        raise errors.file_unreadable(
            path, LazyText("the file is damaged: not valid JSON (near byte {near}).", near=near)
        ) from None
    except UnicodeDecodeError:
        raise errors.file_unreadable(path, LazyText("the file is not UTF-8.")) from None


def _check_header(path: Path, header: dict[str, Any]) -> None:
    kind = header.get("format")
    if kind not in (BUNDLE_FORMAT, TEMPLATE_FORMAT):
        raise _refused(path, _not_template())
    try:  # the version rules of core.fileformat, on the file's own version
        template_values({"format": TEMPLATE_FORMAT, "version": header.get("version", 1)})
    except TemplateFileError as problem:
        raise _refused(path, problem) from None


def _not_template() -> TemplateFileError:
    try:
        template_values({"format": "?"})
    except TemplateFileError as problem:
        return problem
    raise AssertionError("an unknown format is always refused")  # pragma: no cover


def _refused(path: Path, problem: TemplateFileError) -> errors.LibraryError:
    return errors.file_unreadable(path, problem.problem)
