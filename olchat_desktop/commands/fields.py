"""``olchat-desktop fields --entity deal|contact|lead|company [--json] [--refresh]
(--demo | --profile NAME | --webhook URL)``: print a portal's field catalogue.

One line per field: code, label, type (``*`` after it: multiple), and the items of a
list field; the first line says where the list comes from and how old it is. The
catalogue is cached per portal (``storage.field_catalogue_cache``); ``--refresh`` reads
the portal again (one ``batch`` request). ``--json`` prints
``{entity, source, fetched_at, fields: [{code, label, type, multiple, required,
read_only, custom, items: [{id, value}], status_type, display_form, code_form}]}``.

Exit status: 0 the portal's catalogue (fresh or cached) was printed; 1 the portal could
not be read and only the built-in list was printed; 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import ExitStack
from typing import Any

from olchat_desktop.commands.command_lang import command_lang
from olchat_desktop.core.i18n import Lang, text

EXIT_OK, EXIT_FALLBACK, EXIT_USAGE = 0, 1, 2
ENTITY_CHOICES = ["deal", "contact", "lead", "company"]


def register(subparsers: Any) -> None:
    from olchat_desktop.commands.portal_options import add_portal_options

    parser = subparsers.add_parser(
        "fields",
        help="print a portal's CRM field catalogue (codes, labels, types, list items)",
        description="Print a portal's CRM fields. Exit 0 the portal's list, 1 only the "
        "built-in list (portal unreachable), 2 bad input.",
    )
    parser.add_argument("--entity", choices=ENTITY_CHOICES, default="deal")
    parser.add_argument("--json", action="store_true", help="print the catalogue as JSON")
    parser.add_argument("--refresh", action="store_true", help="read the portal, not the cache")
    parser.add_argument("--lang", dest="message_lang", choices=["ru", "en"])
    add_portal_options(parser)
    parser.set_defaults(run=run)


def age_text(fetched_at: float, lang: Lang, now: float | None = None) -> str:
    minutes = max(0, int(((now or time.time()) - fetched_at) // 60))
    if minutes < 1:
        return text(lang, "just now")
    if minutes < 120:
        return text(lang, "{minutes} min ago").format(minutes=minutes)
    hours = minutes // 60
    if hours < 48:
        return text(lang, "{hours} h ago").format(hours=hours)
    return text(lang, "{value} days ago").format(value=hours // 24)


def field_json(field: Any) -> dict[str, Any]:
    return {
        "code": field.code,
        "label": field.label,
        "type": field.type,
        "multiple": field.multiple,
        "required": field.required,
        "read_only": field.read_only,
        "custom": field.custom,
        "items": [{"id": item.id, "value": item.value} for item in field.items],
        "status_type": field.status_type,
        "display_form": field.display_form(),
        "code_form": field.code_form(),
    }


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.commands.portal_options import error_text, open_portal, portal_catalogue

    lang = command_lang(args)
    try:
        with ExitStack() as stack:
            connection = open_portal(args, lang, stack)
            catalogue, from_portal = portal_catalogue(connection, lang, refresh=args.refresh)
    except Exception as exc:
        message = error_text(exc, lang)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    fields = catalogue.of_entity(args.entity)
    if args.json:
        payload = {
            "entity": args.entity,
            "source": catalogue.source if from_portal else "builtin",
            "fetched_at": catalogue.fetched_at,
            "fields": [field_json(field) for field in fields],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        if from_portal:
            age = age_text(catalogue.fetched_at, lang)
            print(text(lang, "# portal fields, read {age}").format(age=age))
        else:
            print(text(lang, "# built-in field list"))
        for field in fields:
            kind = field.type + ("*" if field.multiple else "")
            items = "; ".join(f"{item.id}={item.value}" for item in field.items)
            print("\t".join(part for part in (field.code, field.label, kind, items) if part))
    return EXIT_OK if from_portal else EXIT_FALLBACK
