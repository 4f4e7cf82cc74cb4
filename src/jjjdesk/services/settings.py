"""Domain settings that travel with the data (lag thresholds…), declared in one list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.models import Setting
from jjjdesk.errors import ValidationFailed
from jjjdesk.services import audit
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import PermissionDenied, require_registry_write


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: Any
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[str, str], ...] = ()


#: Every domain setting, with its label for the settings page. Add new ones here only.
DOMAIN_SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("lag.green_margin", "绿灯容差(百分点)", 5,
                "完成进度落后于时间进度不超过此值为绿灯", 0, 100),
    SettingSpec("lag.red_gap", "红灯差距(百分点)", 20,
                "完成进度落后于时间进度达到此值为红灯,介于两者之间为黄灯", 0, 100),
    SettingSpec("lag.period_kind", "红黄绿灯依据的填报周期", "month",
                "按哪一类期次的最新填报计算完成进度", choices=(
                    ("week", "周"), ("month", "月"), ("quarter", "季度"))),
    SettingSpec("lag.grace_days", "报送宽限天数", 10,
                "期次结束后多少天内未报送仍不算缺报(不显示灰灯)", 0, 90),
    SettingSpec("remind.within_workdays", "临期提醒(工作日)", 3,
                "截止前多少个工作日起,在首页和系统托盘提醒尚未报送的单位", 0, 20),
    SettingSpec("entry.tolerance_wan", "投资核对容差(万元)", 50,
                "累计、本期与上期累计、总投资之间相差不超过此值时视为一致,不提示;"
                "填报、整表填报和导入同用此值", 0, 100000),
    SettingSpec("attach.max_mb", "佐证材料大小上限(MB)", 50,
                "每个佐证材料文件不得超过此大小;填报、审核、整表填报和命令行同用此值", 1, 1024),
    SettingSpec("ledger.font", "台账正文字体", "宋体",
                "导出台账(含会议材料中的台账)正文使用的字体", choices=tuple(
                    (f, f) for f in ("宋体", "仿宋", "微软雅黑", "黑体", "楷体"))),
    SettingSpec("ledger.title_font", "台账标题字体", "黑体",
                "导出台账的标题使用的字体", choices=tuple(
                    (f, f) for f in ("黑体", "方正小标宋简体", "宋体", "微软雅黑"))),
    SettingSpec("scorecard.weight_on_time", "红黑榜权重:按时报送", 30,
                "按期报送的批次占比在总分中的权重", 0, 100),
    SettingSpec("scorecard.weight_completeness", "红黑榜权重:完整性", 20,
                "应报事项中已报送的占比在总分中的权重", 0, 100),
    SettingSpec("scorecard.weight_quality", "红黑榜权重:质量", 20,
                "填报未被退回修改的占比在总分中的权重", 0, 100),
    SettingSpec("scorecard.weight_progress", "红黑榜权重:进展", 30,
                "绿灯事项占比减红灯事项占比在总分中的权重", 0, 100),
    # 等保 (GB/T 22239): passwords changed periodically, sessions locked when left alone
    SettingSpec("password.max_age_days", "口令有效期(天)", 90,
                "密码设置后超过此天数,登录时须先修改密码;0 为永不过期", 0, 365),
    SettingSpec("session.idle_lock_minutes", "空闲锁定(分钟)", 15,
                "多少分钟无键盘鼠标操作后锁定窗口,须重新输入密码;0 为不锁定"
                "(仅对有用户账号的数据库)", 0, 240),
)
_SPECS = {spec.key: spec for spec in DOMAIN_SETTINGS}
#: Account-security settings: only an admin changes them.
ADMIN_ONLY_PREFIXES = ("password.", "session.")
#: The 红黑榜 weights (services/scorecard.py): at least one must stay above 0.
WEIGHT_KEYS = tuple(spec.key for spec in DOMAIN_SETTINGS if spec.key.startswith("scorecard."))


@dataclass(frozen=True)
class SettingView:
    key: str
    label: str
    value: Any
    default: Any
    help: str


def _spec(key: str) -> SettingSpec:
    try:
        return _SPECS[key]
    except KeyError:
        raise KeyError(f"undeclared domain setting {key!r}") from None


def investment_tolerance(session: Session) -> float:
    """The office's investment tolerance in 亿元 (the setting is in 万元, as units write)."""
    return get_setting(session=session, key="entry.tolerance_wan") / 10_000


def get_setting(*, session: Session, key: str) -> Any:
    spec = _spec(key)
    row = session.get(Setting, key)
    return spec.default if row is None else json.loads(row.value)


def list_settings(*, session: Session) -> list[SettingView]:
    return [
        SettingView(s.key, s.label, get_setting(session=session, key=s.key), s.default, s.help)
        for s in DOMAIN_SETTINGS
    ]


def _checked(spec: SettingSpec, value: Any) -> Any:
    if spec.choices:
        codes = [c for c, _ in spec.choices]
        if value not in codes:
            labels = "、".join(label for _, label in spec.choices)
            raise ValidationFailed({spec.key: f"{spec.label}只能是:{labels}"})
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationFailed({spec.key: f"{spec.label}须为数字"}) from None
    if (spec.minimum is not None and number < spec.minimum) or (
        spec.maximum is not None and number > spec.maximum
    ):
        raise ValidationFailed(
            {spec.key: f"{spec.label}应在{spec.minimum:g}到{spec.maximum:g}之间"}
        )
    return int(number) if number == int(number) else number


def _shown(spec: SettingSpec, value: Any) -> object:
    """A choice by its label (月, not month), as the settings page shows it."""
    return dict(spec.choices).get(value, value) if isinstance(value, str) else value


def set_setting(*, session: Session, actor: Actor, key: str, value: Any) -> Any:
    """Store one setting (validated, audited); returns the stored value."""
    require_registry_write(actor)
    spec = _spec(key)
    if key.startswith(ADMIN_ONLY_PREFIXES) and actor.role != Role.ADMIN:
        raise PermissionDenied("只有管理员可以修改账号安全设置。")
    value = _checked(spec, value)
    old = get_setting(session=session, key=key)
    if key in ("lag.green_margin", "lag.red_gap"):
        green = value if key == "lag.green_margin" else get_setting(
            session=session, key="lag.green_margin")
        red = value if key == "lag.red_gap" else get_setting(session=session, key="lag.red_gap")
        if green >= red:
            raise ValidationFailed({key: "绿灯容差必须小于红灯差距"})
    if key in WEIGHT_KEYS and value == 0 and all(
            get_setting(session=session, key=k) == 0 for k in WEIGHT_KEYS if k != key):
        raise ValidationFailed({key: "红黑榜四项权重不能都为0"})
    if old == value:
        return value
    row = session.get(Setting, key) or Setting(key=key)
    row.value = json.dumps(value, ensure_ascii=False)
    session.add(row)
    audit.record(
        session=session, actor=actor, action="update", entity="setting", entity_id=None,
        summary=summaries.SETTING(setting=spec.label, old=_shown(spec, old),
                                  new=_shown(spec, value)), changes={key: [old, value]},
    )
    return value
