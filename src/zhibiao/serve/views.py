"""What each page and API endpoint shows, from the answers of :mod:`zhibiao.store.queries`.

One function per question: it checks the request's parameters (raising :class:`ApiError` with
a 4xx status), asks the query layer — the same functions the CLI calls — and returns plain
data: JSON-ready dicts for the API, the same dicts (plus chart data and highlighted text) for
the templates. No counting rule lives here; only display units, links and pagination.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.engine import Connection

from zhibiao.errors import DocumentError, QueryError
from zhibiao.model import Document
from zhibiao.resolve.indicators import IndicatorDef, indicators, resolve_indicator
from zhibiao.serve.cache import VersionedCache
from zhibiao.serve.errors import ApiError
from zhibiao.serve.highlight import EvidenceSpan, highlight
from zhibiao.store import queries
from zhibiao.store.api import Store
from zhibiao.store.dedup import content_hash
from zhibiao.store.format import (
    YUAN_SCALES,
    human_change,
    human_fact,
    human_value,
    size_class,
    stage_label,
    value_in_scale,
)
from zhibiao.store.ingest import BatchExtractor, IngestStats
from zhibiao.store.periods import Span, format_span, parse_period
from zhibiao.store.queries import CompareRow, Conflict, DocumentInfo, ProfileRow, SourceRef
from zhibiao.store.schema import DocumentRow

__all__ = [
    "MAX_LIMIT",
    "Page",
    "compare_view",
    "conflicts_view",
    "document_view",
    "overview_view",
    "search_view",
    "store_upload",
    "zone_view",
]

# Rows of one answer per request: enough for every zone of a province, bounded for the server.
MAX_LIMIT = 500
MAX_DOCUMENT_ID = 2**31 - 1
_KIND_LABEL = {"indicator": "指标", "projects": "项目", "ranking": "排名", "person": "人物"}
_QUALIFIER_LABEL = {"estimate": "预计", "approx": "约", "at_least": "以上", "at_most": "以内", "target": "目标"}
# one write at a time: the ingester's near-duplicate index is not shared between threads
_UPLOAD_LOCK = threading.Lock()
# documents of an upload written per transaction (and per hold of the lock)
_UPLOAD_CHUNK = 20


# -- small helpers ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: ``limit`` rows from ``offset`` of ``total``."""

    total: int
    limit: int
    offset: int

    @property
    def number(self) -> int:
        """The 1-based page number."""
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        """How many pages the list has (at least one)."""
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready dict."""
        return {"total": self.total, "limit": self.limit, "offset": self.offset}


def _page(total: int, limit: int, offset: int, max_limit: int = MAX_LIMIT) -> Page:
    if not 1 <= limit <= max_limit:
        raise ApiError(400, "bad_parameter", f"limit must be between 1 and {max_limit}")
    if offset < 0:
        raise ApiError(400, "bad_parameter", "offset must not be negative")
    if offset and offset >= total:
        raise ApiError(400, "out_of_range", f"offset {offset} is past the end of the list ({total} rows)")
    return Page(total=total, limit=limit, offset=offset)


def doc_href(document: int, fact_id: int | None = None) -> str:
    """The dashboard's link to a document, at one fact's evidence when given."""
    return f"/doc/{document}" + (f"#fact-{fact_id}" if fact_id is not None else "")


def zone_href(zone: str) -> str:
    """The dashboard's link to a zone profile."""
    return "/zone/" + quote(zone, safe="")


def compare_href(indicator: str, period: str) -> str:
    """The dashboard's link to a comparison."""
    return "/compare?" + urlencode({"indicator": indicator, "period": period})


def period_label(period: str | None) -> str:
    """A stored period as people say it.

    >>> period_label("2023-01/2023-06"), period_label("XXXX-01/XXXX-09"), period_label(None)
    ('2023H1', '年份不详 01..09', '')
    """
    if not period or "/" not in period:
        return period or ""
    start, end = period.split("/", 1)
    if start.startswith("X") and end.startswith("X"):   # the report never says which year
        span = format_span("0000" + start[4:], "0000" + end[4:]).replace("0000", "").lstrip("-")
        return f"年份不详 {span}".strip()
    return format_span(start, end)


