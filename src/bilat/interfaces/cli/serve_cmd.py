"""`bilat serve`: the JSON API, the dashboard and the API docs on one address (read-only
unless --allow-write)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from bilat.interfaces.cli.options import DbOption


def serve(
    db: Path = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on (0: any free port)."),
    access_log: bool = typer.Option(False, "--access-log", help="Log every request on stderr."),
    allow_write: bool = typer.Option(
        False, "--allow-write",
        help="Add POST /api/stories (code a story and store it); needs the bearer token in "
             "BILAT_API_TOKEN (16+ characters). The server is then the store's one writer."),
    cache_mb: int = typer.Option(64, "--cache-mb", min=0, max=65536,
                                 help="Memory (MiB) for repeated answers of the read-only API; "
                                      "0 turns the cache off."),
) -> None:
    """Serve the dashboard and the JSON API of a store, read-only by default.

    Examples:

      bilat serve --db bilat.duckdb            # then open http://127.0.0.1:8000/

      bilat serve --port 8080 --access-log

      BILAT_API_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe(32))') bilat serve --allow-write
    """
    from bilat.interfaces.api import create_app
    from bilat.interfaces.api.auth import TOKEN_ENV, check_token
    from bilat.interfaces.api.server import allowed_hosts, bind, is_loopback, serve as run, url_of

    if allow_write:
        token = check_token(os.environ.get(TOKEN_ENV))  # refuse to start without a good token
        from bilat.pipeline import Coder

        app = create_app(db, allow_write=True, api_token=token, coder=Coder(),
                         allowed_hosts=allowed_hosts(host))
    else:
        app = create_app(db, allowed_hosts=allowed_hosts(host), cache_bytes=cache_mb << 20)
    sock = bind(host, port)
    if not is_loopback(host):
        what = "read the store" if not allow_write else "read the store (writing needs the token)"
        typer.echo(f"bilat: warning: {host} is reachable from other machines and reads need no "
                   f"login; anyone who can connect can {what}", err=True)
    mode = "; POST /api/stories enabled" if allow_write else ""
    typer.echo(f"bilat: serving {db} at {url_of(sock)}  (API docs at {url_of(sock)}docs{mode}; "
               "Ctrl+C to stop)")
    try:
        run(app, sock, access_log=access_log)
    finally:
        sock.close()
