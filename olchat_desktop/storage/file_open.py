"""Opening a file given on the command line, dropped on the window or chosen from recent
files (issue 18): check it, read it, and say whether it is already in the library.

Runs on a worker thread (``ui.tasks``): it reads the disk and queries the library. Every
refusal is a ``LibraryError`` with a Russian and an English message, decided before
anything is imported: a folder, a missing file, a file too large to be a template (refused
from its size, without reading it), a file that is not a template. Paths may hold bytes
that are not UTF-8 (Linux file names are bytes); Python keeps them as surrogate escapes,
which open the right file, and :func:`display_path` shows them with a replacement mark.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from olchat_desktop.core.fileformat import TemplateFileError, loads_file, template_to_dict
from olchat_desktop.core.i18n import LazyText
from olchat_desktop.core.template import Template
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_errors import LibraryError

# A bundle of the whole library at its designed scale (20,000 templates of about 1.5 KB)
# is about 30 MB; a file far past that is not a template file, so it is refused from its
# size before a byte of it is read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


class OpenedFile(NamedTuple):
    """A template file, read: its templates and, for each, the id of an identical template
    already in the library (None when it is new)."""

    path: Path
    bundle: bool
    templates: list[Template]
    existing: list[str | None]

    @property
    def new_templates(self) -> list[Template]:
        return [t for t, found in zip(self.templates, self.existing, strict=True) if not found]


def display_path(path: Path | str) -> str:
    """The path as text that can be shown: bytes that are not UTF-8 become U+FFFD."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="replace")


def _refused(code: str, problem: LazyText) -> LibraryError:
    return LibraryError(code, problem)


def check_path(path: Path) -> int:
    """Refuse what cannot be a template file; return its size in bytes."""
    shown = display_path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _refused(
            "file_missing", LazyText("The file does not exist: {shown}", shown=shown)
        ) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise errors.file_unreadable(Path(shown), reason) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refused(
            "is_folder",
            LazyText(
                "«{shown}» is a folder. Drop or open the template files (*.olchat.json) instead.",
                shown=shown,
            ),
        )
    if not stat.S_ISREG(info.st_mode):
        raise _refused(
            "not_a_file",
            LazyText("«{shown}» is not a regular file, so it cannot be a template.", shown=shown),
        )
    if info.st_size > MAX_FILE_BYTES:
        size_mb, limit_mb = info.st_size // 2**20, MAX_FILE_BYTES // 2**20
        raise _refused(
            "file_too_large",
            LazyText(
                "The file «{shown}» is too large to be a template file ({size_mb} MB, at "
                "most {limit_mb} MB). Nothing was imported.",
                shown=shown,
                size_mb=size_mb,
                limit_mb=limit_mb,
            ),
        )
    return info.st_size


def read_file(path: Path) -> tuple[bool, list[Template]]:
    """Check, read and parse a template file or bundle: (bundle?, templates)."""
    path = Path(path)
    check_path(path)
    shown = Path(display_path(path))
    try:
        with path.open("rb") as file:
            # Read at most one byte past the limit: a file that grew since stat() stays refused.
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise errors.file_unreadable(shown, reason) from None
    if len(data) > MAX_FILE_BYTES:
        check_path(path)  # the size message
    try:
        parsed = loads_file(data)
    except TemplateFileError as error:
        raise errors.file_unreadable(shown, error.problem) from None
    return parsed.bundle, parsed.templates


def _content(template: Template) -> dict[str, object]:
    return template_to_dict(template)


def find_existing(library: TemplateLibrary, template: Template) -> str | None:
    """The id of a template outside the trash with exactly this content, if any. Looked up
    by the words of its name (or its message's start) through the library's SQL search,
    and only the same-named ones are loaded, so a library of 20,000 costs one query."""
    query = template.name.strip() or template.message.strip()[:60]
    if not query:
        return None
    wanted = _content(template)
    for summary in library.search_summaries(query):
        # Names first (the summaries are not decoded): only same-named ones are loaded.
        if summary.name == template.name and _content(library.get(summary.id)) == wanted:
            return summary.id
    return None


def open_file(library: TemplateLibrary, path: Path) -> OpenedFile:
    """Read ``path`` and match each of its templates against the library."""
    bundle, templates = read_file(path)
    existing = [find_existing(library, template) for template in templates]
    return OpenedFile(Path(path), bundle, templates, existing)


def import_templates(library: TemplateLibrary, templates: list[Template]) -> list[Template]:
    """Add the chosen templates of a bundle in one transaction (fresh ids if taken)."""
    return library.add_many(templates, summary="imported")
