"""Read a return's value columns, check each row with the entry rules the form uses, and
compare it with the stored entry: what commit will do with the row.

A cell's reading depends only on the cell and its column, so each distinct text is read once
per column (a 50,000-row return repeats its words thousands of times); a row's dict is made
only when it is compared or checked the long way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

from sqlalchemy import select

from jjjdesk.db.bulk import chunks
from jjjdesk.domain.entry_rules import (
    ENTRY_FIELDS,
    INVEST_FIELDS,
    SLOW,
    EntryContext,
    check_entry,
    check_fast,
    entry_defaults,
    fast_floats,
    fast_value,
)
from jjjdesk.domain.enums import Assessment, ReviewState
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.domain.period import Period
from jjjdesk.importing.changelog import row_image, table
from jjjdesk.importing.read.diagnostics import ERROR, INFO, WARNING, Diagnostic, shown
from jjjdesk.importing.read.normalise import (
    PLACEHOLDERS,
    TEXT_CELL,
    CellProblem,
    entry_text,
    parse_date,
    read_amount,
    read_amounts,
    read_percent,
    text_of,
)
from jjjdesk.importing.read.rows import RowBlock
from jjjdesk.importing.returns.context import Registry, ReturnContext, ReturnPlan
from jjjdesk.importing.views import (
    CHANGED,
    NEW,
    REJECTED,
    UNCHANGED,
    FieldChange,
    PlannedWrite,
    PreviewRow,
)
from jjjdesk.services.entry_access import LOCKED_MESSAGE

VALUE_FIELDS = tuple(ENTRY_FIELDS)
_NOTHING = PLACEHOLDERS | {""}
NO_ASSESSMENT_CELL = "推进情况未填写,按默认“正常推进”保存"
BLANK_ROW = "本行没有填写任何进展(推进情况、完成进度、投资、工作进展等均为空),未导入"
#: What the comparison reads of a stored entry, value fields last; the whole row only of those
#: that change (`RowPlanner.add_before_images`).
STORED_COLUMNS = ("id", "version", "task_id", "project_id", "period_key", "review_state",
                  "round_id", *VALUE_FIELDS)
_VALUES_AT = len(STORED_COLUMNS) - len(VALUE_FIELDS)
_ASSESSMENT_WORDS = {
    "正常": Assessment.ON_TRACK,
    "按计划推进": Assessment.ON_TRACK,
    "推进中": Assessment.ON_TRACK,
    "进行中": Assessment.ON_TRACK,
    "顺利推进": Assessment.ON_TRACK,
    "按期推进": Assessment.ON_TRACK,
    "完成": Assessment.DONE,
    "已完成": Assessment.DONE,
    "完工": Assessment.DONE,
    "滞后": Assessment.LAGGING,
    "进度滞后": Assessment.LAGGING,
    "延迟": Assessment.LAGGING,
    "未开始": Assessment.NOT_STARTED,
    "未启动": Assessment.NOT_STARTED,
    "尚未启动": Assessment.NOT_STARTED,
}


def diag(
    plan: ReturnPlan,
    level: str,
    block: RowBlock,
    i: int,
    name: str,
    problem: str,
    suggestion: str = "",
) -> None:
    cells = block.cells.get(name)
    plan.diagnostics.append(
        Diagnostic(
            level,
            block.sheet,
            block.rows[i],
            block.columns.get(name, ""),
            name,
            shown(text_of(cells[i] if cells is not None else None)),
            problem,
            suggestion,
        )
    )


def _read_column(block: RowBlock, name: str) -> tuple[list[Any], list[Any]]:
    """The column's values as the entry fields take them (or the `CellProblem` of a cell),
    and as the entry rules store them (`fast_value`; `SLOW` for a bad cell)."""
    factor = None
    read: Callable[[object], Any]
    if name == "assessment":

        def read_assessment(raw: object) -> Any:
            text = text_of(raw)
            word = _ASSESSMENT_WORDS.get(text.replace(" ", ""))
            return word.value if word else text

        read = read_assessment
    elif name == "completion_pct":
        read = partial(read_percent, fractions=block.fractions)
    elif name in INVEST_FIELDS:
        mapped = block.layout.column_of(name)
        assert mapped is not None  # the block's columns are its layout's fields
        factor = mapped.factor
        read = partial(read_amount, factor=factor)
    else:
        read = entry_text

    def both(raw: object) -> tuple[Any, Any]:
        try:
            value = read(raw)
        except CellProblem as exc:
            return exc.with_traceback(None), SLOW  # kept without the frames it was in
        return value, fast_value(name, value)

    column = block.cells[name]
    if factor is not None:  # amounts are mostly distinct: read the column as it is
        values = read_amounts(column, factor)
        if values is not None:
            return values, fast_floats(name, values)
    # Text cells repeat: read each distinct one once. (Not numbers: 1, 1.0 and True, or
    # 0.0 and -0.0, are one key to a dict but are read differently.)
    if not set(map(type, column)) <= TEXT_CELL:
        pairs = list(map(both, column))
        return [v for v, _ in pairs], [f for _, f in pairs]
    cells = list(dict.fromkeys(column))
    pairs = list(map(both, cells))
    if len(pairs) == 1:  # a column left empty, or filled alike
        return [pairs[0][0]] * len(column), [pairs[0][1]] * len(column)
    value_of = {cell: v for cell, (v, _) in zip(cells, pairs, strict=True)}
    fast_of = {cell: f for cell, (_, f) in zip(cells, pairs, strict=True)}
    return list(map(value_of.__getitem__, column)), list(map(fast_of.__getitem__, column))


class Values:
    """A block's value fields read once, column by column, then taken a row at a time."""

    def __init__(self, block: RowBlock):
        self.names = [n for n in VALUE_FIELDS if n in block.columns]
        self.missing = [n for n in ENTRY_FIELDS if n not in block.columns]
        read = [_read_column(block, n) for n in self.names]
        self.columns = [v for v, _ in read]
        fast = [f for _, f in read]
        #: Per row: every entry field as the entry rules store it (`ENTRY_FIELDS` order, a
        #: field the file lacks at its default), or None when the rules must take their full
        #: (pydantic) path for one of them.
        defaults, n = entry_defaults(), len(block.rows)
        by_name = dict(zip(self.names, fast, strict=True))
        self.fast: list[tuple | None] = list(zip(
            *(by_name.get(k) or repeat(defaults[k], n) for k in ENTRY_FIELDS), strict=True))
        self.bad: set[int] = set()  # rows with a `CellProblem`
        for value_col, fast_col in zip(self.columns, fast, strict=True):
            if not any(map(is_, fast_col, repeat(SLOW))):
                continue
            for i in [i for i, v in enumerate(fast_col) if v is SLOW]:
                self.fast[i] = None
                if isinstance(value_col[i], CellProblem):
                    self.bad.add(i)

    def row(self, plan: ReturnPlan, block: RowBlock, i: int) -> dict[str, Any] | None:
        row = [column[i] for column in self.columns]
        if i not in self.bad:
            return dict(zip(self.names, row))  # noqa: B905 - see `RowPlanner.add`
        values: dict[str, Any] = {}
        for name, value in zip(self.names, row, strict=True):
            if isinstance(value, CellProblem):
                diag(plan, ERROR, block, i, name, value.message, value.suggestion)
            else:
                values[name] = value
        return None if len(values) < len(self.names) else values


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
_CONTEXTS: dict[tuple, EntryContext] = {}


