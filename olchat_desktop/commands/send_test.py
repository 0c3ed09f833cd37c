"""``olchat-desktop send-test FILE.json --via olchat|workflow (--profile NAME | --demo)
--phone NUMBER [--wait SECONDS] [--json]``: send a template to a test phone.

``--demo`` (or ``--profile sandbox``) runs against an embedded sandbox portal, so CI and
testers can try it with no account. Paths:

* ``--via olchat``: the line profile NAME; sends the TEXT rendition (OLChat's REST API
  has no buttons). ``--wait S`` waits up to S seconds for "delivered"/"read".
* ``--via workflow``: the portal profile NAME; starts ``--workflow-template ID`` (default:
  the first startable template) on ``--item deal:ID|contact:ID`` (default: the first item
  found by the phone). ``--wait S`` watches the workflow up to S seconds; when the
  template waits for a reply, the tapped button's text is printed.

Exit status: 0 a completed send (with ``--wait``: delivered/read, or the workflow
finished, and a reply when the template waits for one); 1 the send failed, timed out or
got no reply; 2 bad input (file, validation errors, unknown profile); 130 interrupted.
Progress goes to stderr; the result line (or ``--json`` object) to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from olchat_desktop.commands.command_lang import command_lang
from olchat_desktop.core.i18n import N_, Lang, text

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "send-test",
        help="send a template to a test phone (OLChat text or Bitrix24 workflow)",
        description="Send a template to a test phone. Exit 0 on a completed send, 1 when "
        "it failed or timed out, 2 on bad input.",
    )
    parser.add_argument("file", metavar="FILE.json", help="template file")
    parser.add_argument("--via", choices=["olchat", "workflow"], required=True)
    parser.add_argument("--profile", metavar="NAME", help="line or portal profile name")
    parser.add_argument(
        "--demo",
        dest="send_demo",
        action="store_true",
        help="use an embedded sandbox portal (same as --profile sandbox)",
    )
    parser.add_argument(
        "--webhook",
        dest="send_webhook",
        metavar="URL",
        help="a portal's incoming webhook URL (with --via workflow)",
    )
    parser.add_argument("--phone", required=True, metavar="NUMBER", help="recipient")
    parser.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait for delivery (olchat) or for the workflow/reply",
    )
    parser.add_argument("--workflow-template", type=int, metavar="ID")
    parser.add_argument("--item", metavar="deal:ID|contact:ID", help="CRM item to run on")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    parser.add_argument("--lang", dest="message_lang", choices=["ru", "en"])
    parser.set_defaults(run=run)


def open_sandbox() -> Any:
    """The embedded sandbox for ``--demo`` (tests replace this to use their own)."""
    from olchat_desktop.sandbox import Sandbox

    return Sandbox().start()


class UsageError(Exception):
    pass


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.core.fileformat import TemplateFileError, loads_templates
    from olchat_desktop.send.checks import send_problems

    lang = command_lang(args)
    try:
        templates = loads_templates(Path(args.file).read_bytes())
    except (OSError, TemplateFileError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    template = templates[0]
    problems = send_problems(template, args.phone, lang)
    errors = [p for p in problems if p.is_error]
    for problem in problems:
        label = "error" if problem.is_error else "warning"
        print(f"{label}: {problem.field}: {problem.code}: {problem.message}", file=sys.stderr)
    if errors:
        return EXIT_USAGE
    try:
        with ExitStack() as stack:
            return _send(args, template, lang, stack)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(text(lang, "interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED


def _targets(args: argparse.Namespace, stack: ExitStack, lang: Lang) -> Any:
    from olchat_desktop.send.connections import profile_targets, sandbox_targets

    if args.send_demo or (args.profile or "").casefold() == "sandbox":
        sandbox = open_sandbox()
        stack.callback(sandbox.stop)
        return sandbox_targets(sandbox)
    if args.send_webhook:
        return _webhook_targets(args, lang)
    if not args.profile:
        raise UsageError(text(lang, "give --profile NAME, --webhook URL or --demo"))
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store

    store = ProfileStore(shared_secret_store())
    try:
        store.load()
    except ProfilesError as exc:
        raise UsageError(exc.user_message(lang)) from None
    return profile_targets(store)


def _webhook_targets(args: argparse.Namespace, lang: Lang) -> Any:
    """One portal from ``--webhook URL``; OLChat lines only come from profiles."""
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.bitrix.services import BitrixServices
    from olchat_desktop.bitrix.webhook_url import WebhookUrlError, parse_webhook_url
    from olchat_desktop.send.connections import PortalChoice, SendTargets
    from olchat_desktop.send.workflow_path import WorkflowPortal

    if args.profile:
        raise UsageError(text(lang, "give --webhook URL or --profile NAME, not both"))
    if args.via != "workflow":
        raise UsageError(
            text(lang, "--webhook names a Bitrix24 portal: use it with --via workflow")
        )
    try:
        webhook = parse_webhook_url(args.send_webhook)
    except WebhookUrlError as exc:
        raise UsageError(f"{exc.code}: {exc.message(lang)}") from None

    def open_portal() -> WorkflowPortal:
        client = BitrixClient(WebhookAuth(webhook))
        return WorkflowPortal(BitrixServices(client), client.domain)

    return SendTargets(
        portals=(PortalChoice(webhook.portal.netloc, "webhook", open_portal),), lines=()
    )


def _pick(choices: Any, name: str | None, kind: str, lang: Lang) -> Any:
    """``kind``: a msgid naming the profile's kind (N_)."""
    if not choices:
        raise UsageError(
            text(lang, "no {kind} profile is configured").format(kind=text(lang, kind))
        )
    if name is None or name.casefold() == "sandbox":
        return choices[0]
    for choice in choices:
        if choice.name.casefold() == name.casefold():
            return choice
    known = ", ".join(c.name for c in choices)
    raise UsageError(
        text(lang, "no {kind} profile named {name!r} (known: {known})").format(
            kind=text(lang, kind), name=name, known=known
        )
    )


