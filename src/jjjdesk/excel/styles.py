"""Cell formats shared by every sheet jjjdesk writes: one xlsxwriter Format per look."""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from jjjdesk.domain.enums import Light

#: Body and title fonts of every sheet (one place to change them). The names are the Chinese
#: ones, as Excel and WPS on the office PCs list them; charset 134 (GB2312) tells LibreOffice
#: and WPS on Kylin to pick a Simplified Chinese face instead of the Japanese Noto variant.
FONT = "宋体"  # SimSun
TITLE_FONT = "黑体"  # SimHei
FONT_CHARSET = 134
BASE_SIZE = 10
HEADER_FILL = "#D9E1F2"
GROUP_FILL = "#EDEDED"
TOTAL_FILL = "#FFF2CC"
INPUT_FILL = "#FFFFE0"  # template cells the unit fills in
#: 红黄绿灯 fills and font colours (Excel's own "good/neutral/bad" palette prints well in grey).
LIGHT_COLOURS: dict[str, tuple[str, str]] = {
    Light.RED: ("#FFC7CE", "#9C0006"),
    Light.YELLOW: ("#FFEB9C", "#9C5700"),
    Light.GREEN: ("#C6EFCE", "#006100"),
    Light.GREY: ("#D9D9D9", "#404040"),
}
MONEY = "0.00"
PERCENT = "0%"
DATE = 'yyyy"年"m"月"d"日"'

#: Column kinds → the cell properties of their body cells.
KINDS: dict[str, dict[str, Any]] = {
    "text": {"valign": "vcenter"},
    "wrap": {"valign": "vcenter", "text_wrap": True},
    "center": {"align": "center", "valign": "vcenter", "text_wrap": True},
    "int": {"align": "center", "valign": "vcenter", "num_format": "0"},
    "number": {"valign": "vcenter", "num_format": "General"},
    "money": {"valign": "vcenter", "num_format": MONEY},
    "pct": {"align": "center", "valign": "vcenter", "num_format": PERCENT},
    "date": {"align": "center", "valign": "vcenter", "num_format": DATE},
    "light": {"align": "center", "valign": "vcenter"},
}
_FONT = {"font_name": FONT, "font_charset": FONT_CHARSET, "font_size": BASE_SIZE}
_BASE = _FONT | {"border": 1}


class Styles:
    """Formats of one workbook, created on first use and cached by name; `font` and
    `title_font` replace 宋体 and 黑体 everywhere (the office's choice)."""

    def __init__(self, workbook: Workbook, *, font: str = FONT, title_font: str = TITLE_FONT):
        self.wb = workbook
        self._cache: dict[tuple, Format] = {}
        self._fonts = {FONT: font, TITLE_FONT: title_font}

    def _props(self, props: dict[str, Any]) -> dict[str, Any]:
        name = props.get("font_name")
        return props if name not in self._fonts else props | {"font_name": self._fonts[name]}

    def get(self, kind: str, *, fill: str = "", bold: bool = False, locked: bool = True,
            quote: bool = False) -> Format:
        key = (kind, fill, bold, locked, quote)
        fmt = self._cache.get(key)
        if fmt is None:
            props = dict(_BASE) | KINDS[kind]
            if fill:
                props |= {"bg_color": fill, "pattern": 1}
            if bold:
                props["bold"] = True
            if not locked:
                props["locked"] = False
            if quote:
                # Keeps text like "=1+1" text even after a user edits the cell (F2, Enter).
                props["quote_prefix"] = True
            fmt = self._cache[key] = self.wb.add_format(self._props(props))
        return fmt

    def light(self, light: str) -> Format:
        key = ("light", light)
        fmt = self._cache.get(key)
        if fmt is None:
            props = dict(_BASE) | KINDS["light"]
            if light in LIGHT_COLOURS:
                bg, fg = LIGHT_COLOURS[light]
                props |= {"bg_color": bg, "pattern": 1, "font_color": fg, "bold": True}
            fmt = self._cache[key] = self.wb.add_format(self._props(props))
        return fmt

    def named(self, name: str) -> Format:
        fmt = self._cache.get(("named", name))
        if fmt is None:
            fmt = self._cache[("named", name)] = self.wb.add_format(self._props(_NAMED[name]))
        return fmt


_NAMED: dict[str, dict[str, Any]] = {
    "title": _FONT | {"font_name": TITLE_FONT, "font_size": 16, "bold": True,
                      "align": "center", "valign": "vcenter"},
    "subtitle": _FONT | {"valign": "vcenter"},
    "header": _FONT | {"bold": True, "align": "center",
               "valign": "vcenter", "text_wrap": True, "border": 1, "bg_color": HEADER_FILL,
               "pattern": 1},
    "group": _FONT | {"bold": True, "valign": "vcenter",
              "border": 1, "bg_color": GROUP_FILL, "pattern": 1},
    "total_label": _FONT | {"bold": True, "align": "center",
                    "valign": "vcenter", "border": 1, "bg_color": TOTAL_FILL, "pattern": 1},
    "total_money": _FONT | {"bold": True, "valign": "vcenter",
                    "border": 1, "bg_color": TOTAL_FILL, "pattern": 1, "num_format": MONEY},
    "total_blank": _FONT | {"border": 1, "bg_color": TOTAL_FILL,
                    "pattern": 1},
    "note": _FONT | {"text_wrap": True, "valign": "top"},
    "note_bold": _FONT | {"font_name": TITLE_FONT, "font_size": 12, "bold": True,
                          "valign": "vcenter"},
}
