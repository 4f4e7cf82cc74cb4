"""Which evidence file of a return's folder or zip goes with which row: by 序号 or 项目编号.

A file is matched by the first of its folders (outermost first) or its own name that names a
row: "3_现场照片.jpg" and a folder "3/" name 序号 3; "XM-2024-001 合同.pdf" and a folder
"XM-2024-001/" name the project. The attachment rules (`services.attachments`) are applied
here too, so a refused file is told on its row in the preview and the rest goes on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from sqlmodel import Session, col, select

from jjjdesk.domain.models import Attachment
from jjjdesk.domain.text import match_key
from jjjdesk.importing.read.bundle import Bundle, BundleFile
from jjjdesk.importing.read.diagnostics import INFO, WARNING, Diagnostic
from jjjdesk.importing.read.rows import RowBlock
from jjjdesk.importing.views import (
    ATTACH,
    REFUSED_FILE,
    SKIPPED,
    UNMATCHED,
    EvidenceFile,
    PlannedWrite,
    PreviewRow,
)

FIELD = "attachment"
_SEQ = re.compile(r"^\s*(\d{1,6})(?:\s*[_\-—、.\s(([【#]|$)")
NAMING = "请按“序号_说明”或“项目编号 说明”命名文件,或放在以序号、项目编号命名的文件夹中"


def seq_key(value: object) -> str | None:
    """A 序号 cell as matched against file names: "3" for 3, 3.0, "３", " 3 "."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if text.isdigit():
            return str(int(text))
    return None


def seq_keys(blocks: Iterable[RowBlock]) -> dict[tuple[str, int], str]:
    """(sheet, row) → the row's 序号, for the sheets that have the column."""
    out: dict[tuple[str, int], str] = {}
    for block in blocks:
        cells = block.cells.get("seq")
        if not cells:
            continue
        for row, value in zip(block.rows, cells, strict=True):
            key = seq_key(value)
            if key is not None:
                out[(block.sheet, row)] = key
    return out


class _Rows:
    """The rows of the plan by 序号 and by code."""

    def __init__(self, rows: Sequence[PreviewRow], seqs: dict[tuple[str, int], str]):
        self.by_seq: dict[str, list[PreviewRow]] = {}
        self.by_code: dict[str, list[PreviewRow]] = {}
        for r in rows:
            seq = seqs.get((r.sheet, r.row))
            if seq is not None:
                self.by_seq.setdefault(seq, []).append(r)
            code = match_key(r.code) if r.code else ""
            if code and not code.isdigit():  # a bare number is a 序号
                self.by_code.setdefault(code, []).append(r)
        self.codes = sorted(self.by_code, key=len, reverse=True)

    def named_by(self, text: str) -> list[PreviewRow]:
        """The rows a folder's or file's name names (several: ambiguous; none: no match)."""
        key = match_key(unicodedata.normalize("NFKC", text))
        for code in self.codes:
            if key.startswith(code) and not re.match(r"[0-9a-z]", key[len(code):len(code) + 1]):
                return self.by_code[code]
        m = _SEQ.match(unicodedata.normalize("NFKC", text))
        if m:
            return self.by_seq.get(str(int(m.group(1))), [])
        return []


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def _target(f: BundleFile, rows: _Rows) -> list[PreviewRow]:
    parts = f.parts
    for text in (*parts[:-1], _stem(parts[-1])):
        found = rows.named_by(text)
        if found:
            return found
    return []


def _what(row: PreviewRow) -> str:
    return f"{row.code} {row.name}".strip()


def plan_evidence(
    session: Session, bundle: Bundle, rows: Sequence[PreviewRow], writes: Sequence[PlannedWrite],
    seqs: dict[tuple[str, int], str], *, max_bytes: int,
    tick: Callable[[], None] | None = None,
) -> tuple[list[EvidenceFile], list[Diagnostic]]:
    """Each file of the bundle with the row it goes to and whether it will be attached, and
    the diagnostics the preview shows for those that will not."""
    from jjjdesk.services.attachments import AttachmentRefused, check_file

    index = _Rows(rows, seqs)
    written = {(w.sheet, w.row): w for w in writes}
    out: list[EvidenceFile] = []
    diags: list[Diagnostic] = []
    stored = _stored(session, [w.row_id for w in writes if w.row_id is not None])

    def note(level: str, row: PreviewRow | None, problem: str, suggestion: str = "",
             value: str = "") -> None:
        diags.append(Diagnostic(level, row.sheet if row else "", row.row if row else None, "",
                                FIELD, value, problem, suggestion))

    for f in bundle.files:
        if tick is not None:
            tick()
        found = _target(f, index)
        if len(found) != 1:
            if found:
                places = "、".join(f"工作表“{r.sheet}”第{r.row}行" for r in found[:3])
                why = f"文件名对应到多行({places}),无法确定附加到哪一行"
            elif f.problem:
                why = f"{f.problem}"
            else:
                why = "文件名中没有能对应到本表各行的序号或项目编号"
            note(WARNING, None, f"佐证材料“{f.name}”{why},未导入该文件",
                 "" if f.problem and not found else NAMING, f.name)
            out.append(EvidenceFile(f.name, f.size, UNMATCHED, message=why, path=f.path))
            continue
        row = found[0]
        here = EvidenceFile(f.name, f.size, SKIPPED, row.sheet, row.row, _what(row))
        if f.problem or f.path is None:
            why = f.problem or "无法读取"
            note(WARNING, row, f"佐证材料“{f.name}”{why},未导入该文件", value=f.name)
            out.append(replace(here, status=REFUSED_FILE, message=why))
            continue
        write = written.get((row.sheet, row.row))
        if write is None:
            why = f"对应的行“{row.status_label}”,该文件未附加"
            note(WARNING, row, f"佐证材料“{f.name}”{why}", value=f.name)
            out.append(replace(here, message=why))
            continue
        try:
            checked = check_file(f.path, shown_as=f.name.rsplit("/", 1)[-1],
                                 max_bytes=max_bytes)
        except AttachmentRefused as exc:
            why = exc.why or str(exc)
            note(WARNING, row, f"佐证材料“{f.name}”{why},未导入该文件", value=f.name)
            out.append(replace(here, status=REFUSED_FILE, message=why))
            continue
        if write.row_id is not None and (checked.sha256, checked.name) in stored.get(
                write.row_id, ()):
            why = "该条进展已有相同的佐证材料,未重复附加"
            note(INFO, row, f"佐证材料“{f.name}”:{why}", value=f.name)
            out.append(replace(here, size=checked.size, message=why))
            continue
        out.append(replace(here, size=checked.size, status=ATTACH, sha256=checked.sha256,
                           path=f.path))
    return out, diags


def _stored(session: Session, entry_ids: list[int]) -> dict[int, set[tuple[str, str]]]:
    """Entry id → (content hash, name) of its attachments not removed."""
    out: dict[int, set[tuple[str, str]]] = {}
    for start in range(0, len(entry_ids), 500):
        some = entry_ids[start:start + 500]
        for entry_id, sha, name in session.exec(select(
                col(Attachment.entry_id), col(Attachment.content_sha256),
                col(Attachment.file_name)).where(
                col(Attachment.entry_id).in_(some), col(Attachment.deleted_at).is_(None))):
            if entry_id is not None:
                out.setdefault(entry_id, set()).add((sha, name))
    return out
