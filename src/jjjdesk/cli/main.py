"""`jjjdesk-cli`: headless commands; errors as one clear line and a non-zero exit."""

from __future__ import annotations

import argparse
import logging
import re
import sys

from jjjdesk.cli import (
    attach_cmds,
    audit_cmds,
    backup_cmds,
    calendar_cmds,
    entries_cmds,
    export_cmds,
    extension_cmds,
    import_cmds,
    lights_cmds,
    problems_cmds,
    registry_cmds,
    round_cmds,
    scorecard_cmds,
    server_cmds,
    settings_cmds,
    user_cmds,
    workbench_cmds,
)
from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError
from jjjdesk.logging_setup import setup_logging
from jjjdesk.paths import AppPaths

log = logging.getLogger("jjjdesk.cli")

# Each module adds its sub-commands with `register(sub, db_option)`; a command's handler
# is `handler(args, ctx) -> exit code`.
COMMAND_MODULES = [registry_cmds, backup_cmds, audit_cmds, round_cmds, import_cmds,
                   export_cmds, user_cmds, calendar_cmds, lights_cmds, entries_cmds,
                   problems_cmds, server_cmds, extension_cmds, scorecard_cmds,
                   attach_cmds, workbench_cmds, settings_cmds]


def _parser() -> argparse.ArgumentParser:
    # --db is accepted before or after the command; SUPPRESS keeps a sub-command's
    # unset option from overwriting the value given before it.
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db", metavar="PATH|URL", default=argparse.SUPPRESS, help="数据库文件或连接地址"
    )
    # Server mode: the login's password, when the URL holds none (libpq's PGPASSWORD works
    # too). A name of its own: `user add --password-stdin` reads the new user's password.
    db_option.add_argument(
        "--db-password-stdin", action="store_true", default=argparse.SUPPRESS,
        help="从标准输入的第一行读取数据库登录密码(服务器模式;也可用环境变量 PGPASSWORD)",
    )
    parser = argparse.ArgumentParser(
        prog="jjjdesk-cli", description="京津冀协同发展台账 命令行工具", parents=[db_option]
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, db_option)
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    paths = AppPaths.default()
    setup_logging(paths.log_file)
    from jjjdesk.services.backups import clean_leftovers

    clean_leftovers(paths=paths)
    ctx = CliContext(
        db_arg=getattr(args, "db", None), paths=paths, may_create=args.command in ("init", "demo"),
        password=_stdin_password() if getattr(args, "db_password_stdin", False) else None,
    )
    try:
        return args.handler(args, ctx)
    finally:
        ctx.close()


def _stdin_password() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserFacingError("标准输入中没有数据库登录密码。")
    return line


#: Control characters other than newline and tab: a unit name holding "\x1b[2J" must not
#: clear or recolour the clerk's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _EscapedOutput:
    """A text stream that writes control characters as visible \\xNN escapes."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    # Chinese output must not die on a console whose encoding is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _EscapedOutput(out), _EscapedOutput(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UserFacingError as exc:
        log.warning("cli: %s", exc)
        print(f"错误:{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, details in log
        known = _database_cause(exc)
        if known:
            log.warning("cli: database error", exc_info=exc)
            print(f"错误:{known}", file=sys.stderr)
            return 1
        log.exception("cli crashed")
        # No exception text: it may hold SQL, parameters or library English.
        print(f"内部错误,操作未完成(详情见日志 {AppPaths.default().log_file})", file=sys.stderr)
        return 2


def _database_cause(exc: BaseException) -> str | None:
    from jjjdesk.db.errors import describe

    return describe(exc)


if __name__ == "__main__":
    sys.exit(main())
