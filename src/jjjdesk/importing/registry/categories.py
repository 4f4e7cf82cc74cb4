"""The plan a ledger's key tasks belong to and that plan's categories, for the registry import:
found in the database, or planned as new records from the sheet's title and heading rows (“一、
交通一体化”). Categories are created because nothing else in the app creates them: the ledger
is where an office first writes its plan's sections down."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import Session, col

from jjjdesk.domain.models import Category, Plan
from jjjdesk.domain.numerals import category_label, chinese_numeral
from jjjdesk.domain.text import match_key
from jjjdesk.importing.read.diagnostics import ERROR, INFO, WARNING, Diagnostic, shown
from jjjdesk.importing.read.rows import StagedRow
from jjjdesk.importing.registry.cells import category_parts, plan_in_title
from jjjdesk.importing.registry.pending import Pending, Ref
from jjjdesk.importing.views import NEW, FieldChange, PlannedWrite, PreviewRow

if TYPE_CHECKING:
    from jjjdesk.importing.registry.planner import RowPlanner

_UNSET: Any = object()


class PlanCategories:
    """The plan of one file's task sheets, chosen once, and its categories by number and title."""

    def __init__(self, planner: RowPlanner, on_plan: Callable[[int], None]):
        self.p = planner
        self.session: Session = planner.session
        self.on_plan = on_plan  # loads what else the stored plan holds (its tasks)
        self.plan: Ref | None = _UNSET
        self.cat_by_number: dict[int, tuple[Ref, str]] = {}
        self.cat_by_title: dict[str, Ref] = {}
        self.heading_rows: set[tuple[str, int]] = set()

    def plan_ref(self, sheet: str, title_lines: list[str]) -> Ref | None:
        """The plan new tasks and indicators belong to: the one named in the title rows if it
        exists, else the latest; a plan only the title names is created when there is none."""
        if self.plan is not _UNSET:
            return self.plan
        plans = self.session.execute(
            select(col(Plan.id), col(Plan.name)).order_by(
                col(Plan.start_year).desc(), col(Plan.id).desc()
            )
        ).all()
        named = plan_in_title(title_lines)
        if plans:
            chosen = plans[0]
            if named:
                key = match_key(named[0])
                chosen = next(
                    (p for p in plans if match_key(p.name) in key or key in match_key(p.name)),
                    chosen,
                )
            self.plan = chosen.id
            self._load(chosen.id)
            if len(plans) > 1:
                self.p.diagnostics.append(
                    Diagnostic(
                        INFO, sheet, None, "", "", "", f"新增的任务、指标归入方案“{chosen.name}”"
                    )
                )
        elif named:
            name, start, end = named
            self.plan = Pending("plan", name, name)
            self.p.writes.append(
                PlannedWrite(
                    model="plan",
                    row_id=None,
                    version=None,
                    values={"name": name, "start_year": start, "end_year": end},
                    before=None,
                    sheet=sheet,
                    row=1,
                    extra={"key": name},
                )
            )
            self.p.rows.append(
                PreviewRow(
                    NEW,
                    sheet,
                    1,
                    "plan",
                    None,
                    "",
                    name,
                    "",
                    (
                        FieldChange("name", "方案名称", "", name),
                        FieldChange("years", "起止年份", "", f"{start}—{end}年"),
                    ),
                )
            )
        else:
            self.plan = None
            self.p.diagnostics.append(
                Diagnostic(
                    ERROR,
                    sheet,
                    None,
                    "",
                    "",
                    "",
                    "数据库中还没有方案,任务和指标无法归属",
                    "请在工作表标题中写明方案名称和起止年份,如“××行动方案(2023—2027年)重点任务台账”,"
                    "或先导入演示数据",
                )
            )
        return self.plan

    def _load(self, plan_id: int) -> None:
        for c in self.session.execute(
            select(Category).where(col(Category.plan_id) == plan_id)
        ).scalars():
            self.cat_by_number[c.number] = (c.id, c.title)
            self.cat_by_title.setdefault(match_key(c.title), c.id)
        self.on_plan(plan_id)

    def category_ref(self, row: StagedRow, text: str, field: str) -> Ref | None:
        number, title = category_parts(text)
        if number is not None and number in self.cat_by_number:
            ref, stored = self.cat_by_number[number]
            if title and match_key(title) != match_key(stored):
                self.p.diag(
                    row,
                    field,
                    f"类别({chinese_numeral(number)})在台账中为“{stored}”,"
                    f"表中写作“{title}”,按序号对应",
                    level=WARNING,
                )
            return ref
        if number is None and match_key(title) in self.cat_by_title:
            return self.cat_by_title[match_key(title)]
        if not title:
            # number is None here only for a numeral that does not parse, e.g. "(一二)"
            self.p.diag(
                row,
                field,
                f"台账中没有类别({chinese_numeral(number)})"
                if number is not None
                else f"台账中没有类别“{text}”",
                "请写出类别名称,如“一、交通一体化”",
            )
            return None
        if number is None:
            number = max(self.cat_by_number, default=0) + 1
        if self.plan is None:
            return None
        ref = Pending("category", str(number), category_label(number, title))
        self.cat_by_number[number] = (ref, title)
        self.cat_by_title[match_key(title)] = ref
        self.p.writes.append(
            PlannedWrite(
                model="category",
                row_id=None,
                version=None,
                values={"plan_id": self.plan, "number": number, "title": title},
                before=None,
                sheet=row.sheet,
                row=row.row,
                extra={"key": str(number)},
            )
        )
        self.p.rows.append(
            PreviewRow(
                NEW,
                row.sheet,
                row.row,
                "category",
                None,
                f"({chinese_numeral(number)})",
                title,
                "",
                (
                    FieldChange("number", "类别序号", "", f"({chinese_numeral(number)})"),
                    FieldChange("title", "类别名称", "", title),
                ),
            )
        )
        return ref

    def category_label(self, ref: Ref) -> str:
        if isinstance(ref, Pending):
            return ref.label
        for number, (cid, title) in self.cat_by_number.items():
            if cid == ref:
                return category_label(number, title)
        c = self.session.get(Category, ref) if isinstance(ref, int) else None
        return category_label(c.number, c.title) if c else ""

    def heading(
        self, sheet: str, row_no: int, heading: tuple[int | None, str], current: Ref | None
    ) -> Ref | None:
        """The category a heading row opens (the rows below belong to it), else `current`."""
        number, title = heading
        self.heading_rows.add((sheet, row_no))
        row = StagedRow(sheet, row_no, {"category": title}, {})
        text = category_label(number, title) if number else title
        ref = self.category_ref(row, text, "category")
        self.p.diagnostics.append(
            Diagnostic(INFO, sheet, row_no, "", "", shown(text), "类别标题行:下面的任务归入该类别")
        )
        return ref if ref is not None else current
