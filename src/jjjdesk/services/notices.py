"""What the office sends out: 催报通知 to each unit missing from a round, 督办通知单 for a problem.

A notice is plain content (addressee, paragraphs, an item table); `reports.notices_docx`
lays it out as a 公文-style Word document. Nothing is written to the database here: the
board's 催报 (`board.remind`) is what marks units as reminded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from jjjdesk.domain.enums import ReviewState, UnitReturnState
from jjjdesk.domain.models import ProgressEntry, Unit, stored_id
from jjjdesk.domain.period import chinese_date
from jjjdesk.domain.subject import SubjectKind, SubjectRef
from jjjdesk.errors import UserFacingError
from jjjdesk.services import board, problem_tracking, rounds
from jjjdesk.services.subjects import subject_info

REMINDER = "reminder"
SUPERVISION = "supervision"
KIND_LABELS = {REMINDER: "催报通知", SUPERVISION: "督办通知单"}
_ENTRY_STATE = {None: "未填报", ReviewState.DRAFT.value: "已填未报送",
                ReviewState.RETURNED.value: "已退回待修改"}


@dataclass(frozen=True)
class Notice:
    kind: str  # REMINDER / SUPERVISION
    title: str  # "关于报送2024年3月月报的催报通知"
    addressee: str  # the unit, as the salutation names it
    paragraphs: tuple[str, ...]
    table_head: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    reply_by: date | None = None
    contact: str = ""  # the office's 联系人及电话, as the user gave it
    issuer: str = ""
    issued: date | None = None
    file_stem: str = ""  # "催报通知_市发展改革委"
    unit_id: int | None = None
    source_ids: tuple[int, ...] = field(default=())  # round or problem ids it was made from

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _missing_items(session: Session, round_id: int, unit_id: int, period_key: str
                   ) -> list[tuple[str, str, str]]:
    """(code, name, what is missing) of the unit's items not yet submitted, in round order."""
    items = rounds.round_subjects(session, round_id, unit_id)
    refs = [SubjectRef.of(i) for i in items if i.task_id or i.project_id]
    states: dict[SubjectRef, str] = {}
    columns: tuple[tuple[SubjectKind, Mapped[int | None]], ...] = (
        ("task", col(ProgressEntry.task_id)), ("project", col(ProgressEntry.project_id)))
    for kind, column in columns:
        ids = [r.id for r in refs if r.kind == kind]
        if not ids:
            continue
        rows = session.exec(select(column, ProgressEntry.review_state).where(
            ProgressEntry.period_key == period_key, col(column).in_(ids)))
        for subject_id, review_state in rows:
            states[SubjectRef(kind, stored_id(subject_id))] = review_state
    out = []
    for ref in refs:
        state = states.get(ref)
        if state in (ReviewState.SUBMITTED.value, ReviewState.APPROVED.value):
            continue
        info = subject_info(session, ref)
        out.append((info.code, info.name, _ENTRY_STATE.get(state, "未报送")))
    return out