def _dec_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def source_json(ref: SourceRef) -> dict[str, Any]:
    """A source reference with its link into the dashboard; a corrected fact carries the
    extractor's values (``original``), a fact an editor added ``origin`` manual."""
    return {"fact_id": ref.fact_id, "document": ref.document, "doc_id": ref.doc_id, "title": ref.title,
            "source_name": ref.source_name, "published": ref.published, "quote": ref.quote, "start": ref.start,
            "end": ref.end, "href": doc_href(ref.document, ref.fact_id), "origin": ref.origin,
            "original": ref.original}


def fact_summary(fact: dict[str, Any]) -> dict[str, str]:
    """A fact in words for people: its kind, what it measures, value, change, period, qualifier."""
    kind = fact.get("type", "")
    value, change = human_fact(fact)
    if kind == "indicator":
        what = fact.get("name") or ""
    elif kind == "projects":
        what = "项目·" + stage_label(fact.get("stage")) + (f"·{fact['category']}" if fact.get("category") else "")
    elif kind == "ranking":
        what = fact.get("indicator") or "排名"
    else:
        what = fact.get("name") or ""
    # a ranking's goal says 目标 in its place (目标：进入全国前30) already
    target_rank = kind == "ranking" and fact.get("qualifier") == "target"
    qualifier = "" if target_rank else _QUALIFIER_LABEL.get(fact.get("qualifier") or "", "")
    period = period_label(fact.get("period"))
    label = " ".join(part for part in (what, qualifier, value, change, period) if part)
    return {"kind": _KIND_LABEL.get(kind, kind), "what": what, "value": value, "change": change,
            "period": period, "qualifier": qualifier, "subject": fact.get("zone_id") or fact.get("subject") or "",
            "label": label}


def _scale(unit: str | None, values: Sequence[Decimal]) -> tuple[Decimal, str]:
    """A divisor and its unit label so a chart's numbers read as the report's (18.56 亿元)."""
    biggest = max((abs(v) for v in values), default=Decimal(0))
    for divisor in (Decimal(100_000_000), Decimal(10_000)):
        if biggest >= divisor and unit not in ("%", "pp"):
            label = human_value(divisor, unit)   # "1亿元", "1万吨"
            if label.startswith("1") and not label[1:2].isdigit():
                return divisor, label[1:]
    return Decimal(1), human_value(Decimal(1), unit)[1:] if unit else ""


# -- overview --------------------------------------------------------------------------------

def questions(conn: Connection, cache: VersionedCache | None = None, limit: int = 12,
              indicator: str | None = None) -> list[queries.Coverage]:
    """The (indicator, period) questions the most zones answer (queries.coverage), of one
    indicator when given; cached while the store's generation is unchanged."""
    if cache is None:
        return queries.coverage(conn, indicator, limit=limit)
    return cache.get(("coverage", indicator, limit), queries.generation(conn),
                     lambda: queries.coverage(conn, indicator, limit=limit))


def overview_view(conn: Connection, *, read_only: bool, cache: VersionedCache | None = None) -> dict[str, Any]:
    """Counts, the latest reports, the most reported zones and the questions compare can answer."""
    counts = queries.summary(conn)
    zones = queries.zones(conn, limit=10_000)
    latest = queries.documents(conn, limit=10)
    asked = questions(conn, cache)
    unresolved_total, unresolved = queries.unresolved(conn, limit=10)
    return {
        "unresolved": {"facts": unresolved_total,
                       "documents": [{**u.document.to_dict(), "facts": u.facts, "href": doc_href(u.document.id)}
                                     for u in unresolved]},
        "counts": {"zones": len(zones), "documents": counts["documents"], "facts": counts["facts"],
                   "counted_facts": counts["counted_facts"], "copies": counts["copies"], "errors": counts["errors"]},
        "latest": [{**d.to_dict(), "href": doc_href(d.id)} for d in latest],
        "zones": [{**z.to_dict(), "href": zone_href(z.zone)} for z in zones[:24]],
        "questions": [{**q.to_dict(), "href": compare_href(q.indicator, q.period)} for q in asked],
        "read_only": read_only,
    }


# -- compare ---------------------------------------------------------------------------------

