"""Read .xlsx/.xlsm/.xls/.csv into plain grids of cell values, with merges and hidden rows.

python-calamine reads the values (about 5× faster than openpyxl read-only, and it reads
.xls too); merged ranges come from calamine, hidden rows from a scan of the sheet XML
(.xlsx) or xlrd (.xls). Every file passes `guard.check_file` first.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jjjdesk.importing.read.formula import evaluate
from jjjdesk.importing.read.guard import MAX_ROWS, BadFileError, check_file, member_name
from jjjdesk.importing.read.normalise import FormulaWithoutValue

log = logging.getLogger(__name__)

Cell = Any  # str | float | int | bool | date | datetime | time | timedelta | None


@dataclass
class RawSheet:
    """One sheet as read: `rows[i][j]` is the cell at Excel row i+1, column j+1."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    visible: bool = True
    #: Formulas without a cached value that `formula.evaluate` computed: (row, column,
    #: formula, value), 0-based; the value is in `rows`, the plan says how it was found.
    computed: list[tuple[int, int, str, float]] = field(default_factory=list)
    #: Cells (row, column), 0-based, whose number format is a percent (.xlsx): Excel shows
    #: 0.911 as 91.1%, calamine gives 0.911.
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    #: Cells whose number format shows a unit after the figure (0.00"万元"): → that unit.
    unit_cells: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class RawWorkbook:
    path: Path
    kind: str  # xlsx / xls / csv
    sheets: list[RawSheet]
    encoding: str = ""  # CSV only: utf-8 / utf-8-sig / gb18030

    def sheet(self, name: str) -> RawSheet | None:
        return next((s for s in self.sheets if s.name == name), None)


def read_workbook(path: Path | str, *, check_cancel: Callable[[], None] | None = None
                  ) -> RawWorkbook:
    """Read every sheet of a return; raise `BadFileError` with a Chinese message if we can't."""
    path = Path(path)
    checked = check_file(path)
    if checked.kind == "csv":
        return _read_csv(path)
    return _read_calamine(path, checked.kind, check_cancel, checked.hidden_parts,
                          checked.formula_parts)


def _read_calamine(path: Path, kind: str, check_cancel, hidden_parts: frozenset[str],
                   formula_parts: frozenset[str] = frozenset()) -> RawWorkbook:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise BadFileError(f"“{path.name}”设置了打开密码,无法读取。请取消密码后再导入。") from None
    except Exception as exc:  # noqa: BLE001 - calamine raises several kinds for broken files
        raise BadFileError(
            f"“{path.name}”无法作为 Excel 文件读取:{_cause(path, exc)}"
        ) from None
    sheets: list[RawSheet] = []
    if kind == "xlsx":
        hidden_rows = _xlsx_hidden_rows(path, hidden_parts)
        formats = _xlsx_format_cells(path)
    else:
        hidden_rows, formats = _xls_details(path)
    uncached = _xlsx_uncached(path, formula_parts) if kind == "xlsx" else {}
    try:
        for meta in book.sheets_metadata:
            if check_cancel:
                check_cancel()
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = book.get_sheet_by_name(meta.name)
                if sheet.total_height > MAX_ROWS:
                    raise BadFileError(
                        f"工作表“{meta.name}”有 {sheet.total_height} 行,超过导入上限 "
                        f"{MAX_ROWS} 行;请拆分后分批导入。"
                    )
                rows = sheet.to_python(skip_empty_area=False)
                computed = (_mark_uncached(rows, uncached[meta.name])
                            if meta.name in uncached else [])
                merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except BadFileError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise BadFileError(
                    f"“{path.name}”的工作表“{meta.name}”无法读取:{_cause(path, exc)}"
                ) from None
            sheets.append(RawSheet(
                name=meta.name, rows=rows, merged=merged,
                hidden_rows=hidden_rows.get(meta.name, set()),
                visible=meta.visible == pc.SheetVisibleEnum.Visible, computed=computed,
                percent_cells={k for k, v in formats.get(meta.name, {}).items() if v == PERCENT},
                unit_cells={k: v for k, v in formats.get(meta.name, {}).items() if v != PERCENT},
            ))
    finally:
        book.close()
    return RawWorkbook(path, kind, sheets)


