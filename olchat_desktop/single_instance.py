"""One window per library (issue 18): which start owns a data home, and where the running
window listens for the files of later starts.

The owner holds an exclusive ``flock`` on ``olchat-desktop-<key>.lock`` in the user's
runtime dir for its whole life, and listens on ``olchat-desktop-<key>.sock`` beside it
(``ui.instance_server``, a ``QLocalServer``). The key is the data home's device and inode
numbers, so two paths to one folder (a symlink, ``~`` versus ``/home/…``) are one library.

- The lock decides, not the socket: the kernel drops a lock when its process dies, however
  it dies, so a socket file left by a crash is known to be stale (its owner's lock is
  free) and is replaced. Connecting to a socket to see whether it is alive would race.
- Two starts racing: one gets the lock; the other fails to, and retries connecting until
  the owner listens (it does so right after its first paint) or a deadline passes. Never
  two windows on one library.
- The runtime dir is ``$XDG_RUNTIME_DIR`` when it is ours and private (0700), as Qt
  requires too; otherwise ``<tmp>/olchat-desktop-<uid>``, created 0700. A dir, lock or
  socket there that belongs to another user, or is a symlink, is refused with a message:
  another user could otherwise receive our files or feed us theirs.

Qt-free and cheap (``os``, ``fcntl``): the owner's check runs before the window is
built; QtNetwork (12–23 ms to import) loads only after the first paint, or in a second
start that hands over and exits.

The message a second start sends is one JSON line, ``{"protocol": 1, "files": [...]}``,
answered by ``ok``. Paths are absolute; bytes that are not UTF-8 travel as Python's
surrogate escapes (``\\udcff`` in JSON), so the file opened is exactly the one named.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from olchat_desktop.core.i18n import Lang, text

PROTOCOL = 1
ANSWER_OK = b"ok\n"
MAX_MESSAGE_BYTES = 1024 * 1024  # a hand-off of thousands of paths still fits
LOCK_NAME = "olchat-desktop-{key}.lock"
SOCKET_NAME = "olchat-desktop-{key}.sock"


class InstanceRefused(Exception):
    """The runtime dir or our files in it are not safely ours."""

    def __init__(self, path: Path, owner: int | None) -> None:
        super().__init__(f"{path} is not safely ours (owner uid {owner})")
        self.path = path
        self.owner = owner

    def message(self, lang: Lang) -> str:
        if self.owner is not None and self.owner != _uid():
            return text(
                lang,
                "OLChat Desktop did not start: «{path}» belongs to another user (uid "
                "{owner}). Remove it or set your own XDG_RUNTIME_DIR, then start the app "
                "again.",
            ).format(path=self.path, owner=self.owner)
        return text(
            lang,
            "OLChat Desktop did not start: «{path}» is a link, not a folder, or open "
            "to other users. Remove it or set your own XDG_RUNTIME_DIR.",
        ).format(path=self.path)


def _uid() -> int:
    getuid = getattr(os, "getuid", None)
    return int(getuid()) if getuid is not None else 0


def _is_private_dir(path: str) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    private = stat.S_IMODE(info.st_mode) & 0o077 == 0
    return stat.S_ISDIR(info.st_mode) and info.st_uid == _uid() and private


def runtime_dir() -> Path:
    """The user's private runtime dir (see the module docstring); raises InstanceRefused."""
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    if base and _is_private_dir(base):
        return Path(base)
    tmp = os.environ.get("TMPDIR") or ("/tmp" if os.name == "posix" else os.getcwd())
    fallback = Path(tmp) / f"olchat-desktop-{_uid()}"
    try:
        os.mkdir(fallback, 0o700)
    except FileExistsError:
        pass
    except OSError:
        raise InstanceRefused(fallback, None) from None
    info = os.lstat(fallback)
    if info.st_uid != _uid():
        raise InstanceRefused(fallback, info.st_uid)
    if not stat.S_ISDIR(info.st_mode) or stat.S_IMODE(info.st_mode) & 0o077:
        raise InstanceRefused(fallback, None)
    return fallback


