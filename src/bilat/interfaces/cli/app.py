"""The `bilat` command line: a Typer app whose commands are thin wrappers over the library.

Data goes to stdout, diagnostics to stderr. Every `BilatError` becomes one line
on stderr (its code and message) and exit status 1; usage errors exit 2.
"""

from __future__ import annotations

import sys

import typer

from bilat.about import __version__
from bilat.errors import BilatError
from bilat.interfaces.cli import (code_cmd, compat_cmd, data_cmd, eval_cmd, export_cmd,
                                  query_cmd, serve_cmd)
from bilat.interfaces.cli import bench_cmd

app = typer.Typer(
    name="bilat",
    help="News about international relations -> CAMEO-coded dyadic events -> relationship profiles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("code")(code_cmd.code)
app.command("events")(query_cmd.events)
app.command("profile")(query_cmd.profile)
app.command("evaluate")(eval_cmd.evaluate)
app.command("petr-validate")(compat_cmd.petr_validate)
app.command("export")(export_cmd.export)
app.command("serve")(serve_cmd.serve)
app.command("bench")(bench_cmd.bench)
app.add_typer(data_cmd.app, name="data")


@app.command("version")
def version() -> None:
    """Print bilat's version."""
    typer.echo(__version__)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning bilat's errors into one line and exit 1."""
    try:
        rv = app(args=argv, standalone_mode=False)
    except BilatError as e:
        typer.echo(f"bilat: {e}", err=True)
        return 1
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:
        typer.echo("bilat: aborted", err=True)
        return 130
    except KeyboardInterrupt:
        typer.echo("bilat: interrupted; stories already stored are complete", err=True)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as e:  # click usage errors carry their own exit code
        import click

        if isinstance(e, click.ClickException):
            e.show()
            return e.exit_code
        raise
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
