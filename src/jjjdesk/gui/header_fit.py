"""Column headers that read whole in either language: English headers are about twice as
wide as the Chinese ones the widths were chosen for ("Submitt…", "ompletion (%)")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView

#: The section's own margins and the sort arrow.
PADDING = 28


def needed_width(header: QHeaderView, section: int) -> int:
    model = header.model()
    text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
    metrics = QFontMetrics(header.font())
    lines = str(text or "").split("\n")
    return max(metrics.horizontalAdvance(line) for line in lines) + PADDING


def fit_headers(header: QHeaderView) -> None:
    """Widen every shown section whose header text would be cut; never narrow one."""
    if header.model() is None:
        return
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        need = needed_width(header, section)
        if header.sectionSize(section) < need:
            header.resizeSection(section, need)


def fit_short_values(view, cap: int = 150, rows: int = 50) -> None:
    """Widen the narrow columns (codes, kinds, stages) to their longest value among the
    first `rows` rows, up to `cap` pixels: "Under construction" in English, not "Under …".
    Long texts (names, descriptions) keep their width and elide."""
    model, header = view.model(), view.horizontalHeader()
    if model is None:
        return
    metrics = view.fontMetrics()
    shown = min(model.rowCount(), rows)
    for column in range(model.columnCount()):
        size = header.sectionSize(column)
        if header.isSectionHidden(column) or size >= cap:
            continue
        texts = (model.index(r, column).data(Qt.ItemDataRole.DisplayRole) for r in range(shown))
        widest = max((metrics.horizontalAdvance(str(t)) for t in texts if t is not None),
                     default=0) + 14
        if size < widest:
            header.resizeSection(column, min(widest, cap))
