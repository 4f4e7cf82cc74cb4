"""The audit's summaries: every sentence the app writes, one template each, read back by slots.

A summary is stored in Chinese when the event happens (the log is a Chinese record, and the
hash chain seals the text). Writers build it from a template of this catalogue, so the words
cannot drift from what a reader parses; `summary_parts` turns a stored summary back into its
template and slot values, which is how the English interface shows it (gui/audit_words.py).
Each template carries its English form: the GUI's translation (.ts, "dynamic" context) wins
when it has one, this English stands in when it does not. A summary written by an older
version that matches no template is shown as stored.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Template:
    """A summary in Chinese with {named} slots, and its English with the same slots."""

    zh: str
    en: str
    key: str = field(default="", compare=False)

    def __call__(self, **slots: object) -> str:
        return self.zh.format(**slots)

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(name for _, name, _, _ in string.Formatter().parse(self.zh) if name)


# ---- users and sign-in ------------------------------------------------------------------
FIRST_ADMIN = Template("创建初始管理员 {name}", "Initial administrator {name} created")
USER_CREATE = Template("新增用户 {name}", "New user {name}")
USER_UPDATE = Template("修改用户 {name}", "User {name} changed")
PASSWORD_RESET = Template("重置用户 {name} 的密码", "Password of user {name} reset")
PASSWORD_CHANGE = Template("用户 {name} 修改了密码", "User {name} changed their password")
LOGIN = Template("用户 {name} 登录", "User {name} signed in")
LOGIN_WRONG_PASSWORD = Template("以用户名“{name}”登录失败:密码错误",
                                "Sign-in as “{name}” failed: wrong password")
LOGIN_NO_USER = Template("以用户名“{name}”登录失败:用户名不存在",
                         "Sign-in as “{name}” failed: no such user name")
LOGIN_INACTIVE = Template("以用户名“{name}”登录失败:账号已停用",
                          "Sign-in as “{name}” failed: the account is disabled")
LOGIN_LOCKED = Template("以用户名“{name}”登录失败:账号已锁定,拒绝登录",
                        "Sign-in as “{name}” failed: the account is locked, sign-in refused")
LOCKOUT = Template("以用户名“{name}”登录失败:密码连续输错 {count} 次,账号锁定至 {time}",
                   "Sign-in as “{name}” failed: wrong password {count} times in a row, "
                   "account locked until {time}")
# ---- registry -----------------------------------------------------------------------------
UNIT_CREATE = Template("新增单位 {name}", "New unit {name}")
UNIT_UPDATE = Template("修改单位 {name}", "Unit {name} changed")
UNIT_DELETE = Template("删除单位 {name}", "Unit {name} deleted")
TASK_CREATE = Template("新增任务 {title}", "New task {title}")
TASK_UPDATE = Template("修改任务 {title}", "Task {title} changed")
TASK_DELETE = Template("删除任务 {title}", "Task {title} deleted")
PROJECT_CREATE = Template("新增项目 {name}", "New project {name}")
PROJECT_UPDATE = Template("修改项目 {name}", "Project {name} changed")
PROJECT_DELETE = Template("删除项目 {name}", "Project {name} deleted")
INDICATOR_CREATE = Template("新增指标 {name}", "New indicator {name}")
INDICATOR_UPDATE = Template("修改指标 {name}", "Indicator {name} changed")
INDICATOR_DELETE = Template("删除指标 {name}", "Indicator {name} deleted")
INDICATOR_VALUE = Template("{name} {period} = {value}", "{name} {period} = {value}")
REGISTRY_PLAN = Template("导入台账时新增方案 {name}", "New plan {name} from a registry import")
REGISTRY_CATEGORY = Template("导入台账时新增类别{category}",
                             "New category {category} from a registry import")
# ---- rounds, entries, review --------------------------------------------------------------
ROUND_CREATE = Template("创建填报批次 {name}", "Reporting round {name} created")
ROUND_CLOSE = Template("关闭填报批次 {name}", "Reporting round {name} closed")
ROUND_REOPEN = Template("重新开放填报批次 {name}", "Reporting round {name} reopened")
SCHEDULE_CREATE = Template("新增批次计划 {name}", "New round schedule {name}")
SCHEDULE_UPDATE = Template("修改批次计划 {name}", "Round schedule {name} changed")
SCHEDULE_PAUSE = Template("暂停批次计划 {name}", "Round schedule {name} paused")
SCHEDULE_RESUME = Template("恢复批次计划 {name}", "Round schedule {name} resumed")
REMIND = Template("催报 {round}:{count} 个单位({channel})",
                  "Reminder for {round}: {count} units ({channel})")
ENTRY_SAVE = Template("填报 {title} {period}", "Entry saved: {title}, {period}")
ENTRY_SAVE_SHEET = Template("填报 {title} {period}(整表保存)",
                            "Entry saved: {title}, {period} (whole-sheet save)")
ENTRY_SUBMIT = Template("报送 {title} {period}", "Submitted: {title}, {period}")
REVIEW_APPROVE = Template("审核通过 {title} {period}", "Approved: {title}, {period}")
REVIEW_RETURN = Template("退回修改 {title} {period}", "Returned for changes: {title}, {period}")
REVIEW_REOPEN = Template("重新打开 {title} {period}", "Reopened: {title}, {period}")
COOP_CREATE = Template("填报{name}的配合进展", "Cooperating progress on {name} entered")
COOP_UPDATE = Template("修改{name}的配合进展", "Cooperating progress on {name} changed")
EXTENSION_REQUEST = Template("申请延期:{title},由{from_day}延至{to_day}",
                             "Extension requested: {title}, from {from_day} to {to_day}")
EXTENSION_APPROVE = Template("批准延期:{title},完成时限由{from_day}调整为{to_day}",
                             "Extension approved: {title}, due date moved from {from_day} "
                             "to {to_day}")
EXTENSION_REJECT = Template("不批准延期:{title}", "Extension refused: {title}")
# ---- problems -----------------------------------------------------------------------------
PROBLEM_CREATE = Template("新增{problem_kind}:{text}", "New {problem_kind}: {text}")
PROBLEM_DROPPED = Template("删除已不再提出的问题", "Problem no longer raised deleted")
PROBLEM_STATE = Template("问题{old_state}→{new_state}:{text}",
                         "Problem {old_state} → {new_state}: {text}")
PROBLEM_ASSIGN = Template("交办问题给{unit},办结时限{due}:{text}",
                          "Problem assigned to {unit}, due {due}: {text}")
PROBLEM_ASSIGN_PERSON = Template("交办问题给{unit}({person}),办结时限{due}:{text}",
                                 "Problem assigned to {unit} ({person}), due {due}: {text}")
PROBLEM_STEP = Template("问题{step}:{text}:{note}", "Problem {step}: {text}: {note}")
# ---- evidence -----------------------------------------------------------------------------
ATTACHMENT_ADD = Template("添加佐证材料“{file}”({size})到{owner} {owner_id}",
                          "Evidence “{file}” ({size}) added to {owner} {owner_id}")
ATTACHMENT_DELETE = Template("删除{owner} {owner_id}的佐证材料“{file}”",
                             "Evidence “{file}” of {owner} {owner_id} deleted")
ATTACHMENT_CLEANUP = Template("清理未被任何佐证材料使用的文件内容 {count} 个,共 {size}",
                              "{count} stored files no evidence uses cleaned up, {size} in all")
# ---- imports, undo ------------------------------------------------------------------------
IMPORT = Template("导入“{file}”:新增 {created} 条,修改 {updated} 条",
                  "Imported “{file}”: {created} new, {updated} changed")
IMPORT_FILES = Template("导入“{file}”:新增 {created} 条,修改 {updated} 条,附加佐证材料 {files} 个",
                        "Imported “{file}”: {created} new, {updated} changed, "
                        "{files} evidence files attached")
IMPORT_UNDO = Template("撤销导入“{file}”(批次 {batch})",
                       "Import of “{file}” undone (batch {batch})")
UNDO = Template("撤销:{summary}", "Undone: {summary}")
# ---- settings, calendar, database ---------------------------------------------------------
SETTING = Template("修改设置 {setting}:{old} → {new}", "Setting {setting} changed: {old} → {new}")
CALENDAR_SET = Template("工作日历:{day} 设为{day_kind}", "Work calendar: {day} set to {day_kind}")
CALENDAR_SET_NOTE = Template("工作日历:{day} 设为{day_kind}({note})",
                             "Work calendar: {day} set to {day_kind} ({note})")
CALENDAR_CLEAR = Template("工作日历:取消 {day} 的调整(原为{day_kind})",
                          "Work calendar: change of {day} removed (was {day_kind})")
RESTORE = Template("从备份 {file} 恢复数据库", "Database restored from backup {file}")
RESTORE_KEPT = Template("从备份 {file} 恢复数据库(恢复前的数据库已另存为 {kept})",
                        "Database restored from backup {file} (the database as it was "
                        "saved as {kept})")
CHECKPOINT = Template("导出审计检查点:至第 {last} 条,共 {count} 条",
                      "Audit checkpoint exported: up to event {last}, {count} events")
AUDIT_EXPORT = Template("导出审计日志 {count} 条到 {file}",
                        "{count} audit events exported to {file}")
DEMO = Template("载入演示数据", "Demo data loaded")
DEMO_ENTRIES = Template("载入演示进展填报 {count} 条", "{count} demo progress entries loaded")
DEMO_HISTORY = Template("载入演示填报历史:{rounds} 个批次",
                        "Demo reporting history loaded: {rounds} rounds")

#: Every template by its name (derived from this module, never kept by hand).
CATALOGUE: dict[str, Template] = {}
for _name, _value in list(globals().items()):
    if isinstance(_value, Template):
        object.__setattr__(_value, "key", _name)
        CATALOGUE[_name] = _value

#: The app's own words that a slot may hold, with their English (the .ts wins when it knows
#: them; enum labels and setting names are translated there already).
WORDS = {
    "进展填报": "Progress entry", "问题": "Problem", "延期申请": "Extension request",
    "工作日": "Working day", "休息日": "Day off", "未定": "not set",
    "复制催报": "copied reminder", "导出通知单": "exported notice", "命令行": "command line",
}
#: How a slot's value is shown in another language, by slot name (other slots are data).
PERIOD_SLOTS = frozenset({"period"})
DAY_SLOTS = frozenset({"from_day", "to_day"})  # "2027年12月31日" or 未定
WORD_SLOTS = frozenset({"problem_kind", "old_state", "new_state", "step", "channel", "owner",
                        "setting", "old", "new", "day_kind"})
SIZE_SLOTS = frozenset({"size"})
NESTED_SLOTS = frozenset({"summary"})  # 撤销:<another summary>
_DAY = r"\d{4}年\d{1,2}月\d{1,2}日|未定"
_PATTERNS = {
    "period": r"\d{4}年(?:第\d{1,2}周|\d{1,2}月|第[一二三四]季度)?",
    "from_day": _DAY, "to_day": _DAY, "summary": r".+",
}


def _words(labels) -> str:
    """Known words, longest first ("红黑榜权重:按时报送" holds a colon, so a setting's name
    cannot be read as "anything up to the colon"); anything else still matches, for the
    labels of an older version."""
    return "|".join(re.escape(w) for w in sorted(set(labels), key=len, reverse=True)) + "|.*?"


def _slot_patterns() -> dict[str, str]:
    from jjjdesk.domain.enums import ProblemActionKind, ProblemKind, ProblemState
    from jjjdesk.services.schedules import CHANNELS
    from jjjdesk.services.settings import DOMAIN_SETTINGS

    return _PATTERNS | {
        "problem_kind": _words(k.label for k in ProblemKind),
        "old_state": _words(k.label for k in ProblemState),
        "new_state": _words(k.label for k in ProblemState),
        "step": _words(k.label for k in ProblemActionKind),
        "channel": _words(CHANNELS.values()),
        "setting": _words(spec.label for spec in DOMAIN_SETTINGS),
        "day_kind": _words(("工作日", "休息日")),
        "owner": _words(("进展填报", "问题", "延期申请")),
    }


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Template, re.Pattern[str]], ...]:
    """One regex per template, the most literal text first, so "填报 {title} {period}(整表保存)"
    is tried before "填报 {title} {period}" and "新增项目 {name}" before "新增{problem_kind}:…"."""
    out, patterns = [], _slot_patterns()
    for template in CATALOGUE.values():
        pattern, literal = [], 0
        for text, name, _spec, _conv in string.Formatter().parse(template.zh):
            pattern.append(re.escape(text))
            literal += len(text)
            if name:
                pattern.append(f"(?P<{name}>{patterns.get(name, '.*?')})")
        out.append((literal, template, re.compile("".join(pattern), re.DOTALL)))
    out.sort(key=lambda item: -item[0])
    return tuple((template, regex) for _, template, regex in out)


def summary_parts(summary: str) -> tuple[str, dict[str, str]] | None:
    """(template name, slot values) of a stored summary; None when no template wrote it."""
    for template, regex in _compiled():
        found = regex.fullmatch(summary)
        if found:
            return template.key, found.groupdict()
    return None
