"""``zhibiao serve``: the dashboard and JSON API on a local port (uvicorn).

Only Typer is imported here; FastAPI and uvicorn are loaded when the command runs, so the rest
of the CLI starts as fast as before.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

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
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", show_default=False,
        help="A name the server answers to in the Host header (repeat for more; *.example.com "
             "patterns; '*' for any). Default: 127.0.0.1, localhost, [::1] and the --host address.")] = None,
    upload_workers: Annotated[int, typer.Option(
        "--upload-workers", min=1, help="Processes that extract uploads (one upload uses one at a time).")] = 2,
) -> None:
    """Serve the store as a web dashboard and JSON API: compare zones, zone profiles, every
    report with its evidence highlighted, search, conflicts, uploads (API under /api/)."""
    import uvicorn

    from zhibiao.serve import create_app

    try:
        web = create_app(db, read_only=read_only, allowed_hosts=allowed_hosts(host, allowed_host),
                         upload_workers=upload_workers)
        problem = open_writes_problem(host, read_only, web.state.store)
        if problem is not None:
            web.state.store.close()
            raise ZhibiaoError(problem)
    except ZhibiaoError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(Text(f"error: {' '.join(str(exc).split())}"))
        raise typer.Exit(1) from None
    Console(stderr=True, highlight=False).print(Text(f"zhibiao dashboard on http://{host}:{port}/"
                                                     f"{' (read-only)' if read_only else ''}"))
    # The request threads share one interpreter: while one computes an answer anew (a compare of
    # 320 zones, 30 ms of Python), the others get the GIL back every switch interval. At CPython's
    # 5 ms a cached answer waited up to 5 ms at each of its database calls; 1 ms measured
    # p50 75 → 63 ms, p99 495 → 314 ms (bench/serve_load.py, 100,000 documents, 16 clients, ingest).
    sys.setswitchinterval(0.001)
    uvicorn.run(web, host=host, port=port, log_level="info", server_header=False)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    import ipaddress

    bare = host.strip("[]").lower()
    if bare == "localhost":
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def open_writes_problem(host: str, read_only: bool, store: Any) -> str | None:
    """Why a server on ``host`` must not start: reachable beyond this machine with uploads and
    corrections open to anyone (writes on, no users); None when it may."""
    from zhibiao.store.users import count_users

    if read_only or is_loopback(host):
        return None
    with store.engine.connect() as conn:
        if count_users(conn) > 0:
            return None
    return (f"--host {host} is reachable beyond this machine, and with writes enabled and no users anyone "
            "there could upload and correct: add an editor first (zhibiao users add NAME --role editor) "
            "or serve with --read-only")


def allowed_hosts(host: str, given: list[str] | None) -> list[str]:
    """The Host names a server bound to ``host`` answers to: ``given``, else the loopback names
    and ``host`` itself when it is one address (not 0.0.0.0 or ::, which stand for every one).

    >>> allowed_hosts("127.0.0.1", None), allowed_hosts("192.168.1.5", None)[-1], allowed_hosts("0.0.0.0", ["a.b"])
    (['127.0.0.1', 'localhost', '[::1]'], '192.168.1.5', ['a.b'])
    """
    from zhibiao.serve.app import LOOPBACK_HOSTS

    if given:
        return list(given)
    names = list(LOOPBACK_HOSTS)
    bare = host.strip("[]").lower()
    if bare not in ("0.0.0.0", "::", ""):
        name = f"[{bare}]" if ":" in bare else bare
        if name not in names:
            names.append(name)
    return names
