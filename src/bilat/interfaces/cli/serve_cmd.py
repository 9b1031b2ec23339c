"""`bilat serve`: the JSON API, the dashboard and the API docs, read-only, on one address."""

from __future__ import annotations

from pathlib import Path

import typer

from bilat.interfaces.cli.options import DbOption


def serve(
    db: Path = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on (0: any free port)."),
    access_log: bool = typer.Option(False, "--access-log", help="Log every request on stderr."),
) -> None:
    """Serve the dashboard and the JSON API of a store, read-only.

    Examples:

      bilat serve --db bilat.duckdb            # then open http://127.0.0.1:8000/

      bilat serve --port 8080 --access-log
    """
    from bilat.interfaces.api import create_app
    from bilat.interfaces.api.server import allowed_hosts, bind, is_loopback, serve as run, url_of

    app = create_app(db, allowed_hosts=allowed_hosts(host))
    sock = bind(host, port)
    if not is_loopback(host):
        typer.echo(f"bilat: warning: {host} is reachable from other machines and the API has no "
                   "login; anyone who can connect can read the store", err=True)
    typer.echo(f"bilat: serving {db} at {url_of(sock)}  (API docs at {url_of(sock)}docs; Ctrl+C to stop)")
    try:
        run(app, sock, access_log=access_log)
    finally:
        sock.close()
