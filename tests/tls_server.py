"""A throwaway PostgreSQL server with ssl = on and a test CA, on its own loopback port.

The certificates are made here (the `cryptography` package): the office CA that signed the
server's certificate, and a second CA that did not. The server's certificate names only
`localhost`, so connecting to 127.0.0.1 is a hostname mismatch. As root the server runs as the
`postgres` user (initdb refuses root), like scripts/pg_test_server.sh.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "tls_test"
USER = "postgres"
CERT_NAME = "localhost"


@dataclass(frozen=True)
class TlsServer:
    port: int
    ca_file: Path  # the CA that signed the server certificate
    other_ca_file: Path  # a CA that did not
    root: Path

    def url(self, host: str = CERT_NAME, **query: str) -> str:
        from sqlalchemy.engine import URL

        return URL.create("postgresql+psycopg", USER, PASSWORD, host, self.port, "postgres",
                          query=query).render_as_string(hide_password=False)


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: pg_config's answer, else Debian's newest version."""
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                  key=lambda d: [int(p) for p in Path(d).parent.name.split(".") if p.isdigit()])
    return Path(dirs[-1]) if dirs and (Path(dirs[-1]) / "initdb").exists() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_certs(folder: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    valid = (now - dt.timedelta(days=1), now + dt.timedelta(days=30))
    pem = serialization.Encoding.PEM

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    def make_ca(common_name: str):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder().subject_name(name(common_name)).issuer_name(name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(valid[0]).not_valid_after(valid[1])
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256())
        )
        return key, cert

    ca_key, ca_cert = make_ca("协同办测试 CA")
    _other_key, other_cert = make_ca("另一个 CA")
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder().subject_name(name(CERT_NAME)).issuer_name(ca_cert.subject)
        .public_key(server_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(valid[0]).not_valid_after(valid[1])
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(CERT_NAME)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "ca.crt").write_bytes(ca_cert.public_bytes(pem))
    (folder / "other_ca.crt").write_bytes(other_cert.public_bytes(pem))
    (folder / "server.crt").write_bytes(server_cert.public_bytes(pem))
    key = folder / "server.key"
    key.write_bytes(server_key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
    key.chmod(0o600)  # the server refuses a key others may read


@contextmanager
def running(make_certs: Callable[[Path], None] = _write_certs) -> Iterator[TlsServer]:
    """Start the server, yield it, stop it and delete its files; raises LookupError with the
    reason when this machine cannot run one. `make_certs(folder)` writes ca.crt, server.crt
    and server.key there."""
    binaries = bin_dir()
    if binaries is None:
        raise LookupError("PostgreSQL server binaries are not installed")
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise LookupError("running as root and there is no postgres user") from exc
    # Not under pytest's tmp folder: as root that is 0700 and the postgres user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="jjjdesk-tls-"))
    data, certs = root / "data", root / "certs"

    def run(*args: str) -> None:
        command = [str(binaries / args[0]), *args[1:]]
        if owner is not None:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = root / "server.log"
            raise RuntimeError(f"{args[0]} failed: {done.stderr}"
                               + (log.read_text() if log.exists() else ""))

    try:
        certs.mkdir()
        make_certs(certs)
        (certs / "server.key").chmod(0o600)
        (root / "pw").write_text(PASSWORD)
        if owner is not None:
            for path in (root, certs, root / "pw", *certs.iterdir()):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        port = _free_port()
        run("initdb", "-D", str(data), "-U", USER, "--pwfile", str(root / "pw"),
            "--auth=scram-sha-256", "-N", "-E", "UTF8", "--locale=C.UTF-8")
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{root}'\nfsync = off\n"
                f"ssl = on\nssl_cert_file = '{certs / 'server.crt'}'\n"
                f"ssl_key_file = '{certs / 'server.key'}'\n"
            )
        # Only encrypted connections, as the setup guide tells an office to configure it.
        (data / "pg_hba.conf").write_text("hostssl all all 127.0.0.1/32 scram-sha-256\n")
        run("pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "start")
        yield TlsServer(port=port, ca_file=certs / "ca.crt",
                        other_ca_file=certs / "other_ca.crt", root=root)
    finally:
        if (data / "postmaster.pid").exists():
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
