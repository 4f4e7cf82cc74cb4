"""红黑榜 workbook: the ranking (score, rank, change, the four parts, flags, reasons) and a
明细 sheet with each unit's facts per round, printable like the other ledgers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jjjdesk.domain.enums import Light
from jjjdesk.domain.period import chinese_date
from jjjdesk.excel.ledger import ExportResult, new_workbook
from jjjdesk.excel.sheet import Column, LightCell, TableSheet, write_overflow
from jjjdesk.excel.styles import Styles
from jjjdesk.files import atomic_path
from jjjdesk.services.scorecard import FIRST, LAST, LAST_TWICE, PARTS, Scorecard, UnitScore

_PARTS = "分项得分"
SCORE_COLUMNS = (
    Column("序号", "int", 5),
    Column("责任单位", "wrap", 18),
    Column("总分", "number", 8),
    Column("排名", "int", 6),
    Column("名次变化", "center", 8),
    *(Column(label, "number", 8, _PARTS) for _, label, _ in PARTS),
    Column("标记", "light", 12),
    Column("扣分说明", "wrap", 60),
)
DETAIL_COLUMNS = (
    Column("序号", "int", 5),
    Column("责任单位", "wrap", 18),
    Column("填报批次", "wrap", 18),
    Column("截止日期", "date", 15, "报送"),
    Column("报送日期", "date", 15, "报送"),
    Column("迟交工作日", "center", 9, "报送"),
    Column("应报", "int", 6, "事项"),
    Column("已报", "int", 6, "事项"),
    Column("被退回", "int", 7, "事项"),
    Column("绿灯", "int", 6, "红黄绿灯"),
    Column("黄灯", "int", 6, "红黄绿灯"),
    Column("红灯", "int", 6, "红黄绿灯"),
    Column("灰灯", "int", 6, "红黄绿灯"),
)


def _flag(r: UnitScore) -> LightCell | str:
    text = "、".join(r.flags)
    if LAST in r.flags or LAST_TWICE in r.flags:
        return LightCell(Light.RED.value, text)
    if FIRST in r.flags:
        return LightCell(Light.GREEN.value, text)
    return text


def score_rows(card: Scorecard) -> list[Sequence[Any]]:
    """The ranking's rows without 序号, in rank order."""
    return [(r.unit_name, r.total, r.rank, r.change_label,
             *(r.part(code) for code, _, _ in PARTS), _flag(r), "\n".join(r.reasons))
            for r in card.rows]


def detail_rows(card: Scorecard) -> list[Sequence[Any]]:
    out: list[Sequence[Any]] = []
    for r in card.rows:
        for f in r.rounds:
            late = "未报送" if f.late_workdays is None else (
                "按时" if f.late_workdays == 0 else str(f.late_workdays))
            out.append((r.unit_name, f.round_name, f.deadline, f.submitted_on, late, f.items,
                        f.reported, f.returned, f.green, f.yellow, f.red, f.grey))
    return out


def subtitle(card: Scorecard, today: date) -> str:
    weights = "、".join(f"{label}{card.weights.of(code):g}" for code, label, _ in PARTS)
    parts = [f"统计期间:{card.label}(已关闭批次{len(card.rounds)}个)", f"权重:{weights}"]
    if card.previous_label:
        parts.append(f"名次变化对比:{card.previous_label}")
    if card.ignored_open:
        parts.append(f"未计入(尚未关闭):{'、'.join(card.ignored_open)}")
    parts.append(f"导出日期:{chinese_date(today)}")
    return "    ".join(parts)


def export_scorecard(path: Path | str, card: Scorecard, *, today: date | None = None
                     ) -> ExportResult:
    """Write the 红黑榜 and its 明细; the file appears only when complete."""
    path = Path(path)
    today = today or date.today()
    title = f"责任单位工作成效红黑榜({card.label})"
    sheets: list[TableSheet] = []
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, constant_memory=True)
        try:
            styles = Styles(wb)
            line = subtitle(card, today)
            for name, columns, rows, head in (
                    ("红黑榜", SCORE_COLUMNS, score_rows(card), title),
                    ("明细", DETAIL_COLUMNS, detail_rows(card), f"{title}明细")):
                sheet = TableSheet(wb.add_worksheet(name), styles, columns, title=head,
                                   subtitle=line, freeze_cols=2)
                for n, values in enumerate(rows, start=1):
                    sheet.row((n, *values))
                sheets.append(sheet)
            overflow = [item for sheet in sheets for item in sheet.overflow]
            if overflow:
                write_overflow(wb, styles, overflow)
        finally:
            wb.close()
    return ExportResult(path, len(card.rows), [ws.name for ws in wb.worksheets()],
                        [item.warning() for item in overflow])
