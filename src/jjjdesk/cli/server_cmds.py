"""Server commands: `server init` guards a shared PostgreSQL database with its own roles."""

from __future__ import annotations

import argparse

from jjjdesk.cli.context import CliContext
from jjjdesk.services import server_setup


def register(sub: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    group = sub.add_parser("server", parents=[db_option], help="服务器(PostgreSQL)设置")
    actions = group.add_subparsers(dest="server_command", required=True, metavar="ACTION")
    init = actions.add_parser(
        "init",
        parents=[db_option],
        help="升级数据库并建立角色、授权、行级安全和只增审计(可重复运行)",
        description="须用数据库所有者(有 CREATEROLE 权限)的连接地址运行。",
    )
    init.add_argument("--role-prefix", default=None,
                      help="角色名前缀(默认 jjjdesk;同一服务器上的第二个数据库请另取)")
    init.set_defaults(handler=_init)


def _init(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db().session() as s:  # opening migrates the schema first
        done = server_setup.init_server(session=s, prefix=args.role_prefix)
    print("服务器权限已就绪。组角色:" + "、".join(done.groups))
    if done.logins:
        print(f"已为 {len(done.logins)} 个现有用户建立数据库登录;"
              "请为他们重设密码(重设后方可用本人账号连接)。")
    return 0