def _send(args: argparse.Namespace, template: Any, lang: Lang, stack: ExitStack) -> int:
    from olchat_desktop.cancel import CancelToken
    from olchat_desktop.core.phone import is_valid_phone
    from olchat_desktop.send.history import HistoryEntry, SendHistory
    from olchat_desktop.send.send_id import new_send_id

    if not is_valid_phone(args.phone):
        raise UsageError(
            text(lang, "{phone!r} is not a phone number (digits, e.g. 79991234567)").format(
                phone=args.phone
            )
        )
    targets = _targets(args, stack, lang)
    send_id = new_send_id()

    def report(text: str) -> None:
        print(f"[{send_id}] {text}", file=sys.stderr, flush=True)

    history = SendHistory()
    if args.via == "olchat":
        choice = _pick(targets.lines, args.profile, N_("OLChat line"), lang)
        entry = HistoryEntry.start(send_id, "olchat", choice.name, args.phone, template)
        history.record(entry)
        outcome = _send_olchat(args, template, lang, choice, send_id, CancelToken(), report)
    else:
        choice = _pick(targets.portals, args.profile, N_("portal"), lang)
        entry = HistoryEntry.start(send_id, "workflow", choice.name, args.phone, template)
        history.record(entry)
        outcome = _send_workflow(args, template, lang, choice, send_id, CancelToken(), report)
    history.record(entry.finished(outcome))
    ok = outcome.succeeded
    if args.via == "workflow" and not args.wait and outcome.result == "timeout":
        ok = outcome.status != "queued"  # started and sent; nobody asked us to wait
    if args.via == "workflow" and args.wait and template.wait_for_reply:
        ok = outcome.result == "replied"
    if args.json:
        print(json.dumps({**outcome.as_json(), "exit_ok": ok}, ensure_ascii=False))
    else:
        ids = outcome.message_id or outcome.workflow_id or "—"
        reply = f" reply: «{outcome.reply}»" if outcome.reply else ""
        print(f"{send_id}: {outcome.result} ({ids}){reply} {outcome.detail}".rstrip())
    return EXIT_OK if ok else EXIT_FAILED


def _send_olchat(
    args: Any, template: Any, lang: Lang, choice: Any, send_id: str, cancel: Any, report: Any
) -> Any:
    from olchat_desktop.send.olchat_path import OlchatSendRequest, send_via_olchat

    request = OlchatSendRequest(
        template,
        args.phone,
        lang,
        status_timeout=args.wait,
        poll_interval=min(2.0, max(args.wait / 5, 0.2)),
    )
    with choice.open_client() as client:
        return send_via_olchat(client, request, send_id, cancel, report)


def _send_workflow(
    args: Any, template: Any, lang: Lang, choice: Any, send_id: str, cancel: Any, report: Any
) -> Any:
    from olchat_desktop.send.mapping import MappingStore, parameter_values
    from olchat_desktop.send.workflow_path import (
        MAX_WAITING_PER_ITEM,
        CrmCandidate,
        document_kind,
    )
    from olchat_desktop.send.workflow_tracking import WorkflowSendRequest, start_and_track

    portal = choice.open_portal()
    with portal.services.client:
        templates = portal.templates()
        if args.workflow_template is not None:
            chosen = [t for t in templates if t.id == args.workflow_template]
        else:
            chosen = templates
        if not chosen:
            raise UsageError(text(lang, "no startable workflow template (see --workflow-template)"))
        workflow_template = chosen[0]
        kind = document_kind(workflow_template)
        if args.item:
            item_kind, _, raw_id = args.item.partition(":")
            if item_kind.upper() != kind or not raw_id.isdigit():
                raise UsageError(
                    text(lang, "--item must be {kind}:ID for this workflow template").format(
                        kind=kind.lower()
                    )
                )
            item = CrmCandidate(kind, int(raw_id), "")
        else:
            found = [c for c in portal.find_items(args.phone) if c.kind == kind]
            if not found:
                raise UsageError(
                    text(lang, "no {kind} found by {phone}; give --item").format(
                        kind=kind.lower(), phone=args.phone
                    )
                )
            item = found[0]
            # Say which item the phone found: the workflow writes to it (issue 14 point 6).
            found_by = text(lang, "found by the phone {phone}: {item}").format(
                phone=args.phone, item=item.label(lang)
            )
            print(found_by, file=sys.stderr, flush=True)
        report(f"{workflow_template.name} → {item.label(lang)}")
        running = portal.running_on(item.document_id)
        if len(running) >= MAX_WAITING_PER_ITEM:
            report(
                f"warning: {len(running)} workflows already run on this item; "
                "a third waiting one is queued by Bitrix24"
            )
        parameters = workflow_template.parameters or {}
        mapping = MappingStore().mapping_for(portal.key, workflow_template.id, parameters)
        values = parameter_values(template, args.phone, parameters, mapping)
        request = WorkflowSendRequest(
            workflow_template,
            item,
            values,
            template.wait_for_reply,
            lang,
            timeout=args.wait,
            poll_interval=min(2.0, max(args.wait / 10, 0.2)),
        )
        return start_and_track(portal, request, send_id, cancel, report)
