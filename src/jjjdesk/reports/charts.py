"""The brief's charts as PNG, drawn headless with matplotlib's Agg backend (no Qt, no display).

The .docx, the PDF and the meeting pack embed the same bytes. Chinese text uses the CJK font
the PDF embeds (`fonts.find_cjk_font`); with none installed the charts are still drawn, with
matplotlib's own font.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache
from pathlib import Path

from jjjdesk.domain.enums import Light
from jjjdesk.errors import UserFacingError
from jjjdesk.reports.brief import Brief, BriefFigure, brief_figures
from jjjdesk.reports.fonts import find_cjk_font

log = logging.getLogger(__name__)

DPI = 150
#: the light colours of the 总览 page
COLOURS = {Light.RED: "#d9534f", Light.YELLOW: "#f0ad4e", Light.GREEN: "#5cb85c",
           Light.GREY: "#9e9e9e", Light.NONE: "#d0d0d0"}


@lru_cache(maxsize=1)
def _font_family() -> str | None:
    """Register the CJK font with matplotlib once; its family name, or None."""
    from matplotlib import font_manager

    try:
        choice = find_cjk_font()
    except UserFacingError:
        log.warning("no CJK font found: chart labels may not show Chinese")
        return None
    try:
        font_manager.fontManager.addfont(str(choice.path))
        return font_manager.FontProperties(fname=str(choice.path)).get_name()
    except (OSError, RuntimeError, ValueError):
        log.warning("matplotlib cannot read %s", choice.path, exc_info=True)
        return None


def _figure(height_in: float):
    """A figure not tied to any GUI backend (Figure + Agg canvas, pyplot never loaded)."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    family = _font_family()
    if family:
        mpl.rcParams["font.family"] = [family, "DejaVu Sans"]
        mpl.rcParams["axes.unicode_minus"] = False
    return Figure(figsize=(6.4, height_in), dpi=DPI, layout="constrained")


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def _lights(brief: Brief) -> bytes:
    kinds = list(brief.counts)
    fig = _figure(2.6)
    ax = fig.add_subplot()
    left = [0] * len(kinds)
    for light in COLOURS:
        values = [brief.counts[k].get(light.value, 0) for k in kinds]
        bars = ax.barh(kinds, values, left=left, color=COLOURS[light], label=light.label)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center",
                     fontsize=9)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("事项数(项)")
    ax.legend(ncols=len(COLOURS), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False,
              fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def _rates(brief: Brief) -> bytes:
    rows = sorted(brief.unit_rates, key=lambda r: (-(r[1] / r[2] if r[2] else 0), r[0]))
    names = [r[0] for r in rows]
    rates = [r[1] / r[2] * 100 if r[2] else 0.0 for r in rows]
    fig = _figure(min(7.0, max(2.4, 0.2 * len(rows) + 1.0)))
    ax = fig.add_subplot()
    colours = [COLOURS[Light.GREEN] if r >= 100 else COLOURS[Light.YELLOW] if r > 0
               else COLOURS[Light.RED] for r in rates]
    bars = ax.barh(names, rates, color=colours)
    ax.bar_label(bars, labels=[f"{r:.0f}%" for r in rates], padding=2, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel("报送率(%)")
    ax.tick_params(axis="y", labelsize=8 if len(rows) <= 30 else 6)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def _investment(brief: Brief) -> bytes:
    inv = brief.investment
    assert inv is not None
    labels = [m[0] for m in inv.months]
    fig = _figure(3.0)
    ax = fig.add_subplot()
    x = range(len(labels))
    ax.bar(x, [m[1] for m in inv.months], color="#4a7ebb", label="累计完成投资")
    ax.plot(x, [m[2] for m in inv.months], color=COLOURS[Light.RED], marker="o",
            label="按时序应完成")
    ax.set_xticks(list(x), labels, rotation=45 if len(labels) > 6 else 0, ha="right"
                  if len(labels) > 6 else "center", fontsize=8)
    ax.set_ylabel("亿元")
    ax.legend(frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


_DRAW = {"lights": _lights, "rates": _rates, "investment": _investment}


def chart_png(brief: Brief, figure: BriefFigure) -> bytes:
    """The PNG of one of the brief's figures."""
    return _DRAW[figure.kind](brief)


def save_charts(brief: Brief, folder: Path) -> list[Path]:
    """Write the brief's charts as PNG files into `folder`; the files written."""
    from jjjdesk.excel.safety import safe_filename
    from jjjdesk.files import atomic_path

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for fig in brief_figures(brief):
        if not isinstance(fig, BriefFigure):
            continue
        path = folder / safe_filename(f"{fig.caption}.png")
        with atomic_path(path) as tmp:
            Path(tmp).write_bytes(chart_png(brief, fig))
        out.append(path)
    return out
