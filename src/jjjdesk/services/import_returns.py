"""Plan a return's import: match each row to a task or project, read its cells, check it with
the entry rules the form uses, and compare it with what is stored. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from jjjdesk.domain.entry_rules import ENTRY_FIELDS, EntryContext, check_entry
from jjjdesk.domain.enums import Assessment, ReviewState
from jjjdesk.domain.models import (
    ImportMapping,
    KeyTask,
    ProgressEntry,
    Project,
    ReportingRound,
    RoundItem,
    Unit,
    UnitAlias,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.excel.returns.diagnostics import ERROR, INFO, WARNING, Diagnostic, shown
from jjjdesk.excel.returns.fields import ENTRY_SHEET
from jjjdesk.excel.returns.layout import (
    SheetLayout,
    field_label,
    find_layout,
    spread_merges,
    title_period_text,
    title_unit_text,
)
from jjjdesk.excel.returns.match import NameIndex
from jjjdesk.excel.returns.normalise import (
    CellProblem,
    fraction_column,
    parse_amount,
    parse_percent,
    prose_of,
    text_of,
)
from jjjdesk.excel.returns.rows import StagedRow, data_rows
from jjjdesk.excel.returns.template import TemplateInfo, parse_key
from jjjdesk.excel.returns.workbook import RawWorkbook
from jjjdesk.services.entry_access import LOCKED_MESSAGE
from jjjdesk.services.import_changes import row_image, table
from jjjdesk.services.import_views import (
    CHANGED,
    NEW,
    REJECTED,
    UNCHANGED,
    ColumnInfo,
    FieldChange,
    PlannedWrite,
    PreviewRow,
)

#: Entry fields a return may set (the rules module names them).
VALUE_FIELDS = tuple(ENTRY_FIELDS)
_ASSESSMENT_WORDS = {
    "正常": Assessment.ON_TRACK, "按计划推进": Assessment.ON_TRACK, "推进中": Assessment.ON_TRACK,
    "进行中": Assessment.ON_TRACK, "顺利推进": Assessment.ON_TRACK, "按期推进": Assessment.ON_TRACK,
    "完成": Assessment.DONE, "已完成": Assessment.DONE, "完工": Assessment.DONE,
    "滞后": Assessment.LAGGING, "进度滞后": Assessment.LAGGING, "延迟": Assessment.LAGGING,
    "未开始": Assessment.NOT_STARTED, "未启动": Assessment.NOT_STARTED,
    "尚未启动": Assessment.NOT_STARTED,
}


@dataclass
class Registry:
    """The part of the registry a return is matched against, loaded once per preview."""

    projects: NameIndex
    tasks: NameIndex
    units: NameIndex
    project_total: dict[int, float | None]
    project_unit: dict[int, int | None]
    task_unit: dict[int, int | None]


def load_registry(session: Session) -> Registry:
    projects, tasks, units = NameIndex("项目"), NameIndex("任务"), NameIndex("单位")
    total: dict[int, float | None] = {}
    project_unit: dict[int, int | None] = {}
    pt = table(Project)  # Core columns: no ORM row loading for a large registry
    for pid, code, name, tot, lead, district in session.execute(select(
            pt.c.id, pt.c.code, pt.c.name, pt.c.total_investment,
            pt.c.lead_unit_id, pt.c.district_id)):
        projects.add(pid, name, code=code)
        total[pid] = tot
        project_unit[pid] = lead or district
    numbers: dict[int, int] = {}
    rows = session.execute(select(KeyTask.id, KeyTask.parent_id, KeyTask.number, KeyTask.title,
                                  KeyTask.lead_unit_id)).all()
    numbers = {r[0]: r[2] for r in rows}
    task_unit: dict[int, int | None] = {}
    for tid, parent, number, title, lead in rows:
        code = f"{numbers[parent]}.{number}" if parent in numbers else str(number)
        tasks.add(tid, title, code=code)
        task_unit[tid] = lead
    aliases: dict[int, list[str]] = {}
    for uid, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias)):
        aliases.setdefault(uid, []).append(alias)
    for uid, name in session.execute(select(Unit.id, Unit.name)):
        units.add(uid, name, aliases=aliases.get(uid, ()))
    return Registry(projects, tasks, units, total, project_unit, task_unit)


def remembered_mapping(session: Session, unit_id: int | None) -> dict[str, str]:
    """header_key → field the user confirmed before (this unit's first, then everyone's)."""
    out: dict[str, str] = {}
    rows = session.execute(select(ImportMapping.unit_id, ImportMapping.header_key,
                                  ImportMapping.field).where(
        or_(ImportMapping.unit_id.is_(None), ImportMapping.unit_id == unit_id))).all()
    for _uid, key, name in sorted(rows, key=lambda r: r[0] is not None):
        out[key] = name
    return out


@dataclass
class ReturnContext:
    round: ReportingRound | None
    period: Period | None
    unit_id: int | None
    template: TemplateInfo | None
    mapping: dict[str, dict[int, str | None]]  # sheet → column index → field (user's choice)
    memory: dict[str, str]
    tick: Any = None


@dataclass
class ReturnPlan:
    rows: list[PreviewRow] = field(default_factory=list)
    writes: list[PlannedWrite] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    columns: list[ColumnInfo] = field(default_factory=list)
    period: Period | None = None
    unit_id: int | None = None
    fatal: str = ""


def _columns_info(sheet_rows: list[list[object]], layout: SheetLayout) -> list[ColumnInfo]:
    out = []
    start = layout.first_data_row
    for c in layout.columns:
        if not c.header:
            continue
        samples = []
        for row in sheet_rows[start:start + 30]:
            if c.index < len(row):
                t = text_of(row[c.index])
                if t and t not in samples:
                    samples.append(shown(t, 30))
            if len(samples) >= 3:
                break
        out.append(ColumnInfo(layout.sheet, c.index, c.letter, c.header, c.field,
                              field_label(c.field), c.how, c.unit, tuple(samples)))
    return out


def _apply_user_mapping(layout: SheetLayout, choice: dict[int, str | None]) -> None:
    for col in layout.columns:
        if col.index in choice:
            name = choice[col.index] or None
            for other in layout.columns:
                if name and other is not col and other.field == name:
                    other.field, other.how = None, "none"
            col.field, col.how = name, "user" if name else "none"


def plan_return(session: Session, book: RawWorkbook, ctx: ReturnContext) -> ReturnPlan:
    plan = ReturnPlan(unit_id=ctx.unit_id)
    reg = load_registry(session)
    staged: list[tuple[StagedRow, SheetLayout]] = []
    title_period = ""
    title_unit = ""
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        spread_merges(sheet)
        layout = find_layout(sheet, allowed=ENTRY_SHEET, memory=ctx.memory)
        if layout is None:
            if any(any(text_of(v) for v in row) for row in sheet.rows[:50]):
                plan.diagnostics.append(Diagnostic(
                    INFO, sheet.name, None, "", "", "",
                    "没有找到可识别的表头(如“项目名称”“工作进展”),该工作表未导入",
                    "如该表需要导入,请在列对应中指定各列"))
            continue
        if sheet.name in ctx.mapping:
            _apply_user_mapping(layout, ctx.mapping[sheet.name])
        if not layout.has_subject:
            plan.diagnostics.append(Diagnostic(
                ERROR, sheet.name, layout.header_rows[-1] + 1, "", "", "",
                "没有能确定事项的列(项目编号、名称或行标识)", "请在列对应中指定名称列"))
            continue
        plan.columns.extend(_columns_info(sheet.rows, layout))
        title_period = title_period or title_period_text(layout.title_lines)
        title_unit = title_unit or title_unit_text(layout.title_lines)
        for col in layout.columns:
            if col.header and col.field is None:
                plan.diagnostics.append(Diagnostic(
                    INFO, sheet.name, layout.header_rows[-1] + 1, col.letter, "", col.header,
                    "该列未对应到任何字段,未导入", "如需导入,请在列对应中指定"))
        fractions = {}
        pct = layout.column_of("completion_pct")
        if pct is not None:
            values = [r[pct.index] for r in sheet.rows[layout.first_data_row:]
                      if pct.index < len(r)]
            fractions[sheet.name] = fraction_column(values)
            if fractions[sheet.name]:
                plan.diagnostics.append(Diagnostic(
                    WARNING, sheet.name, layout.header_rows[-1] + 1, pct.letter,
                    "completion_pct", pct.header,
                    "完成进度列的数值都在0到1之间,已按比例理解(0.6 即 60%)",
                    "如确为不足1%的进度,请写成“0.6%”"))
        for row in data_rows(sheet, layout, plan.diagnostics, ctx.tick):
            row.cells["__fractions"] = fractions.get(sheet.name, False)
            staged.append((row, layout))
    # The period: the round's, else the caller's, else the title's.
    period = ctx.period
    if period is None and title_period:
        try:
            period = Period.parse(title_period)
        except ValueError:
            period = None
    if period is None and ctx.template and ctx.template.period_key:
        try:
            period = Period.from_key(ctx.template.period_key)
        except ValueError:
            period = None
    plan.period = period
    if plan.unit_id is None and title_unit:
        plan.unit_id, _ = reg.units.find(title_unit)
    if not staged:
        plan.fatal = plan.fatal or "文件中没有可导入的数据行"
        return plan
    has_period_column = any(lay.column_of("period") for _, lay in staged[:1])
    if period is None and not has_period_column:
        plan.fatal = ("无法确定填报期次:标题中没有写明期次(如“2024年3月”),也没有期次列;"
                      "请选择填报批次或指定期次后重试")
        return plan
    if ctx.template is not None:
        _check_template(ctx, staged, plan)
    _plan_rows(session, reg, staged, ctx, plan)
    order = {s.name: i for i, s in enumerate(book.sheets)}
    if len(order) == 1:
        plan.rows.sort(key=attrgetter("row"))  # same order, without a tuple per row
    else:
        plan.rows.sort(key=lambda r: (order.get(r.sheet, 0), r.row))
    plan.diagnostics.sort(key=lambda d: (order.get(d.sheet, 0), d.row or 0))
    return plan


def _cell_diag(plan: ReturnPlan, level: str, row: StagedRow, name: str, problem: str,
               suggestion: str = "") -> None:
    plan.diagnostics.append(Diagnostic(level, row.sheet, row.row, row.columns.get(name, ""),
                                       name, shown(text_of(row.cells.get(name))), problem,
                                       suggestion))


def _resolve(reg: Registry, row: StagedRow, plan: ReturnPlan) -> SubjectRef | None:
    key = parse_key(row.cells.get("key")) if row.cells.get("key") not in (None, "") else None
    if key is not None:
        kind, record_id = key
        index = reg.projects if kind == "project" else reg.tasks
        if record_id in index.display:
            return SubjectRef(kind, record_id)
        _cell_diag(plan, ERROR, row, "key", "行标识对应的事项已不在台账中(可能已删除)",
                   "请联系协同办核实")
        return None
    code, name = row.text("code"), row.text("name")
    for index, kind in ((reg.projects, "project"), (reg.tasks, "task")):
        found = index.by_key_code(code)
        if found is not None:
            return SubjectRef(kind, found)
    if name:
        for index, kind in ((reg.projects, "project"), (reg.tasks, "task")):
            if index.by_key_code(name) is not None and index.find(name)[0] is None:
                return SubjectRef(kind, index.by_key_code(name))  # a code in the name column
        for index, kind in ((reg.projects, "project"), (reg.tasks, "task")):
            found, how = index.find(name)
            if how == "ambiguous":
                _cell_diag(plan, ERROR, row, "name", f"台账中有多个同名{index.what}“{name}”",
                           "请填写编号以区分")
                return None
            if found is not None:
                return SubjectRef(kind, found)
    suggestions = reg.projects.suggest(name or code) + reg.tasks.suggest(name or code)
    where = "name" if name else "code"
    if not name and not code:
        _cell_diag(plan, ERROR, row, "name", "未填写项目/任务名称或编号", "请补充名称或编号")
        return None
    _cell_diag(plan, ERROR, row, where, f"台账中没有“{name or code}”,不会自动新增",
               ("是否为:" + "、".join(suggestions[:3])) if suggestions else
               "请核对名称,或先在台账中新增该事项")
    return None


def _value_plan(row: StagedRow, layout: SheetLayout) -> list[tuple[str, float]]:
    """(field, unit factor) of the value fields this sheet maps, once per sheet."""
    cache = layout.__dict__.setdefault("_value_plan", {})
    key = tuple(row.columns)
    plan = cache.get(key)
    if plan is None:
        plan = cache[key] = []
        for name in VALUE_FIELDS:
            if name in row.columns:
                col = layout.column_of(name) if name in ("invest_period",
                                                         "invest_cumulative") else None
                plan.append((name, col.factor if col else 1.0))
    return plan


def _read_values(row: StagedRow, layout: SheetLayout, plan: ReturnPlan) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    ok = True
    cells = row.cells
    for name, factor in _value_plan(row, layout):
        raw = cells.get(name)
        try:
            if name == "assessment":
                text = text_of(raw)
                word = _ASSESSMENT_WORDS.get(text.replace(" ", ""))
                values[name] = word.value if word else text
            elif name == "completion_pct":
                values[name] = parse_percent(raw, fractions=bool(cells.get("__fractions")))
            elif name in ("invest_period", "invest_cumulative"):
                values[name] = parse_amount(raw, factor=factor)
            else:
                values[name] = prose_of(raw)
        except CellProblem as exc:
            _cell_diag(plan, ERROR, row, name, exc.message, exc.suggestion)
            ok = False
    return values if ok else None


def _shown_value(name: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if name == "assessment":
        shown_ = _ASSESSMENT_SHOWN.get(value)
        if shown_ is None:
            try:
                shown_ = Assessment(value).label
            except ValueError:
                return str(value)
            _ASSESSMENT_SHOWN[value] = shown_
        return shown_
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_ASSESSMENT_SHOWN: dict[Any, str] = {}
_NEW_CHANGES: dict[tuple[str, Any], FieldChange] = {}
_CONTEXTS: dict[tuple, EntryContext] = {}


def _new_change(name: str, value: Any) -> FieldChange:
    """The change a new row shows for one field (shared: they are immutable and repeat)."""
    key = (name, type(value), value)
    change = _NEW_CHANGES.get(key)
    if change is None:
        if len(_NEW_CHANGES) > 20_000:
            _NEW_CHANGES.clear()
        change = _NEW_CHANGES[key] = FieldChange(name, ENTRY_FIELDS[name], "",
                                                 _shown_value(name, value))
    return change


def _entry_context(is_project: bool, previous: float | None, label: str,
                   total: float | None) -> EntryContext:
    key = (is_project, previous, label, total)
    context = _CONTEXTS.get(key)
    if context is None:
        if len(_CONTEXTS) > 20_000:
            _CONTEXTS.clear()
        context = _CONTEXTS[key] = EntryContext(is_project, previous, label, total)
    return context


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(a - b) < 1e-9
    return (a if a is not None else "") == (b if b is not None else "")


def _plan_rows(session: Session, reg: Registry, staged: list[tuple[StagedRow, SheetLayout]],
               ctx: ReturnContext, plan: ReturnPlan) -> None:
    resolved: list[tuple[StagedRow, SheetLayout, SubjectRef, Period]] = []
    for row, layout in staged:
        ref = _resolve(reg, row, plan)
        period = plan.period
        if row.columns.get("period") and text_of(row.cells.get("period")):
            try:
                row_period = Period.parse(text_of(row.cells.get("period")))
            except ValueError as exc:
                _cell_diag(plan, ERROR, row, "period", str(exc), "如 2024年3月、2024年第一季度")
                row_period = None
            if row_period is not None and plan.period is not None and row_period != plan.period:
                _cell_diag(plan, ERROR, row, "period",
                           f"期次“{row_period.label}”与本次导入的期次“{plan.period.label}”不一致")
                row_period = None
            period = row_period
        if ref is None or period is None:
            plan.rows.append(PreviewRow(REJECTED, row.sheet, row.row, "", None, row.text("code"),
                                        row.text("name"), period.key if period else "",
                                        messages=("未能对应到台账中的事项",) if ref is None
                                        else ("期次无法确定",)))
            continue
        _check_unit(reg, row, ref, plan)
        resolved.append((row, layout, ref, period))
    # Load what is stored for these subjects and periods, in a few queries.
    existing = _existing(session, {(r.kind, r.id, p.key) for _, _, r, p in resolved})
    previous = _previous_cumulative(session, resolved)
    in_round = _round_items(session, ctx.round) if ctx.round else None
    first_row: dict[tuple[str, int, str], tuple[StagedRow, dict | None]] = {}
    duplicates: set[tuple[str, int, str]] = set()
    pending: list[tuple[StagedRow, SubjectRef, Period, dict | None, Any]] = []
    for row, layout, ref, period in resolved:
        ident = (ref.kind, ref.id, _pkey(period))
        values = _read_values(row, layout, plan)
        if ident in first_row:
            earlier, earlier_values = first_row[ident]
            if values is not None and values == earlier_values:
                _cell_diag(plan, WARNING, row, "name",
                           f"与第{earlier.row}行重复(同一事项、同一期次、内容相同),只导入一次")
                plan.rows.append(PreviewRow(REJECTED, row.sheet, row.row, ref.kind, ref.id,
                                            row.text("code"), row.text("name"), _pkey(period),
                                            messages=(f"与第{earlier.row}行重复",)))
                continue
            duplicates.add(ident)
            _cell_diag(plan, ERROR, row, "name",
                       f"与第{earlier.row}行是同一事项、同一期次,但内容不同",
                       "请删除其中一行后重新导入")
        else:
            first_row[ident] = (row, values)
        pending.append((row, ref, period, values, layout))
    for row, ref, period, values, _layout in pending:
        ident = (ref.kind, ref.id, _pkey(period))
        index = reg.projects if ref.kind == "project" else reg.tasks
        code, _, name = index.display[ref.id].partition(" ")
        rejected = PreviewRow(REJECTED, row.sheet, row.row, ref.kind, ref.id, code, name,
                              _pkey(period))
        if ident in duplicates:
            if first_row[ident][0] is row:
                _cell_diag(plan, ERROR, row, "name", "同一事项、同一期次在文件中出现多次且内容不同",
                           "请删除多余的行后重新导入")
            plan.rows.append(rejected)
            continue
        if values is None:
            plan.rows.append(rejected)
            continue
        if in_round is not None and (ref.kind, ref.id) not in in_round:
            _cell_diag(plan, ERROR, row, "name", f"该事项不在填报批次“{ctx.round.name}”的范围内",
                       "请核对批次,或先将该事项加入批次")
            plan.rows.append(rejected)
            continue
        _plan_one(plan, reg, row, ref, period, values, existing.get(ident),
                  previous.get((ref.kind, ref.id)), ctx, in_round)


_PERIOD_LABELS: dict[str, str] = {}


def _period_label(key: str) -> str:
    label = _PERIOD_LABELS.get(key)
    if label is None:
        if len(_PERIOD_LABELS) > 1000:
            _PERIOD_LABELS.clear()
        label = _PERIOD_LABELS[key] = Period.from_key(key).label
    return label


_LAST_PERIOD: tuple[Any, str] = (None, "")


def _pkey(period: Period) -> str:
    """`period.key`, computed once for the run of rows that share one period object."""
    global _LAST_PERIOD
    last = _LAST_PERIOD  # one tuple: safe when two workers preview at once
    if last[0] is not period:
        last = _LAST_PERIOD = (period, period.key)
    return last[1]


def _check_unit(reg: Registry, row: StagedRow, ref: SubjectRef, plan: ReturnPlan) -> None:
    text = row.text("unit")
    if not text or "unit" not in row.columns:
        return
    unit_id, _ = reg.units.find(text)
    if unit_id is None:
        hint = reg.units.suggest(text)
        _cell_diag(plan, WARNING, row, "unit", f"台账中没有单位“{text}”(不影响本行导入)",
                   ("是否为:" + "、".join(hint)) if hint else "请核对单位名称或在台账中添加别名")


def _existing(session: Session, idents: set[tuple[str, int, str]]
              ) -> dict[tuple[str, int, str], Any]:
    out: dict[tuple[str, int, str], Any] = {}
    if not idents:
        return out
    t = table(ProgressEntry)
    keys = {p for _, _, p in idents}
    for period_key in keys:
        task_ids = [i for k, i, p in idents if p == period_key and k == "task"]
        project_ids = [i for k, i, p in idents if p == period_key and k == "project"]
        conds = []
        if task_ids:
            conds.append(t.c.task_id.in_(task_ids))
        if project_ids:
            conds.append(t.c.project_id.in_(project_ids))
        for r in session.execute(select(t).where(and_(t.c.period_key == period_key, or_(*conds)))):
            kind = "task" if r.task_id is not None else "project"
            out[(kind, r.task_id or r.project_id, period_key)] = r
    return out


def _previous_cumulative(session: Session, resolved) -> dict[tuple[str, int], tuple[float, str]]:
    """The latest earlier cumulative investment of each project (same period kind)."""
    out: dict[tuple[str, int], tuple[float, str]] = {}
    wanted = {(p.kind.value, p.key) for _, _, r, p in resolved if r.kind == "project"}
    if not wanted:
        return out
    t = table(ProgressEntry)
    ids = {r.id for _, _, r, _ in resolved if r.kind == "project"}
    for kind, key in wanted:
        stmt = (select(t.c.project_id, t.c.period_key, t.c.invest_cumulative)
                .where(t.c.period_kind == kind, t.c.period_key < key,
                       t.c.invest_cumulative.is_not(None), t.c.project_id.is_not(None)))
        if len(ids) <= 500:
            stmt = stmt.where(t.c.project_id.in_(ids))
        for pid, pkey, cum in session.execute(stmt):
            if pid in ids and (("project", pid) not in out or pkey > out[("project", pid)][1]):
                out[("project", pid)] = (cum, pkey)
    return out


def _round_items(session: Session, rnd: ReportingRound) -> dict[tuple[str, int], int]:
    out = {}
    for task_id, project_id, unit_id in session.execute(select(
            RoundItem.task_id, RoundItem.project_id, RoundItem.unit_id).where(
            RoundItem.round_id == rnd.id)):
        out[("task", task_id) if task_id else ("project", project_id)] = unit_id
    return out


def _plan_one(plan: ReturnPlan, reg: Registry, row: StagedRow, ref: SubjectRef, period: Period,
              values: dict[str, Any], stored: Any, previous: tuple[float, str] | None,
              ctx: ReturnContext, in_round: dict | None) -> None:
    index = reg.projects if ref.kind == "project" else reg.tasks
    code, _, name = index.display[ref.id].partition(" ")
    old = {k: getattr(stored, k) for k in VALUE_FIELDS} if stored is not None else {}
    merged = ({k: v for k, v in old.items()} if stored is not None else {}) | values
    is_project = ref.kind == "project"
    context = _entry_context(
        is_project, previous[0] if previous else None,
        _period_label(previous[1]) if previous else "上期",
        reg.project_total.get(ref.id) if is_project else None,
    )
    check = check_entry(merged, context)
    for name_, message in check.warnings.items():
        _cell_diag(plan, WARNING, row, name_, message)
    if not check.ok:
        rejected = PreviewRow(REJECTED, row.sheet, row.row, ref.kind, ref.id, code, name,
                              _pkey(period), messages=tuple(check.errors.values()))
        for name_, message in check.errors.items():
            _cell_diag(plan, ERROR, row, name_ if name_ in row.columns else "", message)
        plan.rows.append(rejected)
        return
    new_values = {k: check.values[k] for k in VALUE_FIELDS}
    if stored is None:
        changes = tuple(_new_change(k, v) for k, v in new_values.items()
                        if v is not None and v != "")
    else:
        changes = tuple(
            FieldChange(k, ENTRY_FIELDS[k], _shown_value(k, old.get(k)), _shown_value(k, v))
            for k, v in new_values.items() if not _same(old.get(k), v))
    if stored is not None and not changes:
        plan.rows.append(PreviewRow(UNCHANGED, row.sheet, row.row, ref.kind, ref.id, code, name,
                                    _pkey(period)))
        return
    if stored is not None:
        problem = ""
        if stored.review_state == ReviewState.APPROVED:
            problem = LOCKED_MESSAGE
        elif ctx.round is not None and stored.round_id not in (None, ctx.round.id):
            problem = "该条进展属于另一个填报批次,不能在本批次中修改"
        if problem:
            _cell_diag(plan, ERROR, row, "name", problem)
            plan.rows.append(PreviewRow(REJECTED, row.sheet, row.row, ref.kind, ref.id, code,
                                        name, _pkey(period), changes, (problem,)))
            return
    unit_id = (in_round or {}).get((ref.kind, ref.id)) or plan.unit_id or (
        reg.project_unit.get(ref.id) if ref.kind == "project" else reg.task_unit.get(ref.id))
    plan.writes.append(PlannedWrite(
        model="progress_entry", row_id=stored.id if stored is not None else None,
        version=stored.version if stored is not None else None, values=new_values,
        before=row_image(ProgressEntry, stored) if stored is not None else None,
        sheet=row.sheet, row=row.row,
        extra={"ref": ref, "period": period, "unit_id": unit_id,
               "round_id": ctx.round.id if ctx.round else None},
    ))
    plan.rows.append(PreviewRow(CHANGED if stored is not None else NEW, row.sheet, row.row,
                                ref.kind, ref.id, code, name, _pkey(period), changes,
                                tuple(check.warnings.values())))


def _check_template(ctx: ReturnContext, staged: list[tuple[StagedRow, SheetLayout]],
                    plan: ReturnPlan) -> None:
    """Our template came back: same round and period? Rows deleted or keys edited?"""
    from jjjdesk.excel.templates import template_checksum

    meta = ctx.template
    if ctx.round is not None and meta.period_key and meta.period_key != ctx.round.period_key:
        plan.fatal = (f"模板属于期次 {meta.period_key},与填报批次“{ctx.round.name}”"
                      f"({ctx.round.period_key})不符;请确认选择了正确的批次")
        return
    keyed = []
    for row, _layout in staged:
        key = parse_key(row.cells.get("key"))
        if key is not None:
            seq = row.cells.get("seq")
            keyed.append((seq if isinstance(seq, int | float) else float("inf"), row.row,
                          f"{key[0]}:{key[1]}"))
    keys = [k for _, _, k in sorted(keyed)]  # 序号 is locked: it restores the exported order
    if not (ctx.round and ctx.template.unit_id and meta.values.get("checksum")):
        return
    expected = meta.values["checksum"]
    if template_checksum(ctx.round.id, ctx.template.unit_id, ctx.round.period_key,
                         keys) != expected:
        count = meta.values.get("item_count", "")
        plan.diagnostics.append(Diagnostic(
            WARNING, meta.values.get("data_sheet", ""), None, "", "key", "",
            f"模板中的事项与下发时不一致(下发 {count} 项,回收 {len(keys)} 项带行标识),"
            "可能删除了行或改动了隐藏的行标识列",
            "缺少的事项本次不更新;如需补报请使用下发的模板"))
