"""Import and export between the library and template files (single or bundle).

The file format itself is ``core.fileformat``; this module adds the I/O: files are
written atomically (temp file, fsync, ``os.replace``), so an interrupted export never
leaves a half-written file where a good one was, and imports go in as one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from olchat_desktop.core.fileformat import (
    TemplateFileError,
    dumps_bundle,
    dumps_template,
    loads_templates,
)
from olchat_desktop.core.template import Template
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.atomic import write_text_atomic
from olchat_desktop.storage.library import TemplateLibrary

# Exported files are meant to be shared (mail, messengers), unlike settings: not 0600.
EXPORT_FILE_MODE = 0o644


@dataclass(frozen=True)
class ImportResult:
    imported: list[Template]

    @property
    def count(self) -> int:
        return len(self.imported)


def _write(path: Path, text: str) -> None:
    try:
        write_text_atomic(path, text, mode=EXPORT_FILE_MODE)
    except OSError as error:
        raise errors.file_unwritable(path) from error


def export_template(library: TemplateLibrary, template_id: str, path: Path) -> Template:
    """Write one template as a single-template file."""
    template = library.get(template_id)
    _write(Path(path), dumps_template(template))
    return template


def export_bundle(
    library: TemplateLibrary, path: Path, ids: Sequence[str] | None = None
) -> list[Template]:
    """Write a bundle of the given templates (in that order), or of every template outside
    the trash (sorted by name) when ``ids`` is None. Unknown ids raise before writing."""
    templates = library.list_templates() if ids is None else [library.get(i) for i in ids]
    _write(Path(path), dumps_bundle(templates))
    return templates


def read_template_file(path: Path) -> list[Template]:
    """Parse a single-template file or a bundle; any failure is a ``file_unreadable``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise errors.file_unreadable(path, reason) from error
    try:
        return loads_templates(data)
    except TemplateFileError as error:
        raise errors.file_unreadable(path, error.problem) from error


def import_file(library: TemplateLibrary, path: Path) -> ImportResult:
    """Add every template of a file or bundle to the library, all or nothing. Imported
    templates never replace existing ones: an id already present gets a fresh one."""
    return ImportResult(library.add_many(read_template_file(path), summary="imported"))
