"""Who may do what on a server project, enforced by PostgreSQL itself (grants and row-level security).

Roles, by member (an existing database login; creating logins stays with the administrator):
- owner: everything, including the codebook's structure, the documents, members and blinding;
- coder: codings and memos of their own, summaries, saved views, and emergent themes (codes whose
  origin is 'emergent'); they code only as themselves: a coding's coder must be their own login;
- reader: reads and exports only.
Blind coding (`meta.blind = 'on'`) hides other coders' codings from a coder's every query, a raw
`SELECT` from psql included; owners see everyone's, to compute agreement.

The functions the policies call run as the project's owner (SECURITY DEFINER), so they name every table
by its schema and every operator by pg_catalog's: a member's own temporary table called `members`
(temporary tables come first in a name's look-up) must not make them an owner. They are PL/pgSQL,
which keeps their plans for the session (a SQL function that cannot be inlined plans its query at
each call), and set no search_path, whose save and restore at every call would cost more than the
query: a coder's `add_coding` calls them about ten times.

The login that creates the project owns its tables (so PostgreSQL exempts it from row-level security)
and is its first owner. Other owners get their rights WITH GRANT OPTION, so they can add members too.
"""

from __future__ import annotations

from framework_qa.core.storage.schema import TABLE_COLUMNS

ROLES = ("owner", "coder", "reader")
PROJECT_TABLES = (*TABLE_COLUMNS, "changes", "meta", "members")
_CODER_WRITES = ("codings", "codes", "coders", "memos", "summaries", "saved_views", "changes")

MEMBERS_DDL = """
CREATE TABLE members (
    login TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('owner', 'coder', 'reader'))
);
INSERT INTO members (login, role) VALUES (session_user, 'owner');
INSERT INTO meta (key, value) VALUES ('blind', 'off');
"""

# The functions the policies call. `CREATE OR REPLACE` so that `REPAIR_DDL` can put them over the
# functions of a project made by an earlier framework-qa (see `REPAIR_LEVEL`).
FUNCTIONS_DDL = """
CREATE OR REPLACE FUNCTION fqa_role() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$ BEGIN
    RETURN (SELECT m.role FROM public.members AS m WHERE m.login OPERATOR(pg_catalog.=) session_user); END $$;
CREATE OR REPLACE FUNCTION fqa_blind() RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$ BEGIN
    RETURN coalesce((SELECT m.value OPERATOR(pg_catalog.=) 'on' FROM public.meta AS m
                     WHERE m.key OPERATOR(pg_catalog.=) 'blind'), false); END $$;
CREATE OR REPLACE FUNCTION fqa_coder_id() RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$ BEGIN
    RETURN (SELECT c.id FROM public.coders AS c WHERE c.name OPERATOR(pg_catalog.=) session_user); END $$;
"""

# What a project made by an earlier framework-qa needs to reach `REPAIR_LEVEL`: functions that name
# their tables by schema (the earlier ones let a member's temporary `members` table make them an owner),
# and no trigger announcing the feed inside the writer's transaction (announcements now follow the
# commit, see `server/feed.py`; the trigger made notifying writers commit one at a time).
REPAIR_LEVEL = "2"
REPAIR_DDL = FUNCTIONS_DDL + """
DROP TRIGGER IF EXISTS changes_notify ON changes;
DROP FUNCTION IF EXISTS fqa_notify();
"""


def _policies() -> str:
    """Row-level policies. Each function call is wrapped in a sub-select, which PostgreSQL evaluates
    once per query rather than once per row (100,000 codings: 30 ms instead of 3 s)."""
    out = []
    for table in PROJECT_TABLES:
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;")
        if table != "codings":
            out.append(f"CREATE POLICY member_reads ON {table} FOR SELECT USING ((SELECT fqa_role()) IS NOT NULL);")
        out.append(f"CREATE POLICY owner_writes ON {table} FOR ALL USING ((SELECT fqa_role()) = 'owner') "
                   "WITH CHECK ((SELECT fqa_role()) = 'owner');")
    coder = "(SELECT fqa_role()) = 'coder'"
    out += [
        "CREATE POLICY member_reads ON codings FOR SELECT USING ((SELECT fqa_role()) = 'owner' OR "
        "((SELECT fqa_role()) IS NOT NULL AND (NOT (SELECT fqa_blind()) OR coder_id = (SELECT fqa_coder_id()))));",
        f"CREATE POLICY own_codings ON codings FOR ALL USING ({coder} AND coder_id = (SELECT fqa_coder_id())) "
        f"WITH CHECK ({coder} AND coder_id = (SELECT fqa_coder_id()));",
        f"CREATE POLICY themes ON codes FOR ALL USING ({coder} AND origin = 'emergent') "
        f"WITH CHECK ({coder} AND origin = 'emergent');",
        f"CREATE POLICY themselves ON coders FOR INSERT WITH CHECK ({coder} AND name = session_user);",
    ]
    for table in ("memos", "summaries", "saved_views", "changes"):
        out.append(f"CREATE POLICY coder_writes ON {table} FOR ALL USING ({coder}) WITH CHECK ({coder});")
    return "\n".join(out)


# A new project starts at the current level, so its owner's first open has nothing to repair.
ACCESS_DDL = (MEMBERS_DDL + FUNCTIONS_DDL + _policies()
              + f"\nINSERT INTO meta (key, value) VALUES ('access_level', '{REPAIR_LEVEL}');")


def grant_sql(login: str, role: str) -> list[str]:
    """Statements giving `login` (already quoted as an identifier) the table rights of `role`."""
    tables = ", ".join(PROJECT_TABLES)
    statements = [f"REVOKE ALL ON {tables} FROM {login}", f"GRANT SELECT ON {tables} TO {login}"]
    if role == "coder":
        statements.append(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(_CODER_WRITES)} TO {login}")
    elif role == "owner":
        statements.append(f"GRANT ALL ON {tables} TO {login} WITH GRANT OPTION")
    return statements


def revoke_sql(login: str) -> list[str]:
    return [f"REVOKE ALL ON {', '.join(PROJECT_TABLES)} FROM {login}"]
