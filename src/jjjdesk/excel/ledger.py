"""台账 workbooks: the writer (streamed, constant memory) and the export use case."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlmodel import Session

from jjjdesk.domain.period import Period, chinese_date
from jjjdesk.excel.indicators_sheet import INDICATOR_COLUMNS, indicator_rows
from jjjdesk.excel.ledger_data import (
    LedgerData,
    LedgerGroup,
    LedgerKind,
    project_ledger,
    task_ledger,
)
from jjjdesk.excel.safety import safe_sheet_name
from jjjdesk.excel.sheet import Column, Sums, TableSheet, write_overflow
from jjjdesk.excel.styles import FONT, TITLE_FONT, Styles
from jjjdesk.excel.widths import continued_name, fit_widths, split_for_print
from jjjdesk.files import atomic_path
from jjjdesk.progress import CancelFlag, ProgressFn, Ticker
from jjjdesk.services.query import ListQuery
from jjjdesk.services.settings import get_setting

#: Options every jjjdesk workbook is opened with: text is never turned into a formula,
#: a URL or a number behind the caller's back (we always call the typed write_* methods).
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. texts too long for one cell


def new_workbook(path: Path, *, constant_memory: bool) -> xlsxwriter.Workbook:
    options = dict(WORKBOOK_OPTIONS, constant_memory=constant_memory)
    wb = xlsxwriter.Workbook(str(path), options)
    wb.set_properties({"title": path.stem, "author": "jjjdesk", "company": "京津冀协同办"})
    return wb


def _write_groups(sheet: PrintSheets, data: LedgerData, groups, ticker: Ticker,
                  grand_total: bool) -> None:
    """Category rows, numbered rows, 小计 per category and a final 合计; an untitled group
    (a plain table) gets only the 合计."""
    total = Sums(data.columns)
    titled = False
    for group in groups:
        if group.title:
            sheet.group(group.title)
            titled = True
        sums = Sums(data.columns)
        for n, values in enumerate(group.rows, start=1):
            row = (n, *values)
            sheet.row(row)
            sums.add(row)
            ticker.step()
        if sums.any:
            sheet.subtotal("小计" if group.title else "合计", sums.values, data.label_cols)
            total.merge(sums)
    if grand_total and titled and total.any:
        sheet.subtotal("合计", total.values, data.label_cols)


class PrintSheets:
    """One ledger sheet, or when it is wider than two page widths at 9 pt, that sheet and
    its 续 sheets (`widths.split_for_print`), each repeating the label columns; the same
    `group`/`row`/`subtotal` calls go to every part with its own columns."""

    def __init__(self, wb, styles: Styles, data: LedgerData, columns: Sequence[Column],
                 name: str, names: set[str]):
        self.parts: list[tuple[TableSheet, list[int]]] = []
        for n, idx in enumerate(split_for_print(columns, data.freeze_cols)):
            ws = wb.add_worksheet(safe_sheet_name(continued_name(name, n) if n else name,
                                                  names))
            sheet = TableSheet(ws, styles, [columns[i] for i in idx], title=data.title,
                               subtitle=data.subtitle, freeze_cols=data.freeze_cols)
            self.parts.append((sheet, idx))

    @property
    def sheets(self) -> list[TableSheet]:
        return [sheet for sheet, _ in self.parts]

    def group(self, title: str) -> None:
        for sheet, _ in self.parts:
            sheet.group(title)

    def row(self, values: Sequence[Any]) -> None:
        if len(self.parts) == 1:
            self.parts[0][0].row(values)
            return
        for sheet, idx in self.parts:
            sheet.row([values[i] for i in idx])

    def subtotal(self, label: str, sums: Sequence[float | None], label_cols: int) -> None:
        for sheet, idx in self.parts:
            sheet.subtotal(label, [sums[i] for i in idx], label_cols)


def fitted_columns(data: LedgerData, groups: Sequence[LedgerGroup]) -> list[Column]:
    """Widths from the longest values of rows already in memory (lists); a streamed
    table (rows from a generator) keeps its declared widths."""
    if not all(isinstance(g.rows, list | tuple) for g in groups):
        return list(data.columns)
    rows = ((n, *values) for g in groups for n, values in enumerate(g.rows, start=1))
    return fit_widths(data.columns, rows)


def write_ledger(path: Path | str, data: LedgerData, *, split_by_category: bool = False,
                 indicators: Sequence[Sequence[Any]] | None = None,
                 indicator_title: str = "目标指标完成情况",
                 progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
                 fonts: tuple[str, str] = (FONT, TITLE_FONT)) -> ExportResult:
    """Write `data` as a printable ledger; the file appears only when complete.

    One sheet (groups as category rows with 小计, then 合计), or with `split_by_category`
    one sheet per category. `indicators` rows (from `indicator_rows`) add a 目标指标 sheet.
    Raises `Cancelled` when `cancel` is set; the target is then left as it was.
    """
    path = Path(path)
    ticker = Ticker(progress, cancel, data.total_rows + len(indicators or ()))
    ticker.check()
    names: set[str] = set()
    sheets: list[TableSheet] = []
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, constant_memory=True)
        try:
            styles = Styles(wb, font=fonts[0], title_font=fonts[1])
            if split_by_category:
                columns = fitted_columns(data, data.groups)  # one set of widths for every sheet
                for group in data.groups:
                    parts = PrintSheets(wb, styles, data, columns, group.title, names)
                    _write_groups(parts, data, [group], ticker, grand_total=False)
                    sheets += parts.sheets
            else:
                parts = PrintSheets(wb, styles, data, fitted_columns(data, data.groups),
                                    data.sheet_name, names)
                _write_groups(parts, data, data.groups, ticker, grand_total=True)
                sheets += parts.sheets
            if indicators is not None:
                ws = wb.add_worksheet(safe_sheet_name("目标指标", names))
                sheet = TableSheet(ws, styles, INDICATOR_COLUMNS, title=indicator_title,
                                   subtitle=data.subtitle, freeze_cols=2)
                for n, values in enumerate(indicators, start=1):
                    sheet.row((n, *values))
                    ticker.step()
                sheets.append(sheet)
            overflow = [item for sheet in sheets for item in sheet.overflow]
            if overflow:
                write_overflow(wb, styles, overflow)
            ticker.check()
        finally:
            wb.close()  # also on cancel: releases xlsxwriter's temp files; tmp is discarded
    ticker.finish()
    return ExportResult(path, data.total_rows, [ws.name for ws in wb.worksheets()],
                        [item.warning() for item in overflow])


def export_ledger(*, session: Session, path: Path | str, kind: LedgerKind = "projects",
                  period: Period | None = None, round_id: int | None = None,
                  query: ListQuery | None = None, split_by_category: bool = False,
                  include_indicators: bool = True, include_drafts: bool = False,
                  today: date | None = None, progress: ProgressFn | None = None,
                  cancel: CancelFlag | None = None) -> ExportResult:
    """Export the tasks or projects ledger of a period (or a round's period and scope).

    `query` is the list screen's filter and order, so the ledger shows what the screen
    shows. Entries count when submitted or approved (`include_drafts` adds the rest).
    """
    today = today or date.today()
    build = project_ledger if kind == "projects" else task_ledger
    data = build(session=session, period=period, round_id=round_id, query=query,
                 include_drafts=include_drafts, today=today)
    rows = indicator_rows(session=session) if include_indicators else None
    return write_ledger(path, data, split_by_category=split_by_category, indicators=rows,
                        indicator_title=f"目标指标完成情况({chinese_date(today)})",
                        progress=progress, cancel=cancel, fonts=ledger_fonts(session))


def ledger_fonts(session: Session) -> tuple[str, str]:
    """The office's ledger fonts (body, title): settings ledger.font and ledger.title_font."""
    return (get_setting(session=session, key="ledger.font"),
            get_setting(session=session, key="ledger.title_font"))


def export_table(path: Path | str, *, title: str, columns: Sequence[Column],
                 rows: Iterable[Sequence[Any]], total_rows: int, subtitle: str = "",
                 today: date | None = None, progress: ProgressFn | None = None,
                 cancel: CancelFlag | None = None) -> ExportResult:
    """"Export what this table shows": any list view's visible columns, in its filter and
    order, as a printable sheet (title, date line, 序号, frozen header, print setup).

    `columns` describe the view's visible columns (a `group` gives a two-row header, `total`
    adds a 合计 row); `rows` yields their values in that order, e.g. page by page from the
    view's service, so memory stays flat. Text is always written as text.
    """
    today = today or date.today()
    cols = [Column("序号", "int", 5), *columns]
    data = LedgerData(
        title=title, subtitle=subtitle or f"导出日期:{chinese_date(today)}", columns=cols,
        groups=[LedgerGroup("", rows)], total_rows=total_rows, label_cols=2,
        freeze_cols=min(2, len(cols)), sheet_name=title,
    )
    return write_ledger(path, data, progress=progress, cancel=cancel)
