"""``olchat-desktop check-data FILE.json (--demo | --profile NAME | --webhook URL) --entity deal
[--filter JSON] [--limit N] [--json]``: the dry run of a template over real CRM items.

Reads the portal's field catalogue, then every item of the entity (or the filtered ones,
or the first N) with ``start=-1`` pages chained in ``batch`` requests
(:mod:`olchat_desktop.bitrix.crm_scan`), and evaluates the template on each
(:mod:`olchat_desktop.core.dry_run`). Prints a summary, or with ``--json`` the report whose
schema the README documents. Progress goes to stderr. Read-only.

``--demo`` runs an embedded sandbox portal seeded with ``--demo-items`` deals (3,000 by
default). ``--profile`` names a saved portal profile (its secret comes from the keyring,
as for ``robots audit``); ``--webhook`` takes an incoming webhook URL.

Exit status: 0 no item would break the message (warnings are fine; also "nothing to
check"); 1 some item would; 2 bad input (unreadable template, malformed filter or URL,
unknown profile) or the portal could not be read (connection failure, refused
credentials, a failure mid-run: the partial report is still printed); 130 interrupted
(the first Ctrl+C stops after the page in flight and prints the partial report).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from olchat_desktop.cancel import CancelToken
from olchat_desktop.commands.command_lang import command_lang
from olchat_desktop.commands.portal_options import add_portal_options
from olchat_desktop.core.i18n import Lang, text

EXIT_OK, EXIT_BREAKS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
ENTITIES = ("deal", "contact", "lead", "company")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-data",
        help="dry run: check a template against the portal's real CRM items",
        description="Evaluate a template against every CRM item (or a filtered subset) and "
        "report lengths over the limits, empty buttons, missing phones and more. Exit 0 when "
        "no item would break the message, 1 when some would, 2 on bad input or when the "
        "portal cannot be read.",
    )
    parser.add_argument("file", metavar="FILE.json", help="template file")
    add_portal_options(parser)  # --demo / --profile NAME / --webhook URL, shared (issue 14)
    parser.add_argument("--entity", choices=ENTITIES, default="deal")
    parser.add_argument("--filter", dest="filter_json", metavar="JSON", help="Bitrix24 filter")
    parser.add_argument("--category", metavar="ID", help="deal pipeline (CATEGORY_ID)")
    parser.add_argument("--stage", metavar="ID", help="stage (STAGE_ID)")
    parser.add_argument("--created-after", metavar="YYYY-MM-DD", help="created on or after")
    parser.add_argument("--limit", type=int, metavar="N", help="check at most N items")
    parser.add_argument(
        "--worst", type=int, default=100, metavar="N", help="offenders kept per problem"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--lang", dest="message_lang", choices=["ru", "en"])
    parser.add_argument("--demo-items", type=int, default=3000, metavar="N", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def open_sandbox(items: int) -> Any:
    """The embedded sandbox for ``--demo`` with bulk CRM data (tests may replace this)."""
    from olchat_desktop.sandbox import Sandbox
    from olchat_desktop.sandbox.seed_bulk import add_bulk_crm

    sandbox = Sandbox()
    add_bulk_crm(sandbox.portal, items)
    return sandbox.start()


def _connect(args: argparse.Namespace, lang: Lang, stack: ExitStack) -> Any:
    """The portal's client: the shared option helper, except that ``--demo`` seeds deals."""
    from olchat_desktop.commands.portal_options import open_portal

    if not args.portal_demo:
        return open_portal(args, lang, stack)
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.commands.portal_options import DEMO_KEY, PortalConnection

    sandbox = open_sandbox(max(args.demo_items, 0))
    stack.callback(sandbox.stop)
    client = stack.enter_context(BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))))
    return PortalConnection(client, DEMO_KEY, "sandbox", True)


@contextmanager
def _first_interrupt_stops(token: CancelToken, lang: Lang) -> Iterator[None]:
    """The first Ctrl+C stops the scan after the page in flight, so the report of what was
    read still prints; a second Ctrl+C aborts at once."""

    def stop(_signum: int, _frame: object) -> None:
        if token.cancelled:
            raise KeyboardInterrupt
        token.cancel()
        print(
            text(lang, "check-data: stopping after the current page (Ctrl+C again to abort)"),
            file=sys.stderr,
            flush=True,
        )

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress(progress: Any, _report: Any) -> None:
    estimate = f"/{progress.estimated}" if progress.estimated is not None else ""
    print(
        f"check-data: {progress.items_read}{estimate} items, {progress.requests} requests, "
        f"{progress.elapsed:.1f} s",
        file=sys.stderr,
        flush=True,
    )


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.bitrix.dry_run_check import FilterError, build_filter, check_items
    from olchat_desktop.commands.portal_options import (
        PortalUsageError,
        error_text,
        portal_catalogue,
        portal_given,
    )
    from olchat_desktop.core.fileformat import TemplateFileError, loads_templates

    lang = command_lang(args)
    try:
        if not portal_given(args):
            raise PortalUsageError(text(lang, "give --demo, --profile NAME or --webhook URL"))
        template = loads_templates(Path(args.file).read_bytes())[0]
        flt = build_filter(
            category=args.category,
            stage=args.stage,
            created_after=args.created_after,
            raw_json=args.filter_json,
        )
        if args.limit is not None and args.limit <= 0:
            raise PortalUsageError(text(lang, "--limit: N must be > 0"))
    except OSError as exc:
        print(f"error: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except TemplateFileError as exc:
        print(f"error: {args.file}: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except FilterError as exc:
        print(f"error: --filter: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except PortalUsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    token = CancelToken()
    try:
        with ExitStack() as stack:
            stack.enter_context(_first_interrupt_stops(token, lang))
            connection = _connect(args, lang, stack)
            client = connection.client
            before = client.requests_sent
            catalogue, _ = portal_catalogue(connection, lang)  # cached per portal
            report = check_items(
                client,
                template,
                catalogue,
                args.entity,
                flt=flt,
                limit=args.limit,
                token=token,
                on_progress=_progress,
                worst_n=max(args.worst, 0),
                lang=lang,
                extra_requests=client.requests_sent - before,
            )
    except KeyboardInterrupt:
        print(text(lang, "interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        message = error_text(exc, lang)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.summary_lines(lang)))
    if report.stopped == "error":
        print(f"error: {report.error}", file=sys.stderr)
        return EXIT_USAGE
    if report.stopped == "cancelled":
        return EXIT_INTERRUPTED
    return EXIT_BREAKS if report.breaks else EXIT_OK
