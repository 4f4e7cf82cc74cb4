"""Refuse hostile or broken files before a parser sees them: kind, size, zip bombs, XML entities.

Every refusal is a `BadFileError` with one Chinese sentence the user can act on. Nothing here
trusts what a zip declares: member sizes are checked by actually inflating them, bounded.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jjjdesk.errors import UserFacingError

MAX_FILE_BYTES = 100 * 1024 * 1024  # a return bigger than this is not a return
MAX_MEMBER_BYTES = 300 * 1024 * 1024  # one inflated XML part (a 50,000-row sheet is ~40 MB)
MAX_TOTAL_BYTES = 500 * 1024 * 1024  # all inflated parts together
MAX_RATIO = 200  # inflated / compressed, for members over 1 MB; real sheets stay under ~30
MAX_MEMBERS = 5000
MAX_ROWS = 200_000  # rows per sheet we agree to read

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20


class BadFileError(UserFacingError):
    """The file cannot be imported as it is; nothing was written."""


@dataclass(frozen=True)
class FileKind:
    kind: str  # "xlsx" (also .xlsm), "xls", "csv"
    size: int
    #: .xlsx parts that mention hidden rows (seen while inflating them; see `HIDDEN_MARK`).
    hidden_parts: frozenset[str] = frozenset()
    #: .xlsx parts that may hold a formula without its computed value (see `UNCACHED_MARKS`).
    formula_parts: frozenset[str] = frozenset()


#: How a sheet's XML marks a hidden row: the reader looks for hidden rows only in the parts
#: the guard saw it in, so a large sheet is inflated once, not twice.
HIDDEN_MARK = b'hidden="'
#: How a formula cell without a computed value ends: `<f>…</f></c>`, an empty `<v>` (openpyxl,
#: generators) or a shared formula's `<f …/></c>`. Only parts showing one are read again.
UNCACHED_MARKS = (b"</f></c>", b"</f><v></v>", b"</f><v/>", b"/></c>")
_MARKS = (HIDDEN_MARK, *UNCACHED_MARKS)
_LONGEST = max(map(len, _MARKS))


def _name(path: Path) -> str:
    return f"“{path.name}”"


def sniff(path: Path) -> FileKind:
    """What the file really is, by its first bytes (the extension is only a hint)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BadFileError(f"找不到文件{_name(path)}。") from None
    except OSError as exc:
        raise BadFileError(f"无法读取文件{_name(path)}:{exc.strerror or exc}") from None
    if path.is_dir():
        raise BadFileError(f"{_name(path)}是一个文件夹,请选择 Excel 或 CSV 文件。")
    if size == 0:
        raise BadFileError(f"文件{_name(path)}是空的(0 字节)。")
    if size > MAX_FILE_BYTES:
        raise BadFileError(
            f"文件{_name(path)}有 {size / 1024 / 1024:.0f} MB,超过导入上限 "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB;请只保留需要导入的工作表后再试。"
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise BadFileError(
            f"无法读取{_name(path)}:文件可能正被 Excel/WPS 独占打开,请关闭后重试。"
        ) from None
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        return FileKind("xlsx", size)
    if head.startswith(OLE2_MAGIC):
        # An encrypted .xlsx is an OLE2 container too; told apart in `check_ole2`.
        return FileKind("xls", size)
    if suffix in (".csv", ".txt"):
        return FileKind("csv", size)
    if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
        raise BadFileError(
            f"{_name(path)}不是有效的 Excel 文件(内容已损坏或并非表格),"
            "请用 Excel 或 WPS 打开确认后另存为 .xlsx 再导入。"
        )
    raise BadFileError(
        f"{_name(path)}不是可导入的文件,请选择 .xlsx、.xlsm、.xls 或 .csv 文件。"
    )


def check_ole2(path: Path) -> None:
    """A legacy .xls, or a password-protected workbook (OLE2 with an EncryptionInfo stream)."""
    with path.open("rb") as fh:
        data = fh.read(min(MAX_FILE_BYTES, 4 * 1024 * 1024))
    # Directory entries hold stream names in UTF-16LE.
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode(
        "utf-16-le"
    ) in data:
        raise BadFileError(
            f"{_name(path)}设置了打开密码,无法读取。请在 Excel/WPS 中取消密码"
            "(文件 → 信息 → 保护工作簿 → 用密码进行加密,清空)后再导入。"
        )


def check_zip(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Refuse truncated archives, zip bombs (by inflating, bounded) and XML with a DTD; say
    which parts contain `HIDDEN_MARK` and which one of `UNCACHED_MARKS`."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BadFileError(
            f"{_name(path)}已损坏或不完整(可能下载/拷贝中断),请让报送单位重新发送。"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise BadFileError(f"{_name(path)}内部结构异常(包含 {len(members)} 个部件),拒绝导入。")
        names = {member_name(m.filename) for m in members}
        if "[Content_Types].xml" not in names or not any(
            n.startswith("xl/worksheets/") for n in names
        ):
            raise BadFileError(
                f"{_name(path)}不是 Excel 工作簿(可能是 Word、WPS 文字或压缩包),"
                "请选择 .xlsx 文件。"
            )
        total = 0
        hidden, formulas = set(), set()
        for info in members:
            if info.flag_bits & 0x1:
                raise BadFileError(f"{_name(path)}已加密,无法读取。请取消密码后再导入。")
            seen, marks = _inflate_bounded(archive, info, path, MAX_TOTAL_BYTES - total)
            total += seen
            if HIDDEN_MARK in marks:
                hidden.add(member_name(info.filename))
            if marks.intersection(UNCACHED_MARKS):
                formulas.add(member_name(info.filename))
    return frozenset(hidden), frozenset(formulas)


def member_name(name: str) -> str:
    """A zip member's name with "/" separators: some report systems write "xl\\styles.xml"
    (zipped on Windows by hand-made code); Excel and calamine open such files."""
    return name.replace("\\", "/")


def _inflate_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
                     budget: int) -> tuple[int, set[bytes]]:
    """Inflate one member without keeping it; refuse when it grows past the limits.
    (bytes inflated, which of `_MARKS` occur in it)."""
    limit = min(MAX_MEMBER_BYTES, budget)
    seen = 0
    first = b""
    marks: set[bytes] = set()
    tail = b""  # the end of the previous chunk: a mark may straddle two
    try:
        with archive.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                if not first:
                    first = chunk[:4096]
                if len(marks) < len(_MARKS):
                    seam = tail + chunk[:_LONGEST]  # a mark may straddle two chunks
                    marks.update(m for m in _MARKS
                                 if m not in marks and (m in chunk or m in seam))
                    tail = chunk[-_LONGEST:]
                seen += len(chunk)
                if seen > limit or (
                    seen > _CHUNK and seen > MAX_RATIO * max(info.compress_size, 1)
                ):
                    raise BadFileError(
                        f"{_name(path)}解压后体积异常(疑似“压缩炸弹”),为保护本机已拒绝导入。"
                    )
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        if isinstance(exc, BadFileError):
            raise
        raise BadFileError(
            f"{_name(path)}已损坏或不完整(部件 {info.filename} 无法解压),"
            "请让报送单位重新发送。"
        ) from None
    if info.filename.endswith((".xml", ".rels", ".vml")) and (
        b"<!DOCTYPE" in first or b"<!ENTITY" in first
    ):
        raise BadFileError(
            f"{_name(path)}包含 XML 实体声明(DOCTYPE/ENTITY),Excel 不会生成这类内容,"
            "为安全起见拒绝导入。"
        )
    return seen, marks


def check_file(path: Path) -> FileKind:
    """Sniff and check a file; raise `BadFileError` or return what it is."""
    kind = sniff(path)
    if kind.kind == "xlsx":
        return FileKind(kind.kind, kind.size, *check_zip(path))
    if kind.kind == "xls":
        check_ole2(path)
    return kind


def file_hash(path: Path) -> str:
    """SHA-256 of the file: a batch remembers which file it came from, byte for byte."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
