"""Bring an office's existing Excel ledger in: units (with aliases), key tasks (see
`registry.tasks`), projects and indicators, through the same reader, the same
validation classes as the forms, preview, one transaction and undo. A workbook's sheets are
planned and written in dependency order: units, tasks, projects, indicators."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.inputs import (
    IndicatorInput,
    ProjectInput,
    UnitInput,
)
from jjjdesk.domain.models import Indicator, Project, Unit
from jjjdesk.domain.text import match_key
from jjjdesk.importing.read.diagnostics import INFO, Diagnostic, shown
from jjjdesk.importing.read.guard import file_hash
from jjjdesk.importing.read.layout import SheetLayout, find_layout, spread_merges
from jjjdesk.importing.read.normalise import (
    CellProblem,
    parse_amount,
    parse_date,
    parse_number,
    prose_of,
)
from jjjdesk.importing.read.rows import StagedRow, data_rows
from jjjdesk.importing.read.workbook import RawSheet, read_workbook
from jjjdesk.importing.registry.cells import heading_of
from jjjdesk.importing.registry.commit import commit_registry
from jjjdesk.importing.registry.planner import RowPlanner
from jjjdesk.importing.returns.plan import load_registry
from jjjdesk.importing.views import (
    ImportPreview,
)
from jjjdesk.progress import CancelFlag, ProgressFn, Ticker
from jjjdesk.services.entry_access import require_importer

__all__ = ["KIND_ORDER", "commit_registry", "preview_registry_import"]

_UNIT_FIELDS = {"unit_kind", "aliases", "contact_person", "contact_phone"}
_PROJECT_FIELDS = {
    "total_investment",
    "annual_investment",
    "stage",
    "project_kind",
    "planned_start",
    "planned_completion",
    "industry_chain",
    "district",
}
_INDICATOR_FIELDS = {"target_value", "baseline_value", "measure", "target_year", "direction"}
#: Fields only a project sheet has: they decide a sheet that also names tasks.
_STRONG_PROJECT = {
    "total_investment",
    "annual_investment",
    "stage",
    "project_kind",
    "industry_chain",
    "district",
}
_TASK_FIELDS = {"cooperating", "window", "task_start", "task_due", "subtasks"}
#: Task words a unit or indicator sheet may also use (类别, 主要内容).
_WEAK_TASK_FIELDS = {"category", "content"}
KIND_ORDER = ("unit", "task", "project", "indicator")


def _kind_of(layout: SheetLayout) -> str | None:
    mapped = set(layout.mapped)
    if mapped & _STRONG_PROJECT:
        return "project"
    if (
        mapped & _TASK_FIELDS
        or _names_tasks(layout)
        or (mapped & _WEAK_TASK_FIELDS and not mapped & (_UNIT_FIELDS | _INDICATOR_FIELDS))
    ):
        return "task"
    if mapped & _PROJECT_FIELDS or (
        "code" in mapped and "name" in mapped and not mapped & _INDICATOR_FIELDS
    ):
        return "project"
    if mapped & _INDICATOR_FIELDS:
        return "indicator"
    if mapped & _UNIT_FIELDS or ("unit" in mapped and "name" not in mapped):
        return "unit"
    return None


_KIND_WORDS = {"unit": "单位", "project": "项目", "indicator": "指标"}


def _unused_task_columns(sheet: str, kind: str, layout: SheetLayout) -> list[Diagnostic]:
    """Columns only a task has (配合单位, 完成时限 …) on another kind of sheet: said, since
    nothing of them is stored."""
    return [
        Diagnostic(
            INFO, sheet, None, column.letter, column.field or "", "",
            f"“{column.header}”只用于重点任务,{_KIND_WORDS[kind]}表中的这一列未导入",
        )
        for column in layout.columns
        if column.field in _TASK_FIELDS
    ]


def _names_tasks(layout: SheetLayout) -> bool:
    """Whether the sheet's name or number column is headed as tasks (重点任务, 任务编号)."""
    return any(
        c is not None and "任务" in c.header_key
        for c in (layout.column_of("name"), layout.column_of("code"))
    )


