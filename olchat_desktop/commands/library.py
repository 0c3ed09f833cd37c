"""``olchat-desktop library export|import|stats``: move templates between the library and
files; ``stats [--json]`` shows the library's health (templates by problem status, trash,
versions, file size).

Exit codes: 0 done; 1 the library or the output file failed (busy, damaged, unknown id,
cannot write); 2 the input file cannot be read as a template or bundle, or some of its
entries cannot (the good ones are imported, the bad ones listed on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from olchat_desktop.core.i18n import text

if TYPE_CHECKING:
    from olchat_desktop.core.i18n import Lang

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
    salvage = actions.add_parser(
        "salvage",
        help="save what can be read from a damaged or locked library (read-only)",
        description="Write every readable template of the library to a bundle, reading"
        " the library file read-only: it is never changed. For a library the app cannot"
        " open (damaged, or locked by another program).",
    )
    salvage.add_argument("path", type=Path, metavar="PATH", help="bundle file to write")
    stats = actions.add_parser("stats", help="count templates by problem status, trash, size")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    from olchat_desktop.commands import library_sync  # issue 19: the team library

    library_sync.register(actions)
    parser.set_defaults(run=run)


def print_stats(stats: Any, lang: Lang, as_json: bool) -> None:
    """``library stats``: the figures as JSON, or one line each in ``lang``."""
    from olchat_desktop.core.i18n import ptext, text

    if as_json:
        import json

        print(json.dumps(stats._asdict(), ensure_ascii=False))
        return
    by = stats.by_status
    rows = [
        # TRANSLATORS: a count follows ("Шаблонов: 20000"), not the window's "Шаблоны".
        (ptext(lang, "library stats", "Templates"), stats.templates),
        (text(lang, "  no problems"), by["ok"]),
        (text(lang, "  with warnings"), by["warnings"]),
        (text(lang, "  with errors"), by["errors"]),
        (text(lang, "  not checked yet"), by["pending"]),
        (text(lang, "  could not be checked"), by["unknown"]),
        (text(lang, "In the trash"), stats.trash),
        (text(lang, "Stored versions"), stats.versions),
        (text(lang, "File size, MB"), f"{stats.size_bytes / 2**20:.1f}"),
    ]
    for label, value in rows:
        print(f"{label}: {value}")


def run_salvage(library: Path | None, path: Path, lang: Lang) -> int:
    from olchat_desktop.paths import library_path
    from olchat_desktop.storage.library import LibraryError
    from olchat_desktop.storage.library_salvage import salvage

    source = library or library_path()
    try:
        result = salvage(source, path)
    except LibraryError as error:
        print(f"olchat-desktop library: {error.message(lang)}", file=sys.stderr)
        return EXIT_FAILED
    print(
        text(
            lang,
            "Saved {saved} template(s) to {path}; unreadable: {unreadable}. The "
            "library file is unchanged: {source}",
        ).format(saved=result.saved, path=path, unreadable=result.unreadable, source=source)
    )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.library_action == "sync":
        from olchat_desktop.commands.library_sync import run as run_sync

        return run_sync(args)
    from olchat_desktop.core.i18n import DEFAULT_LANG
    from olchat_desktop.storage.library import LibraryError, TemplateLibrary
    from olchat_desktop.storage.library_export import export_stream
    from olchat_desktop.storage.library_import import import_path

    lang: Lang = getattr(args, "lang", None) or DEFAULT_LANG
    path = Path(getattr(args, "path", None) or "")  # stats takes no path
    if args.library_action == "salvage":
        return run_salvage(args.library, path, lang)
    try:
        with TemplateLibrary(args.library) as library:
            if args.library_action == "stats":
                print_stats(library.stats(), lang, args.json)
            elif args.library_action == "export":
                count = export_stream(library, path, args.ids)
                print(
                    text(lang, "Exported {count} template(s) to {path}").format(
                        count=count, path=path
                    )
                )
            else:
                result = import_path(library, path)
                print(
                    text(lang, "Imported {count} template(s) from {path}").format(
                        count=result.count, path=path
                    )
                )
                # The import is committed; its rows' statuses and search index follow
                # (the app would do it on its next start otherwise).
                from olchat_desktop.storage.library_checking import check_pending

                check_pending(library.path)
                if result.bad:
                    for entry in result.bad:
                        name = f" «{entry.name}»" if entry.name else ""
                        print(
                            f"{path}: #{entry.position}{name}: {entry.reason(lang)}",
                            file=sys.stderr,
                        )
                    return EXIT_UNREADABLE_INPUT
    except LibraryError as error:
        print(f"olchat-desktop library: {error.message(lang)}", file=sys.stderr)
        if error.code == "file_unreadable":
            return EXIT_UNREADABLE_INPUT
        return EXIT_FAILED
    return EXIT_OK
