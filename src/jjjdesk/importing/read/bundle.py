"""A return that comes with its evidence: a folder or a .zip holding the workbook and files.

A zip is never trusted: members are copied under names of our own (no path from the archive
reaches the file system), inflated in chunks and bounded (size, ratio, count), encrypted and
linked members are refused, and names written by Windows tools without the UTF-8 flag — which
`zipfile` decodes as cp437 — are decoded again as GBK.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jjjdesk.importing.read.guard import MAX_FILE_BYTES, MAX_RATIO, BadFileError

SPREADSHEETS = frozenset({".xlsx", ".xlsm", ".xls", ".csv"})
MAX_FILES = 2000  # files in one folder or zip
MAX_BUNDLE_BYTES = 1024 * 1024 * 1024  # everything a zip inflates to
_CHUNK = 1 << 20
#: What file managers and Office leave beside real files: never evidence, never reported.
_JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_JUNK_DIRS = frozenset({"__macosx"})
_UTF8_FLAG = 0x800
_UNICODE_PATH_FIELD = 0x7075  # Info-ZIP's UTF-8 name, written by 7-Zip, WinRAR and others
_SUFFIX = re.compile(r"\.[0-9a-z]{1,10}")
_EVIDENCE_START = re.compile(r"^\s*\d+\s*[_\-—、.．\s(([【#]")


@dataclass
class BundleFile:
    """One file of the bundle besides the return."""

    name: str  # its path inside the folder or zip, "/"-separated, as the user sees it
    size: int
    path: Path | None = None  # the file, or our copy of a zip's member; None: not copied
    problem: str = ""  # why it cannot be attached whatever its name (unsafe, encrypted, …)

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.name.split("/"))


@dataclass
class Bundle:
    source: Path  # the folder or the .zip the user chose
    kind: str  # "folder" / "zip"
    workbook: Path  # the return (for a zip: our copy, named as in the zip)
    workbook_name: str  # its path inside the bundle
    files: list[BundleFile]
    scratch: Path | None = None  # where a zip's members were copied
    _cleanup: weakref.finalize | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # Removed when the bundle (kept by its preview) is collected, or at exit; quietly, as
        # TemporaryDirectory's own finaliser would warn (ResourceWarning) each time.
        if self.scratch is not None:
            self._cleanup = weakref.finalize(self, shutil.rmtree, self.scratch, True)

    def close(self) -> None:
        """Remove the copies of a zip's members now."""
        if self._cleanup is not None:
            self._cleanup()


def is_bundle(path: Path) -> bool:
    """A folder, or a .zip (a workbook is a zip too: told apart by the extension)."""
    return path.is_dir() or path.suffix.lower() == ".zip"


def _name(path: Path) -> str:
    return f"“{path.name}”"


def _junk(parts: tuple[str, ...]) -> bool:
    base = parts[-1].lower()
    return (base in _JUNK_NAMES or base.startswith("~$") or base.startswith("._")
            or any(p.lower() in _JUNK_DIRS or p.startswith(".") for p in parts))


def open_bundle(path: Path, *, max_bytes: int,
                check_cancel: Callable[[], None] | None = None) -> Bundle:
    """Read a folder or a zip: which file is the return and which are evidence. `max_bytes`
    is the attachment limit (a member bigger than it is not inflated past it)."""
    check = check_cancel or (lambda: None)
    if path.is_dir():
        return _folder(path, check)
    if not path.exists():
        raise BadFileError(f"找不到文件{_name(path)}。")
    return _zip(path, max_bytes, check)


# ---- choosing the return ----------------------------------------------------------------------
def _strip_wrapper(names: list[tuple[str, ...]]) -> int:
    """How many leading folders every entry shares (a zip of one folder "市科技局报送/…")."""
    depth = 0
    while names and all(len(n) > depth + 1 for n in names) and len(
            {n[depth] for n in names}) == 1:
        depth += 1
    return depth


