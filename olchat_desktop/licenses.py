"""The libraries bundled with the app and their licences, for the About dialog.

Licence names are a static table (they change rarely, and a frozen build may carry no
package metadata). Versions are read from ``importlib.metadata`` only when asked, i.e.
when the About dialog opens: reading metadata costs start-up time (see ``__init__``).
Qt-free on purpose, so the CLI could print the same table.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

UNKNOWN_VERSION = "—"


@dataclass(frozen=True)
class BundledLibrary:
    """One bundled component: its display name, licence and where to read it."""

    name: str
    licence: str
    url: str
    # Distribution names to try in importlib.metadata, first match wins; empty = Python.
    distributions: tuple[str, ...] = ()


BUNDLED_LIBRARIES: tuple[BundledLibrary, ...] = (
    BundledLibrary(
        "PySide6 / Qt",
        "LGPLv3",
        "https://doc.qt.io/qtforpython-6/licenses.html",
        ("PySide6-Essentials", "PySide6"),
    ),
    BundledLibrary("httpx", "BSD-3-Clause", "https://www.python-httpx.org/", ("httpx",)),
    BundledLibrary("pydantic", "MIT", "https://docs.pydantic.dev/", ("pydantic",)),
    BundledLibrary("keyring", "MIT", "https://github.com/jaraco/keyring", ("keyring",)),
    BundledLibrary(
        "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs", ("platformdirs",)
    ),
    BundledLibrary("regex", "Apache-2.0", "https://github.com/mrabarnett/mrab-regex", ("regex",)),
    BundledLibrary("Python", "PSF", "https://docs.python.org/3/license.html"),
)


def installed_version(library: BundledLibrary) -> str:
    """The installed version, or ``UNKNOWN_VERSION`` when no metadata is available.

    Python's own version comes from the running interpreter, which always knows it.
    """
    if not library.distributions:
        return platform.python_version()
    # Imported here: importlib.metadata is only needed once the About dialog opens.
    from importlib import metadata

    for distribution in library.distributions:
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return UNKNOWN_VERSION


def library_rows() -> list[tuple[BundledLibrary, str]]:
    """Each bundled library with its installed version (read now)."""
    return [(library, installed_version(library)) for library in BUNDLED_LIBRARIES]
