"""``olchat-desktop portal check WEBHOOK_URL [--json]``: test a Bitrix24 portal connection.

Success: exit 0; a readable summary, or with ``--json`` the object
``{"portal", "user_id", "user_name", "admin", "scopes", "missing"}`` (issue 3 point 7).
Failure: exit 1 and one line on stderr naming the error code and what to do; never the
secret, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from olchat_desktop.commands.command_lang import command_lang
from olchat_desktop.core.i18n import Lang

EXIT_OK = 0
EXIT_FAILED = 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "portal", help="Bitrix24 portal tools", description="Bitrix24 portal tools."
    )
    actions = parser.add_subparsers(dest="portal_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="who am I, admin or not, granted and missing scopes",
        description="Check a webhook: user, admin rights, scopes and what each feature lacks.",
    )
    check.add_argument("webhook_url", metavar="WEBHOOK_URL", help="incoming webhook URL")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--ca-bundle", metavar="PATH", help="CA bundle for on-premise portals")
    check.add_argument(
        "--rate-profile",
        choices=["standard", "enterprise", "off"],
        default="standard",
        help="client-side request limit (default: standard, 2/s with a burst of 50)",
    )
    parser.set_defaults(run=run)


def _summary(result: Any, lang: Lang) -> list[str]:
    from olchat_desktop.core.i18n import text

    lines = [
        text(lang, "Portal: {portal}").format(portal=result.portal),
        text(lang, "User: {name} (ID {id})").format(name=result.user_name, id=result.user_id),
        text(lang, "Admin: yes") if result.admin else text(lang, "Admin: no"),
        text(lang, "Scopes: {scopes}").format(scopes=", ".join(result.scopes) or "—"),
    ]
    if result.missing:
        for feature, scopes in result.missing.items():
            lines.append(
                "  "
                + text(lang, "missing scopes for {feature}: {scopes}").format(
                    feature=feature, scopes=", ".join(scopes)
                )
            )
    else:
        lines.append(text(lang, "Every feature is available."))
    return lines


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.check import check_portal
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.bitrix.errors import BitrixError
    from olchat_desktop.bitrix.webhook_url import WebhookUrlError, parse_webhook_url
    from olchat_desktop.redaction import redact

    lang = command_lang(args)
    try:
        webhook = parse_webhook_url(args.webhook_url)
        verify: bool | str = args.ca_bundle or True
        client = BitrixClient(WebhookAuth(webhook), rate_profile=args.rate_profile, verify=verify)
        with client:
            result = check_portal(client)
    except WebhookUrlError as exc:
        print(f"error: {exc.code}: {exc.message(lang)}", file=sys.stderr)
        return EXIT_FAILED
    except BitrixError as exc:
        print(f"error: {exc.user_message(lang)}", file=sys.stderr)
        return EXIT_FAILED
    except (OSError, ValueError) as exc:  # e.g. an unreadable CA bundle
        print(f"error: {type(exc).__name__}: {redact(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        print("\n".join(_summary(result, lang)))
    return EXIT_OK
