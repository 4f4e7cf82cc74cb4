"""Unit templates (填报模板) for a round: one workbook per unit that comes back to its rows.

Each workbook has the 填报表 (prefilled items, hidden key column, locked key columns,
highlighted input cells with dropdowns and range checks), a 填报说明 sheet, and a very
hidden metadata sheet naming the round, the unit, the template version and a checksum of
the keys, so an importer can tell exactly which rows a returned file belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from jjjdesk.domain.entry_rules import ENTRY_FIELDS
from jjjdesk.domain.enums import Assessment
from jjjdesk.domain.models import (
    KeyTask,
    ProgressEntry,
    Project,
    ReportingRound,
    RoundItem,
    RoundUnit,
    Unit,
)
from jjjdesk.domain.period import Period, chinese_date
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.excel.ledger import new_workbook
from jjjdesk.excel.safety import looks_like_formula, safe_filename
from jjjdesk.excel.sheet import row_height
from jjjdesk.excel.styles import FONT, INPUT_FILL
from jjjdesk.files import atomic_path
from jjjdesk.importing.template_format import META_SHEET, meta_rows
from jjjdesk.progress import CancelFlag, ProgressFn, Ticker
from jjjdesk.services.coop_parts import PartView, round_parts

DATA_SHEET = "填报表"
HELP_SHEET = "填报说明"
COOP_SHEET = "配合事项"
KEY_HEADER = "_key"
HEADER_ROW = 2  # zero-based row of the column headers; items start below it

#: (header, field, kind, width, is_input). Input headers are the entry rules' own labels,
#: so the importer and the entry form speak the same words.
TEMPLATE_COLUMNS: tuple[tuple[str, str, str, float, bool], ...] = (
    (KEY_HEADER, "key", "text", 4, False),
    ("序号", "no", "int", 5, False),
    ("类型", "kind", "center", 8, False),
    ("编号", "code", "center", 13, False),
    ("名称", "name", "wrap", 28, False),
    ("计划完成时间", "end", "date", 12, False),
    ("上期完成进度(%)", "prev_completion", "number", 9, False),
    ("上期累计完成投资(亿元)", "prev_cumulative", "money", 11, False),
    (ENTRY_FIELDS["assessment"], "assessment", "center", 10, True),
    (ENTRY_FIELDS["completion_pct"], "completion_pct", "number", 9, True),
    (ENTRY_FIELDS["invest_period"], "invest_period", "money", 11, True),
    (ENTRY_FIELDS["invest_cumulative"], "invest_cumulative", "money", 11, True),
    (ENTRY_FIELDS["progress"], "progress", "wrap", 36, True),
    (ENTRY_FIELDS["problems"], "problems", "wrap", 24, True),
    (ENTRY_FIELDS["next_steps"], "next_steps", "wrap", 24, True),
    (ENTRY_FIELDS["coordination"], "coordination", "wrap", 22, True),
    (ENTRY_FIELDS["cumulative_reason"], "cumulative_reason", "wrap", 18, True),
)
_INVEST = {"invest_period", "invest_cumulative", "cumulative_reason"}

#: The 配合事项 sheet: items where the unit is 配合 or 共同牵头, the lead's entry beside its part.
COOP_COLUMNS: tuple[tuple[str, str, str, float, bool], ...] = (
    (KEY_HEADER, "key", "text", 4, False),
    ("序号", "no", "int", 5, False),
    ("角色", "role", "center", 9, False),
    ("类型", "kind", "center", 8, False),
    ("编号", "code", "center", 13, False),
    ("名称", "name", "wrap", 28, False),
    ("牵头单位", "lead_unit", "wrap", 14, False),
    ("牵头单位本期进展", "lead_progress", "wrap", 36, False),
    ("本单位配合进展", "progress", "wrap", 40, True),
    ("本单位完成进度(%)", "completion_pct", "number", 10, True),
)


@dataclass(frozen=True)
class TemplateItem:
    ref: SubjectRef
    code: str
    name: str
    end: date | None
    prev_completion: float | None
    prev_cumulative: float | None
    current: dict[str, Any]  # this period's entry values, if one exists

    @property
    def key(self) -> str:
        return f"{self.ref.kind}:{self.ref.id}"


def template_file_name(round_name: str, unit_name: str) -> str:
    """"2024年3月月报_市发展改革委.xlsx"."""
    return safe_filename(f"{round_name}_{unit_name}.xlsx")


def _entries(session: Session, refs: list[SubjectRef], period_key: str) -> dict:
    found: dict[SubjectRef, ProgressEntry] = {}
    for kind, column in (("task", ProgressEntry.task_id), ("project", ProgressEntry.project_id)):
        ids = [r.id for r in refs if r.kind == kind]
        if ids:
            for e in session.exec(select(ProgressEntry).where(
                    col(column).in_(ids), ProgressEntry.period_key == period_key)):
                found[SubjectRef.of(e)] = e
    return found


def unit_items(session: Session, rnd: ReportingRound, unit_id: int) -> list[TemplateItem]:
    """The unit's items in the round, with last period's figures and this period's entry."""
    items = list(session.exec(select(RoundItem).where(
        RoundItem.round_id == rnd.id, RoundItem.unit_id == unit_id,
    ).order_by(RoundItem.sort_order, RoundItem.id)))
    refs = [SubjectRef.of(i) for i in items]
    period = Period.from_key(rnd.period_key)
    current = _entries(session, refs, period.key)
    previous = _entries(session, refs, period.previous().key)
    task_ids = [r.id for r in refs if r.kind == "task"]
    tasks = {t.id: t for t in session.exec(select(KeyTask).where(col(KeyTask.id).in_(task_ids)))}
    parents = {t.id: t for t in session.exec(select(KeyTask).where(
        col(KeyTask.id).in_({t.parent_id for t in tasks.values() if t.parent_id})))}
    project_ids = [r.id for r in refs if r.kind == "project"]
    projects = {p.id: p for p in session.exec(
        select(Project).where(col(Project.id).in_(project_ids)))}
    out = []
    for ref in refs:
        if ref.kind == "task":
            t = tasks[ref.id]
            parent = parents.get(t.parent_id)
            code = f"{parent.number}.{t.number}" if parent else str(t.number)
            name, end = t.title, t.due_date
        else:
            p = projects[ref.id]
            code, name, end = p.code, p.name, p.planned_completion
        prev, cur = previous.get(ref), current.get(ref)
        values = {} if cur is None else {
            f: getattr(cur, f) for f in ENTRY_FIELDS if getattr(cur, f) not in (None, "")}
        if "assessment" in values:
            values["assessment"] = Assessment(values["assessment"]).label
        out.append(TemplateItem(
            ref, code, name, end, None if prev is None else prev.completion_pct,
            None if prev is None else prev.invest_cumulative, values))
    return out


