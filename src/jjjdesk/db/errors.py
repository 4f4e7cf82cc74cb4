"""Database failures in plain Chinese: wrong password, server down, database missing, cut."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

SERVER_DOWN = "无法连接数据库服务器:服务器未启动、地址或端口有误,或网络不通。"
WRONG_PASSWORD = "数据库用户名或密码错误。"
CONNECTION_LOST = "与数据库服务器的连接已中断,修改未保存。请检查网络后重试。"
TIMEOUT = "连接数据库服务器超时:请检查服务器地址、端口和网络。"


def describe(exc: BaseException, database: str = "") -> str | None:
    """The message for a connection or server problem, None when `exc` is something else."""
    if not isinstance(exc, SQLAlchemyError | OSError) and not _is_psycopg(exc):
        return None
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(orig).lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return WRONG_PASSWORD
    if "does not exist" in text and "database" in text:
        name = f"“{database}”" if database else ""
        return f"服务器上没有数据库{name}:请检查数据库名,或请管理员先创建数据库。"
    if "role" in text and "does not exist" in text:
        return WRONG_PASSWORD
    if "no pg_hba.conf entry" in text:
        return "数据库服务器拒绝了本机的连接:请管理员在 pg_hba.conf 中允许本机地址。"
    if "timeout" in text or "timed out" in text:
        return TIMEOUT
    if (
        "connection refused" in text
        or "could not connect" in text
        or "could not translate host name" in text
        or "name or service not known" in text
        or "no route to host" in text
    ):
        return SERVER_DOWN
    if (
        "server closed the connection" in text
        or "terminating connection" in text
        or "connection is closed" in text
        or "consuming input failed" in text
        or "ssl syscall" in text
        or "connection reset" in text
        or "the connection is lost" in text
    ):
        return CONNECTION_LOST
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return CONNECTION_LOST
    if isinstance(exc, SQLAlchemyError) and "operationalerror" in type(orig).__name__.lower():
        return f"数据库错误:{orig}"
    return None


def _is_psycopg(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("psycopg")
