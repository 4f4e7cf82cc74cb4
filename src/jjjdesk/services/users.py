"""Users and roles: sign-in with argon2-hashed passwords; admins manage users, and so do the
等保 系统管理员 (accounts) and 安全管理员 (roles and units) within services/permissions.py.

In server mode (after `server init`) every user is also a PostgreSQL login: these services
decide, and db/server_roles.py makes the login follow the app_user row in the same
transaction (created with the user, NOLOGIN when disabled, its group following the role).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from jjjdesk.domain.actor import ROLE_LABELS, Actor, Role
from jjjdesk.domain.models import Unit, User, now, row_id
from jjjdesk.errors import UserFacingError, ValidationFailed
from jjjdesk.services import audit, records
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import (
    SYSADMIN_CREATES,
    Act,
    PermissionDenied,
    require,
    require_account_reach,
    require_user_change,
)
from jjjdesk.services.query import WriteResult

ENTITY = "user"
MIN_PASSWORD = 10  # 等保 (GB/T 22239) reviewers expect 10+ with three character classes
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verifying against a dummy hash when the user doesn't exist keeps the timing the same,
    so a stranger can't tell which user names exist. Made on first sign-in, not at import
    (~0.13 s, which a single-PC start never needs)."""
    return _hasher.hash("jjjdesk-timing-equaliser")


@dataclass(frozen=True)
class UserView:
    id: int
    version: int
    username: str
    display_name: str
    role: str
    role_label: str
    unit_id: int | None
    unit_name: str
    active: bool
    must_change_password: bool
    last_login_at: datetime | None
    password_changed_at: datetime | None


def _load(session: Session, user_id: int) -> User:
    """The account without its password hash: only the admin group may read that column on
    the server, and no rule here needs it."""
    user = session.exec(select(User).where(User.id == user_id)
                        .options(defer(User.password_hash))).first()  # type: ignore[arg-type]
    if user is None:
        return records.get_or_fail(session, User, user_id, "用户")  # the usual message
    return user


def _require_edit(actor: Actor, user: User, values: dict[str, Any]) -> None:
    account = any(k in values and values[k] != getattr(user, k) for k in ("display_name",
                                                                          "active"))
    role = values.get("role", user.role)
    unit = values.get("unit_id", user.unit_id) if role == Role.REPORTER else None
    require_user_change(actor, user.username, user.role, account=account,
                        assign=role != user.role or unit != user.unit_id)


