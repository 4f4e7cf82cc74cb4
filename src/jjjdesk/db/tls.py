"""Server mode over TLS: which sslmode a connection uses, whether it is encrypted, and
libpq's SSL failures in plain Chinese.

The default is never a silent fall-back to plaintext across the network: libpq's own default,
`prefer`, quietly connects unencrypted to a server without SSL. Ours is `verify-full` when a CA
file is given, `require` for any other server, and `prefer` only for this computer itself
(localhost, 127.x, ::1, a Unix socket), where the traffic never leaves the machine.
"""

from __future__ import annotations

import ipaddress
import re

from sqlalchemy.engine import make_url

from jjjdesk.errors import UserFacingError

PREFER, REQUIRE, VERIFY_FULL = "prefer", "require", "verify-full"
MODES = (PREFER, REQUIRE, VERIFY_FULL)  # what the connection dialog offers
# Everything libpq accepts, for a URL written by hand (`verify-ca`: the CA but not the name).
LIBPQ_MODES = frozenset({"disable", "allow", PREFER, REQUIRE, "verify-ca", VERIFY_FULL})

SETTING = "“文件 → 连接服务器…”的“加密连接”"
NO_SSL = ("服务器未启用 SSL 加密连接,而本机要求加密连接,已停止连接。"
          "请管理员在服务器上启用 TLS(见《服务器部署说明》“加密连接(TLS)”一节);"
          f"仅在确认网络可信时,才可在{SETTING}中改选“优先加密”。")
UNTRUSTED = ("服务器的证书不是由所选 CA 证书签发的(或是自签名证书),已拒绝连接,"
             "以防连到冒充的服务器。请向管理员索取本单位的 CA 证书文件,在“连接服务器”中重新选择。")
SSL_REQUIRED = f"数据库服务器只接受加密连接:请在{SETTING}中选择“必须加密”或“验证证书”。"
BAD_MODE = ("连接地址中的 sslmode 无效:{0}。"
            "可用的值为 prefer、require、verify-full(以及 disable、allow、verify-ca)。")


def _mismatch(cert: str, host: str) -> str:
    return (f"服务器证书上的名称(“{cert}”)与所填服务器地址“{host}”不符,已拒绝连接。"
            f"请把服务器地址填写为证书上的名称,或请管理员重新签发包含“{host}”的证书。")


def _ca_missing(path: str) -> str:
    if path.replace("\\", "/").endswith("/.postgresql/root.crt"):  # libpq's own fall-back path
        return ("“验证证书”需要本单位的 CA 证书文件:请在“连接服务器”中选择 CA 证书文件"
                "(向管理员索取)。")
    return f"CA 证书文件不存在:{path}。请在“连接服务器”中重新选择 CA 证书文件。"


def _ca_unreadable(path: str) -> str:
    return f"无法读取 CA 证书文件:{path}(不是 PEM 格式的证书,或没有读取权限)。"


# (pattern in libpq's message, its message); the first match wins.
_CAUSES = (
    (re.compile(r"server does not support ssl", re.I), lambda m: NO_SSL),
    (re.compile(r'server certificate for "([^"]*)".*does not match host name "([^"]*)"', re.I),
     lambda m: _mismatch(m.group(1), m.group(2))),
    (re.compile(r'could not read root certificate file "([^"]*)"', re.I),
     lambda m: _ca_unreadable(m.group(1))),
    (re.compile(r'root certificate file "([^"]*)" does not exist', re.I),
     lambda m: _ca_missing(m.group(1))),
    (re.compile(r"certificate verify failed|self[- ]signed certificate", re.I),
     lambda m: UNTRUSTED),
    (re.compile(r"no pg_hba\.conf entry.*no encryption", re.I), lambda m: SSL_REQUIRED),
    (re.compile(r'invalid sslmode value: "([^"]*)"', re.I), lambda m: BAD_MODE.format(m.group(1))),
)


def describe(text: str) -> str | None:
    """The Chinese line for an SSL failure in a libpq message, None for anything else."""
    for pattern, message in _CAUSES:
        match = pattern.search(text)  # case kept: the match may hold a file's path
        if match:
            return message(match)
    return None


def is_local(host: str) -> bool:
    """This computer: no host (a Unix socket), a socket folder, localhost, a loopback address."""
    if not host or host.startswith("/") or host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name: another computer, even one that resolves here
        return False


def default_mode(host: str, rootcert: str) -> str:
    if rootcert:
        return VERIFY_FULL
    return PREFER if is_local(host) else REQUIRE


def check_mode(mode: str) -> None:
    if mode and mode not in LIBPQ_MODES:
        raise UserFacingError(BAD_MODE.format(mode))


def with_default_mode(url: str) -> str:
    """A PostgreSQL URL with its sslmode spelled out (ours, when it names none); others as given."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    query = parsed.query
    mode = str(query.get("sslmode") or "")
    check_mode(mode)
    if mode:
        return url
    host = parsed.host or str(query.get("host") or "")
    mode = default_mode(host, str(query.get("sslrootcert") or ""))
    return parsed.update_query_dict({"sslmode": mode}).render_as_string(hide_password=False)


ENCRYPTION_SQL = "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"


def encryption_of(row: tuple | None) -> str:
    """The TLS version from an ENCRYPTION_SQL row ("TLSv1.3"); "" when not encrypted."""
    if row is None or not row[0]:
        return ""
    return str(row[1] or "TLS")