def instance_key(home: Path) -> str:
    info = os.stat(home)
    return f"{info.st_dev:x}-{info.st_ino:x}"


class Endpoint:
    """The lock and socket paths of one data home."""

    __slots__ = ("lock_path", "socket_path")

    def __init__(self, home: Path, directory: Path | None = None) -> None:
        directory = runtime_dir() if directory is None else directory
        key = instance_key(home)
        self.lock_path = directory / LOCK_NAME.format(key=key)
        self.socket_path = directory / SOCKET_NAME.format(key=key)

    @property
    def server_name(self) -> str:
        """The name QLocalServer/QLocalSocket take: the socket's path (Unix), or a
        named pipe's name (Windows, where a pipe name holds no backslash)."""
        if sys.platform == "win32":
            return self.socket_path.name
        return str(self.socket_path)

    def check_owner(self, path: Path) -> None:
        """Refuse a path that is a symlink or another user's (absent is fine)."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return
        if info.st_uid != _uid():
            raise InstanceRefused(path, info.st_uid)
        if stat.S_ISLNK(info.st_mode):
            raise InstanceRefused(path, None)


class InstanceLock:
    """The owner's lock on a data home, held until :meth:`release` or the process ends."""

    def __init__(self, endpoint: Endpoint, fd: int) -> None:
        self.endpoint = endpoint
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None


def try_lock(endpoint: Endpoint) -> InstanceLock | None:
    """Become the owner of the data home, or None when another process is."""
    endpoint.check_owner(endpoint.lock_path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(endpoint.lock_path, flags, 0o600)
    except OSError:
        raise InstanceRefused(endpoint.lock_path, None) from None
    try:
        if os.fstat(fd).st_uid != _uid():  # swapped in after the check above
            raise InstanceRefused(endpoint.lock_path, os.fstat(fd).st_uid)
        if not _lock_fd(fd):
            os.close(fd)
            return None
    except BaseException:
        os.close(fd)
        raise
    return InstanceLock(endpoint, fd)


def _lock_fd(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def remove_stale_socket(endpoint: Endpoint) -> bool:
    """Delete a socket file left by a crashed owner (call with the lock held)."""
    endpoint.check_owner(endpoint.socket_path)
    try:
        os.unlink(endpoint.socket_path)
    except FileNotFoundError:
        return False
    return True


# Wayland lets a window take the focus only with a token from the launcher (the
# xdg-activation protocol): a menu or file manager gives it to the process it starts, so
# the second start passes its token on, and Qt's Wayland plugin uses (and clears) the one
# in the environment when the window asks to be activated.
ACTIVATION_ENV = "XDG_ACTIVATION_TOKEN"


def encode_request(files: list[str]) -> bytes:
    paths = [os.path.abspath(path) for path in files]
    message = {"protocol": PROTOCOL, "files": paths}
    token = os.environ.get(ACTIVATION_ENV, "")
    if token:
        message["activation_token"] = token
    return json.dumps(message).encode("ascii") + b"\n"


def take_activation_token(data: bytes) -> None:
    """Put a hand-off's activation token where Qt's Wayland plugin looks for it."""
    try:
        token = json.loads(data.decode("ascii")).get("activation_token")
    except (ValueError, AttributeError):
        return
    if isinstance(token, str) and token and token.isprintable():
        os.environ[ACTIVATION_ENV] = token


def decode_request(data: bytes) -> list[str]:
    """The files of a hand-off message; ValueError when it is not one."""
    message = json.loads(data.decode("ascii"))
    if not isinstance(message, dict) or message.get("protocol") != PROTOCOL:
        raise ValueError("not an OLChat Desktop hand-off")
    files = message.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ValueError("files must be a list of strings")
    return [f for f in files if os.path.isabs(f)]