def _check_password(password: str, username: str = "") -> None:
    """At least `MIN_PASSWORD` characters from three of: capitals, small letters, digits,
    other signs; and not the login name."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed({"password": f"密码至少 {MIN_PASSWORD} 位"})
    classes = sum((any(c.isupper() for c in password), any(c.islower() for c in password),
                   any(c.isdigit() for c in password),
                   any(not c.isalnum() for c in password)))
    if classes < 3:
        raise ValidationFailed({"password": "密码须包含大写字母、小写字母、数字、符号中的至少三类"})
    name = (username or "").strip().lower()
    if name and password.lower() in (name, name[::-1]):
        raise ValidationFailed({"password": "密码不能与用户名相同"})


def _check_role(session: Session, role: str, unit_id: int | None) -> Role:
    try:
        parsed = Role(role)
    except ValueError:
        raise ValidationFailed({"role": "不是有效的角色"}) from None
    if parsed == Role.REPORTER:
        if unit_id is None:
            raise ValidationFailed({"unit_id": "单位填报员必须绑定一个单位"})
        if session.get(Unit, unit_id) is None:
            raise ValidationFailed({"unit_id": "所选单位不存在"})
    return parsed


def has_users(*, session: Session) -> bool:
    return session.exec(select(func.count()).select_from(User)).one() > 0


def create_first_admin(*, session: Session, username: str, password: str) -> UserView:
    """First run of a shared database: the first account is an admin, created by whoever
    sets the server up; refused once any user exists."""
    if has_users(session=session):
        raise UserFacingError("已存在用户,不能再次创建初始管理员。")
    _check_password(password, username)
    user = User(
        username=username.strip(),
        display_name=username.strip(),
        role=Role.ADMIN,
    )
    _set_password(user, password)
    session.add(user)
    session.flush()
    _sync_login(session, user, password)
    records.audit_create(
        session, Actor(username, Role.ADMIN), ENTITY, user, summaries.FIRST_ADMIN(name=username)
    )
    return _view(session, user)


def create_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    unit_id: int | None = None,
    display_name: str = "",
) -> WriteResult:
    require(actor, Act.USER_CREATE)
    if Role(actor.role) == Role.SYSADMIN and (role != SYSADMIN_CREATES or unit_id is not None):
        raise PermissionDenied("系统管理员新增的账号只能是只读用户(不绑定单位);"
                               "角色和单位由安全管理员分配。")
    username = (username or "").strip()
    if not username:
        raise ValidationFailed({"username": "用户名不能为空"})
    if find_user_id(session=session, username=username) is not None:  # not the hash column
        raise ValidationFailed({"username": f"用户名“{username}”已存在"})
    _check_password(password, username)
    parsed = _check_role(session, role, unit_id)
    user = User(
        username=username,
        display_name=display_name or username,
        role=parsed.value,
        unit_id=unit_id if parsed == Role.REPORTER else None,
        must_change_password=True,
    )
    _set_password(user, password)
    session.add(user)
    session.flush()
    _sync_login(session, user, password)
    event = records.audit_create(session, actor, ENTITY, user, summaries.USER_CREATE(name=username))
    return WriteResult(row_id(user), user.version, event)


def update_user(
    *,
    session: Session,
    actor: Actor,
    user_id: int,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> WriteResult:
    user = _load(session, user_id)
    _require_edit(actor, user, values)
    records.check_version(user, expected_version, f"用户“{user.username}”")
    role = values.get("role", user.role)
    unit_id = values.get("unit_id", user.unit_id)
    parsed = _check_role(session, role, unit_id)
    if user.role == Role.ADMIN and (parsed != Role.ADMIN or values.get("active") is False):
        _keep_one_admin(session, user_id)
    changes = {
        "display_name": values.get("display_name", user.display_name),
        "role": parsed.value,
        "unit_id": unit_id if parsed == Role.REPORTER else None,
        "active": values.get("active", user.active),
    }
    diff = records.apply_changes(user, changes)
    _sync_login(session, user)
    event = records.audit_update(session, actor, ENTITY, user,
                                 summaries.USER_UPDATE(name=user.username), diff)
    return WriteResult(row_id(user), user.version, event)


def reset_password(
    *, session: Session, actor: Actor, user_id: int, new_password: str
) -> WriteResult:
    """An admin or 系统管理员 sets a temporary password; the user must change it at next
    sign-in."""
    require(actor, Act.USER_PASSWORD)
    user = _load(session, user_id)
    require_account_reach(actor, user.role)
    _check_password(new_password, user.username)
    _set_password(user, new_password)
    user.must_change_password = True
    if Role(actor.role) == Role.ADMIN:
        # An admin's reset also unlocks. The 系统管理员's group may not write the lockout
        # columns on the server (server_roles._grants), so its reset leaves the 15 minutes.
        user.failed_logins, user.locked_until = 0, None
    records.bump_version(user)
    _sync_login(session, user, new_password)
    event = audit.record(
        session=session,
        actor=actor,
        action="update",
        entity=ENTITY,
        entity_id=user.id,
        summary=summaries.PASSWORD_RESET(name=user.username),
        changes={"fields": {"password": ["***", "***"]}},
    )
    return WriteResult(user_id, user.version, row_id(event))


def change_own_password(
    *, session: Session, username: str, old_password: str, new_password: str
) -> None:
    if _own_login(session, username) is not None:
        _change_own_login_password(session, username, old_password, new_password)
        return
    user = _verified(session, username, old_password)
    _check_password(new_password, user.username)
    if old_password == new_password:
        raise ValidationFailed({"password": "新密码不能与旧密码相同"})
    _set_password(user, new_password)
    user.must_change_password = False
    records.bump_version(user)
    _sync_login(session, user, new_password)
    audit.record(
        session=session,
        actor=_actor(user),
        action="update",
        entity=ENTITY,
        entity_id=user.id,
        summary=summaries.PASSWORD_CHANGE(name=user.username),
        changes={"fields": {"password": ["***", "***"]}},
    )


def _change_own_login_password(session: Session, username: str, old_password: str,
                               new_password: str) -> None:
    """Server mode, signed in as the user's own login: PostgreSQL checks the old password
    (the login may not read password_hash), the login sets its own SCRAM verifier, and a
    definer function clears must-change on its own row (it may not UPDATE app_user)."""
    from jjjdesk.db import server_roles

    conn = session.connection()
    if not server_roles.check_login_password(conn, old_password or ""):
        raise UserFacingError("当前密码错误。")
    _check_password(new_password, username)
    if old_password == new_password:
        raise ValidationFailed({"password": "新密码不能与旧密码相同"})
    server_roles.set_login_password(conn, username, new_password)
    server_roles.note_password_changed(conn, _hasher.hash(new_password))
    actor = connection_actor(session=session)
    assert actor is not None  # _own_login found the login's user
    audit.record(session=session, actor=actor, action="update", entity=ENTITY,
                 entity_id=find_user_id(session=session, username=username),
                 summary=summaries.PASSWORD_CHANGE(name=username),
                 changes={"fields": {"password": ["***", "***"]}})


def _own_login(session: Session, username: str):
    """The connection when it is `username`'s own server login, else None."""
    conn = _server(session)
    if conn is None:
        return None
    from jjjdesk.db import server_roles

    return conn if server_roles.current_app_user(conn) == (username or "").strip() else None


