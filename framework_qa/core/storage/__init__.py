"""Project storage: the SQLite file, its schema and migrations. No other package writes SQL."""

from framework_qa.core.storage.schema import SCHEMA_VERSION
from framework_qa.core.storage.store import JournalEntry, Store

__all__ = ["SCHEMA_VERSION", "JournalEntry", "Store"]
