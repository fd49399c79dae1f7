"""framework-qa's extension file inside a .qdpx: the analysis REFI-QDA has no place for.

The archive gets one extra entry, `framework-qa/analysis.json`, beside `project.qde` and `sources/`.
Other tools read only the `.qde` and the files it names, so they ignore it, and the `.qde` still
validates against the schema. Everything in it is keyed by the GUIDs the `.qde` uses, so a reader
matches it to the exchanged items; an entry whose GUIDs no longer match is simply not applied.

Contents (version 1), all optional:
- `codes`: {code GUID: {"origin": "emergent"|"deductive", "definition", "inclusion", "exclusion"}}
- `summaries`: [{"case", "code", "text", "updated_at", "codings": [selection GUIDs], "note"}]
- `views`: {kind: {name: spec}} (saved matrices and other saved views, as stored)
"""

from __future__ import annotations

import json
from typing import Any

from .errors import RefiError
from .model import ImportReport

ENTRY = "framework-qa/analysis.json"
FORMAT = "framework-qa-analysis"
VERSION = 1


def extension_bytes(extension: dict[str, Any]) -> bytes:
    """The entry's content: `extension` with the format marker, as UTF-8 JSON."""
    return json.dumps({"format": FORMAT, "version": VERSION} | extension, ensure_ascii=False,
                      sort_keys=True, indent=1).encode("utf-8")


def read_extension(entries: dict[str, bytes], label: str, report: ImportReport) -> dict[str, Any] | None:
    """The extension of an archive, or None when it has none; an unreadable one is reported and skipped.

    Raises nothing: the extension only adds to what the standard part carries, so a damaged one must
    not cost the user the rest of the project.
    """
    data = entries.get(ENTRY)
    if data is None:
        return None
    try:
        content = json.loads(data.decode("utf-8"))
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise RefiError("not a framework-qa analysis file")
        if int(content.get("version", 0)) > VERSION:
            report.adjusted.append(f"{label}: {ENTRY} comes from a newer framework-qa; what is known was read.")
    except (ValueError, RefiError, TypeError) as exc:
        report.dropped.append(f"{label}: {ENTRY} could not be read ({exc}); framework-qa's summaries, code "
                              "origins and saved views in it were not brought in.")
        return None
    return content
