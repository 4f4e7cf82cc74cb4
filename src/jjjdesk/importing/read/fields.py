"""The fields a return or a registry sheet can carry, with the header words people use for them.

`SYNONYMS` is the header synonyms table: the first word of each list is the canonical
header (our templates write exactly that). Matching compares `header_key`s, so width,
spaces, Traditional characters and a unit in brackets do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jjjdesk.domain.text import match_key


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # key / code / name / unit / period / enum / percent / amount / number / int /
    #            date / text / prose / list / ignore


_SPECS = [
    # what a row is about
    FieldSpec("key", "行标识", "key"),
    FieldSpec("seq", "序号", "ignore"),
    FieldSpec("code", "编号", "code"),
    FieldSpec("name", "名称", "name"),
    FieldSpec("unit", "责任单位", "unit"),
    FieldSpec("period", "填报期次", "period"),
    # progress entries (labels as in domain.entry_rules.ENTRY_FIELDS)
    FieldSpec("assessment", "推进情况", "enum"),
    FieldSpec("completion_pct", "完成进度(%)", "percent"),
    FieldSpec("invest_period", "本期完成投资(亿元)", "amount"),
    FieldSpec("invest_cumulative", "累计完成投资(亿元)", "amount"),
    FieldSpec("progress", "工作进展", "prose"),
    FieldSpec("problems", "存在问题", "prose"),
    FieldSpec("next_steps", "下步计划", "prose"),
    FieldSpec("coordination", "需协调事项", "prose"),
    FieldSpec("cumulative_reason", "累计投资调整原因", "prose"),
    FieldSpec("remark", "备注", "ignore"),
    FieldSpec("report_date", "填报日期", "date"),
    # registry
    FieldSpec("unit_kind", "单位类型", "enum"),
    FieldSpec("aliases", "别名", "list"),
    FieldSpec("contact_person", "联系人", "text"),
    FieldSpec("contact_phone", "联系电话", "text"),
    FieldSpec("district", "所在区", "unit"),
    FieldSpec("industry_chain", "产业链", "text"),
    FieldSpec("project_kind", "项目类型", "enum"),
    FieldSpec("total_investment", "总投资(亿元)", "amount"),
    FieldSpec("annual_investment", "年度计划投资(亿元)", "amount"),
    FieldSpec("stage", "项目阶段", "enum"),
    FieldSpec("planned_start", "计划开工时间", "date"),
    FieldSpec("planned_completion", "计划竣工时间", "date"),
    FieldSpec("task", "所属任务", "text"),
    FieldSpec("description", "建设内容", "prose"),
    FieldSpec("measure", "计量单位", "text"),
    FieldSpec("baseline_year", "基期年份", "int"),
    FieldSpec("baseline_value", "基期值", "number"),
    FieldSpec("target_year", "目标年份", "int"),
    FieldSpec("target_value", "目标值", "number"),
    FieldSpec("direction", "指标方向", "enum"),
    FieldSpec("note", "说明", "prose"),
    # key tasks (重点任务) in an office's ledger
    FieldSpec("category", "所属类别", "text"),
    FieldSpec("cooperating", "配合单位", "list"),
    FieldSpec("window", "完成时限", "text"),
    FieldSpec("task_start", "开始时间", "text"),
    FieldSpec("task_due", "完成时间", "text"),
    FieldSpec("content", "任务内容", "prose"),
    FieldSpec("subtasks", "分解任务", "prose"),
]
FIELDS: dict[str, FieldSpec] = {f.name: f for f in _SPECS}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "key": ("行标识", "__key", "_key", "key", "系统编号", "系统标识"),
    "seq": ("序号", "编号序号", "顺序号", "no", "no."),
    "code": ("项目编号", "项目代码", "项目编码", "任务编号", "任务序号", "编号", "代码", "编码"),
    "name": ("名称", "项目名称", "任务名称", "重点任务", "重点项目", "项目", "任务", "事项",
             "工作任务", "事项名称", "重点任务名称", "重点项目名称", "指标名称", "指标"),
    "unit": ("责任单位", "牵头单位", "填报单位", "责任部门", "牵头部门", "主责单位", "单位",
             "实施单位", "建设单位", "报送单位"),
    "period": ("填报期次", "期次", "报告期", "所属期", "填报期", "报告期次", "统计期"),
    "assessment": ("推进情况", "推进状态", "进展状态", "进度状态", "完成状态", "状态", "评价",
                   "进展评价", "推进评价"),
    "completion_pct": ("完成进度", "完成比例", "完成百分比", "完成率", "形象进度", "进度",
                       "完成进度百分比", "任务完成进度"),
    "invest_period": ("本期完成投资", "本月完成投资", "本季度完成投资", "本季完成投资",
                      "本周完成投资", "本年完成投资", "本期投资", "本月投资", "当期完成投资",
                      "本期完成", "本月完成", "本季度完成", "当月完成投资"),
    "invest_cumulative": ("累计完成投资", "累计投资", "开工累计完成投资", "累计完成投资额",
                          "累计完成", "自开工累计完成投资"),
    "progress": ("工作进展", "进展情况", "进展", "工作进展情况", "推进情况说明", "工作开展情况",
                 "主要进展", "本期进展", "本月进展", "完成情况", "工作完成情况", "进展情况说明"),
    "problems": ("存在问题", "困难和问题", "存在的问题", "问题", "困难问题", "主要问题",
                 "存在困难和问题", "存在的困难和问题", "问题和困难"),
    "next_steps": ("下步计划", "下一步计划", "下步工作计划", "下一步工作", "下步打算",
                   "下一步工作计划", "下步工作", "下一步打算"),
    "coordination": ("需协调事项", "需协调解决的问题", "协调事项", "需要协调的问题",
                     "需协调解决事项", "需市级协调事项", "需协调解决的事项", "需要协调解决的问题"),
    "cumulative_reason": ("累计投资调整原因", "调整原因", "调减原因"),
    "remark": ("备注", "其他"),
    "report_date": ("填报日期", "报送日期", "填表日期", "填报时间", "报送时间"),
    "unit_kind": ("单位类型", "单位类别", "类型"),
    "aliases": ("别名", "简称", "又称", "其他名称"),
    "contact_person": ("联系人",),
    "contact_phone": ("联系电话", "电话", "手机"),
    "district": ("所在区", "所属区", "区域", "所在区县", "属地", "区"),
    "industry_chain": ("产业链", "所属产业链", "六链五群"),
    "project_kind": ("项目类型", "项目类别", "项目分类"),
    "total_investment": ("总投资", "计划总投资", "项目总投资"),
    "annual_investment": ("年度计划投资", "年度投资", "本年计划投资", "年计划投资"),
    "stage": ("项目阶段", "建设阶段", "阶段", "项目进度阶段"),
    "planned_start": ("计划开工时间", "开工时间", "计划开工", "开工日期"),
    "planned_completion": ("计划竣工时间", "竣工时间", "计划竣工", "竣工日期", "计划完成时间"),
    "task": ("所属任务", "对应任务", "关联任务"),
    "description": ("建设内容", "建设规模及内容", "主要建设内容", "项目内容"),
    "measure": ("计量单位", "单位名称及计量", "度量单位"),
    "baseline_year": ("基期年份", "基准年", "基期"),
    "baseline_value": ("基期值", "基准值", "基期数值"),
    "target_year": ("目标年份", "目标年"),
    "target_value": ("目标值", "目标", "目标数值"),
    "direction": ("指标方向", "方向", "指标属性"),
    "note": ("说明", "指标说明"),
    "category": ("所属类别", "类别", "任务类别", "任务分类", "所属领域", "重点领域", "领域",
                 "所属板块", "板块", "类别名称"),
    "cooperating": ("配合单位", "协同单位", "配合部门", "协办单位", "参与单位", "协同部门",
                    "配合责任单位", "协作单位", "参加单位"),
    "window": ("完成时限", "时间节点", "完成时间节点", "时限", "时限要求", "完成时限要求",
               "起止时间", "起止年限", "实施期限", "实施年限", "完成期限", "推进时限",
               "时间安排"),
    "task_start": ("开始时间", "起始时间", "启动时间", "开始日期", "起始日期", "开始年份"),
    "task_due": ("完成时间", "截止时间", "截止日期", "完成日期", "完成年份", "截止年份"),
    "content": ("任务内容", "工作内容", "主要内容", "具体内容", "任务描述", "工作要求",
                "目标要求", "任务要求", "工作目标"),
    "subtasks": ("分解任务", "子任务", "具体举措", "工作举措", "主要举措", "具体措施",
                 "重点举措", "任务分解", "分解事项"),
}

#: Which fields each kind of sheet may use (decides the mapping when a word is ambiguous).
ENTRY_SHEET = ("key", "seq", "code", "name", "unit", "period", "assessment", "completion_pct",
               "invest_period", "invest_cumulative", "progress", "problems", "next_steps",
               "coordination", "cumulative_reason", "remark", "total_investment", "report_date")

_UNIT_IN_HEADER = re.compile(r"[(\[【]\s*([^)\]】]*)\s*[)\]】]")
_HEADER_NOISE = re.compile(r"[*※★:：\n\r]")


def split_header(text: str) -> tuple[str, str]:
    """("累计完成投资(万元)") → ("累计完成投资", "万元"); the unit may be %, 亿元, 万元, 元 …"""
    unit = ""
    text = unicodedata.normalize("NFKC", text)  # （万元） → (万元), ％ → %
    for m in _UNIT_IN_HEADER.finditer(text):
        unit = m.group(1).strip()
    bare = _UNIT_IN_HEADER.sub("", text)
    bare = _HEADER_NOISE.sub("", bare)
    if bare.endswith(("%", "％")):
        bare, unit = bare[:-1], unit or "%"
    for suffix in ("亿元", "万元"):
        if bare.endswith(suffix) and len(bare) > len(suffix) + 1:
            bare, unit = bare[: -len(suffix)], unit or suffix
    return bare, unit


def header_key(text: str) -> str:
    """How two header texts are compared (and how a remembered mapping is stored)."""
    return match_key(split_header(text)[0])


_INDEX: dict[str, str] = {}
for _field, _words in SYNONYMS.items():
    for _w in _words:
        _INDEX.setdefault(match_key(_w), _field)
_BY_LENGTH = sorted(_INDEX.items(), key=lambda kv: -len(kv[0]))
#: Whether a text contains any synonym at all: most texts a layout search asks about are data
#: cells, which contain none (one search instead of a loop over every synonym).
_ANY_SYNONYM = re.compile("|".join(re.escape(w) for w, _ in _BY_LENGTH if len(w) >= 2))


def field_for_header(text: str, allowed: tuple[str, ...] | None = None) -> tuple[str | None, bool]:
    """(field, exact) for a header text: an exact synonym, else the longest synonym it contains
    ("2024年3月工作进展情况" → progress, exact False). None when nothing fits."""
    # Finding a layout asks about the same cells many times (each candidate header row, each
    # mapping pass); the answer depends on the text and the tables only.
    hit = _FOUND.get((text, allowed))
    if hit is None:
        if len(_FOUND) > 5000:
            _FOUND.clear()
        hit = _FOUND[(text, allowed)] = _field_for_header(text, allowed)
    return hit


_FOUND: dict[tuple[str, tuple[str, ...] | None], tuple[str | None, bool]] = {}


def _field_for_header(text: str, allowed: tuple[str, ...] | None) -> tuple[str | None, bool]:
    key = header_key(text)
    if not key:
        return None, False
    field = _INDEX.get(key)
    if field and (allowed is None or field in allowed):
        return field, True
    if not _ANY_SYNONYM.search(key):
        return None, False
    for word, field in _BY_LENGTH:
        if len(word) >= 2 and word in key and (allowed is None or field in allowed):
            return field, False
    return None, False
