"""``zhibiao serve``: the dashboard and JSON API on a local port (uvicorn).

Only Typer is imported here; FastAPI and uvicorn are loaded when the command runs, so the rest
of the CLI starts as fast as before.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from zhibiao.errors import ZhibiaoError
from zhibiao.store.commands import DbOption

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``zhibiao`` app."""
    app.command("serve")(serve)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option(
        "--read-only", help="Turn uploads off: the form is hidden and POST /upload answers 403.")] = False,
) -> None:
    """Serve the store as a web dashboard and JSON API: compare zones, zone profiles, every
    report with its evidence highlighted, search, conflicts, uploads (API under /api/)."""
    import uvicorn

    from zhibiao.serve import create_app

    try:
        web = create_app(db, read_only=read_only)
    except ZhibiaoError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(Text(f"error: {' '.join(str(exc).split())}"))
        raise typer.Exit(1) from None
    Console(stderr=True, highlight=False).print(Text(f"zhibiao dashboard on http://{host}:{port}/"
                                                     f"{' (read-only)' if read_only else ''}"))
    uvicorn.run(web, host=host, port=port, log_level="info", server_header=False)
