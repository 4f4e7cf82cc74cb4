"""`jjjdesk-cli round …` on the demo registry: create, list, board, remind."""

from __future__ import annotations

import json

import pytest

from jjjdesk.cli.main import main

pytestmark = pytest.mark.sqlite_only


def test_round_create_list_board_remind(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["init", "--demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["round", "create", "2024年3月", "--deadline", "2024-04-05", "--db", db]) == 0
    assert "已创建填报批次 1:2024年3月月报" in capsys.readouterr().out
    assert main(["round", "list", "--db", db]) == 0
    assert "2024年3月月报\t进行中\t截止2024-04-05" in capsys.readouterr().out
    assert main(["round", "board", "1", "--today", "2024-04-08", "--json", "--db", db]) == 0
    board = json.loads(capsys.readouterr().out)
    assert {r["state_label"] for r in board["rows"]} == {"逾期"}
    assert main(["round", "remind", "1", "--today", "2024-04-08", "--db", db]) == 0
    text = capsys.readouterr().out
    assert text.startswith("截至4月8日,以下单位尚未报送2024年3月月报(已逾期4月5日):")
    with pytest.raises(SystemExit) as bad:  # argparse usage error
        main(["round", "create", "2024-13", "--deadline", "2024-04-05", "--db", db])
    assert bad.value.code == 2
    assert "无法识别的期次" in capsys.readouterr().err
