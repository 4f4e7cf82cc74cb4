"""Audit rows in words: labels for record types, actions and fields, and "old → new" lines."""

from __future__ import annotations

from typing import Any

from jjjdesk.domain.actor import ROLE_LABELS

ENTITY_LABELS = {
    "unit": "责任单位",
    "task": "重点任务",
    "project": "重点项目",
    "indicator": "目标指标",
    "entry": "进展填报",
    "progress_entry": "进展填报",
    "round": "填报批次",
    "reporting_round": "填报批次",  # the demo history's row
    "coop_part": "配合进展",
    "indicator_value": "指标值",
    "problem": "问题清单",
    "problem_action": "问题办理记录",
    "import_batch": "导入批次",
    "user": "用户",
    "audit_event": "审计日志",
    "setting": "设置",
    "registry": "台账",
    "plan": "方案",
    "category": "任务类别",
    "extension_request": "延期申请",
    "attachment": "佐证材料",
    "attachment_content": "附件存储",
    "round_schedule": "批次计划",
    "reminder_log": "催报记录",
    "database": "数据库",
    "audit": "审计日志",
}

ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "undo": "撤销",
    "demo": "演示数据",
    "import": "导入",
    "login": "登录",
    "login_failed": "登录失败",
    "lockout": "账号锁定",
    "restore": "从备份恢复",
    "checkpoint": "导出审计检查点",
    "export": "导出",
}

