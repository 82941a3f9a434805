"""The FastAPI application: pages, JSON API, static assets, security headers, one error shape.

:func:`create_app` opens the store once (migrating it, like every other entry point) and shares
its connection pool between requests. Route handlers are plain ``def`` functions: FastAPI runs
them on its thread pool, so the synchronous SQLAlchemy queries never block the event loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy.exc import OperationalError
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhibiao import logger
from zhibiao.errors import QueryError, StoreError
from zhibiao.pool import DEFAULT_SECONDS_PER_100KB
from zhibiao.serve.cache import VersionedCache
from zhibiao.serve.errors import ApiError
from zhibiao.serve.upload import MAX_UPLOAD_BYTES

__all__ = ["CONTENT_SECURITY_POLICY", "LOOPBACK_HOSTS", "create_app", "same_origin_problem"]

log = logger("zhibiao.serve")

# Only the app's own scripts and styles: no inline script or event handler, no eval, nothing from
# another origin (the dashboard works offline). ECharts sets styles through the CSSOM, which the
# policy allows (the browser tests fail on any CSP violation reported to the console).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the
    # dashboard's own form posts, which the same-origin check must refuse; no other site ever
    # learns a page address either way
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_UPLOAD_PATHS = ("/upload", "/api/upload")
# the requests answered at once: AnyIO's default thread limit, which runs FastAPI's sync handlers
REQUEST_THREADS = 40
# answers smaller than this are sent uncompressed
GZIP_MINIMUM_SIZE = 1024
# The names a server answers to unless told otherwise (--allowed-host): this machine only.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")  # IPv6 literals in brackets, as in a Host header
# A multipart body carries the file plus boundaries and headers.
_MAX_UPLOAD_BODY = MAX_UPLOAD_BYTES + 64 * 1024
_STATUS_CODES = {400: "bad_request", 401: "sign_in", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                 413: "too_large", 415: "unsupported_type", 422: "bad_parameter"}


def create_app(db_url: str | None = None, *, read_only: bool = False,
               allowed_hosts: Sequence[str] | None = None, upload_workers: int = 2,
               seconds_per_100kb: float = DEFAULT_SECONDS_PER_100KB) -> FastAPI:
    """The dashboard and JSON API over the fact store at ``db_url`` (default as the CLI's:
    ``$ZHIBIAO_DB`` or ``./zhibiao.db``). ``read_only`` turns uploads off (403, no form).

    ``allowed_hosts`` are the names the server answers to in the Host header (default: the
    loopback names, :data:`LOOPBACK_HOSTS`; ``*.example.com`` patterns allowed; ``*`` any): a
    request for another is refused, so a page of another site cannot reach the server through
    DNS rebinding. Every unsafe method (POST …) from a browser must come from the server's own
    origin (Origin, else Referer, naming the requested host). Uploads are extracted in a pool of
    ``upload_workers`` processes, each document within its time budget of ``seconds_per_100kb``.

    Raises :class:`~zhibiao.errors.StoreError` when the store cannot be opened.
    """
    from zhibiao.store.api import Store

    if upload_workers < 1:
        raise ValueError("upload_workers must be at least 1")
    # a connection for each request handler thread at once (AnyIO's default limit, 40): fewer, and
    # every request beyond them opened and closed a connection of its own (on SQLite, four PRAGMAs)
    store = Store(db_url, pool_size=REQUEST_THREADS)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()  # the upload pool is the process's: it stops when the process exits

    app = FastAPI(
        title="zhibiao 指标",
        summary="Chinese regional-economy facts, each traced to the sentence it came from.",
        version="1",
        lifespan=lifespan,
        # Swagger UI and ReDoc load scripts from a CDN; the schema itself is served locally.
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.store = store
    # The pages' and the API's reads, each statement on its own: on PostgreSQL a request's reads
    # then cost no BEGIN and ROLLBACK round trips (under its READ COMMITTED, statements of one
    # transaction read no common snapshot anyway). Writes go through the store's transactions.
    app.state.reader = store.engine.execution_options(isolation_level="AUTOCOMMIT") \
        if store.engine.dialect.name == "postgresql" else store.engine
    app.state.read_only = read_only
    app.state.upload_workers = upload_workers
    app.state.seconds_per_100kb = seconds_per_100kb
    app.state.templates = _templates()
    app.state.cache = VersionedCache()
    from zhibiao.serve.auth import session_secret

    app.state.secret = session_secret(store.engine)

    from zhibiao.serve import api, editing, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(editing.router)
    static = resources.files("zhibiao.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    _install_error_handlers(app)
    # outermost last: every answer, refusals and 500s included, gets the security headers
    # level 6, not Starlette's 9: a compare page (90 KB) compresses to nearly the same size in half the time
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_SIZE, compresslevel=6)
    app.add_middleware(BodyLimit, max_bytes=_MAX_UPLOAD_BODY, paths=_UPLOAD_PATHS)
    app.add_middleware(SameOrigin)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS),
                       www_redirect=False)
    app.add_middleware(SecurityHeaders)
    return app


def _templates() -> Environment:
    """Jinja2 with autoescape on for every template, whatever its name."""
    from zhibiao.serve import views

    env = Environment(loader=PackageLoader("zhibiao.serve", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(doc_href=views.doc_href, zone_href=views.zone_href, compare_href=views.compare_href,
                       period_label=views.period_label)
    return env


# -- errors: one shape --------------------------------------------------------------------------

def error_body(code: str, message: str) -> dict[str, Any]:
    """The JSON of every API error."""
    return {"ok": False, "error": {"code": code, "message": message}}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error_response(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message), status_code=status)
    from zhibiao.serve.pages import render

    return render(request, "error.html", {"status": status, "code": code, "message": message}, status=status)


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(request, exc.status, exc.code, exc.message)

    async def query_error(request: Request, exc: Exception) -> Response:
        return _error_response(request, 400, "bad_query", " ".join(str(exc).split()))

    async def store_error(request: Request, exc: Exception) -> Response:
        log.warning("store unavailable: %s", exc)
        return _error_response(request, 503, "store_unavailable", "the fact store cannot be reached; try again")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _STATUS_CODES.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"没有这个页面：{request.url.path[:200]}"
        return _error_response(request, exc.status_code, code, detail)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return _error_response(request, 422, "bad_parameter", "; ".join(problems) or "invalid request")

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error_response(request, 500, "internal", "an unexpected error; it has been logged")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(OperationalError, store_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


# -- middleware ---------------------------------------------------------------------------------

class SecurityHeaders:
    """Adds the Content-Security-Policy and related headers to every response.

    An unexpected exception below it is answered here, with the headers, as the one 500 error
    shape, then raised on (Starlette's error middleware logs it and sends nothing more)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0] not in dict(_SECURITY_HEADERS)]
                if scope["path"].startswith("/static/"):
                    headers.append((b"cache-control", b"public, max-age=3600"))
                message["headers"] = headers + _SECURITY_HEADERS
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                message = "an unexpected error; it has been logged"
                try:
                    response = _error_response(Request(scope), 500, "internal", message)
                except Exception:  # the error page itself cannot be rendered: the JSON shape
                    response = JSONResponse(error_body("internal", message), status_code=500)
                await response(scope, _no_body, send_with_headers)
            raise


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class SameOrigin:
    """Refuses (403 ``cross_origin``) an unsafe request (POST, PUT, PATCH, DELETE) that a browser
    sends from a page of another origin: its Origin header — else its Referer — must name the host
    the request is for. Browsers send Origin with every POST; a request with neither header comes
    from no browser page (curl, a script) and no other site can make it, so it is let through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        problem = same_origin_problem(headers.get("host"), headers.get("origin"), headers.get("referer"))
        if problem is None:
            await self.app(scope, receive, send)
            return
        response = _error_response(Request(scope), 403, "cross_origin", problem)
        await response(scope, _no_body, send)


def same_origin_problem(host: str | None, origin: str | None, referer: str | None) -> str | None:
    """Why a request for ``host`` with these Origin and Referer headers is cross-site, or None.

    >>> same_origin_problem("127.0.0.1:8000", "http://127.0.0.1:8000", None) is None
    True
    >>> same_origin_problem("127.0.0.1:8000", None, "http://127.0.0.1:8000/zone/x") is None
    True
    >>> same_origin_problem("127.0.0.1:8000", None, None) is None
    True
    >>> same_origin_problem("127.0.0.1:8000", "http://evil.example", None)
    'a request from another site (Origin http://evil.example) is refused'
    >>> same_origin_problem("127.0.0.1:8000", "null", None)
    'a request from another site (Origin null) is refused'
    >>> same_origin_problem("127.0.0.1:8000", None, "http://127.0.0.1:9999/")
    'a request from another site (Referer http://127.0.0.1:9999/) is refused'
    """
    if origin is not None:
        which, value = "Origin", origin
    elif referer is not None:
        which, value = "Referer", referer
    else:
        return None
    netloc = urlsplit(value).netloc.lower() if value != "null" else ""
    if host and netloc == host.lower():
        return None
    return f"a request from another site ({which} {value[:200]}) is refused"


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` on ``paths`` with 413, before they are parsed:
    by the declared Content-Length, and by counting what arrives (a chunked upload declares none)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, paths: tuple[str, ...]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(scope, send)
                return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # FastAPI passes an HTTPException raised while reading the form through as is.
                    raise StarletteHTTPException(413, _too_large())
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        request = Request(scope)
        response = _error_response(request, 413, "too_large", _too_large())
        await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _too_large() -> str:
    return f"the upload is larger than the limit of {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"

