#!/usr/bin/env bash
# Set up jjjdesk on a fresh Debian/Ubuntu with Python 3.11: the system libraries a Qt window
# needs, a virtual environment in .venv, and the app installed into it (not editable, so the
# installed package is what runs). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3

QT_LIBS="libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1 fonts-noto-cjk
 poppler-utils binutils"
missing=""
for p in $QT_LIBS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if ! "$PY" -c "import venv, ensurepip" 2>/dev/null && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get install -y -qq python3-venv
fi

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q ".[${EXTRAS:-test}]"
# Reinstall the package itself from this checkout (fast, no dependency resolution).
.venv/bin/python -m pip install -q --no-deps --force-reinstall .
