#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite headless: once against SQLite files, once
# against a real PostgreSQL server started on loopback (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The packaging Python for glibc 2.28 compiles for minutes the first time on a machine; it
# builds beside the test suites (build.sh waits for it, then finds it cached).
mkdir -p packaging/build
bash packaging/build_python.sh >packaging/build/build_python.log 2>&1 &
export QT_QPA_PLATFORM=offscreen
echo "== type check (mypy: domain, db, services, importing)"
.venv/bin/python -m mypy
echo "== test suite on SQLite"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
echo "== test suite on PostgreSQL"
pg_url=$(bash scripts/pg_test_server.sh)
JJJDESK_TEST_PG_URL="$pg_url" .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
echo "== frozen build: PyInstaller one-folder app, its self-test, size and start-up"
bash packaging/build.sh
