#!/usr/bin/env bash
# Regenerate resources/translations/jjjdesk_en.ts from the GUI sources and forms.
# Existing translations are kept (lupdate merges); vanished messages are dropped
# (-no-obsolete) so the file only holds what the app can show. Then translate the
# entries marked type="unfinished" (tests/gui/test_translations.py lists the gaps).
set -euo pipefail
cd "$(dirname "$0")/.."
dynamic=$(mktemp -d)/dynamic_strings.py  # literals reaching translate() through variables
trap 'rm -rf "$(dirname "$dynamic")"' EXIT
.venv/bin/python scripts/gui_literals.py src/jjjdesk/gui >"$dynamic"
mapfile -t sources < <(find src/jjjdesk/gui -name '*.py' | sort; ls ui/*.ui)
.venv/bin/pyside6-lupdate -no-obsolete -locations none -source-language zh_CN \
  -target-language en "${sources[@]}" "$dynamic" -ts resources/translations/jjjdesk_en.ts
.venv/bin/python - <<'PY'
import xml.etree.ElementTree as ET
root = ET.parse("resources/translations/jjjdesk_en.ts").getroot()
todo = [m for m in root.iter("message") if m.find("translation").get("type") == "unfinished"]
print(f"jjjdesk_en.ts: {sum(1 for _ in root.iter('message'))} messages, {len(todo)} untranslated")
PY