def reminder_notices(*, session: Session, round_id: int, today: date, reply_by: date | None = None,
                     contact: str = "", issuer: str = "") -> list[Notice]:
    """One 催报通知 per unit that has not submitted the round (未报、逾期、退回), listing the
    items still missing. `reply_by` defaults to the round's deadline, or three days from
    `today` once it has passed."""
    brd = board.round_board(session=session, round_id=round_id, today=today)
    rnd = brd.round
    if reply_by is None:
        reply_by = rnd.deadline if rnd.deadline >= today else date.fromordinal(
            today.toordinal() + 3)
    notices = []
    for row in board.missing_units(brd):
        items = _missing_items(session, round_id, row.unit_id, rnd.period_key)
        late = today > rnd.deadline
        returned = row.state == UnitReturnState.RETURNED.value
        first = (f"按照工作安排,{rnd.name}({rnd.period_label})报送截止时间为"
                 f"{chinese_date(rnd.deadline)}。")
        if returned:
            state = f"贵单位报送的材料已退回修改,截至{chinese_date(today)}尚未重新报送"
        elif row.filled:
            state = (f"截至{chinese_date(today)},贵单位{row.total}项中已填{row.filled}项、"
                     f"已报送{row.submitted}项,尚有{len(items)}项未报送")
        else:
            state = f"截至{chinese_date(today)},贵单位{row.total}项均未报送"
        state += ",已逾期。" if late else "。"
        ask = (f"请于{chinese_date(reply_by)}前通过填报模板报送下列事项的进展情况"
               "(完成进度、累计完成投资、推进情况、存在问题及下步打算),逾期未报的将在调度会上通报。"
               if late else
               f"请于{chinese_date(reply_by)}前通过填报模板报送下列事项的进展情况"
               "(完成进度、累计完成投资、推进情况、存在问题及下步打算)。")
        unit_contact = "、".join(p for p in (row.contact_person, row.contact_phone) if p)
        paragraphs = [first + state, ask]
        if unit_contact:
            paragraphs.append(f"贵单位登记的填报联系人:{unit_contact}。如有变化请一并告知。")
        notices.append(Notice(
            kind=REMINDER, title=f"关于报送{rnd.name}的催报通知", addressee=row.unit_name,
            paragraphs=tuple(paragraphs), table_head=("序号", "编号", "事项名称", "报送情况"),
            table=tuple((str(i), code, name, what)
                        for i, (code, name, what) in enumerate(items, 1)),
            reply_by=reply_by, contact=contact, issuer=issuer, issued=today,
            file_stem=f"催报通知_{row.unit_name}", unit_id=row.unit_id, source_ids=(round_id,)))
    return notices


def supervision_notices(*, session: Session, problem_ids: Sequence[int], today: date,
                        reply_by: date | None = None, contact: str = "", issuer: str = ""
                        ) -> list[Notice]:
    """One 督办通知单 per responsible unit, listing its problems (open ones only): what, since
    when, the 办结时限 and the last step taken. `reply_by` defaults to the earliest 办结时限
    still ahead, or seven days from `today`."""
    by_unit: dict[int | None, list] = {}
    for pid in dict.fromkeys(problem_ids):
        p = problem_tracking.get_problem(session=session, problem_id=pid)
        if not p.is_open:
            raise UserFacingError(f"问题 #{p.id} 已{p.state_label},无需督办")
        by_unit.setdefault(p.owner_unit_id, []).append(p)
    if not by_unit:
        raise UserFacingError("请先选择要督办的问题")
    notices = []
    for unit_id, problems in by_unit.items():
        unit = session.get(Unit, unit_id) if unit_id is not None else None
        addressee = unit.name if unit is not None else "有关单位"
        dues = [p.due_date for p in problems if p.due_date is not None and p.due_date >= today]
        reply = reply_by or (min(dues) if dues else date.fromordinal(today.toordinal() + 7))
        rows = []
        for i, p in enumerate(problems, 1):
            subject = subject_info(session, p.subject).title if p.subject else ""
            due = chinese_date(p.due_date) if p.due_date else "未定"
            if p.is_overdue(today):
                due += "(已逾期)"
            step = (f"{p.last_action.kind_label}:{p.last_action.note}".rstrip(":")
                    if p.last_action else "尚未交办")
            rows.append((str(i), subject, p.description, due, step))
        overdue = sum(1 for p in problems if p.is_overdue(today))
        count = f"{len(problems)}项问题" + (f",其中{overdue}项已超过办结时限" if overdue else "")
        paragraphs = (
            f"在京津冀协同发展重点任务和重点项目调度中,贵单位牵头负责的下列{count},"
            "现予督办。",
            f"请按照职责分工抓紧推动解决,明确责任人和办结时限,并于{chinese_date(reply)}前"
            "将办理情况书面反馈我办;确有困难不能按期办结的,请说明原因并提出延期申请。",
        )
        notices.append(Notice(
            kind=SUPERVISION, title="督办通知单", addressee=addressee, paragraphs=paragraphs,
            table_head=("序号", "所属事项", "问题或需协调事项", "办结时限", "最近进展"),
            table=tuple(rows), reply_by=reply, contact=contact, issuer=issuer, issued=today,
            file_stem=f"督办通知单_{addressee}", unit_id=unit_id,
            source_ids=tuple(p.id for p in problems)))
    return notices
