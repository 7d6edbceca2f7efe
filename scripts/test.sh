#!/usr/bin/env bash
# The project's checks, as the README gives them: lint, types, then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check vnpolicy tests scripts benchmarks setup.py
mypy
python -m pytest -q -p no:cacheprovider
