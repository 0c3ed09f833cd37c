"""``olchat-desktop library export|import``: move templates between the library and files.

Exit codes: 0 done; 1 the library or the output file failed (busy, damaged, unknown id,
cannot write); 2 the input file cannot be read as a template or bundle.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNREADABLE_INPUT = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "library",
        help="export or import templates of the local library",
        description="Export templates of the local library to a file, or import a file.",
    )
    parser.add_argument(
        "--library",
        type=Path,
        metavar="FILE",
        help="library database to use (default: library.sqlite3 in the data home)",
    )
    actions = parser.add_subparsers(dest="library_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write templates to one bundle file")
    export.add_argument("path", type=Path, metavar="PATH", help="bundle file to write")
    export.add_argument(
        "--ids", nargs="+", metavar="ID", help="only these templates (default: all)"
    )
    imported = actions.add_parser("import", help="add the templates of a file or bundle")
    imported.add_argument("path", type=Path, metavar="PATH", help="template or bundle file")
    from olchat_desktop.commands import library_sync  # issue 19: the team library

    library_sync.register(actions)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.library_action == "sync":
        from olchat_desktop.commands.library_sync import run as run_sync

        return run_sync(args)
    from olchat_desktop.core.i18n import DEFAULT_LANG, Lang, pick
    from olchat_desktop.storage.library import LibraryError, TemplateLibrary
    from olchat_desktop.storage.library_transfer import export_bundle, import_file

    lang: Lang = getattr(args, "lang", None) or DEFAULT_LANG
    path: Path = args.path
    try:
        with TemplateLibrary(args.library) as library:
            if args.library_action == "export":
                count = len(export_bundle(library, path, args.ids))
                print(
                    pick(
                        lang,
                        f"Экспортировано шаблонов: {count} → {path}",
                        f"Exported {count} template(s) to {path}",
                    )
                )
            else:
                count = import_file(library, path).count
                print(
                    pick(
                        lang,
                        f"Импортировано шаблонов: {count} из {path}",
                        f"Imported {count} template(s) from {path}",
                    )
                )
    except LibraryError as error:
        print(f"olchat-desktop library: {error.message(lang)}", file=sys.stderr)
        if error.code == "file_unreadable":
            return EXIT_UNREADABLE_INPUT
        return EXIT_FAILED
    return EXIT_OK
