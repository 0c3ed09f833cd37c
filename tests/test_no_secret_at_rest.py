"""Issue 4 point 6: after a full scripted flow, no secret is found at rest or in output.

The flow runs against the sandbox over loopback: a webhook portal, an OAuth portal signed in
through the loopback redirect and refreshed twice (clock moved past 3600 s each time), an
OLChat line, a test send through the send path (``send_via_olchat``, recorded in the send
history), a remembered workflow mapping, a template export, and forced errors (bad webhook
secret, bad OLChat token, invalid_grant, an HTML page instead of JSON). The app writes no
log file of its own, so the test attaches a DEBUG file handler under ``logs/`` in the data
home, as a log file would be. Then every file under the data home (settings.json with the
remembered keyring, profiles.json, history.sqlite3, workflow_mappings.json, the library,
the export, the log file), the captured logs, stdout and stderr are searched for each
secret and its URL-encoded forms: zero hits.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx
import pytest

from olchat_desktop import paths
from olchat_desktop.bitrix.auth import OAuthAuth
from olchat_desktop.bitrix.errors import BitrixError, SignInAgainError
from olchat_desktop.bitrix.webhook_url import parse_portal_address
from olchat_desktop.cancel import CancelToken
from olchat_desktop.connections.oauth_flow import LoopbackListener, build_authorize_url, new_state
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.olchat import OlchatError
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.send.history import HistoryEntry, SendHistory
from olchat_desktop.send.mapping import MappingStore
from olchat_desktop.send.olchat_path import OlchatSendRequest, send_via_olchat
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_transfer import export_bundle
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store


def forms(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), quote_plus(secret)}


def test_no_secret_at_rest_or_in_output(
    sandbox: Sandbox,
    olchat_home: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "olchat_desktop"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    log_file = logging.FileHandler(paths.logs_dir() / "olchat-desktop.log", encoding="utf-8")
    log_file.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(log_file)
    try:
        secrets = run_flow(sandbox, olchat_home)
    finally:
        logging.getLogger().removeHandler(log_file)
        log_file.close()
    texts = {"logs": caplog.text + "\n".join(r.getMessage() for r in caplog.records)}
    texts |= {"errors": "\n".join(secrets.pop("errors"))}
    out, err = capfd.readouterr()
    texts |= {"stdout": out, "stderr": err}
    for path in olchat_home.rglob("*"):
        if path.is_file():
            texts[path.relative_to(olchat_home).as_posix()] = path.read_bytes().decode(
                "utf-8", "replace"
            )
    # The flow really wrote each kind of file the app keeps (else the search proves little).
    written = set(texts)
    for name in (
        "settings.json",
        "profiles.json",
        "history.sqlite3",
        "workflow_mappings.json",
        "library.sqlite3",
        "export.olchat.json",
        "logs/olchat-desktop.log",
    ):
        assert name in written, name
    assert "keyring_backend" in texts["settings.json"]  # remembered after the first write
    assert "secret store" in texts["logs/olchat-desktop.log"]  # the log file is live
    all_secrets = secrets.pop("secrets")
    assert len(all_secrets) >= 10
    hits = [
        (where, secret[:4] + "…")
        for where, text in texts.items()
        for secret in all_secrets
        for form in forms(secret)
        if form in text
    ]
    assert hits == []


def run_flow(sandbox: Sandbox, olchat_home: Path) -> dict[str, list[str]]:
    """The scripted flow; returns every secret it used and the texts of caught errors."""
    store = shared_secret_store()
    profiles = ProfileStore(store)
    profiles.load()
    service = ConnectionService(profiles)
    secrets: set[str] = set()

    # Webhook portal.
    hook = sandbox.webhook_url("admin")
    secrets.add(hook.rstrip("/").rsplit("/", 1)[-1])
    portal = service.save_webhook_portal("Hook", hook).profile
    service.test_portal(portal.id)

    # OAuth portal through the browser + loopback listener, then two refreshes.
    state = new_state()
    with LoopbackListener(state) as listener:
        url = build_authorize_url(
            parse_portal_address(sandbox.base_url),
            sandbox.oauth_client_id,
            state,
            listener.redirect_uri,
        )
        # This client plays the system browser, a separate process in real life: its own
        # httpcore DEBUG lines (the redirect's Location holds the code) are not app logs.
        logging.disable(logging.CRITICAL)
        try:
            with httpx.Client(follow_redirects=True, trust_env=False) as browser:
                browser.get(url)
        finally:
            logging.disable(logging.NOTSET)
        reply = listener.wait(5)
    secrets |= {reply.code, sandbox.oauth_client_secret}
    oauth = service.complete_oauth(
        "App", sandbox.base_url, sandbox.oauth_client_id, sandbox.oauth_client_secret, reply
    ).profile
    for _ in range(2):
        for kind in ("access_token", "refresh_token"):
            secrets.add(store.get(oauth.id, kind) or "")
        sandbox.clock.advance(3601)
        service.test_portal(oauth.id)
    for kind in ("access_token", "refresh_token"):
        secrets.add(store.get(oauth.id, kind) or "")

    # OLChat line and a test send.
    token = sandbox.olchat.connected_token
    secrets.add(token)
    line, _status = service.save_line("Line", sandbox.olchat_base_url, token)
    library = TemplateLibrary()
    template = library.create()
    template = template.model_copy(update={"message": "Test from the no-secret-at-rest flow"})
    history = SendHistory()
    entry = HistoryEntry.start("send-1", "olchat", line.name, "79991234567", template)
    history.record(entry)
    request = OlchatSendRequest(template, "79991234567", "en", status_timeout=5, poll_interval=0.05)
    with service.olchat_client(line.id) as client:
        outcome = send_via_olchat(client, request, "send-1", CancelToken(), lambda _step: None)
    assert outcome.result in ("sent", "delivered", "read"), outcome.detail
    history.record(entry.finished(outcome))
    assert history.get("send-1") is not None
    # A remembered workflow mapping for the webhook portal.
    MappingStore().save(portal.member_id or portal.domain, 7, {"PHONE": "recipient"})

    # Template export via the library.
    export_bundle(library, olchat_home / "export.olchat.json", [template.id])
    library.close()

    # Forced errors: bad webhook secret, bad OLChat token, invalid_grant, HTML page.
    bad_hook = hook.rstrip("/")[:-6] + "zzzzzz/"
    secrets.add(bad_hook.rstrip("/").rsplit("/", 1)[-1])
    with pytest.raises(BitrixError):
        service.save_webhook_portal("Bad", bad_hook)
    bad_token = "f" * 32
    secrets.add(bad_token)
    with pytest.raises(OlchatError):
        service.save_line("Bad line", sandbox.olchat_base_url, bad_token)
    dead = store.get(oauth.id, "refresh_token") or ""
    store.set(oauth.id, "refresh_token", "0" * 40)
    secrets.add("0" * 40)
    sandbox.clock.advance(3601)
    with pytest.raises(SignInAgainError) as caught:
        service.test_portal(oauth.id)
    store.set(oauth.id, "refresh_token", dead)
    html_errors: list[str] = [repr(caught.value), str(caught.value)]
    # An HTML page where JSON was expected (the portal's sign-in error page).
    with pytest.raises(BitrixError) as html_error:
        OAuthAuth.from_code(
            "local.unknown.app",
            sandbox.oauth_client_secret,
            "c" * 24,
            token_url=sandbox.oauth_authorize_url,
        )
    html_errors += [str(html_error.value), repr(html_error.value)]
    secrets.add("c" * 24)

    secrets.discard("")
    return {"secrets": sorted(secrets), "errors": html_errors}
