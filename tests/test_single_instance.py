"""One window per library (issue 18, point 4) with real processes: a second start hands
its files to the running window and exits 0, a crashed start's socket is replaced, racing
starts end with one window, --new-instance opts out, another user's socket is refused.

Each test has its own data home and private runtime dir. Processes run the real entry
point (``python -m olchat_desktop``) offscreen; the first window is closed with SIGTERM,
which closes it as Quit does (settings saved)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop import single_instance
from olchat_desktop.core.fileformat import dumps_template
from olchat_desktop.core.template import Template

START_TIMEOUT = 60.0


@pytest.fixture
def env(olchat_home: Path, tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    olchat_home.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OLCHAT_DESKTOP_HOME": str(olchat_home),
        "XDG_RUNTIME_DIR": str(runtime),
    }


@pytest.fixture
def endpoint(env: dict[str, str]) -> single_instance.Endpoint:
    return single_instance.Endpoint(Path(env["OLCHAT_DESKTOP_HOME"]), Path(env["XDG_RUNTIME_DIR"]))


class App:
    """A started app process and its log."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "olchat_desktop", "--lang", "en", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def log(self) -> str:
        path = Path(self.env["OLCHAT_DESKTOP_HOME"]) / "logs" / "olchat-desktop.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def close(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.stdout.close()  # type: ignore[union-attr]
            self.process.stderr.close()  # type: ignore[union-attr]


@pytest.fixture
def apps() -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        if app.process.poll() is None:
            app.process.kill()
        app.close()


def wait_for(condition, what: str, timeout: float = START_TIMEOUT) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def start_owner(apps: list[App], env: dict[str, str], endpoint: single_instance.Endpoint) -> App:
    app = App(env)
    apps.append(app)
    wait_for(lambda: endpoint.socket_path.exists() or app.process.poll() is not None, "the window")
    assert app.process.poll() is None, app.process.stderr.read().decode()  # type: ignore[union-attr]
    return app


def run_second(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "olchat_desktop", "--lang", "en", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        check=False,
    )


def template_ids_named(home: Path, name: str) -> list[str]:
    if not (home / "library.sqlite3").exists():
        return []  # the app has not created its library yet
    try:
        with sqlite3.connect(f"file:{home / 'library.sqlite3'}?mode=ro", uri=True) as conn:
            rows = conn.execute("SELECT id FROM templates WHERE name = ?", (name,)).fetchall()
    except sqlite3.OperationalError:  # created, but its tables not yet
        return []
    return [row[0] for row in rows]


def test_a_second_start_hands_its_file_to_the_window_and_exits(
    env: dict[str, str], endpoint: single_instance.Endpoint, apps: list[App], tmp_path: Path
) -> None:
    home = Path(env["OLCHAT_DESKTOP_HOME"])
    first = start_owner(apps, env, endpoint)
    path = tmp_path / "from-second.olchat.json"
    path.write_text(dumps_template(Template(name="Из второго запуска", message="м")), "utf-8")
    second = run_second(env, str(path))
    assert second.returncode == 0, second.stderr
    wait_for(lambda: "opened a template file: imported 1" in first.log(), "the import")
    [template_id] = template_ids_named(home, "Из второго запуска")
    # Again, and with no file at all: nothing more is imported, the window is raised.
    assert run_second(env, str(path)).returncode == 0
    assert run_second(env).returncode == 0
    wait_for(lambda: first.log().count("hand-off from another start") == 3, "three hand-offs")
    assert first.close() == 0
    assert template_ids_named(home, "Из второго запуска") == [template_id]
    settings = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert settings["last_template_id"] == template_id  # the first window showed it
    assert not endpoint.socket_path.exists()  # a clean exit removes its socket


def test_the_first_start_opens_the_files_on_its_command_line(
    env: dict[str, str], endpoint: single_instance.Endpoint, apps: list[App], tmp_path: Path
) -> None:
    home = Path(env["OLCHAT_DESKTOP_HOME"])
    path = tmp_path / "с командной строки.olchat.json"
    path.write_text(dumps_template(Template(name="С командной строки", message="т")), "utf-8")
    app = App(env, str(path))
    apps.append(app)
    wait_for(lambda: template_ids_named(home, "С командной строки"), "the imported template")
    [template_id] = template_ids_named(home, "С командной строки")
    wait_for(lambda: "opened a template file: imported 1" in app.log(), "the template shown")
    wait_for(endpoint.socket_path.exists, "the window to listen")
    assert app.close() == 0
    settings = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert settings["last_template_id"] == template_id
    assert settings["recent_files"] == [str(path)]


def test_a_crashed_window_leaves_a_socket_that_the_next_start_replaces(
    env: dict[str, str], endpoint: single_instance.Endpoint, apps: list[App]
) -> None:
    crashed = start_owner(apps, env, endpoint)
    crashed.process.kill()
    crashed.process.wait(timeout=30)
    assert endpoint.socket_path.exists()  # left behind: nobody listens on it any more
    with socket.socket(socket.AF_UNIX) as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(str(endpoint.socket_path))
    owner = App(env)
    apps.append(owner)
    wait_for(
        lambda: "replaced a stale instance socket" in owner.log() and endpoint.socket_path.exists(),
        "the new owner's socket",
    )
    assert run_second(env).returncode == 0
    wait_for(lambda: "hand-off from another start" in owner.log(), "the hand-off")
    assert owner.process.poll() is None


