"""Server mode set-up: the database owner's `server init`, which makes PostgreSQL itself
refuse what the app refuses (group roles, grants, row security, append-only audit)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from jjjdesk.domain.models import User
from jjjdesk.errors import UserFacingError


@dataclass(frozen=True)
class ServerInit:
    groups: list[str]
    logins: list[str]  # one per existing user, created or brought up to date


def init_server(*, session: Session, prefix: str | None = None) -> ServerInit:
    """Idempotent; run by the owner after the schema is migrated. Existing users get their
    logins (without a password until one is set: `user reset-password`)."""
    from psycopg import errors as pg_errors
    from sqlalchemy.exc import DBAPIError

    from jjjdesk.db import server_roles

    conn = session.connection()
    if conn.dialect.name != "postgresql":
        raise UserFacingError(
            "server init 只用于 PostgreSQL 服务器数据库;单机 SQLite 文件无需此步。"
        )
    try:
        prefix = server_roles.check_prefix(prefix or server_roles.DEFAULT_PREFIX)
    except ValueError:
        raise UserFacingError("角色前缀只能由小写字母、数字和下划线组成,以字母开头,至多 20 个字符。"
                              ) from None
    try:
        groups = server_roles.install(conn, prefix)
        logins = [server_roles.sync_login(conn, name)
                  for name in session.exec(select(User.username).order_by(User.username))]
    except DBAPIError as exc:
        if isinstance(exc.orig, pg_errors.InsufficientPrivilege):
            raise UserFacingError(
                "权限不足:server init 须由数据库所有者运行,且该角色需有 CREATEROLE 权限。"
            ) from exc
        raise
    return ServerInit(groups=groups, logins=logins)
