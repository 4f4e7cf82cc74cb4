"""工作日历: the office's corrections to the working-day calendar (a day off, a make-up day),
and a warning for years whose statutory holidays the app does not know yet."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.rounds import common
from jjjdesk.gui.rounds.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

WEEKDAYS = "一二三四五六日"


class OverridesModel(RowsModel):
    CONTEXT = "OverridesModel"
    COLUMNS = (
        Column("日期", lambda o: f"{o.day.isoformat()}(周{WEEKDAYS[o.day.weekday()]})",
               width=130),
        Column("调整为", lambda o: common.tr("工作日") if o.workday else common.tr("休息日"),
               width=70),
        Column("说明", lambda o: o.note, width=260),
    )


def missing_years(today: date) -> list[int]:
    """This year and the next, where the shipped table of statutory holidays has none."""
    from jjjdesk.domain.workdays import has_schedule

    return [y for y in (today.year, today.year + 1) if not has_schedule(y)]


class CalendarDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from jjjdesk.services.permissions import may_write_registry

        self.context = context
        self.setWindowTitle(self.tr("工作日历"))
        self.warning = QLabel(objectName="calendarWarning", wordWrap=True)
        self.warning.setStyleSheet(dialogs.ERROR_STYLE)
        years = missing_years(common.today())
        self.warning.setText(self.tr(
            "程序还没有 {0} 年的法定节假日和调休安排:这些年份暂按周末计算工作日。"
            "请按国务院办公厅的通知,在下面逐日录入放假日和调休上班日。").format(
            "、".join(map(str, years))))
        self.warning.setVisible(bool(years))
        self.model = OverridesModel(self)
        self.view = common.make_table(self.model)
        self.view.setObjectName("overridesView")
        self.model.apply_widths(self.view)
        self.view.setMinimumSize(500, 200)
        self.date_edit = QDateEdit(objectName="overrideDate", calendarPopup=True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate.currentDate())
        self.kind_combo = QComboBox(objectName="overrideKind")
        self.kind_combo.addItem(self.tr("休息日"), False)
        self.kind_combo.addItem(self.tr("工作日(调休上班)"), True)
        self.note_edit = QLineEdit(objectName="overrideNote")
        self.note_edit.setPlaceholderText(self.tr("说明,如“春节”“国庆调休”"))
        self.add_button = QPushButton(self.tr("添加"), objectName="addOverrideButton")
        self.remove_button = QPushButton(self.tr("删除所选"), objectName="removeOverrideButton")
        writable = may_write_registry(context.actor)
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable)
        entry = QHBoxLayout()
        for widget in (self.date_edit, self.kind_combo):
            entry.addWidget(widget)
        entry.addWidget(self.note_edit, 1)
        entry.addWidget(self.add_button)
        entry.addWidget(self.remove_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(entry)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.reload()

    def reload(self) -> None:
        from jjjdesk.services.workday_overrides import list_overrides

        found = self.context.read(list_overrides)
        self.model.set_rows([found[d] for d in sorted(found)])

    def _write(self, fn, **kwargs) -> None:
        try:
            self.context.write(fn, entity="setting", **kwargs)
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc))
        self.reload()

    def add(self) -> None:
        from jjjdesk.services.workday_overrides import set_override

        self._write(set_override, day=self.date_edit.date().toPython(),
                    workday=self.kind_combo.currentData(), note=self.note_edit.text().strip())
        self.note_edit.clear()

    def remove(self) -> None:
        from jjjdesk.services.workday_overrides import remove_override

        index = self.view.currentIndex()
        if index.isValid():
            self._write(remove_override, day=self.model.row(index.row()).day)
