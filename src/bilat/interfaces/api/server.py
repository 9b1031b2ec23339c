"""Running the app: bind a listening socket, then serve it with uvicorn until interrupted.

Binding first lets the caller print the real address (also for port 0) and turns
"address in use" into a clear error before anything starts.
"""

from __future__ import annotations

import errno
import ipaddress
import socket

import uvicorn
from fastapi import FastAPI

from bilat.errors import BadParameter

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str] | None:
    """Host headers to accept: loopback names for a loopback address (against DNS
    rebinding), any for an address other machines can reach."""
    if is_loopback(host):
        return [*LOOPBACK_NAMES, host]
    return None


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: any free port)."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise BadParameter(f"port must be between 0 and 65535, got {port!r}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise BadParameter(f"cannot resolve host {host!r} ({e.strerror}); use an address such as 127.0.0.1") from e
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise BadParameter(f"port {port} on {host} is in use; choose another --port") from e
        raise BadParameter(f"cannot listen on {host}:{port} ({e.strerror}); choose another --host or --port") from e
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """http://host:port/ of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def make_server(app: FastAPI, *, log_level: str = "warning", access_log: bool = False) -> uvicorn.Server:
    config = uvicorn.Config(app, log_level=log_level, access_log=access_log, server_header=False,
                            proxy_headers=False, lifespan="on")
    return uvicorn.Server(config)


def serve(app: FastAPI, sock: socket.socket, *, log_level: str = "warning", access_log: bool = False) -> None:
    """Serve `app` on the bound socket until interrupted (Ctrl+C)."""
    make_server(app, log_level=log_level, access_log=access_log).run(sockets=[sock])
