"""Architecture rules that must not silently break (issue 17).

The import-linter contracts in ``.importlinter`` (layers, a Qt-free core, a stand-alone
sandbox, no cycles between sibling modules) run here as well as in ``scripts/test.sh``.
The second test looks for any import cycle at all, also through a package's
``__init__``, which sibling checks do not see; ``ui/`` included (its controllers take
``ui.window_parts.WindowParts``, never the main window).
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        # No cache: a stale one (a folder that became a package) once hid a broken
        # contract here that a clean checkout, as in CI, reported.
        [str(lint), "--no-cache", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_every_ui_module_is_kept_from_importing_the_window() -> None:
    # A new module or package under ui/ must join the contract's sources (import-linter
    # has no "all but one" form): only the app's entry points may name the main window.
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    contract = config["importlinter:contract:window-composes-controllers"]
    ui = ROOT / "olchat_desktop" / "ui"
    expected = {
        f"olchat_desktop.ui.{path.stem}"
        for path in ui.glob("*.py")
        if path.stem not in ("__init__", "main_window")
    } | {f"olchat_desktop.ui.{path.parent.name}" for path in ui.glob("*/__init__.py")}
    assert set(contract["source_modules"].split()) == expected
    assert contract["forbidden_modules"].split() == ["olchat_desktop.ui.main_window"]


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    imported = sorted(graph.find_modules_directly_imported_by(child))
                    work.append((child, iter(imported)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("olchat_desktop", exclude_type_checking_imports=False)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    assert _cycles(graph) == [["pkg.a", "pkg.b"]]
