#!/usr/bin/env bash
# Create .venv and install zhibiao with its dev tools (idempotent: a second run only checks).
# Usage: source-free; call as `bash scripts/setup.sh`. Honours $PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.zhibiao-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
    .venv/bin/python -m pip install -q -e '.[dev]' 2>&1 | grep -v "is ignored" || true
    .venv/bin/python -c "import zhibiao" && touch "$stamp"
fi
