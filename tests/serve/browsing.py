"""Browser-test plumbing shared by the Playwright modules: Debian's Chromium, a live uvicorn
server in a thread, pages whose console errors and dialogs are recorded, screenshots."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

__all__ = ["LAPTOP", "PHONE", "Watched", "launch", "needs_chromium", "open_page", "serving", "shot"]

CHROMIUM = "/usr/bin/chromium"
# Playwright adds --headless and --no-sandbox itself; these keep Chromium from reaching out.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}

needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                    reason="chromium not installed (apt-get install chromium)")


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def launch() -> Iterator[Any]:
    """Debian's Chromium, headless, kept from reaching out (a generator: one browser)."""
    from playwright.sync_api import sync_playwright

    # Chromium writes crash reports and dconf caches under $HOME unless told otherwise.
    scratch = tempfile.mkdtemp(prefix="zhibiao-chromium.")
    saved = {k: os.environ.get(k) for k in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(scratch, "config"))
    os.environ.setdefault("XDG_CACHE_HOME", os.path.join(scratch, "cache"))
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield b
            b.close()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


class Watched:
    """A page whose console errors, page errors and dialogs are recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()
        page.on("dialog", dialog)


def open_page(browser: Any, viewport: dict[str, int] = LAPTOP) -> Iterator[Watched]:
    """A watched page in a fresh context; on leaving, no dialog may have opened and no console
    error been logged."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert watched.dialogs == [], "a dialog opened: some script ran"
    assert watched.problems == []


def shot(page: Any, name: str) -> None:
    """A full-page screenshot to artifacts/screenshots/NAME.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
