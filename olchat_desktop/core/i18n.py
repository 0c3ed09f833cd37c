"""Message language: gettext catalogues for the core and the UI alike.

Source strings in the code are English; ``olchat_desktop/locale/<lang>/LC_MESSAGES/
olchat_desktop.mo`` (compiled from the ``.po`` next to it by ``scripts/update_translations.sh``)
translates them. There is no global "current language": every caller passes the language it
answers in (the CLI's ``--lang``, the window's setting), so the CLI and the tests can ask for
both languages in one process. See ``docs/translations.md`` and decision record 0001.

Write user-facing strings as::

    text(lang, "Template «{name}» saved").format(name=name)
    ntext(lang, "{count} character", "{count} characters", count).format(count=count)
    ptext(lang, "button", "Open")   # same English, different Russian elsewhere
    TITLE = N_("Access denied")     # marked in a table; later: text(lang, TITLE)
    raise SomeError(LazyText("Line {line} is damaged", line=n))  # later: error.text(lang)

The msgid must be a string literal (Babel extracts it from the source: ``text:2``,
``ntext:2,3``, ``ptext:2c,3``, ``LazyText`` in ``babel.cfg``; ``N_`` is a Babel default), with
``str.format`` named fields, never an f-string. Catalogues load lazily on first use and are
cached per language, so importing this module costs nothing and the CLI's start-up does not
grow.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import gettext

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")
DEFAULT_LANG: Lang = "ru"
#: The language the msgids are written in: it needs no catalogue.
SOURCE_LANG: Lang = "en"
DOMAIN = "olchat_desktop"
#: ``olchat_desktop/locale``: package data, so a wheel, the source tree and the PyInstaller
#: bundle (which sets ``__file__`` under ``sys._MEIPASS``) all find it beside the code.
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def catalogue_path(lang: Lang) -> Path:
    """The compiled catalogue the language's texts come from."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def translator(lang: Lang) -> gettext.NullTranslations:
    """The language's translations, loaded once.

    English is the source language: its translator returns the msgid (with English plural
    rules). A missing or unreadable catalogue is logged and falls back to English rather than
    failing every message; the bundle's smoke test and the translation tests catch it."""
    import gettext  # lazily: only when a message is first shown

    if lang == SOURCE_LANG:
        return gettext.NullTranslations()
    path = catalogue_path(lang)
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError as exc:
        import logging

        logging.getLogger(__name__).warning(
            "translation catalogue for %s not readable: %s", lang, exc
        )
        return gettext.NullTranslations()


def text(lang: Lang, message: str) -> str:
    """``message`` (English source text) in ``lang``. The empty string stays empty (gettext
    would answer it with the catalogue's header)."""
    if lang == SOURCE_LANG or not message:
        return message
    return translator(lang).gettext(message)


def ntext(lang: Lang, singular: str, plural: str, n: int) -> str:
    """The plural form for ``n`` in ``lang``: Russian has three (1 символ, 2 символа,
    5 символов, 21 символ), chosen by the catalogue's ``Plural-Forms`` header."""
    if lang == SOURCE_LANG:
        return singular if n == 1 else plural
    return translator(lang).ngettext(singular, plural, n)


def ptext(lang: Lang, context: str, message: str) -> str:
    """``message`` in ``lang`` for one ``context``: the same English text that needs
    different Russian in different places (a noun and a verb, a gender...)."""
    if lang == SOURCE_LANG:
        return message
    return translator(lang).pgettext(context, message)


def N_(message: str) -> str:  # gettext's conventional name: one of Babel's default keywords
    """Mark a string for extraction without translating it yet (tables and class
    attributes defined before a language is known); translate it later with
    ``text(lang, value)``."""
    return message


class LazyText:
    """A message decided now and translated later: an exception or a result built before
    the caller's language is known. ``LazyText("Line {line} is damaged", line=3)(lang)``
    translates the msgid (Babel keyword ``LazyText``) and fills the fields; a field that
    is itself a ``LazyText`` is translated in the same language, so messages nest
    ("Template #{position}: {problem}")."""

    __slots__ = ("fields", "msgid")

    def __init__(self, msgid: str, /, **fields: object) -> None:
        self.msgid = msgid
        self.fields = fields

    def __call__(self, lang: Lang) -> str:
        values = {
            name: value(lang) if isinstance(value, LazyText) else value
            for name, value in self.fields.items()
        }
        message = text(lang, self.msgid)
        return message.format(**values) if values else message

    def __repr__(self) -> str:
        return f"LazyText({self.msgid!r}, **{self.fields!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyText):
            return NotImplemented
        return (self.msgid, self.fields) == (other.msgid, other.fields)

    def __hash__(self) -> int:
        return hash(self.msgid)


class TranslatableError(Exception):
    """An error whose explanation is decided when it is raised and translated when shown.

    ``problem`` is a :class:`LazyText` (or any function of the language); the exception's
    own text is the English one, for logs. Callers show ``message(lang)``, never a
    traceback."""

    def __init__(self, problem: Callable[[Lang], str], english: str | None = None) -> None:
        super().__init__(problem("en") if english is None else english)
        self.problem = problem

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return self.problem(lang)
