"""Only `core/storage/` speaks to a database: no driver import, no SQL dialect outside it.

Checked over the source text of every module, so a new file that breaks the rule fails CI at once.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "framework_qa"
STORAGE = PACKAGE / "core" / "storage"
DRIVER = re.compile(r"^\s*(import|from)\s+(sqlite3|psycopg|psycopg2|sqlalchemy)\b", re.MULTILINE)
DIALECT = re.compile(r"\bPRAGMA\b|\blastrowid\b|INSERT OR (REPLACE|IGNORE)|sqlite3\.Row|\bexecute\(\s*f?[\"']"
                     r"\s*(SELECT|INSERT|UPDATE|DELETE)\b")


def _modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if STORAGE not in p.parents]


def test_no_module_outside_storage_imports_a_database_driver() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules() if DRIVER.search(p.read_text("utf-8"))]
    assert offenders == []


def test_no_sqlite_construct_leaks_out_of_storage() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules() if DIALECT.search(p.read_text("utf-8"))]
    assert offenders == []


def test_the_rules_would_catch_a_breach() -> None:
    assert DRIVER.search("from sqlite3 import connect\n")
    assert DIALECT.search('conn.execute("SELECT 1")') and DIALECT.search("cur.lastrowid")
    assert len(_modules()) > 50
