"""Plan a return's import: match each row to a task or project, read its cells, check it with
the entry rules the form uses, and compare it with what is stored. Nothing is written here."""

from __future__ import annotations

import re
from operator import attrgetter
from typing import cast

from sqlalchemy import func, or_, select, text
from sqlmodel import Session, col

from jjjdesk.db.bulk import fetch_rows, rows_where_in
from jjjdesk.domain.models import (
    ODD_CODE_SQLITE,
    ImportMapping,
    KeyTask,
    Project,
    RoundItem,
    Unit,
    UnitAlias,
)
from jjjdesk.domain.period import Period
from jjjdesk.domain.text import match_key
from jjjdesk.importing.changelog import table
from jjjdesk.importing.read.chinese_numbers import arabic_reading
from jjjdesk.importing.read.diagnostics import ERROR, INFO, WARNING, Diagnostic, shown
from jjjdesk.importing.read.fields import ENTRY_SHEET, FIELDS
from jjjdesk.importing.read.layout import (
    ColumnMap,
    SheetLayout,
    field_label,
    find_layout,
    spread_merges,
    title_period_text,
    title_unit_text,
)
from jjjdesk.importing.read.match import NameIndex
from jjjdesk.importing.read.normalise import (
    fraction_column,
    fractions_among_percents,
    text_of,
)
from jjjdesk.importing.read.rows import RowBlock, data_block
from jjjdesk.importing.read.workbook import SCALED, RawSheet, RawWorkbook
from jjjdesk.importing.returns.context import Registry, ReturnContext, ReturnPlan
from jjjdesk.importing.returns.evidence import seq_keys
from jjjdesk.importing.returns.parts import COOP_SHEET
from jjjdesk.importing.returns.rows import code_keys, code_keys_of, plan_rows
from jjjdesk.importing.template_format import (
    META_SHEETS,
    TemplateInfo,
    check_keys,
    parse_key,
    template_checksum,
)
from jjjdesk.importing.views import ColumnInfo

NO_ROWS = "文件中没有可导入的数据行"


def _project_columns():
    pt = table(Project)
    return pt, (pt.c.id, pt.c.name, pt.c.code, pt.c.total_investment, pt.c.lead_unit_id,
                pt.c.district_id)


def _add_projects(reg: Registry, rows: list[tuple], *, index: bool) -> None:
    """Records' totals and units; with `index`, their codes and names too (else only how
    they are shown)."""
    ids, names, codes, totals, leads, districts = zip(*rows, strict=True) if rows else ((),) * 6
    if index:
        reg.projects.add_coded(ids, names, codes)
    else:
        reg.projects.display.update({i: f"{c} {n}".strip() if c else n
                                     for i, n, c in zip(ids, names, codes, strict=True)})
    reg.project_total.update(zip(ids, totals, strict=True))
    reg.project_unit.update(
        {i: lead or district for i, lead, district in zip(ids, leads, districts, strict=True)})


def load_registry(session: Session, *, projects: bool = True) -> Registry:
    """The registry; without `projects`, tasks and units only (see `return_registry`)."""
    reg = Registry(NameIndex("项目"), NameIndex("任务"), NameIndex("单位"), {}, {}, {})
    if projects:
        pt, columns = _project_columns()
        _add_projects(reg, fetch_rows(session, select(*columns)), index=True)
    tasks, units, task_unit = reg.tasks, reg.units, reg.task_unit
    rows = session.execute(select(col(KeyTask.id), col(KeyTask.parent_id), col(KeyTask.number),
                                  col(KeyTask.title), col(KeyTask.lead_unit_id))).all()
    numbers = {r[0]: r[2] for r in rows}
    for tid, parent, number, title, lead in rows:
        code = f"{numbers[parent]}.{number}" if parent in numbers else str(number)
        tasks.add(tid, title, code=code)
        task_unit[tid] = lead
    aliases: dict[int, list[str]] = {}
    for uid, alias in session.execute(select(col(UnitAlias.unit_id), col(UnitAlias.alias))):
        aliases.setdefault(uid, []).append(alias)
    for uid, name in session.execute(select(col(Unit.id), col(Unit.name))):
        units.add(uid, name, aliases=aliases.get(uid, ()))
    return reg


_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


def odd_codes_select():
    """The projects whose codes do not key as themselves in lower case, read through their
    partial index: its SQL, literally (with the pattern bound, SQLite scans the table)."""
    return select(*_project_columns()[1]).where(text(ODD_CODE_SQLITE))