def _set_password(user: User, password: str) -> None:
    user.password_hash = _hasher.hash(password)
    user.password_changed_at = now()


@dataclass(frozen=True)
class SignIn:
    actor: Actor
    previous_sign_in: datetime | None
    failed_since: int  # failed sign-ins on this account since the previous sign-in
    must_change_password: bool  # set by an admin, or expired (`expired` says which)
    expired: bool


def authenticate(*, session: Session, username: str, password: str) -> Actor:
    """Sign in: returns who is acting, or one message that doesn't say which part was wrong."""
    return sign_in(session=session, username=username, password=password).actor


def sign_in(*, session: Session, username: str, password: str,
            moment: datetime | None = None) -> SignIn:
    """`authenticate` with what the sign-in shows: the previous sign-in, the failures since,
    and whether the password must be changed first (an admin's reset, or older than the
    password.max_age_days setting). Audited as 登录."""
    from jjjdesk.services.settings import get_setting

    user = _verified(session, username, password)
    moment = moment or now()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    previous = user.last_login_at
    failed = _failures_since(session, row_id(user), previous)
    expired = password_expired(
        user, get_setting(session=session, key="password.max_age_days"), moment)
    user.last_login_at = moment
    audit.record(session=session, actor=_actor(user), action="login", entity=ENTITY,
                 entity_id=user.id, summary=summaries.LOGIN(name=user.username), changes={})
    return SignIn(_actor(user), previous, failed, user.must_change_password or expired,
                  expired)


def password_expired(user: User, max_age_days: float, moment: datetime) -> bool:
    """Older than `max_age_days` (0: never expires). A password set outside the app (server
    init, psql) counts from the account's creation."""
    return _older_than(user.password_changed_at or user.created_at, max_age_days, moment)


def _older_than(changed: datetime, max_age_days: float, moment: datetime) -> bool:
    if not max_age_days:
        return False
    return moment - _aware(changed) >= timedelta(days=max_age_days)


def verify_password(*, session: Session, username: str, password: str) -> None:
    """The idle lock's check: the same counting and lockout as signing in, not a new sign-in.
    Signed in as the user's own server login: PostgreSQL checks it (no counting there)."""
    conn = _own_login(session, username)
    if conn is not None:
        from jjjdesk.db import server_roles

        if not server_roles.check_login_password(conn, password or ""):
            raise UserFacingError("用户名或密码错误。")
        return
    _verified(session, username, password)


def _failures_since(session: Session, user_id: int, since: datetime | None) -> int:
    from jjjdesk.domain.models import AuditEvent

    stmt = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.entity == ENTITY, AuditEvent.entity_id == user_id,
        col(AuditEvent.action).in_(FAILED_ACTIONS))
    if since is not None:
        # audit times are whole seconds (services/audit.py)
        stmt = stmt.where(AuditEvent.at > since.replace(microsecond=0))
    return session.exec(stmt).one()