#: What calamine's (English) messages mean, by the words they contain; the library's text
#: goes to the log only (users read Chinese, and "Cfb error: Sector …" tells them nothing).
_CAUSES = (
    (("file not found", "relationships", "missing", "workbook.xml"),
     "文件缺少工作簿必需的部件(可能不是由 Excel/WPS 保存的,或在传输中被截断)"),
    (("cfb", "sector", "ole", "biff", "xls"),
     "文件内部结构已损坏(常见于拷贝或下载中断的 .xls 文件)"),
    (("zip", "deflate", "inflate", "crc", "eof", "unexpected end"),
     "文件不完整或已损坏(可能下载/拷贝中断)"),
    (("xml", "utf", "encoding", "attribute", "tag"),
     "文件中的表格内容已损坏,无法解析"),
)


def _cause(path: Path, exc: Exception) -> str:
    """One Chinese sentence for why calamine could not read `path`, plus what to do."""
    text = str(exc).strip() or type(exc).__name__
    log.warning("calamine could not read %s: %s: %s", path, type(exc).__name__, text)
    lower = text.lower()
    reason = next((why for words, why in _CAUSES if any(w in lower for w in words)),
                  "文件已损坏或格式不受支持")
    return f"{reason}。请在 Excel 或 WPS 中打开确认后另存为 .xlsx 再导入,或请报送单位重新发送。"


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_TAG = re.compile(rb"<Relationship\b[^>]*?/?>")
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


def _attrs(tag: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1] if k != b"r:id" else "rid": v.decode("utf-8", "replace")
            for k, v in _ATTR.findall(tag)}


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(sheet name, member as stored, member with "/" separators) of each worksheet."""
    stored = {member_name(n): n for n in archive.namelist()}
    try:
        book = archive.read(stored["xl/workbook.xml"])
        rels = archive.read(stored["xl/_rels/workbook.xml.rels"])
    except KeyError:
        return []
    targets = {}
    for tag in _REL_TAG.findall(rels):
        a = _attrs(tag)
        target = a.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[a.get("Id")] = target
    out = []
    for tag in _SHEET_TAG.findall(book):
        a = _attrs(tag)
        member = targets.get(a.get("rid") or a.get("id"))
        if member and member in stored:
            out.append((_unescape(a.get("name", "")), stored[member], member))
    return out


def _marked_sheets(path: Path, parts: frozenset[str]) -> Iterator[tuple[str, bytes]]:
    """(sheet name, XML) of the sheets whose parts the guard marked. The archive was
    inflated once already by the guard, so sizes are known to be sane."""
    if not parts:
        return
    with zipfile.ZipFile(path) as archive:
        for name, stored, member in _sheet_parts(archive):
            if member in parts:
                yield name, archive.read(stored)


def _xlsx_hidden_rows(path: Path, parts: frozenset[str]) -> dict[str, set[int]]:
    """Hidden rows per sheet name, from the sheet XML (calamine does not report them); only
    the `parts` that mention hidden rows are read again."""
    out: dict[str, set[int]] = {}
    for name, data in _marked_sheets(path, parts):
        rows = set()
        for row_tag in _HIDDEN_ROW.findall(data):
            m = _ROW_NUMBER.search(row_tag)
            if m:
                rows.add(int(m.group(1)) - 1)
        if rows:
            out[name] = rows
    return out


#: A formula cell with no computed value: `<c r="C5" …><f>B5+1</f></c>`, `…<v></v></c>` or a
#: shared formula's `<f t="shared" si="0"/></c>`. A formula is XML-escaped (no "<" in it), so a
#: match cannot run on from a computed formula into the next cell.
_UNCACHED = re.compile(
    rb'<c\b([^>]*)>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)\s*(?:<v>\s*</v>|<v\s*/>)?\s*</c>')
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _xlsx_uncached(path: Path, parts: frozenset[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Per sheet name, the (row, column, formula) of each formula cell without a value."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for name, data in _marked_sheets(path, parts):
        found = []
        for attrs, formula in _UNCACHED.findall(data):
            ref = _CELL_REF.search(attrs)
            if ref:
                text = _unescape(formula.decode("utf-8", "replace")) or "共享公式"
                found.append((int(ref.group(2)) - 1, _column_index(ref.group(1)), text))
        if found:
            out[name] = found
    return out


def _mark_uncached(rows: list[list[Any]], cells: list[tuple[int, int, str]]
                   ) -> list[tuple[int, int, str, float]]:
    """Put a `FormulaWithoutValue` where calamine read such a cell as empty, then compute
    those that are simple arithmetic over the sheet's cells (see `formula.evaluate`)."""
    marked = []
    for r, c, formula in cells:
        if r < len(rows) and c < len(rows[r]) and rows[r][c] in ("", None):
            rows[r][c] = FormulaWithoutValue(formula)
            marked.append((r, c))
    computing: set[tuple[int, int]] = set()
    done: dict[tuple[int, int], float] = {}

    def value_at(r: int, c: int) -> float:
        v = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
        if v is None or v == "":
            return 0.0  # as Excel reads an empty cell
        if isinstance(v, int | float) and not isinstance(v, bool):
            return float(v)
        if type(v) is FormulaWithoutValue:
            return compute(r, c)
        raise ValueError(v)  # text, a date, a bool: not arithmetic we vouch for

    def compute(r: int, c: int) -> float:
        if (r, c) in done:
            return done[(r, c)]
        if (r, c) in computing:
            raise ValueError("cycle")
        computing.add((r, c))
        try:
            value = evaluate(rows[r][c].formula, value_at)
        finally:
            computing.discard((r, c))
        if value is None:
            raise ValueError("not simple")
        done[(r, c)] = value
        return value

    out = []
    for r, c in marked:
        try:
            value = compute(r, c)
        except ValueError:
            continue
        out.append((r, c, rows[r][c].formula, value))
    for r, c, _, value in out:
        rows[r][c] = value
    return out