def test_racing_starts_end_with_one_window(
    env: dict[str, str], endpoint: single_instance.Endpoint, apps: list[App]
) -> None:
    racers = [App(env) for _ in range(3)]
    apps.extend(racers)
    wait_for(lambda: sum(app.process.poll() is None for app in racers) <= 1, "two to hand off")
    assert sorted(app.process.poll() for app in racers if app.process.poll() is not None) == [0, 0]
    [owner] = [app for app in racers if app.process.poll() is None]
    # The owner answers before it logs: the two that exited may be a moment ahead.
    wait_for(lambda: owner.log().count("hand-off from another start") == 2, "two hand-offs")


def test_new_instance_opts_out(
    env: dict[str, str], endpoint: single_instance.Endpoint, apps: list[App]
) -> None:
    first = start_owner(apps, env, endpoint)
    # The start-up probe makes the new window exit once painted: it did not hand off.
    probe = run_second({**env, "OLCHAT_DESKTOP_STARTUP_PROBE": "1"}, "--new-instance")
    assert probe.returncode == 0, probe.stderr
    assert len(probe.stdout.split()) == 2  # "<time> <peak RSS>" from its own window
    assert "hand-off" not in first.log()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_socket_path_owned_by_another_user_is_refused(
    env: dict[str, str], endpoint: single_instance.Endpoint
) -> None:
    endpoint.lock_path.touch()
    os.chown(endpoint.lock_path, 65534, 65534)
    result = run_second(env)
    assert result.returncode == 2
    assert "belongs to another user (uid 65534)" in result.stderr
    assert str(endpoint.lock_path) in result.stderr
    # The Russian message, with --lang ru.
    russian = run_second(env, "--lang", "ru")
    assert "принадлежит другому пользователю" in russian.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_shared_runtime_fallback_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    planted = tmp_path / f"olchat-desktop-{os.getuid()}"
    planted.mkdir(mode=0o700)
    os.chown(planted, 65534, 65534)
    with pytest.raises(single_instance.InstanceRefused) as refused:
        single_instance.runtime_dir()
    assert "uid 65534" in refused.value.message("en")


def test_an_open_runtime_dir_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert single_instance.runtime_dir() == tmp_path / f"olchat-desktop-{os.getuid()}"
    assert (tmp_path / f"olchat-desktop-{os.getuid()}").stat().st_mode & 0o777 == 0o700


def test_the_lock_is_exclusive_and_freed_on_release(endpoint: single_instance.Endpoint) -> None:
    first = single_instance.try_lock(endpoint)
    assert first is not None
    assert single_instance.try_lock(endpoint) is None
    first.release()
    again = single_instance.try_lock(endpoint)
    assert again is not None
    again.release()


def test_one_library_under_two_paths_is_one_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "link").symlink_to(home)
    assert single_instance.instance_key(tmp_path / "link") == single_instance.instance_key(home)


def test_a_wayland_activation_token_travels_with_the_hand_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "launcher-token-1")
    message = single_instance.encode_request([])
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN")
    single_instance.take_activation_token(message.strip())
    assert os.environ["XDG_ACTIVATION_TOKEN"] == "launcher-token-1"


def test_hand_off_messages_keep_non_utf8_paths_and_refuse_garbage() -> None:
    odd = os.fsdecode(b"/tmp/\xff\xfe.olchat.json")
    message = single_instance.encode_request([odd, "/tmp/b.json"])
    assert message.endswith(b"\n") and message.isascii()
    assert single_instance.decode_request(message.strip()) == [odd, "/tmp/b.json"]
    for garbage in (b"hello", b'{"protocol": 99, "files": []}', b'{"protocol": 1, "files": 3}'):
        with pytest.raises(ValueError):
            single_instance.decode_request(garbage)


CLIENT = """
import sys
from pathlib import Path
from olchat_desktop import single_instance
from olchat_desktop.ui.instance_server import hand_off
endpoint = single_instance.Endpoint(Path(sys.argv[1]), Path(sys.argv[2]))
sys.exit(0 if hand_off(endpoint, sys.argv[3:]) else 1)
"""


def test_the_server_ignores_garbage_and_answers_a_hand_off(
    qtbot: QtBot, endpoint: single_instance.Endpoint, env: dict[str, str]
) -> None:
    from olchat_desktop.ui.instance_server import InstanceServer

    lock = single_instance.try_lock(endpoint)
    assert lock is not None
    endpoint.socket_path.write_bytes(b"")  # a leftover file where the socket goes
    server = InstanceServer(endpoint)
    assert server.listen()
    received: list[list[str]] = []
    server.requested.connect(received.append)
    with socket.socket(socket.AF_UNIX) as raw:
        raw.connect(str(endpoint.socket_path))
        raw.sendall(b"GET / HTTP/1.0\r\n\r\n")
        qtbot.wait(200)
        raw.settimeout(1)
        assert raw.recv(16) == b""  # dropped without an answer
    assert received == []
    # The client side as a second start runs it: another process, blocking calls.
    client = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CLIENT,
            env["OLCHAT_DESKTOP_HOME"],
            env["XDG_RUNTIME_DIR"],
            "/tmp/x.olchat.json",
        ],
        env=env,
    )
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=30_000)
    assert client.returncode == 0
    assert received == [["/tmp/x.olchat.json"]]
    server.close()
    assert not endpoint.socket_path.exists()
    lock.release()
