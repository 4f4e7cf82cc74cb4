"""Pick a reporting period: kind (周/月/季度), year and index, shown as 2024年3月."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from jjjdesk.domain.period import Period, PeriodKind, weeks_in_year

_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind_combo = QComboBox(self, objectName="periodKindCombo")
        for kind, label in (
            (PeriodKind.MONTH, self.tr("月报")),
            (PeriodKind.QUARTER, self.tr("季报")),
            (PeriodKind.WEEK, self.tr("周报")),
        ):
            self.kind_combo.addItem(label, kind.value)
        self.year_spin = QSpinBox(self, objectName="periodYearSpin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setSuffix(self.tr("年"))
        self.index_combo = QComboBox(self, objectName="periodIndexCombo")
        self.index_combo.setMaxVisibleItems(15)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind_combo)
        layout.addWidget(self.year_spin)
        layout.addWidget(self.index_combo, 1)
        self.kind_combo.currentIndexChanged.connect(self._refill)
        self.year_spin.valueChanged.connect(self._refill)
        self.index_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_period(self, period: Period) -> None:
        for w in (self.kind_combo, self.year_spin):
            w.blockSignals(True)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(period.kind.value), 0))
        self.year_spin.setValue(period.year)
        for w in (self.kind_combo, self.year_spin):
            w.blockSignals(False)
        self._refill()
        self.index_combo.setCurrentIndex(max(self.index_combo.findData(period.index), 0))

    def _refill(self) -> None:
        kind = PeriodKind(self.kind_combo.currentData())
        year = self.year_spin.value()
        current = self.index_combo.currentData()
        self.index_combo.blockSignals(True)
        self.index_combo.clear()
        if kind is PeriodKind.MONTH:
            for m in range(1, 13):
                self.index_combo.addItem(self.tr("{0}月").format(m), m)
        elif kind is PeriodKind.QUARTER:
            for q, label in enumerate(_QUARTERS, 1):
                self.index_combo.addItem(self.tr(label), q)
        else:
            for w in range(1, weeks_in_year(year) + 1):
                p = Period.week(year, w)
                self.index_combo.addItem(
                    self.tr("第{0}周({1:%m-%d}至{2:%m-%d})").format(w, p.start, p.end), w
                )
        position = self.index_combo.findData(current) if current is not None else -1
        self.index_combo.setCurrentIndex(max(position, 0))
        self.index_combo.blockSignals(False)
        self.changed.emit()

    def period(self) -> Period:
        kind = PeriodKind(self.kind_combo.currentData())
        return Period(kind, self.year_spin.value(), int(self.index_combo.currentData() or 1))


def last_month(today: date) -> Period:
    return Period.containing(PeriodKind.MONTH, today).previous()
