"""Bring an office's existing Excel ledger in: units (with aliases), projects and indicators,
through the same reader, the same validation classes as the forms, preview, one transaction
and undo. Tasks are matched (a project's 所属任务) but not created from a sheet yet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.enums import Direction, ProjectKind, Stage, UnitKind
from jjjdesk.domain.inputs import IndicatorInput, ProjectInput, UnitInput, validate_input
from jjjdesk.domain.models import Indicator, Plan, Project, Unit, UnitAlias
from jjjdesk.errors import ConflictError, UserFacingError, ValidationFailed
from jjjdesk.excel.progress import CancelFlag, ProgressFn, Ticker
from jjjdesk.excel.returns.diagnostics import ERROR, INFO, Diagnostic, shown
from jjjdesk.excel.returns.layout import SheetLayout, find_layout, spread_merges
from jjjdesk.excel.returns.normalise import (
    CellProblem,
    parse_amount,
    parse_date,
    parse_number,
    prose_of,
)
from jjjdesk.excel.returns.rows import StagedRow, data_rows
from jjjdesk.excel.returns.workbook import read_workbook
from jjjdesk.services import indicators, projects, units
from jjjdesk.services.import_changes import ChangeLog, Watch, row_image, table
from jjjdesk.services.import_returns import Registry, load_registry
from jjjdesk.services.import_views import (
    CHANGED,
    NEW,
    REJECTED,
    UNCHANGED,
    FieldChange,
    ImportPreview,
    PlannedWrite,
    PreviewRow,
)

_UNIT_FIELDS = {"unit_kind", "aliases", "contact_person", "contact_phone"}
_PROJECT_FIELDS = {"total_investment", "annual_investment", "stage", "project_kind",
                   "planned_start", "planned_completion", "industry_chain", "district"}
_INDICATOR_FIELDS = {"target_value", "baseline_value", "measure", "target_year", "direction"}
_LABELS = {
    "name": "名称", "kind": "类型", "aliases": "别名", "contact_person": "联系人",
    "contact_phone": "联系电话", "code": "项目编号", "district_id": "所在区",
    "lead_unit_id": "牵头单位", "industry_chain": "产业链", "total_investment": "总投资(亿元)",
    "annual_investment": "年度计划投资(亿元)", "stage": "项目阶段",
    "planned_start": "计划开工", "planned_completion": "计划竣工", "task_id": "所属任务",
    "description": "建设内容", "measure": "计量单位", "baseline_year": "基期年份",
    "baseline_value": "基期值", "target_year": "目标年份", "target_value": "目标值",
    "direction": "方向", "note": "说明",
}


def _kind_of(layout: SheetLayout) -> str | None:
    mapped = set(layout.mapped)
    if mapped & _PROJECT_FIELDS or ("code" in mapped and "name" in mapped
                                    and not mapped & _INDICATOR_FIELDS):
        return "project"
    if mapped & _INDICATOR_FIELDS:
        return "indicator"
    if mapped & _UNIT_FIELDS or ("unit" in mapped and "name" not in mapped):
        return "unit"
    return None


def preview_registry_import(
    *, session: Session, actor: Actor, path: Path | str,
    progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
) -> ImportPreview:
    from jjjdesk.services.imports import _require_importer, file_hash

    _require_importer(actor)
    path = Path(path)
    ticker = Ticker(progress, cancel, total=1)
    book = read_workbook(path, check_cancel=ticker.check)
    digest = file_hash(path)
    ticker.total = sum(len(s.rows) for s in book.sheets) or 1
    reg = load_registry(session)
    diagnostics: list[Diagnostic] = []
    sheets: dict[str, list[tuple[StagedRow, SheetLayout]]] = {"unit": [], "project": [],
                                                              "indicator": []}
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        spread_merges(sheet)
        layout = find_layout(sheet)
        kind = _kind_of(layout) if layout else None
        if kind is None:
            diagnostics.append(Diagnostic(INFO, sheet.name, None, "", "", "",
                                          "没有识别出单位、项目或指标表头,该工作表未导入"))
            continue
        for row in data_rows(sheet, layout, diagnostics, ticker.step):
            sheets[kind].append((row, layout))
    plan = _Planner(session, reg, diagnostics)
    for row, layout in sheets["unit"]:
        plan.unit(row, layout)
    for row, layout in sheets["project"]:
        plan.project(row, layout)
    for row, layout in sheets["indicator"]:
        plan.indicator(row, layout)
    ticker.finish()
    fatal = "" if any(sheets.values()) else "文件中没有可导入的单位、项目或指标"
    return ImportPreview(
        path=path, file_name=path.name, file_hash=digest, kind="registry",
        file_format=book.kind, encoding=book.encoding, round_id=None, unit_id=None,
        unit_name="", period_key="", period_label="", is_template=False, rows=plan.rows,
        diagnostics=diagnostics, columns=[], fatal=fatal, writes=plan.writes,
    )


class _Planner:
    def __init__(self, session: Session, reg: Registry, diagnostics: list[Diagnostic]):
        self.session, self.reg, self.diagnostics = session, reg, diagnostics
        self.rows: list[PreviewRow] = []
        self.writes: list[PlannedWrite] = []
        self.new_units: dict[str, str] = {}  # match key of a name or alias → of the name
        self.seen: dict[tuple[str, str], int] = {}

    def diag(self, row: StagedRow, name: str, problem: str, suggestion: str = "",
             level: str = ERROR) -> None:
        self.diagnostics.append(Diagnostic(level, row.sheet, row.row, row.columns.get(name, ""),
                                           name, shown(row.text(name)), problem, suggestion))

    def reject(self, row: StagedRow, kind: str, name: str, why: str) -> None:
        self.rows.append(PreviewRow(REJECTED, row.sheet, row.row, kind, None, row.text("code"),
                                    name, "", messages=(why,)))

    def _duplicate(self, row: StagedRow, kind: str, key: str, field: str) -> bool:
        if (kind, key) in self.seen:
            self.diag(row, field, f"与第{self.seen[(kind, key)]}行重复", "请删除重复的行")
            self.reject(row, kind, key, "重复")
            return True
        self.seen[(kind, key)] = row.row
        return False

    def unit_ref(self, row: StagedRow, field: str) -> tuple[bool, Any]:
        """(ok, id or pending name) of the unit named in `field`."""
        name = row.text(field)
        if not name:
            return True, None
        found, _ = self.reg.units.find(name)
        if found is not None:
            return True, found
        from jjjdesk.domain.text import match_key

        if match_key(name) in self.new_units:
            return True, ("pending", self.new_units[match_key(name)])
        hint = self.reg.units.suggest(name)
        self.diag(row, field, f"台账中没有单位“{name}”,不会自动新增",
                  ("是否为:" + "、".join(hint)) if hint else "请先在单位表中列出该单位")
        return False, None

    def _plan(self, row: StagedRow, kind: str, model, record_id: int | None,
              values: dict[str, Any], input_cls, display: str, code: str = "") -> None:
        resolved = {k: (None if isinstance(v, tuple) else v) for k, v in values.items()}
        current = {}
        stored = self.session.get(model, record_id) if record_id else None
        if stored is not None:
            current = {k: getattr(stored, k) for k in input_cls.model_fields if hasattr(stored, k)}
            if kind == "unit":
                current["aliases"] = sorted(a for (a,) in self.session.execute(
                    select(UnitAlias.alias).where(UnitAlias.unit_id == record_id)))
        try:
            data = validate_input(input_cls, current | resolved | _defaults(kind, self.session,
                                                                             current))
        except ValidationFailed as exc:
            for name, message in exc.errors.items():
                self.diag(row, _SOURCE.get(name, name), message)
            self.reject(row, kind, display, ";".join(exc.errors.values()))
            return
        new = data.model_dump()
        for k, v in new.items():
            if hasattr(v, "value"):
                new[k] = v.value
        changes = tuple(
            FieldChange(k, _LABELS.get(k, k), _show(current.get(k)), _show(v))
            for k, v in new.items()
            if k in values and (stored is None and v not in (None, "", [])
                                or stored is not None and _show(current.get(k)) != _show(v))
        )
        pending = {k: v for k, v in values.items() if isinstance(v, tuple)}
        if stored is not None and not changes and not pending:
            self.rows.append(PreviewRow(UNCHANGED, row.sheet, row.row, kind, record_id, code,
                                        display, ""))
            return
        self.writes.append(PlannedWrite(
            model=kind, row_id=record_id, version=stored.version if stored else None,
            values={k: v for k, v in values.items()}, before=None, sheet=row.sheet, row=row.row))
        self.rows.append(PreviewRow(CHANGED if stored else NEW, row.sheet, row.row, kind,
                                    record_id, code, display, "", changes))

    def unit(self, row: StagedRow, layout: SheetLayout) -> None:
        name = row.text("name") or row.text("unit")
        field = "name" if row.text("name") else "unit"
        if not name:
            self.diag(row, field, "未填写单位名称")
            self.reject(row, "unit", "", "未填写单位名称")
            return
        from jjjdesk.domain.text import match_key

        if self._duplicate(row, "unit", match_key(name), field):
            return
        values: dict[str, Any] = {"name": name}
        for src, dst in (("unit_kind", "kind"), ("contact_person", "contact_person"),
                         ("contact_phone", "contact_phone")):
            if src in row.columns:
                values[dst] = row.text(src) or None
        if "aliases" in row.columns:
            values["aliases"] = row.text("aliases")
        found, _ = self.reg.units.find(name)
        if found is None:
            key = match_key(name)
            self.new_units[key] = key
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
                    col = layout.column_of(src)
                    values[src] = parse_amount(row.cells[src], factor=col.factor)
            for src in ("planned_start", "planned_completion"):
                if src in row.columns:
                    values[src] = parse_date(row.cells[src])
        except CellProblem as exc:
            self.diag(row, src, exc.message, exc.suggestion)
            ok = False
        for src, dst in (("project_kind", "kind"), ("stage", "stage"),
                         ("industry_chain", "industry_chain")):
            if src in row.columns:
                values[dst] = row.text(src) or None
        if "description" in row.columns:
            values["description"] = prose_of(row.cells["description"])
        if "task" in row.columns and row.text("task"):
            task = self.reg.tasks.by_key_code(row.text("task")) or self.reg.tasks.find(
                row.text("task"))[0]
            if task is None:
                self.diag(row, "task", f"台账中没有任务“{row.text('task')}”",
                          "请填写任务序号,如 3 或 3.2")
                ok = False
            values["task_id"] = task
        if not ok:
            self.reject(row, "project", name, "有单元格需要修改")
            return
        found = self.reg.projects.by_key_code(code)
        self._plan(row, "project", Project, found, values, ProjectInput, name or code, code)

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
        if not ok:
            self.reject(row, "indicator", name, "有单元格需要修改")
            return
        found = self.session.execute(select(Indicator.id).where(Indicator.name == name)).first()
        self._plan(row, "indicator", Indicator, found[0] if found else None, values,
                   IndicatorInput, name)


_SOURCE = {"kind": "unit_kind", "district_id": "district", "lead_unit_id": "unit",
           "task_id": "task"}


def _defaults(kind: str, session: Session, current: dict[str, Any]) -> dict[str, Any]:
    if kind == "indicator" and not current.get("plan_id"):
        plan = session.execute(select(Plan.id).order_by(Plan.start_year.desc())).first()
        if plan is None:
            raise UserFacingError("导入指标前须先有方案(在“方案”中新增,或导入演示数据)。")
        return {"plan_id": plan[0]}
    return {}


def _show(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}"
    for enum in (UnitKind, ProjectKind, Stage, Direction):
        try:
            return enum(value).label
        except ValueError:
            continue
    return str(value)


def commit_registry(session: Session, actor: Actor, preview: ImportPreview, batch_id: int,
                    changes: ChangeLog, ticker: Ticker) -> tuple[int, int]:
    created = updated = 0
    new_units: dict[str, int] = {}
    from jjjdesk.domain.text import match_key

    services = {
        "unit": (Unit, units.create_unit, lambda i, v: units.update_unit(
            session=session, actor=actor, unit_id=i, values=v)),
        "project": (Project, projects.create_project, lambda i, v: projects.update_project(
            session=session, actor=actor, project_id=i, values=v)),
        "indicator": (Indicator, indicators.create_indicator,
                      lambda i, v: indicators.update_indicator(
                          session=session, actor=actor, indicator_id=i, values=v)),
    }
    for w in preview.writes:
        model, create, update_ = services[w.model]
        values = {k: (new_units.get(v[1]) if isinstance(v, tuple) else v)
                  for k, v in w.values.items()}
        if w.model == "indicator" and w.row_id is None:
            values |= _defaults("indicator", session, {})
        aliases = Watch(session, UnitAlias, table(UnitAlias).c.unit_id == (w.row_id or -1))
        try:
            if w.row_id is None:
                result = create(session=session, actor=actor, values=values)
                image = row_image(model, session.get(model, result.id))
                changes.add(model, "create", None, image)
                created += 1
                if w.model == "unit":
                    new_units[match_key(values["name"])] = result.id
                    alias_watch = Watch(session, UnitAlias, table(UnitAlias).c.unit_id == result.id)
                    alias_watch.before = {}
                    alias_watch.log(changes)
            else:
                row = session.get(model, w.row_id)
                if row is None or row.version != w.version:
                    raise ConflictError(f"工作表“{w.sheet}”第{w.row}行对应的记录在预览之后被修改,"
                                        "请重新预览。")
                before = row_image(model, row)
                update_(w.row_id, values)
                session.flush()
                after = row_image(model, session.get(model, w.row_id))
                if after != before:
                    changes.add(model, "update", before, after)
                    updated += 1
                if w.model == "unit":
                    aliases.log(changes)
        except ValidationFailed as exc:
            raise UserFacingError(f"工作表“{w.sheet}”第{w.row}行:{exc}") from None
        ticker.step()
    return created, updated
