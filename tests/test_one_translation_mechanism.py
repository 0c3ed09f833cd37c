"""One translation mechanism (decision record 0001): gettext catalogues, nothing else.

Reads every module of the package (its syntax tree, so a docstring that names the old way
does not count) and fails on the mechanisms the project left:

- ``pick(lang, ru, en)`` and ``plural_ru(...)``: Russian written inline in Python;
- ``QCoreApplication.translate(...)`` and ``<widget>.tr(...)``: Qt's ``.ts/.qm`` catalogues;
- ``QTranslator`` anywhere but ``ui/i18n.py``, and there only for Qt's own ``qtbase_<lang>``.

``PENDING`` lists the modules still being converted (none now); a module not in it may
not use the old mechanisms, so none can come back.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "olchat_desktop"
OLD_FUNCTIONS = {"pick", "plural_ru"}
# Modules not converted yet: none any more (issue 17). Keep it empty.
PENDING: set[str] = set()
QT_OWN = "ui/i18n.py"


def old_mechanisms(source: str, qt_own: bool = False) -> list[str]:
    """Each use of an old mechanism in ``source``, as "line: what". Qt's functions count
    when referenced at all, so an alias (``translate = QCoreApplication.translate``) does
    not hide them."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in OLD_FUNCTIONS:
                found.append(f"{node.lineno}: {name}()")
            elif name == "load" and qt_own:
                first = node.args[0] if node.args else None
                literal = ast.unparse(first) if first is not None else ""
                if "qtbase_" not in literal:
                    found.append(f"{node.lineno}: a translator loads {literal}")
        elif isinstance(node, ast.Attribute):
            owner = node.value
            if node.attr == "tr":
                found.append(f"{node.lineno}: .tr")
            elif (
                node.attr == "translate"
                and isinstance(owner, ast.Name)
                and owner.id == "QCoreApplication"
            ):
                found.append(f"{node.lineno}: QCoreApplication.translate")
        elif isinstance(node, ast.Name) and node.id == "QTranslator" and not qt_own:
            found.append(f"{node.lineno}: QTranslator")
    return found


def test_no_module_uses_the_old_mechanisms() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in PENDING:
            continue
        found = old_mechanisms(path.read_text(encoding="utf-8"), qt_own=name == QT_OWN)
        if found:
            offenders[name] = found
    assert offenders == {}


def test_the_check_sees_each_old_mechanism() -> None:
    """Guards the check above: it must see what it looks for, and not flag the new way."""
    old = """
from PySide6.QtCore import QCoreApplication, QTranslator
a = pick(lang, "Да", "Yes")
b = plural_ru(2, "шаблон", "шаблона", "шаблонов")
c = self.tr("Close")
d = QCoreApplication.translate("Main", "Close")
t = QTranslator()
translate = QCoreApplication.translate
"""
    assert sorted(hit.split(": ")[1] for hit in old_mechanisms(old)) == [
        ".tr",
        "QCoreApplication.translate",
        "QCoreApplication.translate",
        "QTranslator",
        "pick()",
        "plural_ru()",
    ]
    new = 'ui_text("Close")\ntext(lang, "Close")\nptext(lang, "verb", "Open")\n'
    assert old_mechanisms(new) == []
    qt_runtime = 'qt = QTranslator()\nqt.load(f"qtbase_{language}", qt_dir)\n'
    assert old_mechanisms(qt_runtime, qt_own=True) == []
    assert old_mechanisms('QTranslator().load("olchat_desktop_ru", d)\n', qt_own=True) == [
        "1: a translator loads 'olchat_desktop_ru'"
    ]