def preview_registry_import(
    *,
    session: Session,
    actor: Actor,
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelFlag | None = None,
) -> ImportPreview:

    require_importer(actor)
    path = Path(path)
    ticker = Ticker(progress, cancel, total=1)
    book = read_workbook(path, check_cancel=ticker.check)
    digest = file_hash(path)
    ticker.total = sum(len(s.rows) for s in book.sheets) or 1
    reg = load_registry(session)
    diagnostics: list[Diagnostic] = []
    sheets: dict[str, list[tuple[RawSheet, SheetLayout, list[StagedRow]]]] = {
        kind: [] for kind in KIND_ORDER
    }
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        spread_merges(sheet)
        layout = find_layout(sheet)
        kind = _kind_of(layout) if layout else None
        if layout is None or kind is None:
            diagnostics.append(
                Diagnostic(
                    INFO,
                    sheet.name,
                    None,
                    "",
                    "",
                    "",
                    "没有识别出单位、任务、项目或指标表头,该工作表未导入",
                )
            )
            continue
        if kind != "task":
            diagnostics += _unused_task_columns(sheet.name, kind, layout)
        rows = list(data_rows(sheet, layout, diagnostics, ticker.step))
        if kind != "task":
            rows = _without_headings(sheet, rows, diagnostics)
        sheets[kind].append((sheet, layout, rows))
    plan = _Planner(session, reg, diagnostics)
    for kind in KIND_ORDER:  # what a later sheet refers to is planned first
        for sheet, layout, rows in sheets[kind]:
            if kind == "task":
                plan.tasks.sheet(sheet, layout, rows)
                continue
            for row in rows:
                getattr(plan, kind)(row, layout)
    ticker.finish()
    fatal = (
        ""
        if any(rows for kind in sheets.values() for _, _, rows in kind)
        else ("文件中没有可导入的单位、任务、项目或指标")
    )
    return ImportPreview(
        path=path,
        file_name=path.name,
        file_hash=digest,
        kind="registry",
        file_format=book.kind,
        encoding=book.encoding,
        round_id=None,
        unit_id=None,
        unit_name="",
        period_key="",
        period_label="",
        is_template=False,
        rows=plan.rows,
        diagnostics=diagnostics,
        columns=[],
        fatal=fatal,
        writes=plan.writes,
    )


def _without_headings(
    sheet: RawSheet, rows: list[StagedRow], diagnostics: list[Diagnostic]
) -> list[StagedRow]:
    """Merged group headings (“一、交通一体化” across the row) come through as data rows."""
    out = []
    for row in rows:
        number = row.text("code") or row.text("seq")
        if heading_of(sheet.rows[row.row - 1], number, row.text("name")) is not None:
            diagnostics.append(
                Diagnostic(
                    INFO,
                    row.sheet,
                    row.row,
                    "",
                    "",
                    shown(row.text("name") or number),
                    "分组标题行,已跳过",
                )
            )
            continue
        out.append(row)
    return out