FIELD_LABELS = {
    "key_id": "签名公钥",
    "chain_hash": "链哈希",
    "schedule_kind": "计划类型",
    "deadline_offset": "截止工作日",
    "scope": "范围",
    "paused": "已暂停",
    "channel": "方式",
    "sent_at": "时间",
    "sent_by": "催报人",
    "failed_logins": "连续密码错误次数",
    "filters": "筛选条件",
    "start": "起始时间",
    "end": "截止时间",
    "locked_until": "锁定至",
    "password_changed_at": "密码设置时间",
    "original_due": "原定完成时限",
    "requested_until": "申请延期至",
    "requested_by": "申请人",
    "requested_at": "申请时间",
    "decided_by": "审批人",
    "decided_at": "审批时间",
    "decision_note": "审批意见",
    "name": "名称",
    "short_name": "简称",
    "kind": "类型",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "note": "备注",
    "aliases": "别名",
    "code": "编号",
    "number": "序号",
    "title": "标题",
    "content": "内容",
    "description": "说明",
    "plan_id": "方案",
    "category_id": "类别",
    "parent_id": "上级任务",
    "lead_unit_id": "牵头单位",
    "cooperating_unit_ids": "配合单位",
    "co_lead_unit_ids": "共同牵头单位",
    "reported_by": "填报人",
    "reported_at": "填报时间",
    "district_id": "所在区",
    "industry_chain": "产业链",
    "total_investment": "总投资(亿元)",
    "stage": "阶段",
    "annual_investment": "年度计划投资(亿元)",
    "start_date": "开始日期",
    "due_date": "完成时限",
    "planned_start": "计划开工",
    "planned_completion": "计划竣工",
    "task_id": "关联任务",
    "project_id": "关联项目",
    "measure": "计量单位",
    "baseline_year": "基期年份",
    "baseline_value": "基期值",
    "target_year": "目标年份",
    "target_value": "目标值",
    "direction": "方向",
    "period_key": "期次",
    "period_kind": "周期",
    "assessment": "推进情况",
    "completion_pct": "完成进度(%)",
    "invest_period": "本期投资(亿元)",
    "invest_cumulative": "累计投资(亿元)",
    "progress": "工作进展",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "coordination": "需协调事项",
    "reporter": "填报人",
    "reporter_unit_id": "填报单位",
    "review_state": "审核状态",
    "review_comment": "审核意见",
    "submitted_at": "报送时间", "reported_on": "填报日期",
    "reviewed_by": "审核人",
    "reviewed_at": "审核时间",
    "cumulative_reason": "累计投资说明",
    "deadline": "截止日期",
    "state": "状态",
    "resolution": "解决情况",
    "closed_at": "销号时间",
    "username": "用户名",
    "display_name": "姓名",
    "role": "角色",
    "unit_id": "所属单位",
    "active": "启用",
    "must_change_password": "须修改密码",
    "password": "密码",
    "value": "值",
    "source": "来源",
    "counts": "数量",
    "categories": "类别",
    "indicators": "指标",
    "projects": "项目",
    "tasks": "任务",
    "units": "单位",
    # Every other column of the tables (tests/core/test_audit_labels.py keeps this complete).
    "action": "操作", "actor": "操作人", "after": "修改后", "alias": "别名", "at": "时间",
    "batch_id": "导入批次", "before": "修改前", "changes": "修改内容", "created_at": "创建时间",
    "created_by": "创建人", "diagnostics": "检查结果", "end_year": "结束年份", "entity": "记录类型",
    "entity_id": "记录编号", "entry_id": "进展填报", "field": "字段", "file_hash": "文件校验码",
    "file_name": "文件名", "hash": "校验码", "header_key": "表头", "id": "编号",
    "import_batch_id": "导入批次", "indicator_id": "关联指标", "is_demo": "演示数据",
    "issued": "印发", "issuer": "印发单位", "key": "设置项", "last_login_at": "最近登录",
    "last_period_key": "最近填报期次", "owner_unit_id": "责任单位", "password_hash": "密码",
    "prev_hash": "前一校验码", "problem_id": "关联问题", "raised_period_key": "提出期次",
    "reason": "原因", "responsible_person": "责任人", "reminded_at": "催报时间",
    "round_id": "填报批次", "row_key": "记录",
    "search_text": "检索文本", "seq": "序号", "sort_key": "排序", "sort_order": "排序",
    "source_row": "来源行", "source_sheet": "来源工作表", "start_year": "开始年份",
    "summary": "摘要", "table_name": "数据表", "undone_at": "撤销时间", "undone_by": "撤销人",
    "updated_at": "修改时间", "updated_by": "修改人", "version": "版本",
    "chunk_count": "分块数", "content_sha256": "内容校验码", "data": "内容",
    "deleted_at": "删除时间", "deleted_by": "删除人", "entry_version": "填报版本",
    "media_type": "文件类型", "sha256": "内容校验码", "size": "大小", "uploader": "上传人",
    "extension_id": "关联延期申请", "contents": "文件内容数",
    # Keys of import counts, demo and undo rows.
    "new": "新增", "changed": "修改", "unchanged": "无变化", "rejected": "未导入",
    "errors": "错误", "warnings": "警告", "rows": "记录数", "periods": "期次",
    "entries": "进展填报", "undone_event": "撤销的审计记录",
    "closed": "销号", "rounds": "填报批次",  # the demo history's counts
    "items": "事项",  # a new round's count of items
}

# Stored codes shown as words, per field.
VALUE_LABELS = {
    "role": {role.value: text for role, text in ROLE_LABELS.items()},
    "review_state": {
        "draft": "草稿",
        "submitted": "已报送",
        "approved": "已审核",
        "returned": "退回",
    },
    "period_kind": {"month": "月度", "quarter": "季度", "year": "年度", "half": "半年"},
}

# Enum-valued fields: which enums' labels apply, per record type ("" = any record type).
_ENUMS = {
    "kind": {"unit": "UnitKind", "project": "ProjectKind", "problem": "ProblemKind",
             "problem_action": "ProblemActionKind"},
    "stage": {"project": "Stage"},
    "direction": {"": "Direction"},
    "assessment": {"": "Assessment"},
    "review_state": {"": "ReviewState"},
    "source": {"entry": "EntrySource", "progress_entry": "EntrySource"},
    "state": {"round": "RoundState", "problem": "ProblemState"},
}

