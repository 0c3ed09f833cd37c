"""The Qt side of one window per library (issue 18): the running window's ``QLocalServer``
and a later start's hand-off over ``QLocalSocket``. The policy (lock, paths, message
format) is ``olchat_desktop.single_instance``; QtNetwork is imported only here, after the
owner's first paint or in a start that hands over.

A connection is read until its newline (at most ``MAX_MESSAGE_BYTES``, at most
``READ_TIMEOUT_MS``): a client that sends garbage or nothing is dropped without an
answer and without touching the window. A good request is answered ``ok`` at once and
its files are opened afterwards, so the second start exits without waiting for them.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from olchat_desktop import single_instance
from olchat_desktop.single_instance import ANSWER_OK, MAX_MESSAGE_BYTES, Endpoint

log = logging.getLogger(__name__)
READ_TIMEOUT_MS = 5000


class InstanceServer(QObject):
    """Listens on the data home's socket; emits the files of each good request."""

    requested = Signal(list)  # absolute paths (maybe none: "just raise the window")

    def __init__(self, endpoint: Endpoint, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.endpoint = endpoint
        self.server = QLocalServer(self)
        # Only this user may connect (0700 on the socket; the dir is private as well).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytearray] = {}  # requests still being read
        self._sockets: set[QLocalSocket] = set()  # every connection not yet gone

    def listen(self) -> bool:
        """Start listening; call with the data home's lock held (a leftover socket file
        is then a crashed owner's and is replaced)."""
        if single_instance.remove_stale_socket(self.endpoint):
            log.info("replaced a stale instance socket left by a crashed start")
        if not self.server.listen(self.endpoint.server_name):
            log.warning("cannot listen for other starts: %s", self.server.errorString())
            return False
        return True

    def close(self) -> None:
        # Connections first: a QLocalSocket deleted with its server while still closing
        # crashes Qt ("shared QObject was deleted directly").
        for socket in list(self._sockets):
            socket.abort()
        self.server.close()  # removes the socket file too

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            self._sockets.add(socket)
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            QTimer.singleShot(READ_TIMEOUT_MS, self, lambda s=socket: self._drop(s))

    def _on_ready(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE_BYTES:
                self._drop(socket)
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        try:
            files = single_instance.decode_request(line)
        except (ValueError, UnicodeDecodeError):
            log.warning("ignored a malformed hand-off message")
            self._drop(socket)
            return
        single_instance.take_activation_token(line)
        socket.write(ANSWER_OK)
        socket.flush()
        socket.disconnectFromServer()
        self._buffers.pop(socket, None)
        log.info("hand-off from another start: %d file(s)", len(files))
        self.requested.emit(files)

    def _drop(self, socket: QLocalSocket) -> None:
        """End a connection that sent garbage, too much or nothing in time."""
        if self._buffers.pop(socket, None) is not None:
            socket.abort()  # emits disconnected: _forget deletes it

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        if socket in self._sockets:
            self._sockets.discard(socket)
            socket.deleteLater()


def hand_off(endpoint: Endpoint, files: list[str], timeout_ms: int = 5000) -> bool:
    """Send ``files`` to the running window; True once it answered ``ok``."""
    socket = QLocalSocket()
    socket.connectToServer(endpoint.server_name)
    if not socket.waitForConnected(500):
        return False
    socket.write(single_instance.encode_request(files))
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    deadline = time.monotonic() + timeout_ms / 1000
    while not answer.endswith(b"\n") and time.monotonic() < deadline:
        if socket.bytesAvailable() == 0 and not socket.waitForReadyRead(100):
            if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                break
            continue
        answer += bytes(socket.readAll().data())
    socket.abort()
    return answer == ANSWER_OK
