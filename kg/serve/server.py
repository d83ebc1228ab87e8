"""Running the application: bind the socket, start the workers, announce the address, serve until Ctrl-C.

The socket is bound here rather than by uvicorn so that the address printed is the one
listened on, port 0 included (a free port, as the tests use), and so that a port in use,
a port this user may not open or an unknown host is one line for the user (ServeError),
not a traceback. The workers start before the address is announced, for the same reason.

Uvicorn reads requests with h11, which refuses a request line and headers longer than
its buffer. It used to answer 400 and close at once, while the client was still sending:
a client sending a 1 MB URL then saw its connection reset, not the answer. Here such a
request gets 414 URI Too Long (or 431 for long headers), and the rest of what the client
sends is read and dropped, up to a bound, so that the answer arrives.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.errors import UserFacingError
from kg.serve.app import Settings, State, create_app
from kg.serve.pool import PoolError

LOOPBACK = "127.0.0.1"
MAX_HEAD_BYTES = 64 << 10  # request line and headers; a longer GET query goes by POST
DRAIN_BYTES = 16 << 20
DRAIN_SECONDS = 10.0


class ServeError(UserFacingError):
    """The server cannot start; str() is one line for the user."""


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv4 first when a name has both); ServeError when it cannot be."""
    if not 0 <= port <= 65535:
        raise ServeError(f"port {port} does not exist: pick one from 1 to 65535 (0 for any free one)")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(
            f"unknown host {host!r} ({_reason(error)}): give a name or address of this machine"
        ) from None
    family, _, _, _, address = min(found, key=lambda info: info[0] != socket.AF_INET)
    # proto=IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say they
    # are TCP, and with Nagle on every keep-alive response waited 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise ServeError(_bind_message(host, port, error)) from None
    sock.set_inheritable(True)
    return sock


def _bind_message(host: str, port: int, error: OSError) -> str:
    where = f"port {port} on {host}"
    if error.errno == errno.EADDRINUSE:
        return f"{where} is in use: stop the other server or pick another --port"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{where} needs privileges this user does not have (ports below 1024 do): pick another --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine: pick one of its own (127.0.0.1 is the default)"
    return f"cannot listen on {where}: {_reason(error)}"


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class BoundedH11Protocol(H11Protocol):
    """Uvicorn's h11 protocol, with a proper status for an oversized request head and no reset."""

    draining = False
    drained = 0

    def send_400_response(self, msg: str) -> None:
        status, message = _head_refusal(self.conn.trailing_data[0], msg)
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        body = (message + "\n").encode("utf-8")
        for event in (
            h11.Response(status_code=status, headers=headers),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.draining = True
        self.transport.resume_reading()
        self.loop.call_later(DRAIN_SECONDS, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if not self.draining:
            super().data_received(data)
            return
        self.drained += len(data)
        if self.drained > DRAIN_BYTES:
            self.transport.close()

    def eof_received(self) -> None:
        if self.draining:
            self.transport.close()


def _head_refusal(pending: bytes, message: str) -> tuple[int, str]:
    """414 for a request line past the limit, 431 for headers past it, else uvicorn's 400."""
    if len(pending) <= MAX_HEAD_BYTES:
        return 400, message
    if b"\n" not in pending:
        return 414, f"the request line is longer than {MAX_HEAD_BYTES} bytes: send a long query by POST"
    return 431, f"the request headers are larger than {MAX_HEAD_BYTES} bytes"


def serve(
    settings: Settings, host: str = LOOPBACK, port: int = 8000, announce: Callable[[str], None] = print
) -> None:
    """Serve the store until interrupted; ServeError when it cannot start.

    Uvicorn turns SIGINT and SIGTERM into a clean shutdown (requests finished, workers
    stopped), then raises the signal again; Ctrl-C is how this command is meant to end,
    so that KeyboardInterrupt is the normal way out, not an error.
    """
    sock = bind(host, port)
    app = create_app(settings)
    state: State = app.state.kg
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        http=BoundedH11Protocol,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
    )
    try:
        state.open()
        announce(url_of(sock))
        uvicorn.Server(config).run(sockets=[sock])
    except PoolError as error:
        raise ServeError(f"the query workers cannot start: {error}") from None
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
        state.close()