# Bookkeeping that tells a reader nothing about what changed.
_SKIP = {
    "id", "version", "created_at", "updated_at", "sort_key", "search_text", "is_demo",
    "password_hash", "hash", "prev_hash",
}
MAX_VALUE = 60
CALENDAR_PREFIX, CALENDAR_LABEL = "calendar ", "工作日历"


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _setting_spec(key: str):
    from jjjdesk.services.settings import DOMAIN_SETTINGS  # (settings writes the audit)

    return next((spec for spec in DOMAIN_SETTINGS if spec.key == key), None)


def field_label(field: str) -> str:
    """A column's label; a setting's row names the setting (not "lag.red_gap") and a work
    calendar row its day (workday_overrides keys it "calendar 2026-12-05")."""
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    if field.startswith(CALENDAR_PREFIX):
        return f"{CALENDAR_LABEL} {field.removeprefix(CALENDAR_PREFIX)}"
    spec = _setting_spec(field) if "." in field else None
    return spec.label if spec is not None else field


def enum_text(value: str, field: str, entity: str = "") -> str:
    """A stored code in words: the field's enum for this record type, else any enum knowing it."""
    from jjjdesk.domain.enums import LABELS

    if value in VALUE_LABELS.get(field, {}):
        return VALUE_LABELS[field][value]
    spec = _setting_spec(field) if "." in field else None
    if spec is not None:
        return dict(spec.choices).get(value, value)  # "month" → 月, as the settings page
    per_entity = _ENUMS.get(field, {})
    names = [n for n in (per_entity.get(entity), per_entity.get("")) if n]
    names += list(per_entity.values())
    for name in names:
        if value in LABELS[name]:
            return LABELS[name][value]
    return value


def value_text(value: Any, field: str = "", entity: str = "") -> str:
    value = enum_text(value, field, entity) if isinstance(value, str) and field else value
    if isinstance(value, dict):
        return "、".join(f"{field_label(k)} {value_text(v)}" for k, v in value.items()) or "(空)"
    if value is None or value == "":
        return "(空)"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(value_text(v) for v in value) or "(空)"
    text = str(value).replace("\n", " ")
    if len(text) > 10 and text[4:5] == "-" and "T" in text[10:11]:
        text = text.replace("T", " ")[:16]  # ISO timestamps read as 2024-03-05 14:30
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def change_items(changes: dict[str, Any], entity: str = "") -> list[tuple[str, str, str]]:
    """(label, old, new) per field in words; creations have no old, deletions say (删除)."""
    items: list[tuple[str, str, str]] = []
    for field, pair in (changes.get("fields") or {}).items():
        if field in _SKIP:
            continue
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        items.append(
            (field_label(field), value_text(old, field, entity), value_text(new, field, entity))
        )
    for key in ("after", "before"):
        snapshot = changes.get(key)
        if not isinstance(snapshot, dict):
            continue
        for field, value in snapshot.items():
            if field in _SKIP or value in (None, "", []):
                continue
            shown = value_text(value, field, entity)
            items.append((field_label(field), "", shown) if key == "after"
                         else (field_label(field), shown, "(删除)"))
    for key, value in changes.items():
        if key in ("fields", "after", "before") or value in (None, "", [], {}):
            continue
        if isinstance(value, list) and len(value) == 2 and entity == "setting":
            items.append((field_label(key), value_text(value[0], key), value_text(value[1], key)))
        else:
            items.append((field_label(key), "", value_text(value, key, entity)))
    return items


def describe_changes(changes: dict[str, Any], entity: str = "") -> list[str]:
    """One line per field: "完成进度(%):40 → 60"; creations and deletions list the values."""
    lines = []
    for label, old, new in change_items(changes, entity):
        lines.append(f"{label}:{old} → {new}" if old else f"{label}:→ {new}")
    return lines
