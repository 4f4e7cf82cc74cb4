"""`audit keygen`, `audit checkpoint` and `audit verify --checkpoint`: the auditor's signed
checkpoints of the hash chain (services/audit_anchor.py says which attacker each stops)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from jjjdesk.cli.context import CliContext
from jjjdesk.errors import UserFacingError

FAILED = 3  # the exit code of a failed audit check, with or without checkpoints


def register(actions: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    keygen = actions.add_parser(
        "keygen", help="生成审计员签发检查点用的密钥对(私钥自己保管,不放在服务器上)")
    keygen.add_argument("--out", type=Path, required=True, metavar="DIR", help="密钥写到哪个文件夹")
    keygen.add_argument("--passphrase-stdin", action="store_true",
                        help="从标准输入读一行作为私钥口令(建议)")
    keygen.set_defaults(handler=_keygen)
    checkpoint = actions.add_parser(
        "checkpoint", parents=[db_option], help="导出审计日志的签名检查点(审计员或管理员)")
    checkpoint.add_argument("--key", type=Path, required=True, metavar="PRIVATE_KEY_FILE",
                            help="审计员的私钥文件")
    checkpoint.add_argument("--out", type=Path, required=True, metavar="FILE",
                            help="检查点写到哪个文件(.json;请存放在服务器以外)")
    checkpoint.add_argument("--passphrase-stdin", action="store_true",
                            help="私钥有口令时,从标准输入读一行口令")
    checkpoint.set_defaults(handler=_checkpoint)


def add_verify_options(verify: argparse.ArgumentParser) -> None:
    verify.add_argument("--checkpoint", type=Path, action="append", default=[], metavar="FILE",
                        help="再按审计员签发的检查点核对(可多次给出)")
    verify.add_argument("--public-key", type=Path, metavar="PUB",
                        help="审计员的公钥文件(须取自审计员自己保存的那份)")
    verify.add_argument("--json", action="store_true", help="以 JSON 输出")


def _passphrase(wanted: bool) -> bytes | None:
    if not wanted:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserFacingError("标准输入里没有口令。")
    return line.encode("utf-8")


def _keygen(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import audit_keys

    made = audit_keys.generate_key_pair(folder=args.out,
                                        passphrase=_passphrase(args.passphrase_stdin))
    print(f"已生成审计检查点密钥(公钥编号 {made.key_id}):")
    print(f"  私钥:{made.private}(只由审计员保管,不要放在服务器或工作站上)")
    print(f"  公钥:{made.public}(核对检查点时使用;也请自己保存一份)")
    return 0


def _checkpoint(args: argparse.Namespace, ctx: CliContext) -> int:
    from jjjdesk.services import audit_anchor, audit_keys

    out: Path = args.out
    if out.exists():  # an older checkpoint is evidence: never overwrite one
        raise UserFacingError(f"文件已存在,未覆盖:{out}")
    key = audit_keys.load_private_key(args.key, _passphrase(args.passphrase_stdin))
    partial = out.with_name(out.name + ".part")
    try:
        with ctx.db().session() as s:
            document = audit_anchor.make_checkpoint(session=s, actor=ctx.actor,
                                                    private_key=key)
            # Written before the export is committed to the audit (a full disk fails here,
            # with nothing recorded), put in place only after: no checkpoint leaves unaudited.
            try:
                partial.write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
            except OSError as exc:
                raise UserFacingError(f"无法写入检查点文件:{out}({exc.strerror})") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, out)
    body = document["body"]
    print(f"已导出审计检查点:至第 {body['event_id']} 条,共 {body['count']} 条记录,"
          f"公钥编号 {body['key_id']}。")
    print(f"  {out}(请存放在服务器以外,例如审计员的 U 盘)")
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
    if report.broken:
        shown = "、".join(str(i) for i in report.broken[:20])
        print(f"审计日志校验失败:第 {shown} 条记录在程序之外被修改或删除。")
    else:
        print(f"审计日志完整:共 {report.total} 条记录,哈希链校验通过。")
    for c in report.checkpoints:
        about = (f"检查点 {c.file}(至第 {c.event_id} 条,共 {c.count} 条,{c.made_at} 由 "
                 f"{c.signer} 签发,公钥编号 {c.key_id})")
        if not c.signature_ok:
            print(f"{about}:签名无效——不是这把公钥签发的,或检查点文件被改过。")
        elif c.problem:
            print(f"{about}:不符,{c.problem}。检查点之前的审计记录在程序之外被改动过。")
        else:
            print(f"{about}:相符。")
    return 0 if report.ok else FAILED
