"""The JSON API under ``/api/``: the same views as the pages, as ``{"ok": true, "data": …}``.

Errors are ``{"ok": false, "error": {"code": …, "message": …}}`` with a 4xx status (see
:mod:`zhibiao.serve.app`); numbers keep their exact digits as strings (``"1856000000"``), with
a ``…_text`` field in the report's units (``"18.56亿元"``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.engine import Connection

from zhibiao.serve import views
from zhibiao.serve.app import GZIP_MINIMUM_SIZE
from zhibiao.serve.cache import Encoded
from zhibiao.serve.errors import ApiError

__all__ = ["router"]


class ErrorDetail(BaseModel):
    """What went wrong: a stable code and a message for people."""

    code: str
    message: str


class ErrorEnvelope(BaseModel):
    """Every API error."""

    ok: Literal[False]
    error: ErrorDetail


class Envelope(BaseModel):
    """Every API answer: ``data`` as described by the endpoint."""

    ok: Literal[True]
    data: dict[str, Any]


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text} for status, text in (
        (400, "a parameter is wrong: unknown indicator, bad period, page out of range, query too long"),
        (404, "no such document or zone"),
        (422, "a parameter has the wrong type"),
    )
}
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)


@contextmanager
def _conn(request: Request) -> Iterator[Connection]:
    with request.app.state.reader.connect() as conn:
        yield conn


def _ok(data: dict[str, Any]) -> JSONResponse:
    # Every value is already JSON (numbers as strings): no second encoding pass.
    return JSONResponse({"ok": True, "data": views.public(data)})


@router.get("/overview", response_model=Envelope)
def overview(request: Request) -> JSONResponse:
    """Counts (zones, documents, facts), the latest reports, the most reported zones and the
    (indicator, period) questions the most zones answer."""
    with _conn(request) as conn:
        return _ok(views.overview_view(conn, read_only=request.app.state.read_only, cache=request.app.state.cache))


@router.get("/indicators", response_model=Envelope)
def indicator_list() -> JSONResponse:
    """The canonical indicators (id, standard name, unit); compare also takes any alias."""
    return _ok({"indicators": views.indicator_choices()})


@router.get("/compare", response_model=Envelope)
def compare(request: Request, indicator: str | None = None, period: str | None = None, limit: int = 100,
            offset: int = 0) -> Response:
    """Every zone on one indicator (name, alias or id) over one period (2023H1, 2023Q3, 2023,
    2023-01/2023-06 …): value, growth, rank, the source sentence and its link; one page of rows
    (``limit`` ≤ 500) and the chart data."""
    with _conn(request) as conn:
        body: Encoded = views.cached_compare(conn, indicator, period, limit=limit, offset=offset,
                                             cache=request.app.state.cache, make=_encoded, what="json")
    return body.response(request)


def _encoded(data: dict[str, Any]) -> Encoded:
    """An answer as :func:`_ok` gives it, encoded once for the cache."""
    return Encoded(_ok(data).body, "application/json", min_gzip=GZIP_MINIMUM_SIZE)


@router.get("/zones", response_model=Envelope)
def zone_list(request: Request, limit: int = 100) -> JSONResponse:
    """The zones of the store, the most reported first (``limit`` ≤ 500)."""
    if not 1 <= limit <= views.MAX_LIMIT:
        raise ApiError(400, "bad_parameter", f"limit must be between 1 and {views.MAX_LIMIT}")
    from zhibiao.store import queries

    with _conn(request) as conn:
        zones = queries.zones(conn, limit=limit)
    return _ok({"zones": [{**z.to_dict(), "href": views.zone_href(z.zone)} for z in zones]})


@router.get("/zone/{name}", response_model=Envelope)
def zone(request: Request, name: str, limit: int = 200, offset: int = 0) -> JSONResponse:
    """One zone (any alias): its indicator facts over time (one page), rankings, project
    pipeline by stage and size class, officials with titles, and chart data."""
    with _conn(request) as conn:
        return _ok(views.zone_view(conn, name, limit=limit, offset=offset))


@router.get("/doc/{document_id}", response_model=Envelope)
def document(request: Request, document_id: str) -> JSONResponse:
    """One document: metadata, full text, every fact with its offsets, copies."""
    with _conn(request) as conn:
        return _ok(views.document_view(conn, document_id))


@router.get("/search", response_model=Envelope)
def search(request: Request, q: str | None = None, limit: int = 20, offset: int = 0) -> JSONResponse:
    """Documents and facts containing ``q`` (≤ 100 characters; Chinese substrings of any
    length, ASCII letters in any case), latest first; ``limit`` ≤ 100 of each."""
    with _conn(request) as conn:
        return _ok(views.search_view(conn, q, limit=limit, offset=offset))


@router.get("/targets", response_model=Envelope)
def targets(request: Request, zone: str | None = None) -> JSONResponse:
    """Targets (目标, 力争, 确保) beside the actual figures of the same indicator and year so far,
    with the progress (computed and as stated), and target ranks beside places reached; of one
    zone (any alias) or all."""
    with _conn(request) as conn:
        return _ok(views.targets_view(conn, zone or None))


@router.get("/conflicts", response_model=Envelope)
def conflicts(request: Request, limit: int = 100, offset: int = 0) -> JSONResponse:
    """Figures two reports cannot both have right, both sources linked (one page)."""
    with _conn(request) as conn:
        return _ok(views.conflicts_view(conn, limit=limit, offset=offset, cache=request.app.state.cache))


_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": ".txt, .html/.htm or .jsonl, at most 5 MB"}}}}}}}


@router.post("/upload", response_model=Envelope, openapi_extra=_UPLOAD_BODY,
             responses={403: {"model": ErrorEnvelope, "description": "the server is read-only"},
                        413: {"model": ErrorEnvelope, "description": "larger than 5 MB"},
                        415: {"model": ErrorEnvelope, "description": "not a .txt, .html or .jsonl file"}})
async def upload(request: Request) -> JSONResponse:
    """Ingest one report file (multipart field ``file``): each stored document with its facts,
    or the errors that kept it out."""
    from zhibiao.serve.uploading import process_upload

    filename, data, fields = await read_upload(request)
    return _ok(await process_upload(request.app.state, filename, data, **fields))


async def read_upload(request: Request, *, form_token: bool = False) -> tuple[str | None, bytes, dict[str, str | None]]:
    """The uploaded file's name and bytes, and the ``published`` and ``zone`` fields (403 when
    read-only or the user may not write, 401 not signed in on a store with users, 400 without a
    file); ``form_token``: the dashboard's form, which must carry its CSRF token."""
    from zhibiao.serve.auth import check_csrf, require_writer

    if request.app.state.read_only:
        raise ApiError(403, "read_only", "this server is read-only: uploads are turned off")
    require_writer(request)
    form = await request.form(max_files=1, max_fields=8)
    try:
        if form_token:
            check_csrf(request, form.get("csrf"))
        item = form.get("file")
        if item is None or isinstance(item, str):
            raise ApiError(400, "bad_parameter", "no file in the upload (multipart field 'file')")
        fields = {k: v.strip() or None if isinstance(v := form.get(k), str) else None for k in ("published", "zone")}
        return item.filename, await item.read(), fields
    finally:
        await form.close()
