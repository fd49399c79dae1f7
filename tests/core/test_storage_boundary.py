"""Architecture contracts: only `core/storage/` speaks to a database (no driver import, no SQL dialect
outside it); the core imports neither the GUI nor the CLI; the GUI and the CLI never import storage.

Checked over the source text of every module, so a new file that breaks a rule fails CI at once.
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


def _imports(path: Path, package: str) -> bool:
    return re.search(rf"^\s*(from|import)\s+{re.escape(package)}\b", path.read_text("utf-8"), re.MULTILINE) is not None


def test_the_core_imports_neither_the_gui_nor_the_cli() -> None:
    core = PACKAGE / "core"
    offenders = [str(p.relative_to(PACKAGE)) for p in core.rglob("*.py")
                 if _imports(p, "framework_qa.gui") or _imports(p, "framework_qa.cli")]
    assert offenders == []


def test_the_gui_and_the_cli_never_import_storage() -> None:
    offenders = [str(p.relative_to(PACKAGE)) for folder in ("gui", "cli") for p in (PACKAGE / folder).rglob("*.py")
                 if _imports(p, "framework_qa.core.storage")]
    assert offenders == []


def test_the_rules_would_catch_a_breach() -> None:
    assert DRIVER.search("from sqlite3 import connect\n")
    assert DIALECT.search('conn.execute("SELECT 1")') and DIALECT.search("cur.lastrowid")
    assert len(_modules()) > 50
    assert re.search(r"^\s*(from|import)\s+framework_qa\.core\.storage\b", "    from framework_qa.core.storage import X",
                     re.MULTILINE)
