"""Choosing the GUID of a new row: the one a caller wants when it is still free, else a fresh one."""

from __future__ import annotations

from framework_qa.core.project.base import new_guid
from framework_qa.core.storage import ProjectStore


def free_guid(store: ProjectStore, table: str, wanted: str | None) -> str:
    """`wanted` when no row of `table` has that GUID yet, else a new one.

    Keeping an exchange file's GUID lets a round trip keep identities; a GUID already taken (the same
    file imported twice, say) is never reused, since a GUID names one row across projects. GUIDs are
    compared as stored: the exchange reader and `new_guid` both write them in lower case.
    """
    if wanted and not store.select(table, ("id",), guid=wanted):
        return wanted
    return new_guid()
