"""Returns with their evidence (issue 18 item 1): a folder or a .zip holding the return and
files named by 序号 or 项目编号 — matched in the preview, attached on commit, removed by undo;
hostile zips refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from import_helpers import OFFICE, build_registry, write_xlsx
from sqlalchemy import func
from sqlmodel import select

from jjjdesk.cli.main import main as cli_main
from jjjdesk.domain.models import Attachment, AuditEvent, ImportChange, ProgressEntry
from jjjdesk.errors import ConflictError, UserFacingError
from jjjdesk.importing import batch as imports
from jjjdesk.services import attachments

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40
JPG = b"\xff\xd8\xff\xe0" + bytes(range(255, -1, -1)) * 30
PE = b"MZ" + b"\0" * 58 + (64).to_bytes(4, "little") + b"PE\0\0" + b"\0" * 200


def _return(path: Path) -> Path:
    return write_xlsx(path, [
        ["2024年3月重点项目进展情况表"],
        ["填报单位:市发改委"],
        ["序号", "项目编号", "项目名称", "完成进度", "进展情况"],
        [1, "JJJ-001", "津兴城际铁路", "45%", "铺轨完成一半"],
        [2, "JJJ-002", "天津港北疆港区集装箱码头", "60%", "码头主体完工"],
        [3, "JJJ-003", "滨海新区生物医药产业园", "30%", "厂房封顶"],
    ])


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "发改委3月报送"
    (root / "JJJ-002").mkdir(parents=True)
    _return(root / "发改委3月进展.xlsx")
    (root / "1_现场照片.jpg").write_bytes(JPG)
    (root / "JJJ-003 合同.pdf").write_bytes(PDF)
    (root / "JJJ-002" / "验收意见.pdf").write_bytes(PDF + b"2")
    (root / "说明.docx").write_bytes(b"PK\3\4 not matched")
    (root / "3_安装程序.exe").write_bytes(PE)
    (root / "2_空白.pdf").write_bytes(b"")
    (root / "Thumbs.db").write_bytes(b"junk")
    return root


def _preview(db, path, **kw):
    with db.session() as s:
        return imports.preview_import(session=s, actor=OFFICE, path=path, **kw)


def _commit(db, preview):
    with db.session() as s:
        return imports.commit_import(session=s, actor=OFFICE, preview=preview)


def _live(db) -> list[tuple[str, str, int]]:
    """(project code, file name, size) of every attachment not removed."""
    from jjjdesk.domain.models import Project

    with db.session() as s:
        rows = s.exec(select(Project.code, Attachment.file_name, Attachment.size)
                      .join(ProgressEntry, ProgressEntry.id == Attachment.entry_id)
                      .join(Project, Project.id == ProgressEntry.project_id)
                      .where(Attachment.deleted_at.is_(None))).all()
    return sorted(tuple(r) for r in rows)


def test_folder_preview_says_which_file_goes_to_which_row(empty_db, tmp_path):
    build_registry(empty_db)
    preview = _preview(empty_db, _folder(tmp_path))
    assert preview.fatal == ""
    assert preview.file_name == "发改委3月报送/发改委3月进展.xlsx"
    files = {f.name: (f.status_label, f.row, f.what) for f in preview.evidence}
    assert files == {
        "1_现场照片.jpg": ("将附加", 4, "JJJ-001 津兴城际铁路"),
        "JJJ-003 合同.pdf": ("将附加", 6, "JJJ-003 滨海新区生物医药产业园"),
        "JJJ-002/验收意见.pdf": ("将附加", 5, "JJJ-002 天津港北疆港区集装箱码头"),
        "说明.docx": ("未对应到行", None, ""),
        "3_安装程序.exe": ("不附加", 6, "JJJ-003 滨海新区生物医药产业园"),
        "2_空白.pdf": ("不附加", 5, "JJJ-002 天津港北疆港区集装箱码头"),
    }
    texts = [d.text() for d in preview.diagnostics if d.field == "attachment"]
    assert any("第6行" in t and "3_安装程序.exe" in t and "可执行程序" in t for t in texts)
    assert any("第5行" in t and "2_空白.pdf" in t and "空文件" in t for t in texts)
    assert any("说明.docx" in t and "没有能对应" in t for t in texts)
    assert "将附加 3 个" in preview.summary()
    assert _live(empty_db) == []  # a preview writes nothing


def test_commit_attaches_byte_exact_and_undo_removes_them(empty_db, tmp_path):
    build_registry(empty_db)
    root = _folder(tmp_path)
    result = _commit(empty_db, _preview(empty_db, root))
    assert result.created == 3 and result.attached == 3
    assert "附加佐证材料 3 个" in result.message
    assert _live(empty_db) == [("JJJ-001", "1_现场照片.jpg", len(JPG)),
                               ("JJJ-002", "验收意见.pdf", len(PDF) + 1),
                               ("JJJ-003", "JJJ-003 合同.pdf", len(PDF))]
    with empty_db.session() as s:
        row = s.exec(select(Attachment).where(Attachment.file_name == "1_现场照片.jpg")).one()
        assert row.uploader == OFFICE.name and row.entry_version == 1
        out = attachments.save_attachment(session=s, actor=OFFICE, attachment_id=row.id,
                                          out=tmp_path / "back.jpg")
    assert out.read_bytes() == JPG
    with empty_db.session() as s:
        message = imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert "已撤销" in message
    assert _live(empty_db) == []
    with empty_db.session() as s:
        assert s.exec(select(func.count()).select_from(Attachment)).one() == 0
        assert s.exec(select(func.count()).select_from(ProgressEntry)).one() == 0
        # The history stays: the batch's logged rows and the audit events.
        logged = s.exec(select(ImportChange.after).where(
            ImportChange.batch_id == result.batch_id,
            ImportChange.table_name == "attachment")).all()
        assert sorted(json.loads(a)["file_name"] for a in logged) == [
            "1_现场照片.jpg", "JJJ-003 合同.pdf", "验收意见.pdf"]
        actions = [e.summary for e in s.exec(select(AuditEvent).where(
            AuditEvent.entity == "import_batch")).all()]
        assert any("附加佐证材料 3 个" in a for a in actions)
        assert any(a.startswith("撤销导入") for a in actions)


def test_undo_refused_while_a_file_added_since_is_there(empty_db, tmp_path):
    build_registry(empty_db)
    result = _commit(empty_db, _preview(empty_db, _folder(tmp_path)))
    extra = tmp_path / "补充.pdf"
    extra.write_bytes(PDF + b"later")
    with empty_db.session() as s:
        entry = s.exec(select(ProgressEntry).where(ProgressEntry.source_row == 4)).one()
        added = attachments.add_attachments(session=s, actor=OFFICE, files=[extra],
                                            entry_id=entry.id)[0]
    with empty_db.session() as s, pytest.raises(ConflictError, match="补充.pdf"):
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert len(_live(empty_db)) == 4  # nothing changed
    with empty_db.session() as s:
        attachments.delete_attachment(session=s, actor=OFFICE, attachment_id=added.id)
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=result.batch_id)
    assert _live(empty_db) == []


def test_excluded_row_keeps_its_files_out(empty_db, tmp_path):
    build_registry(empty_db)
    preview = _preview(empty_db, _folder(tmp_path)).excluding({("进展情况", 4)})
    assert {f.name: f.status_label for f in preview.evidence}["1_现场照片.jpg"] == "未附加"
    result = _commit(empty_db, preview)
    assert result.attached == 2
    assert [c for c, _n, _s in _live(empty_db)] == ["JJJ-002", "JJJ-003"]


# ---- zips -------------------------------------------------------------------------------------
def _zip_with_raw_names(path: Path, members: dict[bytes, bytes]) -> Path:
    """A zip whose names are the given bytes with the UTF-8 flag unset (as Windows' own
    "send to compressed folder" and old WinRAR write them): written under ASCII stand-ins of
    the same length, then the stand-ins replaced in the headers."""
    stand_ins = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (raw, data) in enumerate(members.items()):
            stand_in = (f"~{i:03d}" + "x" * len(raw))[:len(raw)].encode()
            assert len(stand_in) == len(raw)
            stand_ins[stand_in] = raw
            zf.writestr(stand_in.decode(), data)
    blob = path.read_bytes()
    for stand_in, raw in stand_ins.items():
        assert blob.count(stand_in) == 2  # local header and central directory
        blob = blob.replace(stand_in, raw)
    path.write_bytes(blob)
    return path


def test_windows_zip_gbk_names_backslashes_and_traversal(empty_db, tmp_path):
    build_registry(empty_db)
    book = _return(tmp_path / "book.xlsx").read_bytes()
    zipped = _zip_with_raw_names(tmp_path / "发改委报送.zip", {
        "报送\\发改委3月进展.xlsx".encode("gbk"): book,
        "报送\\1_现场照片.jpg".encode("gbk"): JPG,
        "报送\\JJJ-002\\验收意见.pdf".encode("gbk"): PDF,
        b"../../evil_3.pdf": PDF + b"evil",
    })
    with zipfile.ZipFile(zipped) as zf:  # what zipfile alone makes of such names
        assert not any("现场照片" in i.filename for i in zf.infolist())
    preview = _preview(empty_db, zipped)
    assert preview.fatal == "" and preview.file_name == "发改委报送.zip"
    files = {f.name: (f.status_label, f.row) for f in preview.evidence}
    assert files["1_现场照片.jpg"] == ("将附加", 4)
    assert files["JJJ-002/验收意见.pdf"] == ("将附加", 5)
    unsafe = [f for f in preview.evidence if "evil" in f.name]
    assert [f.status_label for f in unsafe] == ["未对应到行"]
    assert "压缩包以外" in unsafe[0].message
    assert not (tmp_path.parent / "evil_3.pdf").exists()
    result = _commit(empty_db, preview)
    assert result.attached == 2
    assert _live(empty_db) == [("JJJ-001", "1_现场照片.jpg", len(JPG)),
                               ("JJJ-002", "验收意见.pdf", len(PDF))]
    # The same zip again: nothing new to import, nothing attached twice.
    again = _preview(empty_db, zipped)
    assert again.already_imported == result.batch_id and not again.can_commit


def test_utf8_zip_and_oversized_member(empty_db, tmp_path, monkeypatch):
    build_registry(empty_db)
    monkeypatch.setattr(attachments, "DEFAULT_MAX_BYTES", 64 * 1024)  # the limit setting
    zipped = tmp_path / "报送.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("发改委3月进展.xlsx", _return(tmp_path / "b.xlsx").read_bytes())
        zf.writestr("JJJ-003 照片.jpg", JPG + bytes(100 * 1024))
        zf.writestr("2_报告.pdf", PDF)
        zf.writestr("__MACOSX/._2_报告.pdf", b"junk")
    preview = _preview(empty_db, zipped)
    files = {f.name: (f.status_label, f.message) for f in preview.evidence}
    assert files["2_报告.pdf"] == ("将附加", "")
    assert files["JJJ-003 照片.jpg"][0] == "不附加"
    assert "超过每个附件" in files["JJJ-003 照片.jpg"][1]
    assert len(files) == 2
    assert _commit(empty_db, preview).attached == 1


def test_zip_bomb_and_bad_zips_refused_with_nothing_written(empty_db, tmp_path):
    build_registry(empty_db)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("进展.xlsx", _return(tmp_path / "b.xlsx").read_bytes())
        zf.writestr("1_zeros.pdf", bytes(8 * 1024 * 1024))
    with pytest.raises(UserFacingError, match="压缩炸弹"):
        _preview(empty_db, bomb)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bomb.read_bytes()[:200])
    with pytest.raises(UserFacingError, match="不是有效的 zip"):
        _preview(empty_db, broken)
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("甲.xlsx", b"x")
        zf.writestr("乙.xlsx", b"y")
    with pytest.raises(UserFacingError, match="多个报表文件"):
        _preview(empty_db, two)
    none = tmp_path / "none.zip"
    with zipfile.ZipFile(none, "w") as zf:
        zf.writestr("1_照片.jpg", JPG)
    with pytest.raises(UserFacingError, match="没有找到报表文件"):
        _preview(empty_db, none)
    assert _live(empty_db) == []


def test_cli_imports_a_folder_and_a_zip(empty_db, tmp_path, capsys):
    build_registry(empty_db)
    root = _folder(tmp_path)
    code = cli_main(["import", str(root), "--db", empty_db.url, "--preview"])
    out = capsys.readouterr().out
    assert code == 3  # warnings: files refused or unmatched
    assert "佐证材料" in out and "1_现场照片.jpg → 第4行 JJJ-001 津兴城际铁路" in out
    assert "(预览,未写入数据库)" in out
    code = cli_main(["import", str(root), "--db", empty_db.url, "--json"])
    report = json.loads(capsys.readouterr().out)[0]
    assert report["attached"] == 3
    assert {f["name"]: f["status"] for f in report["files"]}["说明.docx"] == "unmatched"
    assert len(_live(empty_db)) == 3


def test_utf8_names_without_the_flag_and_links_in_a_folder(empty_db, tmp_path):
    build_registry(empty_db)
    book = _return(tmp_path / "book.xlsx").read_bytes()
    zipped = _zip_with_raw_names(tmp_path / "mac.zip", {
        "进展.xlsx".encode(): book,
        "JJJ-001 合同.pdf".encode(): PDF,  # UTF-8 bytes, flag unset (some Mac and Linux tools)
    })
    preview = _preview(empty_db, zipped)
    assert [(f.name, f.status_label) for f in preview.evidence] == [("JJJ-001 合同.pdf", "将附加")]
    root = _folder(tmp_path / "f")
    (root / "2_链接.pdf").symlink_to(root / "JJJ-003 合同.pdf")
    preview = _preview(empty_db, root)
    link = next(f for f in preview.evidence if f.name == "2_链接.pdf")
    assert (link.status_label, link.row) == ("不附加", 5)
    assert "链接" in link.message


def test_files_for_changed_entries_and_their_undo(empty_db, tmp_path):
    """A second return changes stored entries: its files attach at the new version, a file
    the entry already holds is not attached twice, and undo takes back only this batch's."""
    build_registry(empty_db)
    first = _commit(empty_db, _preview(empty_db, _folder(tmp_path / "a")))
    root = tmp_path / "b" / "第二次"
    root.mkdir(parents=True)
    write_xlsx(root / "进展.xlsx", [
        ["2024年3月重点项目进展情况表"],
        ["填报单位:市发改委"],
        ["序号", "项目编号", "项目名称", "完成进度", "进展情况"],
        [1, "JJJ-001", "津兴城际铁路", "50%", "铺轨过半"],
    ])
    (root / "1_现场照片.jpg").write_bytes(JPG)  # the same file as the first time
    (root / "1_补充照片.jpg").write_bytes(JPG + b"more")
    preview = _preview(empty_db, root)
    files = {f.name: (f.status_label, f.message) for f in preview.evidence}
    assert files["1_补充照片.jpg"] == ("将附加", "")
    assert files["1_现场照片.jpg"][0] == "未附加" and "已有相同" in files["1_现场照片.jpg"][1]
    second = _commit(empty_db, preview)
    assert (second.updated, second.attached) == (1, 1)
    with empty_db.session() as s:
        added = s.exec(select(Attachment).where(Attachment.file_name == "1_补充照片.jpg")).one()
        entry = s.get(ProgressEntry, added.entry_id)
        assert added.entry_version == entry.version == 2
    with empty_db.session() as s:
        imports.undo_import(session=s, actor=OFFICE, batch_id=second.batch_id)
    assert _live(empty_db) == [("JJJ-001", "1_现场照片.jpg", len(JPG)),
                               ("JJJ-002", "验收意见.pdf", len(PDF) + 1),
                               ("JJJ-003", "JJJ-003 合同.pdf", len(PDF))]
    with empty_db.session() as s:
        assert s.get(ProgressEntry, added.entry_id).completion_pct == 45
    assert first.attached == 3


