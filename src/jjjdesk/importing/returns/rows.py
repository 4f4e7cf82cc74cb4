"""Plan a return's data rows: match each to a task or project and its period, load what is
stored for them, and hand each row to the comparison (`returns.compare`).

Rows arrive column by column (`RowBlock`). Diagnostics are appended phase by phase, as the
row-at-a-time version did; the plan sorts them by row (stably), so each row's messages keep
their order.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import or_, select
from sqlmodel import Session, col

from jjjdesk.db.bulk import chunks
from jjjdesk.domain.models import ProgressEntry, Project, RoundItem
from jjjdesk.domain.period import Period
from jjjdesk.domain.text import match_key
from jjjdesk.importing.changelog import table
from jjjdesk.importing.read.diagnostics import ERROR, WARNING, Diagnostic, shown
from jjjdesk.importing.read.normalise import text_of
from jjjdesk.importing.read.rows import RowBlock, StagedRow
from jjjdesk.importing.returns.compare import STORED_COLUMNS, RowPlanner, Values, diag
from jjjdesk.importing.returns.context import Registry, ReturnContext, ReturnPlan
from jjjdesk.importing.template_format import parse_key
from jjjdesk.importing.views import REJECTED, PreviewRow
from jjjdesk.services.settings import investment_tolerance


def _cell_diag(
    plan: ReturnPlan, level: str, row: StagedRow, name: str, problem: str, suggestion: str = ""
) -> None:
    plan.diagnostics.append(
        Diagnostic(
            level,
            row.sheet,
            row.row,
            row.columns.get(name, ""),
            name,
            shown(text_of(row.cells.get(name))),
            problem,
            suggestion,
        )
    )


def _resolve(reg: Registry, row: StagedRow, plan: ReturnPlan) -> tuple[str, int] | None:
    key = parse_key(row.cells.get("key")) if row.cells.get("key") not in (None, "") else None
    if key is not None:
        kind, record_id = key
        index = reg.projects if kind == "project" else reg.tasks
        if record_id in index.display:
            return kind, record_id
        _cell_diag(
            plan, ERROR, row, "key", "行标识对应的事项已不在台账中(可能已删除)", "请联系协同办核实"
        )
        return None
    code, name = row.text("code"), row.text("name")
    for index, kind in ((reg.projects, "project"), (reg.tasks, "task")):
        found = index.by_key_code(code)
        if found is not None:
            return kind, found
    if name:
        for index, kind in ((reg.projects, "project"), (reg.tasks, "task")):
            named_code = index.by_key_code(name)
            if named_code is not None and index.find(name)[0] is None:
                return kind, named_code  # a code in the name column
        for index, kind in ((reg.projects, "project"), (reg.tasks, "task")):
            found, how = index.find(name)
            if how == "ambiguous":
                _cell_diag(
                    plan,
                    ERROR,
                    row,
                    "name",
                    f"台账中有多个同名{index.what}“{name}”",
                    "请填写编号以区分",
                )
                return None
            if found is not None:
                return kind, found
    suggestions = reg.projects.suggest(name or code) + reg.tasks.suggest(name or code)
    where = "name" if name else "code"
    if not name and not code:
        _cell_diag(plan, ERROR, row, "name", "未填写项目/任务名称或编号", "请补充名称或编号")
        return None
    _cell_diag(
        plan,
        ERROR,
        row,
        where,
        f"台账中没有“{name or code}”,不会自动新增",
        ("是否为:" + "、".join(suggestions[:3]))
        if suggestions
        else "请核对名称,或先在台账中新增该事项",
    )
    return None


class _Periods:
    """Each distinct text of a period column read once: (period or None, why not)."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[Period | None, str]] = {}
        self.keys: dict[int, str] = {}

    def parse(self, text: str) -> tuple[Period | None, str]:
        hit = self.seen.get(text)
        if hit is None:
            try:
                hit = (Period.parse(text), "")
            except ValueError as exc:
                hit = (None, str(exc))
            self.seen[text] = hit
        return hit

    def key(self, period: Period) -> str:
        """`period.key`, once per period object (a return has one or a few)."""
        key = self.keys.get(id(period))
        if key is None:
            key = self.keys[id(period)] = period.key
        return key


