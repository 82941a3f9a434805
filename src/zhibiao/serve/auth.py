"""Who may write: sign-in sessions, CSRF tokens and the write rule of the dashboard.

* A store without users is written by anyone who can reach the server — which ``zhibiao serve``
  allows on loopback only (:func:`~zhibiao.serve.commands.serve` refuses another ``--host`` with
  writes on and no users).
* A store with users is written only by a signed-in ``editor``; anyone else gets 401 (not signed
  in) or 403 (a viewer).
* Every form that writes carries a CSRF token bound to the browser's session (or, before sign-in,
  to a random per-browser cookie) and signed with the store's secret; a post without it is 403.

Cookies are HttpOnly and SameSite=Lax (Secure over HTTPS); the session cookie holds the user id,
an expiry and a random nonce, signed with HMAC-SHA256 under a secret kept in the store
(``store_info``), so that every server process of one store accepts it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from zhibiao.serve.errors import ApiError
from zhibiao.store.users import User, count_users, get_user

__all__ = ["SESSION_COOKIE", "Access", "access", "check_csrf", "session_secret", "sign_in", "sign_out"]

SESSION_COOKIE = "zb_session"
BROWSER_COOKIE = "zb_browser"
SESSION_SECONDS = 12 * 3600
_SECRET_KEY = "session_secret"
LOCAL_AUTHOR = "本机用户"


def session_secret(engine: Any) -> bytes:
    """The store's signing secret, made on first use (kept in ``store_info``)."""
    from zhibiao.store.db import info_get, info_set, write_lock

    with engine.connect() as conn:
        found = info_get(conn, _SECRET_KEY)
    if found is None:
        with engine.begin() as conn:
            write_lock(conn)
            found = info_get(conn, _SECRET_KEY)
            if found is None:
                found = secrets.token_hex(32)
                info_set(conn, _SECRET_KEY, found)
    return bytes.fromhex(found)


def _sign(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Access:
    """What one request may do: its user (None: not signed in), whether the store has users,
    the CSRF token its forms carry, and a browser cookie to set (a first visit)."""

    user: User | None
    has_users: bool
    read_only: bool
    csrf: str
    new_browser: str | None = None

    @property
    def can_write(self) -> bool:
        """Whether uploads and corrections are open to this request."""
        if self.read_only:
            return False
        return self.user.can_write if self.user is not None else not self.has_users

    @property
    def author(self) -> str:
        """The name a correction made by this request is recorded under."""
        return self.user.name if self.user is not None else LOCAL_AUTHOR


def _session(request: Request, secret: bytes) -> tuple[int, str] | None:
    """(user id, nonce) of a valid, unexpired session cookie."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    parts = raw.split(".")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    user_id, expires, nonce, signature = parts
    if not hmac.compare_digest(signature, _sign(secret, f"{user_id}.{expires}.{nonce}")):
        return None
    if int(expires) < time.time():
        return None
    return int(user_id), nonce


def access(request: Request, conn: Connection | None = None) -> Access:
    """The access of a request (cached on it), read through ``conn`` when given (a request that
    reads the store anyway saves a connection's checkout and reset)."""
    cached = getattr(request.state, "access", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    state = request.app.state
    secret: bytes = state.secret
    with nullcontext(conn) if conn is not None else state.store.engine.connect() as reading:
        has_users = count_users(reading) > 0
        session = _session(request, secret)
        user = get_user(reading, session[0]) if session is not None else None
    new_browser = None
    if user is not None and session is not None:
        binding = "s:" + session[1]
    else:
        browser = request.cookies.get(BROWSER_COOKIE, "")
        if len(browser) != 32 or not browser.isalnum():
            browser = new_browser = secrets.token_hex(16)
        binding = "b:" + browser
    found = Access(user=user, has_users=has_users, read_only=bool(state.read_only),
                   csrf=_sign(secret, "csrf:" + binding), new_browser=new_browser)
    request.state.access = found
    return found


def set_browser_cookie(request: Request, response: Response) -> None:
    """Give a first-time browser its cookie, the one its CSRF tokens are bound to."""
    found = access(request)
    if found.new_browser is not None:
        response.set_cookie(BROWSER_COOKIE, found.new_browser, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https", path="/")


def check_csrf(request: Request, token: Any) -> None:
    """403 unless ``token`` (a form's ``csrf`` field) is this browser's CSRF token."""
    expected = access(request).csrf
    if not isinstance(token, str) or not hmac.compare_digest(token, expected):
        raise ApiError(403, "csrf", "表单已过期或来源不明（缺少有效的 CSRF 令牌），请刷新页面后重试")


def require_writer(request: Request) -> Access:
    """The access of a request that writes: 403 read-only, 401 not signed in, 403 a viewer."""
    found = access(request)
    if found.read_only:
        raise ApiError(403, "read_only", "本服务为只读模式，不能上传或更正")
    if found.has_users and found.user is None:
        raise ApiError(401, "sign_in", "请先登录（需要编辑权限）")
    if not found.can_write:
        raise ApiError(403, "forbidden", f"用户 {found.author} 是只读用户，不能上传或更正")
    return found


def sign_in(request: Request, response: Response, user: User) -> None:
    """Set the session cookie of ``user`` on ``response``."""
    expires = int(time.time()) + SESSION_SECONDS
    payload = f"{user.id}.{expires}.{secrets.token_hex(16)}"
    response.set_cookie(SESSION_COOKIE, f"{payload}.{_sign(request.app.state.secret, payload)}", httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", max_age=SESSION_SECONDS, path="/")


def sign_out(response: Response) -> None:
    """Remove the session cookie."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