class _Planner(RowPlanner):
    """Units, projects and indicators; task sheets go to `TaskSheets`."""

    def unit(self, row: StagedRow, layout: SheetLayout) -> None:
        name = row.text("name") or row.text("unit")
        field = "name" if row.text("name") else "unit"
        if not name:
            self.diag(row, field, "未填写单位名称")
            self.reject(row, "unit", "", "未填写单位名称")
            return
        if self._duplicate(row, "unit", match_key(name), field):
            return
        values: dict[str, Any] = {"name": name}
        for src, dst in (
            ("unit_kind", "kind"),
            ("contact_person", "contact_person"),
            ("contact_phone", "contact_phone"),
        ):
            if src in row.columns:
                values[dst] = row.text(src) or None
        if "aliases" in row.columns:
            values["aliases"] = row.text("aliases")
        found, _ = self.reg.units.find(name)
        if found is None:
            key = match_key(name)
            self.new_units[key] = key
            self.new_unit_names[key] = name
            for alias in re.split(r"[,,、;;]", row.text("aliases")):
                if match_key(alias):
                    self.new_units.setdefault(match_key(alias), key)
        self._plan(row, "unit", Unit, found, values, UnitInput, name)

    def project(self, row: StagedRow, layout: SheetLayout) -> None:
        code, name = row.text("code"), row.text("name")
        if not code:
            self.diag(row, "code", "未填写项目编号", "项目按编号对应,请补充编号")
            self.reject(row, "project", name, "未填写项目编号")
            return
        if self._duplicate(row, "project", code, "code"):
            return
        values: dict[str, Any] = {"code": code}
        if "name" in row.columns:
            values["name"] = name
        ok = True
        for src, dst in (("district", "district_id"), ("unit", "lead_unit_id")):
            if src in row.columns:
                good, ref = self.unit_ref(row, src)
                ok &= good
                values[dst] = ref
        try:
            for src in ("total_investment", "annual_investment"):
                if src in row.columns:
                    column = layout.column_of(src)
                    assert column is not None  # row.columns holds the layout's fields
                    values[src] = parse_amount(row.cells[src], factor=column.factor)
            for src in ("planned_start", "planned_completion"):
                if src in row.columns:
                    values[src] = parse_date(row.cells[src])
        except CellProblem as exc:
            self.diag(row, src, exc.message, exc.suggestion)
            ok = False
        for src, dst in (
            ("project_kind", "kind"),
            ("stage", "stage"),
            ("industry_chain", "industry_chain"),
        ):
            if src in row.columns:
                values[dst] = row.text(src) or None
        if "description" in row.columns:
            values["description"] = prose_of(row.cells["description"])
        ok &= self._task_ref(row, values)
        if not ok:
            self.reject(row, "project", name, "有单元格需要修改")
            return
        found = self.reg.projects.by_key_code(code)
        self._plan(row, "project", Project, found, values, ProjectInput, name or code, code)

    def _task_ref(self, row: StagedRow, values: dict[str, Any]) -> bool:
        """The row's 所属任务, by number or title, among the file's tasks and the registry's."""
        if "task" not in row.columns or not row.text("task"):
            return True
        task = self.tasks.find(row.text("task"))
        if task is None:
            self.diag(
                row, "task", f"台账中没有任务“{row.text('task')}”", "请填写任务序号,如 3 或 3.2"
            )
            return False
        values["task_id"] = task
        return True

    def indicator(self, row: StagedRow, layout: SheetLayout) -> None:
        name = row.text("name")
        if not name:
            self.diag(row, "name", "未填写指标名称")
            self.reject(row, "indicator", "", "未填写指标名称")
            return
        if self._duplicate(row, "indicator", name, "name"):
            return
        values: dict[str, Any] = {"name": name}
        ok = True
        try:
            for src in ("baseline_value", "target_value"):
                if src in row.columns:
                    values[src] = parse_number(row.cells[src])
            for src in ("baseline_year", "target_year"):
                if src in row.columns:
                    n = parse_number(row.cells[src], what="年份")
                    values[src] = None if n is None else int(n)
        except CellProblem as exc:
            self.diag(row, src, exc.message, exc.suggestion)
            ok = False
        for src in ("measure", "direction", "note"):
            if src in row.columns:
                values[src] = row.text(src) or None
        if "unit" in row.columns:
            good, ref = self.unit_ref(row, "unit")
            ok &= good
            values["lead_unit_id"] = ref
        ok &= self._task_ref(row, values)
        found = self.session.execute(
            select(col(Indicator.id)).where(col(Indicator.name) == name)
        ).first()
        if found is None and ok:
            values["plan_id"] = self.tasks.plan_ref(row.sheet, layout.title_lines)
            ok = values["plan_id"] is not None
        if not ok:
            self.reject(row, "indicator", name, "有单元格需要修改")
            return
        self._plan(
            row, "indicator", Indicator, found[0] if found else None, values, IndicatorInput, name
        )
