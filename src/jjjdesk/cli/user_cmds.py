"""User commands: create the first admin of a new (server) database, list users."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from jjjdesk.cli.context import CliContext
from jjjdesk.domain.actor import Actor, Role
from jjjdesk.errors import UserFacingError
from jjjdesk.services import users

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
    actions.add_parser("list", parents=[db_option], help="列出用户").set_defaults(handler=_list)


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


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    # The command line runs on the server administrator's own authority (like audit verify).
    with ctx.db().session() as s:
        rows = users.list_users(session=s, actor=Actor(ctx.actor.name, Role.ADMIN))
    if not rows:
        print("尚无用户。")
    for row in rows:
        state = "" if row.active else "(已停用)"
        unit = f" · {row.unit_name}" if row.unit_name else ""
        print(f"{row.username}\t{row.role_label}{unit}{state}")
    return 0
