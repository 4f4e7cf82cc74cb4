"""Enumerations of the registry, stored as stable codes and shown with Chinese labels."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Chinese label (the word the office uses)."""

    @property
    def label(self) -> str:
        return LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def from_text(cls, text: str) -> Self:
        """Accept a code or a label ("under_construction" or "在建")."""
        text = (text or "").strip()
        for member in cls:
            if text in (member.value, member.label):
                return member
        raise ValueError(f"“{text}”不是有效的取值,可选:{'、'.join(m.label for m in cls)}")


class UnitKind(LabelledEnum):
    DEPARTMENT = "department"
    DISTRICT = "district"
    ENTERPRISE = "enterprise"
    OTHER = "other"


class ProjectKind(LabelledEnum):
    RELOCATION = "relocation"
    INFRASTRUCTURE = "infrastructure"
    INDUSTRY = "industry"
    PUBLIC_SERVICE = "public_service"
    ECOLOGY = "ecology"
    INNOVATION = "innovation"


class Stage(LabelledEnum):
    PLANNING = "planning"
    SIGNED = "signed"
    STARTED = "started"
    UNDER_CONSTRUCTION = "under_construction"
    COMPLETED = "completed"
    IN_PRODUCTION = "in_production"
    OPERATING = "operating"


class Direction(LabelledEnum):
    UP = "up"
    DOWN = "down"


class Assessment(LabelledEnum):
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    DONE = "done"
    NOT_STARTED = "not_started"


class ReviewState(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class EntrySource(LabelledEnum):
    MANUAL = "manual"
    IMPORT = "import"


class RoundState(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"


class UnitReturnState(LabelledEnum):
    """Where a unit's return stands on the submission board (OVERDUE is derived, not stored)."""

    PENDING = "pending"
    SUBMITTED = "submitted"
    OVERDUE = "overdue"
    RETURNED = "returned"


class ProblemKind(LabelledEnum):
    PROBLEM = "problem"
    COORDINATION = "coordination"


class ProblemState(LabelledEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ExtensionState(LabelledEnum):
    """延期申请: asked by a unit, decided by the office."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ProblemActionKind(LabelledEnum):
    """A step in a problem's history."""

    ASSIGN = "assign"
    COORDINATE = "coordinate"
    FEEDBACK = "feedback"
    CLOSE = "close"


class Light(LabelledEnum):
    """红黄绿灯; NONE for a subject without a planned window (not assessed)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"
    NONE = "none"


LABELS: dict[str, dict[str, str]] = {
    "UnitKind": {
        "department": "市级部门",
        "district": "区",
        "enterprise": "企业",
        "other": "其他",
    },
    "ProjectKind": {
        "relocation": "承接疏解",
        "infrastructure": "基础设施",
        "industry": "产业",
        "public_service": "公共服务",
        "ecology": "生态环境",
        "innovation": "科技创新",
    },
    "Stage": {
        "planning": "谋划",
        "signed": "签约",
        "started": "开工",
        "under_construction": "在建",
        "completed": "竣工",
        "in_production": "投产",
        "operating": "运营",
    },
    "Direction": {"up": "越大越好", "down": "越小越好"},
    "Assessment": {
        "on_track": "正常推进",
        "lagging": "滞后",
        "done": "已完成",
        "not_started": "未启动",
    },
    "ReviewState": {
        "draft": "草稿",
        "submitted": "已报送",
        "approved": "已审核",
        "returned": "退回",
    },
    "EntrySource": {"manual": "手工填报", "import": "导入"},
    "RoundState": {"open": "进行中", "closed": "已关闭"},
    "UnitReturnState": {
        "pending": "未报",
        "submitted": "已报",
        "overdue": "逾期",
        "returned": "退回",
    },
    "ProblemKind": {"problem": "存在问题", "coordination": "需协调事项"},
    "ExtensionState": {"pending": "待审批", "approved": "已批准", "rejected": "未批准"},
    "ProblemActionKind": {"assign": "交办", "coordinate": "协调", "feedback": "反馈",
                          "close": "销号"},
    "ProblemState": {
        "pending": "待协调",
        "in_progress": "协调中",
        "resolved": "已解决",
        "closed": "销号",
    },
    "Light": {
        "green": "绿灯",
        "yellow": "黄灯",
        "red": "红灯",
        "grey": "灰灯",
        "none": "未评价",
    },
}