@dataclass(frozen=True)
class ServerSignIn:
    actor: Actor
    previous_sign_in: datetime | None
    must_change_password: bool  # set by an admin, or expired (`expired` says which)
    expired: bool = False
    failed_since: int = 0  # PostgreSQL refuses wrong passwords before any of our SQL runs

    @property
    def signed_in(self) -> SignIn:
        """The same facts as an app sign-in, for the sign-in note and the change dialog."""
        return SignIn(self.actor, self.previous_sign_in, self.failed_since,
                      self.must_change_password, self.expired)


def sign_in_as_connection(*, session: Session) -> ServerSignIn:
    """Server mode: PostgreSQL has checked the login's password; note the sign-in (and audit
    it) as the user the connection belongs to. Refused for the owner or a stranger."""
    conn = _server(session)
    if conn is None:
        raise UserFacingError("该数据库未启用服务器权限(server init),不能用本人账号登录。")
    from sqlalchemy.exc import DBAPIError

    from jjjdesk.db import server_roles

    try:
        username, previous, must_change = server_roles.note_sign_in(conn)
    except DBAPIError as exc:
        raise UserFacingError("该数据库账号不是已启用的 jjjdesk 用户。") from exc
    actor = connection_actor(session=session)
    if actor is None:  # note_sign_in accepted the login, so it is an app user: never here
        raise UserFacingError("该数据库账号不是已启用的 jjjdesk 用户。")
    from jjjdesk.services.settings import get_setting

    # Named columns: a login may not read password_hash.
    user_id, locked_until, changed, created = session.exec(
        select(User.id, User.locked_until, User.password_changed_at, User.created_at)
        .where(User.username == username)).one()
    moment = now()
    if locked_until is not None and _aware(locked_until) > moment:
        # A lock the app set (before server init, or by the owner's app sign-in) still
        # holds; the raise rolls the noted sign-in back.
        raise UserFacingError(_locked_message(_aware(locked_until)))
    expired = _older_than(changed or created,
                          get_setting(session=session, key="password.max_age_days"), moment)
    audit.record(session=session, actor=actor, action="login", entity=ENTITY,
                 entity_id=user_id, summary=summaries.LOGIN(name=username), changes={})
    return ServerSignIn(actor, previous, must_change or expired, expired)


def must_change_password(*, session: Session, username: str) -> bool:
    user = session.exec(select(User).where(User.username == username)).first()
    return bool(user and user.must_change_password)


def find_user_id(*, session: Session, username: str) -> int | None:
    return session.exec(select(User.id).where(User.username == (username or "").strip())).first()


def list_users(*, session: Session, actor: Actor) -> list[UserView]:
    require(actor, Act.USER_LIST)
    stmt = select(User).options(defer(User.password_hash)).order_by(User.username)  # type: ignore[arg-type]
    return [_view(session, u) for u in session.exec(stmt)]


MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
FAILED_ACTIONS = ("login_failed", "lockout")


def _locked_message(until: datetime) -> str:
    local = until.astimezone()
    return (f"密码连续输错 {MAX_FAILED_LOGINS} 次,账号已锁定至 {local:%H:%M},"
            "请稍后再试或联系管理员。")


