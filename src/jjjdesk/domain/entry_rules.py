"""Rules for one progress entry: the form, the unit grid and the Excel importer share them."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from jjjdesk.domain.enums import Assessment
from jjjdesk.domain.inputs import MONEY_DIGITS, validate_input
from jjjdesk.domain.text import prose
from jjjdesk.errors import ValidationFailed

#: Field → the word shown next to it (form labels, grid headers, messages).
ENTRY_FIELDS: dict[str, str] = {
    "assessment": "推进情况",
    "completion_pct": "完成进度(%)",
    "invest_period": "本期完成投资(亿元)",
    "invest_cumulative": "累计完成投资(亿元)",
    "progress": "工作进展",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "coordination": "需协调事项",
    "cumulative_reason": "累计投资调整原因",
}
TEXT_FIELDS = ("progress", "problems", "next_steps", "coordination", "cumulative_reason")
NUMBER_FIELDS = ("completion_pct", "invest_period", "invest_cumulative")
INVEST_FIELDS = ("invest_period", "invest_cumulative")
#: Decimals kept of a completion share: enough that nothing a unit writes (91.1%, 0.45%) is
#: rounded away; only float noise (0.1 + 0.2) goes. One decimal used to turn 0.45 into 0.5.
PCT_DIGITS = 4

_NUMBER_SUFFIX = re.compile(r"(%|亿元|亿)$")
#: 亿元 (50万元): returns round their amounts, smaller gaps are not said. The office sets its
#: own (setting entry.tolerance_wan, in 万元) through `EntryContext.tolerance`.
TOLERANCE = 0.005


class EntryInput(BaseModel):
    """Field-level checks (types, ranges); cross-field rules are in `check_entry`."""

    model_config = ConfigDict(extra="forbid")

    assessment: Assessment = Assessment.ON_TRACK
    completion_pct: float | None = None
    invest_period: float | None = None
    invest_cumulative: float | None = None
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    coordination: str = ""
    cumulative_reason: str = ""

    @field_validator("*", mode="before")
    @classmethod
    def _normalise(cls, value: Any, info: ValidationInfo) -> Any:
        assert info.field_name is not None  # a field validator always runs for a named field
        return _normalise_value(info.field_name, value)

    @field_validator("completion_pct")
    @classmethod
    def _completion(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v <= 100:
            raise ValueError("完成进度应在0到100之间")
        return None if v is None else round(v, PCT_DIGITS)

    @field_validator("invest_period", "invest_cumulative")
    @classmethod
    def _money(cls, v: float | None) -> float | None:
        if v is not None and v < 0:
            raise ValueError("投资额不能为负数")
        return None if v is None else round(v, MONEY_DIGITS)


def _normalise_value(name: str, value: Any) -> Any:
    """What `EntryInput` does to a raw value before checking its type (shared by the
    pydantic model and the fast path of `check_entry`)."""
    if name in TEXT_FIELDS:
        if type(value) is str:
            hit = _PROSE.get(value)
            if hit is None:
                if len(_PROSE) > 20_000:
                    _PROSE.clear()
                hit = _PROSE[value] = prose(value)
            return hit
        return prose(value)
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
    if text == "":
        return Assessment.ON_TRACK if name == "assessment" else None
    if name == "assessment":
        member = _assessments().get(text)
        if member is not None:
            return member
        return Assessment.from_text(text)  # its ValueError lists the choices
    return _NUMBER_SUFFIX.sub("", text).strip()


_PROSE: dict[str, str] = {}


@cache
def _assessments() -> dict[str, Assessment]:
    """What `Assessment.from_text` accepts (a stripped code or label) → the member."""
    out: dict[str, Assessment] = {}
    for member in Assessment:
        out.setdefault(member.value, member)
        out.setdefault(member.label, member)
    return out


_TEXT_SET = frozenset(TEXT_FIELDS)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
_FIELD_ORDER = ("assessment", "completion_pct", "invest_period", "invest_cumulative",
                *TEXT_FIELDS)
_DEFAULTS = {"assessment": Assessment.ON_TRACK, "completion_pct": None, "invest_period": None,
             "invest_cumulative": None, "progress": "", "problems": "", "next_steps": "",
             "coordination": "", "cumulative_reason": ""}


#: What `fast_value` gives for a value only the pydantic model can judge.
SLOW = object()


def fast_value(name: str, value: Any) -> Any:
    """`value` as `EntryInput` would store it under `name`, for the plain case only: a
    value of a kind the model surely accepts. Anything else (a bad or odd value, an unknown
    field) gives `SLOW`, and the caller takes the pydantic path, which says what is wrong;
    so there is one rule set and one set of messages."""
    if name in _TEXT_SET:
        hit = _PROSE.get(value) if type(value) is str else None
        return hit if hit is not None else _normalise_value(name, value)
    if name not in _DEFAULTS:
        return SLOW
    if type(value) is float and name != "assessment":
        if not math.isfinite(value):
            return SLOW
        if name == "completion_pct":
            return round(value, PCT_DIGITS) if 0 <= value <= 100 else SLOW
        return round(value, MONEY_DIGITS) if value >= 0 else SLOW
    if name == "assessment":
        if isinstance(value, Assessment):
            return value
        if not isinstance(value, str):
            return SLOW
        try:
            return _normalise_value(name, value)
        except ValueError:
            return SLOW
    value = _normalise_value(name, value)
    if value is None:
        return None
    if isinstance(value, str):
        if not _PLAIN_NUMBER.fullmatch(value):
            return SLOW
        number = float(value)
    elif type(value) is float or type(value) is int and -(10**15) < value < 10**15:
        number = float(value)
        if not math.isfinite(number):
            return SLOW
    else:
        return SLOW
    if name == "completion_pct":
        return round(number, PCT_DIGITS) if 0 <= number <= 100 else SLOW
    return round(number, MONEY_DIGITS) if number >= 0 else SLOW


def fast_floats(name: str, values: list[float | None]) -> list[Any]:
    """`fast_value(name, v)` of each value (a float or None) of a column, in one pass."""
    inf = math.inf
    if name == "completion_pct":
        return [None if v is None else round(v, PCT_DIGITS) if 0 <= v <= 100 else SLOW
                for v in values]
    if name in INVEST_FIELDS:
        return [None if v is None else round(v, MONEY_DIGITS) if 0 <= v < inf else SLOW
                for v in values]
    return [fast_value(name, v) for v in values]


def _fast_input(values: dict[str, Any]) -> dict[str, Any] | None:
    """`EntryInput(**values).model_dump()` without pydantic, or None (see `fast_value`)."""
    out = dict(_DEFAULTS)
    for name, value in values.items():
        value = fast_value(name, value)
        if value is SLOW:
            return None
        out[name] = value
    return out


def entry_defaults() -> dict[str, Any]:
    """A fresh `EntryInput().model_dump()`: what `fast_value`s are laid over."""
    return dict(_DEFAULTS)


_ASSESSMENT_VALUES = {member: member.value for member in Assessment}


@dataclass(frozen=True)
class EntryContext:
    """What the rules need to know beyond the row itself."""

    is_project: bool
    previous_cumulative: float | None = None
    previous_label: str = "上期"
    total_investment: float | None = None
    tolerance: float = TOLERANCE  # 亿元: investment figures closer than this agree


@dataclass(slots=True)
class EntryCheck:
    """Outcome of `check_entry`: storage-ready values, or errors; warnings never block."""

    values: dict[str, Any] | None
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _money(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") + "亿元"


def check_entry(values: dict[str, Any], context: EntryContext, *, for_submit: bool = False
                ) -> EntryCheck:
    """Validate one entry's values; every message is Chinese and names its field."""
    errors: dict[str, str] = {}
    data = _fast_input(values)
    if data is None:
        try:
            data = validate_input(EntryInput, values).model_dump()
        except ValidationFailed as exc:
            # Check the rest too, so a grid row shows all its bad cells at once.
            errors.update(exc.errors)
            try:
                data = validate_input(
                    EntryInput, {k: v for k, v in values.items() if k not in exc.errors}
                ).model_dump()
            except ValidationFailed:
                return EntryCheck(None, errors)
    return check_fast(data, context, for_submit=for_submit, errors=errors)