class NewRowChanges(Sequence):
    """A new row's changes (every filled field, "" → value), made when first looked at:
    a preview shows a screenful of its 50,000 new rows, and each made change costs more
    than the rest of the row's planning."""

    __slots__ = ("_made", "_values")

    def __init__(self, values: dict[str, Any]):
        self._values = values  # the write's values: never changed after the preview
        self._made: tuple[FieldChange, ...] | None = None

    def _changes(self) -> tuple[FieldChange, ...]:
        if self._made is None:
            self._made = tuple(
                FieldChange(k, ENTRY_FIELDS[k], "", _shown_value(k, v))
                for k, v in self._values.items()
                if v is not None and v != ""
            )
        return self._made

    def __getitem__(self, index):
        return self._changes()[index]

    def __len__(self) -> int:
        return len(self._changes())

    def __eq__(self, other: object) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the tuple it stands for


def _entry_context(
    is_project: bool, previous: float | None, label: str, total: float | None,
    tolerance: float,
) -> EntryContext:
    key = (is_project, previous, label, total, tolerance)
    context = _CONTEXTS.get(key)
    if context is None:
        if len(_CONTEXTS) > 20_000:
            _CONTEXTS.clear()
        context = _CONTEXTS[key] = EntryContext(is_project, previous, label, total, tolerance)
    return context


