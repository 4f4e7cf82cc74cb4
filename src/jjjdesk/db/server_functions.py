"""The SQL functions and trigger of server mode (installed by db/server_roles.py).

Placeholders in braces are filled by `server_roles` with quoted literals (the role prefix, the
group names, the audit lock and clock slack); nothing here ever sees user input, which reaches
these functions only as arguments and goes on through `format('%I')` / `format('%L')`.
Every SECURITY DEFINER function pins search_path, so a login cannot shadow app_user or
pg_catalog functions with its own objects (it has no CREATE anywhere either).
"""

from __future__ import annotations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION public.jjjdesk_login_name(p_username text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog AS $f$
  SELECT CASE WHEN p_username ~ '^[a-z0-9_]{1,30}$' THEN {plain} || p_username
    ELSE {hashed} || left(encode(sha256(convert_to(p_username, 'UTF8')), 'hex'), 32) END
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_user_of(p_role name)
RETURNS TABLE (username text, role text, unit_id integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT u.username::text, u.role::text, u.unit_id FROM public.app_user u
  WHERE u.active AND public.jjjdesk_login_name(u.username) = p_role::text
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_unit_of(p_role name) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT unit_id FROM public.jjjdesk_user_of(p_role)
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_username_of(p_role name) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT username FROM public.jjjdesk_user_of(p_role)
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_is_owner(p_role name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog AS $f$
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = p_role), false)
      OR pg_has_role(p_role, (SELECT relowner FROM pg_class
                              WHERE oid = 'public.audit_event'::regclass), 'USAGE')
$f$;

-- VOLATILE: read after the advisory lock is held, it must see a head committed meanwhile.
CREATE OR REPLACE FUNCTION public.jjjdesk_audit_head(OUT head_id integer, OUT head_hash text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT id, hash::text FROM public.audit_event ORDER BY id DESC LIMIT 1
$f$;

-- The database's identity (db/identity.py) for an audit checkpoint: an auditor may not read
-- the settings, only this one value.
CREATE OR REPLACE FUNCTION public.jjjdesk_database_id() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  SELECT value::text FROM public.setting WHERE key = 'database.id'
$f$;

-- services/audit.py `_digest`, byte for byte: a JSON array without spaces, strings escaped as
-- Python's json.dumps(ensure_ascii=False) does, `at` as isoformat() of the UTC second.
CREATE OR REPLACE FUNCTION public.jjjdesk_audit_digest(p public.audit_event) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog AS $f$
  SELECT encode(sha256(convert_to('[' || concat_ws(',',
      to_json(p.prev_hash::text)::text,
      to_json(to_char(p.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00')::text,
      to_json(p.actor::text)::text, to_json(p.action::text)::text,
      to_json(p.entity::text)::text, coalesce(p.entity_id::text, 'null'),
      to_json(p.summary::text)::text, to_json(p.changes::text)::text,
      to_json(p.reason::text)::text, coalesce(p.import_batch_id::text, 'null')) || ']',
    'UTF8')), 'hex')
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_audit_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $f$
DECLARE
  who text;
  head record;
BEGIN
  -- Runs as the invoker, so current_user is the login (or the owner), not a definer.
  IF public.jjjdesk_is_owner(current_user) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock({lock});
  who := public.jjjdesk_username_of(current_user);
  IF who IS NULL OR NEW.actor IS DISTINCT FROM who THEN
    RAISE EXCEPTION 'audit row must name the signed-in user'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.at IS NULL OR abs(extract(epoch FROM NEW.at - clock_timestamp())) > {slack} THEN
    RAISE EXCEPTION 'audit row time is not the server time'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.at <> date_trunc('second', NEW.at)
     OR NEW.hash IS DISTINCT FROM public.jjjdesk_audit_digest(NEW) THEN
    RAISE EXCEPTION 'audit row hash does not match its content'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO head FROM public.jjjdesk_audit_head();
  IF NEW.prev_hash IS DISTINCT FROM coalesce(head.head_hash, '')
     OR NEW.id <= coalesce(head.head_id, 0) THEN
    RAISE EXCEPTION 'audit row does not chain onto the current head'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$f$;

-- A login's sign-in, noted by the login itself: it may not UPDATE app_user. session_user is
-- the role that authenticated (a SET ROLE does not change it).
CREATE OR REPLACE FUNCTION public.jjjdesk_note_sign_in(OUT o_username text,
                                                       OUT o_previous timestamptz,
                                                       OUT o_must_change boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
BEGIN
  SELECT u.username, u.last_login_at, u.must_change_password
    INTO o_username, o_previous, o_must_change
    FROM public.app_user u
   WHERE u.active AND public.jjjdesk_login_name(u.username) = session_user::text
     FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not the login of an active jjjdesk user'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE public.app_user SET last_login_at = date_trunc('second', now())
   WHERE username = o_username;
END
$f$;

-- A login that has just changed its own PostgreSQL password (ALTER ROLE CURRENT_USER) notes it
-- on its own row: it may not UPDATE app_user. Only the session user's own row, only these
-- columns; the argon2 hash keeps the owner's app sign-in path in step with the new password.
CREATE OR REPLACE FUNCTION public.jjjdesk_note_password_changed(p_hash text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
BEGIN
  IF p_hash IS NULL OR p_hash !~ '^\$argon2id?\$' THEN
    RAISE EXCEPTION 'an argon2 hash is required' USING ERRCODE = 'invalid_password';
  END IF;
  UPDATE public.app_user
     SET password_hash = p_hash, must_change_password = false,
         password_changed_at = date_trunc('second', now()), version = version + 1,
         updated_at = date_trunc('second', now())
   WHERE active AND public.jjjdesk_login_name(username) = session_user::text;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not the login of an active jjjdesk user'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_group_of(p_app_role text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $f$
  SELECT CASE WHEN p_app_role = ANY ({groups}) THEN {prefix_} || p_app_role END
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_sync_login(p_username text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
  u public.app_user%ROWTYPE;
  r pg_roles%ROWTYPE;
  login text;
  grp text;
BEGIN
  SELECT * INTO u FROM public.app_user WHERE username = p_username;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no jjjdesk user %', p_username USING ERRCODE = 'no_data_found';
  END IF;
  login := public.jjjdesk_login_name(u.username);
  SELECT * INTO r FROM pg_roles WHERE rolname = login;
  IF NOT FOUND THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', login);
  ELSIF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
     OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                WHERE m.member = r.oid AND NOT g.rolname = ANY ({group_names}))
  THEN
    -- A role made by someone else under our name (say, a member of pg_read_all_data):
    -- setting its password would hand over whatever it holds.
    RAISE EXCEPTION 'role % exists and is not a jjjdesk login', login
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Exactly one of our groups: the one of the user's role now.
  FOR grp IN SELECT g.rolname FROM pg_auth_members m
      JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
      WHERE l.rolname = login AND g.rolname = ANY ({group_names})
  LOOP
    EXECUTE format('REVOKE %I FROM %I', grp, login);
  END LOOP;
  grp := public.jjjdesk_group_of(u.role);
  IF grp IS NOT NULL THEN
    EXECUTE format('GRANT %I TO %I', grp, login);
  END IF;
  EXECUTE format('ALTER ROLE %I INHERIT %s', login,
                 CASE WHEN u.active AND grp IS NOT NULL THEN 'LOGIN' ELSE 'NOLOGIN' END);
  RETURN login;
END
$f$;

CREATE OR REPLACE FUNCTION public.jjjdesk_set_login_password(p_username text,
                                                             p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
DECLARE
  target text;
  login text;
BEGIN
  IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$' THEN
    RAISE EXCEPTION 'a SCRAM-SHA-256 verifier is required' USING ERRCODE = 'invalid_password';
  END IF;
  SELECT role INTO target FROM public.app_user WHERE username = p_username;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no jjjdesk user %', p_username USING ERRCODE = 'no_data_found';
  END IF;
  -- A sysadmin resets only ordinary accounts: taking over an admin, the secadmin or the
  -- auditor by setting its password would undo the separation of duties.
  IF target <> ALL ({ordinary}) AND NOT pg_has_role(session_user, {admin_group}, 'USAGE')
     AND NOT public.jjjdesk_is_owner(session_user) THEN
    RAISE EXCEPTION 'only an admin sets an admin''s password'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  login := public.jjjdesk_login_name(p_username);
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'login % does not exist', login USING ERRCODE = 'undefined_object';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', login, p_verifier);
END
$f$;
"""

#: Signature -> the groups that may execute it (EXECUTE is revoked from PUBLIC first).
def signatures(groups: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {
        "jjjdesk_login_name(text)": groups,
        "jjjdesk_user_of(name)": groups,
        "jjjdesk_unit_of(name)": groups,
        "jjjdesk_username_of(name)": groups,
        "jjjdesk_is_owner(name)": groups,
        "jjjdesk_audit_head()": groups,
        "jjjdesk_audit_guard()": groups,
        "jjjdesk_audit_digest(public.audit_event)": groups,
        "jjjdesk_database_id()": groups,
        "jjjdesk_group_of(text)": groups,
        "jjjdesk_note_sign_in()": groups,
        "jjjdesk_note_password_changed(text)": groups,
        "jjjdesk_sync_login(text)": ("admin", "sysadmin", "secadmin"),
        "jjjdesk_set_login_password(text, text)": ("admin", "sysadmin"),
    }
