"""Server mode over TLS, against a real PostgreSQL server with ssl = on and a test CA
(the `tls_pg` fixture): verify-full connects and says it is encrypted; a CA that did not sign
the certificate, a name the certificate does not carry, a server without SSL, a missing or
broken CA file are each refused with their own Chinese line."""

from __future__ import annotations

import os
import socket
import threading

import pytest
from tls_server import PASSWORD, USER

from jjjdesk.db import tls
from jjjdesk.db.connection import ServerParams, check_connection
from jjjdesk.db.open import open_database
from jjjdesk.errors import UserFacingError


def _params(server, host: str = "localhost", **ssl: str) -> ServerParams:
    return ServerParams(host, server.port, "postgres", USER, PASSWORD, **ssl)


def _refusal(params: ServerParams) -> str:
    with pytest.raises(UserFacingError) as caught:
        check_connection(params, timeout=5)
    return str(caught.value)


def test_a_ca_file_alone_means_verify_full_and_the_connection_is_encrypted(tls_pg):
    params = _params(tls_pg, sslrootcert=str(tls_pg.ca_file))
    assert params.effective_sslmode == "verify-full"
    info = check_connection(params, timeout=5)
    assert info.encryption.startswith("TLSv1.")


def test_opening_the_database_over_verify_full_reports_encryption(tls_pg):
    url = tls_pg.url(sslmode="verify-full", sslrootcert=str(tls_pg.ca_file))
    db = open_database(url)  # migrates the throwaway server's database
    try:
        assert db.encryption and db.encryption.startswith("TLSv1.")
    finally:
        db.dispose()


def test_a_ca_that_did_not_sign_the_server_certificate_is_refused(tls_pg):
    params = _params(tls_pg, sslmode="verify-full", sslrootcert=str(tls_pg.other_ca_file))
    assert _refusal(params) == tls.UNTRUSTED
    url = tls_pg.url(sslrootcert=str(tls_pg.other_ca_file))  # the URL path: same refusal
    with pytest.raises(UserFacingError) as caught:
        open_database(url)
    assert str(caught.value) == tls.UNTRUSTED


def test_a_name_the_certificate_does_not_carry_is_refused(tls_pg):
    # The certificate names "localhost"; 127.0.0.1 reaches the same server but is not that name.
    text = _refusal(_params(tls_pg, "127.0.0.1", sslmode="verify-full",
                            sslrootcert=str(tls_pg.ca_file)))
    assert text.startswith("服务器证书上的名称(“localhost”)与所填服务器地址“127.0.0.1”不符")


def test_a_missing_or_broken_ca_file_is_named(tls_pg, tmp_path):
    missing = tmp_path / "无此文件.crt"
    text = _refusal(_params(tls_pg, sslmode="verify-full", sslrootcert=str(missing)))
    assert text.startswith(f"CA 证书文件不存在:{missing}")
    broken = tmp_path / "ca.crt"
    broken.write_text("not a certificate")
    text = _refusal(_params(tls_pg, sslmode="verify-full", sslrootcert=str(broken)))
    assert text.startswith(f"无法读取 CA 证书文件:{broken}")