def plan_rows(
    session: Session, reg: Registry, blocks: list[RowBlock], ctx: ReturnContext, plan: ReturnPlan
) -> None:
    periods = _Periods()
    resolved = _resolve_all(reg, blocks, plan, periods)
    # Load what is stored for these subjects and periods, in a few queries.
    existing = _existing(session, {ident for _, _, ident, _ in resolved})
    previous = _previous_cumulative(session, resolved)
    in_round = _round_items(session, ctx.round) if ctx.round else None
    values_of = {id(b): Values(b) for b in blocks}
    # Rows about the same subject and period: the same values are imported once, different
    # ones not at all. A row's values become a dict only when they are compared.
    first_row: dict[tuple[str, int, str], int] = {}  # ident → its first row (in `resolved`)
    duplicates: set[tuple[str, int, str]] = set()
    skipped: set[int] = set()  # rows that repeat an earlier one exactly
    bad: set[int] = set()  # rows with a cell that cannot be read
    repeats = len({ident for _, _, ident, _ in resolved}) < len(resolved)
    # The usual return has neither: nothing to compare or note row by row.
    to_check = resolved if repeats or any(v.bad for v in values_of.values()) else []
    for k, (block, i, ident, _) in enumerate(to_check):
        read = values_of[id(block)]
        if i in read.bad and read.row(plan, block, i) is None:
            bad.add(k)
        if not repeats:
            continue
        first = first_row.setdefault(ident, k)
        if first == k:
            continue
        earlier_block, earlier_i = resolved[first][:2]
        earlier_row = earlier_block.rows[earlier_i]
        if (
            k not in bad
            and first not in bad
            and read.row(plan, block, i)
            == values_of[id(earlier_block)].row(plan, earlier_block, earlier_i)
        ):
            diag(
                plan,
                WARNING,
                block,
                i,
                "name",
                f"与第{earlier_row}行重复(同一事项、同一期次、内容相同),只导入一次",
            )
            plan.rows.append(
                PreviewRow(
                    REJECTED,
                    block.sheet,
                    block.rows[i],
                    ident[0],
                    ident[1],
                    _text(block, i, "code"),
                    _text(block, i, "name"),
                    ident[2],
                    messages=(f"与第{earlier_row}行重复",),
                )
            )
            skipped.add(k)
            continue
        duplicates.add(ident)
        diag(
            plan,
            ERROR,
            block,
            i,
            "name",
            f"与第{earlier_row}行是同一事项、同一期次,但内容不同",
            "请删除其中一行后重新导入",
        )
    planner = RowPlanner(plan, reg, ctx, in_round, previous, existing,
                         investment_tolerance(session))
    projects, tasks = reg.projects.display, reg.tasks.display
    for k, (block, i, ident, period) in enumerate(resolved):
        if k in skipped:
            continue
        kind, record_id, period_key = ident
        code, _, name = (projects if kind == "project" else tasks)[record_id].partition(" ")
        if k in bad or ident in duplicates:
            if ident in duplicates and first_row[ident] == k:
                diag(
                    plan,
                    ERROR,
                    block,
                    i,
                    "name",
                    "同一事项、同一期次在文件中出现多次且内容不同",
                    "请删除多余的行后重新导入",
                )
            plan.rows.append(
                PreviewRow(
                    REJECTED, block.sheet, block.rows[i], kind, record_id, code, name, period_key
                )
            )
            continue
        if in_round is not None and (kind, record_id) not in in_round:
            assert ctx.round is not None  # in_round is the round's items
            diag(
                plan,
                ERROR,
                block,
                i,
                "name",
                f"该事项不在填报批次“{ctx.round.name}”的范围内",
                "请核对批次,或先将该事项加入批次",
            )
            plan.rows.append(
                PreviewRow(
                    REJECTED, block.sheet, block.rows[i], kind, record_id, code, name, period_key
                )
            )
            continue
        planner.add(block, values_of[id(block)], i, kind, record_id, code, name, period, ident)
    planner.add_before_images(session)