def return_registry(session: Session, blocks: list[RowBlock]) -> Registry:
    """`load_registry` for a return: of the projects (tens of thousands), only those whose
    codes or row keys the file gives, unless that is most of them; all of them once a row
    is matched by name.

    A file code finds the project whose code has the same `match_key`, the last in table
    order when several do. The queries below return every project that can: a code of
    printable ASCII without spaces or lower-case letters keys as its lower case, so it is
    the key in upper case; any other code is read anyway (registries write codes in upper
    case). Only SQLite gives the GLOB; elsewhere the whole registry is read."""
    if session.connection().dialect.name != "sqlite":
        return load_registry(session)
    keys: set[str | None] = set()
    ids: set[int] = set()
    for block in blocks:
        keys.update(code_keys(block))
        # A code may stand in the name column; a Chinese name is none (NFKC keeps ideographs).
        names = [c for c in block.cells.get("name", ()) if c and not (
            type(c) is str and _IDEOGRAPH.search(c))]
        keys.update(match_key(t) for t in map(text_of, names) if t)
        for cell in block.cells.get("key", ()):
            key = parse_key(cell) if cell not in (None, "") else None
            if key is not None and key[0] == "project":
                ids.add(key[1])
    keys.discard(None)
    texts = cast("set[str]", keys)  # None discarded
    joined = "\n".join(texts)  # (one upper-case pass when all are ASCII, as codes are)
    codes = (set(joined.upper().split("\n")) if joined.isascii() else
             {key.upper() for key in texts if key.isascii()}) if texts else set()
    pt, columns = _project_columns()
    # A lookup by code costs about twice a project read with all the others.
    if len(codes) + len(ids) > session.execute(
            select(func.count()).select_from(pt)).scalar_one() // 3:
        return load_registry(session)
    found: dict[int, tuple] = {}
    for values, column in ((sorted(codes), pt.c.code), (sorted(ids), pt.c.id)):
        found.update((r[0], r) for r in rows_where_in(session, columns, column.name, values))
    found.update((r[0], r) for r in fetch_rows(session, odd_codes_select()))
    reg = load_registry(session, projects=False)
    rows = [found[i] for i in sorted(found)]  # table order, as `load_registry` reads them
    _add_projects(reg, rows, index=False)
    by_code = cast("dict[str | None, int]", reg.projects.by_code)  # None popped below
    by_code.update(zip(code_keys_of([r[2] for r in rows]), [r[0] for r in rows], strict=True))
    by_code.pop(None, None)  # projects without a code

    def load_all() -> None:
        _add_projects(reg, fetch_rows(session, select(*columns)), index=True)

    reg.projects.on_first_name_lookup(load_all)
    return reg


def remembered_mapping(session: Session, unit_id: int | None) -> dict[str, str]:
    """header_key → field the user confirmed before (this unit's first, then everyone's)."""
    out: dict[str, str] = {}
    rows = session.execute(select(col(ImportMapping.unit_id), col(ImportMapping.header_key),
                                  col(ImportMapping.field)).where(
        or_(col(ImportMapping.unit_id).is_(None), col(ImportMapping.unit_id) == unit_id))).all()
    for _uid, key, name in sorted(rows, key=lambda r: r[0] is not None):
        out[key] = name
    return out


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
    for column in layout.columns:
        if column.index in choice:
            name = choice[column.index] or None
            for other in layout.columns:
                if name and other is not column and other.field == name:
                    other.field, other.how = None, "none"
            column.field, column.how = name, "user" if name else "none"