def compare_question(indicator: str | None, period: str | None) -> tuple[IndicatorDef, Span, str]:
    """The indicator and period asked for, or a 400 naming what is wrong."""
    if not indicator or not indicator.strip():
        raise ApiError(400, "bad_parameter", "indicator is required (a name, an alias or an id)")
    if not period or not period.strip():
        raise ApiError(400, "bad_parameter", "period is required (e.g. 2023H1, 2023Q3, 2023, 2023-01/2023-06)")
    if len(indicator) > 100 or len(period) > 40:
        raise ApiError(400, "bad_parameter", "indicator or period is too long")
    try:
        span = parse_period(period)
    except QueryError as exc:
        raise ApiError(400, "bad_period", str(exc)) from exc
    try:
        ind = resolve_indicator(indicator)
    except QueryError as exc:
        raise ApiError(400, "unknown_indicator", str(exc)) from exc
    return ind, span, format_span(*span)


def compare_row_json(row: CompareRow, scale: str | None = None) -> dict[str, Any]:
    """One compare row as JSON: exact numbers as strings, display text (yuan figures in ``scale``,
    亿元 or 万元, when given) and links."""
    return {
        "rank": row.rank, "zone": row.zone, "zone_href": zone_href(row.zone), "value": _dec_text(row.value),
        "unit": row.unit,
        "value_text": value_in_scale(row.value, row.unit, scale) or human_value(row.value, row.unit),
        "change_pct": _dec_text(row.change_pct),
        "change_text": human_change("yoy", pct=row.change_pct) if row.change_pct is not None else "",
        "qualifier": row.qualifier, "conflict": row.conflict, "source": source_json(row.source),
        "change_source": source_json(row.change_source) if row.change_source else None,
        "copies": [source_json(c) for c in row.copies],
        "others": [{"value": _dec_text(v), "value_text": human_value(v, row.unit), "source": source_json(s)}
                   for v, s in row.others],
        # what a correction changed of the shown figure: the extractor's value and change
        "original_text": original_text(row.source.original, {
            **(row.source.original or {}), "value": str(row.value) if row.value is not None else None,
            "unit": row.unit, "change_pct": str(row.change_pct) if row.change_pct is not None else None}),
    }


def compare_chart(rows: Sequence[CompareRow]) -> dict[str, Any]:
    """ECharts data: the ranked zones (values in the report's units) and their growth."""
    ranked = [r for r in rows if r.rank is not None and r.value is not None]
    unit = ranked[0].unit if ranked else None
    divisor, unit_label = _scale(unit, [r.value for r in ranked if r.value is not None])
    return {
        "zones": [r.zone for r in ranked],
        "values": [float(r.value / divisor) for r in ranked if r.value is not None],
        "labels": [human_value(r.value, r.unit) for r in ranked],
        "changes": [float(r.change_pct) if r.change_pct is not None else None for r in ranked],
        "hrefs": [doc_href(r.source.document, r.source.fact_id) for r in ranked],
        "unit": unit_label,
    }


def compare_view(conn: Connection, indicator: str | None, period: str | None, *, limit: int = 100,
                 offset: int = 0, scale: str | None = None) -> dict[str, Any]:
    """Every zone on one indicator and period (queries.compare), one page of rows and the chart;
    yuan figures in ``scale`` (亿元 or 万元) when given."""
    return cached_compare(conn, indicator, period, limit=limit, offset=offset, scale=scale)


def cached_compare(conn: Connection, indicator: str | None, period: str | None, *, limit: int = 100,
                   offset: int = 0, scale: str | None = None, cache: VersionedCache | None = None,
                   make: Callable[[dict[str, Any]], Any] = lambda data: data, what: Hashable = "view") -> Any:
    """``make`` of the compare view (:func:`compare_view`): with ``cache``, computed once per
    question, page and ``what`` (the form ``make`` gives it: the view, its JSON, its HTML) while
    the version of the (indicator, period) is unchanged — only a write to a fact of that key,
    or to the document of one, changes it."""
    if scale is not None and scale not in YUAN_SCALES:
        raise ApiError(400, "bad_parameter", f"单位只能是 {'、'.join(YUAN_SCALES)}")
    ind, span, label = compare_question(indicator, period)
    if cache is None:
        return make(_compare_view(queries.compare(conn, ind.id, f"{span[0]}/{span[1]}"), ind, label, limit, offset,
                                  scale))
    # the version first: the answer computed after it is at least that new
    version = queries.key_version(conn, ind.id, *span)

    def picks(previous: dict[str, queries.ZonePick] | None, since: int) -> dict[str, queries.ZonePick]:
        # the zones changed since the picks kept were read, read again (all of them at first)
        if previous is None:
            return queries.compare_picks(conn, ind.id, span)
        return queries.compare_update(conn, ind.id, span, previous, since)

    def rows() -> list[CompareRow]:
        # ranked once per key version, whatever page or form of it is asked for; the rows of the
        # zones whose picks were kept are kept too (made before ranking, for this key only)
        built = cache.get(("compare", "built", ind.id, span), 0, dict)
        return cache.get(("compare", "rows", ind.id, span), version, lambda: queries.compare_rows(
            conn, ind.id, span, cache.refresh(("compare", "picks", ind.id, span), version, picks), built))

    def view() -> dict[str, Any]:
        # one page of the answer, shared by its forms (the API's JSON, the page's HTML)
        return cache.get(("compare", "view", ind.id, span, limit, offset, scale), version,
                         lambda: _compare_view(rows(), ind, label, limit, offset, scale))

    return cache.get(("compare", what, ind.id, span, limit, offset, scale), version, lambda: make(view()))


