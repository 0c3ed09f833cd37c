"""Interface language: the window's current language, its texts, and live switching.

One mechanism for core and UI (decision record 0001): texts are gettext msgids looked up
with ``core.i18n`` (``olchat_desktop/locale/<lang>/LC_MESSAGES/olchat_desktop.mo``). The
core takes the language as an argument; the widgets all show one language, the window's,
so this module holds it and ``ui_text``/``ui_ntext``/``ui_ptext`` pass it on::

    self.sendButton.setText(ui_text("&Send"))
    ui_ntext("{n} template", "{n} templates", n).format(n=n)
    ui_ptext("verb", "Open")

Babel extracts those three (``babel.cfg``: ``ui_text ui_ntext:1,2 ui_ptext:1c,2``), so a
msgid must be a string literal with ``str.format`` named fields. English tables (the
rows of a model, a combo's items) mark their literals with ``N_`` (a Babel default
keyword) and translate at display time with ``ui_text(variable)``.

:func:`install_language` switches: it sets the language, keeps Qt's own ``qtbase_<lang>.qm``
for Qt's texts (standard dialog buttons, the text-edit context menu; Qt's runtime, not a
second system of ours), and posts ``QEvent.LanguageChange`` to every top-level widget;
``QWidget`` forwards it to its children. Widgets that set their texts in ``retranslate()``
follow it with :func:`follow_language` (or their own ``changeEvent``), so every open window
and dialog switches without a restart.

Qt's translator is kept in a module-level list: a ``QTranslator`` that is garbage-collected
silently stops translating (qt_anchors.md §1.7, Vorta's comment).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
)

from olchat_desktop.core.i18n import N_, SOURCE_LANG, catalogue_path, ntext, ptext, text

T = TypeVar("T")
Language = Literal["ru", "en"]
# N_ comes from the core: one marker for tables of msgids, UI and core alike.
__all__ = [
    "N_",
    "LiveTexts",
    "current_language",
    "follow_language",
    "install_language",
    "resolve_language",
    "system_language",
    "ui_ntext",
    "ui_ptext",
    "ui_text",
]
LANGUAGES: tuple[Language, ...] = ("ru", "en")

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


def ui_text(message: str) -> str:
    """``message`` (an English msgid) in the window's current language."""
    return text(current_language(), message)


def ui_ntext(singular: str, plural: str, n: int) -> str:
    """The plural form for ``n`` in the window's current language."""
    return ntext(current_language(), singular, plural, n)


def ui_ptext(context: str, message: str) -> str:
    """``message`` in the current language for one ``context`` (same English, different
    Russian elsewhere)."""
    return ptext(current_language(), context, message)


def install_language(language: Language) -> bool:
    """Show ``language`` from now on and make every open window and dialog retranslate.

    True when the language's catalogue is there (English, the source, needs none)."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        QCoreApplication.installTranslator(qt_own)
        _installed.append(qt_own)
    _current = language
    # Dates and numbers in Qt widgets follow the interface language.
    QLocale.setDefault(QLocale("ru_RU" if language == "ru" else "en_US"))
    # Installing or removing Qt's translator posts LanguageChange too, but not when Qt has
    # no qtbase file for the language; post it ourselves so a switch never depends on
    # that. Qt compresses pending LanguageChange events per receiver.
    top_levels = getattr(app, "topLevelWidgets", None)
    for widget in top_levels() if top_levels is not None else ():
        QCoreApplication.postEvent(widget, QEvent(QEvent.Type.LanguageChange))
    return language == SOURCE_LANG or catalogue_path(language).is_file()


class _LanguageFollower(QObject):
    """Calls back on the watched widget's ``LanguageChange`` (an event filter)."""

    def __init__(self, watched: QObject, callback: Callable[[], object]) -> None:
        super().__init__(watched)  # owned by the widget: lives and dies with it
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            # After the widget and its children handled the event: a QDialogButtonBox
            # resets its standard buttons' texts on it, which would undo a custom text
            # ("Import 3" on OK) set before. The follower is the timer's context, so a
            # widget deleted meanwhile is not called.
            QTimer.singleShot(0, self, self._callback)
        return False


def follow_language(widget: QObject, retranslate: Callable[[], object]) -> None:
    """Call ``retranslate`` whenever ``widget`` receives ``LanguageChange``.

    The one helper for dialogs and views that set their texts in a ``retranslate()``
    method (theirs, or their controller's, which also rewrites texts that depend on state):
    no per-class ``changeEvent`` override."""
    widget.installEventFilter(_LanguageFollower(widget, retranslate))


class LiveTexts:
    """Texts set once in a constructor, or made from state (a status line, a result):
    remembers how each is made and makes it again, in the new language, on every
    language change of ``widget`` (a dialog, a view)."""

    def __init__(self, widget: QObject) -> None:
        self._makers: dict[tuple[int, str], tuple[Callable[[Any], object], Callable[[], Any]]]
        self._makers = {}
        follow_language(widget, self.refresh)

    def bind(self, setter: Callable[[T], object], make: Callable[[], T]) -> None:
        """``setter(make())`` now and after each language change; a later ``bind`` of the
        same setter replaces the earlier one."""
        owner = getattr(setter, "__self__", setter)
        self._makers[(id(owner), getattr(setter, "__name__", ""))] = (setter, make)
        setter(make())

    def set(self, label: Any, make: Callable[[], str]) -> None:
        """``label.setText(make())``, now and after each language change."""
        self.bind(label.setText, make)

    def label(self, make: Callable[[], str]) -> Any:
        """A new ``QLabel`` whose text is ``make()``, now and after each language change."""
        from PySide6.QtWidgets import QLabel

        label = QLabel()
        self.set(label, make)
        return label

    def refresh(self) -> None:
        for setter, make in list(self._makers.values()):
            setter(make())
