"""Project storage: the only package that speaks SQL. `ProjectStore` is the interface the core uses;
`Store` is its SQLite implementation (one file, the embedded default)."""

from framework_qa.core.storage.interface import FeedNews, FeedRecord, JournalEntry, ProjectStore
from framework_qa.core.storage.schema import SCHEMA_VERSION
from framework_qa.core.storage.store import Store

__all__ = ["SCHEMA_VERSION", "FeedNews", "FeedRecord", "JournalEntry", "ProjectStore", "Store"]