def _fast_data(read: Values, i: int, old: dict[str, Any] | None) -> dict[str, Any] | None:
    """Row `i`'s entry fields for `check_fast` (a field the file lacks: its stored value, or
    its default for a new row), or None when the full path must judge them."""
    fast = read.fast[i]
    if fast is None:
        return None
    # (zip's strict= costs a microsecond a call, per row; the lengths are equal.)
    data = dict(zip(ENTRY_FIELDS, fast))  # noqa: B905
    if old is not None:
        for name in read.missing:
            value = data[name] = fast_value(name, old[name])
            if value is SLOW:
                return None
    return data


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(a - b) < 1e-9
    return (a if a is not None else "") == (b if b is not None else "")


_PERIOD_LABELS: dict[str, str] = {}


def _period_label(key: str) -> str:
    label = _PERIOD_LABELS.get(key)
    if label is None:
        if len(_PERIOD_LABELS) > 1000:
            _PERIOD_LABELS.clear()
        label = _PERIOD_LABELS[key] = Period.from_key(key).label
    return label


class RowPlanner:
    """Compare one row with what is stored and say what commit will do with it."""

    def __init__(
        self,
        plan: ReturnPlan,
        reg: Registry,
        ctx: ReturnContext,
        in_round: dict | None,
        previous: dict[tuple[str, int, str], tuple[float, str]],
        existing: dict[tuple[str, int, str], Any],
        tolerance: float,
    ):
        self.plan, self.reg, self.ctx, self.tolerance = plan, reg, ctx, tolerance
        self.in_round, self.previous, self.existing = in_round or {}, previous, existing
        self.round_id = ctx.round.id if ctx.round else None
        self.contexts: dict[tuple[bool, float | None], EntryContext] = {}
        self.changed: list[PlannedWrite] = []  # writes to stored rows
        #: (project, period kind) → (cumulative, period key) of the rows already planned
        self.file_cumulative: dict[tuple[int, str], list[tuple[float, str]]] = {}
        self.value_cells: dict[int, list[Sequence[Any]]] = {}

    def _blank(self, block: RowBlock, i: int) -> bool:
        """No value field of the row holds anything (the file's value columns only)."""
        columns = self.value_cells.get(id(block))
        if columns is None:
            columns = self.value_cells[id(block)] = [
                block.cells[name] for name in VALUE_FIELDS if name in block.cells]
        # A template's "—" in a task's investment cells is no answer either.
        return all(text_of(cells[i]) in _NOTHING for cells in columns)

    def _earlier_in_file(self, record_id: int, period: Period) -> tuple[float, str] | None:
        """The latest cumulative this return gave the project for an earlier period (rows
        are planned in file order: months listed in order compare one by one)."""
        rows = self.file_cumulative.get((record_id, period.kind.value))
        if not rows:
            return None
        key = period.key
        return max((r for r in rows if r[1] < key), key=itemgetter(1), default=None)

    def _check_total(self, block: RowBlock, i: int, stored: float | None,
                     values: dict[str, Any] | None) -> None:
        """A return's 总投资 is the registry's business: never stored from a return, but a
        figure that is negative, differs from the registry or is below the return's own 累计
        is said, so a misread or a changed budget does not pass in silence."""
        mapped = block.layout.column_of("total_investment")
        assert mapped is not None  # the block's cells are its layout's fields
        try:
            total = read_amount(block.cells["total_investment"][i], mapped.factor)
        except CellProblem as exc:
            diag(self.plan, WARNING, block, i, "total_investment",
                 f"总投资无法识别:{exc.message}(总投资不从报表导入)")
            return
        if total is None:
            return
        if total < 0:
            diag(self.plan, WARNING, block, i, "total_investment",
                 f"总投资为负数({total:g}亿元),请核实(总投资不从报表导入)")
            return
        if stored is None:
            diag(self.plan, INFO, block, i, "total_investment",
                 f"台账中该项目没有登记总投资,报表为{total:g}亿元;总投资不从报表导入",
                 "如需登记,请在重点项目页填写")
        elif abs(total - stored) > 1e-6 * max(1.0, abs(stored)):
            diag(self.plan, WARNING, block, i, "total_investment",
                 f"报表总投资{total:g}亿元与台账{stored:g}亿元不一致;台账未修改,请核实",
                 "如总投资已调整,请在重点项目页修改后再导入")
        cumulative = (values or {}).get("invest_cumulative")
        if cumulative is not None and cumulative > total + 1e-9 and (
                stored is None or abs(total - stored) > 1e-6 * max(1.0, abs(stored))):
            # (against the registry's total the entry rules have said it already)
            diag(self.plan, WARNING, block, i, "invest_cumulative",
                 f"累计完成投资{cumulative:g}亿元超过本表所填总投资{total:g}亿元,请核实")

    def _report_date(self, block: RowBlock, i: int, period: Period) -> date | None:
        """填报日期 as the return states it, kept with the entry; one that cannot be read, lies
        in the future or before the period began is said and not kept."""
        raw = block.cells["report_date"][i]
        try:
            day = parse_date(raw)
        except CellProblem as exc:
            diag(self.plan, WARNING, block, i, "report_date",
                 f"填报日期无法识别:{exc.message};未保存填报日期")
            return None
        if day is None:
            return None
        if day > date.today():
            diag(self.plan, WARNING, block, i, "report_date",
                 f"填报日期{day.isoformat()}晚于今天,请核实;未保存填报日期")
            return None
        if day < period.start:
            diag(self.plan, WARNING, block, i, "report_date",
                 f"填报日期{day.isoformat()}早于报告期{period.label}开始,请核实;未保存填报日期")
            return None
        return day

    def add_before_images(self, session) -> None:
        """The whole stored row of each write that changes one (its before-image for undo),
        read after the comparison: an updated return changes a few of its rows."""
        t = table(ProgressEntry)
        ids = [w.row_id for w in self.changed]
        rows: dict[int, Any] = {}
        for some in chunks(ids):
            rows.update((r.id, r) for r in session.execute(select(t).where(t.c.id.in_(some))))
        for w in self.changed:
            assert w.row_id is not None  # `changed` holds writes to stored rows
            w.before = row_image(ProgressEntry, rows[w.row_id])

    def add(
        self,
        block: RowBlock,
        read: Values,
        i: int,
        kind: str,
        record_id: int,
        code: str,
        name: str,
        period: Period,
        ident: tuple[str, int, str],
    ) -> None:
        plan, reg = self.plan, self.reg
        is_project = kind == "project"
        previous = self.previous.get((kind, record_id, period.key)) if self.previous else None
        label = _period_label(previous[1]) if previous is not None else "上期"
        earlier = self._earlier_in_file(record_id, period) if is_project else None
        if earlier is not None and (previous is None or earlier[1] > previous[1]):
            # the return's own earlier month is the one to compare with: a 调减 from
            # January to February of one file is said like one from the stored month
            previous, label = earlier, f"本表{_period_label(earlier[1])}"
        if previous is None:
            total = reg.project_total.get(record_id) if is_project else None
            context = self.contexts.get((is_project, total))
            if context is None:
                context = self.contexts[(is_project, total)] = _entry_context(
                    is_project, None, "上期", total, self.tolerance
                )
        else:
            context = _entry_context(
                is_project,
                previous[0],
                label,
                reg.project_total.get(record_id) if is_project else None,
                self.tolerance,
            )
        stored = self.existing.get(ident) if self.existing else None
        if stored is None and self._blank(block, i):
            # A template row the unit left empty says nothing: storing it would write the
            # default 正常推进 for an item nobody reported on.
            diag(plan, WARNING, block, i, "name", BLANK_ROW,
                 "如该事项本期有进展,请填写后重新导入;未报的事项在报送情况中仍为未报")
            plan.rows.append(PreviewRow(REJECTED, block.sheet, block.rows[i], kind, record_id,
                                        code, name, ident[2], messages=(BLANK_ROW,)))
            return
        if stored is None and "assessment" in block.cells and (
                text_of(block.cells["assessment"][i]) in _NOTHING):
            diag(plan, WARNING, block, i, "assessment", NO_ASSESSMENT_CELL,
                 "如不是正常推进,请在“推进情况”中选择后重新导入")
        old = dict(zip(VALUE_FIELDS, stored[_VALUES_AT:])) if stored is not None else None  # noqa: B905
        data = _fast_data(read, i, old)
        if data is not None:
            check = check_fast(data, context)
        else:
            cells = read.row(plan, block, i)
            assert cells is not None  # rows with an unreadable cell are rejected before `add`
            check = check_entry((old or {}) | cells, context)
        warnings = check.warnings
        if warnings:
            for name_, message in warnings.items():
                diag(plan, WARNING, block, i, name_, message)
        if is_project and "total_investment" in block.cells:
            self._check_total(block, i, reg.project_total.get(record_id), check.values)
        reported_on = (self._report_date(block, i, period) if "report_date" in block.cells
                       else None)
        sheet, row, period_key = block.sheet, block.rows[i], ident[2]
        if check.errors:
            for name_, message in check.errors.items():
                diag(plan, ERROR, block, i, name_ if name_ in block.columns else "", message)
            plan.rows.append(PreviewRow(
                REJECTED, sheet, row, kind, record_id, code, name, period_key,
                messages=tuple(check.errors.values()),
            ))
            return
        checked = check.values
        assert checked is not None  # the rules give values whenever they give no errors
        if is_project and checked["invest_cumulative"] is not None:
            self.file_cumulative.setdefault((record_id, period.kind.value), []).append(
                (checked["invest_cumulative"], period.key))
        if stored is None:
            new_values = checked if data is not None else {k: checked[k] for k in VALUE_FIELDS}
            changes: tuple | NewRowChanges = NewRowChanges(new_values)
            unit_id = self.in_round.get((kind, record_id)) if self.in_round else None
            status = NEW
        else:
            assert old is not None  # read from `stored`
            new_values = {k: checked[k] for k in VALUE_FIELDS}
            changes = () if new_values == old else tuple(
                FieldChange(k, ENTRY_FIELDS[k], _shown_value(k, old[k]), _shown_value(k, v))
                for k, v in new_values.items()
                if not _same(old[k], v)
            )
            if not changes:
                plan.rows.append(
                    PreviewRow(UNCHANGED, sheet, row, kind, record_id, code, name, period_key))
                return
            problem = ""
            if stored.review_state == ReviewState.APPROVED:
                problem = LOCKED_MESSAGE
            elif self.ctx.round is not None and stored.round_id not in (None, self.round_id):
                problem = "该条进展属于另一个填报批次,不能在本批次中修改"
            if problem:
                diag(plan, ERROR, block, i, "name", problem)
                plan.rows.append(PreviewRow(
                    REJECTED, sheet, row, kind, record_id, code, name, period_key, changes,
                    (problem,),
                ))
                return
            unit_id = self.in_round.get((kind, record_id))
            status = CHANGED
        unit_id = (
            unit_id
            or plan.unit_id
            or (reg.project_unit.get(record_id) if is_project else reg.task_unit.get(record_id))
        )
        write = PlannedWrite(
                "progress_entry",
                stored.id if stored is not None else None,
                stored.version if stored is not None else None,
                new_values,
                None,  # the row as stored: `add_before_images`
                sheet,
                row,
                {
                    "task_id": None if is_project else record_id,
                    "project_id": record_id if is_project else None,
                    "period": period,
                    "period_key": period_key,
                    "unit_id": unit_id,
                    "round_id": self.round_id,
                    "reported_on": reported_on,
                },
            )
        plan.writes.append(write)
        if stored is not None:
            self.changed.append(write)
        plan.rows.append(PreviewRow(
            status, sheet, row, kind, record_id, code, name, period_key, changes,
            tuple(warnings.values()) if warnings else (),
        ))
