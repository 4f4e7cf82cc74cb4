#!/usr/bin/env bash
# Set up (if needed) and start jjjdesk on its embedded default database (SQLite, demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test bash scripts/setup.sh
exec .venv/bin/jjjdesk "$@"
