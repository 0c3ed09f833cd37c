"""The GUI's own command-line flags: ``--demo`` and ``--lang ru|en`` (or ``--lang=en``).

Read on every start without argparse: a process's first ArgumentParser looks for gettext
catalogues on disk, and the CLI's full parser imports every command module (over 10 ms of
start-up together). ``cli.main`` uses the full parser only when something is left over;
``app.build_main_window`` ignores leftovers, which are Qt's own arguments.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from typing import NamedTuple

from olchat_desktop.core.i18n import LANGS, Lang


class GuiOptions(NamedTuple):
    demo: bool
    lang: Lang | None
    # Arguments that are not the GUI's flags (Qt's, a command, a typo such as --lang de).
    rest: tuple[str, ...]


def parse_gui_args(argv: list[str]) -> GuiOptions:
    demo = False
    lang: Lang | None = None
    rest: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        value = argv[index + 1] if index + 1 < len(argv) else ""
        if arg == "--demo":
            demo = True
        elif arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGS:
            lang = LANGS[LANGS.index(arg.removeprefix("--lang="))]
        elif arg == "--lang" and value in LANGS:
            lang = LANGS[LANGS.index(value)]
            index += 1
        else:
            rest.append(arg)
        index += 1
    return GuiOptions(demo, lang, tuple(rest))
