"""`audit keygen`, `audit checkpoint` and `audit verify --checkpoint`: the auditor's signed
checkpoints of the hash chain (services/audit_anchor.py says which attacker each stops)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError

FAILED = 3  # the exit code of a failed audit check, with or without checkpoints


def register(actions: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    keygen = actions.add_parser(  # --db accepted like every command's, though unused
        "keygen", parents=[db_option],
        help="生成审计员签发检查点用的密钥对(私钥自己保管,不放在服务器上)")
    keygen.add_argument("--out", type=Path, required=True, metavar="DIR", help="密钥写到哪个文件夹")
    keygen.add_argument("--passphrase-stdin", action="store_true",
                        help="给私钥设口令(建议):从标准输入读一行,终端上则不回显地输入两次")
    keygen.set_defaults(handler=_keygen)
    checkpoint = actions.add_parser(
        "checkpoint", parents=[db_option], help="导出审计日志的签名检查点(审计员或管理员)")
    checkpoint.add_argument("--key", type=Path, required=True, metavar="PRIVATE_KEY_FILE",
                            help="审计员的私钥文件")
    checkpoint.add_argument("--out", type=Path, required=True, metavar="FILE",
                            help="检查点写到哪个文件(.json;请存放在服务器以外)")
    checkpoint.add_argument("--passphrase-stdin", action="store_true",
                            help="私钥有口令时,从标准输入读一行口令(终端上不回显)")
    checkpoint.set_defaults(handler=_checkpoint)


def add_verify_options(verify: argparse.ArgumentParser) -> None:
    verify.add_argument("--checkpoint", type=Path, action="append", default=[], metavar="FILE",
                        help="再按审计员签发的检查点核对(可多次给出)")
    verify.add_argument("--public-key", type=Path, metavar="PUB",
                        help="审计员的公钥文件(须取自审计员自己保存的那份)")
    verify.add_argument("--json", action="store_true", help="以 JSON 输出")


def _passphrase(wanted: bool, twice: bool = False) -> bytes | None:
    """The private key's passphrase: one line of standard input, or typed unseen (and for a
    new key twice) when that is a terminal."""
    if not wanted:
        return None
    if sys.stdin.isatty():
        import getpass

        line = getpass.getpass("私钥口令:")
        if twice and getpass.getpass("再输入一次:") != line:
            raise UserFacingError("两次输入的口令不一致。")
    else:
        line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserFacingError("没有给出口令。")
    return line.encode("utf-8")


def _keygen(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import audit_keys

    made = audit_keys.generate_key_pair(folder=args.out,
                                        passphrase=_passphrase(args.passphrase_stdin, twice=True))
    print(f"已生成审计检查点密钥(公钥编号 {made.key_id}):")
    print(f"  私钥:{made.private}(只由审计员保管,不要放在服务器或工作站上)")
    print(f"  公钥:{made.public}(核对检查点时使用;也请自己保存一份)")
    return 0


def _checkpoint(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import audit_anchor, audit_keys

    key = audit_keys.load_private_key(args.key, _passphrase(args.passphrase_stdin))
    document = audit_anchor.export_checkpoint(db=ctx.db(), actor=ctx.actor, private_key=key,
                                              path=args.out)
    body = document["body"]
    print(f"已导出审计检查点:至第 {body['event_id']} 条,共 {body['count']} 条记录,"
          f"公钥编号 {body['key_id']}。")
    print(f"  {args.out}(请存放在服务器以外,例如审计员的 U 盘)")
    return 0


def verify(args: argparse.Namespace, ctx: CliContext) -> int:
    """`audit verify` with checkpoints (or --json): the chain and every checkpoint."""
    from jjjdesk.services import audit_anchor, audit_keys

    if args.checkpoint and args.public_key is None:
        raise UserFacingError("核对检查点需要 --public-key(审计员自己保存的公钥文件)。")
    if args.public_key is not None and not args.checkpoint:
        raise UserFacingError("给了 --public-key,却没有给 --checkpoint 检查点文件。")
    public = audit_keys.load_public_key(args.public_key) if args.checkpoint else None
    documents = [(str(p), audit_anchor.read_checkpoint(p)) for p in args.checkpoint]
    with ctx.db().session() as s:
        report = audit_anchor.verify(session=s, checkpoints=documents, public_key=public)
    if args.json:
        print(json.dumps({
            "ok": report.ok, "events": report.total, "broken": report.broken,
            "checkpoints": [{**vars(c), "ok": c.ok} for c in report.checkpoints],
        }, ensure_ascii=False, indent=2))
        return 0 if report.ok else FAILED
    for line in audit_anchor.report_lines(report):
        print(line)
    return 0 if report.ok else FAILED
