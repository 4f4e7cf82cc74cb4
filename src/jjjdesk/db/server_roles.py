"""Server mode guarded by PostgreSQL itself: group roles, per-table grants, row security, an
append-only audit and one login role per app user (issue 16).

`install` is run by the database owner (`jjjdesk-cli --db OWNER_URL server init`) once and
after every upgrade; it converges (every grant is revoked and given again, every policy and
function replaced), so running it twice changes nothing. What each measure stops:

- **A login role per app user, member of one group role** (`<prefix>_admin`, `_coordinator`,
  `_reporter`, `_viewer`, and the 等保 three `_sysadmin`, `_secadmin`, `_auditor`): no owner
  password on a workstation, so a reporter who reads its keyring or config and opens psql is
  that reporter, not the owner. Group roles are NOLOGIN; disabling a user sets NOLOGIN on its
  login (stops a disabled user, or anyone holding its old password, from connecting).
- **`CONNECT` revoked from PUBLIC, given to the groups**: logins of another database on the
  same cluster (another prefix) cannot even connect here.
- **Least-privilege GRANTs**: a reporter or viewer cannot write the registry, `setting` or
  `app_user` (the `UPDATE app_user SET role='admin'` of the issue), and cannot read the argon2
  `password_hash` column (offline cracking of colleagues' passwords) nor import before-images.
  The 等保 three get only their work: sysadmin creates accounts (as viewers) and sets
  passwords/active of ordinary accounts only (never an admin, secadmin or auditor: no takeover
  of another duty), secadmin assigns role and unit (never its own), auditor reads the audit.
- **Row-level security**: a reporter's session sees and writes only progress entries whose
  `reporter_unit_id` is its unit (never approved ones, and it cannot approve), problems of its
  unit's items, their links and feedback, and only its unit's round state. Stops a reporter
  with psql from reading or rewriting another unit's return. The unit comes from `app_user`
  through a SECURITY DEFINER lookup of `current_user`, never from anything the client sends.
- **Append-only `audit_event`**: UPDATE/DELETE/TRUNCATE are not granted to any app role and a
  trigger refuses them for everyone but the owner (also for roles such as pg_write_all_data
  that bypass grants). INSERT is granted on every column except `id`, and a BEFORE INSERT
  trigger refuses a row that names another actor than the signed-in login's user, carries a
  time away from the server clock, does not chain onto the current head, or whose hash is not
  the digest of its content (so a login cannot plant a row that breaks `audit verify`).
  Stops a login from rewriting history or slipping in rows in someone else's name or at
  another time. It does NOT stop the owner (or a superuser), who may alter the table and
  recompute the chain: the auditor's signed checkpoints, kept outside the database, do
  (services/audit_anchor.py).

Login names are a pure function of the username (`login_role_name`, mirrored by the SQL
function `jjjdesk_login_name`): `<prefix>_u_<username>` for names of `[a-z0-9_]{1,30}`, else
`<prefix>_h_` + 32 hex digits of its SHA-256 — never a name the user chose freely, never one
of the group roles, always within PostgreSQL's 63 bytes. User input only ever reaches SQL as
a bound parameter or through `format('%I')`/`psycopg.sql.Identifier`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from psycopg import sql
from sqlalchemy import Connection, text

from jjjdesk.db import server_functions

DEFAULT_PREFIX = "jjjdesk"
APP_ROLES = ("admin", "coordinator", "reporter", "viewer")
DUTY_ROLES = ("sysadmin", "secadmin", "auditor")  # 等保 separation of duties
GROUPS = APP_ROLES + DUTY_ROLES
AUDIT_LOCK = 0x6A6A6A  # the advisory lock services/audit.py takes for the chain
AUDIT_CLOCK_SLACK_S = 60  # the app takes `at` from the server clock just before the insert

_PREFIX_RE = re.compile(r"[a-z][a-z0-9_]{0,19}")
_PLAIN_LOGIN_RE = re.compile(r"[a-z0-9_]{1,30}")

ALL = "SELECT, INSERT, UPDATE, DELETE"
OFFICE = ("admin", "coordinator")
READERS = ("reporter", "viewer")
ORDINARY = ("coordinator", "reporter", "viewer")  # the accounts a sysadmin manages
USER_COLUMNS = ("id", "username", "display_name", "role", "unit_id", "active",
                "must_change_password", "last_login_at", "failed_logins", "locked_until",
                "password_changed_at", "version", "created_at", "updated_at")
AUDIT_COLUMNS = ("at", "actor", "action", "entity", "entity_id", "summary", "changes",
                 "reason", "import_batch_id", "prev_hash", "hash")
AUDIT_HEAD_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "prev_hash", "hash")

REGISTRY = ("unit", "unit_alias", "plan", "category", "key_task", "task_unit", "project_unit",
            "project",
            "indicator", "indicator_value", "reporting_round", "round_item", "setting",
            "round_schedule", "reminder_log")


def _grants() -> dict[str, dict[str, str]]:
    """Table -> group -> privileges. Anything not listed is not granted."""
    grants: dict[str, dict[str, str]] = {}
    for table in REGISTRY:
        grants[table] = {**{g: ALL for g in OFFICE}, **{g: "SELECT" for g in READERS}}
    grants["unit"].update({g: "SELECT" for g in DUTY_ROLES})
    # The account policy (idle lock, password expiry) guards the three's sessions too; they
    # read settings, never write them.
    grants["setting"].update({g: "SELECT" for g in DUTY_ROLES})
    for table in ("import_batch", "import_change", "import_mapping"):
        grants[table] = {g: ALL for g in OFFICE}
    grants["alembic_version"] = {g: "SELECT" for g in GROUPS}
    cols = ", ".join(USER_COLUMNS)
    grants["app_user"] = {
        "admin": ALL,
        **{g: f"SELECT ({cols})" for g in ("coordinator", "reporter", "viewer", "auditor")},
        "sysadmin": f"SELECT ({cols}), INSERT, UPDATE (display_name, active, password_hash,"
                    " must_change_password, password_changed_at, version, updated_at)",
        "secadmin": f"SELECT ({cols}), UPDATE (role, unit_id, version, updated_at)",
    }
    grants["progress_entry"] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                                "reporter": "SELECT, INSERT, UPDATE"}
    for table in ("problem", "problem_entry"):
        grants[table] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT", "reporter": ALL}
    grants["problem_action"] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                                "reporter": "SELECT, INSERT"}
    # 延期申请: a unit asks (INSERT), only the office decides (UPDATE).
    grants["extension_request"] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                                   "reporter": "SELECT, INSERT"}
    grants["round_unit"] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                            "reporter": "SELECT, UPDATE (state, submitted_at, version)"}
    # 佐证材料: a reporter adds files and marks its own removed (the soft delete is an UPDATE
    # of these two columns only); it never rewrites a row or deletes one, nor any bytes.
    grants["attachment"] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                            "reporter": "SELECT, INSERT, UPDATE (deleted_at, deleted_by)"}
    for table in ("attachment_content", "attachment_chunk"):
        grants[table] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                         "reporter": "SELECT, INSERT"}
    # 配合进展: a unit writes its own part; it never deletes one.
    grants["coop_part"] = {**{g: ALL for g in OFFICE}, "viewer": "SELECT",
                           "reporter": "SELECT, INSERT, UPDATE"}
    head = ", ".join(AUDIT_HEAD_COLUMNS)
    insert = f"INSERT ({', '.join(AUDIT_COLUMNS)})"
    grants["audit_event"] = {
        g: (f"SELECT, {insert}" if g in ("admin", "coordinator", "auditor")
            else f"SELECT ({head}), {insert}")
        for g in GROUPS
    }
    return grants


GRANTS = _grants()
#: Tables whose rows are filtered per session; each needs a policy for every group it grants.
RLS_TABLES = ("progress_entry", "problem", "problem_entry", "problem_action", "round_unit",
              "extension_request", "app_user", "attachment", "attachment_content",
              "attachment_chunk", "coop_part")


def check_prefix(prefix: str) -> str:
    if not _PREFIX_RE.fullmatch(prefix or ""):
        raise ValueError("role prefix must be a-z, 0-9, _ (starting with a letter, ≤ 20)")
    return prefix


def group_role(app_role: str, prefix: str = DEFAULT_PREFIX) -> str:
    if app_role not in GROUPS:
        raise ValueError(f"unknown role {app_role!r}")
    return f"{check_prefix(prefix)}_{app_role}"


def login_role_name(username: str, prefix: str = DEFAULT_PREFIX) -> str:
    """The PostgreSQL login of an app user; `jjjdesk_login_name` in SQL is the same rule."""
    check_prefix(prefix)
    if _PLAIN_LOGIN_RE.fullmatch(username):
        return f"{prefix}_u_{username}"
    return f"{prefix}_h_" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:32]




_UNIT = "(SELECT public.jjjdesk_unit_of(current_user))"
_ENTRY_OF_UNIT = (
    "EXISTS (SELECT 1 FROM public.progress_entry e WHERE e.reporter_unit_id = " + _UNIT +
    " AND (e.task_id = {t}.task_id OR e.project_id = {t}.project_id))"
)


@dataclass(frozen=True)
class Policy:
    table: str
    name: str
    groups: tuple[str, ...]
    command: str = "ALL"
    using: str | None = "true"
    check: str | None = None


def _policies() -> list[Policy]:
    office, view, rep = OFFICE, ("viewer",), ("reporter",)
    not_approved = "review_state <> 'approved'"
    own_entry = f"reporter_unit_id = {_UNIT}"
    own_problem = f"(owner_unit_id = {_UNIT} OR {_ENTRY_OF_UNIT.format(t='problem')})"
    linked_entry = ("EXISTS (SELECT 1 FROM public.progress_entry e WHERE e.id = entry_id"
                    f" AND e.reporter_unit_id = {_UNIT})")
    # progress_entry and problem have their own policies, which apply inside these subqueries.
    visible_problem = "EXISTS (SELECT 1 FROM public.problem p WHERE p.id = problem_id)"
    me = "(SELECT public.jjjdesk_username_of(current_user))"
    ordinary = "role IN (" + ", ".join(f"'{r}'" for r in ORDINARY) + ")"
    policies = []
    for table in ("progress_entry", "problem", "problem_entry", "problem_action",
                  "round_unit", "extension_request", "attachment", "attachment_content",
                  "attachment_chunk", "coop_part"):
        policies += [Policy(table, "jjjdesk_office", office),
                     Policy(table, "jjjdesk_viewer", view, "SELECT")]
    # A 配合 / 共同牵头 unit reads the lead's entry of the items it takes part in; a lead
    # reads the parts of the items it reports.
    part_of = ("EXISTS (SELECT 1 FROM public.{l} x WHERE x.{k} = progress_entry.{k}"
               f" AND x.unit_id = {_UNIT})")
    reads_entry = (f"({own_entry} OR {part_of.format(l='task_unit', k='task_id')}"
                   f" OR {part_of.format(l='project_unit', k='project_id')})")
    own_part = f"unit_id = {_UNIT}"
    leads_part = ("EXISTS (SELECT 1 FROM public.round_item ri WHERE ri.round_id ="
                  f" coop_part.round_id AND ri.unit_id = {_UNIT} AND (ri.task_id ="
                  " coop_part.task_id OR ri.project_id = coop_part.project_id))")
    policies += [
        Policy("progress_entry", "jjjdesk_reporter_read", rep, "SELECT", reads_entry),
        Policy("coop_part", "jjjdesk_reporter_read", rep, "SELECT",
               f"({own_part} OR {leads_part})"),
        Policy("coop_part", "jjjdesk_reporter_add", rep, "INSERT", None, own_part),
        Policy("coop_part", "jjjdesk_reporter_edit", rep, "UPDATE", own_part, own_part),
        Policy("progress_entry", "jjjdesk_reporter_add", rep, "INSERT", None,
               f"{own_entry} AND {not_approved}"),
        Policy("progress_entry", "jjjdesk_reporter_edit", rep, "UPDATE",
               f"{own_entry} AND {not_approved}", f"{own_entry} AND {not_approved}"),
        Policy("problem", "jjjdesk_reporter", rep, "ALL", own_problem, own_problem),
        Policy("problem_entry", "jjjdesk_reporter", rep, "ALL", linked_entry, linked_entry),
        Policy("problem_action", "jjjdesk_reporter_read", rep, "SELECT", visible_problem),
        Policy("problem_action", "jjjdesk_reporter_feedback", rep, "INSERT", None,
               f"{visible_problem} AND kind = 'feedback'"),
        Policy("round_unit", "jjjdesk_reporter_read", rep, "SELECT"),
        Policy("extension_request", "jjjdesk_reporter_read", rep, "SELECT",
               f"unit_id = {_UNIT}"),
        Policy("extension_request", "jjjdesk_reporter_ask", rep, "INSERT", None,
               f"unit_id = {_UNIT} AND state = 'pending'"),
        Policy("round_unit", "jjjdesk_reporter_state", rep, "UPDATE", f"unit_id = {_UNIT}",
               f"unit_id = {_UNIT}"),
        *_attachment_policies(rep, me),
        Policy("app_user", "jjjdesk_admin", ("admin",)),
        Policy("app_user", "jjjdesk_read", GROUPS, "SELECT"),
        Policy("app_user", "jjjdesk_sysadmin_add", ("sysadmin",), "INSERT", None,
               "role = 'viewer' AND unit_id IS NULL"),
        Policy("app_user", "jjjdesk_sysadmin_edit", ("sysadmin",), "UPDATE", ordinary, ordinary),
        Policy("app_user", "jjjdesk_secadmin_assign", ("secadmin",), "UPDATE",
               f"username IS DISTINCT FROM {me}", f"username IS DISTINCT FROM {me}"),
    ]
    return policies


def _attachment_policies(rep: tuple[str, ...], me: str) -> list[Policy]:
    """A reporter's attachments: those of the entries, problems and extension requests it
    sees (their own policies apply inside the subqueries), added only to its unit's entries
    that are not approved or submitted, its problems and its pending extension requests, in
    its own name, removed (deleted_at set) the same way; bytes
    (`attachment_chunk`) readable only through an attachment it sees. `attachment_content`
    (hash, size, chunk count) is readable whole: INSERT … ON CONFLICT, by which the app
    stores a content once, needs the conflicting row to pass the SELECT policy, and a
    content no attachment names yet must pass it. What that leaves: a reporter with psql can
    tell whether a file it holds is stored. Inserting bytes is not filtered: a hash not yet
    stored is new content, `claim_content` never overwrites stored bytes, and the app checks
    every read against the hash."""
    owner = ("(entry_id IS NOT NULL AND EXISTS (SELECT 1 FROM public.progress_entry e"
             " WHERE e.id = entry_id{entry})) OR (problem_id IS NOT NULL AND EXISTS"
             " (SELECT 1 FROM public.problem p WHERE p.id = problem_id))"
             " OR (extension_id IS NOT NULL AND EXISTS (SELECT 1 FROM"
             " public.extension_request x WHERE x.id = extension_id{extension}))")
    visible = owner.format(entry="", extension="")
    writable = owner.format(entry=" AND e.review_state NOT IN ('approved', 'submitted')",
                            extension=" AND x.state = 'pending'")
    seen = "EXISTS (SELECT 1 FROM public.attachment a WHERE a.content_sha256 = {col})"
    return [
        Policy("attachment", "jjjdesk_reporter_read", rep, "SELECT", visible),
        Policy("attachment", "jjjdesk_reporter_add", rep, "INSERT", None,
               f"({writable}) AND uploader = {me} AND deleted_at IS NULL"),
        Policy("attachment", "jjjdesk_reporter_remove", rep, "UPDATE", writable,
               f"({writable}) AND deleted_by = {me}"),
        Policy("attachment_content", "jjjdesk_reporter_read", rep, "SELECT"),
        Policy("attachment_content", "jjjdesk_reporter_add", rep, "INSERT", None, "true"),
        Policy("attachment_chunk", "jjjdesk_reporter_read", rep, "SELECT",
               seen.format(col="attachment_chunk.sha256")),
        Policy("attachment_chunk", "jjjdesk_reporter_add", rep, "INSERT", None, "true"),
    ]


POLICIES = _policies()


# ---- install ---------------------------------------------------------------------------------
def _driver(conn: Connection):
    return conn.connection.driver_connection


def _roles(prefix: str) -> list[str]:
    return [group_role(g, prefix) for g in GROUPS]


def install(conn: Connection, prefix: str = DEFAULT_PREFIX) -> list[str]:
    """Create or bring up to date every server-side guard, in the caller's transaction.

    Run as the database owner with CREATEROLE (group roles and logins are cluster-wide).
    Returns the group roles."""
    if conn.dialect.name != "postgresql":
        raise ValueError("server roles are for PostgreSQL")
    check_prefix(prefix)
    pg = _driver(conn)
    groups = {g: sql.Identifier(group_role(g, prefix)) for g in GROUPS}
    existing = {row[0] for row in pg.execute(
        "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [_roles(prefix)])}
    for app_role, ident in groups.items():
        if group_role(app_role, prefix) not in existing:
            pg.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(ident))
        pg.execute(sql.SQL("ALTER ROLE {} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                           "NOREPLICATION NOBYPASSRLS INHERIT").format(ident))
    _install_database_privileges(pg, groups)
    # Audit checkpoints name the database they were signed for (services/audit_anchor.py).
    from jjjdesk.db.identity import ensure_identity_on

    ensure_identity_on(conn)
    _install_functions(pg, prefix, groups)
    _install_grants(pg, groups)
    _install_policies(pg, groups)
    _install_audit_triggers(pg)
    return _roles(prefix)


def _install_database_privileges(pg, groups: dict[str, sql.Identifier]) -> None:
    db = sql.Identifier(pg.execute("SELECT current_database()").fetchone()[0])
    everyone = sql.SQL(", ").join(groups.values())
    pg.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
    pg.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, everyone))
    pg.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    pg.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(everyone))
    pg.execute(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {}"
                       ).format(everyone))
    pg.execute(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {}"
                       ).format(everyone))


def _install_functions(pg, prefix: str, groups: dict[str, sql.Identifier]) -> None:
    names = [group_role(g, prefix) for g in GROUPS]
    body = server_functions.FUNCTIONS
    for key, value in {
        "{plain}": sql.Literal(f"{prefix}_u_"),
        "{hashed}": sql.Literal(f"{prefix}_h_"),
        "{prefix_}": sql.Literal(f"{prefix}_"),
        "{groups}": sql.SQL("{}::text[]").format(sql.Literal(list(GROUPS))),
        "{group_names}": sql.SQL("{}::text[]").format(sql.Literal(names)),
        "{admin_group}": sql.Literal(group_role("admin", prefix)),
        "{ordinary}": sql.SQL("{}::text[]").format(sql.Literal(list(ORDINARY))),
        "{lock}": sql.Literal(AUDIT_LOCK),
        "{slack}": sql.Literal(AUDIT_CLOCK_SLACK_S),
    }.items():
        body = body.replace(key, value.as_string(pg))
    pg.execute(body)
    for signature, allowed in server_functions.signatures(GROUPS).items():
        fn = sql.SQL("FUNCTION public.") + sql.SQL(signature)
        pg.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC").format(fn))
        pg.execute(sql.SQL("GRANT EXECUTE ON {} TO {}").format(
            fn, sql.SQL(", ").join(groups[g] for g in allowed)))


def _install_grants(pg, groups: dict[str, sql.Identifier]) -> None:
    present = {row[0] for row in pg.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        " AND relkind IN ('r', 'p')")}
    for table, by_group in GRANTS.items():
        if table not in present:
            continue
        for group, privileges in by_group.items():
            pg.execute(sql.SQL("GRANT {} ON TABLE public.{} TO {}").format(
                sql.SQL(privileges), sql.Identifier(table), groups[group]))
        writers = [groups[g] for g, p in by_group.items() if "INSERT" in p]
        seq = pg.execute("SELECT pg_get_serial_sequence(%s, 'id')",
                         [f"public.{table}"]).fetchone() if _has_id(pg, table) else None
        if writers and seq and seq[0]:
            pg.execute(sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(
                sql.SQL(seq[0]), sql.SQL(", ").join(writers)))


def _has_id(pg, table: str) -> bool:
    return pg.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public'"
        " AND table_name = %s AND column_name = 'id'", [table]).fetchone() is not None


def _install_policies(pg, groups: dict[str, sql.Identifier]) -> None:
    for table, name in pg.execute(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'"
            " AND policyname LIKE 'jjjdesk%'").fetchall():
        pg.execute(sql.SQL("DROP POLICY {} ON public.{}").format(
            sql.Identifier(name), sql.Identifier(table)))
    for table in RLS_TABLES:
        pg.execute(sql.SQL("ALTER TABLE public.{} ENABLE ROW LEVEL SECURITY").format(
            sql.Identifier(table)))
    for p in POLICIES:
        stmt = sql.SQL("CREATE POLICY {} ON public.{} FOR {} TO {}").format(
            sql.Identifier(p.name), sql.Identifier(p.table), sql.SQL(p.command),
            sql.SQL(", ").join(groups[g] for g in p.groups))
        if p.using is not None:
            stmt += sql.SQL(" USING ({})").format(sql.SQL(p.using))
        if p.check is not None:
            stmt += sql.SQL(" WITH CHECK ({})").format(sql.SQL(p.check))
        pg.execute(stmt)


def _install_audit_triggers(pg) -> None:
    pg.execute("DROP TRIGGER IF EXISTS jjjdesk_audit_guard ON public.audit_event")
    pg.execute("DROP TRIGGER IF EXISTS jjjdesk_audit_no_truncate ON public.audit_event")
    pg.execute("CREATE TRIGGER jjjdesk_audit_guard BEFORE INSERT OR UPDATE OR DELETE"
               " ON public.audit_event FOR EACH ROW EXECUTE FUNCTION"
               " public.jjjdesk_audit_guard()")
    pg.execute("CREATE TRIGGER jjjdesk_audit_no_truncate BEFORE TRUNCATE"
               " ON public.audit_event FOR EACH STATEMENT EXECUTE FUNCTION"
               " public.jjjdesk_audit_guard()")


# ---- logins ----------------------------------------------------------------------------------
def installed(conn: Connection) -> bool:
    """Whether `server init` has run on this database (then every user has a login)."""
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text(
        "SELECT to_regprocedure('public.jjjdesk_sync_login(text)') IS NOT NULL")).scalar())


def sync_login(conn: Connection, username: str) -> str:
    """Make the user's login match its app_user row (exists; LOGIN iff active; member of
    exactly the group of its role). Returns the login name."""
    return conn.execute(text("SELECT public.jjjdesk_sync_login(:u)"), {"u": username}).scalar_one()


def login_name(conn: Connection, username: str) -> str:
    return conn.execute(text("SELECT public.jjjdesk_login_name(:u)"), {"u": username}).scalar_one()


def set_login_password(conn: Connection, username: str, password: str) -> None:
    """Store a SCRAM-SHA-256 verifier computed here by libpq: the password itself never
    travels to the server or into its statement log. A login changes its own password
    itself (PostgreSQL lets every role do that); others' go through the definer function."""
    pg = _driver(conn)
    login = login_name(conn, username)
    verifier = pg.pgconn.encrypt_password(
        password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256").decode("ascii")
    if conn.execute(text("SELECT current_user")).scalar() == login:
        pg.execute(sql.SQL("ALTER ROLE CURRENT_USER PASSWORD {}").format(sql.Literal(verifier)))
        return
    conn.execute(text("SELECT public.jjjdesk_set_login_password(:u, :v)"),
                 {"u": username, "v": verifier})


def current_app_user(conn: Connection) -> str | None:
    """The app user this connection signed in as (None for the owner or a stranger)."""
    if not installed(conn):
        return None
    return conn.execute(text("SELECT public.jjjdesk_username_of(current_user)")).scalar()


def note_sign_in(conn: Connection) -> tuple[str, datetime | None, bool]:
    """The signed-in login's user, its previous sign-in and whether it must change its
    password; records this sign-in. Refused for anyone but an active user's own login."""
    row = conn.execute(text("SELECT * FROM public.jjjdesk_note_sign_in()")).one()
    return row[0], row[1], bool(row[2])


def is_owner(conn: Connection) -> bool:
    """Whether this connection is the database owner (or a superuser): the one who runs
    `server init`, whom the audit trigger lets write in any name."""
    return bool(conn.execute(text("SELECT public.jjjdesk_is_owner(current_user)")).scalar())


def check_login_password(conn: Connection, password: str) -> bool:
    """Whether `password` is the signed-in login's password, asked of PostgreSQL itself by a
    second connection with the same parameters (a login cannot read any verifier, and the
    app's argon2 hash is not readable by it either)."""
    import psycopg

    params = _driver(conn).info.get_parameters()  # never holds the password
    params.pop("password", None)
    try:
        psycopg.connect(**params, password=password, connect_timeout=10,
                        application_name="jjjdesk-verify").close()
    except psycopg.OperationalError as exc:
        text_ = str(exc).lower()
        if "password authentication failed" in text_ or "not permitted to log in" in text_:
            return False
        raise  # the server went away, TLS failed…: not a wrong password
    return True


def note_password_changed(conn: Connection, argon2_hash: str) -> None:
    """After the login set its own password: clear must-change, note when, keep the hash."""
    conn.execute(text("SELECT public.jjjdesk_note_password_changed(:h)"), {"h": argon2_hash})
