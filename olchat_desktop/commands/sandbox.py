"""``olchat-desktop sandbox [--port N] [--crm-items N [--seed S]]``: run the sandbox portal.

Prints what a tester pastes into the app (webhook URLs, OAuth client credentials, the
OLChat token; all of them sandbox-only values) and serves until Ctrl+C or SIGTERM.
Exit codes: 0 stopped normally; 1 the port could not be opened.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="run the embedded Bitrix24 + OLChat sandbox portal on 127.0.0.1",
        description="Run the sandbox portal (an emulated Bitrix24 portal and OLChat account) "
        "on 127.0.0.1 until interrupted.",
    )
    parser.add_argument(
        "--port", type=int, default=0, help="TCP port to listen on (default: a free port)"
    )
    parser.add_argument(
        "--rate-profile",
        choices=["standard", "enterprise", "off"],
        default="standard",
        help="request-rate limit to emulate (default: standard, 2/s with a burst of 50)",
    )
    parser.add_argument(
        "--crm-items",
        type=int,
        default=0,
        metavar="N",
        help="also seed N deals with their contacts and companies (for check-data)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="random seed of --crm-items (default 1)"
    )
    parser.set_defaults(run=run)


def describe(sandbox: Any) -> list[str]:
    """The lines printed at start-up, bilingual, one value per line for easy copying."""
    olchat = getattr(sandbox.olchat, "connected_token", None)
    lines = [
        "Песочница запущена / Sandbox running: " + sandbox.base_url,
        "Вебхук администратора / Admin webhook:   " + sandbox.webhook_url("admin"),
        "Вебхук менеджера / Manager webhook:      " + sandbox.webhook_url("manager"),
        "OAuth client_id:                         " + sandbox.oauth_client_id,
        "OAuth client_secret:                     " + sandbox.oauth_client_secret,
        "OAuth authorize URL:                     " + sandbox.oauth_authorize_url,
        "OAuth token URL:                         " + sandbox.oauth_token_url,
        "OLChat API base URL:                     " + sandbox.olchat_base_url,
        "OLChat token:                            " + (olchat or "— (emulator unavailable)"),
        "Остановить: Ctrl+C / Stop: Ctrl+C",
    ]
    return lines


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.sandbox import Sandbox

    stop = threading.Event()
    sandbox = Sandbox(port=args.port, rate_profile=args.rate_profile)
    if args.crm_items < 0:
        print("--crm-items: N ≥ 0", file=sys.stderr)
        return EXIT_FAILED
    if args.crm_items:
        from olchat_desktop.sandbox.seed_bulk import add_bulk_crm

        added = add_bulk_crm(sandbox.portal, args.crm_items, args.seed)
        print(
            f"CRM: {len(added.deal_ids)} сделок / deals, {len(added.contact_ids)} контактов / "
            f"contacts, {len(added.company_ids)} компаний / companies (seed {args.seed})",
            flush=True,
        )
    try:
        sandbox.start()
    except OSError as err:
        print(
            f"Не удалось открыть порт {args.port} / Cannot open port {args.port}: {err.strerror}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    # SIGTERM (service managers, CI) stops as cleanly as Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        print("\n".join(describe(sandbox)), flush=True)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return EXIT_OK
