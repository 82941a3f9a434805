"""The web dashboard and JSON API over the fact store (``zhibiao serve``).

FastAPI with server-rendered Jinja2 pages (autoescaped) and Apache ECharts served from the
package (no CDN: it works offline). Pages and API answer from the same views
(:mod:`zhibiao.serve.views`), which ask :mod:`zhibiao.store.queries`, as the CLI does.
Nothing is imported until used, so the ``zhibiao`` command starts without FastAPI.

Usage (an ASGI app for any server)::

    from zhibiao.serve import create_app
    app = create_app("sqlite:///zhibiao.db", read_only=True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhibiao.serve.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from zhibiao.serve.app import create_app

        return create_app
    raise AttributeError(f"module 'zhibiao.serve' has no attribute {name!r}")