def _verified(session: Session, username: str, password: str) -> User:
    """The user whose password this is. Wrong passwords are counted on the account (kept even
    though the sign-in fails: the count is committed before the refusal); the fifth in a row
    locks it for `LOCKOUT`, and a locked account is refused before its password is looked at."""
    dummy = _dummy_hash()  # before the lookup, so even the first sign-in times the same
    user = session.exec(select(User).where(User.username == (username or "").strip())).first()
    moment = now()
    if user is not None and user.locked_until is not None and _aware(user.locked_until) > moment:
        _audit_failure(session, username, user, "login_failed", summaries.LOGIN_LOCKED)
        raise UserFacingError(_locked_message(_aware(user.locked_until)))
    try:
        _hasher.verify(user.password_hash if user else dummy, password or "")
        ok = user is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if user is not None and not ok:
        user.failed_logins += 1
        locked = user.failed_logins >= MAX_FAILED_LOGINS
        if locked:
            user.failed_logins, user.locked_until = 0, moment + LOCKOUT
            local = (moment + LOCKOUT).astimezone()
            _audit_failure(session, username, user, "lockout",
                           summaries.LOCKOUT, count=MAX_FAILED_LOGINS, time=f"{local:%H:%M}")
        else:
            _audit_failure(session, username, user, "login_failed", summaries.LOGIN_WRONG_PASSWORD)
        if locked:
            raise UserFacingError(_locked_message(moment + LOCKOUT))
    if user is None:
        _audit_failure(session, username, None, "login_failed", summaries.LOGIN_NO_USER)
    if user is None or not ok:
        raise UserFacingError("用户名或密码错误。")
    if not user.active:
        _audit_failure(session, username, user, "login_failed", summaries.LOGIN_INACTIVE)
        raise UserFacingError("该账号已停用,请联系管理员。")
    if user.failed_logins or user.locked_until is not None:
        user.failed_logins, user.locked_until = 0, None
    return user


def _audit_failure(session: Session, tried: str, user: User | None, action: str,
                   why: summaries.Template, **slots: object) -> None:
    """A refused sign-in in the audit, committed although the sign-in fails (the caller's
    transaction is this sign-in only): the name tried, never the password."""
    name = (tried or "").strip()[:50]
    audit.record(session=session, actor=Actor(name or "(空)", Role.VIEWER), action=action,
                 entity=ENTITY, entity_id=user.id if user else None,
                 summary=why(name=name, **slots), changes={})
    if user is not None:
        session.add(user)
    session.commit()


def _aware(moment: datetime) -> datetime:
    """SQLite gives timestamps back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def login_name(*, session: Session, username: str) -> str | None:
    """The PostgreSQL login of `username` in server mode; None elsewhere."""
    conn = _server(session)
    if conn is None:
        return None
    from jjjdesk.db import server_roles

    return server_roles.login_name(conn, username)


def connection_actor(*, session: Session) -> Actor | None:
    """Who this connection signed in as, in server mode: the actor comes from the database
    login (`current_user`), not from anything the caller builds. None for the owner (or a
    SQLite file), whose tools act on the owner's authority."""
    conn = _server(session)
    if conn is None:
        return None
    from jjjdesk.db import server_roles

    username = server_roles.current_app_user(conn)
    if username is None:
        return None
    # Named columns: a login may not read password_hash.
    role, unit_id = session.exec(
        select(User.role, User.unit_id).where(User.username == username)
    ).one()
    # A role this version does not know (a newer app wrote it) reads as a viewer.
    app_role = Role(role) if role in {r.value for r in Role} else Role.VIEWER
    return Actor(name=username, role=app_role, unit_id=unit_id)


def _server(session: Session):
    """The connection when this is a server-mode database (server init has run), else None."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    from jjjdesk.db import server_roles

    return conn if server_roles.installed(conn) else None


def _sync_login(session: Session, user: User, password: str | None = None) -> None:
    conn = _server(session)
    if conn is None:
        return
    from jjjdesk.db import server_roles

    session.flush()
    server_roles.sync_login(conn, user.username)
    if password is not None:
        server_roles.set_login_password(conn, user.username, password)


def _actor(user: User) -> Actor:
    return Actor(name=user.username, role=Role(user.role), unit_id=user.unit_id)


def _keep_one_admin(session: Session, leaving_id: int) -> None:
    others = session.exec(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, col(User.active).is_(True), User.id != leaving_id)
    ).one()
    if not others:
        raise UserFacingError("至少要保留一个启用的管理员账号。")


def _view(session: Session, user: User) -> UserView:
    unit = session.get(Unit, user.unit_id) if user.unit_id else None
    return UserView(
        id=row_id(user),
        version=user.version,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        role_label=ROLE_LABELS[Role(user.role)],
        unit_id=user.unit_id,
        unit_name=unit.name if unit else "",
        active=user.active,
        must_change_password=user.must_change_password,
        last_login_at=user.last_login_at,
        password_changed_at=user.password_changed_at,
    )
