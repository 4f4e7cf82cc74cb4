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
