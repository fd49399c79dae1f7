"""The project file's schema, as an ordered list of forward migrations.

`MIGRATIONS[i]` takes a file from version i to version i + 1; a new file runs them all. A file whose
stored version is above `SCHEMA_VERSION` comes from a newer framework-qa and is refused, never altered.
Foreign keys have no cascades on purpose: every dependent row is removed by a journaled command, so undo
can restore it.
"""

from __future__ import annotations

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    guid TEXT NOT NULL UNIQUE
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    spans TEXT NOT NULL,
    case_id INTEGER REFERENCES cases(id),
    imported_at TEXT NOT NULL,
    guid TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    length INTEGER NOT NULL
);
CREATE INDEX documents_case ON documents(case_id);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE TABLE attributes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date'))
);
CREATE TABLE case_values (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    attribute_id INTEGER NOT NULL REFERENCES attributes(id),
    value TEXT NOT NULL,
    UNIQUE (case_id, attribute_id)
);
CREATE TABLE codes (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES codes(id),
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    inclusion TEXT NOT NULL DEFAULT '',
    exclusion TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('deductive', 'emergent')),
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX codes_parent ON codes(parent_id);
CREATE TABLE coders (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    guid TEXT NOT NULL UNIQUE
);
CREATE TABLE codings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    code_id INTEGER NOT NULL REFERENCES codes(id),
    coder_id INTEGER NOT NULL REFERENCES coders(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    guid TEXT NOT NULL UNIQUE,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX codings_document ON codings(document_id, start);
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_coder ON codings(coder_id);
CREATE TABLE memos (
    id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'case', 'code')),
    target_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (target_kind, target_id)
);
"""

_V2 = """
CREATE TABLE summaries (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    code_id INTEGER NOT NULL REFERENCES codes(id),
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (case_id, code_id)
);
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    UNIQUE (kind, name)
);
"""

# Version 3: row ids are never reused (AUTOINCREMENT), so an undo followed by another writer's insert
# and a redo cannot collide; sibling codes are unique by name in the database itself (a race between
# two processes cannot create twins); and a change feed that other processes read to catch up.
# Codes that already have a twin of the same name under the same parent are renamed "Name (id)" first.
TABLE_COLUMNS = {
    "cases": """
        name TEXT NOT NULL UNIQUE,
        guid TEXT NOT NULL UNIQUE""",
    "documents": """
        name TEXT NOT NULL UNIQUE,
        original_name TEXT NOT NULL,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        spans TEXT NOT NULL,
        case_id INTEGER REFERENCES cases(id),
        imported_at TEXT NOT NULL,
        guid TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        length INTEGER NOT NULL""",
    "attributes": """
        name TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date'))""",
    "case_values": """
        case_id INTEGER NOT NULL REFERENCES cases(id),
        attribute_id INTEGER NOT NULL REFERENCES attributes(id),
        value TEXT NOT NULL,
        UNIQUE (case_id, attribute_id)""",
    "codes": """
        guid TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES codes(id),
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        definition TEXT NOT NULL DEFAULT '',
        inclusion TEXT NOT NULL DEFAULT '',
        exclusion TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL CHECK (origin IN ('deductive', 'emergent')),
        position INTEGER NOT NULL DEFAULT 0""",
    "coders": """
        name TEXT NOT NULL UNIQUE,
        guid TEXT NOT NULL UNIQUE""",
    "codings": """
        document_id INTEGER NOT NULL REFERENCES documents(id),
        code_id INTEGER NOT NULL REFERENCES codes(id),
        coder_id INTEGER NOT NULL REFERENCES coders(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        memo TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        guid TEXT NOT NULL UNIQUE,
        CHECK (start >= 0 AND "end" > start)""",
    "memos": """
        target_kind TEXT NOT NULL CHECK (target_kind IN ('project', 'document', 'case', 'code')),
        target_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (target_kind, target_id)""",
    "summaries": """
        case_id INTEGER NOT NULL REFERENCES cases(id),
        code_id INTEGER NOT NULL REFERENCES codes(id),
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (case_id, code_id)""",
    "saved_views": """
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        UNIQUE (kind, name)""",
}


def _rebuild(table: str, columns: str) -> str:
    """SQLite's documented way to change a table: build the new one, copy, drop, rename (foreign keys
    are off while migrations run, and checked after)."""
    return (f"CREATE TABLE {table}_v3 (\n        id INTEGER PRIMARY KEY AUTOINCREMENT,{columns}\n);\n"
            f"INSERT INTO {table}_v3 SELECT * FROM {table};\n"
            f"DROP TABLE {table};\n"
            f"ALTER TABLE {table}_v3 RENAME TO {table};\n")


# Shared with the server schema (storage/server/schema.py), which must stay the same at each version.
INDEXES_V3 = """
CREATE INDEX documents_case ON documents(case_id);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX codes_parent ON codes(parent_id);
CREATE UNIQUE INDEX codes_sibling_name ON codes(coalesce(parent_id, 0), name);
CREATE INDEX codings_document ON codings(document_id, start);
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_coder ON codings(coder_id);
"""
CHANGES_V3 = """
CREATE TABLE changes (
    {seq},
    writer TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    label TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('do', 'undo', 'redo')),
    rows TEXT NOT NULL,
    documents TEXT NOT NULL
);
"""

_V3 = (
    """
UPDATE codes SET name = name || ' (' || id || ')'
WHERE EXISTS (SELECT 1 FROM codes AS twin WHERE twin.name = codes.name AND twin.id < codes.id
              AND coalesce(twin.parent_id, 0) = coalesce(codes.parent_id, 0));
"""
    + "".join(_rebuild(t, c) for t, c in TABLE_COLUMNS.items())
    + INDEXES_V3
    + CHANGES_V3.format(seq="seq INTEGER PRIMARY KEY AUTOINCREMENT")
)

# Version 4: who did what. Every row records the account that created it and the one that last changed
# it, and when (UTC); the store fills them in on every insert and update, and an undo puts them back
# with the rest of the row. Rows from before version 4 have them empty.
AUDIT_COLUMNS = ("created_by", "changed_by", "changed_at")
V4 = "".join(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT '';\n"
             for table in TABLE_COLUMNS for column in AUDIT_COLUMNS)

MIGRATIONS: list[str] = [_V1, _V2, _V3, V4]
SCHEMA_VERSION = len(MIGRATIONS)

# Tables the journaled write primitives may touch; anything else is a programming error.
TABLES: frozenset[str] = frozenset(
    {"cases", "documents", "attributes", "case_values", "codes", "coders", "codings", "memos",
     "summaries", "saved_views"}
)

# The order in which whole tables can be copied into an empty project (parents before children).
COPY_ORDER: tuple[str, ...] = ("cases", "documents", "attributes", "case_values", "codes", "coders", "codings",
                               "memos", "summaries", "saved_views")
