"""Team projects: whole-project copies between a project file and a server project, and the history.

- `publish(study.fqa, address)` puts a project file on a server (into an empty database);
- `checkout(address, copy.fqa)` takes a file copy of a server project, to code offline;
- `checkin(copy.fqa, address, coder)` brings a coder's codings from such a copy back (content-matched
  merge, so it works whatever changed on the server meanwhile);
- `history(project)` tells the change feed as sentences, for files and server projects alike.
"""

from __future__ import annotations

from framework_qa.core.team.copies import CopyReport, checkin, checkout, copy_project, publish
from framework_qa.core.team.history import HistoryEntry, history, parse_since

__all__ = ["CopyReport", "HistoryEntry", "checkin", "checkout", "copy_project", "history", "parse_since",
           "publish"]
