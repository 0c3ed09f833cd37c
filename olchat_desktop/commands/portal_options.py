"""The portal a command talks to: ``--demo``, ``--profile NAME`` or ``--webhook URL``.

One helper for every portal-using command (``fields``, ``samples``, ``validate`` with a
portal), so they all accept the same three ways and answer bad input the same way:

* ``--demo`` — an embedded sandbox portal, read through its admin webhook;
* ``--profile NAME`` — a saved portal profile; ``ConnectionService`` builds its client
  the way the Connections dialog does (keyring secret or OAuth tokens, CA bundle, rate
  profile);
* ``--webhook URL`` — an incoming webhook URL typed on the command line.

:func:`portal_catalogue` adds the per-portal catalogue cache (``storage.field_catalogue_cache``,
keyed by a hash of the portal's host): the cached catalogue is used unless ``refresh``;
a refresh that fails keeps it. :func:`error_text` turns every expected failure into one
line without a secret (or None for an unexpected exception).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import Any, NamedTuple

from olchat_desktop.core.i18n import Lang, text

DEMO_KEY = "sandbox-demo"


class PortalUsageError(Exception):
    """Bad input, already phrased for the user (and free of secrets)."""


class PortalConnection(NamedTuple):
    client: Any  # BitrixClient, entered by the caller's ExitStack
    key: str  # the catalogue cache key: a hash of the host, never the URL
    name: str
    demo: bool


def add_portal_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("portal (one of)")
    group.add_argument(
        "--demo", dest="portal_demo", action="store_true", help="an embedded sandbox portal"
    )
    group.add_argument("--profile", dest="portal_profile", metavar="NAME", help="saved portal")
    group.add_argument("--webhook", dest="portal_webhook", metavar="URL", help="webhook URL")
    group.add_argument(
        "--rate-profile",
        dest="portal_rate_profile",
        choices=["standard", "enterprise", "off"],
        default="standard",
        help="client-side request limit for --webhook (default: standard)",
    )


def portal_given(args: argparse.Namespace) -> bool:
    return bool(
        getattr(args, "portal_demo", False)
        or getattr(args, "portal_profile", None)
        or getattr(args, "portal_webhook", None)
    )


def open_sandbox() -> Any:
    """The embedded sandbox for ``--demo`` (tests replace this to use their own)."""
    from olchat_desktop.sandbox import Sandbox

    return Sandbox().start()


def open_portal(args: argparse.Namespace, lang: Lang, stack: ExitStack) -> PortalConnection:
    """A client for the portal the options name; closed by ``stack``."""
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.bitrix.webhook_url import parse_webhook_url
    from olchat_desktop.storage.field_catalogue_cache import portal_key

    chosen = [args.portal_demo, bool(args.portal_profile), bool(args.portal_webhook)]
    if sum(chosen) != 1:
        raise PortalUsageError(
            text(lang, "name the portal: --demo, --profile NAME or --webhook URL (one of them)")
        )
    if args.portal_demo:
        sandbox = open_sandbox()
        stack.callback(sandbox.stop)
        client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")
        stack.enter_context(client)
        return PortalConnection(client, DEMO_KEY, "sandbox", True)
    if args.portal_webhook:
        webhook = parse_webhook_url(args.portal_webhook)  # WebhookUrlError names the defect
        client = BitrixClient(WebhookAuth(webhook), rate_profile=args.portal_rate_profile)
        stack.enter_context(client)
        return PortalConnection(client, portal_key(client.domain), client.domain, False)
    return _profile_connection(args.portal_profile, lang, stack)


def _profile_connection(name: str, lang: Lang, stack: ExitStack) -> PortalConnection:
    from olchat_desktop.connections.service import ConnectionService
    from olchat_desktop.storage.field_catalogue_cache import portal_key
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store

    store = ProfileStore(shared_secret_store())
    try:
        store.load()
    except ProfilesError as exc:
        raise PortalUsageError(exc.user_message(lang)) from None
    for profile in store.portals:
        if profile.name.casefold() == name.casefold():
            client = ConnectionService(store).bitrix_client(profile.id)
            stack.enter_context(client)
            return PortalConnection(client, portal_key(profile.domain), profile.name, False)
    known = ", ".join(p.name for p in store.portals) or "—"
    raise PortalUsageError(
        text(lang, "no portal profile named {name!r} (known: {known})").format(
            name=name, known=known
        )
    )


def portal_catalogue(
    connection: PortalConnection, lang: Lang, *, refresh: bool = False
) -> tuple[Any, bool]:
    """(catalogue, read from the portal or its cache); problems are printed to stderr."""
    from olchat_desktop.bitrix.field_catalogue_fetch import load_catalogue
    from olchat_desktop.paths import data_home
    from olchat_desktop.storage.field_catalogue_cache import FieldCatalogueCache

    cache = None if connection.demo else FieldCatalogueCache(data_home())
    cached = cache.load(connection.key) if cache is not None else None
    if cached is not None and not refresh:
        return cached, True
    load = load_catalogue(connection.client, cached, lang=lang)
    for problem in load.problems:
        print(f"warning: {problem.message(lang, cached=cached is not None)}", file=sys.stderr)
    if load.fresh and cache is not None:
        cache.save(connection.key, load.catalogue)
    return load.catalogue, load.fresh or cached is not None


def error_text(exc: BaseException, lang: Lang) -> str | None:
    """One line for an expected failure of a portal command; None for anything else."""
    from olchat_desktop.bitrix.errors import BitrixError
    from olchat_desktop.bitrix.webhook_url import WebhookUrlError
    from olchat_desktop.connections.errors import MissingSecretError
    from olchat_desktop.redaction import redact
    from olchat_desktop.storage.secret_errors import SecretStoreError

    if isinstance(exc, WebhookUrlError):
        return f"{exc.code}: {exc.message(lang)}"
    if isinstance(exc, BitrixError | MissingSecretError | SecretStoreError):
        return exc.user_message(lang)
    if isinstance(exc, PortalUsageError):
        return redact(str(exc))
    if isinstance(exc, OSError | ValueError):  # a CA bundle or profiles file not readable
        return f"{type(exc).__name__}: {redact(str(exc))}"
    return None
