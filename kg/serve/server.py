"""Running the application: bind the socket, announce the address, serve until Ctrl-C.

The socket is bound here rather than by uvicorn so that the address printed is the one
listened on, port 0 included (a free port, as the tests use).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn

from kg.serve.app import Settings, create_app

LOOPBACK = "127.0.0.1"


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say they
    # are TCP, and with Nagle on every keep-alive response waited 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(
    settings: Settings, host: str = LOOPBACK, port: int = 8000, announce: Callable[[str], None] = print
) -> None:
    """Serve the store until interrupted.

    Uvicorn turns SIGINT and SIGTERM into a clean shutdown (requests finished, workers
    stopped), then raises the signal again; Ctrl-C is how this command is meant to end,
    so that KeyboardInterrupt is the normal way out, not an error.
    """
    sock = bind(host, port)
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    announce(url_of(sock))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
