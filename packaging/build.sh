#!/usr/bin/env bash
# Build the one-folder app into packaging/dist/jjjdesk and run its self-test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m pip install -q "pyinstaller>=6.10,<7"
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath packaging/dist --workpath packaging/build packaging/jjjdesk.spec
echo "built: packaging/dist/jjjdesk ($(du -sm packaging/dist/jjjdesk | cut -f1) MB)"
QT_QPA_PLATFORM=offscreen packaging/dist/jjjdesk/jjjdesk-cli init --demo \
  --db "$(mktemp -d)/frozen.sqlite3"
