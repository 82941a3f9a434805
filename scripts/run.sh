#!/usr/bin/env bash
# Quick start, step 1: set up, then store every fact of the bundled reports (the two seeds and the
# demo corpus of real public reports, src/zhibiao/samples/regional-demo.jsonl) in the embedded SQLite
# database ./zhibiao.db and compare the zones on one indicator and period, each figure with its source.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Idempotent: a second run finds the reports already stored and only prints the answer.
.venv/bin/zhibiao ingest src/zhibiao/samples --db sqlite:///zhibiao.db
.venv/bin/zhibiao compare --indicator 地区生产总值 --period 2023H1 --db sqlite:///zhibiao.db