def _text(block: RowBlock, i: int, name: str) -> str:
    cells = block.cells.get(name)
    return text_of(cells[i]) if cells is not None else ""


def _resolve_all(
    reg: Registry, blocks: list[RowBlock], plan: ReturnPlan, periods: _Periods
) -> list[tuple[RowBlock, int, tuple[str, int, str], Period]]:
    """Each row's subject and period, as (block, index, (kind, id, period key), period); rows
    without one are rejected here."""
    resolved = []
    by_code = reg.projects.by_code
    for block in blocks:
        keys, codes = block.cells.get("key"), code_keys(block)
        period_cells = block.cells.get("period") if block.columns.get("period") else None
        units = block.cells.get("unit")
        for i in range(len(block.rows)):
            found = None
            if keys is None or keys[i] is None or keys[i] == "":
                # The usual row: a project's code (`_resolve` tries it first, too).
                code = codes[i]
                found = by_code.get(code) if code is not None else None
            ref = ("project", found) if found is not None else _resolve(reg, block.staged(i), plan)
            period = plan.period
            text = text_of(period_cells[i]) if period_cells is not None else ""
            if text:
                row_period, why = periods.parse(text)
                if row_period is None:
                    diag(plan, ERROR, block, i, "period", why, "如 2024年3月、2024年第一季度")
                if row_period is not None and plan.period is not None and row_period != plan.period:
                    diag(
                        plan,
                        ERROR,
                        block,
                        i,
                        "period",
                        f"期次“{row_period.label}”与本次导入的期次“{plan.period.label}”不一致",
                    )
                    row_period = None
                period = row_period
            if ref is None or period is None:
                plan.rows.append(
                    PreviewRow(
                        REJECTED,
                        block.sheet,
                        block.rows[i],
                        "",
                        None,
                        _text(block, i, "code"),
                        _text(block, i, "name"),
                        periods.key(period) if period else "",
                        messages=("未能对应到台账中的事项",) if ref is None else ("期次无法确定",),
                    )
                )
                continue
            if units is not None and not _known_unit(reg, block, i, plan):
                plan.rows.append(PreviewRow(
                    REJECTED, block.sheet, block.rows[i], ref[0], ref[1], _text(block, i, "code"),
                    _text(block, i, "name"), periods.key(period),
                    messages=("填报单位不在台账中,未导入",)))
                continue
            resolved.append((block, i, (ref[0], ref[1], periods.key(period)), period))
    return resolved


def code_keys(block: RowBlock) -> list[str | None]:
    """Each row's code as the registry index keys it (None when the cell is empty)."""
    keys = block.memo.get("code_keys")
    if keys is None:
        keys = block.memo["code_keys"] = code_keys_of(
            block.cells.get("code") or [None] * len(block.rows))
    return keys


def code_keys_of(cells: list[object]) -> list[str | None]:
    """`match_key(text_of(cell))` of each cell, None for an empty one."""
    texts = [c for c in cells if c is not None]
    if all(type(c) is str for c in texts) and _printable_ascii("".join(cast("list[str]", texts))):
        # What the two calls give a printable ASCII text, without them for each row: its
        # lower case without spaces.
        strings = cast("list[str | None]", cells)  # as just checked
        return [c.lower().replace(" ", "") or None if c is not None else None for c in strings]
    return [match_key(t) if t else None for t in map(text_of, cells)]


def _printable_ascii(text: str) -> bool:
    return text.isascii() and text.isprintable()


def _known_unit(reg: Registry, block: RowBlock, i: int, plan: ReturnPlan) -> bool:
    """Whether the row may be stored as far as its 填报单位/责任单位 goes: blank, or in the
    registry. An unknown unit rejects the row, so it is never stored under the registry's unit
    instead; only a column merely guessed to hold units (its header contains 单位, as
    "单位自加的备注列" does) warns instead."""
    text = text_of(block.cells["unit"][i])
    if not text:
        return True
    column = block.layout.column_of("unit")
    certain = column is not None and column.how in ("synonym", "memory", "user")
    memo = block.memo.setdefault("unit", {})
    hint = memo.get(text)
    if hint is None:
        unit_id, _ = reg.units.find(text)
        hint = memo[text] = () if unit_id is not None else (reg.units.suggest(text),)
    if hint:
        diag(
            plan,
            ERROR if certain else WARNING,
            block,
            i,
            "unit",
            f"台账中没有单位“{text}”"
            + (",本行未导入" if certain else "(该列是否为单位列不确定,不影响本行导入)"),
            ("是否为:" + "、".join(hint[0])) if hint[0] else "请核对单位名称或在台账中添加别名",
        )
    return not hint or not certain