HELP_LINES = (
    "一、本表由协同办统一下发,请在黄色单元格中填写本期进展,白色和灰色单元格请勿修改。",
    "二、“推进情况”请从下拉列表中选择:正常推进、滞后、已完成、未启动。",
    "三、“完成进度(%)”填写0到100之间的数字,如完成35%填写35。",
    "四、投资额单位为亿元,保留两位小数;重点任务不填投资额。"
    "累计完成投资低于上期累计时,须在“累计投资调整原因”中说明。",
    "五、推进情况为“滞后”的,须填写“存在问题”和“下步计划”;需要市级层面协调解决的事项"
    "请填入“需协调事项”,多项请分行填写。",
    "六、请勿增删行、列,请勿修改工作表名称;本表隐藏的编号列和信息页用于自动导入。",
    "七、请在截止日期前将本表报送协同办,文件名请保持不变。",
)


def write_unit_template(path: Path | str, *, rnd: ReportingRound, unit: Unit,
                        items: Sequence[TemplateItem], generated: datetime,
                        parts: Sequence[PartView] = ()) -> Path:
    """Write one unit's template; returns the path. Small enough for in-memory mode.

    `parts`: the items the unit reports a part of (配合 / 共同牵头), on their own sheet."""
    path = Path(path)
    period = Period.from_key(rnd.period_key)
    with atomic_path(path) as tmp:
        wb = new_workbook(tmp, constant_memory=False)
        try:
            _data_sheet(wb, rnd, unit, period, items)
            if parts:
                _coop_sheet(wb, rnd, unit, parts)
            _help_sheet(wb, rnd, unit, period, bool(parts))
            _meta_sheet(wb, rnd, unit, period, items, generated)
        finally:
            wb.close()
    return path


