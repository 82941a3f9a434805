"""The dashboard's HTML pages, rendered on the server from the same views as the JSON API.

Every template is autoescaped; report text reaches a page only as escaped text, or as the
:func:`~zhibiao.serve.highlight.highlight` markup built from escaped pieces.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.engine import Connection

from zhibiao.serve import views
from zhibiao.serve.app import GZIP_MINIMUM_SIZE
from zhibiao.serve.cache import Encoded
from zhibiao.serve.errors import ApiError
from zhibiao.store import queries
from zhibiao.store.queries import Coverage

__all__ = ["render", "router"]

router = APIRouter(include_in_schema=False)

COMPARE_PAGE = 100
CONFLICTS_PAGE = 50
SEARCH_PAGE = 20
ZONE_PAGE = 200


def render(request: Request, template: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    """A template rendered with the page-wide context (path, read-only flag, who is signed in and
    may write, the CSRF token of the page's forms)."""
    from zhibiao.serve.auth import access, set_browser_cookie

    env = request.app.state.templates
    try:
        who = access(request)
    except Exception:  # the store cannot be reached: the error page still renders
        who = None
    html = env.get_template(template).render(path=request.url.path, read_only=request.app.state.read_only,
                                             access=who, **context)
    response = HTMLResponse(html, status_code=status)
    if who is not None:
        set_browser_cookie(request, response)
    return response


@contextmanager
def _conn(request: Request) -> Iterator[Connection]:
    with request.app.state.reader.connect() as conn:
        yield conn


def _offset(page: int, size: int) -> int:
    if not 1 <= page <= 100_000:
        raise ApiError(400, "bad_parameter", "page must be between 1 and 100000")
    return (page - 1) * size


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """Counts, latest reports, zones, ready-made comparisons and the upload form."""
    with _conn(request) as conn:
        data = views.overview_view(conn, read_only=request.app.state.read_only, cache=request.app.state.cache)
    return render(request, "overview.html", {"data": data})


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, indicator: str | None = None, period: str | None = None,
            page: int = 1, unit: str | None = None) -> Response:
    """Zones on one indicator and period: chart, ranked table, every value linked to its sentence."""
    from zhibiao.serve.auth import access, set_browser_cookie

    offset = _offset(page, COMPARE_PAGE)
    with _conn(request) as conn:   # who asks and the store's generation, through one connection
        who = access(request, conn)
        generation = queries.generation(conn)
    if who.user is not None:   # a signed-in user's page names them and carries their CSRF token
        context, status = _compare_context(request, indicator, period, offset, unit)
        return render(request, "compare.html", context, status=status)
    # Not signed in, the page is the same for everyone: encoded and compressed once for what it
    # shows — the answer at its key's version, the questions and periods beside it — and looked
    # up again when the store's generation moves, but made again only when one of those changed
    # (under an ingest most writes touch other questions).
    cache = request.app.state.cache
    page = ("page", "compare", indicator, period, offset, unit, who.has_users)

    def for_generation() -> Encoded:
        asked, periods, version = _page_inputs(request, indicator, period)

        def make() -> Encoded:
            context, status = _compare_context(request, indicator, period, offset, unit, asked, periods)
            html = render(request, "compare.html", context, status=status)
            return Encoded(bytes(html.body), "text/html", status=status, min_gzip=GZIP_MINIMUM_SIZE)

        shown = (tuple((q.indicator, q.period) for q in asked), tuple(periods))
        made: Encoded = cache.get((*page, shown), version, make)
        return made

    cached: Encoded = cache.get(page, generation, for_generation)
    response = cached.response(request)
    set_browser_cookie(request, response)
    return response


def _page_inputs(request: Request, indicator: str | None, period: str | None
                 ) -> tuple[list[Coverage], list[str], int | None]:
    """What the compare page shows beside its answer — the questions, the periods of the
    indicator asked — and the version of the answer's key (None: no fact of it, or no such
    question)."""
    cache = request.app.state.cache
    with _conn(request) as conn:
        asked = views.questions(conn, cache)
        if not indicator and not period and asked:
            indicator, period = asked[0].indicator, asked[0].period
        try:
            ind, span, _ = views.compare_question(indicator, period)
        except ApiError:
            return asked, [], None
        # the version first: the answer shown is read after it, so at least that new
        version = queries.key_version(conn, ind.id, *span)
        periods = [c.period for c in views.questions(conn, cache, limit=40, indicator=ind.id)]
    return asked, periods, version


