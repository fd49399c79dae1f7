"""What one import put into a project (`ImportOutcome`), beside the report of what it dropped or adjusted."""

from __future__ import annotations

from dataclasses import dataclass, field

from framework_qa.core.commands import Change
from framework_qa.core.interop.refi import ImportReport


@dataclass
class ImportOutcome:
    """What one import put into the project, beside the report of what it dropped or adjusted."""

    report: ImportReport
    documents: int = 0
    codes: int = 0
    codings: int = 0
    coders: list[str] = field(default_factory=list)
    cases: int = 0
    attribute_values: int = 0
    memos: int = 0
    codes_matched: int = 0  # codebook imports: codes already in the project by GUID
    codes_matched_by_path: list[str] = field(default_factory=list)  # ... or by path, GUID differing
    change: Change | None = None

    def summary(self) -> str:
        coders = f" by {_count(len(self.coders), 'coder')}" if self.coders else ""
        return (f"{_count(self.documents, 'document')}, {_count(self.codes, 'new code')}, "
                f"{_count(self.codings, 'coding')}{coders}, {_count(self.cases, 'case')}, "
                f"{_count(self.attribute_values, 'attribute value')}, {_count(self.memos, 'memo')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