def plan_return(session: Session, book: RawWorkbook, ctx: ReturnContext) -> ReturnPlan:
    plan = ReturnPlan(unit_id=ctx.unit_id)
    blocks: list[RowBlock] = []
    title_period = ""
    title_unit = ""
    for sheet in book.sheets:
        if ctx.template is not None and sheet.name == COOP_SHEET:
            continue  # the unit's 配合 parts (`returns.parts`), never the lead's entries
        if not sheet.visible and sheet.name not in ctx.mapping:
            # Listed, and skipped unless the coordinator chose it (gave it a column mapping).
            if sheet.name.lower() not in META_SHEETS and any(
                    any(text_of(v) for v in row) for row in sheet.rows[:50]):
                plan.diagnostics.append(Diagnostic(
                    INFO, sheet.name, None, "", "", "", "工作表已隐藏,未导入",
                    "如该表需要导入,请在列对应中选择该工作表"))
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
        for column in layout.columns:
            if column.header and column.field is None:
                plan.diagnostics.append(Diagnostic(
                    INFO, sheet.name, layout.header_rows[-1] + 1, column.letter, "", column.header,
                    "该列未对应到任何字段,未导入", "如需导入,请在列对应中指定"))
        fractions = False
        pct = layout.column_of("completion_pct")
        if pct is not None and sheet.percent_cells:
            plan.diagnostics.extend(_percent_formatted(sheet, layout.first_data_row, pct))
        if sheet.unit_cells:
            plan.diagnostics.extend(_unit_formatted(sheet, layout))
        plan.diagnostics.extend(_chinese_numerals(sheet, layout))
        if pct is not None:
            values = [r[pct.index] for r in sheet.rows[layout.first_data_row:]
                      if pct.index < len(r)]
            fractions = fraction_column(values)
            if not fractions:
                plan.diagnostics.extend(fractions_among_percents(
                    values, sheet.name, layout.first_data_row, pct.letter, pct.header))
            if fractions:
                plan.diagnostics.append(Diagnostic(
                    WARNING, sheet.name, layout.header_rows[-1] + 1, pct.letter,
                    "completion_pct", pct.header,
                    "完成进度列的数值都在0到1之间,已按比例理解(0.6 即 60%)",
                    "如确为不足1%的进度,请写成“0.6%”"))
        block = data_block(sheet, layout, plan.diagnostics, ctx.tick)
        if sheet.computed:
            plan.diagnostics.extend(_computed(sheet, layout, block))
        block.fractions = fractions
        if block.rows:
            blocks.append(block)
    plan.seqs = seq_keys(blocks)  # for the files a folder or zip brings (`returns.evidence`)
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
    reg = return_registry(session, blocks)
    if plan.unit_id is None and title_unit:
        plan.unit_id, _ = reg.units.find(title_unit)
    if not blocks:
        plan.fatal = plan.fatal or NO_ROWS
        return plan
    has_period_column = blocks[0].layout.column_of("period") is not None
    if period is None and not has_period_column:
        plan.fatal = ("无法确定填报期次:标题中没有写明期次(如“2024年3月”),也没有期次列;"
                      "请选择填报批次或指定期次后重试")
        return plan
    if ctx.template is not None:
        _check_template(ctx, ctx.template, blocks, plan)
    if not any(b.layout.column_of("assessment") for b in blocks):
        # The column is NOT NULL (default 正常推进): nothing can be left unset without a
        # migration, so the file is told, once, that the stored value did not come from it.
        plan.diagnostics.append(Diagnostic(
            INFO, blocks[0].sheet, None, "", "assessment", "", NO_ASSESSMENT,
            "新填报按默认“正常推进”保存、已有填报保持原值;如需填写,请增加“推进情况”列"))
    plan_rows(session, reg, blocks, ctx, plan)
    order = {s.name: i for i, s in enumerate(book.sheets)}
    if len(order) == 1:
        plan.rows.sort(key=attrgetter("row"))  # same order, without a tuple per row
    else:
        plan.rows.sort(key=lambda r: (order.get(r.sheet, 0), r.row))
    plan.diagnostics.sort(key=lambda d: (order.get(d.sheet, 0), d.row or 0))
    return plan


def _percent_formatted(sheet: RawSheet, first: int, pct: ColumnMap) -> list[Diagnostic]:
    """A number in a cell formatted as percent is read as it is shown (0.911 → 91.1%): the
    cell becomes the text "91.1%", which every later step reads as a percent, never twice."""
    out = []
    c = pct.index
    for r in range(first, len(sheet.rows)):
        row = sheet.rows[r]
        v = row[c] if c < len(row) else None
        if (r, c) in sheet.percent_cells and isinstance(v, int | float) and not isinstance(
                v, bool):
            shown_ = f"{round(v * 100, 9):.15g}"
            row[c] = shown_ + "%"
            out.append(Diagnostic(INFO, sheet.name, r + 1, pct.letter, "completion_pct",
                                  f"{v:.15g}", f"单元格格式为百分比,按{shown_}%读取"))
    return out


_UNIT_FACTORS = {"万元": 1e-4, "亿元": 1.0}


def _unit_formatted(sheet: RawSheet, layout: SheetLayout) -> list[Diagnostic]:
    """An amount in a cell whose format shows a unit (12000 shown as 12000万元) is read in
    that unit when the column's header says another: the cell becomes the text "12000万元"
    (the cell's unit wins over the header's in every later step), and that is said. A
    format that displays the figure scaled is flagged, never guessed."""
    out = []
    for column in layout.columns:
        if column.field is None or FIELDS[column.field].kind != "amount":
            continue
        c = column.index
        for r in range(layout.first_data_row, len(sheet.rows)):
            unit = sheet.unit_cells.get((r, c))
            row = sheet.rows[r]
            v = row[c] if c < len(row) else None
            if unit is None or not isinstance(v, int | float) or isinstance(v, bool):
                continue
            if unit == SCALED:
                out.append(Diagnostic(
                    WARNING, sheet.name, r + 1, column.letter, column.field, f"{v:.15g}",
                    "单元格格式把数值缩放后显示(单元格值与显示的不同),已按单元格值读取,请核实",
                    "请把该列改为常规数字格式,按列标题的单位填写"))
                continue
            if abs(_UNIT_FACTORS[unit] - column.factor) < 1e-12:
                continue
            row[c] = f"{v:.15g}{unit}"
            out.append(Diagnostic(
                INFO, sheet.name, r + 1, column.letter, column.field, f"{v:.15g}",
                f"单元格格式显示为“{v:.15g}{unit}”,按{unit}读取(与列标题的单位不同)"))
    return out