def _header_row(wb, ws, columns) -> tuple[int, list[tuple[int, int]]]:
    """The columns' header (input columns yellow) and widths, the key column hidden; returns
    the first data row and the wrapping columns with their widths in characters."""
    header = _fmt(wb, bold=True, align="center", text_wrap=True, bg_color="#D9E1F2", pattern=1)
    input_header = _fmt(wb, bold=True, align="center", text_wrap=True, bg_color="#FFE699",
                        pattern=1)
    ws.set_row(HEADER_ROW, 32)
    for c, (title, _field, _kind, width, is_input) in enumerate(columns):
        ws.write_string(HEADER_ROW, c, title, input_header if is_input else header)
        ws.set_column(c, c, width, None, {"hidden": c == 0})
    wrap_cols = [(c, int(w - 1)) for c, (_t, _f, k, w, _i) in enumerate(columns)
                 if k in ("wrap", "center")]
    return HEADER_ROW + 1, wrap_cols


def _fmt(wb, **props):
    return wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter",
                          **props})


def _data_sheet(wb, rnd: ReportingRound, unit: Unit, period: Period,
                items: Sequence[TemplateItem]) -> None:
    ws = wb.add_worksheet(DATA_SHEET)
    ncols = len(TEMPLATE_COLUMNS)
    kinds = {
        "text": {}, "int": {"align": "center"}, "center": {"align": "center", "text_wrap": True},
        "wrap": {"text_wrap": True}, "date": {"align": "center", "num_format": "yyyy-mm-dd"},
        "number": {"num_format": "0.0"}, "money": {"num_format": "0.00"},
    }
    locked = {k: _fmt(wb, **v) for k, v in kinds.items()}
    quoted = {k: _fmt(wb, quote_prefix=True, **v) for k, v in kinds.items()}
    inputs = {k: _fmt(wb, locked=False, bg_color=INPUT_FILL, pattern=1, **v)
              for k, v in kinds.items()}
    inputs_quoted = {k: _fmt(wb, locked=False, bg_color=INPUT_FILL, pattern=1,
                             quote_prefix=True, **v) for k, v in kinds.items()}
    not_applicable = _fmt(wb, bg_color="#D9D9D9", pattern=1, align="center")
    ws.merge_range(0, 1, 0, ncols - 1, f"{rnd.name}填报表({unit.name})",
                   wb.add_format({"font_name": "黑体", "font_size": 14, "bold": True,
                                  "align": "center", "valign": "vcenter"}))
    ws.set_row(0, 28)
    ws.merge_range(1, 1, 1, ncols - 1,
                   f"填报单位:{unit.name}　　报告期:{period.label}　　"
                   f"截止日期:{chinese_date(rnd.deadline)}",
                   wb.add_format({"font_name": FONT, "font_size": 10}))
    first, wrap_cols = _header_row(wb, ws, TEMPLATE_COLUMNS)
    for n, item in enumerate(items):
        r = first + n
        row = {"key": item.key, "no": n + 1, "kind": item.ref.kind_label, "code": item.code,
               "name": item.name, "end": item.end, "prev_completion": item.prev_completion,
               "prev_cumulative": item.prev_cumulative, **item.current}
        height = row_height([row.get(f) for _t, f, _k, _w, _i in TEMPLATE_COLUMNS], wrap_cols)
        ws.set_row(r, max(30.0, height or 0.0))  # room to type in
        for c, (_title, field, kind, _width, is_input) in enumerate(TEMPLATE_COLUMNS):
            value = row.get(field)
            if is_input and item.ref.kind == "task" and field in _INVEST:
                ws.write_string(r, c, "—", not_applicable)
                continue
            fmt, fmt_q = (inputs[kind], inputs_quoted[kind]) if is_input else (
                locked[kind], quoted[kind])
            if value is None or value == "":
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, str):
                ws.write_string(r, c, value, fmt_q if looks_like_formula(value) else fmt)
            elif isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt)
            else:
                ws.write_number(r, c, value, fmt)
    last = first + max(len(items), 1) - 1
    col_of = {f: i for i, (_t, f, _k, _w, _in) in enumerate(TEMPLATE_COLUMNS)}
    ws.data_validation(first, col_of["assessment"], last, col_of["assessment"], {
        "validate": "list", "source": [a.label for a in Assessment],
        "error_title": "推进情况", "error_message": "请从下拉列表中选择推进情况。",
        "input_title": "推进情况", "input_message": "请从下拉列表中选择",
    })
    ws.data_validation(first, col_of["completion_pct"], last, col_of["completion_pct"], {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        "error_title": "完成进度", "error_message": "完成进度请填写0到100之间的数字。",
    })
    for field in ("invest_period", "invest_cumulative"):
        ws.data_validation(first, col_of[field], last, col_of[field], {
            "validate": "decimal", "criteria": ">=", "value": 0,
            "error_title": "投资额", "error_message": "投资额请填写不小于0的数字(亿元)。",
        })
    ws.freeze_panes(first, col_of["name"] + 1)
    ws.repeat_rows(HEADER_ROW)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C第 &P 页 共 &N 页")
    # Tamper resistance, not security (no password): keys and reference columns stay put.
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})
    ws.activate()


