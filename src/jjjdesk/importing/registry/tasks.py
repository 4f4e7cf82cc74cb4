"""Key tasks from an office's ledger sheet, planned for the registry import: numbers and
sub-tasks (3.2, (1), a cell of measures), each task's category (a column, or the heading row
above it), matched to the registry's tasks by number or title. The plan and categories are in
`registry.categories`, units and the window in `registry.task_fields`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import Session, col

from jjjdesk.domain.inputs import TaskInput
from jjjdesk.domain.models import KeyTask
from jjjdesk.domain.text import match_key
from jjjdesk.importing.read.diagnostics import INFO, WARNING
from jjjdesk.importing.read.layout import SheetLayout
from jjjdesk.importing.read.normalise import CellProblem
from jjjdesk.importing.read.rows import StagedRow
from jjjdesk.importing.read.workbook import RawSheet
from jjjdesk.importing.registry.categories import PlanCategories
from jjjdesk.importing.registry.cells import heading_of, split_items, task_number
from jjjdesk.importing.registry.pending import Pending, Ref
from jjjdesk.importing.registry.task_fields import fill_task_fields

if TYPE_CHECKING:
    from jjjdesk.importing.registry.planner import RowPlanner


@dataclass
class _Row:
    row: StagedRow
    layout: SheetLayout
    category: Ref | None  # from the heading above it
    parent: int | None  # parent number written in the row (3.2)
    number: int | None
    under: _Row | None = None  # "(1)" rows: the task row above


@dataclass
class _Done:
    ref: Ref
    number: int
    category: Ref | None


_UNSET: Any = object()


class TaskSheets:
    """Plans the task rows of every task sheet of one file (tasks first, then sub-tasks)."""

    def __init__(self, planner: RowPlanner):
        self.p = planner
        self.session: Session = planner.session
        self.cats = PlanCategories(planner, self._load)
        self.top: dict[int, KeyTask] = {}
        self.subs: dict[tuple[int, int], KeyTask] = {}
        self.titles: dict[str, list[KeyTask]] = {}
        self.file_numbers: set[int] = set()
        self.by_code: dict[str, _Done] = {}
        self.by_title: dict[str, Ref] = {}
        self.done: dict[tuple[str, int], _Done] = {}

    # ------------------------------------------------------------------ plan and categories

    def plan_ref(self, sheet: str, title_lines: list[str]) -> Ref | None:
        """The plan new tasks and indicators belong to (see `PlanCategories.plan_ref`)."""
        return self.cats.plan_ref(sheet, title_lines)

    def category_label(self, ref: Ref) -> str:
        return self.cats.category_label(ref)

    def _load(self, plan_id: int) -> None:
        """The stored plan's tasks, once the plan is chosen."""
        tasks = list(
            self.session.execute(select(KeyTask).where(col(KeyTask.plan_id) == plan_id)).scalars()
        )
        numbers = {t.id: t.number for t in tasks}
        for t in tasks:
            if t.parent_id is None:
                self.top[t.number] = t
                self.titles.setdefault(match_key(t.title), []).append(t)
            elif t.parent_id in numbers:
                self.subs[(t.parent_id, t.number)] = t

    # ------------------------------------------------------------------ sheets

    def sheet(self, sheet: RawSheet, layout: SheetLayout, rows: list[StagedRow]) -> None:
        if not rows:
            return
        plan = self.plan_ref(sheet.name, layout.title_lines)
        category: Ref | None = None
        prev = layout.first_data_row
        staged: list[_Row] = []
        last_top: _Row | None = None
        for row in rows:
            for r in range(prev, row.row - 1):  # rows the reader skipped: headings?
                heading = heading_of(sheet.rows[r], "", "")
                if heading is not None and plan is not None:
                    category = self.cats.heading(sheet.name, r + 1, heading, category)
            prev = row.row
            number_field = "code" if row.text("code") else "seq"
            heading = heading_of(sheet.rows[row.row - 1], row.text(number_field), row.text("name"))
            if heading is not None:
                if plan is not None:
                    category = self.cats.heading(sheet.name, row.row, heading, category)
                continue
            try:
                parent, number, under = task_number(row.cells.get(number_field))
            except CellProblem as exc:
                self.p.diag(row, number_field, exc.message, exc.suggestion)
                self.p.reject(row, "task", row.text("name"), "任务序号无法识别")
                continue
            item = _Row(row, layout, category, parent, number)
            if under:
                if last_top is None:
                    self.p.diag(
                        row,
                        number_field,
                        "分解任务前没有所属的任务行",
                        "请把分解任务放在所属任务的下面,或写成 3.2 的形式",
                    )
                    self.p.reject(row, "task", row.text("name"), "没有所属的任务")
                    continue
                item.under = last_top
            elif parent is None:
                last_top = item
                if number is not None:
                    self.file_numbers.add(number)
            staged.append(item)
        # The reader's note on a heading row it skipped is replaced by what the row became.
        self.p.diagnostics[:] = [
            d
            for d in self.p.diagnostics
            if not (d.problem == "分组标题行,已跳过" and (d.sheet, d.row) in self.cats.heading_rows)
        ]
        for item in staged:
            if item.parent is None and item.under is None:
                self._top(item)
        for item in staged:
            if item.parent is not None or item.under is not None:
                self._sub_row(item)

    # ------------------------------------------------------------------ rows

    def _next_number(self) -> int:
        n = max([*self.top, *self.file_numbers], default=0) + 1
        self.file_numbers.add(n)
        return n

    def _top(self, item: _Row) -> None:
        row, p = item.row, self.p
        title = row.text("name")
        number_field = "code" if row.text("code") else "seq"
        if not title:
            p.diag(row, "name", "未填写任务名称")
            p.reject(row, "task", "", "未填写任务名称")
            return
        if self.cats.plan is None:
            p.reject(row, "task", title, "没有可归属的方案")
            return
        stored: KeyTask | None = None
        if item.number is not None:
            key = str(item.number)
            stored = self.top.get(item.number)
            same = [t for t in self.titles.get(match_key(title), []) if t is not stored]
            if stored is None and same:
                p.diag(
                    row,
                    number_field,
                    f"台账中已有同名任务(序号 {same[0].number}),"
                    f"本行按序号 {item.number} 作为新任务",
                    "如为同一任务,请改用台账中的序号",
                    level=WARNING,
                )
        else:
            same = self.titles.get(match_key(title), [])
            if len(same) > 1:
                p.diag(row, "name", f"台账中有多个同名任务“{title}”", "请填写任务序号以区分")
                p.reject(row, "task", title, "同名任务无法区分")
                return
            stored = same[0] if same else None
            key = str(stored.number) if stored else "t:" + match_key(title)
        if p._duplicate(row, "task", key, number_field if item.number else "name"):
            return
        values: dict[str, Any] = {"title": title}
        if item.number is not None:
            values["number"] = item.number
        elif stored is None:
            values["number"] = self._next_number()
        if stored is None:
            values["plan_id"] = self.cats.plan
        category = self._category(item, stored)
        ok = category is not _UNSET
        if ok and category is not None:
            values["category_id"] = category
        ok &= fill_task_fields(p, row, values)
        if not ok:
            p.reject(row, "task", title, "有单元格需要修改")
            return
        number = values.get("number", stored.number if stored else 0)
        code = str(number)
        if not p._plan(
            row, "task", KeyTask, stored.id if stored else None, values, TaskInput, title, code
        ):
            return
        ref = stored.id if stored else Pending("task", key, f"{code} {title}")
        done = _Done(ref, number, values.get("category_id", stored.category_id if stored else None))
        self.done[(row.sheet, row.row)] = done
        self.by_code[code] = done
        self.by_title.setdefault(match_key(title), ref)
        if "subtasks" in row.columns and row.text("subtasks"):
            listed = set()
            for n, text in split_items(row.cells["subtasks"]):
                listed.add(n)
                self._sub(row, done, n, text, from_cell=True)
            if stored is not None:
                for (pid, n), t in sorted(self.subs.items()):
                    if pid == stored.id and n not in listed:
                        p.diag(
                            row,
                            "subtasks",
                            f"台账中还有分解任务 {code}.{n}“{t.title}”,表中未列出,保留不变",
                            level=INFO,
                        )

    def _category(self, item: _Row, stored: KeyTask | None) -> Ref | None:
        """The task's category ref, None to keep the stored one, _UNSET when it is unknown."""
        row = item.row
        if "category" in row.columns and row.text("category"):
            ref = self.cats.category_ref(row, row.text("category"), "category")
            return _UNSET if ref is None else ref
        if item.category is not None:
            return item.category
        if stored is not None:
            return None
        if len(self.cats.cat_by_number) == 1:
            return next(iter(self.cats.cat_by_number.values()))[0]
        self.p.diag(
            row,
            "category",
            "未能确定任务的所属类别",
            "请填写“所属类别”列,或在任务前加类别标题行,如“一、交通一体化”",
        )
        return _UNSET

    def _sub_row(self, item: _Row) -> None:
        row = item.row
        if item.under is not None:
            # By the number of the row above when it has one: a rejected repeat of task 4 still
            # names task 4.
            above = item.under
            parent = (
                self.by_code.get(str(above.number))
                if above.number is not None
                else self.done.get((above.row.sheet, above.row.row))
            )
        else:
            parent = self.by_code.get(str(item.parent))
            if parent is None and item.parent in self.top:
                t = self.top[item.parent]
                parent = _Done(t.id, t.number, t.category_id)
        if parent is None:
            number_field = "code" if row.text("code") else "seq"
            self.p.diag(
                row,
                number_field,
                f"没有序号为 {item.parent} 的任务(或该任务未能导入)",
                "请先列出所属任务",
            )
            self.p.reject(row, "task", row.text("name"), "所属任务未导入")
            return
        assert item.number is not None  # task_number numbers every "3.2" and "(2)" row
        self._sub(row, parent, item.number, row.text("name"), from_cell=False)

    def _sub(
        self, row: StagedRow, parent: _Done, number: int, title: str, *, from_cell: bool
    ) -> None:
        p = self.p
        code = f"{parent.number}.{number}"
        field = "subtasks" if from_cell else ("code" if row.text("code") else "seq")
        if not title:
            p.diag(row, "name", "未填写任务名称")
            p.reject(row, "task", "", "未填写任务名称")
            return
        if p._duplicate(row, "task", code, field):
            return
        stored = self.subs.get((parent.ref, number)) if isinstance(parent.ref, int) else None
        values: dict[str, Any] = {"title": title, "number": number}
        if stored is None:
            values |= {
                "plan_id": self.cats.plan,
                "parent_id": parent.ref,
                "category_id": parent.category,
            }
        if not from_cell and not fill_task_fields(p, row, values):
            p.reject(row, "task", title, "有单元格需要修改")
            return
        if p._plan(
            row, "task", KeyTask, stored.id if stored else None, values, TaskInput, title, code
        ):
            ref = stored.id if stored else Pending("task", code, f"{code} {title}")
            self.by_code[code] = _Done(ref, number, parent.category)
            self.by_title.setdefault(match_key(title), ref)

    # ------------------------------------------------------------------ lookups

    def find(self, text: str) -> Ref | None:
        """A task a project or indicator row names (所属任务): its number in the file or the
        registry (3, 3.2), else its title."""
        try:
            parent, number, _ = task_number(text)
        except CellProblem:
            parent = number = None
        if number is not None:
            code = f"{parent}.{number}" if parent is not None else str(number)
            if code in self.by_code:
                return self.by_code[code].ref
            found = self.p.reg.tasks.by_key_code(code)
            if found is not None:
                return found
        if match_key(text) in self.by_title:
            return self.by_title[match_key(text)]
        return self.p.reg.tasks.find(text)[0]
