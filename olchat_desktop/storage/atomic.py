"""Crash-safe file writes: the old file stays intact until the new one is complete on disk.

The recipe (qt_anchors.md §6.7): write a temporary file in the same directory, flush and
fsync it, ``os.replace`` it over the target (atomic on POSIX and Windows when both live on
one file system), then fsync the directory so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

# Owner-only by default: settings and profiles are nobody else's business on a shared machine.
DEFAULT_MODE = 0o600


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = DEFAULT_MODE) -> None:
    """Replace ``path`` with ``data`` so a reader sees either the old or the new content.

    Any failure (disk full, crash before the rename, a failing ``os.replace``) leaves the
    previous file untouched and removes the temporary file.
    """
    path = Path(path)
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    tmp_path = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as tmp_file:
            tmp_file.write(data)
            tmp_file.flush()
            os.fsync(tmp_file.fileno())
        os.chmod(tmp_path, mode)
        os.replace(tmp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise
    _fsync_directory(directory)


def write_text_atomic(path: Path, text: str, *, mode: int = DEFAULT_MODE) -> None:
    """UTF-8 text variant of :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode)


def write_json_atomic(path: Path, payload: Any, *, mode: int = DEFAULT_MODE) -> None:
    """Serialise ``payload`` as readable UTF-8 JSON (Cyrillic kept as is) and write it atomically.

    Serialisation happens before anything touches the disk, so an unserialisable payload
    cannot leave a half-written file behind.
    """
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text, mode=mode)


def _fsync_directory(directory: Path) -> None:
    """Persist the directory entry of the rename; Windows cannot open directories, skip there."""
    if os.name != "posix":
        return
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