def _coop_sheet(wb, rnd: ReportingRound, unit: Unit, parts: Sequence[PartView]) -> None:
    ws = wb.add_worksheet(COOP_SHEET)
    ncols = len(COOP_COLUMNS)
    kinds = {"text": {}, "int": {"align": "center"},
             "center": {"align": "center", "text_wrap": True}, "wrap": {"text_wrap": True},
             "number": {"num_format": "0.0"}}
    locked = {k: _fmt(wb, **v) for k, v in kinds.items()}
    quoted = {k: _fmt(wb, quote_prefix=True, **v) for k, v in kinds.items()}
    inputs = {k: _fmt(wb, locked=False, bg_color=INPUT_FILL, pattern=1, **v)
              for k, v in kinds.items()}
    inputs_quoted = {k: _fmt(wb, locked=False, bg_color=INPUT_FILL, pattern=1,
                             quote_prefix=True, **v) for k, v in kinds.items()}
    ws.merge_range(0, 1, 0, ncols - 1, f"{rnd.name}配合事项填报表({unit.name})",
                   wb.add_format({"font_name": "黑体", "font_size": 14, "bold": True,
                                  "align": "center", "valign": "vcenter"}))
    ws.set_row(0, 28)
    ws.merge_range(1, 1, 1, ncols - 1,
                   "本单位为以下事项的配合单位(或共同牵头单位):请在黄色单元格中填写本单位承担部分的"
                   "本期进展;牵头单位的进展仅供参考,请勿修改。",
                   wb.add_format({"font_name": FONT, "font_size": 10, "text_wrap": True}))
    ws.set_row(1, 30)
    first, wrap_cols = _header_row(wb, ws, COOP_COLUMNS)
    for n, part in enumerate(parts):
        r = first + n
        row = {"key": f"{part.subject.kind}:{part.subject.id}", "no": n + 1,
               "role": part.role_label, "kind": part.subject.kind_label,
               "code": part.subject_code, "name": part.subject_name,
               "lead_unit": part.lead_unit_name, "lead_progress": part.lead_progress,
               "progress": part.progress, "completion_pct": part.completion_pct}
        height = row_height([row.get(f) for _t, f, _k, _w, _i in COOP_COLUMNS], wrap_cols)
        ws.set_row(r, max(30.0, height or 0.0))
        for c, (_title, field, kind, _width, is_input) in enumerate(COOP_COLUMNS):
            value = row.get(field)
            fmt, fmt_q = (inputs[kind], inputs_quoted[kind]) if is_input else (
                locked[kind], quoted[kind])
            if value is None or value == "":
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, str):
                ws.write_string(r, c, value, fmt_q if looks_like_formula(value) else fmt)
            else:
                ws.write_number(r, c, value, fmt)
    last = first + max(len(parts), 1) - 1
    pct = [f for _t, f, _k, _w, _i in COOP_COLUMNS].index("completion_pct")
    ws.data_validation(first, pct, last, pct, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        "error_title": "完成进度", "error_message": "完成进度请填写0到100之间的数字。",
    })
    ws.freeze_panes(first, 6)
    ws.repeat_rows(HEADER_ROW)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})


