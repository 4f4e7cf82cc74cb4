"""Who may do what; every writing service asks here before it writes."""

from __future__ import annotations

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.errors import UserFacingError


class PermissionDenied(UserFacingError):
    pass


def may_write_registry(actor: Actor) -> bool:
    """The registry (units, tasks, projects, indicators) is kept by coordinators and admins."""
    return actor.role in (Role.ADMIN, Role.COORDINATOR)


def require_registry_write(actor: Actor) -> None:
    if not may_write_registry(actor):
        raise PermissionDenied("您没有修改台账基础信息的权限(需协同办工作人员或管理员)。")