def check_fast(data: dict[str, Any], context: EntryContext, *, for_submit: bool = False,
               errors: dict[str, str] | None = None) -> EntryCheck:
    """The cross-field rules of `check_entry` over values that passed the field checks
    (`entry_defaults()` with `fast_value`s laid over it); `data` becomes the result's values."""
    errors = {} if errors is None else errors
    warnings: dict[str, str] = {}
    is_project = context.is_project
    if not is_project:
        for name in INVEST_FIELDS:
            if data[name] is not None:
                errors.setdefault(name, "重点任务不填报投资额,请留空")
    assessment = data["assessment"]
    if assessment is Assessment.LAGGING:
        for name in ("problems", "next_steps"):
            if not data[name]:
                errors.setdefault(name, f"推进情况为“滞后”时,须填写{ENTRY_FIELDS[name]}")
    if for_submit and not data["progress"]:
        errors.setdefault("progress", "报送前须填写工作进展")
    if assessment is Assessment.DONE:
        if data["completion_pct"] is None:
            data["completion_pct"] = 100.0
        elif data["completion_pct"] < 100:
            warnings["completion_pct"] = (
                f"推进情况为“已完成”,但完成进度为{data['completion_pct']:g}%,请核实"
            )
    if assessment is Assessment.NOT_STARTED and (data["completion_pct"] or 0) > 0:
        warnings["completion_pct"] = f"推进情况为“未启动”,但完成进度为{data['completion_pct']:g}%"
    if is_project and data["invest_cumulative"] is not None:
        _investment(data, context, errors, warnings)
    if errors:
        return EntryCheck(None, errors, warnings)
    data["assessment"] = _ASSESSMENT_VALUES[assessment]  # (`.value` is a slow property)
    return EntryCheck(data, {}, warnings)