def test_an_encrypted_member_is_told_on_its_row(empty_db, tmp_path):
    build_registry(empty_db)
    zipped = tmp_path / "加密.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("进展.xlsx", _return(tmp_path / "b.xlsx").read_bytes())
        zf.writestr("2_secret.pdf", PDF)
    blob = bytearray(zipped.read_bytes())
    at = blob.index(b"PK\x01\x02")
    while True:  # the central directory entry of 2_secret.pdf: set "encrypted" (bit 0)
        size = int.from_bytes(blob[at + 28:at + 30], "little")
        if blob[at + 46:at + 46 + size] == b"2_secret.pdf":
            blob[at + 8] |= 1
            break
        at = blob.index(b"PK\x01\x02", at + 4)
    zipped.write_bytes(bytes(blob))
    preview = _preview(empty_db, zipped)
    [f] = preview.evidence
    assert (f.status_label, f.row, f.message) == ("不附加", 5, "已加密,无法读取")
    assert any("第5行" in d.text() and "已加密" in d.text() for d in preview.diagnostics)


def test_unpacked_copies_are_removed(empty_db, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    build_registry(empty_db)
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("进展.xlsx", _return(tmp_path / "b.xlsx").read_bytes())
        zf.writestr("1_照片.jpg", JPG)
    preview = _preview(empty_db, good)
    assert len(list(scratch.iterdir())) == 1  # the copies the commit will read
    _commit(empty_db, preview)
    preview.bundle.close()
    assert list(scratch.iterdir()) == []
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("进展.xlsx", _return(tmp_path / "c.xlsx").read_bytes())
        zf.writestr("1_zeros.pdf", bytes(4 * 1024 * 1024))
    with pytest.raises(UserFacingError):
        _preview(empty_db, bomb)
    assert list(scratch.iterdir()) == []  # a refused zip leaves nothing behind
