"""`jjjdesk-cli import` exit codes: the same for a file alone or among others."""

from __future__ import annotations

import json

import pytest
from import_helpers import build_registry, write_xlsx

from jjjdesk.cli.main import main

CLEAN, WARNINGS, REJECTED, REFUSED = 0, 3, 4, 1


@pytest.fixture
def files(empty_db, tmp_path):
    build_registry(empty_db)
    head = [["2024年3月"], ["项目名称", "工作进展", "完成进度"]]
    return {
        CLEAN: write_xlsx(tmp_path / "clean.xlsx", [*head, ["津兴城际铁路", "铺轨", "50%"]]),
        # 0.45 among whole percents: questioned (a hidden row is data now, not a warning)
        WARNINGS: write_xlsx(tmp_path / "warn.xlsx", [*head, ["津兴城际铁路", "铺轨", "50"],
                                                      ["天津港北疆港区集装箱码头", "x", "0.45"]],
                             hidden_rows=(4,)),
        REJECTED: write_xlsx(tmp_path / "rejected.xlsx", [*head, ["津兴城际铁路", "铺轨", "50%"],
                                                          ["没有的项目", "x", "1"]]),
        REFUSED: _text_file(tmp_path / "refused.xlsx"),
    }


def _text_file(path):
    path.write_text("这不是表格", encoding="utf-8")
    return path


def _run(paths, db, *extra) -> int:
    return main(["import", *map(str, paths), "--preview", *extra, "--db", db.url])


def test_each_file_alone_gives_its_code(files, empty_db, capsys):
    for code, path in files.items():
        assert _run([path], empty_db) == code, path.name
        capsys.readouterr()


@pytest.mark.parametrize("combo", [
    (CLEAN, WARNINGS), (WARNINGS, REJECTED), (REJECTED, CLEAN), (REJECTED, REFUSED),
    (REFUSED, CLEAN), (CLEAN, WARNINGS, REJECTED, REFUSED)])
def test_several_files_give_the_worst_code(files, empty_db, capsys, combo):
    worst = max(combo, key=[CLEAN, WARNINGS, REJECTED, REFUSED].index)
    assert _run([files[c] for c in combo], empty_db) == worst
    capsys.readouterr()
    assert _run([files[c] for c in combo], empty_db, "--json") == worst
    reports = json.loads(capsys.readouterr().out)  # a refused file does not break --json
    assert len(reports) == len(combo)


def test_hidden_and_chosen_rows_can_be_skipped(empty_db, tmp_path, capsys):
    from sqlmodel import select

    from jjjdesk.domain.models import ProgressEntry
    build_registry(empty_db)
    path = write_xlsx(tmp_path / "skip.xlsx", [
        ["2024年3月"], ["项目名称", "工作进展", "完成进度"], ["津兴城际铁路", "铺轨", "50%"],
        ["天津港北疆港区集装箱码头", "x", "40%"], ["滨海新区生物医药产业园", "y", "30%"]],
        hidden_rows=(4,))
    args = ["import", str(path), "--skip-hidden", "--skip-row", "5", "--json", "--db",
            empty_db.url]
    assert main(args) == CLEAN  # left out by choice: not a rejection
    (report,) = json.loads(capsys.readouterr().out)
    assert report["counts"]["new"] == 1 and report["counts"]["rejected"] == 2
    with empty_db.session() as s:
        assert [e.progress for e in s.exec(select(ProgressEntry))] == ["铺轨"]
    assert main(["import", str(path), "--skip-row", "x", "--db", empty_db.url]) == REFUSED
    assert "行号“x”不正确" in capsys.readouterr().err
