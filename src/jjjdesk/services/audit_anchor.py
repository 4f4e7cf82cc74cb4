"""Signed audit checkpoints: the hash chain anchored outside the database (issue 16 item 4).

The chain in `audit_event` (services/audit.py) has no secret: whoever can write the table —
the database owner, a superuser, anyone holding a copy of a SQLite file — can edit a row and
recompute every later hash, and the plain `audit verify` passes. A checkpoint is the
auditor's signed statement "on this database, the chain recomputed up to event N was H, over
C rows", made with a private key that never enters the database and checked with the public
key from the auditor's own file. Rewriting or deleting any row up to N, or slipping one in,
changes what the verifier recomputes, and no one without the private key can sign a new
statement to match.

What each measure stops:
- append-only grants and the audit trigger (db/server_roles.py): a login (a reporter with
  psql) cannot touch the rows at all; they do not stop the owner or a superuser;
- a checkpoint: the owner, a superuser, or whoever copies and edits the database file, for
  every row up to the checkpoint (rows after the newest checkpoint are as safe as the plain
  chain until the next one);
- nothing here stops someone who holds both the database and the auditor's private key.

So that the verifier can name the first row that disagrees (not only "something before N"),
a checkpoint also carries the ids of the rows it covers (as runs) and the first 4 bytes of
each row's recomputed chain hash, 4 bytes a row (1.2 MB for 300,000 rows). The full head hash
is what proves; the short tags only point at a row.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session, select

from jjjdesk.domain.actor import Actor
from jjjdesk.domain.models import User
from jjjdesk.errors import UserFacingError
from jjjdesk.services import audit, audit_keys
from jjjdesk.services import audit_summaries as summaries
from jjjdesk.services.permissions import PermissionDenied

if TYPE_CHECKING:
    from jjjdesk.db.engine import Database

FORMAT = "jjjdesk-audit-checkpoint/1"
TAG_BYTES = 4
SIGNERS = ("admin", "auditor")  # the roles that may read the whole log and vouch for it


@dataclass(frozen=True)
class CheckpointResult:
    """One checkpoint checked against the database as it is now."""

    file: str
    event_id: int
    count: int
    made_at: str
    signer: str
    key_id: str
    signature_ok: bool
    first_bad_id: int | None = None  # the first row (by id) that disagrees, if any
    problem: str = ""  # what is wrong there, in words

    @property
    def ok(self) -> bool:
        return self.signature_ok and not self.problem


@dataclass(frozen=True)
class AnchorReport:
    total: int
    broken: list[int]  # the plain chain check (`audit.verify_chain`)
    checkpoints: list[CheckpointResult]

    @property
    def ok(self) -> bool:
        return not self.broken and all(c.ok for c in self.checkpoints)


# ---- making one -------------------------------------------------------------------------
def make_checkpoint(*, session: Session, actor: Actor, private_key) -> dict[str, Any]:
    """Sign the chain as it is now and record the export in the audit (in the caller's
    transaction; the caller writes the returned document to the auditor's file)."""
    signer = _signer(session, actor)
    ids: list[int] = []
    tags = bytearray()
    head = ""
    broken: list[int] = []
    for event_id, intact, chained in audit.chain_links(session=session):
        if not intact:
            broken.append(event_id)
        ids.append(event_id)
        tags += bytes.fromhex(chained[: TAG_BYTES * 2])
        head = chained
    if broken:  # signing a broken chain would vouch for the tampering
        shown = "、".join(str(i) for i in broken[:20])
        raise UserFacingError(f"审计日志第 {shown} 条记录在程序之外被修改或删除,"
                              "不能为它签发检查点;请先查明原因。")
    if not ids:
        raise UserFacingError("审计日志为空,没有可签的内容。")
    public = private_key.public_key()
    body = {
        "format": FORMAT,
        "database_id": database_identity(session),
        "event_id": ids[-1],
        "chain_hash": head,
        "count": len(ids),
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "signer": signer,
        "key_id": audit_keys.key_id(public),
        "ids": _runs(ids),
        "tags": base64.b64encode(bytes(tags)).decode("ascii"),
    }
    document = {"body": body, "signature": audit_keys.sign(private_key, body)}
    # record() reads only the actor's name (on a server, the login's user, whatever its role).
    audit.record(session=session, actor=Actor(name=signer), action="checkpoint",
                 entity="audit", entity_id=ids[-1],
                 summary=summaries.CHECKPOINT(last=ids[-1], count=len(ids)),
                 changes={"key_id": body["key_id"], "chain_hash": head})
    return document


def export_checkpoint(*, db: Database, actor: Actor, private_key, path: Path) -> dict[str, Any]:
    """Make a checkpoint and write it to `path` (never over an existing file: an older
    checkpoint is evidence). Its own transaction, so that the file is written completely
    before the export is committed to the audit (a full disk fails with nothing recorded)
    and is put in place only after (no checkpoint leaves unaudited)."""
    if path.exists():
        raise UserFacingError(f"文件已存在,未覆盖:{path}")
    partial = path.with_name(path.name + ".part")
    try:
        with db.session() as s:
            document = make_checkpoint(session=s, actor=actor, private_key=private_key)
            try:
                partial.write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
            except OSError as exc:
                raise UserFacingError(f"无法写入检查点文件:{path}({exc.strerror})") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return document


def _signer(session: Session, actor: Actor) -> str:
    """Who signs: on a server, the signed-in login's user, and only an auditor or an admin
    (a reporter may not read the log it would vouch for); the owner of a server database, or
    on a SQLite file an administrator, as `actor`."""
    from jjjdesk.db import server_roles

    username = server_roles.current_app_user(session.connection())
    if username is None:
        if actor.role not in SIGNERS:  # a SQLite file's signed-in auditor signs too
            raise PermissionDenied("只有审计员或管理员可以导出审计检查点。")
        return actor.name
    role = session.exec(select(User.role).where(User.username == username)).one()
    if role not in SIGNERS:
        raise PermissionDenied("只有审计员或管理员可以导出审计检查点。")
    return username


def database_identity(session: Session) -> str:
    """The identity stored in the database (db/identity.py); a server database got it at
    `server init`, and its logins read it through a function (they may not read settings)."""
    from jjjdesk.db import server_roles
    from jjjdesk.db.identity import ensure_identity_on

    conn = session.connection()
    if server_roles.installed(conn):
        stored = session.execute(text("SELECT public.jjjdesk_database_id()")).scalar()
        if stored:
            return json.loads(stored)
    return ensure_identity_on(conn)


# ---- checking against them --------------------------------------------------------------
def read_checkpoint(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        body = document["body"]
        valid = (body["format"] == FORMAT and isinstance(document["signature"], str)
                 and all(isinstance(body[k], int) for k in ("event_id", "count"))
                 and all(isinstance(body[k], str) for k in (
                     "database_id", "chain_hash", "made_at", "signer", "key_id", "tags")))
    except FileNotFoundError as exc:
        raise UserFacingError(f"检查点文件不存在:{path}") from exc
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise UserFacingError(f"不是审计检查点文件:{path}") from exc
    if not valid:
        raise UserFacingError(f"不是审计检查点文件:{path}")
    return document


def verify(*, session: Session, checkpoints: list[tuple[str, dict[str, Any]]],
           public_key) -> AnchorReport:
    """The plain chain check and every checkpoint, in one pass over the log.

    A checkpoint whose signature fails is reported (a forged checkpoint, or another key) and
    not compared; one signed for another database is refused outright."""
    identity = database_identity(session) if checkpoints else ""
    checks: list[_Check] = []
    results: dict[int, CheckpointResult] = {}
    for n, (name, document) in enumerate(checkpoints):
        body = document["body"]
        signed = audit_keys.signature_holds(public_key, body, document["signature"])
        results[n] = _result(name, body, signed)
        if not signed:
            continue
        if body["database_id"] != identity:
            raise UserFacingError(f"该检查点属于另一个数据库,不能用来核对这个数据库:{name}")
        checks.append(_Check(n, body))
    broken: list[int] = []
    total = 0
    for event_id, intact, chained in audit.chain_links(session=session):
        total += 1
        if not intact:
            broken.append(event_id)
        for check in checks:
            check.see(event_id, chained)
    for check in checks:
        check.finish()
        if check.problem:
            results[check.index] = _result(results[check.index].file, check.body, True,
                                           check.bad_id, check.problem)
    return AnchorReport(total, broken, [results[n] for n in range(len(checkpoints))])


def report_lines(report: AnchorReport) -> list[str]:
    """The report in words, one line for the chain and one per checkpoint (CLI and GUI)."""
    if report.broken:
        shown = "、".join(str(i) for i in report.broken[:20])
        lines = [f"审计日志校验失败:第 {shown} 条记录在程序之外被修改或删除。"]
    else:
        lines = [f"审计日志完整:共 {report.total} 条记录,哈希链校验通过。"]
    for c in report.checkpoints:
        about = (f"检查点 {c.file}(至第 {c.event_id} 条,共 {c.count} 条,{c.made_at} 由 "
                 f"{c.signer} 签发,公钥编号 {c.key_id})")
        if not c.signature_ok:
            lines.append(f"{about}:签名无效——不是这把公钥签发的,或检查点文件被改过。")
        elif c.problem:
            lines.append(f"{about}:不符,{c.problem}。检查点之前的审计记录在程序之外被改动过。")
        else:
            lines.append(f"{about}:相符。")
    return lines


def _result(name: str, body: dict[str, Any], signed: bool, bad_id: int | None = None,
            problem: str = "") -> CheckpointResult:
    return CheckpointResult(name, body["event_id"], body["count"], body["made_at"],
                            body["signer"], body["key_id"], signed, bad_id, problem)


class _Check:
    """One checkpoint walked alongside the log: the rows it covers, in id order, each with
    the tag of its chain hash; the first disagreement is kept."""

    def __init__(self, index: int, body: dict[str, Any]):
        self.index, self.body = index, body
        self.head: int = body["event_id"]
        self.expected = _expand(body["ids"])
        self.tags = base64.b64decode(body["tags"])
        self.position = 0
        self.pending = next(self.expected, None)
        self.bad_id: int | None = None
        self.problem = ""

    def see(self, event_id: int, chained: str) -> None:
        if self.problem or event_id > self.head:
            return  # rows after the checkpoint are the plain chain's business
        if self.pending is not None and self.pending < event_id:
            return self._fail(self.pending, "已被删除")
        if self.pending != event_id:
            return self._fail(event_id, "是签发检查点之后才插入的")
        tag = self.tags[self.position * TAG_BYTES:(self.position + 1) * TAG_BYTES]
        if bytes.fromhex(chained[: TAG_BYTES * 2]) != tag:
            return self._fail(event_id, "的内容已被修改(或其前有记录被改动)")
        if event_id == self.head and chained != self.body["chain_hash"]:
            return self._fail(event_id, "的链哈希与检查点签名的不符")
        self.position += 1
        self.pending = next(self.expected, None)

    def finish(self) -> None:
        if not self.problem and self.pending is not None:
            self._fail(self.pending, "已被删除")

    def _fail(self, event_id: int, what: str) -> None:
        self.bad_id, self.problem = event_id, f"第 {event_id} 条记录{what}"


def _runs(ids: list[int]) -> list[list[int]]:
    """Ids as [first, last] runs of consecutive numbers (sequences rarely skip)."""
    runs: list[list[int]] = []
    for i in ids:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def _expand(runs: list[list[int]]) -> Iterator[int]:
    for first, last in runs:
        yield from range(first, last + 1)
