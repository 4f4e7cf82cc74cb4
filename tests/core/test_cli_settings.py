"""`jjjdesk-cli settings list|set`: the domain settings, validated and audited as in the GUI."""

from __future__ import annotations

import json

from jjjdesk.cli.main import main
from jjjdesk.services import settings


def test_settings_are_listed_and_set(empty_db, capsys):
    assert main(["settings", "list", "--json", "--db", empty_db.url]) == 0
    listed = {v["key"]: v["value"] for v in json.loads(capsys.readouterr().out)}
    assert listed["remind.within_workdays"] == 3
    assert main(["settings", "set", "remind.within_workdays", "5", "--db", empty_db.url]) == 0
    assert "已将“临期提醒(工作日)”设为 5" in capsys.readouterr().out
    with empty_db.session() as s:
        assert settings.get_setting(session=s, key="remind.within_workdays") == 5


def test_a_bad_key_or_value_is_one_line_and_changes_nothing(empty_db, capsys):
    assert main(["settings", "set", "no.such", "1", "--db", empty_db.url]) != 0
    assert "没有设置项“no.such”" in capsys.readouterr().err
    assert main(["settings", "set", "remind.within_workdays", "99", "--db", empty_db.url]) != 0
    err = capsys.readouterr().err
    assert "临期提醒(工作日)应在0到20之间" in err and "Traceback" not in err
    with empty_db.session() as s:
        assert settings.get_setting(session=s, key="remind.within_workdays") == 3
