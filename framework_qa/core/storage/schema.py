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

MIGRATIONS: list[str] = [_V1, _V2]
SCHEMA_VERSION = len(MIGRATIONS)

# Tables the journaled write primitives may touch; anything else is a programming error.
TABLES: frozenset[str] = frozenset(
    {"cases", "documents", "attributes", "case_values", "codes", "coders", "codings", "memos",
     "summaries", "saved_views"}
)
