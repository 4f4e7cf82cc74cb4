"""The fields a key task row shares with its sub-task rows, for the registry import: lead and
cooperating units matched to the registry, the window (2024-2025年, 2025年底前) and the
content."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jjjdesk.importing.read.diagnostics import INFO, WARNING
from jjjdesk.importing.read.normalise import CellProblem, prose_of
from jjjdesk.importing.read.rows import StagedRow
from jjjdesk.importing.registry.cells import GENERIC_UNITS, parse_window, split_units
from jjjdesk.importing.registry.pending import Ref

if TYPE_CHECKING:
    from jjjdesk.importing.registry.planner import RowPlanner

# Columns that carry a window, and which end of it each one sets.
_WINDOW = [
    ("window", "both"),
    ("task_start", "start"),
    ("task_due", "due"),
    ("planned_start", "start"),
    ("planned_completion", "due"),
]


def fill_task_fields(p: RowPlanner, row: StagedRow, values: dict[str, Any]) -> bool:
    """Units, window and content of a task row into `values`; False after a diagnostic."""
    ok = True
    coop: list[Ref] = []
    if "unit" in row.columns:
        names = split_units(row.text("unit"))
        values["lead_unit_id"] = None
        if len(names) > 1:
            p.diag(
                row,
                "unit",
                f"牵头单位有 {len(names)} 个,“{names[0]}”作为牵头单位,其余作为配合单位",
                level=WARNING,
            )
        for i, name in enumerate(names):
            good, ref = p.unit_named(row, "unit", name)
            ok &= good
            if i == 0:
                values["lead_unit_id"] = ref
            elif ref is not None:
                coop.append(ref)
    if "cooperating" in row.columns:
        for name in split_units(row.text("cooperating")):
            if name in GENERIC_UNITS:
                p.diag(row, "cooperating", f"“{name}”是泛指,未作为配合单位", level=INFO)
                continue
            good, ref = p.unit_named(row, "cooperating", name)
            ok &= good
            if ref is not None:
                coop.append(ref)
    if "unit" in row.columns or "cooperating" in row.columns:
        lead = values.get("lead_unit_id")
        values["cooperating_unit_ids"] = list(dict.fromkeys(r for r in coop if r != lead))
    for src, which in _WINDOW:
        if src not in row.columns:
            continue
        try:
            start, due = parse_window(row.cells[src], single_is_start=which == "start")
        except CellProblem as exc:
            p.diag(row, src, exc.message, exc.suggestion)
            ok = False
            continue
        if which in ("both", "start"):
            values["start_date"] = start
        if which in ("both", "due"):
            values["due_date"] = due
    if "content" in row.columns:
        values["content"] = prose_of(row.cells["content"])
    return ok
