"""Interface language: pick Russian or English and install Qt translators for it.

Source strings in the code are English; ``resources/translations/olchat_desktop_ru.qm``
translates them to Russian (``olchat_desktop_en.qm`` exists too, so both languages go
through the same path and an English build can override wording without code changes).
Qt's own strings (standard dialog buttons, the text-edit context menu) come from Qt's
``qtbase_<lang>.qm``. Installing a translator makes Qt send ``LanguageChange`` to every
widget; the main window retranslates itself on it, so switching needs no restart.

Translators are kept in a module-level list: a ``QTranslator`` that is garbage-collected
silently stops translating (qt_anchors.md §1.7, Vorta's comment).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

Language = Literal["ru", "en"]
LANGUAGES: tuple[Language, ...] = ("ru", "en")
CATALOG = "olchat_desktop"

_installed: list[QTranslator] = []
_current: Language | None = None


@cache
def resources_dir() -> Path:
    """``resources/`` beside the package, or inside a PyInstaller bundle. Cached: resolving
    the path stats every directory on the way, and start-up asks for it twenty times."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def system_language() -> Language:
    """Russian when the system locale (or any preferred UI language) is Russian."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Russian:
        return "ru"
    for name in locale.uiLanguages():
        if name.lower().startswith("ru"):
            return "ru"
    return "en"


def resolve_language(setting: str, override: str | None = None) -> Language:
    """The language to show: a ``--lang`` override, else the setting, else the system's."""
    for candidate in (override, setting):
        if candidate in LANGUAGES:
            return candidate
    return system_language()


def current_language() -> Language:
    return _current or "en"


def install_language(language: Language) -> bool:
    """Replace the installed translators with ``language``'s; True if our catalogue loaded."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator()
    loaded = ours.load(f"{CATALOG}_{language}", str(translations_dir()))
    if loaded:
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        QCoreApplication.installTranslator(qt_own)
        _installed.append(qt_own)
    _current = language
    # Dates and numbers in Qt widgets follow the interface language.
    QLocale.setDefault(QLocale("ru_RU" if language == "ru" else "en_US"))
    return loaded
