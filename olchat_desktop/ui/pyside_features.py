"""Spare start-up PySide's search of every module's source for ``__feature__`` use.

PySide6 replaces ``__import__`` with a hook that, the first time an import statement names
a module (even one loaded before PySide), reads that module's whole source looking for
the text "PySide6": its way to find modules that may say ``from __feature__ import
snake_case, true_property`` (``shibokensupport/feature.py``: ``feature_imported`` and
``_mod_uses_pyside``, which records the answer in ``pyside_feature_dict``). At our start-up
that was about 90 modules, typing, datetime and logging among them: 9 ms, the largest item
left in the start-up budget (issue 5).

The app uses no ``__feature__``. :func:`record_modules_without_features` records every
module already loaded and every module of this package as "no feature selected" (0), the
answer the scan gives a module that uses PySide; for a module that does not, the scan's
"ignore" (-1) behaves the same while no module selects a feature. If a PySide release
moves this private table, nothing is recorded and start-up is only slower
(``tests/ui/test_startup_imports.py`` starts the window with the table gone).

Kept on purpose (issue 17 drops private-API tricks worth under ~10 ms unless they are what
keeps the start-up budget): ``benchmarks/ui_bench.py`` measures the start with and
without it in the same run. December 2026, five runs on the shared 2-core machine (load
2.4-3.0): CPU time 1.96x a bare window with it, 2.02x without (about 10 ms); the
wall-clock figures are in the README.
"""

from __future__ import annotations

import os
import sys

# The package whose modules are recorded before they are imported.
_PACKAGE = "olchat_desktop"


def _package_modules() -> list[str]:
    package = sys.modules.get(_PACKAGE)
    folders = list(getattr(package, "__path__", []))
    names: list[str] = []
    for folder in folders:
        # Source installs only: in the frozen bundle the modules live in an archive, and
        # PySide's scan finds no source there and gives up at once anyway.
        for root, dirs, files in os.walk(folder):
            dirs[:] = [name for name in dirs if name.isidentifier()]
            relative = os.path.relpath(root, folder)
            prefix = _PACKAGE if relative == "." else f"{_PACKAGE}.{relative.replace(os.sep, '.')}"
            for file in files:
                if file == "__init__.py":
                    names.append(prefix)
                elif file.endswith(".py"):
                    names.append(f"{prefix}.{file[:-3]}")
    return names


def record_modules_without_features() -> int:
    """Record the loaded modules and this package's modules as using no PySide feature;
    returns how many were added (0 when PySide's table is not where it was)."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport, which owns the table)

    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    before = len(table)
    for name in [*sys.modules, *_package_modules()]:
        table.setdefault(name, 0)
    return len(table) - before
