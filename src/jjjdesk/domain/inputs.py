"""What a form or an Excel row may put into the registry; one rule set for both paths."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from jjjdesk.domain.enums import Direction, LabelledEnum, ProjectKind, Stage, UnitKind
from jjjdesk.domain.text import clean, prose
from jjjdesk.errors import ValidationFailed

#: Amounts are 亿元: eight decimals keep them to the 元 (1.2万元 is 0.00012, not 0.0001).
MONEY_DIGITS = 8

_TYPE_MESSAGES = {
    "float_parsing": "请输入数字",
    "float_type": "请输入数字",
    "int_parsing": "请输入整数",
    "int_type": "请输入整数",
    "date_from_datetime_parsing": "请输入日期,如 2024-03-15",
    "date_parsing": "请输入日期,如 2024-03-15",
    "date_type": "请输入日期,如 2024-03-15",
    "missing": "必填",
    "string_too_long": "内容过长",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
}


class _Input(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")
    #: Free-text fields: their line breaks are kept (`prose`); other texts are folded to one
    #: line (`clean`).
    PROSE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _blank_to_none(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        name = info.field_name
        assert name is not None  # a field validator always runs for a named field
        value = prose(value) if name in cls.PROSE else clean(value)
        if value == "":
            return None
        annotation = cls.model_fields[name].annotation
        if isinstance(annotation, type) and issubclass(annotation, LabelledEnum):
            try:
                return annotation.from_text(value)
            except ValueError:
                return value  # the enum check reports it with the field's name
        return value


InputT = TypeVar("InputT", bound=BaseModel)


def _required(value: str | None, label: str) -> str:
    if not value:
        raise ValueError(f"{label}不能为空")
    return value


class UnitInput(_Input):
    PROSE = frozenset({"note"})
    name: str | None = None
    kind: UnitKind = UnitKind.DEPARTMENT
    aliases: list[str] = []
    contact_person: str | None = None
    contact_phone: str | None = None
    note: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str:
        return _required(v, "单位名称")

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, v: Any) -> list[str]:
        if isinstance(v, str):
            v = v.replace(",", ",").replace("、", ",").replace(";", ",").split(",")
        return sorted({clean(a) for a in (v or []) if clean(a)})


class TaskInput(_Input):
    PROSE = frozenset({"content"})
    plan_id: int | None = None
    category_id: int | None = None
    parent_id: int | None = None
    number: int | None = None
    title: str | None = None
    content: str | None = None
    lead_unit_id: int | None = None
    co_lead_unit_ids: list[int] = []  # 共同牵头, beside the lead (who owns the entry)
    cooperating_unit_ids: list[int] = []
    start_date: date | None = None
    due_date: date | None = None

    @field_validator("title")
    @classmethod
    def _title(cls, v: str | None) -> str:
        return _required(v, "任务名称")

    @field_validator("number")
    @classmethod
    def _number(cls, v: int | None) -> int:
        if v is None or v < 1:
            raise ValueError("序号须为正整数")
        return v

    @field_validator("category_id")
    @classmethod
    def _category(cls, v: int | None) -> int:
        if v is None:
            raise ValueError("请选择所属类别")
        return v

    @model_validator(mode="after")
    def _window(self) -> TaskInput:
        if self.start_date and self.due_date and self.start_date > self.due_date:
            raise ValueError("due_date:完成时限不能早于开始时间")
        return self


class ProjectInput(_Input):
    PROSE = frozenset({"description"})
    code: str | None = None
    name: str | None = None
    district_id: int | None = None
    lead_unit_id: int | None = None
    co_lead_unit_ids: list[int] = []  # 共同牵头, beside the lead (who owns the entry)
    cooperating_unit_ids: list[int] = []
    industry_chain: str | None = None
    kind: ProjectKind = ProjectKind.INDUSTRY
    total_investment: float | None = None
    annual_investment: float | None = None
    stage: Stage = Stage.PLANNING
    planned_start: date | None = None
    planned_completion: date | None = None
    task_id: int | None = None
    description: str | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, v: str | None) -> str:
        return _required(v, "项目编号")

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str:
        return _required(v, "项目名称")

    @field_validator("total_investment", "annual_investment")
    @classmethod
    def _money(cls, v: float | None) -> float | None:
        if v is not None and v < 0:
            raise ValueError("投资额不能为负数")
        return None if v is None else round(v, MONEY_DIGITS)

    @model_validator(mode="after")
    def _consistency(self) -> ProjectInput:
        if (
            self.planned_start
            and self.planned_completion
            and self.planned_start > self.planned_completion
        ):
            raise ValueError("planned_completion:计划竣工时间不能早于计划开工时间")
        if (
            self.total_investment is not None
            and self.annual_investment is not None
            and self.annual_investment > self.total_investment
        ):
            raise ValueError("annual_investment:年度计划投资不能超过总投资")
        return self


class IndicatorInput(_Input):
    PROSE = frozenset({"note"})
    plan_id: int | None = None
    task_id: int | None = None
    lead_unit_id: int | None = None
    name: str | None = None
    measure: str | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    direction: Direction = Direction.UP
    note: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str:
        return _required(v, "指标名称")

    @field_validator("plan_id")
    @classmethod
    def _plan(cls, v: int | None) -> int:
        if v is None:
            raise ValueError("请选择所属方案")
        return v

    @field_validator("baseline_year", "target_year")
    @classmethod
    def _year(cls, v: int | None) -> int | None:
        if v is not None and not 1949 <= v <= 2100:
            raise ValueError("年份应在 1949–2100 之间")
        return v


def validate_input(model: type[InputT], data: dict[str, Any]) -> InputT:
    """Validate `data`; raise ValidationFailed with a Chinese message per field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else ""
            message = _message(err)
            if not field and ":" in message:
                field, message = message.split(":", 1)
            errors.setdefault(field or "__all__", message)
        raise ValidationFailed(errors) from None


def _message(err: ErrorDetails) -> str:
    if err["type"] == "value_error":
        return str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    if err["type"] == "enum":
        return "不是有效的选项"
    template = _TYPE_MESSAGES.get(err["type"])
    if template:
        return template.format(**err.get("ctx", {}))
    return "取值无效"