def _pick_workbook(source: Path, names: list[tuple[str, ...]], depth: int,
                   unsafe: frozenset[int] = frozenset()) -> int:
    """Index of the return among `names`: the spreadsheet at the top (after the shared
    folders); among several, the one whose name does not start like evidence ("3_…")."""
    top = [i for i, n in enumerate(names)
           if len(n) == depth + 1 and Path(n[-1]).suffix.lower() in SPREADSHEETS]
    if len(top) > 1:
        plain = [i for i in top if not _EVIDENCE_START.match(names[i][-1])]
        top = plain or top
    if not top:
        raise BadFileError(
            f"{_name(source)}中没有找到报表文件(.xlsx、.xlsm、.xls 或 .csv);"
            "请把报表放在最外层,佐证材料按序号或项目编号命名后一并打包。")
    if len(top) > 1:
        shown = "、".join(names[i][-1] for i in top[:5])
        raise BadFileError(
            f"{_name(source)}的最外层有多个报表文件({shown}),无法确定导入哪一个;"
            "请只保留一个报表,佐证材料请按序号或项目编号命名。")
    return top[0]


# ---- a folder ---------------------------------------------------------------------------------
def _folder(root: Path, check: Callable[[], None]) -> Bundle:
    found: list[tuple[tuple[str, ...], Path, int, str]] = []
    for here, dirs, bases in os.walk(root, followlinks=False):
        check()
        rel = Path(here).relative_to(root).parts
        dirs[:] = sorted(d for d in dirs if not _junk((*rel, d)))
        for base in sorted(bases):
            parts = (*rel, base)
            if _junk(parts):
                continue
            full = Path(here, base)
            try:
                info = full.lstat()
            except OSError as exc:
                found.append((parts, full, 0, f"无法读取({exc.strerror or exc})"))
                continue
            problem = "是快捷方式或链接,不是文件本身" if stat.S_ISLNK(info.st_mode) else ""
            found.append((parts, full, info.st_size, problem))
            if len(found) > MAX_FILES:
                raise BadFileError(f"文件夹{_name(root)}中的文件超过 {MAX_FILES} 个,"
                                   "请只放入本次报送的报表和佐证材料。")
    names = [f[0] for f in found]
    depth = _strip_wrapper(names)
    pick = _pick_workbook(root, names, depth)
    files = [BundleFile("/".join(parts[depth:]), size, None if problem else full, problem)
             for i, (parts, full, size, problem) in enumerate(found) if i != pick]
    return Bundle(root, "folder", found[pick][1], "/".join(names[pick][depth:]), files)


# ---- a zip ------------------------------------------------------------------------------------
def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it. Without the UTF-8 flag (bit 11) `zipfile`
    decodes the bytes as cp437; Windows tools wrote them in the system's code page, GBK on a
    Chinese PC. Info-ZIP's UTF-8 name field wins when present; then strict UTF-8 (tools that
    write UTF-8 but forget the flag), then GBK, then the cp437 text as it was."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        name = _unicode_path(info) or _recoded(info.orig_filename)
    return name.replace("\\", "/")  # after decoding: a GBK character may end in byte 0x5C


def _recoded(text: str) -> str:
    try:
        raw = text.encode("cp437")
    except UnicodeEncodeError:
        return text
    if raw.isascii():
        return text
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return text


