"""``olchat-desktop validate FILE... [--json] [--lang ru|en]``: check template files.

Prints one line per problem, ``file: field: code: message`` (a bundle's templates are
told apart by name: ``file[name]``). Exit status: 0 when no template has an error
(warnings allowed), 1 when any has one, 2 when a file cannot be read as a template (the
reason is printed to stderr; the other files are still checked). ``--json`` prints a list
of ``{file, template, field, code, severity, length, limit, message}`` instead.

With a portal (``--demo``, ``--profile NAME`` or ``--webhook URL``; its field catalogue
is cached per portal) every ``{{Label}}``/``{=Document:CODE}`` that names no field of
``--entity`` (default deal) is reported as the warning ``unknown_field``; its JSON record
adds ``expression``, ``suggestion`` and ``replacement`` (the one-click fix).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from olchat_desktop.core.i18n import Lang, text

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check template files against the robot's rules",
        description="Check template files against the robot's rules. Exit status: 0 no "
        "errors (warnings allowed), 1 errors found, 2 a file is not a readable template.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="template or bundle file")
    parser.add_argument("--json", action="store_true", help="print problems as JSON")
    parser.add_argument(
        "--lang", dest="message_lang", choices=["ru", "en"], help="message language (ru)"
    )
    parser.add_argument(
        "--entity",
        choices=["deal", "contact", "lead", "company"],
        default="deal",
        help="CRM entity the robot runs on, for unknown_field with a portal (default: deal)",
    )
    from olchat_desktop.commands.portal_options import add_portal_options

    add_portal_options(parser)
    parser.set_defaults(run=run)


def _catalogue(args: argparse.Namespace, lang: Any) -> Any:
    """The portal's field catalogue when a portal option is given (None otherwise)."""
    from contextlib import ExitStack

    from olchat_desktop.commands.portal_options import (
        open_portal,
        portal_catalogue,
        portal_given,
    )

    if not portal_given(args):
        return None
    with ExitStack() as stack:
        catalogue, _ = portal_catalogue(open_portal(args, lang, stack), lang)
    return catalogue


def _read_error(path: Path, lang: Lang) -> str | None:
    """Why ``path`` cannot be read as a file, or None when it can."""
    if not path.exists():
        return text(lang, "no such file")
    if path.is_dir():
        return text(lang, "a directory, not a file")
    return None


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.core.fileformat import TemplateFileError, loads_templates
    from olchat_desktop.core.validation import validate

    # The sub-command's --lang wins; the global --lang (interface language) is the fallback.
    lang: Lang = "en" if (args.message_lang or getattr(args, "lang", None)) == "en" else "ru"
    from olchat_desktop.commands.portal_options import error_text

    try:
        catalogue = _catalogue(args, lang)
    except Exception as exc:
        text = error_text(exc, lang)
        if text is None:
            raise
        print(f"error: {text}", file=sys.stderr)
        return EXIT_UNREADABLE
    records: list[dict[str, Any]] = []
    exit_code = EXIT_OK
    unreadable = False
    for name in args.files:
        path = Path(name)
        reason = _read_error(path, lang)
        templates = []
        if reason is None:
            try:
                templates = loads_templates(path.read_bytes())
            except TemplateFileError as error:
                reason = error.message(lang)
            except OSError as error:
                reason = error.strerror or type(error).__name__
        if reason is not None:
            print(f"{name}: {reason}", file=sys.stderr)
            unreadable = True
            continue
        several = len(templates) > 1
        for template in templates:
            where = f"{name}[{template.name}]" if several else name
            for problem in validate(template, lang, catalogue, args.entity):
                if problem.is_error:
                    exit_code = EXIT_ERRORS
                record = {"file": name, "template": template.name, **problem.to_dict()}
                records.append(record)
                if not args.json:
                    print(f"{where}: {problem.field}: {problem.code}: {problem.message}")
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    return EXIT_UNREADABLE if unreadable else exit_code
