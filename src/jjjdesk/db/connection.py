"""Server mode: the parts of a PostgreSQL connection, its URL, and a quick test."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

from jjjdesk.db import errors, tls
from jjjdesk.errors import UserFacingError

log = logging.getLogger(__name__)

DEFAULT_PORT = 5432
TEST_TIMEOUT_S = 5


@dataclass(frozen=True)
class ServerParams:
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "jjjdesk"
    user: str = ""
    password: str = ""
    sslmode: str = ""  # "": our default (db/tls.py); else one of libpq's modes
    sslrootcert: str = ""  # the office CA's certificate file

    @property
    def effective_sslmode(self) -> str:
        return self.sslmode or tls.default_mode(self.host, self.sslrootcert)

    def ssl_query(self) -> dict[str, str]:
        """What libpq reads from the URL's query (psycopg passes it through)."""
        query = {"sslmode": self.sslmode} if self.sslmode else {}
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return query

    def url(self) -> str:
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
            database=self.database or None,
            query=self.ssl_query(),
        ).render_as_string(hide_password=False)

    def missing(self) -> list[str]:
        return [
            label
            for label, value in (
                ("服务器地址", self.host),
                ("数据库", self.database),
                ("用户名", self.user),
            )
            if not str(value).strip()
        ]

    @classmethod
    def from_url(cls, url: str) -> ServerParams:
        parsed = make_url(url)
        return cls(
            host=parsed.host or "",
            port=parsed.port or DEFAULT_PORT,
            database=parsed.database or "",
            user=parsed.username or "",
            password=parsed.password or "",
            sslmode=str(parsed.query.get("sslmode") or ""),
            sslrootcert=str(parsed.query.get("sslrootcert") or ""),
        )


@dataclass(frozen=True)
class ServerInfo:
    version: str
    has_schema: bool
    encryption: str = ""  # "TLSv1.3"; "" when the connection is not encrypted


def check_connection(params: ServerParams, timeout: int = TEST_TIMEOUT_S) -> ServerInfo:
    """Connect once (no pool, no migration); a clear message for every usual failure."""
    import psycopg

    missing = params.missing()
    if missing:
        raise UserFacingError("请填写:" + "、".join(missing))
    tls.check_mode(params.sslmode)
    try:
        with psycopg.connect(
            host=params.host,
            port=params.port,
            dbname=params.database,
            user=params.user,
            password=params.password,
            sslmode=params.effective_sslmode,
            sslrootcert=params.sslrootcert or None,
            connect_timeout=timeout,
            application_name="jjjdesk-test",
        ) as conn:
            # Both statements always return exactly one row.
            version_row = conn.execute("SHOW server_version").fetchone()
            schema_row = conn.execute(
                "SELECT to_regclass('public.alembic_version') IS NOT NULL"
            ).fetchone()
            assert version_row is not None and schema_row is not None
            version, has_schema = version_row[0], schema_row[0]
            encryption = tls.encryption_of(conn.execute(tls.ENCRYPTION_SQL).fetchone())
    except psycopg.Error as exc:
        log.warning("test connection to %s:%s failed: %s", params.host, params.port, exc)
        raise UserFacingError(
            errors.describe(exc, params.database) or f"无法连接数据库服务器:{exc}"
        ) from exc
    return ServerInfo(version=str(version), has_schema=bool(has_schema), encryption=encryption)
