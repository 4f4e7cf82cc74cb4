"""What an import preview shows: rows new / changed / unchanged / rejected, columns, counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jjjdesk.importing.read.diagnostics import ERROR, WARNING, Diagnostic
from jjjdesk.importing.read.fields import FIELDS

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"
STATUS_LABELS = {NEW: "新增", CHANGED: "修改", UNCHANGED: "无变化", REJECTED: "不导入"}
EXCLUDED = "已在预览中排除"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str  # as shown
    new: str


@dataclass(slots=True)  # not frozen: a frozen dataclass is made six times slower, per row
class PreviewRow:
    status: str
    sheet: str
    row: int
    kind: str  # what the row is about: task / project / unit / indicator
    record_id: int | None
    code: str
    name: str  # the registry name when matched, else the file's text
    period_key: str
    changes: Sequence[FieldChange] = ()  # a new row's are made when looked at
    messages: tuple[str, ...] = ()  # why rejected, or warnings

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ColumnInfo:
    """One column of a sheet, for the column-mapping dialog."""

    sheet: str
    index: int
    letter: str
    header: str
    field: str | None
    field_label: str
    how: str  # synonym / contains / memory / user / template / none
    unit: str
    samples: tuple[str, ...]


@dataclass(slots=True)
class PlannedWrite:
    """Internal: what commit will do for one row (checked again at commit)."""

    model: str  # progress_entry / unit / project / indicator / key_task
    row_id: int | None  # None: create
    version: int | None  # the row's version at preview time
    values: dict[str, Any]
    before: dict[str, Any] | None
    sheet: str
    row: int
    extra: dict[str, Any] = field(default_factory=dict)


ATTACH, REFUSED_FILE, UNMATCHED, SKIPPED = "attach", "refused", "unmatched", "skipped"
EVIDENCE_LABELS = {ATTACH: "将附加", REFUSED_FILE: "不附加", UNMATCHED: "未对应到行",
                   SKIPPED: "未附加"}


@dataclass(frozen=True)
class EvidenceFile:
    """A file that came with the return (in its folder or zip) and the row it goes with."""

    name: str  # its path inside the folder or zip
    size: int
    status: str  # ATTACH / REFUSED_FILE / UNMATCHED / SKIPPED
    sheet: str = ""  # the row it was matched to, if any
    row: int | None = None
    what: str = ""  # that row's item, "JJJ-001 津兴城际铁路"
    message: str = ""  # why not attached
    sha256: str = ""
    path: Path | None = field(default=None, repr=False, compare=False)

    @property
    def status_label(self) -> str:
        return EVIDENCE_LABELS[self.status]

    @property
    def size_text(self) -> str:
        from jjjdesk.services.attachments import size_text

        return size_text(self.size)


@dataclass
class ImportPreview:
    path: Path
    file_name: str
    file_hash: str
    kind: str  # return / registry
    file_format: str  # xlsx / xls / csv
    encoding: str
    round_id: int | None
    unit_id: int | None
    unit_name: str
    period_key: str
    period_label: str
    is_template: bool
    rows: list[PreviewRow]
    diagnostics: list[Diagnostic]
    columns: list[ColumnInfo]
    already_imported: int | None = None  # batch id of an earlier import of the same file
    fatal: str = ""  # why nothing can be imported at all
    writes: list[PlannedWrite] = field(default_factory=list, repr=False)
    #: The folder or zip the return came in (None: a workbook on its own); `path` is then
    #: the return itself (in a zip: our copy of it) and `file_hash` the zip's.
    source: Path | None = None
    evidence: list[EvidenceFile] = field(default_factory=list)
    bundle: Any = field(default=None, repr=False)  # keeps a zip's unpacked copies alive
    #: The 配合事项 sheet's rows (`returns.parts.PlannedPart`): the unit's parts, never the
    #: lead's entry.
    parts: list[Any] = field(default_factory=list)

    @property
    def changed_parts(self) -> list[Any]:
        return [p for p in self.parts if p.status in (NEW, CHANGED)]

    @property
    def attaching(self) -> list[EvidenceFile]:
        return [f for f in self.evidence if f.status == ATTACH]

    @property
    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUS_LABELS}
        for r in self.rows:
            out[r.status] += 1
        out["errors"] = sum(1 for d in self.diagnostics if d.level == ERROR)
        out["warnings"] = sum(1 for d in self.diagnostics if d.level == WARNING)
        return out

    @property
    def can_commit(self) -> bool:
        return not self.fatal and (any(r.status in (NEW, CHANGED) for r in self.rows)
                                   or bool(self.changed_parts))

    def hidden_rows(self) -> set[tuple[str, int]]:
        """(sheet, row) of the rows the file hides (imported unless excluded)."""
        from jjjdesk.importing.read.rows import HIDDEN_ROW

        return {(d.sheet, d.row) for d in self.diagnostics
                if d.problem == HIDDEN_ROW and d.row is not None}

    def excluding(self, rows: set[tuple[str, int]]) -> ImportPreview:
        """This preview with the given (sheet, row) rows left out by the coordinator: they
        show as 不导入 ("已在预览中排除") and nothing of them is written."""
        from dataclasses import replace

        picked = set(rows)
        if not picked:
            return self
        kept = [r if (r.sheet, r.row) not in picked or r.status not in (NEW, CHANGED)
                else replace(r, status=REJECTED, messages=(EXCLUDED,) + r.messages)
                for r in self.rows]
        evidence = [replace(f, status=SKIPPED, message=EXCLUDED)
                    if f.status == ATTACH and (f.sheet, f.row) in picked else f
                    for f in self.evidence]
        return replace(self, rows=kept, evidence=evidence,
                       writes=[w for w in self.writes if (w.sheet, w.row) not in picked])

    def summary(self) -> str:
        c = self.counts
        head = f"“{self.file_name}”"
        if self.fatal:
            return f"{head}:{self.fatal}"
        files = ""
        if self.evidence:
            files = (f";佐证材料 {len(self.evidence)} 个,将附加 {len(self.attaching)} 个")
        return (f"{head}:新增 {c[NEW]} 条,修改 {c[CHANGED]} 条,无变化 {c[UNCHANGED]} 条,"
                f"不导入 {c[REJECTED]} 条{files};错误 {c['errors']} 处,警告 {c['warnings']} 处")


def field_choices(kind: str = "return") -> list[tuple[str, str]]:
    """(field, label) pairs the mapping dialog offers for a column; ("", …) means ignore."""
    from jjjdesk.importing.read.fields import ENTRY_SHEET

    names = ENTRY_SHEET if kind == "return" else tuple(FIELDS)
    return [("", "(不导入)")] + [(n, FIELDS[n].label) for n in names if n != "seq"]


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None  # None when nothing changed
    created: int
    updated: int
    unchanged: int
    rejected: int
    backup_path: Path | None
    message: str
    attached: int = 0  # evidence files attached to the entries


@dataclass(frozen=True)
class BatchView:
    id: int
    kind: str
    file_name: str
    file_hash: str
    actor: str
    created_at: Any
    counts: dict[str, int]
    undone_at: Any
    undone_by: str
    round_id: int | None
    unit_id: int | None
    diagnostics: list[Diagnostic]
