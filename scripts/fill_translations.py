"""Fill unfinished messages of a .ts file from a {Chinese source: English} dict in a .py file.

    .venv/bin/python scripts/fill_translations.py resources/translations/jjjdesk_en.ts T.py…

Each T.py defines `T = {...}` (and optionally `BY_CONTEXT = {(context, source): text}`).
Only messages still marked unfinished are filled; lists the ones left.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET  # our own file, not untrusted input


def main() -> int:
    ts, *tables = sys.argv[1:]
    plain: dict[str, str] = {}
    by_context: dict[tuple[str, str], str] = {}
    for table in tables:
        ns = runpy.run_path(table)
        plain.update(ns.get("T", {}))
        by_context.update(ns.get("BY_CONTEXT", {}))
    tree = ET.parse(ts)
    left = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr.get("type") != "unfinished":
                continue
            source = message.findtext("source") or ""
            text = by_context.get((name, source), plain.get(source))
            if text is None:
                left.append((name, source))
                continue
            tr.text = text
            del tr.attrib["type"]
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    with open(ts, encoding="utf-8") as fh:
        body = fh.read().replace(
            "<?xml version='1.0' encoding='utf-8'?>",
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>',
            1,
        )
    with open(ts, "w", encoding="utf-8") as fh:
        fh.write(body)
    for name, source in left:
        print(f"untranslated [{name}] {source!r}")
    print(f"{len(left)} left")
    return 0


if __name__ == "__main__":
    sys.exit(main())
