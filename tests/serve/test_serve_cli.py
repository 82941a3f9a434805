"""``zhibiao serve``: its options, a store that cannot be opened, and a real server process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2
from typer.testing import CliRunner

from zhibiao.cli import app

from .helpers import fill

ZHIBIAO = [sys.executable, "-c", "from zhibiao.cli import main; main()"]


def test_serve_cli_help_lists_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--read-only"):
        assert option in result.output


def test_serve_cli_bad_store_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", "sqlite:////no/such/folder/x.db"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: ") and "Traceback" not in result.output


def test_serve_cli_runs_a_read_only_server(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    fill(url).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*ZHIBIAO, "serve", "--db", url, "--port", str(port), "--read-only"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                overview = httpx2.get(base + "/api/overview", timeout=2)
                break
            except httpx2.HTTPError:
                assert time.monotonic() < deadline, "zhibiao serve did not answer"
                time.sleep(0.2)
        assert overview.json()["data"]["read_only"] is True
        assert overview.json()["data"]["counts"]["documents"] == 11
        refused = httpx2.post(base + "/api/upload", files={"file": ("a.txt", "收入1亿元".encode())})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "read_only"
        echarts = httpx2.get(base + "/static/vendor/echarts/echarts.min.js", headers={"accept-encoding": "gzip"})
        assert echarts.status_code == 200 and echarts.headers["content-encoding"] == "gzip"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)
    assert server.returncode == 0
