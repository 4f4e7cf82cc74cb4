"""The registry import's row planner: diagnostics, unit references, field-by-field changes
against the stored record, validated with the forms' input classes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from jjjdesk.domain.enums import Direction, ProjectKind, Stage, UnitKind
from jjjdesk.domain.inputs import validate_input
from jjjdesk.domain.models import Plan, TaskUnit, UnitAlias
from jjjdesk.domain.text import match_key
from jjjdesk.errors import ValidationFailed
from jjjdesk.importing.read.diagnostics import ERROR, Diagnostic, shown
from jjjdesk.importing.read.rows import StagedRow
from jjjdesk.importing.registry.pending import Pending, has_pending, stand_in
from jjjdesk.importing.registry.tasks import TaskSheets
from jjjdesk.importing.returns.context import Registry
from jjjdesk.importing.views import (
    CHANGED,
    NEW,
    REJECTED,
    UNCHANGED,
    FieldChange,
    PlannedWrite,
    PreviewRow,
)

LABELS = {
    "name": "名称",
    "kind": "类型",
    "aliases": "别名",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "code": "项目编号",
    "district_id": "所在区",
    "lead_unit_id": "牵头单位",
    "industry_chain": "产业链",
    "total_investment": "总投资(亿元)",
    "annual_investment": "年度计划投资(亿元)",
    "stage": "项目阶段",
    "planned_start": "计划开工",
    "planned_completion": "计划竣工",
    "task_id": "所属任务",
    "description": "建设内容",
    "measure": "计量单位",
    "baseline_year": "基期年份",
    "baseline_value": "基期值",
    "target_year": "目标年份",
    "target_value": "目标值",
    "direction": "方向",
    "note": "说明",
    "plan_id": "所属方案",
    "category_id": "所属类别",
    "parent_id": "上级任务",
    "number": "序号",
    "title": "任务名称",
    "content": "任务内容",
    "cooperating_unit_ids": "配合单位",
    "start_date": "开始时间",
    "due_date": "完成时限",
}
_UNIT_REFS = {"district_id", "lead_unit_id", "cooperating_unit_ids"}


class RowPlanner:
    """What planning any registry row needs; the sheets' own rules live in subclasses."""

    def __init__(self, session: Session, reg: Registry, diagnostics: list[Diagnostic]):
        self.session, self.reg, self.diagnostics = session, reg, diagnostics
        self.rows: list[PreviewRow] = []
        self.writes: list[PlannedWrite] = []
        self.new_units: dict[str, str] = {}  # match key of a name or alias → of the name
        self.new_unit_names: dict[str, str] = {}  # match key of the name → the name
        self.seen: dict[tuple[str, str], int] = {}
        self.tasks = TaskSheets(self)
        self._names: dict[str, dict[int, str]] = {}

    def diag(
        self, row: StagedRow, name: str, problem: str, suggestion: str = "", level: str = ERROR
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                level,
                row.sheet,
                row.row,
                row.columns.get(name, ""),
                name,
                shown(row.text(name)),
                problem,
                suggestion,
            )
        )

    def reject(self, row: StagedRow, kind: str, name: str, why: str) -> None:
        self.rows.append(
            PreviewRow(
                REJECTED,
                row.sheet,
                row.row,
                kind,
                None,
                row.text("code"),
                name,
                "",
                messages=(why,),
            )
        )

    def _duplicate(self, row: StagedRow, kind: str, key: str, field: str) -> bool:
        if (kind, key) in self.seen:
            self.diag(row, field, f"与第{self.seen[(kind, key)]}行重复", "请删除重复的行")
            self.reject(row, kind, key, "重复")
            return True
        self.seen[(kind, key)] = row.row
        return False

    def unit_ref(self, row: StagedRow, field: str) -> tuple[bool, Any]:
        """(ok, id or `Pending` unit) of the unit named in `field`."""
        return self.unit_named(row, field, row.text(field))

    def unit_named(self, row: StagedRow, field: str, name: str) -> tuple[bool, Any]:
        if not name:
            return True, None
        found, how = self.reg.units.find(name)
        if found is not None:
            return True, found
        if match_key(name) in self.new_units:
            key = self.new_units[match_key(name)]
            return True, Pending("unit", key, self.new_unit_names.get(key, name))
        if how == "ambiguous":
            self.diag(row, field, f"台账中有多个同名单位“{name}”", "请写全称以区分")
            return False, None
        hint = self.reg.units.suggest(name)
        self.diag(
            row,
            field,
            f"台账中没有单位“{name}”,不会自动新增",
            ("是否为:" + "、".join(hint)) if hint else "请先在单位表中列出该单位",
        )
        return False, None

    def show(self, field: str, value: Any) -> str:
        """A value as the preview shows it: names for references, labels for codes."""
        if isinstance(value, Pending):
            return value.label
        if field in _UNIT_REFS:
            names = self._lookup("unit")
            if isinstance(value, list):
                return "、".join(sorted(self.show(field, v) for v in value))
            return "" if value is None else names.get(value, str(value))
        if field in ("task_id", "parent_id") and value is not None:
            return self._lookup("task").get(value, str(value))
        if field == "plan_id" and value is not None:
            return self._lookup("plan").get(value, str(value))
        if field == "category_id" and value is not None:
            return self.tasks.category_label(value)
        return _show(value)

    def _lookup(self, what: str) -> dict[int, str]:
        if what not in self._names:
            if what == "plan":
                self._names[what] = dict(
                    self.session.execute(select(col(Plan.id), col(Plan.name))).all()
                )
            else:
                self._names[what] = (self.reg.units if what == "unit" else self.reg.tasks).display
        return self._names[what]

    def _plan(
        self,
        row: StagedRow,
        kind: str,
        model,
        record_id: int | None,
        values: dict[str, Any],
        input_cls,
        display: str,
        code: str = "",
    ) -> bool:
        """Validate one row's values against the record; add its preview row and write.
        False when the row is rejected."""
        current = {}
        stored = self.session.get(model, record_id) if record_id else None
        if stored is not None:
            current = {k: getattr(stored, k) for k in input_cls.model_fields if hasattr(stored, k)}
            if kind == "unit":
                current["aliases"] = sorted(
                    a
                    for (a,) in self.session.execute(
                        select(col(UnitAlias.alias)).where(col(UnitAlias.unit_id) == record_id)
                    )
                )
            if kind == "task":
                current["cooperating_unit_ids"] = sorted(
                    u
                    for (u,) in self.session.execute(
                        select(col(TaskUnit.unit_id)).where(col(TaskUnit.task_id) == record_id)
                    )
                )
        try:
            data = validate_input(input_cls, current | {k: stand_in(v) for k, v in values.items()})
        except ValidationFailed as exc:
            for name, message in exc.errors.items():
                self.diag(row, _SOURCE.get(name, name), message)
            self.reject(row, kind, display, ";".join(exc.errors.values()))
            return False
        new = data.model_dump()
        for k, v in new.items():
            if hasattr(v, "value"):
                new[k] = v.value
            if has_pending(values.get(k)):  # the stand-ins are no values to show
                new[k] = values[k]
        changes = tuple(
            FieldChange(k, LABELS.get(k, k), self.show(k, current.get(k)), self.show(k, v))
            for k, v in new.items()
            if k in values
            and (
                stored is None
                and v not in (None, "", [])
                or stored is not None
                and self.show(k, current.get(k)) != self.show(k, v)
            )
        )
        pending = any(has_pending(v) for v in values.values())
        if stored is not None and not changes and not pending:
            self.rows.append(
                PreviewRow(UNCHANGED, row.sheet, row.row, kind, record_id, code, display, "")
            )
            return True
        self.writes.append(
            PlannedWrite(
                model=kind,
                row_id=record_id,
                version=stored.version if stored else None,
                values=dict(values),
                before=None,
                sheet=row.sheet,
                row=row.row,
                extra={"key": code},
            )
        )
        self.rows.append(
            PreviewRow(
                CHANGED if stored else NEW,
                row.sheet,
                row.row,
                kind,
                record_id,
                code,
                display,
                "",
                changes,
            )
        )
        return True


_SOURCE = {
    "kind": "unit_kind",
    "district_id": "district",
    "lead_unit_id": "unit",
    "task_id": "task",
    "title": "name",
    "number": "code",
    "parent_id": "code",
    "category_id": "category",
    "cooperating_unit_ids": "cooperating",
    "start_date": "window",
    "due_date": "window",
    "content": "content",
}


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
