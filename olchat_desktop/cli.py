"""Command-line entry point: the GUI by default, sub-commands for testers and CI.

Each sub-command lives in ``olchat_desktop.commands.<module>`` with two functions,
``register(subparsers)`` and ``run(args) -> int``. Modules import their heavy
dependencies inside ``run`` so that ``--version`` and the GUI start stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from olchat_desktop import APP_NAME, __version__
from olchat_desktop.gui_args import GuiOptions, mistyped_command, parse_gui_args

# Sub-command name -> module. Add a line here when a new command module lands.
COMMAND_MODULES: dict[str, str] = {
    "library": "olchat_desktop.commands.library",
    "sandbox": "olchat_desktop.commands.sandbox",
    "portal": "olchat_desktop.commands.portal",
    "validate": "olchat_desktop.commands.validate",
    "render": "olchat_desktop.commands.render",
    "send-test": "olchat_desktop.commands.send_test",
    "robots": "olchat_desktop.commands.robots",
    "fields": "olchat_desktop.commands.fields",
    "samples": "olchat_desktop.commands.samples",
    "check-data": "olchat_desktop.commands.check_data",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="olchat-desktop",
        description=f"{APP_NAME}: WhatsApp button messages for Bitrix24 and OLChat.",
        # Files are read by gui_args, not by this parser: a positional here would take
        # the sub-command's name as a file.
        epilog="olchat-desktop [--demo] [--lang ru|en] [--new-instance] [FILE ...] opens the "
        "app with template files or bundles (imported, or shown if already in the library); "
        "a running window on the same data home receives them instead.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on the embedded sandbox")
    parser.add_argument(
        "--smoke-test", action="store_true", help="build the main window, report timings, exit"
    )
    parser.add_argument("--lang", choices=["ru", "en"], help="interface language")
    parser.add_argument(
        "--new-instance",
        action="store_true",
        help="start another window even if one is running on this data home (testing)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES.values():
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    options = parse_gui_args(argv, COMMAND_MODULES)
    mistyped = mistyped_command(argv, options)
    if mistyped is not None:  # "olchat-desktop libary stats": not a file to open
        return _unknown_command(mistyped, options)
    if not options.rest:
        # The common case, opening the app (and files): no parser (see gui_args). Anything
        # else, a typo included, goes through the full parser below and gets its usual answer.
        return _gui(argv)
    # Files to open are no sub-command: the parser sees the options around them.
    files = set(options.files)
    args, _qt_args = build_parser().parse_known_args(
        [arg for arg in argv if arg not in files and arg != "--"] if files else argv
    )
    if args.command:
        return int(args.run(args))
    if args.smoke_test:
        from olchat_desktop.smoke import run_smoke_test

        return run_smoke_test([a for a in argv if a != "--smoke-test"])
    return _gui(argv)


def _unknown_command(word: str, options: GuiOptions) -> int:
    """Say so on stderr, with the closest command if one is close, and exit 2 as the
    parser does for a bad argument."""
    import difflib

    from olchat_desktop.commands.command_lang import command_lang
    from olchat_desktop.core.i18n import text

    lang = command_lang(argparse.Namespace(lang=options.lang))
    close = difflib.get_close_matches(word, COMMAND_MODULES, n=1)
    if close:
        message = text(lang, "unknown command '{word}'; did you mean {command}?")
    else:
        message = text(lang, "unknown command '{word}'; the commands are: {commands}")
    commands = ", ".join(COMMAND_MODULES)
    message = message.format(word=word, command=close[0] if close else "", commands=commands)
    print(f"olchat-desktop: {message}", file=sys.stderr)
    return 2


def _gui(argv: list[str]) -> int:
    # Paused before the GUI modules are imported; app.main resumes it (see resume_gc).
    import gc

    gc.disable()
    try:
        from olchat_desktop.app import main as gui_main

        return gui_main(argv)
    finally:
        gc.enable()
