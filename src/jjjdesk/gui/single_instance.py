"""One running instance per data folder: a second start asks the first to come forward."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    """A socket name per data folder (two folders may run side by side)."""
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"jjjdesk-{digest}"


class SingleInstance(QObject):
    """Listens for later starts; `activated` fires when one of them says "activate"."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def notify_running(self) -> bool:
        """True when another instance answered (it was told to activate)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(TIMEOUT_MS)
        return True

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A crashed instance leaves its socket file behind on Unix; nobody answered it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance server failed: %s", server.errorString())
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The message is one short line sent right after connecting: read it here rather
            # than through per-socket signal connections that could outlive the socket.
            if not socket.bytesAvailable():
                socket.waitForReadyRead(TIMEOUT_MS)
            data = bytes(socket.readAll().data())
            socket.abort()
            socket.deleteLater()
            if ACTIVATE.strip() in data:
                log.info("another start asked this instance to come forward")
                self.activated.emit()