def _investment(data: dict[str, Any], ctx: EntryContext, errors: dict[str, str],
                warnings: dict[str, str]) -> None:
    cumulative, previous = data["invest_cumulative"], ctx.previous_cumulative
    period = data["invest_period"]
    if cumulative is None:
        return
    reason = data["cumulative_reason"]
    slack = ctx.tolerance
    if previous is not None and cumulative < previous - slack and not reason:
        errors.setdefault("invest_cumulative", (
            f"累计完成投资({_money(cumulative)})低于{ctx.previous_label}累计({_money(previous)});"
            "如确需调减,请填写累计投资调整原因"
        ))
    if ctx.total_investment is not None and cumulative > ctx.total_investment + slack:
        warnings["invest_cumulative"] = (
            f"累计完成投资({_money(cumulative)})超过项目总投资({_money(ctx.total_investment)}),请核实"
        )
    if period is not None and period > cumulative + slack:
        # 本月 12500 with 累计 10: almost always 万元 written where 亿元 is asked.
        warnings.setdefault("invest_period", (
            f"本期完成投资({_money(period)})大于累计完成投资({_money(cumulative)}),"
            "请核实金额单位(万元/亿元)"))
    elif (period is not None and ctx.total_investment is not None
          and period > ctx.total_investment + slack):
        warnings.setdefault("invest_period", (
            f"本期完成投资({_money(period)})超过项目总投资({_money(ctx.total_investment)}),请核实"))
    if (
        previous is not None
        and period is not None
        and abs(previous + period - cumulative) > slack
        and not reason
        and "invest_cumulative" not in errors
    ):
        warnings.setdefault(
            "invest_period",
            f"{ctx.previous_label}累计{_money(previous)}加本期{_money(period)},"
            f"与累计{_money(cumulative)}不一致,请核实",
        )
