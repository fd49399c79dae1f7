"""The project's history: the change feed told as sentences, for project files and server projects alike.

Every committed command, undo and redo leaves a feed record (see `storage.feed`); here each becomes
"2026-11-30 09:14 amira: Code as 'Bond' in P03". Times are UTC, as stored, so colleagues in different
time zones read the same history. Document names are looked up now: a document deleted since is left
out of the sentence (its id stays in `as_json()`'s `document_ids`). The feed keeps the last
`storage.feed.KEEP` records; older ones are gone, so a long history starts part-way through.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from framework_qa.core.errors import FqaError
from framework_qa.core.project import Project
from framework_qa.core.storage import FeedRecord

_NAMED = 3  # document names spelled out in a sentence before "and N more"
_VERBS = {"do": "", "undo": "Undo ", "redo": "Redo "}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One feed record with the names of its documents that still exist."""

    record: FeedRecord
    documents: tuple[str, ...]

    @property
    def sentence(self) -> str:
        r = self.record
        when = r.at.replace("T", " ")[:16]
        where = f" in {_names(self.documents)}" if self.documents else ""
        return f"{when} {r.who}: {_VERBS.get(r.action, '')}{r.label}{where}"

    def as_json(self) -> dict[str, Any]:
        r = self.record
        return {"seq": r.seq, "at": r.at, "who": r.who, "action": r.action, "label": r.label,
                "documents": list(self.documents), "document_ids": list(r.documents),
                "rows": {t: list(ids) for t, ids in r.rows.items()}, "sentence": self.sentence}


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= _NAMED + 1:
        return ", ".join(names)
    return f"{', '.join(names[:_NAMED])} and {len(names) - _NAMED} more"


def parse_since(text: str) -> str:
    """A date (`2026-11-30`) or time (`2026-11-30T09:00`, `2026-11-30 09:00+01:00`) as the stored UTC form
    `2026-11-30T08:00:00Z`, for comparing with feed times. A time without a zone is taken as UTC."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise FqaError(f"'{text}' is not a date or time; use e.g. 2026-11-30 or 2026-11-30T09:00 (UTC)") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def history(project: Project, *, since: str | None = None, who: str | None = None) -> list[HistoryEntry]:
    """The project's feed records, oldest first, from `since` (see `parse_since`) and by account `who`."""
    since_at = None if since is None else parse_since(since)
    records = project.store.feed_records(since_at=since_at, who=who)
    names = {d.id: d.name for d in project.documents()}
    return [HistoryEntry(r, tuple(names[d] for d in r.documents if d in names)) for r in records]