def _existing(
    session: Session, idents: set[tuple[str, int, str]]
) -> dict[tuple[str, int, str], Any]:
    out: dict[tuple[str, int, str], Any] = {}
    if not idents:
        return out
    t = table(ProgressEntry)
    columns = [t.c[name] for name in STORED_COLUMNS]
    keys = {p for _, _, p in idents}
    for period_key in keys:
        task_ids = [i for k, i, p in idents if p == period_key and k == "task"]
        project_ids = [i for k, i, p in idents if p == period_key and k == "project"]
        # With its kind, the period is a range of ix_progress_entry_period_kind_key (the key
        # alone scanned a million entries per period of the return).
        stmt = select(*columns).where(t.c.period_kind == str(Period.from_key(period_key).kind),
                                      t.c.period_key == period_key)
        if len(task_ids) + len(project_ids) <= 500:
            conds = []
            if task_ids:
                conds.append(t.c.task_id.in_(task_ids))
            if project_ids:
                conds.append(t.c.project_id.in_(project_ids))
            stmt = stmt.where(or_(*conds))
        for r in session.execute(stmt):
            kind = "task" if r.task_id is not None else "project"
            ident = (kind, r.task_id or r.project_id, period_key)
            if ident in idents:
                out[ident] = r
    return out


def _previous_cumulative(session: Session, resolved
                         ) -> dict[tuple[str, int, str], tuple[float, str]]:
    """Per (project, period of a row): the latest cumulative investment stored for an earlier
    period of the same kind. Keyed by the row's period, so a return of several months (or
    one imported again) compares each month with the one before it, not with its own
    later months.

    One index probe per project and period (a correlated ``ORDER BY period_key DESC LIMIT
    1`` on the project's entries of that kind): reading every earlier entry of the
    projects instead took 7.8 s for a 50,000-row return into 1,000,000 entries."""
    out: dict[tuple[str, int, str], tuple[float, str]] = {}
    wanted: dict[tuple[str, str], set[int]] = {}
    for _, _, (k, pid, key), p in resolved:
        if k == "project":
            wanted.setdefault((p.kind.value, key), set()).add(pid)
    for (kind, key), ids in wanted.items():
        for some in chunks(sorted(ids)):
            for pid, pkey, cum in session.execute(previous_select(kind, key, some)):
                out[("project", pid, key)] = (cum, pkey)
    return out


def previous_select(kind: str, key: str, project_ids: list[int]):
    """(project id, period key, cumulative) of each project's latest entry of `kind` with a
    cumulative investment before period `key`."""
    t, projects = table(ProgressEntry), table(Project)
    latest = (select(t.c.id)
              .where(t.c.project_id == projects.c.id, t.c.period_kind == kind,
                     t.c.period_key < key, t.c.invest_cumulative.is_not(None))
              .order_by(t.c.period_key.desc()).limit(1)
              .correlate(projects).scalar_subquery())
    return (select(projects.c.id, t.c.period_key, t.c.invest_cumulative)
            .select_from(projects).join(t, t.c.id == latest)
            .where(projects.c.id.in_(project_ids)))


def _round_items(session: Session, rnd) -> dict[tuple[str, int], int]:
    out = {}
    for task_id, project_id, unit_id in session.execute(
        select(col(RoundItem.task_id), col(RoundItem.project_id), col(RoundItem.unit_id)).where(
            col(RoundItem.round_id) == rnd.id
        )
    ):
        out[("task", task_id) if task_id else ("project", project_id)] = unit_id
    return out
