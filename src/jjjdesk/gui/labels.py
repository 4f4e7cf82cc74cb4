"""Words the core defines in Chinese (enum labels, setting names, roles), made translatable.

The domain and services stay free of Qt, so their labels are plain Chinese strings. This list
hands them to `pyside6-lupdate` (QT_TRANSLATE_NOOP marks without translating); the GUI shows
them through `QCoreApplication.translate("enums", label)` (see forms/fields.py) or `self.tr`,
and the English translator finds them by their source text. tests/gui/test_translations.py
checks that every label of `domain.enums`, `PeriodKind` and `DOMAIN_SETTINGS` is listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from jjjdesk.gui import i18n

CORE_LABELS = (
    QT_TRANSLATE_NOOP("enums", "市级部门"),
    QT_TRANSLATE_NOOP("enums", "区"),
    QT_TRANSLATE_NOOP("enums", "企业"),
    QT_TRANSLATE_NOOP("enums", "其他"),
    QT_TRANSLATE_NOOP("enums", "承接疏解"),
    QT_TRANSLATE_NOOP("enums", "基础设施"),
    QT_TRANSLATE_NOOP("enums", "产业"),
    QT_TRANSLATE_NOOP("enums", "公共服务"),
    QT_TRANSLATE_NOOP("enums", "生态环境"),
    QT_TRANSLATE_NOOP("enums", "科技创新"),
    QT_TRANSLATE_NOOP("enums", "谋划"),
    QT_TRANSLATE_NOOP("enums", "签约"),
    QT_TRANSLATE_NOOP("enums", "开工"),
    QT_TRANSLATE_NOOP("enums", "在建"),
    QT_TRANSLATE_NOOP("enums", "竣工"),
    QT_TRANSLATE_NOOP("enums", "投产"),
    QT_TRANSLATE_NOOP("enums", "运营"),
    QT_TRANSLATE_NOOP("enums", "越大越好"),
    QT_TRANSLATE_NOOP("enums", "越小越好"),
    QT_TRANSLATE_NOOP("enums", "正常推进"),
    QT_TRANSLATE_NOOP("enums", "滞后"),
    QT_TRANSLATE_NOOP("enums", "已完成"),
    QT_TRANSLATE_NOOP("enums", "未启动"),
    QT_TRANSLATE_NOOP("enums", "草稿"),
    QT_TRANSLATE_NOOP("enums", "配合"),  # domain.models.UNIT_ROLES
    QT_TRANSLATE_NOOP("enums", "共同牵头"),
    QT_TRANSLATE_NOOP("enums", "已报送"),
    QT_TRANSLATE_NOOP("enums", "已审核"),
    QT_TRANSLATE_NOOP("enums", "退回"),
    QT_TRANSLATE_NOOP("enums", "手工填报"),
    QT_TRANSLATE_NOOP("enums", "导入"),
    QT_TRANSLATE_NOOP("enums", "进行中"),
    QT_TRANSLATE_NOOP("enums", "已关闭"),
    QT_TRANSLATE_NOOP("enums", "未报"),
    QT_TRANSLATE_NOOP("enums", "已报"),
    QT_TRANSLATE_NOOP("enums", "逾期"),
    QT_TRANSLATE_NOOP("enums", "存在问题"),
    QT_TRANSLATE_NOOP("enums", "需协调事项"),
    QT_TRANSLATE_NOOP("enums", "待协调"),
    QT_TRANSLATE_NOOP("enums", "协调中"),
    QT_TRANSLATE_NOOP("enums", "待审批"),
    QT_TRANSLATE_NOOP("enums", "已批准"),
    QT_TRANSLATE_NOOP("enums", "未批准"),
    QT_TRANSLATE_NOOP("enums", "已解决"),
    QT_TRANSLATE_NOOP("enums", "销号"),
    QT_TRANSLATE_NOOP("enums", "交办"),
    QT_TRANSLATE_NOOP("enums", "协调"),
    QT_TRANSLATE_NOOP("enums", "反馈"),
    QT_TRANSLATE_NOOP("enums", "绿灯"),
    QT_TRANSLATE_NOOP("enums", "黄灯"),
    QT_TRANSLATE_NOOP("enums", "红灯"),
    QT_TRANSLATE_NOOP("enums", "灰灯"),
    QT_TRANSLATE_NOOP("enums", "未评价"),
    QT_TRANSLATE_NOOP("enums", "周"),
    QT_TRANSLATE_NOOP("enums", "月"),
    QT_TRANSLATE_NOOP("enums", "季度"),
    QT_TRANSLATE_NOOP("enums", "年"),
    QT_TRANSLATE_NOOP("settings", "绿灯容差(百分点)"),
    QT_TRANSLATE_NOOP("settings", "完成进度落后于时间进度不超过此值为绿灯"),
    QT_TRANSLATE_NOOP("settings", "红灯差距(百分点)"),
    QT_TRANSLATE_NOOP("settings", "完成进度落后于时间进度达到此值为红灯,介于两者之间为黄灯"),
    QT_TRANSLATE_NOOP("settings", "红黄绿灯依据的填报周期"),
    QT_TRANSLATE_NOOP("settings", "按哪一类期次的最新填报计算完成进度"),
    QT_TRANSLATE_NOOP("settings", "报送宽限天数"),
    QT_TRANSLATE_NOOP("settings", "期次结束后多少天内未报送仍不算缺报(不显示灰灯)"),
    QT_TRANSLATE_NOOP("settings", "临期提醒(工作日)"),
    QT_TRANSLATE_NOOP("settings", "截止前多少个工作日起,在首页和系统托盘提醒尚未报送的单位"),
    QT_TRANSLATE_NOOP("settings", "红黑榜权重:按时报送"),
    QT_TRANSLATE_NOOP("settings", "按期报送的批次占比在总分中的权重"),
    QT_TRANSLATE_NOOP("settings", "红黑榜权重:完整性"),
    QT_TRANSLATE_NOOP("settings", "应报事项中已报送的占比在总分中的权重"),
    QT_TRANSLATE_NOOP("settings", "红黑榜权重:质量"),
    QT_TRANSLATE_NOOP("settings", "填报未被退回修改的占比在总分中的权重"),
    QT_TRANSLATE_NOOP("settings", "红黑榜权重:进展"),
    QT_TRANSLATE_NOOP("settings", "绿灯事项占比减红灯事项占比在总分中的权重"),
    QT_TRANSLATE_NOOP("settings", "口令有效期(天)"),
    QT_TRANSLATE_NOOP("settings", "密码设置后超过此天数,登录时须先修改密码;0 为永不过期"),
    QT_TRANSLATE_NOOP("settings", "空闲锁定(分钟)"),
    QT_TRANSLATE_NOOP("settings", "多少分钟无键盘鼠标操作后锁定窗口,须重新输入密码;0 为不锁定"
                                  "(仅对有用户账号的数据库)"),
    QT_TRANSLATE_NOOP("settings", "投资核对容差(万元)"),
    QT_TRANSLATE_NOOP("settings", "累计、本期与上期累计、总投资之间相差不超过此值时视为一致,不提示;"
                                  "填报、整表填报和导入同用此值"),
    QT_TRANSLATE_NOOP("settings", "佐证材料大小上限(MB)"),
    QT_TRANSLATE_NOOP("settings", "每个佐证材料文件不得超过此大小;"
                                  "填报、审核、整表填报和命令行同用此值"),
    QT_TRANSLATE_NOOP("settings", "台账正文字体"),
    QT_TRANSLATE_NOOP("settings", "导出台账(含会议材料中的台账)正文使用的字体"),
    QT_TRANSLATE_NOOP("settings", "台账标题字体"),
    QT_TRANSLATE_NOOP("settings", "导出台账的标题使用的字体"),
    QT_TRANSLATE_NOOP("settings", "宋体"),
    QT_TRANSLATE_NOOP("settings", "仿宋"),
    QT_TRANSLATE_NOOP("settings", "微软雅黑"),
    QT_TRANSLATE_NOOP("settings", "黑体"),
    QT_TRANSLATE_NOOP("settings", "楷体"),
    QT_TRANSLATE_NOOP("settings", "方正小标宋简体"),
    QT_TRANSLATE_NOOP("roles", "管理员"),
    QT_TRANSLATE_NOOP("roles", "协同办工作人员"),
    QT_TRANSLATE_NOOP("roles", "单位填报员"),
    QT_TRANSLATE_NOOP("roles", "只读(领导)"),
    QT_TRANSLATE_NOOP("roles", "系统管理员"),
    QT_TRANSLATE_NOOP("roles", "安全管理员"),
    QT_TRANSLATE_NOOP("roles", "安全审计员"),
)


def label(text: str) -> str:
    """A core label in the interface language."""
    return QCoreApplication.translate("enums", text)


def period_label(period) -> str:
    """ "2024年3月" in Chinese, "Mar 2024" in English."""
    return period.label_en if i18n.active_language() == i18n.ENGLISH else period.label


def period_text(label: str) -> str:
    """A period the services named in Chinese ("2023年"), in the interface language."""
    if not label or i18n.active_language() != i18n.ENGLISH:
        return label
    from jjjdesk.domain.period import Period

    try:
        return Period.parse(label).label_en
    except ValueError:
        return label


def period_key_label(key: str | None) -> str:
    """`period_label` of a stored key ("2024-03"); "" for none."""
    if not key:
        return ""
    from jjjdesk.domain.period import Period

    return period_label(Period.from_key(key))
