"""Database failures in plain Chinese, by cause: server down, wrong password, SSL (db/tls.py),
locked, disk full, read-only, damaged, value too long, invalid character. No SQL, parameters or
library English reach the user; the caller logs the exception itself."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from jjjdesk.db import tls

SERVER_DOWN = "无法连接数据库服务器:服务器未启动、地址或端口有误,或网络不通。"
WRONG_PASSWORD = "数据库用户名或密码错误。"
CONNECTION_LOST = "与数据库服务器的连接已中断,修改未保存。请检查网络后重试。"
TIMEOUT = "连接数据库服务器超时:请检查服务器地址、端口和网络。"
LOCKED = ("数据库正被另一个程序或另一个 jjjdesk 窗口占用,等待后仍未释放,修改未保存。"
          "请关闭其他正在使用该数据库的程序后重试。")
DISK_FULL = "磁盘空间不足,修改未保存,数据库未受影响。请清理磁盘空间后重试。"
READ_ONLY = ("数据库所在位置是只读的(只读U盘、光盘或没有写权限的文件夹),修改未保存。"
             "请把数据库复制到可写的位置,或请管理员开放写权限。")
DAMAGED = ("数据库文件已损坏,修改未保存。请在“备份与恢复”中从最近的备份恢复"
           "(损坏的文件会被保留)。")
CANNOT_OPEN = "无法打开数据库文件:文件不存在、所在文件夹不可访问,或没有权限。"
PERMISSION = "数据库拒绝了此操作:当前账号没有相应权限。"
TOO_LONG = "有内容超过了数据库允许的长度,修改未保存。请缩短后重试。"
BAD_CHARACTER = "内容中含有数据库不能保存的控制字符(如 NUL),修改未保存。请删除该字符后重试。"
OTHER = "数据库操作失败,修改未保存。详细信息已写入日志。"

# (words in the driver's message, what it means); the first match wins.
_CAUSES = (
    (("database is locked", "database table is locked", "lock timeout",
      "could not obtain lock", "deadlock detected"), LOCKED),
    (("database or disk is full", "disk is full", "no space left", "disk full"), DISK_FULL),
    (("readonly database", "read-only", "read only"), READ_ONLY),
    (("malformed", "file is not a database", "disk i/o error", "database corrupt"), DAMAGED),
    (("unable to open database file",), CANNOT_OPEN),
    (("permission denied", "insufficient privilege", "row-level security"), PERMISSION),
    (("too long", "string or blob too big", "value too large"), TOO_LONG),
    (("cannot contain nul", "0x00"), BAD_CHARACTER),
)


def describe(exc: BaseException, database: str = "") -> str | None:
    """The message for a connection or server problem, None when `exc` is something else."""
    if not isinstance(exc, SQLAlchemyError | OSError | sqlite3.Error) and not _is_psycopg(exc):
        # a library's own error around the system's (xlsxwriter's FileCreateError on ENOSPC)
        cause = exc.__cause__ or exc.__context__
        return describe(cause, database) if isinstance(cause, OSError) else None
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    ssl_failure = tls.describe(str(orig))  # before the rest: "SSL error" is no lost connection
    if ssl_failure:
        return ssl_failure
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
    for words, message in _CAUSES:
        if any(w in text for w in words):
            return message
    if isinstance(exc, SQLAlchemyError) and "operationalerror" in type(orig).__name__.lower():
        return OTHER
    return None  # not a known cause: a bug, for the crash dialog and the log


def _is_psycopg(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("psycopg")
