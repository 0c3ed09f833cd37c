"""Export many templates as one bundle, streamed, with progress and cancel (issue 15).

Rows are read from SQL 500 at a time and written straight to a temporary file next to
the target, so memory stays bounded at 20,000 templates; only a complete file is moved
over the target (fsync, ``os.replace``, as ``storage.atomic`` does), and a cancel or a
failure deletes the temporary file: a cancelled export leaves no partial file and an
older file of that name untouched. The bytes are those ``core.fileformat.dumps_bundle``
writes (same keys, order and indentation).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.fileformat import BUNDLE_FORMAT, FORMAT_VERSION, TEMPLATE_FORMAT
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage import library_errors as errors
from olchat_desktop.storage.atomic import _fsync_directory
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_import import ImportProgress
from olchat_desktop.storage.library_listing import ListQuery

CHUNK = 500
EXPORT_FILE_MODE = 0o644  # shared files (mail, messengers), unlike settings


def file_entry(draft: TemplateDraft) -> dict[str, Any]:
    """The file object of one template (``core.fileformat.template_to_dict``'s keys)."""
    return {
        "format": TEMPLATE_FORMAT,
        "version": FORMAT_VERSION,
        "name": draft.name,
        "line": draft.line,
        "phone": draft.phone,
        "header": draft.header,
        "message": draft.message,
        "footer": draft.footer,
        "buttons": list(draft.buttons),
        "wait_for_reply": draft.wait_for_reply,
        "tags": list(draft.tags),
        "samples": dict(draft.samples),
    }


def export_stream(
    library: TemplateLibrary,
    path: Path,
    ids: Sequence[str] | None = None,
    token: CancelToken | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
) -> int:
    """Write a bundle of ``ids`` (in that order) or of every template outside the trash
    (by name); returns how many. Raises ``LibraryError`` (unknown id, unwritable place)
    or ``TaskCancelled``, leaving no file behind in both cases."""
    path = Path(path)
    total = len(ids) if ids is not None else library.stats().templates
    started = time.perf_counter()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise errors.file_unwritable(path) from error
    tmp = Path(tmp_name)
    written = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f'{{\n  "format": "{BUNDLE_FORMAT}",\n  "version": {FORMAT_VERSION},\n')
            out.write('  "templates": [')
            for chunk in _chunks(library, ids):
                for draft in chunk:
                    text = json.dumps(file_entry(draft), ensure_ascii=False, indent=2)
                    out.write(("," if written else "") + "\n    " + text.replace("\n", "\n    "))
                    written += 1
                if token is not None:
                    token.check()
                if progress is not None:
                    elapsed = time.perf_counter() - started
                    progress(ImportProgress(written, written, max(total, written), elapsed))
            out.write("\n  ]\n}\n" if written else "]\n}\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, EXPORT_FILE_MODE)
        os.replace(tmp, path)
    except BaseException as failure:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(failure, OSError):
            raise errors.file_unwritable(path) from failure
        raise
    _fsync_directory(path.parent)
    return written


def _chunks(library: TemplateLibrary, ids: Sequence[str] | None) -> Iterator[list[TemplateDraft]]:
    if ids is not None:
        for start in range(0, len(ids), CHUNK):
            yield [library.get_draft(template_id) for template_id in ids[start : start + CHUNK]]
        return
    after = None
    while True:
        rows = library.list_page(ListQuery(), after, CHUNK)
        if not rows:
            return
        yield [library.get_draft(row.id) for row in rows]
        after = rows[-1]
