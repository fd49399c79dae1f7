"""Choosing the back end for a project address: a file path (SQLite) or `postgresql://...` (a server)."""

from __future__ import annotations

from pathlib import Path

from framework_qa.core.storage.interface import ProjectStore
from framework_qa.core.storage.server.url import is_server_address


def open_store(target: str | Path, *, create: bool = False) -> ProjectStore:
    """The store for `target`; a server address loads the PostgreSQL driver, a path never does."""
    if is_server_address(target):
        from framework_qa.core.storage.server.store import ServerStore

        return ServerStore(str(target), create=create)
    from framework_qa.core.storage.store import Store

    return Store(target, create=create)