def test_verify_full_without_a_ca_file_asks_for_one(tls_pg, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # libpq looks in ~/.postgresql/root.crt
    text = _refusal(_params(tls_pg, sslmode="verify-full"))
    assert text.startswith("“验证证书”需要本单位的 CA 证书文件")


def test_a_server_that_accepts_only_encryption_says_so_to_a_plaintext_client(tls_pg):
    with pytest.raises(UserFacingError) as caught:
        open_database(tls_pg.url(sslmode="disable"))
    assert str(caught.value) == tls.SSL_REQUIRED


def _server_without_ssl() -> tuple[int, threading.Event]:
    """A listener that answers a client's SSLRequest the way a server with ssl = off does."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)  # looks at `stop` between connections
    stop = threading.Event()

    def serve() -> None:
        with sock:
            while not stop.is_set():
                try:
                    conn, _ = sock.accept()
                except TimeoutError:
                    continue
                with conn:
                    conn.recv(8)
                    conn.sendall(b"N")

    threading.Thread(target=serve, daemon=True).start()
    return sock.getsockname()[1], stop


def test_require_against_a_server_without_ssl_names_the_setting():
    port, stop = _server_without_ssl()
    try:
        text = _refusal(ServerParams("127.0.0.1", port, "jjjdesk", "u", "p", sslmode="require"))
    finally:
        stop.set()
    assert text == tls.NO_SSL
    assert "“加密连接”" in text and "启用 TLS" in text


@pytest.mark.skipif(not os.environ.get("JJJDESK_TEST_PG_URL"), reason="needs the PG server")
def test_require_against_the_plain_test_server(demo_db):
    # The suite's server runs with ssl = off; on loopback the default (prefer) stays plain.
    assert demo_db.encryption == ""
    params = ServerParams.from_url(demo_db.url)
    assert _refusal(ServerParams(**{**params.__dict__, "sslmode": "require"})) == tls.NO_SSL


@pytest.mark.parametrize(("url", "mode"), [
    ("postgresql+psycopg://u:p@192.168.1.20/jjjdesk", "require"),
    ("postgresql+psycopg://u:p@db.xtb.local/jjjdesk?sslrootcert=/etc/ca.crt", "verify-full"),
    ("postgresql+psycopg://u:p@127.0.0.1/jjjdesk", "prefer"),
    ("postgresql+psycopg://u:p@localhost/jjjdesk", "prefer"),
    ("postgresql+psycopg://u:p@[::1]:5432/jjjdesk", "prefer"),
    ("postgresql+psycopg://u:p@127.db.example/jjjdesk", "require"),
    ("postgresql+psycopg://u:p@/jjjdesk?host=/var/run/postgresql", "prefer"),
    ("postgresql+psycopg://u:p@192.168.1.20/jjjdesk?sslmode=prefer", "prefer"),
])
def test_the_default_sslmode_never_falls_back_to_plaintext_across_the_network(url, mode):
    from sqlalchemy.engine import make_url

    assert make_url(tls.with_default_mode(url)).query["sslmode"] == mode


def test_a_mistyped_sslmode_is_refused_in_chinese():
    with pytest.raises(UserFacingError, match="sslmode 无效:requre"):
        tls.with_default_mode("postgresql+psycopg://u:p@10.0.0.1/jjjdesk?sslmode=requre")
    assert tls.with_default_mode("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"


def test_ssl_settings_round_trip_through_a_url():
    params = ServerParams("db.xtb.local", 5432, "台账", "xtb", "pw", sslmode="verify-full",
                          sslrootcert=r"C:\协同办\证书\ca.crt")
    assert ServerParams.from_url(params.url()) == params


def _guide_commands(section: str) -> str:
    """The shell blocks of a section of the English setup guide, as written there."""
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "docs" / "server-setup.en.md").read_text()
    text = guide.split(f"### {section}", 1)[1].split("\n### ", 1)[0]
    return "\n".join(block.split("\n", 1)[1] for block in text.split("```")[1::2])


def test_the_guides_openssl_commands_make_certificates_verify_full_accepts(tmp_path):
    import shutil
    import subprocess

    import psycopg
    import tls_server

    if shutil.which("openssl") is None:
        pytest.skip("no openssl command")
    script = _guide_commands("8.1") + "\n" + _guide_commands("8.2")
    assert "openssl req -x509" in script and "subjectAltName=DNS:db.xtb.local" in script

    def make_certs(folder) -> None:
        subprocess.run(["bash", "-euc", script], cwd=folder, check=True, capture_output=True)

    try:
        context = tls_server.running(make_certs)
        server = context.__enter__()
    except LookupError as exc:
        pytest.skip(str(exc))
    try:
        # The certificate names db.xtb.local: libpq checks that name, hostaddr reaches us.
        with psycopg.connect(host="db.xtb.local", hostaddr="127.0.0.1", port=server.port,
                             user=USER, password=PASSWORD, dbname="postgres",
                             sslmode="verify-full", sslrootcert=str(server.ca_file)) as conn:
            row = conn.execute(tls.ENCRYPTION_SQL).fetchone()
        assert tls.encryption_of(row).startswith("TLSv1.")
    finally:
        context.__exit__(None, None, None)


def test_the_cli_refuses_a_wrong_ca_in_its_url_with_the_same_line(tls_pg, capsys):
    from jjjdesk.cli.main import main

    url = tls_pg.url(sslrootcert=str(tls_pg.other_ca_file))
    assert main(["--db", url, "list", "units"]) != 0
    err = capsys.readouterr().err
    assert tls.UNTRUSTED in err and "Traceback" not in err
