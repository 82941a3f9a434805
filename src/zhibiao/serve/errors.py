"""The one error of the web layer: an HTTP status, a stable code and a message for people.

Rendered as ``{"ok": false, "error": {"code": …, "message": …}}`` under ``/api/`` and as an
error page elsewhere (see :mod:`zhibiao.serve.app`).
"""

from __future__ import annotations

__all__ = ["ApiError"]


class ApiError(Exception):
    """A request the dashboard cannot answer as asked (never a bug: bugs are 500s)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
