#!/usr/bin/env bash
# Quick start, step 1: set up, then extract every fact of the bundled sample reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/zhibiao extract src/zhibiao/samples -o out/samples.facts.jsonl
.venv/bin/zhibiao show src/zhibiao/samples/000_74faa45ff7a60390.txt
