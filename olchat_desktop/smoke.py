"""``olchat-desktop --smoke-test``: prove a build works, in about a second, then exit.

Runs with a temporary data home: builds the main window (library loaded, demo templates
seeded), starts the sandbox portal and calls it over loopback, does a keyring round trip
(or reports cleanly that there is no keyring), renders a preview, prints each step's
timing and exits 0. Any Qt warning or Python warning during the run is a failure (exit 1),
so a bundle missing a plugin or a module shows up in CI rather than on a user's screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from typing import Any

BUDGET_SECONDS = 2.0
# Qt's offscreen platform (CI, no display) says this for every shown top-level window; it
# is about the platform plugin, not about the app, so it is the one message allowed.
EXPECTED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


class SmokeFailure(Exception):
    pass


def run_smoke_test(argv: list[str]) -> int:
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []
    previous_home = os.environ.get("OLCHAT_DESKTOP_HOME")
    with tempfile.TemporaryDirectory(prefix="olchat-smoke-") as home:
        os.environ["OLCHAT_DESKTOP_HOME"] = home
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        problems: list[str] = []
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                _run_steps(argv, timings, problems)
            problems += [f"Python warning: {w.category.__name__}: {w.message}" for w in caught]
        except Exception as error:  # reported as one line: the smoke test must not trace
            problems.append(f"{type(error).__name__}: {error}")
    if previous_home is None:
        os.environ.pop("OLCHAT_DESKTOP_HOME", None)
    else:
        os.environ["OLCHAT_DESKTOP_HOME"] = previous_home
    total = time.perf_counter() - started
    for name, seconds in timings:
        print(f"smoke: {name:<28} {seconds * 1000:8.1f} ms")
    print(f"smoke: {'total':<28} {total * 1000:8.1f} ms (budget {BUDGET_SECONDS:.0f} s)")
    for problem in problems:
        print(f"smoke: FAILED: {problem}", file=sys.stderr)
    if total > BUDGET_SECONDS:
        print(f"smoke: note: slower than the {BUDGET_SECONDS:.0f} s budget", file=sys.stderr)
    return 1 if problems else 0


def _timed(timings: list[tuple[str, float]], name: str, step: Callable[[], Any]) -> Any:
    begin = time.perf_counter()
    result = step()
    timings.append((name, time.perf_counter() - begin))
    return result


def _run_steps(argv: list[str], timings: list[tuple[str, float]], problems: list[str]) -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def on_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        serious = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if kind in serious and message not in EXPECTED_QT_MESSAGES:
            problems.append(f"Qt: {message}")

    previous = qInstallMessageHandler(on_qt_message)
    try:
        from olchat_desktop.app import build_main_window, ensure_application

        app = _timed(timings, "application", lambda: ensure_application(argv))
        window = _timed(timings, "main window (library)", lambda: build_main_window(argv))
        window.show()
        app.processEvents()
        _timed(timings, "sandbox portal call", _sandbox_round_trip)
        keyring_report = _timed(timings, "keyring round trip", _keyring_round_trip)
        print(f"smoke: keyring: {keyring_report}")
        _timed(timings, "preview render", _render_preview)
        _timed(timings, "translations", _check_translations)
        _timed(timings, "single-instance hand-off", _instance_hand_off)
        window.close()
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)


def _sandbox_round_trip() -> None:
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient
    from olchat_desktop.bitrix.webhook_url import parse_webhook_url
    from olchat_desktop.sandbox import Sandbox

    with Sandbox() as sandbox:
        auth = WebhookAuth(parse_webhook_url(sandbox.webhook_url("admin")))
        with BitrixClient(auth) as client:
            profile = client.result("profile")
    if not isinstance(profile, dict) or not profile.get("ID"):
        raise SmokeFailure("the sandbox portal answered profile without an ID")


def _keyring_round_trip() -> str:
    from olchat_desktop.storage.secrets import SecretStore, SecretStoreError

    store = SecretStore()
    profile_id = f"smoke-{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        store.set(profile_id, "webhook", value)
        ok = store.get(profile_id, "webhook") == value
        store.delete_profile(profile_id)
    except SecretStoreError as error:
        return f"unavailable ({error.user_message('en')})"
    if not ok:
        raise SmokeFailure("the keyring returned a different secret than was stored")
    return store.location_text("en")


def _instance_hand_off() -> None:
    """A hand-off over QLocalServer/QLocalSocket in a private temporary folder: proves the
    bundle carries QtNetwork, which a second start needs to reach the running window.
    Both ends run on this thread's event loop (a second start is another process; a
    blocking client on a thread here would hold the GIL while the server waits for it)."""
    from pathlib import Path

    from PySide6.QtNetwork import QLocalSocket
    from PySide6.QtWidgets import QApplication

    from olchat_desktop import single_instance
    from olchat_desktop.paths import data_home
    from olchat_desktop.ui.instance_server import InstanceServer

    with tempfile.TemporaryDirectory(prefix="olchat-smoke-run-") as runtime:
        endpoint = single_instance.Endpoint(data_home(), Path(runtime))
        server = InstanceServer(endpoint)
        received: list[list[str]] = []
        server.requested.connect(received.append)
        if not server.listen():
            raise SmokeFailure("could not listen on a local socket")
        client = QLocalSocket()
        answer = bytearray()
        client.readyRead.connect(lambda: answer.extend(bytes(client.readAll().data())))
        client.connectToServer(endpoint.server_name)
        client.write(single_instance.encode_request([str(Path(runtime) / "t.olchat.json")]))
        deadline = time.monotonic() + 10
        while bytes(answer) != single_instance.ANSWER_OK and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.001)
        client.abort()
        server.close()
    if bytes(answer) != single_instance.ANSWER_OK or len(received) != 1:
        raise SmokeFailure("the single-instance hand-off was not answered")


def _check_translations() -> None:
    from olchat_desktop.core import i18n as core_i18n
    from olchat_desktop.ui import i18n

    # The gettext catalogues (package data): a bundle that lost them would show English.
    for language in core_i18n.LANGS:
        if language == core_i18n.SOURCE_LANG:
            continue
        if core_i18n.translator(language).info().get("language") != language:
            raise SmokeFailure(f"the {language} gettext catalogue did not load")

    previous = i18n.current_language()
    try:
        for language in i18n.LANGUAGES:
            if not i18n.install_language(language):
                raise SmokeFailure(f"the {language} translation catalogue did not load")
    finally:
        i18n.install_language(previous)


def _render_preview() -> None:
    from olchat_desktop.core.template import Template
    from olchat_desktop.ui.preview import PreviewView

    view = PreviewView()
    view.set_template(
        Template(
            header="Как прошёл визит?",
            message="{{Имя}}, *оцените* нас 🙂",
            footer="Клиника «Здоровье»",
            buttons=["Понравилось", "Не понравилось"],
            samples={"{{Имя}}": "Анна"},
        )
    )
    image = view.grab_image()
    if image.isNull() or image.width() < 100:
        raise SmokeFailure("the preview rendered an empty image")