def _unicode_path(info: zipfile.ZipInfo) -> str:
    extra, i = info.extra, 0
    while i + 4 <= len(extra):
        kind = int.from_bytes(extra[i:i + 2], "little")
        size = int.from_bytes(extra[i + 2:i + 4], "little")
        body = extra[i + 4:i + 4 + size]
        if kind == _UNICODE_PATH_FIELD and len(body) > 5 and body[0] == 1:
            raw = info.orig_filename.encode("cp437", errors="replace")
            if zlib.crc32(raw) & 0xFFFFFFFF == int.from_bytes(body[1:5], "little"):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return ""
        i += 4 + size
    return ""


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The member's path as parts, or None when it would leave the folder it is unpacked in
    (absolute, a drive letter, "..")."""
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if not parts or ".." in parts:
        return None
    return parts


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _zip(path: Path, max_bytes: int, check: Callable[[], None]) -> Bundle:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise BadFileError(f"{_name(path)}不是有效的 zip 压缩包,或已损坏(可能拷贝中断),"
                           "请让报送单位重新打包发送。") from None
    root = Path(tempfile.mkdtemp(prefix="jjjdesk-import-"))
    try:
        with archive:
            return _unpack(path, archive, max_bytes, check, root)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _unpack(path: Path, archive: zipfile.ZipFile, max_bytes: int, check: Callable[[], None],
            root: Path) -> Bundle:
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_FILES:
        raise BadFileError(f"{_name(path)}中有 {len(members)} 个文件,超过 {MAX_FILES} 个的上限,"
                           "请只打包本次报送的报表和佐证材料。")
    entries: list[tuple[tuple[str, ...], zipfile.ZipInfo | None, str]] = []
    for info in members:
        shown = member_name(info)
        parts = _safe_parts(shown)
        if parts is None:
            entries.append(((shown.replace("/", "_").strip("._") or "?",), None,
                            "的路径指向压缩包以外(含“..”或绝对路径),为安全起见未解压"))
            continue
        if _junk(parts):
            continue
        problem = ""
        if info.flag_bits & 0x1:
            problem = "已加密,无法读取"
        elif _is_link(info):
            problem = "是链接,不是文件本身"
        entries.append((parts, info, problem))
    names = [e[0] for e in entries]
    unsafe = frozenset(i for i, e in enumerate(entries) if e[1] is None)
    depth = _strip_wrapper([e[0] for i, e in enumerate(entries) if i not in unsafe])
    pick = _pick_workbook(path, names, depth, unsafe)
    if entries[pick][2]:
        raise BadFileError(f"{_name(path)}中的报表“{names[pick][-1]}”{entries[pick][2]};"
                           "请让报送单位取消密码、放入报表文件本身后重新打包发送。")
    budget = [MAX_BUNDLE_BYTES]
    files: list[BundleFile] = []
    workbook = root
    for i, (parts, member, problem) in enumerate(entries):
        check()
        shown = "/".join(parts[depth:]) if member is not None else parts[0]
        if member is None or problem:
            files.append(BundleFile(shown, member.file_size if member else 0, None, problem))
            continue
        info = member
        if i == pick:
            folder = root / "return"
            folder.mkdir()
            workbook = folder / _plain_name(parts[-1], f"return{Path(parts[-1]).suffix}")
            if _inflate(path, archive, info, workbook, MAX_FILE_BYTES, budget,
                        shown) > MAX_FILE_BYTES:
                raise BadFileError(f"{_name(path)}中的报表“{parts[-1]}”超过导入上限 "
                                   f"{MAX_FILE_BYTES // 1024 // 1024} MB。")
            continue
        suffix = Path(parts[-1]).suffix.lower()
        copy = root / (f"{i:05d}" + (suffix if _SUFFIX.fullmatch(suffix) else ""))
        size = _inflate(path, archive, info, copy, max_bytes, budget, shown)
        files.append(BundleFile(shown, size, copy if size <= max_bytes else None,
                                _too_big(size, max_bytes)))
    return Bundle(path, "zip", workbook, "/".join(names[pick][depth:]), files, root)


def _too_big(size: int, max_bytes: int) -> str:
    if size <= max_bytes:
        return ""
    return f"超过每个附件 {max_bytes / 1024 / 1024:g} MB 的上限"


def _plain_name(name: str, fallback: str) -> str:
    cleaned = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]', "_", name).strip(". ")
    return cleaned[:150] or fallback


def _inflate(source: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path,
             limit: int, budget: list[int], shown: str) -> int:
    """Copy a member to `target` chunk by chunk; stop (and delete the copy) past `limit`
    bytes, returning limit + 1. A member inflating to more than `MAX_RATIO` times its
    compressed size, or the whole zip past `MAX_BUNDLE_BYTES`, refuses the zip."""
    seen = 0
    try:
        with archive.open(info) as member, open(target, "wb") as out:
            while chunk := member.read(_CHUNK):
                seen += len(chunk)
                budget[0] -= len(chunk)
                if budget[0] < 0 or (seen > _CHUNK
                                     and seen > MAX_RATIO * max(info.compress_size, 1)):
                    raise BadFileError(
                        f"{_name(source)}解压后体积异常(疑似“压缩炸弹”),为保护本机已拒绝导入。")
                if seen > limit:
                    break
                out.write(chunk)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, zipfile.LargeZipFile):
        target.unlink(missing_ok=True)
        raise BadFileError(f"{_name(source)}已损坏或不完整(“{shown}”无法解压),"
                           "请让报送单位重新打包发送。") from None
    if seen > limit:
        target.unlink(missing_ok=True)
        return limit + 1
    return seen