#: Built-in number formats that are percents (0%, 0.00%); custom ones say so in their code.
_PERCENT_FORMATS = frozenset({9, 10})
_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_QUOTED = re.compile(r'"[^"]*"|\\.')


PERCENT = "%"
SCALED = "scaled"  # a figure displayed divided (0!.0000"万"): the cell holds more than it shows
#: A unit a custom number format shows after the figure (0.00"万元"): the figure is in it.
_FORMAT_UNITS = (("万元", "万元"), ("亿元", "亿元"), ("万", "万元"), ("亿", "亿元"))


def _format_kind(code: str) -> str | None:
    """PERCENT, "万元", "亿元", SCALED or None for a custom number format's code. A format
    that displays the figure scaled (0!.0000"万": a literal point inserted) is not a unit:
    the cell holds 元 while showing 万 (SCALED; the import says so, it does not guess)."""
    plain = _QUOTED.sub("", code)
    if "%" in plain:
        return PERCENT
    if "!." in code or "\\." in code:
        return SCALED
    quoted = "".join(re.findall(r'"([^"]*)"', code))
    for word, unit in _FORMAT_UNITS:
        if word in quoted:
            return unit
    return None


def _format_styles(styles: bytes) -> dict[int, str]:
    """Index in cellXfs (a cell's `s=`) → what its number format says of the figure:
    PERCENT, "万元" or "亿元"; styles that say nothing are left out."""
    kinds = dict.fromkeys(_PERCENT_FORMATS, PERCENT)
    for tag in _NUM_FMT.findall(styles):
        a = _attrs(tag)
        kind = _format_kind(_unescape(a.get("formatCode", "")))
        if kind is not None and a.get("numFmtId", "").isdigit():
            kinds[int(a["numFmtId"])] = kind
    m = _CELL_XFS.search(styles)
    if m is None:
        return {}
    out = {}
    for i, tag in enumerate(_XF.findall(m.group(1))):
        fmt = _attrs(tag).get("numFmtId", "0")
        if fmt.isdigit() and int(fmt) in kinds:
            out[i] = kinds[int(fmt)]
    return out


