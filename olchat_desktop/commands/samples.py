"""``olchat-desktop samples FILE --item deal:ID [--json] [--apply] (--demo | --profile NAME |
--webhook URL)``: each expression's value on a real CRM item.

Reads the portal's field catalogue (cached per portal), then the item with only the
fields the template prints and the names of the employees it prints (at most 2
requests, ``bitrix.crm_items``), and prints ``expression<TAB>value`` per expression
(line breaks and tabs in values shown as ``\\n``/``\\t``). Expressions that name no field
of the portal get no value and are listed on stderr. ``--apply`` writes the values into
the file's ``samples`` (other samples kept; a one-template file only). ``--json`` prints
``{item, title, requests, samples: {expression: value}, unresolved: [...]}``.

Exit status: 0 done; 1 the item or the portal could not be read; 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from olchat_desktop.core.i18n import Lang, text

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ENTITIES = ("deal", "contact", "lead", "company")


def register(subparsers: Any) -> None:
    from olchat_desktop.commands.portal_options import add_portal_options

    parser = subparsers.add_parser(
        "samples",
        help="fill a template's expression samples from a real CRM item",
        description="Print (or --apply) each expression's value on a CRM item. Exit 0 "
        "done, 1 the item or portal could not be read, 2 bad input.",
    )
    parser.add_argument("file", metavar="FILE", help="template file")
    parser.add_argument("--item", required=True, metavar="ENTITY:ID", help="e.g. deal:42")
    parser.add_argument("--json", action="store_true", help="print the values as JSON")
    parser.add_argument("--apply", action="store_true", help="write the values into FILE")
    parser.add_argument("--lang", dest="message_lang", choices=["ru", "en"])
    add_portal_options(parser)
    parser.set_defaults(run=run)


def _item(raw: str, lang: Lang) -> tuple[str, str]:
    entity, _, item_id = raw.strip().partition(":")
    entity = entity.strip().lower()
    if entity not in ENTITIES or not item_id.strip().isdigit():
        raise ValueError(
            text(
                lang,
                "--item: expected ENTITY:ID such as deal:42 (entity: {entities}), not {value!r}",
            ).format(entities=", ".join(ENTITIES), value=raw)
        )
    return entity, item_id.strip()


def _shown(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.commands.command_lang import command_lang
    from olchat_desktop.core.fileformat import TemplateFileError, loads_templates

    lang = command_lang(args)
    path = Path(args.file)
    try:
        entity, item_id = _item(args.item, lang)
        templates = loads_templates(path.read_bytes())
    except (OSError, TemplateFileError, ValueError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.apply and len(templates) != 1:
        print(
            "error: " + text(lang, "--apply: the file is a bundle"),
            file=sys.stderr,
        )
        return EXIT_USAGE
    return _fill(args, lang, path, templates[0], entity, item_id)


def _fill(
    args: argparse.Namespace, lang: Lang, path: Path, template: Any, entity: Any, item_id: str
) -> int:
    from olchat_desktop.bitrix.crm_items import samples_from_item
    from olchat_desktop.bitrix.errors import BitrixError
    from olchat_desktop.commands.portal_options import error_text, open_portal, portal_catalogue
    from olchat_desktop.core.item_samples import template_expressions

    try:
        with ExitStack() as stack:
            connection = open_portal(args, lang, stack)
            catalogue, _ = portal_catalogue(connection, lang)
            fill = samples_from_item(connection.client, template, catalogue, entity, item_id)
    except Exception as exc:
        message = error_text(exc, lang)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return EXIT_FAILED if isinstance(exc, BitrixError) else EXIT_USAGE
    sources = dict.fromkeys(e.source for e in template_expressions(template))
    unresolved = [source for source in sources if source not in fill.samples]
    for source in unresolved:
        print(
            "warning: " + text(lang, "{source}: no such portal field").format(source=source),
            file=sys.stderr,
        )
    if args.apply:
        from olchat_desktop.core.fileformat import dumps_template
        from olchat_desktop.storage.atomic import write_text_atomic

        origins = {**template.sample_origins, **dict.fromkeys(fill.samples, fill.item.ref)}
        updated = template.model_copy(
            update={"samples": {**template.samples, **fill.samples}, "sample_origins": origins}
        )
        write_text_atomic(path, dumps_template(updated), mode=0o644)
    if args.json:
        payload = {
            "item": fill.item.ref,
            "title": fill.item.title,
            "requests": fill.requests,
            "samples": fill.samples,
            "unresolved": unresolved,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(f"# {fill.item.ref} «{fill.item.title}»")
        for source, value in fill.samples.items():
            print(f"{source}\t{_shown(value)}")
    return EXIT_OK
