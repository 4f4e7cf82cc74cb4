"""Colours, the CJK font and the pyqtgraph set-up shared by every dashboard chart."""

from __future__ import annotations

import os
from functools import cache

# pyqtgraph picks its Qt binding at import: make sure it is PySide6 (DESIGN.md, known traps).
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtGui import QColor, QFont, QFontDatabase  # noqa: E402

from jjjdesk.domain.enums import Light  # noqa: E402

LIGHT_COLOURS = {
    Light.RED.value: "#d9342b",
    Light.YELLOW.value: "#f0b400",
    Light.GREY.value: "#9aa0a6",
    Light.GREEN.value: "#2e9d4a",
    Light.NONE.value: "#cfd8dc",
}
PLANNED = "#1f5fa8"
COMPLETED = "#e8731a"
BAR = "#1f5fa8"
TARGET = "#d9342b"
TEXT = "#333333"
GRID_ALPHA = 0.25
EXPORT_SIZE = (1600, 900)

#: Explicit CJK families in order of preference: exported SVG and PNG name a family that has
#: the glyphs, instead of whatever the platform falls back to (DESIGN.md, known traps).
_CJK = (
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Droid Sans Fallback",
)


@cache
def cjk_family() -> str:
    families = set(QFontDatabase.families())
    return next((f for f in _CJK if f in families), QFont().defaultFamily())


def font(point_size: float = 9, bold: bool = False) -> QFont:
    f = QFont(cjk_family())
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def colour(name: str, alpha: int = 255) -> QColor:
    c = QColor(name)
    c.setAlpha(alpha)
    return c


def short(text: str, limit: int = 9) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_category(label: str) -> str:
    """ "(一)推动承接北京非首都功能疏解走深走实" → "(一)承接北京非首都…"."""
    head, _, title = label.partition(")")
    if not title:
        return short(label, 10)
    for word in ("推动", "推进", "加快", "深化"):
        title = title.removeprefix(word)
    title = title.removesuffix("走深走实")
    return f"{head})" + short(title, 8)
