#!/usr/bin/env bash
# Quick start, step 2: install what the tests need (system packages when run as root with apt),
# set up the venv, then run the whole test suite and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    need=()
    for pkg in postgresql chromium fonts-wqy-microhei; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ ${#need[@]} -gt 0 ]; then
        apt-get update -qq
        apt-get install -y -qq "${need[@]}" >/dev/null
    fi
fi
bash scripts/setup.sh
# keep Chromium, jieba and Playwright scratch files out of $HOME
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
.venv/bin/ruff check src tests bench scripts
.venv/bin/mypy  # --strict on the pure core (files and options in pyproject.toml)
.venv/bin/python -m pytest -q "$@"