def _compare_view(rows: list[CompareRow], ind: IndicatorDef, label: str, limit: int, offset: int,
                  scale: str | None) -> dict[str, Any]:
    page = _page(len(rows), limit, offset)
    shown = rows[page.offset:page.offset + page.limit]
    return {
        "indicator": {"id": ind.id, "name": ind.name, "unit": ind.unit},
        "period": label,
        "page": page.to_dict(),
        "rows": [compare_row_json(r, scale) for r in shown],
        "chart": compare_chart(shown),
        "scale": scale,
        "_page": page,
    }


def indicator_choices() -> list[dict[str, str]]:
    """The canonical indicators for the picker: id and standard name."""
    return [{"id": item.id, "name": item.name, "unit": item.unit} for item in indicators()]


# -- zone profile ----------------------------------------------------------------------------

def _profile_charts(rows: Sequence[ProfileRow], limit: int = 12) -> list[dict[str, Any]]:
    """One chart per indicator with levels: its values over the periods, in the report's units."""
    series: dict[str, list[ProfileRow]] = defaultdict(list)
    for r in rows:
        if r.type == "indicator" and r.fact.get("value") is not None and r.period and \
                r.fact.get("qualifier") != "target":
            series[r.group].append(r)
    charts = []
    for group, items in series.items():
        unit = Counter(i.fact.get("unit") for i in items).most_common(1)[0][0]
        by_period: dict[str, ProfileRow] = {}
        for item in items:
            if item.fact.get("unit") == unit and item.period is not None:
                by_period.setdefault(item.period, item)   # profile rows come in preference order
        points = sorted(by_period.values(), key=lambda i: (i.period or "").split("/")[::-1])
        divisor, unit_label = _scale(unit, [p.fact["value"] for p in points])
        charts.append({
            "title": group, "unit": unit_label,
            "periods": [period_label(p.period) for p in points],
            "values": [float(p.fact["value"] / divisor) for p in points],
            "labels": [human_value(p.fact["value"], unit) for p in points],
            "changes": [float(p.fact["change"]["pct"]) if (p.fact.get("change") or {}).get("pct") is not None
                        else None for p in points],
            "hrefs": [doc_href(p.source.document, p.source.fact_id) for p in points],
        })
    charts.sort(key=lambda c: (-len(c["periods"]), c["title"]))
    return charts[:limit]


def _funnels(pipeline: Sequence[queries.PipelineRow]) -> list[dict[str, Any]]:
    """Project counts by stage for the latest period with projects, one funnel per size class
    (a class in another currency, ≥1000万美元, is a funnel of its own)."""
    counted = [p for p in pipeline if p.count is not None and p.period]
    if not counted:
        return []
    latest = max(counted, key=lambda p: (p.period or "").split("/")[::-1]).period
    classes: dict[tuple[str, Decimal | None], dict[str, queries.PipelineRow]] = defaultdict(dict)
    for p in counted:
        if p.period == latest:
            stages = classes[(p.currency, p.min_investment)]
            # one figure per stage: the one without a category (all projects) when there is one
            if p.stage not in stages or (stages[p.stage].category is not None and p.category is None):
                stages[p.stage] = p
    out = []
    for (currency, min_investment), stages in sorted(
            classes.items(), key=lambda kv: (kv[0][0] != "CNY", kv[0][0], kv[0][1] or Decimal(0))):
        steps = [stages[s] for s in ("signed", "started", "ongoing", "completed", "operational", "other")
                 if s in stages]
        out.append({
            "title": f"{period_label(latest)} · {size_class(min_investment, currency)}",
            "stages": [stage_label(s.stage) + (f"·{s.category}" if s.category else "") for s in steps],
            "values": [float(s.count) for s in steps if s.count is not None],
            "labels": [human_value(s.count, "count") + (f" · {human_value(s.investment, s.currency)}"
                                                        if s.investment else "") for s in steps],
            "hrefs": [doc_href(s.source.document, s.source.fact_id) for s in steps],
        })
    return out