def _compare_context(request: Request, indicator: str | None, period: str | None, offset: int,
                     unit: str | None, asked: list[Coverage] | None = None,
                     periods_asked: list[str] | None = None) -> tuple[dict[str, Any], int]:
    """What the compare page shows, and its status (400 for a question it cannot answer); the
    questions and the indicator's periods as given (:func:`_page_inputs`), else read."""
    data = error = data_html = None
    periods: list[str] = []
    with _conn(request) as conn:
        if asked is None:
            asked = views.questions(conn, request.app.state.cache)
        if not indicator and not period and asked:
            # No question yet: the one the most zones answer.
            indicator, period = asked[0].indicator, asked[0].period
        if indicator or period:
            try:
                data, data_html = _compare_data(request, conn, indicator, period, offset, unit)
            except ApiError as exc:  # shown above the picker, so the question can be corrected
                error = exc
        if data is not None:
            periods = periods_asked if periods_asked is not None else [
                c.period for c in views.questions(conn, request.app.state.cache, limit=40,
                                                  indicator=data["indicator"]["id"])]
    return {
        "data": data, "data_html": data_html, "error": error, "indicator": indicator or "", "period": period or "",
        "periods": periods, "choices": views.indicator_choices(), "questions": asked,
    }, error.status if error else 200


def _compare_data(request: Request, conn: Connection, indicator: str | None, period: str | None, offset: int,
                  unit: str | None) -> tuple[dict[str, Any], Markup]:
    """The compare view and the HTML of its answer (compare_data.html), rendered once per store
    version of the question: the part of the page that is the same for every visitor, and most
    of its rendering time (a row per zone)."""
    template = request.app.state.templates.get_template("compare_data.html")

    def make(data: dict[str, Any]) -> tuple[dict[str, Any], Markup]:
        return data, Markup(template.render(data=data, indicator=indicator or "", period=period or ""))

    # the links of the answer repeat the question as asked (an alias, 2023年上半年…)
    found: tuple[dict[str, Any], Markup] = views.cached_compare(
        conn, indicator, period, limit=COMPARE_PAGE, offset=offset, scale=unit, cache=request.app.state.cache,
        make=make, what=("html", indicator, period))
    return found


@router.get("/zone/{name}", response_class=HTMLResponse)
def zone(request: Request, name: str, page: int = 1) -> HTMLResponse:
    """One zone: indicator charts over time, project funnel, rankings, officials."""
    with _conn(request) as conn:
        data = views.zone_view(conn, name, limit=ZONE_PAGE, offset=_offset(page, ZONE_PAGE))
    return render(request, "zone.html", {"data": data})


@router.get("/doc/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: str) -> HTMLResponse:
    """A report with every fact's evidence marked, and its facts beside it."""
    with _conn(request) as conn:
        data = views.document_view(conn, document_id, with_html=True)
    return render(request, "document.html", {"data": data, "text_html": views.html_text(data)})


@router.get("/targets", response_class=HTMLResponse)
def targets(request: Request, zone: str | None = None) -> HTMLResponse:
    """Targets and progress: each target beside the actual figure, progress as bars, target
    ranks beside the places reached; every figure linked to its sentence."""
    with _conn(request) as conn:
        data = views.targets_view(conn, zone or None)
    return render(request, "targets.html", {"data": data})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str | None = None, page: int = 1) -> HTMLResponse:
    """Full-text search over documents and facts."""
    data = error = None
    if q is not None and q.strip():
        try:
            with _conn(request) as conn:
                data = views.search_view(conn, q, limit=SEARCH_PAGE, offset=_offset(page, SEARCH_PAGE))
        except ApiError as exc:  # shown under the search box, so the query can be corrected
            error = exc
    return render(request, "search.html", {"data": data, "error": error, "q": q or ""},
                  status=error.status if error else 200)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, page: int = 1) -> HTMLResponse:
    """Figures two reports cannot both have right."""
    with _conn(request) as conn:
        data = views.conflicts_view(conn, limit=CONFLICTS_PAGE, offset=_offset(page, CONFLICTS_PAGE),
                                    cache=request.app.state.cache)
    return render(request, "conflicts.html", {"data": data})


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> HTMLResponse:
    """Ingest an uploaded report, then show what was stored with its facts."""
    from zhibiao.serve.api import read_upload
    from zhibiao.serve.uploading import process_upload

    filename, data, fields = await read_upload(request, form_token=True)
    result = await process_upload(request.app.state, filename, data, **fields)
    return render(request, "upload.html", {"data": result})


@router.get("/export.csv")
def export_csv(request: Request, indicator: str | None = None, period: str | None = None,
               zone: str | None = None) -> Response:
    """The counted facts as CSV (one row a fact, corrected values with the extracted ones in
    ``original``), filtered like ``zhibiao export``."""
    import io

    from zhibiao.store import queries
    from zhibiao.store.export import write_csv

    for name, value in (("indicator", indicator), ("period", period), ("zone", zone)):
        if value is not None and (len(value) > 100 or not value.strip()):
            raise ApiError(400, "bad_parameter", f"{name} must be 1 to 100 characters")
    out = io.StringIO()
    with _conn(request) as conn:
        write_csv(queries.export_rows(conn, indicator=indicator, period=period, zone=zone), out)
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="zhibiao-facts.csv"'})
