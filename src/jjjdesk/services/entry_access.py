"""Who may write which progress entry: own unit, open rounds, nothing approved."""

from __future__ import annotations

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.domain.enums import ReviewState
from jjjdesk.domain.models import ProgressEntry, ReportingRound, RoundItem
from jjjdesk.errors import UserFacingError
from jjjdesk.services import rounds
from jjjdesk.services.permissions import Act, PermissionDenied, require

LOCKED_MESSAGE = "该条进展已审核,已锁定;如需修改,请协同办工作人员重新打开(须说明理由)。"


def is_office(actor: Actor) -> bool:
    return actor.role in (Role.ADMIN, Role.COORDINATOR)


def require_importer(actor: Actor) -> None:
    """Returns and registry workbooks are imported by the office, not by the reporting units."""
    if not is_office(actor):
        raise PermissionDenied("只有协同办工作人员或管理员可以导入文件。")


def require_reviewer(actor: Actor) -> None:
    if not is_office(actor):
        raise PermissionDenied("只有协同办工作人员或管理员可以审核、退回或重新打开填报。")


def require_entry_write(
    actor: Actor, entry: ProgressEntry | None, rnd: ReportingRound | None,
    item: RoundItem | None,
) -> None:
    """Raise unless `actor` may change `entry` (None: create it) in round `rnd`."""
    require(actor, Act.ENTRY_WRITE, viewer="只读用户不能填报或修改进展。")
    if entry is not None and entry.review_state == ReviewState.APPROVED:
        raise UserFacingError(LOCKED_MESSAGE)
    if rnd is not None:
        rounds.require_open(rnd)
        if entry is not None and entry.round_id not in (None, rnd.id):
            raise UserFacingError("该条进展属于另一个填报批次,不能在本批次中修改。")
    if is_office(actor):
        return
    # A unit reporter: only its own unit's items, only in an open round, not once sent.
    if actor.unit_id is None:
        raise PermissionDenied("您的账号未关联责任单位,不能填报。")
    if rnd is None or item is None:
        raise PermissionDenied("单位填报员只能在进行中的填报批次中填报本单位的事项。")
    if item.unit_id != actor.unit_id:
        raise PermissionDenied("只能填报本单位负责的事项。")
    if entry is not None and entry.review_state == ReviewState.SUBMITTED:
        raise UserFacingError("该条进展已报送,等待审核;如需修改,请联系协同办退回。")