_NUMBER_KINDS = frozenset(("percent", "amount", "number", "int"))
_A_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")


def _chinese_numerals(sheet: RawSheet, layout: SheetLayout) -> list[Diagnostic]:
    """A number written in Chinese in a number column (四十, 一百二十万) is read, and the cell
    becomes that reading ("40", "120万") for every later step; each reading is said."""
    columns = [c for c in layout.columns
               if c.field and c.field in FIELDS and FIELDS[c.field].kind in _NUMBER_KINDS]
    out = []
    for column in columns:
        c = column.index
        for r in range(layout.first_data_row, len(sheet.rows)):
            row = sheet.rows[r]
            v = row[c] if c < len(row) else None
            if type(v) is not str or not _A_NUMERAL.search(v):
                continue
            reading = arabic_reading(v)
            if reading is None:
                continue  # not a number: the field's own reader says what is wrong
            row[c] = reading
            out.append(Diagnostic(INFO, sheet.name, r + 1, column.letter, column.field or "", v,
                                  f"中文数字“{v.strip()}”按“{reading}”读取"))
    return out


def _computed(sheet: RawSheet, layout: SheetLayout, block: RowBlock) -> list[Diagnostic]:
    """How each formula the file held no value for was computed, in the imported cells."""
    kept = set(block.rows)
    columns = {c.index: c for c in layout.columns if c.field}
    out = []
    for r, c, formula, value in sheet.computed:
        column = columns.get(c)
        if column is not None and r + 1 in kept:
            out.append(Diagnostic(
                INFO, sheet.name, r + 1, column.letter, column.field or "", f"={formula}",
                f"公式 ={formula} 没有计算结果,已按本表单元格算得 {value:.12g}",
                "如不对,请在 Excel/WPS 中打开并保存后再导入"))
    return out


NO_ASSESSMENT = "文件没有“推进情况”列,未填写"


def _check_template(ctx: ReturnContext, meta: TemplateInfo, blocks: list[RowBlock],
                    plan: ReturnPlan) -> None:
    """Our template came back (`meta`, its hidden metadata): same round and period? Rows
    deleted or keys edited?"""
    if ctx.round is not None and meta.period_key and meta.period_key != ctx.round.period_key:
        plan.fatal = (f"模板属于期次 {meta.period_key},与填报批次“{ctx.round.name}”"
                      f"({ctx.round.period_key})不符;请确认选择了正确的批次")
        return
    keyed = []
    for block in blocks:
        key_cells = block.cells.get("key") or [None] * len(block.rows)
        seqs = block.cells.get("seq") or [None] * len(block.rows)
        for row, cell, seq in zip(block.rows, key_cells, seqs, strict=True):
            key = parse_key(cell)
            if key is not None:
                keyed.append((seq if isinstance(seq, int | float) else float("inf"), row,
                              f"{key[0]}:{key[1]}"))
    keys = [k for _, _, k in sorted(keyed)]  # 序号 is locked: it restores the exported order
    # A damaged key mapping refuses the file (nothing written); missing rows only warn.
    verdict = None
    if meta.values.get("format") and (meta.round_id is None or meta.unit_id is None):
        verdict = ("refuse", "模板的隐藏信息页被改动(缺少批次或单位),无法确认各行对应的事项",
                   "请使用协同办下发的原模板重新填报")
    elif ctx.round is not None and meta.unit_id is not None:
        from sqlalchemy.orm import object_session

        rnd, unit_id, round_id = ctx.round, meta.unit_id, ctx.round.id
        session = object_session(rnd)
        assert session is not None and round_id is not None  # the round was read from the db
        items = session.execute(select(
            col(RoundItem.task_id), col(RoundItem.project_id), col(RoundItem.unit_id)).where(
            col(RoundItem.round_id) == round_id).order_by(
            col(RoundItem.sort_order), col(RoundItem.id))).all()
        owners = {f"task:{t}" if t else f"project:{p}": u for t, p, u in items}
        verdict = check_keys(
            meta, keys=keys, owners=owners,
            exported=[k for k, u in owners.items() if u == unit_id],
            checksum_of=lambda ks: template_checksum(round_id, unit_id, rnd.period_key, ks))
    if verdict is not None and verdict[0] == "refuse":
        plan.fatal = f"{verdict[1]};{verdict[2]}"
    elif verdict is not None:
        plan.diagnostics.append(Diagnostic(
            WARNING, meta.values.get("data_sheet", ""), None, "", "key", "", *verdict[1:]))