def _xlsx_format_cells(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, the cells whose number format says something (percent, 万元, 亿元).
    styles.xml is small; the sheets are read again only when it has such a style at all
    (most returns: not at all)."""
    with zipfile.ZipFile(path) as archive:
        stored = {member_name(n): n for n in archive.namelist()}
        if "xl/styles.xml" not in stored:
            return {}
        styles = _format_styles(archive.read(stored["xl/styles.xml"]))
        if not styles:
            return {}
        ids = b"|".join(str(i).encode() for i in styles)
        cell = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(' + ids + rb')"[^>]*>')
        out: dict[str, dict[tuple[int, int], str]] = {}
        for name, member, _ in _sheet_parts(archive):
            data = archive.read(member)
            cells = {}
            for m in cell.finditer(data):
                ref = _CELL_REF.search(m.group(0))
                if ref:
                    cells[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = styles[
                        int(m.group(1))]
            if cells:
                out[name] = cells
        return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


class _XlrdLog:
    """xlrd's `logfile`: its lines go to our log, never to stdout."""

    def write(self, text: str) -> None:
        if text.strip():
            log.info("xlrd: %s", text.strip())


def _xls_details(path: Path) -> tuple[dict[str, set[int]], dict[str, dict[tuple[int, int], str]]]:
    """Hidden rows and, as `_xlsx_format_cells` gives them, the number cells whose format
    says percent, 万元 or 亿元, per sheet name of a .xls file (calamine reports neither)."""
    try:
        import xlrd
    except ImportError:  # optional: without it a .xls is read as its values alone
        return {}, {}
    try:
        # xlrd writes its warnings ("file size not 512 + multiple of sector size") to stdout
        # unless given a log file, which broke `import --json`.
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True,
                                  logfile=_XlrdLog(), verbosity=0)
    except Exception:  # noqa: BLE001 - calamine has read it; these are niceties
        return {}, {}
    hidden: dict[str, set[int]] = {}
    formats: dict[str, dict[tuple[int, int], str]] = {}
    try:
        kinds = {}  # xf index -> PERCENT, "万元", "亿元" or SCALED
        for i, xf in enumerate(book.xf_list):
            key = xf.format_key
            fmt = book.format_map.get(key)
            kind = PERCENT if key in _PERCENT_FORMATS else (
                _format_kind(fmt.format_str) if fmt is not None else None)
            if kind is not None:
                kinds[i] = kind
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
            if rows:
                hidden[sheet.name] = rows
            if not kinds:
                continue
            cells = {}
            for r in range(sheet.nrows):
                for c, ctype in enumerate(sheet.row_types(r)):
                    if ctype == xlrd.XL_CELL_NUMBER:
                        kind = kinds.get(sheet.cell_xf_index(r, c))
                        if kind is not None:
                            cells[(r, c)] = kind
            if cells:
                formats[sheet.name] = cells
    except Exception:  # noqa: BLE001 - a damaged BIFF record: read the values as shown
        log.warning("xlrd could not read the formats of %s", path, exc_info=True)
        return hidden, {}
    finally:
        book.release_resources()
    return hidden, formats


# ----------------------------------------------------------------------------- CSV


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise BadFileError(
            "无法识别 CSV 文件的编码(既不是 UTF-8 也不是 GBK),请在 Excel/WPS 中另存为 "
            "“CSV UTF-8”或 .xlsx 后再导入。"
        ) from None


def _read_csv(path: Path) -> RawWorkbook:
    text, encoding = decode_csv(path.read_bytes())
    if "\x00" in text:
        raise BadFileError(f"“{path.name}”不是文本格式的 CSV 文件(含二进制内容)。")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows: list[list[Cell]] = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append(list(row))
        if len(rows) > MAX_ROWS:
            raise BadFileError(f"“{path.name}”超过 {MAX_ROWS} 行,请拆分后分批导入。")
    return RawWorkbook(path, "csv", [RawSheet(name=path.stem[:31] or "CSV", rows=rows)],
                       encoding=encoding)
