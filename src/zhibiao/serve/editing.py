"""The dashboard's writing pages: sign in and out, and the corrections an editor makes on a
document page (correct a fact, mark it wrong, add a missed fact, assign the zone).

Every post needs write access (:func:`~zhibiao.serve.auth.require_writer`) and the form's CSRF
token; a correction is recorded under the signed-in user's name, then the browser is sent back
to the document (303). A bad value is a 400 page naming the field and the reason.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zhibiao.serve import views
from zhibiao.serve.auth import access, check_csrf, require_writer, sign_in, sign_out
from zhibiao.serve.errors import ApiError
from zhibiao.store.corrections import EDITABLE

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_MAX_FIELDS = 20


async def _form(request: Request, *, write: bool = True) -> dict[str, str]:
    """The posted form's text fields, after the write rule and the CSRF check."""
    if write:
        require_writer(request)
    form = await request.form(max_files=0, max_fields=_MAX_FIELDS)
    try:
        check_csrf(request, form.get("csrf"))
        return {k: v for k, v in form.items() if isinstance(v, str)}
    finally:
        await form.close()


def _int(fields: dict[str, str], key: str) -> int:
    raw = fields.get(key, "").strip()
    if not raw.isdigit() or len(raw) > 9:
        raise ApiError(400, "bad_parameter", f"{key} must be a whole number")
    return int(raw)


def _back(document: int, fact: int | None = None) -> RedirectResponse:
    return RedirectResponse(views.doc_href(document, fact), status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    """The sign-in form."""
    from zhibiao.serve.pages import render

    return render(request, "login.html", {"next": _local(next), "error": None})


def _local(target: str) -> str:
    """A redirect target on this site only (never //other.example)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.post("/login")
async def login(request: Request) -> Response:
    """Check the name and password; on success set the session cookie and go on."""
    from zhibiao.serve.pages import render
    from zhibiao.store.users import check_password

    fields = await _form(request, write=False)
    store = request.app.state.store

    def check() -> Any:
        with store.engine.connect() as conn:
            return check_password(conn, fields.get("name", ""), fields.get("password", ""))

    user = await run_in_threadpool(check)
    target = _local(fields.get("next", "/"))
    if user is None:
        return render(request, "login.html", {"next": target, "error": "用户名或密码不对"}, status=401)
    response = RedirectResponse(target, status_code=303)
    sign_in(request, response, user)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Remove the session cookie."""
    await _form(request, write=False)
    response = RedirectResponse("/", status_code=303)
    sign_out(response)
    return response


@router.post("/doc/{document_id}/fact/{fact_id}/correct")
async def correct(request: Request, document_id: str, fact_id: str) -> Response:
    """Correct a fact's value, unit, change, period, subject or name."""
    fields = await _form(request)
    document, fact = views.parse_document_id(document_id), views.parse_document_id(fact_id)
    changes = {k: fields.get(k) for k in EDITABLE if k in fields}
    author = access(request).author
    await run_in_threadpool(lambda: request.app.state.store.correct(
        fact, changes, author=author, reason=fields.get("reason")))
    return _back(document, fact)


@router.post("/doc/{document_id}/fact/{fact_id}/wrong")
async def wrong(request: Request, document_id: str, fact_id: str) -> Response:
    """Mark a fact wrong."""
    fields = await _form(request)
    document, fact = views.parse_document_id(document_id), views.parse_document_id(fact_id)
    author = access(request).author
    await run_in_threadpool(lambda: request.app.state.store.mark_wrong(fact, author=author,
                                                                       reason=fields.get("reason")))
    return _back(document, fact)


@router.post("/doc/{document_id}/add")
async def add(request: Request, document_id: str) -> Response:
    """Add a fact the extractor missed, on the selected span of the text."""
    fields = await _form(request)
    document = views.parse_document_id(document_id)
    start, end = _int(fields, "start"), _int(fields, "end")
    values = {k: fields.get(k) for k in EDITABLE if k in fields}
    author = access(request).author
    await run_in_threadpool(lambda: request.app.state.store.add_fact(
        document, start, end, values, author=author, reason=fields.get("reason")))
    return _back(document)


@router.post("/doc/{document_id}/zone")
async def zone(request: Request, document_id: str) -> Response:
    """Assign the zone of the document's unresolved facts."""
    fields = await _form(request)
    document = views.parse_document_id(document_id)
    author = access(request).author
    await run_in_threadpool(lambda: request.app.state.store.assign_zone(
        document, fields.get("zone", ""), author=author, reason=fields.get("reason")))
    return _back(document)
