"""The auditor's Ed25519 key pair and the signatures on audit checkpoints (no database here).

The private key never enters the database: it stays with the auditor (a USB key, an offline
PC), and `audit verify` takes the public key from a file the auditor holds too. A public key
kept in the database's settings would prove nothing, since whoever can rewrite the audit rows
can also replace a stored key with one of their own and sign a matching checkpoint.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jjjdesk.errors import UserFacingError

PRIVATE_NAME = "audit-checkpoint.key"
PUBLIC_NAME = "audit-checkpoint.pub"


@dataclass(frozen=True)
class KeyFiles:
    private: Path
    public: Path
    key_id: str


def canonical(body: dict[str, Any]) -> bytes:
    """The exact bytes a checkpoint's signature covers (one spelling of one JSON object)."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")
                      ).encode("utf-8")


def key_id(public_key) -> str:
    """A short name of a public key, printed on both sides so the auditor can compare."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_key_pair(*, folder: Path, passphrase: bytes | None = None) -> KeyFiles:
    """A new key pair in `folder`: the private key readable by its owner only (0600 where the
    file system has modes), PKCS#8 PEM, encrypted when a passphrase is given. Never
    overwrites: a lost old key would make every checkpoint signed with it unverifiable."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    folder.mkdir(parents=True, exist_ok=True)
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise UserFacingError(f"密钥文件已存在,未覆盖(旧密钥签的检查点还要用它核对):{path}")
    key = Ed25519PrivateKey.generate()
    protection = BestAvailableEncryption(passphrase) if passphrase else NoEncryption()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, protection)
    # O_EXCL with the mode at creation: the key is never readable by others, not even briefly.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    public = key.public_key()
    public_path.write_bytes(public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    return KeyFiles(private_path, public_path, key_id(public))


def load_private_key(path: Path, passphrase: bytes | None = None):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    data = _read(path, "私钥")
    try:
        key = load_pem_private_key(data, password=passphrase or None)
    except TypeError as exc:  # encrypted without a passphrase, or a passphrase for a plain key
        if passphrase:
            raise UserFacingError(f"这个私钥没有设口令,请不要给 --passphrase-stdin:{path}"
                                  ) from exc
        raise UserFacingError(f"私钥有口令保护,请加 --passphrase-stdin 并从标准输入给出口令:"
                              f"{path}") from exc
    except ValueError as exc:
        raise UserFacingError(f"无法读取私钥(口令不对,或不是私钥文件):{path}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UserFacingError(f"不是审计检查点用的 Ed25519 私钥:{path}")
    return key


def load_public_key(path: Path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    try:
        key = load_pem_public_key(_read(path, "公钥"))
    except ValueError as exc:
        raise UserFacingError(f"不是公钥文件:{path}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UserFacingError(f"不是审计检查点用的 Ed25519 公钥:{path}")
    return key


def sign(private_key, body: dict[str, Any]) -> str:
    return base64.b64encode(private_key.sign(canonical(body))).decode("ascii")


def signature_holds(public_key, body: dict[str, Any], signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(base64.b64decode(signature, validate=True), canonical(body))
    except (InvalidSignature, ValueError):
        return False
    return True


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UserFacingError(f"{what}文件不存在:{path}") from exc
    except OSError as exc:
        raise UserFacingError(f"无法读取{what}文件:{path}({exc.strerror})") from exc