def zone_not_found(name: str, reason: str) -> str:
    """The 404 text of a zone the store has no facts about, in Chinese, with the stored zones the
    query layer suggests.

    >>> zone_not_found("经开", "no facts about zone '经开' in the store; did you mean 淮安经济技术开发区?")
    '库中没有关于“经开”的数据。是不是：淮安经济技术开发区'
    """
    text = f"库中没有关于“{name[:40]}”的数据。"
    _, _, suggested = reason.partition("did you mean ")
    return text + (f"是不是：{suggested.rstrip('?')}" if suggested else "")


def zone_view(conn: Connection, name: str, *, limit: int = 200, offset: int = 0) -> dict[str, Any]:
    """One zone: its indicators over time (charts), project pipeline, rankings and officials."""
    if not name.strip() or len(name) > 100 or "\x00" in name:
        raise ApiError(404, "not_found", "没有这个园区或地区")
    try:
        zone = queries.resolve_zone(conn, name)
    except QueryError as exc:
        raise ApiError(404, "not_found", zone_not_found(name, str(exc))) from exc
    profile = queries.profile(conn, zone)
    pipeline = queries.pipeline(conn, zone)
    officials = queries.officials(conn, zone)
    facts = [r for r in profile if r.type == "indicator"]
    rankings = [r for r in profile if r.type == "ranking"]
    page = _page(len(facts), limit, offset, max_limit=1000)

    def profile_json(r: ProfileRow) -> dict[str, Any]:
        return {**r.to_dict(), "display": fact_summary(r.fact), "source": source_json(r.source),
                "copies": [source_json(c) for c in r.copies]}

    return {
        "zone": zone,
        "page": page.to_dict(),
        "indicators": [profile_json(r) for r in facts[page.offset:page.offset + page.limit]],
        "rankings": [profile_json(r) for r in rankings],
        "pipeline": [{**p.to_dict(), "stage_text": stage_label(p.stage),
                      "size_class": size_class(p.min_investment, p.currency),
                      "count_text": human_value(p.count, "count"),
                      "investment_text": human_value(p.investment, p.currency),
                      "period_text": period_label(p.period), "source": source_json(p.source),
                      "copies": [source_json(c) for c in p.copies], "others": [source_json(c) for c in p.others]}
                     for p in pipeline],
        "officials": [{"name": o.name, "titles": list(o.titles), "mentions": o.mentions,
                       "source": source_json(o.source)} for o in officials],
        "charts": _profile_charts(profile),
        "funnels": _funnels(pipeline),
        "_page": page,
    }


# -- document --------------------------------------------------------------------------------

def parse_document_id(raw: str) -> int:
    """A document id from the URL; anything but a stored row id is a 404."""
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DOCUMENT_ID or len(raw) > 10:
        raise ApiError(404, "not_found", f"没有编号为“{raw[:40]}”的报告")
    return int(raw)


def _info_json(info: DocumentInfo | None) -> dict[str, Any] | None:
    return None if info is None else {**info.to_dict(), "href": doc_href(info.id)}


