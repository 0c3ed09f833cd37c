"""``olchat-desktop robots audit (WEBHOOK_URL_OR_PROFILE | --webhook URL | --profile NAME |
--demo) [--json] [--csv FILE] [--lang ru|en]``: list a portal's WhatsApp button robots and
what is wrong with them (issue 8).

The portal is a webhook URL, the name of a saved portal profile (its secret comes from the
shared secret store), or ``--demo`` (an embedded sandbox with seeded good and faulty
robots, read through its admin webhook). The audit itself is
:func:`olchat_desktop.robots.audit.audit_portal`; the exports are
:mod:`olchat_desktop.robots.audit_export`.

Output: one line per robot (template, document type, stage, robot title, error and
warning counts) followed by its problems as ``field: code: message``; or with ``--json``
the audit's JSON export. ``--csv FILE`` also writes the CSV export (UTF-8 with BOM, so
Excel reads it). Progress goes to stderr.

Exit status: 0 no robot has an error (warnings are fine); 1 some robot has an error;
2 bad input (malformed webhook URL, unknown profile, unreachable portal, refused
credentials, unwritable CSV file); 130 interrupted. Errors are one line on stderr, never a
traceback and never the secret.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from olchat_desktop.commands.command_lang import command_lang
from olchat_desktop.core.i18n import Lang, text

EXIT_OK, EXIT_ROBOT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "robots",
        help="the portal's WhatsApp button robots",
        description="Tools for the portal's WhatsApp button robots.",
    )
    actions = parser.add_subparsers(dest="robots_action", metavar="ACTION", required=True)
    audit = actions.add_parser(
        "audit",
        help="find every button robot on a portal and check it like the editor does",
        description="Read the portal's workflow and automation templates, list the button "
        "robots and their problems. Exit 0 when no robot has an error, 1 when one has, "
        "2 on bad input or when the portal cannot be read.",
    )
    audit.add_argument(
        "portal",
        nargs="?",
        metavar="WEBHOOK_URL_OR_PROFILE",
        help="incoming webhook URL or the name of a saved portal profile",
    )
    # The same named options as every other portal-using command (issue 14 point 6).
    audit.add_argument("--profile", dest="audit_profile", metavar="NAME", help="saved portal")
    audit.add_argument("--webhook", dest="audit_webhook", metavar="URL", help="webhook URL")
    audit.add_argument("--json", action="store_true", help="print the audit as JSON")
    audit.add_argument("--csv", metavar="FILE", help="also write the audit as CSV")
    audit.add_argument("--lang", dest="message_lang", choices=["ru", "en"])
    audit.add_argument(
        "--demo",
        dest="audit_demo",
        action="store_true",
        help="audit an embedded sandbox portal with seeded robots",
    )
    audit.add_argument(
        "--rate-profile",
        choices=["standard", "enterprise", "off"],
        default="standard",
        help="client-side request limit for a webhook URL (default: standard)",
    )
    parser.set_defaults(run=run)


def open_sandbox() -> Any:
    """The embedded sandbox for ``--demo`` (tests may replace this to use their own)."""
    from olchat_desktop.sandbox import Sandbox

    return Sandbox().start()


class UsageError(Exception):
    """Bad input, already phrased for the user (and free of secrets)."""


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.bitrix.errors import BitrixError
    from olchat_desktop.bitrix.webhook_url import WebhookUrlError
    from olchat_desktop.connections.errors import MissingSecretError
    from olchat_desktop.redaction import redact
    from olchat_desktop.storage.secret_errors import SecretStoreError

    lang = command_lang(args)
    if args.csv and not Path(args.csv).resolve().parent.is_dir():
        # Refuse before reading 500 templates only to fail at the end.
        print(f"error: {args.csv}: " + text(lang, "no such folder"), file=sys.stderr)
        return EXIT_USAGE
    try:
        with ExitStack() as stack:
            client = _open_client(args, lang, stack)
            report = _audit(client, lang)
    except WebhookUrlError as exc:
        print(f"error: {exc.code}: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BitrixError as exc:
        print(f"error: {exc.user_message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except (MissingSecretError, SecretStoreError) as exc:  # keyring empty or unusable
        print(f"error: {exc.user_message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"error: {redact(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError) as exc:  # e.g. a keyring or profiles file that cannot be read
        print(f"error: {type(exc).__name__}: {redact(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(text(lang, "interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    return _output(args, report, lang)


def _audit(client: Any, lang: Lang) -> Any:
    from olchat_desktop.robots.audit import audit_portal

    def progress(done: int, total: int) -> None:
        line = text(lang, "audit: {done}/{total} templates…").format(done=done, total=total)
        print(line, file=sys.stderr, flush=True)

    with client:
        return audit_portal(client, lang=lang, progress=progress)


def _open_client(args: argparse.Namespace, lang: Lang, stack: ExitStack) -> Any:
    """A BitrixClient for the portal the user named; the caller enters it."""
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.bitrix.webhook_url import parse_webhook_url

    if args.audit_demo:
        sandbox = open_sandbox()
        stack.callback(sandbox.stop)
        # The sandbox has its own leaky bucket; no client-side pacing needed for the demo.
        return BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")
    named = [n for n in (args.portal, args.audit_profile, args.audit_webhook) if n]
    if len(named) > 1:
        raise UsageError(text(lang, "name the portal once: a URL, --profile NAME or --webhook URL"))
    if args.audit_webhook:
        webhook = parse_webhook_url(args.audit_webhook)
        return BitrixClient(WebhookAuth(webhook), rate_profile=args.rate_profile)
    if args.audit_profile:
        client = _profile_client(args.audit_profile, lang)
        if client is None:
            raise UsageError(_unknown_profile(args.audit_profile, lang))
        return client
    target = (args.portal or "").strip()
    if not target:
        raise UsageError(text(lang, "give a webhook URL, a profile name or --demo"))
    if "/" not in target:
        client = _profile_client(target, lang)
        if client is not None:
            return client
        if "." not in target:  # neither a profile nor anything like an address
            raise UsageError(_unknown_profile(target, lang))
    webhook = parse_webhook_url(target)  # WebhookUrlError names the exact defect
    return BitrixClient(WebhookAuth(webhook), rate_profile=args.rate_profile)


def _load_profiles(lang: Lang) -> Any:
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store

    store = ProfileStore(shared_secret_store())
    try:
        store.load()
    except ProfilesError as exc:
        raise UsageError(exc.user_message(lang)) from None
    return store


def _profile_client(name: str, lang: Lang) -> Any:
    """The client of the saved portal profile called ``name``, or None when there is none.

    ConnectionService builds it like the Connections dialog does: the stored webhook
    secret or OAuth tokens, the profile's CA bundle and rate profile, renames persisted.
    """
    from olchat_desktop.connections.service import ConnectionService

    store = _load_profiles(lang)
    for profile in store.portals:
        if profile.name.casefold() == name.casefold():
            return ConnectionService(store).bitrix_client(profile.id)
    return None


def _unknown_profile(name: str, lang: Lang) -> str:
    known = ", ".join(p.name for p in _load_profiles(lang).portals) or "—"
    return text(lang, "no portal profile named {name!r} (known: {known})").format(
        name=name, known=known
    )


def _output(args: argparse.Namespace, report: Any, lang: Lang) -> int:
    from olchat_desktop.robots.audit_export import to_csv, to_json

    if args.csv:
        try:
            Path(args.csv).write_text(to_csv(report), encoding="utf-8-sig")
        except OSError as exc:
            print(f"error: {args.csv}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.json:
        print(to_json(report))
    else:
        print("\n".join(summary_lines(report, lang)))
    return EXIT_ROBOT_ERRORS if any(robot.has_errors for robot in report.robots) else EXIT_OK


def summary_lines(report: Any, lang: Lang) -> list[str]:
    """The human summary: one line per robot, then its problems indented."""
    lines: list[str] = []
    for robot in report.robots:
        errors = sum(1 for problem in robot.problems if problem.is_error)
        warnings = len(robot.problems) - errors
        kind = text(lang, "automation") if robot.automation else "workflow"
        stage = robot.stage or "—"
        title = robot.title or robot.activity_name
        counts = text(lang, "{errors} error(s), {warnings} warning(s)").format(
            errors=errors, warnings=warnings
        )
        lines.append(
            f"#{robot.template_id} {robot.template_name} [{kind}] "
            f"{'/'.join(robot.document_type) or '—'} "
            + text(lang, "stage {stage}").format(stage=stage)
            + f": «{title}»: {counts}"
        )
        lines.extend(f"    {p.field}: {p.code}: {p.message}" for p in robot.problems)
    with_errors = sum(1 for robot in report.robots if robot.has_errors)
    lines.append(
        text(
            lang,
            "Templates read: {templates_read}, robots: {count}, with errors: "
            "{with_errors}, requests: {requests}.",
        ).format(
            templates_read=report.templates_read,
            count=len(report.robots),
            with_errors=with_errors,
            requests=report.requests,
        )
    )
    return lines
