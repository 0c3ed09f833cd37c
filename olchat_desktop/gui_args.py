"""The GUI's own command line: ``--demo``, ``--lang ru|en`` (or ``--lang=en``),
``--new-instance`` and the template files to open (``olchat-desktop FILE...``).

Read on every start without argparse: a process's first ArgumentParser looks for gettext
catalogues on disk, and the CLI's full parser imports every command module (over 10 ms of
start-up together). ``cli.main`` uses the full parser only when something is left over;
``app.build_main_window`` ignores leftovers, which are Qt's own arguments.

A word that is not an option is a file to open, unless it is a sub-command's name in the
first place (``olchat-desktop validate x.json`` stays the CLI) or the value of one of Qt's
own options (``-style fusion``). After ``--`` every argument is a file, so a file named
like a command or an option still opens (``olchat-desktop -- -odd.olchat.json``).
A first word that can only be a mistyped command (:func:`mistyped_command`) is refused.
"""

import os

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from collections.abc import Collection
from typing import NamedTuple

from olchat_desktop.core.i18n import LANGS, Lang

# QGuiApplication/QApplication options that take a value (Qt 6 documentation of
# QGuiApplication and QApplication); their values are not files.
QT_OPTIONS_WITH_VALUE = frozenset(
    (
        "-style",
        "-stylesheet",
        "-platform",
        "-platformpluginpath",
        "-platformtheme",
        "-plugin",
        "-qmljsdebugger",
        "-qwindowgeometry",
        "-qwindowicon",
        "-qwindowtitle",
        "-session",
        "-display",
        "-name",
        "-title",
        "-geometry",
        "-screen",
    )
)


class GuiOptions(NamedTuple):
    demo: bool
    lang: Lang | None
    # Arguments that are not the GUI's flags (Qt's, a command, a typo such as --lang de).
    rest: tuple[str, ...]
    files: tuple[str, ...] = ()
    new_instance: bool = False


def parse_gui_args(argv: list[str], commands: Collection[str] = ()) -> GuiOptions:
    demo = new_instance = False
    lang: Lang | None = None
    rest: list[str] = []
    files: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        value = argv[index + 1] if index + 1 < len(argv) else ""
        if arg == "--":
            files += argv[index + 1 :]
            break
        if arg == "--demo":
            demo = True
        elif arg == "--new-instance":
            new_instance = True
        elif arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGS:
            lang = LANGS[LANGS.index(arg.removeprefix("--lang="))]
        elif arg == "--lang" and value in LANGS:
            lang = LANGS[LANGS.index(value)]
            index += 1
        elif (arg in QT_OPTIONS_WITH_VALUE or arg == "--lang") and value:
            # Qt's options' values, and a language we do not have, which the full parser
            # refuses with its usual message: neither is a file.
            rest += [arg, value]
            index += 1
        elif arg.startswith("-") or (not files and arg in commands):
            rest.append(arg)
            if not arg.startswith("-"):  # a sub-command: all the rest is its own
                rest += argv[index + 1 :]
                break
        else:
            files.append(arg)
        index += 1
    return GuiOptions(demo, lang, tuple(rest), tuple(files), new_instance)


def mistyped_command(argv: list[str], options: GuiOptions) -> str | None:
    """The first word of ``olchat-desktop libary stats``: a word in the place of a command
    that names no command and no existing file, and has no folder or extension to make it
    a file's name. Such a start would open the window to refuse "libary" as a missing
    file; the CLI says "unknown command" instead. A missing ``x.olchat.json`` is still a
    file (the window says it is missing), and after ``--`` every word is a file."""
    if not options.files:
        return None
    word = options.files[0]
    if "--" in argv and argv.index("--") < argv.index(word):
        return None
    if "." in word or "/" in word or os.sep in word or os.path.lexists(word):
        return None
    return word