def document_view(conn: Connection, raw_id: str, *, with_html: bool = False) -> dict[str, Any]:
    """A document's text and facts; with ``with_html`` also the text with its evidence marked."""
    view = queries.document(conn, parse_document_id(raw_id))
    if view is None:
        raise ApiError(404, "not_found", f"没有编号为“{raw_id}”的报告")
    facts = []
    spans = []
    for f in view.facts:
        summary = fact_summary(f.fact)
        form = _form_values(f.fact)
        was = original_text(f.original, _stored_values(f.fact))
        facts.append({**f.to_dict(), "display": summary, "href": doc_href(view.info.id, f.id),
                      "original_text": was, "form": form, "card": fact_card(summary, was, f.wrong),
                      "unresolved": f.type != "person" and not f.fact.get("zone_id")})
        spans.append(EvidenceSpan(f.fact["start"], f.fact["end"], f.id, f.type, summary["label"]))
    from zhibiao.store.corrections import corrections

    out: dict[str, Any] = {
        "document": _info_json(view.info),
        "text": view.text,
        "facts": facts,
        "unresolved": sum(1 for f in facts if f["unresolved"] and not f["wrong"]),
        "corrections": [c.to_dict() for c in corrections(conn, view.info.id)],
        "canonical": _info_json(view.canonical),
        "copies": [_info_json(c) for c in view.copies],
    }
    if with_html:
        from zhibiao.ingest.epaper import parse_epaper

        # an e-paper page's property trailer (… content_220711.html … /enpproperty-->) is no body
        # text: the body is shown with its evidence, the trailer apart
        body_end, _meta = parse_epaper(view.text)
        out["_html"] = highlight(view.text[:body_end], spans)
        out["trailer"] = view.text[body_end:].strip()
    return out


def original_text(original: dict[str, Any] | None, current: dict[str, Any] | None = None) -> str:
    """A corrected fact's extracted values in words, those that differ from ``current`` (the
    stored values, as :func:`_stored_values` gives them; without it the value and change);
    '' when uncorrected.

    >>> was = {"value": "1856000000", "unit": "CNY", "change_pct": "36.7", "period": "2023-01/2023-06"}
    >>> original_text(was, {**was, "value": "1956000000"}), original_text(was), original_text(None)
    ('18.56亿元', '18.56亿元 +36.7%', '')
    >>> original_text(was, {**was, "period": "2023-01/2023-09", "change_pct": None})
    '+36.7% 2023H1'
    """
    if not original:
        return ""
    changed = [k for k in original if current is not None and original.get(k) != current.get(k)]
    keys = changed if current is not None else ["value", "change_pct"]
    if "unit" in keys and "value" not in keys:
        keys.append("value")
    value = Decimal(original["value"]) if original.get("value") is not None else None
    parts = {"value": human_value(value, original.get("unit")) if value is not None else "",
             "count": f"{original['count']}个" if original.get("count") is not None else "",
             "investment": human_value(Decimal(original["investment"]), "CNY") if original.get("investment") else "",
             "rank": f"第{original['rank']}" if original.get("rank") is not None else "",
             "change_pct": human_change("yoy", pct=Decimal(original["change_pct"])) if original.get("change_pct")
             else "",
             "period": period_label(original.get("period")), "subject": original.get("subject") or "",
             "name": original.get("name") or ""}
    order = ("value", "count", "investment", "rank", "change_pct", "period", "subject", "name")
    return " ".join(parts[k] for k in order if k in keys and parts[k]) or "空"


