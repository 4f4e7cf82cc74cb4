"""User commands: the first admin of a new (server) database; add, list, disable users,
assign a role and unit, reset a password (who may do which: services/permissions.py).

In server mode (after `server init`) `user add` also creates the user's PostgreSQL login and
`user disable` disables it; the command acts as the login it connects with."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import UTC, datetime

from jjjdesk.cli.context import CliContext
from jjjdesk.domain.actor import ROLE_LABELS, Role
from jjjdesk.errors import UserFacingError
from jjjdesk.services import units, users

ENV_PASSWORD = "JJJDESK_ADMIN_PASSWORD"


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    group = sub.add_parser("user", parents=[db_option], help="用户")
    actions = group.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create-admin",
        parents=[db_option],
        help="为尚无用户的数据库创建初始管理员",
        description=f"密码从终端输入(两次),或取自环境变量 {ENV_PASSWORD}。",
    )
    create.add_argument("username", help="管理员用户名")
    create.set_defaults(handler=_create_admin)
    listing = actions.add_parser("list", parents=[db_option], help="列出用户")
    listing.add_argument("--json", action="store_true",
                         help="以 JSON 输出(含最近登录、密码设置时间,UTC)")
    listing.set_defaults(handler=_list)
    add = actions.add_parser(
        "add", parents=[db_option], help="新增用户(服务器模式下同时建立数据库登录)",
        description="密码从终端输入(两次),或用 --password-stdin 从标准输入读一行。",
    )
    add.add_argument("username", metavar="LOGIN", help="用户名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help=_ROLES)
    add.add_argument("--unit", default=None, metavar="NAME", help="单位填报员所属单位(名称或别名)")
    add.add_argument("--display-name", default="", help="显示名称")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    add.set_defaults(handler=_add)
    for verb, label, active in (("disable", "停用", False), ("enable", "启用", True)):
        cmd = actions.add_parser(verb, parents=[db_option],
                                 help=f"{label}用户(服务器模式下同时{label}其数据库登录)")
        cmd.add_argument("username", metavar="LOGIN")
        cmd.set_defaults(handler=_set_active, active=active, label=label)
    assign = actions.add_parser("assign", parents=[db_option],
                                help="分配角色和单位(管理员或安全管理员,不能给自己分配)")
    assign.add_argument("username", metavar="LOGIN")
    assign.add_argument("--role", required=True, choices=[r.value for r in Role], help=_ROLES)
    assign.add_argument("--unit", default=None, metavar="NAME",
                        help="单位填报员所属单位(名称或别名)")
    assign.set_defaults(handler=_assign)
    reset = actions.add_parser(
        "reset-password", parents=[db_option],
        help="重置密码为临时密码(管理员或系统管理员;下次登录须修改)",
        description="密码从终端输入(两次),或用 --password-stdin 从标准输入读一行。")
    reset.add_argument("username", metavar="LOGIN")
    reset.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    reset.set_defaults(handler=_reset_password)


_ROLES = "角色:" + " / ".join(f"{role.value} {text}" for role, text in ROLE_LABELS.items())


def _read_password() -> str:
    env = os.environ.get(ENV_PASSWORD)
    if env:
        return env
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if line:
            return line
        raise UserFacingError(f"请在终端输入密码,或设置环境变量 {ENV_PASSWORD}。")
    first = getpass.getpass("管理员密码:")
    if getpass.getpass("再次输入密码:") != first:
        raise UserFacingError("两次输入的密码不一致。")
    return first


def _create_admin(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:
        if users.has_users(session=s):
            raise UserFacingError(
                "该数据库已有用户,不能再创建初始管理员;请用管理员账号登录后添加。"
            )
    password = _read_password()
    with ctx.db().session() as s:
        view = users.create_first_admin(session=s, username=args.username, password=password)
    print(f"已创建管理员“{view.username}”。请用此账号登录 jjjdesk 并添加其他用户。")
    return 0


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UserFacingError("标准输入中没有密码。")
        return line
    if not sys.stdin.isatty():
        raise UserFacingError("请在终端输入密码,或使用 --password-stdin。")
    first = getpass.getpass("新用户密码:")
    if getpass.getpass("再次输入密码:") != first:
        raise UserFacingError("两次输入的密码不一致。")
    return first


def _add(args: argparse.Namespace, ctx: CliContext) -> int:
    password = _new_password(args.password_stdin)
    with ctx.db().session() as s:
        unit_id = None
        if args.unit:
            unit_id = units.find_unit_by_name(session=s, name=args.unit)
            if unit_id is None:
                raise UserFacingError(f"找不到单位“{args.unit}”。")
        users.create_user(session=s, actor=ctx.acting(s), username=args.username,
                          password=password, role=args.role, unit_id=unit_id,
                          display_name=args.display_name)
        login = users.login_name(session=s, username=args.username.strip())
    suffix = f",数据库登录名 {login}" if login else ""
    print(f"已新增用户“{args.username.strip()}”{suffix}。首次登录须修改密码。")
    return 0


def _user_id(s, username: str) -> int:
    user_id = users.find_user_id(session=s, username=username)
    if user_id is None:
        raise UserFacingError(f"没有用户“{username}”。")
    return user_id


def _unit_id(s, name: str | None) -> int | None:
    if not name:
        return None
    unit_id = units.find_unit_by_name(session=s, name=name)
    if unit_id is None:
        raise UserFacingError(f"找不到单位“{name}”。")
    return unit_id


def _assign(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:
        users.update_user(session=s, actor=ctx.acting(s), user_id=_user_id(s, args.username),
                          values={"role": args.role, "unit_id": _unit_id(s, args.unit)})
    print(f"已将用户“{args.username}”的角色设为{ROLE_LABELS[Role(args.role)]}。")
    return 0


def _reset_password(args: argparse.Namespace, ctx: CliContext) -> int:
    password = _new_password(args.password_stdin)
    with ctx.db().session() as s:
        users.reset_password(session=s, actor=ctx.acting(s),
                             user_id=_user_id(s, args.username), new_password=password)
    print(f"已重置用户“{args.username}”的密码,对方下次登录须修改。")
    return 0


def _set_active(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:
        user_id = users.find_user_id(session=s, username=args.username)
        if user_id is None:
            raise UserFacingError(f"没有用户“{args.username}”。")
        users.update_user(session=s, actor=ctx.acting(s), user_id=user_id,
                          values={"active": args.active})
    print(f"已{args.label}用户“{args.username}”。")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    # The owner (or a SQLite file) acts as administrator; a server login as its own role.
    with ctx.db().session() as s:
        rows = users.list_users(session=s, actor=ctx.acting(s))
    if args.json:
        print(json.dumps([_json_row(row) for row in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("尚无用户。")
    for row in rows:
        state = "" if row.active else "(已停用)"
        unit = f" · {row.unit_name}" if row.unit_name else ""
        print(f"{row.username}\t{row.role_label}{unit}{state}")
    return 0


def _json_row(row: users.UserView) -> dict[str, object]:
    def stamp(moment: datetime | None) -> str | None:
        # SQLite gives UTC back without its zone; say it is UTC either way
        return None if moment is None else moment.replace(tzinfo=moment.tzinfo or UTC).isoformat()

    return {"username": row.username, "display_name": row.display_name, "role": row.role,
            "unit": row.unit_name or None, "active": row.active,
            "must_change_password": row.must_change_password,
            "last_login_at": stamp(row.last_login_at),
            "password_changed_at": stamp(row.password_changed_at)}