COOP_HELP = ("八、本单位为配合单位(或共同牵头单位)的事项列在“配合事项”表中:请在黄色单元格填写"
             "本单位承担部分的本期进展和完成进度;“牵头单位本期进展”由牵头单位填报,仅供参考。")


def _help_sheet(wb, rnd: ReportingRound, unit: Unit, period: Period,
                has_parts: bool = False) -> None:
    ws = wb.add_worksheet(HELP_SHEET)
    ws.set_column(0, 0, 100)
    title = wb.add_format({"font_name": "黑体", "font_size": 14, "bold": True})
    text = wb.add_format({"font_name": FONT, "font_size": 11, "text_wrap": True,
                          "valign": "top"})
    ws.write_string(0, 0, f"{rnd.name}填报说明", title)
    ws.write_string(1, 0, f"填报单位:{unit.name};报告期:{period.label};"
                          f"截止日期:{chinese_date(rnd.deadline)}。", text)
    for i, line in enumerate((*HELP_LINES, *((COOP_HELP,) if has_parts else ())), start=3):
        ws.write_string(i, 0, line, text)
        ws.set_row(i, 32)
    ws.protect("")


def _meta_sheet(wb, rnd: ReportingRound, unit: Unit, period: Period,
                items: Sequence[TemplateItem], generated: datetime) -> None:
    ws = wb.add_worksheet(META_SHEET)
    rows = meta_rows(round_id=rnd.id, round_name=rnd.name, period_key=period.key,
                     unit_id=unit.id, unit_name=unit.name, generated=generated,
                     data_sheet=DATA_SHEET, header_row=HEADER_ROW + 1,
                     keys=[i.key for i in items])
    for r, (k, v) in enumerate(rows):
        ws.write_string(r, 0, k)
        if isinstance(v, int):
            ws.write_number(r, 1, v)
        else:
            ws.write_string(r, 1, v)
    ws.very_hidden()
    ws.protect("")


def export_templates(*, session: Session, round_id: int, folder: Path | str,
                     unit_ids: Sequence[int] | None = None, now: datetime | None = None,
                     progress: ProgressFn | None = None, cancel: CancelFlag | None = None
                     ) -> list[Path]:
    """Write one template per unit of the round (or of `unit_ids`) into `folder`.

    Files are named "<批次名>_<单位名>.xlsx". Each file is written atomically; on cancel the
    files already finished stay (each is complete) and `Cancelled` is raised.
    """
    rnd = session.get(ReportingRound, round_id)
    if rnd is None:
        raise UserFacingError("所选填报批次不存在,可能已被删除。")
    stmt = (select(Unit).join(RoundUnit, RoundUnit.unit_id == Unit.id)
            .where(RoundUnit.round_id == round_id).order_by(Unit.sort_key, Unit.id))
    if unit_ids is not None:
        stmt = stmt.where(col(Unit.id).in_(list(unit_ids)))
    units = list(session.exec(stmt))
    if not units:
        raise UserFacingError(f"填报批次“{rnd.name}”中没有所选单位,未生成模板。")
    folder = Path(folder)
    generated = now or datetime.now().astimezone()
    ticker = Ticker(progress, cancel, len(units))
    written: list[Path] = []
    for unit in units:
        ticker.check()
        items = unit_items(session, rnd, unit.id)
        parts = round_parts(session=session, round_id=round_id, unit_id=unit.id)
        written.append(write_unit_template(folder / template_file_name(rnd.name, unit.name),
                                           rnd=rnd, unit=unit, items=items,
                                           generated=generated, parts=parts))
        ticker.step(1, force=True)
    ticker.finish()
    return written
