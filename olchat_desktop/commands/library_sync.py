"""``olchat-desktop library sync (--demo | --profile NAME) [--json]``: one sync of the team
library with the portal's shared Disk folder (issue 19).

The portal is a saved profile (its webhook or OAuth secret from the secret store) or
``--demo``: an embedded sandbox whose «OLChat шаблоны» folder already holds a colleague's
template. ``--demo`` works on a scratch copy of the library (unless ``--library`` names
one), so it never changes the real one. The first sync of a profile uses (or creates)
«OLChat шаблоны» in the portal's common storage; ``--folder ID`` picks another folder.
``--share-all`` shares every local template first, ``--share ID…`` the given ones.

Prints what moved and every conflict still open (``--json``: the sync report as JSON).
Exit status: 0 synced, 1 conflicts remain, 2 errors (no access, folder deleted, quota,
unreachable portal, unknown profile). Never prints a secret or a traceback.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from olchat_desktop.commands.command_lang import command_lang
from olchat_desktop.core.i18n import Lang, text

EXIT_ERRORS = 2
DEMO_PROFILE = "demo"


def register(actions: Any) -> None:
    sync = actions.add_parser(
        "sync",
        help="sync the team library with the portal's shared Disk folder",
        description="Run one sync of shared templates with the portal's Disk folder. Exit 0 "
        "when in sync, 1 when conflicts remain, 2 on errors.",
    )
    target = sync.add_mutually_exclusive_group(required=True)
    target.add_argument("--demo", dest="sync_demo", action="store_true", help="embedded sandbox")
    target.add_argument("--profile", metavar="NAME", help="name of a saved portal profile")
    sync.add_argument("--json", action="store_true", help="print the sync report as JSON")
    sync.add_argument("--folder", type=int, metavar="ID", help="use this Disk folder")
    sync.add_argument("--share-all", action="store_true", help="share every local template")
    sync.add_argument("--share", nargs="+", metavar="ID", help="share these templates")


class UsageError(Exception):
    """Bad input, already phrased for the user (and free of secrets)."""


def open_sandbox() -> Any:
    """The embedded sandbox for ``--demo`` (tests may replace it with their own)."""
    from olchat_desktop.sandbox import Sandbox

    return Sandbox().start()


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.bitrix.errors import BitrixError
    from olchat_desktop.connections.errors import MissingSecretError
    from olchat_desktop.redaction import redact
    from olchat_desktop.sharing.errors import SharingError
    from olchat_desktop.storage.library_errors import LibraryError
    from olchat_desktop.storage.secret_errors import SecretStoreError

    lang = command_lang(args)
    try:
        with ExitStack() as stack:
            report = _sync(args, lang, stack)
    except SharingError as error:
        print(f"error: {error.message(lang)}", file=sys.stderr)
        return EXIT_ERRORS
    except BitrixError as error:
        print(f"error: {error.user_message(lang)}", file=sys.stderr)
        return EXIT_ERRORS
    except (MissingSecretError, SecretStoreError) as error:
        print(f"error: {error.user_message(lang)}", file=sys.stderr)
        return EXIT_ERRORS
    except LibraryError as error:
        print(f"error: {error.message(lang)}", file=sys.stderr)
        return EXIT_ERRORS
    except UsageError as error:
        print(f"error: {redact(str(error))}", file=sys.stderr)
        return EXIT_ERRORS
    except (OSError, ValueError) as error:
        print(f"error: {type(error).__name__}: {redact(str(error))}", file=sys.stderr)
        return EXIT_ERRORS
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines(lang)))
    return int(report.exit_code)


def _sync(args: argparse.Namespace, lang: Lang, stack: ExitStack) -> Any:
    from olchat_desktop.bitrix.disk import DiskClient
    from olchat_desktop.sharing.engine import SharedLibrarySync
    from olchat_desktop.sharing.folders import ensure_default_folder, use_folder
    from olchat_desktop.sharing.state import SyncState
    from olchat_desktop.storage.library import TemplateLibrary

    if args.sync_demo:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="olchat-sync-")))
        library_path = args.library or _scratch_copy(scratch)
        state = SyncState(scratch / "shared_sync.sqlite3")
        client, profile = _demo_client(stack), DEMO_PROFILE
    else:
        library_path = args.library
        state = SyncState()
        client, profile = _profile_client(args.profile, lang)
    stack.callback(state.close)
    stack.callback(client.close)
    disk = DiskClient(client)
    stack.callback(disk.close)
    library = stack.enter_context(TemplateLibrary(library_path))
    if args.folder is not None:
        folder = state.folder(profile)
        if folder is None or folder.folder_id != args.folder:
            use_folder(state, disk, profile, args.folder)
    else:
        ensure_default_folder(state, disk, profile)
    engine = SharedLibrarySync(library, state, disk, profile, lang=lang)
    if args.share_all:
        engine.share(t.id for t in library.list_templates())
    elif args.share:
        known = {t.id for t in library.list_templates()}
        unknown = [tid for tid in args.share if tid not in known]
        if unknown:
            raise UsageError(text(lang, "no template with id ") + ", ".join(unknown))
        engine.share(args.share)
    return engine.sync()


def _scratch_copy(folder: Path) -> Path:
    """A copy of the data home's library (SQLite's backup: consistent even while the app
    writes), so ``--demo`` never changes the real library."""
    from olchat_desktop.paths import library_path

    target = folder / "library.sqlite3"
    source = library_path()
    if source.exists():
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        dst.close()
        src.close()
    return target


def _demo_client(stack: ExitStack) -> Any:
    """The sandbox's admin webhook; a colleague (the manager) has shared one template."""
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.sharing.demo import seed_colleague_template

    sandbox = open_sandbox()
    stack.callback(sandbox.stop)
    seed_colleague_template(sandbox)
    return BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")


def _profile_client(name: str, lang: Lang) -> tuple[Any, str]:
    from olchat_desktop.connections.service import ConnectionService
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store

    store = ProfileStore(shared_secret_store())
    try:
        store.load()
    except ProfilesError as error:
        raise UsageError(error.user_message(lang)) from None
    for profile in store.portals:
        if profile.name.casefold() == name.strip().casefold():
            return ConnectionService(store).bitrix_client(profile.id), profile.id
    known = ", ".join(p.name for p in store.portals) or "—"
    raise UsageError(
        text(lang, "no portal profile named {name!r} (known: {known})").format(
            name=name, known=known
        )
    )
