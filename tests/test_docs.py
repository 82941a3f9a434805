"""The README documents every command, and its quick start is two commands (docs kept honest)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from zhibiao.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_readme_lists_every_command(command: str) -> None:
    assert f"`zhibiao {command}" in README, f"README.md does not document `zhibiao {command}`"


def test_docs_quick_start_is_two_commands_that_exist() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    for cmd in commands:
        script = Path(__file__).parents[1] / cmd.split()[-1]
        assert script.is_file(), cmd


def test_docs_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci and "bash scripts/test.sh" in README
