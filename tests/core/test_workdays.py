from datetime import date

import pytest

from jjjdesk.domain.workdays import (
    Override,
    add_workdays,
    day_kind,
    has_schedule,
    is_workday,
    next_workday,
    nth_workday_of_month,
    workdays_between,
)


def test_known_holidays_and_makeup_days():
    assert day_kind(date(2026, 10, 1)) == (False, "国庆节")
    assert day_kind(date(2026, 9, 20)) == (True, "调休上班")   # a Sunday worked
    assert day_kind(date(2026, 10, 10)) == (True, "调休上班")  # a Saturday worked
    assert day_kind(date(2025, 10, 8)) == (False, "国庆节、中秋节")
    assert is_workday(date(2025, 9, 28)) and is_workday(date(2025, 10, 11))
    assert day_kind(date(2026, 2, 17)) == (False, "春节")
    assert day_kind(date(2026, 11, 7)) == (False, "周末")
    assert day_kind(date(2026, 11, 9)) == (True, "工作日")


def test_deadline_moved_over_national_day():
    assert next_workday(date(2026, 10, 1)) == date(2026, 10, 8)
    assert next_workday(date(2026, 10, 8)) == date(2026, 10, 8)
    assert add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert workdays_between(date(2026, 9, 28), date(2026, 10, 11)) == 6


def test_nth_workday_of_month():
    assert nth_workday_of_month(2026, 10, 5) == date(2026, 10, 13)
    assert nth_workday_of_month(2026, 11, 5) == date(2026, 11, 6)
    with pytest.raises(ValueError):
        nth_workday_of_month(2026, 11, 30)


def test_years_without_schedule_fall_back_to_weekends_and_overrides_correct():
    assert has_schedule(2026) and not has_schedule(2027)
    assert is_workday(date(2027, 10, 1))                      # a Friday, no table for 2027
    ov = {date(2027, 10, 1): Override(date(2027, 10, 1), False, "国庆节")}
    assert day_kind(date(2027, 10, 1), ov) == (False, "国庆节")
    assert workdays_between(date(2027, 9, 27), date(2027, 10, 1), ov) == 4


def test_calendar_cli_counts_and_explains(capsys):
    import json

    from jjjdesk.cli.main import main

    assert main(["calendar", "workdays", "2026-09-28", "2026-10-11"]) == 0
    assert "共 6 个工作日" in capsys.readouterr().out
    assert main(["calendar", "workdays", "2026-10-11", "2026-09-28", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["workdays"] == 6
    assert main(["calendar", "is-workday", "2026-10-10"]) == 0
    assert capsys.readouterr().out.strip() == "2026-10-10:是工作日(调休上班)"
    assert main(["calendar", "is-workday", "2026-10-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "date": "2026-10-01", "workday": False, "reason": "国庆节", "schedule_loaded": True}
    assert main(["calendar", "is-workday", "2027-10-01"]) == 0
    assert "2027年的法定节假日安排尚未载入" in capsys.readouterr().out


def test_calendar_cli_refuses_a_bad_date_in_chinese(capsys):
    import pytest

    from jjjdesk.cli.main import main

    with pytest.raises(SystemExit) as exit_:
        main(["calendar", "is-workday", "2026-13-01"])
    assert exit_.value.code == 2
    assert "日期格式应为 2024-04-05:“2026-13-01”" in capsys.readouterr().err


def test_office_overrides_change_the_answers_and_are_audited(empty_db, capsys):
    import json

    from jjjdesk.cli.main import main

    db = ["--db", empty_db.url]
    assert main(["calendar", "is-workday", "2027-02-08", *db]) == 0
    assert "是工作日(工作日)" in capsys.readouterr().out
    assert main(["calendar", "override", "add", "2027-02-08", "--holiday",
                 "--note", "春节(待国务院通知)", *db]) == 0
    assert main(["calendar", "override", "add", "2027-02-20", "--workday", *db]) == 0
    capsys.readouterr()
    assert main(["calendar", "is-workday", "2027-02-08", *db]) == 0
    assert capsys.readouterr().out.startswith("2027-02-08:否工作日(春节(待国务院通知))")
    assert main(["calendar", "workdays", "2027-02-08", "2027-02-20", "--json", *db]) == 0
    assert json.loads(capsys.readouterr().out)["workdays"] == 10  # 10 weekdays - 1 + Saturday
    assert main(["calendar", "override", "list", "--json", *db]) == 0
    assert [o["date"] for o in json.loads(capsys.readouterr().out)] == ["2027-02-08",
                                                                       "2027-02-20"]
    assert main(["audit", "list", "--json", "--limit", "5", *db]) == 0
    summaries = [e["summary"] for e in json.loads(capsys.readouterr().out)]
    assert "工作日历:2027-02-08 设为休息日(春节(待国务院通知))" in summaries
    assert main(["calendar", "override", "remove", "2027-02-08", *db]) == 0
    assert main(["calendar", "override", "remove", "2027-02-08", *db]) == 1
    assert "没有调整" in capsys.readouterr().err