def _stored_values(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact's editable values as corrections record them (numbers as strings)."""
    change = fact.get("change") or {}
    value, pct = fact.get("value"), change.get("pct")
    def text(number: Any) -> str | None:
        return str(number) if number is not None else None
    return {"value": text(value), "unit": fact.get("unit"), "change_pct": text(pct), "period": fact.get("period"),
            "subject": fact.get("subject"), "name": fact.get("name") or fact.get("indicator"),
            "count": text(fact.get("count")), "investment": text(fact.get("investment")), "rank": fact.get("rank")}


def fact_card(summary: dict[str, str], was: str, wrong: bool) -> str:
    """The one line a document page's fact card shows: kind, what, whose, value and change,
    period — each part apart (never run together), then what a correction changed.

    >>> fact_card({"kind": "指标", "what": "国内生产总值", "subject": "金坛区", "value": "236.3亿元",
    ...            "change": "+24.5%", "period": "2023H1", "qualifier": ""}, "", False)
    '指标 · 国内生产总值 · 金坛区 · 236.3亿元 +24.5% · 2023H1'
    """
    figure = " ".join(p for p in (summary["qualifier"], summary["value"], summary["change"]) if p)
    what = summary["what"] if summary["what"] != summary["kind"] else ""
    parts = [summary["kind"], what, summary["subject"], figure, summary["period"]]
    line = " · ".join(p for p in parts if p)
    if was:
        line += f"（已更正，原为 {was}）"
    return line + ("（已标记错误）" if wrong else "")


_FIELD_LABELS = {"value": ("数值", "如 18.56亿元"), "unit": ("单位", "CNY、%、count…"), "change_pct": ("同比 %", ""),
                 "period": ("期间", "2023H1"), "subject": ("主体", ""), "name": ("名称", ""),
                 "count": ("项目数", "如 49"), "investment": ("投资额", "如 280.63亿元"), "rank": ("名次", "如 3")}


def _form_values(fact: dict[str, Any]) -> list[dict[str, str]]:
    """The correction form's fields of a fact — those its type has — with its values as the
    form shows them (numbers in plain digits, the period as 2023H1)."""
    from zhibiao.store.corrections import FIELDS_OF

    change = fact.get("change") or {}

    def plain(value: Any) -> str:
        return (_dec_text(value) or "") if isinstance(value, Decimal) else ""
    period = fact.get("period")
    values = {"value": plain(fact.get("value")), "unit": fact.get("unit") or "",
              "change_pct": plain(change.get("pct")),
              "period": (period if "X" in period else period_label(period)) if period else "",
              "subject": fact.get("subject") or "", "name": fact.get("name") or fact.get("indicator") or "",
              "count": plain(fact.get("count")), "investment": plain(fact.get("investment")),
              "rank": str(fact["rank"]) if fact.get("rank") is not None else ""}
    return [{"key": key, "label": _FIELD_LABELS[key][0], "placeholder": _FIELD_LABELS[key][1],
             "value": values[key]} for key in FIELDS_OF.get(fact.get("type", ""), ())]


# -- targets ---------------------------------------------------------------------------------

def targets_view(conn: Connection, zone: str | None) -> dict[str, Any]:
    """Targets beside actual figures with their progress (bars), and target ranks beside the
    places reached; of one zone or all."""
    if zone is not None and (not zone.strip() or len(zone) > 100):
        raise ApiError(400, "bad_parameter", "zone must be 1 to 100 characters")
    try:
        rows, ranks = queries.targets(conn, zone), queries.target_ranks(conn, zone)
    except QueryError as exc:
        raise ApiError(404, "not_found", zone_not_found(zone or "", str(exc))) from exc

    def progress(value: Decimal | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"pct": _dec_text(value), "width": float(min(max(value, Decimal(0)), Decimal(100)))}

    return {
        "zone": zone,
        "targets": [{
            "zone": r.zone, "zone_href": zone_href(r.zone), "indicator": r.indicator, "period": r.period,
            "target_text": human_value(r.target, r.unit) if r.target is not None else "",
            "target_change": human_change("yoy", pct=r.target_change_pct) if r.target_change_pct is not None else "",
            "actual_text": human_value(r.actual, r.unit) if r.actual is not None else "",
            "actual_change": human_change("yoy", pct=r.actual_change_pct) if r.actual_change_pct is not None else "",
            "actual_period": r.actual_period, "progress": progress(r.progress_pct),
            "stated": progress(r.stated_progress_pct), "source": source_json(r.source),
            "actual_source": source_json(r.actual_source) if r.actual_source else None,
            "stated_source": source_json(r.stated_source) if r.stated_source else None,
        } for r in rows],
        "ranks": [{
            "zone": k.zone, "zone_href": zone_href(k.zone), "what": f"{k.scope or ''}{k.indicator or ''}",
            "target_text": f"进入前{k.target_rank}" if k.target_rank is not None else "目标名次",
            "achieved_text": f"第{k.achieved_rank}" if k.achieved_rank is not None else "",
            "achieved_period": k.achieved_period, "source": source_json(k.source),
            "achieved_source": source_json(k.achieved_source) if k.achieved_source else None,
        } for k in ranks],
    }


# -- search ----------------------------------------------------------------------------------

def search_view(conn: Connection, q: str | None, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents and facts containing ``q`` (queries.search), one page of each."""
    text = (q or "").replace("\x00", "").strip()
    if not text:
        raise ApiError(400, "bad_parameter", "q is required: the text to search for")
    if len(text) > queries.MAX_SEARCH_CHARS:
        raise ApiError(400, "query_too_long", f"the search text is longer than {queries.MAX_SEARCH_CHARS} characters")
    if not 1 <= limit <= queries.MAX_PAGE:
        raise ApiError(400, "bad_parameter", f"limit must be between 1 and {queries.MAX_PAGE}")
    if not 0 <= offset <= 10_000:
        raise ApiError(400, "bad_parameter", "offset must be between 0 and 10000")
    result = queries.search(conn, text, limit=limit, offset=offset)
    if offset and offset >= max(result.documents_total, result.facts_total):
        raise ApiError(400, "out_of_range", f"offset {offset} is past the last result")
    return {
        "query": result.query,
        "documents": {"total": result.documents_total, "limit": limit, "offset": offset,
                      "items": [{"document": _info_json(h.document), "snippet": list(h.snippet), "matches": h.matches}
                                for h in result.documents]},
        "facts": {"total": result.facts_total, "limit": limit, "offset": offset,
                  "items": [{"id": h.id, "type": h.type, "fact": h.to_dict()["fact"],
                             "display": fact_summary(h.fact), "source": source_json(h.source)}
                            for h in result.facts]},
        "_page": Page(total=max(result.documents_total, result.facts_total), limit=limit, offset=offset),
    }


# -- conflicts -------------------------------------------------------------------------------

def conflict_json(c: Conflict) -> dict[str, Any]:
    """One conflict as JSON, both sides linked to their evidence."""
    unit = "%" if c.kind == "change" else c.unit
    return {**c.to_dict(), "a": source_json(c.a), "b": source_json(c.b), "a_text": human_value(c.a_value, unit),
            "b_text": human_value(c.b_value, unit), "zone_href": zone_href(c.zone)}


def conflicts_view(conn: Connection, *, limit: int = 100, offset: int = 0,
                   cache: VersionedCache | None = None) -> dict[str, Any]:
    """Figures two reports cannot both have right (queries.conflicts, cached: it compares every
    figure of the store), one page."""
    found = cache.get("conflicts", queries.generation(conn), lambda: queries.conflicts(conn)) if cache \
        else queries.conflicts(conn)
    page = _page(len(found), limit, offset)
    return {"page": page.to_dict(), "rows": [conflict_json(c) for c in found[page.offset:page.offset + page.limit]],
            "_page": page}


# -- upload ----------------------------------------------------------------------------------

def store_upload(store: Store, items: list[Document | DocumentError],
                 extract_batch: BatchExtractor | None = None) -> dict[str, Any]:
    """Store the documents read from one upload (errors in their place): the upload's answer.

    Written a few documents at a time, each time under the upload lock only for that write, so
    that a large upload never holds a small one up for longer than one of its writes."""
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    stats = IngestStats()
    for start in range(0, len(docs), _UPLOAD_CHUNK):
        with _UPLOAD_LOCK:
            part = store.ingest_documents(docs[start:start + _UPLOAD_CHUNK], extract_batch=extract_batch)
        stats.stored += part.stored
        stats.skipped += part.skipped
        stats.error_list.extend(part.error_list)
        stats.warnings.extend(part.warnings)
    errors.extend(stats.error_list)
    hashes = [content_hash(d.text) for d in docs]
    stored = []
    with store.engine.connect() as conn:
        ids = dict(conn.execute(select(DocumentRow.content_hash, DocumentRow.id)
                                .where(DocumentRow.content_hash.in_(hashes))).all()) if hashes else {}
        for digest in dict.fromkeys(hashes):
            if digest in ids:
                stored.append(document_view(conn, str(ids[digest])))
    if not stored and errors:
        raise ApiError(400, "unreadable", "; ".join(" ".join(e.message.split()) for e in errors[:5]))
    return {
        "stored": [{"document": d["document"], "facts": d["facts"]} for d in stored],
        "new": stats.stored,
        "already_stored": stats.skipped,
        "errors": [{"where": e.where, "code": e.code, "message": " ".join(e.message.split())} for e in errors],
        # what the input edge repaired (U+FFFD for a NUL, a date left out) or left out (a fact)
        "warnings": list(stats.warnings),
    }


def public(data: dict[str, Any]) -> dict[str, Any]:
    """The API's copy of a view: without the keys only templates use (``_page``, ``_html``)."""
    return {k: v for k, v in data.items() if not k.startswith("_")}


def html_text(data: dict[str, Any]) -> Markup:
    """The highlighted text of a document view (built by :func:`document_view`)."""
    return data["_html"]  # type: ignore[no-any-return]
